//! Where a long clause breaks: at a space outside quotes, never inside the grammar's words that
//! go together ("in favour", "lead provider"), and only where the clause still reads the same.

use std::sync::OnceLock;

use super::{split_comment, FURTHER};
use crate::syntax;

/// How many readings of a clause the careful way may take, one per break tried. A clause the
/// reader accepts can be 64 KiB long, hundreds of lines once laid out; reading it again for each
/// break was quadratic (a rule of 64 KB took minutes).
const MAX_CAREFUL_READINGS: usize = 64;

/// Breaks the lines of a clause that run past the width, where the clause still reads the same.
///
/// First every long line is broken at the latest space that fits, and the clause read once; when
/// it reads the same (nearly always) that is the answer. A clause that would grow past the
/// reader's limit is left as it is. Otherwise a break at a time, each one
/// read, within [`MAX_CAREFUL_READINGS`]: a line that no break reads the same at stays long.
pub(super) fn break_clause(lines: &[String], width: usize, header: Option<&str>) -> Vec<String> {
    if lines.iter().all(|l| split_comment(l).0.chars().count() <= width) {
        return lines.to_vec();
    }
    let Some(header) = header else { return lines.to_vec() };
    let original = lines.join("\n");
    let greedy: Vec<String> = lines.iter().flat_map(|line| break_greedily(line, width)).collect();
    let broken = greedy.join("\n");
    if broken.len() > syntax::MAX_CLAUSE_BYTES {
        // Each break adds an indentation: a clause near the reader's limit, laid out, would pass
        // it. It stays as the drafter wrote it, and stays so when formatted again.
        return lines.to_vec();
    }
    if syntax::same_clause(header, &original, &broken) {
        return greedy;
    }
    let mut readings = 0usize;
    let mut current: Vec<String> = lines.to_vec();
    let mut i = 0;
    while let Some(line) = current.get(i).cloned() {
        let (code, comment) = split_comment(&line);
        if code.chars().count() <= width || code.trim_start().starts_with('#') {
            i = i.saturating_add(1);
            continue;
        }
        for at in break_points(code, width) {
            if readings >= MAX_CAREFUL_READINGS {
                return current;
            }
            readings = readings.saturating_add(1);
            let candidate = with_break(&current, i, code, comment, at);
            if syntax::same_clause(header, &original, &candidate.join("\n")) {
                current = candidate;
                break;
            }
        }
        i = i.saturating_add(1);
    }
    current
}

/// One long line broken at the latest space that fits, again and again; its comment stays on
/// the last part. A line with no such space stays as it is.
fn break_greedily(line: &str, width: usize) -> Vec<String> {
    let (code, comment) = split_comment(line);
    if code.chars().count() <= width || code.trim_start().starts_with('#') {
        return vec![line.to_string()];
    }
    let mut parts = Vec::new();
    let mut rest = code.to_string();
    while rest.chars().count() > width {
        let Some(&at) = break_points(&rest, width).first() else { break };
        let (first, tail) = (rest.get(..at).unwrap_or(""), rest.get(at..).unwrap_or("").trim_start());
        parts.push(first.trim_end().to_string());
        rest = format!("{FURTHER}{tail}");
    }
    if let Some((_, comment)) = comment {
        rest.push_str("  ");
        rest.push_str(comment);
    }
    parts.push(rest);
    parts
}

/// `lines` with line `i` (whose code is `code`) broken at byte `at`, its comment moved to the
/// second part.
fn with_break(lines: &[String], i: usize, code: &str, comment: Option<(usize, &str)>, at: usize) -> Vec<String> {
    let (first, rest) = (code.get(..at).unwrap_or(""), code.get(at..).unwrap_or("").trim_start());
    let mut second = format!("{FURTHER}{rest}");
    if let Some((_, comment)) = comment {
        second.push_str("  ");
        second.push_str(comment);
    }
    let mut candidate = lines.to_vec();
    candidate.splice(i..=i, [first.trim_end().to_string(), second]);
    candidate
}

