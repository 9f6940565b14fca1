//! Offices that change or are shared (the chair, the vice-chair, co-chairs) and the limits a
//! drafter states on the make-up of the membership (issue 21, items 1 and 3).

use serde::Serialize;

use super::{Date, Duration, Ident, MemberRef};
use crate::span::Spanned;

/// `[from DATE [to DATE],] the OFFICE HOLDING`, a clause of the agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficeClause {
    /// The office: `chair`, `vice-chair`.
    pub office: Ident,
    /// `from 1 April 2026`: the first day the clause holds.
    pub from: Option<Spanned<Date>>,
    /// `to 31 March 2028` (or `until …`): the last day it holds.
    pub to: Option<Spanned<Date>>,
    /// Who holds it.
    pub holding: Spanned<OfficeHolding>,
}

/// Who holds an office.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OfficeHolding {
    /// `is lbh`
    Member(Spanned<MemberRef>),
    /// `is one of the council members`: the member presiding says which, meeting by meeting.
    OneOf(Ident),
    /// `alternates between leader and icb from meeting to meeting`
    Alternates(Vec<Spanned<OfficeHolder>>),
    /// `rotates between leader and icb every 2 years from 1 April 2026`
    Rotates { between: Vec<Spanned<OfficeHolder>>, every: Spanned<Duration>, from: Spanned<Date> },
}

/// One of those an office alternates or rotates between: a member, or the members of a kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OfficeHolder {
    /// `leader`
    Member(MemberRef),
    /// `council members`
    Kind(String),
}

/// A limit on the make-up of the membership (a clause of the `membership` block).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MakeupLimit {
    /// `at least 2 and at most 4 provider members`, `at most 7 members`, `exactly 3 council members`.
    Count { at_least: Option<Spanned<u32>>, at_most: Option<Spanned<u32>>, kind: Option<Ident> },
    /// `as many council members as health-board members`
    Parity { first: Ident, second: Ident },
    /// `the chair and the vice-chair are of different kinds` (`kinds`), `… are different members`.
    Apart { first: Ident, second: Ident, kinds: bool },
    /// `the trustee members are drawn from different organisations`
    DrawnApart { kind: Ident },
}
