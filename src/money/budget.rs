//! The capitated budget's allocation: each line split between the members who provide it, each
//! member's total, and what is left of the capitated budget or by how much the lines overrun it.
//!
//! A line's providers share it by their stated percentages; providers written without one
//! divide what the stated ones leave equally (`provided by hhft 60%, gpfed, lbh` gives gpfed and
//! lbh 20% each). A line with no providers, or whose stated percentages add up to less than 100%
//! with nobody to take the rest, is partly or wholly **not assigned** to a member (an operations
//! team run for the whole network, say). Each line is rounded once, by
//! [`round_shares_ranked`], ties to the provider listed first in the agreement.
//!
//! What the capitated budget covers is worked out in the order the seeds ask for: the statutory
//! minimum of every personal-budgets line first, then every line (and the rest of each personal
//! budgets line) in the order written. A line the budget does not fully cover shows how much of
//! it is not covered.

use rust_decimal::Decimal;
use serde::Serialize;

use super::rounding::{round_shares_ranked, Claim};
use super::{format_money, format_number, MoneyError};
use crate::model::{Agreement, Money};
use crate::span::Span;

/// One provider's part of a budget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderAllocation {
    /// The member's identifier.
    pub member: String,
    /// Its display name.
    pub name: String,
    /// Its percentage of the line.
    pub percent: Decimal,
    /// Whether the percentage was written (rather than an equal part of the rest).
    pub stated: bool,
    /// Its exact part.
    pub unrounded: Decimal,
    /// Its part, rounded.
    pub amount: Decimal,
}

/// One line of the capitated budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineAllocation {
    /// `intervention`, `service standard`, `personal budgets`, `contingency fund` or `operations team`.
    pub kind: String,
    /// Its name, when it has one.
    pub name: Option<String>,
    /// The line in words: `intervention “Falls prevention”`.
    pub description: String,
    /// Its amount.
    pub amount: Decimal,
    /// For personal budgets: the statutory minimum, met first.
    pub statutory_minimum: Option<Decimal>,
    /// Where the line is written.
    pub span: Span,
    /// The line it is written on, when the source is known.
    pub line: Option<usize>,
    /// Who provides it.
    pub providers: Vec<ProviderAllocation>,
    /// The part no member provides.
    pub not_assigned: Decimal,
    /// What the capitated budget covers of the line.
    pub covered: Decimal,
    /// What it does not.
    pub not_covered: Decimal,
}

/// One member's total allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberAllocation {
    /// The member's identifier.
    pub member: String,
    /// Its display name.
    pub name: String,
    /// Its total over every line.
    pub amount: Decimal,
}

/// The capitated budget's allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetAllocation {
    /// The capitated budget, when known.
    pub capitated: Option<Decimal>,
    /// Each line, in the order written.
    pub lines: Vec<LineAllocation>,
    /// Each member providing something, in the agreement's order.
    pub members: Vec<MemberAllocation>,
    /// What no member provides, over every line.
    pub not_assigned: Decimal,
    /// The total of the lines.
    pub total: Decimal,
    /// What the capitated budget leaves after the lines (zero when they overrun it).
    pub left: Decimal,
    /// By how much the lines exceed the capitated budget (zero when they do not).
    pub overrun: Decimal,
}

