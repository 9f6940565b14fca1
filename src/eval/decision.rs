//! Deciding one proposal: the electorate and ballots, then the rule, vetoes, quorum and ties
//! (measured in `conditions.rs` and `vetoes.rs`), then the outcome.
//!
//! In: the agreement, the proposal and their texts. Out: an [`Evaluation`]. Who votes and what
//! each vote weighs come from [`crate::weights::electorate`] (shared with the checker); this
//! module only counts ballots against those weights and compares exactly.
//!
//! The steps are those of docs/semantics.md, in its order, and its numbers are quoted below:
//! - (3) a vote from a member who is not eligible (an observer, an excluded member, a member who
//!   gains too much) is disregarded and the working says so; a vote from an unknown name makes
//!   the proposal invalid;
//! - (5) a bloc veto is used when more than half of the bloc's eligible votes cast are against; a
//!   statutory bloc veto applies when the proposal puts any bloc member's duties at risk;
//! - `each bloc …` fails when the agreement has no bloc (nothing can be measured);
//! - (7) a tie decides the proposal only when the rule would hold with the tie broken in favour
//!   (`conditions.rs`, the tipped reading); then the casting vote of an eligible, present holder
//!   settles it; a casting vote is never counted in any other condition, veto or quorum;
//! - (8) a proposal not carried takes the `on a tie` route when the votes tied and nothing
//!   settled them, else the `if rejected` route whatever the reason, else is deadlocked (a tie)
//!   or rejected.

use super::context::Context;
use super::evaluator::{EvalError, Evaluator, Sources};
use super::tally::{Ballot, TooLarge};
use super::{
    CastingUsed, Deadlock, DeadlockCause, DefaultApplied, Evaluation, Invalidity, Name, Outcome, OutcomeKind,
    QuorumSource,
};
use crate::model::inputs::{DecisionRef, Proposal};
use crate::model::{Agreement, EscalationTrigger, MemberId};

/// Evaluates `proposal` against `agreement`: the outcome and all of its working.
pub fn evaluate(agreement: &Agreement, proposal: &Proposal, sources: Sources<'_>) -> Result<Evaluation, EvalError> {
    Evaluator::new(agreement, sources.agreement).evaluate(proposal, sources.proposal)
}

