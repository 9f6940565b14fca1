//! Outcomes beyond pass and fail (issue 21, item 8): what a decision says about time, about who
//! may propose, about a minority that may have it postponed, and about the notice and the cure
//! period it needs; and the facts a proposal gives for them (docs/semantics.md steps 1a, 4a, 4b).

use serde::Serialize;

use super::{Date, Duration, KindId, MemberId, Percent};
use crate::span::{Span, Spanned};

/// The procedural clauses of a decision; each is absent unless the decision says it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Procedure {
    /// `if not agreed within 30 days of the request, escalate to "…"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timed_escalation: Option<TimedEscalation>,
    /// `may be proposed only by …`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposers: Option<Proposers>,
    /// `members holding at least 30% of eligible votes who ask may have it postponed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postponement: Option<Postponement>,
    /// `a proposal needs 7 days' notice`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Period>,
    /// `only after a breach unremedied for 30 days`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cure: Option<Period>,
    /// `a meeting may be called by …` (real clause C78).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_callers: Option<Proposers>,
}

impl Procedure {
    /// Whether the decision says none of these.
    pub fn is_empty(&self) -> bool {
        self.timed_escalation.is_none()
            && self.proposers.is_none()
            && self.postponement.is_none()
            && self.notice.is_none()
            && self.cure.is_none()
            && self.meeting_callers.is_none()
    }
}

/// A route the matter takes when the decision has not been agreed within a period of the request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimedEscalation {
    /// How long the decision-makers have, from the day of the request.
    pub period: Duration,
    /// The bodies, in order, each with its own time limit.
    pub steps: Vec<(Spanned<String>, Option<Spanned<Duration>>)>,
    /// The clause.
    pub span: Span,
}

/// Who may propose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposers {
    /// Each one named, in the order written.
    pub who: Vec<Spanned<Proposer>>,
    /// The clause.
    pub span: Span,
}

/// One who may propose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Proposer {
    /// A member.
    Member(MemberId),
    /// Any member of a kind.
    Kind(KindId),
    /// A body outside the agreement, by the words in quotes.
    Body(String),
    /// `any 10 members jointly`: at least this many distinct members proposing together (at
    /// least 2; see [`super::proposer_rules`]).
    Jointly(u32),
    /// `any member`: every member of the agreement, observers included.
    AnyMember,
}

/// Who made a proposal (`proposed by: …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ProposedBy {
    /// A member.
    Member(MemberId),
    /// A body outside the agreement.
    Body(String),
    /// Several members together (`proposed by: a, b, c`), as listed (a member listed twice is
    /// counted once).
    Jointly(Vec<Spanned<MemberId>>),
}

/// A minority that may have a proposal postponed by asking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Postponement {
    /// `more than` (true) or `at least` (false).
    pub strictly: bool,
    /// The share of the eligible votes the members asking must hold.
    pub share: Percent,
    /// The clause.
    pub span: Span,
}

/// A period a clause requires to have run: the notice a proposal needs, a breach's cure period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// How long.
    pub period: Duration,
    /// The clause.
    pub span: Span,
}

/// The facts a proposal gives for those clauses.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProposalFacts {
    /// `requested on DATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested: Option<Spanned<Date>>,
    /// `proposed by: …`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<Spanned<ProposedBy>>,
    /// `asking for postponement: …`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub asking_postponement: Vec<Spanned<MemberId>>,
    /// `notice given on DATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_given: Option<Spanned<Date>>,
    /// `breach notified on DATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breach_notified: Option<Spanned<Date>>,
    /// `remedied on DATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedied: Option<Spanned<Date>>,
    /// `meeting called by: …` (for `a meeting may be called by …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_called_by: Option<Spanned<ProposedBy>>,
}

impl ProposalFacts {
    /// Whether the proposal gives none of them.
    pub fn is_empty(&self) -> bool {
        self == &ProposalFacts::default()
    }
}

/// Whether `by` is one of `proposers`: a member named, a member of a kind named, or a body whose
/// words are exactly those of the clause.
/// A joint proposal is one only of `any N members jointly`, made by at least N distinct members
/// (the reader refuses a joint proposal for a clause that lets nobody propose jointly).
pub fn may_propose(proposers: &Proposers, by: &ProposedBy, kinds_of: impl Fn(MemberId) -> Vec<KindId>) -> bool {
    proposers.who.iter().any(|p| match (&p.node, by) {
        (Proposer::Member(m), ProposedBy::Member(b)) => m == b,
        (Proposer::Kind(k), ProposedBy::Member(b)) => kinds_of(*b).contains(k),
        (Proposer::Body(x), ProposedBy::Body(y)) => x == y,
        (Proposer::Jointly(n), ProposedBy::Jointly(members)) => distinct(members) >= *n as usize,
        (Proposer::AnyMember, ProposedBy::Member(_)) => true,
        _ => false,
    })
}

/// How many different members a joint proposal lists.
pub fn distinct(members: &[Spanned<MemberId>]) -> usize {
    let mut seen: Vec<MemberId> = members.iter().map(|m| m.node).collect();
    seen.sort();
    seen.dedup();
    seen.len()
}

/// The fewest members a clause lets propose jointly (`any 10 members jointly`), if any.
pub fn joint_count(proposers: &Proposers) -> Option<u32> {
    proposers.who.iter().filter_map(|p| if let Proposer::Jointly(n) = p.node { Some(n) } else { None }).min()
}
