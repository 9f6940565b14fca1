//! The sharing engine: one amount, shared by a method or a weighted mix of methods, with caps.
//!
//! It knows nothing of agreements: it takes, for each method of the mix, its weight and every
//! member's basis figure (already worked out: a budget, an equity share, 1 for equal shares…),
//! and for each member an optional cap. Everything here is exact: each figure is read as the
//! fraction it writes, and shares, caps and what is left over are whole numbers over a common
//! denominator (big integers), so no digit is ever lost and equal remainders stay equal. The
//! only rounding to the minor unit is the final call to [`round_traced`]; the decimals in
//! [`Sharing`] other than the rounded shares are for showing the working.
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
//! The arithmetic is exact, so relabelling or reordering members can only change a result
//! through the rounding tie-break, which is documented in [`super::rounding`].

use rust_decimal::Decimal;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

use super::rounding::{at_scale, magnitude, pow10, round_traced, to_decimal, ExactClaim, Rounded, RoundingError};

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
    /// The rounding's working: every member, then what no member could take.
    pub pennies: Rounded,
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
        // `scale` is the largest of the scales, so this never fails.
        let factor = 10i128.checked_pow(scale.checked_sub(v.scale())?)?;
        total = total.checked_add(v.mantissa().checked_mul(factor)?)?;
    }
    Decimal::try_from_i128_with_scale(total, scale).ok()
}

/// Shares `amount` (a whole number of minor units) among `caps.len()` members.
///
/// The arithmetic is exact: every figure is read as the fraction it writes, and every share,
/// cap comparison and remainder is worked out in whole numbers over a common denominator, so
/// nothing is lost to the last digit (decimals appear only in the working shown).
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
    let exact = exact_shares(amount, methods, caps)?;
    let shown =
        |numerator: &BigUint, denominator: &BigUint| to_decimal(numerator, denominator).ok_or(EngineError::Overflow);
    let method_totals = methods
        .iter()
        .zip(&exact.method_totals)
        .map(|(m, total)| shown(total, &pow10(basis_scale(m))))
        .collect::<Result<Vec<_>, _>>()?;
    let proportions =
        exact.proportions.iter().map(|p| shown(p, &exact.proportion_denominator)).collect::<Result<Vec<_>, _>>()?;
    let unrounded = exact.shares.iter().map(|s| shown(s, &exact.denominator)).collect::<Result<Vec<_>, _>>()?;
    let unallocated_unrounded = shown(&exact.unplaceable, &exact.denominator)?;
    let mut claims: Vec<ExactClaim> =
        exact.shares.into_iter().zip(caps).map(|(numerator, cap)| ExactClaim { numerator, ceiling: *cap }).collect();
    claims.push(ExactClaim { numerator: exact.unplaceable, ceiling: None });
    // Members in the order given (the agreement's), then what no member can take.
    let rank: Vec<usize> = (0..claims.len()).collect();
    let pennies = round_traced(amount, &claims, &exact.denominator, unit, &rank)?;
    let mut shares = pennies.shares.clone();
    let unallocated = shares.pop().unwrap_or_default();
    Ok(Sharing {
        method_totals,
        proportions,
        unrounded,
        shares,
        capped: exact.capped,
        unallocated_unrounded,
        unallocated,
        rounds: exact.rounds,
        pennies,
    })
}

/// The exact outcome of sharing one amount: whole numbers over common denominators.
struct ExactShares {
    /// Each method's total basis, at the method's own scale ([`basis_scale`]).
    method_totals: Vec<BigUint>,
    /// Each member's proportion under the rule, over `proportion_denominator`.
    proportions: Vec<BigUint>,
    proportion_denominator: BigUint,
    /// Each member's share after caps, over `denominator`, in the currency.
    shares: Vec<BigUint>,
    /// What no member can take, over `denominator`.
    unplaceable: BigUint,
    denominator: BigUint,
    capped: Vec<bool>,
    rounds: usize,
}

/// The most decimal places among a method's basis figures.
fn basis_scale(method: &Method) -> u32 {
    method.basis.iter().map(Decimal::scale).max().unwrap_or(0)
}

