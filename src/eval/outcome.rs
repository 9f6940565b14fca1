//! How a proposal ends: the outcome, the casting vote that decided it, the deadlock and the
//! escalation route, or why the vote is invalid.

use serde::{Serialize, Serializer};

use super::{Ballot, Name, Place};
use crate::model::{Date, Duration, InvalidReason, MemberId};
use crate::results::terms::{Period, Possessive, Proposer, Term};

/// The outcome of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Passed, rejected, escalated, deadlocked or invalid.
    pub result: OutcomeKind,
    /// When a casting vote decided the matter: whose, and how it was cast.
    pub casting_vote: Option<CastingUsed>,
    /// Who vetoed it.
    pub vetoed_by: Vec<Name>,
    /// When not carried (rejected, escalated or deadlocked): why, and where it went.
    pub deadlock: Option<Deadlock>,
    /// When invalid: every reason.
    pub invalid: Vec<Invalidity>,
    /// When passed by the meeting with approvals outside it still awaited: whose (added in 1.4).
    /// The outcome is then "passed, subject to the approval of …".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awaiting: Vec<crate::results::terms::ApproverTerm>,
    /// When rejected because an approval outside the meeting was withheld: whose (added in 1.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub withheld_by: Vec<crate::results::terms::ApproverTerm>,
    /// When members asked for postponement: who, what they hold, and whether it was enough (docs/semantics.md step 4b; added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postponement: Option<super::procedure::Postponement>,
    /// For a decision with a time limit: the request, the last day, and whether the decision
    /// was in time (step 4a; added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timing: Option<super::procedure::Timing>,
    /// For a decision taken by a body outside the meeting: the body, and what the proposal
    /// records it decided (docs/semantics.md step 1b; added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_outside: Option<super::outside::DecidedOutside>,
}

/// The five outcomes (docs/semantics.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// The proposal is carried.
    Passed,
    /// The proposal is not carried, and no escalation route applies.
    Rejected,
    /// The proposal is not carried and goes to the first body of an escalation route.
    Escalated,
    /// The votes tied, the tie decides the proposal, and nothing in the agreement settles it.
    Deadlocked,
    /// The vote cannot stand.
    Invalid,
    /// Members holding enough of the votes asked for it to be put off (step 4b).
    Postponed,
    /// A decision taken outside the meeting whose body has not decided yet (step 1b; added in 1.5).
    Awaiting,
}

impl OutcomeKind {
    /// The outcome in one word.
    pub fn words(self) -> &'static str {
        match self {
            OutcomeKind::Passed => "passed",
            OutcomeKind::Rejected => "rejected",
            OutcomeKind::Escalated => "escalated",
            OutcomeKind::Deadlocked => "deadlocked",
            OutcomeKind::Invalid => "invalid",
            OutcomeKind::Postponed => "postponed",
            OutcomeKind::Awaiting => "awaiting the decision",
        }
    }
}

/// A casting vote that decided a tie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CastingUsed {
    /// The member who cast it.
    pub member: Name,
    /// The member, for matching by id.
    #[serde(skip)]
    pub id: MemberId,
    /// How it was cast.
    pub cast: Ballot,
}

/// Why a proposal was not carried, and where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadlock {
    /// What sent it there.
    pub because: DeadlockCause,
    /// The first body on the escalation route, when there is one.
    pub escalated_to: Option<EscalationStep>,
    /// The later bodies, in order.
    pub then: Vec<EscalationStep>,
    /// The escalation clause followed.
    pub clause: Option<Place>,
    /// The decision's default, when it applies (`if rejected, the default is "…"`).
    pub default: Option<DefaultApplied>,
}

/// The default that applies to a proposal not carried (docs/semantics.md step 8.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DefaultApplied {
    /// The default, in the agreement's words.
    pub text: String,
    /// The clause that gives it.
    pub clause: Place,
}

/// Why a proposal was not carried (docs/semantics.md steps 5 and 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlockCause {
    /// The votes tied, the tie decides the proposal, and no casting vote settled it.
    Tie,
    /// The rule did not hold (and no tie decided it).
    Rejected,
    /// A veto was used.
    Vetoed,
    /// The votes tied and the casting vote was cast against.
    CastingVote,
    /// The meeting passed it, and an approval outside the meeting was withheld (step 9; added
    /// in 1.4). No escalation route and no default is taken: the meeting did carry it.
    ApprovalWithheld,
    /// It was decided after the period the decision allows from the request had run out
    /// (`if not agreed within … of the request`, step 4a): the matter had already gone on.
    OutOfTime,
    /// The body outside the meeting that takes the decision did not agree to it (step 1b; added
    /// in 1.5).
    NotAgreedOutside,
}

/// One rung of an escalation ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationStep {
    /// The body the matter goes to.
    pub body: String,
    /// How long that body has (in JSON, in words: `10 working days`).
    pub within: Option<Period>,
}

impl EscalationStep {
    pub(crate) fn new(body: &str, within: Option<Duration>) -> EscalationStep {
        EscalationStep { body: body.to_string(), within: within.map(Term) }
    }
}

