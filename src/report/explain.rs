//! `concord explain` as text, markdown and a self-contained HTML file.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

use super::svg::{escape, grouped_bars, Series};
use crate::commands::explain::{Clause, Explanation};
use crate::exact::Fraction;
use crate::results::power::RulePower;

/// A fraction of one as an exact percentage when it has one (`37.5%`), else as the exact
/// fraction (`1/3`): no figure is rounded.
// BOUND: `places` and `digits` count the factors 2 and 5 of a denominator, fewer than its bits;
// `places` is at most the length of `padded`, which is at least `places + 1` long.
#[allow(clippy::arithmetic_side_effects)]
pub fn exact_share(f: &Fraction) -> String {
    let hundred = f * Fraction::from_integer(BigInt::from(100));
    let mut d = hundred.denom().clone();
    let mut digits = 0u32;
    let (two, five, ten) = (BigInt::from(2), BigInt::from(5), BigInt::from(10));
    let mut places = 0u32;
    while d.is_even() {
        d /= &two;
        places += 1;
    }
    while (&d % &five).is_zero() {
        d /= &five;
        digits += 1;
    }
    if d != BigInt::from(1) {
        return format!("{}/{}", f.numer(), f.denom());
    }
    let places = places.max(digits);
    let scaled = hundred * Fraction::from_integer(ten.pow(places));
    let n = scaled.to_integer();
    let sign = if n.is_negative() { "-" } else { "" };
    let digits = n.abs().to_string();
    let places = places as usize;
    let text = if places == 0 {
        digits
    } else {
        let padded = format!("{digits:0>width$}", width = places + 1);
        let (int, frac) = padded.split_at(padded.len() - places);
        format!("{int}.{frac}")
    };
    format!("{sign}{text}%")
}

fn period(r: &RulePower) -> String {
    match (&r.from, &r.until, &r.proposed_by) {
        (_, _, Some(who)) => format!(" (when proposed by {who})"),
        (Some(f), Some(u), None) => format!(" (from {f} until {u})"),
        (Some(f), None, None) => format!(" (from {f})"),
        (None, Some(u), None) => format!(" (until {u})"),
        (None, None, None) => String::new(),
    }
}

fn opt(f: &Option<Fraction>) -> String {
    f.as_ref().map_or("—".to_string(), exact_share)
}

// BOUND: `letters % 26` is below 26, so `b'a' + it` is a letter.
#[allow(clippy::arithmetic_side_effects)]
fn clause_text(c: &Clause, bullet: &str) -> String {
    let mut out = format!("{} {}\n", c.number, c.text);
    let mut letters = 0u8;
    for item in &c.items {
        let label = if item.depth == 1 {
            let l = char::from(b'a' + letters % 26);
            letters = letters.saturating_add(1);
            format!("({l})")
        } else {
            bullet.to_string()
        };
        out.push_str(&format!("{}{label} {}\n", "    ".repeat(item.depth), item.text));
    }
    out
}

fn severity(f: &crate::results::Finding) -> &'static str {
    match f.severity {
        crate::diagnostic::Severity::Error => "Error",
        crate::diagnostic::Severity::Warning => "Warning",
        crate::diagnostic::Severity::Advice => "Advice",
    }
}

/// A finding as a drafting note: its message and its help, each a sentence of its own
/// ("… no veto. With every other member in favour …, lower the threshold.").
fn note_sentences(f: &crate::results::Finding) -> String {
    let sentence = |text: &str| {
        let text = super::words::capitalise(text.trim());
        if text.ends_with(['.', '?', '!']) {
            text
        } else {
            format!("{text}.")
        }
    };
    match &f.help {
        Some(help) => format!("{} {}", sentence(&f.message), sentence(help)),
        None => sentence(&f.message),
    }
}

fn problems(e: &Explanation) -> Option<String> {
    if e.problems.is_empty() && e.messages.is_empty() {
        return None;
    }
    let mut out = String::new();
    for p in &e.problems {
        out.push_str(&format!("error: {}\n", p.message));
    }
    for m in &e.messages {
        out.push_str(&format!("error: {m}\n"));
    }
    Some(out)
}

/// The schedule as plain text.
pub fn explain_text(e: &Explanation) -> String {
    schedule(e, false)
}

/// The schedule as markdown.
pub fn explain_markdown(e: &Explanation) -> String {
    schedule(e, true)
}

