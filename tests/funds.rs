//! Several funds in one agreement, through the real binary on real files: the bundled Better
//! Care Fund example, its scenarios, the JSON shape, the working as a lawyer reads it, and the
//! diagnostics for results that do not fit the funds.

use std::path::PathBuf;

use assert_cmd::Command;

const AGREEMENT: &str = "examples/better-care-fund.concord";
const SCENARIOS: &str = "examples/better-care-fund.scenarios";

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Writes `text` to a file of the test's own under the target's scratch directory.
fn write(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("funds");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scratch file");
    path
}

/// A scenario file for the bundled example, from the example's own folder.
fn scenarios(name: &str, body: &str) -> PathBuf {
    let agreement = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(AGREEMENT);
    write(name, &format!("scenarios for \"{}\"\n\n{body}", agreement.display()))
}

fn stdout(cmd: &mut Command) -> (Option<i32>, String) {
    let output = cmd.output().expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_bundled_scenarios_pass() {
    let (code, text) = stdout(concord().args(["test", SCENARIOS]));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("10 passed, 0 failed"), "{text}");
}

#[test]
fn the_example_checks_clean_and_keeps_its_layout() {
    let (code, text) = stdout(concord().args(["check", "--deny", "warnings", AGREEMENT]));
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = stdout(concord().args(["fmt", "--check", AGREEMENT, SCENARIOS]));
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn the_working_goes_fund_by_fund_then_across_the_funds() {
    let (code, text) = stdout(concord().args([
        "eval",
        AGREEMENT,
        SCENARIOS,
        "--scenario",
        "An overspend on beds, partly offset by reablement",
    ]));
    assert_eq!(code, Some(0), "{text}");
    insta::assert_snapshot!("overspend_offset_working", text);
}

#[test]
fn a_lifted_cap_says_so_in_the_working() {
    let (code, text) = stdout(concord().args([
        "eval",
        AGREEMENT,
        SCENARIOS,
        "--scenario",
        "The same overspend once additional contributions are agreed",
    ]));
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("“agree additional contributions” was agreed, so the cap does not apply this year"),
        "{text}"
    );
    let (_, capped) = stdout(concord().args([
        "eval",
        AGREEMENT,
        SCENARIOS,
        "--scenario",
        "A discharge overspend beyond both contributions",
    ]));
    assert!(capped.contains("(“agree additional contributions” was not agreed)"), "{capped}");
    assert!(capped.contains("Unallocated over all funds: £4,500,000.00."), "{capped}");
}

