//! Text in, syntax tree and syntax errors out.
//!
//! The file is cut into units first: header lines (at the start of a line) and clauses (indented,
//! with their continuation lines). Each unit is read on its own by the pest grammar in
//! `grammar/concord.pest`, so one mistake costs one diagnostic and reading goes on. Limits are
//! checked before pest sees anything: file size, clause length and parenthesis depth, so no
//! input can exhaust the stack or hang the reader.

use pest::Parser;

use super::ast::{Block, Clause, File, Header};
use super::build::Builder;
use super::error::SyntaxError;
use super::expected;
pub(crate) use super::grammar::Rule;
use super::grammar::{BlockKind, ConcordParser};
use super::repair;
use crate::span::{Span, Spanned};

/// The largest file Concord reads, in bytes (8 MiB: the largest real agreement is under 1 MiB).
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The longest single clause, in bytes, continuation lines included.
pub const MAX_CLAUSE_BYTES: usize = 64 * 1024;
/// The deepest nesting of parentheses in a rule.
pub const MAX_NESTING: usize = 32;

/// The result of reading a file: the tree of what could be read, and every problem found.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Every block whose header could be read, with the clauses that could be read.
    pub file: File,
    /// Every problem, in the order found.
    pub errors: Vec<SyntaxError>,
}

/// Reads a whole file.
pub fn parse(source: &str) -> Parsed {
    let mut parsed = Parsed::default();
    if source.len() > MAX_FILE_BYTES {
        parsed.errors.push(SyntaxError::FileTooLarge {
            size: source.len(),
            limit: MAX_FILE_BYTES,
            at: Span::new(0, 0).into(),
        });
        return parsed;
    }

    parsed.errors.extend(indentation(source));
    let mut current: Option<(BlockKind, Block)> = None;
    // After a header that could not be read, its clauses are skipped quietly.
    let mut skipping = false;
    for unit in units(source) {
        match unit.kind {
            UnitKind::Header => match read_header(source, unit.span, &mut parsed.errors) {
                Some(header) => {
                    if let Some((_, block)) = current.take() {
                        parsed.file.blocks.push(block);
                    }
                    let kind = BlockKind::of(&header.node);
                    let span = header.span;
                    current = Some((kind, Block { header, clauses: Vec::new(), unreadable: 0, span }));
                    skipping = false;
                }
                None => {
                    // A clause that lost its indentation is a better reading than a bad header.
                    if let Some((kind, block)) = current.as_mut().filter(|_| !skipping) {
                        if let Some(clause) = read_clause_quietly(source, unit.span, *kind) {
                            parsed.errors.pop();
                            parsed.errors.push(SyntaxError::UnindentedClause { at: unit.span.into() });
                            block.span = block.span.join(unit.span);
                            block.clauses.push(clause);
                            continue;
                        }
                    }
                    if let Some((_, block)) = current.take() {
                        parsed.file.blocks.push(block);
                    }
                    skipping = true;
                }
            },
            UnitKind::Clause => {
                if skipping {
                    continue;
                }
                let Some((kind, block)) = current.as_mut() else {
                    parsed.errors.push(SyntaxError::ClauseOutsideBlock { at: unit.span.into() });
                    skipping = true;
                    continue;
                };
                block.span = block.span.join(unit.span);
                match read_clause(source, unit.span, *kind, &mut parsed.errors, true) {
                    Some(clause) => block.clauses.push(clause),
                    // BOUND: one more per clause of the block, and there are fewer clauses than bytes in the file.
                    #[allow(clippy::arithmetic_side_effects)]
                    None => block.unreadable += 1,
                }
            }
        }
    }
    if let Some((_, block)) = current.take() {
        parsed.file.blocks.push(block);
    }
    if let Some(not_concord) = not_concord(&parsed) {
        parsed.errors = vec![not_concord];
    }
    parsed
}

