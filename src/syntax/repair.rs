//! A closer look at a clause that did not read: the slip a drafter most likely made, found by
//! making one small change and seeing whether the clause then reads.
//!
//! pest says where it stopped and what it wanted there, which is often not where the mistake
//! is: `Passes if unanimous` stops at `if` (it read `Passes` as a member's identifier), and
//! `expect pass` stops at the end (it read `pass` as a member). Each repair below proposes one
//! change (a keyword in lower case, a misspelt word respelt, a space taken out of an amount, an
//! indented header moved to the start of its line) and keeps it only if the changed text reads
//! cleanly, so a repair never guesses: what it reports, applied, is a clause Concord reads.
//!
//! Each repair costs a few more readings of one clause, so only the first
//! [`CLOSER_LOOK_LIMIT`] problems of a file get one; a file of eighty thousand bad lines is
//! still read in time proportional to its length.

use std::sync::OnceLock;

use super::error::SyntaxError;
use super::grammar::BLOCK_KEYWORDS;
use crate::span::Span;
use crate::suggest::edit_distance;

/// How many problems of one file are looked at more closely.
pub(crate) const CLOSER_LOOK_LIMIT: usize = 100;

/// The longest clause that is looked at more closely, in bytes: real clauses are a sentence.
const MAX_REPAIRED_BYTES: usize = 1_000;

/// Every word of the grammar's keywords and phrases (`passes`, `if`, `unanimous`, `contingency`…),
/// read from `grammar/concord.pest` itself so that a new keyword needs no list kept by hand.
pub(crate) fn grammar_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let grammar = include_str!("../../grammar/concord.pest");
        let mut words: Vec<String> = Vec::new();
        for line in grammar.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (index, literal) in code.split('"').enumerate() {
                // Odd pieces are inside quotes.
                if index % 2 == 0 {
                    continue;
                }
                for word in literal.split([' ', '-']) {
                    let is_word = word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase());
                    if is_word && !words.iter().any(|w| w == word) {
                        words.push(word.to_string());
                    }
                }
            }
        }
        words.sort();
        words
    })
}

/// What a closer look found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    /// A diagnostic of its own, which says more than "could not read".
    Error(SyntaxError),
    /// A word that is most likely a misspelling of `instead`: the usual diagnostic, with
    /// "did you mean" naming it.
    Misspelt { instead: String },
}

/// The words of a clause outside double quotes and comments, with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let part_of_word = !in_string && (c.is_alphanumeric() || c == '-' || c == '_' || c == '\'');
        if part_of_word {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, text.get(s..i).unwrap_or("")));
        }
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => return out,
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.get(s..).unwrap_or("")));
    }
    out
}

/// `text` with the byte range `at..at + len` replaced by `with`.
fn replaced(text: &str, at: usize, len: usize, with: &str) -> String {
    let end = at.saturating_add(len);
    format!("{}{}{}", text.get(..at).unwrap_or(""), with, text.get(end..).unwrap_or(""))
}

fn span(offset: usize, at: usize, len: usize) -> miette::SourceSpan {
    let start = offset.saturating_add(at);
    Span::new(start, start.saturating_add(len)).into()
}

/// The likely slip in a clause that did not read. `text` is the clause (from its first word),
/// `offset` where it starts in the file, `stopped` where pest stopped (relative to `text`),
/// `reads` whether a text reads cleanly as a clause of the same block, and `reads_header`
/// whether it reads as a block header.
pub(crate) fn clause(
    text: &str,
    offset: usize,
    stopped: usize,
    reads: &dyn Fn(&str) -> bool,
    reads_header: &dyn Fn(&str) -> bool,
) -> Option<Finding> {
    if text.len() > MAX_REPAIRED_BYTES {
        return None;
    }
    indented_header(text, offset, stopped, reads_header)
        .or_else(|| capitalised(text, offset, reads))
        .or_else(|| space_in_amount(text, offset, reads))
        .or_else(|| misspelt(text, stopped, reads))
}

/// A block header written indented, as if it were a clause of the block above.
/// Only when the reading stopped at the first word: a word the block's clauses may begin with
/// (`budget` in a member block) is a clause, even if it could also head a block.
fn indented_header(text: &str, offset: usize, stopped: usize, reads_header: &dyn Fn(&str) -> bool) -> Option<Finding> {
    if stopped > 0 {
        return None;
    }
    let first_line = text.lines().next().unwrap_or("");
    let first_word = first_line.split_whitespace().next().unwrap_or("");
    let mut two = first_line.split_whitespace();
    let two_words = two.next().zip(two.next());
    let starts_block = BLOCK_KEYWORDS.contains(&first_word)
        || two_words.is_some_and(|(a, b)| BLOCK_KEYWORDS.iter().any(|k| k.split_once(' ') == Some((a, b))));
    if !starts_block || !reads_header(first_line) {
        return None;
    }
    let header = first_line.split('#').next().unwrap_or("").trim_end();
    Some(Finding::Error(SyntaxError::IndentedHeader {
        at: span(offset, 0, first_word.len()),
        help: format!(
            "start `{header}` at the beginning of its line, with no indentation; only the clauses under a header are indented"
        ),
    }))
}

