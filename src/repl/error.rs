//! What the REPL says when a line typed at its prompt cannot be done: one miette diagnostic per
//! problem, with a code, a label on the words at fault and a line of help, drawn over the line
//! as typed (or over the command line, for the agreement named when the session starts).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A line the REPL cannot act on. Nothing in the session changes.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum ReplError {
    /// A command name that is not one of the REPL's commands.
    #[error("there is no command `:{name}`")]
    #[diagnostic(code(concord::repl::unknown_command))]
    UnknownCommand {
        /// The name as typed, without the colon.
        name: String,
        /// The command as typed.
        #[label("not a command")]
        at: SourceSpan,
        /// The nearest command, or the way to list them.
        #[help]
        help: String,
    },
    /// A command typed without the argument it needs.
    #[error("`{command}` needs {what}")]
    #[diagnostic(code(concord::repl::missing_argument))]
    MissingArgument {
        /// The command, with its colon.
        command: &'static str,
        /// What is missing, e.g. "a file".
        what: &'static str,
        /// The command as typed.
        #[label("add {what} after this")]
        at: SourceSpan,
        /// The command's usage, with an example.
        #[help]
        help: String,
    },
    /// A command that works the agreement out, while the agreement has errors.
    #[error("the agreement has {errors}, so `{command}` cannot work it out yet")]
    #[diagnostic(
        code(concord::repl::agreement_has_errors),
        help("type :check to list the errors, then type each block at fault again to replace it")
    )]
    AgreementHasErrors {
        /// The command, with its colon, or "a proposal".
        command: String,
        /// How many errors, in words ("2 errors").
        errors: String,
        /// The command as typed.
        #[label("needs an agreement that reads cleanly")]
        at: SourceSpan,
    },
    /// A decision name the agreement does not have.
    #[error("there is no decision “{name}”")]
    #[diagnostic(code(concord::repl::unknown_decision))]
    UnknownDecision {
        /// The name as typed.
        name: String,
        /// The name in the line.
        #[label("not a decision of this agreement")]
        at: SourceSpan,
        /// The nearest name, or the names there are.
        #[help]
        help: String,
    },
    /// A member identifier the agreement does not have.
    #[error("there is no member `{key}`")]
    #[diagnostic(code(concord::repl::unknown_member))]
    UnknownMember {
        /// The identifier as typed.
        key: String,
        /// The identifier in the line.
        #[label("not a member of this agreement")]
        at: SourceSpan,
        /// The nearest identifier, or the identifiers there are.
        #[help]
        help: String,
    },
    /// `:what-if` with a vote that is not one of the four.
    #[error("`{said}` is not a way to vote")]
    #[diagnostic(
        code(concord::repl::unknown_vote),
        help("say how the member votes: in favour, against, abstaining or absent, e.g. :what-if hhft against")
    )]
    UnknownVote {
        /// The words as typed (possibly none).
        said: String,
        /// Where the vote is, or should be.
        #[label("in favour, against, abstaining or absent")]
        at: SourceSpan,
    },
    /// `:what-if` or `:why` before any proposal was typed.
    #[error("there is no proposal to work from yet")]
    #[diagnostic(
        code(concord::repl::no_proposal),
        help("type a `proposal` block with its decision and votes first (or a scenario that holds an election); :what-if then changes one vote in it, and :why says what it would take to change a proposal's outcome")
    )]
    NoProposal {
        /// The command as typed.
        #[label("works from the last proposal typed")]
        at: SourceSpan,
    },
    /// `:changes` before any scenario that follows others was typed.
    #[error("no scenario typed yet was decided under a changed agreement")]
    #[diagnostic(
        code(concord::repl::no_changes),
        help("type a scenario that follows another (`scenario \"B\" follows \"A\"`, with A's proposal passing and changing the agreement); :changes then lists the changes it was decided under")
    )]
    NoChanges {
        /// The command as typed.
        #[label("lists the changes the last scenario was decided under")]
        at: SourceSpan,
    },
    /// `:changes N` with a number that is not one of the changes.
    #[error("`{said}` is not the number of a change in force")]
    #[diagnostic(code(concord::repl::unknown_change))]
    UnknownChange {
        /// The words as typed.
        said: String,
        /// The numbers there are.
        #[help]
        help: String,
        /// The number in the line.
        #[label("not a change's number")]
        at: SourceSpan,
    },
    /// An election name the agreement does not have.
    #[error("there is no election “{name}”")]
    #[diagnostic(code(concord::repl::unknown_election))]
    UnknownElection {
        /// The name as typed.
        name: String,
        /// The name in the line.
        #[label("not an election of this agreement")]
        at: SourceSpan,
        /// The nearest name, or the names there are.
        #[help]
        help: String,
    },
    /// `:what-if` after an election, with words that are not a vote at it.
    #[error("`{said}` is not a vote at an election")]
    #[diagnostic(
        code(concord::repl::unknown_election_vote),
        help("say whom the member votes for, or that it did not vote: :what-if icb for trust, :what-if icb absent; or record a tie's result: :what-if the lot fell to trust, :what-if the casting vote was for trust")
    )]
    UnknownElectionVote {
        /// The words as typed (possibly none).
        said: String,
        /// Where the vote is, or should be.
        #[label("for CANDIDATE, or absent")]
        at: SourceSpan,
    },
    /// `:what-if` naming a member who does not stand in the last election typed.
    #[error("`{key}` is not a candidate in election “{election}”")]
    #[diagnostic(code(concord::repl::not_a_candidate))]
    NotACandidate {
        /// The identifier as typed.
        key: String,
        /// The election.
        election: String,
        /// The identifier in the line.
        #[label("does not stand in this election")]
        at: SourceSpan,
        /// The candidates.
        #[help]
        help: String,
    },
    /// `:reload` in a session whose agreement was typed in.
    #[error("there is no file to reload")]
    #[diagnostic(
        code(concord::repl::nothing_to_reload),
        help("this session's agreement was typed in, not loaded: type :load FILE to open a file")
    )]
    NothingToReload {
        /// The command as typed.
        #[label("reads the agreement's file again")]
        at: SourceSpan,
    },
    /// A file that cannot be read.
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(concord::repl::cannot_read))]
    CannotRead {
        /// The path as given.
        path: String,
        /// Why, in plain words.
        reason: String,
        /// The path in the line.
        #[label("this file")]
        at: SourceSpan,
        /// What to do.
        #[help]
        help: String,
    },
    /// A file that is Concord text but not an agreement.
    #[error("`{path}` is not an agreement")]
    #[diagnostic(
        code(concord::repl::not_an_agreement),
        help("a session works on an agreement, a file that opens with `agreement \"…\"`; run scenario files with :scenarios FILE")
    )]
    NotAnAgreement {
        /// The path as given.
        path: String,
        /// The path in the line.
        #[label("it has no `agreement` header")]
        at: SourceSpan,
    },
    /// A file that cannot be written.
    #[error("cannot write `{path}`: {reason}")]
    #[diagnostic(
        code(concord::repl::cannot_write),
        help("check that the folder exists and may be written to, or save somewhere else with :save FILE")
    )]
    CannotWrite {
        /// The path as given.
        path: String,
        /// Why, in plain words.
        reason: String,
        /// The path in the line.
        #[label("this file")]
        at: SourceSpan,
    },
    /// `:load` while the session has changes that are not saved, where no one can be asked.
    #[error("the session has changes that are not saved, so `{path}` was not loaded")]
    #[diagnostic(
        code(concord::repl::unsaved_changes),
        help("type :save FILE to keep the changes first, or :load! FILE to load it and drop them")
    )]
    UnsavedChanges {
        /// The path as given.
        path: String,
        /// The command as typed.
        #[label("would replace the changed agreement")]
        at: SourceSpan,
    },
}

/// "1 error", "2 errors".
pub fn count_errors(n: usize) -> String {
    if n == 1 {
        "1 error".to_string()
    } else {
        format!("{n} errors")
    }
}
