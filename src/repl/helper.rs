//! Completion, hints, highlighting and the "is this input complete?" rule, as plain functions
//! of the engine and the line, so they are tested without a terminal.

use super::{Engine, COMMANDS};
use crate::syntax::grammar::BLOCK_KEYWORDS;

/// Words that start clauses, offered by completion and highlighted.
pub const KEYWORDS: [&str; 59] = [
    "agreement",
    "member",
    "voting",
    "bloc",
    "decision",
    "savings",
    "deficits",
    "budget",
    "membership",
    "kinds",
    "form",
    "currency",
    "period",
    "effective",
    "quorum",
    "lead provider",
    "chair",
    "observer",
    "host",
    "allocation",
    "equity",
    "reserves",
    "investment",
    "contribution",
    "liability cap",
    "performance",
    "votes",
    "passes if",
    "until",
    "from",
    "at least",
    "more than",
    "at most",
    "fewer than",
    "of eligible votes",
    "in favour",
    "against",
    "abstaining",
    "present",
    "unanimous",
    "may veto",
    "on a tie",
    "if rejected",
    "escalate to",
    "the default is",
    "if not agreed within",
    "may be proposed only by",
    "when proposed by",
    "members jointly",
    "a meeting may be called by",
    "meeting called by",
    "who ask may have it postponed",
    "a proposal needs",
    "only after a breach unremedied for",
    "requested on",
    "asking for postponement",
    "members gaining",
    "in proportion to",
    "decided by",
];

/// The ways of voting: completed without a space, as a colon may follow.
const VOTE_WORDS: [&str; 3] = ["in favour", "against", "abstaining"];

/// The start of the word ending at `pos` (words may contain `-`, `_` and `:`).
// BOUND: `i` is where a character of `before` starts, so adding its length gives where it ends,
// at most `before.len()`.
#[allow(clippy::arithmetic_side_effects)]
fn word_start(line: &str, pos: usize) -> usize {
    let before = line.get(..pos).unwrap_or("");
    before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '_' | ':')))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Completion candidates for the word ending at `pos`.
pub fn completions(engine: &Engine, line: &str, pos: usize) -> (usize, Vec<String>) {
    let start = word_start(line, pos);
    let word = line.get(start..pos).unwrap_or("");
    let mut candidates: Vec<String> = Vec::new();
    if start == 0 && word.starts_with(':') {
        candidates.extend(COMMANDS.iter().map(|(c, _, _)| (*c).to_string()).filter(|c| c.starts_with(word)));
        return (start, candidates);
    }
    // After `:elections `, election names.
    if let Some(found) = super::elections::election_names(engine, line, pos) {
        return found;
    }
    // After `:weights ` or `:explain `, decision names.
    let wants_decision = line.starts_with(":weights") || line.starts_with(":explain");
    if let Some(agreement) = engine.agreement() {
        if wants_decision {
            // BOUND: `i` is where a blank of `line` starts, so one more is at most `line.len()`.
            #[allow(clippy::arithmetic_side_effects)]
            let first = line.find(char::is_whitespace).map_or(line.len(), |i| i + 1);
            let typed = line.get(first..pos).unwrap_or("").trim_start_matches('"');
            let names: Vec<String> =
                agreement.decisions.iter().map(|d| d.name.clone()).filter(|n| n.starts_with(typed)).collect();
            return (first.min(pos), names);
        }
        candidates.extend(agreement.members.iter().map(|m| m.key.clone()));
        candidates.extend(agreement.kinds.iter().map(|k| k.name.clone()));
        candidates.extend(agreement.blocs.iter().map(|b| b.key.clone()));
    }
    // Keywords and phrases are completed with the space that follows them, except the ways of
    // voting, which a colon follows in a proposal (`in favour: hhft`).
    let phrase = |k: &str| {
        if VOTE_WORDS.contains(&k) {
            k.to_string()
        } else {
            format!("{k} ")
        }
    };
    candidates.extend(KEYWORDS.iter().map(|k| phrase(k)));
    candidates.extend(BLOCK_KEYWORDS.iter().map(|k| phrase(k)));
    candidates.extend(super::elections::ELECTION_WORDS.iter().map(|k| phrase(k)));
    candidates.retain(|c| !word.is_empty() && c.starts_with(word) && c != word);
    candidates.sort();
    candidates.dedup();
    (start, candidates)
}

/// A greyed suggestion after the cursor: the rest of a command with its arguments, or of the
/// only keyword, member or kind that fits.
pub fn hint(engine: &Engine, line: &str, pos: usize) -> Option<String> {
    if pos < line.len() || line.is_empty() {
        return None;
    }
    if line.starts_with(':') && !line.contains(' ') {
        let (command, args, _) = COMMANDS.iter().find(|(c, _, _)| c.starts_with(line))?;
        let rest = command.get(line.len()..).unwrap_or("");
        return Some(if args.is_empty() { rest.to_string() } else { format!("{rest} {args}") });
    }
    let (start, candidates) = completions(engine, line, pos);
    let typed = line.len().checked_sub(start)?;
    match candidates.as_slice() {
        [only] if typed >= 2 => only.get(typed..).map(str::to_string),
        _ => None,
    }
}

