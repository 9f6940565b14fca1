//! `concord repl`: an interactive session for drafting and testing an agreement.
//!
//! The [`Engine`] takes a complete input (a command, or one or more blocks) and returns what to
//! print, with no terminal involved, so tests drive it directly. `terminal.rs` wraps it in
//! rustyline (completion, hints, highlighting, multi-line input, history) or, when standard
//! input is not a terminal, in a plain line reader.
//!
//! The session's agreement is kept as text. A block typed at the prompt replaces the block with
//! the same identity (the member with that id, the decision with that name, the single
//! `voting`/`savings`/… block) or is added; the whole agreement is then read again, and the
//! change is kept only if it reads cleanly. A line that fails leaves the session unchanged.

mod helper;
pub mod terminal;

use std::path::{Path, PathBuf};

use crate::diagnostic::AnyDiagnostic;
use crate::load::{self, Loaded};
use crate::model::Agreement;
use crate::report::{self, Colour};
use crate::syntax::ast::Header;
use crate::syntax::{self};

/// What the engine says back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// Text to print.
    pub text: String,
    /// Whether the session should end.
    pub quit: bool,
}

impl Reply {
    fn say(text: impl Into<String>) -> Reply {
        Reply { text: text.into(), quit: false }
    }
}

/// The text a new session starts from when no agreement is loaded.
pub const DRAFT: &str = "agreement \"Draft agreement\"\n  currency GBP\n";

/// The commands, with their arguments and what they do (for `:help` and completion).
pub const COMMANDS: [(&str, &str, &str); 14] = [
    (":load", "FILE", "load an agreement from a file (replaces the session's agreement)"),
    (":reload", "", "load the agreement's file again"),
    (":check", "", "check the session's agreement and list every problem"),
    (":members", "", "list the members with their kinds, roles and figures"),
    (":weights", "[DECISION]", "show each member's exact share of the votes (for a decision, after its exclusions)"),
    (":rules", "", "list every decision's rule as written"),
    (":explain", "DECISION", "say in plain words how a decision is made"),
    (":scenarios", "FILE", "run a scenario file's expectations against the session's agreement"),
    (
        ":what-if",
        "MEMBER in favour|against|abstaining|absent",
        "evaluate the last proposal again with one vote changed, and say what changes",
    ),
    (":undo", "", "undo the last change to the agreement"),
    (":save", "FILE", "write the session's agreement to a file, in canonical layout"),
    (":show", "", "print the session's agreement"),
    (":help", "[COMMAND]", "list the commands, or explain one"),
    (":quit", "", "end the session (Ctrl-D does too)"),
];

/// The REPL's state and behaviour, without a terminal.
#[derive(Debug, Clone)]
pub struct Engine {
    text: String,
    path: Option<PathBuf>,
    undo: Vec<String>,
    loaded: Loaded,
    colour: Colour,
    /// The last proposal evaluated, with the text it was typed in, for `:what-if`.
    last_proposal: Option<(crate::model::Proposal, String)>,
}

impl Engine {
    /// A session on a draft agreement.
    pub fn new(colour: Colour) -> Engine {
        Engine {
            text: DRAFT.to_string(),
            path: None,
            undo: Vec::new(),
            loaded: load::load(DRAFT),
            colour,
            last_proposal: None,
        }
    }

    /// The session's agreement, when it reads cleanly (it always does between inputs).
    pub fn agreement(&self) -> Option<&Agreement> {
        self.loaded.agreement.as_ref()
    }

    /// The session's agreement as text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file the agreement was loaded from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The prompt: the agreement's title.
    pub fn prompt(&self) -> String {
        let title = self.agreement().map_or("no agreement", |a| a.title.node.as_str());
        format!("concord [{title}]> ")
    }

