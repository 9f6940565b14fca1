//! `concord test --coverage` on a decision taken by a body outside the meeting (added in 1.5):
//! it has no conditions, so its items are the body's two decisions, `agreed` and `not agreed`,
//! each exercised when a scenario's outcome turned on it. A scenario the missed-meetings rule
//! bars turns on neither. Run through the real binary on tests/coverage/outside.*.

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

#[test]
fn the_bodys_decisions_are_the_items_and_a_barred_proposal_turns_on_neither() {
    let (code, text) = run(&["test", "tests/coverage/outside.scenarios", "--coverage"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(
            "decision “remove a member for non-attendance”, decided by “the Welsh Ministers”: 2 scenario(s); of the body's 2 decisions (agreed, not agreed), 1 decided an outcome\n      never decided an outcome: not agreed\n"
        ),
        "{text}"
    );
    assert!(text.contains("In all: 1 of 5 items exercised (20.00%)."), "{text}");
}

#[test]
fn the_json_names_the_body_and_each_decision() {
    let (code, text) = run(&["--format", "json", "test", "tests/coverage/outside.scenarios", "--coverage"]);
    assert_eq!(code, Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let decision =
        &json["coverage"]["decisions"]["tests/coverage/outside.concord"]["remove a member for non-attendance"];
    assert_eq!(decision["decided_by"], "the Welsh Ministers");
    assert_eq!(decision["scenarios"], 2);
    assert_eq!(decision["conditions"]["agreed"], true);
    assert_eq!(decision["conditions"]["not agreed"], false);
    let ordinary = &json["coverage"]["decisions"]["tests/coverage/outside.concord"]["approve the annual plan"];
    assert!(ordinary.get("decided_by").is_none(), "{ordinary}");
}

#[test]
fn the_bundled_example_exercises_both_decisions() {
    let (code, text) = run(&["test", "examples/welsh-joint-committee.scenarios", "--coverage", "--min", "100"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("of the body's 2 decisions (agreed, not agreed), 2 decided an outcome"), "{text}");
}
