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

use super::{helper, Engine};
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
        if [":load ", ":save "].iter().any(|c| line.starts_with(c)) {
            return self.files.complete(line, pos, ctx);
        }
        let (start, words) = self.engine.completions(line, pos);
        Ok((start, words.into_iter().map(|w| Pair { display: w.clone(), replacement: w }).collect()))
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
            Colour::On => Cow::Owned(format!("\x1b[90m{hint}\x1b[0m")),
            Colour::Off | Colour::Plain => Cow::Borrowed(hint),
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.colour == Colour::On
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(if Engine::is_complete(ctx.input()) { ValidationResult::Valid(None) } else { ValidationResult::Incomplete })
    }
}

impl Helper for ReplHelper {}

/// Runs the REPL until `:quit` or end of input; returns the exit code.
pub fn run(options: Options) -> u8 {
    let mut engine = Engine::new(options.colour);
    let mut out = std::io::stdout();
    if let Some(path) = &options.agreement {
        let reply = engine.load_path(path);
        let _ = out.write_all(reply.text.as_bytes());
        if engine.path().is_none() {
            return 2;
        }
    }
    if std::io::stdin().is_terminal() {
        interactive(engine, options)
    } else {
        plain(engine)
    }
}

/// Reads standard input line by line, grouping lines into inputs as the terminal would.
///
/// One input (a block and its clauses, or a command) may be as large as a file and no larger:
/// at most one byte past [`MAX_FILE_BYTES`] is read for it, so endless input such as
/// `/dev/zero` ends the session with exit code 2 instead of filling memory.
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
            return 2;
        }
        let Ok(line) = String::from_utf8(bytes) else { break };
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(line);
        if Engine::is_complete(&buffer) {
            let _ = writeln!(out, "{}{}", engine.prompt(), buffer.trim_end());
            let reply = engine.handle(&buffer);
            let _ = out.write_all(reply.text.as_bytes());
            buffer.clear();
            if reply.quit {
                return 0;
            }
        }
    }
    if !buffer.trim().is_empty() {
        let _ = writeln!(out, "{}{}", engine.prompt(), buffer.trim_end());
        let reply = engine.handle(&buffer);
        let _ = out.write_all(reply.text.as_bytes());
    }
    0
}

fn interactive(engine: Engine, options: Options) -> u8 {
    let mut editor: Editor<ReplHelper, rustyline::history::DefaultHistory> = match Editor::new() {
        Ok(editor) => editor,
        Err(error) => {
            eprintln!("cannot start the interactive session: {error}");
            return 2;
        }
    };
    editor.set_helper(Some(ReplHelper { engine, files: FilenameCompleter::new(), colour: options.colour }));
    let history = if options.history { history_path() } else { None };
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    println!("Concord {} — type :help for help, :quit or Ctrl-D to leave.", env!("CARGO_PKG_VERSION"));
    loop {
        let prompt = editor.helper().map_or_else(|| "concord> ".to_string(), |h| h.engine.prompt());
        match editor.readline(&prompt) {
            Ok(input) => {
                let _ = editor.add_history_entry(input.trim_end());
                let Some(helper) = editor.helper_mut() else { break };
                let reply = helper.engine.handle(&input);
                print!("{}", reply.text);
                if reply.quit {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(_) => break,
        }
    }
    if let Some(path) = &history {
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = editor.save_history(path);
    }
    0
}
