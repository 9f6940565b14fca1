//! Offices that change or are shared: the chair, the vice-chair, co-chairs (issue 21, item 1).
//!
//! An agreement says who holds an office with clauses of its own (`the chair is lbh`, `from 1
//! April 2026 to 31 March 2028, the chair is lbh`, `the chair is one of the council members`,
//! `the chair alternates between leader and icb from meeting to meeting`, `the chair rotates
//! between council and nhs members every 2 years from 1 April 2026`). A decision gives its
//! casting vote to whoever holds the office (`on a tie, the chair has the casting vote`).
//!
//! Who holds it at a meeting is worked out here, once, for the evaluator; the checker uses the
//! same [`may_hold`] to find gaps and overlaps. Nothing is guessed: where the holder depends on
//! the date and the proposal has none, or on who presided and the proposal does not say, or the
//! member the proposal says presided may not hold the office then, the proposal is refused when
//! it is read (`check_office_casting`).

use serde::Serialize;

use crate::calendar::{days_in_month, Date, Duration, DurationUnit};
use crate::model::proposal::{Proposal, Voter};
use crate::model::{Agreement, Decision, KindId, LowerError, MemberId};
use crate::span::Span;

/// An office, by its place in [`Agreement::offices`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OfficeId(pub u32);

/// An office and the clauses that say who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Office {
    /// Its id.
    pub id: OfficeId,
    /// Its name as written: `chair`, `vice-chair`.
    pub name: String,
    /// Where it is first named.
    pub span: Span,
    /// The clauses, in the order written.
    pub terms: Vec<Term>,
}

/// One clause saying who holds an office, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The first day it holds (`from …`), if it says.
    pub from: Option<Date>,
    /// The last day it holds (`to …`, `until …`), if it says.
    pub to: Option<Date>,
    /// Who holds the office under it.
    pub holding: Holding,
    /// The whole clause.
    pub span: Span,
}

/// Who holds an office under one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// `is lbh`
    Member(MemberId),
    /// `is one of the council members`
    OneOf(KindId),
    /// `alternates between leader and icb from meeting to meeting`
    Alternates(Vec<Holder>),
    /// `rotates between leader and icb every 2 years from 1 April 2026`: the first holder from
    /// that day, the next one a period later, and so on, round again after the last.
    Rotates { between: Vec<Holder>, every: Duration, from: Date },
}

/// One of those an office alternates or rotates between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holder {
    /// A member.
    Member(MemberId),
    /// Any one member of a kind.
    Kind(KindId),
}

impl Term {
    /// Whether the clause depends on the date (it has a `from`, a `to` or is a rotation).
    pub fn dated(&self) -> bool {
        self.from.is_some() || self.to.is_some() || matches!(self.holding, Holding::Rotates { .. })
    }

    /// Whether the clause holds on `date`.
    pub fn in_force(&self, date: Date) -> bool {
        let start = match &self.holding {
            Holding::Rotates { from, .. } => Some(self.from.map_or(*from, |f| f.max(*from))),
            _ => self.from,
        };
        start.is_none_or(|s| s <= date) && self.to.is_none_or(|t| date <= t)
    }
}

impl Office {
    /// Whether who holds the office depends on the date.
    pub fn dated(&self) -> bool {
        self.terms.iter().any(Term::dated)
    }
}

/// The members who may hold an office on a day, under one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MayHold {
    /// The agreement names the one member.
    Member(MemberId),
    /// Any of these members (in the agreement's order): the member presiding says which.
    AnyOf(Vec<MemberId>),
}

impl MayHold {
    /// The members who may hold it.
    pub fn members(&self) -> Vec<MemberId> {
        match self {
            MayHold::Member(m) => vec![*m],
            MayHold::AnyOf(ms) => ms.clone(),
        }
    }
}

/// Why nobody can be said to hold an office at a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vacancy {
    /// Who holds it depends on the date and none was given.
    NeedsDate,
    /// No clause gives the office on that day.
    NoneOn(Date),
    /// Two clauses give it on that day (their spans).
    TwoOn(Date, Span, Span),
}

/// Who may hold `office` on `date`: the clause in force, and the members it allows.
pub fn may_hold<'a>(
    agreement: &Agreement,
    office: &'a Office,
    date: Option<Date>,
) -> Result<(&'a Term, MayHold), Vacancy> {
    let in_force: Vec<&Term> = match date {
        Some(d) => office.terms.iter().filter(|t| t.in_force(d)).collect(),
        None if office.dated() => return Err(Vacancy::NeedsDate),
        None => office.terms.iter().collect(),
    };
    let on = date.unwrap_or(Date { year: 1900, month: 1, day: 1 });
    match in_force.as_slice() {
        [] => Err(Vacancy::NoneOn(on)),
        [term] => Ok((term, term_may_hold(agreement, term, on))),
        [first, second, ..] => Err(Vacancy::TwoOn(on, first.span, second.span)),
    }
}

