//! Exact vote arithmetic: tallies by side, comparisons by cross-multiplying, exact shares.
//!
//! In: weights and head counts as exact decimals. Out: tallies, the comparison a condition
//! makes (both sides of it, cross-multiplied so that no division ever rounds) and whether it
//! held, exact fractions for weight shares, and percentages rounded for display only. Nothing
//! here decides anything with a rounded value.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

use crate::model::{Comparator, Scope, Side};

/// How one member stands on a proposal's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ballot {
    /// Voted in favour.
    InFavour,
    /// Voted against.
    Against,
    /// Present, voting neither way.
    Abstaining,
    /// Not listed in the votes.
    Absent,
}

impl Ballot {
    /// The ballot in words, as the agreement would say it.
    pub fn words(self) -> &'static str {
        match self {
            Ballot::InFavour => "in favour",
            Ballot::Against => "against",
            Ballot::Abstaining => "abstaining",
            Ballot::Absent => "absent",
        }
    }

    /// Whether this ballot counts on `side` (`present` = in favour, against or abstaining).
    pub fn is_on(self, side: Side) -> bool {
        match side {
            Side::InFavour => self == Ballot::InFavour,
            Side::Against => self == Ballot::Against,
            Side::Abstaining => self == Ballot::Abstaining,
            Side::Present => self != Ballot::Absent,
            Side::Voting => matches!(self, Ballot::InFavour | Ballot::Against),
        }
    }
}

/// Weights (or heads) of the eligible members counted by a condition, by how they voted.
///
/// The evaluator makes tallies whose every sum fits: it counts each member at most once, and
/// checks that the weights above zero, added up, and those below zero, added up, each fit, so
/// any sum of some of them lies between the two (see `Context::new` in `decision.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// In favour.
    pub in_favour: Decimal,
    /// Against.
    pub against: Decimal,
    /// Present but abstaining.
    pub abstaining: Decimal,
    /// Not voting at all.
    pub absent: Decimal,
}

impl Tally {
    /// Adds one member's `value` on its `ballot`; an error, leaving the tally as it was, when
    /// the sum does not fit. (A tally can pass 28 digits even when the electorate's total does
    /// not, if some weights are below zero.)
    pub fn add(&mut self, ballot: Ballot, value: Decimal) -> Result<(), TooLarge> {
        let slot = match ballot {
            Ballot::InFavour => &mut self.in_favour,
            Ballot::Against => &mut self.against,
            Ballot::Abstaining => &mut self.abstaining,
            Ballot::Absent => &mut self.absent,
        };
        *slot = slot.checked_add(value).ok_or(TooLarge)?;
        Ok(())
    }

    /// Everything counted: every eligible member, present or not.
    // BOUND: a sum of some of the tallied weights, which the evaluator keeps within range (see
    // the type's documentation).
    #[allow(clippy::arithmetic_side_effects)]
    pub fn eligible(&self) -> Decimal {
        self.in_favour + self.against + self.abstaining + self.absent
    }

    /// The weight on a side.
    // BOUND: as for `eligible`.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn on(&self, side: Side) -> Decimal {
        match side {
            Side::InFavour => self.in_favour,
            Side::Against => self.against,
            Side::Abstaining => self.abstaining,
            Side::Present => self.in_favour + self.against + self.abstaining,
            Side::Voting => self.in_favour + self.against,
        }
    }

    /// The base for a scope: eligible (all), cast (for and against) or present (for, against,
    /// abstaining).
    // BOUND: as for `eligible`.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn base(&self, scope: Scope) -> Decimal {
        match scope {
            Scope::Eligible => self.eligible(),
            Scope::Cast => self.in_favour + self.against,
            Scope::Present => self.in_favour + self.against + self.abstaining,
        }
    }
}

/// Figures too large to compare exactly (a product would pass 28 significant digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// The relation a comparison tests, in the words of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// ≥
    AtLeast,
    /// >
    MoreThan,
    /// ≤
    AtMost,
    /// <
    FewerThan,
    /// =
    Equals,
}

impl Relation {
    /// The relation for a comparator.
    pub fn of(comparator: Comparator) -> Relation {
        match comparator {
            Comparator::AtLeast => Relation::AtLeast,
            Comparator::MoreThan => Relation::MoreThan,
            Comparator::AtMost => Relation::AtMost,
            Comparator::LessThan => Relation::FewerThan,
        }
    }

