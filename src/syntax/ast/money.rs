//! Money: reinvestment, share methods, waterfall steps, budget lines and funds.

use rust_decimal::Decimal;
use serde::Serialize;

use super::*;
use crate::span::Spanned;

/// Where reinvested savings go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Fund {
    /// `the contingency fund`
    Contingency,
    /// `"service improvement"`
    Named(String),
}

/// How much a reinvestment step takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ReinvestAmount {
    Everything,
    TheRest,
    Amount(Amount),
    Percent(Decimal),
}

/// The basis of a share method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ShareMethod {
    Equally,
    Budget,
    Allocation,
    Equity,
    RiskShare,
    Performance,
    NeedForInvestment,
    AbilityToPay,
    Contribution,
}

impl ShareMethod {
    /// The method as written after `shared`.
    pub fn words(self) -> &'static str {
        match self {
            ShareMethod::Equally => "equally",
            ShareMethod::Budget => "by budget",
            ShareMethod::Allocation => "by budget allocation",
            ShareMethod::Equity => "by equity",
            ShareMethod::RiskShare => "by risk share",
            ShareMethod::Performance => "by performance",
            ShareMethod::NeedForInvestment => "by need for investment",
            ShareMethod::AbilityToPay => "by ability to pay",
            ShareMethod::Contribution => "by contribution",
        }
    }

    /// The member figure the method divides by, if any.
    pub fn figure(self) -> Option<FigureName> {
        match self {
            ShareMethod::Equally => None,
            ShareMethod::Budget => Some(FigureName::Budget),
            ShareMethod::Allocation => Some(FigureName::Allocation),
            ShareMethod::Equity => Some(FigureName::Equity),
            ShareMethod::RiskShare => Some(FigureName::RiskShare),
            ShareMethod::Performance => Some(FigureName::Performance),
            ShareMethod::NeedForInvestment => Some(FigureName::InvestmentNeed),
            ShareMethod::AbilityToPay => Some(FigureName::Reserves),
            ShareMethod::Contribution => Some(FigureName::Contribution),
        }
    }
}

/// One part of a share mix: `50% by budget allocation`. A lone method has no weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharePart {
    pub weight: Option<Spanned<Decimal>>,
    pub method: Spanned<ShareMethod>,
}

/// `members with reserves below £1,000,000 bear nothing`: members whose figure is below the
/// threshold take no share of the step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exemption {
    /// The figure compared.
    pub figure: Spanned<FigureName>,
    /// The threshold: members with less are exempt.
    pub below: Spanned<FigureValue>,
}

/// `rounded down`, `rounded up to the nearest £1,000`, `…, the pennies to the members`: how a
/// step that takes an amount rounds it, instead of the largest remainder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedRounding {
    /// Up rather than down.
    pub up: bool,
    /// `to the nearest £1,000`; the minor unit when not given.
    pub nearest: Option<Spanned<Amount>>,
    /// `the pennies to the members`: what rounding leaves goes to the next step, a share.
    pub pennies_to_members: bool,
}

/// A savings waterfall step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SavingsStep {
    /// `30% to the contingency fund`, `everything to the contingency fund`
    Reinvest { amount: Spanned<ReinvestAmount>, fund: Spanned<Fund>, rounding: Option<Spanned<StatedRounding>> },
    /// `compensation to members whose budgets fell`
    Compensation,
    /// `the rest shared 50% by budget allocation, 50% by performance`
    Share { parts: Vec<SharePart>, exemption: Option<Spanned<Exemption>> },
    /// `50% carried forward to next year, subject to "approve carry forward"`
    CarryForward {
        amount: Spanned<ReinvestAmount>,
        subject_to: Option<Spanned<String>>,
        /// `subject to each partner's own approval`: where written.
        each_partner: Option<crate::span::Span>,
        rounding: Option<Spanned<StatedRounding>>,
    },
}

/// A deficit waterfall step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DeficitStep {
    /// `the contingency fund first`
    Contingency,
    /// `insurance up to £1,000,000`
    Insurance { cap: Spanned<Amount> },
    /// `commissioners bear 50% up to £2,000,000`
    Commissioners { share: Spanned<Decimal>, cap: Option<Spanned<Amount>>, rounding: Option<Spanned<StatedRounding>> },
    /// `from the risk pool "Shared risk pool" up to £500,000`
    RiskPool { pool: Spanned<String>, cap: Option<Spanned<Amount>> },
    /// `shared by ability to pay, members with reserves below £1,000,000 bear nothing`
    Share { parts: Vec<SharePart>, exemption: Option<Spanned<Exemption>> },
}

