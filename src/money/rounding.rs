//! The one place where money is rounded: largest remainder to the currency's minor unit.
//!
//! Every split of an amount — a waterfall step's shares, a reinvested percentage against what is
//! carried on, a budget line between its providers — is worked out exactly (unrounded) and then
//! rounded here, once, so that the rounded parts always add up to the amount to the minor unit.
//!
//! The largest-remainder method: each party first gets its unrounded claim rounded *down* to the
//! minor unit; the minor units still missing from the total are then handed out one each, to the
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

use rust_decimal::Decimal;

/// One party's claim on a total, before rounding.
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
    /// The arithmetic does not fit in 28 significant digits.
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
pub fn round_shares(total: Decimal, claims: &[Claim], unit: Decimal) -> Result<Vec<Decimal>, RoundingError> {
    if unit <= Decimal::ZERO {
        return Err(RoundingError::BadUnit);
    }
    // Minor units are powers of ten: multiplying by the inverse is exact and far cheaper than
    // dividing every claim.
    let inverse = Decimal::ONE.checked_div(unit).ok_or(RoundingError::Overflow)?;
    let exact_inverse = inverse.checked_mul(unit) == Some(Decimal::ONE);
    let in_units = |d: Decimal| {
        if exact_inverse {
            d.checked_mul(inverse)
        } else {
            d.checked_div(unit)
        }
    };
    let total_units = in_units(total).ok_or(RoundingError::Overflow)?;
    if total_units < Decimal::ZERO || !total_units.fract().is_zero() {
        return Err(RoundingError::TotalNotWhole);
    }
    let mut units: Vec<Decimal> = Vec::with_capacity(claims.len());
    let mut remainders: Vec<Decimal> = Vec::with_capacity(claims.len());
    let mut ceilings: Vec<Option<Decimal>> = Vec::with_capacity(claims.len());
    let mut sum = Decimal::ZERO;
    for claim in claims {
        if claim.unrounded < Decimal::ZERO {
            return Err(RoundingError::NegativeClaim);
        }
        let exact = in_units(claim.unrounded).ok_or(RoundingError::Overflow)?;
        let mut whole = exact.floor();
        let mut remainder = exact - whole;
        let ceiling = match claim.ceiling {
            Some(c) => Some(in_units(c).ok_or(RoundingError::Overflow)?.floor().max(Decimal::ZERO)),
            None => None,
        };
        if let Some(c) = ceiling {
            if whole >= c {
                whole = c;
                remainder = Decimal::ZERO;
            }
        }
        sum = sum.checked_add(whole).ok_or(RoundingError::Overflow)?;
        units.push(whole);
        remainders.push(remainder);
        ceilings.push(ceiling);
    }
    let mut missing = total_units.checked_sub(sum).ok_or(RoundingError::Overflow)?;
    // Largest remainder first; on a tie, the party listed first.
    let favour = |a: &usize, b: &usize| remainders.get(*b).cmp(&remainders.get(*a)).then(a.cmp(b));
    if missing > Decimal::ZERO {
        // Usually the missing units go to the first parties in that order, none at its ceiling:
        // then only those parties need finding, not the whole order.
        let count = u64::try_from(missing.trunc()).ok().and_then(|c| usize::try_from(c).ok()).unwrap_or(usize::MAX);
        if count < claims.len() {
            let mut order: Vec<usize> = (0..claims.len()).collect();
            order.select_nth_unstable_by(count, favour);
            let first = order.get(..count).unwrap_or_default();
            let room = |i: &usize| match (units.get(*i), ceilings.get(*i)) {
                (Some(u), Some(c)) => c.is_none_or(|c| *u < c),
                _ => false,
            };
            if first.iter().all(room) {
                for i in first {
                    if let Some(u) = units.get_mut(*i) {
                        *u += Decimal::ONE;
                    }
                }
                missing = Decimal::ZERO;
            }
        }
    }
    if missing > Decimal::ZERO {
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by(favour);
        while missing > Decimal::ZERO {
            let mut given = false;
            for &i in &order {
                if missing <= Decimal::ZERO {
                    break;
                }
                let (Some(u), Some(ceiling)) = (units.get_mut(i), ceilings.get(i)) else { continue };
                if ceiling.is_none_or(|c| *u < c) {
                    *u += Decimal::ONE;
                    missing -= Decimal::ONE;
                    given = true;
                }
            }
            if !given {
                return Err(RoundingError::NoRoom);
            }
        }
    } else if missing < Decimal::ZERO {
        // The claims came to more than the total: take units back, smallest remainder first and,
        // on a tie, from the party listed last (the mirror of the rule above).
        let mut order: Vec<usize> = (0..claims.len()).collect();
        order.sort_by(|&a, &b| remainders.get(a).cmp(&remainders.get(b)).then(b.cmp(&a)));
        while missing < Decimal::ZERO {
            let mut taken = false;
            for &i in &order {
                if missing >= Decimal::ZERO {
                    break;
                }
                let Some(u) = units.get_mut(i) else { continue };
                if *u > Decimal::ZERO {
                    *u -= Decimal::ONE;
                    missing += Decimal::ONE;
                    taken = true;
                }
            }
            if !taken {
                return Err(RoundingError::NoRoom);
            }
        }
    }
    units.into_iter().map(|u| u.checked_mul(unit).ok_or(RoundingError::Overflow)).collect()
}

/// Rounds a single amount down to a whole number of units (used for limits such as caps and
/// balances, which a share must never exceed).
pub fn floor_to_unit(amount: Decimal, unit: Decimal) -> Option<Decimal> {
    if unit <= Decimal::ZERO {
        return None;
    }
    amount.checked_div(unit)?.floor().checked_mul(unit)
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
    fn whole_yen() {
        let third = d("100") / d("3");
        assert_eq!(
            round_shares(d("100"), &claims(&[third, third, third]), d("1")).unwrap(),
            vec![d("34"), d("33"), d("33")]
        );
    }
}