    /// Handles one complete input.
    pub fn handle(&mut self, input: &str) -> Reply {
        let trimmed = input.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') && !trimmed.contains('\n') {
            return Reply::default();
        }
        if let Some(command) = trimmed.strip_prefix(':') {
            return self.command(command);
        }
        self.blocks(input.trim_matches('\n'))
    }

    fn render(&self, diagnostics: &[AnyDiagnostic], name: &str, text: &str) -> String {
        let renderer = report::Renderer::new(name, text, self.colour, 100);
        let mut shown: Vec<String> = diagnostics.iter().take(report::MAX_SHOWN).map(|d| renderer.render(d)).collect();
        shown.extend(report::more_line(diagnostics.len()));
        shown.join("\n")
    }

    fn command(&mut self, command: &str) -> Reply {
        let (name, argument) = command.split_once(char::is_whitespace).unwrap_or((command, ""));
        let argument = argument.trim();
        match name {
            "load" | "l" => self.load_command(argument),
            "reload" => match self.path.clone() {
                Some(path) => self.load_path(&path),
                None => {
                    Reply::say("There is no file to reload: this session's agreement was typed in. Use :load FILE.\n")
                }
            },
            "check" => self.check(),
            "members" => self.members(),
            "weights" => self.weights(argument),
            "rules" => self.rules(),
            "explain" => self.explain(argument),
            "undo" => match self.undo.pop() {
                Some(previous) => {
                    self.loaded = load::load(&previous);
                    self.text = previous;
                    Reply::say("Undone: the agreement is as it was before the last change.\n")
                }
                None => Reply::say("There is nothing to undo.\n"),
            },
            "save" => self.save(argument),
            "scenarios" => self.scenarios(argument),
            "what-if" | "whatif" => self.what_if(argument),
            "show" => Reply::say(self.text.clone()),
            "help" | "h" | "?" => Reply::say(help(argument)),
            "quit" | "q" | "exit" => Reply { text: String::new(), quit: true },
            other => {
                let names: Vec<&str> = COMMANDS.iter().map(|(c, _, _)| c.trim_start_matches(':')).collect();
                let hint = match crate::suggest::nearest(other, names) {
                    Some(near) => format!(" Did you mean :{near}?"),
                    None => String::new(),
                };
                Reply::say(format!("There is no command :{other}.{hint} Type :help for the list.\n"))
            }
        }
    }

    fn load_command(&mut self, argument: &str) -> Reply {
        if argument.is_empty() {
            return Reply::say("Which file? Type :load FILE, for example :load examples/frailty-network.concord\n");
        }
        self.load_path(Path::new(argument))
    }

    /// Loads an agreement from a file; the session is unchanged if it does not read cleanly.
    pub fn load_path(&mut self, path: &Path) -> Reply {
        let source = match load::read_source(path) {
            Ok(source) => source,
            Err(failure) => return Reply::say(format!("{failure}\nThe session's agreement is unchanged.\n")),
        };
        let loaded = load::load(&source.text);
        if loaded.kind != crate::model::FileKind::Agreement {
            return Reply::say(format!(
                "{} is not an agreement (it has no `agreement` header). The session's agreement is unchanged.\n",
                source.name
            ));
        }
        if loaded.has_errors() {
            let rendered = self.render(&loaded.diagnostics, &source.name, &source.text);
            return Reply::say(format!(
                "{rendered}\n{} has problems, so it was not loaded. The session's agreement is unchanged.\n",
                source.name
            ));
        }
        self.undo.push(std::mem::replace(&mut self.text, source.text));
        self.loaded = loaded;
        self.path = Some(path.to_path_buf());
        let summary = self.agreement().map_or(String::new(), |a| {
            format!("Loaded “{}”: {} members, {} decisions.\n", a.title.node, a.members.len(), a.decisions.len())
        });
        Reply::say(summary)
    }

    fn check(&self) -> Reply {
        let file = crate::commands::check::check_source(
            load::Source { name: "session".into(), text: self.text.clone() },
            None,
        );
        let report = crate::commands::check::CheckReport {
            schema: report::JSON_SCHEMA_VERSION,
            errors: file.findings.iter().filter(|f| f.severity == crate::diagnostic::Severity::Error).count(),
            warnings: file.findings.iter().filter(|f| f.severity == crate::diagnostic::Severity::Warning).count(),
            files: vec![file],
        };
        Reply::say(report::check_human(&report, self.colour, 100))
    }

    fn members(&self) -> Reply {
        let Some(agreement) = self.agreement() else { return Reply::say("No agreement is loaded.\n") };
        if agreement.members.is_empty() {
            return Reply::say("The agreement has no members yet. Type a `member` block to add one.\n");
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
        Reply::say(out)
    }

    fn find_decision<'a>(&self, agreement: &'a Agreement, name: &str) -> Result<&'a crate::model::Decision, String> {
        let name = name.trim().trim_matches('"');
        agreement.decision_by_name(name).ok_or_else(|| {
            let names: Vec<&str> = agreement.decisions.iter().map(|d| d.name.as_str()).collect();
            let near = crate::suggest::nearest(name, names.iter().copied());
            match near {
                Some(n) => format!("There is no decision “{name}”. Did you mean “{n}”?\n"),
                None => format!(
                    "There is no decision “{name}”. The decisions are: {}\n",
                    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                ),
            }
        })
    }

    fn weights(&self, argument: &str) -> Reply {
        let Some(agreement) = self.agreement() else { return Reply::say("No agreement is loaded.\n") };
        let decision = if argument.is_empty() {
            match agreement.decisions.first() {
                Some(d) => d,
                None => return Reply::say("The agreement has no decisions yet, so no one votes on anything.\n"),
            }
        } else {
            match self.find_decision(agreement, argument) {
                Ok(d) => d,
                Err(message) => return Reply::say(message),
            }
        };
        let electorate = match crate::weights::electorate(agreement, decision, None) {
            Ok(e) => e,
            Err(error) => return Reply::say(format!("{error}\n")),
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
        Reply::say(out)
    }

    fn rules(&self) -> Reply {
        let Some(agreement) = self.agreement() else { return Reply::say("No agreement is loaded.\n") };
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
        if agreement.decisions.is_empty() {
            out.push_str("The agreement has no decisions yet.\n");
        }
        Reply::say(out)
    }

    fn explain(&self, argument: &str) -> Reply {
        let Some(agreement) = self.agreement() else { return Reply::say("No agreement is loaded.\n") };
        if argument.is_empty() {
            return Reply::say("Which decision? Type :explain \"change financial flows\"\n");
        }
        match self.find_decision(agreement, argument) {
            Ok(decision) => Reply::say(crate::explain::decision(agreement, decision)),
            Err(message) => Reply::say(message),
        }
    }

    fn save(&self, argument: &str) -> Reply {
        let path = match (argument.is_empty(), &self.path) {
            (false, _) => PathBuf::from(argument),
            (true, Some(path)) => path.clone(),
            (true, None) => return Reply::say("Where to? Type :save FILE\n"),
        };
        // A draft that does not read yet is saved as typed: formatting never drops a word.
        let text = crate::commands::fmt::format_source(&self.text).unwrap_or_else(|_| self.text.clone());
        match std::fs::write(&path, text) {
            Ok(()) => Reply::say(format!("Saved to {}.\n", path.display())),
            Err(error) => Reply::say(format!("Cannot write {}: {}\n", path.display(), load::plain_io(&error))),
        }
    }

    /// Adds or replaces the blocks typed, keeping the change only if the agreement reads cleanly.
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
        if loaded.has_errors() {
            let rendered = self.render(&loaded.diagnostics, "session", &text);
            return Reply::say(format!(
                "{rendered}\nWith that change the agreement would have problems, so nothing was changed.\n"
            ));
        }
        self.undo.push(std::mem::replace(&mut self.text, text));
        self.loaded = loaded;
        Reply::say(format!("{}\n", said.join(" ")))
    }

    /// Evaluates typed proposals, results and scenarios against the session's agreement.
    fn evaluate_inputs(&mut self, input: &str, file: &crate::syntax::ast::File) -> Reply {
        let Some(agreement) = self.loaded.agreement.clone() else { return Reply::say("No agreement is loaded.\n") };
        let (inputs, errors) = load::load_inputs(&agreement, file);
        if !errors.is_empty() {
            return Reply::say(format!("{}\nNothing was evaluated.\n", self.render(&errors, "input", input)));
        }
        let mut out = String::new();
        let proposals = inputs.proposals.iter().chain(inputs.scenarios.iter().filter_map(|s| s.proposal.as_ref()));
        for proposal in proposals {
            out.push_str(&self.evaluate_proposal(&agreement, proposal, input));
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
            Err(error) => format!("{error}\n"),
        }
    }

    fn scenarios(&self, argument: &str) -> Reply {
        let Some(agreement) = self.agreement() else { return Reply::say("No agreement is loaded.\n") };
        if argument.is_empty() {
            return Reply::say(
                "Which file? Type :scenarios FILE, for example :scenarios examples/frailty-network.scenarios\n",
            );
        }
        let options = crate::commands::test::TestOptions::default();
        let report = crate::commands::test::run_against(Path::new(argument), agreement, &self.text, &options);
        Reply::say(crate::report::test::test_human(&report, self.colour, 100))
    }

    fn what_if(&mut self, argument: &str) -> Reply {
        let Some((proposal, input)) = self.last_proposal.clone() else {
            return Reply::say("There is no proposal to change yet: type a `proposal` block first.\n");
        };
        let Some(agreement) = self.loaded.agreement.clone() else { return Reply::say("No agreement is loaded.\n") };
        let mut words = argument.splitn(2, char::is_whitespace);
        let key = words.next().unwrap_or("").trim();
        let choice = words.next().unwrap_or("").trim();
        let Some(member) = agreement.member_by_key(key) else {
            let near = agreement.nearest_member(key);
            let hint = near.map(|n| format!(" Did you mean `{n}`?")).unwrap_or_default();
            return Reply::say(format!(
                "There is no member `{key}`.{hint} Type :what-if MEMBER in favour|against|abstaining|absent\n"
            ));
        };
        let new_choice = match choice {
            "in favour" | "for" => Some(Some(crate::model::VoteChoice::InFavour)),
            "against" => Some(Some(crate::model::VoteChoice::Against)),
            "abstaining" | "abstains" => Some(Some(crate::model::VoteChoice::Abstaining)),
            "absent" => Some(None),
            _ => None,
        };
        let Some(new_choice) = new_choice else {
            return Reply::say("How should it vote? Type :what-if MEMBER in favour|against|abstaining|absent\n");
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
            (Err(error), _) | (_, Err(error)) => return Reply::say(format!("{error}\n")),
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
        self.last_proposal = Some((changed, input));
        Reply::say(out)
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
         The agreement is checked at once; a change that causes problems is not kept.\n\n\
         Commands:\n",
    );
    for (c, args, what) in COMMANDS {
        out.push_str(&format!("  {:<22} {what}\n", format!("{c} {args}")));
    }
    out.push_str("\nTab completes commands, keywords, members, kinds and decisions. Ctrl-C cancels the input; Ctrl-D ends the session.\n");
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
        assert!(e.handle(":explain chnage financial flows").text.contains("Did you mean “change financial flows”"));
        // hhft holds 75% of the votes against a 70% threshold: the checker says so.
        assert!(e.handle(":check").text.contains("concord::check::dictator"));
        assert!(e.handle(":help").text.contains(":weights"));
        assert!(e.handle(":help undo").text.contains("undo the last change"));
        assert!(e.handle(":wieghts").text.contains("Did you mean :weights"));
        assert!(e.handle(":quit").quit);
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
        assert!(e.handle(":what-if hhtf against").text.contains("Did you mean `hhft`?"));
        assert!(e.handle(":what-if hhft sideways").text.contains("How should it vote?"));
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
    fn a_bad_file_is_not_loaded() {
        let mut e = engine();
        let before = e.text().to_string();
        let reply = e.handle(":load tests/corpus/parse/err_mixed_and_or.concord");
        assert!(reply.text.contains("was not loaded"), "{}", reply.text);
        assert_eq!(e.text(), before);
        assert!(e.handle(":load no/such/file.concord").text.contains("there is no such file"));
    }
}
