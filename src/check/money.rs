//! Money: the capitated budget's lines, personal budgets, liability caps and compensation.
//!
//! Every sum here is checked: figures too large to add up exactly are reported
//! (`concord::check::figures_too_large`), never rounded or wrapped.

use miette::LabeledSpan;
use rust_decimal::Decimal;

use super::diagnostics::*;
use super::money as show;
use crate::model::{Agreement, DeficitStep, FigureName, FundKind, LineKind, RiskMode, Role, SavingsStep, ShareMethod};

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    budget(agreement, out);
    deficits(agreement, out);
    compensation(agreement, out);
    funds(agreement, out);
}

/// The funds: their lines against their contributions, commissioning partners, hosts and
/// waterfalls.
fn funds(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    for fund in &agreement.funds {
        if fund.kind == FundKind::PooledFund && fund.host.is_none() {
            out.push(
                FundWithoutHost { decision: None, witness: None, fund: fund.name.clone(), at: fund.span.into() }.into(),
            );
        }
        if !fund.lines.is_empty() && !fund.contributions.is_empty() {
            let lines = checked_sum(fund.lines.iter().map(|l| l.budget.node.0));
            let contributions = checked_sum(fund.contributions.iter().map(|(_, a)| a.node.0));
            match (lines, contributions) {
                (Some(lines), Some(contributions)) if lines != contributions => {
                    let (more, diff) = if lines > contributions {
                        ("more", lines.checked_sub(contributions))
                    } else {
                        ("less", contributions.checked_sub(lines))
                    };
                    let diff = diff.map_or_else(String::new, |d| show(agreement, d));
                    out.push(
                        FundLinesDoNotAddUp {
                            decision: None,
                            witness: Some(Witness::Amount { amount: diff.clone() }),
                            fund: fund.name.clone(),
                            lines: show(agreement, lines),
                            contributions: show(agreement, contributions),
                            help: format!(
                                "the lines budget {diff} {more} than the fund holds; change the lines' budgets or the contributions so that they agree"
                            ),
                            at: fund.span.into(),
                            budgets: fund.lines.iter().map(|l| LabeledSpan::underline(l.budget.span)).collect(),
                        }
                        .into(),
                    );
                }
                (Some(_), Some(_)) => {}
                _ => {
                    let spans =
                        fund.lines.iter().map(|l| l.budget.span).chain(fund.contributions.iter().map(|(_, a)| a.span));
                    out.push(FiguresTooLarge::over("the fund's lines and contributions", spans));
                }
            }
        }
        let mut by_rule = fund.lines.is_empty() && fund.kind != FundKind::RiskPool;
        for line in &fund.lines {
            let shares: Vec<_> = line.commissioners.iter().filter_map(|(_, p, span)| p.map(|p| (p.0, *span))).collect();
            if let Some(total) = checked_sum(shares.iter().map(|(p, _)| *p)) {
                if total > Decimal::ONE_HUNDRED {
                    out.push(
                        CommissionerSharesOverWhole {
                            decision: None,
                            witness: None,
                            line: line.name.clone(),
                            total: crate::money::format_number(total),
                            shares: shares.iter().map(|(_, s)| LabeledSpan::underline(*s)).collect(),
                        }
                        .into(),
                    );
                }
            }
            let at = line.risk_span.unwrap_or(line.span);
            match line.risk {
                RiskMode::FundRule => by_rule = true,
                _ if line.commissioners.is_empty() => {
                    by_rule = true;
                    out.push(
                        LineWithoutCommissioner {
                            decision: None,
                            witness: None,
                            line: line.name.clone(),
                            at: at.into(),
                        }
                        .into(),
                    );
                }
                RiskMode::NoRiskShare if line.commissioners.len() > 1 => out.push(
                    RiskBorneBySeveral {
                        decision: None,
                        witness: None,
                        line: line.name.clone(),
                        count: line.commissioners.len(),
                        at: at.into(),
                        partners: line.commissioners.iter().map(|(_, _, s)| LabeledSpan::underline(*s)).collect(),
                    }
                    .into(),
                ),
                _ => {}
            }
        }
        if by_rule {
            let missing = match (fund.savings.is_some(), fund.deficits.is_some()) {
                (true, true) => continue,
                (false, true) => "savings",
                (true, false) => "deficits",
                (false, false) => "savings or deficits",
            };
            let example = match missing {
                "savings" => format!("`savings of \"{}\"` with `shared by contribution`", fund.name),
                _ => format!("`deficits of \"{}\"` with `shared by contribution`", fund.name),
            };
            out.push(
                FundWithoutWaterfall {
                    decision: None,
                    witness: None,
                    fund: fund.name.clone(),
                    missing: missing.into(),
                    help: format!(
                        "part of this fund's variance is shared by the fund's rule, which its waterfalls say; add {example}. Until then that part is reported as unallocated"
                    ),
                    at: fund.span.into(),
                }
                .into(),
            );
        }
    }
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
    let Some(share_step) = deficits.steps.iter().find(|s| matches!(s.node, DeficitStep::Share(..))) else { return };
    let DeficitStep::Share(parts, _) = &share_step.node else { return };
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
            DeficitStep::Commissioners { share, cap, .. } => {
                commissioners = Some((share.as_fraction(), cap.map(|c| c.0)))
            }
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
