//! A contribution paid in equal instalments (`members other than the host pay their
//! contributions in 4 equal instalments`; real clause C41).
//!
//! # The split
//!
//! A contribution of `A` paid in `N` instalments, in a currency whose minor unit is `u`: `A / u`
//! is a whole number of units `P` (the model refuses a contribution written to a fraction of the
//! unit). Every instalment is `⌊P / N⌋` units, and the remaining `P mod N` units go one each to
//! the earliest instalments: the first instalments take the odd pennies. So the instalments add
//! up to the contribution exactly, differ by at most one unit, and never grow over the year. A
//! contribution of fewer than `N` units would leave an instalment of nothing, and is refused.

use rust_decimal::Decimal;
use serde::Serialize;

/// Splits `amount` into `count` instalments to the minor unit `unit`, the earliest instalments
/// taking one unit more each until the remainder is gone. `None` when `count` is 0, `unit` is
/// not positive, `amount` is negative or not a whole number of units, or an instalment would be
/// less than one unit.
pub fn split(amount: Decimal, count: u32, unit: Decimal) -> Option<Vec<Decimal>> {
    if count == 0 || unit <= Decimal::ZERO || amount < Decimal::ZERO {
        return None;
    }
    let units = amount.checked_div(unit)?;
    if !units.fract().is_zero() {
        return None;
    }
    let n = Decimal::from(count);
    if units < n {
        return None;
    }
    let each = units.checked_div(n)?.floor();
    let odd = units.checked_sub(each.checked_mul(n)?)?;
    let small = each.checked_mul(unit)?;
    let large = each.checked_add(Decimal::ONE)?.checked_mul(unit)?;
    Some((0..count).map(|i| if Decimal::from(i) < odd { large } else { small }).collect())
}

/// Why a contribution cannot be split: it is not a whole number of units, or too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsplittable {
    /// Written to a fraction of the minor unit.
    PartUnit,
    /// Fewer units than instalments (or none).
    TooSmall,
}

/// Why `amount` cannot be split into `count` instalments of the unit, when it cannot.
pub fn why_not(amount: Decimal, count: u32, unit: Decimal) -> Option<Unsplittable> {
    if split(amount, count, unit).is_some() {
        return None;
    }
    match amount.checked_div(unit) {
        Some(units) if !units.fract().is_zero() => Some(Unsplittable::PartUnit),
        _ => Some(Unsplittable::TooSmall),
    }
}

/// One partner's contribution to a fund, in its instalments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberInstalments {
    /// Identifier.
    pub member: String,
    /// Display name.
    pub name: String,
    /// The year's contribution.
    pub contribution: Decimal,
    /// Its instalments in the order they are paid; they add up to the contribution exactly.
    pub instalments: Vec<Decimal>,
}

/// How a fund's contributions are paid over the year (added in 1.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalmentsWorking {
    /// How many instalments each contribution is paid in.
    pub count: u32,
    /// Whether the host pays its contribution otherwise (`members other than the host …`).
    pub other_than_host: bool,
    /// Each partner that pays in instalments, in the order of the contributions.
    pub members: Vec<MemberInstalments>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pennies(n: i64) -> Decimal {
        Decimal::new(n, 2)
    }

    #[test]
    fn the_earliest_instalments_take_the_odd_pennies() {
        let got = split(pennies(1_000_003), 4, pennies(1)).expect("splits");
        assert_eq!(got, vec![pennies(250_001), pennies(250_001), pennies(250_001), pennies(250_000)]);
        let even = split(Decimal::new(10_000_000, 0), 4, pennies(1)).expect("splits");
        assert_eq!(even, vec![Decimal::new(2_500_000, 0); 4]);
    }

    #[test]
    fn a_contribution_too_small_or_to_a_part_penny_is_not_split() {
        assert_eq!(split(pennies(3), 4, pennies(1)), None);
        assert_eq!(why_not(pennies(3), 4, pennies(1)), Some(Unsplittable::TooSmall));
        assert_eq!(split(pennies(4), 4, pennies(1)), Some(vec![pennies(1); 4]));
        assert_eq!(why_not(Decimal::new(1005, 3), 1, pennies(1)), Some(Unsplittable::PartUnit));
        assert_eq!(split(pennies(100), 0, pennies(1)), None);
        assert_eq!(split(pennies(-100), 1, pennies(1)), None);
    }

    #[test]
    fn a_currency_without_pennies_splits_in_whole_units() {
        assert_eq!(split(Decimal::new(10, 0), 3, Decimal::ONE), Some(vec![4.into(), 3.into(), 3.into()]));
    }

    proptest! {
        #[test]
        fn instalments_add_up_exactly_and_differ_by_at_most_one_unit(
            units in 0i64..1_000_000_000_000,
            count in 1u32..=365,
            places in 0u32..=3,
        ) {
            let unit = Decimal::new(1, places);
            let amount = Decimal::new(units, places);
            match split(amount, count, unit) {
                None => prop_assert!(units < i64::from(count)),
                Some(parts) => {
                    prop_assert_eq!(parts.len(), count as usize);
                    let sum = parts.iter().fold(Decimal::ZERO, |a, p| a + p);
                    prop_assert_eq!(sum, amount);
                    let most = parts.iter().max().copied().unwrap_or_default();
                    let least = parts.iter().min().copied().unwrap_or_default();
                    prop_assert!(most - least <= unit);
                    prop_assert!(least >= unit);
                    prop_assert!(parts.windows(2).all(|w| w[0] >= w[1]), "earliest take the extra unit");
                }
            }
        }
    }
}