fn schedule(e: &Explanation, md: bool) -> String {
    if let Some(p) = problems(e) {
        return p;
    }
    let h = |level: usize, text: &str| {
        if md {
            format!("{} {text}\n\n", "#".repeat(level))
        } else {
            format!("{text}\n{}\n\n", if level == 1 { "=" } else { "-" }.repeat(text.chars().count()))
        }
    };
    let title = e.title.as_deref().unwrap_or("Agreement");
    let mut out = h(1, &format!("Schedule: {title}"));
    out.push_str(&h(2, "1. Definitions"));
    out.push_str("1.1 In this schedule:\n");
    for d in &e.definitions {
        if md {
            out.push_str(&format!("- **“{}”** means {};\n", d.term, d.meaning));
        } else {
            out.push_str(&format!("    “{}” means {};\n", d.term, d.meaning));
        }
    }
    out.push('\n');
    for part in &e.parts {
        out.push_str(&h(2, &format!("{}. {}", part.number, part.heading)));
        for c in &part.clauses {
            let text = clause_text(c, "-");
            if md {
                // A hard line break at the end of each line keeps the paragraphs apart.
                for line in text.lines() {
                    out.push_str(&format!("{}  \n", line.replace("    ", "&nbsp;&nbsp;&nbsp;&nbsp;")));
                }
                out.push('\n');
            } else {
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    out.push_str(&h(2, "Voting power"));
    out.push_str("Each voting member's declared share of the votes beside its normalised Banzhaf index and its Shapley–Shubik index, exactly (a share with no exact percentage is given as a fraction).\n\n");
    for r in &e.power {
        out.push_str(&format!("{}{}:\n\n", r.decision, period(r)));
        if let Some(why) = &r.not_analysed {
            out.push_str(&format!("Not worked out: {why}.\n\n"));
            continue;
        }
        let rows: Vec<[String; 4]> = r
            .members
            .iter()
            .map(|m| {
                [format!("{} ({})", m.name, m.member), exact_share(&m.weight_share), opt(&m.banzhaf), opt(&m.shapley)]
            })
            .collect();
        let head = ["Member", "Declared weight", "Banzhaf", "Shapley–Shubik"].map(String::from);
        out.push_str(&table(&head, &rows, md));
        if !r.not_voting.is_empty() {
            out.push_str(&format!("Not voting: {}.\n", r.not_voting.join(", ")));
        }
        if let Some(q) = &r.attendance_quorum {
            out.push_str(&format!(
                "Worked out with every member at the meeting ({}), so its quorum of at least {} attending, voting or not, is met.\n",
                q.attending, q.needed
            ));
        }
        out.push('\n');
    }
    out.push_str(&h(2, "Drafting notes"));
    if e.notes.is_empty() {
        out.push_str("The checker has no findings on this agreement.\n");
    }
    for n in &e.notes {
        let line = n.finding.labels.first().map(|l| format!(" (line {})", l.line)).unwrap_or_default();
        out.push_str(&format!("{}. {}{line}: {}\n", n.number, severity(&n.finding), note_sentences(&n.finding)));
    }
    out
}

fn table(head: &[String; 4], rows: &[[String; 4]], md: bool) -> String {
    let mut out = String::new();
    if md {
        out.push_str(&format!("| {} |\n|---|---:|---:|---:|\n", head.join(" | ")));
        for r in rows {
            out.push_str(&format!("| {} |\n", r.join(" | ")));
        }
        return out;
    }
    let mut widths = head.clone().map(|h| h.chars().count());
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String; 4]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(c.chars().count()));
            if i == 0 {
                s.push_str(&format!("  {c}{pad}"));
            } else {
                s.push_str(&format!("  {pad}{c}"));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(head));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// The HTML page's style: readable on screen, clean on paper.
pub const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45;color:#111}\
h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}\
.clause{margin:.4em 0}.num{font-weight:bold;margin-right:.5em}ol,ul{margin:.2em 0 .2em 2em}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .5em}td.n{text-align:right}\
svg.chart{max-width:100%;height:auto;display:block;margin:.5em 0}\
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table,svg.chart,.clause{break-inside:avoid}a{color:inherit;text-decoration:none}}";

