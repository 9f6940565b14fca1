//! The report of `concord diff`, as text for the terminal or as Markdown for minutes and
//! pull requests. Both are written from one list of sections; only the headings, the tables
//! and the emphasis differ.

use rust_decimal::Decimal;

use super::fractions::percent;
use super::words::{date_words, list};
use super::Colour;
use crate::diff::{AgreementDiff, CoalitionChange, MemberChange, NotCompared, Period};
use crate::exact::Fraction;
use crate::model::FigureUnit;
use crate::results::diff::{DiffReport, MoneyComparison, PowerChange};

/// How the report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Text for a terminal.
    Text,
    /// Markdown.
    Markdown,
}

/// The report as text.
pub fn diff_human(report: &DiffReport, colour: Colour, width: usize) -> String {
    write(report, Layout::Text, colour, width)
}

/// The report as Markdown.
pub fn diff_markdown(report: &DiffReport) -> String {
    write(report, Layout::Markdown, Colour::Off, 100)
}

fn write(report: &DiffReport, layout: Layout, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    if !report.problems.is_empty() {
        for file in &report.problems {
            if let Some(reason) = &file.unreadable {
                out.push_str(&format!("✗ {}: cannot be read: {}\n", file.path, reason));
            } else if let Some(source) = &file.source {
                out.push_str(&super::render_all(&file.diagnostics, &file.path, &source.text, colour, width));
            }
        }
        out.push_str("Nothing was compared: fix the problems above and run `concord diff` again.\n");
        return out;
    }
    let title = |t: &Option<String>, path: &str| match t {
        Some(t) => format!("“{t}” ({path})"),
        None => path.to_string(),
    };
    let w = Writer { layout };
    w.heading(
        &mut out,
        1,
        &format!("{} compared with {}", title(&report.old_title, &report.old), title(&report.new_title, &report.new)),
    );
    if let Some(changes) = &report.changes {
        members(&w, &mut out, changes);
        decisions(&w, &mut out, changes);
    }
    power(&w, &mut out, &report.power);
    money(&w, &mut out, &report.money);
    if report.scenarios_compared > 0 || !report.scenarios.is_empty() {
        w.heading(&mut out, 2, "Scenarios");
        if report.scenarios.is_empty() {
            out.push_str(&format!(
                "Each of the {} scenarios has the same outcome under both versions.\n",
                report.scenarios_compared
            ));
        } else {
            out.push_str(&format!(
                "{} of the {} scenarios change outcome:\n",
                report.scenarios.len(),
                report.scenarios_compared
            ));
            for s in &report.scenarios {
                let words = |o: Option<crate::eval::OutcomeKind>| o.map_or("not evaluated", |k| k.words());
                w.bullet(&mut out, &format!("“{}”: {} before, {} now", s.scenario, words(s.old), words(s.new)));
            }
        }
    }
    w.heading(&mut out, 2, "In short");
    out.push_str(if report.same_meaning() {
        "The two versions mean the same: every coalition, every figure and every result comes out alike.\n"
    } else {
        "The new version means something different (see above).\n"
    });
    out
}

/// Ends `out` with a blank line, unless it is empty or already does.
fn blank(out: &mut String) {
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
}

/// Headings, bullets and tables in the chosen layout.
struct Writer {
    layout: Layout,
}

impl Writer {
    fn heading(&self, out: &mut String, level: usize, text: &str) {
        blank(out);
        match self.layout {
            Layout::Markdown => out.push_str(&format!("{} {text}\n\n", "#".repeat(level))),
            Layout::Text => out.push_str(&format!("{text}\n")),
        }
    }

    fn bullet(&self, out: &mut String, text: &str) {
        match self.layout {
            Layout::Markdown => out.push_str(&format!("- {text}\n")),
            Layout::Text => out.push_str(&format!("  - {text}\n")),
        }
    }

