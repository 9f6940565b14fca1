//! Exact non-negative integers of any size, for counting coalitions.
//!
//! Counting coalitions overflows every machine integer quickly (a 537-member game has up to
//! 2^537 of them), and power indices must be exact. Only what counting needs is here: adding,
//! subtracting a smaller number, multiplying, doubling, comparing and printing in decimal.
//! Little-endian base-2^64 limbs with no trailing zero limb, so equal numbers compare equal.

use std::cmp::Ordering;
use std::fmt;
use std::num::{NonZeroU128, NonZeroU64};

/// A non-negative integer of any size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Count {
    limbs: Vec<u64>,
}

impl Count {
    /// Zero.
    pub fn zero() -> Count {
        Count { limbs: Vec::new() }
    }

    /// One.
    pub fn one() -> Count {
        Count::from(1u64)
    }

    /// Two to the power `exponent`.
    pub fn power_of_two(exponent: usize) -> Count {
        // BOUND: a 64th of a `usize`, plus one, fits a `usize`.
        #[allow(clippy::arithmetic_side_effects)]
        let mut limbs = vec![0u64; exponent / 64 + 1];
        if let Some(top) = limbs.last_mut() {
            *top = 1u64 << (exponent % 64);
        }
        Count { limbs }
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    /// `self + other`.
    pub fn add(&self, other: &Count) -> Count {
        let mut out = self.clone();
        out.add_assign(other);
        out
    }

    /// Adds `other` to `self`.
    pub fn add_assign(&mut self, other: &Count) {
        if self.limbs.len() < other.limbs.len() {
            self.limbs.resize(other.limbs.len(), 0);
        }
        let mut carry = 0u64;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let o = other.limbs.get(i).copied().unwrap_or(0);
            if o == 0 && carry == 0 && i >= other.limbs.len() {
                break;
            }
            let (s1, c1) = limb.overflowing_add(o);
            let (s2, c2) = s1.overflowing_add(carry);
            *limb = s2;
            // BOUND: each carry is 0 or 1.
            #[allow(clippy::arithmetic_side_effects)]
            {
                carry = u64::from(c1) + u64::from(c2);
            }
        }
        if carry > 0 {
            self.limbs.push(carry);
        }
    }

    /// `self − other`, or `None` when `other` is larger.
    pub fn checked_sub(&self, other: &Count) -> Option<Count> {
        if self < other {
            return None;
        }
        let mut limbs = self.limbs.clone();
        let mut borrow = 0u64;
        for (i, limb) in limbs.iter_mut().enumerate() {
            let o = other.limbs.get(i).copied().unwrap_or(0);
            let (d1, b1) = limb.overflowing_sub(o);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *limb = d2;
            // BOUND: each borrow is 0 or 1.
            #[allow(clippy::arithmetic_side_effects)]
            {
                borrow = u64::from(b1) + u64::from(b2);
            }
        }
        let mut out = Count { limbs };
        out.trim();
        Some(out)
    }

