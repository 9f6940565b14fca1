//! One source of truth for keywords: `grammar/concord.pest`.
//!
//! Every keyword of the pest grammar (each word of a string literal made of lowercase letters,
//! digits, blanks and hyphens, such as `"passes if"` or `"lead-provider alliance"`) must appear
//! in each editor grammar under `editors/`: the TextMate grammar for VS Code, the tree-sitter
//! grammar and the Vim syntax file. A keyword added to the language and forgotten in an editor
//! fails here, naming the keyword and the file. The other way round, a word that the editors list
//! as a plain keyword must still be a keyword of the language.
//!
//! Only the parts of each file that can highlight anything are read: the regular expressions of
//! the TextMate grammar, the string literals of `grammar.js` and the `syn` lines of the Vim file.
//! A keyword mentioned in a comment does not count.

use std::collections::BTreeSet;
use std::path::Path;

const PEST: &str = "grammar/concord.pest";
const TEXTMATE: &str = "editors/vscode/syntaxes/concord.tmLanguage.json";
const TREE_SITTER: &str = "editors/tree-sitter-concord/grammar.js";
const VIM: &str = "editors/vim/syntax/concord.vim";

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// The words of lowercase letters in a piece of text, in order of first appearance removed.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_lowercase()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// The marker of the pest grammar's last section: phrasings the language recognises only to
/// refuse them with a named diagnostic. Their words are not keywords, so editors need not know
/// them.
const UNSUPPORTED_SECTION: &str = "// ───────────────────────── 14. Unsupported";

/// The string literals of a pest grammar, comments and the unsupported section left out.
fn pest_literals(source: &str) -> Vec<String> {
    let source = source.split(UNSUPPORTED_SECTION).next().unwrap_or(source);
    let mut literals = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                literal.push('\\');
                                literal.push(escaped);
                            }
                        }
                        '"' => break,
                        other => literal.push(other),
                    }
                }
                literals.push(literal);
            }
            _ => {}
        }
    }
    literals
}

/// Whether a pest literal is a keyword: lowercase words, possibly with digits, blanks, hyphens.
fn is_keyword_literal(literal: &str) -> bool {
    literal.starts_with(|c: char| c.is_ascii_lowercase())
        && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == ' ' || c == '-')
}

/// Every keyword word of a pest grammar, with the literal it first came from.
fn pest_keywords(source: &str) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut keywords = Vec::new();
    for literal in pest_literals(source).into_iter().filter(|l| is_keyword_literal(l)) {
        for word in words(&literal) {
            if seen.insert(word.clone()) {
                keywords.push((word, literal.clone()));
            }
        }
    }
    keywords
}

/// The text of a regular expression that can hold keywords: escapes such as `\b`, `\s` and `\w`
/// and bracket expressions such as `[A-Za-z]` are blanked, so that `\bpasses` reads as `passes`
/// and `[a-z]` does not pass for the keyword `a`.
fn pattern_text(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
                out.push(' ');
            }
            '[' => {
                // Up to the closing `]`, past escapes and POSIX classes such as `[:alnum:]`.
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        '[' if chars.peek() == Some(&':') => {
                            for class in chars.by_ref() {
                                if class == ']' {
                                    break;
                                }
                            }
                        }
                        ']' => break,
                        _ => {}
                    }
                }
                out.push(' ');
            }
            other => out.push(other),
        }
    }
    out
}

/// The words of the TextMate grammar's patterns (`match`, `begin`, `end`), comments left out.
fn textmate_words(source: &str) -> BTreeSet<String> {
    fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner) {
                        ("match" | "begin" | "end" | "while", serde_json::Value::String(pattern)) => {
                            out.extend(words(&pattern_text(pattern)));
                        }
                        _ => collect(inner, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
            _ => {}
        }
    }
    let json: serde_json::Value = serde_json::from_str(source).expect("the TextMate grammar is valid JSON");
    let mut out = BTreeSet::new();
    collect(&json, &mut out);
    out
}

