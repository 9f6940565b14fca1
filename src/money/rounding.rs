//! The one place where money is rounded: largest remainder to the currency's minor unit.
//!
//! Every split of an amount — a waterfall step's shares, a reinvested percentage against what is
//! carried on, a budget line between its providers — is worked out exactly (unrounded) and then
//! rounded here, once, so that the rounded parts always add up to the amount to the minor unit.
//!
//! The claims arrive as **exact fractions**: whole numbers over one denominator shared by every
//! claim of the split ([`round_exact`]), or as decimals, which are exact fractions over a power
//! of ten ([`round_shares`]). The remainders are compared as those fractions, never as rounded
//! decimals: two remainders that are equal are equal here, however many digits they would need.
//!
//! The largest-remainder method: each party first gets its claim rounded *down* to the minor
//! unit; the minor units still missing from the total are then handed out one each, to the
//! parties with the largest remainders (the part that was rounded away).
//!
//! **Tie-break** (documented and deterministic): when two remainders are equal, the party listed
//! first gets the unit first. Members are listed in the order the agreement writes them; the
//! party that receives "what is carried on" or "unallocated" is always listed last; in a step that
//! takes an amount (a reinvestment, the commissioners' share) the taker is listed before what is
//! carried on. So with remainders of exactly half a penny each way, the penny goes to the fund.
//!
//! A party may have a ceiling (a liability cap, a fall in budget, a member's share of a fund): it
//! is never rounded above it; the unit goes to the next party in order instead.

pub use super::pennies::Rounded;
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

/// One party's claim on a total, before rounding, as a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The exact share, in the currency (not in minor units).
    pub unrounded: Decimal,
    /// The most the party may get after rounding, when it is limited (a multiple of the unit).
    pub ceiling: Option<Decimal>,
}

impl Claim {
    /// A claim without a ceiling.
    pub fn new(unrounded: Decimal) -> Claim {
        Claim { unrounded, ceiling: None }
    }

    /// A claim that may not be rounded above `ceiling`.
    pub fn capped(unrounded: Decimal, ceiling: Decimal) -> Claim {
        Claim { unrounded, ceiling: Some(ceiling) }
    }
}

/// One party's claim on a total as an exact fraction of the currency: `numerator` over the
/// denominator that every claim of the split shares (see [`round_exact`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactClaim {
    /// The numerator of the exact share, in the currency.
    pub numerator: BigUint,
    /// The most the party may get after rounding, when it is limited.
    pub ceiling: Option<Decimal>,
}

/// Why a split could not be rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RoundingError {
    /// The minor unit is zero or negative.
    #[error("the minor unit must be above zero")]
    BadUnit,
    /// The total is below zero or not a whole number of minor units.
    #[error("the total to share is not a whole number of minor units")]
    TotalNotWhole,
    /// A claim is below zero.
    #[error("a share cannot be negative")]
    NegativeClaim,
    /// A rounded share does not fit in a decimal.
    #[error("the figures are too large")]
    Overflow,
    /// Every party is at its ceiling, yet units remain to be handed out.
    #[error("no party can take the rest of the total")]
    NoRoom,
}

/// Rounds `claims` to multiples of `unit` so that they add up to `total` exactly.
///
/// `total` must be a non-negative whole number of units. The claims should add up to `total`
/// (up to the last digit of precision); if they do not, whole units are added or taken away by
/// the same rule until they do. Returns the rounded shares in the order of the claims.
///
/// Each decimal claim is read as the exact fraction it writes (its digits over a power of ten),
/// and rounded by [`round_exact`].
pub fn round_shares(total: Decimal, claims: &[Claim], unit: Decimal) -> Result<Vec<Decimal>, RoundingError> {
    if claims.iter().any(|c| c.unrounded < Decimal::ZERO) {
        return Err(RoundingError::NegativeClaim);
    }
    let scale = claims.iter().map(|c| c.unrounded.scale()).max().unwrap_or(0);
    let exact: Vec<ExactClaim> =
        claims.iter().map(|c| ExactClaim { numerator: at_scale(c.unrounded, scale), ceiling: c.ceiling }).collect();
    round_exact(total, &exact, &pow10(scale), unit)
}