impl Evaluator<'_> {
    /// Evaluates `proposal`, read from `proposal_text`: the outcome and all of its working.
    pub fn evaluate(&self, proposal: &Proposal, proposal_text: &str) -> Result<Evaluation, EvalError> {
        let agreement = self.agreement;
        let mut evaluation = Evaluation {
            proposal: proposal.title.node.clone(),
            decision: None,
            date: proposal.date.map(|d| d.node),
            currency: agreement.currency.code.clone(),
            currency_symbol: agreement.currency.symbol,
            voting: None,
            members: Vec::new(),
            rule: None,
            vetoes: Vec::new(),
            quorum: None,
            tie: None,
            matters: None,
            meetings: None,
            outcome: outcome(OutcomeKind::Invalid),
            effects: Vec::new(),
            effects_refused: None,
            in_force: Vec::new(),
            changes: Vec::new(),
            jointly: None,
        };
        let decision = match proposal.decision.as_ref().map(|d| &d.node) {
            None => {
                evaluation.outcome.invalid.push(Invalidity::NoDecision);
                return Ok(evaluation);
            }
            Some(DecisionRef::Unknown(name)) => {
                evaluation.decision = Some(name.clone());
                evaluation.outcome.invalid.push(Invalidity::UnknownDecision { name: name.clone() });
                return Ok(evaluation);
            }
            Some(DecisionRef::Known(id)) => match agreement.decision(*id) {
                Some(d) => d,
                None => {
                    evaluation.outcome.invalid.push(Invalidity::UnknownDecision { name: String::new() });
                    return Ok(evaluation);
                }
            },
        };
        evaluation.decision = Some(decision.name.clone());
        let too_large = |_: TooLarge| EvalError::TooLarge { decision: decision.name.clone(), at: decision.span.into() };

        let ctx = Context::new(self, decision, proposal)?;
        let mut invalid = ctx.vote_problems(proposal, proposal_text);
        evaluation.voting = Some(ctx.voting_summary());
        evaluation.members = ctx.standings();
        evaluation.matters = ctx.matters(proposal).map(Box::new);

        // The rule in force on the proposal's date.
        // (1) Or the rule who proposed it chooses.
        let dated = decision.rules.iter().any(|r| r.from.is_some() || r.until.is_some());
        let mut chosen = None;
        let in_force = match (dated, proposal.date) {
            _ if decision.outside.is_some() => None,
            _ if crate::model::proposer_rules::depends_on_proposer(decision) => match ctx.rule_by_proposer(proposal) {
                Ok((rule, choice)) => {
                    chosen = Some(choice);
                    Some(rule)
                }
                Err(why) => {
                    invalid.push(why);
                    None
                }
            },
            (true, None) => {
                invalid.push(Invalidity::NoDate);
                None
            }
            (_, date) => {
                let rule = decision.rule_on(date.map(|d| d.node));
                if rule.is_none() {
                    if let Some(date) = date {
                        invalid.push(Invalidity::NoRuleInForce { date: date.node });
                    }
                }
                rule
            }
        };
        // (1a) Who proposed it, the notice it was given, the breach it rests on.
        invalid.extend(ctx.standing(proposal));
        evaluation.jointly = ctx.joint_working(proposal);
        evaluation.meetings = ctx.meetings(proposal);
        invalid.extend(evaluation.meetings.iter().flat_map(|m| m.standing()));
        // (1b) A decision taken by a body outside the meeting: no vote, the body's decision.
        if let Some(body) = &decision.outside {
            return Ok(ctx.decided_outside(evaluation, invalid, body, proposal));
        }
        if let Some(timed) = in_force {
            let mut rule = ctx.rule_result(&timed.rule, None).map_err(too_large)?;
            rule.from = timed.from;
            rule.until = timed.until;
            rule.chosen = chosen;
            evaluation.rule = Some(rule);
        }

        evaluation.vetoes = ctx.vetoes(proposal).map_err(too_large)?;
        let reconvened = proposal.reconvened.is_some();
        if let Some(quorum) = agreement.quorum_for(decision, reconvened) {
            let source = if quorum.own { QuorumSource::Decision } else { QuorumSource::Agreement };
            // A vote lodged in advance is never presence: the quorum is judged without it.
            let at_meeting = ctx.without_lodged(proposal);
            let mut result = at_meeting.rule_result(quorum.rule, Some(source)).map_err(too_large)?;
            result.reconvened = reconvened.then_some(quorum.reconvened);
            if !result.held {
                invalid.push(Invalidity::NoQuorum);
            }
            evaluation.quorum = Some(result);
        }
        // (4) The quorum of members attending, voting or not, beside any other.
        invalid.extend(evaluation.meetings.as_ref().and_then(|m| m.no_quorum()));

        let timing = ctx.timing(proposal);
        let postponement = ctx.postponement(proposal).map_err(too_large)?;
        if !invalid.is_empty() {
            evaluation.outcome.invalid = invalid;
            evaluation.outcome.timing = timing;
            return Ok(evaluation);
        }
        // (4a) Decided after the last day the decision allows from the request: the matter had
        // already gone down the route, whatever the votes say.
        if let Some(late) = timing.as_ref().filter(|t| !t.in_time).and_then(|_| ctx.out_of_time()) {
            let mut result = outcome(OutcomeKind::Escalated);
            result.deadlock = Some(late);
            result.timing = timing;
            evaluation.outcome = result;
            return Ok(evaluation);
        }
        // (4b) Members holding enough of the votes asked for it to be postponed.
        if postponement.as_ref().is_some_and(|p| p.held) {
            let mut result = outcome(OutcomeKind::Postponed);
            result.postponement = postponement;
            result.timing = timing;
            evaluation.outcome = result;
            return Ok(evaluation);
        }
        // The first step that settles the proposal gives the outcome (docs/semantics.md 5–9).
        let vetoed_by: Vec<Name> = evaluation.vetoes.iter().flat_map(|v| v.exercised_by.iter().cloned()).collect();
        let mut result = outcome(OutcomeKind::Passed);
        let not_carried = if !vetoed_by.is_empty() {
            // (5) A veto was used.
            result.vetoed_by = vetoed_by;
            Some(DeadlockCause::Vetoed)
        } else if let Some(rule) = evaluation.rule.as_ref().filter(|r| !r.held) {
            // (6) The rule did not hold; (7) does a tie decide it?
            let tie = ctx.tie(proposal, rule);
            let cause = if !tie.decides {
                Some(DeadlockCause::Rejected)
            } else {
                match tie.casting_vote.as_ref().and_then(|c| c.cast.map(|cast| (c, cast))) {
                    Some((casting, cast)) => {
                        let id = crate::model::offices::casting_holder(ctx.agreement, decision, proposal)
                            .map_or(MemberId(0), |c| c.node);
                        result.casting_vote = Some(CastingUsed { member: casting.member.clone(), id, cast });
                        (cast != Ballot::InFavour).then_some(DeadlockCause::CastingVote)
                    }
                    None => Some(DeadlockCause::Tie),
                }
            };
            evaluation.tie = Some(tie);
            cause
        } else {
            // (6) The rule held.
            None
        };
        if let (None, Some(working)) = (not_carried, evaluation.matters.as_deref_mut()) {
            // (9) Approvals outside the meeting, for a proposal the meeting passed.
            let (withheld, awaiting) = super::matters::approvals_step(working);
            if !withheld.is_empty() {
                result.result = OutcomeKind::Rejected;
                result.withheld_by = withheld;
                result.deadlock = Some(Deadlock {
                    because: DeadlockCause::ApprovalWithheld,
                    escalated_to: None,
                    then: Vec::new(),
                    clause: None,
                    default: None,
                });
            } else {
                result.awaiting = awaiting;
            }
        }
        if let Some(cause) = not_carried {
            // (8) Where a proposal that is not carried goes.
            let route = match cause {
                DeadlockCause::Tie => {
                    ctx.route(EscalationTrigger::Tie).or_else(|| ctx.route(EscalationTrigger::Rejected))
                }
                _ => ctx.route(EscalationTrigger::Rejected),
            };
            result.deadlock = Some(match route {
                Some(route) => {
                    result.result = OutcomeKind::Escalated;
                    ctx.escalated(cause, route)
                }
                None => {
                    // (8.3) The decision's default, whatever the reason, a tie included.
                    let default = decision
                        .default
                        .as_ref()
                        .map(|d| DefaultApplied { text: d.text.clone(), clause: ctx.place(d.span) });
                    result.result = if cause == DeadlockCause::Tie && default.is_none() {
                        OutcomeKind::Deadlocked
                    } else {
                        OutcomeKind::Rejected
                    };
                    Deadlock { because: cause, escalated_to: None, then: Vec::new(), clause: None, default }
                }
            });
        }
        result.postponement = postponement.filter(|p| !p.asked_by.is_empty() || !p.disregarded.is_empty());
        result.timing = timing;
        if result.result == OutcomeKind::Passed && !decision.effects.is_empty() {
            let (out, changes, refused) = ctx.effects(agreement, decision, proposal);
            evaluation.effects = out;
            evaluation.changes = changes;
            evaluation.effects_refused = refused;
        }
        evaluation.outcome = result;
        Ok(evaluation)
    }
}