    /// `self × other`.
    // BOUND: limb counts and indices are below the lengths of vectors in memory, so their sums
    // fit a `usize` (and `k` stops at the end of `limbs`); `a·b + slot + carry` is at most
    // (2^64 − 1)² + 2·(2^64 − 1) = 2^128 − 1, so schoolbook multiplication cannot overflow `u128`.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn mul(&self, other: &Count) -> Count {
        if self.is_zero() || other.is_zero() {
            return Count::zero();
        }
        let mut limbs = vec![0u64; self.limbs.len() + other.limbs.len()];
        for (i, a) in self.limbs.iter().enumerate() {
            let mut carry = 0u128;
            for (j, b) in other.limbs.iter().enumerate() {
                if let Some(slot) = limbs.get_mut(i + j) {
                    let t = u128::from(*a) * u128::from(*b) + u128::from(*slot) + carry;
                    *slot = t as u64;
                    carry = t >> 64;
                }
            }
            let mut k = i + other.limbs.len();
            while carry > 0 {
                if let Some(slot) = limbs.get_mut(k) {
                    let t = u128::from(*slot) + carry;
                    *slot = t as u64;
                    carry = t >> 64;
                    k += 1;
                } else {
                    break;
                }
            }
        }
        let mut out = Count { limbs };
        out.trim();
        out
    }

    /// `self × 2^bits`.
    pub fn shl(&self, bits: usize) -> Count {
        if self.is_zero() {
            return Count::zero();
        }
        let words = bits / 64;
        let shift = bits % 64;
        let mut limbs = vec![0u64; words];
        if shift == 0 {
            limbs.extend_from_slice(&self.limbs);
        } else {
            let mut carry = 0u64;
            for limb in &self.limbs {
                limbs.push((limb << shift) | carry);
                // BOUND: `shift` is 1 to 63 here.
                #[allow(clippy::arithmetic_side_effects)]
                {
                    carry = limb >> (64 - shift);
                }
            }
            limbs.push(carry);
        }
        let mut out = Count { limbs };
        out.trim();
        out
    }

    /// Divides by a small number in place, returning the remainder.
    fn div_small(&mut self, divisor: NonZeroU64) -> u64 {
        let divisor = NonZeroU128::from(divisor);
        let mut rem = 0u128;
        for limb in self.limbs.iter_mut().rev() {
            // `rem` is below the divisor, so the quotient fits a limb.
            let cur = (rem << 64) | u128::from(*limb);
            *limb = (cur / divisor) as u64;
            rem = cur % divisor;
        }
        self.trim();
        rem as u64
    }

    /// The value when it fits in 128 bits.
    pub fn to_u128(&self) -> Option<u128> {
        match self.limbs.as_slice() {
            [] => Some(0),
            [a] => Some(u128::from(*a)),
            [a, b] => Some(u128::from(*a) | (u128::from(*b) << 64)),
            _ => None,
        }
    }
}

impl From<u64> for Count {
    fn from(value: u64) -> Count {
        let mut out = Count { limbs: vec![value] };
        out.trim();
        out
    }
}

impl PartialOrd for Count {
    fn partial_cmp(&self, other: &Count) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Count {
    fn cmp(&self, other: &Count) -> Ordering {
        self.limbs.len().cmp(&other.limbs.len()).then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        const CHUNK: NonZeroU64 = NonZeroU64::new(10_000_000_000_000_000_000).unwrap();
        let mut rest = self.clone();
        let mut chunks = Vec::new();
        while !rest.is_zero() {
            chunks.push(rest.div_small(CHUNK));
        }
        let mut out = String::new();
        for (i, chunk) in chunks.iter().rev().enumerate() {
            if i == 0 {
                out.push_str(&chunk.to_string());
            } else {
                out.push_str(&format!("{chunk:019}"));
            }
        }
        f.write_str(&out)
    }
}

impl serde::Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn powers_of_two_print_exactly() {
        assert_eq!(Count::power_of_two(0).to_string(), "1");
        assert_eq!(Count::power_of_two(64).to_string(), "18446744073709551616");
        assert_eq!(Count::power_of_two(128).to_string(), "340282366920938463463374607431768211456");
    }

    proptest! {
        #[test]
        fn arithmetic_matches_u128(a in 0u64.., b in 0u64.., s in 0usize..60) {
            let (ca, cb) = (Count::from(a), Count::from(b));
            prop_assert_eq!(ca.add(&cb).to_u128(), Some(u128::from(a) + u128::from(b)));
            prop_assert_eq!(ca.mul(&cb).to_u128(), Some(u128::from(a) * u128::from(b)));
            prop_assert_eq!(ca.shl(s).to_u128(), Some(u128::from(a) << s));
            prop_assert_eq!(ca.cmp(&cb), a.cmp(&b));
            let big = ca.mul(&cb).add(&cb);
            prop_assert_eq!(big.checked_sub(&cb), Some(ca.mul(&cb)));
            prop_assert_eq!(big.to_string(), (u128::from(a) * u128::from(b) + u128::from(b)).to_string());
        }
    }
}
