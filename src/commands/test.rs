//! `concord test`: every scenario file's expectations checked at once, as `opa test` and
//! Catala's `clerk test` do for their languages.
//!
//! A scenario passes when every `expect` line holds: an outcome (with its detail) for a
//! proposal, a member's or the fund's share and the unallocated amount for a year-end result,
//! or a checker finding for the agreement. A scenario with no `expect` line is skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::eval::{self, Combination, Evaluation, Invalidity, OutcomeKind};
use std::sync::Arc;

use crate::load::{self, plain_io, LoadFailure, Source};
use crate::model::inputs::{DecisionRef, Expect, ExpectDetail, Holder, Scenario};
use crate::model::InvalidReason;
use crate::model::{Agreement, FileKind};
use crate::results::{finding, findings, JSON_SCHEMA_VERSION};
use crate::span::line_col;
use crate::syntax::ast::OutcomeWord;

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
            let diagnostic = crate::model::LowerError::AgreementNotFound {
                path: path.display().to_string(),
                reason: plain_io(&error),
                at: crate::span::Span::default().into(),
            };
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
        let diagnostic = crate::model::LowerError::IncompleteInput {
            what: format!("{} is not a scenario file", source.name),
            at: crate::span::Span::default().into(),
            help: "a scenario file starts with `scenarios for \"agreement.concord\"`".into(),
        };
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
    let file = match load::read_source(path) {
        Err(failure) => unreadable(path, failure),
        Ok(source) => {
            let loaded = load::load(&source.text);
            if loaded.has_errors() {
                let diagnostics = with_source(loaded.diagnostics, &source);
                problem_file(path, None, diagnostics)
            } else {
                run_scenarios(
                    &source,
                    &loaded.file,
                    agreement,
                    agreement_text,
                    Some("the session's agreement".into()),
                    options,
                    None,
                )
            }
        }
    };
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
    let context = Context {
        agreement,
        agreement_text,
        scenarios_text: &source.text,
        findings: &findings,
        errors: &errors,
        evaluator: eval::Evaluator::new(agreement, agreement_text),
        lines: crate::span::LineIndex::new(&source.text),
    };
    let mut coverage = coverage;
    let mut scenarios = Vec::new();
    for scenario in &inputs.scenarios {
        if options.filter.as_ref().is_some_and(|f| !scenario.name.node.contains(f.as_str())) {
            continue;
        }
        let name = agreement_name.as_deref().unwrap_or("");
        let result = run_scenario(&context, scenario, coverage.as_deref_mut().map(|c| (c, name)));
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
    lines: crate::span::LineIndex,
}

fn outcome_word(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Passed => "passed",
        OutcomeKind::Rejected => "rejected",
        OutcomeKind::Escalated => "escalated",
        OutcomeKind::Deadlocked => "deadlocked",
        OutcomeKind::Invalid => "invalid",
    }
}

fn expected_word(word: OutcomeWord) -> &'static str {
    match word {
        OutcomeWord::Passed => "passed",
        OutcomeWord::Rejected => "rejected",
        OutcomeWord::Escalated => "escalated",
        OutcomeWord::Deadlocked => "deadlocked",
        OutcomeWord::Invalid => "invalid",
    }
}

fn reason_matches(reason: InvalidReason, invalid: &[Invalidity]) -> bool {
    invalid.iter().any(|i| {
        matches!(
            (reason, i),
            (InvalidReason::NoQuorum, Invalidity::NoQuorum)
                | (InvalidReason::UnknownMemberVoted, Invalidity::UnknownMemberVoted { .. })
                | (InvalidReason::UnknownDecision, Invalidity::UnknownDecision { .. } | Invalidity::NoDecision)
        )
    })
}

/// The actual outcome in the words of an `expect` line.
fn actual_outcome(e: &Evaluation) -> String {
    let word = outcome_word(e.outcome.result);
    if let Some(casting) = &e.outcome.casting_vote {
        return format!("{word} on the casting vote of {}", casting.member.as_str());
    }
    if let Some(step) = e.outcome.deadlock.as_ref().and_then(|d| d.escalated_to.as_ref()) {
        return format!("escalated to \"{}\"", step.body);
    }
    let reason = e.outcome.invalid.first().map(|i| match i {
        Invalidity::NoQuorum => "no quorum",
        Invalidity::UnknownMemberVoted { .. } => "an unknown member voted",
        Invalidity::UnknownDecision { .. } | Invalidity::NoDecision => "the decision does not exist",
        Invalidity::NoDate | Invalidity::NoRuleInForce { .. } => "",
    });
    match reason {
        Some(r) if !r.is_empty() => format!("{word} because {r}"),
        _ => word.to_string(),
    }
}

