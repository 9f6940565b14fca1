//! Year-end money for an agreement with several funds: each fund's lines, their risk modes and
//! offsetting, the fund's own waterfalls with its caps and risk pools, then the totals per
//! member across the funds.
//!
//! In: an [`Agreement`] with `funds` and a [`YearEnd`] giving the actual cost of every line (and
//! of every fund without lines). Out: an [`Evaluation`] whose working carries
//! [`FundsWorking`]; its top-level figures are the totals over the funds.
//!
//! # One fund
//!
//! 1. **Lines.** A line's variance is its budget less its actual cost: positive for an
//!    underspend, negative for an overspend. A fund without lines is one line: its budget is the
//!    sum of its contributions, its actual cost the result's `actual cost of "FUND"`, its risk
//!    shared by the fund's rule.
//! 2. **Offsetting** (`overspends and underspends on its lines offset before sharing`): the
//!    smaller of the total underspend and the total overspend is set off. Each overspending line
//!    gives up that amount in proportion to its overspend, and each underspending line in
//!    proportion to its underspend, each split rounded to the minor unit by the largest
//!    remainder. Afterwards only overspends or only underspends remain.
//! 3. **Line caps** (`capped at £X`): of an overspend, at most X is shared; the rest is reported
//!    as unallocated, never dropped.
//! 4. **Risk modes.** `risk shared by the fund's rule` (the default): the variance joins the
//!    fund's pot. `risk shared by each partner's share of the line`: the variance is split
//!    between the line's commissioning partners in proportion to their shares. `no risk share`:
//!    the commissioning partner bears an overspend and keeps an underspend (several: by their
//!    shares, which the checker reports). Shares not written: the only partner takes all; several
//!    without shares take what the written shares leave, equally. A line with no commissioning
//!    partner is shared by the fund's rule.
//! 5. **The fund's pot** (the sum of the variances shared by the fund's rule) runs down the
//!    fund's own `savings of "FUND"` or `deficits of "FUND"` waterfall, exactly as the
//!    agreement-level waterfall does (see the parent module), among the partners that contribute
//!    to the fund, with `by contribution` reading each partner's contribution to this fund. A
//!    fund with no contributions shares among its lines' commissioning partners.
//! 6. **Caps** (`each partner bears at most its contribution`): in the fund's deficit
//!    waterfall a partner bears at most its contribution less what it already bears on the
//!    fund's lines (and never more than its own liability cap). With `unless "DECISION"
//!    agrees`, the cap does not apply when the result says `"DECISION" was agreed`.
//! 7. **Risk pools.** A `risk pool` block's balance is the sum of its contributions. A deficit
//!    step `from the risk pool "POOL" up to £X` takes what is left of the fund's deficit, up to X
//!    and up to what is left in the pool; the funds draw on a pool in the order they are written.
//!
//! # Totals
//!
//! For each member and each fund: what it receives, what it bears, and the net (received less
//! borne). Across funds the same, summed. The top-level `members` give, for a year that is a
//! surplus over all funds, each member's net receipt; for a deficit, its net burden (negative
//! when it gains overall). The top-level `unallocated` is what no one received or bore, over
//! every fund.

use std::cell::RefCell;

use rust_decimal::Decimal;

mod income;
pub(in crate::money) mod lines;
mod parts;
pub(in crate::money) mod working;

pub use income::IncomeWorking;

pub use working::{
    CapWorking, CommissionerShare, ContributionWorking, FundWorking, FundsWorking, LineWorking, MemberFundsTotal,
    OffsetWorking, RiskPoolWorking,
};

use lines::{commissioner_weights, split, split_ranked, to_unit};

use super::notes::Note;
use super::pennies::{PennyParty, PennyWorking};
use super::years::YearStart;
use parts::{add, blamed_line, empty_working, instalments, overflow, sub};
use working::tidy_funds;

use super::{
    accrue, checked_sum, less, tidy, Evaluation, MemberTotal, MoneyError, MoneyFile, Outcome, PartyTotal,
    YearEndWorking,
};
use crate::model::{
    Agreement, Figure, FigureForm, FigureName, FigureUnit, FundKind, Member, MemberId, Money, RiskMode, Role, YearEnd,
};
use crate::span::Spanned;

