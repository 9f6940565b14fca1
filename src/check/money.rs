//! Money: the capitated budget's lines, personal budgets, liability caps and compensation.
//!
//! Every sum here is checked: figures too large to add up exactly are reported
//! (`concord::check::figures_too_large`), never rounded or wrapped.

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
                        witness: minimum
                            .node
                            .0
                            .checked_sub(line.amount.node.0)
                            .map(|short| Witness::Amount { amount: show(agreement, short) }),
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
    let Some(total) = checked_sum(budget.lines.iter().map(|l| l.amount.node.0)) else {
        let spans = budget.lines.iter().map(|l| l.amount.span);
        out.push(FiguresTooLarge::over("the budget lines' total", spans));
        return;
    };
    if total > capitated.node.0 {
        let Some(excess) = total.checked_sub(capitated.node.0) else {
            let spans = budget.lines.iter().map(|l| l.amount.span).chain([capitated.span]);
            out.push(FiguresTooLarge::over("the budget lines' excess over the capitated budget", spans));
            return;
        };
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
    let mut insurance = Some(Decimal::ZERO);
    let mut commissioners: Option<(Decimal, Option<Decimal>)> = None;
    for step in &deficits.steps {
        match &step.node {
            DeficitStep::Insurance { cap } => insurance = insurance.and_then(|i| i.checked_add(cap.0)),
            DeficitStep::Commissioners { share, cap } => commissioners = Some((share.as_fraction(), cap.map(|c| c.0))),
            _ => {}
        }
    }
    if commissioners.is_some_and(|(s, cap)| cap.is_none() && s >= Decimal::ONE) {
        // The commissioners bear whatever is left: no deficit goes beyond the caps.
        return;
    }
    let limit = checked_sum(caps.iter().map(|(c, _)| *c))
        .and_then(|capped| Some((capped, insurance?)))
        .and_then(|(capped, insurance)| insurance.checked_add(after_insurance(capped, commissioners)?));
    let Some(limit) = limit else {
        // Every figure that goes into the limit: the caps, insurance and the commissioners' step.
        let spans = caps.iter().map(|(_, span)| *span).chain(
            deficits
                .steps
                .iter()
                .filter(|s| matches!(s.node, DeficitStep::Insurance { .. } | DeficitStep::Commissioners { .. }))
                .map(|s| s.span),
        );
        out.push(FiguresTooLarge::over("the liability caps, insurance and commissioners' share together", spans));
        return;
    };
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

/// The sum of `values`, or `None` when it is too large to hold exactly.
fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// X: the most left after insurance that the commissioners (share `s`, up to `cap`) and the
/// capped members (bearing `capped` at most) bear together; `None` when too large to work out.
fn after_insurance(capped: Decimal, commissioners: Option<(Decimal, Option<Decimal>)>) -> Option<Decimal> {
    match commissioners {
        None => Some(capped),
        Some((s, None)) => capped.checked_div(Decimal::ONE.checked_sub(s)?),
        Some((s, Some(cap))) => {
            let uncapped =
                if s < Decimal::ONE { Some(capped.checked_div(Decimal::ONE.checked_sub(s)?)?) } else { None };
            match uncapped {
                Some(x) if s.checked_mul(x)? <= cap => Some(x),
                _ => cap.checked_add(capped),
            }
        }
    }
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
