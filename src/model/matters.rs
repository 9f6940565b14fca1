//! Reserved matters, approvals outside the meeting and conflicted members (issue 21, items 5
//! and 6; clauses C41 and C79).
//!
//! - **A matter reserved to one partner.** `reserved to lbh`: only lbh decides, by its own vote
//!   (every other member's vote is disregarded, no quorum applies, and the decision has no
//!   `passes if` of its own: the rule is lbh in favour). `reserved to lbh, and the meeting must
//!   also pass it`: the decision's rule, and lbh in favour as well. `reserved to lbh, and its own
//!   governance must also approve`: lbh alone decides, and its own governance must approve too.
//!   The rules are made here, when the agreement is read, so every engine reads them as any rule.
//! - **Approvals outside the meeting.** `subject to the approval of "NHS England"` (or of
//!   `lbh's own governance`, or of `each partner's own governance`): a proposal the meeting has
//!   passed also needs that approval. A proposal enters each as `approval of "NHS England":
//!   given`, `withheld` or `not yet given`; one it does not mention is not yet given.
//! - **A conflicted member.** `a conflicted member takes part only if more than half of the
//!   other members present agree`: a proposal names the conflicted member (`conflicted: gpfed`)
//!   and records the others' vote on whether it may take part (`on gpfed taking part, in favour:
//!   icb, trust`). [`conflict_vote`](super::conflicts::conflict_vote) works that vote out, for the
//!   evaluator and the checker.
//!
//! These are the words alone, of the agreement and of a proposal; the files that judge a
//! proposal by them stand above (`conflicts`, and `inputs` when a proposal is read).

use serde::Serialize;

use crate::model::{Agreement, Comparator, Decision, Exclusion, MemberId, Proportion, VoteChoice};
use crate::span::{Span, Spanned};

pub use crate::syntax::ast::{ApprovalState, ReservedAlso};

/// A decision's reserved matter and approvals outside the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Matters {
    /// `reserved to MEMBER …`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved: Option<Reserved>,
    /// `subject to the approval of …`, one entry per approver (each partner's own governance is
    /// one entry per member who is not an observer), in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<NeededApproval>,
}

impl Matters {
    /// Whether the decision says nothing of reserved matters or approvals.
    pub fn is_empty(&self) -> bool {
        self.reserved.is_none() && self.approvals.is_empty()
    }

    /// Whether only the reserved partner decides (no meeting vote counts, no quorum applies).
    pub fn reserved_alone(&self) -> bool {
        self.reserved.as_ref().is_some_and(|r| r.also != ReservedAlso::Meeting)
    }
}

/// `reserved to lbh[, and …]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reserved {
    /// The partner the matter is reserved to.
    pub member: MemberId,
    /// What else it needs.
    pub also: ReservedAlso,
    /// The clause.
    pub span: Span,
}

/// Whose approval outside the meeting a decision needs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "approver", content = "of", rename_all = "snake_case")]
pub enum Approver {
    /// A named body outside the agreement: `"NHS England"`.
    Body(String),
    /// A member's own governance: `lbh's own governance`.
    Governance(MemberId),
}

impl Approver {
    /// The approver in words: `NHS England`, `lbh's own governance`.
    pub fn words(&self, agreement: &Agreement) -> String {
        self.words_with(&agreement.members)
    }

    /// The same, from the list of members.
    pub fn words_with(&self, members: &[crate::model::Member]) -> String {
        match self {
            Approver::Body(body) => body.clone(),
            Approver::Governance(m) => {
                format!("{}'s own governance", members.get(m.index()).map_or("?", |m| m.key.as_str()))
            }
        }
    }
}

/// One approval a decision needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeededApproval {
    /// Whose.
    pub approver: Approver,
    /// The clause that asks for it.
    pub span: Span,
}

/// One approval as a proposal enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalEntry {
    /// Whose.
    pub approver: Approver,
    /// Given, withheld or not yet given.
    pub state: ApprovalState,
    /// The line.
    pub span: Span,
}

/// One vote on whether a conflicted member may take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictBallot {
    /// The conflicted member the vote is about.
    pub conflicted: MemberId,
    /// Who voted.
    pub voter: MemberId,
    /// How.
    pub choice: VoteChoice,
    /// Where the voter was listed.
    pub span: Span,
}

/// What a proposal says about approvals and conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProposalMatters {
    /// `approval of …: given | withheld | not yet given`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<ApprovalEntry>,
    /// `conflicted: gpfed`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicted: Vec<Spanned<MemberId>>,
    /// `on gpfed taking part, in favour: icb, trust`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflict_votes: Vec<ConflictBallot>,
}

impl ProposalMatters {
    /// Whether the proposal says nothing of approvals or conflicts.
    pub fn is_empty(&self) -> bool {
        self.approvals.is_empty() && self.conflicted.is_empty() && self.conflict_votes.is_empty()
    }

    /// Whether the proposal names `member` as conflicted.
    pub fn is_conflicted(&self, member: MemberId) -> bool {
        self.conflicted.iter().any(|c| c.node == member)
    }

    /// How the proposal enters `approver`'s approval, if it does.
    pub fn entry(&self, approver: &Approver) -> Option<&ApprovalEntry> {
        self.approvals.iter().find(|a| a.approver == *approver)
    }
}

/// The decision's conflict clause, if it has one.
pub fn conflict_rule(decision: &Decision) -> Option<(Comparator, Proportion, Span)> {
    decision.exclusions.iter().find_map(|e| match e {
        Exclusion::Conflict { comparator, proportion, span } => Some((*comparator, *proportion, *span)),
        _ => None,
    })
}
