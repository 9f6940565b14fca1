//! `concord eval AGREEMENT INPUT` for year-end results: every `result` block, and every
//! scenario that gives a year-end result, worked out under the agreement's waterfalls.
//!
//! Exit codes: 0 when every result was worked out (warnings and unallocated amounts included);
//! 2 when a file cannot be read or has errors, the input has no year-end result, a named scenario
//! does not exist, or a result cannot be worked out (a missing actual cost, a mix that does not
//! add up to 100%…).

use std::path::Path;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::load::{self, plain_io, LoadFailure, Source};
use crate::model::{FileKind, LowerError, YearEnd};
use crate::money;
use crate::results::{finding, finding_indexed, JSON_SCHEMA_VERSION};
use crate::span::{LineIndex, Span};

/// The report types, built here and rendered by `report/`.
pub use crate::results::year_end::*;

/// Whether a file's text holds at least one year-end result (a `result` block, or a scenario
/// with year-end figures), judged without the agreement. The `eval` command uses it to send a
/// file to the money evaluator rather than the proposal evaluator.
pub fn has_year_end(text: &str) -> bool {
    let parsed = crate::syntax::parse(text);
    parsed.file.blocks.iter().any(|b| match &b.header.node {
        crate::syntax::ast::Header::Result { .. } => true,
        crate::syntax::ast::Header::Scenario { .. } => b.clauses.iter().any(|c| {
            matches!(&c.node, crate::syntax::ast::Clause::Scenario(crate::syntax::ast::ScenarioClause::Result(_)))
        }),
        _ => false,
    })
}

/// Evaluates the year-end results in `input` under `agreement`; with `scenario`, only the
/// scenario (or result) of that name.
pub fn year_end(agreement: &Path, input: &Path, scenario: Option<&str>) -> YearEndReport {
    year_end_read(agreement, input, load::read_source(agreement), load::read_source(input), scenario)
}

/// [`year_end`] over files the caller has already read (once: a pipe cannot be read twice).
pub fn year_end_read(
    agreement: &Path,
    input: &Path,
    agreement_source: Result<Source, LoadFailure>,
    input_source: Result<Source, LoadFailure>,
    scenario: Option<&str>,
) -> YearEndReport {
    let mut report = YearEndReport {
        schema: JSON_SCHEMA_VERSION,
        agreement: agreement.display().to_string(),
        title: None,
        input: input.display().to_string(),
        problems: Vec::new(),
        messages: Vec::new(),
        results: Vec::new(),
        agreement_source: None,
        input_source: None,
        problem_diagnostics: Vec::new(),
    };
    let agreement_source = read(&mut report, agreement, agreement_source, Which::Agreement);
    let input_source = read(&mut report, input, input_source, Which::Input);
    let (Some(agreement_source), Some(input_source)) = (agreement_source, input_source) else {
        return report;
    };
    evaluate_sources(report, agreement_source, input_source, scenario)
}

/// Evaluates texts already read (tests and the REPL call this directly).
pub fn year_end_sources(agreement: Source, input: Source, scenario: Option<&str>) -> YearEndReport {
    let report = YearEndReport {
        schema: JSON_SCHEMA_VERSION,
        agreement: agreement.name.clone(),
        title: None,
        input: input.name.clone(),
        problems: Vec::new(),
        messages: Vec::new(),
        results: Vec::new(),
        agreement_source: None,
        input_source: None,
        problem_diagnostics: Vec::new(),
    };
    evaluate_sources(report, agreement, input, scenario)
}

fn read(report: &mut YearEndReport, path: &Path, result: Result<Source, LoadFailure>, which: Which) -> Option<Source> {
    match result {
        Ok(source) => Some(source),
        Err(LoadFailure::Io { error, .. }) => {
            report.messages.push(format!("cannot read `{}`: {}", path.display(), plain_io(&error)));
            None
        }
        Err(LoadFailure::Invalid { source, diagnostic }) => {
            problem(report, which, *diagnostic, &source.text);
            match which {
                Which::Agreement => report.agreement_source = Some(source),
                Which::Input => report.input_source = Some(source),
            }
            None
        }
    }
}

