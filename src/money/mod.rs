//! Year-end money: the surplus or deficit shared by the agreement's waterfalls, and the
//! capitated budget's allocation, exact to the minor unit and with every step's working.
//!
//! In: a resolved [`Agreement`] (its `savings`, `deficits` and `budget` blocks and its members'
//! figures) and one resolved year-end result ([`YearEnd`]). Out: an [`Evaluation`]: the
//! [`YearEndWorking`] (absent when an error stops the evaluation) and every problem found.
//!
//! An agreement with funds (`pooled fund`, `aligned budget`, `risk pool` blocks) is worked out
//! fund by fund and line by line (`funds.rs`), each fund's own waterfall by the rules below.
//!
//! # The year's result
//!
//! `result = capitated budget + other income − actual cost`. The capitated budget is the
//! result's own (`capitated budget £…` in the result), else the agreement's budget block's. A
//! positive result is a **surplus** and runs down the savings waterfall; a negative one is a
//! **deficit** and runs down the deficit waterfall; zero shares nothing.
//!
//! # Who takes part
//!
//! Every member except observers, in the order the agreement writes them. Observers attend
//! without a vote and take no share of a surplus or a deficit.
//!
//! # Savings waterfall (surplus)
//!
//! Steps run in the order written; each takes from what is left and carries the rest on.
//!
//! - `30% to the contingency fund`: a percentage of the **whole surplus** (so `30% to the
//!   contingency fund` then `20% to "service improvement"` take 30% and 20% of the same surplus),
//!   never more than what is left. `£250,000 to …`: that sum, or what is left if less.
//!   `everything to …` and `the rest to …`: all that is left.
//! - `compensation to members whose budgets fell`: a member's fall is its `budget` (its contract
//!   value before the new model of care) less its `allocation` under the new model, where that is
//!   positive. If what is left covers every fall, each member receives its fall and the rest flows
//!   on; otherwise what is left is shared in proportion to the falls. Never more than the fall.
//! - `shared …`: by one method or a weighted mix (the weights must add up to 100%); see
//!   [`engine`] for the arithmetic. In a surplus:
//!   - `equally`: the same for each member;
//!   - `by budget` / `by budget allocation` / `by equity` / `by risk share` / `by contribution` /
//!     `by ability to pay` (reserves) / `by need for investment`: in proportion to the member's
//!     figure. A share by need for investment is not capped at the need: the figure says how the
//!     members' needs compare, and the agreement's mix says how much of the surplus goes that way;
//!   - `by performance`: in proportion to the member's score (the result's `performance:` line
//!     overrides the agreement's figures, member by member), so the best performers gain most.
//!
//!   `by budget allocation` uses each member's `allocation` figure; when no member has one, it
//!   uses each member's allocation in the capitated budget (the budget block's lines, by who
//!   provides them).
//!
//! What is left after the last step (for example when the waterfall only reinvests 30%) is
//! reported as unallocated: it stays with the network.
//!
//! # Deficit waterfall
//!
//! - `the contingency fund first`: the fund's balance (the result's `contingency fund balance`,
//!   else the budget block's contingency fund line), up to what is left.
//! - `insurance up to £X`: up to X. `commissioners bear 50% up to £Y`: 50% of the deficit **still
//!   to be met at that step** (the risk that remains after the network's own fund and insurance),
//!   never more than Y or than what is left.
//! - `shared …`: as for a surplus, except:
//!   - `by performance`: poor performers bear more. A member bears in proportion to the best
//!     score among the members plus its own shortfall from it: `best + (best − score)`. The best
//!     performer's basis is the best score; a member scoring nothing bears twice as much as the
//!     best performer. When every score is equal (including all zero) the shares are equal.
//!     This rule is continuous (nearly equal scores give nearly equal shares), does not depend on
//!     the scale the scores are written on (scores out of 10 or out of 100 give the same shares),
//!     and never lets anyone off entirely, because the whole network carries the deficit.
//!   - **Liability caps**: a member never bears more in total than its `liability cap` (an
//!     independent-sector member barred from underwriting risk has `liability cap £0`). What a
//!     capped member cannot bear is spread over the others by the same rule, repeatedly until
//!     stable; what nobody can bear is carried on and, after the last step, reported as
//!     **unallocated** — never dropped.
//!
//! # Figures
//!
//! A member without the figure a method needs counts as zero (a warning names it); when no
//! member has it, the step cannot be worked out (an error). For `by performance` in a deficit a
//! missing score counts as a score of zero, so that member bears the most. Negative figures are
//! errors. Caps, balances, falls and fixed amounts are limits and are taken down to the minor unit.
//!
//! # Rounding
//!
//! Each step is worked out exactly and rounded once, to the currency's minor unit, by the
//! largest-remainder method in [`rounding`], with its documented tie-break; what a step hands on
//! is the amount in less the rounded amounts taken, so every step, and the whole waterfall, adds
//! up exactly. A result given more finely than the minor unit is rounded to it first (half away
//! from zero), with a warning.

