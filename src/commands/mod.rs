//! The work behind each subcommand, as library functions returning reports. The binary parses
//! arguments, calls one of these and prints the report; tests call them directly.

pub mod check;
pub mod eval;
pub mod evaluate;
pub mod fmt;
pub mod power;
pub mod test;
pub mod year_end;