    /// In words, as the agreement says it.
    pub fn words(self) -> &'static str {
        match self {
            Relation::AtLeast => "at least",
            Relation::MoreThan => "more than",
            Relation::AtMost => "at most",
            Relation::FewerThan => "fewer than",
            Relation::Equals => "equal to",
        }
    }

    /// As a mathematical symbol (for the JSON report).
    pub fn symbol(self) -> &'static str {
        match self {
            Relation::AtLeast => ">=",
            Relation::MoreThan => ">",
            Relation::AtMost => "<=",
            Relation::FewerThan => "<",
            Relation::Equals => "=",
        }
    }

    /// Whether `left RELATION right`.
    pub fn holds(self, left: Decimal, right: Decimal) -> bool {
        let order = left.cmp(&right);
        match self {
            Relation::AtLeast => order != Ordering::Less,
            Relation::MoreThan => order == Ordering::Greater,
            Relation::AtMost => order != Ordering::Greater,
            Relation::FewerThan => order == Ordering::Less,
            Relation::Equals => order == Ordering::Equal,
        }
    }
}

/// An exact comparison `left RELATION right`, as decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The left side (what was counted, multiplied out).
    pub left: Decimal,
    /// The relation.
    #[serde(serialize_with = "relation_symbol")]
    pub relation: Relation,
    /// The right side (what was required, multiplied out).
    pub right: Decimal,
    /// Whether the comparison is true.
    pub holds: bool,
}

fn relation_symbol<S: Serializer>(relation: &Relation, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(relation.symbol())
}

impl Comparison {
    /// Compares `left` with `right`.
    pub fn new(left: Decimal, relation: Relation, right: Decimal) -> Comparison {
        Comparison { left, relation, right, holds: relation.holds(left, right) }
    }
}

/// `counted RELATION numerator/denominator × base`, decided as
/// `counted × denominator RELATION numerator × base`.
pub fn proportion(
    counted: Decimal,
    relation: Relation,
    numerator: Decimal,
    denominator: Decimal,
    base: Decimal,
) -> Result<Comparison, TooLarge> {
    let left = counted.checked_mul(denominator).ok_or(TooLarge)?;
    let right = numerator.checked_mul(base).ok_or(TooLarge)?;
    Ok(Comparison::new(left, relation, right))
}

/// `counted ≥ base / 2 + one`, decided as `2 × counted ≥ base + 2 × one`.
pub fn half_plus_one(counted: Decimal, base: Decimal, one: Decimal) -> Result<Comparison, TooLarge> {
    let two = Decimal::TWO;
    let left = counted.checked_mul(two).ok_or(TooLarge)?;
    let right = one.checked_mul(two).and_then(|o| base.checked_add(o)).ok_or(TooLarge)?;
    Ok(Comparison::new(left, Relation::AtLeast, right))
}

/// `numerator × base / denominator` for display: exact when the division ends, else rounded
/// to two decimal places (and said to be rounded).
pub fn required(numerator: Decimal, denominator: Decimal, base: Decimal) -> Option<(Decimal, bool)> {
    let product = numerator.checked_mul(base)?;
    let quotient = product.checked_div(denominator)?;
    // The division ends exactly when the fraction in lowest terms has a denominator made of
    // twos and fives only (and the quotient fits in the decimal's 28 places).
    let exact = crate::exact::of_decimals(product, denominator).is_some_and(|f| only_twos_and_fives(f.denom()))
        && quotient.scale() < 28;
    if exact {
        Some((quotient.normalize(), true))
    } else {
        Some((quotient.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero), false))
    }
}

fn only_twos_and_fives(n: &num_bigint::BigInt) -> bool {
    use num_integer::Integer;
    use num_traits::{One, Zero};
    let mut n = n.magnitude().clone();
    if n.is_zero() {
        return false;
    }
    for p in [2u32, 5] {
        let p = num_bigint::BigUint::from(p);
        loop {
            let (quotient, remainder) = n.div_rem(&p);
            if !remainder.is_zero() {
                break;
            }
            n = quotient;
        }
    }
    n.is_one()
}

/// `part / whole` as a percentage rounded to two decimal places, for display only.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    let ratio = part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)?;
    let mut rounded = ratio.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    Some(rounded)
}

