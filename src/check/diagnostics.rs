//! The checker's catalogue: one struct per code, `concord::check::<name>`.
//!
//! Severity belongs to the type (the dictator finding has two types, an error in the
//! joint-commissioning forms and a warning elsewhere, sharing one code). Every struct names the
//! decision it is about, for grouping, and may carry a [`Witness`]: the coalitions or amounts
//! that show the problem, printed in the help and given whole in the JSON report.

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use serde::Serialize;
use thiserror::Error;

/// Evidence for a finding, in members' identifiers and the agreement's own figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Witness {
    /// Two disjoint coalitions that would each pass: a proposal and its opposite.
    BothSides {
        /// How members outside the two coalitions vote: `against` or `abstain`.
        others: &'static str,
        /// In favour of the proposal (and against its opposite).
        for_proposal: Vec<String>,
        /// Against the proposal (and in favour of its opposite).
        for_opposite: Vec<String>,
    },
    /// Members who pass the decision alone.
    Alone { members: Vec<String> },
    /// A member whose vote never changes the outcome, and why.
    Dummy { member: String, reason: String },
    /// Members who can each block alone: for each, the rest in favour and the rule still fails.
    Blocking { members: Vec<String>, smallest_blocking: Vec<String> },
    /// An amount of money that shows the problem.
    Amount { amount: String },
    /// Conditions that fail even with every eligible member in favour.
    Failing { conditions: Vec<String> },
}

/// A problem in a rule's numbers: why a threshold cannot work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeProblem {
    /// Above 100% (or `more than 100%`): nothing reaches it.
    TooHigh,
    /// At or below 0%: everything reaches it.
    TooLow,
}

impl std::fmt::Display for RangeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RangeProblem::TooHigh => "no vote can reach more than all the votes; use a share of at most 100%",
            RangeProblem::TooLow => {
                "a share of 0% or less is met by any vote, even nobody in favour; use a share above 0%"
            }
        })
    }
}

/// Which list of shares fails to add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareList {
    /// A savings share mix.
    Savings,
    /// A deficit share mix.
    Deficits,
    /// Reserved vote shares (over 100% only).
    ReservedVotes,
    /// Providers' shares of a budget line.
    Providers,
}

impl std::fmt::Display for ShareList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ShareList::Savings => "the savings share mix",
            ShareList::Deficits => "the deficit share mix",
            ShareList::ReservedVotes => "the reserved shares of the votes",
            ShareList::Providers => "the providers' shares of this budget line",
        })
    }
}

/// Why a member cannot vote on a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CannotVote {
    /// It is an observer.
    Observer,
    /// The decision excludes it.
    Excluded,
    /// Gaining revenue may exclude it from a given proposal.
    MayBeExcluded,
}

impl std::fmt::Display for CannotVote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CannotVote::Observer => "an observer never votes",
            CannotVote::Excluded => "excluded from this decision here",
            CannotVote::MayBeExcluded => "excluded from any proposal it gains from",
        })
    }
}

/// Why an analysis was not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAnalysedReason {
    /// Votes weigh by the budget committed to each proposal.
    WeightsUnknown,
    /// The game is too large for the exact methods' bounds.
    TooLarge,
    /// The weights are too large to scale to exact integers.
    Overflow,
}

