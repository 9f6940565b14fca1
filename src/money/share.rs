//! A share step read from the agreement: each method's basis figures, with diagnostics for
//! missing, negative or all-zero figures, handed to the [`engine`](super::engine).

use miette::LabeledSpan;
use rust_decimal::Decimal;

use super::engine::{self, EngineError, Method};
use super::notes::Basis;
use super::pennies::{PennyParty, PennyWorking, CARRIED_ON};
use super::{Context, MemberShare, MethodWorking, MoneyError};
use crate::model::{Exemption, FigureName, ShareMethod, ShareMixPart};
use crate::span::Span;

/// Whether a surplus or a deficit is being shared (performance counts the other way round).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Surplus,
    Deficit,
}

/// A share step worked out.
pub(crate) struct StepShares {
    pub methods: Vec<MethodWorking>,
    pub shares: Vec<MemberShare>,
    pub unplaced: Decimal,
    pub rounds: usize,
    pub notes: Vec<super::notes::Note>,
    pub pennies: Option<super::pennies::PennyWorking>,
}

/// One method's figures for every participant.
struct Column {
    figures: Vec<Option<Decimal>>,
    basis: Vec<Decimal>,
    words: super::notes::Basis,
    figure: Option<FigureName>,
    /// Whether the figures are counts of shares (shown as plain numbers, not percentages).
    counts: bool,
}

/// How many member names a diagnostic lists before saying "and N more".
const NAMES_SHOWN: usize = 10;

/// Checks that a mix's weights add up to 100%.
pub(crate) fn check_mix(ctx: &mut Context<'_>, parts: &[ShareMixPart], step_span: Span) -> bool {
    let total = super::checked_sum(parts.iter().map(|p| p.weight.0));
    if total == Some(Decimal::ONE_HUNDRED) {
        return true;
    }
    ctx.diagnostics.push(MoneyError::MixNotWhole {
        total: total.map_or_else(|| "far more than 100".into(), super::format_number),
        step: step_span.into(),
        parts: parts
            .iter()
            .map(|p| LabeledSpan::new_with_span(Some(format!("{}%", super::format_number(p.weight.0))), p.span))
            .collect(),
    });
    false
}