mod budget;
mod deficit;
pub mod engine;
mod error;
mod exempt;
mod format;
mod funds;
pub mod instalments;
pub mod notes;
pub mod pennies;
pub mod rounding;
mod share;
mod surplus;
mod working;
mod years;

use rust_decimal::Decimal;

pub use budget::{allocate_budget, BudgetAllocation, LineAllocation, MemberAllocation, ProviderAllocation};
pub use error::{MoneyError, MoneyFile};
pub use format::{format_exact, format_money, format_number, format_proportion, group_thousands};
pub use funds::{
    CapWorking, CommissionerShare, ContributionWorking, FundWorking, FundsWorking, IncomeWorking, LineWorking,
    MemberFundsTotal, OffsetWorking, RiskPoolWorking,
};

pub(crate) use working::tidy;
pub use working::{
    CurrencyWorking, FigureKind, FigureSource, MemberShare, MemberTotal, MethodWorking, Outcome, PartyKind, PartyTotal,
    StepKind, StepWorking, WaterfallWorking, YearEndWorking, CONTINGENCY_FUND,
};

use crate::model::{Agreement, Member, Money, Role, YearEnd};
use crate::span::Span;

/// A year-end result worked out, or the problems that stopped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The working; absent when an error stopped the evaluation.
    pub working: Option<YearEndWorking>,
    /// Every problem found, errors and warnings.
    pub diagnostics: Vec<MoneyError>,
}

/// Shared state while one result is worked out.
pub(crate) struct Context<'a> {
    pub agreement: &'a Agreement,
    pub result: &'a YearEnd,
    /// Members taking part (every member but observers), in the agreement's order.
    pub participants: Vec<&'a Member>,
    /// The minor unit.
    pub unit: Decimal,
    /// Each participant's allocation in the capitated budget, when the budget has lines.
    pub budget_allocation: Option<Vec<Decimal>>,
    pub diagnostics: Vec<MoneyError>,
    /// The risk pools' balances left (by fund index) and their names, while funds are worked out.
    pub pools: Option<&'a std::cell::RefCell<Vec<Decimal>>>,
}

impl Context<'_> {
    pub fn money(&self, amount: Decimal) -> String {
        format_money(amount, &self.agreement.currency)
    }

    pub fn overflow(&mut self, what: &str, at: Span) {
        self.diagnostics.push(MoneyError::Overflow {
            what: what.to_string(),
            file: MoneyFile::Agreement,
            at: at.into(),
        });
    }

    pub fn floor(&self, amount: Decimal) -> Decimal {
        rounding::floor_to_unit(amount, self.unit).unwrap_or(amount)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(MoneyError::is_error)
    }
}

/// Works out one year-end result under `agreement`.
///
/// A result that follows earlier steps (a scenario's `follows "…"`) is worked out from where they
/// left off: see `years`.
pub fn evaluate(agreement: &Agreement, result: &YearEnd) -> Evaluation {
    if !result.earlier.is_empty() {
        return years::evaluate_following(agreement, result);
    }
    evaluate_from(agreement, result, None)
}

