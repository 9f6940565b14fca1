//! The colours of human output, as `anstyle` styles: one palette for the reports and the REPL,
//! written once instead of as escape codes in each place that colours.
//!
//! In: a text, a [`Style`] and the [`Colour`] the user chose. Out: the text, wrapped in the
//! style's escape codes only with [`Colour::On`]; [`Colour::Off`] and [`Colour::Plain`] give it
//! back as it is.

use anstyle::{AnsiColor, Style};

use super::Colour;

/// A word of the language in the REPL's highlighting (`passes`, `decision`).
pub const KEYWORD: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Blue)));
/// A quoted name (`"Frailty network"`).
pub const STRING: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
/// A figure: an amount, a percentage, a count.
pub const FIGURE: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
/// A comment, and the REPL's hints: dimmed, since they are not the agreement.
pub const COMMENT: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::BrightBlack)));
/// A REPL command (`:explain`).
pub const COMMAND: Style = Style::new().bold().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Magenta)));
/// The start of an outcome's headline (`Outcome:`).
pub const HEADLINE: Style = Style::new().bold();
/// An outcome that passed.
pub const PASSED: Style = HEADLINE.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
/// An outcome that failed: rejected or invalid.
pub const FAILED: Style = HEADLINE.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
/// An outcome still open: escalated or deadlocked.
pub const OPEN: Style = HEADLINE.fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

/// `text` in `style` when colour is on, otherwise `text` as it is.
pub fn paint(text: &str, style: Style, colour: Colour) -> String {
    match colour {
        Colour::On => format!("{}{text}{}", style.render(), style.render_reset()),
        Colour::Off | Colour::Plain => text.to_string(),
    }
}

/// Pushes `text` in `style` onto `out` (colour on: for callers that have already chosen it).
pub fn push_painted(out: &mut String, text: &str, style: Style) {
    out.push_str(&style.render().to_string());
    out.push_str(text);
    out.push_str(&style.render_reset().to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_colour_on_paints() {
        let on = paint("passed", PASSED, Colour::On);
        assert!(on.starts_with('\u{1b}') && on.contains("passed") && on.ends_with("\u{1b}[0m"), "{on:?}");
        assert_eq!(paint("passed", PASSED, Colour::Off), "passed");
        assert_eq!(paint("passed", PASSED, Colour::Plain), "passed");
    }
}
