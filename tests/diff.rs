//! `concord diff` through the real binary: two dated versions of the lead-provider alliance
//! (unanimous on specifications when first signed, three quarters with the lead provider once
//! varied, and two risk shares moved); and the Markdown reports that `eval` and `test` share with it.

use assert_cmd::Command;

const OLD: &str = "tests/diff/lead-provider-2026.concord";
const NEW: &str = "tests/diff/lead-provider-2027.concord";
const SCENARIOS: &str = "tests/diff/lead-provider.scenarios";

fn diff(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code(),
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)),
    )
}

#[test]
fn the_varied_alliance_differs_in_coalitions_power_money_and_scenarios() {
    let (code, text) = diff(&["diff", OLD, NEW, "--scenarios", SCENARIOS]);
    assert_eq!(code, Some(1), "{text}");
    insta::assert_snapshot!("diff_lead_provider_human", text);
}

#[test]
fn markdown_is_ready_for_minutes() {
    let (code, text) = diff(&["--format", "markdown", "diff", OLD, NEW]);
    assert_eq!(code, Some(1), "{text}");
    insta::assert_snapshot!("diff_lead_provider_markdown", text);
}

#[test]
fn a_version_compared_with_itself_means_the_same() {
    let (code, text) = diff(&["diff", OLD, OLD, "--scenarios", SCENARIOS]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("The two versions mean the same"), "{text}");
    assert!(text.contains("Each of the 15 scenarios has the same outcome"), "{text}");
}

#[test]
fn a_file_that_cannot_be_read_is_an_input_error() {
    let (code, text) = diff(&["diff", "tests/diff/no-such.concord", NEW]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("cannot be read"), "{text}");
    let (code, text) = diff(&["diff", SCENARIOS, NEW]);
    assert_eq!(code, Some(2), "a scenario file is not an agreement\n{text}");
}

#[test]
fn markdown_is_refused_where_it_is_not_offered() {
    let (code, text) = diff(&["--format", "markdown", "check", OLD]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("`--format markdown` is offered by `concord diff`, `eval`, `explain` and `test`"), "{text}");
}

#[test]
fn the_json_has_the_documented_shape() {
    let (code, text) = diff(&["--format", "json", "diff", OLD, NEW, "--scenarios", SCENARIOS]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(json["schema"], 1);
    let changes = &json["changes"];
    assert_eq!(changes["members_changed"][0]["member"], "nchc");
    assert_eq!(changes["members_changed"][0]["figures"][0]["figure"], "risk share");
    assert_eq!(changes["members_changed"][0]["figures"][0]["old"], "40");
    assert_eq!(changes["members_changed"][0]["figures"][0]["new"], "35");
    let spec = &changes["decisions"][0];
    assert_eq!(spec["decision"], "agree a service specification");
    let comparison = &spec["periods"][0]["comparison"];
    assert_eq!(comparison["change"], "grew");
    assert_eq!(comparison["members"], 4);
    assert_eq!(comparison["passing_old"], 1);
    assert_eq!(comparison["passing_new"], 4);
    assert_eq!(comparison["witness"]["passes_old"], false);
    assert_eq!(comparison["witness"]["passes_new"], true);
    let nchc = &json["power"][0]["members"][0];
    assert_eq!(nchc["member"], "nchc");
    assert_eq!(nchc["shapley_old"]["numerator"], "1");
    assert_eq!(nchc["shapley_old"]["denominator"], "4");
    assert_eq!(nchc["shapley_new"]["numerator"], "1");
    assert_eq!(nchc["shapley_new"]["denominator"], "2");
    assert_eq!(nchc["shapley_change"]["denominator"], "4");
    assert_eq!(json["scenarios_compared"], 15);
    assert_eq!(json["scenarios"].as_array().map(Vec::len), Some(3));
    assert_eq!(json["scenarios"][0]["old"], "escalated");
    assert_eq!(json["scenarios"][0]["new"], "passed");
    assert_eq!(json["money"][0]["sample"], false);
}

#[test]
fn eval_and_test_write_markdown_for_minutes() {
    let (code, text) = diff(&[
        "--format",
        "markdown",
        "eval",
        "examples/lead-provider-alliance.concord",
        "examples/lead-provider-alliance.scenarios",
        "--scenario",
        "One abstention defeats unanimity",
    ]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.starts_with("## Scenario “One abstention defeats unanimity”\n\n**Outcome: escalated"), "{text}");
    assert!(text.contains("```text\nDecision “agree a service specification”"), "{text}");
    let (code, text) = diff(&["--format", "markdown", "test", "examples/lead-provider-alliance.scenarios"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.starts_with("# Scenario results\n\n**17 passed, 0 failed**"), "{text}");
    assert!(
        text.contains(
            "| Scenario | Line | Result |\n| --- | ---: | --- |\n| All four partners agree in the first year |"
        ),
        "{text}"
    );
    let (code, _) =
        diff(&["--format", "markdown", "test", "--report", "junit", "examples/lead-provider-alliance.scenarios"]);
    assert_eq!(code, Some(2), "two reports asked for");
}

#[test]
fn a_raised_quorum_is_a_change_even_where_every_coalition_is_the_same() {
    // Four members, all present in the comparison: both quorums are met by every coalition, so
    // the same votes carry the decision; but a meeting of three is quorate only under the old one.
    let (code, text) = diff(&["diff", "tests/diff/quorum-3.concord", "tests/diff/quorum-4.concord"]);
    assert_eq!(code, Some(1), "a changed quorum is a difference: {text}");
    assert!(text.contains("“d”: the same votes carry it as before."), "{text}");
    assert!(text.contains("“d”: its quorum changed."), "{text}");
    assert!(text.contains("The new version means something different"), "{text}");
    let (code, json) =
        diff(&["--format", "json", "diff", "tests/diff/quorum-3.concord", "tests/diff/quorum-4.concord"]);
    assert_eq!(code, Some(1), "{json}");
    let json: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let decision = &json["changes"]["decisions"][0];
    assert_eq!(decision["quorum"], serde_json::json!({"ordinary": true, "reconvened": true}), "{decision}");
    let (code, same) = diff(&["diff", "tests/diff/quorum-3.concord", "tests/diff/quorum-3.concord"]);
    assert_eq!(code, Some(0), "{same}");
    assert!(!same.contains("its quorum changed"), "{same}");
}
