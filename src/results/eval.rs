//! What `concord eval` worked out for proposals: each decision's evaluation, or the problems
//! that stopped it; and the combined report when the input also holds year-end results.

use serde::Serialize;

use super::year_end::YearEndReport;
use super::{findings, Finding};
use crate::diagnostic::AnyDiagnostic;
use crate::eval::Evaluation;
use crate::load::{plain_io, LoadFailure, Source};

/// Whether the human report lists every member's exact weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weights {
    /// Only the votes and who does not vote.
    #[default]
    Hide,
    /// A table of every member's weight and exact share.
    Show,
}

/// The report of `concord eval`.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// The agreement's path as given.
    pub agreement: String,
    /// The input's path as given.
    pub input: String,
    /// What was evaluated, in order.
    pub evaluations: Vec<EvalItem>,
    /// Problems that stopped evaluation, by file (empty when everything was evaluated).
    pub problems: Vec<FileProblems>,
    /// Whether the human report shows weights.
    #[serde(skip)]
    pub weights: Weights,
}

impl EvalReport {
    /// 0 when everything asked for was evaluated, whatever the outcomes; 2 on bad input,
    /// including a vote from a name the agreement does not have (the proposal is reported as
    /// invalid, and the name is most likely a typing slip).
    pub fn exit_code(&self) -> u8 {
        let unknown_voter = self.evaluations.iter().any(|item| {
            let EvalItem::Decision(d) = item else { return false };
            d.evaluation.outcome.invalid.iter().any(|i| matches!(i, crate::eval::Invalidity::UnknownMemberVoted { .. }))
        });
        if self.problems.is_empty() && !unknown_voter {
            0
        } else {
            2
        }
    }
}

/// Where an evaluated thing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemSource {
    /// A stand-alone `proposal` block.
    Proposal,
    /// A `scenario` block.
    Scenario,
}

/// One thing evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvalItem {
    /// A proposal decided under the agreement's rules. (Year-end results are reported by
    /// `commands::year_end`; `commands::evaluate` runs both.)
    Decision(Box<DecisionItem>),
    /// An election counted (added in 1.4).
    Election(Box<ElectionItem>),
}

/// A scenario's election and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElectionItem {
    /// The scenario's name.
    pub name: String,
    /// Where it was written.
    pub from: ItemSource,
    /// The count and its outcome.
    pub count: crate::results::elections::ElectionResult,
}

/// A proposal and its evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionItem {
    /// The proposal's title or the scenario's name.
    pub name: String,
    /// Where it was written.
    pub from: ItemSource,
    /// The outcome and its working.
    pub evaluation: Evaluation,
    /// What it would take to change the outcome (`--why`), when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<crate::whynot::WhyNot>,
}

/// The problems found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileProblems {
    /// The path as given.
    pub path: String,
    /// Every problem.
    pub findings: Vec<Finding>,
    /// Set when the file could not be read at all.
    pub unreadable: Option<String>,
    /// The text, for rendering.
    #[serde(skip)]
    pub source: Option<Source>,
    /// The diagnostics behind `findings`, for rendering.
    #[serde(skip)]
    pub diagnostics: Vec<AnyDiagnostic>,
}

impl FileProblems {
    /// The problems found in one file read as `source`.
    pub(crate) fn new(path: &str, source: Source, diagnostics: Vec<AnyDiagnostic>) -> FileProblems {
        FileProblems {
            path: path.to_string(),
            findings: findings(&diagnostics, &source.text),
            unreadable: None,
            source: Some(source),
            diagnostics,
        }
    }

    /// The problem of a file that could not be read, or does not read as Concord.
    pub(crate) fn from_failure(path: &str, failure: LoadFailure) -> FileProblems {
        match failure {
            LoadFailure::Io { error, .. } => FileProblems {
                path: path.to_string(),
                findings: Vec::new(),
                unreadable: Some(plain_io(&error)),
                source: None,
                diagnostics: Vec::new(),
            },
            LoadFailure::Invalid { source, diagnostic } => FileProblems::new(path, source, vec![*diagnostic]),
        }
    }
}

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
}
