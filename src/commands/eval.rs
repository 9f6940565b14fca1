//! `concord eval AGREEMENT INPUT`: evaluate proposals (and, later, year-end results) against an
//! agreement.
//!
//! In: the two paths and the options. Out: an [`EvalReport`] with one [`EvalItem`] per thing
//! evaluated, or the problems that stopped evaluation (exit code 2). INPUT is a file of
//! `proposal` / `result` blocks or a scenario file; `--scenario NAME` picks one scenario (or
//! proposal, or result) by name, otherwise everything in the file is evaluated in order:
//! stand-alone proposals, then stand-alone results, then scenarios.
//!
//! [`evaluate_item`] is the one place that decides what each input is and which engine
//! evaluates it: proposals go to [`crate::eval::evaluate`]; year-end results are not evaluated
//! here yet.

use std::path::Path;

use crate::diagnostic::AnyDiagnostic;
use crate::eval::{EvalDiagnostic, Evaluator};
use crate::load::{self, LoadFailure, Source};
use crate::model::{self, Agreement, FileKind, Inputs, Proposal};
use crate::results::JSON_SCHEMA_VERSION;
use crate::span::{Span, Spanned};
use crate::syntax;

/// The report types, built here and rendered by `report/`.
pub use crate::results::eval::*;

/// What `concord eval` was asked to do besides the two paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// The scenario (or proposal, or result) to evaluate, by name.
    pub scenario: Option<String>,
    /// Whether to show each member's weight.
    pub weights: Weights,
    /// Whether to work out what it would take to change each outcome (`--why`).
    pub why: bool,
}

/// Evaluates what `input` proposes against the agreement in `agreement`.
pub fn eval(agreement: &Path, input: &Path, options: &EvalOptions) -> EvalReport {
    eval_read(agreement, input, load::read_source(agreement), load::read_source(input), options)
}

/// [`eval`] over files the caller has already read (once: a pipe cannot be read twice).
pub fn eval_read(
    agreement: &Path,
    input: &Path,
    agreement_source: Result<Source, LoadFailure>,
    input_source: Result<Source, LoadFailure>,
    options: &EvalOptions,
) -> EvalReport {
    let mut report = EvalReport {
        schema: JSON_SCHEMA_VERSION,
        agreement: agreement.display().to_string(),
        input: input.display().to_string(),
        evaluations: Vec::new(),
        problems: Vec::new(),
        weights: options.weights,
    };
    let (agreement_source, input_source) = match (agreement_source, input_source) {
        (Ok(a), Ok(i)) => (a, i),
        (a, i) => {
            for (path, result) in [(&report.agreement, a), (&report.input, i)] {
                if let Err(failure) = result {
                    report.problems.push(FileProblems::from_failure(path, failure));
                }
            }
            return report;
        }
    };
    match eval_sources(&agreement_source, &input_source, options) {
        Ok(items) => report.evaluations = items,
        Err(problems) => report.problems = problems,
    }
    report
}

