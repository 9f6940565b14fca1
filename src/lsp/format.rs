//! Formatting through `concord fmt`'s own layout: one edit replacing the whole document, none
//! when it is already laid out canonically, and none when it does not read.

use lsp_types::TextEdit;

use super::document::Text;

/// The column clauses are broken at, as `concord fmt` breaks them by default.
pub const WIDTH: usize = 100;

/// The edits that lay the text out.
pub fn format(text: &Text) -> Vec<TextEdit> {
    match crate::fmt::layout(&text.text, WIDTH) {
        Ok(laid_out) if laid_out != text.text => {
            vec![TextEdit { range: text.lines.whole(&text.text), new_text: laid_out }]
        }
        _ => Vec::new(),
    }
}
