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
    /// The casting vote is the person presiding's or an office's, and what was found depends
    /// on who holds it at the meeting.
    CastingHolderUnknown,
}

impl std::fmt::Display for NotAnalysedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotAnalysedReason::WeightsUnknown => "votes weigh by the budget committed to each proposal, which only a proposal says; run the proposals through the evaluator instead",
            NotAnalysedReason::TooLarge => "too large: the exact analysis would exceed its time and memory bounds for this many members and weights this fine-grained",
            NotAnalysedReason::Overflow => "too large: the weights are too large to compare exactly",
            NotAnalysedReason::CastingHolderUnknown => "the casting vote is held by whoever presides, or holds the office, at the meeting, and the answer depends on who that is; only what holds whoever has it is reported (`concord power --proposal` works out one meeting)",
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

mod attendance;
mod kinds;
mod makeup;
mod money;
mod procedure;
mod rules;

pub use attendance::*;
pub use kinds::*;
pub use makeup::*;
pub use money::*;
pub use procedure::*;
pub use rules::*;

catalogue! {
    /// A share method whose figure no member declares.
    MissingFigure(MissingFigure),
    /// Some members lack a figure the votes or shares are taken from.
    PartialFigure(PartialFigure),
    /// Members give `votes` that no decision counts.
    VotesNotUsed(VotesNotUsed),
    /// Savings steps after one that takes everything left.
    StepNeverReached(StepNeverReached),
    /// Every eligible member weighs zero.
    ZeroWeights(ZeroWeights),
    /// A threshold above 100% or at or below 0%.
    ThresholdOutOfRange(ThresholdOutOfRange),
    /// Shares that do not add up to 100%.
    SharesNot100(SharesNot100),
    /// A quorum that cannot be met.
    QuorumUnreachable(QuorumUnreachable),
    /// A quorum of those attending that needs more members than the agreement has.
    AttendanceQuorumUnreachable(AttendanceQuorumUnreachable),
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
    /// A member of two kinds whose own terms of leaving differ.
    LeavingTermsConflict(LeavingTermsConflict),
    /// A bloc's casting vote that no tie can use.
    BlocCastingVoteUnusable(BlocCastingVoteUnusable),
    /// A bloc condition with a threshold of its own on a bloc with a rule of its own.
    BlocRuleBypassed(BlocRuleBypassed),
    /// An analysis that was not done.
    NotAnalysed(NotAnalysed),
    /// Days when nobody holds an office.
    OfficeGap(OfficeGap),
    /// Two clauses giving an office on the same days.
    OfficeOverlap(OfficeOverlap),
    /// An office for a kind with no members.
    OfficeKindEmpty(OfficeKindEmpty),
    /// A limit on the number of members broken.
    SeatLimitBroken(SeatLimitBroken),
    /// Two kinds not matched in number as a limit says.
    SeatParityBroken(SeatParityBroken),
    /// A member of a kind drawn from different organisations that does not say which.
    SeatOrganisationNotGiven(SeatOrganisationNotGiven),
    /// Two members of such a kind drawn from one organisation.
    SeatsFromOneOrganisation(SeatsFromOneOrganisation),
    /// Two offices held together that a limit says are apart.
    OfficesNotApart(OfficesNotApart),
    /// Two offices that may be held together where a limit says they are apart.
    OfficesMayNotBeApart(OfficesMayNotBeApart),
    /// A finding the agreement says it intends, which the checker no longer finds.
    IntendedFindingAbsent(IntendedFindingAbsent),
    /// An `expect` clause naming a finding the checker does not have.
    UnknownFinding(UnknownFinding),
    /// An `expect` clause naming a finding that is an error here.
    IntendedError(IntendedError),
    /// A postponement share no request can reach, or any one reaches.
    PostponementOutOfRange(PostponementOutOfRange),
    /// A postponement clause that cannot make a difference.
    PostponementNoEffect(PostponementNoEffect),
    /// A list of who may propose that names nobody who can.
    NoProposer(NoProposer),
    /// `any 10 members jointly` with fewer members in the agreement.
    JointCountUnreachable(JointCountUnreachable),
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
