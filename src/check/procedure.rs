//! A decision's procedural clauses that contradict themselves (issue 21, item 8): a postponement
//! share out of range, and a list of who may propose that names nobody who can.

use rust_decimal::Decimal;

use super::diagnostics::*;
use crate::model::procedure::Proposer;
use crate::model::{Agreement, Decision};

pub(super) fn check(agreement: &Agreement, decision: &Decision, out: &mut Vec<CheckDiagnostic>) {
    // `any 10 members jointly` in any clause naming proposers or callers, with fewer members.
    let lists = decision
        .procedure
        .proposers
        .iter()
        .chain(&decision.procedure.meeting_callers)
        .chain(decision.rules.iter().filter_map(|r| r.proposed_by.as_ref()));
    for entry in lists.flat_map(|l| l.who.iter()) {
        if let Proposer::Jointly(needed) = entry.node {
            if needed as usize > agreement.members.len() {
                out.push(
                    JointCountUnreachable {
                        decision: Some(decision.name.clone()),
                        witness: None,
                        name: decision.name.clone(),
                        needed,
                        members: agreement.members.len(),
                        at: entry.span.into(),
                    }
                    .into(),
                );
            }
        }
    }
    if let Some(p) = &decision.procedure.postponement {
        let share = p.share.0;
        let problem = if share > Decimal::ONE_HUNDRED || (p.strictly && share >= Decimal::ONE_HUNDRED) {
            Some("no request can hold that share of the votes, so nothing is ever postponed")
        } else if share <= Decimal::ZERO {
            Some("any one member asking, whatever its votes, would postpone every proposal")
        } else {
            None
        };
        if let Some(problem) = problem {
            out.push(
                PostponementOutOfRange {
                    decision: Some(decision.name.clone()),
                    witness: None,
                    name: decision.name.clone(),
                    problem: problem.to_string(),
                    at: p.span.into(),
                }
                .into(),
            );
        }
    }
    if let Some(proposers) = &decision.procedure.proposers {
        let empty_kinds: Option<Vec<String>> = proposers
            .who
            .iter()
            .map(|w| match &w.node {
                Proposer::Kind(k) if !agreement.members.iter().any(|m| m.is_of_kind(*k)) => {
                    Some(agreement.kind(*k).map_or("?".to_string(), |k| format!("`{}`", k.name)))
                }
                _ => None,
            })
            .collect();
        if let Some(kinds) = empty_kinds.filter(|k| !k.is_empty()) {
            out.push(
                NoProposer {
                    decision: Some(decision.name.clone()),
                    witness: None,
                    name: decision.name.clone(),
                    have: if kinds.len() == 1 { "has" } else { "have" },
                    kinds: kinds.join(", "),
                    at: proposers.span.into(),
                }
                .into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn codes(text: &str) -> Vec<String> {
        let loaded = crate::load::load(text);
        let agreement = loaded.agreement.expect("an agreement");
        super::super::check(&agreement)
            .iter()
            .filter_map(|d| miette::Diagnostic::code(d).map(|c| c.to_string()))
            .collect()
    }

    const HEAD: &str = "agreement \"T\"\n  kinds lay, council\nmember a\n  kinds council\nmember b\n  kinds council\nmember c\n  kinds council\ndecision \"d\"\n  passes if more than half of votes cast in favour\n";

    #[test]
    fn a_joint_count_beyond_the_membership_is_found() {
        let text = format!("{HEAD}  may be proposed only by b or by any 4 members jointly\n");
        assert_eq!(codes(&text), ["concord::check::joint_count_unreachable"]);
        let text = format!("{HEAD}  may be proposed only by b or by any 3 members jointly\n");
        assert!(codes(&text).is_empty(), "{:?}", codes(&text));
    }

    #[test]
    fn a_postponement_share_out_of_range_is_found() {
        for clause in ["more than 100%", "at least 101%", "at least 0%"] {
            let text = format!("{HEAD}  members holding {clause} of eligible votes who ask may have it postponed\n");
            assert!(codes(&text).contains(&"concord::check::postponement_out_of_range".to_string()), "{clause}");
        }
        let text = format!("{HEAD}  members holding at least 100% of eligible votes who ask may have it postponed\n");
        assert!(!codes(&text).contains(&"concord::check::postponement_out_of_range".to_string()));
    }

    #[test]
    fn a_proposer_list_of_empty_kinds_is_found() {
        let text = format!("{HEAD}  may be proposed only by lay members\n");
        assert!(codes(&text).contains(&"concord::check::no_proposer".to_string()));
        let text = format!("{HEAD}  may be proposed only by lay members or a\n");
        assert!(!codes(&text).contains(&"concord::check::no_proposer".to_string()));
    }
}
