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

mod error;
mod helper;
pub mod terminal;

use std::path::{Path, PathBuf};

pub use error::ReplError;

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
pub const COMMANDS: [(&str, &str, &str); 16] = [
    (
        ":load",
        "FILE",
        "open an agreement from a file, with its errors shown if it has any (asks first if changes are not saved)",
    ),
    (":load!", "FILE", "the same, dropping changes that were not saved without asking"),
    (":reload", "", "open the agreement's file again (asks first if changes are not saved)"),
    (":check", "", "check the session's agreement and list every problem"),
    (":members", "", "list the members with their kinds, roles and figures"),
    (":weights", "[DECISION]", "show each member's exact share of the votes (for a decision, after its exclusions)"),
    (":rules", "", "list every decision's rule as written"),
    (":explain", "DECISION", "say in plain words how a decision is made"),
    (":scenarios", "FILE", "run a scenario file's expectations against the session's agreement"),
    (
        ":what-if",
        "MEMBER in favour|against|abstaining|absent",
        "evaluate the last proposal typed again with one vote changed, and say what changes",
    ),
    (":undo", "", "undo the last change typed (a file just loaded is where undoing stops)"),
    (":save", "[FILE]", "write the session's agreement to a file (or to its own file), in canonical layout"),
    (":show", "", "print the session's agreement"),
    (":help", "[COMMAND]", "list the commands, or explain one"),
    (":quit", "", "end the session, asking first if changes are not saved (Ctrl-D does the same)"),
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
            "what-if" | "whatif" => self.what_if(typed),
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

    fn load_command(&mut self, typed: &Typed<'_>, drop_changes: bool) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":load",
                what: "a file",
                at: typed.name_at.into(),
                help: "type :load FILE, for example :load examples/frailty-network.concord".into(),
            });
        }
        let path = PathBuf::from(typed.argument);
        if self.has_unsaved_changes() && !drop_changes {
            return Ok(self.ask_before_loading(path));
        }
        self.open(&path, typed.argument_at)
    }

    fn ask_before_loading(&self, path: PathBuf) -> Reply {
        Reply::ask(
            format!("The agreement has changes that are not saved, and loading {} would drop them.\n", path.display()),
            Question::Load(path),
        )
    }

    /// Opens the agreement named on the command line. Returns the text to print, or the
    /// problem if the file cannot be read at all or is not an agreement (the session then ends
    /// with [`EXIT_UNREADABLE`]). A file with errors is opened as a draft.
    pub fn load_path(&mut self, path: &Path) -> Result<Reply, Reply> {
        let line = format!("concord repl {}", path.display());
        let start = "concord repl ".len();
        let at = Span::new(start, line.len());
        self.open(path, at).map_err(|error| self.refuse("command line", &line, &error))
    }

    /// Opens an agreement from a file, errors and all; the session is unchanged only if the file
    /// cannot be read, or is not an agreement. `at` says where the path was typed.
    fn open(&mut self, path: &Path, at: Span) -> Result<Reply, ReplError> {
        let source = match load::read_source(path) {
            Ok(source) => source,
            Err(load::LoadFailure::Io { error, .. }) => {
                return Err(ReplError::CannotRead {
                    path: path.display().to_string(),
                    reason: load::plain_io(&error),
                    at: at.into(),
                    help: "check the file's name and folder; the session's agreement is unchanged".into(),
                })
            }
            Err(failure @ load::LoadFailure::Invalid { .. }) => {
                return Err(ReplError::CannotRead {
                    path: path.display().to_string(),
                    reason: match &failure {
                        load::LoadFailure::Invalid { diagnostic, .. } => diagnostic.to_string(),
                        load::LoadFailure::Io { .. } => failure.to_string(),
                    },
                    at: at.into(),
                    help: "only a Concord text file can be opened; the session's agreement is unchanged".into(),
                })
            }
        };
        let loaded = load::load(&source.text);
        if !matches!(loaded.kind, crate::model::FileKind::Agreement | crate::model::FileKind::Empty) {
            return Err(ReplError::NotAnAgreement { path: source.name, at: at.into() });
        }
        self.text = source.text.clone();
        self.saved = source.text.clone();
        self.undo.clear();
        self.loaded = loaded;
        self.path = Some(path.to_path_buf());
        self.last_proposal = None;
        let n_errors = self.errors();
        if n_errors > 0 {
            let file = crate::commands::check::check_source(source, None);
            let report = check_report(file);
            return Ok(Reply::say(format!(
                "{}Opened {} as a draft with {}.\n\
                 Type a block again to replace the one at fault; :check lists what is left.\n\
                 Commands that work the agreement out (:members, :weights, :explain, :scenarios,\n\
                 :what-if and proposals) wait until it reads cleanly.\n",
                report::check_human(&report, self.colour, 100),
                path.display(),
                error::count_errors(n_errors)
            )));
        }
        let summary = self.agreement().map_or(String::new(), |a| {
            format!("Loaded “{}”: {} members, {} decisions.\n", a.title.node, a.members.len(), a.decisions.len())
        });
        Ok(Reply::say(summary))
    }

    fn check(&self) -> Reply {
        let file = crate::commands::check::check_source(
            load::Source { name: "session".into(), text: self.text.clone() },
            None,
        );
        Reply::say(report::check_human(&check_report(file), self.colour, 100))
    }

    fn members(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?;
        if agreement.members.is_empty() {
            return Ok(Reply::say("The agreement has no members yet. Type a `member` block to add one.\n"));
        }
        let mut out = String::new();
        for m in &agreement.members {
            let kinds: Vec<&str> =
                m.kinds.iter().filter_map(|k| agreement.kind(k.node)).map(|k| k.name.as_str()).collect();
            let roles: Vec<&str> = m.roles.keys().map(|r| r.words()).collect();
            out.push_str(&format!("{} — {}\n", m.key, m.name));
            if !kinds.is_empty() {
                out.push_str(&format!("    kinds: {}\n", kinds.join(", ")));
            }
            if !roles.is_empty() {
                out.push_str(&format!("    roles: {}\n", roles.join(", ")));
            }
            for (name, figure) in &m.figures {
                let value = match figure.unit {
                    crate::model::FigureUnit::Money => {
                        format!(
                            "{}{}",
                            agreement.currency.symbol.map(String::from).unwrap_or_default(),
                            crate::fmt::grouped(figure.value)
                        )
                    }
                    crate::model::FigureUnit::Percent => format!("{}%", figure.value.normalize()),
                    crate::model::FigureUnit::Number => figure.value.normalize().to_string(),
                };
                out.push_str(&format!("    {}: {value}\n", name.words()));
            }
            if let Some(votes) = &m.votes {
                out.push_str(&format!("    votes: {}\n", votes.node.normalize()));
            }
        }
        Ok(Reply::say(out))
    }

    fn find_decision<'a>(
        &self,
        agreement: &'a Agreement,
        typed: &Typed<'_>,
    ) -> Result<&'a crate::model::Decision, ReplError> {
        let name = typed.argument.trim_matches('"');
        agreement.decision_by_name(name).ok_or_else(|| {
            let names: Vec<&str> = agreement.decisions.iter().map(|d| d.name.as_str()).collect();
            let near = crate::suggest::nearest(name, names.iter().copied());
            let help = match near {
                Some(n) => format!("did you mean “{n}”?"),
                None if names.is_empty() => "the agreement has no decisions yet: type a `decision` block".to_string(),
                None => format!(
                    "the decisions are {}",
                    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                ),
            };
            ReplError::UnknownDecision { name: name.to_string(), at: typed.within_argument(name).into(), help }
        })
    }

    fn weights(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?;
        let decision = if typed.argument.is_empty() {
            match agreement.decisions.first() {
                Some(d) => d,
                None => return Ok(Reply::say("The agreement has no decisions yet, so no one votes on anything.\n")),
            }
        } else {
            self.find_decision(agreement, typed)?
        };
        let electorate = match crate::weights::electorate(agreement, decision, None) {
            Ok(e) => e,
            Err(error) => {
                return Ok(Reply::say(
                    report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
                ))
            }
        };
        let mut out = format!("Shares of the votes on “{}” (before any proposal's gain exclusions):\n", decision.name);
        for voter in &electorate.voters {
            let key = agreement.member(voter.member).map_or("?", |m| m.key.as_str());
            match &voter.ineligible {
                Some(reason) => out.push_str(&format!("  {key:<16} does not vote ({})\n", ineligible_words(reason))),
                None if electorate.total.is_zero() => out.push_str(&format!("  {key:<16} 0 (no one has any weight)\n")),
                None => {
                    // Divided first: a weight of 28 digits times 100 would not fit.
                    let share = voter
                        .weight
                        .checked_div(electorate.total)
                        .and_then(|s| s.checked_mul(rust_decimal::Decimal::ONE_HUNDRED));
                    let (n, d) = crate::weights::lowest_terms(voter.weight, electorate.total);
                    let share = share.map_or_else(|| "?".to_string(), |s| format!("{}", s.round_dp(2).normalize()));
                    out.push_str(&format!("  {key:<16} {share:>7}%  (exactly {n}/{d})\n"));
                }
            }
        }
        Ok(Reply::say(out))
    }

    /// Every decision's rule as written; works on a draft with errors too, as far as it reads.
    fn rules(&self) -> Reply {
        let parsed = syntax::parse(&self.text);
        let mut out = String::new();
        for block in &parsed.file.blocks {
            if let Header::Decision { name } = &block.header.node {
                out.push_str(&format!("“{}”\n", name.node));
                for clause in &block.clauses {
                    out.push_str(&format!("  {}\n", self.text.get(clause.span.start..clause.span.end).unwrap_or("")));
                }
            }
        }
        if out.is_empty() {
            out.push_str("The agreement has no decisions yet.\n");
        }
        Reply::say(out)
    }

    fn explain(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":explain",
                what: "a decision",
                at: typed.name_at.into(),
                help: "type :explain DECISION, for example :explain change financial flows".into(),
            });
        }
        let agreement = self.readable(typed)?;
        let decision = self.find_decision(agreement, typed)?;
        Ok(Reply::say(crate::explain::decision(agreement, decision)))
    }

    fn save(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let (path, at) = match (typed.argument.is_empty(), &self.path) {
            (false, _) => (PathBuf::from(typed.argument), typed.argument_at),
            (true, Some(path)) => (path.clone(), typed.name_at),
            (true, None) => {
                return Err(ReplError::MissingArgument {
                    command: ":save",
                    what: "a file",
                    at: typed.name_at.into(),
                    help: "this session's agreement was typed in: type :save FILE, for example :save draft.concord"
                        .into(),
                })
            }
        };
        // A draft that does not read yet is saved as typed: formatting never drops a word.
        let text = crate::commands::fmt::format_source(&self.text).unwrap_or_else(|_| self.text.clone());
        match std::fs::write(&path, text) {
            Ok(()) => {
                self.saved = self.text.clone();
                if self.path.is_none() {
                    self.path = Some(path.clone());
                }
                Ok(Reply::say(format!("Saved to {}.\n", path.display())))
            }
            Err(error) => Err(ReplError::CannotWrite {
                path: path.display().to_string(),
                reason: load::plain_io(&error),
                at: at.into(),
            }),
        }
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

    /// Evaluates typed proposals, results and scenarios against the session's agreement.
    fn evaluate_inputs(&mut self, input: &str, file: &crate::syntax::ast::File) -> Reply {
        let n_errors = self.errors();
        let agreement = match self.loaded.agreement.clone() {
            Some(agreement) if n_errors == 0 => agreement,
            _ => {
                let first_line = input.lines().next().unwrap_or("");
                let error = ReplError::AgreementHasErrors {
                    command: "a proposal".into(),
                    errors: error::count_errors(n_errors.max(1)),
                    at: Span::new(0, first_line.len()).into(),
                };
                return self.refuse("input", input, &error);
            }
        };
        let (inputs, errors) = load::load_inputs(&agreement, file);
        if !errors.is_empty() {
            return Reply::say(format!("{}\nNothing was evaluated.\n", self.render(&errors, "input", input)));
        }
        let mut out = String::new();
        let proposals = inputs.proposals.iter().chain(inputs.scenarios.iter().filter_map(|s| s.proposal.as_ref()));
        for proposal in proposals {
            out.push_str(&self.evaluate_proposal(&agreement, proposal, input));
            // `:what-if` always starts again from this proposal, as typed.
            self.last_proposal = Some((proposal.clone(), input.to_string()));
        }
        let results = inputs.results.iter().chain(inputs.scenarios.iter().filter_map(|s| s.result.as_ref()));
        for result in results {
            let evaluation = crate::money::evaluate(&agreement, result);
            let diagnostics: Vec<AnyDiagnostic> = evaluation.diagnostics.iter().cloned().map(Into::into).collect();
            if !diagnostics.is_empty() {
                out.push_str(&self.render(&diagnostics, "session", &self.text));
                out.push('\n');
            }
            if let Some(working) = &evaluation.working {
                out.push_str(&crate::report::money::working_human(working, Some(&agreement.title.node)));
            }
        }
        if out.is_empty() {
            out.push_str("There was nothing to evaluate: type a `proposal` block with `decision \"…\"` and the votes, or a `result` block.\n");
        }
        Reply::say(out)
    }

    fn evaluate_proposal(&self, agreement: &Agreement, proposal: &crate::model::Proposal, input: &str) -> String {
        let errors = crate::commands::checker_errors(agreement);
        if !errors.is_empty() {
            return format!(
                "{}
`:check` finds errors in the agreement, so no proposal is evaluated under it until they are fixed.
",
                self.render(&errors, "session", &self.text)
            );
        }
        let sources = crate::eval::Sources { agreement: &self.text, proposal: input };
        match crate::eval::evaluate(agreement, proposal, sources) {
            Ok(e) => crate::report::eval::evaluation_human(&e, crate::commands::eval::Weights::Hide, self.colour),
            Err(error) => report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
        }
    }

    fn scenarios(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":scenarios",
                what: "a scenario file",
                at: typed.name_at.into(),
                help: "type :scenarios FILE, for example :scenarios examples/frailty-network.scenarios".into(),
            });
        }
        let agreement = self.readable(typed)?;
        let options = crate::commands::test::TestOptions::default();
        let report = crate::commands::test::run_against(Path::new(typed.argument), agreement, &self.text, &options);
        Ok(Reply::say(crate::report::test::test_human(&report, self.colour, 100)))
    }

    /// Evaluates the last proposal typed with one vote changed. Each what-if starts from the
    /// proposal as typed, never from an earlier what-if.
    fn what_if(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":what-if",
                what: "a member and a vote",
                at: typed.name_at.into(),
                help: "type :what-if MEMBER in favour|against|abstaining|absent, for example :what-if hhft against"
                    .into(),
            });
        }
        let agreement = self.readable(typed)?.clone();
        let Some((proposal, input)) = self.last_proposal.clone() else {
            return Err(ReplError::NoProposal { at: typed.name_at.into() });
        };
        let mut words = typed.argument.splitn(2, char::is_whitespace);
        let key = words.next().unwrap_or("").trim();
        let choice = words.next().unwrap_or("").trim();
        let Some(member) = agreement.member_by_key(key) else {
            let help = match agreement.nearest_member(key) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the members are {}",
                    agreement.members.iter().map(|m| format!("`{}`", m.key)).collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(ReplError::UnknownMember { key: key.to_string(), at: typed.within_argument(key).into(), help });
        };
        let choice = choice.split_whitespace().collect::<Vec<_>>().join(" ");
        let choice = choice.as_str();
        let new_choice = match choice {
            "in favour" | "in favor" | "for" => Some(Some(crate::model::VoteChoice::InFavour)),
            "against" => Some(Some(crate::model::VoteChoice::Against)),
            "abstaining" | "abstains" => Some(Some(crate::model::VoteChoice::Abstaining)),
            "absent" => Some(None),
            _ => None,
        };
        let Some(new_choice) = new_choice else {
            let at = if choice.is_empty() {
                Span::new(typed.line.len(), typed.line.len())
            } else {
                let start = typed.argument_at.start.saturating_add(key.len());
                let rest = typed.line.get(start..).unwrap_or("");
                let start = start.saturating_add(rest.len().saturating_sub(rest.trim_start().len()));
                Span::new(start, typed.line.len())
            };
            return Err(ReplError::UnknownVote { said: choice.to_string(), at: at.into() });
        };
        let mut changed = proposal.clone();
        let voter = crate::model::inputs::Voter::Known(member.id);
        let span = changed.votes.iter().find(|v| v.voter == voter).map_or(crate::span::Span::default(), |v| v.span);
        changed.votes.retain(|v| v.voter != voter);
        if let Some(choice) = new_choice {
            changed.votes.push(crate::model::inputs::Vote { voter, choice, span });
        }
        let sources = crate::eval::Sources { agreement: &self.text, proposal: &input };
        let (before, after) = match (
            crate::eval::evaluate(&agreement, &proposal, sources),
            crate::eval::evaluate(&agreement, &changed, sources),
        ) {
            (Ok(b), Ok(a)) => (b, a),
            (Err(error), _) | (_, Err(error)) => {
                return Ok(Reply::say(
                    report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
                ));
            }
        };
        let said = if choice == "for" { "in favour" } else { choice };
        let mut out = format!("What if {} voted {said}?\n", member.key);
        let (was, now) = (before.outcome.result.words(), after.outcome.result.words());
        if was == now {
            out.push_str(&format!("  The outcome stays {now}.\n"));
        } else {
            out.push_str(&format!("  The outcome changes from {was} to {now}.\n"));
        }
        if let (Some(b), Some(a)) = (&before.rule, &after.rule) {
            for (cb, ca) in b.conditions.iter().zip(&a.conditions) {
                if cb.held != ca.held {
                    let change =
                        if ca.held { "did not hold before and now holds" } else { "held before and now does not" };
                    out.push_str(&format!("  Condition {} ({}) {change}.\n", ca.number, ca.place.text.as_str()));
                }
            }
        }
        out.push_str("\nThe working with that change:\n");
        out.push_str(&crate::report::eval::evaluation_human(&after, crate::commands::eval::Weights::Hide, self.colour));
        Ok(Reply::say(out))
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

