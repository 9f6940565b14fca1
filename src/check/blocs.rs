//! Blocs' own rules and casting votes: a casting vote no tie can use, and a bloc condition that
//! measures a threshold of its own where the bloc has a rule or casting vote of its own.

use super::diagnostics::{BlocCastingVoteUnusable, BlocRuleBypassed, CheckDiagnostic};
use crate::model::{Agreement, BlocSelection, Comparator, Condition, Decision, Rule};

/// Agreement-wide: a bloc's casting vote under a rule that a tie can never reach (`at least …`,
/// or more than a share above one half).
pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    for bloc in &agreement.blocs {
        let (Some(casting), Some(rule)) = (&bloc.casting_vote, &bloc.own_rule) else { continue };
        let p = &rule.proportion.node;
        let above_half = p.numerator.checked_mul(rust_decimal::Decimal::TWO).is_none_or(|t| t > p.denominator);
        if rule.comparator == Comparator::AtLeast || above_half {
            out.push(
                BlocCastingVoteUnusable {
                    decision: None,
                    witness: None,
                    bloc: bloc.key.clone(),
                    rule: bloc.rule_words(),
                    at: casting.span.into(),
                    rule_at: rule.span.into(),
                }
                .into(),
            );
        }
    }
}

/// A decision's bloc conditions `… in favour by …` on blocs with terms of their own.
pub(super) fn check_decision(agreement: &Agreement, decision: &Decision, out: &mut Vec<CheckDiagnostic>) {
    for timed in &decision.rules {
        for part in crate::model::conditions(&timed.rule) {
            let Rule::Condition(Condition::Bloc { blocs, .. }) = &part.node else { continue };
            let selected: Vec<&crate::model::Bloc> = match blocs {
                BlocSelection::Each => agreement.blocs.iter().collect(),
                BlocSelection::One(id) => agreement.bloc(*id).into_iter().collect(),
            };
            for bloc in selected.into_iter().filter(|b| b.own_rule.is_some() || b.casting_vote.is_some()) {
                let mut terms = bloc.rule_words();
                if let Some(h) = bloc.casting_vote.as_ref().and_then(|h| agreement.member(h.node)) {
                    terms.push_str(&format!(", with {}'s casting vote on a tie", h.key));
                }
                out.push(
                    BlocRuleBypassed {
                        decision: Some(decision.name.clone()),
                        witness: None,
                        bloc: bloc.key.clone(),
                        terms,
                        at: part.span.into(),
                        bloc_at: bloc.span.into(),
                    }
                    .into(),
                );
            }
        }
    }
}
