//! `concord repl`: an interactive session for drafting and testing an agreement.
//!
//! The [`Engine`] takes a complete input (a command, or one or more blocks) and returns what to
//! print, with no terminal involved, so tests drive it directly. `terminal.rs` wraps it in
//! rustyline (completion, hints, highlighting, multi-line input, history) or, when standard
//! input is not a terminal, in a plain line reader.
//!
//! The session's agreement is kept as text, and may be a draft with errors: a file that does not
//! read cleanly is opened with its problems shown, as `concord check` shows them, so that the
//! drafter can fix it here. A block typed at the prompt replaces the block with the same identity
//! (the member with that id, the decision with that name, the single `voting`/`savings`/… block)
//! or is added; the whole agreement is then read again. A change is kept unless it gives the
//! agreement more errors than it had; commands that work the agreement out (`:members`,
//! `:weights`, proposals…) wait until it reads cleanly, and say so.
//!
//! The session remembers the text as last loaded or saved, so that leaving, or loading another
//! file, over changes that were not saved asks first (see [`Question`]).

mod changes;
mod elections;
mod error;
mod evaluate;
mod files;
// Hints, highlighting and line splitting serve only the terminal's line editor (`cli`).
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
mod helper;
mod inspect;
#[cfg(feature = "cli")]
pub mod terminal;
mod who;

use std::path::{Path, PathBuf};

pub use error::ReplError;
/// The words that start clauses, as the REPL completes them (also used by `concord lsp`).
pub use helper::KEYWORDS;

use crate::diagnostic::AnyDiagnostic;
use crate::load::{self, Loaded};
use crate::model::Agreement;
use crate::report::{self, Colour};
use crate::span::Span;
use crate::syntax::ast::Header;
use crate::syntax::{self};

/// What the engine says back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// Text to print.
    pub text: String,
    /// Whether the session should end.
    pub quit: bool,
    /// A question the terminal should ask before going on, when one can be asked.
    pub question: Option<Question>,
}

impl Reply {
    fn say(text: impl Into<String>) -> Reply {
        Reply { text: text.into(), quit: false, question: None }
    }

    fn ask(text: impl Into<String>, question: Question) -> Reply {
        Reply { text: text.into(), quit: false, question: Some(question) }
    }
}

/// A question about losing changes that were not saved. The terminal asks it and passes the
/// answer to [`Engine::answer`]; where there is no one to ask (standard input is not a
/// terminal), nothing is lost: the session ends saying so, or the file is not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// End the session without saving?
    Leave,
    /// Load this file, dropping the changes?
    Load(PathBuf),
}

impl Question {
    /// The prompt that asks it.
    pub fn prompt(&self) -> &'static str {
        match self {
            Question::Leave => "Leave without saving? Type yes to leave, or no to stay: ",
            Question::Load(_) => "Load it and drop the changes? Type yes to load, or no to keep them: ",
        }
    }
}

/// The exit code when the session ends normally: after `:quit`, `:quit!` or Ctrl-D, with nothing
/// unsaved or the drafter's agreement to leave it.
pub const EXIT_OK: u8 = 0;
/// The exit code when input ended (standard input is not a terminal, or closed while a question
/// was asked) with changes that were not saved.
pub const EXIT_UNSAVED: u8 = 1;
/// The exit code when the agreement named on the command line cannot be read, or an input is
/// larger than a file may be.
pub const EXIT_UNREADABLE: u8 = 2;

/// The text a new session starts from when no agreement is loaded.
pub const DRAFT: &str = "agreement \"Draft agreement\"\n  currency GBP\n";

