//! A decision's quorum of those attending (`quorum at least 5 members attending, voting or
//! not`) in both versions. The coalitions are compared with every member attending (see
//! `crate::coalitions::attendance`), where such a quorum holds for every coalition or for none;
//! a change to it that leaves it met then changes no coalition, yet changes which smaller
//! meetings are quorate. So the change is said on its own.

use serde::Serialize;

use crate::model::Decision;

/// The quorum of those attending before and after, when it changed (added in 1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AttendanceQuorumChange {
    /// How many had to attend in the old version (`None`: it had no such quorum).
    pub old: Option<u32>,
    /// How many must attend in the new version (`None`: it has no such quorum).
    pub new: Option<u32>,
}

/// The change, when the two versions' quorums of those attending differ.
pub fn change(old: &Decision, new: &Decision) -> Option<AttendanceQuorumChange> {
    let old = old.meetings.attendance_quorum.map(|q| q.at_least);
    let new = new.meetings.attendance_quorum.map(|q| q.at_least);
    (old != new).then_some(AttendanceQuorumChange { old, new })
}
