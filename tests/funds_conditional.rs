//! Conditional money in a fund, through the real binary on the bundled Ealing example: income
//! earned only if a measure meets its target, an overspend borne by the partner whose
//! maladministration caused it, the working (snapshots of the three-fund example), the JSON
//! fields, and the refusals when the result does not say what the rules need.

use std::path::PathBuf;

use assert_cmd::Command;

const AGREEMENT: &str = "examples/ealing-integrated-care-fund.concord";
const SCENARIOS: &str = "examples/ealing-integrated-care-fund.scenarios";

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("funds_conditional");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scratch file");
    path
}

/// A result for the Ealing example with the given costs of the pooled fund's three lines and the
/// extra clauses (measures, causes); the aligned budget's lines on budget.
fn result(name: &str, home: &str, beds: &str, discharge: &str, extra: &str) -> PathBuf {
    write(
        name,
        &format!(
            "result \"Year\"\n  actual cost of \"Home care\" {home}\n  actual cost of \"Intermediate care beds\" {beds}\n  actual cost of \"Discharge to assess\" {discharge}\n  actual cost of \"Health equipment\" £1,500,000\n  actual cost of \"Council equipment\" £1,000,000\n{extra}"
        ),
    )
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(result: &PathBuf) -> serde_json::Value {
    let (code, out, err) = run(concord().args(["eval", "--format", "json", AGREEMENT]).arg(result));
    assert_eq!(code, Some(0), "{out}{err}");
    serde_json::from_str(&out).expect("JSON")
}

fn pooled(json: &serde_json::Value) -> &serde_json::Value {
    &json["results"][0]["working"]["funds"]["funds"][0]
}

#[test]
fn the_bundled_scenarios_pass_and_the_example_is_clean() {
    let (code, out, _) = run(concord().args(["test", SCENARIOS]));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("8 passed, 0 failed"), "{out}");
    let (code, out, err) = run(concord().args(["check", "--deny", "warnings", AGREEMENT, SCENARIOS]));
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = run(concord().args(["fmt", "--check", AGREEMENT, SCENARIOS]));
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn the_working_of_an_earned_payment() {
    let (code, out, err) = run(concord().args([
        "eval",
        AGREEMENT,
        SCENARIOS,
        "--scenario",
        "Admissions fall far enough: the payment is earned",
    ]));
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("earned_payment_working", out);
}

#[test]
fn the_working_of_an_overspend_caused_by_maladministration() {
    let (code, out, err) = run(concord().args([
        "eval",
        AGREEMENT,
        SCENARIOS,
        "--scenario",
        "An overspend on beds caused by the council's maladministration",
    ]));
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("maladministration_working", out);
}

#[test]
fn the_target_is_met_exactly_at_the_threshold_and_not_a_hair_below() {
    for (change, earned) in [
        ("fell by 4.2%", true),
        ("fell by 4.20%", true),
        ("fell by 4.19999%", false),
        ("fell by 12%", true),
        ("rose by 0%", false),
        ("rose by 4.2%", false),
    ] {
        let path = result(
            "threshold.concord",
            "£8,000,000",
            "£12,000,000",
            "£10,000,000",
            &format!("  \"emergency admissions\" {change}\n"),
        );
        let json = json(&path);
        let income = &pooled(&json)["incomes"][0];
        assert_eq!(income["earned"], earned, "{change}: {income}");
        let received = if earned { "1000000.00" } else { "0.00" };
        assert_eq!(income["received"], received, "{change}");
        assert_eq!(income["target"], "4.2");
        // On budget otherwise: the fund's result is the income earned, shared 70% and 30%.
        assert_eq!(pooled(&json)["result"], received, "{change}");
        assert_eq!(json["results"][0]["working"]["other_income"], received);
    }
}

#[test]
fn the_change_is_signed_a_fall_negative() {
    let path = result(
        "signed.concord",
        "£8,000,000",
        "£12,000,000",
        "£10,000,000",
        "  \"emergency admissions\" fell by 5.1%\n",
    );
    let json = json(&path);
    assert_eq!(pooled(&json)["incomes"][0]["change"], "-5.1");
    assert_eq!(pooled(&json)["incomes"][0]["fall"], true);
}

#[test]
fn the_partner_responsible_bears_the_whole_overspend_outside_offsetting() {
    // Home care underspends by £300,000; beds overspend by £500,000 through the council's
    // maladministration. Without the cause, offsetting would set £300,000 off and the rest be
    // split 60/40; with it, the council bears all £500,000 and home care keeps its underspend.
    let path = result(
        "blamed.concord",
        "£7,700,000",
        "£12,500,000",
        "£10,000,000",
        "  \"emergency admissions\" rose by 1%\n  the overspend on \"Intermediate care beds\" was caused by maladministration by ealing\n",
    );
    let json = json(&path);
    let beds = &pooled(&json)["lines"][1];
    assert_eq!(beds["caused_by"], "London Borough of Ealing");
    assert_eq!(beds["offset"], "0.00");
    assert_eq!(beds["commissioners"][0]["amount"], "500000.00");
    let home = &pooled(&json)["lines"][0];
    assert_eq!(home["offset"], "0.00", "{home}");
    let members = &pooled(&json)["members"];
    let ealing = members.as_array().unwrap().iter().find(|m| m["member"] == "ealing").unwrap();
    assert_eq!(ealing["borne"], "500000.00");
    assert_eq!(ealing["received"], "300000.00");
    let icb = members.as_array().unwrap().iter().find(|m| m["member"] == "icb").unwrap();
    assert_eq!(icb["borne"], "0.00");
}

#[test]
fn a_missing_measure_is_refused_not_guessed() {
    let path = result("missing.concord", "£8,000,000", "£12,000,000", "£10,000,000", "");
    let (code, out, err) = run(concord().args(["eval", AGREEMENT]).arg(&path));
    let said = format!("{out}{err}");
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("concord::model::missing_measure"), "{said}");
    assert!(said.contains("does not say how “emergency admissions” changed"), "{said}");
    assert!(!said.contains("receives"), "no working is given: {said}");
}

