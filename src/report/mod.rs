//! What the command line prints: diagnostics as text a lawyer can read aloud, or as JSON.
//!
//! The JSON shape is documented in `docs/json.md` and is stable: fields are only ever added.

pub mod changes;
pub mod decision_words;
pub mod diff;
pub mod elections;
pub mod explain;
pub mod fmt;
pub mod fractions;
pub mod kinds_words;
pub mod money;
pub mod power;
mod procedure;
mod sensitivity;
pub mod terms;
pub mod test;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::results::check::{CheckReport, IntendedReport};
pub use crate::results::{finding, finding_indexed, findings, Finding, Label, JSON_SCHEMA_VERSION};

mod blocs;
mod conditions;
pub mod eval;
pub mod eval_html;
mod funds;
pub mod instalments;
mod matters;
mod meetings;
mod money_json;
pub mod money_words;
mod offices;
mod outside;
mod power_words;
pub mod render;
mod rounding;
pub mod schedule;
mod stand_ins;
mod standing;
mod steps;
pub mod style;
pub mod svg;
mod table;
pub mod whynot;
pub use render::Renderer;
pub mod words;
mod years;
pub use eval::eval_human;

/// Whether to colour human output, and how plainly to draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// Colours and styles.
    On,
    /// No colour; diagnostics still drawn over the source with box-drawing characters.
    Off,
    /// Plain text for screen readers and simple terminals: no colour, no box drawing, no
    /// symbols, and each diagnostic told in sentences (miette's narrated form).
    Plain,
}

/// The last step of a human report on its way to a terminal: in [`Colour::Plain`], the
/// symbols and typographic marks a screen reader reads badly (or a simple terminal cannot
/// draw) become plain words and ASCII. Other modes leave the text as it is.
pub fn for_terminal(text: String, colour: Colour) -> String {
    if colour != Colour::Plain {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '✓' => out.push_str("ok:"),
            '✗' => out.push_str("problem:"),
            '…' => out.push_str("..."),
            '—' | '–' | '─' | '━' => out.push('-'),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            '│' | '┃' | '╭' | '╮' | '╰' | '╯' | '┬' | '┴' | '├' | '┤' | '┼' | '┈' => {
                out.push('|')
            }
            '·' | '•' => out.push('-'),
            '×' => out.push('x'),
            '▲' => out.push('^'),
            '→' => out.push_str("->"),
            '≥' => out.push_str(">="),
            '≤' => out.push_str("<="),
            _ => out.push(c),
        }
    }
    out
}

/// Renders a diagnostic as miette's graphical report over `source`. For many diagnostics of one
/// file, use [`render_all`] or a [`Renderer`], which index the file once.
pub fn render(diagnostic: &AnyDiagnostic, name: &str, source: &str, colour: Colour, width: usize) -> String {
    Renderer::new(name, source, colour, width).render(diagnostic)
}

/// How many diagnostics of one file the human reports draw; the rest are counted, as rustc
/// does ("… and 1,234 more"), and all of them are in the JSON report.
pub const MAX_SHOWN: usize = 50;

/// The line that stands for the diagnostics not drawn, or nothing when all were.
pub fn more_line(n_total: usize) -> Option<String> {
    let n_more = n_total.checked_sub(MAX_SHOWN).filter(|n| *n > 0)?;
    Some(format!(
        "… and {} more {} in this file, not shown (`--format json` lists every one)\n",
        words::num(rust_decimal::Decimal::from(n_more)),
        plural(n_more, "finding", "findings")
    ))
}

/// Renders the first [`MAX_SHOWN`] diagnostics of one file, each followed by a blank line, and
/// a line counting the rest.
pub fn render_all<'a>(
    diagnostics: impl IntoIterator<Item = &'a AnyDiagnostic>,
    name: &str,
    source: &str,
    colour: Colour,
    width: usize,
) -> String {
    let renderer = Renderer::new(name, source, colour, width);
    let mut out = String::new();
    let mut n_total = 0usize;
    for diagnostic in diagnostics {
        n_total = n_total.saturating_add(1);
        if n_total <= MAX_SHOWN {
            out.push_str(&renderer.render(diagnostic));
            out.push('\n');
        }
    }
    if let Some(line) = more_line(n_total) {
        out.push_str(&line);
    }
    out
}

