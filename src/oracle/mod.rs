//! The reference evaluator: docs/semantics.md's algorithm, written out naively, to hold the
//! engines to it.
//!
//! In: a resolved [`Agreement`] and a resolved [`Proposal`]. Out: a [`Verdict`] (passed,
//! rejected, escalated, deadlocked or invalid, with the casting vote, the body escalated to,
//! the reason it is invalid or was not carried, and the votes disregarded), or
//! [`OracleError::Unsupported`] where the model says something the reference does not say how
//! to read. It guesses nothing.
//!
//! This is a twin, not an engine. It reads only the resolved model and shares no code with
//! `eval`, `coalitions`, `weights`, `power` or `money`: every weight is worked out again from
//! language reference §7, every condition judged from §9 and §10, in exact rationals
//! ([`num_rational::BigRational`]) that never round. It is meant to be read beside
//! docs/semantics.md, one function per step, in the same order:
//!
//! 1. `the_decision_and_its_rule`: the decision named, and the rule in force;
//! 2. `who_votes`: the eligible members and their weights;
//! 3. `the_ballots`: the votes, unknown voters making the proposal invalid and ineligible
//!    ones disregarded;
//! 4. `the_quorum`;
//! 5. `the_vetoes`;
//! 6. `the_rule`;
//! 7. `a_tie`, with the tipped reading and the casting vote;
//! 8. `not_carried`: escalated, deadlocked or rejected;
//! 9. `approvals::approvals`: for a proposal the meeting passed, approvals outside it.
//!
//! Step 1b, a decision taken by a body outside the meeting, is in `outside`: step 1a, then the
//! body's decision, and none of the meeting's steps.
//!
//! Steps 1a, 4a and 4b are in `procedure`: who proposed it, its notice and the breach it rests
//! on (`procedure::standing`); decided after the period from the request
//! (`procedure::out_of_time`); a minority asking for postponement (`procedure::postponed`).
//!
//! It is slow on purpose (it recounts every tally for every condition) and meant for small
//! cases: property tests compare it with the evaluator and the coalition engine.

mod approvals;
mod blocs;
mod chairs;
mod conditions;
pub mod elections;
mod exact;
mod meetings;
mod outside;
mod procedure;
mod proposers;
mod weights;

#[cfg(test)]
mod attendance_props;
#[cfg(test)]
mod regressions;
#[cfg(test)]
mod tests;
mod verdict;

pub use verdict::{InvalidReason, NotCarried, OracleError, OutcomeKind, Verdict};

use std::collections::BTreeMap;

use num_rational::BigRational;
use num_traits::Zero;

use crate::model::inputs::{DecisionRef, Proposal, Voter};
use crate::model::{Agreement, BlocSelection, Decision, EscalationTrigger, MemberId, Rule, VetoHolder, VoteChoice};
use conditions::Reading;
use weights::Electorate;

/// How one eligible member stands on the proposal (reference §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ballot {
    InFavour,
    Against,
    Abstaining,
    Absent,
}

/// Everything the later steps look at: who votes, with what weight, and how.
struct Meeting<'a> {
    agreement: &'a Agreement,
    electorate: Electorate,
    /// The eligible members' ballots; an eligible member not listed is absent.
    ballots: BTreeMap<MemberId, Ballot>,
}

impl Meeting<'_> {
    /// How `member` stands; a member who is not eligible "is counted nowhere", so absent.
    fn ballot(&self, member: MemberId) -> Ballot {
        self.ballots.get(&member).copied().unwrap_or(Ballot::Absent)
    }

    /// The weight of the eligible members with `ballot`.
    fn weight_of(&self, ballot: Ballot) -> BigRational {
        self.electorate
            .weights
            .iter()
            .filter(|(m, _)| self.ballot(**m) == ballot)
            .fold(BigRational::zero(), |sum, (_, w)| sum + w)
    }
}

