//! `concord fmt` and the REPL's `:save`: a file's layout made canonical, its words left alone.
//!
//! The formatter changes layout only. Every word, figure and comment stays as the drafter wrote
//! it; what changes is where the lines start and how they break:
//!
//! - a block's header starts its line; each clause is indented two spaces, and every further
//!   line of a clause four;
//! - runs of spaces and tabs between words become one space (inside quotes nothing changes);
//! - a comment at the end of a line keeps its column, moved with the line's indentation, so
//!   comments aligned by the drafter stay aligned; it is never closer than two spaces to the text;
//! - a comment on a line of its own keeps its line: at the start of the line where the drafter
//!   wrote it there, inside a clause at the clause's further-line indentation, and otherwise at the
//!   clause indentation;
//! - blank lines are kept, but never more than one in a row, none at the start or end of the file,
//!   and a header that follows a clause directly gets one before it (before its comments, if any);
//! - a clause line longer than the width (100 columns unless told) is broken at a space, onto a
//!   further line of the clause; a line that cannot be broken (one long quoted name) stays long;
//! - line endings become `\n`, a byte-order mark is dropped, the file ends with one line break.
//!
//! The reader treats a line break inside a clause as a space, so none of this changes what the
//! file says; the formatter checks it does not, by reading its output and comparing the two
//! readings (spans aside), and refuses to return a text that reads differently.

mod breaks;
mod error;
mod values;

use breaks::break_clause;

pub use error::FormatDiagnostic;
pub use values::{date, grouped, plain, proportion};

use crate::syntax::{self, LayoutUnit};

/// The width a formatted line keeps within, unless a command says otherwise.
pub const DEFAULT_WIDTH: usize = 100;

/// Why a text could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The laid-out text would read differently from the original (a fault of the formatter,
    /// never of the file: the file is left as it is).
    ChangesMeaning,
    /// Laid out, a clause near the reader's limit would grow past it.
    ClauseTooLong { size: usize, limit: usize },
}

/// The role of one source line in the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    /// A comment on a line of its own, outside any clause.
    Comment,
    Header,
    /// The first line of a clause.
    Clause,
    /// A further line of a clause.
    Further,
    /// A comment line between the lines of a clause.
    InnerComment,
}

struct SourceLine<'s> {
    role: Role,
    /// The line without its indentation or line break.
    text: &'s str,
    /// Its indentation, in characters.
    indent: usize,
}

/// Lays out a text that reads without syntax errors. The result reads as the same file.
pub fn layout(source: &str, width: usize) -> Result<String, FormatError> {
    let text = normalise_line_endings(source);
    let before = syntax::parse(&text);
    let mut too_long = None;
    // A break that reads differently should have been caught clause by clause; without
    // breaking, the layout changes only blanks, which the reader ignores.
    for width in [width, usize::MAX] {
        let laid_out = lay_out(&text, width);
        let after = syntax::parse(&laid_out);
        if after.errors.is_empty() && before.errors.is_empty() && after.file == before.file {
            return Ok(laid_out);
        }
        too_long = too_long.or_else(|| {
            after.errors.iter().find_map(|e| match e {
                syntax::SyntaxError::ClauseTooLong { size, limit, .. } => Some((*size, *limit)),
                _ => None,
            })
        });
    }
    Err(match too_long {
        Some((size, limit)) => FormatError::ClauseTooLong { size, limit },
        None => FormatError::ChangesMeaning,
    })
}

fn normalise_line_endings(source: &str) -> String {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    source.replace("\r\n", "\n").replace('\r', "\n")
}

fn classify(text: &str) -> Vec<SourceLine<'_>> {
    let units = syntax::layout(text);
    let mut lines: Vec<SourceLine<'_>> = Vec::new();
    let mut offset = 0usize;
    let mut unit = units.iter().peekable();
    for piece in text.split_inclusive('\n') {
        let start = offset;
        offset = offset.saturating_add(piece.len());
        let body = piece.strip_suffix('\n').unwrap_or(piece);
        let trimmed = body.trim_start_matches([' ', '\t', '\u{a0}']);
        let indent = body.chars().count().saturating_sub(trimmed.chars().count());
        let trimmed = trimmed.trim_end_matches([' ', '\t', '\u{a0}']);
        // Units after this line are not reached yet; units that ended before it are done.
        while unit.peek().is_some_and(|u| u.span().end < start) {
            unit.next();
        }
        let inside = unit.peek().filter(|u| u.span().start < offset && start <= u.span().end);
        let role = match inside {
            _ if trimmed.is_empty() => Role::Blank,
            Some(u) if trimmed.starts_with('#') => {
                if matches!(u, LayoutUnit::Clause(_)) && u.span().start < start {
                    Role::InnerComment
                } else {
                    Role::Comment
                }
            }
            None => Role::Comment,
            Some(LayoutUnit::Header(_)) => Role::Header,
            Some(LayoutUnit::Clause(span)) if span.start >= start => Role::Clause,
            Some(LayoutUnit::Clause(_)) => Role::Further,
        };
        lines.push(SourceLine { role, text: trimmed, indent });
    }
    lines
}

