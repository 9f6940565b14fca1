//! What can stop `concord fmt` laying a file out, as diagnostics: codes `concord::fmt::<name>`.
//!
//! In both cases the file is left exactly as it was.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A reason the formatter leaves a file as it is.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum FormatDiagnostic {
    /// `concord fmt` would lay a clause out longer than the reader accepts, so it leaves the
    /// file as it is rather than write a file that does not read.
    #[error("formatting would make a clause {size} bytes long, past the limit of {limit}")]
    #[diagnostic(
        code(concord::fmt::clause_too_long),
        help("the file is left as it is: break the clause up (a rule can be split into several decisions' conditions, or written with fewer words), then format it")
    )]
    ClauseTooLong {
        size: usize,
        limit: usize,
        #[label("the longest line, most likely the clause")]
        at: SourceSpan,
    },

    /// The formatter's layout would read differently from the file. This is a fault in
    /// Concord, never in the file, which is left as it is.
    #[error("formatting this file would change what it says, so it is left as it is")]
    #[diagnostic(
        code(concord::fmt::changes_meaning),
        help("this is a fault in Concord's formatter, not in the agreement: please report it with the file")
    )]
    ChangesMeaning {
        #[label("this file")]
        at: SourceSpan,
    },
}