/// Which conditions turned the rule: flipping that one condition alone flips the result.
// BOUND: `i` indexes `held`, so its number, one more, fits.
#[allow(clippy::arithmetic_side_effects)]
fn deciding(combination: &Combination, held: &[bool]) -> Vec<usize> {
    fn value(c: &Combination, held: &[bool]) -> bool {
        match c {
            Combination::Condition { number, .. } => held.get(number.saturating_sub(1)).copied().unwrap_or(false),
            Combination::All { parts, .. } => parts.iter().all(|p| value(p, held)),
            Combination::Any { parts, .. } => parts.iter().any(|p| value(p, held)),
        }
    }
    let base = value(combination, held);
    (0..held.len())
        .filter(|i| {
            let mut flipped = held.to_vec();
            if let Some(h) = flipped.get_mut(*i) {
                *h = !*h;
            }
            value(combination, &flipped) != base
        })
        .map(|i| i + 1)
        .collect()
}

fn run_scenario(context: &Context<'_>, scenario: &Scenario, coverage: Option<(&mut Coverage, &str)>) -> ScenarioResult {
    let line = context.lines.line(scenario.name.span.start);
    let mut mismatches = Vec::new();
    let mut explanation = None;
    if !context.errors.is_empty() && (scenario.proposal.is_some() || scenario.result.is_some()) {
        let status = Status::Failed;
        mismatches.push(Mismatch {
            expectation: String::new(),
            line,
            expected: "an outcome".into(),
            actual: format!(
                "not worked out: `concord check` finds errors in the agreement ({}), so it is not evaluated",
                context.errors.join(", ")
            ),
            replacement: None,
            span: scenario.name.span,
        });
        return ScenarioResult { name: scenario.name.node.clone(), line, status, mismatches, explanation };
    }
    let evaluation = scenario.proposal.as_ref().map(|p| context.evaluator.evaluate(p, context.scenarios_text));
    let money = scenario.result.as_ref().map(|r| crate::money::evaluate(context.agreement, r));
    if let Some((coverage, agreement_name)) = coverage {
        record_coverage(
            coverage,
            agreement_name,
            context.agreement,
            context.agreement_text,
            scenario,
            evaluation.as_ref(),
            money.as_ref(),
        );
    }
    for expect in &scenario.expectations {
        let expect_line = context.lines.line(expect.span.start);
        let written = context.scenarios_text.get(expect.span.start..expect.span.end).unwrap_or("").to_string();
        let mut mismatch = |expected: String, actual: String, replacement: Option<String>| {
            mismatches.push(Mismatch {
                expectation: written.clone(),
                line: expect_line,
                expected,
                actual,
                replacement,
                span: expect.span,
            });
        };
        match &expect.node {
            Expect::Outcome { outcome, detail } => match &evaluation {
                None => mismatch(expected_word(*outcome).into(), "nothing was proposed".into(), None),
                Some(Err(error)) => mismatch(expected_word(*outcome).into(), format!("not evaluated: {error}"), None),
                Some(Ok(e)) => {
                    let actual = actual_outcome(e);
                    let mut ok = expected_word(*outcome) == outcome_word(e.outcome.result);
                    let expected_text = match detail.as_ref().map(|d| &d.node) {
                        None => expected_word(*outcome).to_string(),
                        Some(ExpectDetail::EscalatedTo(body)) => {
                            ok &= e
                                .outcome
                                .deadlock
                                .as_ref()
                                .and_then(|d| d.escalated_to.as_ref())
                                .is_some_and(|s| s.body == *body);
                            format!("escalated to \"{body}\"")
                        }
                        Some(ExpectDetail::CastingVoteOf(member)) => {
                            ok &= e.outcome.casting_vote.as_ref().is_some_and(|c| c.id == *member);
                            let key = context.agreement.member(*member).map_or("?", |m| m.key.as_str());
                            format!("{} on the casting vote of {key}", expected_word(*outcome))
                        }
                        Some(ExpectDetail::Because(reason)) => {
                            ok &= reason_matches(*reason, &e.outcome.invalid);
                            format!("{} because {}", expected_word(*outcome), reason_words(*reason))
                        }
                    };
                    if !ok {
                        // `--update` never writes a typing slip into the file as the expected
                        // outcome: a vote from an unknown name is fixed in the votes.
                        let slip = e.outcome.invalid.iter().any(|i| matches!(i, Invalidity::UnknownMemberVoted { .. }));
                        let replacement = (!slip).then(|| format!("expect {actual}"));
                        mismatch(expected_text, actual.clone(), replacement);
                    }
                }
            },
            Expect::Share { holder, receives, amount, fund: Some(fund) } => {
                match money.as_ref().and_then(|m| m.working.as_ref()) {
                    None => mismatch(format!("{}", amount.0), "no year-end result was worked out".into(), None),
                    Some(working) => {
                        let fund_name = context.agreement.funds.get(*fund).map_or_else(String::new, |f| f.name.clone());
                        let who = match holder {
                            Holder::Member(id) => {
                                context.agreement.member(*id).map_or(String::new(), |m| m.key.clone())
                            }
                            Holder::ContingencyFund => "the contingency fund".to_string(),
                        };
                        // In one fund a member may both receive (on one line) and bear (on
                        // another): the expectation is about the net.
                        let net = working.member_net_in(*fund, &who).unwrap_or(Decimal::ZERO);
                        let ok =
                            if *receives { net == amount.0 } else { net <= Decimal::ZERO && net.abs() == amount.0 };
                        if !ok {
                            let actual = if net < Decimal::ZERO {
                                format!("{who} bears {} in \"{fund_name}\"", money_words(context.agreement, net.abs()))
                            } else {
                                format!("{who} receives {} in \"{fund_name}\"", money_words(context.agreement, net))
                            };
                            let expected = format!(
                                "{who} {} {} in \"{fund_name}\"",
                                if *receives { "receives" } else { "bears" },
                                money_words(context.agreement, amount.0)
                            );
                            mismatch(expected, actual.clone(), Some(format!("expect {actual}")));
                        }
                    }
                }
            }
            Expect::Share { holder, receives, amount, fund: None } => {
                match money.as_ref().and_then(|m| m.working.as_ref()) {
                    None => mismatch(format!("{}", amount.0), "no year-end result was worked out".into(), None),
                    Some(working) => {
                        let (who, got) = match holder {
                            Holder::Member(id) => {
                                let key = context.agreement.member(*id).map_or(String::new(), |m| m.key.clone());
                                let got = working.member_amount(&key).unwrap_or(Decimal::ZERO);
                                (key, got)
                            }
                            Holder::ContingencyFund => ("the contingency fund".to_string(), working.contingency_fund()),
                        };
                        let is_deficit = working.outcome == crate::money::Outcome::Deficit;
                        let verb_ok = *receives != is_deficit || got.is_zero();
                        if got != amount.0 || !verb_ok {
                            let verb = if is_deficit { "bears" } else { "receives" };
                            let actual = format!("{who} {verb} {}", money_words(context.agreement, got));
                            let expected = format!(
                                "{who} {} {}",
                                if *receives { "receives" } else { "bears" },
                                money_words(context.agreement, amount.0)
                            );
                            mismatch(expected, actual.clone(), Some(format!("expect {actual}")));
                        }
                    }
                }
            }
            Expect::Unallocated(amount) => match money.as_ref().and_then(|m| m.working.as_ref()) {
                None => {
                    mismatch(money_words(context.agreement, amount.0), "no year-end result was worked out".into(), None)
                }
                Some(working) => {
                    if working.unallocated != amount.0 {
                        let actual = format!("unallocated {}", money_words(context.agreement, working.unallocated));
                        mismatch(
                            format!("unallocated {}", money_words(context.agreement, amount.0)),
                            actual.clone(),
                            Some(format!("expect {actual}")),
                        );
                    }
                }
            },
            Expect::Finding(code) => {
                if !context.findings.iter().any(|f| f == code) {
                    let actual = if context.findings.is_empty() {
                        "the checker finds nothing".to_string()
                    } else {
                        format!("the checker finds {}", context.findings.join(", "))
                    };
                    mismatch(format!("finding {code}"), actual, None);
                }
            }
        }
    }
    let status = if scenario.expectations.is_empty() {
        Status::Skipped
    } else if mismatches.is_empty() {
        Status::Passed
    } else {
        Status::Failed
    };
    if status == Status::Failed {
        let explanation_of = Explanation {
            evaluation: evaluation.and_then(Result::ok),
            working: money.and_then(|m| m.working),
            agreement_title: context.agreement.title.node.clone(),
        };
        let said = explanation_of.evaluation.is_some() || explanation_of.working.is_some();
        explanation = said.then_some(explanation_of);
    }
    ScenarioResult { name: scenario.name.node.clone(), line, status, mismatches, explanation }
}

