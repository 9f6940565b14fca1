//! A proposal's facts for the meetings clauses of its decision (issue 21): when the member
//! concerned last attended, whether its absence is excused, and who attended without a vote.
//! Refused when the decision needs one and it is missing, when the decision makes no use of it,
//! and when it cannot be so: Concord never guesses a date or an excuse.

use super::{DecisionRef, Proposal, Voter};
use crate::model::error::LowerError;
use crate::model::{Agreement, MeetingsError};
use crate::span::{Span, Spanned};
use crate::syntax::ast::MeetingsLine;

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
        errors.push(LowerError::MissingProposalFact {
            what: what.to_string(),
            at: at_decision.into(),
            decision: decision.name.clone(),
            help: format!("decision `{}` says `{clause}`: add `{line}` to the proposal", decision.name),
        });
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
        errors.push(LowerError::ProposalFactNotUsed {
            decision: decision.name.clone(),
            what: what.to_string(),
            at: span.into(),
            help: format!("the line matters only for a decision that says `{clause}`; take it off, or add the clause to the decision"),
        });
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
    if let (Some(last), Some(dated)) = (facts.last_attended, proposal.date) {
        if dated.node < last.node {
            errors.push(LowerError::DatesOutOfOrder {
                later: format!("the day it is decided ({})", dated.node.words()),
                earlier: format!("the last meeting attended ({})", last.node.words()),
                at: dated.span.into(),
                other: last.span.into(),
            });
        }
    }
}
