//! `concord diff OLD NEW`: what a new version of an agreement changes, in meaning.
//!
//! In: two agreement files, and perhaps a scenario file (`--scenarios`) and a file of year-end
//! results (`--result`). Out: a [`DiffReport`]: the model's differences
//! ([`crate::diff::diff`]: members, figures, decisions and their coalitions), each member's
//! change in real voting power (exact Banzhaf and Shapley–Shubik, from the power engine, for
//! each decision and period whose coalitions were compared), each year-end result worked out
//! under both (the results given, else the scenario file's, else a sample surplus and deficit
//! of £1,000,000 on a £10,000,000 budget), and the scenarios whose outcome differs. Exit 0 the
//! same meaning, 1 a different one, 2 a problem with the input.

use std::path::{Path, PathBuf};

use crate::diff::{AgreementDiff, CoalitionChange};
use crate::eval::{Evaluator, OutcomeKind};
use crate::load::{self, Source};
use crate::model::{Agreement, FileKind};
use crate::power::{Fraction, Which};
use crate::results::eval::FileProblems;
use crate::results::JSON_SCHEMA_VERSION;

pub use crate::results::diff::*;

/// What to compare besides the two agreements.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// A scenario file whose proposals (and results) are run under both versions.
    pub scenarios: Option<PathBuf>,
    /// A file of year-end results worked out under both versions.
    pub result: Option<PathBuf>,
}

/// The samples worked out when no result is given.
const SAMPLES: &str = "result \"a surplus of £1,000,000 on a budget of £10,000,000\"
  capitated budget £10,000,000
  actual cost £9,000,000

result \"a deficit of £1,000,000 on a budget of £10,000,000\"
  capitated budget £10,000,000
  actual cost £11,000,000
";

/// Compares the agreements at `old` and `new`.
pub fn diff(old: &Path, new: &Path, options: &DiffOptions) -> DiffReport {
    let mut report = DiffReport {
        schema: JSON_SCHEMA_VERSION,
        old: old.display().to_string(),
        new: new.display().to_string(),
        old_title: None,
        new_title: None,
        changes: None,
        power: Vec::new(),
        money: Vec::new(),
        scenarios: Vec::new(),
        scenarios_compared: 0,
        problems: Vec::new(),
    };
    let before = read_agreement(old, &mut report.problems);
    let after = read_agreement(new, &mut report.problems);
    let extra = |path: &Option<PathBuf>, problems: &mut Vec<FileProblems>| {
        path.as_ref().and_then(|p| match load::read_source(p) {
            Ok(source) => Some(source),
            Err(failure) => {
                problems.push(FileProblems::from_failure(&p.display().to_string(), failure));
                None
            }
        })
    };
    let scenarios = extra(&options.scenarios, &mut report.problems);
    let results = extra(&options.result, &mut report.problems);
    let (Some((old_source, before)), Some((new_source, after))) = (before, after) else { return report };
    if !report.problems.is_empty() {
        return report;
    }
    report.old_title = Some(before.title.node.clone());
    report.new_title = Some(after.title.node.clone());
    let changes = crate::diff::diff(&before, &after);
    report.power = power_changes(&before, &after, &changes);
    let money_text = match (&results, &scenarios) {
        (Some(r), _) => Some((r.text.clone(), false)),
        (None, Some(s)) if has_results(&s.text) => Some((s.text.clone(), false)),
        _ => None,
    };
    let (money_text, sample) = money_text.unwrap_or_else(|| (SAMPLES.to_string(), true));
    report.money = money(&before, &after, &money_text, sample);
    if let Some(s) = &scenarios {
        let (changed, compared) = scenario_changes(&before, &old_source, &after, &new_source, s);
        report.scenarios = changed;
        report.scenarios_compared = compared;
    }
    report.changes = Some(changes);
    report
}

