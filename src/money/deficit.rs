//! The deficit waterfall: the contingency fund, insurance, the commissioners' risk share, then
//! shares held to each member's liability cap, step by step.

use rust_decimal::Decimal;

use super::notes::{ExemptVerb, Note, StepRule};
use super::share::{share_step, Side};
use super::surplus::{add_party, take};
use super::{
    accrue, less, Context, MemberTotal, MoneyError, Outcome, PartyKind, PartyTotal, StepKind, StepWorking,
    WaterfallWorking, CONTINGENCY_FUND,
};
use crate::model::{DeficitStep, FigureName};

/// Runs `deficit` (a positive whole number of minor units) down the deficit waterfall.
/// `balance` is the contingency fund's balance, when known.
pub(crate) fn run(
    ctx: &mut Context<'_>,
    deficit: Decimal,
    balance: Option<Decimal>,
) -> (Option<WaterfallWorking>, Vec<MemberTotal>, Vec<PartyTotal>) {
    let caps: Vec<Option<Decimal>> = ctx
        .participants
        .iter()
        .map(|m| m.figure(FigureName::LiabilityCap).map(|c| ctx.floor(c.max(Decimal::ZERO))))
        .collect();
    for m in &ctx.participants {
        if let Some(f) = m.figures.get(&FigureName::LiabilityCap) {
            if f.value < Decimal::ZERO {
                ctx.diagnostics.push(MoneyError::NegativeFigure {
                    member: m.key.clone(),
                    figure: FigureName::LiabilityCap.words(),
                    at: f.span.into(),
                });
            }
        }
    }
    let mut borne = vec![Decimal::ZERO; ctx.participants.len()];
    let mut parties: Vec<PartyTotal> = Vec::new();
    let Some(waterfall) = ctx.agreement.deficits.as_ref() else {
        ctx.diagnostics.push(MoneyError::NoWaterfall {
            what: "deficit",
            at: ctx.agreement.title.span.into(),
            help: format!(
                "add a `deficits` block saying who meets a deficit; until then the whole {} is reported as unallocated",
                ctx.money(deficit)
            ),
        });
        let working = WaterfallWorking {
            kind: Outcome::Deficit,
            amount: deficit,
            span: None,
            steps: Vec::new(),
            unallocated: deficit,
        };
        return (Some(working), totals(ctx, &borne, &caps), parties);
    };
    let mut left = deficit;
    let mut fund_left = balance;
    let mut steps = Vec::with_capacity(waterfall.steps.len());
    for (index, step) in waterfall.steps.iter().enumerate() {
        // BOUND: `index` indexes the steps, so one more still fits.
        #[allow(clippy::arithmetic_side_effects)]
        let mut working = StepWorking::new(index + 1, step.span, left, &ctx.agreement.currency);
        match &step.node {
            DeficitStep::Contingency => {
                working.kind = StepKind::ContingencyFund;
                working.rule = StepRule::ContingencyFund;
                working.taker = Some(CONTINGENCY_FUND.into());
                let available = match fund_left {
                    Some(b) => b,
                    None => {
                        ctx.diagnostics.push(MoneyError::NoFundBalance { at: step.span.into() });
                        Decimal::ZERO
                    }
                };
                working.limit = Some(available);
                let taken = available.min(left);
                working.notes.push(Note::FundBalance { amount: available });
                fund_left = Some(less(available, taken));
                working.taken = taken;
                left = less(left, taken);
                add_party(&mut parties, CONTINGENCY_FUND.into(), PartyKind::Fund, taken);
            }
            DeficitStep::Insurance { cap } => {
                working.kind = StepKind::Insurance;
                working.rule = StepRule::Insurance { cap: cap.0 };
                working.taker = Some("insurance".into());
                let limit = ctx.floor(cap.0.max(Decimal::ZERO));
                working.limit = Some(limit);
                let taken = limit.min(left);
                working.taken = taken;
                left = less(left, taken);
                add_party(&mut parties, "insurance".into(), PartyKind::Insurance, taken);
            }
            DeficitStep::Commissioners { share, cap, rounding } => {
                working.kind = StepKind::Commissioners;
                working.rule = StepRule::Commissioners { share: share.0, cap: cap.map(|c| c.0), rounding: *rounding };
                working.taker = Some("the commissioners".into());
                let Some(due) = left.checked_mul(share.0).and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)) else {
                    ctx.overflow("the commissioners' share", step.span);
                    return (None, Vec::new(), Vec::new());
                };
                working.notes.push(Note::CommissionersDue { share: share.0, of: left, due });
                let limit = cap.map(|c| ctx.floor(c.0.max(Decimal::ZERO)));
                working.limit = limit;
                let want = limit.map_or(due, |l| due.min(l)).min(left);
                if limit.is_some_and(|l| due > l) {
                    working.notes.push(Note::CommissionersAtCap);
                }
                working.unrounded = Some(want);
                let taker = working.taker.clone().unwrap_or_default();
                let Some((taken, pennies)) =
                    take(ctx, left, want, &taker, rounding.as_ref(), step.span, &mut working.notes)
                else {
                    return (None, Vec::new(), Vec::new());
                };
                working.pennies = pennies;
                working.taken = taken;
                left = less(left, taken);
                add_party(&mut parties, "the commissioners".into(), PartyKind::Commissioners, taken);
            }
            DeficitStep::RiskPool { pool, cap } => {
                working.kind = StepKind::RiskPool;
                let name = ctx.agreement.funds.get(*pool).map_or_else(String::new, |f| f.name.clone());
                let party = format!("the risk pool “{name}”");
                working.rule = StepRule::RiskPool { name: name.clone(), cap: cap.map(|c| c.0) };
                working.taker = Some(party.clone());
                let balance = ctx.pools.and_then(|p| p.borrow().get(*pool).copied()).unwrap_or(Decimal::ZERO);
                working.notes.push(Note::RiskPoolLeft { amount: balance });
                let limit = cap.map_or(balance, |c| ctx.floor(c.0.max(Decimal::ZERO)).min(balance));
                working.limit = Some(limit);
                let taken = limit.min(left);
                if let Some(pools) = ctx.pools {
                    if let Some(b) = pools.borrow_mut().get_mut(*pool) {
                        *b = less(*b, taken);
                    }
                }
                working.taken = taken;
                left = less(left, taken);
                add_party(&mut parties, party, PartyKind::RiskPool, taken);
            }
            DeficitStep::Share(parts, exemption) => {
                working.rule =
                    StepRule::Share { parts: parts.clone(), exemption: exemption.map(|e| (e, ExemptVerb::Bear)) };
                let capacity: Vec<Option<Decimal>> =
                    caps.iter().zip(&borne).map(|(c, b)| c.map(|c| less(c, *b).max(Decimal::ZERO))).collect();
                let Some(result) =
                    share_step(ctx, left, parts, Side::Deficit, &capacity, exemption.as_ref(), step.span)
                else {
                    return (None, Vec::new(), Vec::new());
                };
                for (total, s) in borne.iter_mut().zip(&result.shares) {
                    accrue(total, s.share);
                }
                working.taken = less(left, result.unplaced);
                working.methods = result.methods;
                working.shares = result.shares;
                working.unplaced = result.unplaced;
                working.rounds = result.rounds;
                working.pennies = result.pennies;
                working.notes.extend(result.notes);
                if !result.unplaced.is_zero() {
                    working.notes.push(Note::NotPlaced { amount: result.unplaced });
                }
                left = result.unplaced;
            }
        }
        working.carried_on = left;
        steps.push(working);
    }
    if left > Decimal::ZERO {
        let capped = caps.iter().zip(&borne).filter(|(c, b)| c.is_some_and(|c| **b >= c)).count();
        let help = if capped > 0 {
            format!(
                "{} {} reached {} liability cap; the agreement must say who meets the rest, for example with a larger cap, insurance or a commissioners' share",
                capped,
                if capped == 1 { "member has" } else { "members have" },
                if capped == 1 { "its" } else { "their" }
            )
        } else {
            "the deficit waterfall ends before the whole deficit is met; end it with a share step such as `then shared equally`".into()
        };
        ctx.diagnostics.push(MoneyError::Unallocated {
            amount: ctx.money(left),
            what: "deficit",
            at: waterfall.span.into(),
            help,
        });
    }
    let working = WaterfallWorking {
        kind: Outcome::Deficit,
        amount: deficit,
        span: Some(waterfall.span),
        steps,
        unallocated: left,
    };
    (Some(working), totals(ctx, &borne, &caps), parties)
}

fn totals(ctx: &Context<'_>, borne: &[Decimal], caps: &[Option<Decimal>]) -> Vec<MemberTotal> {
    ctx.participants
        .iter()
        .zip(borne)
        .zip(caps)
        .map(|((m, amount), cap)| MemberTotal {
            member: m.key.clone(),
            name: m.name.clone(),
            amount: *amount,
            liability_cap: *cap,
            at_cap: cap.is_some_and(|c| *amount >= c),
        })
        .collect()
}