/// Works out `result` under an agreement with funds, starting from `start` when the year follows
/// another (its contributions as the year before set them, what it carried forward brought in).
pub(crate) fn evaluate(agreement: &Agreement, result: &YearEnd, start: Option<&YearStart>) -> Evaluation {
    let mut diagnostics = Vec::new();
    let changed = super::years::with_contributions(agreement, start);
    let beyond = super::years::beyond_lines(agreement, &changed);
    let agreement = &*changed;
    match run(agreement, result, start, &beyond, &mut diagnostics) {
        Ok(working) if !diagnostics.iter().any(MoneyError::is_error) => {
            let mut working = working;
            tidy(&mut working);
            tidy_funds(&mut working);
            Evaluation { working: Some(working), diagnostics }
        }
        Ok(_) => Evaluation { working: None, diagnostics },
        Err(e) => {
            diagnostics.push(*e);
            Evaluation { working: None, diagnostics }
        }
    }
}

/// A problem that stops the working (boxed: a diagnostic is large).
type Stop = Box<MoneyError>;

fn run(
    agreement: &Agreement,
    result: &YearEnd,
    start: Option<&YearStart>,
    beyond: &[Decimal],
    diagnostics: &mut Vec<MoneyError>,
) -> Result<YearEndWorking, Stop> {
    let unit = agreement.currency.minor_unit;
    let participants: Vec<&Member> = agreement.members.iter().filter(|m| !m.has_role(Role::Observer)).collect();
    let position = |id: MemberId| participants.iter().position(|m| m.id == id);
    let contributions = |fund: &crate::model::FundDef| -> Vec<ContributionWorking> {
        fund.contributions
            .iter()
            .filter_map(|(id, a)| {
                let m = agreement.member(*id)?;
                Some(ContributionWorking { member: m.key.clone(), name: m.name.clone(), amount: a.node.0 })
            })
            .collect()
    };

    // The risk pools' opening balances.
    let mut opening = Vec::with_capacity(agreement.funds.len());
    for fund in &agreement.funds {
        let balance = if fund.kind == FundKind::RiskPool {
            let sum = checked_sum(fund.contributions.iter().map(|(_, a)| a.node.0))
                .ok_or_else(|| overflow("the risk pool's balance", fund.span))?;
            super::rounding::floor_to_unit(sum.max(Decimal::ZERO), unit).unwrap_or(Decimal::ZERO)
        } else {
            Decimal::ZERO
        };
        opening.push(balance);
    }
    let pools = RefCell::new(opening.clone());

    let mut received_all = vec![Decimal::ZERO; participants.len()];
    let mut borne_all = vec![Decimal::ZERO; participants.len()];
    let mut funds_out = Vec::new();
    let mut parties_all: Vec<PartyTotal> = Vec::new();
    let (mut budget_all, mut cost_all, mut unallocated_all) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut income_all = Decimal::ZERO;

    for (fi, fund) in agreement.funds.iter().enumerate() {
        if fund.kind == FundKind::RiskPool && fund.lines.is_empty() {
            continue;
        }
        let at = fund.span;
        let mut received = vec![Decimal::ZERO; participants.len()];
        let mut borne = vec![Decimal::ZERO; participants.len()];
        let mut unallocated = Decimal::ZERO;

        // 1. The lines (or the fund as one line).
        struct Raw<'l> {
            line: Option<&'l crate::model::FundLine>,
            budget: Decimal,
            actual: Decimal,
            variance: Decimal,
            /// The partner the result says caused the line's overspend by maladministration.
            blamed: Option<MemberId>,
        }
        let mut raws: Vec<Raw<'_>> = Vec::new();
        if fund.lines.is_empty() {
            let budget = fund.budget().ok_or_else(|| overflow("the fund's budget", at))?.0;
            let actual = result.cost_of(fi, None).map_or(Decimal::ZERO, |c| c.node.0);
            let variance = to_unit(sub(budget, actual, at)?, unit);
            raws.push(Raw { line: None, budget, actual, variance, blamed: None });
        } else {
            for (li, line) in fund.lines.iter().enumerate() {
                let budget = line.budget.node.0;
                let actual = result.cost_of(fi, Some(li)).map_or(Decimal::ZERO, |c| c.node.0);
                for (what, value, span, file) in [
                    ("line budget", budget, line.budget.span, MoneyFile::Agreement),
                    (
                        "actual cost",
                        actual,
                        result.cost_of(fi, Some(li)).map_or(result.title.span, |c| c.span),
                        MoneyFile::Input,
                    ),
                ] {
                    if value < Decimal::ZERO {
                        return Err(Box::new(MoneyError::NegativeAmount { what: what.into(), file, at: span.into() }));
                    }
                }
                let variance = to_unit(sub(budget, actual, line.span)?, unit);
                let blamed = result
                    .maladministration
                    .iter()
                    .find(|m| m.fund == fi && m.line == li && fund.maladministration.is_some())
                    .map(|m| m.by.node)
                    .filter(|_| variance < Decimal::ZERO);
                raws.push(Raw { line: Some(line), budget, actual, variance, blamed });
            }
        }
        let budget_total =
            checked_sum(raws.iter().map(|r| r.budget)).ok_or_else(|| overflow("the fund's budget", at))?;
        let cost_total = checked_sum(raws.iter().map(|r| r.actual)).ok_or_else(|| overflow("the fund's cost", at))?;
        let result_total =
            checked_sum(raws.iter().map(|r| r.variance)).ok_or_else(|| overflow("the fund's result", at))?;

        // 2. Offsetting.
        let mut offsets = vec![Decimal::ZERO; raws.len()];
        let mut offset_working = None;
        if fund.offset.is_some() {
            // An overspend caused by maladministration is borne by the partner responsible, so it
            // is not set off against other lines.
            let under: Vec<Decimal> = raws.iter().map(|r| r.variance.max(Decimal::ZERO)).collect();
            let over: Vec<Decimal> = raws
                .iter()
                .map(|r| if r.blamed.is_some() { Decimal::ZERO } else { r.variance.min(Decimal::ZERO).abs() })
                .collect();
            let u = checked_sum(under.iter().copied()).ok_or_else(|| overflow("the underspends", at))?;
            let o = checked_sum(over.iter().copied()).ok_or_else(|| overflow("the overspends", at))?;
            let off = u.min(o);
            if off > Decimal::ZERO {
                let from_under = split(off, &under, unit).ok_or_else(|| overflow("the offsetting", at))?;
                let from_over = split(off, &over, unit).ok_or_else(|| overflow("the offsetting", at))?;
                for ((o, a), b) in offsets.iter_mut().zip(&from_under).zip(&from_over) {
                    // An underspending line gives up part of its underspend (a), an overspending
                    // line part of its overspend (b); a line is one or the other, so one is zero.
                    *o = sub(*a, *b, at)?;
                }
            }
            offset_working = Some(OffsetWorking { underspends: u, overspends: o, offset: off });
        }

        // 3, 4. Caps on lines and the risk modes.
        let mut pot = Decimal::ZERO;
        let mut lines_out = Vec::new();
        for (raw, off) in raws.iter().zip(&offsets) {
            let after = sub(raw.variance, *off, at)?;
            let Some(line) = raw.line else {
                pot = add(pot, after, at)?;
                continue;
            };
            if let Some(by) = raw.blamed {
                lines_out.push(blamed_line(agreement, line, raw.budget, raw.actual, raw.variance, by));
                if let Some(slot) = position(by).and_then(|p| borne.get_mut(p)) {
                    *slot = add(*slot, raw.variance.abs(), line.span)?;
                }
                continue;
            }
            let mut notes = Vec::new();
            let mut line_pennies = None;
            let mut shared = after;
            let mut line_unallocated = Decimal::ZERO;
            let cap = line
                .cap
                .map(|c| super::rounding::floor_to_unit(c.node.0.max(Decimal::ZERO), unit).unwrap_or(Decimal::ZERO));
            if let Some(cap) = cap {
                if after < Decimal::ZERO && after.abs() > cap {
                    line_unallocated = less(after.abs(), cap);
                    // BOUND: `cap` is zero or more, so its negation fits.
                    #[allow(clippy::arithmetic_side_effects)]
                    let capped = -cap;
                    shared = capped;
                    notes.push(Note::LineCapped { unallocated: line_unallocated });
                }
            }
            unallocated = add(unallocated, line_unallocated, at)?;
            let mut to_rule = Decimal::ZERO;
            let mut commissioners = Vec::new();
            let by_commissioners = line.risk != RiskMode::FundRule && !line.commissioners.is_empty();
            if line.risk != RiskMode::FundRule && line.commissioners.is_empty() {
                notes.push(Note::NoCommissioner);
            }
            if by_commissioners {
                let weights = commissioner_weights(
                    &line.commissioners.iter().map(|(_, p, _)| p.map(|p| p.0)).collect::<Vec<_>>(),
                );
                let total_weight = checked_sum(weights.iter().copied()).unwrap_or(Decimal::ONE);
                // Ties go to the partner listed first in the agreement, whatever the line's order.
                let rank: Vec<usize> = line
                    .commissioners
                    .iter()
                    .map(|(id, _, _)| agreement.members.iter().position(|m| m.id == *id).unwrap_or(usize::MAX))
                    .collect();
                let rounded = split_ranked(shared.abs(), &weights, &rank, unit)
                    .ok_or_else(|| overflow("the line's shares", line.span))?;
                let names: Vec<(String, String, PennyParty)> = line
                    .commissioners
                    .iter()
                    .map(|(id, _, _)| {
                        agreement.member(*id).map_or_else(
                            || (String::new(), String::new(), PennyParty::Member),
                            |m| (m.key.clone(), m.name.clone(), PennyParty::Member),
                        )
                    })
                    .collect();
                line_pennies = PennyWorking::new(&rounded, names, unit);
                let parts = rounded.shares;
                for (((id, _, _), w), part) in line.commissioners.iter().zip(&weights).zip(&parts) {
                    let Some(m) = agreement.member(*id) else { continue };
                    if let Some(p) = position(*id) {
                        let slot = if shared > Decimal::ZERO { received.get_mut(p) } else { borne.get_mut(p) };
                        if let Some(slot) = slot {
                            accrue(slot, *part);
                        }
                    }
                    let percent = w
                        .checked_mul(Decimal::ONE_HUNDRED)
                        .and_then(|x| x.checked_div(total_weight))
                        .unwrap_or(Decimal::ZERO);
                    commissioners.push(CommissionerShare {
                        member: m.key.clone(),
                        name: m.name.clone(),
                        percent,
                        amount: *part,
                    });
                }
            } else {
                to_rule = shared;
                pot = add(pot, shared, at)?;
            }
            lines_out.push(LineWorking {
                name: line.name.clone(),
                budget: raw.budget,
                actual_cost: raw.actual,
                variance: raw.variance,
                offset: *off,
                after_offset: after,
                risk: line.risk,
                cap,
                to_fund_rule: to_rule,
                commissioners,
                unallocated: line_unallocated,
                span: line.span,
                line: None,
                notes,
                pennies: line_pennies,
                caused_by: None,
                currency: agreement.currency.clone(),
            });
        }

        // Conditional income: what is earned joins the pot, after the lines' offsetting.
        let (incomes_out, earned) = income::incomes(fund, result, unit)?;
        pot = add(pot, earned, at)?;
        let result_total = add(result_total, earned, at)?;
        // What the year before carried forward joins the pot in the same way.
        let brought_forward = start.and_then(|s| s.fund(fi)).map_or(Decimal::ZERO, |f| f.brought_forward);
        let beyond_lines = beyond.get(fi).copied().unwrap_or_default();
        pot = add(add(pot, brought_forward, at)?, beyond_lines, at)?;
        let result_total = add(add(result_total, brought_forward, at)?, beyond_lines, at)?;

        // 5, 6. The fund's own waterfall.
        let cap_working = fund.cap.as_ref().map(|c| {
            let agreed = c.unless.as_ref().is_some_and(|u| result.agreed.iter().any(|a| a.node == u.node));
            CapWorking {
                lifted_by: c
                    .unless
                    .as_ref()
                    .and_then(|u| agreement.decisions.get(u.node.index()))
                    .map(|d| d.name.clone()),
                agreed,
                applies: !agreed,
            }
        });
        let capped = cap_working.as_ref().is_some_and(|c| c.applies);
        let mut takers: Vec<MemberId> = fund.contributions.iter().map(|(id, _)| *id).collect();
        if takers.is_empty() {
            for line in &fund.lines {
                for (id, _, _) in &line.commissioners {
                    if !takers.contains(id) {
                        takers.push(*id);
                    }
                }
            }
        }
        let mut waterfall = None;
        let mut waterfall_members = Vec::new();
        let mut parties = Vec::new();
        let mut caps: Vec<Option<Decimal>> = vec![None; participants.len()];
        if !pot.is_zero() {
            let mut derived = agreement.clone();
            derived.savings = fund.savings.clone();
            derived.deficits = fund.deficits.clone();
            derived.budget = None;
            derived.title = Spanned::new(fund.name.clone(), fund.span);
            derived.members = Vec::new();
            for member in agreement.members.iter().filter(|m| takers.contains(&m.id)) {
                let mut m = member.clone();
                let contribution = fund.contribution(m.id).0;
                let span = fund.contributions.iter().find(|(id, _)| *id == m.id).map_or(fund.span, |(_, a)| a.span);
                m.figures.insert(
                    FigureName::Contribution,
                    Figure { value: contribution, unit: FigureUnit::Money, span, form: FigureForm::Plain },
                );
                if capped {
                    let already = position(m.id).and_then(|p| borne.get(p).copied()).unwrap_or(Decimal::ZERO);
                    let left = less(contribution.max(already), already);
                    let cap = m.figure(FigureName::LiabilityCap).map_or(left, |c| c.min(left));
                    if let Some(p) = position(m.id) {
                        if let Some(slot) = caps.get_mut(p) {
                            *slot = Some(cap);
                        }
                    }
                    m.figures.insert(
                        FigureName::LiabilityCap,
                        Figure {
                            form: FigureForm::Plain,
                            value: cap,
                            unit: FigureUnit::Money,
                            span: fund.cap.as_ref().map_or(span, |c| c.span),
                        },
                    );
                }
                derived.members.push(m);
            }
            let (capitated, actual) =
                if pot > Decimal::ZERO { (pot, Decimal::ZERO) } else { (Decimal::ZERO, pot.abs()) };
            let sub_result = YearEnd {
                title: result.title.clone(),
                capitated: Some(Spanned::new(Money(capitated), fund.span)),
                actual_cost: Some(Spanned::new(Money(actual), fund.span)),
                other_income: None,
                fund_balance: None,
                performance: result.performance.clone(),
                costs: Vec::new(),
                // Whether a carry forward of the fund's waterfall was agreed.
                agreed: result.agreed.clone(),
                not_agreed: result.not_agreed.clone(),
                approvals: result.approvals.clone(),
                measures: Vec::new(),
                maladministration: Vec::new(),
                earlier: Vec::new(),
            };
            let evaluation = super::evaluate_in(&derived, &sub_result, Some(&pools));
            let failed = evaluation.working.is_none();
            diagnostics.extend(evaluation.diagnostics);
            if failed {
                return Ok(empty_working(agreement, result));
            }
            if let Some(w) = evaluation.working {
                let deficit = w.outcome == Outcome::Deficit;
                for total in &w.members {
                    let Some(p) = participants.iter().position(|m| m.key == total.member) else { continue };
                    let slot = if deficit { borne.get_mut(p) } else { received.get_mut(p) };
                    if let Some(slot) = slot {
                        accrue(slot, total.amount);
                    }
                }
                unallocated = add(unallocated, w.unallocated, at)?;
                for party in &w.parties {
                    super::surplus::add_party(&mut parties_all, party.party.clone(), party.kind, party.amount);
                }
                parties = w.parties;
                waterfall_members = w.members;
                waterfall = w.waterfall;
            }
        }

        // The fund's totals per member: everyone who took part in it.
        let mut members = Vec::new();
        for (p, m) in participants.iter().enumerate() {
            let (r, b) = (received.get(p).copied().unwrap_or_default(), borne.get(p).copied().unwrap_or_default());
            let involved = takers.contains(&m.id)
                || fund.lines.iter().any(|l| l.commissioners.iter().any(|(id, _, _)| *id == m.id))
                || !r.is_zero()
                || !b.is_zero();
            if !involved {
                continue;
            }
            members.push(MemberFundsTotal {
                member: m.key.clone(),
                name: m.name.clone(),
                received: r,
                borne: b,
                net: sub(r, b, at)?,
                cap: caps.get(p).copied().flatten(),
            });
            if let Some(slot) = received_all.get_mut(p) {
                *slot = add(*slot, r, at)?;
            }
            if let Some(slot) = borne_all.get_mut(p) {
                *slot = add(*slot, b, at)?;
            }
        }
        let carried_forward =
            checked_sum(parties.iter().filter(|p| p.kind == super::PartyKind::CarriedForward).map(|p| p.amount))
                .ok_or_else(|| overflow("what is carried forward", at))?;
        budget_all = add(budget_all, budget_total, at)?;
        income_all = add(add(add(income_all, earned, at)?, brought_forward, at)?, beyond_lines, at)?;
        cost_all = add(cost_all, cost_total, at)?;
        unallocated_all = add(unallocated_all, unallocated, at)?;
        funds_out.push(FundWorking {
            index: fi,
            name: fund.name.clone(),
            kind: fund.kind,
            host: fund.host.as_ref().and_then(|h| agreement.member(h.node)).map(|m| m.name.clone()),
            contributions: contributions(fund),
            budget: budget_total,
            actual_cost: cost_total,
            result: result_total,
            incomes: incomes_out,
            lines: lines_out,
            offset: offset_working,
            shared_by_rule: pot,
            cap: cap_working,
            waterfall,
            waterfall_members,
            parties,
            members,
            unallocated,
            span: fund.span,
            line: None,
            brought_forward,
            contributions_beyond_lines: beyond_lines,
            carried_forward,
            uplift: fund.uplift.as_ref().map(|u| u.node.0),
            next_contributions: super::years::next_contributions(agreement, fund)?,
            instalments: instalments(agreement, fund, &contributions(fund))?,
        });
    }

    // The risk pools.
    let left = pools.into_inner();
    let mut risk_pools = Vec::new();
    for (fi, fund) in agreement.funds.iter().enumerate() {
        if fund.kind != FundKind::RiskPool {
            continue;
        }
        let balance = opening.get(fi).copied().unwrap_or_default();
        let remaining = left.get(fi).copied().unwrap_or_default();
        risk_pools.push(RiskPoolWorking {
            name: fund.name.clone(),
            contributions: contributions(fund),
            balance,
            drawn: less(balance, remaining),
            left: remaining,
            uplift: fund.uplift.as_ref().map(|u| u.node.0),
            next_contributions: super::years::next_contributions(agreement, fund)?,
            instalments: instalments(agreement, fund, &contributions(fund))?,
        });
    }

    // Across the funds.
    let whole = sub(add(budget_all, income_all, agreement.title.span)?, cost_all, agreement.title.span)?;
    let outcome = if whole > Decimal::ZERO {
        Outcome::Surplus
    } else if whole < Decimal::ZERO {
        Outcome::Deficit
    } else {
        Outcome::BreakEven
    };
    let mut totals = Vec::new();
    let mut member_totals = Vec::new();
    for (p, m) in participants.iter().enumerate() {
        let r = received_all.get(p).copied().unwrap_or_default();
        let b = borne_all.get(p).copied().unwrap_or_default();
        let net = sub(r, b, agreement.title.span)?;
        totals.push(MemberFundsTotal {
            member: m.key.clone(),
            name: m.name.clone(),
            received: r,
            borne: b,
            net,
            cap: None,
        });
        let amount = if outcome == Outcome::Deficit { sub(b, r, agreement.title.span)? } else { net };
        member_totals.push(MemberTotal {
            member: m.key.clone(),
            name: m.name.clone(),
            amount,
            liability_cap: None,
            at_cap: false,
        });
    }
    let mut working = empty_working(agreement, result);
    working.capitated_budget = budget_all;
    working.actual_cost = cost_all;
    working.other_income = income_all;
    working.result = whole;
    working.outcome = outcome;
    working.members = member_totals;
    working.parties = parties_all;
    working.unallocated = unallocated_all;
    working.funds = Some(FundsWorking { funds: funds_out, risk_pools, members: totals });
    Ok(working)
}
