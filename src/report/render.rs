//! Diagnostics drawn over their source text by miette, in time and memory that do not grow with
//! the size of the file.
//!
//! In: a file's name and text, and its diagnostics. Out: miette's graphical report of each.
//!
//! miette reads the lines it shows through [`SourceCode::read_span`]. Its own implementation for
//! a string scans from the start of the text every time, so a file with many problems took time
//! in the square of its size; and a copy of the text went with every diagnostic. Here the text is
//! borrowed, its lines are indexed once per file, and each diagnostic reads only a window around
//! its labels (at most [`WINDOW`] bytes either side of them on a long line). miette also cannot
//! draw a label more than 65,535 columns from the start of what it shows; such a diagnostic is
//! drawn without its excerpt, and says where in the file the problem is instead.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NarratableReportHandler, SourceCode, SourceSpan, SpanContents,
};

use super::Colour;
use crate::diagnostic::AnyDiagnostic;
use crate::span::LineIndex;

/// How many bytes of a long line are shown either side of the labels.
pub const WINDOW: usize = 200;

/// How far into a line (in bytes, a tab being drawn as up to four columns) a label may reach and
/// still be drawn: well inside miette's limit of 65,535 columns.
const MAX_REACH: usize = 15_000;

/// Draws the diagnostics of one file.
pub struct Renderer<'a> {
    source: Window<'a>,
    handler: Handler,
}

/// miette's drawing over the source, or its narration in sentences (for [`Colour::Plain`]).
enum Handler {
    Graphical(Box<GraphicalReportHandler>),
    Narrated(NarratableReportHandler),
}

impl<'a> Renderer<'a> {
    /// Indexes `text` once, for drawing any number of its diagnostics.
    pub fn new(name: &'a str, text: &'a str, colour: Colour, width: usize) -> Renderer<'a> {
        let graphical = |theme| GraphicalReportHandler::new_themed(theme).with_width(width).with_links(false);
        let handler = match colour {
            Colour::On => Handler::Graphical(Box::new(graphical(GraphicalTheme::unicode()))),
            Colour::Off => Handler::Graphical(Box::new(graphical(GraphicalTheme::unicode_nocolor()))),
            Colour::Plain => Handler::Narrated(NarratableReportHandler::new()),
        };
        Renderer { source: Window { name, text, index: LineIndex::new(text) }, handler }
    }

    /// Draws one diagnostic.
    pub fn render(&self, diagnostic: &AnyDiagnostic) -> String {
        self.render_diagnostic(diagnostic)
    }

    /// Draws any miette diagnostic over this text, such as the REPL's complaints about a line
    /// typed at its prompt.
    pub fn render_diagnostic(&self, diagnostic: &dyn Diagnostic) -> String {
        let drawable = self.source.can_draw(diagnostic);
        let sourced = Sourced { inner: diagnostic, source: drawable.then_some(&self.source) };
        let mut out = String::new();
        let drawn = match &self.handler {
            Handler::Graphical(handler) => handler.render_report(&mut out, &sourced),
            Handler::Narrated(handler) => handler.render_report(&mut out, &sourced),
        };
        if drawn.is_err() {
            let code = diagnostic.code().map(|c| c.to_string()).unwrap_or_default();
            out = format!("{code}: {diagnostic}");
        }
        if !drawable {
            if let Some(at) = diagnostic.labels().and_then(|mut labels| labels.next()) {
                let (line, column) = self.source.index.line_col(self.source.text, at.offset());
                out.push_str(&format!(
                    "  in {} at line {line}, column {column} (the line is too long to show)\n",
                    self.source.name
                ));
            }
        }
        out
    }
}

/// A file's text with its lines indexed.
struct Window<'a> {
    name: &'a str,
    text: &'a str,
    index: LineIndex,
}