/// The members one clause allows on `date` (the date matters only for a rotation).
fn term_may_hold(agreement: &Agreement, term: &Term, date: Date) -> MayHold {
    let holder_members = |h: &Holder| match h {
        Holder::Member(m) => vec![*m],
        Holder::Kind(k) => kind_members(agreement, *k),
    };
    match &term.holding {
        Holding::Member(m) => MayHold::Member(*m),
        Holding::OneOf(k) => MayHold::AnyOf(kind_members(agreement, *k)),
        Holding::Alternates(between) => {
            let mut all: Vec<MemberId> = between.iter().flat_map(holder_members).collect();
            all.sort();
            all.dedup();
            MayHold::AnyOf(all)
        }
        Holding::Rotates { between, every, from } => {
            let turn = rotation_turn(*from, *every, date).unwrap_or(0);
            match between.get(turn.checked_rem(between.len()).unwrap_or(0)) {
                Some(Holder::Member(m)) => MayHold::Member(*m),
                Some(Holder::Kind(k)) => MayHold::AnyOf(kind_members(agreement, *k)),
                None => MayHold::AnyOf(Vec::new()),
            }
        }
    }
}

/// The members of a kind, in the agreement's order.
pub fn kind_members(agreement: &Agreement, kind: KindId) -> Vec<MemberId> {
    agreement.members.iter().filter(|m| m.is_of_kind(kind)).map(|m| m.id).collect()
}

/// The number of months in a rotation's period (`None` for days or weeks, which a rotation may
/// not use, and on overflow).
pub fn months(every: Duration) -> Option<u32> {
    match every.unit {
        DurationUnit::Months => Some(every.count),
        DurationUnit::Years => every.count.checked_mul(12),
        DurationUnit::Days | DurationUnit::WorkingDays | DurationUnit::Weeks => None,
    }
}

/// `date` moved on by `months` whole months, on the same day of the month or, where that month
/// is shorter, its last day (31 January and one month is 28 or 29 February).
pub fn add_months(date: Date, months: u64) -> Option<Date> {
    let index = u64::from(date.year).checked_mul(12)?.checked_add(u64::from(date.month).checked_sub(1)?)?;
    let moved = index.checked_add(months)?;
    let year = u16::try_from(moved / 12).ok()?;
    let month = u8::try_from(moved % 12).ok()?.checked_add(1)?;
    Some(Date { year, month, day: date.day.min(days_in_month(year, month)) })
}

/// Which turn of a rotation `date` falls in: 0 for the first period (from `from`), 1 for the
/// next, and so on. `None` before the rotation starts, for a period that is not whole months,
/// and on overflow.
pub fn rotation_turn(from: Date, every: Duration, date: Date) -> Option<usize> {
    let step = u64::from(months(every)?);
    if step == 0 || date < from {
        return None;
    }
    let elapsed = u64::from(date.year.checked_sub(from.year)?)
        .checked_mul(12)?
        .checked_add(u64::from(date.month))?
        .checked_sub(u64::from(from.month))?;
    // A first guess from whole months, then put right against the exact turn dates.
    let mut turn = elapsed.checked_div(step)?;
    while turn > 0 && add_months(from, turn.checked_mul(step)?)? > date {
        turn = turn.checked_sub(1)?;
    }
    while add_months(from, turn.checked_add(1)?.checked_mul(step)?)? <= date {
        turn = turn.checked_add(1)?;
    }
    usize::try_from(turn).ok()
}

/// How the holder of a decision's casting vote holds an office at this proposal's meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seat {
    /// The member.
    pub member: MemberId,
    /// The office.
    pub office: OfficeId,
    /// The clause that gives it the office.
    pub term: Span,
    /// Whether the proposal's `presiding:` line says which member (the clause allows several).
    pub presided: bool,
    /// The meeting's date, when the holder depends on it.
    pub on: Option<Date>,
}

/// Who holds the office a decision gives its casting vote to, at this proposal's meeting;
/// `None` when the decision gives it to no office, or the proposal leaves the holder unsettled
/// (a proposal `check_office_casting` refuses).
pub fn seat(agreement: &Agreement, decision: &Decision, proposal: &Proposal) -> Option<Seat> {
    let office = agreement.offices.get(decision.casting_office?.node.0 as usize)?;
    let date = proposal.date.map(|d| d.node);
    let (term, may) = may_hold(agreement, office, date).ok()?;
    let on = date.filter(|_| office.dated());
    match may {
        MayHold::Member(m) => Some(Seat { member: m, office: office.id, term: term.span, presided: false, on }),
        MayHold::AnyOf(members) => {
            let presiding = proposal.presiding?.node;
            members.contains(&presiding).then_some(Seat {
                member: presiding,
                office: office.id,
                term: term.span,
                presided: true,
                on,
            })
        }
    }
}

