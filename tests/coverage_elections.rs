//! `concord test --coverage` counts elections (added in 1.5): each election a scenario holds and
//! counts is an item, and so is its tie rule (by lot, or a casting vote) once it decides a tie.
//! Run through the real binary on the files in tests/coverage/.

use assert_cmd::Command;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The report's coverage section, from `Coverage` to the line before the totals.
fn coverage_section(text: &str) -> String {
    let from = text.find("Coverage\n").unwrap_or_else(|| panic!("no coverage section: {text}"));
    let section = text.get(from..).unwrap_or("");
    let end = section.find("\n\n").unwrap_or(section.len());
    section.get(..end).unwrap_or("").to_string()
}

#[test]
fn each_election_and_its_tie_rule_are_items() {
    let (code, text) = run(&["test", "tests/coverage/elections.scenarios", "--coverage"]);
    assert_eq!(code, Some(0), "{text}");
    let section = coverage_section(&text);
    // The decision's condition, the lot election and its tie rule, and the casting-vote election:
    // its tie rule never decided a tie, so 4 of 5.
    assert!(
        section.contains("election “deputy chair”: 1 scenario(s); its tie rule (by lot) decided a tie in 1"),
        "{section}"
    );
    assert!(
        section.contains(
            "election “lead for workforce”: 1 scenario(s); its tie rule (by a casting vote) never decided a tie"
        ),
        "{section}"
    );
    assert!(section.contains("In all: 4 of 5 items exercised (80.00%)."), "{section}");
    insta::assert_snapshot!("coverage_elections__human", section);
}

#[test]
fn an_election_no_scenario_holds_fails_a_minimum() {
    let (code, text) = run(&["test", "tests/coverage/elections-unexercised.scenarios", "--coverage", "--min", "50"]);
    assert_eq!(code, Some(1), "{text}");
    let section = coverage_section(&text);
    assert!(section.contains("election “lead for workforce”: no scenario holds it"), "{section}");
    assert!(
        section.contains("election “deputy chair”: 1 scenario(s); its tie rule (by lot) never decided a tie"),
        "{section}"
    );
    assert!(section.contains("In all: 2 of 5 items exercised (40.00%)."), "{section}");
    assert!(section.contains("✗ below the minimum of 50%"), "{section}");
    // Without the minimum, every scenario passed.
    let (code, _) = run(&["test", "tests/coverage/elections-unexercised.scenarios", "--coverage"]);
    assert_eq!(code, Some(0));
}

#[test]
fn the_json_gives_each_elections_coverage() {
    let (code, text) = run(&["--format", "json", "test", "tests/coverage/elections.scenarios", "--coverage"]);
    assert_eq!(code, Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let elections = &json["coverage"]["elections"]["tests/coverage/elections.concord"];
    assert_eq!(elections["deputy chair"], serde_json::json!({"scenarios": 1, "tie_rule": "lot", "ties_decided": 1}));
    assert_eq!(
        elections["lead for workforce"],
        serde_json::json!({"scenarios": 1, "tie_rule": "casting_vote", "ties_decided": 0})
    );
    // An agreement with no election has an empty map, and its items are counted as before.
    let (_, text) = run(&["--format", "json", "test", "examples/care-trust.scenarios", "--coverage"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let by_agreement = json["coverage"]["elections"].as_object().cloned().unwrap_or_default();
    assert!(by_agreement.values().all(|v| v.as_object().is_some_and(|m| m.is_empty())), "{by_agreement:?}");
}
