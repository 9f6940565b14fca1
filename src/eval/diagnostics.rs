//! Problems that stop `concord eval` before or while evaluating: `concord::eval::<name>`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::EvalError;

/// A problem with what `concord eval` was asked to evaluate.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum EvalDiagnostic {
    /// The proposal could not be evaluated (figures too large to weigh or compare exactly).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Eval(#[from] EvalError),

    /// The agreement file holds proposals or scenarios, not an agreement.
    #[error("`{path}` is not an agreement")]
    #[diagnostic(
        code(concord::eval::not_an_agreement),
        help("give the agreement (`.concord` file) first, then the file with the proposal or scenarios")
    )]
    NotAnAgreement {
        /// The path as given.
        path: String,
        /// The first block.
        #[label("this file starts with a proposal or scenario, not `agreement`")]
        at: SourceSpan,
    },

    /// The input file is an agreement, not proposals or scenarios.
    #[error("`{path}` holds an agreement, not a proposal or scenarios")]
    #[diagnostic(
        code(concord::eval::not_a_proposal),
        help("give the agreement first, then a file with `proposal \"…\"` blocks or a scenario file")
    )]
    NotAProposal {
        /// The path as given.
        path: String,
        /// The first block.
        #[label("this file starts with an agreement block")]
        at: SourceSpan,
    },

    /// `--scenario NAME` names no scenario (or proposal) in the file.
    #[error("there is no scenario called `{name}` in `{path}`")]
    #[diagnostic(code(concord::eval::unknown_scenario))]
    UnknownScenario {
        /// The name asked for.
        name: String,
        /// The file searched.
        path: String,
        /// The nearest name, when one is close.
        #[label("did you mean this one?")]
        nearest: Option<SourceSpan>,
        /// What to do.
        #[help]
        help: String,
    },

    /// The input file proposes nothing.
    #[error("`{path}` has no proposal or scenario to evaluate")]
    #[diagnostic(
        code(concord::eval::nothing_to_evaluate),
        help("add a `proposal \"…\"` block with `decision \"…\"` and the votes, or a scenario with `propose \"…\"`")
    )]
    NothingToEvaluate {
        /// The path as given.
        path: String,
        /// The start of the file.
        #[label("nothing to evaluate in this file")]
        at: SourceSpan,
    },
}