/// The words of the TextMate grammar's plain-keyword pattern alone.
fn textmate_plain_keywords(source: &str) -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(source).expect("the TextMate grammar is valid JSON");
    let pattern = json["repository"]["keyword"]["match"].as_str().expect("the grammar has a `keyword` pattern");
    words(&pattern_text(pattern))
}

/// The words of the single-quoted string literals of `grammar.js`, comments left out.
fn tree_sitter_words(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_block_comment = false;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if in_block_comment {
            in_block_comment = !trimmed.contains("*/");
            continue;
        }
        if trimmed.starts_with("/*") {
            in_block_comment = !trimmed.contains("*/");
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = line.split(" // ").next().unwrap_or("");
        let mut chars = code.chars();
        while let Some(c) = chars.next() {
            if c != '\'' {
                continue;
            }
            let mut literal = String::new();
            while let Some(inner) = chars.next() {
                match inner {
                    '\\' => {
                        chars.next();
                    }
                    '\'' => break,
                    other => literal.push(other),
                }
            }
            out.extend(words(&pattern_text(&literal)));
        }
    }
    out
}

/// The `syn` lines of a Vim syntax file with their continuation lines, comments left out.
fn vim_syntax_lines(source: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in source.lines() {
        let trimmed = line.trim_start();
        if let Some(continued) = trimmed.strip_prefix('\\') {
            if let Some(last) = items.last_mut() {
                last.push_str(continued);
            }
        } else if trimmed.starts_with("syn ") || trimmed.starts_with("syntax ") {
            items.push(trimmed.to_string());
        } else {
            // A comment, a highlight link or anything else ends the item.
            items.push(String::new());
        }
    }
    items.retain(|item| !item.is_empty());
    items
}

/// The words of the Vim file's patterns: what stands between the delimiters of `syn match` and
/// `syn region`, and the words of `syn keyword`. Group names such as `concordKeyword` are left out.
fn vim_words(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in vim_syntax_lines(source) {
        out.extend(vim_item_words(&item));
    }
    out
}

fn vim_item_words(item: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut parts = item.split_whitespace();
    let _syn = parts.next();
    match parts.next() {
        Some("keyword") => {
            let _group = parts.next();
            for word in parts.filter(|w| !w.contains('=')) {
                out.extend(words(word));
            }
        }
        Some("match" | "region") => {
            // Patterns are quoted with `"` or `+`; everything between a pair of them counts.
            let mut rest = item;
            while let Some(start) = rest.find(['"', '+']) {
                let quote = rest[start..].chars().next().unwrap_or('"');
                let after = &rest[start + 1..];
                let Some(end) = find_unescaped(after, quote) else { break };
                out.extend(words(&pattern_text(&after[..end])));
                rest = &after[end + 1..];
            }
        }
        _ => {}
    }
    out
}

