//! `concord power --sensitivity` through the real binary: the exact JSON, the human report of a
//! bundled example, and the refusals.

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = concord().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn member<'a>(decision: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    decision["members"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["member"] == key))
        .unwrap_or_else(|| panic!("{key}"))
}

#[test]
fn the_joint_venture_ranges_are_exact_shares() {
    let (code, stdout, stderr) =
        run(&["--format", "json", "power", "--sensitivity", "examples/joint-venture-shares.concord"]);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let plan = &report["sensitivity"][0];
    assert_eq!(plan["decision"], "approve the business plan");
    // Equity written as fractions: weights are given as shares of the votes.
    assert_eq!(plan["unit"], "shares of the votes");
    let council = member(plan, "council");
    assert_eq!(council["weight"], "3/7");
    // Two thirds carries: the council alone reaches it at 2/3 of the votes, and the other two
    // together once the council's share falls to 1/3.
    assert_eq!(council["rise"]["weight"], "2/3");
    assert_eq!(council["rise"]["changes_at"], true);
    assert_eq!(council["rise"]["in_favour"], serde_json::json!(["council"]));
    assert_eq!(council["rise"]["passes_now"], false);
    assert_eq!(council["fall"]["weight"], "1/3");
    assert_eq!(council["fall"]["in_favour"], serde_json::json!(["trust", "carers"]));
    let trust = member(plan, "trust");
    assert_eq!(trust["fall"]["weight"], "1/6");
    assert_eq!(trust["fall"]["changes_at"], false);
    assert_eq!(trust["fall"]["passes_now"], true);
}

#[test]
fn votes_are_given_in_votes() {
    let (code, stdout, stderr) = run(&[
        "--format",
        "json",
        "power",
        "--sensitivity",
        "--decision",
        "commission integrated services",
        "examples/care-trust.concord",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let d = &report["sensitivity"][0];
    assert_eq!(d["unit"], "votes");
    // Within the NHS bloc the trust's 3 votes beat the ICB's 2: at 3 the ICB ties the bloc.
    let icb = member(d, "devon-icb");
    assert_eq!(icb["weight"], "2");
    assert_eq!(icb["rise"]["weight"], "3");
    assert_eq!(icb["rise"]["changes_at"], true);
    assert!(icb["fall"].is_null(), "the ICB can fall to nothing with no change: {icb}");
    // The observer does not vote, so it has no range.
    assert!(d["members"].as_array().is_some_and(|m| m.iter().all(|m| m["member"] != "healthwatch")));
}

#[test]
fn the_human_report_names_the_coalition_that_changes() {
    let (code, stdout, stderr) =
        run(&["--color", "never", "power", "--sensitivity", "examples/joint-venture-shares.concord"]);
    assert_eq!(code, Some(0), "{stderr}");
    let part = stdout.split_once("How far each member's weight").map(|(_, p)| p).unwrap_or_else(|| panic!("{stdout}"));
    insta::assert_snapshot!("sensitivity_joint_venture", part);
}

#[test]
fn sensitivity_with_a_proposal_is_a_usage_error() {
    let (code, _, stderr) = run(&[
        "power",
        "--sensitivity",
        "--proposal",
        "examples/joint-venture-shares.scenarios",
        "examples/joint-venture-shares.concord",
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--proposal"), "{stderr}");
}

#[test]
fn without_the_flag_the_json_has_no_sensitivity() {
    let (code, stdout, _) = run(&["--format", "json", "power", "examples/care-trust.concord"]);
    assert_eq!(code, Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.get("sensitivity").is_none());
}
