//! What a decision does to the agreement when it passes: `on passing, …`.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Ident, MemberRef, Role};
use crate::span::Spanned;

/// Who an office moves to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EffectTarget {
    /// `the member concerned`: the member the proposal names with `concerning:`.
    Concerned,
    /// A member named in the agreement.
    Member(Spanned<MemberRef>),
}

/// A clause `on passing, …` of a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EffectClause {
    /// `on passing, the lead provider becomes the member concerned` (the chair, the host).
    RoleMoves { role: Spanned<Role>, to: EffectTarget },
    /// `on passing, the member concerned leaves`
    ConcernedLeaves,
    /// `on passing, the applicant joins [as a KIND member] [with N votes]`
    ApplicantJoins { kind: Option<Ident>, votes: Option<Spanned<Decimal>> },
}
