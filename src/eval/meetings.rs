//! Meetings (issue 21), in the order of docs/semantics.md:
//! - (1a) a decision that may be taken only after the member concerned has missed every meeting
//!   for a period: decided before the period after its `last attended on` day runs out, the
//!   proposal is invalid; with the decision's excuse (`unless the absence had a reasonable cause
//!   and the member will be able to attend future meetings`) stated to be so, invalid too;
//! - (4) a quorum of members attending, voting or not: the eligible members present (in person
//!   or by substitute, not by proxy) and the members the proposal lists as attending without a
//!   vote, each once, must be at least the number the clause says.

use serde::{Serialize, Serializer};

use super::context::Context;
use super::lodged::ballot_of;
use super::tally::Ballot;
use super::{Invalidity, Name, Place, StandIn};
use crate::calendar::Date;
use crate::model::inputs::Proposal;
use crate::model::meetings::{excused, over_limit, OverLimit};
use crate::model::MemberId;
use crate::results::terms::{Period, Term};

/// The working of the meetings clauses, each when the decision has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingsWorking {
    /// The missed meetings the decision needs (step 1a).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absence: Option<AbsenceWorking>,
    /// The excuse that stops it (step 1a).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excuse: Option<ExcuseWorking>,
    /// The quorum of members attending (step 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<AttendanceWorking>,
    /// Votes lodged in advance, and whether each is counted (step 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lodging: Option<LodgingWorking>,
}

/// The votes lodged in advance under `an absent member may lodge its vote in advance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LodgingWorking {
    /// Each lodged vote, in the order listed.
    pub votes: Vec<LodgedWorking>,
    /// The clause.
    pub clause: Place,
}

/// One lodged vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LodgedWorking {
    /// Whose vote.
    pub member: Name,
    /// `in_favour` or `against`.
    pub vote: Ballot,
    /// Whether it is counted as the member's vote.
    pub counted: bool,
    /// The limit it goes over, when it does (then it is not counted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub over_limit: Option<OverLimit>,
    /// Whether the member does not vote on this decision (then it is disregarded).
    pub not_eligible: bool,
}

/// When the member concerned last attended, and whether it had missed meetings long enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AbsenceWorking {
    /// The member concerned.
    pub member: Name,
    /// The last meeting it attended.
    #[serde(serialize_with = "plain_date")]
    pub last_attended: Date,
    /// The period (in JSON, in words: `6 months`).
    pub period: Period,
    /// The first day it has missed every meeting for the period (none past the calendar's end).
    #[serde(serialize_with = "maybe_date")]
    pub runs_out: Option<Date>,
    /// The day it is decided.
    #[serde(serialize_with = "plain_date")]
    pub decided: Date,
    /// Whether it is decided on or after `runs_out`.
    pub long_enough: bool,
    /// The clause.
    pub clause: Place,
}

/// The excuse's limbs as the proposal states them, and whether they excuse the absence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcuseWorking {
    /// `the absence had a reasonable cause`, when the clause names it: whether it was so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasonable_cause: Option<bool>,
    /// `the member will be able to attend future meetings`, when the clause names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub future_attendance: Option<bool>,
    /// Whether every limb named is so: then the member may not be removed.
    pub excused: bool,
    /// The clause.
    pub clause: Place,
}

/// Who attended, voting or not, and whether enough did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendanceWorking {
    /// Eligible members present in person or by substitute, in the agreement's order.
    pub voting: Vec<Name>,
    /// Members listed as attending without a vote, each once, in the agreement's order.
    pub without_a_vote: Vec<Name>,
    /// Eligible members whose vote was cast by proxy: the holder attends, not they.
    pub by_proxy: Vec<Name>,
    /// How many attended.
    pub count: u32,
    /// How many must, at least.
    pub at_least: u32,
    /// Whether enough did.
    pub held: bool,
    /// The clause.
    pub clause: Place,
}

fn plain_date<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

pub(super) fn maybe_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

