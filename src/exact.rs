//! Exact arithmetic for every layer: checked sums of decimals, and fractions as num-rational's
//! [`BigRational`], always in lowest terms with a positive denominator, of any size.
//!
//! In: decimals or whole numbers. Out: fractions, and the two ways the JSON reports write one
//! (`"27/40"` for a member's share of the votes, `{"numerator": "5", "denominator": "21"}` for
//! a power index), chosen per field with `#[serde(serialize_with = …)]`. Words and rounding for
//! a reader are `report/`'s.

use num_bigint::{BigInt, BigUint};
use num_rational::BigRational;
use num_traits::Zero;
use rust_decimal::Decimal;
use serde::Serializer;

/// Adds decimals exactly, or `None` if the sum does not fit (every total of money, weights or
/// shares is added this way, so an overflow is reported, never wrapped).
pub fn checked_sum(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v))
}

/// An exact fraction in lowest terms.
pub type Fraction = BigRational;

/// `numerator / denominator` in lowest terms; zero when the denominator is zero, as a swing
/// count over no swings at all reads.
pub fn fraction(numerator: BigInt, denominator: BigUint) -> Fraction {
    if denominator.is_zero() {
        return Fraction::zero();
    }
    Fraction::new(numerator, BigInt::from(denominator))
}

/// `part / whole` exactly; `None` when `whole` is zero.
pub fn of_decimals(part: Decimal, whole: Decimal) -> Option<Fraction> {
    if whole.is_zero() {
        return None;
    }
    // part = m₁ / 10^s₁ and whole = m₂ / 10^s₂, so part / whole = m₁ · 10^s₂ / (m₂ · 10^s₁).
    let ten = BigInt::from(10u32);
    let numerator = BigInt::from(part.mantissa()) * ten.pow(whole.scale());
    let denominator = BigInt::from(whole.mantissa()) * ten.pow(part.scale());
    Some(Fraction::new(numerator, denominator))
}

/// Writes a fraction as text, `27/40` (a whole number alone: `3`).
pub fn serialize_text<S: Serializer>(value: &Fraction, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// [`serialize_text`] for a fraction that may be absent (`null`), boxed or not.
pub fn serialize_text_opt<S: Serializer, F: std::ops::Deref<Target = Fraction>>(
    value: &Option<F>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(f) => serializer.collect_str(&**f),
        None => serializer.serialize_none(),
    }
}

/// Writes a fraction as its two parts, each a decimal string of any length:
/// `{"numerator": "5", "denominator": "21"}` (the numerator carries the sign).
pub fn serialize_parts<S: Serializer>(value: &Fraction, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut s = serializer.serialize_struct("Fraction", 2)?;
    s.serialize_field("numerator", &value.numer().to_string())?;
    s.serialize_field("denominator", &value.denom().to_string())?;
    s.end()
}

/// [`serialize_parts`] for a fraction that may be absent (`null`).
pub fn serialize_parts_opt<S: Serializer>(value: &Option<Fraction>, serializer: S) -> Result<S::Ok, S::Error> {
    struct Parts<'a>(&'a Fraction);
    impl serde::Serialize for Parts<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize_parts(self.0, serializer)
        }
    }
    match value {
        Some(f) => serializer.serialize_some(&Parts(f)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn decimals_become_fractions_in_lowest_terms() {
        let f = of_decimals(d("10800"), d("16000")).unwrap_or_else(|| unreachable!());
        assert_eq!(f.to_string(), "27/40");
        let g = of_decimals(d("1.5"), d("3")).unwrap_or_else(|| unreachable!());
        assert_eq!(g.to_string(), "1/2");
        assert_eq!(of_decimals(d("-3"), d("1.5")).map(|f| f.to_string()), Some("-2".to_string()));
        assert_eq!(of_decimals(d("1"), Decimal::ZERO), None);
    }

    #[test]
    fn a_zero_denominator_reads_as_zero() {
        assert_eq!(fraction(BigInt::from(3), BigUint::zero()), Fraction::zero());
        assert_eq!(fraction(BigInt::from(-4), BigUint::from(6u32)).to_string(), "-2/3");
    }

    #[test]
    fn the_two_json_forms() {
        #[derive(serde::Serialize)]
        struct Both {
            #[serde(serialize_with = "serialize_text")]
            text: Fraction,
            #[serde(serialize_with = "serialize_parts")]
            parts: Fraction,
            #[serde(serialize_with = "serialize_parts_opt")]
            none: Option<Fraction>,
        }
        let f = fraction(BigInt::from(5), BigUint::from(21u32));
        let json = serde_json::to_string(&Both { text: f.clone(), parts: f, none: None }).unwrap_or_default();
        assert_eq!(json, r#"{"text":"5/21","parts":{"numerator":"5","denominator":"21"},"none":null}"#);
    }
}
