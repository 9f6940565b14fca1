//! What `concord eval` worked out for year-end results: each result's working from the money
//! engine, with the findings of the file each is in.

use serde::Serialize;

use super::Finding;
use crate::diagnostic::AnyDiagnostic;
use crate::load::Source;
use crate::money::{MoneyFile, YearEndWorking};

/// Which file a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Which {
    /// The agreement.
    Agreement,
    /// The file with the results.
    Input,
}

impl From<MoneyFile> for Which {
    fn from(file: MoneyFile) -> Self {
        match file {
            MoneyFile::Agreement => Which::Agreement,
            MoneyFile::Input => Which::Input,
        }
    }
}

/// A finding with the file it is in.
#[derive(Debug, Clone, Serialize)]
pub struct FileFinding {
    /// `agreement` or `input`.
    pub file: Which,
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
}

/// One year-end result worked out.
#[derive(Debug, Clone, Serialize)]
pub struct ResultReport {
    /// The result's title, or the scenario's name.
    pub name: String,
    /// Whether it came from a `scenario` block (rather than a `result` block).
    pub scenario: bool,
    /// The working; `null` when an error stopped it.
    pub working: Option<YearEndWorking>,
    /// Problems found while working it out.
    pub findings: Vec<FileFinding>,
    /// The diagnostics behind `findings`, for rendering.
    #[serde(skip)]
    pub diagnostics: Vec<(Which, AnyDiagnostic)>,
}

/// The report of evaluating the year-end results in a file.
#[derive(Debug, Clone, Serialize)]
pub struct YearEndReport {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// The agreement's path as given.
    pub agreement: String,
    /// The agreement's title, when it could be read.
    pub title: Option<String>,
    /// The input file's path as given.
    pub input: String,
    /// Problems that stopped everything: unreadable files, errors in their text.
    pub problems: Vec<FileFinding>,
    /// Plain-language problems without a place in a file (a missing file, an unknown scenario).
    pub messages: Vec<String>,
    /// Each year-end result, in the order written.
    pub results: Vec<ResultReport>,
    /// The agreement's text, for rendering.
    #[serde(skip)]
    pub agreement_source: Option<Source>,
    /// The input's text, for rendering.
    #[serde(skip)]
    pub input_source: Option<Source>,
    /// The diagnostics behind `problems`.
    #[serde(skip)]
    pub problem_diagnostics: Vec<(Which, AnyDiagnostic)>,
}

impl YearEndReport {
    /// 0 when every result was worked out; 2 otherwise (see the module documentation).
    pub fn exit_code(&self) -> u8 {
        let failed = !self.problems.is_empty()
            || !self.messages.is_empty()
            || self.results.is_empty()
            || self.results.iter().any(|r| r.working.is_none());
        if failed {
            2
        } else {
            0
        }
    }

    /// The source a finding in `which` points into.
    pub fn source(&self, which: Which) -> Option<&Source> {
        match which {
            Which::Agreement => self.agreement_source.as_ref(),
            Which::Input => self.input_source.as_ref(),
        }
    }
}