/// Decides `proposal` under `agreement`, by docs/semantics.md's algorithm: the first step that
/// settles it gives the outcome.
pub fn decide(agreement: &Agreement, proposal: &Proposal) -> Result<Verdict, OracleError> {
    // Step 1b comes first here: a decision taken outside the meeting has no rule for step 1 to
    // find, and step 1a is judged inside it.
    if let Some(verdict) = outside::decided_outside(agreement, proposal) {
        return Ok(verdict);
    }
    // Step 1.
    let (decision, rule) = match the_decision_and_its_rule(agreement, proposal)? {
        Ok(found) => found,
        Err(reason) => return Ok(Verdict::invalid(reason, Vec::new())),
    };
    // Step 1a.
    if let Some(reason) = procedure::standing(agreement, decision, proposal) {
        return Ok(Verdict::invalid(reason, Vec::new()));
    }
    if let Some(reason) = meetings::standing(decision, proposal) {
        return Ok(Verdict::invalid(reason, Vec::new()));
    }
    // Step 2.
    let electorate = who_votes(agreement, decision, proposal)?;
    // Step 3.
    let (ballots, disregarded) = match the_ballots(agreement, &electorate, proposal) {
        Ok(counted) => counted,
        Err(reason) => return Ok(Verdict::invalid(reason, Vec::new())),
    };
    // Step 3: votes lodged in advance within the limits are the members' votes; the meeting
    // itself (its quorum) is judged without them.
    let at_the_meeting = Meeting { agreement, electorate: electorate.clone(), ballots: ballots.clone() };
    let mut ballots = ballots;
    meetings::add_lodged(decision, proposal, &electorate, &mut ballots);
    let meeting = Meeting { agreement, electorate, ballots };
    // Step 4.
    if !the_quorum(&at_the_meeting, agreement, decision, proposal)?
        || !meetings::attendance_holds(decision, proposal, &at_the_meeting.ballots)
    {
        return Ok(Verdict::invalid(InvalidReason::NoQuorum, disregarded));
    }
    // Step 4a.
    if let Some(body) = procedure::out_of_time(decision, proposal) {
        return Ok(Verdict {
            outcome: OutcomeKind::Escalated,
            casting_vote: None,
            escalated_to: Some(body),
            default: None,
            invalid: None,
            not_carried: Some(NotCarried::OutOfTime),
            disregarded,
            awaiting: Vec::new(),
            withheld_by: Vec::new(),
        });
    }
    // Step 4b.
    if procedure::postponed(&meeting.electorate, decision, proposal) {
        return Ok(Verdict {
            outcome: OutcomeKind::Postponed,
            casting_vote: None,
            escalated_to: None,
            default: None,
            invalid: None,
            not_carried: None,
            disregarded,
            awaiting: Vec::new(),
            withheld_by: Vec::new(),
        });
    }
    // Step 5.
    let reason = if the_vetoes(&meeting, decision, proposal)? {
        NotCarried::Vetoed
    // Step 6.
    } else if the_rule(&meeting, rule)? {
        return Ok(approved(decision, proposal, Verdict::passed(None, disregarded)));
    // Step 7.
    } else {
        match a_tie(&meeting, decision, rule, proposal)? {
            Tie::PassedOnTheCastingVote(holder) => {
                return Ok(approved(decision, proposal, Verdict::passed(Some(holder), disregarded)))
            }
            Tie::NotCarried(reason) => reason,
        }
    };
    // Step 8.
    not_carried(decision, reason, disregarded)
}

/// Step 9, "Approvals outside the meeting", for a proposal the meeting passed: one withheld
/// rejects it (and no route or default is taken: the meeting carried it); else those not yet
/// given are awaited and it stays passed.
fn approved(decision: &Decision, proposal: &Proposal, mut passed: Verdict) -> Verdict {
    let (withheld, awaiting) = approvals::approvals(decision, proposal);
    if withheld.is_empty() {
        passed.awaiting = awaiting;
    } else {
        passed.outcome = OutcomeKind::Rejected;
        passed.casting_vote = None;
        passed.not_carried = Some(NotCarried::ApprovalWithheld);
        passed.withheld_by = withheld;
    }
    passed
}

