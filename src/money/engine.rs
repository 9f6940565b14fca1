//! The sharing engine: one amount, shared by a method or a weighted mix of methods, with caps.
//!
//! It knows nothing of agreements: it takes, for each method of the mix, its weight and every
//! member's basis figure (already worked out: a budget, an equity share, 1 for equal shares…),
//! and for each member an optional cap. Everything here is exact up to rust_decimal's 28
//! significant digits; the only rounding to the minor unit is the final call to
//! [`round_shares`].
//!
//! # The rule
//!
//! A member's *proportion* of the amount is the weighted sum, over the methods of the mix, of its
//! basis divided by the total basis of that method:
//!
//! ```text
//! proportion(i) = Σ over methods p of  weight(p) × basis(p, i) / Σ over members j of basis(p, j)
//! ```
//!
//! and its *unrounded share* is `amount × proportion(i)`. A method whose basis figures are all
//! zero cannot divide anything: its weight of the amount is left unallocated.
//!
//! # Caps
//!
//! A member's share may not exceed its cap. When some do, each of them is held at its cap, and
//! what they could not take is spread over the members not yet capped in proportion to their
//! shares under the same rule (so a mix keeps its weights); this is repeated until no share
//! exceeds a cap ("until stable"). Each repetition caps at least one more member, so there are at
//! most as many rounds as members. What is left when every member who could take a share is
//! capped is unallocated. The outcome is the unique one where every uncapped member's share is
//! the same multiple of its proportion, and no capped member's share is above its cap.
//!
//! # Order
//!
//! Sums over members are taken in a canonical order (by value), so that relabelling or
//! reordering members can only change a result through the rounding tie-break, which is
//! documented in [`super::rounding`].

use rust_decimal::Decimal;

use super::rounding::{round_shares, Claim, RoundingError};

/// One method of a mix: its weight (a percentage of the amount) and each member's basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    /// The method's weight as a percentage (50 for 50%). The weights of a mix add up to 100.
    pub weight: Decimal,
    /// Each member's basis, in member order; zero or more.
    pub basis: Vec<Decimal>,
}

/// The outcome of sharing one amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sharing {
    /// Each method's total basis.
    pub method_totals: Vec<Decimal>,
    /// Each member's proportion of the amount by the rule, before caps (0 to 1).
    pub proportions: Vec<Decimal>,
    /// Each member's exact share after caps.
    pub unrounded: Vec<Decimal>,
    /// Each member's share rounded to the minor unit.
    pub shares: Vec<Decimal>,
    /// Whether each member was held at its cap.
    pub capped: Vec<bool>,
    /// What no member could take, exact.
    pub unallocated_unrounded: Decimal,
    /// What no member could take, rounded.
    pub unallocated: Decimal,
    /// How many times capped members' excess was spread over the others.
    pub rounds: usize,
}

/// Why an amount could not be shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A basis figure, cap or the amount is below zero.
    #[error("a figure is below zero")]
    Negative,
    /// The arithmetic does not fit.
    #[error("the figures are too large")]
    Overflow,
    /// The methods do not each give a figure for every member.
    #[error("a method has the wrong number of figures")]
    Shape,
    /// Rounding failed.
    #[error(transparent)]
    Rounding(#[from] RoundingError),
}

/// Adds values in a canonical order (ascending), so that the sum does not depend on the order
/// the members were written in even when the last digit is rounded.
///
/// When the values are not negative and their exact sum fits in a decimal (the usual case), it is
/// worked out in whole numbers without sorting: an exact sum does not depend on the order.
pub fn canonical_sum(values: impl Iterator<Item = Decimal>) -> Result<Decimal, EngineError> {
    let values: Vec<Decimal> = values.collect();
    if let Some(sum) = exact_sum(&values) {
        return Ok(sum);
    }
    let mut sorted = values;
    sorted.sort_unstable();
    sorted.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v).ok_or(EngineError::Overflow))
}

/// The exact sum of non-negative values, when every value and the sum fit at the largest scale.
fn exact_sum(values: &[Decimal]) -> Option<Decimal> {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    let mut total: i128 = 0;
    for v in values {
        if v.is_sign_negative() && !v.is_zero() {
            return None;
        }
        let factor = 10i128.checked_pow(scale - v.scale())?;
        total = total.checked_add(v.mantissa().checked_mul(factor)?)?;
    }
    Decimal::try_from_i128_with_scale(total, scale).ok()
}

