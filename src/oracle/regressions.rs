//! The regressions of docs/semantics.md held by the reference evaluator: each input that once
//! broke a promise on main (../shared/regressions/meaning), decided here exactly as the
//! algorithm says.

use super::tests::decided;

/// `meaning/absent-chair-casting-vote`: the chair is absent, so its casting vote is not cast,
/// whatever the proposal's `casting vote:` line says.
#[test]
fn regression_absent_chair_casting_vote() {
    let agreement = r#"agreement "probe"
  currency GBP

member p1
  chair
  contribution £6m
member p2
  contribution £4m
member p3

decision "x"
  passes if more than half of votes cast in favour
  on a tie, the chair has the casting vote
"#;
    let proposal =
        "proposal \"chair absent tie\"\n  decision \"x\"\n  in favour: p2\n  against: p3\n  casting vote: in favour\n";
    assert_eq!(decided(agreement, proposal), ["deadlocked (tied)"]);
}

/// `meaning/bundled-lead-provider-alliance-tie`: unanimity until 31 March 2027; a 2–2 split
/// does not decide a unanimous rule, so it takes the `if rejected` route, as a 3–1 does.
#[test]
fn regression_lead_provider_alliance_tie() {
    let agreement = include_str!("../../examples/lead-provider-alliance.concord");
    let proposals = r#"proposal "2-2 split on a service specification"
  decision "agree a service specification"
  dated 1 June 2026
  in favour: nchc, qeh
  against: nsft, wnpc

proposal "3-1 on a service specification"
  decision "agree a service specification"
  dated 1 June 2026
  in favour: nchc, qeh, nsft
  against: wnpc

proposal "undated"
  decision "agree a service specification"
  in favour: nchc, qeh, nsft, wnpc
"#;
    assert_eq!(
        decided(agreement, proposals),
        [
            "escalated to \"the alliance leadership group\" (the rule did not hold)",
            "escalated to \"the alliance leadership group\" (the rule did not hold)",
            "invalid (Some(NoDate))",
        ]
    );
}

/// `meaning/bundled-mental-health-collaborative-tie`: consensus fails on a 2–2 split; a tie
/// never decides `no eligible member against`, so it goes to the commissioner.
#[test]
fn regression_mental_health_collaborative_tie() {
    let agreement = include_str!("../../examples/mental-health-collaborative.concord");
    let proposals = "proposal \"2-2 on an early exit\"\n  decision \"agree an early exit\"\n  in favour: slam, oxleas\n  against: swlstg, rsc\n";
    assert_eq!(
        decided(agreement, proposals),
        ["escalated to \"NHS England specialised commissioning\" (the rule did not hold)"]
    );
}

/// `meaning/casting-vote-overrides-consent`: a casting vote is never a named member's consent;
/// and a veto comes before any tie.
#[test]
fn regression_casting_vote_overrides_consent() {
    let agreement = r#"agreement "consent plus casting vote"

member council
  chair
member icb
member trust
member gpfed

decision "consent as a condition"
  passes if more than half of votes cast in favour and icb in favour
  on a tie, the chair has the casting vote

decision "consent as a veto"
  passes if more than half of votes cast in favour
  icb may veto
  on a tie, the chair has the casting vote
"#;
    let proposals = r#"proposal "icb refuses, 2-2"
  decision "consent as a condition"
  in favour: council, trust
  against: icb, gpfed

proposal "icb refuses, 2-2, veto form"
  decision "consent as a veto"
  in favour: council, trust
  against: icb, gpfed
"#;
    assert_eq!(decided(agreement, proposals), ["rejected (the rule did not hold)", "rejected (vetoed)"]);
}

/// `meaning/consensus-empty-meeting`: consensus holds with nobody voting (the algorithm has no
/// rule against it); an observer chair's casting vote is never cast.
#[test]
fn regression_consensus_empty_meeting() {
    let agreement = r#"agreement "probe"

member p1
member p2
member ic "Independent chair"
  observer
  chair

decision "x"
  passes if no eligible member against

decision "y"
  passes if more than half of votes cast in favour
  on a tie, the chair has the casting vote
"#;
    let proposals = r#"proposal "empty meeting"
  decision "x"

proposal "tie"
  decision "y"
  in favour: p1
  against: p2
  casting vote: in favour

proposal "the observer chair votes"
  decision "y"
  in favour: p1, ic
  against: p2
"#;
    assert_eq!(
        decided(agreement, proposals),
        ["passed", "deadlocked (tied)", "deadlocked (tied), ic's vote disregarded"]
    );
}

/// `meaning/excluded-vote`: a member excluded for its gain votes anyway; its vote is
/// disregarded, and acute alone holds all the eligible votes.
#[test]
fn regression_excluded_vote() {
    let agreement = r#"agreement "P2 Excluded member votes"
  currency GBP

member acute "Acute"
  budget £30,000,000
member gp "GP Network"
  budget £25,000,000

voting in proportion to budget

decision "the motion"
  passes if more than half of eligible votes in favour
  members gaining more than 5% of their budget do not vote
"#;
    let scenarios = "scenarios for \"excluded-vote.concord\"\n\nscenario \"the excluded member's vote should be ignored\"\n  propose \"the motion\"\n  gp gains £5,000,000\n  in favour: acute, gp\n  expect passed\n";
    assert_eq!(decided(agreement, scenarios), ["passed, gp's vote disregarded"]);
}

/// `meaning/gridlock-fix-leaves-ties` and `meaning/tie-not-escalated`: a tie under a unanimous
/// rule never decides it, so `if rejected` takes every failed proposal, tied or not.
#[test]
fn regression_ties_under_unanimity_take_the_rejection_route() {
    let gridlock = r#"agreement "Unanimity"
member hhft
member gpfed
member lbh
decision "amend the agreement"
  passes if unanimous
  if rejected, escalate to "the joint committee", then "mediation"
"#;
    let proposals = r#"proposal "one for, one against, one abstaining"
  decision "amend the agreement"
  in favour: hhft
  against: gpfed
  abstaining: lbh

proposal "two for, one against"
  decision "amend the agreement"
  in favour: hhft, lbh
  against: gpfed
"#;
    assert_eq!(
        decided(gridlock, proposals),
        [
            "escalated to \"the joint committee\" (the rule did not hold)",
            "escalated to \"the joint committee\" (the rule did not hold)"
        ]
    );

    let split = r#"agreement "escalation on a two-party split"

member council
member health-board

decision "only if rejected"
  passes if unanimous
  if rejected, escalate to "mediation"

decision "both routes"
  passes if unanimous
  on a tie, escalate to "mediation"
  if rejected, escalate to "mediation"
"#;
    let proposals = r#"proposal "1-1 split, only if rejected"
  decision "only if rejected"
  in favour: council
  against: health-board

proposal "1-0 with one absent, only if rejected"
  decision "only if rejected"
  in favour: council

proposal "1-1 split, both routes"
  decision "both routes"
  in favour: council
  against: health-board
"#;
    assert_eq!(
        decided(split, proposals),
        [
            "escalated to \"mediation\" (the rule did not hold)",
            "escalated to \"mediation\" (the rule did not hold)",
            "escalated to \"mediation\" (the rule did not hold)",
        ]
    );
}