    fn table(&self, out: &mut String, header: &[&str], rows: &[Vec<String>], right: &[bool]) {
        match self.layout {
            Layout::Markdown => {
                blank(out);
                out.push_str(&format!("| {} |\n", header.join(" | ")));
                let rule: Vec<&str> = right.iter().map(|r| if *r { "---:" } else { "---" }).collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
                for row in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        row.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | ")
                    ));
                }
            }
            Layout::Text => {
                use super::table::Align;
                let mut all: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
                all.extend(rows.iter().cloned());
                let align: Vec<Align> = right.iter().map(|r| if *r { Align::Right } else { Align::Left }).collect();
                out.push_str(&super::table::columns(&all, &align, 4, 3));
            }
        }
    }
}

fn members(w: &Writer, out: &mut String, d: &AgreementDiff) {
    w.heading(out, 2, "Members");
    if d.members_added.is_empty() && d.members_removed.is_empty() && d.members_changed.is_empty() {
        out.push_str("No member was added, removed or changed.\n");
        return;
    }
    let who = |m: &crate::diff::MemberRef| format!("{} ({})", m.name, m.member);
    if !d.members_added.is_empty() {
        out.push_str(&format!("Added: {}.\n", list(&d.members_added.iter().map(who).collect::<Vec<_>>())));
    }
    if !d.members_removed.is_empty() {
        out.push_str(&format!("Removed: {}.\n", list(&d.members_removed.iter().map(who).collect::<Vec<_>>())));
    }
    for m in &d.members_changed {
        w.bullet(out, &format!("{} ({}): {}", m.name, m.member, member_words(m, &d.currency)));
    }
}

fn member_words(m: &MemberChange, currency: &crate::model::Currency) -> String {
    let figure = |v: Option<Decimal>| v.map_or("none".to_string(), super::words::num);
    let value = |v: Option<Decimal>, unit: FigureUnit| match (v, unit) {
        (None, _) => "none".to_string(),
        (Some(v), FigureUnit::Money) => crate::money::format_money(v, currency),
        (Some(v), FigureUnit::Percent) => format!("{}%", super::words::num(v)),
        (Some(v), FigureUnit::Number) => super::words::num(v),
    };
    let mut parts: Vec<String> = m
        .figures
        .iter()
        .map(|f| format!("{} {} → {}", f.figure.words(), value(f.old, f.unit), value(f.new, f.unit)))
        .collect();
    if let Some((old, new)) = m.votes {
        parts.push(format!("votes {} → {}", figure(old), figure(new)));
    }
    for r in &m.roles_gained {
        parts.push(format!("now {}", r.words()));
    }
    for r in &m.roles_lost {
        parts.push(format!("no longer {}", r.words()));
    }
    for k in &m.kinds_joined {
        parts.push(format!("now of kind {k}"));
    }
    for k in &m.kinds_left {
        parts.push(format!("no longer of kind {k}"));
    }
    parts.join("; ")
}

fn decisions(w: &Writer, out: &mut String, d: &AgreementDiff) {
    w.heading(out, 2, "Decisions");
    if !d.decisions_added.is_empty() {
        let names: Vec<String> = d.decisions_added.iter().map(|n| format!("“{n}”")).collect();
        out.push_str(&format!("Added: {}.\n", list(&names)));
    }
    if !d.decisions_removed.is_empty() {
        let names: Vec<String> = d.decisions_removed.iter().map(|n| format!("“{n}”")).collect();
        out.push_str(&format!("Removed: {}.\n", list(&names)));
    }
    for decision in &d.decisions {
        for period in &decision.periods {
            let when = period.from.map(|f| format!(", from {}", date_words(f))).unwrap_or_default();
            w.bullet(out, &format!("“{}”{when}: {}", decision.decision, period_words(period)));
        }
        if let Some(change) = &decision.quorum {
            w.bullet(out, &format!("“{}”: {}", decision.decision, quorum_words(change)));
        }
        if let Some(change) = &decision.attendance_quorum {
            w.bullet(out, &format!("“{}”: {}", decision.decision, attendance_words(change)));
        }
    }
    for e in &d.elections {
        let what = match e.change {
            "added" => "added",
            "removed" => "removed",
            _ => "changed: who stands, who votes, what a vote weighs or how a tie is decided",
        };
        w.bullet(out, &format!("election “{}”: {what}", e.election));
    }
}

