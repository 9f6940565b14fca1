//! Terms an evaluation's working carries as the agreement has them, never as words: a period, a
//! role, a threshold, a bloc's rule, who proposed. `report/` alone words them, for text and for
//! JSON (each type's `Serialize` lives in `src/report/terms.rs`, so that the JSON shape in
//! docs/json.md, where each of these is a string, stays as it was).

use rust_decimal::Decimal;

use crate::calendar::Duration;
use crate::model::{Base, Comparator, Proportion, Role};

/// A term of the agreement kept as the model has it (a period such as `30 days`, a role such
/// as `lead provider`); in JSON, the agreement's own words for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term<T>(pub T);

/// A period: `30 days`, `10 working days`.
pub type Period = Term<Duration>;

/// A role that passes from member to member: `lead provider`, `chair`, `host`.
pub type RoleTerm = Term<Role>;

/// A period as a possessive, for the notice needed: `7 days'`, `1 month's`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Possessive(pub Duration);

/// A share of votes to be met: `more than half`, `at least two thirds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// How the share is compared.
    pub comparator: Comparator,
    /// The share, as written.
    pub proportion: Proportion,
}

/// The rule a bloc decides by within itself: `more than half of its votes cast`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlocRule {
    /// The share to be met.
    pub threshold: Threshold,
    /// What it is a share of.
    pub base: Base,
}

/// The share of the eligible votes that must ask for postponement: `at least 30% of eligible
/// votes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostponementShare {
    /// Whether those asking must hold more than the share (else at least it).
    pub strictly: bool,
    /// The share, in percent.
    pub percent: Decimal,
}

/// Who proposed a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposer {
    /// A member, by its identifier.
    Member(String),
    /// A body outside the agreement, in the proposal's words (`the Commission`).
    Body(String),
    /// Members jointly: each distinct member, in the order listed.
    Jointly(Vec<String>),
}

/// Whose approval outside the meeting a decision needs: a body by name, or a member's own
/// governance (the member by its identifier).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApproverTerm {
    /// A body outside the agreement: `NHS England`.
    Body(String),
    /// A member's own governance: `lbh's own governance`.
    Governance(String),
}

/// One proposer a `when proposed by` clause names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleProposer {
    /// A member, by its identifier.
    Member(String),
    /// Any member of a kind, by the kind's name.
    Kind(String),
    /// A body outside the agreement, in the clause's words.
    Body(String),
    /// At least this many members proposing together.
    Jointly(u32),
    /// Any member of the agreement.
    AnyMember,
}

/// The proposers a `when proposed by` clause names, in its order: `“the Commission” or icb`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProposers(pub Vec<RuleProposer>);

/// Why the agreement cannot take the changes a passed proposal makes: the refusal's message,
/// and its help when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// How it could be put right.
    pub help: Option<String>,
}
