//! The checker's findings as LSP diagnostics: the first label gives the range, the others
//! become related locations, and the help follows the message.

use lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString};
use miette::Diagnostic as _;

use super::document::Text;
use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::span::Span;

/// The span a diagnostic points at first (its primary label, else its first), and the others
/// with their labels.
pub fn spans(diagnostic: &AnyDiagnostic) -> (Span, Vec<(Span, Option<String>)>) {
    let labels: Vec<miette::LabeledSpan> = diagnostic.labels().map(Iterator::collect).unwrap_or_default();
    let primary = labels.iter().position(miette::LabeledSpan::primary).unwrap_or(0);
    let span = |l: &miette::LabeledSpan| Span::new(l.offset(), l.offset().saturating_add(l.len()));
    let main = labels.get(primary).map(span).unwrap_or_default();
    let others = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != primary)
        .map(|(_, l)| (span(l), l.label().map(str::to_string)))
        .collect();
    (main, others)
}

/// The diagnostic's help, if it has any.
pub fn help(diagnostic: &AnyDiagnostic) -> Option<String> {
    diagnostic.help().map(|h| h.to_string()).filter(|h| !h.is_empty())
}

/// One diagnostic for the editor.
pub fn convert(diagnostic: &AnyDiagnostic, text: &Text) -> Diagnostic {
    let (main, others) = spans(diagnostic);
    let severity = match diagnostic.severity_level() {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Advice => DiagnosticSeverity::INFORMATION,
    };
    let mut message = capitalised(&diagnostic.to_string());
    let primary_label = diagnostic.labels().and_then(|mut labels| {
        let all: Vec<miette::LabeledSpan> = labels.by_ref().collect();
        let main = all.iter().find(|l| l.primary()).or_else(|| all.first());
        main.and_then(|l| l.label().map(str::to_string))
    });
    if let Some(label) = primary_label.filter(|l| !l.is_empty()) {
        message.push_str(&format!(" ({label})"));
    }
    if let Some(help) = help(diagnostic) {
        message.push_str("\n\n");
        message.push_str(&capitalised(&help));
    }
    let related: Vec<DiagnosticRelatedInformation> = others
        .into_iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location { uri: text.uri.clone(), range: text.lines.range(&text.text, span) },
            message: capitalised(&label.unwrap_or_else(|| "also here".to_string())),
        })
        .collect();
    let code = diagnostic.code_string();
    Diagnostic {
        range: text.lines.range(&text.text, main),
        severity: Some(severity),
        code: (!code.is_empty()).then_some(NumberOrString::String(code)),
        code_description: None,
        source: Some("concord".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// Every diagnostic of a document.
pub fn convert_all(diagnostics: &[AnyDiagnostic], text: &Text) -> Vec<Diagnostic> {
    diagnostics.iter().map(|d| convert(d, text)).collect()
}

/// A sentence's first letter in capitals.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
