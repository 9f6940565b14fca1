//! Steps 1a, 4a and 4b of docs/semantics.md, written out naively: who may propose, the notice
//! and the cure period (1a), time (4a) and postponement (4b). Dates are counted here on their
//! own, as day numbers since a fixed day (no code shared with `src/calendar.rs`): a period of
//! days or weeks adds days; of working days steps one day at a time, counting Monday to Friday;
//! of months or years moves to the same day number that many months on, or to the month's last
//! day when it is shorter.

use num_rational::BigRational;
use num_traits::Zero;

use super::exact::{rational, whole};
use super::weights::Electorate;
use super::InvalidReason;
use crate::model::inputs::Proposal;
use crate::model::{Agreement, Date, Decision, Duration, DurationUnit};

fn leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_length(year: i64, month: i64) -> i64 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day's number, counting 1 January of year 0 as day 0.
// BOUND: a year is at most 65,535, so the sum of its days (under 24 million) fits an i64.
#[allow(clippy::arithmetic_side_effects)]
pub(super) fn day_number(date: Date) -> i64 {
    let (year, month, day) = (i64::from(date.year), i64::from(date.month), i64::from(date.day));
    let before_year: i64 = (0..year).map(|y| if leap(y) { 366 } else { 365 }).sum();
    let before_month: i64 = (1..month).map(|m| month_length(year, m)).sum();
    before_year + before_month + day - 1
}

/// 1 January of year 0 was a Saturday (proleptic Gregorian): Monday is 0.
// BOUND: day numbers are at most about 24 million; adding 5 fits, and the remainder is below 7.
#[allow(clippy::arithmetic_side_effects)]
fn is_working_day(number: i64) -> bool {
    (number + 5) % 7 < 5
}

/// The day number of `date` moved on by `period`, or `None` past year 65,535.
// BOUND: a count is a u32 (under 4.3 billion) and a day number under 24 million, so sums and
// seven times a count fit an i64; counting working days stops at the calendar's end.
#[allow(clippy::arithmetic_side_effects)]
pub(super) fn after(date: Date, period: Duration) -> Option<i64> {
    let count = i64::from(period.count);
    let start = day_number(date);
    Some(match period.unit {
        DurationUnit::Days => start + count,
        DurationUnit::Weeks => start + 7 * count,
        DurationUnit::WorkingDays => {
            let (mut day, mut counted) = (start, 0);
            let end = day_number(Date { year: u16::MAX, month: 12, day: 31 });
            while counted < count {
                if day >= end {
                    return None;
                }
                day += 1;
                if is_working_day(day) {
                    counted += 1;
                }
            }
            day
        }
        DurationUnit::Months | DurationUnit::Years => {
            let months = if period.unit == DurationUnit::Years { 12 * count } else { count };
            let index = i64::from(date.year) * 12 + i64::from(date.month) - 1 + months;
            let (year, month) = (index / 12, index % 12 + 1);
            if year > i64::from(u16::MAX) {
                return None;
            }
            let day = i64::from(date.day).min(month_length(year, month));
            let moved = Date {
                year: u16::try_from(year).ok()?,
                month: u8::try_from(month).ok()?,
                day: u8::try_from(day).ok()?,
            };
            day_number(moved)
        }
    })
}

/// Step 1a: the first reason the proposal's standing fails, if any: a proposer the decision
/// does not name (a member, a member of a kind named, or the very words of a body); a decision
/// taken before the notice has run (`given + period` is the first day it may be taken); a breach
/// remedied before its cure period ran out; a decision taken before it ran out.
pub(super) fn standing(agreement: &Agreement, decision: &Decision, proposal: &Proposal) -> Option<InvalidReason> {
    let p = &decision.procedure;
    let facts = &proposal.facts;
    if let (Some(proposers), Some(by)) = (&p.proposers, &facts.proposed_by) {
        let allowed = proposers.who.iter().any(|w| super::proposers::names(agreement, &w.node, &by.node));
        if !allowed {
            return Some(InvalidReason::ProposerNotAllowed);
        }
    }
    if let (Some(callers), Some(by)) = (&p.meeting_callers, &facts.meeting_called_by) {
        if !callers.who.iter().any(|w| super::proposers::names(agreement, &w.node, &by.node)) {
            return Some(InvalidReason::MeetingNotCalled);
        }
    }
    let decided = proposal.date.map(|d| day_number(d.node));
    if let (Some(notice), Some(given), Some(decided)) = (p.notice, facts.notice_given, decided) {
        if after(given.node, notice.period).is_some_and(|earliest| decided < earliest) {
            return Some(InvalidReason::TooLittleNotice);
        }
    }
    if let (Some(cure), Some(notified), Some(decided)) = (p.cure, facts.breach_notified, decided) {
        if let Some(runs_out) = after(notified.node, cure.period) {
            if facts.remedied.is_some_and(|r| day_number(r.node) < runs_out) {
                return Some(InvalidReason::BreachRemedied);
            }
            if decided < runs_out {
                return Some(InvalidReason::CurePeriodNotRun);
            }
        }
    }
    None
}

/// Step 4a: the first body of the time-limited route, when the proposal was decided after the
/// last day (`requested + period`) of the period.
pub(super) fn out_of_time(decision: &Decision, proposal: &Proposal) -> Option<String> {
    let timed = decision.procedure.timed_escalation.as_ref()?;
    let requested = proposal.facts.requested?.node;
    let decided = day_number(proposal.date?.node);
    let last_day = after(requested, timed.period)?;
    (decided > last_day).then(|| timed.steps.first().map(|(body, _)| body.node.clone()).unwrap_or_default())
}

/// Step 4b: whether the eligible members asking for postponement hold the clause's share of
/// every eligible vote (`at least`: at least it; `more than`: more). Nobody asking postpones
/// nothing.
pub(super) fn postponed(electorate: &Electorate, decision: &Decision, proposal: &Proposal) -> bool {
    let Some(rule) = &decision.procedure.postponement else { return false };
    let mut asking: Vec<_> =
        proposal.facts.asking_postponement.iter().map(|m| m.node).filter(|m| electorate.is_eligible(*m)).collect();
    asking.sort();
    asking.dedup();
    if asking.is_empty() {
        return false;
    }
    let total = electorate.weights.values().fold(BigRational::zero(), |s, w| s + w);
    let held = asking.iter().filter_map(|m| electorate.weights.get(m)).fold(BigRational::zero(), |s, w| s + w);
    let share = rational(rule.share.0) / whole(100);
    let needed = share * total;
    if rule.strictly {
        held > needed
    } else {
        held >= needed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn its_own_calendar_agrees_with_known_dates() {
        assert_eq!(day_number(date(2026, 5, 31)) - day_number(date(2026, 5, 1)), 30);
        // 3 December 2026 is a Thursday, 5 December a Saturday.
        assert!(is_working_day(day_number(date(2026, 12, 3))));
        assert!(!is_working_day(day_number(date(2026, 12, 5))));
        let ten = Duration { count: 10, unit: DurationUnit::WorkingDays };
        assert_eq!(after(date(2026, 12, 4), ten), Some(day_number(date(2026, 12, 18))));
        let month = Duration { count: 1, unit: DurationUnit::Months };
        assert_eq!(after(date(2026, 1, 31), month), Some(day_number(date(2026, 2, 28))));
    }
}
