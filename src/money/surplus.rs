//! The savings waterfall: a surplus reinvested, compensated and shared, step by step.

use rust_decimal::Decimal;

use super::engine::{self, Method};
use super::notes::{Destination, ExemptVerb, Note, StepRule};
use super::pennies::{PennyParty, PennyWorking, CARRIED_ON};
use super::rounding::{self, round_shares_ranked, Claim};
use super::share::{share_step, Side};
use super::{
    accrue, less, Context, MemberShare, MemberTotal, MethodWorking, MoneyError, Outcome, PartyKind, PartyTotal,
    StepKind, StepWorking, WaterfallWorking, CONTINGENCY_FUND,
};
use crate::model::StatedRounding;
use crate::model::{FigureName, Fund, Reinvest, SavingsStep};
use crate::span::Span;

/// Runs `surplus` (a whole number of minor units) down the agreement's savings waterfall.
pub(crate) fn run(
    ctx: &mut Context<'_>,
    surplus: Decimal,
) -> (Option<WaterfallWorking>, Vec<MemberTotal>, Vec<PartyTotal>) {
    let mut received = vec![Decimal::ZERO; ctx.participants.len()];
    let mut parties: Vec<PartyTotal> = Vec::new();
    let Some(waterfall) = ctx.agreement.savings.as_ref() else {
        ctx.diagnostics.push(MoneyError::NoWaterfall {
            what: "surplus",
            at: ctx.agreement.title.span.into(),
            help: format!(
                "add a `savings` block saying how a surplus is reinvested or shared; until then the whole {} is reported as unallocated",
                ctx.money(surplus)
            ),
        });
        let working = WaterfallWorking {
            kind: Outcome::Surplus,
            amount: surplus,
            span: None,
            steps: Vec::new(),
            unallocated: surplus,
        };
        return (Some(working), totals(ctx, &received), parties);
    };
    let mut left = surplus;
    let mut steps = Vec::with_capacity(waterfall.steps.len());
    for (index, step) in waterfall.steps.iter().enumerate() {
        // BOUND: `index` indexes the steps, so one more still fits.
        #[allow(clippy::arithmetic_side_effects)]
        let mut working = StepWorking::new(index + 1, step.span, left, &ctx.agreement.currency);
        match &step.node {
            SavingsStep::Reinvest { .. } | SavingsStep::CarryForward { .. } => {
                let (amount, fund_name, to, rounding, party_kind) = match &step.node {
                    SavingsStep::Reinvest { amount, fund, rounding } => {
                        working.kind = StepKind::Reinvest;
                        let to = match fund {
                            Fund::Contingency => Destination::ContingencyFund,
                            Fund::Named(name) => Destination::Fund(name.clone()),
                        };
                        (amount, fund_words(fund), to, rounding, PartyKind::Fund)
                    }
                    SavingsStep::CarryForward { amount, subject_to, each_partner, rounding } => {
                        working.kind = StepKind::CarryForward;
                        let settled = match each_partner {
                            Some(_) => super::years::approvals_settled(ctx, amount, left, &mut working),
                            None => super::years::carry_settled(ctx, amount, subject_to.as_ref(), left, &mut working),
                        };
                        match settled {
                            Some(true) => {}
                            Some(false) => {
                                working.carried_on = left;
                                steps.push(working);
                                continue;
                            }
                            None => return (None, Vec::new(), Vec::new()),
                        }
                        let to = match each_partner {
                            Some(_) => Destination::CarryForwardEachPartner,
                            None => super::years::carry_destination(ctx, subject_to.as_ref()),
                        };
                        (amount, super::years::next_year(ctx), to, rounding, PartyKind::CarriedForward)
                    }
                    _ => continue,
                };
                working.taker = Some(fund_name.clone());
                working.rule = StepRule::Take { amount: amount.into(), to, rounding: *rounding };
                let (want, limit) = match amount {
                    Reinvest::Everything | Reinvest::TheRest => (left, None),
                    Reinvest::Fixed(m) => {
                        let limit = ctx.floor(m.0);
                        if limit > left {
                            working.notes.push(Note::OnlyLeft { amount: left });
                        }
                        (limit.min(left), Some(limit))
                    }
                    Reinvest::Percent(p) => {
                        let Some(due) = surplus.checked_mul(p.0).and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                        else {
                            ctx.overflow("this reinvestment", step.span);
                            return (None, Vec::new(), Vec::new());
                        };
                        working.notes.push(Note::PercentOfSurplus { percent: p.0, surplus, due });
                        if due > left {
                            working.notes.push(Note::OnlyLeft { amount: left });
                        }
                        working.unrounded = Some(due.min(left));
                        (due.min(left), None)
                    }
                };
                working.limit = limit;
                let taker = working.taker.clone().unwrap_or_default();
                let Some((taken, pennies)) =
                    take(ctx, left, want, &taker, rounding.as_ref(), step.span, &mut working.notes)
                else {
                    return (None, Vec::new(), Vec::new());
                };
                working.pennies = pennies;
                working.taken = taken;
                left = less(left, taken);
                add_party(&mut parties, fund_name, party_kind, taken);
            }
            SavingsStep::Compensation => {
                working.kind = StepKind::Compensation;
                working.rule = StepRule::Compensation;
                let Some((methods, shares, unplaced)) = compensation(ctx, left, step.span, &mut working.notes) else {
                    return (None, Vec::new(), Vec::new());
                };
                for (total, s) in received.iter_mut().zip(&shares) {
                    accrue(total, s.share);
                }
                working.taken = less(left, unplaced);
                working.methods = methods;
                working.shares = shares;
                working.unplaced = unplaced;
                left = unplaced;
            }
            SavingsStep::Share(parts, exemption) => {
                working.rule =
                    StepRule::Share { parts: parts.clone(), exemption: exemption.map(|e| (e, ExemptVerb::Receive)) };
                let caps = vec![None; ctx.participants.len()];
                let Some(result) = share_step(ctx, left, parts, Side::Surplus, &caps, exemption.as_ref(), step.span)
                else {
                    return (None, Vec::new(), Vec::new());
                };
                for (total, s) in received.iter_mut().zip(&result.shares) {
                    accrue(total, s.share);
                }
                working.taken = less(left, result.unplaced);
                working.methods = result.methods;
                working.shares = result.shares;
                working.unplaced = result.unplaced;
                working.rounds = result.rounds;
                working.pennies = result.pennies;
                working.notes.extend(result.notes);
                left = result.unplaced;
            }
        }
        working.carried_on = left;
        steps.push(working);
    }
    if left > Decimal::ZERO {
        ctx.diagnostics.push(MoneyError::Unallocated {
            amount: ctx.money(left),
            what: "surplus",
            at: waterfall.span.into(),
            help: "the savings waterfall ends before the whole surplus is reinvested or shared; it stays with the network. To place it, end with `the rest shared …` or `the rest to the contingency fund`".into(),
        });
    }
    let working = WaterfallWorking {
        kind: Outcome::Surplus,
        amount: surplus,
        span: Some(waterfall.span),
        steps,
        unallocated: left,
    };
    (Some(working), totals(ctx, &received), parties)
}

