//! A proposal's facts for the meetings clauses of its decision (issue 21): when the member
//! concerned last attended, whether its absence is excused, and who attended without a vote.
//! Refused when the decision needs one and it is missing, when the decision makes no use of it,
//! and when it cannot be so: Concord never guesses a date or an excuse.

use super::{DecisionRef, Proposal, Voter};
use crate::model::error::LowerError;
use crate::model::meetings::{Lodged, LodgedBefore};
use crate::model::{Agreement, MeetingsError};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{LodgedBefore as LodgedBeforeAst, MeetingsLine};

impl super::InputLowerer<'_> {
    /// Records one of the lines in `proposal.attendance`.
    pub(super) fn meetings_line(&mut self, proposal: &mut Proposal, line: &MeetingsLine, span: Span) {
        let facts = &mut proposal.attendance;
        let duplicate = |what: &str, first: Span| LowerError::DuplicateClause {
            what: what.into(),
            first: first.into(),
            second: span.into(),
        };
        match line {
            MeetingsLine::LastAttended(date) => match facts.last_attended {
                Some(first) => self.errors.push(duplicate("when the member concerned last attended", first.span)),
                None => facts.last_attended = Some(*date),
            },
            MeetingsLine::ReasonableCause(yes) => match facts.reasonable_cause {
                Some(first) => self.errors.push(duplicate("whether the absence had a reasonable cause", first.span)),
                None => facts.reasonable_cause = Some(Spanned::new(*yes, span)),
            },
            MeetingsLine::FutureAttendance(yes) => match facts.future_attendance {
                Some(first) => {
                    self.errors.push(duplicate("whether the member will be able to attend future meetings", first.span))
                }
                None => facts.future_attendance = Some(Spanned::new(*yes, span)),
            },
            MeetingsLine::Lodged(votes) => {
                for (member, choice) in votes {
                    if let Some(id) = self.member(member) {
                        let facts = &mut proposal.attendance;
                        if let Some(first) = facts.lodged.iter().find(|l| l.member == id) {
                            self.errors.push(LowerError::DuplicateClause {
                                what: "this member's lodged vote".into(),
                                first: first.span.into(),
                                second: member.span.into(),
                            });
                        } else {
                            facts.lodged.push(Lodged { member: id, choice: (*choice).into(), span: member.span });
                        }
                    }
                }
            }
            MeetingsLine::LodgedBefore { member, before } => {
                let Some(id) = self.member(member) else { return };
                let facts = &mut proposal.attendance;
                if !facts.lodged_before.iter().any(|b| b.member == id) {
                    facts.lodged_before.push(LodgedBefore { member: id, in_a_row: None, this_year: None });
                }
                let Some(entry) = facts.lodged_before.iter_mut().find(|b| b.member == id) else { return };
                let (slot, n) = match before {
                    LodgedBeforeAst::InARow(n) => (&mut entry.in_a_row, *n),
                    LodgedBeforeAst::ThisYear(n) => (&mut entry.this_year, *n),
                };
                match slot {
                    Some(first) => {
                        self.errors.push(duplicate("how often this member lodged its vote before", first.span))
                    }
                    None => *slot = Some(Spanned::new(n, span)),
                }
            }
            MeetingsLine::Attending(members) => {
                for member in members {
                    if let Some(id) = self.member(member) {
                        proposal.attendance.without_a_vote.push(Spanned::new(id, member.span));
                    }
                }
            }
        }
    }
}

