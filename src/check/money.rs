//! Money: the capitated budget's lines, personal budgets, liability caps and compensation.

use miette::LabeledSpan;
use rust_decimal::Decimal;

use super::diagnostics::*;
use super::money as show;
use crate::model::{Agreement, DeficitStep, FigureName, LineKind, Role, SavingsStep, ShareMethod};

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    budget(agreement, out);
    deficits(agreement, out);
    compensation(agreement, out);
}

fn budget(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let Some(budget) = &agreement.budget else { return };
    for line in &budget.lines {
        if line.kind != LineKind::PersonalBudgets {
            continue;
        }
        if let Some(minimum) = &line.statutory_minimum {
            if line.amount.node.0 < minimum.node.0 {
                out.push(
                    PersonalBudgetBelowMinimum {
                        decision: None,
                        witness: Some(Witness::Amount { amount: show(agreement, minimum.node.0 - line.amount.node.0) }),
                        amount: show(agreement, line.amount.node.0),
                        minimum: show(agreement, minimum.node.0),
                        at: line.amount.span.into(),
                        minimum_at: minimum.span.into(),
                    }
                    .into(),
                );
            }
        }
    }
    let Some(capitated) = &budget.capitated else { return };
    let total: Decimal = budget.lines.iter().map(|l| l.amount.node.0).sum();
    if total > capitated.node.0 {
        let excess = total - capitated.node.0;
        out.push(
            BudgetOverCapitated {
                decision: None,
                witness: Some(Witness::Amount { amount: show(agreement, excess) }),
                total: show(agreement, total),
                excess: show(agreement, excess),
                capitated: show(agreement, capitated.node.0),
                cap_at: capitated.span.into(),
                lines: budget.lines.iter().map(|l| LabeledSpan::underline(l.amount.span)).collect(),
            }
            .into(),
        );
    }
}

/// When every member who shares deficits has a liability cap, what the waterfall can bear at
/// most (besides the contingency fund, whose balance only a year-end result gives).
fn deficits(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let Some(deficits) = &agreement.deficits else { return };
    let Some(share_step) = deficits.steps.iter().find(|s| matches!(s.node, DeficitStep::Share(_))) else { return };
    let DeficitStep::Share(parts) = &share_step.node else { return };
    // Members a share method gives anything to.
    let sharing: Vec<&crate::model::Member> = agreement
        .members
        .iter()
        .filter(|m| !m.has_role(Role::Observer))
        .filter(|m| {
            parts.iter().any(|p| match p.method {
                ShareMethod::Equally => true,
                method => method.figure().and_then(|f| m.figure(f)).is_some_and(|v| v > Decimal::ZERO),
            })
        })
        .collect();
    if sharing.is_empty() {
        return;
    }
    let caps: Option<Vec<(Decimal, crate::span::Span)>> = sharing
        .iter()
        .map(|m| m.figures.get(&FigureName::LiabilityCap).map(|f| (f.value.max(Decimal::ZERO), f.span)))
        .collect();
    let Some(caps) = caps else { return };
    let capped: Decimal = caps.iter().map(|(c, _)| *c).sum();
    let mut insurance = Decimal::ZERO;
    let mut commissioners: Option<(Decimal, Option<Decimal>)> = None;
    for step in &deficits.steps {
        match &step.node {
            DeficitStep::Insurance { cap } => insurance += cap.0,
            DeficitStep::Commissioners { share, cap } => commissioners = Some((share.as_fraction(), cap.map(|c| c.0))),
            _ => {}
        }
    }
    // X: the most left after insurance that the commissioners and the capped members bear.
    let after_insurance = match commissioners {
        None => capped,
        Some((s, None)) if s >= Decimal::ONE => return,
        Some((s, None)) => capped / (Decimal::ONE - s),
        Some((s, Some(cap))) => {
            let uncapped = (s < Decimal::ONE).then(|| capped / (Decimal::ONE - s));
            match uncapped {
                Some(x) if s * x <= cap => x,
                _ => cap + capped,
            }
        }
    };
    let limit = insurance + after_insurance;
    out.push(
        DeficitBeyondCaps {
            decision: None,
            witness: Some(Witness::Amount { amount: show(agreement, limit) }),
            limit: show(agreement, limit),
            at: share_step.span.into(),
            caps: caps.iter().map(|(_, span)| LabeledSpan::underline(*span)).collect(),
        }
        .into(),
    );
}

fn compensation(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let Some(savings) = &agreement.savings else { return };
    let Some(step) = savings.steps.iter().find(|s| matches!(s.node, SavingsStep::Compensation)) else { return };
    let any_fell =
        agreement.members.iter().any(|m| match (m.figure(FigureName::Allocation), m.figure(FigureName::Budget)) {
            (Some(allocation), Some(budget)) => allocation < budget,
            _ => false,
        });
    if !any_fell {
        out.push(CompensationImpossible { decision: None, witness: None, at: step.span.into() }.into());
    }
}
