//! Who proposed (issue 21, item 8; real clauses C67 and C97), in the order of
//! docs/semantics.md:
//! - (1) a decision whose rule depends on who proposed (`when proposed by …, passes if …`): the
//!   rule whose `when proposed by` names the proposer, else the plain rule; a proposal that does
//!   not say who proposed it is invalid, never given a rule by guess;
//! - (1a) a joint proposal (`proposed by: a, b, c`) under `any 10 members jointly`: the distinct
//!   members are counted, and fewer than the clause needs is not validly proposed.

use serde::Serialize;

use super::context::Context;
use super::Invalidity;
use crate::model::inputs::Proposal;
use crate::model::procedure::{distinct, ProposedBy};
use crate::model::proposer_rules::{self, Choice};
use crate::model::{MemberId, TimedRule};
use crate::results::terms::{Proposer, RuleProposer, RuleProposers};

/// Which rule who proposed chose (step 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposerChoice {
    /// Who proposed it (in JSON, in words: `“the Commission”`, `fr`, `fr, de and it jointly`).
    pub proposer: Proposer,
    /// The proposers the chosen rule's `when proposed by` names (in JSON, in words); absent
    /// when the chosen rule is the plain one, for a proposal by anyone else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when_proposed_by: Option<RuleProposers>,
}

/// A joint proposal's count against the clause's (step 1a).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JointCount {
    /// The distinct members who proposed it.
    pub members: usize,
    /// The fewest the clause lets propose jointly; absent when it lets nobody.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<u32>,
}

/// A joint proposal counted against the clause that lets members propose jointly (step 1a).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JointWorking {
    /// The distinct members who proposed it, in the order listed.
    pub members: Vec<String>,
    /// The fewest the clause lets propose it jointly.
    pub needed: u32,
    /// Whether they are enough.
    pub enough: bool,
    /// The line of the clause.
    pub line: usize,
}

impl Context<'_> {
    /// (1a) The count of a joint proposal, when its decision's `may be proposed only by` lets
    /// members propose jointly.
    pub(super) fn joint_working(&self, proposal: &Proposal) -> Option<JointWorking> {
        let Some(ProposedBy::Jointly(members)) = proposal.facts.proposed_by.as_ref().map(|b| &b.node) else {
            return None;
        };
        let proposers = self.decision.procedure.proposers.as_ref()?;
        let needed = crate::model::procedure::joint_count(proposers)?;
        let mut names: Vec<String> = Vec::new();
        for m in members {
            let k = self.evaluator.keys.get(m.node.index()).map_or_else(String::new, |k| k.to_string());
            if !names.contains(&k) {
                names.push(k);
            }
        }
        Some(JointWorking {
            enough: names.len() >= needed as usize,
            members: names,
            needed,
            line: self.place(proposers.span).line,
        })
    }

    /// Who proposed it: a joint proposal's members each once, in the order listed.
    pub(super) fn proposer(&self, by: &ProposedBy) -> Proposer {
        let key = |m: MemberId| self.evaluator.keys.get(m.index()).map_or_else(String::new, |k| k.to_string());
        match by {
            ProposedBy::Member(m) => Proposer::Member(key(*m)),
            ProposedBy::Body(b) => Proposer::Body(b.clone()),
            ProposedBy::Jointly(members) => {
                let mut names: Vec<String> = Vec::new();
                for m in members {
                    let k = key(m.node);
                    if !names.contains(&k) {
                        names.push(k);
                    }
                }
                Proposer::Jointly(names)
            }
        }
    }

    /// Who proposed it, or nobody named (an empty identifier) when the proposal does not say.
    fn proposer_or_nobody(&self, by: Option<&ProposedBy>) -> Proposer {
        by.map_or_else(|| Proposer::Member(String::new()), |b| self.proposer(b))
    }

    /// The kinds of a member, for matching it against a clause naming a kind.
    pub(super) fn kinds_of(&self, m: MemberId) -> Vec<crate::model::KindId> {
        self.agreement.member(m).map_or_else(Vec::new, |m| m.kinds.iter().map(|k| k.node).collect())
    }

    /// (1) The rule who proposed chooses, with the working; or why there is none.
    pub(super) fn rule_by_proposer(&self, proposal: &Proposal) -> Result<(&TimedRule, ProposerChoice), Invalidity> {
        let by = proposal.facts.proposed_by.as_ref().map(|b| &b.node);
        match proposer_rules::rule_for(self.decision, by, |m| self.kinds_of(m)) {
            Choice::Rule(rule) => {
                let proposer = self.proposer_or_nobody(by);
                let when_proposed_by = rule.proposed_by.as_ref().map(|p| rule_proposers(p, self.agreement));
                Ok((rule, ProposerChoice { proposer, when_proposed_by }))
            }
            Choice::NoProposer => Err(Invalidity::NoProposer),
            Choice::Unsettled => Err(Invalidity::ProposerNotSettled { proposer: self.proposer_or_nobody(by) }),
        }
    }

    /// (1a) The count of a joint proposal that its decision's `may be proposed only by` does
    /// not allow: the distinct members and the fewest the clause lets propose jointly.
    pub(super) fn joint_count(&self, by: &ProposedBy) -> Option<JointCount> {
        let ProposedBy::Jointly(members) = by else { return None };
        let needed = self.decision.procedure.proposers.as_ref().and_then(crate::model::procedure::joint_count);
        Some(JointCount { members: distinct(members), needed })
    }
}

/// The proposers a `when proposed by` clause names, as the working carries them (worded in
/// `report/terms.rs`): members by identifier, kinds and bodies by name.
pub fn rule_proposers(
    proposers: &crate::model::procedure::Proposers,
    agreement: &crate::model::Agreement,
) -> RuleProposers {
    use crate::model::procedure::Proposer as P;
    let key = |m: MemberId| agreement.member(m).map_or("?".to_string(), |m| m.key.clone());
    RuleProposers(
        proposers
            .who
            .iter()
            .map(|p| match &p.node {
                P::Member(m) => RuleProposer::Member(key(*m)),
                P::Kind(k) => RuleProposer::Kind(agreement.kind(*k).map_or("?".to_string(), |k| k.name.clone())),
                P::Body(b) => RuleProposer::Body(b.clone()),
                P::Jointly(n) => RuleProposer::Jointly(*n),
                P::AnyMember => RuleProposer::AnyMember,
            })
            .collect(),
    )
}
