//! `concord test`: every scenario file's expectations checked at once, as `opa test` and
//! Catala's `clerk test` do for their languages.
//!
//! A scenario passes when every `expect` line holds: an outcome (with its detail) for a
//! proposal, a member's or the fund's share and the unallocated amount for a year-end result,
//! or a checker finding for the agreement. A scenario with no `expect` line is skipped.
//!
//! This module finds and reads the files; `expectations` runs one scenario against its
//! `expect` lines, `coverage` records what the scenarios exercised and `update` writes
//! `--update`'s corrections.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::eval;
use crate::load::{self, plain_io, LoadFailure, Source};
use crate::model::{Agreement, FileKind};
use crate::results::{finding, findings, JSON_SCHEMA_VERSION};

mod coverage;
mod elections;
mod expectations;
mod following;
mod update;

pub use update::update;

/// The report types, built here and rendered by `report/`.
pub use crate::results::test::*;

/// What `concord test` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct TestOptions {
    /// Only scenarios whose name contains this text.
    pub filter: Option<String>,
    /// Stop at the first failing scenario.
    pub fail_fast: bool,
    /// Report which rules, conditions and waterfalls the scenarios exercised.
    pub coverage: bool,
    /// With `coverage`: the least share of items (a percentage) the scenarios must exercise.
    pub min_coverage: Option<rust_decimal::Decimal>,
}

/// Finds scenario files: each file given, or every `.scenarios` file under a folder.
pub fn scenario_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    crate::commands::check::collect_files(paths)
        .into_iter()
        // Agreements are read through their scenario files; a path that does not exist is kept,
        // so that it is reported.
        .filter(|p| !p.exists() || (p.is_file() && p.extension().and_then(|e| e.to_str()) != Some("concord")))
        .collect()
}

/// Runs every scenario in every file.
pub fn run(paths: &[PathBuf], options: &TestOptions) -> TestReport {
    let mut report = TestReport {
        schema: JSON_SCHEMA_VERSION,
        files: Vec::new(),
        passed: 0,
        failed: 0,
        skipped: 0,
        coverage: options.coverage.then(Coverage::default),
        filter: options.filter.clone(),
        min_coverage: options.min_coverage,
    };
    for path in scenario_files(paths) {
        let file = run_file(&path, options, report.coverage.as_mut());
        // BOUND: each scenario adds one to one count, and no run can read and evaluate anywhere
        // near `usize::MAX` scenarios.
        #[allow(clippy::arithmetic_side_effects)]
        for s in &file.scenarios {
            match s.status {
                Status::Passed => report.passed += 1,
                Status::Failed => report.failed += 1,
                Status::Skipped => report.skipped += 1,
            }
        }
        report.files.push(file);
        if options.fail_fast && report.failed > 0 {
            break;
        }
    }
    report
}

/// Pairs every diagnostic with one shared copy of its file's text (not a copy each: a file
/// with thousands of errors would otherwise hold thousands of copies of itself).
fn with_source(diagnostics: Vec<AnyDiagnostic>, source: &Source) -> Vec<(AnyDiagnostic, Arc<Source>)> {
    let shared = Arc::new(source.clone());
    diagnostics.into_iter().map(|d| (d, Arc::clone(&shared))).collect()
}

fn problem_file(path: &Path, agreement: Option<String>, diagnostics: Vec<(AnyDiagnostic, Arc<Source>)>) -> FileResult {
    FileResult {
        path: path.display().to_string(),
        agreement,
        problems: match diagnostics.first() {
            // One file's diagnostics share its text: its lines are indexed once.
            Some((_, source)) if diagnostics.iter().all(|(_, s)| Arc::ptr_eq(s, source)) => {
                findings(diagnostics.iter().map(|(d, _)| d), &source.text)
            }
            _ => diagnostics.iter().map(|(d, s)| finding(d, &s.text)).collect(),
        },
        scenarios: Vec::new(),
        rendered: diagnostics,
    }
}

fn unreadable(path: &Path, failure: LoadFailure) -> FileResult {
    match failure {
        LoadFailure::Invalid { source, diagnostic } => problem_file(path, None, vec![(*diagnostic, Arc::new(source))]),
        LoadFailure::Io { error, .. } => {
            let source = Source { name: path.display().to_string(), text: String::new() };
            let diagnostic = crate::model::LowerError::from(crate::model::InputsError::AgreementNotFound {
                path: path.display().to_string(),
                reason: plain_io(&error),
                at: crate::span::Span::default().into(),
            });
            problem_file(path, None, vec![(diagnostic.into(), Arc::new(source))])
        }
    }
}

fn run_file(path: &Path, options: &TestOptions, coverage: Option<&mut Coverage>) -> FileResult {
    let source = match load::read_source(path) {
        Ok(s) => s,
        Err(failure) => return unreadable(path, failure),
    };
    let loaded = load::load(&source.text);
    if loaded.has_errors() {
        let diagnostics = with_source(loaded.diagnostics, &source);
        return problem_file(path, None, diagnostics);
    }
    if loaded.kind != FileKind::Scenarios {
        let diagnostic = crate::model::LowerError::from(crate::model::InputsError::IncompleteInput {
            what: format!("{} is not a scenario file", source.name),
            at: crate::span::Span::default().into(),
            help: "a scenario file starts with `scenarios for \"agreement.concord\"`".into(),
        });
        return problem_file(path, None, vec![(diagnostic.into(), Arc::new(source))]);
    }
    // The same resolution as `concord check`; unknown names are reported by `run_scenarios`.
    match crate::commands::check::scenarios_agreement(&loaded, path.parent()) {
        Err(diagnostics) => {
            let target = crate::model::scenarios_target(&loaded.file);
            let name = target.map(|t| path.parent().unwrap_or(Path::new(".")).join(&t.node).display().to_string());
            let diagnostics = with_source(diagnostics, &source);
            problem_file(path, name, diagnostics)
        }
        Ok((agreement_path, agreement_source, agreement)) => {
            let name = Some(agreement_path.display().to_string());
            run_scenarios(&source, &loaded.file, &agreement, &agreement_source.text, name, options, coverage)
        }
    }
}

