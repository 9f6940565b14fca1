//! What the reference evaluator answers: the outcome of a proposal, in the reference's own words
//! (docs/semantics.md), and why it declines to answer.

use crate::model::MemberId;

/// The seven ways a proposal ends ("So every proposal ends as one of …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OutcomeKind {
    /// Carried, perhaps on a casting vote.
    Passed,
    /// Not carried, with no route for it to take.
    Rejected,
    /// Not carried, and sent to a body by an escalation route.
    Escalated,
    /// A tie that nothing in the agreement settles.
    Deadlocked,
    /// The vote cannot stand.
    Invalid,
    /// Members holding enough of the votes asked for it to be put off (step 4b).
    Postponed,
    /// A decision taken outside the meeting whose body has not decided yet (step 1b).
    Awaiting,
}

/// The evaluator's outcome in this evaluator's words, so that the property tests compare like
/// with like. Only the names are translated: the oracle decides nothing through the evaluator.
/// The match is exhaustive, so a new outcome of either cannot be left out of the comparison.
impl From<crate::eval::OutcomeKind> for OutcomeKind {
    fn from(kind: crate::eval::OutcomeKind) -> OutcomeKind {
        match kind {
            crate::eval::OutcomeKind::Passed => OutcomeKind::Passed,
            crate::eval::OutcomeKind::Rejected => OutcomeKind::Rejected,
            crate::eval::OutcomeKind::Escalated => OutcomeKind::Escalated,
            crate::eval::OutcomeKind::Deadlocked => OutcomeKind::Deadlocked,
            crate::eval::OutcomeKind::Invalid => OutcomeKind::Invalid,
            crate::eval::OutcomeKind::Postponed => OutcomeKind::Postponed,
            crate::eval::OutcomeKind::Awaiting => OutcomeKind::Awaiting,
        }
    }
}

/// Why a proposal is invalid (steps 1, 3 and 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InvalidReason {
    /// It names no decision, or one the agreement does not have (step 1).
    UnknownDecision,
    /// The decision's rules are dated and the proposal carries no date (step 1).
    NoDate,
    /// No rule of the decision is in force on the proposal's date (step 1).
    NoRuleInForce,
    /// A vote from a name the agreement does not have (step 3).
    UnknownMemberVoted,
    /// The quorum did not hold (step 4).
    NoQuorum,
    /// Proposed by one the decision does not let propose it (step 1a).
    ProposerNotAllowed,
    /// The decision's rule depends on who proposed and the proposal does not say (step 1).
    NoProposer,
    /// The meeting was called by one the decision does not let call it (step 1a).
    MeetingNotCalled,
    /// Decided before the notice it needs had run (step 1a).
    TooLittleNotice,
    /// Decided before the breach's cure period had run (step 1a).
    CurePeriodNotRun,
    /// The breach was remedied within its cure period (step 1a).
    BreachRemedied,
    /// Decided before the member concerned had missed every meeting for the period (step 1a).
    AbsenceTooShort,
    /// The member concerned's absence was excused (step 1a).
    AbsenceExcused,
}

/// Why a proposal was not carried (steps 5 and 7), which decides where it goes (step 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotCarried {
    /// A veto holder used its veto (step 5).
    Vetoed,
    /// The rule did not hold, and no tie decided it (steps 6 and 7).
    RuleDidNotHold,
    /// A deciding tie, and this member's casting vote went against (step 7.1).
    CastingVoteAgainst(MemberId),
    /// A deciding tie that no casting vote settled (step 7.2).
    Tied,
    /// The meeting passed it and an approval outside the meeting was withheld (step 9).
    ApprovalWithheld,
    /// Decided after the last day the decision allows from the request (step 4a).
    OutOfTime,
    /// The body outside the meeting that takes the decision did not agree to it (step 1b).
    NotAgreedOutside,
}

/// What a proposal comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// How it ended.
    pub outcome: OutcomeKind,
    /// Whose casting vote decided it, when it was passed or rejected on the casting vote.
    pub casting_vote: Option<MemberId>,
    /// The first body of the route it took, when escalated.
    pub escalated_to: Option<String>,
    /// The decision's default, when it was rejected and the default applies (step 8.3).
    pub default: Option<String>,
    /// Why it is invalid, when it is: the first step that found it so.
    pub invalid: Option<InvalidReason>,
    /// Why it was not carried, when it was not (rejected, escalated or deadlocked).
    pub not_carried: Option<NotCarried>,
    /// Members who voted without being eligible, whose votes were disregarded (step 3), in
    /// the order the proposal lists them.
    pub disregarded: Vec<MemberId>,
    /// When passed: the approvals outside the meeting still awaited (step 9).
    pub awaiting: Vec<crate::model::matters::Approver>,
    /// When rejected because an approval was withheld: whose (step 9).
    pub withheld_by: Vec<crate::model::matters::Approver>,
}

impl Verdict {
    pub(super) fn invalid(reason: InvalidReason, disregarded: Vec<MemberId>) -> Verdict {
        Verdict {
            outcome: OutcomeKind::Invalid,
            casting_vote: None,
            escalated_to: None,
            default: None,
            invalid: Some(reason),
            not_carried: None,
            disregarded,
            awaiting: Vec::new(),
            withheld_by: Vec::new(),
        }
    }

    pub(super) fn passed(casting_vote: Option<MemberId>, disregarded: Vec<MemberId>) -> Verdict {
        Verdict {
            outcome: OutcomeKind::Passed,
            casting_vote,
            escalated_to: None,
            default: None,
            invalid: None,
            not_carried: None,
            disregarded,
            awaiting: Vec::new(),
            withheld_by: Vec::new(),
        }
    }
}

/// Something in the model the reference does not say how to read: the oracle declines rather
/// than guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OracleError {
    /// What it is.
    #[error("the reference evaluator cannot read {0}")]
    Unsupported(&'static str),
}