/// Whether an input is complete. A command is. A block (its first line starts at the left
/// margin with a block keyword) goes on until an empty line; so does any input while a
/// parenthesis or a quote is open.
pub fn is_complete(input: &str) -> bool {
    let trimmed = input.trim_start();
    if trimmed.starts_with(':') || trimmed.is_empty() {
        return true;
    }
    if is_open(input) {
        return false;
    }
    if !starts_block(input) {
        return true;
    }
    // A block ends with an empty line.
    input.contains('\n') && input.rsplit('\n').next().is_some_and(|last| last.trim().is_empty())
}

/// Whether `line`, coming after the unfinished input `pending`, ends the block in it without
/// belonging to it: a block's clauses are indented, so a command or the header of the next
/// block, at the left margin, starts a new input, as it would in a file. This is what keeps a
/// pasted agreement whole when the terminal does not mark pastes (no bracketed paste), or when
/// lines come from a pipe. Any other line stays in the block, so that a clause typed without
/// its indentation is reported as such.
pub fn ends_block(pending: &str, line: &str) -> bool {
    !pending.trim().is_empty()
        && starts_block(pending)
        && !is_open(pending)
        && (line.starts_with(':') || line.starts_with(|c: char| c.is_alphanumeric()) && starts_block(line))
}

/// An input whose last line, at the left margin, ends the block before it (see [`ends_block`]):
/// the block, and that line. A terminal submits such an input as soon as the line is entered,
/// and the line is then read as the start of the next input.
pub fn split_next(input: &str) -> Option<(&str, &str)> {
    let (block, last) = input.rsplit_once('\n')?;
    ends_block(block, last).then_some((block, last))
}

/// Whether the input opens with a block's header.
fn starts_block(input: &str) -> bool {
    let first_word = input.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    BLOCK_KEYWORDS.iter().any(|k| k.split(' ').next() == Some(first_word))
}

/// Whether a parenthesis is left open, or a quote on the last line.
fn is_open(input: &str) -> bool {
    let mut depth = 0i64;
    let mut in_string = false;
    for line in input.lines() {
        in_string = false;
        for c in line.chars() {
            match c {
                '"' => in_string = !in_string,
                '#' if !in_string => break,
                // BOUND: the depth moves by one per character, and a `str` has at most `isize::MAX`
                // of them, no more than `i64::MAX`.
                #[allow(clippy::arithmetic_side_effects)]
                '(' if !in_string => depth += 1,
                // BOUND: as above.
                #[allow(clippy::arithmetic_side_effects)]
                ')' if !in_string => depth -= 1,
                _ => {}
            }
        }
    }
    depth > 0 || in_string
}

