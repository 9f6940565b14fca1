//! `on passing, …` clauses of a decision.

use super::super::ast::*;
use super::super::grammar::Rule;
use super::{find, first_meaningful, Builder, P};

impl Builder {
    pub(super) fn effect_clause(&self, clause: &P<'_>) -> Option<EffectClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::effect_role => {
                let role_pair = find(&inner, Rule::lead_provider)
                    .or_else(|| find(&inner, Rule::chair_role))
                    .or_else(|| find(&inner, Rule::host_role))?;
                let role = match role_pair.as_rule() {
                    Rule::lead_provider => Role::LeadProvider,
                    Rule::chair_role => Role::Chair,
                    _ => Role::Host,
                };
                let target = self.need(&inner, Rule::effect_target)?;
                let to = match find(&target, Rule::member_ref) {
                    Some(m) => EffectTarget::Member(self.member_ref(&m)),
                    None => EffectTarget::Concerned,
                };
                EffectClause::RoleMoves { role: self.spanned(&role_pair, role), to }
            }
            Rule::effect_leaves => EffectClause::ConcernedLeaves,
            Rule::effect_joins => EffectClause::ApplicantJoins {
                kind: find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
                votes: match find(&inner, Rule::decimal) {
                    Some(d) => Some(self.spanned(&d, self.decimal(&d)?)),
                    None => None,
                },
            },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }
}
