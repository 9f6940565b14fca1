//! Exact fractions (power indices, shares of a vote) as decimals and percentages, rounded for
//! reading only: the JSON keeps the exact fraction.

use num_bigint::{BigInt, BigUint};
use num_traits::{CheckedDiv, Signed};

use crate::exact::Fraction;

/// A fraction as a decimal with `places` digits after the point, rounded half away from zero
/// (for reading only: the JSON keeps the exact fraction).
pub(super) fn decimal(f: &Fraction, places: u32) -> String {
    let scale = BigUint::from(10u32).pow(places);
    let (magnitude, denominator) = (f.numer().magnitude(), f.denom().magnitude());
    // (2·|n|·10^places + d) / 2d: rounded half away from zero.
    // BOUND: sums and products of `BigUint`s grow as they need to; they cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    let (scaled, twice_denominator) = (magnitude * &scale * 2u32 + denominator, denominator * 2u32);
    // A fraction's denominator is never zero; were it, the figure would read as 0.
    let rounded = scaled.checked_div(&twice_denominator).unwrap_or_default();
    let digits = rounded.to_string();
    let places = places as usize;
    // BOUND: `places` comes from a `u32`, and `digits` is no longer than it in this branch.
    #[allow(clippy::arithmetic_side_effects)]
    let padded =
        if digits.len() <= places { format!("{}{}", "0".repeat(places + 1 - digits.len()), digits) } else { digits };
    // BOUND: `padded` has more than `places` digits.
    #[allow(clippy::arithmetic_side_effects)]
    let split = padded.len() - places;
    let (whole, frac) = padded.split_at(split);
    let sign = if f.is_negative() && padded.chars().any(|c| c != '0') { "-" } else { "" };
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// A fraction as a percentage with `places` digits after the point: `23.81%`.
pub fn percent(f: &Fraction, places: u32) -> String {
    // BOUND: a `BigInt` product cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    let hundred = f * Fraction::from_integer(BigInt::from(100));
    format!("{}%", decimal(&hundred, places))
}