/// Runs a scenario file against an agreement already in hand (the REPL's session agreement),
/// whatever agreement the file names.
pub fn run_against(path: &Path, agreement: &Agreement, agreement_text: &str, options: &TestOptions) -> TestReport {
    match load::read_source(path) {
        Err(failure) => one_file(unreadable(path, failure), options),
        Ok(source) => run_against_source(&source, agreement, agreement_text, "the session's agreement", options),
    }
}

/// [`run_against`] over a scenario text already read (the browser playground has no files);
/// `agreement_name` is how the report names the agreement.
pub fn run_against_source(
    source: &Source,
    agreement: &Agreement,
    agreement_text: &str,
    agreement_name: &str,
    options: &TestOptions,
) -> TestReport {
    let loaded = load::load(&source.text);
    let file = if loaded.has_errors() {
        let diagnostics = with_source(loaded.diagnostics, source);
        problem_file(Path::new(&source.name), None, diagnostics)
    } else {
        run_scenarios(source, &loaded.file, agreement, agreement_text, Some(agreement_name.into()), options, None)
    };
    one_file(file, options)
}

/// Runs a scenario text against an agreement text, both already read (the browser playground):
/// an agreement with errors runs nothing, and says so as `concord test` does.
pub fn run_sources(source: &Source, agreement_source: &Source, options: &TestOptions) -> TestReport {
    let loaded = load::load(&agreement_source.text);
    match loaded.agreement {
        Some(agreement) if !loaded.has_errors() && loaded.kind == FileKind::Agreement => {
            run_against_source(source, &agreement, &agreement_source.text, &agreement_source.name, options)
        }
        _ => {
            let count = loaded.diagnostics.len().max(1);
            let problem = crate::model::LowerError::from(crate::model::InputsError::AgreementHasErrors {
                path: agreement_source.name.clone(),
                count,
                at: crate::span::Span::default().into(),
            });
            let diagnostics = with_source(vec![problem.into()], source);
            one_file(problem_file(Path::new(&source.name), None, diagnostics), options)
        }
    }
}

fn one_file(file: FileResult, options: &TestOptions) -> TestReport {
    let count = |status| file.scenarios.iter().filter(|s| s.status == status).count();
    TestReport {
        schema: JSON_SCHEMA_VERSION,
        passed: count(Status::Passed),
        failed: count(Status::Failed),
        skipped: count(Status::Skipped),
        files: vec![file],
        coverage: None,
        filter: options.filter.clone(),
        min_coverage: options.min_coverage,
    }
}

fn run_scenarios(
    source: &Source,
    file: &crate::syntax::ast::File,
    agreement: &Agreement,
    agreement_text: &str,
    agreement_name: Option<String>,
    options: &TestOptions,
    coverage: Option<&mut Coverage>,
) -> FileResult {
    let path = Path::new(&source.name);
    let (inputs, errors) = load::load_inputs(agreement, file);
    if !errors.is_empty() {
        return problem_file(path, agreement_name, with_source(errors, source));
    }
    let found: Vec<AnyDiagnostic> = crate::check::check(agreement).into_iter().map(AnyDiagnostic::from).collect();
    let findings: Vec<String> = found.iter().map(|d| d.code_string()).collect();
    // An agreement the checker finds errors in is never evaluated (docs/semantics.md).
    let mut errors: Vec<String> =
        found.iter().filter(|d| d.severity_level() == Severity::Error).map(|d| d.code_string()).collect();
    errors.dedup();
    let lines = crate::span::LineIndex::new(&source.text);
    let context = Context {
        agreement,
        agreement_text,
        scenarios_text: &source.text,
        findings: &findings,
        errors: &errors,
        evaluator: eval::Evaluator::new(agreement, agreement_text),
        lines: &lines,
        in_force: Vec::new(),
    };
    let mut coverage = coverage;
    let mut scenarios = Vec::new();
    for (index, scenario) in inputs.scenarios.iter().enumerate() {
        if options.filter.as_ref().is_some_and(|f| !scenario.name.node.contains(f.as_str())) {
            continue;
        }
        let name = agreement_name.as_deref().unwrap_or("");
        let cover = coverage.as_deref_mut().map(|c| (c, name));
        let result = following::run(&context, file, &inputs.scenarios, index, cover);
        let failed = result.status == Status::Failed;
        scenarios.push(result);
        if failed && options.fail_fast {
            break;
        }
    }
    FileResult {
        path: source.name.clone(),
        agreement: agreement_name,
        problems: Vec::new(),
        scenarios,
        rendered: Vec::new(),
    }
}

struct Context<'a> {
    agreement: &'a Agreement,
    agreement_text: &'a str,
    scenarios_text: &'a str,
    findings: &'a [String],
    /// The codes of the checker's errors on the agreement: when there are any, no proposal or
    /// result is worked out under it.
    errors: &'a [String],
    /// The agreement made ready once for every scenario's proposal.
    evaluator: eval::Evaluator<'a>,
    /// Lines of the scenario file, found by binary search (a file may hold 10,000 scenarios).
    lines: &'a crate::span::LineIndex,
    /// In a scenario that follows others, the changes their passed proposals made to the
    /// agreement (`agreement` is then the agreement as they left it).
    in_force: Vec<eval::InForce>,
}
