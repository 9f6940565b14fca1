//! Words and figures for the human reports: exact numbers with thousands grouped, percentages
//! rounded for display, dates as people write them, lists read aloud, small tables.

use rust_decimal::Decimal;

use crate::eval::Ballot;
use crate::model::Date;

/// `held` or `did not hold`.
pub(super) fn held_words(held: bool) -> &'static str {
    if held {
        "held"
    } else {
        "did not hold"
    }
}

/// Every line of `text`, indented by `by`.
pub(super) fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

/// How a member voted, after "voted": `in favour`, `to abstain`.
pub(super) fn ballot_phrase(ballot: Ballot) -> &'static str {
    match ballot {
        Ballot::InFavour => "in favour",
        Ballot::Against => "against",
        Ballot::Abstaining => "to abstain",
        Ballot::Absent => "nothing (absent)",
    }
}

/// A small table: columns padded, numbers (flagged columns) right-aligned, indented four spaces.
pub(super) fn table<const N: usize>(rows: &[[String; N]], right: &[bool; N]) -> String {
    use super::table::Align;
    let align: Vec<Align> = right.iter().map(|r| if *r { Align::Right } else { Align::Left }).collect();
    super::table::columns(rows, &align, 4, 3)
}

/// An exact decimal with thousands grouped: `42,000,000`, `6.5`.
pub fn num(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let grouped = crate::money::group_thousands(whole);
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A percentage as a lawyer can rely on it: never rounded across a threshold. Two places when
/// that is exact (`75.00%`), up to four when those are exact (`69.996%`), and otherwise four
/// places cut short, never rounded up, with `…` to say there is more (`66.6666…%`), so a share
/// just under 70% never reads as 70.00%.
pub fn percent(value: Decimal) -> String {
    let value = value.normalize();
    if value.scale() <= 2 {
        return format!("{value:.2}%");
    }
    if value.scale() <= 4 {
        return format!("{value}%");
    }
    let cut = value.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
    format!("{cut:.4}…%")
}

pub(super) fn date_words(date: Date) -> String {
    date.words()
}

pub(super) fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

pub(super) fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Why a vote is invalid, in words.
pub(super) fn invalid_words(reason: &crate::eval::Invalidity) -> String {
    match reason {
        crate::eval::Invalidity::NoDecision => "the proposal does not say which decision it is for".to_string(),
        crate::eval::Invalidity::UnknownDecision { name } => format!("the agreement has no decision called “{name}”"),
        crate::eval::Invalidity::NoDate => {
            "the decision's rules change over time and the proposal has no date".to_string()
        }
        crate::eval::Invalidity::NoRuleInForce { date } => {
            format!("no rule of the decision is in force on {}", date_words(*date))
        }
        crate::eval::Invalidity::UnknownMemberVoted { member, line, nearest } => match nearest {
            Some(nearest) => format!(
                "`{member}` voted (input line {line}) but is not a member of the agreement (did you mean `{nearest}`?)"
            ),
            None => format!("`{member}` voted (input line {line}) but is not a member of the agreement"),
        },
        crate::eval::Invalidity::NoQuorum => "the quorum was not met".to_string(),
        other => super::procedure::standing_words(other)
            .or_else(|| super::meetings::meetings_words(other))
            .unwrap_or_default(),
    }
}

/// The text with its first letter a capital.
pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_just_under_a_threshold_never_reads_as_the_threshold() {
        assert_eq!(percent(Decimal::new(69_996, 3)), "69.996%");
        assert_eq!(percent(Decimal::new(75, 0)), "75.00%");
        assert_eq!(percent(Decimal::new(755, 1)), "75.50%");
        let two_thirds = Decimal::from(200) / Decimal::from(3);
        assert_eq!(percent(two_thirds), "66.6666…%");
        let just_under = Decimal::from(70) - Decimal::new(1, 20);
        assert_eq!(percent(just_under), "69.9999…%");
    }

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(num(Decimal::new(42_000_000, 0)), "42,000,000");
        assert_eq!(num(Decimal::new(65, 1)), "6.5");
        assert_eq!(num(Decimal::new(100, 0)), "100");
        assert_eq!(num(Decimal::new(-1_234_500, 2)), "-12,345");
    }

    #[test]
    fn lists_read_aloud() {
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(list(&["a"]), "a");
    }
}
