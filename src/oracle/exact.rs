//! Exact numbers for the reference evaluator: rationals, and votes with a vanishing part.
//!
//! In: the model's exact decimals. Out: [`BigRational`]s, and [`Votes`], a number of votes that
//! may hold a casting vote of vanishing size (docs/semantics.md, "The tipped reading": "the
//! casting vote is ε on its side and in every base, ε → 0"). Nothing is ever rounded.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use rust_decimal::Decimal;

/// A decimal as an exact rational: its digits over its power of ten.
pub(super) fn rational(value: Decimal) -> BigRational {
    BigRational::new(BigInt::from(value.mantissa()), BigInt::from(10u32).pow(value.scale()))
}

/// A whole number as an exact rational.
pub(super) fn whole(value: u64) -> BigRational {
    BigRational::from_integer(BigInt::from(value))
}

/// `numerator / denominator`, or nothing when the denominator is zero.
pub(super) fn ratio(numerator: &BigRational, denominator: &BigRational) -> Option<BigRational> {
    if denominator.is_zero() {
        None
    } else {
        Some(numerator / denominator)
    }
}

/// A number of votes `value + vanishing·ε`, with ε → 0 from above: exact votes, plus perhaps
/// a casting vote of vanishing size. Ordered as the limit orders them: by `value`, then, when
/// the values are level, by `vanishing` (field order makes the derived order exactly that).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Votes {
    /// The votes themselves.
    pub(super) value: BigRational,
    /// How many vanishing casting votes are in it.
    pub(super) vanishing: BigRational,
}

impl Votes {
    /// Exactly `value` votes, no casting vote.
    pub(super) fn exactly(value: BigRational) -> Votes {
        Votes { value, vanishing: BigRational::zero() }
    }

    /// One casting vote: nothing, but for ε.
    pub(super) fn casting_vote() -> Votes {
        Votes { value: BigRational::zero(), vanishing: BigRational::one() }
    }

    /// The sum of two counts.
    pub(super) fn plus(&self, other: &Votes) -> Votes {
        Votes { value: &self.value + &other.value, vanishing: &self.vanishing + &other.vanishing }
    }

    /// This count taken `factor` times (a proportion of a base).
    pub(super) fn times(&self, factor: &BigRational) -> Votes {
        Votes { value: &self.value * factor, vanishing: &self.vanishing * factor }
    }

    /// Whether nothing at all is counted: not a vote, not even a vanishing one.
    pub(super) fn is_empty(&self) -> bool {
        self.value.is_zero() && self.vanishing.is_zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vanishing_vote_only_tips_a_level_comparison() {
        let two = Votes::exactly(whole(2));
        let half_of_four_and_a_casting_vote = Votes::exactly(whole(4))
            .plus(&Votes::casting_vote())
            .times(&ratio(&whole(1), &whole(2)).unwrap_or_default());
        // 2 + ε against (4 + ε)/2: level, so the casting vote in favour tips it.
        assert!(two.plus(&Votes::casting_vote()) > half_of_four_and_a_casting_vote);
        // 2 against (4 + ε)/2, the casting vote not on this side: it fails.
        assert!(two < half_of_four_and_a_casting_vote);
        // 3 against 2 + ε/2: not level, the casting vote changes nothing.
        assert!(Votes::exactly(whole(3)) > half_of_four_and_a_casting_vote);
        assert_eq!(rational(Decimal::new(125, 2)), ratio(&whole(5), &whole(4)).unwrap_or_default());
    }
}