/// A whole self-contained HTML page around `body`: no script, no font, nothing fetched.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// The schedule as one self-contained HTML page, with a chart per rule of declared weight
/// against real voting power.
// BOUND: `depth` rises only while below an item's depth and falls only while above it or zero.
#[allow(clippy::arithmetic_side_effects)]
pub fn explain_html(e: &Explanation) -> String {
    let title = e.title.as_deref().unwrap_or("Agreement");
    if let Some(p) = problems(e) {
        return page(title, &format!("<pre>{}</pre>\n", escape(&p)));
    }
    let mut b =
        format!("<h1>Schedule: {}</h1>\n<h2>1. Definitions</h2>\n<p>1.1 In this schedule:</p>\n<ul>\n", escape(title));
    for d in &e.definitions {
        b.push_str(&format!("<li><strong>“{}”</strong> means {};</li>\n", escape(&d.term), escape(&d.meaning)));
    }
    b.push_str("</ul>\n");
    for part in &e.parts {
        b.push_str(&format!("<h2>{}. {}</h2>\n", part.number, escape(&part.heading)));
        for c in &part.clauses {
            b.push_str(&format!("<div class=\"clause\"><span class=\"num\">{}</span>{}", c.number, escape(&c.text)));
            let mut depth = 0;
            for item in &c.items {
                while depth < item.depth {
                    b.push_str(if depth == 0 { "<ol type=\"a\">" } else { "<ul>" });
                    depth += 1;
                }
                while depth > item.depth {
                    depth -= 1;
                    b.push_str(if depth == 0 { "</ol>" } else { "</ul>" });
                }
                b.push_str(&format!("<li>{}</li>", escape(&item.text)));
            }
            while depth > 0 {
                depth -= 1;
                b.push_str(if depth == 0 { "</ol>" } else { "</ul>" });
            }
            b.push_str("</div>\n");
        }
    }
    b.push_str("<h2>Voting power</h2>\n");
    for r in &e.power {
        let heading = format!("{}{}", r.decision, period(r));
        b.push_str(&format!("<h3>{}</h3>\n", escape(&heading)));
        if let Some(why) = &r.not_analysed {
            b.push_str(&format!("<p>Not worked out: {}.</p>\n", escape(&why.to_string())));
            continue;
        }
        b.push_str("<table><thead><tr><th>Member</th><th>Declared weight</th><th>Banzhaf</th><th>Shapley–Shubik</th></tr></thead><tbody>\n");
        for m in &r.members {
            b.push_str(&format!(
                "<tr><td>{} ({})</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                escape(&m.name),
                escape(&m.member),
                exact_share(&m.weight_share),
                opt(&m.banzhaf),
                opt(&m.shapley)
            ));
        }
        b.push_str("</tbody></table>\n");
        if let Some(q) = &r.attendance_quorum {
            b.push_str(&format!(
                "<p>Worked out with every member at the meeting ({}), so its quorum of at least {} attending, voting or not, is met.</p>\n",
                q.attending, q.needed
            ));
        }
        let groups: Vec<(String, String)> = r.members.iter().map(|m| (m.member.clone(), m.name.clone())).collect();
        let value = |f: &Option<Fraction>| (f.clone().unwrap_or_else(Fraction::zero), opt(f));
        let series = [
            Series {
                name: "declared weight",
                values: r.members.iter().map(|m| (m.weight_share.clone(), exact_share(&m.weight_share))).collect(),
            },
            Series { name: "Banzhaf", values: r.members.iter().map(|m| value(&m.banzhaf)).collect() },
            Series { name: "Shapley–Shubik", values: r.members.iter().map(|m| value(&m.shapley)).collect() },
        ];
        b.push_str(&grouped_bars(&format!("Declared weight and real power: {heading}"), &groups, &series));
    }
    b.push_str("<h2>Drafting notes</h2>\n");
    if e.notes.is_empty() {
        b.push_str("<p>The checker has no findings on this agreement.</p>\n");
    } else {
        b.push_str("<ol>\n");
        for n in &e.notes {
            b.push_str(&format!("<li>{}: {}</li>\n", severity(&n.finding), escape(&note_sentences(&n.finding))));
        }
        b.push_str("</ol>\n");
    }
    page(title, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i64, d: i64) -> Fraction {
        Fraction::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn shares_are_exact() {
        assert_eq!(exact_share(&f(3, 8)), "37.5%");
        assert_eq!(exact_share(&f(1, 3)), "1/3");
        assert_eq!(exact_share(&f(1, 1)), "100%");
        assert_eq!(exact_share(&f(0, 1)), "0%");
        assert_eq!(exact_share(&f(1, 400)), "0.25%");
        assert_eq!(exact_share(&f(7, 10)), "70%");
    }
}
