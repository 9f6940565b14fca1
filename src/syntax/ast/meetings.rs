//! Meetings (issue 21): removal of a member who has missed every meeting for a period, the
//! excuse that stops it, and a quorum of those attending whether they vote or not; and the
//! proposal lines giving the facts they need.

use serde::Serialize;

use super::{Date, Duration, MemberRef};
use crate::span::Spanned;

/// A decision clause about meetings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MeetingsClause {
    /// `only after the member concerned has missed every meeting for 6 months`
    Absence(Spanned<Duration>),
    /// `unless the absence had a reasonable cause and the member will be able to attend future
    /// meetings`: which limbs it names (at least one).
    Excuse { reasonable_cause: bool, future_attendance: bool },
    /// `quorum at least 5 members attending, voting or not`
    AttendanceQuorum(Spanned<u32>),
}

/// A proposal line about meetings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MeetingsLine {
    /// `last attended on 1 October 2025`: the last meeting the member concerned attended.
    LastAttended(Spanned<Date>),
    /// `the absence had a reasonable cause` (true) or `the absence had no reasonable cause`.
    ReasonableCause(bool),
    /// `the member will be able to attend future meetings` (true) or `… will not be able …`.
    FutureAttendance(bool),
    /// `attending without a vote: lay1, lbh`
    Attending(Vec<Spanned<MemberRef>>),
}