fn problem(report: &mut YearEndReport, which: Which, diagnostic: AnyDiagnostic, text: &str) {
    report.problems.push(FileFinding { file: which, finding: finding(&diagnostic, text) });
    report.problem_diagnostics.push((which, diagnostic));
}

fn evaluate_sources(
    mut report: YearEndReport,
    agreement_source: Source,
    input_source: Source,
    scenario: Option<&str>,
) -> YearEndReport {
    let loaded = load::load(&agreement_source.text);
    for d in loaded.diagnostics.iter().filter(|d| d.severity_level() == Severity::Error) {
        problem(&mut report, Which::Agreement, d.clone(), &agreement_source.text);
    }
    let agreement = match (&loaded.agreement, loaded.kind) {
        (Some(a), FileKind::Agreement) => Some(a),
        _ => {
            if report.problems.is_empty() {
                report
                    .messages
                    .push(format!("`{}` is not an agreement: it has no `agreement` header", agreement_source.name));
            }
            None
        }
    };
    let inputs_loaded = load::load(&input_source.text);
    for d in inputs_loaded.diagnostics.iter().filter(|d| d.severity_level() == Severity::Error) {
        problem(&mut report, Which::Input, d.clone(), &input_source.text);
    }
    report.title = agreement.map(|a| a.title.node.clone());
    let Some(agreement) = agreement.filter(|_| report.problems.is_empty()) else {
        report.agreement_source = Some(agreement_source);
        report.input_source = Some(input_source);
        return report;
    };
    let (inputs, errors) = load::load_inputs(agreement, &inputs_loaded.file);
    for d in errors {
        problem(&mut report, Which::Input, d, &input_source.text);
    }
    if !report.problems.is_empty() {
        report.agreement_source = Some(agreement_source);
        report.input_source = Some(input_source);
        return report;
    }
    let mut candidates: Vec<(String, bool, &YearEnd)> =
        inputs.results.iter().map(|r| (r.title.node.clone(), false, r)).collect();
    candidates
        .extend(inputs.scenarios.iter().filter_map(|s| s.result.as_ref().map(|r| (s.name.node.clone(), true, r))));
    if let Some(wanted) = scenario {
        let names: Vec<String> = candidates.iter().map(|(n, _, _)| n.clone()).collect();
        candidates.retain(|(name, _, _)| name == wanted);
        if candidates.is_empty() {
            let hint = crate::suggest::nearest(wanted, names.iter().map(String::as_str))
                .map_or_else(String::new, |n| format!("; did you mean “{n}”?"));
            report
                .messages
                .push(format!("`{}` has no year-end result or scenario called “{wanted}”{hint}", input_source.name));
        }
    } else if candidates.is_empty() {
        let at = inputs_loaded.file.blocks.first().map_or(Span::default(), |b| b.header.span);
        problem(
            &mut report,
            Which::Input,
            LowerError::from(crate::model::InputsError::IncompleteInput {
                what: "this file gives no year-end result".into(),
                at: at.into(),
                help: "add a `result \"Year ending 31 March 2027\"` block with `actual cost £…`, or a scenario with year-end figures".into(),
            })
            .into(),
            &input_source.text,
        );
    }
    let agreement_lines = LineIndex::new(&agreement_source.text);
    let input_lines = LineIndex::new(&input_source.text);
    for (name, is_scenario, result) in candidates {
        let evaluation = money::evaluate(agreement, result);
        let mut working = evaluation.working;
        if let Some(w) = &mut working {
            w.set_lines(&agreement_source.text);
        }
        let mut findings = Vec::new();
        let mut diagnostics = Vec::new();
        for d in evaluation.diagnostics {
            let which = Which::from(d.file());
            let (text, index) = match which {
                Which::Agreement => (&agreement_source.text, &agreement_lines),
                Which::Input => (&input_source.text, &input_lines),
            };
            let any = AnyDiagnostic::from(d);
            findings.push(FileFinding { file: which, finding: finding_indexed(&any, text, index) });
            diagnostics.push((which, any));
        }
        report.results.push(ResultReport { name, scenario: is_scenario, working, findings, diagnostics });
    }
    report.agreement_source = Some(agreement_source);
    report.input_source = Some(input_source);
    report
}