/// How many lines that begin no block make a file most likely not a Concord file at all; one
/// or two are a Concord file with mistyped headers.
const NOT_CONCORD_LINES: usize = 3;

/// A file most of whose unindented lines begin no block is most likely not a Concord file (a
/// README with an example in it, notes, a spreadsheet export): one diagnostic says so, rather
/// than one per line. "Most" is more than twice as many such lines as block headers read.
fn not_concord(parsed: &Parsed) -> Option<SyntaxError> {
    let strays = parsed.errors.iter().filter(|e| matches!(e, SyntaxError::UnknownBlock { .. })).count();
    let headers = parsed.file.blocks.len();
    if strays < NOT_CONCORD_LINES || strays <= headers.saturating_mul(2) {
        return None;
    }
    let first = parsed.errors.iter().find(|e| matches!(e, SyntaxError::UnknownBlock { .. }))?;
    Some(SyntaxError::NotConcord { lines: strays, at: first.span().into() })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Header,
    Clause,
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    kind: UnitKind,
    span: Span,
}

/// One line of the source: where its text starts and ends (without the line break).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    /// First byte that is not indentation.
    text_start: usize,
    end: usize,
}

/// What a line's indentation is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IndentKind {
    Spaces,
    Tabs,
    Both,
}

impl IndentKind {
    fn words(self) -> &'static str {
        match self {
            IndentKind::Spaces => "spaces",
            IndentKind::Tabs => "tabs",
            IndentKind::Both => "tabs and spaces",
        }
    }
}

/// Indentation that would make the grouping of clauses depend on invisible differences.
///
/// Lines are grouped into clauses by comparing their indentation, and a tab, a space and a
/// non-breaking space look alike on the page while counting differently. So a file must indent
/// with spaces or with tabs, not both, and with no other kind of space: the first line that
/// breaks this is reported (once each), and the file is not read as valid.
fn indentation(source: &str) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    let mut first: Option<(IndentKind, Span)> = None;
    let mut mixed = false;
    let mut odd = false;
    for line in lines(source) {
        if is_blank(source, &line) || line.text_start == line.start {
            continue;
        }
        let indent = source.get(line.start..line.text_start).unwrap_or("");
        let span = Span::new(line.start, line.text_start);
        if !odd && indent.chars().any(|c| c != ' ' && c != '\t') {
            odd = true;
            errors.push(SyntaxError::OddIndentation { at: span.into() });
        }
        let kind = match (indent.contains(' '), indent.contains('\t')) {
            (true, true) => IndentKind::Both,
            (false, true) => IndentKind::Tabs,
            (true, false) => IndentKind::Spaces,
            (false, false) => continue,
        };
        match first {
            None if kind == IndentKind::Both => {
                mixed = true;
                errors.push(SyntaxError::MixedIndentation {
                    first_kind: kind.words(),
                    this_kind: kind.words(),
                    first: span.into(),
                    at: span.into(),
                });
                first = Some((kind, span));
            }
            None => first = Some((kind, span)),
            Some((first_kind, first_span)) if !mixed && kind != first_kind => {
                mixed = true;
                errors.push(SyntaxError::MixedIndentation {
                    first_kind: first_kind.words(),
                    this_kind: kind.words(),
                    first: first_span.into(),
                    at: span.into(),
                });
            }
            Some(_) => {}
        }
        if mixed && odd {
            break;
        }
    }
    errors
}

fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{A0}')
}

// BOUND: every offset here is at most `source.len()`, and a `str` holds at most `isize::MAX`
// bytes, so the sums cannot overflow `usize`.
#[allow(clippy::arithmetic_side_effects)]
fn lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in source.split_inclusive('\n') {
        let body = piece.strip_suffix('\n').unwrap_or(piece);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let indent: usize = body.chars().take_while(|c| is_indent(*c)).map(char::len_utf8).sum();
        lines.push(Line { start, text_start: start + indent, end: start + body.len() });
        start += piece.len();
    }
    lines
}

