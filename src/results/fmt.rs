//! What `concord fmt` did with each file.

use serde::Serialize;

use crate::diagnostic::AnyDiagnostic;

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Already in canonical form.
    Canonical,
    /// Not in canonical form (and, with `--write`, not rewritten because of `--check`/`--diff`).
    NotCanonical,
    /// Rewritten in place.
    Reformatted,
    /// Printed (plain `concord fmt FILE`).
    Printed,
    /// Could not be read, or does not read as Concord: left as it is.
    Unreadable,
    /// Formatted, but the file could not be written.
    Unwritable,
}

/// One file's outcome.
#[derive(Debug, Serialize)]
pub struct FileFmt {
    /// The file as named.
    pub path: String,
    pub status: Status,
    /// The formatted text (printed, or what would be written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// A unified diff from the file to its formatted text, with `--diff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
    /// Why the file could not be read or written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The diagnostics of a file that does not read, with its text for showing them.
    #[serde(skip)]
    pub diagnostics: Vec<AnyDiagnostic>,
    #[serde(skip)]
    pub text: String,
}

/// Every file's outcome, in the order found.
#[derive(Debug, Serialize)]
pub struct FmtReport {
    pub files: Vec<FileFmt>,
}

impl FmtReport {
    /// 0 when nothing needed changing (or everything was written), 1 when `--check` or
    /// `--diff` found a file not in canonical form, 2 when a file could not be read or written.
    pub fn exit_code(&self) -> u8 {
        // Nothing found to format is a usage error, as it is for `check` and `test`.
        if self.files.is_empty() {
            return 2;
        }
        let mut code = 0;
        for file in &self.files {
            code = code.max(match file.status {
                Status::Unreadable | Status::Unwritable => 2,
                Status::NotCanonical => 1,
                _ => 0,
            });
        }
        code
    }
}
