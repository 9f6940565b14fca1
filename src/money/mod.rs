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
mod format;
mod funds;
pub mod pennies;
pub mod rounding;
mod share;
mod surplus;

use rust_decimal::Decimal;
use serde::Serialize;

pub use budget::{allocate_budget, BudgetAllocation, LineAllocation, MemberAllocation, ProviderAllocation};
pub use error::{MoneyError, MoneyFile};
pub use format::{format_exact, format_money, format_number, format_proportion, group_thousands};
pub use funds::{
    CapWorking, CommissionerShare, ContributionWorking, FundWorking, FundsWorking, LineWorking, MemberFundsTotal,
    OffsetWorking, RiskPoolWorking,
};

use crate::model::{Agreement, Member, Money, Role, YearEnd};
use crate::span::Span;

/// Whether the year ended in surplus, deficit or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Costs were below the budget and other income.
    Surplus,
    /// Costs were above them.
    Deficit,
    /// Exactly even.
    BreakEven,
}

/// Where a figure of the working was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// The year-end result.
    Result,
    /// The agreement's budget block.
    Agreement,
}

/// What a waterfall step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Savings reinvested in a fund.
    Reinvest,
    /// Compensation to members whose budgets fell.
    Compensation,
    /// Shares by a method or a mix.
    Share,
    /// The contingency fund meets the deficit.
    ContingencyFund,
    /// Insurance meets the deficit.
    Insurance,
    /// The commissioners bear part of the deficit.
    Commissioners,
    /// A risk pool meets the deficit.
    RiskPool,
}

/// Who, other than a member, takes part of the year's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// A fund savings are reinvested in, or the contingency fund drawn on for a deficit.
    Fund,
    /// Insurance.
    Insurance,
    /// The commissioners' risk share.
    Commissioners,
    /// A risk pool of the agreement, meeting a fund's deficit.
    RiskPool,
}

/// What a member figure is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// An amount in the agreement's currency.
    Money,
    /// A percentage (40 for 40%).
    Percent,
    /// A plain number (a score).
    Number,
}

impl From<crate::model::FigureUnit> for FigureKind {
    fn from(unit: crate::model::FigureUnit) -> Self {
        match unit {
            crate::model::FigureUnit::Money => FigureKind::Money,
            crate::model::FigureUnit::Percent => FigureKind::Percent,
            crate::model::FigureUnit::Number => FigureKind::Number,
        }
    }
}

/// The currency the working is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrencyWorking {
    /// ISO code.
    pub code: String,
    /// Symbol, when Concord knows one.
    pub symbol: Option<String>,
    /// The minor unit everything is rounded to.
    pub minor_unit: Decimal,
}

/// One method of a share step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodWorking {
    /// Its weight as a percentage of the step's amount (100 for a lone method).
    pub weight: Decimal,
    /// The method as written (`by performance`).
    pub method: String,
    /// The member figure it reads, if any (`performance`).
    pub figure: Option<String>,
    /// What that figure is written in.
    pub unit: Option<FigureKind>,
    /// What a member's share is in proportion to, in words.
    pub basis: String,
    /// The total of the members' basis figures.
    pub total: Decimal,
    /// Where the method is written.
    pub span: Span,
}

/// One member's part in a share or compensation step. Its display name is in the working's
/// `members`, which lists the same members in the same order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberShare {
    /// The member's identifier.
    pub member: String,
    /// For each method, the member's figure as given (none for equal shares or a missing figure).
    pub figures: Vec<Option<Decimal>>,
    /// For each method, the number the member's share is in proportion to.
    pub bases: Vec<Decimal>,
    /// Its proportion of the step's amount under the rule, before caps (0 to 1).
    pub proportion: Decimal,
    /// Its exact share after caps.
    pub unrounded: Decimal,
    /// Its share, rounded.
    pub share: Decimal,
    /// The most it could take at this step (what is left of its liability cap, or its fall).
    pub cap: Option<Decimal>,
    /// Whether it was held at that cap.
    pub capped: bool,
}

/// One step of a waterfall with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepWorking {
    /// From 1.
    pub number: usize,
    /// The rule, in the agreement's words.
    pub rule: String,
    /// What the step does.
    pub kind: StepKind,
    /// Where the step is written in the agreement.
    pub span: Span,
    /// The line it is written on, when the source is known.
    pub line: Option<usize>,
    /// What was left when the step began.
    pub amount_in: Decimal,
    /// Who takes the amount, when not members (`the contingency fund`, `insurance`).
    pub taker: Option<String>,
    /// The most the step could take (a fund's balance, an insurance cap, a fixed sum).
    pub limit: Option<Decimal>,
    /// What the taker is due before rounding (a percentage of an amount).
    pub unrounded: Option<Decimal>,
    /// What the step took, in total.
    pub taken: Decimal,
    /// The methods of a share step.
    pub methods: Vec<MethodWorking>,
    /// Each member's part, for share and compensation steps.
    pub shares: Vec<MemberShare>,
    /// How many times capped members' excess was spread over the others.
    pub rounds: usize,
    /// What this step's rule could not place with anyone (carried on).
    pub unplaced: Decimal,
    /// What is left for the next step.
    pub carried_on: Decimal,
    /// Remarks on the working, in words.
    pub notes: Vec<String>,
    /// How the step's split was rounded to the minor unit, when it split anything.
    pub pennies: Option<pennies::PennyWorking>,
}

