//! Outcomes beyond pass and fail (issue 21, item 8): what a decision says happens when it is not
//! carried, other than going down an escalation route.

use serde::Serialize;

use crate::span::Span;

/// `if rejected, the default is "…"`: what applies when a proposal for the decision is not
/// carried and no escalation route takes it (docs/semantics.md step 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefaultOutcome {
    /// The default, in the agreement's words.
    pub text: String,
    /// The clause.
    pub span: Span,
}