/// The commands, with their arguments and what they do (for `:help` and completion).
pub const COMMANDS: [(&str, &str, &str); 20] = [
    (":load", "FILE", "open an agreement from a file, errors and all (asks first if changes are not saved)"),
    (":load!", "FILE", "the same, dropping changes that were not saved without asking"),
    (":reload", "", "open the agreement's file again (asks first if changes are not saved)"),
    (":check", "", "check the session's agreement and list every problem"),
    (":members", "", "list the members with their kinds, roles and figures"),
    (":weights", "[DECISION]", "each member's exact share of the votes (on a decision, after its exclusions)"),
    (":rules", "", "list every decision's rule as written"),
    (":explain", "DECISION", "say in plain words how a decision is made"),
    (":who", "OFFICE [on DATE]", "say who holds an office (the chair, the vice-chair) on a day"),
    (":elections", "[ELECTION]", "say who may stand and who votes in each election, and how to hold one"),
    (":scenarios", "FILE", "run a scenario file's expectations against the session's agreement"),
    (
        ":what-if",
        "MEMBER in favour|against|abstaining|absent",
        "evaluate the last proposal typed again with one vote changed, and say what changes; after an election, MEMBER for CANDIDATE, MEMBER absent or the lot fell to CANDIDATE",
    ),
    (
        ":changes",
        "[NUMBER]",
        "list the changes the earlier steps made to the agreement the last scenario typed was decided under, or show one in full",
    ),
    (
        ":why",
        "",
        "say what it would take to change the last proposal's outcome: the smallest changes of votes that carry it, or who alone could stop it",
    ),
    (":undo", "", "undo the last change typed (undoing stops at the file as loaded)"),
    (":save", "[FILE]", "write the agreement to a file (or to its own file), in canonical layout"),
    (":show", "", "print the session's agreement"),
    (":help", "[COMMAND]", "list the commands, or explain one"),
    (":quit", "", "end the session, asking first if changes are not saved (as Ctrl-D does)"),
    (":quit!", "", "end the session without saving and without asking"),
];

/// A command line as typed: the command's name and its argument, with where each is.
struct Typed<'a> {
    /// The whole line, trimmed, starting with `:`.
    line: &'a str,
    /// The command's name, without the colon.
    name: &'a str,
    /// Where the command (with its colon) is.
    name_at: Span,
    /// The argument, trimmed.
    argument: &'a str,
    /// Where the argument is (empty, at the end of the line, when there is none).
    argument_at: Span,
}

impl<'a> Typed<'a> {
    fn new(line: &'a str) -> Typed<'a> {
        let name_end = line.find(char::is_whitespace).unwrap_or(line.len());
        let name = line.get(1..name_end).unwrap_or("");
        let rest = line.get(name_end..).unwrap_or("");
        let argument = rest.trim();
        let argument_start = name_end.saturating_add(rest.len().saturating_sub(rest.trim_start().len()));
        Typed {
            line,
            name,
            name_at: Span::new(0, name_end),
            argument,
            argument_at: Span::new(argument_start, argument_start.saturating_add(argument.len())),
        }
    }

    /// The span of `part`, a piece of the argument found by searching it; the whole argument
    /// when it is not found.
    fn within_argument(&self, part: &str) -> Span {
        match self.argument.find(part) {
            Some(i) if !part.is_empty() => {
                let start = self.argument_at.start.saturating_add(i);
                Span::new(start, start.saturating_add(part.len()))
            }
            _ => self.argument_at,
        }
    }
}

/// The REPL's state and behaviour, without a terminal.
#[derive(Debug, Clone)]
pub struct Engine {
    text: String,
    /// The text as last loaded or saved: changes since are "not saved".
    saved: String,
    path: Option<PathBuf>,
    /// Earlier texts, for `:undo`; emptied when a file is loaded.
    undo: Vec<String>,
    loaded: Loaded,
    colour: Colour,
    /// The last proposal typed, with the text it was typed in, for `:what-if`.
    last_proposal: Option<(crate::model::Proposal, String)>,
    /// The last election typed (a scenario with `elect "…"`), when it came after any proposal.
    last_ballot: Option<crate::model::elections::Ballot>,
    /// The changes in force for the last scenario typed that follows others, and the agreement
    /// as they left it, for `:changes`.
    last_changes: Option<(Vec<crate::eval::InForce>, Agreement)>,
    /// The scenarios typed in the session, by name, for a scenario typed later that follows one.
    typed_scenarios: Vec<(String, String)>,
}

impl Engine {
    /// A session on a draft agreement.
    pub fn new(colour: Colour) -> Engine {
        Engine {
            text: DRAFT.to_string(),
            saved: DRAFT.to_string(),
            path: None,
            undo: Vec::new(),
            loaded: load::load(DRAFT),
            colour,
            last_proposal: None,
            last_ballot: None,
            last_changes: None,
            typed_scenarios: Vec::new(),
        }
    }

    /// The session's agreement as far as it resolves (it may have errors: see [`Engine::errors`]).
    pub fn agreement(&self) -> Option<&Agreement> {
        self.loaded.agreement.as_ref()
    }

