//! Across years (issue 16, item 4): what the model says about money carried from one year to
//! the next, and about scenarios that follow one another.
//!
//! - A fund's savings waterfall may carry (part of) an underspend forward into the fund's next
//!   year ([`crate::model::SavingsStep::CarryForward`]), perhaps subject to a decision that the
//!   year's result must settle (`"…" was agreed` or `"…" was not agreed`).
//! - A fund may say how next year's contributions follow from this year's
//!   ([`crate::model::FundDef::uplift`]).
//! - A scenario may follow an earlier one in its file (`scenario "Year two" follows "Year one"`);
//!   the steps before it are kept, in order, as [`Earlier`](super::scenario::Earlier) on the
//!   scenario and on its result, so that every engine works it out from where the earlier steps
//!   left off.
//!
//! This file holds the problems with these ([`YearsError`]): a leaf, so that `LowerError` can
//! wrap it.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with carrying forward, uplifts, who contributes, or a sequence of scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum YearsError {
    /// A carry forward in the agreement's own savings waterfall, which has no next year's fund.
    #[error("an underspend can only be carried forward within a fund")]
    #[diagnostic(
        code(concord::model::carry_forward_outside_fund),
        help("carrying forward puts money into a fund's next year, so it belongs in a fund's own waterfall (`savings of \"…\"`); in the agreement's own `savings`, keep the money in a fund with `… to the contingency fund` or `… to \"…\"`")
    )]
    CarryForwardOutsideFund {
        #[label("not in a fund's waterfall")]
        at: SourceSpan,
    },

    /// `follows "…"` names no scenario of the file.
    #[error("there is no scenario called “{name}” in this file")]
    #[diagnostic(code(concord::model::unknown_scenario))]
    UnknownScenario {
        name: String,
        #[label("no scenario of this name")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// `follows "…"` names the scenario itself or one written after it.
    #[error("a scenario can only follow one written before it")]
    #[diagnostic(
        code(concord::model::follows_later_scenario),
        help("move this scenario after “{name}”, so that the years (or proposals) are written in the order they happen; this also rules out a sequence that goes round in a circle")
    )]
    FollowsLater {
        name: String,
        #[label("follows this")]
        at: SourceSpan,
        #[label("which is written here, not before")]
        target: SourceSpan,
    },

    /// `follows "…"` names a scenario whose name is written twice before it.
    #[error("two scenarios before this one are called “{name}”, so which it follows is not settled")]
    #[diagnostic(
        code(concord::model::ambiguous_scenario),
        help("give each scenario its own name, and name the one this follows")
    )]
    AmbiguousScenario {
        name: String,
        #[label("follows which?")]
        at: SourceSpan,
        #[label("one")]
        first: SourceSpan,
        #[label("another")]
        second: SourceSpan,
    },

    /// The result says a decision both was and was not agreed.
    #[error("the result says “{decision}” was agreed and that it was not")]
    #[diagnostic(code(concord::model::agreed_and_not_agreed), help("keep the one that is true"))]
    AgreedAndNotAgreed {
        decision: String,
        #[label("agreed here")]
        agreed: SourceSpan,
        #[label("not agreed here")]
        not_agreed: SourceSpan,
    },

    /// The result says whether a decision was agreed, but nothing of the year's money depends on it.
    #[error("nothing in the year's money depends on whether “{decision}” was agreed")]
    #[diagnostic(code(concord::model::decision_not_asked))]
    DecisionNotAsked {
        decision: String,
        #[label("asked of no cap or carry forward")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// `next year's contributions are …` in a fund that has no contributions to start from.
    #[error("“{fund}” says how next year's contributions follow from this year's, but it has no contributions")]
    #[diagnostic(
        code(concord::model::uplift_without_contributions),
        help("give each partner's contribution (`icb contributes £…`), or remove this clause")
    )]
    UpliftWithoutContributions {
        fund: String,
        #[label("no contributions to start from")]
        at: SourceSpan,
    },

    /// `only KIND members contribute`, and a contribution from a member of another kind.
    #[error("{member} contributes to “{fund}”, but only {kind} members contribute to it")]
    #[diagnostic(
        code(concord::model::contributor_not_of_kind),
        help("remove the contribution, give the member the kind (`kinds {kind}`), or change which members contribute")
    )]
    ContributorNotOfKind {
        member: String,
        kind: String,
        fund: String,
        #[label("not a {kind} member")]
        at: SourceSpan,
        #[label("only {kind} members contribute")]
        rule: SourceSpan,
    },

    /// A result says whether a partner approved the carry forward, but no carry forward is subject
    /// to each partner's own approval.
    #[error("no carry forward in the agreement is subject to each partner's own approval")]
    #[diagnostic(
        code(concord::model::approval_not_asked),
        help("a result says whether a partner approved the carry forward only where a fund's waterfall says `… carried forward to next year, subject to each partner's own approval`; remove this line")
    )]
    ApprovalNotAsked {
        #[label("asked by no carry forward")]
        at: SourceSpan,
    },

    /// An uplift of less than −100%, which would make contributions negative.
    #[error("next year's contributions would be negative")]
    #[diagnostic(
        code(concord::model::uplift_below_nothing),
        help("a contribution can fall by at most 100%; write a smaller percentage after `less`")
    )]
    UpliftBelowNothing {
        #[label("more than the whole contribution")]
        at: SourceSpan,
    },
}
