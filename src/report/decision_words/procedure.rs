//! `concord explain`'s words for a decision's clauses about time, who may propose,
//! postponement, notice and cure (issue 21, item 8). Every field is worded.

use crate::model::procedure::{Period, Postponement, Procedure, Proposers, TimedEscalation};
use crate::model::Agreement;

/// One line per clause the decision has, indented as the rest of its schedule.
pub(super) fn words(agreement: &Agreement, procedure: &Procedure) -> String {
    let Procedure { timed_escalation, proposers, postponement, notice, cure, meeting_callers } = procedure;
    let mut out = String::new();
    if let Some(listed) = proposers {
        let names = who_words(listed, agreement);
        out.push_str(&format!(
            "  Only {} may propose it; a proposal from anyone else is invalid (each proposal says `proposed by:`).\n",
            names
        ));
    }
    if let Some(listed) = meeting_callers {
        let names = who_words(listed, agreement);
        out.push_str(&format!(
            "  A meeting to decide it may be called by {}; a proposal decided at a meeting called by anyone else is invalid (each proposal says `meeting called by:`).\n",
            names
        ));
    }
    if let Some(Period { period, span: _ }) = notice {
        out.push_str(&format!(
            "  It needs {} notice: a proposal decided less than {} after notice of it was given is invalid.\n",
            period.possessive(),
            period.words()
        ));
    }
    if let Some(Period { period, span: _ }) = cure {
        out.push_str(&format!(
            "  It may be decided only after a breach notified to the member has gone unremedied for {}; a breach put right within that period leaves no ground.\n",
            period.words()
        ));
    }
    if let Some(TimedEscalation { period, steps, span: _ }) = timed_escalation {
        let bodies: Vec<String> = steps
            .iter()
            .map(|(body, within)| match within {
                Some(w) => format!("“{}” (within {})", body.node, w.node.words()),
                None => format!("“{}”", body.node),
            })
            .collect();
        out.push_str(&format!(
            "  If it is not agreed within {} of the request (each proposal says `requested on`), the matter goes to {}; a vote taken after the last day decides nothing.\n",
            period.words(),
            bodies.join(", then ")
        ));
    }
    if let Some(Postponement { strictly, share, span: _ }) = postponement {
        let comparator = if *strictly { "more than" } else { "at least" };
        out.push_str(&format!(
            "  Members holding {comparator} {}% of the eligible votes who ask (`asking for postponement:`) have it postponed before the vote is counted.\n",
            share.0.normalize()
        ));
    }
    out
}

/// Who a clause names, as every report words them (`report/terms.rs`); `nobody` for none.
fn who_words(listed: &Proposers, agreement: &Agreement) -> String {
    if listed.who.is_empty() {
        return "nobody".to_string();
    }
    crate::eval::proposer::rule_proposers(listed, agreement).to_string()
}
