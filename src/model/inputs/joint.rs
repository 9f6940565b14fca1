//! A proposal made jointly by several members (`proposed by: a, b, c`; real clause C97), refused
//! where what it comes to is not settled (docs/semantics.md step 1a):
//! - for a decision that lets nobody propose jointly (its `may be proposed only by` has no
//!   `any N members jointly`): whether a member named there proposed it is not settled;
//! - for a decision whose `when proposed by` names some of those proposing, but not all;
//! - with an observer, or the member the proposal concerns, among those counted: whether they
//!   count towards the number is not settled by `any 10 members`.
//!
//! Every other member counts, whatever its vote on the decision; a member listed twice counts
//! once.

use super::Proposal;
use crate::model::error::LowerError;
use crate::model::procedure::{joint_count, ProposedBy, Proposer};
use crate::model::proposer_rules::{names_one_of, ProposerError};
use crate::model::{Agreement, Decision, Role};
use crate::span::Spanned;

/// The refusals above, for a proposal whose `proposed by` is `by`.
pub(super) fn check_joint(
    proposal: &Proposal,
    agreement: &Agreement,
    decision: &Decision,
    by: &Spanned<ProposedBy>,
    errors: &mut Vec<LowerError>,
) {
    let ProposedBy::Jointly(members) = &by.node else { return };
    let name = &decision.name;
    let mut refuse = |problem: String, help: String| {
        errors.push(ProposerError::JointNotSettled { problem, at: by.span.into(), help }.into());
    };
    let kinds_of = |m: crate::model::MemberId| {
        agreement.member(m).map_or_else(Vec::new, |m| m.kinds.iter().map(|k| k.node).collect())
    };
    if let Some(proposers) = &decision.procedure.proposers {
        if joint_count(proposers).is_none() {
            refuse(
                format!("decision `{name}` lets no members propose it jointly"),
                "say which one proposed it (`proposed by: MEMBER`), or add `or by any 10 members jointly` (with the number the agreement says) to its `may be proposed only by`".to_string(),
            );
            return;
        }
    }
    if decision.rules.iter().filter_map(|r| r.proposed_by.as_ref()).any(|p| names_one_of(p, &by.node, kinds_of)) {
        refuse(
            format!("decision `{name}` has a rule for proposals by some of those proposing this one, but not all"),
            "whether a proposal made jointly comes from them is not settled: say which one proposed it (`proposed by: MEMBER`)".to_string(),
        );
        return;
    }
    let counted =
        decision.procedure.proposers.iter().chain(decision.rules.iter().filter_map(|r| r.proposed_by.as_ref()));
    if !counted.flat_map(|p| p.who.iter()).any(|w| matches!(w.node, Proposer::Jointly(_))) {
        return;
    }
    for m in members {
        let Some(member) = agreement.member(m.node) else { continue };
        if member.has_role(Role::Observer) {
            errors.push(
                ProposerError::JointNotSettled {
                    problem: format!("`{}`, an observer, is among the members proposing this jointly", member.key),
                    at: m.span.into(),
                    help: "whether an observer counts towards the members who must propose it together is not settled: take it off the list".to_string(),
                }
                .into(),
            );
        }
        if proposal.concerning.as_ref().is_some_and(|c| c.node == m.node) {
            errors.push(
                ProposerError::JointNotSettled {
                    problem: format!("`{}`, the member this proposal concerns, is among the members proposing it jointly", member.key),
                    at: m.span.into(),
                    help: "whether the member concerned counts towards the members who must propose it together is not settled: take it off the list".to_string(),
                }
                .into(),
            );
        }
    }
}

/// `a meeting may be called by …` (real clause C78): the proposal must say who called the
/// meeting (`meeting called by:`), a decision without the clause makes no use of it, and a
/// meeting called jointly is one only of `any N members jointly`.
pub(super) fn check_meeting(
    proposal: &Proposal,
    decision: &Decision,
    at: crate::span::Span,
    errors: &mut Vec<LowerError>,
) {
    let name = &decision.name;
    match (&decision.procedure.meeting_callers, &proposal.facts.meeting_called_by) {
        (Some(_), None) => errors.push(LowerError::from(crate::model::InputsError::MissingProposalFact {
            what: "who called the meeting".to_string(),
            at: at.into(),
            decision: name.clone(),
            help: format!(
                "decision `{name}` says `a meeting may be called by …`: add `meeting called by: MEMBER` (or `meeting called by: \"BODY\"`) to the proposal"
            ),
        })),
        (None, Some(by)) => errors.push(LowerError::from(crate::model::InputsError::ProposalFactNotUsed {
            decision: name.clone(),
            what: "who called the meeting".to_string(),
            at: by.span.into(),
            help: "the line matters only for a decision that says `a meeting may be called by …`; take it off, or add the clause to the decision".to_string(),
        })),
        (Some(callers), Some(by)) if matches!(by.node, ProposedBy::Jointly(_)) && joint_count(callers).is_none() => {
            errors.push(
                ProposerError::JointNotSettled {
                    problem: format!("decision `{name}` lets no members call a meeting jointly"),
                    at: by.span.into(),
                    help: "say which one called it (`meeting called by: MEMBER`), or add `or by any 3 members jointly` (with the number the agreement says) to its `a meeting may be called by`".to_string(),
                }
                .into(),
            );
        }
        _ => {}
    }
}
