//! Across years, through the real binary on the bundled Hounslow example: an underspend carried
//! forward subject to a decision, next year's contributions uplifted to the penny, and scenarios
//! that follow one another (a snapshot of a two-year working, the JSON fields), with the
//! refusals when the result or the sequence is not settled.

use std::path::PathBuf;

use assert_cmd::Command;

const AGREEMENT: &str = "examples/hounslow-integrated-care-fund.concord";
const SCENARIOS: &str = "examples/hounslow-integrated-care-fund.scenarios";

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A scenario file for the Hounslow example, written beside a copy of the agreement.
fn scenarios(name: &str, body: &str) -> PathBuf {
    // A folder of its own for each scenario file: tests run at once, and one test copying the
    // agreement must not truncate it under another that is reading it.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("years-each").join(name);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(AGREEMENT), dir.join("hounslow-integrated-care-fund.concord")).expect("copy");
    let path = dir.join(name);
    std::fs::write(&path, format!("scenarios for \"hounslow-integrated-care-fund.concord\"\n\n{body}"))
        .expect("scratch file");
    path
}

/// A year's costs: reablement as given, everything else on budget, and the extra lines.
fn year(name: &str, follows: Option<&str>, reablement: &str, extra: &str) -> String {
    let follows = follows.map_or_else(String::new, |f| format!(" follows \"{f}\""));
    format!(
        "scenario \"{name}\"{follows}\n  actual cost of \"Reablement\" {reablement}\n  actual cost of \"Community beds\" £9,000,000\n  actual cost of \"Hospital discharge\" £5,000,000\n  actual cost of \"Health equipment\" £1,200,000\n  actual cost of \"Council equipment\" £800,000\n{extra}  expect unallocated £0\n\n"
    )
}

#[test]
fn the_bundled_scenarios_pass_and_the_example_is_clean() {
    let (code, out, _) = run(concord().args(["test", SCENARIOS]));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("9 passed, 0 failed"), "{out}");
    let (code, out, err) = run(concord().args(["check", "--deny", "warnings", AGREEMENT, SCENARIOS]));
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = run(concord().args(["fmt", "--check", AGREEMENT, SCENARIOS]));
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn the_working_of_a_second_year() {
    let (code, out, err) =
        run(concord().args(["eval", AGREEMENT, SCENARIOS, "--scenario", "Year two: reablement overspends"]));
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("second_year_working", out);
}

#[test]
fn the_working_of_a_first_year_carrying_forward() {
    let (code, out, err) = run(concord().args(["eval", AGREEMENT, SCENARIOS, "--scenario", "Year one"]));
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("first_year_working", out);
}

