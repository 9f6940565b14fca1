//! The working of a matter reserved to one partner, of the votes on whether conflicted members
//! take part (docs/semantics.md step 2) and of approvals outside the meeting (step 9).

use serde::Serialize;

use super::context::Context;
use super::{Name, Place};
use crate::model::conflicts;
use crate::model::inputs::Proposal;
use crate::model::matters::{self, ApprovalState, Approver, ReservedAlso};
use crate::model::Agreement;
use crate::results::terms::{ApproverTerm, Threshold};

/// Everything this part of the language adds to an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MattersWorking {
    /// The partner the matter is reserved to, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved: Option<ReservedWorking>,
    /// Each conflicted member named by the proposal, and the vote on whether it takes part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictWorking>,
    /// Each approval outside the meeting the decision needs, and where it stands.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<ApprovalWorking>,
    /// Whether the approvals were looked at: only a proposal the meeting passed needs them
    /// (step 9); an approval never rescues a proposal that was not carried.
    pub approvals_looked_at: bool,
}

/// `reserved to lbh …`, worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReservedWorking {
    /// The partner.
    pub member: Name,
    /// `nothing` (only it decides), `meeting` (the meeting must also pass it) or
    /// `own_governance` (its own governance must also approve).
    pub also: ReservedAlso,
    /// The clause.
    pub clause: Place,
}

/// The vote on whether one conflicted member takes part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictWorking {
    /// The conflicted member.
    pub member: Name,
    /// The other members present: listed as voting on the proposal, eligible on every other
    /// ground and not conflicted themselves.
    pub others_present: u32,
    /// Those of them who agreed that it may take part.
    pub in_favour: u32,
    /// Those of them who voted that it may not.
    pub against: u32,
    /// The threshold (in JSON, in the agreement's words: `more than half`).
    pub threshold: Threshold,
    /// Whether it may take part.
    pub allowed: bool,
    /// Votes on taking part from members not among the others present, disregarded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disregarded: Vec<Name>,
    /// The decision's conflict clause.
    pub clause: Place,
}

/// One approval outside the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalWorking {
    /// Whose approval (in JSON, in words: `NHS England`, `lbh's own governance`).
    pub approver: ApproverTerm,
    /// Given, withheld or not yet given.
    pub state: ApprovalState,
    /// Whether the proposal enters it; an approval it does not mention is not yet given.
    pub entered: bool,
    /// The decision's clause that asks for it.
    pub clause: Place,
}

impl Context<'_> {
    /// The working of this part, or `None` when the decision says nothing of it.
    pub(super) fn matters(&self, proposal: &Proposal) -> Option<MattersWorking> {
        let decision = self.decision;
        let has_conflict = matters::conflict_rule(decision).is_some();
        if decision.matters.is_empty() && !has_conflict {
            return None;
        }
        let reserved = decision.matters.reserved.as_ref().map(|r| ReservedWorking {
            member: self.key(r.member),
            also: r.also,
            clause: self.place(r.span),
        });
        // A member not named conflicted is eligible or not whatever the conflicted members'
        // votes, so its standing here is its standing on every other ground.
        let others = |m| self.eligible(m);
        let conflicts = proposal
            .matters
            .conflicted
            .iter()
            .filter_map(|c| conflicts::conflict_vote(self.agreement, decision, proposal, c.node, others))
            .map(|v| ConflictWorking {
                member: self.key(v.member),
                others_present: v.others_present,
                in_favour: v.in_favour,
                against: v.against,
                threshold: Threshold { comparator: v.comparator, proportion: v.proportion },
                allowed: v.allowed,
                disregarded: v.disregarded.iter().map(|m| self.key(*m)).collect(),
                clause: self.place(v.clause),
            })
            .collect();
        let approvals = decision
            .matters
            .approvals
            .iter()
            .map(|needed| {
                let entry = proposal.matters.entry(&needed.approver);
                ApprovalWorking {
                    approver: approver_term(&needed.approver, self.agreement),
                    state: entry.map_or(ApprovalState::NotYetGiven, |e| e.state),
                    entered: entry.is_some(),
                    clause: self.place(needed.span),
                }
            })
            .collect();
        Some(MattersWorking { reserved, conflicts, approvals, approvals_looked_at: false })
    }
}

/// Whose approval, as the working carries it: a body by name, or a member's governance by the
/// member's identifier.
fn approver_term(approver: &Approver, agreement: &Agreement) -> ApproverTerm {
    match approver {
        Approver::Body(body) => ApproverTerm::Body(body.clone()),
        Approver::Governance(m) => {
            ApproverTerm::Governance(agreement.member(*m).map_or("?".to_string(), |m| m.key.clone()))
        }
    }
}

/// Step 9, "Approvals outside the meeting", for a proposal the meeting passed: any approval
/// withheld rejects it; else any not yet given (entered so, or not mentioned) leaves it passed,
/// subject to those approvals. Out: who withheld, and whose approval is awaited.
pub(super) fn approvals_step(working: &mut MattersWorking) -> (Vec<ApproverTerm>, Vec<ApproverTerm>) {
    working.approvals_looked_at = true;
    let with = |state: ApprovalState| -> Vec<ApproverTerm> {
        working.approvals.iter().filter(|a| a.state == state).map(|a| a.approver.clone()).collect()
    };
    (with(ApprovalState::Withheld), with(ApprovalState::NotYetGiven))
}
