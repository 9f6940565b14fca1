//! Findings about votes, thresholds, quorums and who can carry or block a decision.

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use thiserror::Error;

use super::*;

/// Shares by a figure that no member declares.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{what} are shared by `{figure}`, but no member declares a `{figure}`")]
#[diagnostic(
    code(concord::check::missing_figure),
    help("give each member its `{figure}` (for example `{figure} {example}`), or share by another method")
)]
pub struct MissingFigure {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub what: &'static str,
    pub figure: &'static str,
    pub example: &'static str,
    #[label("shared by {figure}")]
    pub at: SourceSpan,
}
code!(MissingFigure, "concord::check::missing_figure");

/// Members without a figure that weighs their votes or shares.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{names} {verb} no `{figure}`, so {counts} as zero in {used_for}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::partial_figure),
    help("give every member a `{figure}` figure (`{figure} {zero}` if zero is meant)")
)]
pub struct PartialFigure {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub names: String,
    pub verb: &'static str,
    pub counts: &'static str,
    pub figure: &'static str,
    /// A zero of the figure's kind, as written (`£0`, `0%`, `0`).
    pub zero: &'static str,
    pub used_for: &'static str,
    #[label("uses each member's {figure}")]
    pub at: SourceSpan,
    #[label(collection, "no {figure} declared")]
    pub members: Vec<LabeledSpan>,
}
code!(PartialFigure, "concord::check::partial_figure");

/// Members give `votes`, but no decision is voted by them: each vote counts one.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{names} {verb} a number of votes, but no decision counts them: {instead}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::votes_not_used),
    help("to weigh each member's vote by its `votes`, write `voting as set for each member` (for the whole agreement, or under a decision); if the figures are only for information, take them out")
)]
pub struct VotesNotUsed {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub names: String,
    pub verb: &'static str,
    /// How the decisions are voted instead, in words (`every decision is voted one member one vote`).
    pub instead: String,
    #[label(collection, "not used by any decision")]
    pub votes: Vec<LabeledSpan>,
}
code!(VotesNotUsed, "concord::check::votes_not_used");

/// Every eligible member of a decision weighs zero.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("no member who may vote on decision `{name}` has any votes")]
#[diagnostic(
    code(concord::check::zero_weights),
    help("every eligible member weighs zero under this scheme, so no share of the votes can be reached; give the members the figure the votes are weighed by, or choose another scheme")
)]
pub struct ZeroWeights {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    #[label("votes are weighed by this")]
    pub scheme: Option<SourceSpan>,
    #[label("this decision")]
    pub at: SourceSpan,
}
code!(ZeroWeights, "concord::check::zero_weights");

/// A threshold that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("a threshold of {value} in decision `{name}` cannot work")]
#[diagnostic(code(concord::check::threshold_out_of_range))]
pub struct ThresholdOutOfRange {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub value: String,
    #[label("{value}")]
    pub at: SourceSpan,
    #[label("in this condition")]
    pub condition: SourceSpan,
    #[help]
    pub problem: RangeProblem,
}
code!(ThresholdOutOfRange, "concord::check::threshold_out_of_range");

/// Shares that do not add up to 100%.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{list} add up to {total}, not 100%")]
#[diagnostic(
    code(concord::check::shares_not_100),
    help("make the shares add up to 100% (reserved shares to at most 100%), so that every pound or vote is shared exactly once")
)]
pub struct SharesNot100 {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub list: ShareList,
    pub total: String,
    #[label(collection, "a share")]
    pub parts: Vec<LabeledSpan>,
}
code!(SharesNot100, "concord::check::shares_not_100");

/// A quorum that fails even with every eligible member present.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the quorum of decision `{name}`{when} can never be met")]
#[diagnostic(
    code(concord::check::quorum_unreachable),
    help("even with all {eligible} members who may vote present and in favour, the quorum fails; ask for no more than the members who can attend and vote")
)]
pub struct QuorumUnreachable {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    /// Nothing for the ordinary quorum; ` at a reconvened meeting` for the lower one.
    pub when: &'static str,
    pub name: String,
    pub eligible: usize,
    #[label("this quorum")]
    pub quorum: SourceSpan,
    #[label("this decision")]
    pub at: SourceSpan,
}
code!(QuorumUnreachable, "concord::check::quorum_unreachable");

