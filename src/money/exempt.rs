//! Exemptions on a share step: `shared by ability to pay, members with reserves below
//! £1,000,000 bear nothing`. An exempt member takes no share of the step, by any method of its
//! mix; the step is shared among the others exactly as if the exempt members had a basis of
//! zero. When every member is exempt nothing can be shared: the whole step is carried on and, at
//! the waterfall's end, reported as unallocated, with a warning — never dropped.
//!
//! A member without the figure the exemption compares cannot be said to be below it or not: the
//! step is refused rather than guessed (`concord::eval::exemption_without_figure`).

use miette::LabeledSpan;
use rust_decimal::Decimal;

use super::{Context, MoneyError};
use crate::model::{Exemption, FigureName};

/// Which participants the exemption lets off, in the participants' order; `None` (with a
/// diagnostic) when a member lacks the figure.
pub(crate) fn exempt_members(ctx: &mut Context<'_>, exemption: &Exemption) -> Option<Vec<bool>> {
    let mut exempt = Vec::with_capacity(ctx.participants.len());
    let mut without = Vec::new();
    for m in &ctx.participants {
        let value = if exemption.figure == FigureName::Performance {
            ctx.result.performance.get(&m.id).map(|s| s.node).or_else(|| m.figure(exemption.figure))
        } else {
            m.figure(exemption.figure)
        };
        match value {
            Some(v) => exempt.push(v < exemption.below),
            None => {
                without.push(*m);
                exempt.push(false);
            }
        }
    }
    if let Some(first) = without.first() {
        let names: Vec<String> = without.iter().map(|m| format!("`{}`", m.key)).collect();
        ctx.diagnostics.push(MoneyError::ExemptionWithoutFigure {
            names: names.join(", "),
            verb: if without.len() == 1 { "has" } else { "have" },
            figure: exemption.figure.words(),
            at: exemption.span.into(),
            members: without
                .iter()
                .map(|m| {
                    LabeledSpan::new_with_span(
                        Some(format!("`{}` has no `{}` figure", m.key, exemption.figure.words())),
                        m.span,
                    )
                })
                .collect(),
            help: format!(
                "give {} a `{}` figure, so that the exemption can say whether it applies",
                if without.len() == 1 { format!("`{}`", first.key) } else { "each member".to_string() },
                exemption.figure.words()
            ),
        });
        return None;
    }
    Some(exempt)
}

/// The note on who was exempt (their display names).
pub(crate) fn note(ctx: &Context<'_>, exemption: &Exemption, exempt: &[bool]) -> super::notes::Note {
    let names = ctx.participants.iter().zip(exempt).filter(|(_, e)| **e).map(|(m, _)| m.name.clone()).collect();
    super::notes::Note::Exempt { exemption: *exemption, names }
}

/// Sets every exempt member's basis to zero in each method's figures.
pub(crate) fn zero_exempt(bases: &mut [Decimal], exempt: &[bool]) {
    for (b, e) in bases.iter_mut().zip(exempt) {
        if *e {
            *b = Decimal::ZERO;
        }
    }
}