fn read_agreement(path: &Path, problems: &mut Vec<FileProblems>) -> Option<(Source, Agreement)> {
    let name = path.display().to_string();
    let source = match load::read_source(path) {
        Ok(source) => source,
        Err(failure) => {
            problems.push(FileProblems::from_failure(&name, failure));
            return None;
        }
    };
    let loaded = load::load(&source.text);
    if loaded.kind != FileKind::Agreement || loaded.has_errors() {
        let mut diagnostics: Vec<_> = loaded
            .diagnostics
            .into_iter()
            .filter(|d| d.severity_level() == crate::diagnostic::Severity::Error)
            .collect();
        if diagnostics.is_empty() {
            let at = miette::SourceSpan::from(0..source.text.len().min(1));
            diagnostics.push(crate::eval::EvalDiagnostic::NotAnAgreement { path: name.clone(), at }.into());
        }
        problems.push(FileProblems::new(&name, source, diagnostics));
        return None;
    }
    let agreement = loaded.agreement?;
    let errors = super::checker_errors(&agreement);
    if !errors.is_empty() {
        problems.push(FileProblems::new(&name, source, errors));
        return None;
    }
    Some((source, agreement))
}

fn has_results(text: &str) -> bool {
    let parsed = crate::syntax::parse(text);
    parsed.file.blocks.iter().any(|b| {
        matches!(b.header.node, crate::syntax::ast::Header::Result { .. })
            || b.clauses.iter().any(|c| {
                matches!(c.node, crate::syntax::ast::Clause::Scenario(crate::syntax::ast::ScenarioClause::Result(_)))
            })
    })
}

fn power_changes(before: &Agreement, after: &Agreement, changes: &AgreementDiff) -> Vec<PowerChange> {
    let mut out = Vec::new();
    for decision in &changes.decisions {
        let (Some(o), Some(n)) =
            (before.decision_by_name(&decision.decision), after.decision_by_name(&decision.decision))
        else {
            continue;
        };
        for period in &decision.periods {
            if period.comparison.change == CoalitionChange::NotCompared {
                continue;
            }
            let (Some(old_rule), Some(new_rule)) = (o.rule_on(period.on), n.rule_on(period.on)) else { continue };
            let old_power = super::power::rule_power(before, o, old_rule, None, Which::All);
            let new_power = super::power::rule_power(after, n, new_rule, None, Which::All);
            if old_power.not_analysed.is_some() || new_power.not_analysed.is_some() {
                continue;
            }
            let mut keys: Vec<(String, String)> =
                old_power.members.iter().map(|m| (m.member.clone(), m.name.clone())).collect();
            for m in &new_power.members {
                if !keys.iter().any(|(k, _)| *k == m.member) {
                    keys.push((m.member.clone(), m.name.clone()));
                }
            }
            let find =
                |p: &crate::results::power::RulePower, key: &str| p.members.iter().find(|m| m.member == key).cloned();
            let members: Vec<MemberPowerChange> = keys
                .into_iter()
                .filter_map(|(member, name)| {
                    let (a, b) = (find(&old_power, &member), find(&new_power, &member));
                    let banzhaf_old = a.as_ref().and_then(|m| m.banzhaf.clone());
                    let banzhaf_new = b.as_ref().and_then(|m| m.banzhaf.clone());
                    let shapley_old = a.as_ref().and_then(|m| m.shapley.clone());
                    let shapley_new = b.as_ref().and_then(|m| m.shapley.clone());
                    let banzhaf_change = change(&banzhaf_old, &banzhaf_new);
                    let shapley_change = change(&shapley_old, &shapley_new);
                    let zero = |c: &Option<Fraction>| c.as_ref().is_none_or(num_traits::Zero::is_zero);
                    (!zero(&banzhaf_change) || !zero(&shapley_change)).then_some(MemberPowerChange {
                        member,
                        name,
                        banzhaf_old,
                        banzhaf_new,
                        banzhaf_change,
                        shapley_old,
                        shapley_new,
                        shapley_change,
                    })
                })
                .collect();
            if !members.is_empty() {
                out.push(PowerChange { decision: decision.decision.clone(), from: period.from, members });
            }
        }
    }
    out
}

