//! The schedule's words for an election (`election "deputy chair"`): who may stand, who votes,
//! how it is won and how a tie is decided.

use crate::model::elections::{Candidates, Election, TieRule};
use crate::model::{Agreement, CommitScope, Exclusion, MemberId, WeightScheme};
use crate::results::explain::Item;

type Clauses = Vec<(String, Vec<Item>)>;

fn member(agreement: &Agreement, id: MemberId) -> String {
    agreement.member(id).map_or_else(|| "?".to_string(), |m| m.key.clone())
}

fn kind(agreement: &Agreement, id: crate::model::KindId) -> String {
    agreement.kind(id).map_or_else(|| "?".to_string(), |k| k.name.clone())
}

/// `a, b and c`
fn and_list(items: &[String]) -> String {
    crate::report::terms::and_list(items)
}

/// The clauses of one election's part of the schedule.
pub(super) fn election(agreement: &Agreement, election: &Election) -> Clauses {
    let Election { name: _, span: _, candidates, plurality: _, tie, voting, exclusions } = election;
    let mut clauses: Clauses = Vec::new();
    let standing = election.candidates_in(agreement).iter().map(|c| member(agreement, *c)).collect::<Vec<_>>();
    let who = match &candidates.node {
        Candidates::Kind(k) => format!(
            "Every {} member may stand (as the membership now stands: {}).",
            kind(agreement, *k),
            and_list(&standing)
        ),
        Candidates::All => format!("Every member may stand (now: {}).", and_list(&standing)),
        Candidates::Members(_) => format!("The candidates are {}.", and_list(&standing)),
    };
    clauses.push((who, Vec::new()));
    let scheme = match voting.as_ref().map_or(&agreement.voting.scheme.node, |v| &v.node) {
        WeightScheme::OneMemberOneVote => "each member who votes has one vote".to_string(),
        WeightScheme::Proportional(f) => format!("each vote weighs the voter's {}", f.words()),
        WeightScheme::Committed(CommitScope::Proposal) => {
            "votes weigh the budget committed (refused for an election)".to_string()
        }
        WeightScheme::Committed(CommitScope::Pool) => {
            "each vote weighs the voter's contribution to the pool".to_string()
        }
        WeightScheme::Explicit => "each vote weighs the votes set for the voter".to_string(),
    };
    let mut items: Vec<Item> = Vec::new();
    for exclusion in exclusions {
        let text = match exclusion {
            Exclusion::OnlyKind { kind: k, .. } => format!("Only {} members vote.", kind(agreement, *k)),
            Exclusion::Kind { kind: k, .. } => format!("{} members do not vote.", kind(agreement, *k)),
            Exclusion::Member { member: m, .. } => format!("{} does not vote.", member(agreement, *m)),
            // An election takes no other exclusion (the grammar reads none).
            Exclusion::Gain { .. }
            | Exclusion::Concerned { .. }
            | Exclusion::OptOut { .. }
            | Exclusion::Conflict { .. }
            | Exclusion::ReservedTo { .. } => continue,
        };
        items.push(Item { depth: 1, text });
    }
    items.push(Item { depth: 1, text: "Observers never vote.".into() });
    clauses.push((
        format!("Each member votes for one candidate; {scheme}. A vote for anyone else, or a second vote, is refused."),
        items,
    ));
    clauses.push((
        "The candidate with the most votes is elected. If no vote is counted, nobody is elected.".to_string(),
        Vec::new(),
    ));
    let tie_words = match tie.as_ref().map(|t| &t.node) {
        Some(TieRule::Lot) => "Where two or more candidates tie for the most votes, it is decided by lot which of them is elected. Concord does not draw the lot: until the scenario records whom it fell to (`the lot fell to MEMBER`), the election is tied and nobody is elected.".to_string(),
        Some(TieRule::CastingVote(h)) => format!(
            "Where two or more candidates tie for the most votes, {} has the casting vote between them. Until the scenario records it (`the casting vote was for MEMBER`), the election is tied and nobody is elected.",
            member(agreement, h.node)
        ),
        None => "The election does not say how a tie for the most votes is decided: a tie leaves nobody elected.".to_string(),
    };
    clauses.push((tie_words, Vec::new()));
    clauses
}
