//! Values as a lawyer writes them: figures grouped in thousands, proportions and dates in the
//! words they were written in. Used by explanations and the REPL.

use rust_decimal::Decimal;

use crate::syntax::ast::{Date, Proportion};

/// A decimal without trailing zeros after the point.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A decimal with its whole part grouped in thousands: 42,000,000.50.
pub fn grouped(value: Decimal) -> String {
    let text = if value.fract().is_zero() { value.trunc().normalize().to_string() } else { value.to_string() };
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", text),
    };
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let out = crate::money::group_thousands(&whole);
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A proportion as written: 70%, 2/3, half, in the model's words for it (one table of the
/// proportions that have words).
pub fn proportion(p: &Proportion) -> String {
    crate::model::Proportion::from(*p).words()
}

/// A date as `1 April 2026`.
pub fn date(d: &Date) -> String {
    d.words()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_in_thousands() {
        assert_eq!(grouped(Decimal::from(42_000_000)), "42,000,000");
        assert_eq!(grouped(Decimal::new(150_000_000, 2)), "1,500,000");
        assert_eq!(grouped(Decimal::new(1250, 2)), "12.50");
        assert_eq!(grouped(Decimal::from(-1_000)), "-1,000");
    }
}
