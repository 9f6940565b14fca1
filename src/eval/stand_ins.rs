//! Votes cast in a member's place (docs/semantics.md step 3): a substitute or a proxy the
//! agreement allows casts the member's vote; one it does not allow is disregarded, and the member
//! counts as absent.

use serde::Serialize;

use super::tally::Ballot;
use super::{Name, Place};
use crate::model::inputs::Proposal;
use crate::model::offices::{allowed_by, Agent};
use crate::model::Agreement;

/// Who cast a member's vote, and whether it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CastInPlace {
    /// `"substitute"` or `"proxy"`.
    pub by: StandIn,
    /// The member holding the proxy (for a proxy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<Name>,
    /// The clause allowing it, when one does.
    pub allowed_by: Option<Place>,
    /// Whether the vote is disregarded because nothing allows it (the member is then absent).
    pub disregarded: bool,
}

/// A substitute or a proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StandIn {
    /// Sent by the member.
    Substitute,
    /// Another member holding its proxy.
    Proxy,
}

/// Per member (indexed by id): who cast its vote in its place, if the proposal says someone
/// did; and the ballots with each disallowed vote taken off (the member is absent).
pub(super) fn cast_in_place(
    agreement: &Agreement,
    proposal: &Proposal,
    ballots: &mut [Ballot],
    key: impl Fn(crate::model::MemberId) -> Name,
    place: impl Fn(crate::span::Span) -> Place,
) -> Vec<Option<CastInPlace>> {
    let mut out = vec![None; ballots.len()];
    for cast in &proposal.cast_by {
        let allowed = allowed_by(agreement, cast.member, cast.agent);
        let (by, holder) = match cast.agent {
            Agent::Substitute => (StandIn::Substitute, None),
            Agent::Proxy(h) => (StandIn::Proxy, Some(key(h))),
        };
        if allowed.is_none() {
            if let Some(b) = ballots.get_mut(cast.member.index()) {
                *b = Ballot::Absent;
            }
        }
        if let Some(slot) = out.get_mut(cast.member.index()) {
            *slot = Some(CastInPlace { by, holder, allowed_by: allowed.map(&place), disregarded: allowed.is_none() });
        }
    }
    out
}