/// A changed quorum, said beside the coalitions (which are compared with every member present).
fn quorum_words(c: &crate::diff::QuorumChange) -> String {
    let which = match (c.ordinary, c.reconvened) {
        (true, true) => "its quorum changed",
        (true, false) => "its quorum at an ordinary meeting changed (at a reconvened meeting it reads the same)",
        _ => "its quorum at a meeting reconvened for want of a quorum changed",
    };
    format!(
        "{which}. Which votes carry it is compared at a meeting every member attends; at a meeting fewer attend, one version may be quorate where the other is not."
    )
}

/// A changed quorum of those attending, said beside the coalitions (which assume everyone there).
fn attendance_words(c: &crate::diff::AttendanceQuorumChange) -> String {
    let quorum = |n: Option<u32>| match n {
        Some(n) => format!("at least {n} {} attending, voting or not", if n == 1 { "member" } else { "members" }),
        None => "no quorum of those attending".to_string(),
    };
    format!(
        "its quorum of those attending changed: {} before, {} now. Which votes carry it is compared at a meeting every member attends; at a meeting fewer attend, one version may be quorate where the other is not.",
        quorum(c.old),
        quorum(c.new)
    )
}

fn period_words(p: &Period) -> String {
    let c = &p.comparison;
    let of = |n: u64| {
        format!("{n} of the {} ways the members can vote", 1u64.checked_shl(c.members as u32).unwrap_or(u64::MAX))
    };
    let witness = c.witness.as_ref().map(|w| {
        let who = if w.in_favour.is_empty() { "nobody".to_string() } else { list(&w.in_favour) };
        let (now, then) = if w.passes_new { ("passes", "failed") } else { ("fails", "passed") };
        format!(" For example, with {who} in favour and the others against, it now {now}; before, it {then}.")
    });
    let witness = witness.unwrap_or_default();
    match c.change {
        CoalitionChange::Same if c.not_compared == Some(NotCompared::DecidedOutside) => {
            "the same body outside the meeting takes it in both versions, and no member votes on it.".to_string()
        }
        CoalitionChange::Same => "the same votes carry it as before.".to_string(),
        CoalitionChange::Grew => format!(
            "it is easier to carry: every vote that carried it still does, and more do ({} now, {} before).{witness}",
            of(c.passing_new),
            c.passing_old
        ),
        CoalitionChange::Shrank => format!(
            "it is harder to carry: every vote that carries it now carried it before, and fewer do ({} now, {} before).{witness}",
            of(c.passing_new),
            c.passing_old
        ),
        CoalitionChange::Changed => format!(
            "some votes that carried it no longer do, and some that did not now do ({} now, {} before).{witness}",
            of(c.passing_new),
            c.passing_old
        ),
        CoalitionChange::NotCompared => match c.not_compared {
            Some(NotCompared::NoOldRule) => "the old version has no rule in force then; the new one has.".to_string(),
            Some(NotCompared::NoNewRule) => "the new version has no rule in force then; the old one had.".to_string(),
            Some(NotCompared::WeightsUnknown) => {
                "not compared: the votes weigh by the budget committed to each proposal, unknown without one.".to_string()
            }
            Some(NotCompared::Overflow) => "not compared: the votes are too large to weigh exactly.".to_string(),
            Some(NotCompared::CastingHolderUnknown) => "not compared: the casting vote is held by whoever presides, or holds an office, at the meeting, so which ways of voting carry it depends on the meeting.".to_string(),
            Some(NotCompared::DecidedOutside) => {
                "not compared: a body outside the meeting takes it (`decided by \"…\"`) in one version, and the other has the meeting vote on it or names another body.".to_string()
            }
            Some(NotCompared::ByProposer) => {
                "not compared: the rule depends on who proposed (`when proposed by …`), and the rules for each proposer are not compared one by one.".to_string()
            }
            Some(NotCompared::TooManyMembers) | None => format!(
                "not compared: {} members may vote, more than the {} whose every way of voting is compared.",
                c.members,
                crate::diff::MAX_PLAYERS
            ),
        },
    }
}