/// Splits `left` between a taker due `want` and what is carried on, rounding once; the taker
/// comes first on a tie. With a stated rounding (`rounded down`), the taker's amount is rounded
/// as the agreement says instead, and what that leaves is carried on. Returns what the taker
/// takes and the working of the pennies (none under a stated rounding: nothing is shared out).
pub(crate) fn take(
    ctx: &mut Context<'_>,
    left: Decimal,
    want: Decimal,
    taker: &str,
    rounding: Option<&StatedRounding>,
    span: Span,
    notes: &mut Vec<Note>,
) -> Option<(Decimal, Option<PennyWorking>)> {
    let want = want.max(Decimal::ZERO).min(left);
    // BOUND: `want` is at most `left`, and at least zero or else equal to `left`, so `left − want`
    // lies between zero and `left`.
    #[allow(clippy::arithmetic_side_effects)]
    let rest = left - want;
    if let Some(r) = rounding {
        return stated(ctx, left, want, r, notes).map(|taken| (taken, None));
    }
    match round_shares_ranked(left, &[Claim::new(want), Claim::new(rest)], ctx.unit, &[0, 1]) {
        Ok(split) => {
            let parties = vec![
                (taker.to_string(), taker.to_string(), PennyParty::Taker),
                (CARRIED_ON.to_string(), CARRIED_ON.to_string(), PennyParty::CarriedOn),
            ];
            let pennies = PennyWorking::new(&split, parties, ctx.unit);
            Some((split.shares.first().copied()?, pennies))
        }
        Err(_) => {
            ctx.overflow("this step", span);
            None
        }
    }
}

