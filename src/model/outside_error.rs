//! Problems with a decision taken by a body outside the meeting and its proposals (C51):
//! `concord::model::<name>`, wrapped by [`super::LowerError::Outside`].

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with `decided by "BODY"` or a proposal for such a decision.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum OutsideError {
    /// A clause about the meeting's vote on a decision the meeting does not take.
    #[error("decision `{decision}` is decided by “{body}”, outside the meeting, so this clause has no meaning")]
    #[diagnostic(
        code(concord::model::clause_on_outside_decision),
        help("no member votes on a decision taken outside the meeting, so rules, quorums, who votes, vetoes, casting votes, escalation routes, defaults, approvals and postponement say nothing about it; take the clause off, or take `decided by` off and let the meeting decide (with `subject to the approval of \"{body}\"` if the body must approve what it passed)")
    )]
    MeetingClause {
        /// The decision.
        decision: String,
        /// The body that decides it.
        body: String,
        /// The clause.
        #[label("a clause about the meeting's vote")]
        at: SourceSpan,
        /// `decided by "…"`.
        #[label("decided outside the meeting here")]
        outside: SourceSpan,
    },

    /// Votes recorded on a proposal for a decision taken outside the meeting.
    #[error("decision `{decision}` is decided by “{body}”, outside the meeting: no member votes on it")]
    #[diagnostic(
        code(concord::model::vote_on_outside_decision),
        help("record what the body decided instead: `decided by \"{body}\": agreed`, `not agreed` or `not yet decided`; take the votes off")
    )]
    VoteOnOutsideDecision {
        /// The decision.
        decision: String,
        /// The body that decides it.
        body: String,
        /// The votes (or the casting vote) recorded.
        #[label("a vote on it")]
        at: SourceSpan,
    },

    /// A body's decision recorded on a proposal for a decision the meeting takes.
    #[error("decision `{decision}` is taken by the meeting's vote, not by “{body}”")]
    #[diagnostic(
        code(concord::model::not_decided_outside),
        help("`decided by \"…\": …` records the decision of the body a decision names with `decided by \"…\"`; take the line off, or, if the body must approve what the meeting passed, say `subject to the approval of \"{body}\"` on the decision and `approval of \"{body}\": given` on the proposal")
    )]
    NotDecidedOutside {
        /// The decision.
        decision: String,
        /// The body the line names.
        body: String,
        /// The line.
        #[label("changes nothing for this decision")]
        at: SourceSpan,
    },

    /// A proposal recording the decision of another body than the one the decision names.
    #[error("decision `{decision}` is decided by “{body}”, not by “{named}”")]
    #[diagnostic(
        code(concord::model::other_outside_body),
        help("name the body in the decision's very words: `decided by \"{body}\": agreed` (or `not agreed`, `not yet decided`)")
    )]
    OtherBody {
        /// The decision.
        decision: String,
        /// The body the decision names.
        body: String,
        /// The body the line names.
        named: String,
        /// The line.
        #[label("another body than the decision names")]
        at: SourceSpan,
    },
}
