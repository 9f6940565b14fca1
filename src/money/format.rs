//! Amounts, numbers and proportions as a finance lead writes them: `£1,750,000.00`,
//! `£583,333.333333…` for an exact amount cut short, `52.1234%…`.

use rust_decimal::Decimal;

/// The one digit grouping (it lives in a neutral room so the reader can use it too).
pub use crate::digits::group_thousands;
use crate::model::Currency;

/// Formats an amount in the agreement's currency, to the minor unit: `£1,750,000.00`,
/// `−£12.50`, `1,000 JPY`.
pub fn format_money(amount: Decimal, currency: &Currency) -> String {
    let places = currency.minor_unit.normalize().scale();
    format_with_places(amount, currency, places, false)
}

/// Formats an exact amount with up to `extra` more places than the minor unit, trimmed, with
/// `…` when digits were cut off: `£583,333.333333…`.
pub fn format_exact(amount: Decimal, currency: &Currency, extra: u32) -> String {
    let places = currency.minor_unit.normalize().scale();
    // A scale above 28 rounds nothing away, so a huge `extra` may as well stop at `u32::MAX`.
    format_with_places(amount, currency, places.saturating_add(extra), true)
}

fn format_with_places(amount: Decimal, currency: &Currency, places: u32, trim: bool) -> String {
    let shown = amount.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::ToZero);
    let cut = shown != amount;
    let mut digits = shown.abs();
    if trim {
        digits = digits.normalize();
        let min = currency.minor_unit.normalize().scale();
        if digits.scale() < min {
            digits.rescale(min);
        }
    } else {
        digits.rescale(places);
    }
    let text = digits.to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let grouped = group_thousands(&whole);
    let number = match fraction {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    };
    let ellipsis = if cut { "…" } else { "" };
    let sign = if amount < Decimal::ZERO { "−" } else { "" };
    match currency.symbol {
        Some(symbol) => format!("{sign}{symbol}{number}{ellipsis}"),
        None => format!("{sign}{number}{ellipsis} {}", currency.code),
    }
}

/// Formats a plain number (a score, a percentage) without trailing zeros.
pub fn format_number(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let (sign, whole) = match whole.strip_prefix('-') {
        Some(w) => ("−", w.to_string()),
        None => ("", whole),
    };
    match fraction {
        Some(f) => format!("{sign}{}.{f}", group_thousands(&whole)),
        None => format!("{sign}{}", group_thousands(&whole)),
    }
}

/// Formats a proportion (0 to 1) as a percentage with up to four decimals: `52.1234%…`.
pub fn format_proportion(value: Decimal) -> String {
    let Some(percent) = value.checked_mul(Decimal::ONE_HUNDRED) else {
        return format!("{}×100%", format_number(value));
    };
    let shown = percent.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
    let cut = if shown != percent { "…" } else { "" };
    format!("{}%{cut}", format_number(shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbp() -> Currency {
        Currency { code: "GBP".into(), symbol: Some('£'), minor_unit: Decimal::new(1, 2), span: None }
    }

    #[test]
    fn money_is_grouped_and_padded() {
        assert_eq!(format_money(Decimal::new(175_000_000, 2), &gbp()), "£1,750,000.00");
        assert_eq!(format_money(Decimal::new(-1250, 2), &gbp()), "−£12.50");
        assert_eq!(format_money(Decimal::new(5, 0), &gbp()), "£5.00");
        let yen = Currency { code: "JPY".into(), symbol: None, minor_unit: Decimal::ONE, span: None };
        assert_eq!(format_money(Decimal::new(1000, 0), &yen), "1,000 JPY");
    }

    #[test]
    fn exact_amounts_show_their_digits() {
        let third = Decimal::new(1_750_000, 0) / Decimal::new(3, 0);
        assert_eq!(format_exact(third, &gbp(), 4), "£583,333.333333…");
        assert_eq!(format_exact(Decimal::new(7, 1), &gbp(), 4), "£0.70");
        assert_eq!(format_exact(Decimal::new(12345, 4), &gbp(), 4), "£1.2345");
    }

    #[test]
    fn proportions_as_percentages() {
        assert_eq!(format_proportion(Decimal::new(5, 1)), "50%");
        assert_eq!(format_proportion(Decimal::ONE / Decimal::new(3, 0)), "33.3333%…");
    }
}