    /// The session's agreement when it reads cleanly, for the commands that work it out.
    fn readable(&self, typed: &Typed<'_>) -> Result<&Agreement, ReplError> {
        let n_errors = self.errors();
        match self.loaded.agreement.as_ref() {
            Some(agreement) if n_errors == 0 => Ok(agreement),
            _ => Err(ReplError::AgreementHasErrors {
                command: format!(":{}", typed.name),
                errors: error::count_errors(n_errors.max(1)),
                at: typed.name_at.into(),
            }),
        }
    }

    /// How many errors the session's agreement has (0 when it reads cleanly).
    pub fn errors(&self) -> usize {
        self.loaded.diagnostics.iter().filter(|d| d.severity_level() == crate::diagnostic::Severity::Error).count()
    }

    /// Whether the agreement has changed since it was last loaded or saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.text != self.saved
    }

    /// The session's agreement as text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file the agreement was loaded from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The prompt: the agreement's title, and how many errors it has if any.
    pub fn prompt(&self) -> String {
        let title = self.agreement().map_or("no agreement", |a| a.title.node.as_str());
        match self.errors() {
            0 => format!("concord [{title}]> "),
            n => format!("concord [{title}, {}]> ", error::count_errors(n)),
        }
    }

    /// Handles one complete input.
    pub fn handle(&mut self, input: &str) -> Reply {
        let trimmed = input.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') && !trimmed.contains('\n') {
            return Reply::default();
        }
        if trimmed.starts_with(':') {
            let typed = Typed::new(trimmed);
            return match self.command(&typed) {
                Ok(reply) => reply,
                Err(error) => self.refuse("input", typed.line, &error),
            };
        }
        self.blocks(input.trim_matches('\n'))
    }

    /// The answer to a [`Question`]: `yes` to go ahead and lose the changes.
    pub fn answer(&mut self, question: &Question, yes: bool) -> Reply {
        match (question, yes) {
            (Question::Leave, true) => Reply { text: "Left without saving.\n".into(), quit: true, question: None },
            (Question::Load(path), true) => {
                let line = format!(":load {}", path.display());
                let typed = Typed::new(&line);
                match self.open(path, typed.argument_at) {
                    Ok(reply) => reply,
                    Err(error) => self.refuse("input", &line, &error),
                }
            }
            (_, false) => Reply::say("The changes are kept; :save FILE writes them to a file.\n"),
        }
    }

    /// What to say when input ends (or the terminal closes) with changes not saved.
    pub fn unsaved_at_end(&self) -> String {
        "Input ended, and the changes to the agreement were not saved.\n\
         To keep changes, type :save FILE before :quit; to leave without them, type :quit!.\n"
            .to_string()
    }

    /// What to say after `:quit` with changes not saved, where no one can be asked.
    pub fn unsaved_unasked(&self) -> String {
        "Standard input is not a terminal, so no one can be asked: the session ends, and the changes\n\
         were not saved. To keep changes, type :save FILE before :quit; to leave without them, type :quit!.\n"
            .to_string()
    }

    /// What to say when a `:load` over changes not saved cannot ask (`line` is the command).
    pub fn refuse_load(&self, line: &str) -> String {
        let typed = Typed::new(line);
        let error = ReplError::UnsavedChanges { path: typed.argument.to_string(), at: typed.name_at.into() };
        self.refuse("input", line, &error).text
    }

    /// Draws a problem with a line over that line.
    fn refuse(&self, name: &str, line: &str, error: &ReplError) -> Reply {
        let renderer = report::Renderer::new(name, line, self.colour, 100);
        Reply::say(renderer.render_diagnostic(error))
    }

    fn render(&self, diagnostics: &[AnyDiagnostic], name: &str, text: &str) -> String {
        let renderer = report::Renderer::new(name, text, self.colour, 100);
        let mut shown: Vec<String> = diagnostics.iter().take(report::MAX_SHOWN).map(|d| renderer.render(d)).collect();
        shown.extend(report::more_line(diagnostics.len()));
        shown.join("\n")
    }

    fn command(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let argument = typed.argument;
        match typed.name {
            "load" | "l" => self.load_command(typed, false),
            "load!" => self.load_command(typed, true),
            "reload" => match self.path.clone() {
                Some(path) if self.has_unsaved_changes() => Ok(self.ask_before_loading(path)),
                Some(path) => self.open(&path, typed.name_at),
                None => Err(ReplError::NothingToReload { at: typed.name_at.into() }),
            },
            "check" => Ok(self.check()),
            "members" => self.members(typed),
            "weights" => self.weights(typed),
            "rules" => Ok(self.rules()),
            "explain" => self.explain(typed),
            "who" => self.who(typed),
            "undo" => Ok(match self.undo.pop() {
                Some(previous) => {
                    self.loaded = load::load(&previous);
                    self.text = previous;
                    Reply::say("Undone: the agreement is as it was before the last change.\n")
                }
                None => Reply::say("There is nothing to undo.\n"),
            }),
            "save" => self.save(typed),
            "scenarios" => self.scenarios(typed),
            "elections" | "election" => self.elections(typed),
            "changes" | "change" => self.changes(typed),
            "what-if" | "whatif" if self.last_ballot.is_some() => self.what_if_election(typed),
            "what-if" | "whatif" => self.what_if(typed),
            "why" | "why-not" => self.why(typed),
            "show" => Ok(Reply::say(self.text.clone())),
            "help" | "h" | "?" => {
                let name = argument.trim_start_matches(':');
                if name.is_empty() || COMMANDS.iter().any(|(c, _, _)| c.trim_start_matches(':') == name) {
                    Ok(Reply::say(help(argument)))
                } else {
                    Err(unknown_command(name, typed.within_argument(name)))
                }
            }
            "quit" | "q" | "exit" if self.has_unsaved_changes() => Ok(Reply::ask(
                "The agreement has changes that are not saved; :save FILE writes them to a file.\n",
                Question::Leave,
            )),
            "quit" | "q" | "exit" | "quit!" | "q!" => Ok(Reply { text: String::new(), quit: true, question: None }),
            other => Err(unknown_command(other, typed.name_at)),
        }
    }

    fn check(&self) -> Reply {
        let file = crate::commands::check::check_source(
            load::Source { name: "session".into(), text: self.text.clone() },
            None,
        );
        Reply::say(report::check_human(&check_report(file), self.colour, 100))
    }

    /// Adds or replaces the blocks typed, keeping the change unless it gives the agreement more
    /// errors than it had: on a clean agreement, any error; on a draft, a change that fixes
    /// nothing is kept only if it breaks nothing more.
    fn blocks(&mut self, input: &str) -> Reply {
        let typed = syntax::parse(input);
        if !typed.errors.is_empty() {
            let diagnostics: Vec<AnyDiagnostic> = typed.errors.into_iter().map(Into::into).collect();
            return Reply::say(format!("{}\nNothing was changed.\n", self.render(&diagnostics, "input", input)));
        }
        if typed.file.blocks.iter().any(|b| {
            matches!(
                b.header.node,
                Header::Proposal { .. } | Header::Result { .. } | Header::Scenario { .. } | Header::ScenariosFor { .. }
            )
        }) {
            return self.evaluate_inputs(input, &typed.file);
        }
        let mut text = self.text.clone();
        let mut said = Vec::new();
        for block in &typed.file.blocks {
            let block_text = input.get(block.span.start..block.span.end).unwrap_or("").to_string();
            let current = syntax::parse(&text);
            let existing = current.file.blocks.iter().find(|b| same_identity(&b.header.node, &block.header.node));
            match existing {
                Some(old) => {
                    text.replace_range(old.span.start..old.span.end, &block_text);
                    said.push(format!("Replaced {}.", describe(&block.header.node)));
                }
                None => {
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                    text.push('\n');
                    text.push_str(&block_text);
                    text.push('\n');
                    said.push(format!("Added {}.", describe(&block.header.node)));
                }
            }
        }
        let loaded = load::load(&text);
        let before = self.errors();
        let after =
            loaded.diagnostics.iter().filter(|d| d.severity_level() == crate::diagnostic::Severity::Error).count();
        if after > before {
            let rendered = self.render(&loaded.diagnostics, "session", &text);
            let why = if before == 0 {
                "With that change the agreement would have problems, so nothing was changed.".to_string()
            } else {
                format!(
                    "With that change the agreement would have {} instead of {before}, so nothing was changed.",
                    error::count_errors(after)
                )
            };
            return Reply::say(format!("{rendered}\n{why}\n"));
        }
        self.undo.push(std::mem::replace(&mut self.text, text));
        self.loaded = loaded;
        let state = match (before, after) {
            (0, _) => String::new(),
            (_, 0) => " The agreement now reads cleanly.".to_string(),
            (_, 1) => " The agreement still has 1 error; :check shows it.".to_string(),
            (_, n) => format!(" The agreement still has {n} errors; :check lists them."),
        };
        Reply::say(format!("{}{state}\n", said.join(" ")))
    }

    /// Completion candidates for the word ending at `pos`: commands, keywords, member ids,
    /// kinds and decision names. Returns where the word starts.
    pub fn completions(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        helper::completions(self, line, pos)
    }

    /// Whether `input` is complete: a command is; a block is once an empty line ends it and
    /// every parenthesis is closed.
    pub fn is_complete(input: &str) -> bool {
        helper::is_complete(input)
    }
}

