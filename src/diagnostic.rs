//! One type for every diagnostic Concord reports, whatever stage found it, with its severity.

use miette::Diagnostic;
use thiserror::Error;

use crate::check::{CheckDiagnostic, Witness};
use crate::eval::EvalDiagnostic;
use crate::fmt::FormatDiagnostic;
use crate::model::LowerError;
use crate::money::MoneyError;
use crate::syntax::SyntaxError;

/// Any diagnostic from any stage.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum AnyDiagnostic {
    /// Found while reading the text.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    /// Found while resolving names and units.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Model(#[from] LowerError),
    /// Found while working out a year-end result's money.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Money(#[from] MoneyError),
    /// Found by the checker's analyses of what the agreement means.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(#[from] CheckDiagnostic),
    /// Found while choosing or evaluating a proposal.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Eval(#[from] EvalDiagnostic),
    /// Found while laying a file out (`concord fmt`).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Format(#[from] FormatDiagnostic),
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops evaluation.
    Error,
    /// Worth knowing; does not stop evaluation.
    Warning,
    /// For information.
    Advice,
}

impl AnyDiagnostic {
    /// Its severity. Every syntax and resolution problem is an error.
    pub fn severity_level(&self) -> Severity {
        match self.severity() {
            Some(miette::Severity::Warning) => Severity::Warning,
            Some(miette::Severity::Advice) => Severity::Advice,
            _ => Severity::Error,
        }
    }

    /// The decision a checker finding is about, if any.
    pub fn decision(&self) -> Option<&str> {
        match self {
            AnyDiagnostic::Check(d) => d.decision(),
            _ => None,
        }
    }

    /// A checker finding's evidence, if any.
    pub fn witness(&self) -> Option<&Witness> {
        match self {
            AnyDiagnostic::Check(d) => d.witness(),
            _ => None,
        }
    }

    /// Its stable code, e.g. `concord::parse::unexpected_text`.
    pub fn code_string(&self) -> String {
        self.code().map(|c| c.to_string()).unwrap_or_default()
    }
}
