//! What a decision says happens when a proposal for it passes (`on passing, …`): the words
//! of the agreement, before any proposal. A leaf: [`super::effects`] turns them into definite
//! changes for one proposal and makes them, and [`super::renumber`] walks them for a member who
//! leaves.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{KindId, MemberId, Role};

/// Who an office moves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The member the proposal names with `concerning:`.
    Concerned,
    /// A member of the agreement.
    Member(MemberId),
}

/// A decision's `on passing, …` clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionEffect {
    /// `on passing, the lead provider becomes the member concerned` (the chair, the host).
    RoleMoves { role: Role, to: Target },
    /// `on passing, the member concerned leaves`.
    ConcernedLeaves,
    /// `on passing, the applicant joins [as a KIND member] [with N votes]`.
    ApplicantJoins { kind: Option<KindId>, votes: Option<Decimal> },
}

impl DecisionEffect {
    /// Whether the effect names the member concerned.
    pub fn needs_concerned(&self) -> bool {
        matches!(self, DecisionEffect::RoleMoves { to: Target::Concerned, .. } | DecisionEffect::ConcernedLeaves)
    }
}