/// [`round_shares`] with each claim's place in the tie-break given by `rank` (see
/// [`round_traced`]), and the working of the pennies.
pub fn round_shares_ranked(
    total: Decimal,
    claims: &[Claim],
    unit: Decimal,
    rank: &[usize],
) -> Result<Rounded, RoundingError> {
    if claims.iter().any(|c| c.unrounded < Decimal::ZERO) {
        return Err(RoundingError::NegativeClaim);
    }
    let scale = claims.iter().map(|c| c.unrounded.scale()).max().unwrap_or(0);
    let exact: Vec<ExactClaim> =
        claims.iter().map(|c| ExactClaim { numerator: at_scale(c.unrounded, scale), ceiling: c.ceiling }).collect();
    round_traced(total, &exact, &pow10(scale), unit, rank)
}

/// Rounds exact claims — claim `i` is `claims[i].numerator / denominator` of the currency — to
/// multiples of `unit` so that they add up to `total` exactly, by the largest remainder and its
/// tie-break (see the module's documentation). Returns the rounded shares in the order of the
/// claims.
///
/// `total` must be a non-negative whole number of units and `denominator` above zero. Claims
/// that do not add up to `total` are topped up or cut by whole units by the same rule.
// BOUND: every operation here is on `BigUint` or `BigInt`, which are exact and have no width to
// overflow. What could panic is division by zero and `BigUint` subtraction below zero, and each
// is ruled out: `in_units` divides by `denominator × unit_mantissa`, both checked above zero
// first; `missing` is divided by `open.len()` only once `open` is known not to be empty; `c − u`
// is taken only for parties in `open`, which `has_room` admits only when `u < c`; and a unit is
// taken back (`u − 1`) only from a party whose units are not zero.
#[allow(clippy::arithmetic_side_effects)]
pub fn round_exact(
    total: Decimal,
    claims: &[ExactClaim],
    denominator: &BigUint,
    unit: Decimal,
) -> Result<Vec<Decimal>, RoundingError> {
    let rank: Vec<usize> = (0..claims.len()).collect();
    round_traced(total, claims, denominator, unit, &rank).map(|r| r.shares)
}

