//! Step 7.1's holder where the decision gives the casting vote to an office (`on a tie, the
//! chair has the casting vote`), worked out again from language reference §9 ("The casting vote
//! of an office"), sharing nothing with `model::chairs` but the model's types: the clauses in
//! force on the proposal's date, a rotation's turn counted month by month from its first day,
//! and the member presiding where a clause lets several hold the office.

use crate::calendar::{days_in_month, Date, DurationUnit};
use crate::model::chairs::{Holder, Holding};
use crate::model::inputs::Proposal;
use crate::model::{Agreement, Decision, MemberId};

use super::OracleError;

/// The day `months` calendar months after `from`, counted one month at a time; where the month
/// is shorter than `from`'s day, its last day.
fn months_after(from: Date, months: u64) -> Date {
    let (mut year, mut month) = (from.year, from.month);
    for _ in 0..months {
        if month == 12 {
            month = 1;
            year = year.saturating_add(1);
        } else {
            month = month.saturating_add(1);
        }
    }
    Date { year, month, day: from.day.min(days_in_month(year, month)) }
}

/// The holder of the office, or `Ok(None)` when the decision gives its casting vote to no office.
pub(super) fn office_holder(
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
) -> Result<Option<MemberId>, OracleError> {
    let Some(office) = decision.casting_office else { return Ok(None) };
    let office = agreement.offices.get(office.node.0 as usize).ok_or(OracleError::Unsupported("an unknown office"))?;
    let date = proposal.date.map(|d| d.node);
    let dated =
        office.terms.iter().any(|t| t.from.is_some() || t.to.is_some() || matches!(t.holding, Holding::Rotates { .. }));
    // "In force": within its days (both included), and for a rotation from its first day.
    let in_force: Vec<_> = office
        .terms
        .iter()
        .filter(|t| match date {
            None => !dated,
            Some(d) => {
                let after_from = t.from.is_none_or(|f| f <= d);
                let before_to = t.to.is_none_or(|e| d <= e);
                let started = match &t.holding {
                    Holding::Rotates { from, .. } => *from <= d,
                    _ => true,
                };
                after_from && before_to && started
            }
        })
        .collect();
    let [term] = in_force.as_slice() else {
        return Err(OracleError::Unsupported("an office with no single clause in force on the proposal's day"));
    };
    let kind_members =
        |k| agreement.members.iter().filter(|m| m.is_of_kind(k)).map(|m| m.id).collect::<Vec<MemberId>>();
    let allowed: Vec<MemberId> = match &term.holding {
        Holding::Member(m) => return Ok(Some(*m)),
        Holding::OneOf(k) => kind_members(*k),
        Holding::Alternates(between) => between
            .iter()
            .flat_map(|h| match h {
                Holder::Member(m) => vec![*m],
                Holder::Kind(k) => kind_members(*k),
            })
            .collect(),
        Holding::Rotates { between, every, from } => {
            let Some(d) = date else { return Err(OracleError::Unsupported("a rotation without a date")) };
            let step = match every.unit {
                DurationUnit::Months => u64::from(every.count),
                DurationUnit::Years => u64::from(every.count).saturating_mul(12),
                _ => return Err(OracleError::Unsupported("a rotation that is not in months or years")),
            };
            // Count the turns that have started by `d`, one at a time.
            let mut turn: u64 = 0;
            while months_after(*from, turn.saturating_add(1).saturating_mul(step)) <= d {
                turn = turn.saturating_add(1);
            }
            let len = u64::try_from(between.len()).unwrap_or(1).max(1);
            let index = usize::try_from(turn.checked_rem(len).unwrap_or(0)).unwrap_or(0);
            match between.get(index) {
                Some(Holder::Member(m)) => return Ok(Some(*m)),
                Some(Holder::Kind(k)) => kind_members(*k),
                None => Vec::new(),
            }
        }
    };
    match proposal.presiding.map(|p| p.node) {
        Some(p) if allowed.contains(&p) => Ok(Some(p)),
        _ => Err(OracleError::Unsupported("a member presiding who may not hold the office")),
    }
}
