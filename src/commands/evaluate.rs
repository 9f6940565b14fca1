//! `concord eval`: proposals go to the decision evaluator, year-end results to the money
//! engine; a file holding both gets both reports. This is the one place that dispatches.

use std::path::Path;

use serde::Serialize;

use super::eval::{eval_read, EvalOptions, EvalReport};
use super::year_end::{year_end_read, YearEndReport};
use crate::load;
use crate::report::{self, Colour};
use crate::syntax::ast::{Clause, Header, ScenarioClause};

/// What `concord eval` found in its input file.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluateReport {
    /// The decisions' report, when the input proposes anything.
    pub decisions: Option<EvalReport>,
    /// The year-end report, when the input has results.
    pub results: Option<YearEndReport>,
}

impl EvaluateReport {
    /// 0 when everything was evaluated, 2 otherwise (the worse of the two reports).
    pub fn exit_code(&self) -> u8 {
        let decisions = self.decisions.as_ref().map_or(0, EvalReport::exit_code);
        let results = self.results.as_ref().map_or(0, YearEndReport::exit_code);
        decisions.max(results)
    }

    /// The human report: decisions first, then year-end results.
    pub fn human(&self, colour: Colour, width: usize) -> String {
        let mut parts = Vec::new();
        if let Some(d) = &self.decisions {
            parts.push(report::eval_human(d, colour, width));
        }
        if let Some(r) = &self.results {
            parts.push(report::money::year_end_human(r, colour, width));
        }
        parts.join("\n")
    }

    /// The JSON value: the one report when there is one kind of input, else both under
    /// `decisions` and `results` (see docs/json.md).
    pub fn json(&self) -> serde_json::Value {
        match (&self.decisions, &self.results) {
            (Some(d), None) => serde_json::to_value(d).unwrap_or_default(),
            (None, Some(r)) => serde_json::to_value(r).unwrap_or_default(),
            _ => serde_json::json!({
                "schema": report::JSON_SCHEMA_VERSION,
                "decisions": self.decisions,
                "results": self.results,
            }),
        }
    }
}

/// Which engines the input needs: (proposals?, results?), for the named item only if given.
fn kinds_of_input(text: &str, name: Option<&str>) -> (bool, bool) {
    let parsed = crate::syntax::parse(text);
    let mut proposals = false;
    let mut results = false;
    for block in &parsed.file.blocks {
        let (block_name, proposes, has_result) = match &block.header.node {
            Header::Proposal { title } => (Some(&title.node), true, false),
            Header::Result { title } => (Some(&title.node), false, true),
            Header::Scenario { name } => {
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
    let agreement_source = load::read_source(agreement);
    let input_source = load::read_source(input);
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