/// [`round_exact`], with each party's place in the tie-break given by `rank` (lower first: a
/// member's position in the agreement, the party for what is carried on last), and the working
/// of the pennies: each party's floor, its remainder and why it got a unit or not.
///
/// `rank` must give every claim a place; a claim without one is placed after every other.
// BOUND: as for `round_exact`, every operation is on exact big integers, with the same guards.
#[allow(clippy::arithmetic_side_effects)]
pub fn round_traced(
    total: Decimal,
    claims: &[ExactClaim],
    denominator: &BigUint,
    unit: Decimal,
    rank: &[usize],
) -> Result<Rounded, RoundingError> {
    if unit <= Decimal::ZERO {
        return Err(RoundingError::BadUnit);
    }
    if denominator.is_zero() {
        return Err(RoundingError::Overflow);
    }
    // In minor units, a claim is numerator × 10^s / (denominator × m) for a unit of m / 10^s.
    let unit_scale = pow10(unit.scale());
    let unit_mantissa = magnitude(unit);
    let in_units = |numerator: &BigUint, denominator: &BigUint| -> (BigUint, BigUint) {
        (numerator * &unit_scale).div_rem(&(denominator * &unit_mantissa))
    };
    if total < Decimal::ZERO {
        return Err(RoundingError::TotalNotWhole);
    }
    let (total_units, total_rest) = in_units(&magnitude(total), &pow10(total.scale()));
    if !total_rest.is_zero() {
        return Err(RoundingError::TotalNotWhole);
    }
    let mut units: Vec<BigUint> = Vec::with_capacity(claims.len());
    let mut remainders: Vec<BigUint> = Vec::with_capacity(claims.len());
    let mut ceilings: Vec<Option<BigUint>> = Vec::with_capacity(claims.len());
    let mut sum = BigUint::zero();
    let mut held = Vec::with_capacity(claims.len());
    let mut floors: Vec<BigUint> = Vec::with_capacity(claims.len());
    for claim in claims {
        let (mut whole, mut remainder) = in_units(&claim.numerator, denominator);
        let ceiling = match claim.ceiling {
            Some(c) if c <= Decimal::ZERO => Some(BigUint::zero()),
            Some(c) => Some(in_units(&magnitude(c), &pow10(c.scale())).0),
            None => None,
        };
        // Held at the ceiling when the claim was above it: what it loses is not a remainder.
        held.push(ceiling.as_ref().is_some_and(|c| whole > *c || (whole == *c && !remainder.is_zero())));
        if let Some(c) = &ceiling {
            if whole >= *c {
                whole = c.clone();
                remainder = BigUint::zero();
            }
        }
        sum += &whole;
        floors.push(whole.clone());
        units.push(whole);
        remainders.push(remainder);
        ceilings.push(ceiling);
    }
    let mut missing = BigInt::from(total_units) - BigInt::from(sum);
    // Largest remainder first; on a tie, the party listed first.
    let place = |i: usize| (rank.get(i).copied().unwrap_or(usize::MAX), i);
    let favour = |a: &usize, b: &usize| remainders.get(*b).cmp(&remainders.get(*a)).then(place(*a).cmp(&place(*b)));
    let has_room = |units: &[BigUint], i: usize| match (units.get(i), ceilings.get(i)) {
        (Some(u), Some(c)) => c.as_ref().is_none_or(|c| u < c),
        _ => false,
    };
    if missing.is_positive() {
        // Usually the missing units go to the first parties in that order, none at its ceiling:
        // then only those parties need finding, not the whole order.
        let count = missing.to_usize().unwrap_or(usize::MAX);
        if count < claims.len() {
            let mut order: Vec<usize> = (0..claims.len()).collect();
            order.select_nth_unstable_by(count, favour);
            let first = order.get(..count).unwrap_or_default();
            if first.iter().all(|i| has_room(&units, *i)) {
                for i in first {
                    if let Some(u) = units.get_mut(*i) {
                        *u += 1u32;
                    }
                }
                missing = BigInt::zero();
            }
        }
    }
    if missing.is_positive() {
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by(favour);
        while missing.is_positive() {
            let open: Vec<usize> = order.iter().copied().filter(|i| has_room(&units, *i)).collect();
            if open.is_empty() {
                return Err(RoundingError::NoRoom);
            }
            // One unit each to every party with room, in order, as many whole rounds as fit in
            // one go (a party without a ceiling can take any number).
            let rounds = (&missing / BigInt::from(open.len())).to_biguint().unwrap_or_default();
            let rounds = open
                .iter()
                .filter_map(|i| Some((ceilings.get(*i)?.as_ref()?, units.get(*i)?)))
                .map(|(c, u)| c - u)
                .fold(rounds, |least, room| least.min(room));
            if rounds.is_zero() {
                for i in &open {
                    if !missing.is_positive() {
                        break;
                    }
                    if let Some(u) = units.get_mut(*i) {
                        *u += 1u32;
                        missing -= 1;
                    }
                }
            } else {
                for i in &open {
                    if let Some(u) = units.get_mut(*i) {
                        *u += &rounds;
                    }
                }
                missing -= BigInt::from(rounds) * BigInt::from(open.len());
            }
        }
    } else if missing.is_negative() {
        // The claims came to more than the total: take units back, smallest remainder first and,
        // on a tie, from the party listed last (the mirror of the rule above).
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by(|&a, &b| remainders.get(a).cmp(&remainders.get(b)).then(place(b).cmp(&place(a))));
        while missing.is_negative() {
            let mut taken = false;
            for &i in &order {
                if !missing.is_negative() {
                    break;
                }
                let Some(u) = units.get_mut(i) else { continue };
                if !u.is_zero() {
                    *u -= 1u32;
                    missing += 1;
                    taken = true;
                }
            }
            if !taken {
                return Err(RoundingError::NoRoom);
            }
        }
    }
    let to_money = |u: &BigUint| from_scaled(&(u * &unit_mantissa), unit.scale()).ok_or(RoundingError::Overflow);
    let reasons = super::pennies::reasons(&units, &floors, &remainders, &held, &ceilings);
    let shown = denominator * &unit_mantissa;
    let remainders = remainders
        .iter()
        .map(|r| to_decimal(r, &shown).ok_or(RoundingError::Overflow))
        .collect::<Result<Vec<_>, _>>()?;
    let floors = floors.iter().map(to_money).collect::<Result<Vec<_>, _>>()?;
    let shares = units.iter().map(to_money).collect::<Result<Vec<_>, _>>()?;
    Ok(Rounded { shares, floors, remainders, reasons })
}

/// Rounds a single amount down to a whole number of units (used for limits such as caps and
/// balances, which a share must never exceed).
pub fn floor_to_unit(amount: Decimal, unit: Decimal) -> Option<Decimal> {
    if unit <= Decimal::ZERO {
        return None;
    }
    amount.checked_div(unit)?.floor().checked_mul(unit)
}

