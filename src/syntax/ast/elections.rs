//! Elections (docs/reference.md §9, "Elections"): a choice between candidates, and a tie decided by lot or
//! by a casting vote. The agreement's `election "…"` block, and a scenario's votes for the
//! candidates.

use serde::Serialize;

use super::{Ident, MemberRef, WeightScheme};
use crate::span::Spanned;

/// Who may stand in an election.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Candidates {
    /// `candidates are the ordinary members`
    Kind(Ident),
    /// `candidates are the members`
    All,
    /// `candidates are alice, bob and carol`
    Members(Vec<Spanned<MemberRef>>),
}

/// A clause under `election "…"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ElectionClause {
    /// `candidates are …`
    Candidates(Candidates),
    /// `the candidate with the most votes is elected`
    Plurality,
    /// `a candidate needs …`: read only to be refused.
    Needs,
    /// `on a tie, it is decided by lot`
    TieByLot,
    /// `on a tie, the chair has the casting vote`
    Casting(Spanned<MemberRef>),
    /// `voting in proportion to budget`: this election only.
    Voting(Spanned<WeightScheme>),
    /// `only core members vote`
    OnlyKind(Ident),
    /// `lay members do not vote`
    KindExcluded(Ident),
    /// `lbh does not vote`
    MemberExcluded(Spanned<MemberRef>),
}

/// A scenario's line about an election.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ElectionInput {
    /// `elect "deputy chair"`
    Elect(Spanned<String>),
    /// `votes for alice: bob, carol`
    VotesFor { candidate: Spanned<MemberRef>, voters: Vec<Spanned<MemberRef>> },
    /// `bob votes for alice`
    VoterVotes { voter: Spanned<MemberRef>, candidate: Spanned<MemberRef> },
    /// `the lot fell to bob`
    Lot(Spanned<MemberRef>),
    /// `the casting vote was for bob`
    CastingFor(Spanned<MemberRef>),
    /// `expect elected alice`
    ExpectElected(Spanned<MemberRef>),
    /// `expect tied between alice and bob`
    ExpectTied(Vec<Spanned<MemberRef>>),
}
