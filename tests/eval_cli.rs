//! `concord eval` through the real binary: exit codes, options and output formats.

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("{e}"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_passed_scenario_exits_zero() {
    let output = concord()
        .args(["eval", "tests/eval/network.concord", "tests/eval/network.scenarios"])
        .args(["--scenario", "carried by 70% of eligible votes"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("Outcome: passed: the rule held."), "{text}");
    assert!(text.contains("Condition 2 of 3 (line 37): more than half of primary-care members in favour — held"));
}

#[test]
fn every_outcome_is_an_answer_but_a_vote_from_a_stranger_is_bad_input() {
    // Rejected, deadlocked and invalid outcomes are answers, not errors; a vote from a name
    // the agreement does not have is bad input (exit 2), though its outcome is still shown.
    let output = concord()
        .args(["eval", "tests/eval/alliance.concord", "tests/eval/alliance.scenarios"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let one = concord()
        .args(["eval", "tests/eval/alliance.concord", "tests/eval/alliance.scenarios"])
        .args(["--scenario", "no date"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(one.status.code(), Some(0), "an invalid outcome is an answer");
    let text = stdout(&output);
    assert!(text.contains("Outcome: rejected"));
    assert!(text.contains("Outcome: passed"));
    assert!(text.contains("Outcome: invalid"));
}

#[test]
fn json_has_the_documented_shape() {
    let output = concord()
        .args(["eval", "tests/eval/collaborative.concord", "tests/eval/collaborative.scenarios", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["schema"], 1);
    let first = &json["evaluations"][0];
    assert_eq!(first["kind"], "decision");
    assert_eq!(first["evaluation"]["outcome"]["result"], "passed");
    assert_eq!(first["evaluation"]["outcome"]["casting_vote"]["member"], "cnwl");
    assert_eq!(first["evaluation"]["tie"]["tied"], true);
    assert_eq!(json["evaluations"][3]["evaluation"]["outcome"]["invalid"][0]["reason"], "no_quorum");
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(0));
}

#[test]
fn weights_show_exact_shares() {
    let output = concord()
        .args(["eval", "tests/eval/reserved.concord", "tests/eval/reserved.proposals", "--weights"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("27/40 (67.50%)"), "{text}");
    assert!(text.contains("1/20 (5.00%)"), "{text}");
}

#[test]
fn an_unknown_scenario_exits_two_with_a_suggestion() {
    let output = concord()
        .args(["eval", "tests/eval/collaborative.concord", "tests/eval/collaborative.scenarios"])
        .args(["--scenario", "tie settled by the lead provder"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("concord::eval::unknown_scenario"), "{text}");
    assert!(text.contains("did you mean `tie settled by the lead provider`?"), "{text}");
}

#[test]
fn a_syntax_error_in_the_input_exits_two() {
    let dir = std::env::temp_dir().join(format!("concord-eval-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let input = dir.join("bad.scenarios");
    std::fs::write(&input, "scenario \"broken\"\n  propose \"commissioning plan\"\n  in favour cnwl wlt ???\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let output = concord()
        .args(["eval", "tests/eval/collaborative.concord"])
        .arg(&input)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("concord::parse::"), "{text}");
    assert!(text.contains("Nothing was evaluated"), "{text}");
}

#[test]
fn files_given_the_wrong_way_round_exit_two() {
    let output = concord()
        .args(["eval", "tests/eval/reserved.proposals", "tests/eval/reserved.concord"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("concord::eval::not_an_agreement"));
}

#[test]
fn a_missing_file_exits_two() {
    let output = concord()
        .args(["eval", "tests/eval/no-such.concord", "tests/eval/reserved.proposals", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["problems"][0]["unreadable"], "there is no such file");
}
