//! Meetings (issue 21): a decision that may be taken only after the member concerned has missed
//! every meeting for a period (C51, removal for non-attendance), the excuse that stops it, and a
//! quorum counting every member attending, whether it votes on the decision or not; and the
//! facts a proposal gives for them (docs/semantics.md steps 1a and 4).

use serde::Serialize;

use super::{Duration, MemberId};
use crate::calendar::Date;
use crate::span::{Span, Spanned};

/// A decision's clauses about meetings; each is absent unless the decision says it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Meetings {
    /// `only after the member concerned has missed every meeting for 6 months`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absence: Option<Absence>,
    /// `unless the absence had a reasonable cause and the member will be able to attend future
    /// meetings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excuse: Option<Excuse>,
    /// `quorum at least 5 members attending, voting or not`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance_quorum: Option<AttendanceQuorum>,
}

impl Meetings {
    /// Whether the decision says none of these.
    pub fn is_empty(&self) -> bool {
        self == &Meetings::default()
    }
}

/// The period the member concerned must have missed every meeting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Absence {
    /// How long.
    pub period: Duration,
    /// The clause.
    pub span: Span,
}

/// What stops a removal for absence: every limb named must be so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Excuse {
    /// `the absence had a reasonable cause`.
    pub reasonable_cause: bool,
    /// `the member will be able to attend future meetings`.
    pub future_attendance: bool,
    /// The clause.
    pub span: Span,
}

/// A quorum of members attending, whether they vote on the decision or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AttendanceQuorum {
    /// How many must attend, at least.
    pub at_least: u32,
    /// The clause.
    pub span: Span,
}

/// The facts a proposal gives for those clauses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Attendance {
    /// `last attended on DATE`: the last meeting the member concerned attended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attended: Option<Spanned<Date>>,
    /// `the absence had a reasonable cause` (true) / `… no reasonable cause` (false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasonable_cause: Option<Spanned<bool>>,
    /// `the member will be able to attend future meetings` (true) / `… will not …` (false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub future_attendance: Option<Spanned<bool>>,
    /// `attending without a vote: …`: members at the meeting who cast no vote on it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub without_a_vote: Vec<Spanned<MemberId>>,
}

impl Attendance {
    /// Whether the proposal gives none of them.
    pub fn is_empty(&self) -> bool {
        self == &Attendance::default()
    }
}

/// Whether the excuse holds on these facts: every limb the clause names is stated to be so.
/// `None` when a limb the clause names is not stated (the reader refuses that).
pub fn excused(excuse: &Excuse, facts: &Attendance) -> Option<bool> {
    let cause = if excuse.reasonable_cause { facts.reasonable_cause?.node } else { true };
    let future = if excuse.future_attendance { facts.future_attendance?.node } else { true };
    Some(cause && future)
}
