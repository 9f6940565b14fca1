//! What `concord test` found: per scenario file, each scenario's status and the expectations
//! that did not hold, and with `--coverage` what the scenarios exercised.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::Finding;
use crate::diagnostic::AnyDiagnostic;
use crate::load::Source;

/// How one scenario came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every expectation held.
    Passed,
    /// At least one did not.
    Failed,
    /// Nothing to check.
    Skipped,
}

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The `expect` line as written.
    pub expectation: String,
    /// Its line in the scenario file.
    pub line: usize,
    /// What was expected, in words.
    pub expected: String,
    /// What came out, in words.
    pub actual: String,
    /// The text that would make the expectation true (for `--update`).
    #[serde(skip)]
    pub replacement: Option<String>,
    /// Where the `expect` clause is, for `--update`.
    #[serde(skip)]
    pub span: crate::span::Span,
}

/// One scenario's result.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    /// Its name.
    pub name: String,
    /// Its line in the scenario file.
    pub line: usize,
    /// Passed, failed or skipped.
    pub status: Status,
    /// The expectations that did not hold.
    pub mismatches: Vec<Mismatch>,
    /// The working of what actually happened, for a failed scenario. `report::test` turns it
    /// into the explanation the human, JUnit and JSON reports show (in JSON, a string).
    pub explanation: Option<Explanation>,
}

/// What actually happened in a failed scenario: the proposal's evaluation and the year-end
/// working, as the engines returned them. Its JSON form is the explanation in words, written by
/// `report::test` (which holds its `Serialize`), so that only `report/` formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The proposal's evaluation, when the scenario proposes something that was evaluated.
    pub evaluation: Option<crate::eval::Evaluation>,
    /// The year-end working, when the scenario gives a result that was worked out.
    pub working: Option<crate::money::YearEndWorking>,
    /// The agreement's title, which the year-end working names.
    pub agreement_title: String,
    /// The election's count, when the scenario holds an election that was counted.
    pub election: Option<crate::results::elections::ElectionResult>,
}

/// One scenario file's results.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    /// The scenario file.
    pub path: String,
    /// The agreement it tests, as resolved.
    pub agreement: Option<String>,
    /// Problems that stopped the file from being run.
    pub problems: Vec<Finding>,
    /// The scenarios, in order.
    pub scenarios: Vec<ScenarioResult>,
    /// The problems, for rendering with their source.
    #[serde(skip)]
    pub rendered: Vec<(AnyDiagnostic, Arc<Source>)>,
}

/// What one decision's scenarios exercised.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DecisionCoverage {
    /// How many scenarios proposed it.
    pub scenarios: usize,
    /// Each condition (by its text) and whether some scenario turned on it. For a decision a
    /// body outside the meeting takes, the body's two decisions instead, `agreed` and `not
    /// agreed`, each exercised when some scenario's outcome turned on it.
    pub conditions: BTreeMap<String, bool>,
    /// The body that takes the decision outside the meeting, if one does (added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
}

/// What the scenarios exercised of one election (docs/json.md, added in 1.5).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ElectionCoverage {
    /// How many scenarios held it and had it counted.
    pub scenarios: usize,
    /// How it decides a tie for the most votes: `lot` or `casting_vote`; `None` when it does not say.
    pub tie_rule: Option<&'static str>,
    /// How many scenarios had a tie decided by that rule (the lot's result or the casting vote).
    pub ties_decided: usize,
}

/// What the scenarios exercised, for `--coverage`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    /// Per agreement, per decision.
    pub decisions: BTreeMap<String, BTreeMap<String, DecisionCoverage>>,
    /// Per agreement, per election (added in 1.5).
    pub elections: BTreeMap<String, BTreeMap<String, ElectionCoverage>>,
    /// Per agreement: scenarios with a surplus and with a deficit.
    pub waterfalls: BTreeMap<String, (usize, usize)>,
    /// Per agreement: whether it has a savings and a deficits waterfall to exercise.
    pub waterfalls_written: BTreeMap<String, (bool, bool)>,
}

impl Coverage {
    /// How many items the scenarios exercised, of how many there are. An item is a condition
    /// of a decision that decides an outcome in some scenario (a decision whose rule has no
    /// condition of its own counts once, exercised when a scenario proposes it), and each
    /// waterfall the agreement writes that some scenario's year-end result runs through, each
    /// election some scenario counts, and each election's tie rule that decides a tie in some scenario.
    pub fn counts(&self) -> (usize, usize) {
        let mut covered = 0usize;
        let mut total = 0usize;
        let mut add = |hit: bool| {
            // BOUND: one per condition or waterfall of the agreements read, far below `usize::MAX`.
            #[allow(clippy::arithmetic_side_effects)]
            {
                total += 1;
                covered += usize::from(hit);
            }
        };
        for decisions in self.decisions.values() {
            for d in decisions.values() {
                if d.conditions.is_empty() {
                    add(d.scenarios > 0);
                }
                for decided in d.conditions.values() {
                    add(*decided);
                }
            }
        }
        for elections in self.elections.values() {
            for e in elections.values() {
                add(e.scenarios > 0);
                if e.tie_rule.is_some() {
                    add(e.ties_decided > 0);
                }
            }
        }
        for (agreement, (savings, deficits)) in &self.waterfalls_written {
            let (surplus_runs, deficit_runs) = self.waterfalls.get(agreement).copied().unwrap_or_default();
            if *savings {
                add(surplus_runs > 0);
            }
            if *deficits {
                add(deficit_runs > 0);
            }
        }
        (covered, total)
    }

    /// The share of items exercised, as a percentage (100 when there is nothing to exercise).
    pub fn percent(&self) -> rust_decimal::Decimal {
        let (covered, total) = self.counts();
        if total == 0 {
            return rust_decimal::Decimal::ONE_HUNDRED;
        }
        rust_decimal::Decimal::from(covered)
            .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
            .and_then(|c| c.checked_div(rust_decimal::Decimal::from(total)))
            .unwrap_or_default()
    }
}

/// The report of `concord test`.
#[derive(Debug, Clone, Serialize)]
pub struct TestReport {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// One entry per scenario file.
    pub files: Vec<FileResult>,
    /// Scenarios passed.
    pub passed: usize,
    /// Scenarios failed.
    pub failed: usize,
    /// Scenarios skipped.
    pub skipped: usize,
    /// What was exercised, with `--coverage`.
    pub coverage: Option<Coverage>,
    /// The `--filter` given, if any: a filter that matches no scenario is a usage error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// The `--min` coverage asked for, if any (a percentage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_coverage: Option<rust_decimal::Decimal>,
}

impl TestReport {
    /// 0 all passed, 1 any failed, 2 a file could not be run, no scenario file was found, or
    /// `--filter` matched no scenario.
    pub fn exit_code(&self) -> u8 {
        if self.files.iter().any(|f| !f.problems.is_empty()) || self.files.is_empty() || self.filter_matched_nothing() {
            2
        } else if self.failed > 0 || self.below_min_coverage() {
            1
        } else {
            0
        }
    }

    /// Whether `--min` was given and the scenarios exercised less than it.
    pub fn below_min_coverage(&self) -> bool {
        match (&self.coverage, self.min_coverage) {
            (Some(coverage), Some(min)) => coverage.percent() < min,
            _ => false,
        }
    }

    /// Whether a `--filter` was given and no scenario's name contains it.
    pub fn filter_matched_nothing(&self) -> bool {
        self.filter.is_some() && self.files.iter().all(|f| f.scenarios.is_empty())
    }
}
