//! Findings about money: budgets, funds and their lines, caps, compensation, figures too large.

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use thiserror::Error;

use super::*;

/// Budget lines adding up to more than the capitated budget.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the budget lines add up to {total}, {excess} more than the capitated budget of {capitated}")]
#[diagnostic(
    code(concord::check::budget_over_capitated),
    help("cut the lines by {excess} in all, or raise the capitated budget")
)]
pub struct BudgetOverCapitated {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub total: String,
    pub excess: String,
    pub capitated: String,
    #[label("capitated budget")]
    pub cap_at: SourceSpan,
    #[label(collection, "a line")]
    pub lines: Vec<LabeledSpan>,
}
code!(BudgetOverCapitated, "concord::check::budget_over_capitated");

/// Savings steps written after one that takes everything left.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("in the {block} waterfall, {count} after this one can never receive anything")]
#[diagnostic(
    severity(Warning),
    code(concord::check::step_never_reached),
    help("a step that takes everything left (`everything to …`, `the rest to …`) leaves nothing for the steps after it: move those steps before it, or take them out")
)]
pub struct StepNeverReached {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    /// `savings`, or `savings of “…”` for a fund.
    pub block: String,
    /// `the step` or `the 2 steps`.
    pub count: String,
    #[label("takes everything left")]
    pub taker: SourceSpan,
    #[label(collection)]
    pub steps: Vec<LabeledSpan>,
}
code!(StepNeverReached, "concord::check::step_never_reached");

/// A fund whose lines' budgets add up to something other than its contributions.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the lines of “{fund}” add up to {lines}, but the partners put in {contributions}")]
#[diagnostic(severity(Warning), code(concord::check::fund_lines_do_not_add_up), help("{help}"))]
pub struct FundLinesDoNotAddUp {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub fund: String,
    pub lines: String,
    pub contributions: String,
    pub help: String,
    #[label("this fund")]
    pub at: SourceSpan,
    #[label(collection, "a line's budget")]
    pub budgets: Vec<LabeledSpan>,
}
code!(FundLinesDoNotAddUp, "concord::check::fund_lines_do_not_add_up");

/// A line's commissioning shares adding up to more than 100%.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the commissioning partners' shares of “{line}” add up to {total}%, more than the whole line")]
#[diagnostic(
    severity(Warning),
    code(concord::check::commissioner_shares_over_whole),
    help(
        "make the shares add up to 100%; until then each partner's part is taken in proportion to the shares written"
    )
)]
pub struct CommissionerSharesOverWhole {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub line: String,
    pub total: String,
    #[label(collection, "a share")]
    pub shares: Vec<LabeledSpan>,
}
code!(CommissionerSharesOverWhole, "concord::check::commissioner_shares_over_whole");

/// A line whose risk follows its commissioning partners, with none named.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the line “{line}” says who bears its risk by who commissions it, but names no commissioning partner")]
#[diagnostic(
    severity(Warning),
    code(concord::check::line_without_commissioner),
    help("add `commissioned by …` to the line; until then its variance is shared by the fund's rule")
)]
pub struct LineWithoutCommissioner {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub line: String,
    #[label("risk mode")]
    pub at: SourceSpan,
}
code!(LineWithoutCommissioner, "concord::check::line_without_commissioner");

/// `no risk share` on a line commissioned by several partners.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the line “{line}” has no risk share, but {count} partners commission it")]
#[diagnostic(
    severity(Warning),
    code(concord::check::risk_borne_by_several),
    help("“no risk share” means the commissioning partner bears the variance alone; name one partner, or say `risk shared by each partner's share of the line`. Until then the partners bear it by their shares")
)]
pub struct RiskBorneBySeveral {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub line: String,
    pub count: usize,
    #[label("no risk share")]
    pub at: SourceSpan,
    #[label(collection, "a commissioning partner")]
    pub partners: Vec<LabeledSpan>,
}
code!(RiskBorneBySeveral, "concord::check::risk_borne_by_several");