/// Shares `amount` among the participants by `parts`, each member held to its cap.
/// Returns `None` (with a diagnostic) when the step cannot be worked out.
pub(crate) fn share_step(
    ctx: &mut Context<'_>,
    amount: Decimal,
    parts: &[ShareMixPart],
    side: Side,
    caps: &[Option<Decimal>],
    exemption: Option<&Exemption>,
    step_span: Span,
) -> Option<StepShares> {
    if !check_mix(ctx, parts, step_span) {
        return None;
    }
    let mut notes = Vec::new();
    let exempt = match exemption {
        Some(e) => {
            let exempt = super::exempt::exempt_members(ctx, e)?;
            notes.push(super::exempt::note(ctx, e, &exempt));
            exempt
        }
        None => vec![false; ctx.participants.len()],
    };
    let everyone_exempt = !exempt.is_empty() && exempt.iter().all(|e| *e);
    if ctx.participants.is_empty() {
        ctx.diagnostics.push(MoneyError::NoMembersShare { at: step_span.into() });
    }
    let mut columns = Vec::with_capacity(parts.len());
    for part in parts {
        columns.push(column(ctx, part, side)?);
    }
    let methods: Vec<Method> = columns
        .iter_mut()
        .zip(parts)
        .map(|(c, p)| {
            let mut basis = std::mem::take(&mut c.basis);
            super::exempt::zero_exempt(&mut basis, &exempt);
            Method { weight: p.weight.0, basis }
        })
        .collect();
    if everyone_exempt && amount > Decimal::ZERO {
        if let Some(e) = exemption {
            ctx.diagnostics.push(MoneyError::EveryoneExempt { amount: ctx.money(amount), at: e.span.into() });
        }
    }
    let sharing = match engine::share(amount, &methods, caps, ctx.unit) {
        Ok(s) => s,
        Err(EngineError::Negative) => {
            ctx.diagnostics.push(MoneyError::NegativeAmount {
                what: "amount or a cap in this step".into(),
                file: super::MoneyFile::Agreement,
                at: step_span.into(),
            });
            return None;
        }
        Err(_) => {
            ctx.overflow("this share", step_span);
            return None;
        }
    };
    for ((part, column), total) in parts.iter().zip(&columns).zip(&sharing.method_totals) {
        if total.is_zero() && !ctx.participants.is_empty() && !everyone_exempt {
            let portion =
                amount.checked_mul(part.weight.0).and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)).unwrap_or(amount);
            ctx.diagnostics.push(MoneyError::NothingToShareBy {
                figure: column.figure.map_or("share", FigureName::words),
                method: part.method.words(),
                amount: ctx.money(portion),
                at: part.span.into(),
            });
        }
    }
    if sharing.rounds > 0 {
        let capped = sharing.capped.iter().filter(|c| **c).count();
        notes.push(super::notes::Note::Capped { members: capped, rounds: sharing.rounds });
    }
    let mut shares = Vec::with_capacity(ctx.participants.len());
    for (i, member) in ctx.participants.iter().enumerate() {
        shares.push(MemberShare {
            member: member.key.clone(),
            figures: columns.iter().map(|c| c.figures.get(i).copied().flatten()).collect(),
            bases: methods.iter().map(|m| m.basis.get(i).copied().unwrap_or_default()).collect(),
            proportion: sharing.proportions.get(i).copied().unwrap_or_default(),
            unrounded: sharing.unrounded.get(i).copied().unwrap_or_default(),
            share: sharing.shares.get(i).copied().unwrap_or_default(),
            cap: caps.get(i).copied().flatten(),
            capped: sharing.capped.get(i).copied().unwrap_or(false),
            exempt: exempt.get(i).copied().unwrap_or(false),
        });
    }
    let methods = parts
        .iter()
        .zip(columns)
        .zip(&sharing.method_totals)
        .map(|((p, c), total)| MethodWorking {
            weight: p.weight.0,
            method: p.method.words().to_string(),
            figure: c.figure.map(|f| f.words().to_string()),
            unit: if c.counts { Some(super::FigureKind::Number) } else { c.figure.map(|f| f.unit().into()) },
            basis: c.words,
            total: *total,
            span: p.span,
        })
        .collect();
    let mut parties: Vec<(String, String, PennyParty)> =
        ctx.participants.iter().map(|m| (m.key.clone(), m.name.clone(), PennyParty::Member)).collect();
    parties.push((CARRIED_ON.into(), CARRIED_ON.into(), PennyParty::CarriedOn));
    let mut pennies = PennyWorking::new(&sharing.pennies, parties, ctx.unit);
    // A member held at its cap by the spreading of caps gets no penny beyond it.
    if let Some(p) = &mut pennies {
        for (party, capped) in p.parties.iter_mut().zip(&sharing.capped) {
            if *capped && party.reason.is_none() {
                party.reason = Some(super::pennies::PennyReason::HeldAtCeiling);
            }
        }
    }
    Some(StepShares { methods, shares, unplaced: sharing.unallocated, rounds: sharing.rounds, notes, pennies })
}