impl StepWorking {
    /// Step `number` of a waterfall, written at `span`, before it takes anything from `amount_in`.
    pub(crate) fn new(number: usize, span: Span, amount_in: Decimal) -> StepWorking {
        StepWorking {
            number,
            rule: String::new(),
            kind: StepKind::Share,
            span,
            line: None,
            amount_in,
            taker: None,
            limit: None,
            unrounded: None,
            taken: Decimal::ZERO,
            methods: Vec::new(),
            shares: Vec::new(),
            rounds: 0,
            unplaced: Decimal::ZERO,
            carried_on: amount_in,
            notes: Vec::new(),
            pennies: None,
        }
    }
}

/// A waterfall, step by step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaterfallWorking {
    /// Surplus or deficit.
    pub kind: Outcome,
    /// The amount run down the waterfall (the surplus, or the deficit as a positive amount).
    pub amount: Decimal,
    /// The block's span, when the agreement has one.
    pub span: Option<Span>,
    /// The steps.
    pub steps: Vec<StepWorking>,
    /// What is left after the last step.
    pub unallocated: Decimal,
}

/// What a member receives (surplus) or bears (deficit) over the whole waterfall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberTotal {
    /// Identifier.
    pub member: String,
    /// Display name.
    pub name: String,
    /// The amount: received in a surplus, borne in a deficit.
    pub amount: Decimal,
    /// Its liability cap, in a deficit, when it has one.
    pub liability_cap: Option<Decimal>,
    /// Whether it bears its whole cap.
    pub at_cap: bool,
}

/// What a fund, insurance or the commissioners take of the year's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyTotal {
    /// In words: `the contingency fund`, `"service improvement"`, `insurance`, `the commissioners`.
    pub party: String,
    /// What sort of party it is.
    pub kind: PartyKind,
    /// The amount: received in a surplus, met in a deficit.
    pub amount: Decimal,
}

/// The whole working of one year-end result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearEndWorking {
    /// The result's title (a scenario's name).
    pub title: String,
    /// The currency.
    pub currency: CurrencyWorking,
    /// The capitated budget used.
    pub capitated_budget: Decimal,
    /// Whether it came from the result or the agreement.
    pub capitated_from: FigureSource,
    /// Other income.
    pub other_income: Decimal,
    /// The actual cost.
    pub actual_cost: Decimal,
    /// Capitated budget + other income − actual cost, rounded to the minor unit; negative for a deficit.
    pub result: Decimal,
    /// Surplus, deficit or break-even.
    pub outcome: Outcome,
    /// The contingency fund's balance before the waterfall, when known.
    pub contingency_fund_balance: Option<Decimal>,
    /// Where that balance came from.
    pub balance_from: Option<FigureSource>,
    /// The waterfall run, if there was anything to share.
    pub waterfall: Option<WaterfallWorking>,
    /// Every member taking part, in the agreement's order.
    pub members: Vec<MemberTotal>,
    /// Funds, insurance and commissioners.
    pub parties: Vec<PartyTotal>,
    /// What nobody received or could bear.
    pub unallocated: Decimal,
    /// The capitated budget's allocation, when the agreement has budget lines.
    pub budget: Option<BudgetAllocation>,
    /// The working fund by fund, when the agreement has funds (absent otherwise). Then the
    /// figures above are the totals over the funds and `members` the totals across them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds: Option<FundsWorking>,
}

impl YearEndWorking {
    /// What a member receives or bears in total, by identifier.
    pub fn member_amount(&self, key: &str) -> Option<Decimal> {
        self.members.iter().find(|m| m.member == key).map(|m| m.amount)
    }

    /// What a member receives, net, in one fund (negative when it bears), by fund index.
    pub fn member_net_in(&self, fund: usize, key: &str) -> Option<Decimal> {
        let funds = self.funds.as_ref()?;
        let f = funds.funds.iter().find(|f| f.index == fund)?;
        f.members.iter().find(|m| m.member == key).map(|m| m.net)
    }

    /// What the contingency fund receives (surplus) or meets (deficit).
    pub fn contingency_fund(&self) -> Decimal {
        self.parties.iter().filter(|p| p.party == CONTINGENCY_FUND).map(|p| p.amount).sum()
    }

