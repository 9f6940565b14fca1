//! Go to definition, find references and rename, for members, kinds, blocs and decisions, in
//! an agreement and in the scenario files that test it.

use std::collections::HashMap;

use lsp_types::{Location, TextEdit, Uri, WorkspaceEdit};

use super::document::{Agreed, Text};
use super::names::{self, Sort, Symbol};
use crate::span::Span;

/// The symbol named at `offset` in `text`, with the span of the name there.
pub fn symbol_at(text: &Text, agreed: &Agreed, offset: usize) -> Option<(Symbol, Span)> {
    let token = names::token_at(&text.tokens, offset)?;
    let symbol = names::named(&text.text, token, &agreed.symbols)?;
    Some((symbol.clone(), token.span))
}

/// Where a symbol is declared.
pub fn definition(agreed: &Agreed, symbol: &Symbol) -> Location {
    let text = &agreed.text;
    Location { uri: text.uri.clone(), range: text.lines.range(&text.text, symbol.span) }
}

/// Every place a symbol is named in `texts` (the agreement and the scenario files open for it).
pub fn references(texts: &[&Text], agreed: &Agreed, symbol: &Symbol, declaration: bool) -> Vec<Location> {
    let mut out = Vec::new();
    for text in texts {
        let symbols: &[Symbol] = &agreed.symbols;
        for o in names::occurrences(&text.text, &text.tokens, symbols) {
            if o.sort != symbol.sort || o.name != symbol.name {
                continue;
            }
            let is_declaration = text.uri == agreed.text.uri && o.span == symbol.span;
            if is_declaration && !declaration {
                continue;
            }
            out.push(Location { uri: text.uri.clone(), range: text.lines.range(&text.text, o.span) });
        }
    }
    out
}

/// Why a new name cannot be used, in words for the drafter.
pub fn refuse_name(agreed: &Agreed, symbol: &Symbol, new_name: &str) -> Option<String> {
    let sort = symbol.sort.word();
    if new_name.trim().is_empty() {
        return Some(format!("a {sort} needs a name"));
    }
    match symbol.sort {
        Sort::Decision => {
            if new_name.contains(['"', '“', '”', '\n', '\r']) {
                return Some("a decision's name cannot contain quotation marks or line breaks".to_string());
            }
        }
        _ => {
            let word_chars = new_name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
            if !word_chars || !new_name.chars().next().is_some_and(char::is_alphabetic) {
                return Some(format!(
                    "`{new_name}` cannot name a {sort}: use letters, digits, `-` and `_`, starting with a letter"
                ));
            }
            if is_keyword(new_name) {
                return Some(format!("`{new_name}` is a word of the language, so it cannot name a {sort}"));
            }
        }
    }
    if agreed.symbols.iter().any(|s| s.sort == symbol.sort && s.name == new_name && s.name != symbol.name) {
        return Some(format!("there is already a {sort} called `{new_name}`"));
    }
    None
}

/// Whether a word is one of the language's own.
pub fn is_keyword(word: &str) -> bool {
    crate::model::RESERVED_WORDS.contains(&word)
        || crate::repl::KEYWORDS
            .iter()
            .chain(crate::syntax::grammar::BLOCK_KEYWORDS.iter())
            .any(|k| k.split(' ').any(|w| w == word))
}

/// The edits that rename a symbol everywhere in `texts`.
pub fn rename(texts: &[&Text], agreed: &Agreed, symbol: &Symbol, new_name: &str) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for location in references(texts, agreed, symbol, true) {
        changes
            .entry(location.uri)
            .or_default()
            .push(TextEdit { range: location.range, new_text: new_name.to_string() });
    }
    WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None }
}