/// New minus old, a missing index counting as zero; `None` when both are missing.
fn change(old: &Option<Fraction>, new: &Option<Fraction>) -> Option<Fraction> {
    if old.is_none() && new.is_none() {
        return None;
    }
    let zero = <Fraction as num_traits::Zero>::zero;
    let (old, new) = (old.clone().unwrap_or_else(zero), new.clone().unwrap_or_else(zero));
    // BOUND: exact big fractions do not overflow.
    #[allow(clippy::arithmetic_side_effects)]
    Some(new - old)
}

fn money(before: &Agreement, after: &Agreement, text: &str, sample: bool) -> Vec<MoneyComparison> {
    let parsed = crate::syntax::parse(text);
    let results_of = |agreement: &Agreement| {
        let (inputs, _) = load::load_inputs(agreement, &parsed.file);
        let mut results = inputs.results;
        results.extend(inputs.scenarios.into_iter().filter_map(|s| s.result));
        results
    };
    let (old_results, new_results) = (results_of(before), results_of(after));
    let mut out = Vec::new();
    for (o, n) in old_results.iter().zip(&new_results) {
        let (a, b) = (crate::money::evaluate(before, o), crate::money::evaluate(after, n));
        let problem = |e: &crate::money::Evaluation| {
            e.working.is_none().then(|| {
                use miette::Diagnostic;
                e.diagnostics.first().and_then(|d| d.code()).map(|c| c.to_string()).unwrap_or_default()
            })
        };
        let amount = |e: &crate::money::Evaluation, key: &str| e.working.as_ref().and_then(|w| w.member_amount(key));
        let mut members: Vec<MoneyRow> = Vec::new();
        for m in before.members.iter().chain(after.members.iter()) {
            if members.iter().any(|r| r.member == m.key) {
                continue;
            }
            members.push(MoneyRow {
                member: m.key.clone(),
                name: m.name.clone(),
                old: amount(&a, &m.key),
                new: amount(&b, &m.key),
            });
        }
        out.push(MoneyComparison {
            title: o.title.node.clone(),
            sample,
            members,
            unallocated_old: a.working.as_ref().map(|w| w.unallocated),
            unallocated_new: b.working.as_ref().map(|w| w.unallocated),
            problem_old: problem(&a),
            problem_new: problem(&b),
            currency: after.currency.code.clone(),
            currency_format: after.currency.clone(),
        });
    }
    out
}

fn scenario_changes(
    before: &Agreement,
    old_source: &Source,
    after: &Agreement,
    new_source: &Source,
    scenarios: &Source,
) -> (Vec<ScenarioChange>, usize) {
    let parsed = crate::syntax::parse(&scenarios.text);
    let outcomes = |agreement: &Agreement, source: &Source| -> Vec<(String, Option<OutcomeKind>)> {
        let (inputs, _) = load::load_inputs(agreement, &parsed.file);
        let evaluator = Evaluator::new(agreement, &source.text);
        let mut out: Vec<(String, Option<OutcomeKind>)> = inputs
            .proposals
            .iter()
            .map(|p| (p.title.node.clone(), evaluator.evaluate(p, &scenarios.text).ok().map(|e| e.outcome.result)))
            .collect();
        out.extend(inputs.scenarios.iter().filter_map(|s| {
            let p = s.proposal.as_ref()?;
            Some((s.name.node.clone(), evaluator.evaluate(p, &scenarios.text).ok().map(|e| e.outcome.result)))
        }));
        out
    };
    let (old, new) = (outcomes(before, old_source), outcomes(after, new_source));
    let compared = old.len().min(new.len());
    let changed = old
        .into_iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((scenario, old), (_, new))| ScenarioChange { scenario, old, new })
        .collect();
    (changed, compared)
}
