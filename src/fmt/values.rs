//! Values as a lawyer writes them: figures grouped in thousands, proportions and dates in the
//! words they were written in. Used by explanations and the REPL.

use rust_decimal::Decimal;

use crate::syntax::ast::{Date, Proportion, ProportionForm};

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
    let mut out = String::new();
    let digits = whole.chars().count();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && digits.saturating_sub(i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

fn percent(p: Decimal) -> String {
    format!("{}%", plain(p))
}

/// A proportion as written: 70%, 2/3, half.
pub fn proportion(p: &Proportion) -> String {
    match p.form {
        ProportionForm::Percent => percent(p.numerator),
        ProportionForm::Ratio => format!("{}/{}", plain(p.numerator), plain(p.denominator)),
        ProportionForm::Words => {
            let pair = (p.numerator, p.denominator);
            let words = [
                ((1, 2), "half"),
                ((2, 3), "two thirds"),
                ((3, 4), "three quarters"),
                ((1, 3), "a third"),
                ((1, 4), "a quarter"),
            ];
            words
                .iter()
                .find(|((n, d), _)| pair == (Decimal::from(*n), Decimal::from(*d)))
                .map_or_else(|| format!("{}/{}", plain(p.numerator), plain(p.denominator)), |(_, w)| (*w).to_string())
        }
    }
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
