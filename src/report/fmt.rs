//! `concord fmt`'s report: the formatted text, the diffs, or one line per file.

use crate::report::{render_all, Colour};
use crate::results::fmt::{FmtReport, Status};

/// The human report. Printing one file gives just its formatted text, so that
/// `concord fmt FILE > OUT` writes the file; everything else is one line per file that needs
/// attention, the diffs, and diagnostics for files that do not read.
pub fn fmt_human(report: &FmtReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    for file in &report.files {
        match file.status {
            Status::Printed => out.push_str(file.formatted.as_deref().unwrap_or("")),
            Status::Canonical => {}
            Status::NotCanonical => match &file.diff {
                Some(diff) => out.push_str(diff),
                None => out.push_str(&format!("✗ {}: not in canonical form\n", file.path)),
            },
            Status::Reformatted => out.push_str(&format!("✓ {}: reformatted\n", file.path)),
            Status::Unreadable if file.diagnostics.is_empty() => {
                out.push_str(&format!("✗ {}\n", file.problem.as_deref().unwrap_or("a file cannot be read")));
            }
            Status::Unreadable => {
                out.push_str(&render_all(&file.diagnostics, &file.path, &file.text, colour, width));
                let why = file.problem.as_deref().unwrap_or("it cannot be read");
                out.push_str(&format!("✗ {}: not formatted, because {why}\n", file.path));
            }
            Status::Unwritable => {
                let why = file.problem.as_deref().unwrap_or("it cannot be written");
                out.push_str(&format!("✗ {}: cannot write: {why}\n", file.path));
            }
        }
    }
    if report.files.is_empty() {
        out.push_str("No Concord files were found to format.\n");
    }
    out
}