/// A head count larger than the members who may vote.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("decision `{name}` needs {needed} {who}, but only {available} may vote on it")]
#[diagnostic(
    code(concord::check::count_too_large),
    help("ask for at most {available}, or let more members vote on this decision")
)]
pub struct CountTooLarge {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub needed: String,
    pub who: String,
    pub available: usize,
    #[label("needs this many")]
    pub at: SourceSpan,
    #[label("in this condition")]
    pub condition: SourceSpan,
}
code!(CountTooLarge, "concord::check::count_too_large");

/// A quorum that needs more members than the agreement has who may vote on the decision.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the quorum of decision `{name}` needs {needed} {who}, but only {available} may vote on it")]
#[diagnostic(
    code(concord::check::membership_too_small),
    help("no meeting can be quorate: ask for at most {available}, or add the members the quorum counts on")
)]
pub struct MembershipTooSmall {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub needed: String,
    pub who: String,
    pub available: usize,
    #[label("needs this many")]
    pub at: SourceSpan,
    #[label("in this quorum")]
    pub condition: SourceSpan,
}
code!(MembershipTooSmall, "concord::check::membership_too_small");

/// A rule that fails even with every eligible member in favour.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("decision `{name}` can never pass")]
#[diagnostic(
    code(concord::check::never_passes),
    help("even with every member who may vote in favour, the conditions marked fail; change them so that the members who can vote are able to meet them")
)]
pub struct NeverPasses {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    #[label("the rule")]
    pub rule: SourceSpan,
    #[label(collection, "fails even with everyone in favour")]
    pub failing: Vec<LabeledSpan>,
}
code!(NeverPasses, "concord::check::never_passes");

/// A rule that a meeting passes with nobody voting in favour.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("decision `{name}` passes with nobody in favour: {how}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::passes_without_support),
    help("if a decision should need someone's support, add a condition such as `at least 1 member in favour`, or a quorum such as `quorum at least half of eligible members present`")
)]
pub struct PassesWithoutSupport {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    /// Which meeting passes it, in words.
    pub how: &'static str,
    #[label("holds with nobody in favour")]
    pub rule: SourceSpan,
}
code!(PassesWithoutSupport, "concord::check::passes_without_support");

/// A condition on a member who cannot vote.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("decision `{name}` requires `{member}` to vote, but `{member}` cannot vote on it")]
#[diagnostic(
    code(concord::check::required_member_cannot_vote),
    help("a condition on how `{member}` votes can never hold while it cannot vote; let it vote on this decision, or drop the condition")
)]
pub struct RequiredMemberCannotVote {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub member: String,
    pub reason: CannotVote,
    #[label("needs `{member}`'s vote")]
    pub at: SourceSpan,
    #[label("{reason}")]
    pub because: SourceSpan,
}
code!(RequiredMemberCannotVote, "concord::check::required_member_cannot_vote");

/// A kind condition with no member of the kind who may vote.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("no `{kind}` member may vote on decision `{name}`, so this condition never holds")]
#[diagnostic(
    code(concord::check::empty_kind),
    help("with no `{kind}` member voting there is nothing to count; give a voting member the kind `{kind}`, or drop the condition")
)]
pub struct EmptyKind {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub kind: String,
    #[label("counts `{kind}` members")]
    pub at: SourceSpan,
    #[label("the kind")]
    pub kind_at: SourceSpan,
}
code!(EmptyKind, "concord::check::empty_kind");

/// A bloc condition over a bloc with no member who may vote.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("bloc `{bloc}` has no member who may vote on decision `{name}`, so this condition never holds")]
#[diagnostic(
    code(concord::check::empty_bloc),
    help("list the bloc's members under `bloc {bloc}` (`members a, b` or `members of kind …`), or drop the condition")
)]
pub struct EmptyBloc {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub bloc: String,
    #[label("needs bloc `{bloc}`")]
    pub at: SourceSpan,
    #[label("the bloc")]
    pub bloc_at: SourceSpan,
}
code!(EmptyBloc, "concord::check::empty_bloc");

/// A proposal and its opposite could both pass.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("under decision `{name}` a proposal and its opposite could both pass")]
#[diagnostic(
    code(concord::check::both_sides_pass),
    help("if {for_proposal} {verb} for a proposal and {for_opposite} against it{others}, it passes; put the opposite proposal and it passes too. Require more than half (of eligible votes rather than votes cast)")
)]
pub struct BothSidesPass {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub for_proposal: String,
    pub verb: &'static str,
    pub for_opposite: String,
    pub others: &'static str,
    #[label("passes with either side")]
    pub rule: SourceSpan,
}
code!(BothSidesPass, "concord::check::both_sides_pass");

