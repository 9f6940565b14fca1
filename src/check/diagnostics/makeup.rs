//! Findings about offices and the make-up of the membership (issue 21, items 1 and 3).

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use thiserror::Error;

use super::*;

/// Days within the agreement's period, or between its clauses for an office, when nobody holds
/// the office.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("nobody holds the {office} {when}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::office_gap),
    help("a proposal dated then, for a decision whose casting vote the {office} holds, is refused, since who holds it is not settled; add a clause covering those days (`from DATE to DATE, the {office} is MEMBER`)")
)]
pub struct OfficeGap {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub office: String,
    /// `from 1 April 2028 to 31 March 2029`
    pub when: String,
    #[label(collection, "says who holds the {office}")]
    pub clauses: Vec<LabeledSpan>,
}
code!(OfficeGap, "concord::check::office_gap");

/// Two clauses give an office on the same days.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("two clauses give the {office} {when}")]
#[diagnostic(
    code(concord::check::office_overlap),
    help(
        "which of them decides who holds the {office} then is not settled: make their dates meet without overlapping"
    )
)]
pub struct OfficeOverlap {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub office: String,
    pub when: String,
    #[label("one clause")]
    pub first: SourceSpan,
    #[label("another, in force on the same days")]
    pub second: SourceSpan,
}
code!(OfficeOverlap, "concord::check::office_overlap");

/// An office that the members of a kind must hold, where the kind has no members.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the {office} is to be held by one of the {kind} members, and the agreement has none")]
#[diagnostic(
    code(concord::check::office_kind_empty),
    help("give a member the kind `{kind}`, or give the {office} to a kind or member the agreement has")
)]
pub struct OfficeKindEmpty {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub office: String,
    pub kind: String,
    #[label("no member is of kind {kind}")]
    pub at: SourceSpan,
}
code!(OfficeKindEmpty, "concord::check::office_kind_empty");

/// The agreement's members break a limit it states on how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the agreement has {has}, and this limit allows {allowed}")]
#[diagnostic(
    code(concord::check::seat_limit_broken),
    help("the {who} are {members}; add or remove members, or change the limit")
)]
pub struct SeatLimitBroken {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    /// `5 council members`
    pub has: String,
    /// `council members`, `members`
    pub who: String,
    /// `at most 4`
    pub allowed: String,
    pub members: String,
    #[label("the limit")]
    pub at: SourceSpan,
}
code!(SeatLimitBroken, "concord::check::seat_limit_broken");

/// Two kinds the agreement says are matched in number are not.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the agreement has {first_has} but {second_has}, and this limit says as many of each")]
#[diagnostic(
    code(concord::check::seat_parity_broken),
    help("the {first} members are {first_members}; the {second} members are {second_members}")
)]
pub struct SeatParityBroken {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub first: String,
    /// `2 council members`
    pub first_has: String,
    pub first_members: String,
    pub second: String,
    pub second_has: String,
    pub second_members: String,
    #[label("the limit")]
    pub at: SourceSpan,
}
code!(SeatParityBroken, "concord::check::seat_parity_broken");

/// Two offices that must be held apart are, by the agreement's own clauses, held together.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the {first} and the {second} are both held by {why} {when}")]
#[diagnostic(
    code(concord::check::offices_not_apart),
    help("this limit says they are held apart; change who holds one of them then")
)]
pub struct OfficesNotApart {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub first: String,
    pub second: String,
    /// `icb`, `members of kind nhs (icb and trust)`
    pub why: String,
    pub when: String,
    #[label("the limit")]
    pub at: SourceSpan,
    #[label(collection, "who holds them")]
    pub clauses: Vec<LabeledSpan>,
}
code!(OfficesNotApart, "concord::check::offices_not_apart");

/// Two offices that must be held apart may, under the agreement's clauses, be held together.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("nothing stops the {first} and the {second} both being held by {why} {when}")]
#[diagnostic(
    severity(Warning),
    code(concord::check::offices_may_not_be_apart),
    help("the clauses let the members presiding choose: give one of the offices to a kind or member that keeps them apart, or accept that the limit is for the members to keep")
)]
pub struct OfficesMayNotBeApart {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub first: String,
    pub second: String,
    pub why: String,
    pub when: String,
    #[label("the limit")]
    pub at: SourceSpan,
    #[label(collection, "who may hold them")]
    pub clauses: Vec<LabeledSpan>,
}
code!(OfficesMayNotBeApart, "concord::check::offices_may_not_be_apart");

/// A member of a kind whose seats are drawn from different organisations does not say which.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the {kind} members' seats are drawn from different organisations, and {members} {verb} not say which")]
#[diagnostic(
    code(concord::check::seat_organisation_not_given),
    help("give each of them the organisation its seat is drawn from: `drawn from \"…\"` under the member")
)]
pub struct SeatOrganisationNotGiven {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub kind: String,
    pub members: String,
    /// `does` for one member, `do` for more.
    pub verb: String,
    #[label("the limit")]
    pub at: SourceSpan,
    #[label(collection, "says no organisation")]
    pub seats: Vec<LabeledSpan>,
}
code!(SeatOrganisationNotGiven, "concord::check::seat_organisation_not_given");

/// Two members of a kind whose seats are drawn from different organisations name the same one.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{members} are {kind} members drawn from one organisation, “{organisation}”, and this limit says different organisations")]
#[diagnostic(
    code(concord::check::seats_from_one_organisation),
    help("draw each of them from a different organisation, or change the limit; names are compared letter for letter (ignoring case and spacing), so two names for one body also count as two")
)]
pub struct SeatsFromOneOrganisation {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub kind: String,
    pub organisation: String,
    pub members: String,
    #[label("the limit")]
    pub at: SourceSpan,
    #[label(collection, "drawn from it")]
    pub seats: Vec<LabeledSpan>,
}
code!(SeatsFromOneOrganisation, "concord::check::seats_from_one_organisation");
