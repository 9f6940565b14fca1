//! The pennies in words: how a split's exact shares were rounded to the minor unit, who got the
//! units left over and why (the largest remainder, and on a tie the member listed first).

use rust_decimal::Decimal;

use super::table::{pipe as table, Align};
use crate::model::Currency;
use crate::money::pennies::{PennyParty, PennyReason, PennyWorking};
use crate::money::{format_money, format_number};

/// The minor unit's name, singular and plural.
fn unit_words(cur: &Currency) -> (&'static str, &'static str) {
    let unit = cur.minor_unit.normalize();
    if unit == Decimal::ONE {
        ("unit", "units")
    } else if cur.code == "GBP" && unit == Decimal::new(1, 2) {
        ("penny", "pennies")
    } else if unit == Decimal::new(1, 2) {
        ("cent", "cents")
    } else {
        ("minor unit", "minor units")
    }
}

fn reason_words(reason: Option<PennyReason>, kind: PennyParty) -> String {
    match reason {
        None => String::new(),
        Some(PennyReason::LargestRemainder) => "one of the largest remainders".into(),
        Some(PennyReason::TieListedFirst) if kind == PennyParty::Member => {
            "its remainder is equal to another's, and it is listed first in the agreement".into()
        }
        Some(PennyReason::TieListedFirst) => {
            "its remainder is equal to another's, and it comes before what is carried on".into()
        }
        Some(PennyReason::TieListedLater) if kind == PennyParty::Member => {
            "its remainder is equal to another's, but it is listed later in the agreement".into()
        }
        Some(PennyReason::TieListedLater) => "its remainder is equal to another's, but it comes last".into(),
        Some(PennyReason::HeldAtCeiling) => "held at its cap, so the others take the rest".into(),
        Some(PennyReason::ToppedUp) => "the exact shares fell short of the total, so it was topped up".into(),
        Some(PennyReason::TakenBack) => "the exact shares came to more than the total, so it gave back".into(),
    }
}

/// The pennies of one split as a sentence and a table; empty when rounding moved nothing.
pub(super) fn pennies_human(pennies: &PennyWorking, cur: &Currency) -> String {
    if !pennies.moved() {
        return String::new();
    }
    let money = |d: Decimal| format_money(d, cur);
    let (one, many) = unit_words(cur);
    let count = pennies.left_over.checked_div(pennies.minor_unit).unwrap_or_default().normalize();
    let left = if count == Decimal::ONE {
        format!("the 1 {one} left over goes to the largest remainder")
    } else {
        format!("the {} {many} left over go one each to the largest remainders", format_number(count))
    };
    let mut out = format!(
        "\nRounding to the {one}: each exact share is rounded down ({} in all), and {left}; {}.\n\n",
        money(pennies.rounded_down),
        pennies.tie_rule,
    );
    let headers = [
        ("Party", Align::Left),
        ("Rounded down", Align::Right),
        ("Remainder", Align::Right),
        ("Extra", Align::Right),
        ("Share", Align::Right),
        ("Why", Align::Left),
    ];
    let rows: Vec<Vec<String>> = pennies
        .parties
        .iter()
        // What is carried on is shown only when rounding touched it.
        .filter(|p| p.kind != PennyParty::CarriedOn || !p.share.is_zero() || !p.remainder.is_zero())
        .map(|p| {
            vec![
                p.name.clone(),
                money(p.floor),
                format!("{} of a {one}", format_number(p.remainder.round_dp(4))),
                if p.extra.is_zero() {
                    String::new()
                } else if p.extra > Decimal::ZERO {
                    format!("+{}", money(p.extra))
                } else {
                    money(p.extra)
                },
                money(p.share),
                reason_words(p.reason, p.kind),
            ]
        })
        .collect();
    out.push_str(&table(&headers, &rows));
    out
}
