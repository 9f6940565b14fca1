//! The work behind each subcommand, as library functions returning reports. The binary parses
//! arguments, calls one of these and prints the report; tests call them directly.

pub mod check;
pub mod diff;
pub mod eval;
pub(crate) mod eval_sequence;
pub mod evaluate;
pub mod explain;
pub mod fmt;
pub mod power;
pub mod test;
pub mod year_end;

/// The checker's errors on an agreement: an agreement with any is never evaluated, weighed or
/// tested (docs/semantics.md, "An agreement with errors is not evaluated"), because its figures
/// would mean nothing (reserved shares past 100%, a rule that can never pass, …).
pub fn checker_errors(agreement: &crate::model::Agreement) -> Vec<crate::diagnostic::AnyDiagnostic> {
    crate::check::check(agreement)
        .into_iter()
        .map(crate::diagnostic::AnyDiagnostic::from)
        .filter(|d| d.severity_level() == crate::diagnostic::Severity::Error)
        .collect()
}