impl Context<'_> {
    /// The working of the meetings clauses; `None` when the decision has none.
    pub(super) fn meetings(&self, proposal: &Proposal) -> Option<MeetingsWorking> {
        let m = &self.decision.meetings;
        if m.is_empty() {
            return None;
        }
        let facts = &proposal.attendance;
        let absence = match (m.absence, proposal.concerning, facts.last_attended, proposal.date) {
            (Some(absence), Some(member), Some(last), Some(decided)) => {
                let runs_out = last.node.after(absence.period);
                Some(AbsenceWorking {
                    member: self.key(member.node),
                    last_attended: last.node,
                    period: Term(absence.period),
                    runs_out,
                    decided: decided.node,
                    long_enough: runs_out.is_some_and(|r| decided.node >= r),
                    clause: self.place(absence.span),
                })
            }
            _ => None,
        };
        let excuse = m.excuse.filter(|_| m.absence.is_some()).and_then(|excuse| {
            Some(ExcuseWorking {
                reasonable_cause: excuse.reasonable_cause.then(|| facts.reasonable_cause.map(|c| c.node)).flatten(),
                future_attendance: excuse.future_attendance.then(|| facts.future_attendance.map(|f| f.node)).flatten(),
                excused: excused(&excuse, facts)?,
                clause: self.place(excuse.span),
            })
        });
        let attendance = m.attendance_quorum.map(|q| {
            let (mut voting, mut by_proxy) = (Vec::new(), Vec::new());
            let mut counted: Vec<MemberId> = Vec::new();
            for member in self.agreement.members.iter().map(|m| m.id) {
                // A member that lodged its vote in advance is not at the meeting.
                let lodged = facts.lodged.iter().any(|l| l.member == member);
                if !self.eligible(member) || self.ballot(member) == Ballot::Absent || lodged {
                    continue;
                }
                let proxy = self
                    .cast_in_place
                    .get(member.index())
                    .and_then(Option::as_ref)
                    .is_some_and(|c| c.by == StandIn::Proxy && !c.disregarded);
                if proxy {
                    by_proxy.push(self.key(member));
                } else {
                    voting.push(self.key(member));
                    counted.push(member);
                }
            }
            let mut listed: Vec<MemberId> =
                facts.without_a_vote.iter().map(|m| m.node).filter(|m| !counted.contains(m)).collect();
            listed.sort();
            listed.dedup();
            let count = u32::try_from(counted.len().saturating_add(listed.len())).unwrap_or(u32::MAX);
            AttendanceWorking {
                voting,
                without_a_vote: listed.into_iter().map(|m| self.key(m)).collect(),
                by_proxy,
                count,
                at_least: q.at_least,
                held: count >= q.at_least,
                clause: self.place(q.span),
            }
        });
        let lodging = m.lodging.map(|lodging| LodgingWorking {
            votes: facts
                .lodged
                .iter()
                .map(|l| {
                    let over = over_limit(&lodging, facts, l.member);
                    let not_eligible = !self.eligible(l.member);
                    LodgedWorking {
                        member: self.key(l.member),
                        vote: ballot_of(l.choice),
                        counted: over.is_none() && !not_eligible,
                        over_limit: over,
                        not_eligible,
                    }
                })
                .collect(),
            clause: self.place(lodging.span),
        });
        Some(MeetingsWorking { absence, excuse, attendance, lodging })
    }

    /// The same meeting without the votes lodged in advance: what the quorum is judged on.
    pub(super) fn without_lodged(&self, proposal: &Proposal) -> Context<'_> {
        let mut ballots = self.ballots.clone();
        for l in &proposal.attendance.lodged {
            if let Some(b) = ballots.get_mut(l.member.index()) {
                *b = Ballot::Absent;
            }
        }
        Context {
            evaluator: self.evaluator,
            agreement: self.agreement,
            decision: self.decision,
            ineligible: self.ineligible.clone(),
            weights: self.weights.clone(),
            whole_weights: self.whole_weights.clone(),
            ballots,
            total: self.total,
            one_vote: self.one_vote,
            restated: self.restated,
            cast_in_place: self.cast_in_place.clone(),
        }
    }
}

impl MeetingsWorking {
    /// (1a) Why the proposal cannot be decided at all, from the missed meetings and the excuse.
    pub(super) fn standing(&self) -> Vec<Invalidity> {
        let mut invalid = Vec::new();
        if let Some(a) = self.absence.as_ref().filter(|a| !a.long_enough) {
            invalid.push(Invalidity::AbsenceTooShort {
                member: a.member.to_string(),
                last_attended: a.last_attended,
                period: a.period,
                runs_out: a.runs_out,
            });
        }
        if let (Some(a), Some(e)) = (&self.absence, self.excuse.as_ref().filter(|e| e.excused)) {
            invalid.push(Invalidity::AbsenceExcused {
                member: a.member.to_string(),
                reasonable_cause: e.reasonable_cause.is_some(),
                future_attendance: e.future_attendance.is_some(),
            });
        }
        invalid
    }

    /// (4) Whether the quorum of members attending failed.
    pub(super) fn no_quorum(&self) -> Option<Invalidity> {
        let a = self.attendance.as_ref().filter(|a| !a.held)?;
        Some(Invalidity::NoAttendanceQuorum { attending: a.count, needed: a.at_least })
    }
}