/// A line's text cut into what is read and its end-of-line comment (with the comment's column
/// within the text).
pub(super) fn split_comment(text: &str) -> (&str, Option<(usize, &str)>) {
    let mut in_string = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => {
                let code = text.get(..i).unwrap_or("").trim_end();
                let column = text.get(..i).unwrap_or("").chars().count();
                return (code, Some((column, text.get(i..).unwrap_or(""))));
            }
            _ => {}
        }
    }
    (text, None)
}

/// Runs of blanks between words made one space, leaving quoted text alone.
fn single_spaced(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut in_string = false;
    let mut blank = false;
    for c in code.chars() {
        if in_string {
            out.push(c);
            in_string = c != '"';
            continue;
        }
        if matches!(c, ' ' | '\t' | '\u{a0}') {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            out.push(' ');
        }
        blank = false;
        in_string = c == '"';
        out.push(c);
    }
    out
}

const CLAUSE: &str = "  ";
pub(super) const FURTHER: &str = "    ";

fn lay_out(text: &str, width: usize) -> String {
    let lines = classify(text);
    let mut out: Vec<String> = Vec::new();
    // Blank lines seen and not yet written: written, as one, before the next line.
    let mut pending_blank = false;
    // Where the header that owns the clauses being written is, for checking a line break.
    let mut header: Option<String> = None;
    // A clause being gathered: its lines as laid out without breaking.
    let mut clause: Vec<String> = Vec::new();
    let mut last_code = Role::Blank;

    let flush = |clause: &mut Vec<String>, out: &mut Vec<String>, header: &Option<String>| {
        if clause.is_empty() {
            return false;
        }
        // Blank lines after a clause's last line belong between it and what follows.
        let mut trailing_blank = false;
        while clause.last().is_some_and(String::is_empty) {
            clause.pop();
            trailing_blank = true;
        }
        let broken = break_clause(clause, width, header.as_deref());
        out.extend(broken);
        clause.clear();
        trailing_blank
    };

    for (i, line) in lines.iter().enumerate() {
        if line.role != Role::Further && line.role != Role::InnerComment && line.role != Role::Blank {
            pending_blank |= flush(&mut clause, &mut out, &header);
        }
        match line.role {
            Role::Blank => {
                if clause.is_empty() {
                    pending_blank = !out.is_empty();
                } else if !clause.last().is_some_and(String::is_empty) {
                    clause.push(String::new());
                }
                continue;
            }
            Role::Comment => {
                let next_is_header = lines
                    .get(i.saturating_add(1)..)
                    .and_then(|rest| rest.iter().find(|l| !matches!(l.role, Role::Blank | Role::Comment)))
                    .is_none_or(|l| l.role == Role::Header);
                // Comments that lead into a header directly after a clause get the header's blank line.
                let follows_code = out.last().is_some_and(|l| !l.is_empty() && !l.trim_start().starts_with('#'));
                if next_is_header
                    && line.indent == 0
                    && follows_code
                    && matches!(last_code, Role::Clause | Role::Further)
                {
                    pending_blank = true;
                }
                push(
                    &mut out,
                    &mut pending_blank,
                    format!("{}{}", if line.indent == 0 { "" } else { CLAUSE }, line.text),
                );
            }
            Role::Header => {
                if matches!(last_code, Role::Clause | Role::Further)
                    && !out.last().is_some_and(|l| l.trim_start().starts_with('#'))
                {
                    pending_blank = true;
                }
                let laid = code_line("", line);
                header = Some(split_comment(&laid).0.to_string());
                push(&mut out, &mut pending_blank, laid);
                last_code = Role::Header;
            }
            Role::Clause => {
                if pending_blank && out.last().is_some_and(|l| !l.is_empty()) {
                    out.push(String::new());
                }
                pending_blank = false;
                clause.push(code_line(CLAUSE, line));
                last_code = Role::Clause;
            }
            Role::Further => {
                clause.push(code_line(FURTHER, line));
                last_code = Role::Further;
            }
            Role::InnerComment => clause.push(format!("{FURTHER}{}", line.text)),
        }
    }
    let _ = flush(&mut clause, &mut out, &header);
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn push(out: &mut Vec<String>, pending_blank: &mut bool, line: String) {
    if *pending_blank && out.last().is_some_and(|l| !l.is_empty()) {
        out.push(String::new());
    }
    *pending_blank = false;
    out.push(line);
}

/// One line of code at its new indentation, its end-of-line comment kept at its column.
fn code_line(indent: &str, line: &SourceLine<'_>) -> String {
    let (code, comment) = split_comment(line.text);
    let mut laid = format!("{indent}{}", single_spaced(code));
    if let Some((column, comment)) = comment {
        if code.is_empty() {
            laid.push_str(comment);
            return laid;
        }
        // The comment's column, moved as far as the line's indentation moved.
        let wanted = column.saturating_add(indent.len());
        let at_least = laid.chars().count().saturating_add(2);
        let pad = wanted.max(at_least).saturating_sub(laid.chars().count());
        laid.push_str(&" ".repeat(pad));
        laid.push_str(comment);
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        layout(text, DEFAULT_WIDTH).unwrap_or_else(|e| {
            let laid = lay_out(text, DEFAULT_WIDTH);
            panic!("{e:?}: {:?}\n{laid}", crate::syntax::parse(&laid).errors)
        })
    }

    #[test]
    fn words_stay_and_layout_changes() {
        let text = "agreement  \"T\"\n    currency GBP\nmember x \"X\"\n      budget   £1000000\n";
        assert_eq!(fmt(text), "agreement \"T\"\n  currency GBP\n\nmember x \"X\"\n  budget £1000000\n");
    }

    #[test]
    fn comments_keep_their_lines_and_columns() {
        let text = "# The network\n\nagreement \"T\"   # title\n  currency GBP\n\n  # the members\nmember x \"X\"\n  host            # hosts it\n  budget £1  # b\n";
        assert_eq!(
            fmt(text),
            "# The network\n\nagreement \"T\"   # title\n  currency GBP\n\n  # the members\nmember x \"X\"\n  host            # hosts it\n  budget £1  # b\n"
        );
    }

    #[test]
    fn further_lines_and_their_comments() {
        let text = "decision \"d\"\n  passes if hhft in favour\n        # why\n     and lbh in favour  # b\n  lbh may veto\nmember hhft\nmember lbh\n";
        assert_eq!(
            fmt(text),
            "decision \"d\"\n  passes if hhft in favour\n    # why\n    and lbh in favour  # b\n  lbh may veto\n\nmember hhft\nmember lbh\n"
        );
    }

    #[test]
    fn blank_lines_are_kept_once() {
        let text = "\n\nagreement \"T\"\n\n\n\n  currency GBP\n\n\n";
        assert_eq!(fmt(text), "agreement \"T\"\n\n  currency GBP\n");
    }

    #[test]
    fn long_clauses_break_within_the_width() {
        let members: Vec<String> = (0..30).map(|i| format!("member{i}")).collect();
        let mut text = String::from("agreement \"T\"\n");
        for m in &members {
            text.push_str(&format!("member {m}\n"));
        }
        let rule: Vec<String> = members.iter().map(|m| format!("{m} in favour")).collect();
        text.push_str(&format!("decision \"d\"\n  passes if {}\n", rule.join(" and ")));
        assert!(crate::syntax::parse(&text).errors.is_empty());
        let laid = fmt(&text);
        assert!(laid.lines().all(|l| l.chars().count() <= DEFAULT_WIDTH), "{laid}");
        assert_eq!(fmt(&laid), laid, "formatting twice changes nothing");
    }

    #[test]
    fn a_long_rule_breaks_before_its_outermost_and() {
        let text = "agreement \"T\"\n\nmember aa\nmember bb\n\ndecision \"d\"\n  passes if more than half of eligible votes in favour and (aa in favour or at least two thirds of eligible members in favour)\n";
        let laid = fmt(text);
        assert!(
            laid.contains("  passes if more than half of eligible votes in favour\n    and (aa in favour or at least two thirds of eligible members in favour)\n"),
            "{laid}"
        );
        assert_eq!(fmt(&laid), laid, "formatting twice changes nothing");
    }

    #[test]
    fn a_long_name_stays_long() {
        let name = "x".repeat(150);
        let text = format!("agreement \"{name}\"\n  currency GBP\n");
        assert_eq!(fmt(&text), text);
    }

    #[test]
    fn line_endings_and_the_byte_order_mark() {
        assert_eq!(fmt("\u{feff}agreement \"T\"\r\n  currency GBP\r\n"), "agreement \"T\"\n  currency GBP\n");
        assert_eq!(fmt("agreement \"T\"\r  currency GBP"), "agreement \"T\"\n  currency GBP\n");
    }
}
