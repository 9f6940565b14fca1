//! Concord in the browser: each function takes the texts a user typed and returns, as a string,
//! the JSON that `concord … --format json` prints for the same files (docs/json.md). The
//! library does the work and serialises its own result types; nothing here builds a report.

use concord::commands;
use concord::load::Source;
use concord::report::Colour;
use concord::results::fmt::{FileFmt, FmtReport, Status};
use wasm_bindgen::prelude::*;

/// The names the playground gives its two texts in reports.
const AGREEMENT: &str = "agreement.concord";
const INPUT: &str = "input.concord";

fn source(name: &str, text: &str) -> Source {
    Source { name: name.to_string(), text: text.to_string() }
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|error| serde_json::json!({ "error": error.to_string() }).to_string())
}

/// The width the playground's panes wrap human reports at.
const WIDTH: usize = 80;

/// `concord check --format json` on one file: its findings with their spans (byte offsets).
#[wasm_bindgen]
pub fn check(name: &str, text: &str) -> String {
    json(&check_report(name, text))
}

/// `concord check` on one file, as the command line prints it (without colour).
#[wasm_bindgen]
pub fn check_text(name: &str, text: &str) -> String {
    concord::report::check_human(&check_report(name, text), Colour::Off, WIDTH)
}

fn check_report(name: &str, text: &str) -> commands::check::CheckReport {
    let file = commands::check::check_source(source(name, text), None);
    let count = |severity| file.findings.iter().filter(|d| d.severity == severity).count();
    commands::check::CheckReport {
        schema: concord::results::JSON_SCHEMA_VERSION,
        errors: count(concord::diagnostic::Severity::Error),
        warnings: count(concord::diagnostic::Severity::Warning),
        files: vec![file],
    }
}

/// `concord eval AGREEMENT INPUT --format json` (`eval` is a reserved word in JavaScript): proposals decided, year-end results shared.
/// `scenario` picks one scenario, proposal or result by name (empty: all of them).
#[wasm_bindgen]
pub fn evaluate(agreement: &str, input: &str, scenario: &str, why: bool) -> String {
    json(&concord::report::eval::evaluate_json(&evaluate_report(agreement, input, scenario, why)))
}

/// `concord eval AGREEMENT INPUT`, as the command line prints it (without colour).
#[wasm_bindgen]
pub fn evaluate_text(agreement: &str, input: &str, scenario: &str, why: bool) -> String {
    concord::report::eval::evaluate_human(&evaluate_report(agreement, input, scenario, why), Colour::Off, WIDTH)
}

fn evaluate_report(agreement: &str, input: &str, scenario: &str, why: bool) -> commands::evaluate::EvaluateReport {
    let options = commands::eval::EvalOptions {
        scenario: (!scenario.is_empty()).then(|| scenario.to_string()),
        weights: commands::eval::Weights::Show,
        why,
    };
    commands::evaluate::evaluate_sources(source(AGREEMENT, agreement), source(INPUT, input), &options)
}

/// `concord power AGREEMENT --format json`: every member's voting power, exactly.
#[wasm_bindgen]
pub fn power(agreement: &str, decision: &str) -> String {
    json(&power_report(agreement, decision))
}

/// `concord power AGREEMENT`, as the command line prints it (without colour), to four places.
#[wasm_bindgen]
pub fn power_text(agreement: &str, decision: &str) -> String {
    concord::report::power::power_human(&power_report(agreement, decision), Colour::Off, WIDTH, 4)
}

fn power_report(agreement: &str, decision: &str) -> commands::power::PowerReport {
    let options = commands::power::Options {
        decision: (!decision.is_empty()).then(|| decision.to_string()),
        which: None,
        proposal: None,
        sensitivity: false,
    };
    commands::power::power_source(source(AGREEMENT, agreement), &options)
}

/// `concord test SCENARIOS --format json`, the scenarios run against the agreement typed (not
/// the file their `scenarios for` line names: the browser has no files).
#[wasm_bindgen]
pub fn test(agreement: &str, scenarios: &str) -> String {
    json(&test_report(agreement, scenarios))
}

/// `concord test SCENARIOS`, as the command line prints it (without colour).
#[wasm_bindgen]
pub fn test_text(agreement: &str, scenarios: &str) -> String {
    concord::report::test::test_human(&test_report(agreement, scenarios), Colour::Off, WIDTH)
}

fn test_report(agreement: &str, scenarios: &str) -> commands::test::TestReport {
    let options = commands::test::TestOptions::default();
    commands::test::run_sources(&source(INPUT, scenarios), &source(AGREEMENT, agreement), &options)
}

/// `concord fmt FILE --format json`: the text in canonical layout, or why it cannot be laid out.
#[wasm_bindgen]
pub fn fmt(name: &str, text: &str) -> String {
    let mut file = FileFmt {
        path: name.to_string(),
        status: Status::Printed,
        formatted: None,
        diff: None,
        problem: None,
        diagnostics: Vec::new(),
        text: String::new(),
    };
    match commands::fmt::format_source(text) {
        Ok(formatted) => file.formatted = Some(formatted),
        Err(_) => {
            file.status = Status::Unreadable;
            file.problem = Some("it cannot be read as it stands".to_string());
        }
    }
    json(&FmtReport { files: vec![file] })
}

/// The agreement as a legal schedule (`concord explain`'s JSON): definitions, numbered clauses,
/// the power table and the drafting notes, or the problems that stop it being read.
#[wasm_bindgen]
pub fn explain(agreement: &str) -> String {
    let report = concord::commands::explain::explain_source(source("agreement.concord", agreement));
    json(&report)
}

/// `explain` as the command line prints it.
#[wasm_bindgen]
pub fn explain_text(agreement: &str) -> String {
    let report = concord::commands::explain::explain_source(source("agreement.concord", agreement));
    concord::report::explain::explain_text(&report)
}