fn power(w: &Writer, out: &mut String, changes: &[PowerChange]) {
    if changes.is_empty() {
        return;
    }
    w.heading(out, 2, "Real voting power");
    out.push_str("Banzhaf and Shapley–Shubik indices, worked out exactly and shown to two places; only members whose power changed.\n");
    for change in changes {
        let when = change.from.map(|f| format!(", from {}", date_words(f))).unwrap_or_default();
        blank(out);
        out.push_str(&format!("“{}”{when}:\n", change.decision));
        let p = |f: &Option<Fraction>| f.as_ref().map_or("–".to_string(), |f| percent(f, 2));
        let signed = |f: &Option<Fraction>| {
            f.as_ref().map_or("–".to_string(), |f| {
                let text = percent(f, 2);
                match text.strip_prefix('-') {
                    Some(rest) => format!("−{rest}"),
                    None if num_traits::Signed::is_positive(f) => format!("+{text}"),
                    None => text,
                }
            })
        };
        for (index, pick) in [("Banzhaf index", 0usize), ("Shapley–Shubik index", 1usize)] {
            if pick == 1 && w.layout == Layout::Text {
                out.push('\n');
            }
            let rows: Vec<Vec<String>> = change
                .members
                .iter()
                .map(|m| {
                    let (old, new, delta) = if pick == 0 {
                        (&m.banzhaf_old, &m.banzhaf_new, &m.banzhaf_change)
                    } else {
                        (&m.shapley_old, &m.shapley_new, &m.shapley_change)
                    };
                    vec![format!("{} ({})", m.name, m.member), p(old), p(new), signed(delta)]
                })
                .collect();
            w.table(out, &[index, "Before", "Now", "Change"], &rows, &[false, true, true, true]);
        }
    }
}

fn money(w: &Writer, out: &mut String, comparisons: &[MoneyComparison]) {
    if comparisons.is_empty() {
        return;
    }
    w.heading(out, 2, "Money");
    if comparisons.iter().any(|c| c.sample) {
        out.push_str(
            "Two sample year-end results worked out under both versions (give your own with `--result FILE`).\n",
        );
    }
    for c in comparisons {
        blank(out);
        out.push_str(&format!("“{}”: ", c.title));
        if let (None, None) = (&c.problem_old, &c.problem_new) {
            if !c.differs() {
                out.push_str("every member's share is the same.\n");
                continue;
            }
        }
        match (&c.problem_old, &c.problem_new) {
            (Some(a), Some(b)) => {
                out.push_str(&format!("neither version can work it out (`{a}`, `{b}`).\n"));
                continue;
            }
            (Some(a), None) => {
                out.push_str(&format!("the old version cannot work it out (`{a}`); the new one gives:\n"))
            }
            (None, Some(b)) => {
                out.push_str(&format!("the new version cannot work it out (`{b}`); the old one gave:\n"))
            }
            (None, None) => out.push_str("the shares change:\n"),
        }
        let money =
            |v: Option<Decimal>| v.map_or("–".to_string(), |v| crate::money::format_money(v, &c.currency_format));
        let mut rows: Vec<Vec<String>> = c
            .members
            .iter()
            .filter(|r| r.old != r.new)
            .map(|r| {
                let change = match (r.old, r.new) {
                    (Some(a), Some(b)) => b.checked_sub(a).map_or("–".to_string(), |d| signed_money(d, c)),
                    _ => "–".to_string(),
                };
                vec![format!("{} ({})", r.name, r.member), money(r.old), money(r.new), change]
            })
            .collect();
        if c.unallocated_old != c.unallocated_new {
            rows.push(vec![
                "unallocated".to_string(),
                money(c.unallocated_old),
                money(c.unallocated_new),
                String::new(),
            ]);
        }
        w.table(out, &["Member", "Before", "Now", "Change"], &rows, &[false, true, true, true]);
    }
}

fn signed_money(d: Decimal, c: &MoneyComparison) -> String {
    let text = crate::money::format_money(d, &c.currency_format);
    if d > Decimal::ZERO {
        format!("+{text}")
    } else {
        text
    }
}
