//! Evaluating proposals through the library: one snapshot of the explanation per scenario in
//! `tests/eval/*.scenarios`, covering every kind of condition in the seeds.
//!
//! Each scenario also states its outcome with `expect …`; the harness checks that before the
//! snapshot, so accepting a snapshot can never silently turn a pass into a failure.

use std::path::PathBuf;

use concord::commands::eval::{eval, EvalItem, EvalOptions, EvalReport, Weights};
use concord::eval::{Evaluation, OutcomeKind};
use concord::model::inputs::{Expect, ExpectDetail};
use concord::model::Scenario;
use concord::report::{eval_human, Colour};
use concord::syntax::ast::OutcomeWord;

fn path(file: &str) -> PathBuf {
    PathBuf::from("tests/eval").join(file)
}

fn run(agreement: &str, input: &str, scenario: Option<&str>, weights: Weights) -> EvalReport {
    let options = EvalOptions { scenario: scenario.map(str::to_string), weights, why: false };
    eval(&path(agreement), &path(input), &options)
}

fn scenarios(agreement: &str, input: &str) -> Vec<Scenario> {
    let text = |f: &str| std::fs::read_to_string(path(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let loaded = concord::load::load(&text(agreement));
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("{agreement} does not read"));
    let parsed = concord::syntax::parse(&text(input));
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{input}: {errors:?}");
    inputs.scenarios
}

fn evaluation(report: &EvalReport) -> &Evaluation {
    match report.evaluations.as_slice() {
        [EvalItem::Decision(d)] => &d.evaluation,
        other => panic!("expected one decision, got {other:?}"),
    }
}

/// Checks a scenario's `expect` lines against its evaluation.
fn check_expectations(scenario: &Scenario, e: &Evaluation) {
    let name = &scenario.name.node;
    let mut checked = 0;
    for expect in &scenario.expectations {
        let Expect::Outcome { outcome, detail } = &expect.node else { continue };
        checked += 1;
        let kind = match outcome {
            OutcomeWord::Passed => OutcomeKind::Passed,
            OutcomeWord::Rejected => OutcomeKind::Rejected,
            OutcomeWord::Escalated => OutcomeKind::Escalated,
            OutcomeWord::Deadlocked => OutcomeKind::Deadlocked,
            OutcomeWord::Invalid => OutcomeKind::Invalid,
            OutcomeWord::Postponed => OutcomeKind::Postponed,
            OutcomeWord::Awaiting => OutcomeKind::Awaiting,
        };
        assert_eq!(e.outcome.result, kind, "{name}: outcome");
        match detail.as_ref().map(|d| &d.node) {
            Some(ExpectDetail::EscalatedTo(body)) => {
                let to = e.outcome.deadlock.as_ref().and_then(|d| d.escalated_to.as_ref()).map(|s| s.body.as_str());
                assert_eq!(to, Some(body.as_str()), "{name}: escalated to");
            }
            Some(ExpectDetail::CastingVoteOf(member)) => {
                assert_eq!(e.outcome.casting_vote.as_ref().map(|c| c.id), Some(*member), "{name}: casting vote");
            }
            Some(ExpectDetail::Because(reason)) => assert!(
                e.outcome.invalid.iter().any(|i| i.expected_reason() == Some(*reason)),
                "{name}: invalid because {reason:?}, got {:?}",
                e.outcome.invalid
            ),
            Some(ExpectDetail::DefaultApplies) => {
                assert!(e.outcome.deadlock.as_ref().is_some_and(|d| d.default.is_some()), "{name}: the default applies")
            }
            Some(ExpectDetail::SubjectToApproval) => {
                assert!(!e.outcome.awaiting.is_empty(), "{name}: subject to approval")
            }
            Some(ExpectDetail::ApprovalWithheld) => {
                assert!(!e.outcome.withheld_by.is_empty(), "{name}: approval withheld")
            }
            None => assert!(e.outcome.awaiting.is_empty(), "{name}: passed, but an approval is awaited"),
        }
    }
    assert_eq!(checked, 1, "{name}: every fixture scenario states its outcome once");
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// Evaluates every scenario of a fixture alone, checks its expectation and snapshots its
/// explanation.
fn snapshot_fixture(stem: &str) {
    let agreement = format!("{stem}.concord");
    let input = format!("{stem}.scenarios");
    let all = scenarios(&agreement, &input);
    assert!(!all.is_empty());
    for scenario in &all {
        let report = run(&agreement, &input, Some(&scenario.name.node), Weights::Hide);
        // A vote from a name the agreement does not have is bad input: the outcome is still
        // worked out (invalid), and the exit code is 2.
        let slip = evaluation(&report)
            .outcome
            .invalid
            .iter()
            .any(|i| matches!(i, concord::eval::Invalidity::UnknownMemberVoted { .. }));
        assert!(report.problems.is_empty(), "{}: {:?}", scenario.name.node, report.problems);
        assert_eq!(report.exit_code(), if slip { 2 } else { 0 }, "{}", scenario.name.node);
        check_expectations(scenario, evaluation(&report));
        let text = eval_human(&report, Colour::Off, 100);
        insta::assert_snapshot!(format!("{}__{}", slug(stem), slug(&scenario.name.node)), text);
    }
}

/// 70% of eligible votes; the primary-care class majority; the lead provider in favour; a
/// member excluded for gaining 6% of its budget; a statutory veto used and not applicable; an
/// observer's vote.
#[test]
fn network() {
    snapshot_fixture("network");
}

/// "Half the total plus one" against "more than half" on an odd total of 11.
#[test]
fn majority_on_an_odd_total() {
    snapshot_fixture("majority");
}

/// The same two majorities on an odd weighted total (101).
#[test]
fn majority_on_a_weighted_total() {
    snapshot_fixture("weighted-majority");
}

/// Exactly at the threshold: "at least" holds, "more than" does not (70% and two thirds).
#[test]
fn exactly_at_the_threshold() {
    snapshot_fixture("threshold");
}

/// Health and social-care blocs, each by internal majority, each with a veto; weights by the
/// budget committed to the proposal and to the pool.
#[test]
fn blocs() {
    snapshot_fixture("joint");
}

/// Ties settled by the lead provider's casting vote, a tie that stands, and a failed quorum.
#[test]
fn ties_and_quorum() {
    snapshot_fixture("collaborative");
}

/// Unanimity failing on one abstention; dated rules; excluded and unknown voters.
#[test]
fn unanimity_and_invalid_votes() {
    snapshot_fixture("alliance");
}

/// Reserved shares, shown with every member's exact weight.
#[test]
fn reserved_shares_with_weights() {
    let report = run("reserved.concord", "reserved.proposals", None, Weights::Show);
    assert_eq!(report.exit_code(), 0, "{:?}", report.problems);
    insta::assert_snapshot!("reserved__weights", eval_human(&report, Colour::Off, 100));
}

/// Stand-alone proposals (an unknown decision, an unknown voter); the year-end result beside
/// them is left to the money engine (`commands::evaluate` runs both).
#[test]
fn stand_alone_proposals_and_a_result() {
    let report = run("reserved.concord", "mixed.proposals", None, Weights::Hide);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.exit_code(), 2, "one proposal has a vote from a name that is not a member");
    let outcomes: Vec<Option<OutcomeKind>> = report
        .evaluations
        .iter()
        .map(|i| match i {
            EvalItem::Decision(d) => Some(d.evaluation.outcome.result),
            EvalItem::Election(_) => None,
        })
        .collect();
    assert_eq!(outcomes, [Some(OutcomeKind::Invalid), Some(OutcomeKind::Invalid)]);
    insta::assert_snapshot!("mixed__proposals", eval_human(&report, Colour::Off, 100));
}

/// The JSON shape, for a proposal with an exclusion that changes the base and an escalation.
#[test]
fn json_shape() {
    let report =
        run("network.concord", "network.scenarios", Some("GP federation gains 6% of its budget"), Weights::Hide);
    let json = serde_json::to_string_pretty(&report).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("network__json", json);
    let report = run("joint.concord", "joint.scenarios", Some("social care blocks it"), Weights::Show);
    let json = serde_json::to_string_pretty(&report).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("joint__json", json);
}

/// Without `--scenario`, every scenario that proposes something is evaluated, in order.
#[test]
fn every_scenario_in_order() {
    let report = run("collaborative.concord", "collaborative.scenarios", None, Weights::Hide);
    let names: Vec<&str> = report
        .evaluations
        .iter()
        .map(|i| match i {
            EvalItem::Decision(d) => d.name.as_str(),
            EvalItem::Election(e) => e.name.as_str(),
        })
        .collect();
    assert_eq!(
        names,
        [
            "tie settled by the lead provider",
            "casting vote cast against",
            "lead provider abstains on a tie",
            "too few present"
        ]
    );
}

/// An unknown scenario name is bad input, with the nearest name suggested.
#[test]
fn unknown_scenario_suggests_the_nearest() {
    let report = run("collaborative.concord", "collaborative.scenarios", Some("too few presnt"), Weights::Hide);
    assert_eq!(report.exit_code(), 2);
    insta::assert_snapshot!("collaborative__unknown_scenario", eval_human(&report, Colour::Off, 100));
}

/// Quorums as drafted (half the membership rounded up, present and voting) and a decision
/// about a member that leaves that member out (issue 21).
#[test]
fn quorum_bases_and_the_member_concerned() {
    snapshot_fixture("board");
}

/// The lower quorum of a reconvened meeting: the agreement's, a decision's own, and a decision
/// whose own quorum is not lowered.
#[test]
fn reconvened_meetings() {
    snapshot_fixture("reconvened");
}

/// A default when a decision is not carried (issue 21, item 8): applied whatever the reason,
/// after an `on a tie` route.
#[test]
fn defaults_when_not_carried() {
    snapshot_fixture("defaults");
}