/// Who votes on `decision` under `proposal`'s facts (step 2), each with its exact weight
/// (reference §7). For questions about a decision in general, pass a proposal stating no facts.
pub fn weights(
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
) -> Result<BTreeMap<MemberId, BigRational>, OracleError> {
    Ok(who_votes(agreement, decision, proposal)?.weights)
}

/// Step 1, "The decision and its rule": the proposal must name a decision of the agreement;
/// if the decision has dated rules, the proposal must carry a date and a rule must be in force
/// on it. The outer error is the oracle's; the inner one makes the proposal invalid.
#[allow(clippy::type_complexity)]
fn the_decision_and_its_rule<'a>(
    agreement: &'a Agreement,
    proposal: &Proposal,
) -> Result<Result<(&'a Decision, &'a Rule), InvalidReason>, OracleError> {
    let decision = match proposal.decision.as_ref().map(|d| &d.node) {
        Some(DecisionRef::Known(id)) => agreement.decision(*id),
        Some(DecisionRef::Unknown(_)) | None => None,
    };
    let Some(decision) = decision else { return Ok(Err(InvalidReason::UnknownDecision)) };
    if let Some(chosen) = proposers::rule(agreement, decision, proposal) {
        return chosen.map(|r| r.map(|rule| (decision, rule)));
    }
    let dated = decision.rules.iter().any(|r| r.from.is_some() || r.until.is_some());
    let in_force: Vec<&Rule> = if dated {
        let Some(date) = proposal.date.map(|d| d.node) else { return Ok(Err(InvalidReason::NoDate)) };
        // "`until D` holds up to and including D; `from D` holds from D onwards" (§9).
        decision
            .rules
            .iter()
            .filter(|r| r.from.is_none_or(|from| from <= date) && r.until.is_none_or(|until| date <= until))
            .map(|r| &r.rule.node)
            .collect()
    } else {
        decision.rules.iter().map(|r| &r.rule.node).collect()
    };
    match in_force.as_slice() {
        [] if dated => Ok(Err(InvalidReason::NoRuleInForce)),
        [] => Err(OracleError::Unsupported("a decision with no rule")),
        [rule] => Ok(Ok((decision, rule))),
        _ => Err(OracleError::Unsupported("a decision with more than one rule in force")),
    }
}

/// Step 2, "Who votes": every member except observers, members the decision's clauses
/// exclude, and members whose gain under this proposal is over the limit; each eligible member
/// has an exact weight (reference §7).
fn who_votes(agreement: &Agreement, decision: &Decision, proposal: &Proposal) -> Result<Electorate, OracleError> {
    weights::electorate(agreement, decision, proposal)
}

/// Step 3, "The ballots": a vote from a name the agreement does not have makes the proposal
/// invalid; a vote from a member who is not eligible is disregarded ("counted nowhere, the rest
/// of the vote stands"). Out: the eligible members' ballots, and the members disregarded.
fn the_ballots(
    agreement: &Agreement,
    electorate: &Electorate,
    proposal: &Proposal,
) -> Result<(BTreeMap<MemberId, Ballot>, Vec<MemberId>), InvalidReason> {
    let mut ballots = BTreeMap::new();
    let mut disregarded = Vec::new();
    for vote in &proposal.votes {
        let member = match &vote.voter {
            Voter::Known(member) => *member,
            Voter::Unknown(_) => return Err(InvalidReason::UnknownMemberVoted),
        };
        if !electorate.is_eligible(member) {
            disregarded.push(member);
            continue;
        }
        // "A vote cast in a member's place by a substitute or a proxy the agreement does not
        // allow is disregarded, and the member counts as absent."
        if !stand_in_allowed(agreement, proposal, member) {
            continue;
        }
        let ballot = match vote.choice {
            VoteChoice::InFavour => Ballot::InFavour,
            VoteChoice::Against => Ballot::Against,
            VoteChoice::Abstaining => Ballot::Abstaining,
        };
        ballots.insert(member, ballot);
    }
    Ok((ballots, disregarded))
}