/// Allocates the agreement's budget lines. `capitated` is the year's capitated budget (the
/// result's, else the budget block's). Problems go to `diagnostics`; `None` when the budget
/// has no lines or a line cannot be split.
pub fn allocate_budget(
    agreement: &Agreement,
    capitated: Option<Money>,
    diagnostics: &mut Vec<MoneyError>,
) -> Option<BudgetAllocation> {
    let budget = agreement.budget.as_ref()?;
    if budget.lines.is_empty() {
        return None;
    }
    let unit = agreement.currency.minor_unit;
    let currency = &agreement.currency;
    let capitated =
        capitated.map(|c| c.0).or_else(|| budget.capitated.as_ref().map(|c| c.node.0)).filter(|c| *c >= Decimal::ZERO);
    let overflow = |diagnostics: &mut Vec<MoneyError>, at: Span| {
        diagnostics.push(MoneyError::Overflow {
            what: "the budget's allocation".into(),
            file: super::MoneyFile::Agreement,
            at: at.into(),
        });
    };
    let mut lines = Vec::with_capacity(budget.lines.len());
    let mut member_totals = vec![Decimal::ZERO; agreement.members.len()];
    let mut member_listed = vec![false; agreement.members.len()];
    let mut ok = true;
    for line in &budget.lines {
        let amount = whole(line.amount.node.0, unit);
        let Some(stated) = super::checked_sum(line.providers.iter().filter_map(|(_, p, _)| p.map(|p| p.0))) else {
            overflow(diagnostics, line.span);
            ok = false;
            continue;
        };
        let unstated = line.providers.iter().filter(|(_, p, _)| p.is_none()).count();
        if stated > Decimal::ONE_HUNDRED || line.amount.node.0 < Decimal::ZERO {
            if stated > Decimal::ONE_HUNDRED {
                diagnostics
                    .push(MoneyError::ProviderSharesOverWhole { total: format_number(stated), at: line.span.into() });
            } else {
                diagnostics.push(MoneyError::NegativeAmount {
                    what: "budget line".into(),
                    file: super::MoneyFile::Agreement,
                    at: line.span.into(),
                });
            }
            ok = false;
            continue;
        }
        // BOUND: `stated` is a sum of percentages written without a sign, so 0 ≤ stated ≤ 100 here,
        // and the rest, between 0 and 100, is divided by a count of one or more.
        #[allow(clippy::arithmetic_side_effects)]
        let each_unstated =
            if unstated > 0 { (Decimal::ONE_HUNDRED - stated) / Decimal::from(unstated) } else { Decimal::ZERO };
        let mut percents = Vec::with_capacity(line.providers.len());
        let mut claims = Vec::with_capacity(line.providers.len().saturating_add(1));
        let mut fits = true;
        for (_, percent, _) in &line.providers {
            let pct = percent.map_or(each_unstated, |p| p.0);
            percents.push(pct);
            let part = amount.checked_mul(pct).and_then(|x| x.checked_div(Decimal::ONE_HUNDRED));
            fits &= part.is_some();
            claims.push(Claim::new(part.unwrap_or_default()));
        }
        // Every percentage is at most 100 and they add up to at most 100, so the parts fit.
        let assigned_pct = super::checked_sum(percents.iter().copied()).unwrap_or(Decimal::ONE_HUNDRED);
        let claimed = super::checked_sum(claims.iter().map(|c| c.unrounded));
        let (true, Some(claimed)) = (fits, claimed) else {
            overflow(diagnostics, line.span);
            ok = false;
            continue;
        };
        let not_assigned_exact = amount.checked_sub(claimed).unwrap_or_default().max(Decimal::ZERO);
        let not_assigned_exact = if assigned_pct >= Decimal::ONE_HUNDRED && unstated > 0 {
            // Equal parts of the rest may not terminate (a third): nothing is meant to be unassigned.
            Decimal::ZERO
        } else {
            not_assigned_exact
        };
        claims.push(Claim::new(not_assigned_exact));
        // Ties go to the provider listed first in the agreement, whatever the line's order.
        let mut rank: Vec<usize> = line
            .providers
            .iter()
            .map(|(id, _, _)| agreement.members.iter().position(|m| m.id == *id).unwrap_or(usize::MAX))
            .collect();
        rank.push(usize::MAX);
        let Ok(mut rounded) = round_shares_ranked(amount, &claims, unit, &rank).map(|r| r.shares) else {
            diagnostics.push(MoneyError::Overflow {
                what: "this budget line".into(),
                file: super::MoneyFile::Agreement,
                at: line.span.into(),
            });
            ok = false;
            continue;
        };
        let not_assigned = rounded.pop().unwrap_or_default();
        let mut providers = Vec::with_capacity(line.providers.len());
        for (((member_id, percent, _), pct), (claim, share)) in
            line.providers.iter().zip(&percents).zip(claims.iter().zip(&rounded))
        {
            let member = agreement.member(*member_id);
            if let (Some(total), Some(listed)) =
                (member_totals.get_mut(member_id.index()), member_listed.get_mut(member_id.index()))
            {
                match total.checked_add(*share) {
                    Some(t) => *total = t,
                    None => fits = false,
                }
                *listed = true;
            }
            providers.push(ProviderAllocation {
                member: member.map_or_else(String::new, |m| m.key.clone()),
                name: member.map_or_else(String::new, |m| m.name.clone()),
                percent: *pct,
                stated: percent.is_some(),
                unrounded: claim.unrounded,
                amount: *share,
            });
        }
        if !fits {
            overflow(diagnostics, line.span);
            ok = false;
            continue;
        }
        let kind = line.kind.words();
        let description = match &line.name {
            Some(n) => format!("{kind} “{n}”"),
            None => kind.to_string(),
        };
        lines.push(LineAllocation {
            kind: kind.to_string(),
            name: line.name.clone(),
            description,
            amount,
            statutory_minimum: line.statutory_minimum.as_ref().map(|m| whole(m.node.0, unit)),
            span: line.span,
            line: None,
            providers,
            not_assigned,
            covered: Decimal::ZERO,
            not_covered: Decimal::ZERO,
        });
    }
    if !ok {
        return None;
    }
    // What the capitated budget covers: statutory minima first, then the lines in order.
    let Some(total) = super::checked_sum(lines.iter().map(|l| l.amount)) else {
        overflow(diagnostics, budget.span);
        return None;
    };
    let (left, overrun) = cover(&mut lines, capitated, total);
    if overrun > Decimal::ZERO {
        diagnostics.push(MoneyError::BudgetOverrun {
            total: format_money(total, currency),
            overrun: format_money(overrun, currency),
            capitated: format_money(capitated.unwrap_or_default(), currency),
            at: budget.span.into(),
        });
    }
    let members = agreement
        .members
        .iter()
        .zip(member_totals.iter().zip(&member_listed))
        .filter(|(_, (_, listed))| **listed)
        .map(|(m, (amount, _))| MemberAllocation { member: m.key.clone(), name: m.name.clone(), amount: *amount })
        .collect();
    let not_assigned = lines.iter().map(|l| l.not_assigned).sum();
    Some(BudgetAllocation { capitated, lines, members, not_assigned, total, left, overrun })
}