fn ineligible_words(reason: &crate::weights::Ineligibility) -> &'static str {
    match reason {
        crate::weights::Ineligibility::Observer { .. } => "an observer",
        crate::weights::Ineligibility::Excluded { .. } => "excluded from this decision",
        crate::weights::Ineligibility::NotOfVotingKind { .. } => "not of the kind that votes",
        crate::weights::Ineligibility::Gains { .. } => "gains too much from the proposal",
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
        out.push_str(&format!("  {:<22} {what}\n", format!("{c} {args}")));
    }
    out.push_str(
        "\nTab completes commands, keywords, members, kinds and decisions. Ctrl-C cancels the input;\n\
         Ctrl-D ends the session, as :quit does.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        let mut e = Engine::new(Colour::Off);
        let reply = e.handle("member hhft \"Hospital\"\n  kinds acute\n  lead provider\n  budget £30m\n");
        assert!(reply.text.contains("Added member `hhft`"), "{}", reply.text);
        let reply = e.handle("member gp \"GP federation\"\n  kinds primary-care\n  budget £10m\n");
        assert!(reply.text.contains("Added member `gp`"), "{}", reply.text);
        e.handle("voting in proportion to budget\n");
        let reply = e.handle("decision \"change financial flows\"\n  passes if at least 70% of eligible votes in favour\n  on a tie, hhft has the casting vote\n");
        assert!(reply.text.contains("Added decision"), "{}", reply.text);
        e
    }

    #[test]
    fn blocks_are_added_and_replaced() {
        let mut e = engine();
        let reply = e.handle("member gp \"GP federation\"\n  kinds primary-care\n  budget £20m\n");
        assert!(reply.text.contains("Replaced member `gp`"), "{}", reply.text);
        assert_eq!(e.agreement().map(|a| a.members.len()), Some(2));
        let weights = e.handle(":weights").text;
        assert!(weights.contains("60.00%") || weights.contains("60%"), "{weights}");
    }

    #[test]
    fn a_failing_line_leaves_the_session_unchanged() {
        let mut e = engine();
        let before = e.text().to_string();
        let reply = e.handle("decision \"x\"\n  passes if hhtf in favour\n");
        assert!(reply.text.contains("concord::model::unknown_name"), "{}", reply.text);
        assert!(reply.text.contains("nothing was changed"), "{}", reply.text);
        assert_eq!(e.text(), before);
        let reply = e.handle("member z\n  budjet £1m\n");
        assert!(reply.text.contains("concord::parse::unexpected_text"), "{}", reply.text);
        assert_eq!(e.text(), before);
    }

    #[test]
    fn undo_restores_the_previous_agreement() {
        let mut e = engine();
        let before = e.text().to_string();
        e.handle("member lbh \"Council\"\n  kinds social-care\n");
        assert_ne!(e.text(), before);
        e.handle(":undo");
        assert_eq!(e.text(), before);
        assert!(e.handle(":undo").text.contains("Undone") || e.handle(":undo").text.contains("nothing"));
    }

    #[test]
    fn commands_answer() {
        let mut e = engine();
        assert!(e.handle(":members").text.contains("hhft — Hospital"));
        assert!(e.handle(":rules").text.contains("passes if at least 70% of eligible votes in favour"));
        let explained = e.handle(":explain change financial flows").text;
        assert!(
            explained.contains(
                "at least 70% of the weighted votes of all eligible members, present or not, must be in favour"
            ),
            "{explained}"
        );
        assert!(e.handle(":explain chnage financial flows").text.contains("did you mean “change financial flows”?"));
        // hhft holds 75% of the votes against a 70% threshold: the checker says so.
        assert!(e.handle(":check").text.contains("concord::check::dictator"));
        assert!(e.handle(":help").text.contains(":weights"));
        assert!(e.handle(":help undo").text.contains("undo the last change"));
        let unknown = e.handle(":help wieghts").text;
        assert!(unknown.contains("concord::repl::unknown_command") && unknown.contains("`:weights`"), "{unknown}");
        let unknown = e.handle(":wieghts").text;
        assert!(unknown.contains("concord::repl::unknown_command"), "{unknown}");
        assert!(unknown.contains("did you mean `:weights`?"), "{unknown}");
        // Typed changes are not saved: `:quit` asks, `:quit!` does not.
        let asked = e.handle(":quit");
        assert_eq!((asked.quit, asked.question), (false, Some(Question::Leave)));
        assert!(e.answer(&Question::Leave, true).quit);
        assert!(!e.answer(&Question::Leave, false).quit);
        assert!(e.handle(":quit!").quit);
        assert!(Engine::new(Colour::Off).handle(":quit").quit);
    }

    #[test]
    fn save_writes_canonical_text_that_loads_again() {
        let mut e = engine();
        let path = std::env::temp_dir().join(format!("concord-repl-save-{}.concord", std::process::id()));
        let reply = e.handle(&format!(":save {}", path.display()));
        assert!(reply.text.contains("Saved"), "{}", reply.text);
        let mut other = Engine::new(Colour::Off);
        let reply = other.handle(&format!(":load {}", path.display()));
        assert!(reply.text.contains("2 members, 1 decisions"), "{}", reply.text);
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn proposals_are_evaluated_and_what_if_says_what_changes() {
        let mut e = engine();
        let reply =
            e.handle("proposal \"p\"\n  decision \"change financial flows\"\n  in favour: gp\n  against: hhft\n");
        assert!(reply.text.contains("Outcome: rejected"), "{}", reply.text);
        let reply = e.handle(":what-if hhft in favour");
        assert!(reply.text.contains("The outcome changes from rejected to passed"), "{}", reply.text);
        assert!(reply.text.contains("did not hold before and now holds"), "{}", reply.text);
        let unknown = e.handle(":what-if hhtf against").text;
        assert!(
            unknown.contains("concord::repl::unknown_member") && unknown.contains("did you mean `hhft`?"),
            "{unknown}"
        );
        let sideways = e.handle(":what-if hhft sideways").text;
        assert!(sideways.contains("concord::repl::unknown_vote"), "{sideways}");
        assert!(e.handle(":what-if hhft").text.contains("concord::repl::unknown_vote"));
        let reply = e.handle("result \"year\"\n  capitated budget £10m\n  actual cost £9m\n");
        assert!(reply.text.contains("savings"), "{}", reply.text);
    }

    #[test]
    fn scenarios_run_against_the_session_agreement() {
        let mut e = Engine::new(Colour::Off);
        e.handle(":load tests/scenarios/network.concord");
        let reply = e.handle(":scenarios tests/scenarios/passing.scenarios");
        assert!(reply.text.contains("3 passed, 0 failed, 1 skipped"), "{}", reply.text);
        // Change the rule in the session: the same scenarios now fail where they depended on it.
        e.handle("decision \"change financial flows\"\n  passes if unanimous\n  if rejected, escalate to \"the commissioners\"\n");
        let reply = e.handle(":scenarios tests/scenarios/passing.scenarios");
        assert!(reply.text.contains("2 passed, 1 failed, 1 skipped"), "{}", reply.text);
    }

    #[test]
    fn a_missing_file_is_not_loaded() {
        let mut e = engine();
        let before = e.text().to_string();
        let reply = e.handle(":load! no/such/file.concord");
        assert!(reply.text.contains("concord::repl::cannot_read"), "{}", reply.text);
        assert!(reply.text.contains("there is no such file"), "{}", reply.text);
        assert_eq!(e.text(), before);
        let reply = e.handle(":load! tests/scenarios/passing.scenarios");
        assert!(reply.text.contains("concord::repl::not_an_agreement"), "{}", reply.text);
        assert_eq!(e.text(), before);
    }

    const BROKEN: &str = "tests/corpus/parse/err_mixed_and_or.concord";

    #[test]
    fn a_draft_with_errors_opens_and_is_fixed_block_by_block() {
        let mut e = Engine::new(Colour::Off);
        let reply = e.handle(&format!(":load {BROKEN}"));
        // Rendered as `concord check` renders it, with the file's own name.
        assert!(reply.text.contains("concord::parse::mixed_and_or"), "{}", reply.text);
        assert!(reply.text.contains(&format!("✗ {BROKEN}: 1 error, 0 warnings")), "{}", reply.text);
        assert!(reply.text.contains("as a draft with 1 error"), "{}", reply.text);
        assert_eq!(e.errors(), 1);
        assert_eq!(e.prompt(), "concord [Test Alliance, 1 error]> ");
        // Commands that work the agreement out say why they cannot.
        for command in [":members", ":weights", ":explain x", ":what-if hhft against", ":scenarios a.scenarios"] {
            let reply = e.handle(command).text;
            assert!(reply.contains("concord::repl::agreement_has_errors"), "{command}: {reply}");
            assert!(reply.contains("the agreement has 1 error"), "{command}: {reply}");
        }
        let proposal = e.handle("proposal \"p\"\n  decision \"x\"\n  in favour: hhft\n").text;
        assert!(proposal.contains("concord::repl::agreement_has_errors"), "{proposal}");
        // `:show` prints the draft as written.
        assert!(e.handle(":show").text.contains("passes if hhft in favour and gp in favour or unanimous"));
        // A change that breaks more is refused; one that fixes the block is kept.
        let worse =
            e.handle("member gp \"GP federation\"\n  kinds primary-care\n  budget £10m\n  votes 2\n  votes 3\n");
        assert!(worse.text.contains("would have 2 errors instead of 1, so nothing was changed"), "{}", worse.text);
        let fixed = e.handle("decision \"x\"\n  passes if (hhft in favour and gp in favour) or unanimous\n");
        assert!(fixed.text.contains("Replaced decision “x”. The agreement now reads cleanly."), "{}", fixed.text);
        assert_eq!(e.errors(), 0);
        assert!(e.handle(":members").text.contains("hhft — Hospital"));
        assert!(e.has_unsaved_changes());
    }

    #[test]
    fn the_first_load_is_not_undone() {
        let mut e = Engine::new(Colour::Off);
        e.handle(":load tests/scenarios/network.concord");
        let loaded = e.text().to_string();
        assert_eq!(e.handle(":undo").text, "There is nothing to undo.\n");
        e.handle("member lbh \"Council\"\n  kinds social-care\n");
        assert!(e.handle(":undo").text.contains("Undone"));
        assert_eq!(e.text(), loaded);
        assert_eq!(e.handle(":undo").text, "There is nothing to undo.\n");
        assert_eq!(e.text(), loaded);
        assert!(!e.has_unsaved_changes());
    }

    #[test]
    fn loading_over_unsaved_changes_asks_first() {
        let mut e = engine();
        let before = e.text().to_string();
        let reply = e.handle(":load tests/scenarios/network.concord");
        assert_eq!(reply.question, Some(Question::Load(PathBuf::from("tests/scenarios/network.concord"))));
        assert_eq!(e.text(), before);
        let Some(question) = reply.question else { return };
        assert!(e.answer(&question, false).text.contains("The changes are kept"));
        assert_eq!(e.text(), before);
        assert!(e.answer(&question, true).text.contains("Loaded"));
        assert_ne!(e.text(), before);
        assert!(!e.has_unsaved_changes());
    }

    #[test]
    fn what_if_starts_from_the_proposal_as_typed() {
        let mut e = engine();
        e.handle("proposal \"p\"\n  decision \"change financial flows\"\n  in favour: gp\n  against: hhft\n");
        let first = e.handle(":what-if hhft in favour").text;
        assert!(first.contains("changes from rejected to passed"), "{first}");
        // Had the first what-if stuck, gp's vote against would now leave hhft's 75% in favour.
        let second = e.handle(":what-if gp against").text;
        assert!(second.contains("In favour: none. Against: hhft and gp."), "{second}");
        assert!(second.contains("The outcome stays rejected."), "{second}");
    }

    #[test]
    fn commands_without_their_argument_say_how_to_use_them() {
        let mut e = engine();
        for (command, usage) in [
            (":what-if", "type :what-if MEMBER in favour|against|abstaining|absent"),
            (":load", "type :load FILE"),
            (":explain", "type :explain DECISION"),
            (":scenarios", "type :scenarios FILE"),
            (":save", "type :save FILE"),
        ] {
            let reply = e.handle(command).text;
            assert!(reply.contains("concord::repl::missing_argument"), "{command}: {reply}");
            assert!(reply.contains(usage), "{command}: {reply}");
            assert!(!reply.contains("``"), "{command}: {reply}");
        }
        assert!(Engine::new(Colour::Off).handle(":what-if hhft against").text.contains("concord::repl::no_proposal"));
        assert!(e.handle(":reload").text.contains("concord::repl::nothing_to_reload"));
    }

    #[test]
    fn odd_input_never_panics() {
        let mut e = engine();
        for input in [
            ":",
            ": ",
            ":::",
            ":what-if  ",
            ":what-if \u{e9}",
            ":explain \"",
            ":load \u{0}",
            ":help \u{1F600}",
            "::quit",
        ] {
            let _ = e.handle(input);
        }
    }
}