/// Whether the member's vote, if the proposal says someone cast it in its place, was cast by
/// someone the agreement allows: a substitute where `members may vote by substitute` covers
/// the member (every member, or a kind it is of) or the member `has a designated substitute`; a
/// proxy where `members may vote by proxy` covers it. A vote the member cast itself is allowed.
fn stand_in_allowed(agreement: &Agreement, proposal: &Proposal, member: MemberId) -> bool {
    use crate::model::offices::Agent;
    let Some(cast) = proposal.cast_by.iter().find(|c| c.member == member) else { return true };
    let covered = |list: &[(Option<crate::model::KindId>, crate::span::Span)]| {
        list.iter().any(|(kind, _)| match kind {
            None => true,
            Some(k) => agreement.members.iter().any(|m| m.id == member && m.kinds.iter().any(|mk| mk.node == *k)),
        })
    };
    match cast.agent {
        Agent::Substitute => {
            agreement.stand_ins.designated.contains_key(&member) || covered(&agreement.stand_ins.substitutes)
        }
        Agent::Proxy(_) => covered(&agreement.stand_ins.proxies),
    }
}

/// Step 4, "Quorum": the decision's quorum, else the agreement's default one, judged on the
/// eligible members' ballots (a casting vote never counts towards it). No quorum holds. "At a
/// reconvened meeting the quorum is the decision's own `if reconvened` quorum; if the decision
/// sets no quorum at all, the agreement's `if reconvened` quorum; failing both, the ordinary
/// quorum."
fn the_quorum(
    meeting: &Meeting<'_>,
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
) -> Result<bool, OracleError> {
    // "A matter reserved to one partner alone is not the meeting's: no quorum applies to it."
    if decision.matters.reserved.as_ref().is_some_and(|r| r.also != crate::model::matters::ReservedAlso::Meeting) {
        return Ok(true);
    }
    let ordinary = decision.quorum.as_ref().or(agreement.default_quorum.as_ref());
    let mut quorum = ordinary;
    if proposal.reconvened.is_some() {
        if let Some(own) = &decision.reconvened_quorum {
            quorum = Some(own);
        } else if decision.quorum.is_none() && decision.reconvened_quorum.is_none() {
            if let Some(default) = &agreement.default_reconvened_quorum {
                quorum = Some(default);
            }
        }
    }
    match quorum {
        Some(quorum) => meeting.holds(&quorum.node, Reading::AsVoted),
        None => Ok(true),
    }
}