impl std::fmt::Display for NotAnalysedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotAnalysedReason::WeightsUnknown => "votes weigh by the budget committed to each proposal, which only a proposal says; run the proposals through the evaluator instead",
            NotAnalysedReason::TooLarge => "too large: the exact analysis would exceed its time and memory bounds for this many members and weights this fine-grained",
            NotAnalysedReason::Overflow => "too large: the weights are too large to compare exactly",
        })
    }
}

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $variant:ident ( $ty:ident ) ),* $(,)?) => {
        /// Every finding the checker reports.
        #[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
        pub enum CheckDiagnostic {
            $( $(#[$doc])* #[error(transparent)] #[diagnostic(transparent)] $variant(#[from] $ty), )*
        }

        impl CheckDiagnostic {
            /// The decision the finding is about, if it is about one.
            pub fn decision(&self) -> Option<&str> {
                match self { $( CheckDiagnostic::$variant(d) => d.decision.as_deref(), )* }
            }

            /// The evidence, if the finding has any.
            pub fn witness(&self) -> Option<&Witness> {
                match self { $( CheckDiagnostic::$variant(d) => d.witness.as_ref(), )* }
            }
        }

        /// Every code in the catalogue, for documentation and tests.
        pub const CODES: &[&str] = &[ $( $ty::CODE, )* ];
    };
}

macro_rules! code {
    ($ty:ident, $code:literal) => {
        impl $ty {
            /// This finding's code.
            pub const CODE: &'static str = $code;
        }
    };
}

catalogue! {
    /// A share method whose figure no member declares.
    MissingFigure(MissingFigure),
    /// Some members lack a figure the votes or shares are taken from.
    PartialFigure(PartialFigure),
    /// Every eligible member weighs zero.
    ZeroWeights(ZeroWeights),
    /// A threshold above 100% or at or below 0%.
    ThresholdOutOfRange(ThresholdOutOfRange),
    /// Shares that do not add up to 100%.
    SharesNot100(SharesNot100),
    /// A quorum that cannot be met.
    QuorumUnreachable(QuorumUnreachable),
    /// A head count above the members who may vote.
    CountTooLarge(CountTooLarge),
    /// A quorum that needs more members than may vote.
    MembershipTooSmall(MembershipTooSmall),
    /// A rule that fails with everyone in favour.
    NeverPasses(NeverPasses),
    /// A rule that passes with nobody in favour.
    PassesWithoutSupport(PassesWithoutSupport),
    /// A rule requires a member who cannot vote.
    RequiredMemberCannotVote(RequiredMemberCannotVote),
    /// A kind condition with no voting member of the kind.
    EmptyKind(EmptyKind),
    /// A bloc condition over a bloc with no voting member.
    EmptyBloc(EmptyBloc),
    /// A proposal and its opposite could both pass.
    BothSidesPass(BothSidesPass),
    /// One member passes a decision alone in a joint-commissioning agreement.
    DictatorJointCommissioning(DictatorJointCommissioning),
    /// One member passes a decision alone.
    Dictator(Dictator),
    /// A member with votes that never change the outcome.
    Dummy(Dummy),
    /// A member who can block alone without a granted veto.
    UnintendedVeto(UnintendedVeto),
    /// A decision any one member can block, with no way out.
    Gridlock(Gridlock),
    /// A casting vote its holder cannot always use.
    CastingVoteUnusable(CastingVoteUnusable),
    /// An escalation that leads back where it started.
    EscalationLoop(EscalationLoop),
    /// Budget lines above the capitated budget.
    BudgetOverCapitated(BudgetOverCapitated),
    /// Personal budgets below their statutory minimum.
    PersonalBudgetBelowMinimum(PersonalBudgetBelowMinimum),
    /// Deficits above what liability caps let members bear.
    DeficitBeyondCaps(DeficitBeyondCaps),
    /// Compensation that can never pay anything.
    CompensationImpossible(CompensationImpossible),
    /// A fund whose lines' budgets differ from what the partners put in.
    FundLinesDoNotAddUp(FundLinesDoNotAddUp),
    /// A line's commissioning shares above 100%.
    CommissionerSharesOverWhole(CommissionerSharesOverWhole),
    /// A line whose risk follows its commissioning partner, with none named.
    LineWithoutCommissioner(LineWithoutCommissioner),
    /// A line with no risk share and several commissioning partners.
    RiskBorneBySeveral(RiskBorneBySeveral),
    /// A pooled fund with no host.
    FundWithoutHost(FundWithoutHost),
    /// A fund whose rule may have to share a variance, without a waterfall for it.
    FundWithoutWaterfall(FundWithoutWaterfall),
    /// Figures too large to add up or compare exactly.
    FiguresTooLarge(FiguresTooLarge),
    /// `half … plus one` counted in votes that have no natural unit.
    PlusOneDependsOnUnits(PlusOneDependsOnUnits),
    /// An analysis that was not done.
    NotAnalysed(NotAnalysed),
    /// A finding the agreement says it intends, which the checker no longer finds.
    IntendedFindingAbsent(IntendedFindingAbsent),
    /// An `expect` clause naming a finding the checker does not have.
    UnknownFinding(UnknownFinding),
    /// An `expect` clause naming a finding that is an error here.
    IntendedError(IntendedError),
}

/// `expect dummy because "…"` where the checker finds no such thing.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the agreement expects {what} {place}, but the checker finds none")]
#[diagnostic(
    severity(Warning),
    code(concord::check::intended_finding_absent),
    help("the agreement has changed since this was written, or the finding was fixed: remove the `expect` clause, or check that the reason given still holds")
)]
pub struct IntendedFindingAbsent {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    /// The finding, in words: "a `dummy` finding".
    pub what: String,
    /// "in this block" or "anywhere in the agreement".
    pub place: String,
    #[label("expected here")]
    pub at: SourceSpan,
}
code!(IntendedFindingAbsent, "concord::check::intended_finding_absent");

/// `expect dumy because "…"`: no finding has that name.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the checker has no finding called `{name}`")]
#[diagnostic(code(concord::check::unknown_finding), help("{help}"))]
pub struct UnknownFinding {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub help: String,
    #[label("no such finding")]
    pub at: SourceSpan,
}
code!(UnknownFinding, "concord::check::unknown_finding");

/// `expect never_passes because "…"` where the finding is an error: an error stops the
/// agreement being worked out, so it cannot be intended.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("`{name}` is an error here, and an error cannot be marked as intended")]
#[diagnostic(
    code(concord::check::intended_error),
    help("only warnings and advice can be expected; an error stops Concord working the agreement out, so fix what the error says and remove this clause")
)]
pub struct IntendedError {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    #[label("expected here")]
    pub at: SourceSpan,
}
code!(IntendedError, "concord::check::intended_error");

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
#[error("{members} can block decision `{name}` alone, though the agreement grants no veto")]
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
/// `half … plus one` counted in votes weighed by a figure or with a reserved share, where "one
/// vote" has no natural size (docs/reference.md, "Half the total plus one, and more than half").
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("\"plus one\" in decision `{name}` has no natural size: its votes are weighed {weights}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::plus_one_depends_on_units),
    help("these votes are not whole votes, so Concord takes \"one vote\" to be one percentage point of the eligible votes: `half the eligible votes plus one` needs 51% of them, while the same weights written as `votes` for each member would count one vote as 1 and need a different share. For a majority, write `more than half of eligible votes`; to count heads, count `members`")
)]
pub struct PlusOneDependsOnUnits {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub weights: String,
    #[label(collection)]
    pub conditions: Vec<LabeledSpan>,
    #[label("votes weighed here")]
    pub scheme_at: Option<SourceSpan>,
    #[label("a share reserved here")]
    pub reserved_at: Option<SourceSpan>,
}
code!(PlusOneDependsOnUnits, "concord::check::plus_one_depends_on_units");

/// An analysis the checker did not do.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("not analysed: {what} of decision `{name}`")]
#[diagnostic(severity(Advice), code(concord::check::not_analysed))]
pub struct NotAnalysed {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub what: &'static str,
    #[label("this rule")]
    pub at: SourceSpan,
    #[help]
    pub why: NotAnalysedReason,
}
code!(NotAnalysed, "concord::check::not_analysed");
