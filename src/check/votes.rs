//! Figures a drafter gave that nothing reads: `votes` on members when no decision is voted by
//! them. Read silently, the agreement would count one member one vote while its drafter meant
//! weighted votes, so the checker says so.

use miette::LabeledSpan;

use super::diagnostics::*;
use super::names;
use crate::model::{Agreement, Role, WeightScheme};

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let schemes: Vec<&WeightScheme> = agreement.decisions.iter().map(|d| &agreement.scheme_for(d).node).collect();
    let Some(&first) = schemes.first() else { return };
    if schemes.iter().any(|s| matches!(s, WeightScheme::Explicit)) {
        return;
    }
    let with_votes: Vec<&crate::model::Member> =
        agreement.members.iter().filter(|m| m.votes.is_some() && !m.has_role(Role::Observer)).collect();
    if with_votes.is_empty() {
        return;
    }
    let instead = if schemes.iter().all(|s| *s == first) {
        let every = if agreement.decisions.len() == 1 { "the decision is voted" } else { "every decision is voted" };
        format!("{every} {}", first.words())
    } else {
        "the decisions are voted by other schemes".to_string()
    };
    out.push(
        VotesNotUsed {
            decision: None,
            witness: None,
            names: names(with_votes.iter().map(|m| m.key.clone())),
            verb: if with_votes.len() == 1 { "gives" } else { "give" },
            instead,
            votes: with_votes
                .iter()
                .filter_map(|m| m.votes.map(|v| LabeledSpan::new_with_span(Some("not counted".to_string()), v.span)))
                .collect(),
        }
        .into(),
    );
}

#[cfg(test)]
mod tests {
    use crate::check::check;

    fn findings(text: &str) -> Vec<String> {
        let loaded = crate::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.unwrap_or_else(|| panic!("no agreement in {text}"));
        check(&agreement).iter().filter_map(|d| miette::Diagnostic::code(d).map(|c| c.to_string())).collect()
    }

    const MEMBERS: &str = "agreement \"V\"\n\nmember aa \"A\"\n  votes 3\nmember bb \"B\"\n  votes 1\n\n";

    #[test]
    fn votes_no_decision_counts_are_reported() {
        let text = format!("{MEMBERS}decision \"d\"\n  passes if more than half of eligible votes in favour\n  if rejected, escalate to \"the board\"\n");
        assert!(findings(&text).iter().any(|c| c == "concord::check::votes_not_used"));
    }

    #[test]
    fn votes_a_decision_counts_are_not_reported() {
        for voting in ["voting as set for each member\n\n", ""] {
            let own = if voting.is_empty() { "  voting as set for each member\n" } else { "" };
            let text = format!("{MEMBERS}{voting}decision \"d\"\n{own}  passes if more than half of eligible votes in favour\n  if rejected, escalate to \"the board\"\n");
            assert!(!findings(&text).iter().any(|c| c == "concord::check::votes_not_used"), "{text}");
        }
    }
}
