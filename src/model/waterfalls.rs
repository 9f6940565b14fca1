//! The money an agreement shares: its savings and deficit waterfalls, their steps and share
//! mixes, and the capitated budget's lines.

use serde::Serialize;

use super::*;

/// A share method with its weight in a mix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareMixPart {
    /// The part's weight, as a percentage of the amount shared (100 for a lone method).
    pub weight: Percent,
    /// The method.
    pub method: ShareMethod,
    /// Where the part was written.
    pub span: Span,
}

/// How much a savings reinvestment takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Reinvest {
    /// All of the surplus left.
    Everything,
    /// What is left at this step.
    TheRest,
    /// A fixed sum (or what is left, if less).
    Fixed(Money),
    /// A percentage of the whole surplus.
    Percent(Percent),
}

/// A step of the savings waterfall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SavingsStep {
    /// Reinvest into a fund.
    Reinvest { amount: Reinvest, fund: Fund, rounding: Option<StatedRounding> },
    /// Compensate members whose budgets fell, in proportion to the fall and never more than it.
    Compensation,
    /// Share what is left by a method or a mix, some members perhaps exempt.
    Share(Vec<ShareMixPart>, Option<Exemption>),
    /// `50% carried forward to next year, subject to "…"`: carried into the fund's next year,
    /// when the decision (if any) was agreed; else the waterfall goes on to its next step.
    CarryForward {
        amount: Reinvest,
        subject_to: Option<Spanned<DecisionId>>,
        /// `subject to each partner's own approval`: where written; then the year's result says
        /// whether each partner of the fund approved it.
        each_partner: Option<Span>,
        rounding: Option<StatedRounding>,
    },
}

/// A step of the deficit waterfall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DeficitStep {
    /// The contingency fund's balance first.
    Contingency,
    /// Insurance, up to its cap.
    Insurance { cap: Money },
    /// The commissioners bear a share, up to a cap.
    Commissioners { share: Percent, cap: Option<Money>, rounding: Option<StatedRounding> },
    /// `from the risk pool "…" up to £…`: the named risk pool (an index into
    /// [`Agreement::funds`]) meets the deficit, up to the cap and the pool's balance.
    RiskPool { pool: usize, cap: Option<Money> },
    /// Share what is left by a method or a mix, some members perhaps exempt.
    Share(Vec<ShareMixPart>, Option<Exemption>),
}

/// A line of the capitated budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    /// What the line funds.
    pub kind: LineKind,
    /// Its name, when it has one.
    pub name: Option<String>,
    /// Its amount.
    pub amount: Spanned<Money>,
    /// For personal budgets: the statutory minimum.
    pub statutory_minimum: Option<Spanned<Money>>,
    /// Who provides it, with their shares (an unstated share divides the rest equally).
    pub providers: Vec<(MemberId, Option<Percent>, Span)>,
    /// The line's clause.
    pub span: Span,
}

/// The capitated budget and its lines.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Budget {
    /// The capitated budget paid to the network.
    pub capitated: Option<Spanned<Money>>,
    /// Its allocation lines.
    pub lines: Vec<BudgetLine>,
    /// The `budget` block.
    pub span: Span,
}

/// A waterfall with the span of its block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waterfall<S> {
    /// The steps in order, each with its clause's span.
    pub steps: Vec<Spanned<S>>,
    /// The block.
    pub span: Span,
}