/// Evaluates texts already read (the library behind [`eval`], for tests and the REPL). The
/// sources' names are used as their paths.
pub fn eval_sources(
    agreement_source: &Source,
    input_source: &Source,
    options: &EvalOptions,
) -> Result<Vec<EvalItem>, Vec<FileProblems>> {
    let agreement = read_agreement(agreement_source)?;
    let inputs = read_inputs(&agreement, input_source)?;
    let selected = select(&inputs, input_source, options.scenario.as_deref())?;
    let written = Evaluator::new(&agreement, &agreement_source.text);
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let mut input_problems = Vec::new();
    for input in selected {
        // A scenario that follows steps which changed the agreement is decided under it as changed.
        let Input::Proposal(proposal, name, from) = input else {
            if let Input::Election(ballot, ..) = input {
                let after = super::eval_sequence::election_after_change(
                    &agreement,
                    &agreement_source.text,
                    &input_source.text,
                    &inputs,
                    ballot,
                );
                if let Some(diagnostic) = after {
                    input_problems.push(diagnostic);
                    continue;
                }
            }
            match evaluate_item(&written, input, &input_source.text) {
                Ok(item) => items.push(item),
                Err(diagnostic) => problems.push(diagnostic),
            }
            continue;
        };
        let changed = match super::eval_sequence::following(
            &agreement,
            &agreement_source.text,
            &input_source.text,
            &inputs,
            proposal,
        ) {
            Ok(changed) => changed,
            Err(diagnostic) => {
                input_problems.push(diagnostic);
                continue;
            }
        };
        let changed_evaluator = changed.as_ref().map(|c| Evaluator::new(&c.agreement, &agreement_source.text));
        let (evaluator, input) = match (&changed, &changed_evaluator) {
            (Some(c), Some(e)) => (e, Input::Proposal(&c.proposal, name, from)),
            _ => (&written, input),
        };
        match evaluate_item(evaluator, input, &input_source.text) {
            Ok(mut item) => {
                let (EvalItem::Decision(d), Input::Proposal(proposal, ..)) = (&mut item, input) else {
                    items.push(item);
                    continue;
                };
                if let Some(c) = &changed {
                    d.evaluation.in_force.clone_from(&c.in_force);
                }
                if options.why {
                    d.why = Some(crate::whynot::why_not(evaluator, proposal, &d.evaluation, &input_source.text));
                }
                if options.weights == Weights::Show {
                    d.evaluation.add_shares();
                }
                items.push(item)
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    if problems.is_empty() && input_problems.is_empty() {
        return Ok(items);
    }
    let mut files = Vec::new();
    if !problems.is_empty() {
        files.push(FileProblems::new(&agreement_source.name, agreement_source.clone(), problems));
    }
    if !input_problems.is_empty() {
        files.push(FileProblems::new(&input_source.name, input_source.clone(), input_problems));
    }
    Err(files)
}

/// One thing to evaluate, as found in the input.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A proposal, with its name and where it was written.
    Proposal(&'a Proposal, &'a str, ItemSource),
    /// A scenario's election, with the scenario's name.
    Election(&'a crate::model::elections::Ballot, &'a str, ItemSource),
}

/// Evaluates one proposal (`commands::evaluate` sends year-end results to the money engine).
/// `input_text` is the text the input was read from; `evaluator.agreement()` is the agreement.
// The error is a single diagnostic on a rare path; boxing it would only move the cost.
#[allow(clippy::result_large_err)]
pub fn evaluate_item(evaluator: &Evaluator<'_>, input: Input<'_>, input_text: &str) -> Result<EvalItem, AnyDiagnostic> {
    match input {
        Input::Proposal(proposal, name, from) => {
            let evaluation =
                evaluator.evaluate(proposal, input_text).map_err(|e| AnyDiagnostic::from(EvalDiagnostic::from(e)))?;
            Ok(EvalItem::Decision(Box::new(DecisionItem { name: name.to_string(), from, evaluation, why: None })))
        }
        Input::Election(ballot, name, from) => {
            let agreement = evaluator.agreement();
            let election = agreement.elections.get(ballot.election.node).ok_or_else(|| {
                AnyDiagnostic::from(model::LowerError::from(crate::model::InputsError::IncompleteInput {
                    what: format!("the agreement has no election for scenario `{name}`"),
                    at: ballot.election.span.into(),
                    help: "name an election of the agreement in `elect \"…\"`".into(),
                }))
            })?;
            let count = crate::eval::elections::count(agreement, election, ballot)
                .map_err(|e| AnyDiagnostic::from(model::LowerError::from(e)))?;
            Ok(EvalItem::Election(Box::new(ElectionItem { name: name.to_string(), from, count })))
        }
    }
}

fn read_agreement(source: &Source) -> Result<Agreement, Vec<FileProblems>> {
    let loaded = load::load(&source.text);
    if matches!(loaded.kind, FileKind::Scenarios | FileKind::Inputs) {
        let at = loaded.file.blocks.first().map_or(Span::default(), |b| b.header.span);
        let diagnostic = EvalDiagnostic::NotAnAgreement { path: source.name.clone(), at: at.into() };
        return Err(vec![FileProblems::new(&source.name, source.clone(), vec![diagnostic.into()])]);
    }
    match loaded.agreement {
        Some(agreement) if !loaded.has_errors() => {
            let errors = super::checker_errors(&agreement);
            if errors.is_empty() {
                Ok(agreement)
            } else {
                Err(vec![FileProblems::new(&source.name, source.clone(), errors)])
            }
        }
        _ => Err(vec![FileProblems::new(&source.name, source.clone(), loaded.diagnostics)]),
    }
}

fn read_inputs(agreement: &Agreement, source: &Source) -> Result<Inputs, Vec<FileProblems>> {
    let parsed = syntax::parse(&source.text);
    let mut diagnostics: Vec<AnyDiagnostic> = parsed.errors.into_iter().map(Into::into).collect();
    if matches!(model::FileKind::of(&parsed.file), FileKind::Agreement) {
        let at = parsed.file.blocks.first().map_or(Span::default(), |b| b.header.span);
        diagnostics.push(EvalDiagnostic::NotAProposal { path: source.name.clone(), at: at.into() }.into());
        return Err(vec![FileProblems::new(&source.name, source.clone(), diagnostics)]);
    }
    let (inputs, errors) = load::load_inputs(agreement, &parsed.file);
    diagnostics.extend(errors);
    if diagnostics.is_empty() {
        Ok(inputs)
    } else {
        Err(vec![FileProblems::new(&source.name, source.clone(), diagnostics)])
    }
}

/// Everything in the file that can be evaluated, in order, with its name and the span of its
/// name.
fn candidates(inputs: &Inputs) -> Vec<(Input<'_>, &Spanned<String>)> {
    let mut out = Vec::new();
    for p in &inputs.proposals {
        out.push((Input::Proposal(p, &p.title.node, ItemSource::Proposal), &p.title));
    }
    for s in &inputs.scenarios {
        if let Some(p) = &s.proposal {
            out.push((Input::Proposal(p, &s.name.node, ItemSource::Scenario), &s.name));
        }
        if let Some(b) = &s.ballot {
            out.push((Input::Election(b, &s.name.node, ItemSource::Scenario), &s.name));
        }
    }
    // Year-end results are worked out by `commands::year_end`; `commands::evaluate` runs both.
    out
}

fn select<'a>(inputs: &'a Inputs, source: &Source, name: Option<&str>) -> Result<Vec<Input<'a>>, Vec<FileProblems>> {
    let all = candidates(inputs);
    let problem =
        |diagnostic: EvalDiagnostic| vec![FileProblems::new(&source.name, source.clone(), vec![diagnostic.into()])];
    let Some(name) = name else {
        if all.is_empty() {
            return Err(problem(EvalDiagnostic::NothingToEvaluate {
                path: source.name.clone(),
                at: Span::new(0, 0).into(),
            }));
        }
        return Ok(all.into_iter().map(|(input, _)| input).collect());
    };
    let chosen: Vec<Input<'a>> = all.iter().filter(|(_, n)| n.node == name).map(|(input, _)| *input).collect();
    if !chosen.is_empty() {
        return Ok(chosen);
    }
    let names: Vec<&str> = all.iter().map(|(_, n)| n.node.as_str()).collect();
    let nearest = crate::suggest::nearest(name, names.iter().copied());
    let help = match nearest {
        Some(n) => format!("did you mean `{n}`?"),
        None if names.is_empty() => "this file has no scenario that proposes something".to_string(),
        None => {
            format!("the scenarios here are: {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
        }
    };
    let nearest_span = nearest.and_then(|n| all.iter().find(|(_, s)| s.node == n)).map(|(_, s)| s.span.into());
    Err(problem(EvalDiagnostic::UnknownScenario {
        name: name.to_string(),
        path: source.name.clone(),
        nearest: nearest_span,
        help,
    }))
}