/// Who provides a budget line, and what share of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderShare {
    pub member: Spanned<MemberRef>,
    pub share: Option<Spanned<Decimal>>,
}

/// The kind of a capitated budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LineKind {
    Intervention,
    ServiceStandard,
    PersonalBudgets,
    ContingencyFund,
    OperationsTeam,
}

impl LineKind {
    /// The line's kind in words.
    pub fn words(self) -> &'static str {
        match self {
            LineKind::Intervention => "intervention",
            LineKind::ServiceStandard => "service standard",
            LineKind::PersonalBudgets => "personal budgets",
            LineKind::ContingencyFund => "contingency fund",
            LineKind::OperationsTeam => "operations team",
        }
    }
}

/// A line of the capitated budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BudgetLine {
    /// `capitated budget £60,000,000`
    Capitated(Spanned<Amount>),
    /// Any other line.
    Line {
        kind: LineKind,
        name: Option<Spanned<String>>,
        amount: Spanned<Amount>,
        statutory_minimum: Option<Spanned<Amount>>,
        providers: Vec<ProviderShare>,
    },
}

/// What sort of fund a fund block sets up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// `pooled fund`: one pot, hosted by one partner, the money losing its origin.
    PooledFund,
    /// `aligned budget`: each partner keeps its own budget, managed side by side.
    AlignedBudget,
    /// `risk pool`: money set aside to meet other funds' overspends.
    RiskPool,
}

impl FundKind {
    /// The words that start the block.
    pub fn words(self) -> &'static str {
        match self {
            FundKind::PooledFund => "pooled fund",
            FundKind::AlignedBudget => "aligned budget",
            FundKind::RiskPool => "risk pool",
        }
    }
}

/// Who bears the variance on a budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskMode {
    /// `risk shared by the fund's rule` (the default): the variance joins the fund's waterfalls.
    FundRule,
    /// `risk shared by each partner's share of the line`: by the commissioning shares.
    LineShare,
    /// `no risk share`: the commissioning partner bears it.
    NoRiskShare,
}

impl RiskMode {
    /// The mode in the agreement's words.
    pub fn words(self) -> &'static str {
        match self {
            RiskMode::FundRule => "risk shared by the fund's rule",
            RiskMode::LineShare => "risk shared by each partner's share of the line",
            RiskMode::NoRiskShare => "no risk share",
        }
    }
}

/// A clause of a fund block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FundClause {
    /// `hosted by brent`
    HostedBy(Spanned<MemberRef>),
    /// `nwl-icb contributes £20,000,000`
    Contributes { member: Spanned<MemberRef>, amount: Spanned<Amount> },
    /// `overspends and underspends on its lines offset before sharing`
    Offset,
    /// `each partner bears at most its contribution unless "…" agrees`
    Cap { unless: Option<Spanned<String>> },
    /// `line "Reablement" £6,000,000 commissioned by brent, no risk share, capped at £1,000,000`
    Line {
        name: Spanned<String>,
        budget: Option<Spanned<Amount>>,
        commissioners: Vec<ProviderShare>,
        risk: Option<Spanned<RiskMode>>,
        cap: Option<Spanned<Amount>>,
    },
    /// `income £2,800,000 if "emergency admissions" fall by at least 4.2%`: money into the fund,
    /// earned only if the measure meets its target.
    Income {
        amount: Spanned<Amount>,
        measure: Spanned<String>,
        /// Whether the target is a fall (`fall by at least`) rather than a rise.
        fall: bool,
        target: Spanned<Decimal>,
    },
    /// `an overspend caused by maladministration is borne by the partner responsible`
    Maladministration,
    /// `next year's contributions are this year's plus 2.5%` (`less` gives a negative percentage)
    Uplift(Spanned<Decimal>),
    /// `only commissioner members contribute`
    OnlyKindContributes(Ident),
    /// `members other than the host pay their contributions in 4 equal instalments` (or `each
    /// partner pays its contribution in …`): the count as written, and whether the host is left
    /// out.
    Instalments { count: Spanned<u32>, other_than_host: bool },
}
