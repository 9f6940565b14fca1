//! Figures that votes and shares are taken from, and shares that must add up to 100%.

use miette::LabeledSpan;
use rust_decimal::Decimal;

use super::diagnostics::*;
use super::{names, percent};
use crate::model::{Agreement, FigureName, Role, ShareMethod, ShareMixPart, WeightScheme};
use crate::span::Span;

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    share_figures(agreement, out);
    voting_figures(agreement, out);
    share_totals(agreement, out);
}

/// The sum of `values`, or `None` when it is too large to hold exactly.
fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
}

fn labelled(span: Span) -> LabeledSpan {
    LabeledSpan::underline(span)
}

/// Members who take part in sharing and voting: everyone but observers.
fn partners(agreement: &Agreement) -> impl Iterator<Item = &crate::model::Member> {
    agreement.members.iter().filter(|m| !m.has_role(Role::Observer))
}

/// A zero of the figure's kind, as a drafter writes it (`budget £0`, `equity 0%`).
fn zero(figure: Option<FigureName>) -> &'static str {
    match figure.map(FigureName::unit) {
        Some(crate::model::FigureUnit::Money) => "£0",
        Some(crate::model::FigureUnit::Percent) => "0%",
        Some(crate::model::FigureUnit::Number) | None => "0",
    }
}

fn example(figure: FigureName) -> &'static str {
    match figure.unit() {
        crate::model::FigureUnit::Money => "£1,000,000",
        crate::model::FigureUnit::Percent => "25%",
        crate::model::FigureUnit::Number => "80",
    }
}

