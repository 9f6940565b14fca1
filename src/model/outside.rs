//! A decision taken by a body outside the meeting (C51: "the Welsh Ministers may remove that
//! member"): the body a decision names (`decided by "the Welsh Ministers"`), and what a proposal
//! records it decided (`decided by "the Welsh Ministers": agreed`). No member votes on such a
//! decision: its outcome is the body's decision, once the conditions of docs/semantics.md step
//! 1a allow it (step 1b).

use serde::Serialize;

use crate::span::{Span, Spanned};
pub use crate::syntax::ast::OutsideVerdict;

/// `decided by "BODY"` on a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutsideBody {
    /// The body, in the clause's words.
    pub body: String,
    /// The clause.
    pub span: Span,
}

/// `decided by "BODY": agreed` (or `not agreed`, `not yet decided`) on a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutsideDecision {
    /// The body, as the proposal names it.
    pub body: Spanned<String>,
    /// What it decided.
    pub verdict: OutsideVerdict,
    /// The line.
    pub span: Span,
}

impl OutsideVerdict {
    /// The verdict in the words of a proposal line.
    pub fn words(self) -> &'static str {
        match self {
            OutsideVerdict::Agreed => "agreed",
            OutsideVerdict::NotAgreed => "not agreed",
            OutsideVerdict::NotYetDecided => "not yet decided",
        }
    }
}