/// The checks a proposal's attendance facts need once its decision is known
/// (docs/semantics.md steps 1a and 4).
pub(super) fn check_attendance(proposal: &Proposal, agreement: &Agreement, at: Span, errors: &mut Vec<LowerError>) {
    let decision = match proposal.decision.as_ref().map(|d| &d.node) {
        Some(DecisionRef::Known(id)) => agreement.decision(*id),
        _ => None,
    };
    let Some(decision) = decision else { return };
    let m = &decision.meetings;
    let facts = &proposal.attendance;
    let at_decision = proposal.decision.as_ref().map_or(at, |d| d.span);
    let meetings = |e: MeetingsError| LowerError::Meetings(Box::new(e));
    let mut missing = |what: &str, line: &str, clause: &str| {
        errors.push(LowerError::from(crate::model::InputsError::MissingProposalFact {
            what: what.to_string(),
            at: at_decision.into(),
            decision: decision.name.clone(),
            help: format!("decision `{}` says `{clause}`: add `{line}` to the proposal", decision.name),
        }));
    };
    const ABSENCE: &str = "only after the member concerned has missed every meeting for …";
    if m.absence.is_some() {
        if proposal.date.is_none() {
            missing("when it is decided", "dated DATE` (in a scenario, `propose \"…\" on DATE", ABSENCE);
        }
        if facts.last_attended.is_none() {
            missing("when the member concerned last attended a meeting", "last attended on DATE", ABSENCE);
        }
    }
    if let Some(excuse) = m.excuse.filter(|_| m.absence.is_some()) {
        if excuse.reasonable_cause && facts.reasonable_cause.is_none() {
            missing(
                "whether the absence had a reasonable cause",
                "the absence had a reasonable cause` or `the absence had no reasonable cause",
                "unless the absence had a reasonable cause …",
            );
        }
        if excuse.future_attendance && facts.future_attendance.is_none() {
            missing(
                "whether the member will be able to attend future meetings",
                "the member will be able to attend future meetings` or `the member will not be able to attend future meetings",
                "unless … the member will be able to attend future meetings",
            );
        }
    }
    let mut unused = |what: &str, span: Span, clause: &str| {
        errors.push(LowerError::from(crate::model::InputsError::ProposalFactNotUsed {
            decision: decision.name.clone(),
            what: what.to_string(),
            at: span.into(),
            help: format!("the line matters only for a decision that says `{clause}`; take it off, or add the clause to the decision"),
        }));
    };
    if let (Some(last), None) = (facts.last_attended, m.absence) {
        unused("when the member concerned last attended", last.span, ABSENCE);
    }
    let names_cause = m.excuse.is_some_and(|e| e.reasonable_cause) && m.absence.is_some();
    if let Some(cause) = facts.reasonable_cause.filter(|_| !names_cause) {
        unused("whether the absence had a reasonable cause", cause.span, "unless the absence had a reasonable cause");
    }
    let names_future = m.excuse.is_some_and(|e| e.future_attendance) && m.absence.is_some();
    if let Some(future) = facts.future_attendance.filter(|_| !names_future) {
        unused(
            "whether the member will be able to attend future meetings",
            future.span,
            "unless the member will be able to attend future meetings",
        );
    }
    match (m.attendance_quorum, facts.without_a_vote.first()) {
        (None, Some(first)) => {
            errors.push(meetings(MeetingsError::AttendanceNotCounted {
                decision: decision.name.clone(),
                at: first.span.into(),
            }));
        }
        (Some(_), _) => {
            if let Some(reconvened) = proposal.reconvened {
                errors.push(meetings(MeetingsError::AttendanceReconvened {
                    decision: decision.name.clone(),
                    at: reconvened.into(),
                }));
            }
        }
        _ => {}
    }
    for member in &facts.without_a_vote {
        if let Some(vote) = proposal.votes.iter().find(|v| v.voter == Voter::Known(member.node)) {
            let key = agreement.member(member.node).map_or_else(String::new, |m| m.key.clone());
            errors.push(meetings(MeetingsError::AttendingAndVoted {
                member: key,
                at: member.span.into(),
                vote: vote.span.into(),
            }));
        }
    }
    check_lodged(proposal, agreement, decision, at_decision, errors);
    if let (Some(last), Some(dated)) = (facts.last_attended, proposal.date) {
        if dated.node < last.node {
            errors.push(LowerError::from(crate::model::InputsError::DatesOutOfOrder {
                later: format!("the day it is decided ({})", dated.node.words()),
                earlier: format!("the last meeting attended ({})", last.node.words()),
                at: dated.span.into(),
                other: last.span.into(),
            }));
        }
    }
}

