//! A fund's contributions paid in instalments, in words: in the year-end working (a table, one
//! partner a row) and in `concord explain` (one line a partner).

use rust_decimal::Decimal;

use super::table::{pipe as table, Align};
use crate::model::Currency;
use crate::money::format_money;
use crate::money::instalments::InstalmentsWorking;

/// One partner's instalments in words: `4 instalments of £250,000.00 each`, or, when the
/// contribution does not divide exactly, `instalments 1 to 3 of £250,000.01 each and instalment
/// 4 of £250,000.00`.
pub fn instalments_words(parts: &[Decimal], cur: &Currency) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let Some(first) = parts.first().copied() else { return "no instalments".into() };
    let larger = parts.iter().take_while(|p| **p == first).count();
    let count = parts.len();
    if larger == count {
        return match count {
            1 => format!("1 instalment of {}", money(first)),
            _ => format!("{count} instalments of {} each", money(first)),
        };
    }
    let rest = parts.get(larger).copied().unwrap_or_default();
    let range = |from: usize, to: usize, amount: Decimal| {
        if from == to {
            format!("instalment {from} of {}", money(amount))
        } else {
            format!("instalments {from} to {to} of {} each", money(amount))
        }
    };
    format!("{} and {}", range(1, larger, first), range(larger.saturating_add(1), count, rest))
}

/// Who pays in instalments, and how the odd minor units fall, as a clause without its capital
/// or stop.
pub fn who_pays(other_than_host: bool, count: u32, cur: &Currency) -> String {
    let who = if other_than_host {
        "each partner other than the host pays its contribution"
    } else {
        "each partner pays its contribution"
    };
    let how = if count == 1 { "in 1 instalment".to_string() } else { format!("in {count} equal instalments") };
    let unit = format_money(cur.minor_unit, cur);
    format!("{who} {how}; where a contribution does not divide exactly, the earliest instalments are {unit} more each")
}

/// The year-end working's table of instalments, when the fund has any.
pub(super) fn instalments_human(name: &str, working: Option<&InstalmentsWorking>, cur: &Currency) -> String {
    let Some(w) = working else { return String::new() };
    let mut out = format!(
        "\nThis year's contributions to “{name}”, in instalments: {}.\n\n",
        who_pays(w.other_than_host, w.count, cur)
    );
    if w.members.is_empty() {
        out.push_str("No partner pays in instalments this year.\n");
        return out;
    }
    let rows: Vec<Vec<String>> = w
        .members
        .iter()
        .map(|m| vec![m.name.clone(), format_money(m.contribution, cur), instalments_words(&m.instalments, cur)])
        .collect();
    out.push_str(&table(
        &[("Partner", Align::Left), ("Contribution", Align::Right), ("Instalments", Align::Left)],
        &rows,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbp() -> Currency {
        Currency { code: "GBP".into(), symbol: Some('£'), minor_unit: Decimal::new(1, 2), span: None }
    }

    #[test]
    fn equal_and_unequal_instalments_in_words() {
        let p = |n: i64| Decimal::new(n, 2);
        assert_eq!(instalments_words(&[p(100); 4], &gbp()), "4 instalments of £1.00 each");
        assert_eq!(instalments_words(&[p(100)], &gbp()), "1 instalment of £1.00");
        assert_eq!(
            instalments_words(&[p(101), p(101), p(101), p(100)], &gbp()),
            "instalments 1 to 3 of £1.01 each and instalment 4 of £1.00"
        );
        assert_eq!(
            instalments_words(&[p(101), p(100), p(100)], &gbp()),
            "instalment 1 of £1.01 and instalments 2 to 3 of £1.00 each"
        );
    }
}
