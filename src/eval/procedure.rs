//! Outcomes beyond pass and fail (issue 21, item 8), in the order of docs/semantics.md:
//! - (1a) the proposal's standing: who proposed it (`may be proposed only by …`), the notice it
//!   was given (`a proposal needs … notice`) and the breach it rests on (`only after a breach
//!   unremedied for …`); a proposal that fails one is invalid, with the reason and the dates;
//! - (4a) time: a decision with `if not agreed within … of the request, escalate to …` decided
//!   after the period's last day is escalated down that route, whatever its votes;
//! - (4b) postponement: members holding enough of the eligible votes who ask have it postponed.
//!
//! Periods run from a date by [`crate::calendar::Date::after`]. A fact the reader refuses when
//! missing (`concord::model::missing_proposal_fact`) imposes nothing here when a caller of the
//! library leaves it out: the checker's witness proposals, which are about votes alone.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::context::Context;
use super::tally::TooLarge;
use super::{Deadlock, DeadlockCause, EscalationStep, Invalidity, Name, Place};
use crate::calendar::Date;
use crate::model::inputs::Proposal;
use crate::model::procedure::may_propose;
use crate::results::terms::{Period, Possessive, PostponementShare, Term};

/// The request, the last day and whether the decision was in time (step 4a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timing {
    /// The day it was requested.
    #[serde(serialize_with = "plain_date")]
    pub requested: Date,
    /// The period (in JSON, in words: `30 days`).
    pub period: Period,
    /// The last day it can be agreed in time.
    #[serde(serialize_with = "plain_date")]
    pub last_day: Date,
    /// The day it was decided.
    #[serde(serialize_with = "plain_date")]
    pub decided: Date,
    /// Whether it was decided on or before the last day.
    pub in_time: bool,
    /// The clause.
    pub clause: Place,
}

/// Who asked for postponement, what they hold, and whether it was enough (step 4b).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Postponement {
    /// The eligible members who asked, in the order listed.
    pub asked_by: Vec<Name>,
    /// Members who asked but do not vote on the decision: counted nowhere.
    pub disregarded: Vec<Name>,
    /// The eligible votes those asking hold.
    pub weight: Decimal,
    /// Every eligible vote.
    pub total: Decimal,
    /// The clause's share (in JSON, in words: `at least 30% of eligible votes`).
    pub needed: PostponementShare,
    /// Whether those asking hold enough: then the proposal is postponed.
    pub held: bool,
    /// The clause.
    pub clause: Place,
}

fn plain_date<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

