//! What the money engine returns: the working of one year-end result, step by step, for the
//! report and the JSON (the text is written only in `src/report/`).

use rust_decimal::Decimal;
use serde::Serialize;

use super::notes::{Note, StepRule};
use super::{pennies, BudgetAllocation, FundsWorking};
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
    /// Savings carried forward into the fund's next year (added in 1.4).
    CarryForward,
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
    /// The fund's next year, into which savings are carried forward (added in 1.4).
    CarriedForward,
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
    /// What a member's share is in proportion to (the JSON gives it in words).
    pub basis: super::notes::Basis,
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
    /// Whether the step's exemption let it off (it takes no share).
    pub exempt: bool,
}

/// One step of a waterfall with its working. The JSON gives its rule and notes in words
/// (`src/report/money_json.rs`), in the currency it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepWorking {
    /// From 1.
    pub number: usize,
    /// The rule, as the agreement writes it.
    pub rule: StepRule,
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
    /// Remarks on the working.
    pub notes: Vec<Note>,
    /// How the step's split was rounded to the minor unit, when it split anything.
    pub pennies: Option<pennies::PennyWorking>,
    /// The currency its amounts are in (for the words of its rule and notes; the JSON gives the
    /// working's currency once, not the step's).
    pub currency: crate::model::Currency,
}

impl StepWorking {
    /// Step `number` of a waterfall, written at `span`, before it takes anything from `amount_in`.
    pub(crate) fn new(number: usize, span: Span, amount_in: Decimal, currency: &crate::model::Currency) -> StepWorking {
        StepWorking {
            number,
            rule: StepRule::Unset,
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
            currency: currency.clone(),
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
    /// The title of the year this one follows, when it follows one (`follows "…"`; added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follows: Option<String>,
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