#[test]
fn the_json_gives_what_is_carried_forward_and_next_years_contributions() {
    let (code, out, err) =
        run(concord().args(["eval", "--format", "json", AGREEMENT, SCENARIOS, "--scenario", "Year two on budget"]));
    assert_eq!(code, Some(0), "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let working = &json["results"][0]["working"];
    assert_eq!(working["follows"], "Year one");
    let fund = &working["funds"]["funds"][0];
    assert_eq!(fund["brought_forward"], "200000.00");
    assert_eq!(fund["contributions_beyond_lines"], "500000.00");
    assert_eq!(fund["carried_forward"], "350000.00");
    assert_eq!(fund["uplift"], "2.5");
    assert_eq!(fund["contributions"][0]["amount"], "14350000.00");
    assert_eq!(fund["next_contributions"][0]["member"], "icb");
    assert_eq!(fund["next_contributions"][0]["amount"], "14708750.00");
    assert_eq!(fund["next_contributions"][1]["amount"], "6303750.00");
    let step = &fund["waterfall"]["steps"][0];
    assert_eq!(step["kind"], "carry_forward");
    assert_eq!(step["taken"], "350000.00");
    assert_eq!(fund["parties"][0]["kind"], "carried_forward");
    assert_eq!(fund["parties"][0]["party"], "next year's “Integrated Care Fund”");
    // A year that follows nothing says so by leaving `follows` out.
    let (_, out, _) = run(concord().args(["eval", "--format", "json", AGREEMENT, SCENARIOS, "--scenario", "Year one"]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(json["results"][0]["working"].get("follows").is_none(), "{out}");
    assert_eq!(json["results"][0]["working"]["funds"]["funds"][0]["brought_forward"], "0.00");
}

#[test]
fn a_result_silent_about_the_decision_is_refused() {
    let path = scenarios("silent.scenarios", &year("Year one", None, "£5,600,000", ""));
    let (code, out, err) = run(concord().args(["eval", AGREEMENT]).arg(&path));
    assert_eq!(code, Some(2), "{out}{err}");
    let text = format!("{out}{err}");
    assert!(text.contains("concord::eval::carry_forward_not_settled"), "{text}");
    insta::assert_snapshot!("silent_result", text.replace(path.to_string_lossy().as_ref(), "silent.scenarios"));
}

#[test]
fn a_result_silent_where_nothing_is_carried_is_not_refused() {
    // An overspend: no savings waterfall runs, so the decision does not matter.
    let path = scenarios("overspend.scenarios", &year("Year one", None, "£6,100,000", ""));
    let (code, out, err) = run(concord().args(["eval", AGREEMENT]).arg(&path));
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn a_year_after_a_year_that_cannot_be_worked_out_is_not_worked_out() {
    let body = year("Year one", None, "£5,600,000", "")
        + &year("Year two", Some("Year one"), "£6,000,000", "  \"approve carry forward\" was agreed\n");
    let path = scenarios("broken-chain.scenarios", &body);
    let (code, out, err) = run(concord().args(["eval", AGREEMENT]).arg(&path).args(["--scenario", "Year two"]));
    assert_eq!(code, Some(2), "{out}{err}");
    let text = format!("{out}{err}");
    assert!(text.contains("concord::eval::earlier_year_not_worked_out"), "{text}");
    assert!(text.contains("concord::eval::carry_forward_not_settled"), "{text}");
}

#[test]
fn sequences_that_are_not_settled_are_refused() {
    let cases = [
        ("unknown", year("Year two", Some("Year on"), "£6,000,000", ""), "concord::model::unknown_scenario"),
        (
            "later",
            year("Year two", Some("Year one"), "£6,000,000", "") + &year("Year one", None, "£6,000,000", ""),
            "concord::model::follows_later_scenario",
        ),
        ("itself", year("Year one", Some("Year one"), "£6,000,000", ""), "concord::model::follows_later_scenario"),
        (
            "ambiguous",
            year("Year one", None, "£6,000,000", "")
                + &year("Year one", None, "£6,000,000", "")
                + &year("Year two", Some("Year one"), "£6,000,000", ""),
            "concord::model::ambiguous_scenario",
        ),
        (
            "both",
            year(
                "Year one",
                None,
                "£5,600,000",
                "  \"approve carry forward\" was agreed\n  \"approve carry forward\" was not agreed\n",
            ),
            "concord::model::agreed_and_not_agreed",
        ),
        (
            "not-asked",
            year("Year one", None, "£5,600,000", "  \"commit the funds\" was agreed\n"),
            "concord::model::decision_not_asked",
        ),
    ];
    for (name, body, code_expected) in cases {
        let path = scenarios(&format!("{name}.scenarios"), &body);
        let (code, out, err) = run(concord().args(["test"]).arg(&path));
        assert_eq!(code, Some(2), "{name}: {out}{err}");
        let text = format!("{out}{err}");
        assert!(text.contains(code_expected), "{name}: {text}");
        let dir = path.parent().map(|d| format!("{}/", d.display())).unwrap_or_default();
        insta::assert_snapshot!(
            format!("refused_{}", name.replace('-', "_")),
            text.replace(path.to_string_lossy().as_ref(), &format!("{name}.scenarios")).replace(&dir, "")
        );
    }
}

#[test]
fn a_carry_forward_outside_a_fund_and_bad_uplifts_are_refused() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("years");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let cases = [
        (
            "outside",
            "agreement \"X\"\nmember icb\nmember council\nsavings\n  everything carried forward to next year\ndeficits\n  shared equally\n",
            "concord::model::carry_forward_outside_fund",
        ),
        (
            "no-contributions",
            "agreement \"X\"\nmember icb\nmember council\naligned budget \"E\"\n  next year's contributions are this year's plus 2%\n  line \"L\" £1,000 commissioned by icb, no risk share\n",
            "concord::model::uplift_without_contributions",
        ),
        (
            "below-nothing",
            "agreement \"X\"\nmember icb\nmember council\nrisk pool \"P\"\n  hosted by icb\n  icb contributes £1,000\n  next year's contributions are this year's less 101%\n",
            "concord::model::uplift_below_nothing",
        ),
    ];
    for (name, text, expected) in cases {
        let path = dir.join(format!("{name}.concord"));
        std::fs::write(&path, text).expect("scratch file");
        let (code, out, err) = run(concord().args(["check"]).arg(&path));
        assert_eq!(code, Some(2), "{name}: {out}{err}");
        let all = format!("{out}{err}");
        assert!(all.contains(expected), "{name}: {all}");
        insta::assert_snapshot!(
            format!("refused_{}", name.replace('-', "_")),
            all.replace(path.to_string_lossy().as_ref(), &format!("{name}.concord"))
        );
    }
}

#[test]
fn each_partners_own_approval_settles_the_carry_forward() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("years-approval");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let agreement = std::fs::read_to_string(root.join(AGREEMENT)).expect("the example").replace(
        "50% carried forward to next year, subject to \"approve carry forward\"",
        "50% carried forward to next year, subject to each partner's own approval",
    );
    std::fs::write(dir.join("approval.concord"), agreement).expect("scratch file");
    let body = format!(
        "scenarios for \"approval.concord\"\n\n{}{}{}",
        year(
            "Both approve",
            None,
            "£5,600,000",
            "  icb approved the carry forward\n  hounslow approved the carry forward\n  expect carried forward £200,000 in \"Integrated Care Fund\"\n"
        ),
        year(
            "The council does not",
            None,
            "£5,600,000",
            "  icb approved the carry forward\n  hounslow did not approve the carry forward\n  expect carried forward £0 in \"Integrated Care Fund\"\n  expect icb receives £280,000 in \"Integrated Care Fund\"\n"
        ),
        year(
            "Year two, after both approved",
            Some("Both approve"),
            "£6,000,000",
            "  icb did not approve the carry forward\n  hounslow approved the carry forward\n  expect icb receives £490,000 in \"Integrated Care Fund\"\n"
        ),
    );
    let path = dir.join("approval.scenarios");
    std::fs::write(&path, body).expect("scratch file");
    let (code, out, err) = run(concord().args(["test"]).arg(&path));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("3 passed, 0 failed"), "{out}");

    let silent = dir.join("silent.scenarios");
    let body = format!(
        "scenarios for \"approval.concord\"\n\n{}",
        year("Silent", None, "£5,600,000", "  icb approved the carry forward\n")
    );
    std::fs::write(&silent, body).expect("scratch file");
    let (code, out, err) = run(concord().args(["eval"]).arg(dir.join("approval.concord")).arg(&silent));
    assert_eq!(code, Some(2), "{out}{err}");
    let text = format!("{out}{err}").replace(&format!("{}/", dir.display()), "");
    insta::assert_snapshot!("approval_not_settled", text);
}

#[test]
fn an_approval_no_carry_forward_asks_for_is_refused() {
    let path = scenarios(
        "approval-not-asked.scenarios",
        &year(
            "Year one",
            None,
            "£5,600,000",
            "  \"approve carry forward\" was agreed\n  icb approved the carry forward\n",
        ),
    );
    let (code, out, err) = run(concord().args(["test"]).arg(&path));
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(format!("{out}{err}").contains("concord::model::approval_not_asked"), "{out}{err}");
}

#[test]
fn a_scenario_expecting_the_wrong_carry_forward_fails_with_the_right_figure() {
    let body = year(
        "Year one",
        None,
        "£5,600,000",
        "  \"approve carry forward\" was agreed\n  expect carried forward £100,000 in \"Integrated Care Fund\"\n",
    );
    let path = scenarios("wrong-carry.scenarios", &body);
    let (code, out, err) = run(concord().args(["test"]).arg(&path));
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("actual:   carried forward £200,000.00 in \"Integrated Care Fund\""), "{out}");
}

#[test]
fn a_following_year_is_the_same_through_test_and_eval() {
    // `concord test` and `concord eval` both work the earlier years out first.
    let body = year("Year one", None, "£5,600,000", "  \"approve carry forward\" was agreed\n")
        + &year(
            "Year two",
            Some("Year one"),
            "£6,000,000",
            "  \"approve carry forward\" was not agreed\n  expect icb receives £490,000 in \"Integrated Care Fund\"\n",
        );
    let path = scenarios("two.scenarios", &body);
    let (code, out, err) = run(concord().args(["test"]).arg(&path));
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) =
        run(concord().args(["eval", "--format", "json", AGREEMENT]).arg(&path).args(["--scenario", "Year two"]));
    assert_eq!(code, Some(0), "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // £200,000 brought forward and £500,000 beyond the lines: £700,000 shared 70:30.
    assert_eq!(json["results"][0]["working"]["members"][0]["amount"], "490000.00");
    assert_eq!(json["results"][0]["working"]["members"][1]["amount"], "210000.00");
}
