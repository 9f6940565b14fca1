//! A quorum of those attending that no meeting can make: fewer members in the agreement than
//! it counts (`crate::coalitions::attendance`). Then no coalition can carry the decision, so the
//! coalition findings (who can pass, block or decide it alone) are not asked, as for any other
//! quorum that can never be met.

use super::super::diagnostics::{AttendanceQuorumUnreachable, CheckDiagnostic};
use crate::coalitions::attendance::shortfall;
use crate::model::{Agreement, Decision};

/// The finding, when the decision's quorum of those attending can never be met.
pub(super) fn unreachable(agreement: &Agreement, decision: &Decision) -> Option<CheckDiagnostic> {
    let short = shortfall(agreement, decision)?;
    let quorum = decision.meetings.attendance_quorum?;
    let members = match short.members {
        0 => "no members".to_string(),
        1 => "only one member".to_string(),
        n => format!("only {n} members"),
    };
    Some(
        AttendanceQuorumUnreachable {
            decision: Some(decision.name.clone()),
            witness: None,
            name: decision.name.clone(),
            needed: short.needed,
            members,
            count: short.members,
            quorum: quorum.span.into(),
            at: decision.span.into(),
        }
        .into(),
    )
}