/// `want` rounded as the agreement states, never more than `left`; what it leaves is carried on.
fn stated(
    ctx: &mut Context<'_>,
    left: Decimal,
    want: Decimal,
    r: &StatedRounding,
    notes: &mut Vec<Note>,
) -> Option<Decimal> {
    let step = r.nearest.unwrap_or(ctx.unit);
    if step <= Decimal::ZERO || rounding::floor_to_unit(step, ctx.unit) != Some(step) {
        ctx.diagnostics.push(MoneyError::RoundingFinerThanMinorUnit {
            amount: ctx.money(step),
            unit: ctx.money(ctx.unit),
            at: r.span.into(),
        });
        return None;
    }
    let Some(units) = want.checked_div(step) else {
        ctx.overflow("this rounding", r.span);
        return None;
    };
    let whole = if r.up { units.ceil() } else { units.floor() };
    let Some(rounded) = whole.checked_mul(step) else {
        ctx.overflow("this rounding", r.span);
        return None;
    };
    let taken = rounded.min(left).max(Decimal::ZERO);
    if taken != want {
        notes.push(Note::StatedRounding {
            rounding: *r,
            want,
            taken,
            moved: want.checked_sub(taken).map(|d| d.abs()),
            carried: less(left, taken),
        });
    }
    Some(taken)
}

/// The fund's name as written.
fn fund_words(fund: &Fund) -> String {
    match fund {
        Fund::Contingency => CONTINGENCY_FUND.to_string(),
        Fund::Named(name) => format!("“{name}”"),
    }
}

pub(crate) fn add_party(parties: &mut Vec<PartyTotal>, party: String, kind: PartyKind, amount: Decimal) {
    match parties.iter_mut().find(|p| p.party == party) {
        Some(p) => accrue(&mut p.amount, amount),
        None => parties.push(PartyTotal { party, kind, amount }),
    }
}

fn totals(ctx: &Context<'_>, received: &[Decimal]) -> Vec<MemberTotal> {
    ctx.participants
        .iter()
        .zip(received)
        .map(|(m, amount)| MemberTotal {
            member: m.key.clone(),
            name: m.name.clone(),
            amount: *amount,
            liability_cap: None,
            at_cap: false,
        })
        .collect()
}