#[test]
fn the_result_must_say_what_the_rules_can_use() {
    for (extra, code) in [
        ("  \"emergency admissions\" fell by 5%\n  \"emergency admision\" fell by 5%\n", "concord::model::unknown_measure"),
        ("  \"emergency admissions\" fell by 5%\n  \"emergency admissions\" fell by 6%\n", "concord::model::duplicate_clause"),
        (
            "  \"emergency admissions\" fell by 5%\n  the overspend on \"Home care\" was caused by maladministration by ealing\n",
            "concord::model::not_an_overspend",
        ),
        (
            "  \"emergency admissions\" fell by 5%\n  the overspend on \"Homecare\" was caused by maladministration by ealing\n",
            "concord::model::not_a_fund",
        ),
    ] {
        let path = result("refused.concord", "£8,000,000", "£12,000,000", "£10,000,000", extra);
        let (status, out, err) = run(concord().args(["eval", AGREEMENT]).arg(&path));
        let said = format!("{out}{err}");
        assert_eq!(status, Some(2), "{extra}: {said}");
        assert!(said.contains(code), "{extra}: {said}");
    }
}

#[test]
fn a_cause_the_fund_says_nothing_of_is_refused() {
    let path = write(
        "bcf.concord",
        "result \"Year\"\n  actual cost of \"Reablement\" £5,000,000\n  actual cost of \"Community beds\" £10,500,000\n  actual cost of \"Hospital discharge\" £5,000,000\n  actual cost of \"Health equipment\" £1,200,000\n  actual cost of \"Council equipment\" £800,000\n  the overspend on \"Community beds\" was caused by maladministration by harrow\n",
    );
    let (code, out, err) = run(concord().args(["eval", "examples/better-care-fund.concord"]).arg(&path));
    assert_eq!(code, Some(2), "{out}{err}");
    let said = format!("{out}{err}").replace(path.to_str().expect("a path in UTF-8"), "RESULT");
    insta::assert_snapshot!("cause_not_provided", said);
}
