//! Opening, reopening and saving the session's file: asking before changes that were not
//! saved are dropped, and opening a draft with its errors shown.

use std::path::{Path, PathBuf};

use super::{check_report, error, Engine, Question, ReplError, Reply, Typed};
use crate::load;
use crate::report;
use crate::span::Span;

impl Engine {
    pub(super) fn load_command(&mut self, typed: &Typed<'_>, drop_changes: bool) -> Result<Reply, ReplError> {
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

    pub(super) fn ask_before_loading(&self, path: PathBuf) -> Reply {
        Reply::ask(
            format!("The agreement has changes that are not saved, and loading {} would drop them.\n", path.display()),
            Question::Load(path),
        )
    }

    /// Opens the agreement named on the command line. Returns the text to print, or the
    /// problem if the file cannot be read at all or is not an agreement (the session then ends
    /// with [`EXIT_UNREADABLE`](super::EXIT_UNREADABLE)). A file with errors is opened as a draft.
    pub fn load_path(&mut self, path: &Path) -> Result<Reply, Reply> {
        let line = format!("concord repl {}", path.display());
        let start = "concord repl ".len();
        let at = Span::new(start, line.len());
        self.open(path, at).map_err(|error| self.refuse("command line", &line, &error))
    }

    /// Opens an agreement from a file, errors and all; the session is unchanged only if the file
    /// cannot be read, or is not an agreement. `at` says where the path was typed.
    pub(super) fn open(&mut self, path: &Path, at: Span) -> Result<Reply, ReplError> {
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

    pub(super) fn save(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
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
}
