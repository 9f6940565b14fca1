//! What the money engine says about a step of its working, as plain data: the step's rule and
//! its remarks. The words are written only in `src/report/money_words.rs`, for the text report
//! and for the JSON's `rule` and `notes` strings alike (issue 22).

use rust_decimal::Decimal;

use crate::model::{Exemption, FigureName, ShareMixPart, StatedRounding};

/// How much a step that takes an amount takes: `everything`, `the rest`, `£500,000`, `30%`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakeAmount {
    /// `everything`.
    Everything,
    /// `the rest`.
    TheRest,
    /// A sum.
    Fixed(Decimal),
    /// A percentage of the whole surplus.
    Percent(Decimal),
}

impl From<&crate::model::Reinvest> for TakeAmount {
    fn from(amount: &crate::model::Reinvest) -> Self {
        match amount {
            crate::model::Reinvest::Everything => TakeAmount::Everything,
            crate::model::Reinvest::TheRest => TakeAmount::TheRest,
            crate::model::Reinvest::Fixed(m) => TakeAmount::Fixed(m.0),
            crate::model::Reinvest::Percent(p) => TakeAmount::Percent(p.0),
        }
    }
}

/// Where a step that takes an amount puts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The contingency fund.
    ContingencyFund,
    /// A fund named in the agreement.
    Fund(String),
    /// The fund's next year, perhaps subject to a decision (its name).
    CarryForward(Option<String>),
    /// The fund's next year, subject to each partner's own approval.
    CarryForwardEachPartner,
}

/// Whether an exempt member bears or receives nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemptVerb {
    /// In a deficit: `bear nothing`.
    Bear,
    /// In a surplus: `receive nothing`.
    Receive,
}

/// A step's rule, as the agreement writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRule {
    /// No rule yet (a step is given its rule as it is worked out).
    Unset,
    /// `the contingency fund first`.
    ContingencyFund,
    /// `insurance up to £X`.
    Insurance {
        /// The cap.
        cap: Decimal,
    },
    /// `commissioners bear 50% up to £X, rounded …`.
    Commissioners {
        /// The percentage.
        share: Decimal,
        /// The cap, when written.
        cap: Option<Decimal>,
        /// The stated rounding, when written.
        rounding: Option<StatedRounding>,
    },
    /// `from the risk pool "…" up to £X`.
    RiskPool {
        /// The pool's name.
        name: String,
        /// The cap, when written.
        cap: Option<Decimal>,
    },
    /// `shared 50% by allocation, 50% by performance[, members with … below … bear nothing]`.
    Share {
        /// The methods with their weights.
        parts: Vec<ShareMixPart>,
        /// The exemption, when written, and whether it is from bearing or receiving.
        exemption: Option<(Exemption, ExemptVerb)>,
    },
    /// `30% to the contingency fund`, `everything carried forward to next year, subject to "…"`.
    Take {
        /// How much.
        amount: TakeAmount,
        /// Where to.
        to: Destination,
        /// The stated rounding, when written (and applied).
        rounding: Option<StatedRounding>,
    },
    /// `compensation to members whose budgets fell`.
    Compensation,
}

/// A remark on a step's working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The contingency fund's balance.
    FundBalance {
        /// The balance.
        amount: Decimal,
    },
    /// The commissioners' percentage of what is still to be met.
    CommissionersDue {
        /// The percentage.
        share: Decimal,
        /// What was still to be met.
        of: Decimal,
        /// The exact share.
        due: Decimal,
    },
    /// The commissioners' share was held at its cap.
    CommissionersAtCap,
    /// What was left in a risk pool.
    RiskPoolLeft {
        /// The amount.
        amount: Decimal,
    },
    /// What no member could take, carried on.
    NotPlaced {
        /// The amount.
        amount: Decimal,
    },
    /// Less was left than the step wanted, so the fund receives what was left.
    OnlyLeft {
        /// What was left.
        amount: Decimal,
    },
    /// A percentage of the whole surplus.
    PercentOfSurplus {
        /// The percentage.
        percent: Decimal,
        /// The whole surplus.
        surplus: Decimal,
        /// The exact amount due.
        due: Decimal,
    },
    /// A stated rounding moved the amount taken.
    StatedRounding {
        /// The rounding as written.
        rounding: StatedRounding,
        /// The exact amount before rounding.
        want: Decimal,
        /// The amount taken.
        taken: Decimal,
        /// What the rounding added or took away (as a positive amount), when it could be worked
        /// out.
        moved: Option<Decimal>,
        /// What goes on to the next step.
        carried: Decimal,
    },
    /// Compensation: members whose fall is not known (their identifiers).
    NoFallKnown {
        /// The members' identifiers.
        members: Vec<String>,
    },
    /// Compensation: no member's budget fell.
    NoFall,
    /// Compensation: what is left covers every fall.
    FallsCovered {
        /// The falls in total.
        total: Decimal,
    },
    /// Compensation: what is left does not cover the falls.
    FallsNotCovered {
        /// The falls in total.
        total: Decimal,
    },
    /// Members held at their caps, and the rounds of spreading the excess.
    Capped {
        /// How many members.
        members: usize,
        /// How many rounds.
        rounds: usize,
    },
    /// Who an exemption let off (their display names).
    Exempt {
        /// The exemption.
        exemption: Exemption,
        /// The exempt members' display names.
        names: Vec<String>,
    },
    /// The result says the decision a carry forward is subject to was agreed.
    DecisionAgreed {
        /// The decision's name.
        name: String,
    },
    /// The result says it was not agreed.
    DecisionNotAgreed {
        /// The decision's name.
        name: String,
    },
    /// Nothing was left to carry forward, so the decision does not matter.
    NothingToCarryDecision {
        /// The decision's name.
        name: String,
    },
    /// Partners that did not approve a carry forward (display names).
    ApprovalRefused {
        /// Their names.
        names: Vec<String>,
    },
    /// Each partner approved the carry forward.
    EachApproved,
    /// Nothing was left to carry forward, so the partners' approval does not matter.
    NothingToCarryApprovals,
    /// A fund's line whose overspend is held at its cap: what no one bears.
    LineCapped {
        /// What no one bears.
        unallocated: Decimal,
    },
    /// A fund's line with no commissioning partner is shared by the fund's rule.
    NoCommissioner,
    /// A line's overspend caused by a partner's maladministration (its display name).
    Maladministration {
        /// The partner's display name.
        name: String,
    },
}

/// What a method of a share step shares in proportion to. The JSON gives it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// An equal share each.
    Equal,
    /// Each member's performance score.
    PerformanceScore,
    /// Each member's reserves (its ability to pay).
    Reserves,
    /// Each member's figure.
    Figure(FigureName),
    /// Each member's allocation in the capitated budget, no member having an `allocation` figure.
    CapitatedAllocation,
    /// Each member's figure as written in fractions, over one common denominator (as written
    /// by the exact reader).
    CommonDenominator {
        /// The figure.
        figure: FigureName,
        /// The common denominator.
        denominator: String,
    },
    /// Each member's figure, a number of shares.
    NumberOfShares(FigureName),
    /// In a deficit by performance, every score the same: an equal share each.
    EqualScores {
        /// The score.
        score: Decimal,
    },
    /// In a deficit by performance: the best score plus the member's shortfall from it.
    BestScorePlusShortfall {
        /// The best score.
        best: Decimal,
    },
    /// Compensation: each member's budget less its allocation, where that is a fall.
    Fall {
        /// Whether the allocation is the capitated budget's.
        in_capitated_budget: bool,
    },
}
