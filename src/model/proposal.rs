//! A proposal as it is put to a meeting: the decision it is for, its votes, and every fact it
//! states (who presided, votes cast by substitute or proxy, approvals, conflicts, the applicant).
//!
//! These are words of the proposal, resolved to ids but not yet judged: the files that judge a
//! proposal against its agreement (`chairs`, `offices`, `conflicts`, `effects`, `proposer_rules`)
//! stand above this one, and the reading of proposal files (`inputs`) above them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::matters::ProposalMatters;
use super::meetings::Attendance;
use super::procedure::ProposalFacts;
use super::{Date, DecisionId, MemberId, Money, Percent, VoteChoice};
use crate::span::{Span, Spanned};

/// The decision a proposal is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DecisionRef {
    /// A decision of the agreement.
    Known(DecisionId),
    /// A name the agreement does not have.
    Unknown(String),
}

/// Who cast a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Voter {
    /// A member of the agreement.
    Known(MemberId),
    /// An identifier the agreement does not have.
    Unknown(String),
}

/// One vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vote {
    /// Who voted.
    pub voter: Voter,
    /// How.
    pub choice: VoteChoice,
    /// Where the voter was listed.
    pub span: Span,
}

/// A change in a member's revenue that a proposal brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RevenueChange {
    /// A sum: positive for a gain, negative for a loss.
    Amount(Money),
    /// A percentage of the member's budget: positive for a gain, negative for a loss.
    PercentOfBudget(Percent),
}

/// A proposal with its facts and votes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Its title (the scenario's name, in a scenario).
    pub title: Spanned<String>,
    /// The decision it is for.
    pub decision: Option<Spanned<DecisionRef>>,
    /// The day it is decided, which picks the rule in force.
    pub date: Option<Spanned<Date>>,
    /// Revenue changes by member.
    pub revenue: BTreeMap<MemberId, Spanned<RevenueChange>>,
    /// Members whose statutory duties the proposal puts at risk.
    pub duties_at_risk: Vec<Spanned<MemberId>>,
    /// Budget each commissioner commits to this proposal.
    pub commitments: BTreeMap<MemberId, Spanned<Money>>,
    /// The votes; a member not listed is absent.
    pub votes: Vec<Vote>,
    /// How the casting vote, if used, is cast.
    pub casting_vote: Option<Spanned<VoteChoice>>,
    /// `presiding: hhft`: the member presiding at the meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presiding: Option<Spanned<MemberId>>,
    /// `in favour: gpfed (by proxy lbh)`: votes cast in a member's place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cast_by: Vec<CastBy>,
    /// `at a reconvened meeting`: the meeting was reconvened for want of a quorum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconvened: Option<Span>,
    /// `concerning: lbh`: the member the proposal is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concerning: Option<Spanned<MemberId>>,
    /// `opted out: lbh, icb`: members who opt out of this proposal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub opted_out: Vec<Spanned<MemberId>>,
    /// Approvals outside the meeting, conflicted members and their sub-votes.
    #[serde(skip_serializing_if = "ProposalMatters::is_empty")]
    pub matters: ProposalMatters,
    /// When it was requested, who proposed it, who asks for postponement, notice, breach.
    #[serde(skip_serializing_if = "ProposalFacts::is_empty")]
    pub facts: ProposalFacts,
    /// When the member concerned last attended, its excuse, who attended without a vote.
    #[serde(skip_serializing_if = "Attendance::is_empty")]
    pub attendance: Attendance,
    /// `decided by "BODY": agreed`: what the body outside the meeting decided (added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside: Option<super::outside::OutsideDecision>,
    /// `applicant: pcn-east "…"`: who joins when the proposal passes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicant: Option<Applicant>,
}

/// How a member's vote was cast when it was not there itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "holder")]
pub enum Agent {
    /// `(by substitute)`
    Substitute,
    /// `(by proxy lbh)`: the member holding the proxy.
    Proxy(MemberId),
}

/// A vote a proposal says was cast in a member's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CastBy {
    /// The member whose vote it is.
    pub member: MemberId,
    /// Who cast it.
    pub agent: Agent,
    /// The `(by …)` words.
    pub span: Span,
}

/// The applicant a proposal names: `applicant: pcn-east "East Primary Care Network"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applicant {
    /// Its identifier.
    pub key: String,
    /// Its display name (the identifier when none is given).
    pub name: String,
    /// The `applicant:` line.
    pub span: Span,
}

pub(crate) fn empty_proposal(title: Spanned<String>) -> Proposal {
    Proposal {
        title,
        decision: None,
        date: None,
        revenue: BTreeMap::new(),
        duties_at_risk: Vec::new(),
        commitments: BTreeMap::new(),
        votes: Vec::new(),
        casting_vote: None,
        reconvened: None,
        concerning: None,
        applicant: None,
        opted_out: Vec::new(),
        matters: Default::default(),
        presiding: None,
        cast_by: Vec::new(),
        facts: Default::default(),
        attendance: Default::default(),
        outside: None,
    }
}
