//! What the command line prints: diagnostics as text a lawyer can read aloud, or as JSON.
//!
//! The JSON shape is documented in `docs/json.md` and is stable: fields are only ever added.

pub mod money;
pub mod power;
pub mod test;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NamedSource};
use serde::Serialize;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::span::{line_col, Span};

mod conditions;
pub mod eval;
mod words;
pub use eval::eval_human;

/// The version of the JSON shape; bumped only if a field changes meaning.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// One labelled place in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// What this place has to do with the problem.
    pub message: Option<String>,
    /// Byte offsets.
    pub span: Span,
    /// Line of the first byte, from 1.
    pub line: usize,
    /// Column of the first byte in characters, from 1.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column of the end.
    pub end_column: usize,
}

/// One diagnostic, ready to print or serialise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `concord::parse::unexpected_text`.
    pub code: String,
    /// `error`, `warning` or `advice`.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Every place involved.
    pub labels: Vec<Label>,
    /// For a checker finding about one decision: its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// For a checker finding: the evidence (coalitions, members, amounts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub witness: Option<crate::check::Witness>,
}

/// Builds a finding from any diagnostic over `source`.
pub fn finding(diagnostic: &AnyDiagnostic, source: &str) -> Finding {
    let labels = diagnostic
        .labels()
        .map(|labels| {
            labels
                .map(|l| {
                    let span = Span::new(l.offset(), l.offset() + l.len());
                    let (line, column) = line_col(source, span.start);
                    let (end_line, end_column) = line_col(source, span.end);
                    Label { message: l.label().map(str::to_string), span, line, column, end_line, end_column }
                })
                .collect()
        })
        .unwrap_or_default();
    Finding {
        code: diagnostic.code_string(),
        severity: diagnostic.severity_level(),
        message: diagnostic.to_string(),
        help: diagnostic.help().map(|h| h.to_string()),
        labels,
        decision: diagnostic.decision().map(str::to_string),
        witness: diagnostic.witness().cloned(),
    }
}

/// Whether to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// Colours and styles.
    On,
    /// Plain text.
    Off,
}

/// Renders a diagnostic as miette's graphical report over `source`.
pub fn render(diagnostic: &AnyDiagnostic, name: &str, source: &str, colour: Colour, width: usize) -> String {
    let theme = match colour {
        Colour::On => GraphicalTheme::unicode(),
        Colour::Off => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_links(false);
    let report = miette::Report::new(diagnostic.clone()).with_source_code(NamedSource::new(name, source.to_string()));
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{}: {}", diagnostic.code_string(), diagnostic);
    }
    out
}

/// The human report of `concord check`.
pub fn check_human(report: &crate::commands::check::CheckReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    for file in &report.files {
        if let Some(reason) = &file.unreadable {
            out.push_str(&format!("✗ {}: cannot be read: {}\n", file.path, reason));
            continue;
        }
        if let Some(source) = &file.source {
            // Checker findings come grouped by decision, agreement-wide ones first.
            let mut current: Option<&str> = None;
            for diagnostic in &file.diagnostics {
                if let Some(decision) = diagnostic.decision() {
                    if current != Some(decision) {
                        out.push_str(&format!("── decision “{decision}” ──\n\n"));
                        current = Some(decision);
                    }
                }
                out.push_str(&render(diagnostic, &file.path, &source.text, colour, width));
                out.push('\n');
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
        if errors == 0 && warnings == 0 {
            out.push_str(&format!("✓ {}{}: no problems found\n", file.path, what));
        } else {
            out.push_str(&format!("✗ {}{}: {}\n", file.path, what, counts(errors, warnings)));
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
    format!(
        "{} {}, {} {}",
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings")
    )
}
