//! Step 1 of docs/semantics.md for a decision whose rule depends on who proposed, written out
//! naively (no code shared with `src/model/proposer_rules.rs`): the rule whose `when proposed
//! by` names the proposer, else the plain rule; no proposer, no rule. And the count of a joint
//! proposal against `any N members jointly` (step 1a).

use std::collections::BTreeSet;

use super::{InvalidReason, OracleError};
use crate::model::inputs::Proposal;
use crate::model::procedure::{ProposedBy, Proposer};
use crate::model::{Agreement, Decision, MemberId, Rule};

/// Whether `entry` names `by`: the member itself, a member of the kind, the body's very words,
/// or at least N different members together.
pub(super) fn names(agreement: &Agreement, entry: &Proposer, by: &ProposedBy) -> bool {
    match (entry, by) {
        (Proposer::Member(x), ProposedBy::Member(m)) => x == m,
        (Proposer::Kind(k), ProposedBy::Member(m)) => {
            agreement.members.iter().any(|member| member.id == *m && member.kinds.iter().any(|mk| mk.node == *k))
        }
        (Proposer::Body(x), ProposedBy::Body(b)) => x == b,
        (Proposer::AnyMember, ProposedBy::Member(m)) => agreement.members.iter().any(|member| member.id == *m),
        (Proposer::Jointly(n), ProposedBy::Jointly(list)) => {
            let different: BTreeSet<MemberId> = list.iter().map(|m| m.node).collect();
            different.len() >= *n as usize
        }
        _ => false,
    }
}

/// The rule for the proposal, when the decision's rules depend on who proposed; `None` when
/// they do not.
#[allow(clippy::type_complexity)]
pub(super) fn rule<'a>(
    agreement: &Agreement,
    decision: &'a Decision,
    proposal: &Proposal,
) -> Option<Result<Result<&'a Rule, InvalidReason>, OracleError>> {
    if decision.rules.iter().all(|r| r.proposed_by.is_none()) {
        return None;
    }
    let Some(by) = proposal.facts.proposed_by.as_ref().map(|b| &b.node) else {
        return Some(Ok(Err(InvalidReason::NoProposer)));
    };
    if let ProposedBy::Jointly(list) = by {
        let some_named =
            decision.rules.iter().filter_map(|r| r.proposed_by.as_ref()).any(|p| {
                p.who.iter().any(|w| list.iter().any(|m| names(agreement, &w.node, &ProposedBy::Member(m.node))))
            });
        if some_named {
            return Some(Err(OracleError::Unsupported("a joint proposal some of whose members a rule names")));
        }
    }
    let own: Vec<&Rule> = decision
        .rules
        .iter()
        .filter(|r| r.proposed_by.as_ref().is_some_and(|p| p.who.iter().any(|w| names(agreement, &w.node, by))))
        .map(|r| &r.rule.node)
        .collect();
    let plain: Vec<&Rule> = decision.rules.iter().filter(|r| r.proposed_by.is_none()).map(|r| &r.rule.node).collect();
    Some(match (own.as_slice(), plain.as_slice()) {
        ([rule], _) | ([], [rule]) => Ok(Ok(*rule)),
        _ => Err(OracleError::Unsupported("no single rule for this proposer")),
    })
}
