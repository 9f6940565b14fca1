//! Limits a drafter states on the make-up of the membership (issue 21, item 3), written in the
//! `membership` block and enforced by `concord check` (`src/check/makeup.rs`).

use serde::Serialize;

use crate::model::chairs::OfficeId;
use crate::model::KindId;
use crate::span::Span;

/// One limit, with the clause that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Limit {
    /// What it limits.
    pub what: LimitKind,
    /// The clause.
    pub span: Span,
}

/// What a limit on the make-up says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// `at least 2 and at most 4 provider members`, `at most 7 members` (`kind` `None`: every
    /// member, observers included, since each member is a seat).
    Count { at_least: Option<u32>, at_most: Option<u32>, kind: Option<KindId> },
    /// `as many council members as health-board members`
    Parity { first: KindId, second: KindId },
    /// `the chair and the vice-chair are of different kinds` (`kinds`), or `are different
    /// members`: on no day may the two be held by one member or (for `kinds`) by members sharing
    /// a kind.
    Apart { first: OfficeId, second: OfficeId, kinds: bool },
    /// `the trustee members are drawn from different organisations`: every member of the kind
    /// says which organisation its seat is drawn from, and no two say the same one.
    DrawnApart { kind: KindId },
}
