//! Code actions: a misspelt name replaced by the nearest one the checker suggests, and an
//! `expect FINDING because "…"` clause for a warning the agreement means to keep.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};

use super::diagnostics::{convert, help, spans};
use super::document::{Analysis, Text};
use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::span::Span;

/// The reason written into a new `expect` clause, for the drafter to replace.
pub const REASON: &str = "say here why this is intended";

/// Every fix for the diagnostics that touch `range`.
pub fn actions(text: &Text, analysis: &Analysis, range: Range) -> Vec<CodeActionOrCommand> {
    let wanted = text.lines.span(&text.text, range);
    let mut out = Vec::new();
    for diagnostic in &analysis.diagnostics {
        let (main, _) = spans(diagnostic);
        if main.end < wanted.start || main.start > wanted.end {
            continue;
        }
        if let Some(action) = respell(text, diagnostic, main) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
        if let Some(action) = expect(text, diagnostic, main) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

fn action(text: &Text, diagnostic: &AnyDiagnostic, title: String, edit: TextEdit, preferred: bool) -> CodeAction {
    let changes = HashMap::from([(text.uri.clone(), vec![edit])]);
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![convert(diagnostic, text)]),
        edit: Some(WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None }),
        command: None,
        is_preferred: Some(preferred),
        disabled: None,
        data: None,
    }
}

/// The name in a "did you mean `x`?" (or “x”) help.
pub fn suggestion(help: &str) -> Option<&str> {
    let rest = help.split("did you mean ").nth(1)?;
    let (open, close) = if rest.starts_with('`') { ('`', '`') } else { ('“', '”') };
    let rest = rest.strip_prefix(open)?;
    rest.split(close).next().filter(|s| !s.is_empty())
}

fn respell(text: &Text, diagnostic: &AnyDiagnostic, main: Span) -> Option<CodeAction> {
    let help = help(diagnostic)?;
    let near = suggestion(&help)?;
    // The word (or quoted text) under the label nearest to the suggestion.
    let written = text
        .tokens
        .iter()
        .filter(|t| t.span.start >= main.start && t.span.end <= main.end.max(main.start))
        .filter_map(|t| text.text.get(t.span.start..t.span.end).map(|w| (t.span, w)))
        .min_by_key(|(_, w)| crate::suggest::edit_distance(w, near))?;
    if written.1 == near {
        return None;
    }
    let edit = TextEdit { range: text.lines.range(&text.text, written.0), new_text: near.to_string() };
    Some(action(text, diagnostic, format!("Change `{}` to `{near}`", written.1), edit, true))
}

fn expect(text: &Text, diagnostic: &AnyDiagnostic, main: Span) -> Option<CodeAction> {
    let code = diagnostic.code_string();
    let short = code.strip_prefix("concord::check::")?;
    if diagnostic.severity_level() == Severity::Error || short.starts_with("intended_") || short == "unknown_finding" {
        return None;
    }
    let source = &text.text;
    // The block of the decision the finding is about, else the block holding its label.
    let decision = diagnostic.decision().and_then(|name| {
        let symbols = super::names::declarations(source, &text.tokens, &[]);
        symbols.into_iter().find(|s| s.sort == super::names::Sort::Decision && s.name == name).map(|s| s.span.start)
    });
    let anchor = decision.unwrap_or(main.start);
    let headers: Vec<usize> = text.tokens.iter().filter(|t| t.header).map(|t| t.span.start).collect();
    let next = headers.iter().copied().find(|h| *h > anchor).unwrap_or(source.len());
    let start = headers.iter().copied().rfind(|h| *h <= anchor)?;
    let body = source.get(start..next)?;
    let mut end = start;
    let mut offset = start;
    for line in body.split_inclusive('\n') {
        let content = line.trim();
        offset = offset.saturating_add(line.len());
        if !content.is_empty() && !content.starts_with('#') {
            end = offset;
        }
    }
    let (at, before) = if source.get(..end).is_some_and(|t| t.ends_with('\n')) { (end, "") } else { (end, "\n") };
    let clause = format!("{before}  expect {short} because \"{REASON}\"\n");
    let range = text.lines.range(source, Span::new(at, at));
    let edit = TextEdit { range, new_text: clause };
    Some(action(
        text,
        diagnostic,
        format!("Say this `{short}` finding is intended (add an `expect` clause)"),
        edit,
        false,
    ))
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn suggestions_in_either_quotes() {
        assert_eq!(suggestion("did you mean `hhft`? Name a member"), Some("hhft"));
        assert_eq!(suggestion("did you mean “change financial flows”?"), Some("change financial flows"));
        assert_eq!(suggestion("name a member of the agreement"), None);
    }
}
