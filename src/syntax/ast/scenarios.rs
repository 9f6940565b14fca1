//! Membership, proposals, year-end results and scenarios.

use rust_decimal::Decimal;
use serde::Serialize;

use super::*;
use crate::span::Spanned;

/// A clause under `membership`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MembershipClause {
    JoiningDecidedBy(Spanned<String>),
    JoiningAccession,
    /// `leaving requires 12 months' notice [for commercial members]`
    LeavingNotice(Spanned<Duration>, Option<Ident>),
    LeavingDecidedBy(Spanned<String>),
    /// `a leaving [commercial] member forfeits its investment`
    LeavingForfeits(Spanned<FigureName>, Option<Ident>),
    LeavingLosesSay,
    /// `a leaving [commercial] member pays £250,000`
    LeavingPays(Spanned<Amount>, Option<Ident>),
    ExpulsionDecidedBy(Spanned<String>),
    /// `at most 7 members`, `as many council members as nhs members`, …
    Makeup(MakeupLimit),
}

// ───────────── proposals, results, scenarios ─────────────

/// How a member voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VoteChoice {
    InFavour,
    Against,
    Abstaining,
}

/// A revenue change: an amount, or a percentage of the member's budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RevenueChange {
    Amount(Amount),
    PercentOfBudget(Decimal),
}

/// A clause of a proposal (also allowed in a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProposalClause {
    /// `decision "change financial flows"`
    Decision(Spanned<String>),
    /// `dated 1 May 2026`
    Dated(Spanned<Date>),
    /// `gpfed gains £900,000` / `hhft loses 3% of its budget`
    Revenue { member: Spanned<MemberRef>, gain: bool, change: Spanned<RevenueChange> },
    /// `it puts lbh's statutory duties at risk`
    DutiesAtRisk(Spanned<MemberRef>),
    /// `ccg-north commits £2,000,000`
    Commitment { member: Spanned<MemberRef>, amount: Spanned<Amount> },
    /// `in favour: hhft, gpfed (by proxy lbh)`; `cast_by` runs beside `members`: who cast each
    /// vote for a member not there itself.
    Votes { choice: VoteChoice, members: Vec<Spanned<MemberRef>>, cast_by: Vec<Option<Spanned<CastBy>>> },
    /// `casting vote: in favour`
    CastingVote(VoteChoice),
    /// `presiding: hhft`: the member presiding at the meeting.
    Presiding(Spanned<MemberRef>),
    /// `at a reconvened meeting`
    Reconvened,
    /// `concerning: lbh`
    Concerning(Spanned<MemberRef>),
    /// `opted out: lbh, icb`
    OptedOut(Vec<Spanned<MemberRef>>),
    /// `approval of "NHS England": given`
    Approval { approver: super::ApproverRef, state: super::ApprovalState },
    /// `conflicted: gpfed`
    Conflicted(Vec<Spanned<MemberRef>>),
    /// `on gpfed taking part, in favour: icb, trust`
    ConflictVote { member: Spanned<MemberRef>, choice: VoteChoice, members: Vec<Spanned<MemberRef>> },
    /// `requested on 1 May 2026`
    Requested(Spanned<Date>),
    /// `proposed by: icb` / `proposed by: "the Commission"`
    ProposedBy(Spanned<ProposedBy>),
    /// `meeting called by: icb` / `meeting called by: "the chair"`
    MeetingCalledBy(Spanned<ProposedBy>),
    /// `asking for postponement: lbh, icb`
    AskingPostponement(Vec<Spanned<MemberRef>>),
    /// `notice given on 1 May 2026`
    NoticeGiven(Spanned<Date>),
    /// `breach notified on 1 April 2026`
    BreachNotified(Spanned<Date>),
    /// `remedied on 20 April 2026`
    Remedied(Spanned<Date>),
    /// `applicant: pcn-east "East Primary Care Network"`: who joins on passing.
    Applicant { id: Ident, name: Option<Spanned<String>> },
    /// `last attended on 1 October 2025`, `attending without a vote: lay1` and the like.
    Meetings(super::MeetingsLine),
    /// `decided by "the Welsh Ministers": agreed`: what the body outside the meeting decided.
    Outside(super::OutsideLine),
}

/// Who made a proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProposedBy {
    /// A member of the agreement.
    Member(MemberRef),
    /// A body outside it, in quotes.
    Body(String),
    /// Several members together (`proposed by: a, b, c`), in the order listed.
    Jointly(Vec<Spanned<MemberRef>>),
}