impl Context<'_> {
    /// (1a) Why the proposal cannot be decided at all, from its proposer, notice and breach.
    pub(super) fn standing(&self, proposal: &Proposal) -> Vec<Invalidity> {
        let p = &self.decision.procedure;
        let facts = &proposal.facts;
        let mut invalid = Vec::new();
        if let (Some(proposers), Some(by)) = (&p.proposers, &facts.proposed_by) {
            if !may_propose(proposers, &by.node, |m| self.kinds_of(m)) {
                invalid.push(Invalidity::ProposerNotAllowed {
                    proposer: self.proposer(&by.node),
                    line: self.place(proposers.span).line,
                    jointly: self.joint_count(&by.node),
                });
            }
        }
        if let (Some(callers), Some(by)) = (&p.meeting_callers, &facts.meeting_called_by) {
            if !may_propose(callers, &by.node, |m| self.kinds_of(m)) {
                invalid.push(Invalidity::MeetingNotCalled {
                    caller: self.proposer(&by.node),
                    line: self.place(callers.span).line,
                });
            }
        }
        let decided = proposal.date.map(|d| d.node);
        if let (Some(notice), Some(given), Some(decided)) = (p.notice, facts.notice_given, decided) {
            if let Some(earliest) = given.node.after(notice.period).filter(|e| decided < *e) {
                invalid.push(Invalidity::TooLittleNotice {
                    given: given.node,
                    needed: Possessive(notice.period),
                    earliest,
                });
            }
        }
        if let (Some(cure), Some(notified), Some(decided)) = (p.cure, facts.breach_notified, decided) {
            let runs_out = notified.node.after(cure.period);
            match (facts.remedied, runs_out) {
                (Some(remedied), Some(runs_out)) if remedied.node < runs_out => {
                    invalid.push(Invalidity::BreachRemedied {
                        notified: notified.node,
                        remedied: remedied.node,
                        period: Term(cure.period),
                    });
                }
                (_, Some(runs_out)) if decided < runs_out => {
                    invalid.push(Invalidity::CurePeriodNotRun {
                        notified: notified.node,
                        period: Term(cure.period),
                        runs_out,
                    });
                }
                _ => {}
            }
        }
        invalid
    }

    /// (4a) When the decision has a time limit and the proposal gives both dates: the working.
    pub(super) fn timing(&self, proposal: &Proposal) -> Option<Timing> {
        let timed = self.decision.procedure.timed_escalation.as_ref()?;
        let requested = proposal.facts.requested?.node;
        let decided = proposal.date?.node;
        // A period that runs past the calendar's end never runs out.
        let last_day = requested.after(timed.period).unwrap_or(Date { year: u16::MAX, month: 12, day: 31 });
        Some(Timing {
            requested,
            period: Term(timed.period),
            last_day,
            decided,
            in_time: decided <= last_day,
            clause: self.place(timed.span),
        })
    }

    /// (4a) Where a proposal decided out of time goes: the route of the timed clause.
    pub(super) fn out_of_time(&self) -> Option<Deadlock> {
        let timed = self.decision.procedure.timed_escalation.as_ref()?;
        let mut steps =
            timed.steps.iter().map(|(body, within)| EscalationStep::new(&body.node, within.map(|w| w.node)));
        let first = steps.next();
        Some(Deadlock {
            because: DeadlockCause::OutOfTime,
            escalated_to: first,
            then: steps.collect(),
            clause: Some(self.place(timed.span)),
            default: None,
        })
    }

    /// (4b) Who asked for postponement and whether they hold enough of the eligible votes:
    /// `at least 30%` holds when the weight of those asking, times 100, is at least 30 times
    /// every eligible vote (exactly, cross-multiplied); `more than` when it is greater.
    pub(super) fn postponement(&self, proposal: &Proposal) -> Result<Option<Postponement>, TooLarge> {
        let Some(rule) = &self.decision.procedure.postponement else { return Ok(None) };
        let asking = &proposal.facts.asking_postponement;
        let name =
            |m: crate::model::MemberId| self.evaluator.keys.get(m.index()).cloned().unwrap_or_else(|| Name::from(""));
        let (mut asked_by, mut disregarded, mut weight) = (Vec::new(), Vec::new(), Decimal::ZERO);
        for member in asking {
            let eligible = self.ineligible.get(member.node.index()).is_some_and(Option::is_none);
            if !eligible {
                disregarded.push(name(member.node));
                continue;
            }
            if asked_by.contains(&name(member.node)) {
                continue;
            }
            asked_by.push(name(member.node));
            let w = self.weights.get(member.node.index()).copied().unwrap_or_default();
            weight = weight.checked_add(w).ok_or(TooLarge)?;
        }
        let left = weight.checked_mul(Decimal::ONE_HUNDRED).ok_or(TooLarge)?;
        let right = rule.share.0.checked_mul(self.total).ok_or(TooLarge)?;
        // Nobody asking never postpones, whatever the share (an `at least 0%` is refused by the
        // checker as postponing every proposal).
        let held = !asked_by.is_empty() && if rule.strictly { left > right } else { left >= right };
        Ok(Some(Postponement {
            asked_by,
            disregarded,
            weight,
            total: self.total,
            needed: PostponementShare { strictly: rule.strictly, percent: rule.share.0 },
            held,
            clause: self.place(rule.span),
        }))
    }
}
