//! `concord fmt`: rewrite a file in canonical form, keeping its comments.

use crate::diagnostic::AnyDiagnostic;
use crate::syntax;

/// Formats one text. A text with syntax errors is not formatted: its errors are returned, so
/// nothing the reader could not understand is ever dropped.
pub fn format_source(text: &str) -> Result<String, Vec<AnyDiagnostic>> {
    let parsed = syntax::parse(text);
    if !parsed.errors.is_empty() {
        return Err(parsed.errors.into_iter().map(Into::into).collect());
    }
    Ok(crate::fmt::format(&parsed.file, text))
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