/// The refusals of docs/semantics.md step 1 for a casting vote held by an office: the proposal
/// needs a date when the holder depends on it; somebody must hold the office on that date (two
/// clauses at once are the agreement's own error, `concord::check::office_overlap`); where the clause lets several members hold it, the proposal
/// must say who presided, and that member must be one of them and listed as present; a
/// `presiding:` line naming anyone but the one member the agreement names is refused.
pub(crate) fn check_office_casting(
    decision: &Decision,
    proposal: &Proposal,
    agreement: &Agreement,
    at: Span,
    errors: &mut Vec<LowerError>,
) {
    let Some(office) = decision.casting_office.and_then(|o| agreement.offices.get(o.node.0 as usize)) else {
        return;
    };
    let key = |id: MemberId| agreement.member(id).map_or_else(String::new, |m| m.key.clone());
    let names = |ms: &[MemberId]| {
        let keys: Vec<String> = ms.iter().map(|m| format!("`{}`", key(*m))).collect();
        match keys.as_slice() {
            [] => "no member".to_string(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    };
    let decision_at = proposal.decision.as_ref().map_or(at, |d| d.span);
    let date = proposal.date.map(|d| d.node);
    let on = date.map_or_else(String::new, |d| format!(" on {}", d.words()));
    match may_hold(agreement, office, date) {
        Err(Vacancy::NeedsDate) => errors.push(LowerError::from(crate::model::OfficesError::OfficeNeedsDate {
            office: office.name.clone(),
            decision: decision.name.clone(),
            at: decision_at.into(),
        })),
        Err(Vacancy::NoneOn(d)) => errors.push(LowerError::from(crate::model::OfficesError::OfficeVacant {
            office: office.name.clone(),
            date: d.words(),
            at: proposal.date.map_or(decision_at, |d| d.span).into(),
        })),
        // Two clauses in force at once: the agreement has the error `concord::check::office_overlap`
        // and is never evaluated, so there is nothing to refuse here.
        Err(Vacancy::TwoOn(..)) => {}
        Ok((_, may)) => {
            let members = may.members();
            match (may, proposal.presiding) {
                (MayHold::AnyOf(_), None) => {
                    errors.push(LowerError::from(crate::model::OfficesError::OfficeNeedsPresiding {
                        office: office.name.clone(),
                        on,
                        may: names(&members),
                        at: decision_at.into(),
                    }))
                }
                (_, Some(named)) if !members.contains(&named.node) => {
                    errors.push(LowerError::from(crate::model::OfficesError::PresidingMayNotHold {
                        member: key(named.node),
                        office: office.name.clone(),
                        on,
                        may: names(&members),
                        at: named.span.into(),
                    }))
                }
                (_, Some(named)) => {
                    if !proposal.votes.iter().any(|v| v.voter == Voter::Known(named.node)) {
                        errors.push(LowerError::from(crate::model::OfficesError::PresidingAbsent {
                            member: key(named.node),
                            at: named.span.into(),
                        }));
                    }
                }
                (MayHold::Member(_), None) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn a_month_on_from_the_last_day_of_january_is_the_last_day_of_february() {
        assert_eq!(add_months(d(2027, 1, 31), 1), Some(d(2027, 2, 28)));
        assert_eq!(add_months(d(2028, 1, 31), 1), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2026, 4, 1), 24), Some(d(2028, 4, 1)));
    }

    #[test]
    fn a_two_year_rotation_turns_on_its_anniversary() {
        let every = Duration { count: 2, unit: DurationUnit::Years };
        let from = d(2026, 4, 1);
        assert_eq!(rotation_turn(from, every, d(2026, 3, 31)), None);
        assert_eq!(rotation_turn(from, every, d(2026, 4, 1)), Some(0));
        assert_eq!(rotation_turn(from, every, d(2028, 3, 31)), Some(0));
        assert_eq!(rotation_turn(from, every, d(2028, 4, 1)), Some(1));
        assert_eq!(rotation_turn(from, every, d(2031, 1, 1)), Some(2));
    }

    #[test]
    fn a_monthly_rotation_from_the_31st_turns_on_the_last_day_of_short_months() {
        let every = Duration { count: 1, unit: DurationUnit::Months };
        let from = d(2027, 1, 31);
        assert_eq!(rotation_turn(from, every, d(2027, 2, 27)), Some(0));
        assert_eq!(rotation_turn(from, every, d(2027, 2, 28)), Some(1));
        assert_eq!(rotation_turn(from, every, d(2027, 3, 30)), Some(1));
        assert_eq!(rotation_turn(from, every, d(2027, 3, 31)), Some(2));
    }

    #[test]
    fn a_rotation_in_weeks_has_no_turns() {
        let every = Duration { count: 2, unit: DurationUnit::Weeks };
        assert_eq!(rotation_turn(d(2026, 4, 1), every, d(2027, 1, 1)), None);
    }

    #[test]
    fn a_window_bounds_a_clause_both_days_included() {
        let term = Term {
            from: Some(d(2026, 4, 1)),
            to: Some(d(2028, 3, 31)),
            holding: Holding::Member(MemberId(0)),
            span: Span::default(),
        };
        assert!(term.in_force(d(2026, 4, 1)) && term.in_force(d(2028, 3, 31)));
        assert!(!term.in_force(d(2026, 3, 31)) && !term.in_force(d(2028, 4, 1)));
        assert!(term.dated());
    }
}
