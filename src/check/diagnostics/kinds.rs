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

/// A bloc's casting vote that no tie within the bloc can ever use.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the casting vote within the {bloc} bloc can never settle anything: a tie never reaches `{rule}`")]
#[diagnostic(
    severity(Warning),
    code(concord::check::bloc_casting_vote_unusable),
    help("a tie within the bloc is only half of its votes, so a casting vote carries it only under `decides by more than half of …`; change the bloc's rule, or take the casting vote off")
)]
pub struct BlocCastingVoteUnusable {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub bloc: String,
    pub rule: String,
    #[label("this casting vote")]
    pub at: SourceSpan,
    #[label("the bloc's rule")]
    pub rule_at: SourceSpan,
}
code!(BlocCastingVoteUnusable, "concord::check::bloc_casting_vote_unusable");

/// A bloc condition with a threshold of its own, on a bloc that decides by a rule of its own.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("this condition measures its own threshold in the {bloc} bloc, not the bloc's own rule")]
#[diagnostic(
    severity(Warning),
    code(concord::check::bloc_rule_bypassed),
    help("the {bloc} bloc decides by {terms}, which a condition `… in favour by …` does not use; write `each bloc in favour` (or `the {bloc} bloc in favour`) to ask for the bloc's own position")
)]
pub struct BlocRuleBypassed {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub bloc: String,
    pub terms: String,
    #[label("a threshold of its own")]
    pub at: SourceSpan,
    #[label("the bloc's own terms")]
    pub bloc_at: SourceSpan,
}
code!(BlocRuleBypassed, "concord::check::bloc_rule_bypassed");