    /// Sets each step's line number from the agreement's text.
    pub fn set_lines(&mut self, agreement_source: &str) {
        if let Some(waterfall) = &mut self.waterfall {
            for step in &mut waterfall.steps {
                step.line = Some(crate::span::line_col(agreement_source, step.span.start).0);
            }
        }
        if let Some(budget) = &mut self.budget {
            for line in &mut budget.lines {
                line.line = Some(crate::span::line_col(agreement_source, line.span.start).0);
            }
        }
        if let Some(funds) = &mut self.funds {
            for fund in &mut funds.funds {
                fund.line = Some(crate::span::line_col(agreement_source, fund.span.start).0);
                for line in &mut fund.lines {
                    line.line = Some(crate::span::line_col(agreement_source, line.span.start).0);
                }
                if let Some(waterfall) = &mut fund.waterfall {
                    for step in &mut waterfall.steps {
                        step.line = Some(crate::span::line_col(agreement_source, step.span.start).0);
                    }
                }
            }
        }
    }
}

/// The contingency fund, as a party.
pub const CONTINGENCY_FUND: &str = "the contingency fund";

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
pub fn evaluate(agreement: &Agreement, result: &YearEnd) -> Evaluation {
    if !agreement.funds.is_empty() {
        return funds::evaluate(agreement, result);
    }
    evaluate_in(agreement, result, None)
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
    };
    let mut working = working;
    tidy(&mut working);
    Evaluation { working: Some(working), diagnostics: ctx.diagnostics }
}

/// Writes every rounded amount to the minor unit's number of places (`2500000.00`) and every
/// exact figure without trailing zeros, so that the JSON reads the same whatever the input's
/// layout.
pub(crate) fn tidy(w: &mut YearEndWorking) {
    let places = w.currency.minor_unit.normalize().scale();
    let money = |d: &mut Decimal| {
        let mut x = d.normalize();
        if x.scale() < places {
            x.rescale(places);
        }
        *d = x;
    };
    let exact = |d: &mut Decimal| *d = d.normalize();
    for d in [&mut w.capitated_budget, &mut w.other_income, &mut w.actual_cost, &mut w.result, &mut w.unallocated] {
        money(d);
    }
    if let Some(b) = &mut w.contingency_fund_balance {
        money(b);
    }
    if let Some(waterfall) = &mut w.waterfall {
        money(&mut waterfall.amount);
        money(&mut waterfall.unallocated);
        for step in &mut waterfall.steps {
            for d in [&mut step.amount_in, &mut step.taken, &mut step.unplaced, &mut step.carried_on] {
                money(d);
            }
            step.limit.iter_mut().for_each(money);
            if let Some(p) = &mut step.pennies {
                p.tidy(&money);
            }
            step.unrounded.iter_mut().for_each(|d| {
                exact(d);
                money(d);
            });
            let units: Vec<Option<FigureKind>> = step.methods.iter().map(|m| m.unit).collect();
            for method in &mut step.methods {
                exact(&mut method.weight);
                match method.unit {
                    Some(FigureKind::Money) => money(&mut method.total),
                    _ => exact(&mut method.total),
                }
            }
            for share in &mut step.shares {
                exact(&mut share.proportion);
                exact(&mut share.unrounded);
                money(&mut share.unrounded);
                money(&mut share.share);
                share.cap.iter_mut().for_each(money);
                for (i, figure) in share.figures.iter_mut().enumerate() {
                    if let Some(f) = figure {
                        match units.get(i).copied().flatten() {
                            Some(FigureKind::Money) => money(f),
                            _ => exact(f),
                        }
                    }
                }
                for (i, basis) in share.bases.iter_mut().enumerate() {
                    match units.get(i).copied().flatten() {
                        Some(FigureKind::Money) => money(basis),
                        _ => exact(basis),
                    }
                }
            }
        }
    }
    for m in &mut w.members {
        money(&mut m.amount);
        m.liability_cap.iter_mut().for_each(money);
    }
    for p in &mut w.parties {
        money(&mut p.amount);
    }
    if let Some(b) = &mut w.budget {
        b.capitated.iter_mut().for_each(money);
        for d in [&mut b.not_assigned, &mut b.total, &mut b.left, &mut b.overrun] {
            money(d);
        }
        for line in &mut b.lines {
            for d in [&mut line.amount, &mut line.not_assigned, &mut line.covered, &mut line.not_covered] {
                money(d);
            }
            line.statutory_minimum.iter_mut().for_each(money);
            for p in &mut line.providers {
                exact(&mut p.percent);
                exact(&mut p.unrounded);
                money(&mut p.unrounded);
                money(&mut p.amount);
            }
        }
        for m in &mut b.members {
            money(&mut m.amount);
        }
    }
}

/// Adds values, or `None` if the sum does not fit (for the model's own totals).
pub fn checked_sum_pub(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    checked_sum(values)
}

/// Adds values, or `None` if the sum does not fit.
pub(crate) fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

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