/// Shares `amount` (a whole number of minor units) among `caps.len()` members.
pub fn share(
    amount: Decimal,
    methods: &[Method],
    caps: &[Option<Decimal>],
    unit: Decimal,
) -> Result<Sharing, EngineError> {
    let n = caps.len();
    if amount < Decimal::ZERO || caps.iter().flatten().any(|c| *c < Decimal::ZERO) {
        return Err(EngineError::Negative);
    }
    if methods.iter().any(|m| m.basis.len() != n) {
        return Err(EngineError::Shape);
    }
    if methods.iter().any(|m| m.weight < Decimal::ZERO || m.basis.iter().any(|b| *b < Decimal::ZERO)) {
        return Err(EngineError::Negative);
    }
    let hundred = Decimal::ONE_HUNDRED;
    let mut method_totals = Vec::with_capacity(methods.len());
    let mut proportions = vec![Decimal::ZERO; n];
    let mut uncapped = vec![Decimal::ZERO; n];
    // The part of the amount whose method has nothing to divide by.
    let mut unplaceable = Decimal::ZERO;
    let mut placeable = Decimal::ZERO;
    for method in methods {
        let total = canonical_sum(method.basis.iter().copied())?;
        method_totals.push(total);
        let fraction = method.weight / hundred;
        // amount × weight, exact: dividing by 100 never rounds.
        let part = amount.checked_mul(method.weight).ok_or(EngineError::Overflow)? / hundred;
        if total.is_zero() {
            unplaceable = unplaceable.checked_add(part).ok_or(EngineError::Overflow)?;
            continue;
        }
        placeable = placeable.checked_add(part).ok_or(EngineError::Overflow)?;
        for ((basis, proportion), share) in method.basis.iter().zip(proportions.iter_mut()).zip(uncapped.iter_mut()) {
            if basis.is_zero() {
                continue;
            }
            // Multiply before dividing: exact whenever the quotient terminates.
            let s = part
                .checked_mul(*basis)
                .ok_or(EngineError::Overflow)?
                .checked_div(total)
                .ok_or(EngineError::Overflow)?;
            *share = share.checked_add(s).ok_or(EngineError::Overflow)?;
            if amount.is_zero() {
                let p = fraction
                    .checked_mul(*basis)
                    .ok_or(EngineError::Overflow)?
                    .checked_div(total)
                    .ok_or(EngineError::Overflow)?;
                *proportion = proportion.checked_add(p).ok_or(EngineError::Overflow)?;
            }
        }
    }
    if !amount.is_zero() {
        // The proportion is shown, never used: the share over the amount saves a division per method.
        for (proportion, share) in proportions.iter_mut().zip(&uncapped) {
            *proportion = share.checked_div(amount).ok_or(EngineError::Overflow)?;
        }
    }

    // Caps: hold every member above its cap at the cap, spread the excess, until stable. The
    // excess is spread in proportion to the members' shares under the rule; with a single
    // method that is its basis itself, which keeps the arithmetic exact where it can be.
    let mut placeable_methods = methods.iter().zip(&method_totals).filter(|(_, t)| !t.is_zero());
    let (weights, exact_weights): (&[Decimal], bool) = match (placeable_methods.next(), placeable_methods.next()) {
        (Some((only, _)), None) => (&only.basis, true),
        _ => (&uncapped, false),
    };
    let mut unrounded = uncapped.clone();
    let mut capped = vec![false; n];
    let mut rounds = 0;
    loop {
        let mut any = false;
        for ((share, cap), is_capped) in unrounded.iter().zip(caps).zip(capped.iter_mut()) {
            if let Some(cap) = cap {
                if !*is_capped && share > cap {
                    *is_capped = true;
                    any = true;
                }
            }
        }
        if !any {
            break;
        }
        rounds += 1;
        let held =
            canonical_sum(caps.iter().zip(&capped).filter(|(_, c)| **c).map(|(cap, _)| cap.unwrap_or_default()))?;
        let rest = placeable.checked_sub(held).ok_or(EngineError::Overflow)?.max(Decimal::ZERO);
        let free_total = canonical_sum(weights.iter().zip(&capped).filter(|(_, c)| !**c).map(|(u, _)| *u))?;
        let factor = if exact_weights || free_total.is_zero() { None } else { rest.checked_div(free_total) };
        for (((share, base), cap), is_capped) in unrounded.iter_mut().zip(weights).zip(caps).zip(&capped) {
            *share = if *is_capped {
                cap.unwrap_or_default()
            } else if free_total.is_zero() {
                Decimal::ZERO
            } else {
                match factor {
                    Some(f) => f.checked_mul(*base).ok_or(EngineError::Overflow)?,
                    None => scale(rest, *base, free_total)?,
                }
            };
        }
        if free_total.is_zero() {
            unplaceable = unplaceable.checked_add(rest).ok_or(EngineError::Overflow)?;
            break;
        }
    }

    let mut claims: Vec<Claim> =
        unrounded.iter().zip(caps).map(|(u, cap)| Claim { unrounded: *u, ceiling: *cap }).collect();
    claims.push(Claim::new(unplaceable));
    let mut shares = round_shares(amount, &claims, unit)?;
    let unallocated = shares.pop().unwrap_or_default();
    Ok(Sharing {
        method_totals,
        proportions,
        unrounded,
        shares,
        capped,
        unallocated_unrounded: unplaceable,
        unallocated,
        rounds,
    })
}

