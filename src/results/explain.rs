//! What `concord explain` works out: the agreement as a legal schedule, with its drafting notes
//! and every member's declared weight beside its real voting power.

use std::sync::Arc;

use serde::Serialize;

use super::power::RulePower;
use super::Finding;
use crate::diagnostic::AnyDiagnostic;
use crate::load::Source;

/// A defined term and its meaning, stated once.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    /// The term, as the clauses use it (`eligible member`).
    pub term: String,
    /// What it means.
    pub meaning: String,
}

/// One numbered clause (`7.2`), with its sub-paragraphs.
#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    /// Its number, `part.clause` (`7.2`).
    pub number: String,
    /// Its text.
    pub text: String,
    /// Its sub-paragraphs in order, each with its depth (1 for `(a)`, 2 within it, …).
    pub items: Vec<Item>,
}

/// A sub-paragraph of a clause.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// 1 for a paragraph directly under the clause, 2 for one within it, and so on.
    pub depth: usize,
    /// Its text.
    pub text: String,
}

/// A part of the schedule: a heading and its clauses.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Its number (the definitions are part 1).
    pub number: usize,
    /// Its heading.
    pub heading: String,
    /// Its clauses.
    pub clauses: Vec<Clause>,
}

/// A finding of the checker, as a numbered drafting note.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Its number, from 1.
    pub number: usize,
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
}

/// The report of `concord explain`.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// The agreement's path as given.
    pub agreement: String,
    /// Its title, when it could be read.
    pub title: Option<String>,
    /// The defined terms, in the order the definitions clause gives them.
    pub definitions: Vec<Definition>,
    /// The parts after the definitions, in order (numbered from 2).
    pub parts: Vec<Part>,
    /// The checker's findings (warnings and advice; errors stop the explanation).
    pub notes: Vec<Note>,
    /// Declared weight and real voting power, per rule of each decision, as `concord power`
    /// works them out (the same shape as its `rules`).
    pub power: Vec<RulePower>,
    /// Problems that stopped everything: unreadable files, errors in their text.
    pub problems: Vec<Finding>,
    /// Plain-language problems without a place in a file.
    pub messages: Vec<String>,
    /// The agreement's text, for rendering.
    #[serde(skip)]
    pub source: Option<Source>,
    /// The diagnostics behind `problems`, with the text each points into.
    #[serde(skip)]
    pub diagnostics: Vec<(AnyDiagnostic, Arc<Source>)>,
}

impl Explanation {
    /// 0 when the agreement was explained, 2 when it could not be read or has errors.
    pub fn exit_code(&self) -> u8 {
        if self.problems.is_empty() && self.messages.is_empty() {
            0
        } else {
            2
        }
    }
}
