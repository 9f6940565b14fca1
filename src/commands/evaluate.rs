//! `concord eval`: proposals go to the decision evaluator, year-end results to the money
//! engine; a file holding both gets both reports. This is the one place that dispatches.

use std::path::{Path, PathBuf};

use super::eval::{eval_read, EvalOptions};
use super::year_end::year_end_read;
use crate::load;
use crate::syntax::ast::{Clause, Header, ScenarioClause};

/// The report type, built here and rendered by `report/`.
pub use crate::results::eval::EvaluateReport;

/// Which engines the input needs: (proposals?, results?), for the named item only if given.
fn kinds_of_input(text: &str, name: Option<&str>) -> (bool, bool) {
    let parsed = crate::syntax::parse(text);
    let mut proposals = false;
    let mut results = false;
    for block in &parsed.file.blocks {
        let (block_name, proposes, has_result) = match &block.header.node {
            Header::Proposal { title } => (Some(&title.node), true, false),
            Header::Result { title } => (Some(&title.node), false, true),
            Header::Scenario { name, .. } => {
                let proposes = block.clauses.iter().any(|c| {
                    matches!(&c.node, Clause::Scenario(ScenarioClause::Propose { .. } | ScenarioClause::Proposal(_)))
                });
                let has_result =
                    block.clauses.iter().any(|c| matches!(&c.node, Clause::Scenario(ScenarioClause::Result(_))));
                (Some(&name.node), proposes, has_result)
            }
            _ => (None, false, false),
        };
        if name.is_none_or(|n| block_name.is_some_and(|b| b == n)) {
            proposals |= proposes;
            results |= has_result;
        }
    }
    (proposals, results)
}

/// Evaluates every proposal and year-end result in `input` against `agreement`.
pub fn evaluate(agreement: &Path, input: &Path, options: &EvalOptions) -> EvaluateReport {
    // Each file is read once: a pipe or a FIFO gives its text only once.
    evaluate_read(agreement, input, load::read_source(agreement), load::read_source(input), options)
}

/// [`evaluate`] over texts already read (the browser playground has no files); the sources'
/// names are used as their paths.
pub fn evaluate_sources(agreement: load::Source, input: load::Source, options: &EvalOptions) -> EvaluateReport {
    let (agreement_path, input_path) = (PathBuf::from(&agreement.name), PathBuf::from(&input.name));
    evaluate_read(&agreement_path, &input_path, Ok(agreement), Ok(input), options)
}

fn evaluate_read(
    agreement: &Path,
    input: &Path,
    agreement_source: Result<load::Source, load::LoadFailure>,
    input_source: Result<load::Source, load::LoadFailure>,
    options: &EvalOptions,
) -> EvaluateReport {
    let text = input_source.as_ref().map(|s| s.text.as_str()).unwrap_or("");
    let (mut proposals, mut results) = kinds_of_input(text, options.scenario.as_deref());
    if !proposals && !results {
        // A misspelt scenario name: the engine for what the file holds says so, with the
        // nearest name. With nothing recognisable at all, the decision evaluator reports it.
        (proposals, results) = kinds_of_input(text, None);
        proposals = proposals || !results;
        results = results && !proposals;
    }
    let (decisions, results) = match (proposals, results) {
        (true, true) => (
            Some(eval_read(agreement, input, agreement_source.clone(), input_source.clone(), options)),
            Some(year_end_read(agreement, input, agreement_source, input_source, options.scenario.as_deref())),
        ),
        (true, false) => (Some(eval_read(agreement, input, agreement_source, input_source, options)), None),
        (false, true) => {
            (None, Some(year_end_read(agreement, input, agreement_source, input_source, options.scenario.as_deref())))
        }
        (false, false) => (None, None),
    };
    EvaluateReport { decisions, results }
}
