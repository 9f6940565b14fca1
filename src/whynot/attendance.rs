//! A quorum of those attending in "what would it take" (docs/semantics.md step 4): votes can
//! mend it when an eligible member who is not counted as there yet would be by coming and
//! voting; only when even all of them would leave it short is it beyond votes.

use super::Blocker;
use crate::eval::{Evaluation, Invalidity};

/// Whether the proposal failed the quorum of those attending and no change of votes can make
/// it: the members counted, with every eligible member not counted yet, are still too few.
pub(super) fn beyond_votes(e: &Evaluation) -> bool {
    let Some(a) = e.meetings.as_ref().and_then(|m| m.attendance.as_ref()).filter(|a| !a.held) else { return false };
    let could_come = e
        .members
        .iter()
        .filter(|m| m.eligible && !a.voting.contains(&m.member) && !a.without_a_vote.contains(&m.member))
        .count();
    let most = usize::try_from(a.count).unwrap_or(usize::MAX).saturating_add(could_come);
    usize::try_from(a.at_least).is_ok_and(|needed| most < needed)
}

/// The quorum of those attending, when it held the proposal back.
pub(super) fn blocker(e: &Evaluation) -> Option<Blocker> {
    let a = e.meetings.as_ref()?.attendance.as_ref().filter(|a| !a.held)?;
    Some(Blocker::AttendanceQuorum { attending: a.count, needed: a.at_least, place: a.clause.clone() })
}

/// Whether a reason for an invalid vote is the quorum of those attending.
pub(super) fn is_attendance(reason: &Invalidity) -> bool {
    matches!(reason, Invalidity::NoAttendanceQuorum { .. })
}