/// A command name that is not one, with the nearest that is.
fn unknown_command(name: &str, at: Span) -> ReplError {
    let names: Vec<&str> = COMMANDS.iter().map(|(c, _, _)| c.trim_start_matches(':')).collect();
    let help = match crate::suggest::nearest(name, names) {
        Some(near) => format!("did you mean `:{near}`? Type :help for the list of commands"),
        None => "type :help for the list of commands".to_string(),
    };
    ReplError::UnknownCommand { name: name.to_string(), at: at.into(), help }
}

/// A `concord check` report of one file.
fn check_report(file: crate::commands::check::FileCheck) -> crate::commands::check::CheckReport {
    crate::commands::check::CheckReport {
        schema: report::JSON_SCHEMA_VERSION,
        errors: file.findings.iter().filter(|f| f.severity == crate::diagnostic::Severity::Error).count(),
        warnings: file.findings.iter().filter(|f| f.severity == crate::diagnostic::Severity::Warning).count(),
        files: vec![file],
    }
}

fn same_identity(a: &Header, b: &Header) -> bool {
    match (a, b) {
        (Header::Member { id: x, .. }, Header::Member { id: y, .. })
        | (Header::Bloc { id: x, .. }, Header::Bloc { id: y, .. }) => x.node == y.node,
        (Header::Decision { name: x }, Header::Decision { name: y }) => x.node == y.node,
        (Header::Agreement { .. }, Header::Agreement { .. })
        | (Header::Voting { .. }, Header::Voting { .. })
        | (Header::Savings, Header::Savings)
        | (Header::Deficits, Header::Deficits)
        | (Header::Budget, Header::Budget)
        | (Header::Membership, Header::Membership) => true,
        _ => false,
    }
}

