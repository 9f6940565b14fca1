//! `concord fmt`: lay files out canonically, keeping every word and comment.
//!
//! The layout itself is [`crate::fmt::layout`]; this module reads the files, refuses the ones
//! that do not read cleanly, and writes, checks or compares them. It returns a [`FmtReport`];
//! `report::fmt` prints it.

use std::path::{Path, PathBuf};

use crate::diagnostic::AnyDiagnostic;
use crate::fmt::FormatError;
use crate::syntax;

/// The report types, built here and rendered by `report/`.
pub use crate::results::fmt::*;

/// What `concord fmt` is asked to do with each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Print the formatted text.
    Print,
    /// Rewrite files not in canonical form.
    Write,
    /// Only say which files are not in canonical form.
    Check,
    /// Show, as a unified diff, what formatting would change.
    Diff,
}

/// How `concord fmt` runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub mode: Mode,
    /// The width lines are kept within.
    pub width: usize,
}

/// Formats one text. A text with syntax errors is not formatted: its errors are returned, so
/// nothing the reader could not understand is ever dropped.
pub fn format_source(text: &str) -> Result<String, Vec<AnyDiagnostic>> {
    format_width(text, crate::fmt::DEFAULT_WIDTH)
}

/// [`format_source`] at a given width.
pub fn format_width(text: &str, width: usize) -> Result<String, Vec<AnyDiagnostic>> {
    let parsed = syntax::parse(text);
    if !parsed.errors.is_empty() {
        return Err(parsed.errors.into_iter().map(Into::into).collect());
    }
    match crate::fmt::layout(text, width) {
        Ok(formatted) => Ok(formatted),
        // Never write a file that does not read: a clause near the reader's limit can grow
        // past it when laid out (indentation, line breaks).
        Err(FormatError::ClauseTooLong { size, limit }) => {
            let (start, line) = longest_line(text);
            let at = miette::SourceSpan::from(start..start.saturating_add(line.len()));
            Err(vec![crate::fmt::FormatDiagnostic::ClauseTooLong { size, limit, at }.into()])
        }
        Err(FormatError::ChangesMeaning) => {
            let at = miette::SourceSpan::from(0..text.len().min(1));
            Err(vec![crate::fmt::FormatDiagnostic::ChangesMeaning { at }.into()])
        }
    }
}

/// Runs `concord fmt` on files and folders (folders are searched for Concord files).
pub fn fmt(paths: &[PathBuf], options: Options) -> FmtReport {
    let files = super::check::collect_files(paths);
    FmtReport { files: files.iter().map(|path| fmt_file(path, options)).collect() }
}

fn fmt_file(path: &Path, options: Options) -> FileFmt {
    let mut file = FileFmt {
        path: path.display().to_string(),
        status: Status::Canonical,
        formatted: None,
        diff: None,
        problem: None,
        diagnostics: Vec::new(),
        text: String::new(),
    };
    // Read once: a pipe gives its text only once, and the bytes as they are on disk are what
    // is or is not canonical (a byte-order mark or CR line endings are not).
    let read = crate::load::read_bytes(path).and_then(|bytes| {
        let on_disk = String::from_utf8(bytes.clone()).ok();
        crate::load::source_from_bytes(path.display().to_string(), bytes).map(|source| (source, on_disk))
    });
    let (source, on_disk) = match read {
        Ok(read) => read,
        Err(failure) => {
            file.status = Status::Unreadable;
            file.problem = Some(failure.to_string());
            return file;
        }
    };
    file.path = source.name.clone();
    let formatted = match format_width(&source.text, options.width) {
        Ok(formatted) => formatted,
        Err(diagnostics) => {
            file.status = Status::Unreadable;
            file.problem = Some("it cannot be read as it stands".to_string());
            file.diagnostics = diagnostics;
            file.text = source.text;
            return file;
        }
    };
    let on_disk = on_disk.unwrap_or_else(|| source.text.clone());
    let canonical = formatted == on_disk;
    match options.mode {
        Mode::Print => {
            file.status = Status::Printed;
            file.formatted = Some(formatted);
        }
        Mode::Check => {
            if !canonical {
                file.status = Status::NotCanonical;
            }
        }
        Mode::Diff => {
            if !canonical {
                file.status = Status::NotCanonical;
                file.diff = Some(unified_diff(&file.path, &on_disk, &formatted));
            }
        }
        Mode::Write => {
            if !canonical {
                match std::fs::write(path, &formatted) {
                    Ok(()) => file.status = Status::Reformatted,
                    Err(error) => {
                        file.status = Status::Unwritable;
                        file.problem = Some(crate::load::plain_io(&error));
                    }
                }
            }
        }
    }
    file
}

/// What formatting changes, as a unified diff with three lines of context.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}

/// The byte offset and text of the longest line.
fn longest_line(text: &str) -> (usize, &str) {
    let mut best = (0, "");
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        if line.len() > best.1.len() {
            best = (offset, line.trim_end_matches(['\n', '\r']));
        }
        offset = offset.saturating_add(line.len());
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_words_stay_where_they_were() {
        let text = "# The network\nagreement \"T\"   # title\n  currency GBP\n\n  # the members\nmember x \"X\"\n  budget £1000000  # contract value\n";
        let formatted = format_source(text).unwrap_or_default();
        assert_eq!(formatted, text);
    }

    #[test]
    fn syntax_errors_are_not_formatted() {
        assert!(format_source("agreement \"T\"\n  curency GBP\n").is_err());
    }

    #[test]
    fn the_diff_shows_what_would_change() {
        let diff =
            unified_diff("a.concord", "agreement \"T\"\n    currency GBP\n", "agreement \"T\"\n  currency GBP\n");
        assert!(diff.contains("-    currency GBP\n+  currency GBP\n"), "{diff}");
    }
}