/// [`evaluate`] of one year, starting from `start` when it follows another.
fn evaluate_from(agreement: &Agreement, result: &YearEnd, start: Option<&years::YearStart>) -> Evaluation {
    let mut evaluation = if agreement.funds.is_empty() {
        evaluate_in(agreement, result, None)
    } else {
        funds::evaluate(agreement, result, start)
    };
    if let (Some(w), Some(s)) = (&mut evaluation.working, start) {
        w.follows = Some(s.follows.clone());
    }
    evaluation
}

/// [`evaluate`] of one waterfall, drawing on the risk pools' balances in `pools` when given.
pub(crate) fn evaluate_in(
    agreement: &Agreement,
    result: &YearEnd,
    pools: Option<&std::cell::RefCell<Vec<Decimal>>>,
) -> Evaluation {
    let participants: Vec<&Member> = agreement.members.iter().filter(|m| !m.has_role(Role::Observer)).collect();
    let mut ctx = Context {
        agreement,
        result,
        participants,
        unit: agreement.currency.minor_unit,
        budget_allocation: None,
        diagnostics: Vec::new(),
        pools,
    };
    let title_span = result.title.span;
    let capitated = match (&result.capitated, agreement.budget.as_ref().and_then(|b| b.capitated.as_ref())) {
        (Some(c), _) => Some((c.node.0, FigureSource::Result, c.span, MoneyFile::Input)),
        (None, Some(c)) => Some((c.node.0, FigureSource::Agreement, c.span, MoneyFile::Agreement)),
        (None, None) => None,
    };
    if capitated.is_none() {
        ctx.diagnostics
            .push(MoneyError::MissingCapitatedBudget { title: result.title.node.clone(), at: title_span.into() });
    }
    if result.actual_cost.is_none() {
        ctx.diagnostics.push(MoneyError::MissingActualCost { title: result.title.node.clone(), at: title_span.into() });
    }
    let (Some((capitated, capitated_from, capitated_span, capitated_file)), Some(actual)) =
        (capitated, result.actual_cost.as_ref())
    else {
        return Evaluation { working: None, diagnostics: ctx.diagnostics };
    };
    let other = result.other_income.as_ref().map_or(Decimal::ZERO, |o| o.node.0);
    let amounts: [(&str, Decimal, Span, MoneyFile); 3] = [
        ("capitated budget", capitated, capitated_span, capitated_file),
        ("actual cost", actual.node.0, actual.span, MoneyFile::Input),
        ("other income", other, result.other_income.as_ref().map_or(title_span, |o| o.span), MoneyFile::Input),
    ];
    for (what, value, span, file) in amounts {
        if value < Decimal::ZERO {
            ctx.diagnostics.push(MoneyError::NegativeAmount { what: what.to_string(), file, at: span.into() });
        } else if rounding::floor_to_unit(value, ctx.unit).is_none() {
            ctx.diagnostics.push(MoneyError::Overflow { what: format!("the {what}"), file, at: span.into() });
        } else if rounding::floor_to_unit(value, ctx.unit) != Some(value) && file == MoneyFile::Input {
            ctx.diagnostics.push(MoneyError::FinerThanMinorUnit {
                what: what.to_string(),
                unit: format_money(ctx.unit, &agreement.currency),
                unit_name: unit_name(ctx.unit),
                at: span.into(),
            });
        }
    }
    if ctx.has_errors() {
        return Evaluation { working: None, diagnostics: ctx.diagnostics };
    }
    let Some(exact) = capitated.checked_add(other).and_then(|x| x.checked_sub(actual.node.0)) else {
        ctx.diagnostics.push(MoneyError::Overflow {
            what: "the year's result".into(),
            file: MoneyFile::Input,
            at: title_span.into(),
        });
        return Evaluation { working: None, diagnostics: ctx.diagnostics };
    };
    let result_amount = round_half_away(exact, ctx.unit);

    // The capitated budget's allocation, which `by budget allocation` may fall back on.
    let budget = match &agreement.budget {
        Some(b) if !b.lines.is_empty() => {
            let allocation = allocate_budget(agreement, Some(Money(capitated)), &mut ctx.diagnostics);
            if let Some(a) = &allocation {
                ctx.budget_allocation = Some(
                    ctx.participants
                        .iter()
                        .map(|m| a.members.iter().find(|x| x.member == m.key).map_or(Decimal::ZERO, |x| x.amount))
                        .collect(),
                );
            }
            allocation
        }
        _ => None,
    };

    let (balance, balance_from) = match (&result.fund_balance, fund_line(agreement)) {
        (Some(b), _) => (Some(ctx.floor(b.node.0)), Some(FigureSource::Result)),
        (None, Some(b)) => (Some(ctx.floor(b)), Some(FigureSource::Agreement)),
        (None, None) => (None, None),
    };

    let (outcome, waterfall, members, parties) = if result_amount > Decimal::ZERO {
        let (w, m, p) = surplus::run(&mut ctx, result_amount);
        (Outcome::Surplus, w, m, p)
    } else if result_amount < Decimal::ZERO {
        // BOUND: negating a decimal flips its sign and cannot overflow.
        #[allow(clippy::arithmetic_side_effects)]
        let deficit = -result_amount;
        let (w, m, p) = deficit::run(&mut ctx, deficit, balance);
        (Outcome::Deficit, w, m, p)
    } else {
        let members = ctx
            .participants
            .iter()
            .map(|m| MemberTotal {
                member: m.key.clone(),
                name: m.name.clone(),
                amount: Decimal::ZERO,
                liability_cap: None,
                at_cap: false,
            })
            .collect();
        (Outcome::BreakEven, None, members, Vec::new())
    };
    if ctx.has_errors() {
        return Evaluation { working: None, diagnostics: ctx.diagnostics };
    }
    let unallocated = waterfall.as_ref().map_or(Decimal::ZERO, |w| w.unallocated);
    let currency = &agreement.currency;
    let working = YearEndWorking {
        title: result.title.node.clone(),
        currency: CurrencyWorking {
            code: currency.code.clone(),
            symbol: currency.symbol.map(|c| c.to_string()),
            minor_unit: currency.minor_unit,
        },
        capitated_budget: capitated,
        capitated_from,
        other_income: other,
        actual_cost: actual.node.0,
        result: result_amount,
        outcome,
        contingency_fund_balance: balance,
        balance_from,
        waterfall,
        members,
        parties,
        unallocated,
        budget,
        funds: None,
        follows: None,
    };
    let mut working = working;
    tidy(&mut working);
    Evaluation { working: Some(working), diagnostics: ctx.diagnostics }
}

