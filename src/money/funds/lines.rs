//! A fund's lines: splitting an amount by weights to the penny, and the commissioning partners'
//! weights on a line.

use num_bigint::BigUint;
use rust_decimal::Decimal;

use crate::money::rounding::{at_scale, pow10, round_traced, ExactClaim, Rounded};
use crate::money::{checked_sum, less};

/// Splits `total` (zero or more, a whole number of minor units) in proportion to `weights`
/// (zero or more), exactly to the minor unit by the largest remainder, ties to the first listed.
/// `None` when every weight is zero or the figures cannot be rounded.
pub(crate) fn split(total: Decimal, weights: &[Decimal], unit: Decimal) -> Option<Vec<Decimal>> {
    let rank: Vec<usize> = (0..weights.len()).collect();
    split_ranked(total, weights, &rank, unit).map(|r| r.shares)
}

/// [`split`], each part's place in the tie-break given by `rank` (a member's position in the
/// agreement), with the working of the pennies.
pub(in crate::money) fn split_ranked(
    total: Decimal,
    weights: &[Decimal],
    rank: &[usize],
    unit: Decimal,
) -> Option<Rounded> {
    if weights.iter().any(|w| *w < Decimal::ZERO) {
        return None;
    }
    let scale = weights.iter().map(|w| w.scale()).max().unwrap_or(0);
    let scaled: Vec<BigUint> = weights.iter().map(|w| at_scale(*w, scale)).collect();
    let sum: BigUint = scaled.iter().sum();
    if sum == BigUint::default() {
        return None;
    }
    let t_scale = total.scale();
    let t = at_scale(total, t_scale);
    // Claim i is t × w_i / (10^t_scale × Σw), over one shared denominator.
    // BOUND: `BigUint` products are exact and have no width to overflow.
    #[allow(clippy::arithmetic_side_effects)]
    let (denominator, claims): (BigUint, Vec<ExactClaim>) =
        (pow10(t_scale) * sum, scaled.iter().map(|w| ExactClaim { numerator: &t * w, ceiling: None }).collect());
    round_traced(total, &claims, &denominator, unit, rank).ok()
}

/// The weights of a line's commissioning partners, in proportion to their shares of the line:
/// the shares written; partners without one share equally what the written shares leave of
/// 100%; a lone partner without one takes all. Exact: with `k` partners without a share, every
/// written share is multiplied by `k` and each of the others takes what is left of 100%, so no
/// third is ever rounded to a decimal.
pub(super) fn commissioner_weights(shares: &[Option<Decimal>]) -> Vec<Decimal> {
    let given = checked_sum(shares.iter().flatten().copied()).unwrap_or(Decimal::ZERO);
    let without = shares.iter().filter(|s| s.is_none()).count();
    let rest = less(Decimal::ONE_HUNDRED.max(given), given);
    let k = Decimal::from(without.max(1));
    let weights: Option<Vec<Decimal>> = shares
        .iter()
        .map(|s| match s {
            Some(p) if without > 0 => (*p).max(Decimal::ZERO).checked_mul(k),
            Some(p) => Some((*p).max(Decimal::ZERO)),
            None => Some(rest),
        })
        .collect();
    match weights {
        Some(w) if !w.iter().all(Decimal::is_zero) => w,
        // Nothing written adds to anything (or the figures are too large): share equally.
        _ => vec![Decimal::ONE; shares.len()],
    }
}

/// Rounds to the minor unit, half away from zero.
pub(super) fn to_unit(amount: Decimal, unit: Decimal) -> Decimal {
    crate::money::round_half_away(amount, unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn split_adds_up_to_the_penny() {
        let parts = split(d("100.00"), &[d("1"), d("1"), d("1")], d("0.01")).unwrap_or_default();
        assert_eq!(parts, vec![d("33.34"), d("33.33"), d("33.33")]);
    }

    #[test]
    fn commissioners_without_shares_share_what_is_left() {
        assert_eq!(commissioner_weights(&[Some(d("60")), None, None]), vec![d("120"), d("40"), d("40")]);
        // A third each is exact: equal weights, not 33.33…%.
        assert_eq!(commissioner_weights(&[None, None, None]), vec![d("100"), d("100"), d("100")]);
        assert_eq!(commissioner_weights(&[None]), vec![d("100")]);
    }
}
