//! The names in a text, found by reading its words rather than its grammar, so that a file
//! half-way through an edit still has them: every member, kind, bloc and decision declared,
//! and every place one is named.

use crate::span::Span;

/// What sort of thing a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// A member (`member hhft`).
    Member,
    /// A kind (`kinds acute, community`).
    Kind,
    /// A bloc (`bloc commissioners`).
    Bloc,
    /// A decision (`decision "change financial flows"`).
    Decision,
}

impl Sort {
    /// The word a drafter uses for it.
    pub fn word(self) -> &'static str {
        match self {
            Sort::Member => "member",
            Sort::Kind => "kind",
            Sort::Bloc => "bloc",
            Sort::Decision => "decision",
        }
    }
}

/// A word or a quoted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The word, or the text between the quotes.
    pub span: Span,
    /// Whether it was quoted.
    pub quoted: bool,
    /// Whether it is the first thing on its line, at the start of the line (a block header).
    pub header: bool,
    /// Whether it is the first thing on its line.
    pub first: bool,
}

/// A declaration: the name and where it is declared (for a decision, the text inside quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// What it is.
    pub sort: Sort,
    /// Its name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// The whole block it heads (members, blocs and decisions), for document symbols.
    pub block: Span,
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_')
}

/// Every word and quoted text outside comments.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    let mut at_column_zero = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => {
                line_start = true;
                at_column_zero = true;
            }
            '#' => {
                while chars.peek().is_some_and(|(_, c)| *c != '\n') {
                    chars.next();
                }
            }
            '"' | '“' => {
                let start = i.saturating_add(c.len_utf8());
                let mut end = text.len();
                while let Some(&(j, d)) = chars.peek() {
                    if d == '\n' {
                        end = j;
                        break;
                    }
                    chars.next();
                    if d == '"' || d == '”' {
                        end = j;
                        break;
                    }
                }
                out.push(Token { span: Span::new(start, end), quoted: true, header: false, first: line_start });
                line_start = false;
                at_column_zero = false;
            }
            c if word_char(c) => {
                let mut end = i.saturating_add(c.len_utf8());
                while let Some(&(j, d)) = chars.peek() {
                    if !word_char(d) {
                        break;
                    }
                    end = j.saturating_add(d.len_utf8());
                    chars.next();
                }
                out.push(Token { span: Span::new(i, end), quoted: false, header: at_column_zero, first: line_start });
                line_start = false;
                at_column_zero = false;
            }
            c if c.is_whitespace() => at_column_zero = false,
            _ => {
                line_start = false;
                at_column_zero = false;
            }
        }
    }
    out
}

fn text_of<'t>(text: &'t str, token: &Token) -> &'t str {
    text.get(token.span.start..token.span.end).unwrap_or("")
}

/// Every member, kind, bloc and decision declared in an agreement's text, in order. Kinds an
/// agreement uses without declaring them (`extra_kinds`, from its model) are placed where they
/// are first used.
pub fn declarations(text: &str, tokens: &[Token], extra_kinds: &[String]) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    let mut block = "";
    let mut open: Option<usize> = None;
    let mut iter = tokens.iter().enumerate().peekable();
    while let Some((i, token)) = iter.next() {
        let word = text_of(text, token);
        if token.header {
            if let Some(o) = open.take() {
                close(&mut out, o, text, token.span.start);
            }
            block = if token.quoted { "" } else { word };
            let next = tokens.get(i.saturating_add(1)).filter(|n| !n.first);
            let sort = match (word, next.map(|n| n.quoted)) {
                ("member", Some(false)) => Some(Sort::Member),
                ("bloc", Some(false)) => Some(Sort::Bloc),
                ("decision", Some(true)) => Some(Sort::Decision),
                _ => None,
            };
            if let (Some(sort), Some(next)) = (sort, next) {
                out.push(Symbol {
                    sort,
                    name: text_of(text, next).to_string(),
                    span: next.span,
                    block: Span::new(token.span.start, text.len()),
                });
                open = Some(out.len().saturating_sub(1));
                iter.next();
            }
        } else if token.first && block == "agreement" && word == "kinds" {
            while let Some((_, kind)) = iter.next_if(|(_, t)| !t.first && !t.quoted) {
                out.push(Symbol {
                    sort: Sort::Kind,
                    name: text_of(text, kind).to_string(),
                    span: kind.span,
                    block: kind.span,
                });
            }
        }
    }
    if let Some(o) = open {
        close(&mut out, o, text, text.len());
    }
    for kind in extra_kinds {
        if out.iter().any(|s| s.sort == Sort::Kind && &s.name == kind) {
            continue;
        }
        if let Some(first) = tokens.iter().find(|t| !t.quoted && text_of(text, t) == kind) {
            out.push(Symbol { sort: Sort::Kind, name: kind.clone(), span: first.span, block: first.span });
        }
    }
    out
}

