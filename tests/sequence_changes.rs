//! A scenario that follows a proposal which passed and changes the agreement (`on passing, …`)
//! is refused, not worked out against the agreement as written: its clauses name the members who
//! held the roles when it was read, so a moved role would silently still count for the old
//! holder (docs/diagnostics.md, `concord::eval::earlier_proposal_not_applied`).

use assert_cmd::Command;

#[test]
fn a_step_after_a_change_of_the_agreement_is_refused_not_guessed() {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["test", "tests/sequence/changes-on-passing.scenarios"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    // The steps that stand on their own are decided as usual.
    for passes in
        ["✓ qeh becomes the lead provider", "✓ The plan, under the agreement as written", "✓ Admit the hospice"]
    {
        assert!(text.contains(passes), "{passes}:\n{text}");
    }
    // A role that moved, and a member who joined, are each refused with the reason.
    assert!(text.contains("✗ The plan, with the new lead provider in favour"), "{text}");
    assert!(text.contains("“qeh becomes the lead provider” passed and a role moves"), "{text}");
    assert!(text.contains("“Admit the hospice” passed and a member joins or leaves"), "{text}");
    assert!(
        !text.contains("expected: passed\n        actual:   escalated"),
        "never decided under the old holder:\n{text}"
    );
}
