//! The human report of `concord power`: one table per rule, figures rounded for reading.

use super::fractions::percent;
use super::table::Align;
use super::{render_each, Colour};

use crate::results::power::{PowerReport, RulePower};

/// Renders the report; indices as percentages with `places` digits after the point.
pub fn power_human(report: &PowerReport, colour: Colour, width: usize, places: u32) -> String {
    let mut out = String::new();
    for text in render_each(report.diagnostics.iter().map(|(d, s)| (d, &**s)), colour, width, "\n") {
        out.push_str(&text);
    }
    for message in &report.messages {
        out.push_str(&format!("✗ {message}\n"));
    }
    if !report.problems.is_empty() || !report.messages.is_empty() {
        return out;
    }
    let title = report.title.as_deref().unwrap_or(&report.agreement);
    out.push_str(&format!("Voting power under \"{title}\""));
    if let Some(p) = &report.proposal {
        out.push_str(&format!(", for the proposal \"{p}\""));
    }
    out.push_str("\n\n");
    out.push_str(
        "  share     the member's declared share of the votes\n  \
         Banzhaf   how often its vote decides the outcome, as a share of all deciding votes\n            \
         (swings: the ways the others can vote in which its vote decides)\n  \
         Shapley   how often it is the member whose support makes a proposal pass, when members\n            \
         join in every possible order\n",
    );
    for rule in &report.rules {
        out.push('\n');
        rule_table(&mut out, rule, report.index, places);
    }
    out.push_str(&super::outside::power_words(&report.decided_outside));
    if report.rules.is_empty() && report.decided_outside.is_empty() {
        out.push_str("\nThe agreement has no decision rule to analyse.\n");
    }
    if let Some(decisions) = &report.sensitivity {
        super::sensitivity::sensitivity_human(&mut out, decisions, places);
    }
    for election in &report.elections_not_analysed {
        out.push_str(&format!(
            "\nelection \"{election}\"\n  not analysed: `concord power` works out voting power on decisions only; an election's count is shown by `concord eval` and `concord test`\n"
        ));
    }
    out
}

fn rule_table(out: &mut String, rule: &RulePower, index: &str, places: u32) {
    out.push_str(&format!("decision \"{}\"", rule.decision));
    match (&rule.from, &rule.until) {
        (Some(f), Some(u)) => out.push_str(&format!(", from {f} until {u}")),
        (Some(f), None) => out.push_str(&format!(", from {f}")),
        (None, Some(u)) => out.push_str(&format!(", until {u}")),
        (None, None) => {}
    }
    if let Some(who) = &rule.proposed_by {
        out.push_str(&format!(", when proposed by {who}"));
    }
    out.push('\n');
    if let Some(reason) = &rule.not_analysed {
        out.push_str(&format!("  not worked out: {reason}\n"));
        return;
    }
    let banzhaf = index != "shapley";
    let shapley = index != "banzhaf";
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["member".to_string(), "share".to_string()];
    if banzhaf {
        header.push("Banzhaf".to_string());
        header.push("swings".to_string());
    }
    if shapley {
        header.push("Shapley".to_string());
    }
    header.push(String::new());
    rows.push(header);
    for m in &rule.members {
        let mut row = vec![m.member.clone(), percent(&m.weight_share, places)];
        if banzhaf {
            row.push(m.banzhaf.as_ref().map_or_else(|| "-".to_string(), |f| percent(f, places)));
            row.push(short_count(&m.swings));
        }
        if shapley {
            row.push(m.shapley.as_ref().map_or_else(|| "-".to_string(), |f| percent(f, places)));
        }
        let mut flags = Vec::new();
        if m.dictator {
            flags.push("dictator: decides alone");
        } else if m.veto_player {
            flags.push("veto player: nothing passes without it");
        }
        if m.dummy {
            flags.push("dummy: its vote never changes the outcome");
        }
        row.push(flags.join("; "));
        rows.push(row);
    }
    // The member and its flags read left to right; the figures between line up on the right.
    let columns = rows.first().map_or(0, Vec::len);
    let align: Vec<Align> = (0..columns)
        .map(|c| if c == 0 || Some(c) == columns.checked_sub(1) { Align::Left } else { Align::Right })
        .collect();
    out.push_str(&super::table::columns(&rows, &align, 2, 2));
    if !rule.not_voting.is_empty() {
        out.push_str(&format!("  not voting: {}\n", rule.not_voting.join(", ")));
    }
    if let Some(q) = &rule.attendance_quorum {
        out.push_str(&format!(
            "  attending: every member ({}), so its quorum of at least {} attending is met\n",
            q.attending, q.needed
        ));
    }
    if !rule.monotone {
        out.push_str(
            "  note: under this rule voting in favour can turn a pass into a failure, so the figures are net\n  \
             (a vote that breaks a pass counts against the member); no one is flagged a dictator\n",
        );
    }
    if rule.total_swings == "0" {
        if rule.monotone {
            out.push_str("  nobody's vote ever changes the outcome under this rule\n");
        } else {
            out.push_str(
                "  the votes that make a pass and those that break one cancel out, so Banzhaf is not defined\n",
            );
        }
    }
}

/// A count as written, or rounded to three figures with its power of ten when it is longer than
/// 15 digits (the JSON keeps every digit).
// BOUND: `lead` has at most four digits, so `three` is at most 1,000; `digits` is longer than 15
// characters, so `digits.len() − 1` and one more both fit; the divisions are by constants.
#[allow(clippy::arithmetic_side_effects)]
fn short_count(digits: &str) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    if digits.len() <= 15 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return format!("{sign}{digits}");
    }
    // Round the leading four digits to three significant figures, half up.
    let lead: u32 = digits.get(..4).and_then(|d| d.parse().ok()).unwrap_or(0);
    let mut three = (lead + 5) / 10;
    let mut exponent = digits.len() - 1;
    if three >= 1000 {
        three /= 10;
        exponent += 1;
    }
    format!("{sign}{}.{:02} × 10^{exponent}", three / 100, three % 100)
}

#[cfg(test)]
mod tests {
    use super::super::fractions::{decimal, percent};
    use super::short_count;
    use crate::exact::fraction;
    use num_bigint::{BigInt, BigUint};

    fn frac(n: i64, d: u64) -> crate::exact::Fraction {
        fraction(BigInt::from(n), BigUint::from(d))
    }

    #[test]
    fn fractions_are_rounded_half_away_from_zero_for_reading() {
        assert_eq!(decimal(&frac(5, 21), 4), "0.2381");
        assert_eq!(percent(&frac(5, 21), 2), "23.81%");
        assert_eq!(percent(&frac(1, 1), 1), "100.0%");
        assert_eq!(decimal(&frac(0, 1), 3), "0.000");
        assert_eq!(decimal(&frac(-1, 3), 2), "-0.33");
        assert_eq!(decimal(&frac(2, 3), 0), "1");
    }

    #[test]
    fn long_counts_are_shortened_for_reading() {
        assert_eq!(short_count("848"), "848");
        assert_eq!(short_count("5623642243178979748088"), "5.62 × 10^21");
        assert_eq!(short_count("9999642243178979748088"), "1.00 × 10^22");
        assert_eq!(short_count("-1234567890123456789"), "-1.23 × 10^18");
    }
}