/// Whether a line holds nothing but blanks and a comment.
fn is_blank(source: &str, line: &Line) -> bool {
    let text = source.get(line.text_start..line.end).unwrap_or("");
    text.is_empty() || text.starts_with('#')
}

/// Whether a line continues the clause above it, whatever its indentation.
fn starts_continuation(text: &str) -> bool {
    let first_word: String = text.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    text.starts_with(')') || first_word == "and" || first_word == "or"
}

/// Net parenthesis depth change over a piece of text, skipping strings and comments.
// BOUND: the depth moves by one per character, and a `str` has at most `isize::MAX` of them.
#[allow(clippy::arithmetic_side_effects)]
fn paren_balance(text: &str) -> isize {
    let mut depth = 0isize;
    let mut in_string = false;
    for c in text.chars() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => break,
            '(' if !in_string => depth += 1,
            ')' if !in_string => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// Cuts the source into header lines and clauses with their continuation lines.
// BOUND: `i`, `j` and `last` index `lines`, so adding one cannot overflow; `text_start` is
// `start` plus the indentation, so the subtractions cannot underflow; each depth change is at
// most one line's length, and the lines together are at most `isize::MAX` bytes.
#[allow(clippy::arithmetic_side_effects)]
fn units(source: &str) -> Vec<Unit> {
    let lines = lines(source);
    let mut units = Vec::new();
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        if is_blank(source, &line) {
            i += 1;
            continue;
        }
        if line.text_start == line.start {
            units.push(Unit { kind: UnitKind::Header, span: Span::new(line.start, line.end) });
            i += 1;
            continue;
        }
        let indent = line.text_start - line.start;
        let mut end = line.end;
        let mut depth = paren_balance(source.get(line.text_start..line.end).unwrap_or(""));
        let mut last = i;
        let mut j = i + 1;
        while let Some(&next) = lines.get(j) {
            if is_blank(source, &next) {
                j += 1;
                continue;
            }
            let text = source.get(next.text_start..next.end).unwrap_or("");
            let next_indent = next.text_start - next.start;
            let continues = next_indent > 0 && (next_indent > indent || depth > 0 || starts_continuation(text));
            if !continues {
                break;
            }
            depth += paren_balance(text);
            end = next.end;
            last = j;
            j += 1;
        }
        units.push(Unit { kind: UnitKind::Clause, span: Span::new(line.text_start, end) });
        i = last + 1;
    }
    units
}

/// One piece of a file's layout, as the reader cuts it: a header line, or a clause with its
/// further lines (comment and blank lines inside it included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutUnit {
    Header(Span),
    Clause(Span),
}

impl LayoutUnit {
    pub fn span(&self) -> Span {
        match self {
            LayoutUnit::Header(span) | LayoutUnit::Clause(span) => *span,
        }
    }
}

/// How the reader cuts a text into headers and clauses, in order (for `concord fmt`).
pub fn layout(source: &str) -> Vec<LayoutUnit> {
    units(source)
        .into_iter()
        .map(|unit| match unit.kind {
            UnitKind::Header => LayoutUnit::Header(unit.span),
            UnitKind::Clause => LayoutUnit::Clause(unit.span),
        })
        .collect()
}

/// Whether two layouts of a clause, each under the header line `header`, read cleanly as the
/// same clause.
pub fn same_clause(header: &str, original: &str, candidate: &str) -> bool {
    let a = parse(&format!("{header}\n{original}\n"));
    let b = parse(&format!("{header}\n{candidate}\n"));
    a.errors.is_empty() && b.errors.is_empty() && a.file == b.file
}