/// A clause of a year-end result (also allowed in a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ResultClause {
    CapitatedBudget(Spanned<Amount>),
    ActualCost(Spanned<Amount>),
    /// `actual cost of "Reablement" £5,800,000`: a fund's or a line's actual cost.
    ActualCostOf {
        of: Spanned<String>,
        amount: Spanned<Amount>,
    },
    /// `"agree additional contributions" was agreed`
    Agreed(Spanned<String>),
    /// `"approve carry forward" was not agreed`
    NotAgreed(Spanned<String>),
    /// `icb approved the carry forward`, `hounslow did not approve the carry forward`
    Approval {
        member: Spanned<MemberRef>,
        approved: bool,
    },
    OtherIncome(Spanned<Amount>),
    FundBalance(Spanned<Amount>),
    Performance(Vec<(Spanned<MemberRef>, Spanned<Decimal>)>),
    /// `"emergency admissions" fell by 5.1%` (or `rose by`): a measure a conditional income names.
    Measure {
        name: Spanned<String>,
        fell: bool,
        by: Spanned<Decimal>,
    },
    /// `the overspend on "Community beds" was caused by maladministration by harrow`
    Maladministration {
        line: Spanned<String>,
        by: Spanned<MemberRef>,
    },
}

/// The outcome of a decision, as a scenario expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OutcomeWord {
    Passed,
    Rejected,
    Escalated,
    Deadlocked,
    Invalid,
    Postponed,
    /// `awaiting the decision`: of the body outside the meeting that takes it.
    Awaiting,
}

/// Why a vote was invalid, as a scenario expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InvalidReason {
    NoQuorum,
    UnknownMemberVoted,
    UnknownDecision,
    /// `too little notice was given`
    TooLittleNotice,
    /// `the cure period has not run`
    CurePeriodNotRun,
    /// `the breach was remedied`
    BreachRemedied,
    /// `the proposer may not propose it`
    ProposerNotAllowed,
    /// `the meeting was not validly called` (`a meeting may be called by …`)
    MeetingNotCalled,
    /// `the member has not missed meetings for long enough`
    AbsenceTooShort,
    /// `the absence was excused`
    AbsenceExcused,
}

/// More about an expected outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OutcomeDetail {
    EscalatedTo(Spanned<String>),
    CastingVoteOf(Spanned<MemberRef>),
    Because(InvalidReason),
    /// `the default applies`: the decision's default was applied.
    DefaultApplies,
    /// `subject to approval`: passed, with an approval outside the meeting still awaited.
    SubjectToApproval,
    /// `approval withheld`: rejected because an approval outside the meeting was withheld.
    ApprovalWithheld,
}

/// Who an expected share belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ShareHolder {
    Member(MemberRef),
    ContingencyFund,
}

/// What a scenario expects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expectation {
    /// `expect rejected`, `expect escalated to "mediation"`
    Outcome { outcome: OutcomeWord, detail: Option<Spanned<OutcomeDetail>> },
    /// `expect hhft receives £1,200,000` (`bears` for a deficit)
    Share { holder: Spanned<ShareHolder>, receives: bool, amount: Spanned<Amount>, fund: Option<Spanned<String>> },
    /// `expect unallocated £0`
    Unallocated(Spanned<Amount>),
    /// `carried forward £200,000 in "Integrated Care Fund"`
    CarriedForward { amount: Spanned<Amount>, fund: Spanned<String> },
    /// `expect finding concord::check::dictator`
    Finding(Spanned<String>),
}

/// A clause of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ScenarioClause {
    /// `propose "change financial flows" on 1 May 2026`
    Propose { decision: Spanned<String>, date: Option<Spanned<Date>> },
    /// `expect …`
    Expect(Expectation),
    /// Any proposal clause.
    Proposal(ProposalClause),
    /// Any result clause.
    Result(ResultClause),
    /// A line about an election: `elect "…"`, the votes, the lot, `expect elected …`.
    Election(super::ElectionInput),
}

/// Who cast a member's vote in its place: `(by substitute)` or `(by proxy lbh)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CastBy {
    /// `(by substitute)`: a substitute sent by the member.
    Substitute,
    /// `(by proxy lbh)`: another member holding the member's proxy.
    Proxy(Spanned<MemberRef>),
}
