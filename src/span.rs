//! Byte spans into a source text, and `Spanned<T>`: a value with the place it was written.
//!
//! Every node of the syntax tree and every figure of the resolved model carries a span, so
//! that a diagnostic can point at the exact words a drafter wrote.

use serde::Serialize;

/// A half-open byte range `start..end` into one source text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is straightened rather than trusted.
    pub fn new(start: usize, end: usize) -> Self {
        if end < start {
            Span { start: end, end: start }
        } else {
            Span { start, end }
        }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The number of bytes covered.
    pub fn len(self) -> usize {
        // An inverted pair (possible only by building the struct directly) is read straightened,
        // as `Span::new` would have made it, rather than underflowing.
        self.end.abs_diff(self.start)
    }

    /// Whether the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The same span moved `by` bytes to the right (used when a clause is read on its own).
    pub fn shifted(self, by: usize) -> Span {
        // Saturating, because a span only points at text: offsets into a file of at most 8 MiB
        // never come near `usize::MAX`, and a nonsense shift should point past the end, not panic.
        Span::new(self.start.saturating_add(by), self.end.saturating_add(by))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.start.into(), span.len())
    }
}

/// A value with the span of the text it came from. Equality ignores the span, so two trees
/// read from differently laid-out text compare equal when they say the same thing.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Spanned<T> {
    /// The value.
    pub node: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `node` with its `span`.
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }

    /// Applies `f` to the value, keeping the span.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned { node: f(self.node), span: self.span }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

impl<T: Eq> Eq for Spanned<T> {}

/// Line and column (both from 1, columns in characters) of a byte offset.
// BOUND: each count and index here is at most `source.len()`, and a `str` holds at most
// `isize::MAX` bytes, so adding one cannot overflow `usize`.
#[allow(clippy::arithmetic_side_effects)]
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source.get(line_start..offset).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// The start of every line of a text, for finding many lines quickly (a binary search each,
/// where [`line_col`] scans from the start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        // BOUND: `i` is the index of a byte of `source`, below `isize::MAX`, so `i + 1` fits.
        #[allow(clippy::arithmetic_side_effects)]
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line (from 1) holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset).max(1)
    }

    /// The number of lines (a text always has at least one).
    pub fn n_lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte where line `line` (from 1) starts; past the last line, `None`.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// Line and column of `offset`, as [`line_col`] gives them, without scanning from the start:
    /// only the characters of the line before `offset` are counted.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.line(offset);
        let start = self.line_start(line).unwrap_or(0).min(offset);
        let column = source.get(start..offset).map_or(0, |s| s.chars().count()).saturating_add(1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let src = "ab\ncd£e";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 7), (2, 4));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let src = "a\nbb\n\nccc\n";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() {
            assert_eq!(index.line(offset), line_col(src, offset).0, "offset {offset}");
        }
    }

    #[test]
    fn line_index_line_col_agrees_with_line_col() {
        let src = "a\nbb£\n\nccc\n";
        let index = LineIndex::new(src);
        for offset in (0..=src.len()).filter(|o| src.is_char_boundary(*o)) {
            assert_eq!(index.line_col(src, offset), line_col(src, offset), "offset {offset}");
        }
    }

    #[test]
    fn spanned_equality_ignores_span() {
        assert_eq!(Spanned::new(1, Span::new(0, 1)), Spanned::new(1, Span::new(5, 9)));
    }
}