/// A keyword written with a capital letter (`Passes if …`), which the grammar reads as a name.
fn capitalised(text: &str, offset: usize, reads: &dyn Fn(&str) -> bool) -> Option<Finding> {
    let known = grammar_words();
    let capitals: Vec<(usize, &str)> = words(text)
        .into_iter()
        .filter(|(_, w)| {
            w.starts_with(|c: char| c.is_ascii_uppercase()) && {
                let lower = w.to_ascii_lowercase();
                known.binary_search(&lower).is_ok()
            }
        })
        .collect();
    let (first_at, first) = *capitals.first()?;
    let mut candidate = text.to_string();
    for (at, word) in &capitals {
        candidate = replaced(&candidate, *at, word.len(), &word.to_ascii_lowercase());
    }
    if !reads(&candidate) {
        return None;
    }
    let lower = first.to_ascii_lowercase();
    let others = match capitals.len() {
        1 => String::new(),
        2 => " (and the other capitalised keyword of this clause)".to_string(),
        n => format!(" (and the other {} capitalised keywords of this clause)", n.saturating_sub(1)),
    };
    Some(Finding::Error(SyntaxError::CapitalisedKeyword {
        word: first.to_string(),
        help: format!(
            "write `{lower}`{others}: with a capital letter it reads as a member's identifier; names in double quotes may use any case"
        ),
        lower,
        at: span(offset, first_at, first.len()),
    }))
}

/// A space between a currency sign and its figure (`£ 5m`).
fn space_in_amount(text: &str, offset: usize, reads: &dyn Fn(&str) -> bool) -> Option<Finding> {
    let (sign_at, sign) = text.char_indices().find(|(_, c)| matches!(c, '£' | '$' | '€'))?;
    let after = sign_at.saturating_add(sign.len_utf8());
    let rest = text.get(after..)?;
    let blanks = rest.len().saturating_sub(rest.trim_start_matches(' ').len());
    if blanks == 0 || !rest.trim_start_matches(' ').starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let candidate = replaced(text, after, blanks, "");
    if !reads(&candidate) {
        return None;
    }
    let figure: String = rest.trim_start_matches(' ').chars().take_while(|c| !c.is_whitespace() && *c != ',').collect();
    Some(Finding::Error(SyntaxError::SpaceInAmount {
        at: span(offset, after, blanks),
        help: format!("write `{sign}{figure}`, with the sign against the figure"),
    }))
}

/// A misspelt keyword where pest stopped, or just before it (`expect pass` stops after `pass`,
/// which it took for a member): the nearest keyword that makes the clause read.
fn misspelt(text: &str, stopped: usize, reads: &dyn Fn(&str) -> bool) -> Option<Finding> {
    let words = words(text);
    // The word pest stopped in or at, and the one before it.
    let at = words.iter().rposition(|(start, _)| *start <= stopped)?;
    let known = grammar_words();
    for index in [Some(at), at.checked_sub(1)].into_iter().flatten() {
        let (start, word) = *words.get(index)?;
        let lower = word.to_lowercase();
        if word.chars().count() > 30 {
            continue;
        }
        // A word of the language may still be another cut short (`pass` for `passed`): then only
        // the longer words it begins are tried.
        let is_known = known.binary_search(&lower).is_ok();
        // Looser than "did you mean" elsewhere, because a respelling is offered only if the
        // clause then reads: `pass` is two letters from `passed`.
        let length = word.chars().count();
        // A word of one or two letters is as likely a name as a slip (`a`, taken for a member,
        // is one letter from `as`, which reads as another name).
        if length <= 2 {
            continue;
        }
        let limit = if length <= 3 { 1 } else { (length / 3).max(2) };
        let mut near: Vec<(usize, &String)> = known
            .iter()
            .filter(|k| k.len().abs_diff(word.len()) <= limit)
            // A keyword of one or two letters (`as`, `of`) is one slip from too many ordinary
            // words (`has`, `at`) to be offered.
            .filter(|k| k.len() > 2)
            .filter(|k| !is_known || (k.len() > lower.len() && k.starts_with(&lower)))
            .map(|k| (edit_distance(&lower, k), k))
            .filter(|(distance, _)| *distance <= limit)
            .collect();
        near.sort();
        if let Some((_, instead)) = near.into_iter().find(|(_, k)| reads(&replaced(text, start, word.len(), k))) {
            return Some(Finding::Misspelt { instead: instead.clone() });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_words_are_read_from_the_grammar() {
        let words = grammar_words();
        for word in ["passes", "unanimous", "passed", "contingency", "abstaining"] {
            assert!(words.iter().any(|w| w == word), "{word} missing");
        }
        assert!(words.iter().all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn words_skip_strings_and_comments() {
        let found: Vec<&str> = words(r#"propose "Passes if" on 1 May # Passes"#).into_iter().map(|(_, w)| w).collect();
        assert_eq!(found, ["propose", "on", "1", "May"]);
    }

    #[test]
    fn a_repair_that_does_not_read_is_not_offered() {
        let never = |_: &str| false;
        assert_eq!(clause("Passes if unanimous", 0, 7, &never, &never), None);
        let only_lower = |t: &str| t == "passes if unanimous";
        assert!(matches!(
            clause("Passes if unanimous", 0, 7, &only_lower, &never),
            Some(Finding::Error(SyntaxError::CapitalisedKeyword { .. }))
        ));
    }
}