impl Window<'_> {
    /// The byte where the line holding `offset` starts.
    fn line_start_of(&self, offset: usize) -> usize {
        self.index.line_start(self.index.line(offset)).unwrap_or(0)
    }

    /// Whether miette can draw every label of `diagnostic` over a window of this text.
    fn can_draw(&self, diagnostic: &dyn Diagnostic) -> bool {
        let Some(labels) = diagnostic.labels() else { return true };
        let labels: Vec<LabeledSpan> = labels.collect();
        let Some(lo) = labels.iter().map(LabeledSpan::offset).min() else { return true };
        // A window starts at most WINDOW bytes before the first label.
        let first_start = self.line_start_of(lo).max(lo.saturating_sub(WINDOW));
        labels.iter().all(|label| {
            let start = label.offset().min(self.text.len());
            let end = start.saturating_add(label.len()).min(self.text.len());
            let line_start = self.line_start_of(start);
            let from = if line_start <= first_start { first_start } else { line_start };
            // Only the part of the label on its first line is measured against the limit.
            let line_end =
                self.text.get(start..end).and_then(|s| s.find('\n')).map_or(end, |i| start.saturating_add(i));
            line_end.saturating_sub(from) <= MAX_REACH
        })
    }

    fn floor_boundary(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        offset
    }

    fn ceil_boundary(&self, mut offset: usize) -> usize {
        offset = offset.min(self.text.len());
        while offset < self.text.len() && !self.text.is_char_boundary(offset) {
            offset = offset.saturating_add(1);
        }
        offset
    }
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let len = self.text.len();
        let start = span.offset();
        let end = start.checked_add(span.len()).ok_or(MietteError::OutOfBounds)?;
        if end > len {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self.index.line(start);
        let last_line = self.index.line(end.saturating_sub(1).max(start));
        let data_start = if context_lines_before == 0 {
            start
        } else {
            let line = first_line.saturating_sub(context_lines_before).max(1);
            let line_start = self.index.line_start(line).unwrap_or(0);
            line_start.max(self.floor_boundary(start.saturating_sub(WINDOW)))
        };
        let after = last_line.saturating_add(context_lines_after).saturating_add(1);
        let line_end = self.index.line_start(after).unwrap_or(len);
        let data_end = line_end.min(self.ceil_boundary(end.saturating_add(WINDOW))).max(end);
        let data = self.text.get(data_start..data_end).ok_or(MietteError::OutOfBounds)?;
        let (line, column) = self.index.line_col(self.text, data_start);
        // As miette's own reader counts it: every line break from the start of the file to the
        // end of what is shown (miette merges the excerpts of a diagnostic's labels by it).
        let line_count = self.index.line(data_end).saturating_sub(1);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data.as_bytes(),
            SourceSpan::new(data_start.into(), data.len()),
            line.saturating_sub(1),
            column.saturating_sub(1),
            line_count,
        )))
    }
}

/// A diagnostic with the source it is drawn over (or none, to draw it without an excerpt).
struct Sourced<'a> {
    inner: &'a dyn Diagnostic,
    source: Option<&'a Window<'a>>,
}

impl fmt::Debug for Sourced<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for Sourced<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner, f)
    }
}

impl std::error::Error for Sourced<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

impl Diagnostic for Sourced<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.help()
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.and(self.inner.labels())
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        self.inner.related()
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.inner.diagnostic_source()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::syntax::SyntaxError;

    fn not_text(at: usize) -> AnyDiagnostic {
        SyntaxError::NotText { at: Span::new(at, at.saturating_add(3)).into() }.into()
    }

    #[test]
    fn draws_like_miette_over_a_short_file() {
        let text = "agreement \"A\"\n  currency \u{FFFD}\n";
        let out = Renderer::new("a.concord", text, Colour::Off, 100).render(&not_text(25));
        assert!(out.contains("2 │   currency \u{FFFD}"), "{out}");
        assert!(out.contains("[a.concord:2:12]"), "{out}");
    }

    #[test]
    fn a_label_far_along_a_line_is_drawn_from_a_window() {
        let text = format!("agreement \"{}\u{FFFD}\"\n", "x".repeat(70_000));
        let out = Renderer::new("a.concord", &text, Colour::Off, 100).render(&not_text(70_011));
        assert!(out.contains("this byte is not part of any character"), "{out}");
        assert!(out.len() < 2_000, "{} bytes", out.len());
    }

    #[test]
    fn a_label_too_far_for_miette_is_reported_by_line_and_column() {
        let text = format!("agreement \"A\"\n  currency {}\u{FFFD}\n", "\t".repeat(70_000));
        let at = text.find('\u{FFFD}').unwrap_or(0);
        let diagnostic: AnyDiagnostic = SyntaxError::ClauseTooLong {
            size: 1,
            limit: 1,
            at: Span::new(text.find("currency").unwrap_or(0), at).into(),
        }
        .into();
        let out = Renderer::new("a.concord", &text, Colour::Off, 100).render(&diagnostic);
        assert!(out.contains("at line 2, column 3"), "{out}");
    }
}