/// Checks the limits a unit must meet before pest reads it.
// BOUND: the depth stops at `MAX_NESTING` + 1, and `span.start + offset` is a byte of `source`,
// below `isize::MAX`, so adding one more cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn within_limits(source: &str, span: Span, errors: &mut Vec<SyntaxError>) -> bool {
    if span.len() > MAX_CLAUSE_BYTES {
        errors.push(SyntaxError::ClauseTooLong {
            size: span.len(),
            limit: MAX_CLAUSE_BYTES,
            at: Span::new(span.start, span.start).into(),
        });
        return false;
    }
    let text = source.get(span.start..span.end).unwrap_or("");
    let mut depth = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    for (offset, c) in text.char_indices() {
        match c {
            '\n' => {
                in_comment = false;
                in_string = false;
            }
            _ if in_comment => {}
            '"' => in_string = !in_string,
            '#' if !in_string => in_comment = true,
            '(' if !in_string => {
                depth += 1;
                if depth > MAX_NESTING {
                    let at = span.start + offset;
                    errors.push(SyntaxError::TooDeeplyNested { limit: MAX_NESTING, at: Span::new(at, at + 1).into() });
                    return false;
                }
            }
            ')' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// Serialises the detailed re-reading of failed units: pest's error detail is a process-wide
/// switch, and a detailed reading must not see it switched off half-way.
static DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Reads one unit. Tracking what pest expected at each point costs a third of the reading
/// time, so a unit is read plainly first and read again with detail only when it fails.
fn parse_unit(rule: Rule, text: &str) -> Result<pest::iterators::Pairs<'_, Rule>, Box<pest::error::Error<Rule>>> {
    match ConcordParser::parse(rule, text) {
        Ok(pairs) => Ok(pairs),
        Err(plain) => {
            let guard = DETAIL.lock();
            pest::set_error_detail(true);
            let detailed = ConcordParser::parse(rule, text);
            pest::set_error_detail(false);
            drop(guard);
            // The same text fails the same way; the detailed error is the one worth showing.
            Err(Box::new(detailed.err().unwrap_or(plain)))
        }
    }
}

fn read_header(source: &str, span: Span, errors: &mut Vec<SyntaxError>) -> Option<Spanned<Header>> {
    if !within_limits(source, span, errors) {
        return None;
    }
    let text = source.get(span.start..span.end).unwrap_or("");
    if let Some(unknown) = expected::unknown_header(text, span.start) {
        match super::unsupported::recognise(text, span.start) {
            Some(unsupported) => errors.push(unsupported.into()),
            None => errors.push(unknown),
        }
        return None;
    }
    match parse_unit(Rule::header_line, text) {
        Ok(mut pairs) => {
            let line = pairs.next()?;
            let builder = Builder::new(span.start);
            let header = builder.header(line);
            errors.extend(builder.into_errors());
            header
        }
        Err(error) => {
            if let Some(unsupported) = super::unsupported::recognise(text, span.start) {
                errors.push(unsupported.into());
                return None;
            }
            errors.push(expected::header_error(text, span.start, &error));
            None
        }
    }
}

/// `closer_look`: whether a clause that does not read gets a closer look for the likely slip.
fn read_clause(
    source: &str,
    span: Span,
    kind: BlockKind,
    errors: &mut Vec<SyntaxError>,
    closer_look: bool,
) -> Option<Spanned<Clause>> {
    let Some(entry) = kind.clause_rule() else {
        errors.push(SyntaxError::ClauseNotAllowed { block: kind.keyword().to_string(), at: span.into() });
        return None;
    };
    if !within_limits(source, span, errors) {
        return None;
    }
    let text = source.get(span.start..span.end).unwrap_or("");
    match parse_unit(entry, text) {
        Ok(mut pairs) => {
            let line = pairs.next()?;
            let builder = Builder::new(span.start);
            let clause = builder.clause(line, kind);
            errors.extend(builder.into_errors());
            clause
        }
        Err(error) => {
            if let Some(unsupported) = super::unsupported::recognise(text, span.start) {
                errors.push(unsupported.into());
                return None;
            }
            let closer = if closer_look && errors.len() < repair::CLOSER_LOOK_LIMIT {
                let reads = |candidate: &str| reads_cleanly(entry, candidate, kind);
                let reads_header = |candidate: &str| ConcordParser::parse(Rule::header_line, candidate).is_ok();
                repair::clause(text, span.start, expected::position(&error), &reads, &reads_header)
            } else {
                None
            };
            match closer {
                Some(repair::Finding::Error(found)) => errors.push(found),
                Some(repair::Finding::Misspelt { instead }) => {
                    errors.push(expected::clause_error(text, span.start, kind, &error, Some(&instead)));
                }
                None => errors.push(expected::clause_error(text, span.start, kind, &error, None)),
            }
            None
        }
    }
}

/// Whether `text` reads as a clause of `kind` with no problem at all.
fn reads_cleanly(entry: Rule, text: &str, kind: BlockKind) -> bool {
    let Ok(mut pairs) = ConcordParser::parse(entry, text) else {
        return false;
    };
    let Some(line) = pairs.next() else {
        return false;
    };
    let builder = Builder::new(0);
    let clause = builder.clause(line, kind);
    clause.is_some() && builder.into_errors().is_empty()
}

/// Reads a unit as a clause of `kind`, reporting nothing if it is not one.
fn read_clause_quietly(source: &str, span: Span, kind: BlockKind) -> Option<Spanned<Clause>> {
    let mut scratch = Vec::new();
    let clause = read_clause(source, span, kind, &mut scratch, false)?;
    scratch.is_empty().then_some(clause)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_texts(source: &str) -> Vec<(UnitKind, &str)> {
        units(source).into_iter().map(|u| (u.kind, &source[u.span.start..u.span.end])).collect()
    }

    #[test]
    fn units_follow_indentation_and_connectives() {
        let src = "decision \"x\"\n  passes if a in favour\n    and b in favour\n  # note\n  or c in favour\n  lbh may veto\nmember a\n";
        assert_eq!(
            unit_texts(src),
            vec![
                (UnitKind::Header, "decision \"x\""),
                (UnitKind::Clause, "passes if a in favour\n    and b in favour\n  # note\n  or c in favour"),
                (UnitKind::Clause, "lbh may veto"),
                (UnitKind::Header, "member a"),
            ]
        );
    }

    #[test]
    fn open_parenthesis_continues_the_clause() {
        let src = "decision \"x\"\n  passes if (a in favour\n  and b in favour)\n  lbh may veto\n";
        assert_eq!(units(src).len(), 3);
    }

    fn codes(source: &str) -> Vec<String> {
        use miette::Diagnostic;
        let codes = parse(source).errors.iter().filter_map(|e| e.code().map(|c| c.to_string())).collect::<Vec<_>>();
        codes.into_iter().filter(|c| c.ends_with("indentation")).collect()
    }

    #[test]
    fn tabs_alone_or_spaces_alone_are_fine() {
        assert!(codes("agreement \"A\"\n\tcurrency GBP\n").is_empty());
        assert!(codes("agreement \"A\"\n  currency GBP\n").is_empty());
    }

    #[test]
    fn mixed_and_odd_indentation_are_refused_once_each() {
        let src = "agreement \"A\"\n  currency GBP\n\tkinds a\n\tkinds b\n\u{A0}\u{A0}kinds c\n";
        assert_eq!(codes(src), ["concord::parse::mixed_indentation", "concord::parse::odd_indentation"]);
        assert_eq!(codes("agreement \"A\"\n \tcurrency GBP\n"), ["concord::parse::mixed_indentation"]);
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let src = format!("decision \"x\"\n  passes if {}a in favour{}\n", "(".repeat(10_000), ")".repeat(10_000));
        let parsed = parse(&src);
        assert!(matches!(parsed.errors.as_slice(), [SyntaxError::TooDeeplyNested { .. }]));
    }
}