#[test]
fn json_gives_each_fund_each_line_and_the_totals() {
    let (code, text) = stdout(concord().args([
        "eval",
        "--format",
        "json",
        AGREEMENT,
        SCENARIOS,
        "--scenario",
        "Underspends on every line",
    ]));
    assert_eq!(code, Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let working = &json["results"][0]["working"];
    // The existing fields stay: the totals over the funds.
    assert_eq!(working["outcome"], "surplus");
    assert_eq!(working["result"], "600000.00");
    let funds = &working["funds"];
    assert_eq!(funds["funds"].as_array().map(Vec::len), Some(2));
    let bcf = &funds["funds"][0];
    assert_eq!(bcf["name"], "Better Care Fund");
    assert_eq!(bcf["kind"], "pooled_fund");
    assert_eq!(bcf["lines"][1]["name"], "Community beds");
    assert_eq!(bcf["lines"][1]["variance"], "200000.00");
    assert_eq!(bcf["lines"][1]["risk"], "line_share");
    assert_eq!(bcf["lines"][1]["commissioners"][0]["amount"], "140000.00");
    assert_eq!(bcf["members"][0]["net"], "280000.00");
    assert_eq!(funds["risk_pools"][0]["balance"], "500000.00");
    assert_eq!(funds["members"][0]["member"], "icb");
    assert_eq!(funds["members"][0]["received"], "380000.00");
    assert_eq!(working["members"][1]["amount"], "220000.00");
}

#[test]
fn an_agreement_without_funds_has_no_funds_in_its_json() {
    let (code, text) = stdout(concord().args([
        "eval",
        "--format",
        "json",
        "examples/section-75-pooled-budget.concord",
        "examples/section-75-pooled-budget.scenarios",
        "--scenario",
        "An overspend of £2m",
    ]));
    assert_eq!(code, Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(json["results"][0]["working"].get("funds").is_none(), "{text}");
}

/// The report of `concord test` on one scenario file made for the bundled example, without
/// the scratch directory's path.
fn test_report(name: &str, body: &str) -> (Option<i32>, String) {
    let path = scenarios(name, body);
    let (code, text) = stdout(concord().args(["test", "--color", "never"]).arg(&path));
    let dir = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
    (code, text.replace(&dir, "[scratch]").replace(env!("CARGO_MANIFEST_DIR"), "[repo]"))
}

const ALL_COSTS: &str = "  actual cost of \"Reablement\" £5,000,000
  actual cost of \"Community beds\" £10,000,000
  actual cost of \"Hospital discharge\" £5,000,000
  actual cost of \"Health equipment\" £1,200,000
  actual cost of \"Council equipment\" £800,000
";

#[test]
fn one_actual_cost_for_several_funds_asks_which() {
    let (code, text) =
        test_report("which.scenarios", "scenario \"One figure\"\n  actual cost £22,000,000\n  expect unallocated £0\n");
    assert_eq!(code, Some(2), "{text}");
    insta::assert_snapshot!("which_fund", text);
}

#[test]
fn a_cost_of_something_that_is_no_fund_or_line() {
    let (code, text) = test_report(
        "not-a-fund.scenarios",
        &format!("scenario \"A slip\"\n{ALL_COSTS}  actual cost of \"Reablment\" £1\n  expect unallocated £0\n"),
    );
    assert_eq!(code, Some(2), "{text}");
    insta::assert_snapshot!("not_a_fund", text);
}

#[test]
fn every_missing_line_cost_is_named() {
    let (code, text) = test_report(
        "missing.scenarios",
        "scenario \"Half the costs\"\n  actual cost of \"Reablement\" £5,000,000\n  expect unallocated £0\n",
    );
    assert_eq!(code, Some(2), "{text}");
    for line in ["Community beds", "Hospital discharge", "Health equipment", "Council equipment"] {
        assert!(text.contains(&format!("does not give the actual cost of “{line}”")), "{text}");
    }
    insta::assert_snapshot!("missing_actual_cost", text);
}

#[test]
fn a_decision_that_lifts_no_cap() {
    let (code, text) = test_report(
        "not-liftable.scenarios",
        &format!(
            "scenario \"The wrong decision\"\n{ALL_COSTS}  \"commit pooled funds to a scheme\" was agreed\n  expect unallocated £0\n"
        ),
    );
    assert_eq!(code, Some(2), "{text}");
    insta::assert_snapshot!("cap_not_liftable", text);
}

#[test]
fn an_expectation_in_a_fund_that_does_not_exist() {
    let (code, text) = test_report(
        "expect-in.scenarios",
        &format!("scenario \"In which fund?\"\n{ALL_COSTS}  expect icb receives £0 in \"Better Care\"\n"),
    );
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("concord::model::not_a_fund"), "{text}");
    assert!(text.contains("the agreement's funds are: “Better Care Fund”"), "{text}");
}

const BASE: &str = "agreement \"Funds\"\n\nmember icb\n\nmember council\n\n";

#[test]
fn agreement_diagnostics_for_funds() {
    let cases = [
        (
            "duplicate_contribution",
            "pooled fund \"F\"\n  hosted by council\n  icb contributes £1m\n  icb contributes £2m\n",
        ),
        ("missing_line_budget", "pooled fund \"F\"\n  hosted by council\n  line \"L\" commissioned by icb\n"),
        (
            "not_a_fund",
            "pooled fund \"F\"\n  hosted by council\n  icb contributes £1m\n\ndeficits of \"F\"\n  from the risk pool \"F\"\n  then shared equally\n",
        ),
    ];
    for (code, body) in cases {
        let path = write(&format!("{code}.concord"), &format!("{BASE}{body}"));
        let (status, text) = stdout(concord().args(["check", "--color", "never"]).arg(&path));
        assert_eq!(status, Some(2), "{text}");
        assert!(text.contains(&format!("concord::model::{code}")), "{text}");
        let dir = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
        insta::assert_snapshot!(format!("agreement_{code}"), text.replace(&dir, "[scratch]"));
    }
}

#[test]
fn figures_too_large_to_add_up_are_a_coded_error_not_a_panic() {
    let agreement = write(
        "huge.concord",
        &format!(
            "{BASE}pooled fund \"F\"\n  hosted by council\n  line \"A\" £79,000,000,000,000,000,000,000,000,000 commissioned by icb, no risk share\n  line \"B\" £79,000,000,000,000,000,000,000,000,000 commissioned by council, no risk share\n"
        ),
    );
    let input = write(
        "huge.scenarios",
        &format!(
            "scenarios for \"{}\"\n\nscenario \"Huge\"\n  actual cost of \"A\" £0\n  actual cost of \"B\" £0\n  expect unallocated £0\n",
            agreement.display()
        ),
    );
    let output = concord().args(["eval"]).arg(&agreement).arg(&input).output().expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(output.status.code(), Some(2), "{text}{err}");
    assert!(text.contains("concord::eval::overflow"), "{text}");
}

#[test]
fn a_single_budget_figure_in_a_result_for_funds_is_refused_not_ignored() {
    for clause in ["capitated budget £1", "other income £1", "contingency fund balance £1"] {
        let (code, text) =
            test_report("single-figure.scenarios", &format!("scenario \"One pot\"\n{ALL_COSTS}  {clause}\n"));
        assert_eq!(code, Some(2), "{text}");
        assert!(text.contains("cannot be used in an agreement with funds"), "{text}");
    }
}
