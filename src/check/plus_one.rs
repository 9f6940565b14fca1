//! `half … plus one` counted in votes, where one vote has no natural size (issue 14 item 8).
//!
//! In: one decision of a resolved agreement. Out: a warning when a condition `half the BASE
//! plus one SIDE` counts `votes` while the decision's votes are weighed by a figure, by committed
//! budgets, or with a share reserved for a kind. Votes like these are not counted in whole
//! votes, so "plus one" has no meaning of its own: Concord takes one vote to be one percentage
//! point of all the eligible votes (docs/reference.md, "Half the total plus one, and more than
//! half"). The same weights written as `votes` for each member would give another answer, so
//! the checker says so rather than let the meaning hang on how the weights were written.

use super::diagnostics::PlusOneDependsOnUnits;
use super::CheckDiagnostic;
use crate::model::{self, Agreement, Condition, Decision, Rule, Unit, WeightScheme};

/// Warns when `decision` counts "plus one" in votes that have no natural unit.
pub(super) fn check(agreement: &Agreement, decision: &Decision, out: &mut Vec<CheckDiagnostic>) {
    let scheme = agreement.scheme_for(decision);
    let weights = match scheme.node {
        WeightScheme::Proportional(figure) => format!("in proportion to each member's `{}`", figure.words()),
        WeightScheme::Committed(model::CommitScope::Pool) => "in proportion to the budget committed to the pool".into(),
        WeightScheme::Committed(model::CommitScope::Proposal) => {
            "in proportion to the budget committed to each proposal".into()
        }
        WeightScheme::OneMemberOneVote | WeightScheme::Explicit if !agreement.voting.reserved.is_empty() => {
            "with a share of the votes reserved for a kind of member".into()
        }
        WeightScheme::OneMemberOneVote | WeightScheme::Explicit => return,
    };
    let rules = decision.rules.iter().map(|r| &r.rule).chain(decision.quorum.as_ref());
    let conditions: Vec<miette::LabeledSpan> = rules
        .flat_map(model::conditions)
        .filter(|part| {
            matches!(&part.node, Rule::Condition(Condition::HalfPlusOne { base, .. }) if base.unit == Unit::Votes)
        })
        .map(|part| miette::LabeledSpan::new_with_span(Some("\"plus one\" counted in votes".into()), part.span))
        .collect();
    if conditions.is_empty() {
        return;
    }
    let scheme_at = match &decision.voting {
        Some(own) => Some(own.span.into()),
        None => agreement.voting.declared.then(|| scheme.span.into()),
    };
    let reserved = agreement.voting.reserved.first().map(|r| r.share.span.into());
    out.push(
        PlusOneDependsOnUnits {
            decision: Some(decision.name.clone()),
            witness: None,
            name: decision.name.clone(),
            weights,
            conditions,
            scheme_at,
            reserved_at: reserved,
        }
        .into(),
    );
}
