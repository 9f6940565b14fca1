//! A decision taken by a body outside the meeting (C51: "the Welsh Ministers may remove that
//! member"): the decision clause naming the body, and the proposal line recording what it decided.

use serde::Serialize;

use crate::span::Spanned;

/// What the body outside the meeting decided, as a proposal records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutsideVerdict {
    /// `agreed`: the body decided to do what the proposal asks.
    Agreed,
    /// `not agreed`: the body decided not to.
    NotAgreed,
    /// `not yet decided`: the body has not decided yet.
    NotYetDecided,
}

/// `decided by "the Welsh Ministers": agreed` on a proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutsideLine {
    /// The body, as quoted.
    pub body: Spanned<String>,
    /// What it decided.
    pub verdict: OutsideVerdict,
}