/// The basis figures of one method.
fn column(ctx: &mut Context<'_>, part: &ShareMixPart, side: Side) -> Option<Column> {
    let n = ctx.participants.len();
    let Some(figure) = part.method.figure() else {
        return Some(Column {
            figures: vec![None; n],
            basis: vec![Decimal::ONE; n],
            words: Basis::Equal,
            figure: None,
            counts: false,
        });
    };
    let mut words = match part.method {
        ShareMethod::Performance => Basis::PerformanceScore,
        ShareMethod::AbilityToPay => Basis::Reserves,
        _ => Basis::Figure(figure),
    };
    let mut values: Vec<Option<(Decimal, Option<Span>)>> = ctx
        .participants
        .iter()
        .map(|m| {
            if figure == FigureName::Performance {
                if let Some(score) = ctx.result.performance.get(&m.id) {
                    return Some((score.node, None));
                }
            }
            m.figures.get(&figure).map(|f| (f.value, Some(f.span)))
        })
        .collect();
    // `by budget allocation` falls back on the capitated budget's allocation.
    if figure == FigureName::Allocation && values.iter().all(Option::is_none) {
        if let Some(allocation) = &ctx.budget_allocation {
            if allocation.iter().any(|a| !a.is_zero()) {
                values = allocation.iter().map(|a| Some((*a, None))).collect();
                words = Basis::CapitatedAllocation;
            }
        }
    }
    let article = if matches!(figure, FigureName::Allocation | FigureName::Equity | FigureName::InvestmentNeed) {
        "an"
    } else {
        "a"
    };
    if values.iter().all(Option::is_none) && n > 0 {
        let example = match figure.unit() {
            crate::model::FigureUnit::Money => format!("{} £1,000,000", figure.words()),
            crate::model::FigureUnit::Percent => format!("{} 40%", figure.words()),
            crate::model::FigureUnit::Number => format!("{} 82", figure.words()),
        };
        ctx.diagnostics.push(MoneyError::NoMemberHasFigure {
            article,
            figure: figure.words(),
            method: part.method.words(),
            at: part.span.into(),
            help: format!(
                "give each member a `{}` figure (for example `{example}`), or share by another method",
                figure.words()
            ),
        });
        return None;
    }
    let mut negative = false;
    for (member, value) in ctx.participants.iter().zip(&values) {
        if let Some((v, span)) = value {
            if *v < Decimal::ZERO {
                negative = true;
                ctx.diagnostics.push(MoneyError::NegativeFigure {
                    member: member.key.clone(),
                    figure: figure.words(),
                    at: span.unwrap_or(member.span).into(),
                });
            }
        }
    }
    if negative {
        return None;
    }
    let missing: Vec<usize> = values.iter().enumerate().filter(|(_, v)| v.is_none()).map(|(i, _)| i).collect();
    if !missing.is_empty() {
        let names: Vec<String> =
            missing.iter().filter_map(|i| ctx.participants.get(*i)).map(|m| format!("`{}`", m.key)).collect();
        let mut listed = names.iter().take(NAMES_SHOWN).cloned().collect::<Vec<_>>().join(", ");
        let more = names.len().saturating_sub(NAMES_SHOWN);
        if more > 0 {
            listed.push_str(&format!(" and {more} more"));
        }
        let one = missing.len() == 1;
        ctx.diagnostics.push(MoneyError::MissingFigure {
            article,
            count: missing.len(),
            members: if one { "member has" } else { "members have" },
            pronoun: if one { "it" } else { "they" },
            counts: if one { "counts" } else { "count" },
            figure: figure.words(),
            method: part.method.words(),
            names: listed,
            at: part.span.into(),
            member_spans: missing
                .iter()
                .filter_map(|i| ctx.participants.get(*i))
                .take(NAMES_SHOWN)
                .map(|m| {
                    LabeledSpan::new_with_span(Some(format!("`{}` has no `{}` figure", m.key, figure.words())), m.span)
                })
                .collect(),
        });
    }
    let mut figures: Vec<Option<Decimal>> = values.iter().map(|v| v.map(|(d, _)| d)).collect();
    let mut scores: Vec<Decimal> = figures.iter().map(|f| f.unwrap_or_default()).collect();
    // Shares written as fractions are read exactly, over one common denominator.
    let counts = match crate::model::exact_share_bases(&ctx.participants, figure) {
        Ok(Some(exact)) => {
            scores = exact.bases.iter().map(|b| b.unwrap_or_default()).collect();
            // Shown as the numerators over the common denominator, which are the basis.
            figures = exact.bases.clone();
            words = Basis::CommonDenominator { figure, denominator: exact.denominator.clone() };
            true
        }
        Ok(None) => {
            let counts = ctx
                .participants
                .iter()
                .any(|m| m.figures.get(&figure).is_some_and(|f| f.form == crate::model::FigureForm::Shares));
            if counts {
                words = Basis::NumberOfShares(figure);
            }
            counts
        }
        Err(_) => {
            ctx.overflow("the fractions of this share", part.span);
            return None;
        }
    };
    let basis = if part.method == ShareMethod::Performance && side == Side::Deficit {
        // Poor performers bear more: best + (best − score). Equal scores → equal shares.
        let best = scores.iter().copied().max().unwrap_or_default();
        let worst = scores.iter().copied().min().unwrap_or_default();
        if best == worst {
            words = Basis::EqualScores { score: best };
            vec![Decimal::ONE; n]
        } else {
            words = Basis::BestScorePlusShortfall { best };
            let mut out = Vec::with_capacity(n);
            for s in &scores {
                let Some(b) = best.checked_add(best).and_then(|x| x.checked_sub(*s)) else {
                    ctx.overflow("the performance shares", part.span);
                    return None;
                };
                out.push(b);
            }
            out
        }
    } else {
        scores
    };
    Some(Column { figures, basis, words, figure: Some(figure), counts })
}