/// The rule and the caps, worked out exactly (see the module's documentation).
///
/// With `A` the amount's digits (over `10^sa`), `w(p)` each weight's digits (over `100 × 10^sw`),
/// `b(p, i)` each basis's digits and `T(p)` each method's total basis, and `L` the least common
/// multiple of the totals of the methods that have something to divide (`T(p) > 0`):
///
/// ```text
/// M(i)          = Σ over those methods p of  w(p) × b(p, i) × L / T(p)
/// proportion(i) = M(i) / E,  where E = 100 × 10^sw × L
/// share(i)      = A × M(i) / D,  where D = 10^sa × E
/// ```
///
/// Caps are compared exactly: when some members are held at their caps (digits `K(i)` over
/// `10^sc`), the rest `R / (D × 10^sc)` is spread over the others in proportion to `M(i)`.
// BOUND: apart from `rounds`, every operation here is on `BigUint`, which is exact and has no
// width to overflow; what could panic is division by zero and subtraction below zero. The one
// division, `common / total`, is by a total checked above zero (and `common`, their least common
// multiple, is a multiple of it). `free_total − m` takes away the proportion of a member that was
// free until this round, and `free_total` is the sum of the free members' proportions, so it
// stays at or above zero; `placeable − held_scaled` is taken only when it is positive. `rounds`
// grows by one per round and each round caps at least one more member, so it is at most `n`.
#[allow(clippy::arithmetic_side_effects)]
fn exact_shares(amount: Decimal, methods: &[Method], caps: &[Option<Decimal>]) -> Result<ExactShares, EngineError> {
    let n = caps.len();
    let weight_scale = methods.iter().map(|m| m.weight.scale()).max().unwrap_or(0);
    let weights: Vec<BigUint> = methods.iter().map(|m| at_scale(m.weight, weight_scale)).collect();
    let scales: Vec<u32> = methods.iter().map(basis_scale).collect();
    let bases: Vec<Vec<BigUint>> =
        methods.iter().zip(&scales).map(|(m, s)| m.basis.iter().map(|b| at_scale(*b, *s)).collect()).collect();
    let method_totals: Vec<BigUint> = bases.iter().map(|b| b.iter().sum()).collect();
    let common = method_totals.iter().filter(|t| !t.is_zero()).fold(BigUint::one(), |l, t| l.lcm(t));
    // Each placeable method's weight, already multiplied by L / T(p).
    let mut placeable_weight = BigUint::zero();
    let mut unplaceable_weight = BigUint::zero();
    let mut factors: Vec<Option<BigUint>> = Vec::with_capacity(methods.len());
    for (weight, total) in weights.iter().zip(&method_totals) {
        if total.is_zero() {
            unplaceable_weight += weight;
            factors.push(None);
        } else {
            placeable_weight += weight;
            factors.push(Some(weight * (&common / total)));
        }
    }
    let mut proportions = vec![BigUint::zero(); n];
    for (basis, factor) in bases.iter().zip(&factors) {
        let Some(factor) = factor else { continue };
        for (m, b) in proportions.iter_mut().zip(basis) {
            if !b.is_zero() {
                *m += factor * b;
            }
        }
    }
    let proportion_denominator = BigUint::from(100u32) * pow10(weight_scale) * &common;
    let amount_digits = magnitude(amount);
    let denominator = pow10(amount.scale()) * &proportion_denominator;

    // Caps, at one scale; every comparison is cross-multiplied.
    let cap_scale = caps.iter().flatten().map(Decimal::scale).max().unwrap_or(0);
    let cap_digits: Vec<Option<BigUint>> = caps.iter().map(|c| c.map(|c| at_scale(c, cap_scale))).collect();
    let cap_unit = pow10(cap_scale);
    // What the placeable methods share, over D × 10^sc.
    let placeable = &amount_digits * &placeable_weight * &common * &cap_unit;
    let mut capped = vec![false; n];
    let mut held = BigUint::zero();
    let mut free_total: BigUint = proportions.iter().sum();
    let mut rest = placeable.clone();
    let mut rounds = 0;
    while !free_total.is_zero() {
        // A free member's share is rest × M(i) / (D × 10^sc × F): above its cap K(i) / 10^sc when
        // rest × M(i) > K(i) × D × F.
        let scale = &denominator * &free_total;
        let mut newly = Vec::new();
        for (i, ((m, cap), is_capped)) in proportions.iter().zip(&cap_digits).zip(&capped).enumerate() {
            if let Some(cap) = cap {
                if !*is_capped && &rest * m > cap * &scale {
                    newly.push(i);
                }
            }
        }
        if newly.is_empty() {
            break;
        }
        rounds += 1;
        for i in newly {
            if let (Some(c), Some(m), Some(Some(cap))) = (capped.get_mut(i), proportions.get(i), cap_digits.get(i)) {
                *c = true;
                free_total -= m;
                held += cap;
            }
        }
        let held_scaled = &held * &denominator;
        rest = if placeable > held_scaled { &placeable - held_scaled } else { BigUint::zero() };
    }

    // Every share over one denominator, D × 10^sc × F (F taken as 1 when nobody is free to take
    // the rest, which is then unplaceable).
    let free = if free_total.is_zero() { BigUint::one() } else { free_total.clone() };
    let held_factor = &denominator * &free;
    let mut shares = Vec::with_capacity(n);
    for ((m, cap), is_capped) in proportions.iter().zip(&cap_digits).zip(&capped) {
        shares.push(match (is_capped, cap) {
            (true, Some(cap)) => cap * &held_factor,
            _ if free_total.is_zero() => BigUint::zero(),
            _ => &rest * m,
        });
    }
    let mut unplaceable = &amount_digits * &unplaceable_weight * &common * &cap_unit * &free;
    if free_total.is_zero() {
        unplaceable += &rest;
    }
    Ok(ExactShares {
        method_totals,
        proportions,
        proportion_denominator,
        shares,
        unplaceable,
        denominator: denominator * cap_unit * free,
        capped,
        rounds,
    })
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
    fn equal_remainders_are_equal() {
        // 10:1:1 of £1,000,000: each exact share is a third of a penny over; the penny goes to
        // the first member, as the tie-break says.
        let s =
            share(d("1000000"), &[method("100", &["10000000", "1000000", "1000000"])], &[None, None, None], d("0.01"))
                .unwrap();
        assert_eq!(s.shares, vec![d("833333.34"), d("83333.33"), d("83333.33")]);
    }

    #[test]
    fn a_mix_keeps_exact_ties() {
        // 50% by 1:2 and 50% equally of £1: 5/12 and 7/12 of £1, remainders 2/3 p and 1/3 p.
        let methods = [method("50", &["1", "2"]), method("50", &["1", "1"])];
        let s = share(d("1"), &methods, &[None, None], d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("0.42"), d("0.58")]);
        // 30%, 30%, 40% of £0.10 by 1:1:1 in each part: a three-way tie, exactly.
        let thirds = [method("30", &["1", "1", "1"]), method("30", &["2", "2", "2"]), method("40", &["5", "5", "5"])];
        let s = share(d("0.10"), &thirds, &[None, None, None], d("0.01")).unwrap();
        assert_eq!(s.shares, vec![d("0.04"), d("0.03"), d("0.03")]);
    }

    #[test]
    fn caps_are_compared_exactly() {
        // A third of £1 against a cap of 0.3333333333333333333333333333: the share is above it.
        let cap = d("1") / d("3");
        let s = share(d("1"), &[method("100", &["1", "1", "1"])], &[Some(cap), None, None], d("0.01")).unwrap();
        assert!(s.capped[0]);
        assert_eq!(s.shares.iter().sum::<Decimal>(), d("1"));
        assert!(s.shares[0] <= cap);
    }

    #[test]
    fn refuses_negative_figures() {
        assert_eq!(share(d("1"), &[method("100", &["-1", "2"])], &[None, None], d("0.01")), Err(EngineError::Negative));
        assert_eq!(share(d("1"), &[method("100", &["1"])], &[None, None], d("0.01")), Err(EngineError::Shape));
    }
}