/// `minuend − subtrahend` rounded down to a whole number of units, worked out exactly (a fall in
/// budget from figures whose difference needs more digits than a decimal holds is still taken
/// down to the penny, not first rounded up to it). `None` when it is below zero or the unit is
/// not above zero.
// BOUND: `BigInt` negation and subtraction are exact, and the division is by `unit_digits`,
// which is above zero because `unit` is (checked first).
#[allow(clippy::arithmetic_side_effects)]
pub fn floor_difference(minuend: Decimal, subtrahend: Decimal, unit: Decimal) -> Option<Decimal> {
    if unit <= Decimal::ZERO || minuend < subtrahend {
        return None;
    }
    let signed = |d: Decimal, scale: u32| {
        let digits = BigInt::from(at_scale(d, scale));
        if d.is_sign_negative() {
            -digits
        } else {
            digits
        }
    };
    let scale = minuend.scale().max(subtrahend.scale()).max(unit.scale());
    let difference = (signed(minuend, scale) - signed(subtrahend, scale)).to_biguint()?;
    let unit_digits = at_scale(unit, scale);
    from_scaled(&(difference / &unit_digits * unit_digits), scale)
}

/// `10^power`.
pub(crate) fn pow10(power: u32) -> BigUint {
    BigUint::from(10u32).pow(power)
}

/// The digits of a decimal, without its sign or its point: `12.50` gives 1250.
pub(crate) fn magnitude(value: Decimal) -> BigUint {
    BigUint::from(value.mantissa().unsigned_abs())
}

/// A non-negative decimal's digits at `scale` places (at least its own): `value × 10^scale`.
/// A negative value gives its magnitude; callers refuse negatives first.
// BOUND: `BigUint` multiplication is exact.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn at_scale(value: Decimal, scale: u32) -> BigUint {
    magnitude(value) * pow10(scale.saturating_sub(value.scale()))
}

/// The largest mantissa a decimal holds (2^96 − 1).
// BOUND: 2^96 is above one, so taking one away stays above zero.
#[allow(clippy::arithmetic_side_effects)]
fn max_mantissa() -> BigUint {
    (BigUint::one() << 96u32) - 1u32
}

/// `digits / 10^scale` exactly, as a decimal; `None` when it does not fit.
pub(crate) fn from_scaled(digits: &BigUint, scale: u32) -> Option<Decimal> {
    let (mut digits, mut scale) = (digits.clone(), scale);
    let ten = BigUint::from(10u32);
    let max = max_mantissa();
    // Drop trailing zeros until it fits (or the point runs out).
    while digits > max || scale > 28 {
        let (q, r) = digits.div_rem(&ten);
        if !r.is_zero() {
            return None;
        }
        digits = q;
        scale = scale.checked_sub(1)?;
    }
    Decimal::try_from_i128_with_scale(digits.to_i128()?, scale).ok()
}