/// Step 5, "Vetoes": whether a veto holder used its veto — "a member holder by voting against;
/// a bloc when more than half of its eligible votes cast are against". A member who does not
/// vote cannot veto; a statutory veto applies only when the proposal puts the holder's
/// statutory duties at risk (reference §9, "Vetoes").
fn the_vetoes(meeting: &Meeting<'_>, decision: &Decision, proposal: &Proposal) -> Result<bool, OracleError> {
    let agreement = meeting.agreement;
    let at_risk = |member: MemberId| proposal.duties_at_risk.iter().any(|d| d.node == member);
    // "`… when it loses by the proposal`: the veto applies only to a holder the proposal says
    // loses by it (`lbh loses £…` or `loses 2% of its budget`, more than nothing)."
    let loses = |member: MemberId| {
        proposal.revenue.get(&member).is_some_and(|c| match c.node {
            crate::model::inputs::RevenueChange::Amount(m) => m.0 < rust_decimal::Decimal::ZERO,
            crate::model::inputs::RevenueChange::PercentOfBudget(p) => p.0 < rust_decimal::Decimal::ZERO,
        })
    };
    let member_vetoes = |member: MemberId, statutory_only: bool, on_loss: bool| {
        meeting.electorate.is_eligible(member)
            && (!statutory_only || at_risk(member))
            && (!on_loss || loses(member))
            && meeting.ballot(member) == Ballot::Against
    };
    let mut used = Vec::new();
    for veto in &decision.vetoes {
        match &veto.holder {
            // `lbh may veto`
            VetoHolder::Member(member) => used.push(member_vetoes(*member, veto.statutory_only, veto.on_loss)),
            // `any [KIND] member may veto`: every eligible member (of that kind).
            VetoHolder::AnyMember(kind) => {
                for member in agreement.members.iter().filter(|m| kind.is_none_or(|k| m.is_of_kind(k))) {
                    used.push(member_vetoes(member.id, veto.statutory_only, veto.on_loss));
                }
            }
            // `each bloc may veto`, `the ID bloc may veto`
            VetoHolder::Bloc(selection) => {
                let blocs: Vec<&crate::model::Bloc> = match selection {
                    BlocSelection::Each => agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => agreement.bloc(*id).into_iter().collect(),
                };
                for bloc in blocs {
                    if veto.on_loss {
                        // As with duties at risk: whose loss is a bloc's is not said.
                        return Err(OracleError::Unsupported("a bloc's veto on a loss"));
                    }
                    if veto.statutory_only {
                        // The reference does not say whose duties are a bloc's. When none of
                        // its members' duties are at risk, or all of them are, every reading
                        // agrees; in between, the oracle declines.
                        let risked = bloc.members.iter().filter(|m| at_risk(**m)).count();
                        if risked == 0 {
                            continue;
                        }
                        if risked < bloc.members.len() {
                            return Err(OracleError::Unsupported(
                                "a bloc's statutory veto when some, not all, of its members' duties are at risk",
                            ));
                        }
                    }
                    // "a bloc vetoes when its position is against": by its own rule (by
                    // default more than half of its votes cast) and casting vote.
                    used.push(meeting.bloc_stand(bloc)? == conditions::Stand::Against);
                }
            }
        }
    }
    Ok(used.into_iter().any(|u| u))
}

/// Step 6, "The rule": each condition judged exactly on the eligible members' ballots.
fn the_rule(meeting: &Meeting<'_>, rule: &Rule) -> Result<bool, OracleError> {
    meeting.holds(rule, Reading::AsVoted)
}

/// What a tie came to (step 7).
enum Tie {
    /// The holder cast the casting vote in favour.
    PassedOnTheCastingVote(MemberId),
    /// Not carried, and why.
    NotCarried(NotCarried),
}

