//! `on passing, …`: what a decision changes in the agreement.

use super::*;
use crate::model::effects::{DecisionEffect, Target};
use crate::model::error::KindsError;

impl<'f> Lowerer<'f> {
    pub(super) fn effect(&mut self, effect: &ast::EffectClause) -> Option<DecisionEffect> {
        Some(match effect {
            ast::EffectClause::RoleMoves { role, to } => {
                let to = match to {
                    ast::EffectTarget::Concerned => Target::Concerned,
                    ast::EffectTarget::Member(m) => Target::Member(self.member_ref(m)?),
                };
                DecisionEffect::RoleMoves { role: Role::from(role.node), to }
            }
            ast::EffectClause::ConcernedLeaves => DecisionEffect::ConcernedLeaves,
            ast::EffectClause::ApplicantJoins { kind, votes } => {
                let kind = match kind {
                    Some(k) => Some(self.kind_ref(k)?),
                    None => None,
                };
                DecisionEffect::ApplicantJoins { kind, votes: votes.map(|v| v.node) }
            }
        })
    }

    /// Refuses effects of one decision that contradict each other: one role passed twice, two
    /// applicants, or the member concerned both leaving and taking a role.
    pub(super) fn effects_settled(&mut self, decision: &Decision) {
        let mut seen: Vec<&Spanned<DecisionEffect>> = Vec::new();
        for effect in &decision.effects {
            let clash = seen.iter().find(|s| match (&s.node, &effect.node) {
                (DecisionEffect::RoleMoves { role: a, .. }, DecisionEffect::RoleMoves { role: b, .. }) => a == b,
                (DecisionEffect::ApplicantJoins { .. }, DecisionEffect::ApplicantJoins { .. }) => true,
                (DecisionEffect::ConcernedLeaves, DecisionEffect::ConcernedLeaves) => true,
                (DecisionEffect::ConcernedLeaves, DecisionEffect::RoleMoves { to: Target::Concerned, .. })
                | (DecisionEffect::RoleMoves { to: Target::Concerned, .. }, DecisionEffect::ConcernedLeaves) => true,
                _ => false,
            });
            if let Some(first) = clash {
                let what = match (&first.node, &effect.node) {
                    (DecisionEffect::RoleMoves { role: a, .. }, DecisionEffect::RoleMoves { role: b, .. })
                        if a == b =>
                    {
                        format!("decision “{}” says twice who becomes the {}", decision.name, a.words())
                    }
                    (DecisionEffect::ApplicantJoins { .. }, _) => {
                        format!("decision “{}” admits the applicant twice", decision.name)
                    }
                    _ => format!("decision “{}” has the member concerned both leave and take a role", decision.name),
                };
                self.errors.push(LowerError::Kinds(Box::new(KindsError::EffectUnclear {
                    what,
                    at: effect.span.into(),
                    help: "keep one of the clauses: a decision's changes must not contradict each other".into(),
                })));
            }
            seen.push(effect);
        }
    }
}