fn share_figures(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let mut mixes: Vec<(&'static str, &'static str, Vec<&ShareMixPart>)> = Vec::new();
    if let Some(savings) = &agreement.savings {
        let parts = savings
            .steps
            .iter()
            .filter_map(|s| match &s.node {
                crate::model::SavingsStep::Share(parts, _) => Some(parts.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        mixes.push(("savings", "savings shares", parts));
    }
    if let Some(deficits) = &agreement.deficits {
        let parts = deficits
            .steps
            .iter()
            .filter_map(|s| match &s.node {
                crate::model::DeficitStep::Share(parts, _) => Some(parts.iter()),
                _ => None,
            })
            .flatten()
            .collect();
        mixes.push(("deficits", "deficit shares", parts));
    }
    for (what, used_for, parts) in mixes {
        let mut seen: Vec<ShareMethod> = Vec::new();
        for part in parts {
            let Some(figure) = part.method.figure() else { continue };
            // Performance scores are usually given with each year's result, which overrides the
            // agreement's; the year-end evaluation reports any member left without one.
            if figure == crate::model::FigureName::Performance {
                continue;
            }
            if seen.contains(&part.method) {
                continue;
            }
            seen.push(part.method);
            let lacking: Vec<&crate::model::Member> =
                partners(agreement).filter(|m| m.figure(figure).is_none()).collect();
            let declared = partners(agreement).filter(|m| m.figure(figure).is_some()).count();
            if declared == 0 {
                out.push(
                    MissingFigure {
                        decision: None,
                        witness: None,
                        what,
                        figure: figure.words(),
                        example: example(figure),
                        at: part.span.into(),
                    }
                    .into(),
                );
            } else if !lacking.is_empty() {
                out.push(partial(figure.words(), zero(Some(figure)), used_for, part.span, &lacking));
            }
        }
    }
}

fn partial(
    figure: &'static str,
    zero: &'static str,
    used_for: &'static str,
    at: Span,
    lacking: &[&crate::model::Member],
) -> CheckDiagnostic {
    let one = lacking.len() == 1;
    PartialFigure {
        decision: None,
        witness: None,
        names: names(lacking.iter().map(|m| m.key.clone())),
        verb: if one { "declares" } else { "declare" },
        counts: if one { "it counts" } else { "they count" },
        figure,
        zero,
        used_for,
        at: at.into(),
        members: lacking.iter().map(|m| labelled(m.span)).collect(),
    }
    .into()
}

/// Whether a member has the figure its votes are weighed by.
type FigureCheck = fn(&crate::model::Member, Option<FigureName>) -> bool;

fn has_figure(member: &crate::model::Member, figure: Option<FigureName>) -> bool {
    figure.is_some_and(|f| member.figure(f).is_some())
}

fn voting_figures(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let mut schemes = vec![&agreement.voting.scheme];
    for decision in &agreement.decisions {
        if let Some(s) = &decision.voting {
            if !schemes.iter().any(|x| x.node == s.node) {
                schemes.push(s);
            }
        }
    }
    for scheme in schemes {
        let (figure, has, figure_name): (&'static str, FigureCheck, Option<FigureName>) = match &scheme.node {
            WeightScheme::Proportional(f) => (f.words(), has_figure, Some(*f)),
            WeightScheme::Committed(crate::model::CommitScope::Pool) => {
                ("contribution", has_figure, Some(FigureName::Contribution))
            }
            WeightScheme::Explicit => ("votes", |m, _| m.votes.is_some(), None),
            _ => continue,
        };
        let (has, which) = (has, figure_name);
        // Members of a kind holding a reserved share do not need the figure.
        let reserved = |m: &crate::model::Member| agreement.voting.reserved.iter().any(|r| m.is_of_kind(r.kind.node));
        let lacking: Vec<&crate::model::Member> =
            partners(agreement).filter(|m| !has(m, which) && !reserved(m)).collect();
        // Nobody at all: each decision reports that its votes all weigh zero.
        if !lacking.is_empty() && lacking.len() < partners(agreement).count() {
            out.push(partial(figure, zero(which), "the votes", scheme.span, &lacking));
        }
    }
}

fn share_totals(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let mix_total = |parts: &[ShareMixPart]| checked_sum(parts.iter().map(|p| p.weight.0));
    let check_mix = |list: ShareList, parts: &[ShareMixPart], out: &mut Vec<CheckDiagnostic>| {
        let Some(total) = mix_total(parts) else {
            out.push(FiguresTooLarge::over("the weights of this share mix", parts.iter().map(|p| p.span)));
            return;
        };
        if !parts.is_empty() && total != Decimal::ONE_HUNDRED {
            out.push(
                SharesNot100 {
                    decision: None,
                    witness: None,
                    list,
                    total: percent(total),
                    parts: parts.iter().map(|p| labelled(p.span)).collect(),
                }
                .into(),
            );
        }
    };
    if let Some(savings) = &agreement.savings {
        for step in &savings.steps {
            if let crate::model::SavingsStep::Share(parts, _) = &step.node {
                check_mix(ShareList::Savings, parts, out);
            }
        }
    }
    if let Some(deficits) = &agreement.deficits {
        for step in &deficits.steps {
            if let crate::model::DeficitStep::Share(parts, _) = &step.node {
                check_mix(ShareList::Deficits, parts, out);
            }
        }
    }
    let reserved = checked_sum(agreement.voting.reserved.iter().map(|r| r.share.node.0));
    let Some(reserved) = reserved else {
        out.push(FiguresTooLarge::over(
            "the reserved shares of the votes",
            agreement.voting.reserved.iter().map(|r| r.share.span),
        ));
        return;
    };
    if reserved > Decimal::ONE_HUNDRED {
        out.push(
            SharesNot100 {
                decision: None,
                witness: None,
                list: ShareList::ReservedVotes,
                total: percent(reserved),
                parts: agreement.voting.reserved.iter().map(|r| labelled(r.share.span)).collect(),
            }
            .into(),
        );
    }
    if let Some(budget) = &agreement.budget {
        for line in &budget.lines {
            let stated: Vec<Decimal> = line.providers.iter().filter_map(|(_, s, _)| s.map(|p| p.0)).collect();
            if stated.is_empty() {
                continue;
            }
            let Some(total) = checked_sum(stated.iter().copied()) else {
                let spans = line.providers.iter().map(|(_, _, span)| *span);
                out.push(FiguresTooLarge::over("the providers' shares of this budget line", spans));
                continue;
            };
            let all_stated = stated.len() == line.providers.len();
            if total > Decimal::ONE_HUNDRED || (all_stated && total != Decimal::ONE_HUNDRED) {
                out.push(
                    SharesNot100 {
                        decision: None,
                        witness: None,
                        list: ShareList::Providers,
                        total: percent(total),
                        parts: line.providers.iter().map(|(_, _, span)| labelled(*span)).collect(),
                    }
                    .into(),
                );
            }
        }
    }
}