/// An exact fraction in lowest terms, such as a member's share of all votes (`27/40`): the one
/// exact type of every layer.
pub use crate::exact::Fraction;

/// `value / divisor` where `divisor` is known to divide `value` exactly (as found by
/// [`common_divisor`]): done on whole numbers, so it is exact and quick.
pub fn divide_exactly(value: Decimal, divisor: Decimal) -> Option<Decimal> {
    let scale = value.scale().max(divisor.scale());
    let widen =
        |d: Decimal| -> Option<i128> { d.mantissa().checked_mul(10i128.checked_pow(scale.checked_sub(d.scale())?)?) };
    let (v, d) = (widen(value)?, widen(divisor)?);
    // A remainder by zero is `None`, never `Some(0)`.
    let quotient = match (u64::try_from(v), u64::try_from(d)) {
        (Ok(v), Ok(d)) if v.checked_rem(d) == Some(0) => i128::from(v.checked_div(d)?),
        _ if v.checked_rem(d) == Some(0) => v.checked_div(d)?,
        _ => return None,
    };
    Decimal::try_from_i128_with_scale(quotient, 0).ok()
}

/// The largest decimal that divides every value exactly, when all are whole multiples of one
/// (used to restate scaled weights in their smallest whole terms). `None` when there are no
/// non-zero values or they cannot be brought to a common scale.
pub fn common_divisor(values: impl Iterator<Item = Decimal> + Clone) -> Option<Decimal> {
    let scale = values.clone().map(|d| d.scale()).max()?;
    let mut divisor: u128 = 0;
    for value in values {
        let factor = 10i128.checked_pow(scale.checked_sub(value.scale())?)?;
        divisor = num_integer::gcd(divisor, value.mantissa().checked_mul(factor)?.unsigned_abs());
    }
    if divisor == 0 {
        return None;
    }
    let mantissa = i128::try_from(divisor).ok()?;
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn proportions_are_cross_multiplied() {
        // 2 of 3 against two thirds: exactly at the threshold.
        let at = proportion(d("2"), Relation::AtLeast, d("2"), d("3"), d("3")).unwrap_or_else(|_| unreachable!());
        assert!(at.holds);
        let more = proportion(d("2"), Relation::MoreThan, d("2"), d("3"), d("3")).unwrap_or_else(|_| unreachable!());
        assert!(!more.holds);
        assert_eq!((more.left, more.right), (d("6"), d("6")));
    }

    #[test]
    fn half_plus_one_on_odd_totals() {
        // 11 members: 6.5 needed, so 6 fails and 7 passes.
        assert!(!half_plus_one(d("6"), d("11"), Decimal::ONE).unwrap_or_else(|_| unreachable!()).holds);
        assert!(half_plus_one(d("7"), d("11"), Decimal::ONE).unwrap_or_else(|_| unreachable!()).holds);
    }

    #[test]
    fn required_says_when_it_is_rounded() {
        assert_eq!(required(d("70"), d("100"), d("60")), Some((d("42"), true)));
        assert_eq!(required(d("2"), d("3"), d("10")), Some((d("6.67"), false)));
        assert_eq!(required(d("1"), d("8"), d("1")), Some((d("0.125"), true)));
    }

    #[test]
    fn common_divisor_of_scaled_weights() {
        let values = [d("800"), d("800"), d("10800"), d("3600")];
        assert_eq!(common_divisor(values.iter().copied()), Some(d("400")));
        let decimals = [d("1.5"), d("3")];
        assert_eq!(common_divisor(decimals.iter().copied()), Some(d("1.5")));
        assert_eq!(common_divisor([Decimal::ZERO].iter().copied()), None);
    }

    #[test]
    fn exact_division_by_a_common_divisor() {
        assert_eq!(divide_exactly(d("10800"), d("400")), Some(d("27")));
        assert_eq!(divide_exactly(d("1.5"), d("0.5")), Some(d("3")));
        assert_eq!(divide_exactly(d("7"), d("2")), None);
    }

    #[test]
    fn percentages_round_for_display_only() {
        assert_eq!(percent(d("2"), d("3")), Some(d("66.67")));
        assert_eq!(percent(d("1"), Decimal::ZERO), None);
    }
}
