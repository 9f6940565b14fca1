//! Reading Concord text: the pest grammar (`grammar/concord.pest`), the layout of blocks and
//! clauses, and the typed syntax tree. `parse` takes text and returns the tree plus every syntax
//! error found; pest's pairs never leave this module.

pub mod ast;
mod build;
pub mod error;
mod expected;
pub mod grammar;
pub mod parse;
mod repair;
pub mod unsupported;

pub use error::SyntaxError;
pub use parse::{layout, parse, same_clause, LayoutUnit, Parsed, MAX_CLAUSE_BYTES, MAX_FILE_BYTES, MAX_NESTING};