/// The checks of votes lodged in advance (docs/semantics.md step 3).
fn check_lodged(
    proposal: &Proposal,
    agreement: &Agreement,
    decision: &crate::model::Decision,
    at_decision: Span,
    errors: &mut Vec<LowerError>,
) {
    let facts = &proposal.attendance;
    let meetings = |e: MeetingsError| LowerError::Meetings(Box::new(e));
    let key = |m: crate::model::MemberId| agreement.member(m).map_or_else(String::new, |m| m.key.clone());
    let Some(lodging) = decision.meetings.lodging else {
        if let Some(first) = facts.lodged.first() {
            errors.push(meetings(MeetingsError::LodgingNotAllowed {
                decision: decision.name.clone(),
                at: first.span.into(),
            }));
        }
        for before in &facts.lodged_before {
            if let Some(span) = before.in_a_row.or(before.this_year).map(|n| n.span) {
                errors.push(LowerError::from(crate::model::InputsError::ProposalFactNotUsed {
                    decision: decision.name.clone(),
                    what: "how often a member lodged its vote before".to_string(),
                    at: span.into(),
                    help: "the line matters only for a decision that says `an absent member may lodge its vote in advance, at most …`; take it off".to_string(),
                }));
            }
        }
        return;
    };
    for lodged in &facts.lodged {
        let voted = proposal.votes.iter().find(|v| v.voter == Voter::Known(lodged.member)).map(|v| v.span);
        let attending = facts.without_a_vote.iter().find(|m| m.node == lodged.member).map(|m| m.span);
        if let Some(vote) = voted.or(attending) {
            errors.push(meetings(MeetingsError::LodgedAndVoted {
                member: key(lodged.member),
                at: lodged.span.into(),
                vote: vote.into(),
            }));
        }
        let before = facts.lodged_before.iter().find(|b| b.member == lodged.member);
        let mut missing = |what: &str, line: &str| {
            errors.push(LowerError::from(crate::model::InputsError::MissingProposalFact {
                what: format!("{what} {} lodged its vote before", key(lodged.member)),
                at: at_decision.into(),
                decision: decision.name.clone(),
                help: format!(
                    "decision `{}` limits how often a vote may be lodged: add `{} {line}` to the proposal",
                    decision.name,
                    key(lodged.member)
                ),
            }));
        };
        if lodging.in_a_row.is_some() && before.and_then(|b| b.in_a_row).is_none() {
            missing(
                "at how many meetings in a row",
                "has lodged its vote at the last N meetings` or `… has not lodged its vote at the last meeting",
            );
        }
        if lodging.a_year.is_some() && before.and_then(|b| b.this_year).is_none() {
            missing(
                "how many times this year",
                "has lodged its vote N times this year` or `… has not lodged its vote this year",
            );
        }
    }
    for before in &facts.lodged_before {
        let lodged_now = facts.lodged.iter().any(|l| l.member == before.member);
        for (count, limit, clause) in [
            (before.in_a_row, lodging.in_a_row, "at most N meetings in a row"),
            (before.this_year, lodging.a_year, "at most N times a year"),
        ] {
            if let Some(count) = count.filter(|_| !lodged_now || limit.is_none()) {
                let help = if lodged_now {
                    format!("the decision does not say `{clause}`; take the line off")
                } else {
                    format!("{} lodged no vote on this proposal; take the line off", key(before.member))
                };
                errors.push(LowerError::from(crate::model::InputsError::ProposalFactNotUsed {
                    decision: decision.name.clone(),
                    what: "how often a member lodged its vote before".to_string(),
                    at: count.span.into(),
                    help,
                }));
            }
        }
    }
    // A lodged vote where a rule counts what is present: not settled.
    if let Some(first) = facts.lodged.first() {
        if let Some(rule) = present_in_rules(agreement, decision) {
            errors.push(meetings(MeetingsError::LodgedVotePresent {
                decision: decision.name.clone(),
                at: first.span.into(),
                rule: rule.into(),
            }));
        }
    }
}

/// The first condition of the decision's rules (or a bloc's own rule) that counts votes or
/// members present: a `present` base, or the side `present` or `present and voting`.
fn present_in_rules(agreement: &Agreement, decision: &crate::model::Decision) -> Option<Span> {
    use crate::model::{Condition, Rule, Scope, Side};
    for timed in &decision.rules {
        for part in crate::model::conditions(&timed.rule) {
            let Rule::Condition(c) = &part.node else { continue };
            let present = match c {
                Condition::Every { side, .. } | Condition::NoMember { side, .. } | Condition::Member { side, .. } => {
                    matches!(side, Side::Present | Side::Voting)
                }
                Condition::Count { side, .. } => matches!(side, Side::Present | Side::Voting),
                Condition::HalfPlusOne { base, side } | Condition::Threshold { base, side, .. } => {
                    base.scope == Scope::Present || matches!(side, Side::Present | Side::Voting)
                }
                Condition::Bloc { base, .. } => base.scope == Scope::Present,
                Condition::BlocPosition { .. } | Condition::Unanimous => false,
            };
            if present {
                return Some(part.span);
            }
        }
    }
    // A bloc's own rule on what is present decides its position (for a condition or a veto).
    agreement.blocs.iter().filter_map(|b| b.own_rule.as_ref()).find(|r| r.base.scope == Scope::Present).map(|r| r.span)
}