/// The first `quote` in `text` that no backslash escapes.
fn find_unescaped(text: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == quote && !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// The words of the Vim file's plain-keyword item alone.
fn vim_plain_keywords(source: &str) -> BTreeSet<String> {
    vim_syntax_lines(source)
        .iter()
        .filter(|item| item.starts_with("syn match concordKeyword "))
        .flat_map(|item| vim_item_words(item))
        .collect()
}

/// The keywords of the language that `editor_words` lacks, as readable lines.
fn missing(keywords: &[(String, String)], editor_words: &BTreeSet<String>) -> Vec<String> {
    keywords
        .iter()
        .filter(|(word, _)| !editor_words.contains(word))
        .map(|(word, literal)| format!("`{word}` (from the pest literal \"{literal}\")"))
        .collect()
}

fn assert_has_every_keyword(editor_file: &str, editor_words: &BTreeSet<String>) {
    let keywords = pest_keywords(&read(PEST));
    let missing = missing(&keywords, editor_words);
    assert!(
        missing.is_empty(),
        "{editor_file} lacks {} keyword(s) of {PEST}; add them so that editors highlight them:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}

#[test]
fn the_pest_grammar_yields_its_keywords() {
    let keywords: BTreeSet<String> = pest_keywords(&read(PEST)).into_iter().map(|(word, _)| word).collect();
    for expected in ["agreement", "passes", "veto", "favour", "scenarios", "unanimous", "section", "pooled"] {
        assert!(keywords.contains(expected), "`{expected}` was not found among the pest keywords: {keywords:?}");
    }
    // Words of comments, month names and magnitudes written in capitals are not keywords.
    for not_expected in ["hillingdon", "april", "used", "longest"] {
        assert!(!keywords.contains(not_expected), "`{not_expected}` should not be read as a keyword");
    }
    assert!(keywords.len() > 150, "only {} keywords found: the extraction is broken", keywords.len());
}

#[test]
fn a_keyword_missing_from_an_editor_grammar_is_reported() {
    let pest = "rule = { \"passes if\" ~ \"zebra crossing\" } // \"ignored comment\"\n";
    let keywords = pest_keywords(pest);
    let textmate =
        textmate_words(r#"{"repository": {"k": {"match": "\\b(passes\\s+if|crossing)\\b", "comment": "zebra"}}}"#);
    assert_eq!(missing(&keywords, &textmate), vec!["`zebra` (from the pest literal \"zebra crossing\")"]);
    let tree_sitter = tree_sitter_words("// 'zebra'\nrule: _ => seq('passes', 'if', 'crossing'), // 'zebra'\n");
    assert_eq!(missing(&keywords, &tree_sitter), vec!["`zebra` (from the pest literal \"zebra crossing\")"]);
    let vim = vim_words(
        "\" zebra\nsyn match concordKeyword \"\\<\\%(passes\\|if\\|crossing\\)\\>\"\nhi def link zebra Keyword\n",
    );
    assert_eq!(missing(&keywords, &vim), vec!["`zebra` (from the pest literal \"zebra crossing\")"]);
}

#[test]
fn the_textmate_grammar_has_every_keyword() {
    assert_has_every_keyword(TEXTMATE, &textmate_words(&read(TEXTMATE)));
}

#[test]
fn the_tree_sitter_grammar_has_every_keyword() {
    assert_has_every_keyword(TREE_SITTER, &tree_sitter_words(&read(TREE_SITTER)));
}

#[test]
fn the_vim_syntax_has_every_keyword() {
    assert_has_every_keyword(VIM, &vim_words(&read(VIM)));
}

#[test]
fn the_editors_list_no_keyword_the_language_lacks() {
    let keywords: BTreeSet<String> = pest_keywords(&read(PEST)).into_iter().map(|(word, _)| word).collect();
    for (file, listed) in [(TEXTMATE, textmate_plain_keywords(&read(TEXTMATE))), (VIM, vim_plain_keywords(&read(VIM)))]
    {
        assert!(listed.len() > 100, "{file}: only {} plain keywords found: the extraction is broken", listed.len());
        let stale: Vec<&String> = listed.difference(&keywords).collect();
        assert!(stale.is_empty(), "{file} lists words that are no longer keywords of {PEST}: {stale:?}");
    }
}

/// The browser playground's CodeMirror mode highlights exactly the grammar's keywords.
const PLAYGROUND: &str = "web/src/keywords.json";

#[test]
fn the_playground_mode_has_exactly_the_grammar_keywords() {
    let listed: Vec<String> = serde_json::from_str(&read(PLAYGROUND)).expect("web/src/keywords.json is a JSON list");
    let listed: BTreeSet<String> = listed.into_iter().collect();
    assert_has_every_keyword(PLAYGROUND, &listed);
    let keywords: BTreeSet<String> = pest_keywords(&read(PEST)).into_iter().map(|(word, _)| word).collect();
    let extra: Vec<&String> = listed.difference(&keywords).collect();
    assert!(extra.is_empty(), "{PLAYGROUND} lists words that are not keywords of {PEST}: {extra:?}");
}
