//! Rules that depend on who proposed (issue 21, item 8; real clause C67): `when proposed by
//! "the Commission" or "the High Representative", passes if …` beside a plain `passes if …`,
//! the rule for a proposal made by anyone else. The rule in force is chosen by the proposal's
//! `proposed by:` (docs/semantics.md step 1); a proposal that does not say is refused.
//!
//! The reader makes the choice settled before anything uses it: a decision whose rules depend on
//! who proposed has no dated rule, exactly one plain rule, and no proposer who could fall under
//! two of its `when proposed by` clauses.

pub use super::error::ProposerError;
use super::procedure::{may_propose, ProposedBy, Proposer, Proposers};
use super::{Decision, KindId, MemberId, TimedRule};

/// Whether the decision's rule is chosen by who proposed.
pub fn depends_on_proposer(decision: &Decision) -> bool {
    decision.rules.iter().any(|r| r.proposed_by.is_some())
}

/// The rule chosen for a proposal, or why none is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Choice<'a> {
    /// This rule: its `when proposed by` names the proposer, or it is the plain rule and no
    /// `when proposed by` names them.
    Rule(&'a TimedRule),
    /// The proposal does not say who proposed it.
    NoProposer,
    /// Several members proposed it jointly and some, not all, of them are named by a `when
    /// proposed by` clause: whether it comes from them is not settled (the reader refuses it).
    Unsettled,
}

/// The rule for a proposal made by `by`, for a decision whose rules depend on who proposed.
pub fn rule_for<'a>(
    decision: &'a Decision,
    by: Option<&ProposedBy>,
    kinds_of: impl Fn(MemberId) -> Vec<KindId>,
) -> Choice<'a> {
    let Some(by) = by else { return Choice::NoProposer };
    if let ProposedBy::Jointly(_) = by {
        if decision.rules.iter().filter_map(|r| r.proposed_by.as_ref()).any(|p| names_one_of(p, by, &kinds_of)) {
            return Choice::Unsettled;
        }
    }
    let own = decision.rules.iter().find(|r| r.proposed_by.as_ref().is_some_and(|p| may_propose(p, by, &kinds_of)));
    match own.or_else(|| decision.rules.iter().find(|r| r.proposed_by.is_none())) {
        Some(rule) => Choice::Rule(rule),
        None => Choice::NoProposer,
    }
}

/// The rule chosen for a proposal by its `proposed by:`, if one is.
pub fn rule_of_proposal<'a>(
    agreement: &super::Agreement,
    decision: &'a Decision,
    proposal: &super::proposal::Proposal,
) -> Option<&'a TimedRule> {
    let kinds_of =
        |m: MemberId| agreement.member(m).map_or_else(Vec::new, |m| m.kinds.iter().map(|k| k.node).collect());
    match rule_for(decision, proposal.facts.proposed_by.as_ref().map(|b| &b.node), kinds_of) {
        Choice::Rule(rule) => Some(rule),
        Choice::NoProposer | Choice::Unsettled => None,
    }
}

/// A proposer for whom `rule` is chosen and who may propose, for the checker's proposals
/// about votes alone: a member, a body a clause names, or every member jointly. `None` when the
/// decision's rule does not depend on who proposed, or when nobody could.
pub fn witness_proposer(agreement: &super::Agreement, decision: &Decision, rule: &TimedRule) -> Option<ProposedBy> {
    if !depends_on_proposer(decision) {
        return None;
    }
    let kinds_of =
        |m: MemberId| agreement.member(m).map_or_else(Vec::new, |m| m.kinds.iter().map(|k| k.node).collect());
    let bodies = decision
        .procedure
        .proposers
        .iter()
        .chain(decision.rules.iter().filter_map(|r| r.proposed_by.as_ref()))
        .flat_map(|p| p.who.iter())
        .filter_map(|w| if let Proposer::Body(b) = &w.node { Some(ProposedBy::Body(b.clone())) } else { None });
    let everyone =
        ProposedBy::Jointly(agreement.members.iter().map(|m| crate::span::Spanned::new(m.id, m.span)).collect());
    let other = ProposedBy::Body(String::new());
    let mut candidates =
        agreement.members.iter().map(|m| ProposedBy::Member(m.id)).chain(bodies).chain([everyone, other]);
    candidates.find(|by| {
        let chosen = matches!(rule_for(decision, Some(by), kinds_of), Choice::Rule(r) if std::ptr::eq(r, rule));
        chosen && decision.procedure.proposers.as_ref().is_none_or(|p| may_propose(p, by, kinds_of))
    })
}

/// Whether a clause names, by itself or by its kind, one of the members of a joint proposal.
pub fn names_one_of(proposers: &Proposers, by: &ProposedBy, kinds_of: impl Fn(MemberId) -> Vec<KindId>) -> bool {
    let ProposedBy::Jointly(members) = by else { return false };
    members.iter().any(|m| {
        proposers.who.iter().any(|p| match p.node {
            Proposer::Member(x) => x == m.node,
            Proposer::Kind(k) => kinds_of(m.node).contains(&k),
            Proposer::AnyMember => true,
            Proposer::Body(_) | Proposer::Jointly(_) => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement(text: &str) -> crate::model::Agreement {
        let loaded = crate::load::load(text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded.agreement.expect("agreement")
    }

    const EU: &str = "agreement \"Council\"\n\nmember fr \"France\"\nmember de \"Germany\"\nmember it \"Italy\"\n\ndecision \"act\"\n  when proposed by \"the Commission\" or \"the High Representative\", passes if at least 55% of members in favour\n  passes if at least 72% of members in favour\n";

    #[test]
    fn the_proposer_chooses_the_rule_and_anyone_else_gets_the_plain_one() {
        let a = agreement(EU);
        let d = &a.decisions[0];
        assert!(depends_on_proposer(d));
        let kinds = |_| Vec::new();
        let by_commission = ProposedBy::Body("the Commission".into());
        let Choice::Rule(r) = rule_for(d, Some(&by_commission), kinds) else { panic!("no rule") };
        assert!(r.proposed_by.is_some());
        let by_member = ProposedBy::Member(MemberId(0));
        let Choice::Rule(r) = rule_for(d, Some(&by_member), kinds) else { panic!("no rule") };
        assert!(r.proposed_by.is_none());
        assert_eq!(rule_for(d, None, kinds), Choice::NoProposer);
    }
}
