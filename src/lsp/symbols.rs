//! Document symbols: the agreement's members, blocs and decisions (and a scenario file's
//! scenarios), each with its block, for the editor's outline.

use lsp_types::{DocumentSymbol, SymbolKind};

use super::document::Text;
use super::names::{self, Sort};
use crate::span::Span;

/// The outline of a text.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be given, though it is itself deprecated.
pub fn outline(text: &Text) -> Vec<DocumentSymbol> {
    let source = &text.text;
    let mut out = Vec::new();
    let symbol =
        |name: String, detail: Option<String>, kind: SymbolKind, block: Span, selection: Span| DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: text.lines.range(source, block),
            selection_range: text.lines.range(source, selection),
            children: None,
        };
    for s in names::declarations(source, &text.tokens, &[]) {
        let (kind, detail) = match s.sort {
            Sort::Member => (SymbolKind::OBJECT, "member"),
            Sort::Kind => (SymbolKind::ENUM_MEMBER, "kind"),
            Sort::Bloc => (SymbolKind::STRUCT, "bloc"),
            Sort::Decision => (SymbolKind::EVENT, "decision"),
        };
        if !s.name.is_empty() {
            out.push(symbol(s.name, Some(detail.to_string()), kind, s.block.join(s.span), s.span));
        }
    }
    // Scenarios and proposals, and the agreement's title.
    let tokens = &text.tokens;
    for (i, t) in tokens.iter().enumerate() {
        let word = source.get(t.span.start..t.span.end).unwrap_or("");
        let kind = match word {
            "scenario" | "proposal" | "result" => SymbolKind::FUNCTION,
            "agreement" => SymbolKind::NAMESPACE,
            _ => continue,
        };
        let Some(name) = tokens.get(i.saturating_add(1)).filter(|n| t.header && n.quoted && !n.first) else { continue };
        let title = source.get(name.span.start..name.span.end).unwrap_or("").to_string();
        let line_end = source
            .get(t.span.start..)
            .and_then(|r| r.find('\n'))
            .map_or(source.len(), |e| t.span.start.saturating_add(e));
        let block = Span::new(t.span.start, line_end.max(name.span.end));
        if !title.is_empty() {
            out.push(symbol(title, Some(word.to_string()), kind, block, name.span));
        }
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}
