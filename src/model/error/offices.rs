//! Problems with offices and the person presiding: who holds the chair on a proposal's date, and
//! who has the casting vote.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with an office or the person presiding.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum OfficesError {
    /// A decision gives the casting vote to the person presiding and the proposal does not say who
    /// presided.
    #[error("this proposal does not say who presided at the meeting")]
    #[diagnostic(
        code(concord::model::missing_presiding),
        help("decision `{decision}` says `on a tie, the person presiding has the casting vote`: add `presiding: MEMBER`, naming the member who presided")
    )]
    MissingPresiding {
        decision: String,
        #[label("this decision gives the casting vote to the person presiding")]
        at: SourceSpan,
    },

    /// `presiding:` on a proposal for a decision that gives nothing to the person presiding.
    #[error("decision `{decision}` gives nothing to the person presiding")]
    #[diagnostic(
        code(concord::model::presiding_not_used),
        help("add `on a tie, the person presiding has the casting vote` to the decision if whoever presides has the casting vote, or take the `presiding:` line off")
    )]
    PresidingNotUsed {
        decision: String,
        #[label("names a member presiding, which changes nothing for this decision")]
        at: SourceSpan,
    },

    /// `casting vote:` on a proposal for a decision that gives nobody a casting vote.
    #[error("decision `{decision}` gives nobody a casting vote")]
    #[diagnostic(
        code(concord::model::casting_vote_not_used),
        help("a tie on this decision is settled as the decision says, not by a casting vote: take the `casting vote:` line off, or give the decision one (`on a tie, the chair has the casting vote`)")
    )]
    CastingVoteNotUsed {
        decision: String,
        #[label("says how a casting vote was cast, which this decision does not have")]
        at: SourceSpan,
    },

    /// The member presiding is not listed as voting or abstaining, so the proposal says it was
    /// absent.
    #[error("`{member}` presided but the proposal lists it neither as voting nor as abstaining")]
    #[diagnostic(
        code(concord::model::presiding_absent),
        help("a member not listed is absent, and the person presiding is present: add `{member}` to `in favour:`, `against:` or `abstaining:`")
    )]
    PresidingAbsent {
        member: String,
        #[label("presided")]
        at: SourceSpan,
    },

    /// Who holds the office with the casting vote depends on the date, and the proposal has none.
    #[error("who holds the {office} depends on the date, and this proposal does not say when it was decided")]
    #[diagnostic(
        code(concord::model::office_needs_date),
        help("decision `{decision}` gives the casting vote to the {office}, whose holder changes over time: add `dated DATE` to the proposal (or `on DATE` after `propose \"…\"`)")
    )]
    OfficeNeedsDate {
        office: String,
        decision: String,
        #[label("the holder of the casting vote depends on the date")]
        at: SourceSpan,
    },

    /// Nobody holds the office with the casting vote on the proposal's date.
    #[error("nobody holds the {office} on {date}")]
    #[diagnostic(
        code(concord::model::office_vacant),
        help("no clause of the agreement gives the {office} on that day, so who has the casting vote is not settled: add a clause covering it (`from DATE to DATE, the {office} is MEMBER`) or check the proposal's date")
    )]
    OfficeVacant {
        office: String,
        date: String,
        #[label("on this day the {office} is vacant")]
        at: SourceSpan,
    },

    /// The office may be held by several members and the proposal does not say who presided.
    #[error("this proposal does not say who held the {office} at the meeting")]
    #[diagnostic(
        code(concord::model::office_needs_presiding),
        help("the {office}{on} may be taken by {may}: add `presiding: MEMBER`, naming the one who took the chair")
    )]
    OfficeNeedsPresiding {
        office: String,
        on: String,
        may: String,
        #[label("this decision gives the casting vote to the {office}")]
        at: SourceSpan,
    },

    /// The member the proposal says presided may not hold the office then.
    #[error("`{member}` may not hold the {office}{on}")]
    #[diagnostic(
        code(concord::model::presiding_may_not_hold),
        help("the agreement gives the {office}{on} to {may}; name one of them in `presiding:`, or check the proposal's date")
    )]
    PresidingMayNotHold {
        member: String,
        office: String,
        on: String,
        may: String,
        #[label("not one who may hold the {office}")]
        at: SourceSpan,
    },

    /// An office given a fixed member role and office clauses both.
    #[error("the {office} is both a member's role and an office with clauses of its own")]
    #[diagnostic(
        code(concord::model::office_and_role),
        help("say who holds the {office} one way: take `{office}` off the member, or the agreement's `the {office} …` clauses off")
    )]
    OfficeAndRole {
        office: String,
        #[label("the role")]
        role: SourceSpan,
        #[label("the office")]
        at: SourceSpan,
    },

    /// `the chair` named where one member is meant (a condition, a veto, …) while the chair is an
    /// office whose holder changes.
    #[error("the {office} is an office whose holder changes, so it cannot be named here as one member")]
    #[diagnostic(
        code(concord::model::office_not_a_member),
        help("name the member meant (`icb in favour`); the {office} can be given the casting vote with `on a tie, the {office} has the casting vote`")
    )]
    OfficeNotAMember {
        office: String,
        #[label("the holder of the {office} depends on the date or on who presides")]
        at: SourceSpan,
    },

    /// A rotation whose period is not whole months or years.
    #[error("a rotation must turn every so many months or years")]
    #[diagnostic(
        code(concord::model::rotation_period),
        help("write the period in months or years (`every 2 years`, `every 6 months`); a rotation by meeting is `alternates between … from meeting to meeting`")
    )]
    RotationPeriod {
        #[label("not a whole number of months or years")]
        at: SourceSpan,
    },
}