/// Step 7, "A tie": the votes are tied when some weight was cast (in favour or against) and
/// the weight in favour equals the weight against. A tie decides the proposal when the rule
/// would hold in the tipped reading; then the casting vote, if its holder is eligible and
/// present, settles it (7.1), and otherwise the votes tied (7.2). A tie that does not decide
/// the proposal changes nothing: the rule did not hold.
fn a_tie(meeting: &Meeting<'_>, decision: &Decision, rule: &Rule, proposal: &Proposal) -> Result<Tie, OracleError> {
    let in_favour = meeting.weight_of(Ballot::InFavour);
    let tied = !num_traits::Zero::is_zero(&in_favour) && in_favour == meeting.weight_of(Ballot::Against);
    if !tied || !meeting.holds(rule, Reading::TippedInFavour)? {
        return Ok(Tie::NotCarried(NotCarried::RuleDidNotHold));
    }
    // 7.1: "If the decision gives a casting vote and its holder is eligible and present, the
    // holder casts it: as the proposal says, otherwise as the holder itself voted. A holder who
    // abstained, with no `casting vote:` line, does not cast it."
    // The holder is the member the decision names or, where it gives the casting vote to the
    // person presiding, the member the proposal's `presiding:` line names.
    // Where it gives the casting vote to an office, the member holding the office at the
    // meeting: the one the clause in force names, or the member presiding where it lets
    // several hold it.
    let presiding = decision.casting_presiding.and(proposal.presiding.as_ref().map(|p| p.node));
    let office = chairs::office_holder(meeting.agreement, decision, proposal)?;
    let Some(holder) = decision.casting_vote.as_ref().map(|c| c.node).or(presiding).or(office) else {
        return Ok(Tie::NotCarried(NotCarried::Tied));
    };
    let own = meeting.ballot(holder);
    if !meeting.electorate.is_eligible(holder) || own == Ballot::Absent {
        return Ok(Tie::NotCarried(NotCarried::Tied));
    }
    let cast = match proposal.casting_vote.as_ref().map(|c| c.node) {
        Some(VoteChoice::InFavour) => Ballot::InFavour,
        Some(VoteChoice::Against) => Ballot::Against,
        Some(VoteChoice::Abstaining) => return Err(OracleError::Unsupported("a casting vote cast as an abstention")),
        None => own,
    };
    Ok(match cast {
        Ballot::InFavour => Tie::PassedOnTheCastingVote(holder),
        Ballot::Against => Tie::NotCarried(NotCarried::CastingVoteAgainst(holder)),
        // 7.2: no direction, so the votes tied.
        Ballot::Abstaining | Ballot::Absent => Tie::NotCarried(NotCarried::Tied),
    })
}

/// Step 8, "Not carried": a tie takes the `on a tie, escalate to …` route (8.1); else anything
/// not carried takes the `if rejected, escalate to …` route (8.2); else, with `if rejected, the
/// default is …`, anything not carried is rejected and the default applies (8.3); else a tie is
/// deadlocked (8.4) and anything else rejected (8.5).
fn not_carried(decision: &Decision, reason: NotCarried, disregarded: Vec<MemberId>) -> Result<Verdict, OracleError> {
    let first_body = |trigger: EscalationTrigger| -> Result<Option<String>, OracleError> {
        let routes: Vec<_> = decision.escalations.iter().filter(|e| e.trigger == trigger).collect();
        match routes.as_slice() {
            [] => Ok(None),
            [route] => match route.steps.first() {
                Some((body, _)) => Ok(Some(body.node.clone())),
                None => Err(OracleError::Unsupported("an escalation route with no body")),
            },
            _ => Err(OracleError::Unsupported("two escalation routes for the same trigger")),
        }
    };
    let (on_a_tie, if_rejected) = (first_body(EscalationTrigger::Tie)?, first_body(EscalationTrigger::Rejected)?);
    let tied = reason == NotCarried::Tied;
    let default = decision.default.as_ref().map(|d| d.text.clone());
    let (outcome, escalated_to, default) = match (tied, on_a_tie, if_rejected, default) {
        (true, Some(body), _, _) => (OutcomeKind::Escalated, Some(body), None),
        (_, _, Some(body), _) => (OutcomeKind::Escalated, Some(body), None),
        // 8.3: the default, whatever the reason, a tie included.
        (_, _, None, Some(text)) => (OutcomeKind::Rejected, None, Some(text)),
        (true, _, None, None) => (OutcomeKind::Deadlocked, None, None),
        (false, _, None, None) => (OutcomeKind::Rejected, None, None),
    };
    let casting_vote = match (outcome, reason) {
        (OutcomeKind::Rejected, NotCarried::CastingVoteAgainst(holder)) => Some(holder),
        _ => None,
    };
    Ok(Verdict {
        outcome,
        casting_vote,
        escalated_to,
        default,
        invalid: None,
        not_carried: Some(reason),
        disregarded,
        awaiting: Vec::new(),
        withheld_by: Vec::new(),
    })
}