pub(crate) use crate::exact::checked_sum;

/// What is left of `left` once `taken` is taken from it.
///
/// Both are zero or more: what is left of a waterfall and what a step takes of it (a waterfall
/// starts from a positive amount, and every step takes a part between zero and all of what is
/// left), or a liability cap and what a member has borne so far.
// BOUND: with both zero or more, `left − taken` lies between `−taken` and `left`, so it fits.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn less(left: Decimal, taken: Decimal) -> Decimal {
    left - taken
}

/// Adds `share` to a running total of what one member or party receives or bears.
// BOUND: a waterfall hands out at most the amount it runs down (each step takes at most what is
// left, and a share step's rounded shares and what it carries on add up to exactly what was
// left), and that amount fits in a decimal, so no running total can exceed it.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn accrue(total: &mut Decimal, share: Decimal) {
    *total += share;
}

/// The budget block's contingency fund line, if any.
fn fund_line(agreement: &Agreement) -> Option<Decimal> {
    agreement
        .budget
        .as_ref()?
        .lines
        .iter()
        .find(|l| l.kind == crate::model::LineKind::ContingencyFund)
        .map(|l| l.amount.node.0)
}

/// Rounds to the unit, half away from zero (only the year's result, when given too finely).
fn round_half_away(amount: Decimal, unit: Decimal) -> Decimal {
    match amount.checked_div(unit) {
        Some(units) => {
            let whole = units.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            whole.checked_mul(unit).unwrap_or(amount)
        }
        None => amount,
    }
}

fn unit_name(unit: Decimal) -> &'static str {
    if unit == Decimal::ONE {
        "units"
    } else {
        "minor units (pence, cents)"
    }
}