/// One member passes a decision alone, in a joint-commissioning form.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("`{member}` can pass decision `{name}` alone, but no party may impose a decision on the pool")]
#[diagnostic(
    code(concord::check::dictator),
    help("in a {form} no partner may decide for the others; raise the threshold above `{member}`'s share of the votes, or require another member's agreement")
)]
pub struct DictatorJointCommissioning {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub member: String,
    pub form: &'static str,
    #[label("`{member}` alone meets this")]
    pub rule: SourceSpan,
    #[label("the member")]
    pub member_at: SourceSpan,
    #[label("joint commissioning")]
    pub form_at: SourceSpan,
}
code!(DictatorJointCommissioning, "concord::check::dictator");

/// One member passes a decision alone.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("`{member}` can pass decision `{name}` alone")]
#[diagnostic(
    severity(Warning),
    code(concord::check::dictator),
    help("with every other member against, `{member}`'s vote alone passes it; if that is not meant, raise the threshold above `{member}`'s share of the votes")
)]
pub struct Dictator {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub member: String,
    #[label("`{member}` alone meets this")]
    pub rule: SourceSpan,
    #[label("the member")]
    pub member_at: SourceSpan,
}
code!(Dictator, "concord::check::dictator");

/// A member whose votes never change the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("`{member}` has votes on decision `{name}` but can never change its outcome")]
#[diagnostic(severity(Warning), code(concord::check::dummy))]
pub struct Dummy {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub member: String,
    #[label("its vote never decides anything")]
    pub member_at: SourceSpan,
    #[label("under this rule")]
    pub rule: SourceSpan,
    #[help]
    pub reason: String,
}
code!(Dummy, "concord::check::dummy");

/// Members who can block alone though the text grants them no veto.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{members} can block decision `{name}` alone, though the agreement gives {them} no veto")]
#[diagnostic(
    severity(Warning),
    code(concord::check::unintended_veto),
    help("{example}; if that is meant, say so (`… may veto`), otherwise lower the threshold")
)]
pub struct UnintendedVeto {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub members: String,
    /// `it` for one member, `them` for several.
    pub them: &'static str,
    pub example: String,
    #[label("fails if such a member votes against")]
    pub rule: SourceSpan,
    #[label(collection, "can block alone")]
    pub holders: Vec<LabeledSpan>,
}
code!(UnintendedVeto, "concord::check::unintended_veto");

/// A decision one member can block, with nowhere for a blocked decision to go.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("decision `{name}` can be blocked by {blockers} with no way out of the deadlock")]
#[diagnostic(
    severity(Warning),
    code(concord::check::gridlock),
    help("add a route for a blocked decision, e.g. `if rejected, escalate to \"the joint committee\"`")
)]
pub struct Gridlock {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub blockers: String,
    #[label("one member can block this")]
    pub at: SourceSpan,
    #[label("no escalation route")]
    pub decision_at: SourceSpan,
}
code!(Gridlock, "concord::check::gridlock");

/// A casting vote held by a member who cannot always use it.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("`{member}` holds the casting vote of decision `{name}` but may be unable to use it")]
#[diagnostic(
    severity(Warning),
    code(concord::check::casting_vote_unusable),
    help("only a member who votes on the decision can use its casting vote; give the casting vote to one who always does, e.g. the chair")
)]
pub struct CastingVoteUnusable {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub member: String,
    #[label("casting vote")]
    pub at: SourceSpan,
    #[label("{reason}")]
    pub because: SourceSpan,
    pub reason: CannotVote,
}
code!(CastingVoteUnusable, "concord::check::casting_vote_unusable");

/// An escalation route that comes back to where it started.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the escalation of decision `{name}` goes round in a circle: {path}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::escalation_loop),
    help("end the route at a body that decides, e.g. mediation or arbitration, rather than at a decision that escalates back")
)]
pub struct EscalationLoop {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub path: String,
    #[label(collection, "escalates here")]
    pub steps: Vec<LabeledSpan>,
}
code!(EscalationLoop, "concord::check::escalation_loop");
