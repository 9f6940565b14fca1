//! Completion: the language's words where a clause or block starts (the REPL's list), and the
//! agreement's members, kinds, blocs, figures and decisions where they fit.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, TextEdit};

use super::document::{Agreed, Text};
use super::names::Sort;
use crate::model::FigureName;
use crate::span::Span;

/// Completions at byte `offset` of `text`, names taken from `agreed`.
pub fn complete(text: &Text, agreed: Option<&Agreed>, offset: usize) -> Vec<CompletionItem> {
    let source = &text.text;
    let offset = floor(source, offset);
    let line_start = source.get(..offset).and_then(|b| b.rfind('\n')).map_or(0, |i| i.saturating_add(1));
    let before = source.get(line_start..offset).unwrap_or("");
    let before = before.split('#').next().unwrap_or(before);
    let edit = |start: usize| {
        move |label: &str| {
            CompletionTextEdit::Edit(TextEdit {
                range: text.lines.range(source, Span::new(start, offset)),
                new_text: label.to_string(),
            })
        }
    };
    let names = |sort: Sort| -> Vec<(String, Option<String>)> {
        let Some(agreed) = agreed else { return Vec::new() };
        agreed
            .symbols
            .iter()
            .filter(|s| s.sort == sort)
            .map(|s| {
                let detail = agreed
                    .agreement
                    .as_ref()
                    .and_then(|a| match sort {
                        Sort::Member => a.member_by_key(&s.name).map(|m| m.name.clone()),
                        Sort::Bloc => a.blocs.iter().find(|b| b.key == s.name).map(|b| b.name.clone()),
                        _ => None,
                    })
                    .filter(|d| d != &s.name);
                (s.name.clone(), detail)
            })
            .collect()
    };
    let mut items = Vec::new();
    let mut push =
        |label: String, kind: CompletionItemKind, detail: Option<String>, edit: &dyn Fn(&str) -> CompletionTextEdit| {
            if items.iter().any(|i: &CompletionItem| i.label == label) {
                return;
            }
            items.push(CompletionItem {
                text_edit: Some(edit(&label)),
                label,
                kind: Some(kind),
                detail,
                ..CompletionItem::default()
            });
        };
    // Inside a quotation: the decisions.
    if before.matches(['"', '“', '”']).count() % 2 == 1 {
        let quote = before.rfind(['"', '“']).map_or(0, |i| i.saturating_add(1));
        let edit = edit(line_start.saturating_add(quote));
        for (name, _) in names(Sort::Decision) {
            push(name, CompletionItemKind::EVENT, Some("decision".into()), &edit);
        }
        return items;
    }
    let word = before.len().saturating_sub(
        before.chars().rev().take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_')).map(char::len_utf8).sum(),
    );
    let edit = edit(line_start.saturating_add(word));
    let head = before.get(..word).unwrap_or("");
    if head.is_empty() {
        for k in crate::syntax::grammar::BLOCK_KEYWORDS {
            push(k.to_string(), CompletionItemKind::KEYWORD, None, &edit);
        }
        return items;
    }
    let first = head.split_whitespace().next().unwrap_or("");
    let members_only =
        ["in favour:", "against:", "abstaining:", "provided by", "commissioned by"].iter().any(|p| head.contains(p));
    let kinds_only = first == "kinds";
    if !kinds_only {
        for (name, detail) in names(Sort::Member) {
            push(name, CompletionItemKind::VARIABLE, detail.or(Some("member".into())), &edit);
        }
    }
    if !members_only {
        for (name, _) in names(Sort::Kind) {
            push(name, CompletionItemKind::ENUM_MEMBER, Some("kind".into()), &edit);
        }
    }
    if members_only || kinds_only {
        return items;
    }
    for (name, detail) in names(Sort::Bloc) {
        push(name, CompletionItemKind::STRUCT, detail.or(Some("bloc".into())), &edit);
    }
    for figure in FigureName::ALL {
        push(figure.words().to_string(), CompletionItemKind::FIELD, Some("figure".into()), &edit);
    }
    for (name, _) in names(Sort::Decision) {
        push(format!("\"{name}\""), CompletionItemKind::EVENT, Some("decision".into()), &edit);
    }
    for k in crate::repl::KEYWORDS {
        push(k.to_string(), CompletionItemKind::KEYWORD, None, &edit);
    }
    items
}

fn floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset = offset.saturating_sub(1);
    }
    offset
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::lsp::document::Document;

    fn labels(text: &str, at: &str) -> Vec<String> {
        let Ok(uri) = lsp_types::Uri::from_str("untitled:c") else { return Vec::new() };
        let mut doc = Document::new(uri, text.to_string(), 1);
        let agreed = doc.analysis().agreed.clone();
        let offset = text.find(at).map_or(0, |i| i + at.len());
        complete(&doc.text, agreed.as_ref(), offset).into_iter().map(|i| i.label).collect()
    }

    const TEXT: &str = "agreement \"A\"\n  kinds acute, lay\n\nmember hhft \"H\"\n  kinds ac\n\nmember lbh\n\ndecision \"go ahead\"\n  passes if hhft in favour\n  \nscenario \"x\"\n  propose \"go\n  in favour: l\n";

    #[test]
    fn completion_fits_where_the_cursor_is() {
        let kinds = labels(TEXT, "  kinds ac");
        assert!(kinds.contains(&"acute".to_string()) && !kinds.contains(&"hhft".to_string()), "{kinds:?}");
        let clause = labels(TEXT, "in favour\n  ");
        for wanted in ["hhft", "lbh", "acute", "budget", "passes if", "decided by", "\"go ahead\""] {
            assert!(clause.contains(&wanted.to_string()), "{wanted} in {clause:?}");
        }
        assert_eq!(labels(TEXT, "propose \"go"), ["go ahead"]);
        let voters = labels(TEXT, "in favour: l");
        assert!(voters.contains(&"lbh".to_string()) && !voters.contains(&"lay".to_string()), "{voters:?}");
        let headers = labels("agreement \"A\"\n\nmem", "mem");
        assert!(headers.contains(&"member".to_string()) && !headers.contains(&"passes if".to_string()));
    }
}
