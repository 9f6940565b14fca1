//! Problems found while working out a year-end result: `concord::eval::<name>`.
//!
//! Each problem says which file its labels point into ([`MoneyError::file`]): the agreement
//! (a waterfall step, a member's figure) or the input file (the year-end result itself), so
//! that the command line can show it in the right text.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// Which text a money diagnostic's labels point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MoneyFile {
    /// The agreement (`*.concord`).
    Agreement,
    /// The file with the year-end result (`*.scenarios` or a results file).
    Input,
}

/// A problem found while sharing a surplus or deficit, or allocating the capitated budget.
///
/// Errors stop the evaluation of the result they concern; warnings do not.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum MoneyError {
    /// The result does not say what care cost.
    #[error("the result `{title}` does not give the actual cost")]
    #[diagnostic(
        code(concord::eval::missing_actual_cost),
        help("add a line such as `actual cost £57,500,000` to the result")
    )]
    MissingActualCost {
        title: String,
        #[label("this result")]
        at: SourceSpan,
    },

    /// Neither the result nor the agreement gives the capitated budget.
    #[error("the result `{title}` has no capitated budget, and the agreement's budget gives none")]
    #[diagnostic(
        code(concord::eval::missing_capitated_budget),
        help("add `capitated budget £60,000,000` to the result, or to the agreement's `budget` block")
    )]
    MissingCapitatedBudget {
        title: String,
        #[label("this result")]
        at: SourceSpan,
    },

    /// The weights of a mix of methods do not add up to 100%.
    #[error("the parts of this share add up to {total}%, not 100%")]
    #[diagnostic(
        code(concord::eval::mix_not_whole),
        help("change the percentages so that they add up to exactly 100%, for example `50% by budget allocation, 50% by performance`")
    )]
    MixNotWhole {
        total: String,
        #[label("this step")]
        step: SourceSpan,
        #[label(collection, "part")]
        parts: Vec<miette::LabeledSpan>,
    },

    /// A share method divides by a figure that no member has.
    #[error("no member has {article} `{figure}` figure, so nothing can be shared {method}")]
    #[diagnostic(code(concord::eval::no_member_has_figure))]
    NoMemberHasFigure {
        article: &'static str,
        figure: &'static str,
        method: &'static str,
        #[label("shares {method}")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// Some members lack the figure a method divides by; they count as zero.
    #[error("{count} {members} no `{figure}` figure, so {pronoun} {counts} as zero when sharing {method}: {names}")]
    #[diagnostic(
        code(concord::eval::missing_figure),
        severity(Warning),
        help("give each member taking part {article} `{figure}` figure, even if it is zero, so that the agreement says what was meant")
    )]
    MissingFigure {
        article: &'static str,
        count: usize,
        members: &'static str,
        pronoun: &'static str,
        counts: &'static str,
        figure: &'static str,
        method: &'static str,
        names: String,
        #[label("shares {method}")]
        at: SourceSpan,
        #[label(collection, "no `{figure}` figure")]
        member_spans: Vec<miette::LabeledSpan>,
    },

    /// A figure below zero where only zero or more makes sense.
    #[error("`{member}` has a negative `{figure}` figure")]
    #[diagnostic(
        code(concord::eval::negative_figure),
        help("a share cannot be worked out from a negative figure; correct the figure or write zero")
    )]
    NegativeFigure {
        member: String,
        figure: &'static str,
        #[label("below zero")]
        at: SourceSpan,
    },

    /// An amount below zero where only zero or more makes sense.
    #[error("the {what} is negative")]
    #[diagnostic(code(concord::eval::negative_amount), help("write the amount as zero or more"))]
    NegativeAmount {
        what: String,
        file: MoneyFile,
        #[label("below zero")]
        at: SourceSpan,
    },

    /// The figures are too large to work out exactly.
    #[error("the figures in {what} are too large to work out exactly")]
    #[diagnostic(
        code(concord::eval::overflow),
        help(
            "Concord works to 28 significant digits; check the figures for a mistake such as a missing decimal point"
        )
    )]
    Overflow {
        what: String,
        file: MoneyFile,
        #[label("while working out this")]
        at: SourceSpan,
    },

    /// A year's contribution (as the year before set it) that cannot be paid in the fund's
    /// instalments: fewer minor units than instalments, or a fraction of one.
    #[error("`{member}`'s contribution to “{fund}” this year, {amount}, cannot be paid in {count} instalments of whole {unit}")]
    #[diagnostic(
        code(concord::eval::instalments_cannot_be_paid),
        help("this year's contributions follow from the year before's; write fewer instalments, or a smaller reduction of next year's contributions")
    )]
    InstalmentsCannotBePaid {
        member: String,
        fund: String,
        amount: String,
        unit: String,
        count: u32,
        #[label("the instalments")]
        at: SourceSpan,
    },

    /// Every figure a method divides by is zero.
    #[error("every member's `{figure}` figure is zero, so {amount} cannot be shared {method}")]
    #[diagnostic(
        code(concord::eval::nothing_to_share_by),
        severity(Warning),
        help("the amount is carried on down the waterfall and, at its end, reported as unallocated")
    )]
    NothingToShareBy {
        figure: &'static str,
        method: &'static str,
        amount: String,
        #[label("shares {method}")]
        at: SourceSpan,
    },

    /// A member lacks the figure an exemption compares.
    #[error("{names} {verb} no `{figure}` figure, so the exemption cannot say whether it applies")]
    #[diagnostic(code(concord::eval::exemption_without_figure))]
    ExemptionWithoutFigure {
        names: String,
        verb: &'static str,
        figure: &'static str,
        #[label("the exemption compares `{figure}`")]
        at: SourceSpan,
        #[label(collection)]
        members: Vec<miette::LabeledSpan>,
        #[help]
        help: String,
    },

    /// A stated rounding to an amount finer than the minor unit (or not above zero).
    #[error("this step is rounded to {amount}, which is not a whole number of the currency's smallest unit ({unit})")]
    #[diagnostic(
        code(concord::eval::rounding_finer_than_minor_unit),
        help("round to a whole number of {unit}, for example `rounded down to the nearest £1,000`, or leave out `to the nearest …` to round to {unit}")
    )]
    RoundingFinerThanMinorUnit {
        amount: String,
        unit: String,
        #[label("rounded to {amount}")]
        at: SourceSpan,
    },

    /// Every member is exempt from a share step.
    #[error("every member is exempt from this step, so {amount} is not shared")]
    #[diagnostic(
        code(concord::eval::everyone_exempt),
        severity(Warning),
        help("the amount is carried on down the waterfall and, at its end, reported as unallocated; lower the threshold or add a step after this one")
    )]
    EveryoneExempt {
        amount: String,
        #[label("no member is above this threshold")]
        at: SourceSpan,
    },

    /// No member takes part in sharing (every member is an observer).
    #[error("no member can take a share: every member is an observer")]
    #[diagnostic(
        code(concord::eval::no_members_share),
        severity(Warning),
        help("observers take no share of a surplus or deficit; the amount is reported as unallocated")
    )]
    NoMembersShare {
        #[label("this step")]
        at: SourceSpan,
    },

    /// Part of the year's result could not be placed with anyone.
    #[error("{amount} of the {what} is unallocated")]
    #[diagnostic(code(concord::eval::unallocated), severity(Warning))]
    Unallocated {
        amount: String,
        what: &'static str,
        #[label("this waterfall")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// The agreement has no waterfall for the year's outcome.
    #[error("the agreement does not say how a {what} is shared")]
    #[diagnostic(code(concord::eval::no_waterfall), severity(Warning))]
    NoWaterfall {
        what: &'static str,
        #[label("this agreement")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// The contingency fund step has no balance to draw on.
    #[error("no contingency fund balance is given, so the fund meets nothing of the deficit")]
    #[diagnostic(
        code(concord::eval::no_fund_balance),
        severity(Warning),
        help("give the balance in the result (`contingency fund balance £500,000`) or a contingency fund line in the agreement's budget")
    )]
    NoFundBalance {
        #[label("draws on the contingency fund")]
        at: SourceSpan,
    },

    /// An amount in the result is finer than the currency's minor unit.
    #[error("the {what} is given more finely than the currency's smallest unit ({unit})")]
    #[diagnostic(
        code(concord::eval::finer_than_minor_unit),
        severity(Warning),
        help("the year's result is rounded to {unit} before it is shared; write amounts to whole {unit_name}")
    )]
    FinerThanMinorUnit {
        what: String,
        unit: String,
        unit_name: &'static str,
        #[label("finer than {unit}")]
        at: SourceSpan,
    },

    /// A budget line's providers' percentages add up to more than 100%.
    #[error("the providers of this budget line are given {total}% of it, more than 100%")]
    #[diagnostic(
        code(concord::eval::provider_shares_over_whole),
        help("change the percentages after `provided by` so that they add up to 100% or less")
    )]
    ProviderSharesOverWhole {
        total: String,
        #[label("this line")]
        at: SourceSpan,
    },

    /// The budget's lines add up to more than the capitated budget.
    #[error("the budget's lines add up to {total}, {overrun} more than the capitated budget of {capitated}")]
    #[diagnostic(
        code(concord::eval::budget_overrun),
        severity(Warning),
        help("the allocation shows which lines the capitated budget does not cover; reduce the lines or agree a larger budget")
    )]
    BudgetOverrun {
        total: String,
        overrun: String,
        capitated: String,
        #[label("the budget")]
        at: SourceSpan,
    },

    /// A carry forward subject to a decision, and a result that does not say whether it was agreed.
    #[error("the result `{title}` does not say whether “{decision}” was agreed, so whether the underspend of “{fund}” is carried forward is not settled")]
    #[diagnostic(code(concord::eval::carry_forward_not_settled))]
    CarryForwardNotSettled {
        decision: String,
        fund: String,
        title: String,
        #[label("this result")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A carry forward subject to each partner's own approval, and a result silent about a partner.
    #[error("the result `{title}` does not say whether {partners} approved carrying forward the underspend of “{fund}”, so whether it is carried forward is not settled")]
    #[diagnostic(code(concord::eval::approval_not_settled))]
    ApprovalNotSettled {
        partners: String,
        fund: String,
        title: String,
        #[label("this result")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A year that follows another whose working stopped.
    #[error("`{title}` follows `{year}`, which could not be worked out, so it has nothing to start from")]
    #[diagnostic(
        code(concord::eval::earlier_year_not_worked_out),
        help("correct the earlier year first (its own problems are reported with this one)")
    )]
    EarlierYearNotWorkedOut {
        year: String,
        title: String,
        #[label("this year")]
        at: SourceSpan,
    },

    /// A step that follows a proposal whose changes cannot be carried into the sequence.
    #[error("`{title}` cannot be worked out after the proposals before it: {reason}")]
    #[diagnostic(
        code(concord::eval::earlier_proposal_not_applied),
        help("run this step as a scenario of its own, against the agreement as the earlier proposal leaves it")
    )]
    EarlierProposalNotApplied {
        reason: String,
        title: String,
        #[label("this step")]
        at: SourceSpan,
    },
}

impl MoneyError {
    /// Which text the diagnostic's labels point into.
    pub fn file(&self) -> MoneyFile {
        match self {
            MoneyError::MissingActualCost { .. }
            | MoneyError::MissingCapitatedBudget { .. }
            | MoneyError::FinerThanMinorUnit { .. }
            | MoneyError::CarryForwardNotSettled { .. }
            | MoneyError::ApprovalNotSettled { .. }
            | MoneyError::EarlierYearNotWorkedOut { .. }
            | MoneyError::EarlierProposalNotApplied { .. } => MoneyFile::Input,
            MoneyError::NegativeAmount { file, .. } | MoneyError::Overflow { file, .. } => *file,
            _ => MoneyFile::Agreement,
        }
    }

    /// Whether the diagnostic stops the evaluation of its result.
    pub fn is_error(&self) -> bool {
        !matches!(self.severity(), Some(miette::Severity::Warning | miette::Severity::Advice))
    }
}
