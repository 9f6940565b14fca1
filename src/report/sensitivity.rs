//! The human text of `concord power --sensitivity`: for each decision, how far each voting
//! member's weight can move before the outcome of some coalition changes, and that coalition.

use num_bigint::BigInt;
use num_traits::{One, Zero};

use super::fractions::percent;
use super::table::Align;
use crate::exact::Fraction;
use crate::results::power::{DecisionSensitivity, SensitivityLimit};

/// Renders the sensitivity part of a power report.
pub fn sensitivity_human(out: &mut String, decisions: &[DecisionSensitivity], places: u32) {
    out.push_str("\nHow far each member's weight can move before any outcome changes\n");
    out.push_str(
        "  Everyone else's weight stays as it is. \"Outcome\" means whether a proposal is carried\n  \
         when the members in favour are any group and all the other voting members are against.\n",
    );
    for decision in decisions {
        out.push('\n');
        decision_table(out, decision, places);
    }
}

fn decision_table(out: &mut String, d: &DecisionSensitivity, places: u32) {
    out.push_str(&format!("decision \"{}\" (weights in {})\n", d.decision, d.unit));
    if let Some(reason) = &d.not_analysed {
        out.push_str(&format!("  not worked out: {reason}\n"));
        return;
    }
    if d.members.is_empty() {
        out.push_str("  no member votes on it\n");
        return;
    }
    let shares = d.unit == "shares of the votes";
    let figure = |f: &Fraction| if shares { ratio(f) } else { number(f, d.money) };
    let mut rows = vec![vec![
        "member".to_string(),
        "weight now".to_string(),
        "can fall to".to_string(),
        "can rise to".to_string(),
    ]];
    for m in &d.members {
        let now = format!("{} ({})", figure(&m.weight), percent(&m.share, places));
        let fall = match &m.fall {
            None => "nothing".to_string(),
            Some(l) if l.changes_at => format!("more than {} ({})", figure(&l.weight), percent(&l.share, places)),
            Some(l) if l.weight == m.weight => "no lower".to_string(),
            Some(l) => format!("{} ({})", figure(&l.weight), percent(&l.share, places)),
        };
        let rise = match &m.rise {
            None => "any amount".to_string(),
            Some(l) if l.changes_at => format!("less than {} ({})", figure(&l.weight), percent(&l.share, places)),
            Some(l) if l.weight == m.weight => "no higher".to_string(),
            Some(l) => format!("{} ({})", figure(&l.weight), percent(&l.share, places)),
        };
        rows.push(vec![m.member.clone(), now, fall, rise]);
    }
    let align = [Align::Left, Align::Right, Align::Right, Align::Right];
    out.push_str(&super::table::columns(&rows, &align, 2, 2));
    for m in &d.members {
        for (end, limit) in [("falls", &m.fall), ("rises", &m.rise)] {
            if let Some(l) = limit {
                out.push_str(&format!("  {}\n", first_change(&m.member, end, l, &d.decision, &figure, places)));
            }
        }
    }
}

/// "If hhft's weight rises to 40 (36.36%), a vote of hhft and lbh in favour, the others
/// against, carries "budget", which today it does not."
fn first_change(
    member: &str,
    end: &str,
    l: &SensitivityLimit,
    decision: &str,
    figure: &dyn Fn(&Fraction) -> String,
    places: u32,
) -> String {
    let at = if l.changes_at {
        format!("{} to {} ({})", end, figure(&l.weight), percent(&l.share, places))
    } else {
        let beyond = if end == "rises" { "above" } else { "below" };
        format!("{} {} {} ({})", end, beyond, figure(&l.weight), percent(&l.share, places))
    };
    let who = match l.in_favour.as_slice() {
        [] => "no member in favour, all against,".to_string(),
        [one] => format!("{one} alone in favour, the others against,"),
        many => format!("{} in favour, the others against,", super::words::list(many)),
    };
    let rule = l.rule_from.as_ref().map(|f| format!(" (its rule from {f})")).unwrap_or_default();
    let (now, then) = if l.passes_now { ("carries", "would not") } else { ("does not carry", "would") };
    format!("if the weight of {member} {at}: a vote with {who} {now} \"{decision}\"{rule} today and {then}")
}

/// A share exactly, as a fraction in lowest terms (`1/2`, `3/7`, `1`).
fn ratio(f: &Fraction) -> String {
    if f.denom().is_one() {
        f.numer().to_string()
    } else {
        format!("{}/{}", f.numer(), f.denom())
    }
}

/// A weight exactly: a decimal when it has a finite one, else a fraction; money with its
/// thousands grouped.
fn number(f: &Fraction, money: bool) -> String {
    let two = BigInt::from(2u32);
    let five = BigInt::from(5u32);
    let mut denominator = f.denom().clone();
    let mut places = 0u32;
    while !denominator.is_one() {
        let factor = if (&denominator % &two).is_zero() {
            &two
        } else if (&denominator % &five).is_zero() {
            &five
        } else {
            return ratio(f);
        };
        denominator /= factor;
        places = places.saturating_add(1);
    }
    let text = super::fractions::decimal(f, places);
    if !money {
        return text;
    }
    let (sign, unsigned) = text.strip_prefix('-').map_or(("", text.as_str()), |t| ("-", t));
    let (whole, frac) = unsigned.split_once('.').map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let grouped = crate::digits::group_thousands(whole);
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frac(n: i64, d: i64) -> Fraction {
        Fraction::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn numbers_are_exact() {
        assert_eq!(number(&frac(40, 1), false), "40");
        assert_eq!(number(&frac(81, 2), false), "40.5");
        assert_eq!(number(&frac(1, 8), false), "0.125");
        assert_eq!(number(&frac(70, 3), false), "70/3");
        assert_eq!(number(&frac(30_000_000, 1), true), "30,000,000");
        assert_eq!(number(&frac(0, 1), false), "0");
    }
}
