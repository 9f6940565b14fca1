//! `concord eval --why` through the real binary, on the bundled lead-provider alliance: what it
//! would take to carry a proposal, and who alone could stop one.

use assert_cmd::Command;

fn why(scenario: &str, format: &str) -> (Option<i32>, String) {
    let output = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .env("NO_COLOR", "1")
        .args(["--format", format, "eval", "--why"])
        .args(["examples/lead-provider-alliance.concord", "examples/lead-provider-alliance.scenarios"])
        .args(["--scenario", scenario])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

fn section(text: &str) -> String {
    text.split_once("\nWhat would").map(|(_, rest)| format!("What would{rest}")).unwrap_or_default()
}

#[test]
fn a_rejected_proposal_names_its_blocker_and_the_one_change_that_carries_it() {
    let (code, text) = why("The qualified majority must include the lead provider", "human");
    assert_eq!(code, Some(0), "{text}");
    insta::assert_snapshot!("why_lead_provider_against", section(&text));
}

#[test]
fn a_carried_proposal_names_each_member_who_alone_could_stop_it() {
    let (code, text) = why("Three quarters are enough from the second year", "human");
    assert_eq!(code, Some(0), "{text}");
    insta::assert_snapshot!("why_three_quarters_passed", section(&text));
}

#[test]
fn an_undated_proposal_cannot_be_mended_by_votes() {
    let (_, text) = why("A proposal without a date cannot be matched to a rule", "human");
    assert!(text.contains("no change of votes can carry it, because the decision's rules change over time"), "{text}");
}

#[test]
fn the_json_answer_has_the_documented_shape() {
    let (code, text) = why("The qualified majority must include the lead provider", "json");
    assert_eq!(code, Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let why = &json["evaluations"][0]["why"];
    assert_eq!(why["outcome"], "escalated");
    assert_eq!(why["blocking"][0]["kind"], "condition");
    assert_eq!(why["blocking"][0]["number"], 2);
    assert_eq!(why["fixes"].as_array().map(Vec::len), Some(1));
    assert_eq!(why["fixes"][0]["changes"][0]["member"], "nchc");
    assert_eq!(why["fixes"][0]["changes"][0]["from"], "against");
    assert_eq!(why["fixes"][0]["changes"][0]["to"], "in_favour");
    assert_eq!(why["fixes"][0]["on_casting_vote"], false);
    assert_eq!(why["search"]["complete"], true);
    assert_eq!(why["search"]["candidates"], 1);
    assert!(why["beyond_votes"].is_null());
    // Without --why there is no `why` at all.
    let plain = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["--format", "json", "eval", "examples/lead-provider-alliance.concord"])
        .arg("examples/lead-provider-alliance.scenarios")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(plain["evaluations"][0].get("why").is_none());
}
