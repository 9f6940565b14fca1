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
    /// `an absent member may lodge its vote in advance[, at most …]`: its limits, as written.
    Lodging(Vec<Spanned<LodgingLimit>>),
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
    /// `lodged in advance: icb in favour, lbh against`: votes lodged by absent members.
    Lodged(Vec<(Spanned<MemberRef>, super::VoteChoice)>),
    /// `icb has lodged its vote at the last 2 meetings` and the like.
    LodgedBefore { member: Spanned<MemberRef>, before: LodgedBefore },
}

/// How often a member lodged its vote before, as a proposal says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LodgedBefore {
    /// `has lodged its vote at the last 2 meetings` (`has not … at the last meeting`: 0).
    InARow(u32),
    /// `has lodged its vote 3 times this year` (`has not … this year`: 0).
    ThisYear(u32),
}

/// The limits of `an absent member may lodge its vote in advance, …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LodgingLimit {
    /// `at most 2 meetings in a row`
    InARow(u32),
    /// `at most 3 times a year`
    AYear(u32),
}