/// Why a proposal's vote cannot stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Invalidity {
    /// The proposal does not name a decision.
    NoDecision,
    /// The decision it names does not exist.
    UnknownDecision { name: String },
    /// The decision's rules are dated and the proposal has no date.
    NoDate,
    /// No rule of the decision is in force on the proposal's date.
    NoRuleInForce {
        #[serde(serialize_with = "plain_date")]
        date: Date,
    },
    /// A vote from a name the agreement does not have.
    UnknownMemberVoted {
        member: String,
        line: usize,
        /// The agreement's member whose identifier is nearest, when it is a likely misspelling.
        nearest: Option<String>,
    },
    /// The quorum was not met.
    NoQuorum,
    /// Proposed by someone the decision does not let propose it (`may be proposed only by …`).
    ProposerNotAllowed {
        /// Who proposed it.
        proposer: Proposer,
        /// The line of the clause.
        line: usize,
        /// For a joint proposal: how many distinct members proposed it and how many the clause
        /// needs (added in 1.4).
        #[serde(skip_serializing_if = "Option::is_none")]
        jointly: Option<super::proposer::JointCount>,
    },
    /// The meeting was called by someone the decision does not let call it (`a meeting may be
    /// called by …`; added in 1.4).
    MeetingNotCalled {
        /// Who called it.
        caller: Proposer,
        /// The line of the clause.
        line: usize,
    },
    /// The decision's rule depends on who proposed and the proposal does not say (added in 1.4).
    NoProposer,
    /// Several members proposed it jointly and a `when proposed by` names some, not all, of
    /// them: which rule holds is not settled (added in 1.4).
    ProposerNotSettled {
        /// Who proposed it.
        proposer: Proposer,
    },
    /// Decided before the notice the decision needs had run (`a proposal needs … notice`).
    TooLittleNotice {
        #[serde(serialize_with = "plain_date")]
        given: Date,
        needed: Possessive,
        /// The first day it could be decided.
        #[serde(serialize_with = "plain_date")]
        earliest: Date,
    },
    /// Decided before the breach had gone unremedied for the cure period.
    CurePeriodNotRun {
        #[serde(serialize_with = "plain_date")]
        notified: Date,
        period: Period,
        /// The day the period runs out: the first day it could be decided.
        #[serde(serialize_with = "plain_date")]
        runs_out: Date,
    },
    /// The breach was remedied before its cure period ran out: there is no ground.
    BreachRemedied {
        #[serde(serialize_with = "plain_date")]
        notified: Date,
        #[serde(serialize_with = "plain_date")]
        remedied: Date,
        period: Period,
    },
    /// Decided before the member concerned had missed every meeting for the period the decision
    /// needs (`only after the member concerned has missed every meeting for …`; added in 1.4).
    AbsenceTooShort {
        member: String,
        #[serde(serialize_with = "plain_date")]
        last_attended: Date,
        period: Period,
        /// The first day it could be decided (none when that is past the calendar's end).
        #[serde(serialize_with = "super::meetings::maybe_date")]
        runs_out: Option<Date>,
    },
    /// The member concerned's absence is excused as the decision says (added in 1.4).
    AbsenceExcused {
        member: String,
        /// Whether the excuse names a reasonable cause.
        reasonable_cause: bool,
        /// Whether the excuse names being able to attend future meetings.
        future_attendance: bool,
    },
    /// Fewer members attended, voting or not, than the decision's quorum of those attending
    /// (added in 1.4).
    NoAttendanceQuorum { attending: u32, needed: u32 },
}

fn plain_date<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

impl Invalidity {
    /// The reason as a scenario's `expect invalid because …` names it, when it has a name there.
    pub fn expected_reason(&self) -> Option<InvalidReason> {
        match self {
            Invalidity::UnknownDecision { .. } | Invalidity::NoDecision => Some(InvalidReason::UnknownDecision),
            Invalidity::UnknownMemberVoted { .. } => Some(InvalidReason::UnknownMemberVoted),
            Invalidity::NoQuorum | Invalidity::NoAttendanceQuorum { .. } => Some(InvalidReason::NoQuorum),
            Invalidity::AbsenceTooShort { .. } => Some(InvalidReason::AbsenceTooShort),
            Invalidity::AbsenceExcused { .. } => Some(InvalidReason::AbsenceExcused),
            Invalidity::ProposerNotAllowed { .. } => Some(InvalidReason::ProposerNotAllowed),
            Invalidity::MeetingNotCalled { .. } => Some(InvalidReason::MeetingNotCalled),
            Invalidity::TooLittleNotice { .. } => Some(InvalidReason::TooLittleNotice),
            Invalidity::CurePeriodNotRun { .. } => Some(InvalidReason::CurePeriodNotRun),
            Invalidity::BreachRemedied { .. } => Some(InvalidReason::BreachRemedied),
            Invalidity::NoDate
            | Invalidity::NoRuleInForce { .. }
            | Invalidity::NoProposer
            | Invalidity::ProposerNotSettled { .. } => None,
        }
    }
}