/// Renders diagnostics each paired with its file, as [`render_all`] does for each run of
/// diagnostics from one file: each file is indexed once and shows at most [`MAX_SHOWN`].
pub fn render_each<'a>(
    items: impl IntoIterator<Item = (&'a AnyDiagnostic, &'a crate::load::Source)>,
    colour: Colour,
    width: usize,
    separator: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<(&crate::load::Source, Renderer<'a>, usize)> = None;
    for (diagnostic, source) in items {
        let same = current.as_ref().is_some_and(|(s, _, _)| std::ptr::eq(*s, source));
        if !same {
            if let Some(line) = current.take().and_then(|(_, _, n)| more_line(n)) {
                out.push(line);
            }
            current = Some((source, Renderer::new(&source.name, &source.text, colour, width), 0));
        }
        if let Some((_, renderer, n)) = current.as_mut() {
            *n = n.saturating_add(1);
            if *n <= MAX_SHOWN {
                out.push(format!("{}{separator}", renderer.render(diagnostic)));
            }
        }
    }
    if let Some(line) = current.and_then(|(_, _, n)| more_line(n)) {
        out.push(line);
    }
    out
}

/// The human report of `concord check`.
/// The intended findings' short names, each once, in order: "dummy ×2, gridlock".
fn intended_names(intended: &[IntendedReport]) -> String {
    let mut names: Vec<(&str, usize)> = Vec::new();
    for i in intended {
        let name = i.finding.code.rsplit("::").next().unwrap_or(&i.finding.code);
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count = count.saturating_add(1),
            None => names.push((name, 1)),
        }
    }
    names
        .iter()
        .map(|(n, c)| if *c == 1 { (*n).to_string() } else { format!("{n} ×{c}") })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn check_human(report: &CheckReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    for file in &report.files {
        if let Some(reason) = &file.unreadable {
            out.push_str(&format!("✗ {}: cannot be read: {}\n", file.path, reason));
            continue;
        }
        if let Some(source) = &file.source {
            // Checker findings come grouped by decision, agreement-wide ones first.
            let renderer = Renderer::new(&file.path, &source.text, colour, width);
            let mut current: Option<&str> = None;
            for diagnostic in file.diagnostics.iter().take(MAX_SHOWN) {
                if let Some(decision) = diagnostic.decision() {
                    if current != Some(decision) {
                        out.push_str(&format!("── decision “{decision}” ──\n\n"));
                        current = Some(decision);
                    }
                }
                out.push_str(&renderer.render(diagnostic));
                out.push('\n');
            }
            if let Some(line) = more_line(file.diagnostics.len()) {
                out.push_str(&line);
            }
        }
        let errors = file.findings.iter().filter(|f| f.severity == Severity::Error).count();
        let warnings = file.findings.iter().filter(|f| f.severity == Severity::Warning).count();
        let what = match (&file.summary, file.kind) {
            (Some(s), _) => format!(
                "“{}”, {} {}, {} {}",
                s.title,
                s.members,
                plural(s.members, "member", "members"),
                s.decisions,
                plural(s.decisions, "decision", "decisions")
            ),
            (None, Some(crate::model::FileKind::Scenarios)) => "scenario file".to_string(),
            (None, Some(crate::model::FileKind::Inputs)) => "proposals and results".to_string(),
            _ => String::new(),
        };
        let what = if what.is_empty() { String::new() } else { format!(" ({what})") };
        let intended = match file.intended.len() {
            0 => String::new(),
            n => format!(
                " ({} {} as the agreement intends: {})",
                words::num(rust_decimal::Decimal::from(n)),
                plural(n, "finding", "findings"),
                intended_names(&file.intended)
            ),
        };
        if errors == 0 && warnings == 0 {
            out.push_str(&format!("✓ {}{}: no problems found{intended}\n", file.path, what));
        } else {
            out.push_str(&format!("✗ {}{}: {}{intended}\n", file.path, what, counts(errors, warnings)));
        }
    }
    if report.files.len() > 1 {
        let with_problems = report.files.iter().filter(|f| !f.findings.is_empty() || f.unreadable.is_some()).count();
        out.push_str(&format!(
            "\nChecked {} files: {} with problems ({}).\n",
            report.files.len(),
            with_problems,
            counts(report.errors, report.warnings)
        ));
    }
    if report.files.is_empty() {
        out.push_str("No Concord files were found to check.\n");
    }
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn counts(errors: usize, warnings: usize) -> String {
    let grouped = |n: usize| words::num(rust_decimal::Decimal::from(n));
    format!(
        "{} {}, {} {}",
        grouped(errors),
        plural(errors, "error", "errors"),
        grouped(warnings),
        plural(warnings, "warning", "warnings")
    )
}