/// ANSI colours for keywords, strings, figures and comments. Keeps the display width.
pub fn highlight(line: &str) -> String {
    use crate::report::style::{push_painted, COMMAND, COMMENT, FIGURE, KEYWORD, STRING};
    let mut out = String::with_capacity(line.len().saturating_add(32));
    let mut rest = line;
    if line.starts_with(':') {
        let end = line.find(char::is_whitespace).unwrap_or(line.len());
        push_painted(&mut out, line.get(..end).unwrap_or(""), COMMAND);
        out.push_str(line.get(end..).unwrap_or(""));
        return out;
    }
    let words: Vec<&str> = KEYWORDS.iter().chain(BLOCK_KEYWORDS.iter()).flat_map(|k| k.split(' ')).collect();
    while let Some(c) = rest.chars().next() {
        if c == '#' {
            push_painted(&mut out, rest, COMMENT);
            break;
        }
        if c == '"' {
            // BOUND: `i` is where the closing quote starts in `rest` after its first byte, so
            // `i + 2` is where that quote ends, at most `rest.len()`.
            #[allow(clippy::arithmetic_side_effects)]
            let end = rest.get(1..).and_then(|r| r.find('"')).map_or(rest.len(), |i| i + 2);
            push_painted(&mut out, rest.get(..end).unwrap_or(rest), STRING);
            rest = rest.get(end..).unwrap_or("");
            continue;
        }
        if c.is_alphanumeric() || matches!(c, '£' | '€' | '$') {
            let end = rest
                .char_indices()
                .find(|(i, ch)| *i > 0 && !(ch.is_alphanumeric() || matches!(ch, '-' | '_' | ',' | '.' | '%' | '/')))
                .map_or(rest.len(), |(i, _)| i);
            let word = rest.get(..end).unwrap_or(rest);
            let word = word.trim_end_matches([',', '.']);
            let colour = if word.starts_with(|ch: char| ch.is_ascii_digit() || matches!(ch, '£' | '€' | '$')) {
                Some(FIGURE)
            } else if words.contains(&word) {
                Some(KEYWORD)
            } else {
                None
            };
            match colour {
                Some(style) => push_painted(&mut out, word, style),
                None => out.push_str(word),
            }
            rest = rest.get(word.len()..).unwrap_or("");
            continue;
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Colour;

    fn engine() -> Engine {
        let mut e = Engine::new(Colour::Off);
        e.handle("member hhft \"Hospital\"\n  kinds acute\n");
        e.handle("member hhsc \"Social care\"\n  kinds social-care\n");
        e.handle("decision \"change financial flows\"\n  passes if unanimous\n");
        e
    }

    #[test]
    fn completes_member_ids_and_commands() {
        let e = engine();
        let (start, candidates) = completions(&e, "passes if hh", 12);
        assert_eq!(start, 10);
        assert_eq!(candidates, vec!["hhft".to_string(), "hhsc".to_string()]);
        let (_, candidates) = completions(&e, ":we", 3);
        assert_eq!(candidates, vec![":weights".to_string()]);
        let (start, candidates) = completions(&e, ":explain ch", 11);
        assert_eq!((start, candidates), (9, vec!["change financial flows".to_string()]));
        let (_, candidates) = completions(&e, "  kinds soc", 11);
        assert_eq!(candidates, vec!["social-care".to_string()]);
    }

    #[test]
    fn phrases_are_completed_with_a_space() {
        let e = engine();
        assert_eq!(completions(&e, "  pass", 6), (2, vec!["passes if ".to_string()]));
        assert_eq!(completions(&e, "  passes if unan", 16).1, vec!["unanimous ".to_string()]);
        assert_eq!(completions(&e, "kin", 3).1, vec!["kinds ".to_string()]);
        // A word typed in full still gets its space.
        assert_eq!(completions(&e, "  kinds", 7).1, vec!["kinds ".to_string()]);
        // The ways of voting take a colon in a proposal, so no space.
        assert_eq!(completions(&e, "  agai", 6).1, vec!["against".to_string()]);
    }

    #[test]
    fn a_line_at_the_left_margin_ends_a_block() {
        assert!(ends_block("member x \"X\"\n  budget £1m", ":members"));
        assert!(ends_block("member x \"X\"\n  budget £1m", "member y \"Y\""));
        assert!(!ends_block("member x \"X\"", "  budget £1m"));
        assert!(!ends_block("member x \"X\"", "# a note"));
        // A clause without its indentation stays in the block, to be reported there.
        assert!(!ends_block("member x \"X\"", "kinds acute"));
        assert!(!ends_block("", ":members"));
        assert!(!ends_block(":members", ":rules"));
        assert!(!ends_block("decision \"d\"\n  passes if (a in favour", "or b in favour)"));
    }

    #[test]
    fn a_block_and_the_line_after_it_are_split() {
        assert_eq!(split_next("member x\n  budget £1m\n:members"), Some(("member x\n  budget £1m", ":members")));
        assert_eq!(split_next("member x\n  budget £1m\nmember y"), Some(("member x\n  budget £1m", "member y")));
        assert_eq!(split_next("member x\n  budget £1m"), None);
        assert_eq!(split_next(":members"), None);
    }

    #[test]
    fn hints_finish_commands_with_their_arguments() {
        let e = engine();
        assert_eq!(hint(&e, ":exp", 4).as_deref(), Some("lain DECISION"));
        assert_eq!(hint(&e, "  passes if hhf", 15).as_deref(), Some("t"));
    }

    #[test]
    fn blocks_end_with_an_empty_line() {
        assert!(is_complete(":members"));
        assert!(!is_complete("member x \"X\""));
        assert!(!is_complete("member x \"X\"\n  budget £1m"));
        assert!(is_complete("member x \"X\"\n  budget £1m\n"));
        assert!(!is_complete("decision \"d\"\n  passes if (a in favour\n"));
    }

    #[test]
    fn highlighting_keeps_the_text() {
        let line = "  passes if at least 70% of eligible votes in favour # note";
        let coloured = highlight(line);
        let plain: String = {
            let mut s = String::new();
            let mut chars = coloured.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '\x1b' {
                    for d in chars.by_ref() {
                        if d == 'm' {
                            break;
                        }
                    }
                } else {
                    s.push(c);
                }
            }
            s
        };
        assert_eq!(plain, line);
        let keyword = crate::report::style::KEYWORD;
        assert!(coloured.contains(&format!("{}passes{}", keyword.render(), keyword.render_reset())));
    }
}
