//! A scenario that follows others (`scenario "B" follows "A"`), run against the agreement as the
//! earlier steps left it ([`crate::sequence::following`]), or refused, with the reason, when that
//! agreement cannot be worked out.

use super::expectations::run_scenario;
use super::Context;
use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::model::Scenario;
use crate::results::test::{Coverage, Mismatch, ScenarioResult, Status};
use crate::syntax::ast;

/// Runs scenario `index` of `scenarios` (read from `file`).
pub(super) fn run(
    context: &Context<'_>,
    file: &ast::File,
    scenarios: &[Scenario],
    index: usize,
    coverage: Option<(&mut Coverage, &str)>,
) -> ScenarioResult {
    let Some(scenario) = scenarios.get(index) else {
        return ScenarioResult {
            name: String::new(),
            line: 0,
            status: Status::Skipped,
            mismatches: Vec::new(),
            explanation: None,
        };
    };
    // An agreement with errors is never evaluated; `run_scenario` says so.
    if !context.errors.is_empty() || scenario.follows.is_none() {
        return run_scenario(context, scenario, coverage);
    }
    let follows = match crate::sequence::following(context.agreement_text, context.agreement, file, scenarios, index) {
        Ok(None) => return run_scenario(context, scenario, coverage),
        Ok(Some(follows)) => follows,
        Err(reason) => return refused(context, scenario, reason),
    };
    if scenario.result.is_some() {
        let passed: Vec<String> = follows.in_force.iter().map(|s| format!("“{}”", s.proposal)).collect();
        return refused(
            context,
            scenario,
            format!(
                "{} passed and changed the agreement; a year's result cannot yet follow a proposal that changes the agreement, since the result's figures are read against the agreement as written (work the year out in a scenario of its own against the agreement as amended)",
                passed.join(" and ")
            ),
        );
    }
    let found: Vec<AnyDiagnostic> =
        crate::check::check(&follows.agreement).into_iter().map(AnyDiagnostic::from).collect();
    let findings: Vec<String> = found.iter().map(|d| d.code_string()).collect();
    let mut errors: Vec<String> =
        found.iter().filter(|d| d.severity_level() == Severity::Error).map(|d| d.code_string()).collect();
    errors.dedup();
    let changed = Context {
        agreement: &follows.agreement,
        agreement_text: context.agreement_text,
        scenarios_text: context.scenarios_text,
        findings: &findings,
        errors: &errors,
        evaluator: crate::eval::Evaluator::new(&follows.agreement, context.agreement_text),
        lines: context.lines,
        in_force: follows.in_force.clone(),
    };
    run_scenario(&changed, &follows.scenario, coverage)
}

fn refused(context: &Context<'_>, scenario: &Scenario, reason: String) -> ScenarioResult {
    let line = context.lines.line(scenario.name.span.start);
    let mismatch = Mismatch {
        expectation: String::new(),
        line,
        expected: "an outcome".into(),
        actual: format!("not worked out: {reason}"),
        replacement: None,
        span: scenario.name.span,
    };
    ScenarioResult {
        name: scenario.name.node.clone(),
        line,
        status: Status::Failed,
        mismatches: vec![mismatch],
        explanation: None,
    }
}
