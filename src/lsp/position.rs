//! Byte offsets ⇄ LSP positions. The protocol counts columns in UTF-16 code units (a Welsh `ŵ`
//! is one, a CJK character one, an emoji two); Concord's spans count bytes.

use lsp_types::{Position, Range};

use crate::span::Span;

/// Where each line of a text starts, for converting both ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        Lines { starts, len: text.len() }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        let line = self.starts.partition_point(|s| *s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let character = text.get(start..offset).map_or(0, |s| s.encode_utf16().count());
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a position; a column past the end of its line is the end of the line,
    /// a line past the end of the text is the end of the text, and a column inside a character
    /// that takes two UTF-16 units is that character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(start) = self.starts.get(position.line as usize).copied() else { return self.len };
        let end = self.starts.get((position.line as usize).saturating_add(1)).copied().unwrap_or(self.len);
        let line = text.get(start..end).unwrap_or("");
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            let next = units.saturating_add(c.len_utf16());
            if next > position.character as usize {
                return start.saturating_add(i);
            }
            units = next;
        }
        start.saturating_add(line.len())
    }

    /// The range of a span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range { start: self.position(text, span.start), end: self.position(text, span.end) }
    }

    /// The span of a range.
    pub fn span(&self, text: &str, range: Range) -> Span {
        Span::new(self.offset(text, range.start), self.offset(text, range.end))
    }

    /// The range of the whole text.
    pub fn whole(&self, text: &str) -> Range {
        self.range(text, Span::new(0, text.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn welsh_and_cjk_columns_count_utf16_units() {
        let text = "member bwrdd \"Bwrdd Iechyd Prifysgol Betsi Cadwaladr — ŵyr\"\nmember 香港 \"香港醫院\"\n";
        let lines = Lines::new(text);
        let w = text.find('ŵ').unwrap_or(0);
        // `—` and `ŵ` are one UTF-16 unit each but three and two bytes.
        assert_eq!(lines.position(text, w), pos(0, 55));
        assert_eq!(lines.offset(text, pos(0, 55)), w);
        let hk = text.find("香港").unwrap_or(0);
        assert_eq!(lines.position(text, hk), pos(1, 7));
        assert_eq!(lines.position(text, hk.saturating_add(6)), pos(1, 9));
        assert_eq!(lines.offset(text, pos(1, 9)), hk.saturating_add(6));
    }

    #[test]
    fn surrogate_pairs_and_out_of_range_positions() {
        let text = "a😀b\r\nc";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text, 5), pos(0, 3));
        // Inside the emoji's pair: its start.
        assert_eq!(lines.offset(text, pos(0, 2)), 1);
        // Past the end of the line: before the line break.
        assert_eq!(lines.offset(text, pos(0, 99)), 6);
        assert_eq!(lines.offset(text, pos(9, 0)), text.len());
        // A byte inside a character is taken back to its start.
        assert_eq!(lines.position(text, 2), pos(0, 1));
        assert_eq!(lines.position(text, 999), pos(1, 1));
    }

    #[test]
    fn round_trip_on_every_boundary() {
        let text = "Cymraeg: ŵ ŷ â\n日本語テキスト\n\nemoji 👩‍⚕️ end";
        let lines = Lines::new(text);
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            assert_eq!(lines.offset(text, lines.position(text, offset)), offset, "offset {offset}");
        }
    }
}