/// `rest × base / total`, multiplying first where it fits, so that a quotient that terminates is
/// exact. Used when the weights are a method's own figures; weights that are themselves
/// quotients (a mix) carry 28 significant digits already, and are scaled by `rest / total`
/// worked out once per round.
fn scale(rest: Decimal, base: Decimal, total: Decimal) -> Result<Decimal, EngineError> {
    match rest.checked_mul(base).and_then(|x| x.checked_div(total)) {
        Some(v) => Ok(v),
        None => rest.checked_div(total).and_then(|f| f.checked_mul(base)).ok_or(EngineError::Overflow),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn method(weight: &str, basis: &[&str]) -> Method {
        Method { weight: d(weight), basis: basis.iter().map(|b| d(b)).collect() }
    }

    #[test]
    fn equal_thirds() {
        let s = share(d("100"), &[method("100", &["1", "1", "1"])], &[None, None, None], d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("33.34"), d("33.33"), d("33.33")]);
        assert_eq!(s.unallocated, Decimal::ZERO);
    }

    #[test]
    fn a_cap_of_zero_spreads_its_share() {
        let s = share(d("90"), &[method("100", &["1", "1", "1"])], &[Some(d("0")), None, None], d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("0"), d("45"), d("45")]);
        assert_eq!(s.rounds, 1);
        assert!(s.capped[0]);
    }

    #[test]
    fn caps_settle_over_several_rounds() {
        // 300 by 1:1:1 → 100 each; a capped at 50 → 125 each for b, c; b capped at 110 → c 140.
        let caps = [Some(d("50")), Some(d("110")), None];
        let s = share(d("300"), &[method("100", &["1", "1", "1"])], &caps, d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("50"), d("110"), d("140")]);
        assert_eq!(s.rounds, 2);
    }

    #[test]
    fn what_nobody_can_bear_is_unallocated() {
        let caps = [Some(d("10")), Some(d("20"))];
        let s = share(d("100"), &[method("100", &["1", "3"])], &caps, d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("10"), d("20")]);
        assert_eq!(s.unallocated, d("70"));
    }

    #[test]
    fn a_mix_weighs_each_method() {
        let methods = [method("50", &["3", "1"]), method("50", &["1", "1"])];
        let s = share(d("1000"), &methods, &[None, None], d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("625"), d("375")]);
        assert_eq!(s.proportions, vec![d("0.625"), d("0.375")]);
    }

    #[test]
    fn a_method_with_nothing_to_divide_leaves_its_part_unallocated() {
        let methods = [method("50", &["0", "0"]), method("50", &["1", "1"])];
        let s = share(d("1000"), &methods, &[None, None], d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("250"), d("250")]);
        assert_eq!(s.unallocated, d("500"));
    }

    #[test]
    fn refuses_negative_figures() {
        assert_eq!(share(d("1"), &[method("100", &["-1", "2"])], &[None, None], d("0.01")), Err(EngineError::Negative));
        assert_eq!(share(d("1"), &[method("100", &["1"])], &[None, None], d("0.01")), Err(EngineError::Shape));
    }
}
