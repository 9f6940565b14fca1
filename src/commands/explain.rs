//! `concord explain AGREEMENT`: the agreement as a legal schedule.
//!
//! Part 1 defines the terms the clauses use; then the parties, the voting, one part per
//! decision, the money and joining and leaving, each clause numbered `part.clause`. The rules
//! are worded by [`crate::report::decision_words`] (the REPL's `:explain`), never a second time here: a
//! decision's part is that wording split into clauses. The checker's warnings and advice become
//! numbered drafting notes, and every member's declared weight stands beside its real voting
//! power as `concord power` works it out ([`crate::commands::power`]).
//!
//! This command reads the file, works out the power table and the drafting notes; the schedule's
//! wording is [`crate::report::schedule`]'s, which words every construct of the model.
//!
//! Exit codes: 0 when explained; 2 when the file cannot be read or has errors.

use std::path::Path;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::load;
use crate::model::FileKind;
use crate::results::{findings, JSON_SCHEMA_VERSION};

pub use crate::report::schedule::{offices, schedule};
pub use crate::results::explain::*;

/// Explains the agreement at `path`.
pub fn explain(path: &Path) -> Explanation {
    explained(super::power::power(path, &super::power::Options::default()))
}

/// Explains an agreement already read (the browser playground has no files).
pub fn explain_source(source: load::Source) -> Explanation {
    explained(super::power::power_source(source, &super::power::Options::default()))
}

fn explained(power: super::power::PowerReport) -> Explanation {
    let mut out = Explanation {
        schema: JSON_SCHEMA_VERSION,
        agreement: power.agreement.clone(),
        title: power.title.clone(),
        definitions: Vec::new(),
        parts: Vec::new(),
        notes: Vec::new(),
        power: Vec::new(),
        problems: power.problems,
        messages: power.messages,
        source: power.source,
        diagnostics: power.diagnostics,
    };
    if !out.problems.is_empty() || !out.messages.is_empty() {
        return out;
    }
    let Some(source) = out.source.clone() else { return out };
    let loaded = load::load(&source.text);
    let Some(agreement) = loaded.agreement.filter(|_| loaded.kind == FileKind::Agreement) else {
        out.messages.push(format!("`{}` is not an agreement: it has no `agreement` header", source.name));
        return out;
    };
    let mut noted: Vec<AnyDiagnostic> =
        loaded.diagnostics.into_iter().filter(|d| d.severity_level() != Severity::Error).collect();
    noted.extend(
        crate::check::check(&agreement)
            .into_iter()
            .map(AnyDiagnostic::from)
            .filter(|d| d.severity_level() != Severity::Error),
    );
    out.notes = findings(noted.iter(), &source.text)
        .into_iter()
        .zip(1..)
        .map(|(finding, number)| Note { number, finding })
        .collect();
    out.power = power.rules;
    let (definitions, parts) = schedule(&agreement);
    out.definitions = definitions;
    out.parts = parts;
    out
}