/// The spaces, outside quotes and after the indentation, where a line could break so that its
/// first part fits the width, the latest first; at most a handful, so a line that no break reads
/// the same costs little.
fn break_points(code: &str, width: usize) -> Vec<usize> {
    let indent = code.len().saturating_sub(code.trim_start().len());
    // A phrase that starts within the width ends at most a phrase's length after it.
    let reach = width.saturating_mul(4).saturating_add(256);
    let inside = spaces_inside_phrases(code, reach);
    let mut points = Vec::new();
    let mut in_string = false;
    for (column, (i, c)) in code.char_indices().enumerate() {
        match c {
            '"' => in_string = !in_string,
            ' ' if !in_string && i > indent && column <= width && !inside.contains(&i) => points.push(i),
            _ if column > width => break,
            _ => {}
        }
    }
    points.reverse();
    // A rule reads best broken before its `and` or `or`, the way drafters set out conditions
    // (`passes if …` / `    and …`): those breaks come first, the outermost first, then the
    // latest space that fits. A connective too near the start would leave a stub of a line.
    let connectives = connective_breaks(code, width);
    let mut ordered: Vec<usize> = connectives.iter().map(|(_, at)| *at).filter(|at| points.contains(at)).collect();
    ordered.extend(points.into_iter().filter(|p| !connectives.iter().any(|(_, at)| at == p)));
    ordered.truncate(12);
    ordered
}

/// The spaces before an `and` or an `or` outside quotes, within the width and past a third of
/// it, as (depth in parentheses, offset): the outermost first, then the latest.
fn connective_breaks(code: &str, width: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let (mut depth, mut in_string) = (0usize, false);
    for (column, (i, c)) in code.char_indices().enumerate() {
        if column > width {
            break;
        }
        match c {
            '"' => in_string = !in_string,
            '(' if !in_string => depth = depth.saturating_add(1),
            ')' if !in_string => depth = depth.saturating_sub(1),
            ' ' if !in_string && column > width / 3 => {
                let next = code.get(i.saturating_add(1)..).unwrap_or("");
                if next.starts_with("and ") || next.starts_with("or ") {
                    found.push((depth, i));
                }
            }
            _ => {}
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    found
}

/// The grammar's words that go together with one space between them (`in favour`, `more than`,
/// `lead provider`, `in proportion to`): read from the grammar itself, so a new phrase is known
/// here the day it is added. A line broken inside one no longer reads.
fn phrases() -> &'static [String] {
    static PHRASES: OnceLock<Vec<String>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let grammar = include_str!("../../grammar/concord.pest");
        let mut found: Vec<String> = Vec::new();
        for line in grammar.lines() {
            let code = line.split("//").next().unwrap_or("");
            for (i, literal) in code.split('"').enumerate() {
                // Odd pieces are inside quotes (the grammar's literals hold no escaped quotes).
                if i % 2 == 1 && is_phrase(literal) && !found.iter().any(|f| f == literal) {
                    found.push(literal.to_string());
                }
            }
        }
        found
    })
}

/// Words with single spaces between them (not the grammar's lone `" "`).
fn is_phrase(literal: &str) -> bool {
    literal.contains(' ') && literal.trim() == literal && !literal.contains("  ")
}

/// The byte offsets of the spaces inside a phrase of [`phrases`] in `code`, looking no further
/// than `reach` bytes.
fn spaces_inside_phrases(code: &str, reach: usize) -> Vec<usize> {
    let mut end = reach.min(code.len());
    while !code.is_char_boundary(end) {
        end = end.saturating_add(1);
    }
    let window = code.get(..end).unwrap_or(code);
    let mut inside = Vec::new();
    for phrase in phrases() {
        for (start, _) in window.match_indices(phrase.as_str()) {
            for (offset, c) in phrase.char_indices() {
                if c == ' ' {
                    inside.push(start.saturating_add(offset));
                }
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grammar_phrases_are_known() {
        let phrases = phrases();
        for phrase in ["in favour", "lead provider", "in proportion to", "two thirds"] {
            assert!(phrases.iter().any(|p| p == phrase), "{phrase} is not among {phrases:?}");
        }
        assert!(phrases.iter().all(|p| p.contains(' ')));
    }

    #[test]
    fn no_break_inside_a_phrase() {
        let code = "  passes if m1 in favour and m2 in favour";
        for width in 10..code.len() {
            for at in break_points(code, width) {
                let (before, after) = (&code[..at], &code[at + 1..]);
                assert!(!(before.ends_with(" in") && after.starts_with("favour")), "broke at {at} for {width}");
            }
        }
    }

    #[test]
    fn a_long_rule_breaks_everywhere_with_one_reading() {
        let rule = (0..400).map(|i| format!("(m{} in favour and m{} against)", i % 3, (i + 1) % 3)).collect::<Vec<_>>();
        let lines = vec![format!("  passes if {}", rule.join(" or "))];
        let broken = break_clause(&lines, 100, Some("decision \"d\""));
        assert!(broken.len() > 100);
        assert!(broken.iter().all(|l| l.chars().count() <= 100), "{broken:?}");
    }
}
