//! Findings about rights and rules that differ by kind: a member's terms of leaving.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::*;

/// A member of two kinds whose own terms of leaving differ.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error(
    "`{member}` has two {term}s on leaving: {first} as a {first_kind} member and {second} as a {second_kind} member"
)]
#[diagnostic(
    code(concord::check::leaving_terms_conflict),
    help("which applies to `{member}` is not settled: give the two kinds the same {term}, or take `{member}` out of one of the kinds")
)]
pub struct LeavingTermsConflict {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub member: String,
    /// `notice` or `sum paid`.
    pub term: String,
    pub first: String,
    pub first_kind: String,
    pub second: String,
    pub second_kind: String,
    #[label("for {first_kind} members")]
    pub first_at: SourceSpan,
    #[label("for {second_kind} members")]
    pub second_at: SourceSpan,
    #[label("a member of both kinds")]
    pub member_at: SourceSpan,
}
code!(LeavingTermsConflict, "concord::check::leaving_terms_conflict");
