//! An election whose tie is decided by the casting vote of an office whose holder changes:
//! `concord::model::election_office_casting`.
//!
//! A decision may give its casting vote to such an office, since each proposal carries the date
//! (or the person presiding) that settles who holds it (docs/semantics.md, step 1). An election
//! is held by a scenario with no date and no one presiding, so who would hold the casting vote is
//! not settled, and the clause is refused rather than guessed.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with who has the casting vote at an election.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum ElectionOfficeError {
    /// `on a tie, the chair has the casting vote` in an election, where the chair is an office
    /// whose holder changes.
    #[error("election `{election}` gives the casting vote to the {office}, whose holder changes, and an election has no date to say who held it")]
    #[diagnostic(
        code(concord::model::election_office_casting),
        help("name the member who has the casting vote at this election (`on a tie, {example} has the casting vote`), or decide a tie by lot (`on a tie, it is decided by lot`); a decision may give the casting vote to the {office}, since each proposal carries its date")
    )]
    OfficeCasting {
        /// The election.
        election: String,
        /// The office, `chair`.
        office: String,
        /// A member who may be named instead (the first who may hold the office).
        example: String,
        /// The office in the clause.
        #[label("the holder of the {office} depends on the date or on who presides")]
        at: SourceSpan,
    },
}
