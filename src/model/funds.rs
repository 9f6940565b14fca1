//! The agreement's funds: pooled funds, aligned budgets and risk pools, with their lines, caps,
//! contributions and conditional income (language reference §12).

use serde::Serialize;

use super::*;

/// A cap on what each partner bears of a fund: `each partner bears at most its contribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundCap {
    /// The decision that lifts the cap when the year's result says it was agreed.
    pub unless: Option<Spanned<DecisionId>>,
    /// Where the cap is written.
    pub span: Span,
}

/// A budget line within a fund: a scheme with its budget and its commissioning partners.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundLine {
    /// Its name, unique among the agreement's funds and lines.
    pub name: String,
    /// The line's budget for the year.
    pub budget: Spanned<Money>,
    /// The commissioning partners with their shares as written (none: the only one, or equal).
    pub commissioners: Vec<(MemberId, Option<Percent>, Span)>,
    /// Who bears the line's variance.
    pub risk: RiskMode,
    /// Where the risk mode is written, when it is.
    pub risk_span: Option<Span>,
    /// The most of an overspend on the line that is shared; the rest is reported unallocated.
    pub cap: Option<Spanned<Money>>,
    /// The whole clause.
    pub span: Span,
}

/// One fund of the agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundDef {
    /// Its name as written in the header.
    pub name: String,
    /// Pooled fund, aligned budget or risk pool.
    pub kind: FundKind,
    /// The header's span.
    pub span: Span,
    /// The whole block.
    pub block: Span,
    /// The partner that hosts the fund.
    pub host: Option<Spanned<MemberId>>,
    /// What each partner puts in, in the order written.
    pub contributions: Vec<(MemberId, Spanned<Money>)>,
    /// Whether overspends and underspends on its lines offset before sharing.
    pub offset: Option<Span>,
    /// The cap at each partner's contribution, when it has one.
    pub cap: Option<FundCap>,
    /// Its budget lines.
    pub lines: Vec<FundLine>,
    /// Its savings waterfall (`savings of "…"`).
    pub savings: Option<Waterfall<SavingsStep>>,
    /// Its deficit waterfall (`deficits of "…"`).
    pub deficits: Option<Waterfall<DeficitStep>>,
    /// Income into the fund earned only if a measure meets its target, in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incomes: Vec<ConditionalIncome>,
    /// `an overspend caused by maladministration is borne by the partner responsible`: where
    /// written, when the fund says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maladministration: Option<Span>,
    /// `next year's contributions are this year's plus 2.5%`: the change in percent (negative for
    /// `less`), when the fund says how next year's contributions follow from this year's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uplift: Option<Spanned<Percent>>,
    /// `only commissioner members contribute`: the one kind of member that may contribute, and
    /// where that is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributors: Option<Spanned<KindId>>,
    /// `members other than the host pay their contributions in 4 equal instalments`, when the
    /// fund says how contributions are paid over the year (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalments: Option<super::instalments::Instalments>,
}

/// `income £2,800,000 if "emergency admissions" fall by at least 4.2%`: money into a fund,
/// earned only if the year's result says the measure met its target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionalIncome {
    /// The income when earned.
    pub amount: Spanned<Money>,
    /// The measure's name as written (quoted).
    pub measure: Spanned<String>,
    /// Whether the target is a fall (`fall by at least`) rather than a rise.
    pub fall: bool,
    /// The target, in percent (4.2 for 4.2%).
    pub target: Spanned<rust_decimal::Decimal>,
    /// The whole clause.
    pub span: Span,
}

impl ConditionalIncome {
    /// Whether a measure that changed by `change` percent (positive a rise, negative a fall)
    /// meets the target: a fall of at least the target, or a rise of at least it. Exact.
    // BOUND: negating a decimal flips its sign and cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn earned(&self, change: rust_decimal::Decimal) -> bool {
        if self.fall {
            -change >= self.target.node
        } else {
            change >= self.target.node
        }
    }
}

impl FundDef {
    /// What `member` puts into the fund (zero when it puts nothing).
    pub fn contribution(&self, member: MemberId) -> Money {
        self.contributions.iter().find(|(m, _)| *m == member).map_or(Money::default(), |(_, a)| a.node)
    }

    /// The fund's budget: the sum of its lines when it has any, else of its contributions.
    pub fn budget(&self) -> Option<Money> {
        let sum = if self.lines.is_empty() {
            crate::exact::checked_sum(self.contributions.iter().map(|(_, a)| a.node.0))
        } else {
            crate::exact::checked_sum(self.lines.iter().map(|l| l.budget.node.0))
        };
        sum.map(Money)
    }
}
