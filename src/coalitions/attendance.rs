//! A quorum of those attending (`quorum at least 5 members attending, voting or not`,
//! docs/semantics.md step 4) under the coalition engine's reading of a meeting.
//!
//! The engine, `concord power`, `concord diff` and the checker ask about a meeting in general,
//! with no proposal: **every member of the agreement attends**. The eligible members vote (the
//! coalition in favour, the rest against, or abstaining in the other reading), and every other
//! member (observers, members the decision excludes, the member concerned) is there without a
//! vote, as `attending without a vote:` says of a proposal. Each member is counted once; nobody
//! votes by proxy or lodges a vote in advance. So the quorum of those attending is the same for
//! every coalition: it holds exactly when the agreement has at least N members, and when it has
//! fewer no coalition can carry the decision.

use crate::model::{Agreement, Decision};

/// A quorum of those attending that even a meeting everyone attends does not make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortfall {
    /// How many must attend, at least.
    pub needed: u32,
    /// How many members the agreement has: everyone who may attend.
    pub members: usize,
}

/// The decision's quorum of those attending, when even every member attending fails it.
pub fn shortfall(agreement: &Agreement, decision: &Decision) -> Option<Shortfall> {
    let quorum = decision.meetings.attendance_quorum?;
    let members = agreement.members.len();
    let enough = usize::try_from(quorum.at_least).is_ok_and(|needed| members >= needed);
    (!enough).then_some(Shortfall { needed: quorum.at_least, members })
}

/// Whether the decision's quorum of those attending (if any) holds with every member there.
pub fn holds(agreement: &Agreement, decision: &Decision) -> bool {
    shortfall(agreement, decision).is_none()
}