/// Ends the block of symbol `at` before `next`, without the blank lines and comments before it.
fn close(symbols: &mut [Symbol], at: usize, text: &str, next: usize) {
    if let Some(symbol) = symbols.get_mut(at) {
        let body = text.get(symbol.block.start..next).unwrap_or("");
        let mut end = symbol.block.start;
        let mut offset = symbol.block.start;
        for line in body.split_inclusive('\n') {
            let content = line.trim();
            offset = offset.saturating_add(line.len());
            if !content.is_empty() && !content.starts_with('#') {
                end = offset;
            }
        }
        let end = if text.get(..end).is_some_and(|t| t.ends_with('\n')) { end.saturating_sub(1) } else { end };
        symbol.block = Span::new(symbol.block.start, end.max(symbol.span.end));
    }
}

/// A place where a declared name is used (or declared).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// What it names.
    pub sort: Sort,
    /// The name.
    pub name: String,
    /// Where (for a decision, the text inside quotes).
    pub span: Span,
}

/// The symbol a token names, if any.
pub fn named<'s>(text: &str, token: &Token, symbols: &'s [Symbol]) -> Option<&'s Symbol> {
    let word = text_of(text, token);
    symbols.iter().find(|s| (s.sort == Sort::Decision) == token.quoted && s.name == word)
}

/// Every place in `text` that names one of `symbols`.
pub fn occurrences(text: &str, tokens: &[Token], symbols: &[Symbol]) -> Vec<Occurrence> {
    tokens
        .iter()
        .filter_map(|t| {
            named(text, t, symbols).map(|s| Occurrence { sort: s.sort, name: s.name.clone(), span: t.span })
        })
        .collect()
}

/// The token at byte `offset` (a cursor just after a word is on it).
pub fn token_at(tokens: &[Token], offset: usize) -> Option<&Token> {
    let i = tokens.partition_point(|t| t.span.end < offset);
    tokens.get(i).filter(|t| t.span.start <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "agreement \"A\"\n  kinds acute, lay # a comment: member x\n\nmember hhft \"H\"\n  kinds acute\n\n# next\ndecision \"go\"\n  passes if hhft in favour\n  expect dummy because \"go\"\n";

    #[test]
    fn declarations_and_uses() {
        let tokens = tokens(TEXT);
        let symbols = declarations(TEXT, &tokens, &[]);
        let names: Vec<(Sort, &str)> = symbols.iter().map(|s| (s.sort, s.name.as_str())).collect();
        assert_eq!(names, [(Sort::Kind, "acute"), (Sort::Kind, "lay"), (Sort::Member, "hhft"), (Sort::Decision, "go")]);
        let member = symbols.iter().find(|s| s.sort == Sort::Member).map(|s| s.block);
        assert_eq!(member.and_then(|b| TEXT.get(b.start..b.end)), Some("member hhft \"H\"\n  kinds acute"));
        let uses = occurrences(TEXT, &tokens, &symbols);
        assert_eq!(uses.iter().filter(|o| o.name == "hhft").count(), 2);
        assert_eq!(uses.iter().filter(|o| o.name == "acute").count(), 2);
        // A quoted text that is a decision's name is a use of it; a word in a comment is not.
        assert_eq!(uses.iter().filter(|o| o.name == "go").count(), 2);
        assert!(!uses.iter().any(|o| o.name == "x"));
    }

    #[test]
    fn half_typed_text_still_has_its_names() {
        let text = "member hhft \"H\n  kinds\ndecision \"";
        let tokens = tokens(text);
        let symbols = declarations(text, &tokens, &[]);
        assert_eq!(symbols.first().map(|s| s.name.as_str()), Some("hhft"));
        assert!(token_at(&tokens, text.len()).is_some());
    }
}