fn money_words(agreement: &Agreement, amount: Decimal) -> String {
    let symbol = agreement.currency.symbol.map(String::from).unwrap_or_default();
    let text = crate::fmt::grouped(amount);
    if symbol.is_empty() {
        format!("{text} {}", agreement.currency.code)
    } else {
        format!("{symbol}{text}")
    }
}

fn record_coverage(
    coverage: &mut Coverage,
    agreement_name: &str,
    agreement: &Agreement,
    agreement_text: &str,
    scenario: &Scenario,
    evaluation: Option<&Result<Evaluation, eval::EvalError>>,
    money: Option<&crate::money::Evaluation>,
) {
    let decisions = coverage.decisions.entry(agreement_name.to_string()).or_insert_with(|| {
        agreement
            .decisions
            .iter()
            .map(|d| {
                let mut conditions = BTreeMap::new();
                for timed in &d.rules {
                    for c in crate::model::conditions(&timed.rule) {
                        let text = agreement_text.get(c.span.start..c.span.end).unwrap_or("");
                        conditions.insert(condition_key(text), false);
                    }
                }
                (d.name.clone(), DecisionCoverage { scenarios: 0, conditions })
            })
            .collect()
    });
    // BOUND: each scenario adds one to a count once, and no run can read and evaluate anywhere
    // near `usize::MAX` scenarios.
    #[allow(clippy::arithmetic_side_effects)]
    if let (Some(p), Some(Ok(e))) = (&scenario.proposal, evaluation) {
        if let Some(DecisionRef::Known(id)) = p.decision.as_ref().map(|d| &d.node) {
            if let Some(decision) = agreement.decision(*id) {
                if let Some(entry) = decisions.get_mut(&decision.name) {
                    entry.scenarios += 1;
                    if let Some(rule) = &e.rule {
                        let held: Vec<bool> = rule.conditions.iter().map(|c| c.held).collect();
                        for number in deciding(&rule.combination, &held) {
                            if let Some(c) = number.checked_sub(1).and_then(|i| rule.conditions.get(i)) {
                                entry.conditions.insert(condition_key(c.place.text.as_str()), true);
                            }
                        }
                    }
                }
            }
        }
    }
    coverage
        .waterfalls_written
        .insert(agreement_name.to_string(), (agreement.savings.is_some(), agreement.deficits.is_some()));
    let waterfalls = coverage.waterfalls.entry(agreement_name.to_string()).or_default();
    // BOUND: as above, one count per scenario.
    #[allow(clippy::arithmetic_side_effects)]
    if let Some(working) = money.and_then(|m| m.working.as_ref()) {
        match working.outcome {
            crate::money::Outcome::Surplus => waterfalls.0 += 1,
            crate::money::Outcome::Deficit => waterfalls.1 += 1,
            crate::money::Outcome::BreakEven => {}
        }
    }
}

