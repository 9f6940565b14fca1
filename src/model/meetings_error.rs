//! Problems with the meetings clauses and their proposal lines (issue 21):
//! `concord::model::<name>`, wrapped by [`super::LowerError::Meetings`].

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with removal after missed meetings, its excuse or a quorum of those attending.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum MeetingsError {
    /// An excuse for an absence on a decision that does not rest on one.
    #[error("decision `{decision}` says what excuses an absence, but not that it rests on one")]
    #[diagnostic(
        code(concord::model::excuse_without_absence),
        help("an excuse stops a removal for missed meetings; add `only after the member concerned has missed every meeting for PERIOD` to the decision, or take the `unless …` clause off")
    )]
    ExcuseWithoutAbsence {
        decision: String,
        #[label("an excuse for an absence the decision does not require")]
        at: SourceSpan,
    },

    /// A member listed as attending without a vote who also has a vote on the proposal.
    #[error("`{member}` is listed as attending without a vote, but it also voted")]
    #[diagnostic(
        code(concord::model::attending_and_voted),
        help("a member that voted is counted as attending already; list it in one place only")
    )]
    AttendingAndVoted {
        member: String,
        #[label("listed as attending without a vote")]
        at: SourceSpan,
        #[label("its vote")]
        vote: SourceSpan,
    },

    /// Members listed as attending without a vote where the decision counts no attendance.
    #[error("decision `{decision}` counts nobody who attends without a vote")]
    #[diagnostic(
        code(concord::model::attendance_not_counted),
        help("`attending without a vote:` matters only where the decision says `quorum at least N members attending, voting or not`; take the line off, or add the clause to the decision")
    )]
    AttendanceNotCounted {
        decision: String,
        #[label("changes nothing for this decision")]
        at: SourceSpan,
    },

    /// A quorum of those attending beside the agreement's default quorum, on a decision with no
    /// ordinary quorum of its own: whether the default still applies to it is not settled.
    #[error(
        "decision `{decision}` counts those attending, but does not say whether the agreement's quorum applies too"
    )]
    #[diagnostic(
        code(concord::model::attendance_beside_default),
        help("a decision's own quorum replaces the agreement's, but a quorum of those attending counts something else, so Concord does not guess: give the decision its own ordinary quorum as well (`quorum at least 3 members present`, both must then hold), or take the quorum off the agreement")
    )]
    AttendanceBesideDefault {
        decision: String,
        #[label("a quorum of those attending")]
        at: SourceSpan,
    },

    /// A proposal at a reconvened meeting for a decision with a quorum of those attending:
    /// whether the lower quorum of a reconvened meeting replaces it is not settled.
    #[error(
        "decision `{decision}` does not say whether its quorum of those attending applies at a reconvened meeting"
    )]
    #[diagnostic(
        code(concord::model::attendance_reconvened),
        help("`if reconvened, quorum …` lowers the ordinary quorum; whether it also lowers `quorum at least N members attending, voting or not` is not said, so Concord does not decide it. Take `at a reconvened meeting` off if the meeting was not reconvened")
    )]
    AttendanceReconvened {
        decision: String,
        #[label("reconvened here")]
        at: SourceSpan,
    },

    /// A vote lodged in advance for a decision that does not allow it.
    #[error("decision `{decision}` does not let an absent member lodge its vote in advance")]
    #[diagnostic(
        code(concord::model::lodging_not_allowed),
        help("a lodged vote counts only where the decision says `an absent member may lodge its vote in advance`; add the clause (with its limits) if the agreement allows it, or take the line off")
    )]
    LodgingNotAllowed {
        decision: String,
        #[label("a vote lodged in advance")]
        at: SourceSpan,
    },

    /// A member that lodged its vote in advance and also voted at the meeting.
    #[error("`{member}` lodged its vote in advance, but it also voted at the meeting")]
    #[diagnostic(
        code(concord::model::lodged_and_voted),
        help("a vote is lodged in advance only by a member that does not attend; list the member in one place only")
    )]
    LodgedAndVoted {
        member: String,
        #[label("lodged in advance")]
        at: SourceSpan,
        #[label("and listed here")]
        vote: SourceSpan,
    },

    /// A lodged vote where the rule counts votes or members present.
    #[error("decision `{decision}` counts what is present, and a vote lodged in advance is not settled there")]
    #[diagnostic(
        code(concord::model::lodged_vote_present),
        help("a lodged vote is the vote of a member that is not at the meeting, so whether `present` counts it is not said; write the rule on `votes cast` or `eligible votes` (a lodged vote is then counted as cast), or take the lodged vote off")
    )]
    LodgedVotePresent {
        decision: String,
        #[label("a vote lodged in advance")]
        at: SourceSpan,
        #[label("counts what is present")]
        rule: SourceSpan,
    },
}
