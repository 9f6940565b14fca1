//! The results of each command, as plain data: what `commands/` builds and `report/` turns into
//! text, tables, colour and JSON. A room below both, so neither imports the other.
//!
//! In: the engines' working and the diagnostics found. Out: serialisable reports, one type per
//! command, whose JSON shape `docs/reference.md` documents. Nothing here formats for a reader.

pub mod check;
pub mod diff;
pub mod elections;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod power;
pub mod terms;
pub mod test;
pub mod year_end;

use miette::Diagnostic;
use serde::Serialize;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::span::{LineIndex, Span};

/// The version of the JSON shape, written at the top of every report as `schema` and
/// `schema_minor`: the major number changes only if a field changes meaning (so a reader that
/// checks `schema == 1` keeps working), the minor each time fields are added.
pub const JSON_SCHEMA_VERSION: SchemaVersion = SchemaVersion { schema: 1, schema_minor: 5 };

/// A version of the JSON shape; see [`JSON_SCHEMA_VERSION`] and docs/json.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SchemaVersion {
    /// The major version: a field changed meaning.
    pub schema: u32,
    /// The minor version: fields were added. 1 added `needs_proposal` (power), `filter` and
    /// `min_coverage` (test), `reconvened` (a quorum's working) and `funds` (year-end).
    /// 2 added `pennies` (the rounding of a year-end step, and of a fund line).
    pub schema_minor: u32,
}

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

/// Builds a finding from any diagnostic over `source`. For many diagnostics of one file, use
/// [`findings`], which indexes the file's lines once.
pub fn finding(diagnostic: &AnyDiagnostic, source: &str) -> Finding {
    finding_indexed(diagnostic, source, &LineIndex::new(source))
}

/// Builds the findings of many diagnostics over one `source`, in time linear in their number.
pub fn findings<'a>(diagnostics: impl IntoIterator<Item = &'a AnyDiagnostic>, source: &str) -> Vec<Finding> {
    let index = LineIndex::new(source);
    diagnostics.into_iter().map(|d| finding_indexed(d, source, &index)).collect()
}

/// Builds a finding over `source`, whose lines `index` has already indexed.
pub fn finding_indexed(diagnostic: &AnyDiagnostic, source: &str, index: &LineIndex) -> Finding {
    let labels = diagnostic
        .labels()
        .map(|labels| {
            labels
                .map(|l| {
                    let span = Span::new(l.offset(), l.offset().saturating_add(l.len()));
                    let (line, column) = index.line_col(source, span.start);
                    let (end_line, end_column) = index.line_col(source, span.end);
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
