//! Meetings (issue 21): a decision that may be taken only after the member concerned has missed
//! every meeting for a period (C51, removal for non-attendance), the excuse that stops it, and a
//! quorum counting every member attending, whether it votes on the decision or not; and the
//! facts a proposal gives for them (docs/semantics.md steps 1a and 4).

use serde::Serialize;

use super::{Duration, MemberId, VoteChoice};
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
    /// `an absent member may lodge its vote in advance[, at most …]` (C91).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lodging: Option<Lodging>,
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

/// Votes lodged in advance by absent members, and their limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lodging {
    /// `at most 2 meetings in a row`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_a_row: Option<Spanned<u32>>,
    /// `at most 3 times a year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a_year: Option<Spanned<u32>>,
    /// The clause.
    pub span: Span,
}

/// A vote lodged in advance (`lodged in advance: icb in favour`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lodged {
    /// Whose vote.
    pub member: MemberId,
    /// In favour or against.
    pub choice: VoteChoice,
    /// Where it is listed.
    pub span: Span,
}

/// How often a member lodged its vote before this meeting, as the proposal says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LodgedBefore {
    /// The member.
    pub member: MemberId,
    /// `has lodged its vote at the last N meetings` (0: `has not … at the last meeting`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_a_row: Option<Spanned<u32>>,
    /// `has lodged its vote N times this year` (0: `has not … this year`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub this_year: Option<Spanned<u32>>,
}

/// Why a lodged vote is not counted: lodging it goes over a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OverLimit {
    /// Lodged at the last `before` meetings, and at most `limit` in a row are allowed.
    InARow { before: u32, limit: u32 },
    /// Lodged `before` times this year, and at most `limit` a year are allowed.
    AYear { before: u32, limit: u32 },
    /// The proposal does not say how often it lodged before (the reader refuses that).
    Unknown,
}

/// Whether `member`'s lodged vote is within the clause's limits: `None` when it is, else the
/// first limit it goes over. This one would be the `before + 1`-th in a row (or this year).
pub fn over_limit(lodging: &Lodging, facts: &Attendance, member: MemberId) -> Option<OverLimit> {
    let before = facts.lodged_before.iter().find(|b| b.member == member);
    if let Some(limit) = lodging.in_a_row {
        let Some(n) = before.and_then(|b| b.in_a_row) else { return Some(OverLimit::Unknown) };
        if n.node >= limit.node {
            return Some(OverLimit::InARow { before: n.node, limit: limit.node });
        }
    }
    if let Some(limit) = lodging.a_year {
        let Some(n) = before.and_then(|b| b.this_year) else { return Some(OverLimit::Unknown) };
        if n.node >= limit.node {
            return Some(OverLimit::AYear { before: n.node, limit: limit.node });
        }
    }
    None
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
    /// `lodged in advance: …`: votes lodged by absent members, in the order listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lodged: Vec<Lodged>,
    /// `icb has lodged its vote at the last 2 meetings` and the like.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lodged_before: Vec<LodgedBefore>,
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
