//! Problems with proposals, year-end results and scenario files as read against their agreement.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with a proposal, a year-end result or a scenario file.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum InputsError {
    /// A scenario or proposal clause that needs another clause first.
    #[error("{what}")]
    #[diagnostic(code(concord::model::incomplete_input))]
    IncompleteInput {
        what: String,
        #[label("here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A vote from a name the agreement does not have, in a scenario that does not expect the
    /// proposal to be invalid for it. A warning, because `expect invalid because an unknown
    /// member voted` is a scenario worth writing; most often it is a typing slip.
    #[error("`{name}` votes, but the agreement has no member `{name}`")]
    #[diagnostic(severity(Warning), code(concord::model::unknown_voter), help("{help}"))]
    UnknownVoter {
        name: String,
        help: String,
        #[label("not a member")]
        at: SourceSpan,
    },

    /// A member listed twice in one vote.
    #[error("`{member}` votes more than once")]
    #[diagnostic(
        code(concord::model::duplicate_vote),
        help("list each member once: in favour, against or abstaining")
    )]
    DuplicateVote {
        member: String,
        #[label("first vote")]
        first: SourceSpan,
        #[label("second vote")]
        second: SourceSpan,
    },

    /// A scenario file names an agreement file that cannot be read.
    #[error("the agreement `{path}` cannot be read: {reason}")]
    #[diagnostic(
        code(concord::model::agreement_not_found),
        help("the path is taken relative to this scenario file's folder; check the file name")
    )]
    AgreementNotFound {
        path: String,
        reason: String,
        #[label("this agreement")]
        at: SourceSpan,
    },

    /// The agreement a scenario file names has problems of its own.
    #[error("the agreement `{path}` has {count} problem(s), so these scenarios cannot be resolved")]
    #[diagnostic(
        code(concord::model::agreement_has_errors),
        help("run `concord check {path}` and fix the agreement first")
    )]
    AgreementHasErrors {
        path: String,
        count: usize,
        #[label("this agreement")]
        at: SourceSpan,
    },

    /// A partner's contribution to one fund given twice.
    #[error("`{member}` contributes to “{fund}” twice")]
    #[diagnostic(
        code(concord::model::duplicate_contribution),
        help("say once what this partner puts into the fund; if it pays in instalments, write the year's total")
    )]
    DuplicateContribution {
        member: String,
        fund: String,
        #[label("first contribution")]
        first: SourceSpan,
        #[label("second contribution")]
        second: SourceSpan,
    },

    /// A name used as a fund (or a line, or a risk pool) that is not one.
    #[error("“{name}” is not {sort} of this agreement")]
    #[diagnostic(code(concord::model::not_a_fund))]
    NotAFund {
        name: String,
        sort: String,
        #[label("not {sort}")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A budget line without its budget.
    #[error("the line “{line}” does not say its budget")]
    #[diagnostic(
        code(concord::model::missing_line_budget),
        help("write the line's budget for the year after its name, for example `line \"{line}\" £2,000,000 commissioned by …`")
    )]
    MissingLineBudget {
        line: String,
        #[label("no budget")]
        at: SourceSpan,
    },

    /// An actual cost that does not say which fund or line it is for, in an agreement with several.
    #[error("this actual cost does not say which fund or line it is for")]
    #[diagnostic(code(concord::model::which_fund))]
    WhichFund {
        #[label("for which fund?")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A fund or line whose actual cost the result does not give.
    #[error("the result `{title}` does not give the actual cost of “{of}”")]
    #[diagnostic(code(concord::model::missing_actual_cost))]
    MissingActualCost {
        title: String,
        of: String,
        #[label("this result")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A fund's income depends on a measure the result does not give.
    #[error("the result `{title}` does not say how “{measure}” changed, so the income into “{fund}” that depends on it cannot be worked out")]
    #[diagnostic(code(concord::model::missing_measure))]
    MissingMeasure {
        title: String,
        measure: String,
        fund: String,
        #[label("this result")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A fund rule for conditional money that could never apply to the fund it is written in.
    #[error("{what} can never apply in “{fund}”")]
    #[diagnostic(code(concord::model::condition_cannot_apply))]
    ConditionCannotApply {
        what: String,
        fund: String,
        #[label("never applies here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result says an overspend was caused by maladministration, but the line's fund does not
    /// say who bears such an overspend.
    #[error("the agreement does not say who bears an overspend on “{line}” caused by maladministration")]
    #[diagnostic(code(concord::model::cause_not_provided))]
    CauseNotProvided {
        line: String,
        fund: String,
        #[label("the fund “{fund}” has no rule for this cause")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result says an overspend was caused by maladministration on a line that did not overspend.
    #[error("“{line}” did not overspend, so no overspend on it can be caused by maladministration")]
    #[diagnostic(code(concord::model::not_an_overspend))]
    NotAnOverspend {
        line: String,
        #[label("no overspend here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result gives a measure that no income of the agreement depends on.
    #[error("no income in the agreement depends on “{measure}”")]
    #[diagnostic(code(concord::model::unknown_measure))]
    UnknownMeasure {
        measure: String,
        #[label("not a measure the agreement names")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result says a decision was agreed, but no cap is lifted by that decision.
    #[error("“{decision}” lifts no cap in this agreement")]
    #[diagnostic(code(concord::model::cap_not_liftable))]
    CapNotLiftable {
        decision: String,
        #[label("lifts no cap")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A decision needs a fact of the proposal (when it was requested, who proposed it, when
    /// notice was given, when a breach was notified, its date) and the proposal does not give it.
    #[error("this proposal does not say {what}")]
    #[diagnostic(code(concord::model::missing_proposal_fact))]
    MissingProposalFact {
        what: String,
        #[label("decision `{decision}` needs it")]
        at: SourceSpan,
        decision: String,
        #[help]
        help: String,
    },

    /// A proposal gives a fact its decision makes no use of.
    #[error("decision `{decision}` makes no use of {what}")]
    #[diagnostic(code(concord::model::proposal_fact_not_used))]
    ProposalFactNotUsed {
        decision: String,
        what: String,
        #[label("changes nothing for this decision")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// Two dates of a proposal in an order that cannot be (a request after the meeting, a
    /// remedy before the breach was notified).
    #[error("{later} is before {earlier}")]
    #[diagnostic(
        code(concord::model::dates_out_of_order),
        help("check the dates: a request, a notice and a breach come before the proposal is decided (`dated`), and a breach is remedied after it is notified")
    )]
    DatesOutOfOrder {
        later: String,
        earlier: String,
        #[label("this date")]
        at: SourceSpan,
        #[label("is before this one")]
        other: SourceSpan,
    },

    /// A breach remedied after its cure period ran out: whether the decision may still be taken
    /// is not settled by `only after a breach unremedied for …`, so it is not guessed.
    #[error("the breach was remedied on {remedied}, after its cure period ran out on {ends}")]
    #[diagnostic(
        code(concord::model::remedy_after_cure_period),
        help("the breach went unremedied for the whole period, then was put right; `only after a breach unremedied for …` does not say whether a late remedy takes the ground away, so Concord does not decide it. If the agreement's own words say the ground stands, leave out `remedied on`; if they say it falls, the proposal cannot be made")
    )]
    RemedyAfterCurePeriod {
        remedied: String,
        ends: String,
        #[label("remedied after the period")]
        at: SourceSpan,
    },
}
