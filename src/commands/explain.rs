//! `concord explain AGREEMENT`: the agreement as a legal schedule.
//!
//! Part 1 defines the terms the clauses use; then the parties, the voting, one part per
//! decision, the money and joining and leaving, each clause numbered `part.clause`. The rules
//! are worded by [`crate::explain`] (the REPL's `:explain`), never a second time here: a
//! decision's part is that wording split into clauses. The checker's warnings and advice become
//! numbered drafting notes, and every member's declared weight stands beside its real voting
//! power as `concord power` works it out ([`crate::commands::power`]).
//!
//! Every construct of the model is worded: the agreement is taken apart field by field with no
//! `..`, and every enumeration is matched without a wildcard, so a construct added to the model
//! does not build until it is worded here (and so fails the tests rather than being skipped).
//!
//! Exit codes: 0 when explained; 2 when the file cannot be read or has errors.

use std::path::Path;

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::load;
use crate::model::{Agreement, FileKind};
use crate::results::{findings, JSON_SCHEMA_VERSION};

pub use crate::results::explain::*;

#[path = "explain_elections.rs"]
mod elections;
#[path = "explain_money.rs"]
mod money;
#[path = "explain_offices.rs"]
pub mod offices;
#[path = "explain_parts.rs"]
mod parts;

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

/// The definitions and the numbered parts of an agreement.
pub fn schedule(agreement: &Agreement) -> (Vec<Definition>, Vec<Part>) {
    // Every field, so that a new one does not build until it is worded.
    let Agreement {
        title: _,
        form,
        currency: _,
        effective,
        period,
        kinds,
        kinds_declared: _,
        members,
        voting: _,
        blocs,
        decisions,
        default_quorum: _,
        default_reconvened_quorum: _,
        savings,
        deficits,
        budget,
        membership,
        funds,
        stand_ins: _,
        offices,
        elections,
    } = agreement;
    // `stand_ins` is worded in the voting part (`parts::stand_ins`).
    let _ = (
        form, effective, period, kinds, members, blocs, decisions, savings, deficits, budget, membership, funds,
        offices, elections,
    );
    let mut parts = Vec::new();
    let mut add = |heading: String, clauses: Vec<(String, Vec<Item>)>| {
        if clauses.is_empty() {
            return;
        }
        // BOUND: parts and clauses are counted one per block of the agreement.
        #[allow(clippy::arithmetic_side_effects)]
        let number = parts.len() + 2;
        let clauses = clauses
            .into_iter()
            .zip(1..)
            .map(|((text, items), n): ((String, Vec<Item>), usize)| Clause {
                number: format!("{number}.{n}"),
                text,
                items,
            })
            .collect();
        parts.push(Part { number, heading, clauses });
    };
    add("The agreement and its parties".to_string(), parts::parties(agreement));
    add("Offices".to_string(), self::offices::offices(agreement));
    add("Voting".to_string(), parts::voting(agreement));
    for decision in &agreement.decisions {
        add(format!("Decision: {}", decision.name), parts::decision(agreement, decision));
    }
    for election in &agreement.elections {
        add(format!("Election: {}", election.name), self::elections::election(agreement, election));
    }
    add("Savings and deficits".to_string(), money::waterfalls(agreement));
    for fund in &agreement.funds {
        add(format!("The {} “{}”", fund.kind.words(), fund.name), money::fund(agreement, fund));
    }
    let heading = if agreement.membership.makeup.is_empty() {
        "Joining and leaving"
    } else {
        "The membership: its make-up, joining and leaving"
    };
    add(heading.to_string(), parts::membership(agreement));
    (parts::definitions(agreement), parts)
}
