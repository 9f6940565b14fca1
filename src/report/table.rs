//! Tables: the one place that pads cells into columns.
//!
//! Widths are display widths (`unicode-width`), not counts of characters, so a Welsh name with a
//! combining accent or a name in Chinese characters, which take two columns each, keeps the
//! columns straight.

use unicode_width::UnicodeWidthStr;

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}

/// How many columns of a terminal `text` takes.
pub(super) fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns` display columns.
pub(super) fn pad(text: &str, columns: usize, align: Align) -> String {
    let fill = " ".repeat(columns.saturating_sub(width(text)));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// The widest cell of each column.
fn widths<R: AsRef<[String]>>(rows: &[R], columns: usize) -> Vec<usize> {
    (0..columns).map(|c| rows.iter().map(|r| r.as_ref().get(c).map_or(0, |s| width(s))).max().unwrap_or(0)).collect()
}

/// Rows as columns of plain text: each line indented by `indent` spaces, cells `gap` spaces
/// apart, each column aligned as `align` says (left where it says nothing), trailing blanks
/// trimmed.
pub(super) fn columns<R: AsRef<[String]>>(rows: &[R], align: &[Align], indent: usize, gap: usize) -> String {
    let count = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let widths = widths(rows, count);
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .as_ref()
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                pad(cell, widths.get(c).copied().unwrap_or(0), align.get(c).copied().unwrap_or(Align::Left))
            })
            .collect();
        let line = format!("{}{}", " ".repeat(indent), cells.join(&" ".repeat(gap)));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A Markdown pipe table, padded so that it also reads as a table in plain text.
pub(super) fn pipe(headers: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|(h, _)| width(h).max(3)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(headers.iter().zip(&widths).map(|((h, a), w)| pad(h, *w, *a)).collect());
    out.push_str(&line(
        headers
            .iter()
            .zip(&widths)
            .map(|((_, a), w)| match a {
                Align::Left => "-".repeat(*w),
                Align::Right => format!("{}:", "-".repeat(w.saturating_sub(1))),
            })
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(
            headers
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, ((_, a), w))| pad(row.get(i).map_or("", String::as_str), *w, *a))
                .collect(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_keep_the_columns_straight() {
        let rows =
            vec![vec!["北京医院".to_string(), "1".to_string()], vec!["Ysbyty Gwynedd".to_string(), "22".to_string()]];
        let text = columns(&rows, &[Align::Left, Align::Right], 2, 2);
        let ends: Vec<usize> = text.lines().map(width).collect();
        assert_eq!(ends[0], ends[1], "{text}");
    }

    #[test]
    fn a_combining_accent_takes_no_column() {
        assert_eq!(width("Ca\u{0302}n"), 3);
        assert_eq!(pad("Ca\u{0302}n", 5, Align::Right), "  Ca\u{0302}n");
    }
}
