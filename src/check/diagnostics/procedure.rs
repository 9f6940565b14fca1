//! Findings about a decision's clauses on postponement and on who may propose (issue 21, item 8).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::Witness;

/// A postponement share that no request can reach, or that any one request reaches.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the postponement clause of decision `{name}` cannot work: {problem}")]
#[diagnostic(
    code(concord::check::postponement_out_of_range),
    help("give a share above 0% and at most 100% of the eligible votes, e.g. `members holding at least 30% of eligible votes who ask may have it postponed`")
)]
pub struct PostponementOutOfRange {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub problem: String,
    #[label("{problem}")]
    pub at: SourceSpan,
}
code!(PostponementOutOfRange, "concord::check::postponement_out_of_range");

/// A postponement clause that cannot make a difference: whoever may ask could already defeat
/// the proposal, or any one member may put off every proposal.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the postponement clause of decision `{name}` {problem}")]
#[diagnostic(severity(Warning), code(concord::check::postponement_no_effect))]
pub struct PostponementNoEffect {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub problem: String,
    #[help]
    pub help: &'static str,
    #[label("this clause")]
    pub at: SourceSpan,
}
code!(PostponementNoEffect, "concord::check::postponement_no_effect");

/// A list of who may propose in which nobody can propose: each kind named has no member.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("no one may propose decision `{name}`: {kinds} {have} no members")]
#[diagnostic(
    code(concord::check::no_proposer),
    help("name a member, a kind that has members, or a body in quotes (`may be proposed only by \"the lay panel\"`)")
)]
pub struct NoProposer {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub kinds: String,
    pub have: &'static str,
    #[label("nobody this names can propose")]
    pub at: SourceSpan,
}
code!(NoProposer, "concord::check::no_proposer");

/// `any 10 members jointly` where the agreement has fewer members: no joint proposal can be made.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error(
    "no joint proposal of decision `{name}` can be made: it needs {needed} members and the agreement has {members}"
)]
#[diagnostic(
    severity(Warning),
    code(concord::check::joint_count_unreachable),
    help("give the number the agreement means, at most the number of members, or take `by any … members jointly` off the clause")
)]
pub struct JointCountUnreachable {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub needed: u32,
    pub members: usize,
    #[label("more members than the agreement has")]
    pub at: SourceSpan,
}
code!(JointCountUnreachable, "concord::check::joint_count_unreachable");
