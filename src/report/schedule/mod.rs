//! An agreement as a legal schedule: the definitions and the numbered parts, clause by clause,
//! in a lawyer's words (`concord explain`, whose command reads the file and adds the drafting
//! notes and the power table).
//!
//! Every construct of the model is worded: the agreement is taken apart field by field with no
//! `..`, and every enumeration is matched without a wildcard, so a construct added to the model
//! does not build until it is worded here (and so fails the tests rather than being skipped).

mod elections;
mod instalments;
mod money;
pub mod offices;
mod parts;

use crate::model::Agreement;
use crate::results::explain::{Clause, Definition, Item, Part};

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