fn describe(header: &Header) -> String {
    match header {
        Header::Member { id, .. } => format!("member `{}`", id.node),
        Header::Bloc { id, .. } => format!("bloc `{}`", id.node),
        Header::Decision { name } => format!("decision “{}”", name.node),
        Header::Agreement { title } => format!("the agreement's header (“{}”)", title.node),
        other => format!("the `{}` block", other.keyword()),
    }
}

fn help(argument: &str) -> String {
    let argument = argument.trim().trim_start_matches(':');
    if !argument.is_empty() {
        return match COMMANDS.iter().find(|(c, _, _)| c.trim_start_matches(':') == argument) {
            Some((c, args, what)) => format!("{c} {args}\n    {what}\n"),
            None => format!("There is no command :{argument}. Type :help for the list.\n"),
        };
    }
    let mut out = String::from(
        "Type a block of the agreement to add it, or to replace the block of the same name\n\
         (a member, a decision, the voting rules…); end a block with an empty line.\n\
         The agreement is checked at once; a change that gives it more errors than it had is\n\
         not kept, so a draft with errors can be fixed one block at a time.\n\n\
         Commands:\n",
    );
    for (c, args, what) in COMMANDS {
        let usage = format!("{c} {args}");
        if usage.chars().count() > 22 {
            out.push_str(&format!("  {}\n  {:<22} {what}\n", usage.trim_end(), ""));
        } else {
            out.push_str(&format!("  {usage:<22} {what}\n"));
        }
    }
    out.push_str(
        "\nA scenario typed with `elect \"ELECTION\"` and its votes is counted, as `concord eval` counts it.\n\
         Tab completes commands, keywords, members, kinds, decisions and elections. Ctrl-C cancels the input;\n\
         Ctrl-D ends the session, as :quit does.\n",
    );
    out
}

#[cfg(test)]
mod tests;