/// A pooled fund that names no host.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the pooled fund “{fund}” has no host")]
#[diagnostic(
    severity(Warning),
    code(concord::check::fund_without_host),
    help("a section 75 pooled fund is hosted by one partner, which holds the money and accounts for it; add `hosted by …` naming that partner")
)]
pub struct FundWithoutHost {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub fund: String,
    #[label("this fund")]
    pub at: SourceSpan,
}
code!(FundWithoutHost, "concord::check::fund_without_host");

/// A fund that may share a variance by its rule but has no waterfall for it.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the fund “{fund}” has no {missing} waterfall")]
#[diagnostic(severity(Warning), code(concord::check::fund_without_waterfall), help("{help}"))]
pub struct FundWithoutWaterfall {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub fund: String,
    pub missing: String,
    pub help: String,
    #[label("this fund")]
    pub at: SourceSpan,
}
code!(FundWithoutWaterfall, "concord::check::fund_without_waterfall");

/// Personal budgets below their statutory minimum.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("personal budgets of {amount} are below their statutory minimum of {minimum}")]
#[diagnostic(
    code(concord::check::personal_budget_below_minimum),
    help("budget at least the statutory minimum for personal budgets: they are paid first, by law")
)]
pub struct PersonalBudgetBelowMinimum {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub amount: String,
    pub minimum: String,
    #[label("budgeted")]
    pub at: SourceSpan,
    #[label("statutory minimum")]
    pub minimum_at: SourceSpan,
}
code!(PersonalBudgetBelowMinimum, "concord::check::personal_budget_below_minimum");

/// Deficits above what liability caps let the members bear.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("a deficit over {limit} cannot be fully allocated: every member who shares deficits has a liability cap")]
#[diagnostic(
    severity(Warning),
    code(concord::check::deficit_beyond_caps),
    help("whatever is over {limit} (after the contingency fund) is left unallocated; add insurance or a commissioner risk share, or a member without a cap")
)]
pub struct DeficitBeyondCaps {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub limit: String,
    #[label("deficits shared here")]
    pub at: SourceSpan,
    #[label(collection, "capped")]
    pub caps: Vec<LabeledSpan>,
}
code!(DeficitBeyondCaps, "concord::check::deficit_beyond_caps");

/// Compensation to members whose budgets fell, where no budget falls.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("no member's allocation is below its budget, so compensation for fallen budgets never pays anything")]
#[diagnostic(
    severity(Warning),
    code(concord::check::compensation_impossible),
    help("compensation goes to members whose `allocation` is below their `budget`; give members both figures, or drop this step")
)]
pub struct CompensationImpossible {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    #[label("pays nothing")]
    pub at: SourceSpan,
}
code!(CompensationImpossible, "concord::check::compensation_impossible");

/// Figures whose total (or the working built on them) is beyond the 28 significant digits that
/// Concord computes exactly: refused rather than rounded or wrapped.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{what} cannot be worked out exactly: the figures are too large")]
#[diagnostic(
    code(concord::check::figures_too_large),
    help("Concord works to 28 significant digits and will not round these figures; check them for extra zeros, or write them in a smaller unit of account")
)]
pub struct FiguresTooLarge {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    /// What was being worked out, e.g. "the budget lines' total".
    pub what: &'static str,
    #[label(collection, "one of the figures")]
    pub figures: Vec<LabeledSpan>,
}
code!(FiguresTooLarge, "concord::check::figures_too_large");

impl FiguresTooLarge {
    /// The finding for `what`, over the figures at `spans`.
    pub fn over(what: &'static str, spans: impl IntoIterator<Item = crate::span::Span>) -> CheckDiagnostic {
        FiguresTooLarge {
            decision: None,
            witness: None,
            what,
            figures: spans.into_iter().map(LabeledSpan::underline).collect(),
        }
        .into()
    }
}