/// Compensation: each member's fall (budget − allocation, where positive), in proportion to
/// the falls when `left` does not cover them all, never more than the fall. Returns the
/// method, the shares and what flows on.
fn compensation(
    ctx: &mut Context<'_>,
    left: Decimal,
    span: Span,
    notes: &mut Vec<Note>,
) -> Option<(Vec<MethodWorking>, Vec<MemberShare>, Decimal)> {
    let n = ctx.participants.len();
    let mut budgets = Vec::with_capacity(n);
    let mut allocations = Vec::with_capacity(n);
    let mut from_budget_block = false;
    let any_allocation = ctx.participants.iter().any(|m| m.figure(FigureName::Allocation).is_some());
    for (i, m) in ctx.participants.iter().enumerate() {
        budgets.push(m.figure(FigureName::Budget));
        let allocation = match (any_allocation, &ctx.budget_allocation) {
            (true, _) | (false, None) => m.figure(FigureName::Allocation),
            (false, Some(a)) => {
                from_budget_block = true;
                a.get(i).copied()
            }
        };
        allocations.push(allocation);
    }
    let mut falls = Vec::with_capacity(n);
    let mut figures = Vec::with_capacity(n);
    for (b, a) in budgets.iter().zip(&allocations) {
        let fall = match (b, a) {
            (Some(b), Some(a)) if b > a => match b.checked_sub(*a) {
                Some(fall) => Some(fall),
                None => {
                    ctx.overflow("a member's fall in budget", span);
                    return None;
                }
            },
            (Some(_), Some(_)) => Some(Decimal::ZERO),
            _ => None,
        };
        figures.push(fall);
        // Taken down to the minor unit from the exact difference, which may need more digits
        // than `fall` (shown only) keeps.
        let floored = match (b, a) {
            (Some(b), Some(a)) if b > a => rounding::floor_difference(*b, *a, ctx.unit),
            _ => Some(Decimal::ZERO),
        };
        let Some(floored) = floored else {
            ctx.overflow("the compensation", span);
            return None;
        };
        falls.push(floored);
    }
    if falls.iter().any(|f| *f < Decimal::ZERO)
        || budgets.iter().chain(&allocations).flatten().any(|v| *v < Decimal::ZERO)
    {
        ctx.diagnostics.push(MoneyError::NegativeAmount {
            what: "budget or allocation of a member".into(),
            file: super::MoneyFile::Agreement,
            at: span.into(),
        });
        return None;
    }
    for (figure, present) in [
        (FigureName::Budget, budgets.iter().any(Option::is_some)),
        (FigureName::Allocation, allocations.iter().any(Option::is_some)),
    ] {
        if !present && n > 0 {
            ctx.diagnostics.push(MoneyError::NoMemberHasFigure {
                article: if figure == FigureName::Allocation { "an" } else { "a" },
                figure: figure.words(),
                method: "as compensation",
                at: span.into(),
                help: "compensation needs each member's `budget` before the new model of care and its `allocation` under it; give both figures".into(),
            });
            return None;
        }
    }
    let incomplete: Vec<String> =
        ctx.participants.iter().zip(&figures).filter(|(_, f)| f.is_none()).map(|(m, _)| m.key.clone()).collect();
    if !incomplete.is_empty() {
        notes.push(Note::NoFallKnown { members: incomplete });
    }
    let Ok(total_fall) = engine::canonical_sum(falls.iter().copied()) else {
        // Never a silent break-even: the falls are too large to add up, so nothing is shared.
        ctx.overflow("the members' falls in budget", span);
        return None;
    };
    let basis_words = super::notes::Basis::Fall { in_capitated_budget: from_budget_block };
    if total_fall.is_zero() {
        notes.push(Note::NoFall);
    } else if left >= total_fall {
        notes.push(Note::FallsCovered { total: total_fall });
    } else {
        notes.push(Note::FallsNotCovered { total: total_fall });
    }
    let caps: Vec<Option<Decimal>> = falls.iter().map(|f| Some(*f)).collect();
    let method = Method { weight: Decimal::ONE_HUNDRED, basis: falls.clone() };
    let sharing = if total_fall.is_zero() {
        None
    } else {
        match engine::share(left, &[method], &caps, ctx.unit) {
            Ok(s) => Some(s),
            Err(_) => {
                ctx.overflow("the compensation", span);
                return None;
            }
        }
    };
    let shares = ctx
        .participants
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let fall = falls.get(i).copied().unwrap_or_default();
            let share = sharing.as_ref().and_then(|s| s.shares.get(i)).copied().unwrap_or_default();
            MemberShare {
                member: m.key.clone(),
                figures: vec![figures.get(i).copied().flatten()],
                bases: vec![fall],
                proportion: sharing.as_ref().and_then(|s| s.proportions.get(i)).copied().unwrap_or_default(),
                unrounded: sharing.as_ref().and_then(|s| s.unrounded.get(i)).copied().unwrap_or_default(),
                share,
                cap: Some(fall),
                capped: !fall.is_zero() && share == fall,
                exempt: false,
            }
        })
        .collect();
    let unplaced = sharing.as_ref().map_or(left, |s| s.unallocated);
    let methods = vec![MethodWorking {
        weight: Decimal::ONE_HUNDRED,
        method: "in proportion to the fall".into(),
        figure: Some("fall in budget".into()),
        unit: Some(super::FigureKind::Money),
        basis: basis_words,
        total: total_fall,
        span,
    }];
    Some((methods, shares, unplaced))
}