/// A condition's text with its layout evened out, so the model's and the evaluator's agree.
fn condition_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reason_words(reason: InvalidReason) -> &'static str {
    match reason {
        InvalidReason::NoQuorum => "no quorum",
        InvalidReason::UnknownMemberVoted => "an unknown member voted",
        InvalidReason::UnknownDecision => "the decision does not exist",
    }
}

/// `--update`: rewrites each failed expectation that has a replacement to what actually came
/// out. Returns what changed, line by line, as `-`/`+` pairs, so nothing changes unseen.
pub fn update(report: &TestReport) -> Result<String, String> {
    let mut out = String::new();
    for file in &report.files {
        let mut edits: Vec<(crate::span::Span, String)> = file
            .scenarios
            .iter()
            .flat_map(|s| &s.mismatches)
            .filter_map(|m| m.replacement.clone().map(|r| (m.span, r)))
            .collect();
        if edits.is_empty() {
            continue;
        }
        let path = Path::new(&file.path);
        let mut text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {}", file.path, plain_io(&e)))?;
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        out.push_str(&format!("--- {}\n+++ {} (updated)\n", file.path, file.path));
        let mut lines = Vec::new();
        for (span, replacement) in &edits {
            let old = text.get(span.start..span.end).unwrap_or("").to_string();
            lines.push(format!("@@ line {}\n- {old}\n+ {replacement}\n", line_col(&text, span.start).0));
            text.replace_range(span.start..span.end, replacement);
        }
        lines.reverse();
        out.push_str(&lines.concat());
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {}", file.path, plain_io(&e)))?;
    }
    let kept = report
        .files
        .iter()
        .flat_map(|f| &f.scenarios)
        .flat_map(|s| &s.mismatches)
        .filter(|m| m.replacement.is_none())
        .count();
    if out.is_empty() && kept == 0 {
        out.push_str("Nothing to update: every expectation already holds.\n");
    } else if kept > 0 {
        out.push_str(&format!(
            "{kept} failing {} left as written: what came out cannot stand as an expectation (a vote from a name that is not a member, or nothing worked out), so fix the scenario itself.\n",
            if kept == 1 { "expectation was" } else { "expectations were" }
        ));
    }
    Ok(out)
}