/// `numerator / denominator` as the nearest decimal (as many digits as a decimal holds, the last
/// rounded half to even, as rust_decimal divides): for showing an exact share, never for
/// computing one. `None` when the denominator is zero or the value is too large for a decimal.
// BOUND: `BigUint` multiplication, shifts and additions are exact, and both divisions are by
// `denominator`, which is checked above zero first.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn to_decimal(numerator: &BigUint, denominator: &BigUint) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    if numerator.is_zero() {
        return Some(Decimal::ZERO);
    }
    let whole_digits = u32::try_from((numerator / denominator).to_string().len()).ok()?;
    let max = max_mantissa();
    let mut scale = 29u32.saturating_sub(whole_digits).min(28);
    loop {
        let (mut q, r) = (numerator * pow10(scale)).div_rem(denominator);
        let twice = r << 1u32;
        if twice > *denominator || (twice == *denominator && q.is_odd()) {
            q += 1u32;
        }
        if q <= max {
            return Some(Decimal::try_from_i128_with_scale(q.to_i128()?, scale).ok()?.normalize());
        }
        scale = scale.checked_sub(1)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn claims(values: &[Decimal]) -> Vec<Claim> {
        values.iter().map(|v| Claim::new(*v)).collect()
    }

    #[test]
    fn thirds_of_a_pound_add_up() {
        let third = d("1") / d("3");
        let shares = round_shares(d("1.00"), &claims(&[third, third, third]), d("0.01")).unwrap();
        // Equal remainders: the extra penny goes to the party listed first.
        assert_eq!(shares, vec![d("0.34"), d("0.33"), d("0.33")]);
    }

    #[test]
    fn largest_remainder_wins_before_order() {
        let shares = round_shares(d("1.00"), &claims(&[d("0.333"), d("0.336"), d("0.331")]), d("0.01")).unwrap();
        assert_eq!(shares, vec![d("0.33"), d("0.34"), d("0.33")]);
    }

    #[test]
    fn ceilings_are_never_exceeded() {
        let c = [Claim::capped(d("0.5"), d("0")), Claim::new(d("0.5"))];
        assert_eq!(round_shares(d("1"), &c, d("1")).unwrap(), vec![d("0"), d("1")]);
    }

    #[test]
    fn claims_short_of_the_total_are_topped_up() {
        let shares = round_shares(d("3"), &claims(&[d("0.5"), d("0.5")]), d("1")).unwrap();
        assert_eq!(shares.iter().sum::<Decimal>(), d("3"));
    }

    #[test]
    fn claims_over_the_total_are_cut() {
        let shares = round_shares(d("1"), &claims(&[d("1.2"), d("0.9")]), d("1")).unwrap();
        assert_eq!(shares, vec![d("1"), d("0")]);
    }

    #[test]
    fn refuses_what_cannot_be_rounded() {
        assert_eq!(round_shares(d("1.005"), &claims(&[d("1.005")]), d("0.01")), Err(RoundingError::TotalNotWhole));
        assert_eq!(round_shares(d("1"), &claims(&[d("-1"), d("2")]), d("0.01")), Err(RoundingError::NegativeClaim));
        assert_eq!(round_shares(d("1"), &claims(&[d("1")]), d("0")), Err(RoundingError::BadUnit));
        let full = [Claim::capped(d("1"), d("0"))];
        assert_eq!(round_shares(d("1"), &full, d("1")), Err(RoundingError::NoRoom));
    }

    #[test]
    fn exact_ties_go_to_the_first_listed() {
        // £1,000,000 by 10:1:1 in pence: every share is n + 1/3 p, a three-way tie for the odd
        // penny. As 28-digit decimals the remainders came out unequal and the penny went astray.
        let exact: Vec<ExactClaim> = [10u32, 1, 1]
            .iter()
            .map(|b| ExactClaim { numerator: BigUint::from(*b) * 1_000_000u32, ceiling: None })
            .collect();
        let shares = round_exact(d("1000000.00"), &exact, &BigUint::from(12u32), d("0.01")).unwrap();
        assert_eq!(shares, vec![d("833333.34"), d("83333.33"), d("83333.33")]);
    }

    #[test]
    fn a_ceiling_passes_the_unit_on() {
        let exact = [
            ExactClaim { numerator: BigUint::from(1u32), ceiling: Some(d("0")) },
            ExactClaim { numerator: BigUint::from(1u32), ceiling: None },
        ];
        assert_eq!(round_exact(d("1"), &exact, &BigUint::from(2u32), d("1")).unwrap(), vec![d("0"), d("1")]);
    }

    #[test]
    fn many_missing_units_are_handed_out_in_whole_rounds() {
        let c = [Claim::capped(d("0"), d("2")), Claim::new(d("0")), Claim::new(d("0"))];
        let shares = round_shares(d("1000001"), &c, d("1")).unwrap();
        assert_eq!(shares, vec![d("2"), d("500000"), d("499999")]);
    }

    #[test]
    fn fractions_show_as_the_nearest_decimal() {
        let big = |v: u64| BigUint::from(v);
        assert_eq!(to_decimal(&big(1_750_000), &big(3)), Some(d("1750000") / d("3")));
        assert_eq!(to_decimal(&big(2), &big(3)), Some(d("2") / d("3")));
        assert_eq!(to_decimal(&big(1), &big(4)), Some(d("0.25")));
        assert_eq!(to_decimal(&big(0), &big(4)), Some(Decimal::ZERO));
        assert_eq!(to_decimal(&big(1), &big(0)), None);
        assert_eq!(to_decimal(&(pow10(29) * 8u32), &big(1)), None);
        assert_eq!(from_scaled(&big(12_500), 3), Some(d("12.5")));
        assert_eq!(from_scaled(&(magnitude(Decimal::MAX) * 100u32), 2), Some(Decimal::MAX));
    }

    #[test]
    fn differences_are_taken_down_exactly() {
        // 10^18 − 10^-11 needs 29 digits: as a decimal it rounds up to 10^18.
        let fall = floor_difference(d("1000000000000000000"), d("0.00000000001"), d("0.01"));
        assert_eq!(fall, Some(d("999999999999999999.99")));
        assert_eq!(floor_difference(d("10"), d("2.555"), d("0.01")), Some(d("7.44")));
        assert_eq!(floor_difference(d("1"), d("2"), d("0.01")), None);
    }

    #[test]
    fn whole_yen() {
        let third = d("100") / d("3");
        assert_eq!(
            round_shares(d("100"), &claims(&[third, third, third]), d("1")).unwrap(),
            vec![d("34"), d("33"), d("33")]
        );
    }
}