fn outcome(result: OutcomeKind) -> Outcome {
    Outcome {
        result,
        casting_vote: None,
        vetoed_by: Vec::new(),
        deadlock: None,
        invalid: Vec::new(),
        awaiting: Vec::new(),
        withheld_by: Vec::new(),
        postponement: None,
        timing: None,
        decided_outside: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::CastingUnused;
    use crate::load::{load, load_inputs};
    use crate::weights;
    use rust_decimal::Decimal;

    /// Evaluates the first proposal of `proposal` against `agreement`.
    fn run(agreement: &str, proposal: &str) -> Evaluation {
        let loaded = load(agreement);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let a = loaded.agreement.unwrap_or_else(|| unreachable!());
        let parsed = crate::syntax::parse(proposal);
        let (inputs, errors) = load_inputs(&a, &parsed.file);
        assert!(errors.is_empty() && parsed.errors.is_empty(), "{errors:?} {:?}", parsed.errors);
        let p = inputs.proposals.first().unwrap_or_else(|| unreachable!());
        evaluate(&a, p, Sources { agreement, proposal }).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_tally_too_large_to_add_up_is_an_error_even_when_the_total_fits() {
        // Reserved shares of 200.1% (which the checker refuses) weigh `mz` and `mw` below zero.
        // The total, 4 × 10^28, fits, but `mx` and `my` in favour weigh 8.004 × 10^28 together,
        // more than a decimal holds: that was a panic, and is now `figures_too_large`.
        let agreement = r#"agreement "Over"
  kinds acute, lay, care
member mz
  kinds care
  budget £400,000,000,000,000,000,000,000,000
member mw
  kinds care
  budget £1
member mx
  kinds acute
member my
  kinds lay
voting in proportion to budget
  acute members together hold 150.5% of the votes
  lay members together hold 49.6% of the votes
decision "d"
  passes if more than half of eligible votes in favour
"#;
        let proposal = "proposal \"p\"\n  decision \"d\"\n  in favour: mx, my\n  against: mz\n";
        let loaded = load(agreement);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let a = loaded.agreement.unwrap_or_else(|| unreachable!());
        let electorate = weights::electorate(&a, &a.decisions[0], None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            electorate.total,
            Decimal::from_str_exact("40000000000000000000000000100").unwrap_or_else(|_| unreachable!())
        );
        let parsed = crate::syntax::parse(proposal);
        let (inputs, errors) = load_inputs(&a, &parsed.file);
        assert!(errors.is_empty());
        let p = inputs.proposals.first().unwrap_or_else(|| unreachable!());
        let result = evaluate(&a, p, Sources { agreement, proposal });
        assert!(matches!(&result, Err(EvalError::TooLarge { decision, .. }) if decision == "d"), "{result:?}");
        assert_eq!(
            result.err().and_then(|e| miette::Diagnostic::code(&e).map(|c| c.to_string())).as_deref(),
            Some("concord::eval::figures_too_large")
        );
    }

    const FOUR: &str = r#"agreement "Four"
member a1
member a2
member a3
  observer
member a4
decision "empty base"
  passes if at most 10% of votes cast against and fewer than 1/3 of votes present against
decision "needs votes cast"
  passes if at least half of votes cast in favour
decision "casting vote of an excluded member"
  passes if more than half of votes cast in favour
  a4 does not vote
  on a tie, a4 has the casting vote
  if rejected, escalate to "the board"
decision "gains"
  passes if more than half of eligible votes in favour
  members gaining more than 5% of their budget do not vote
"#;

    #[test]
    fn an_empty_base_carries_nothing() {
        let e = run(FOUR, "proposal \"p\"\n  decision \"empty base\"\n");
        let rule = e.rule.as_ref().unwrap_or_else(|| unreachable!());
        assert!(rule.conditions.iter().all(|c| c.held && c.measure.as_ref().is_some_and(|m| m.requirement.empty_base)));
        assert_eq!(e.outcome.result, OutcomeKind::Passed);
        let e = run(FOUR, "proposal \"p\"\n  decision \"needs votes cast\"\n  abstaining: a1\n");
        assert_eq!(e.outcome.result, OutcomeKind::Rejected);
        assert!(e.tie.as_ref().is_some_and(|t| !t.votes_cast && !t.tied));
    }

    #[test]
    fn a_casting_vote_held_by_someone_who_does_not_vote_cannot_settle_a_tie() {
        let e = run(
            FOUR,
            "proposal \"p\"\n  decision \"casting vote of an excluded member\"\n  in favour: a1\n  against: a2\n",
        );
        let casting = e.tie.as_ref().and_then(|t| t.casting_vote.as_ref()).unwrap_or_else(|| unreachable!());
        assert_eq!(casting.unused, Some(CastingUnused::NotEligible));
        // A tie that nothing settles takes the `if rejected` route when there is no `on a tie`
        // route (docs/semantics.md step 8).
        assert_eq!(e.outcome.result, OutcomeKind::Escalated);
        assert_eq!(e.outcome.deadlock.as_ref().map(|d| d.because), Some(DeadlockCause::Tie));
    }

    #[test]
    fn votes_from_members_who_do_not_vote_are_disregarded() {
        // a4 is excluded by name and votes anyway: its vote is counted nowhere, the rest stands.
        let e = run(FOUR, "proposal \"p\"\n  decision \"casting vote of an excluded member\"\n  in favour: a1, a4\n");
        assert!(e.outcome.invalid.is_empty());
        assert_eq!(e.outcome.result, OutcomeKind::Passed);
        let a4 = e.members.iter().find(|m| &*m.member == "a4").unwrap_or_else(|| unreachable!());
        assert!(a4.not_voting.as_ref().is_some_and(|nv| nv.vote_disregarded));
        // An observer's vote is disregarded too.
        let e = run(FOUR, "proposal \"p\"\n  decision \"empty base\"\n  in favour: a3\n");
        assert!(e.outcome.invalid.is_empty());
        let gains = FOUR.replace("member a2\n", "member a2\n  budget £100\n");
        // a2 gains 6% of its budget, over the decision's limit, and votes anyway: disregarded, so
        // a1 against decides it.
        let e = run(&gains, "proposal \"p\"\n  decision \"gains\"\n  a2 gains £6\n  in favour: a2\n  against: a1\n");
        assert!(e.outcome.invalid.is_empty());
        assert_eq!(e.outcome.result, OutcomeKind::Rejected);
        let e = run(&gains, "proposal \"p\"\n  decision \"gains\"\n  a2 gains £6\n  against: a1\n");
        assert!(e.outcome.invalid.is_empty());
        assert_eq!(e.outcome.result, OutcomeKind::Rejected);
    }
}
