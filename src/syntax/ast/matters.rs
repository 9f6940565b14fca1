//! Reserved matters, approvals outside the meeting and conflicted members (issue 21, items 5
//! and 6), as written.

use serde::Serialize;

use super::{Comparator, MemberRef, Proportion};
use crate::span::Spanned;

/// What else a matter reserved to one partner needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReservedAlso {
    /// `reserved to lbh`: only that partner decides.
    Nothing,
    /// `…, and the meeting must also pass it`.
    Meeting,
    /// `…, and its own governance must also approve`.
    OwnGovernance,
}

/// Whose approval, outside the meeting, a decision needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ApproverRef {
    /// `"NHS England"`: a named body outside the agreement.
    Body(Spanned<String>),
    /// `lbh's own governance`.
    Governance(Spanned<MemberRef>),
    /// `each partner's own governance`.
    EachGovernance,
}

/// Where an approval stands, as a proposal enters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalState {
    /// `given`
    Given,
    /// `withheld`
    Withheld,
    /// `not yet given`
    NotYetGiven,
}

/// `a conflicted member takes part only if more than half of the other members present agree`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictRuleAst {
    /// How the agreement compares.
    pub comparator: Spanned<Comparator>,
    /// The share of the other members present that must agree.
    pub proportion: Spanned<Proportion>,
}
