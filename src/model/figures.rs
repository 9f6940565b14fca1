//! Share figures written exactly: `equity 3/7` (a fraction of the whole) and `equity 3 shares`
//! (a count, a member's share being its count over every member's), read without ever passing
//! through a rounded percentage.

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{FigureName, Member};

/// How a share figure (`equity`, `risk share`) was written. The money engine and the weights
/// read a fraction or a count exactly, never through the rounded percentage in `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureForm {
    /// A plain amount, percentage or number: `value` is exact.
    #[default]
    Plain,
    /// `3/7`: `value` is the nearest percentage, shown only.
    Fraction {
        /// The top of the fraction.
        numerator: Decimal,
        /// The bottom, above zero.
        denominator: Decimal,
    },
    /// `3 shares`: `value` is the count; a member's share is its count over every member's.
    Shares,
}

/// `members with reserves below £1,000,000 bear nothing`: in one share step, members whose
/// figure is below the threshold take no share, and the step is shared among the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exemption {
    /// The figure compared.
    pub figure: FigureName,
    /// Members whose figure is below this are exempt (in the figure's unit).
    pub below: Decimal,
    /// Where the exemption is written.
    pub span: crate::span::Span,
}

/// `rounded down`, `rounded up to the nearest £1,000`: how a step that takes an amount (a
/// percentage to a fund, the commissioners' share) rounds it, instead of the largest remainder.
/// What rounding leaves is carried on to the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatedRounding {
    /// Up rather than down.
    pub up: bool,
    /// The amount rounded to; the currency's minor unit when not given.
    pub nearest: Option<Decimal>,
    /// `the pennies to the members`: the next step shares what rounding leaves among them.
    pub pennies_to_members: bool,
    /// Where it is written.
    pub span: crate::span::Span,
}

/// The figures are too large to read exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// Each member's `name` figure as a whole number in exact proportion to its share, when some
/// member wrote it as a fraction: every fraction and percentage over one common denominator
/// (`3/7`, `2/7` and `2/7` give 3, 2 and 2; `1/3` and `40%` give 5 and 6 over 15). `Ok(None)`
/// when no member wrote a fraction (the values are exact as they are: percentages, or counts of
/// shares); `None` in the list for a member without the figure.
// BOUND: every operation is on `BigUint`, exact and without width; the one division is by a
// member's own denominator, which the reader refuses at zero and which divides the common one.
#[allow(clippy::arithmetic_side_effects)]
pub fn exact_share_bases(members: &[&Member], name: FigureName) -> Result<Option<ExactBases>, TooLarge> {
    let figures: Vec<Option<&super::Figure>> = members.iter().map(|m| m.figures.get(&name)).collect();
    if !figures.iter().flatten().any(|f| matches!(f.form, FigureForm::Fraction { .. })) {
        return Ok(None);
    }
    // Each figure as whole numbers (numerator, denominator).
    let whole = |d: Decimal| -> (BigUint, BigUint) {
        let digits = BigUint::from(d.mantissa().unsigned_abs());
        (digits, BigUint::from(10u32).pow(d.scale()))
    };
    let mut parts: Vec<Option<(BigUint, BigUint)>> = Vec::with_capacity(figures.len());
    for f in &figures {
        parts.push(f.map(|f| match f.form {
            FigureForm::Fraction { numerator, denominator } => {
                let (n, ns) = whole(numerator);
                let (d, ds) = whole(denominator);
                // n/ns over d/ds is (n × ds) / (d × ns).
                (n * ds, d * ns)
            }
            _ => {
                let (n, s) = whole(f.value);
                (n, s * 100u32)
            }
        }));
    }
    if parts.iter().flatten().any(|(_, d)| d.is_zero()) {
        return Err(TooLarge);
    }
    let common = parts.iter().flatten().fold(BigUint::one(), |l, (_, d)| l.lcm(d));
    let bases = parts
        .into_iter()
        .map(|p| match p {
            None => Ok(None),
            Some((n, d)) => {
                let basis = n * (&common / d);
                let basis = basis.to_i128().ok_or(TooLarge)?;
                Decimal::try_from_i128_with_scale(basis, 0).map(Some).map_err(|_| TooLarge)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(ExactBases { bases, denominator: common.to_string() }))
}

/// Share figures over one common denominator (see [`exact_share_bases`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactBases {
    /// Each member's numerator over the common denominator; `None` without the figure.
    pub bases: Vec<Option<Decimal>>,
    /// The common denominator, in digits.
    pub denominator: String,
}