/// Works out what the capitated budget covers of each line, statutory minima first and then the
/// lines in order; returns what it leaves after the lines and by how much they overrun it. With
/// no capitated budget, the lines' `total` is taken as the budget.
// BOUND: every figure here is zero or more (amounts are written without a sign, negative lines
// are refused before this, `capitated` is filtered to zero or more and `total` adds up the
// lines), and a line is covered by at most its amount and at most what is available. So
// `covered` stays between zero and the line's amount, `available` between zero and where it
// started, and each difference lies between zero and the larger of its two figures.
#[allow(clippy::arithmetic_side_effects)]
fn cover(lines: &mut [LineAllocation], capitated: Option<Decimal>, total: Decimal) -> (Decimal, Decimal) {
    let mut available = capitated.unwrap_or(total);
    for line in lines.iter_mut() {
        if let Some(minimum) = line.statutory_minimum {
            let first = minimum.min(line.amount).min(available);
            line.covered = first;
            available -= first;
        }
    }
    for line in lines.iter_mut() {
        let more = (line.amount - line.covered).min(available);
        line.covered += more;
        available -= more;
        line.not_covered = line.amount - line.covered;
    }
    match capitated {
        Some(c) if total > c => (Decimal::ZERO, total - c),
        Some(c) => (c - total, Decimal::ZERO),
        None => (Decimal::ZERO, Decimal::ZERO),
    }
}

/// An amount taken to a whole number of minor units (half away from zero).
fn whole(amount: Decimal, unit: Decimal) -> Decimal {
    super::round_half_away(amount, unit)
}
