//! The REPL on a terminal (rustyline) or on plain standard input.

use std::borrow::Cow;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Editor, Helper};

use super::{helper, Engine, Question, EXIT_OK, EXIT_UNREADABLE, EXIT_UNSAVED};
use crate::report::Colour;
use crate::span::Span;
use crate::syntax::{SyntaxError, MAX_FILE_BYTES};

/// How the REPL is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// An agreement to load first.
    pub agreement: Option<PathBuf>,
    /// Whether to keep history in a file.
    pub history: bool,
    /// Colours on or off.
    pub colour: Colour,
}

/// Where history is kept: `$XDG_DATA_HOME/concord/history`, else `~/.local/share/concord/history`.
pub fn history_path() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local").join("share")))?;
    Some(data.join("concord").join("history"))
}

struct ReplHelper {
    engine: Engine,
    files: FilenameCompleter,
    colour: Colour,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        if [":load ", ":load! ", ":save ", ":scenarios "].iter().any(|c| line.starts_with(c)) {
            return self.files.complete(line, pos, ctx);
        }
        let (start, words) = self.engine.completions(line, pos);
        // A phrase is completed with the space after it; the list shows it without.
        Ok((start, words.into_iter().map(|w| Pair { display: w.trim_end().to_string(), replacement: w }).collect()))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        helper::hint(&self.engine, line, pos)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        match self.colour {
            Colour::On => Cow::Owned(helper::highlight(line)),
            Colour::Off | Colour::Plain => Cow::Borrowed(line),
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        match self.colour {
            Colour::On => Cow::Owned(crate::report::style::paint(hint, crate::report::style::COMMENT, self.colour)),
            Colour::Off | Colour::Plain => Cow::Borrowed(hint),
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour == Colour::On
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        // A line at the left margin after a block ends it, as a blank line does: the terminal
        // loop reads that line as the start of the next input (see `helper::split_next`).
        let complete = Engine::is_complete(input) || helper::split_next(input).is_some();
        Ok(if complete { ValidationResult::Valid(None) } else { ValidationResult::Incomplete })
    }
}

impl Helper for ReplHelper {}

/// Runs the REPL until `:quit` or end of input; returns the exit code ([`EXIT_OK`],
/// [`EXIT_UNSAVED`] or [`EXIT_UNREADABLE`]).
pub fn run(options: Options) -> u8 {
    let mut engine = Engine::new(options.colour);
    let mut out = std::io::stdout();
    if let Some(path) = &options.agreement {
        match engine.load_path(path) {
            Ok(reply) => {
                let _ = out.write_all(reply.text.as_bytes());
            }
            Err(reply) => {
                let _ = out.write_all(reply.text.as_bytes());
                return EXIT_UNREADABLE;
            }
        }
    }
    if std::io::stdin().is_terminal() {
        interactive(engine, options)
    } else {
        plain(engine)
    }
}

/// Reads standard input line by line, grouping lines into inputs as the terminal would: a block
/// is its header and the indented lines after it, and ends at an empty line or at the next line
/// that starts at the left margin (so a pasted agreement with no blank lines reads as it would
/// from a file).
///
/// One input (a block and its clauses, or a command) may be as large as a file and no larger:
/// at most one byte past [`MAX_FILE_BYTES`] is read for it, so endless input such as
/// `/dev/zero` ends the session with exit code 2 instead of filling memory.
///
/// No question can be asked here: when input ends, or `:quit` is typed, with changes that were
/// not saved, the session says so and ends with [`EXIT_UNSAVED`]; a `:load` over such changes
/// is refused.
fn plain(mut engine: Engine) -> u8 {
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut out = std::io::stdout();
    let mut buffer = String::new();
    loop {
        let mut bytes = Vec::new();
        let room = MAX_FILE_BYTES.saturating_sub(buffer.len());
        // BOUND: room is at most MAX_FILE_BYTES (8 MiB).
        #[allow(clippy::arithmetic_side_effects)]
        let cap = room as u64 + 1;
        match (&mut reader).take(cap).read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if bytes.len() > room {
            let too_large = SyntaxError::InputTooLarge { limit: MAX_FILE_BYTES, at: Span::new(0, 0).into() };
            let _ = writeln!(out, "✗ standard input: {too_large}");
            return EXIT_UNREADABLE;
        }
        let Ok(line) = String::from_utf8(bytes) else { break };
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if helper::ends_block(&buffer, line) {
            if let Some(code) = plain_input(&mut engine, &buffer, &mut out) {
                return code;
            }
            buffer.clear();
        }
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(line);
        if Engine::is_complete(&buffer) {
            if let Some(code) = plain_input(&mut engine, &buffer, &mut out) {
                return code;
            }
            buffer.clear();
        }
    }
    if !buffer.trim().is_empty() {
        if let Some(code) = plain_input(&mut engine, &buffer, &mut out) {
            return code;
        }
    }
    if engine.has_unsaved_changes() {
        let _ = out.write_all(engine.unsaved_at_end().as_bytes());
        return EXIT_UNSAVED;
    }
    EXIT_OK
}

/// Echoes one input with the prompt and prints the reply; returns the exit code if the session
/// ends here.
fn plain_input(engine: &mut Engine, input: &str, out: &mut impl Write) -> Option<u8> {
    let _ = writeln!(out, "{}{}", engine.prompt(), input.trim_end());
    let reply = engine.handle(input);
    let _ = out.write_all(reply.text.as_bytes());
    match reply.question {
        Some(Question::Leave) => {
            let _ = out.write_all(engine.unsaved_unasked().as_bytes());
            Some(EXIT_UNSAVED)
        }
        Some(Question::Load(path)) => {
            let line = format!(":load {}", path.display());
            let _ = out.write_all(engine.refuse_load(&line).as_bytes());
            None
        }
        None if reply.quit => Some(EXIT_OK),
        None => None,
    }
}

fn interactive(engine: Engine, options: Options) -> u8 {
    let mut editor: Editor<ReplHelper, rustyline::history::DefaultHistory> = match Editor::new() {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("cannot start the interactive session: {error}");
            return EXIT_UNREADABLE;
        }
    };
    editor.set_helper(Some(ReplHelper { engine, files: FilenameCompleter::new(), colour: options.colour }));
    let history = if options.history { history_path() } else { None };
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    println!("Concord {} — type :help for help, :quit or Ctrl-D to leave.", env!("CARGO_PKG_VERSION"));
    // The line that ended the last block without belonging to it: a command, done at once, or
    // the header of the next block, which is where the next input starts.
    let mut next: Option<String> = None;
    let code = loop {
        let prompt = editor.helper().map_or_else(|| "concord> ".to_string(), |h| h.engine.prompt());
        let read = match next.take() {
            Some(line) if line.trim_start().starts_with(':') => Ok(line),
            Some(header) => editor.readline_with_initial(&prompt, (&format!("{header}\n"), "")),
            None => editor.readline(&prompt),
        };
        let mut input = match read {
            Ok(input) => {
                let _ = editor.add_history_entry(input.trim_end());
                input
            }
            Err(ReadlineError::Interrupted) => continue,
            // Ctrl-D, or the terminal closed: as `:quit`, which asks if changes are not saved.
            Err(_) => ":quit".to_string(),
        };
        if let Some((block, line)) = helper::split_next(&input) {
            next = Some(line.to_string());
            input = block.to_string();
        }
        let Some(helper) = editor.helper_mut() else { break EXIT_OK };
        let mut reply = helper.engine.handle(&input);
        print!("{}", reply.text);
        if let Some(question) = reply.question.take() {
            let answer = match editor.readline(question.prompt()) {
                Ok(answer) => Some(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")),
                Err(ReadlineError::Interrupted) => Some(false),
                Err(_) => None,
            };
            let Some(helper) = editor.helper_mut() else { break EXIT_OK };
            match answer {
                Some(yes) => {
                    reply = helper.engine.answer(&question, yes);
                    print!("{}", reply.text);
                }
                // Input ended while asking: nothing is lost that has not been said.
                None => {
                    print!("{}", helper.engine.unsaved_at_end());
                    break EXIT_UNSAVED;
                }
            }
        }
        if reply.quit {
            break EXIT_OK;
        }
    };
    if let Some(path) = &history {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = editor.save_history(path);
    }
    code
}
