//! `concord fmt`: rewrite a file in canonical form, keeping its comments.

use crate::diagnostic::AnyDiagnostic;
use crate::syntax::{self, SyntaxError};

/// Formats one text. A text with syntax errors is not formatted: its errors are returned, so
/// nothing the reader could not understand is ever dropped.
pub fn format_source(text: &str) -> Result<String, Vec<AnyDiagnostic>> {
    let parsed = syntax::parse(text);
    if !parsed.errors.is_empty() {
        return Err(parsed.errors.into_iter().map(Into::into).collect());
    }
    let formatted = crate::fmt::format(&parsed.file, text);
    // Never write a file that does not read: a clause near the reader's limit can grow past it
    // when laid out (grouping, spacing, wrapping).
    let reread = syntax::parse(&formatted);
    if let Some(SyntaxError::ClauseTooLong { size, limit, .. }) =
        reread.errors.iter().find(|e| matches!(e, SyntaxError::ClauseTooLong { .. }))
    {
        let (start, line) = longest_line(text);
        let at = miette::SourceSpan::from(start..start.saturating_add(line.len()));
        return Err(vec![SyntaxError::FormattedClauseTooLong { size: *size, limit: *limit, at }.into()]);
    }
    Ok(formatted)
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
    fn comments_stay_where_they_were() {
        let text = "# The network\nagreement \"T\"   # title\n  currency GBP\n\n  # the members\nmember x \"X\"\n  budget £1000000  # contract value\n";
        let formatted = format_source(text).unwrap_or_default();
        assert_eq!(
            formatted,
            "# The network\nagreement \"T\"  # title\n  currency GBP\n\n# the members\nmember x \"X\"\n  budget £1,000,000  # contract value\n"
        );
    }

    #[test]
    fn syntax_errors_are_not_formatted() {
        assert!(format_source("agreement \"T\"\n  curency GBP\n").is_err());
    }
}
