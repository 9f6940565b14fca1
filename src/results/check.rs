//! What `concord check` found: per file, its findings, the findings the agreement intends, and
//! a one-line summary of the agreement.

use serde::Serialize;

use super::Finding;
use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::load::Source;
use crate::model::FileKind;

/// The report of checking one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileCheck {
    /// The path as given (or found in a folder).
    pub path: String,
    /// What the file holds; `null` when it could not be read.
    pub kind: Option<FileKind>,
    /// For an agreement: its title, members and decisions.
    pub summary: Option<AgreementSummary>,
    /// Every problem found.
    pub findings: Vec<Finding>,
    /// Findings the agreement marks as intended (`expect … because "…"`), with the reason.
    /// They are not problems and count neither as errors nor as warnings.
    pub intended: Vec<IntendedReport>,
    /// The text checked, for rendering.
    #[serde(skip)]
    pub source: Option<Source>,
    /// The diagnostics behind `findings`, for rendering.
    #[serde(skip)]
    pub diagnostics: Vec<AnyDiagnostic>,
    /// A file that could not be read at all.
    pub unreadable: Option<String>,
}

/// A finding the agreement intends.
#[derive(Debug, Clone, Serialize)]
pub struct IntendedReport {
    /// The finding, as any other.
    #[serde(flatten)]
    pub finding: Finding,
    /// The reason the `expect` clause gives.
    pub because: String,
}

/// A one-line picture of an agreement that reads cleanly.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementSummary {
    /// Its title.
    pub title: String,
    /// How many members.
    pub members: usize,
    /// How many kinds of decision.
    pub decisions: usize,
}

/// The report of `concord check`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// One entry per file, in the order given.
    pub files: Vec<FileCheck>,
    /// Errors across all files.
    pub errors: usize,
    /// Warnings across all files.
    pub warnings: usize,
}

/// Which findings besides errors make `concord check` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deny {
    /// Only errors fail.
    Errors,
    /// Warnings fail too (`--deny warnings`).
    Warnings,
}

impl CheckReport {
    /// The exit code: 2 when no file was found, or any file could not be read or has errors
    /// in its text or names, 1 when the checker's analyses found errors (or warnings, with
    /// `Deny::Warnings`), 0 otherwise.
    pub fn exit_code(&self, deny: Deny) -> u8 {
        if self.files.is_empty() {
            return 2;
        }
        let input_error = self.files.iter().any(|f| {
            f.unreadable.is_some()
                || f.findings.iter().any(|d| {
                    d.severity == Severity::Error
                        && (d.code.starts_with("concord::parse::") || d.code.starts_with("concord::model::"))
                })
        });
        if input_error {
            2
        } else if self.errors > 0 || (deny == Deny::Warnings && self.warnings > 0) {
            1
        } else {
            0
        }
    }
}
