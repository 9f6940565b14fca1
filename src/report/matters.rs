//! What the reports say of a matter reserved to one partner, of the votes on whether conflicted
//! members take part, and of approvals outside the meeting (issue 21, items 5 and 6).

use super::words::list;
use crate::eval::matters::{ApprovalWorking, ConflictWorking};
use crate::eval::Evaluation;
use crate::model::matters::{ApprovalState, ReservedAlso};

/// The sentences that go with the votes: the reserved matter and each conflicted member's vote.
pub(super) fn votes_human(e: &Evaluation) -> String {
    let Some(m) = e.matters.as_deref() else { return String::new() };
    let mut out = String::new();
    if let Some(r) = &m.reserved {
        let also = match r.also {
            ReservedAlso::Nothing => format!("{} alone decides it, by its own vote", r.member),
            ReservedAlso::OwnGovernance => {
                format!("{} alone decides it, by its own vote, and its own governance must also approve", r.member)
            }
            ReservedAlso::Meeting => format!("the meeting's rule must hold and {} must vote in favour", r.member),
        };
        out.push_str(&format!(
            "  The matter is reserved to {}: {also} (line {}: {}).\n",
            r.member, r.clause.line, r.clause.text
        ));
    }
    for c in &m.conflicts {
        out.push_str(&format!("  {}\n", conflict_sentence(c)));
    }
    out
}

fn conflict_sentence(c: &ConflictWorking) -> String {
    let mut s = format!(
        "{} has a conflict of interest. On whether it may take part, {} of the {} other {} present agreed and {} did not; {} of the {} were needed (line {}: {}), so {}.",
        c.member,
        c.in_favour,
        c.others_present,
        if c.others_present == 1 { "member" } else { "members" },
        c.others_present.saturating_sub(c.in_favour),
        c.threshold,
        c.others_present,
        c.clause.line,
        c.clause.text,
        if c.allowed { format!("{} takes part", c.member) } else { format!("{} does not take part", c.member) }
    );
    if c.against > 0 {
        s.push_str(&format!(" ({} voted against its taking part.)", c.against));
    }
    if !c.disregarded.is_empty() {
        s.push_str(&format!(
            " The vote on taking part of {} is disregarded: only the other members present decide it.",
            list(&c.disregarded)
        ));
    }
    s
}

/// The section on approvals outside the meeting, after the vote.
pub(super) fn approvals_human(e: &Evaluation) -> String {
    let Some(m) = e.matters.as_deref().filter(|m| !m.approvals.is_empty()) else { return String::new() };
    let mut out = String::from("\nApprovals outside the meeting\n");
    if !m.approvals_looked_at {
        out.push_str("  Not looked at: the meeting did not pass the proposal, and an approval cannot carry it.\n");
    }
    for a in &m.approvals {
        out.push_str(&format!("  {}\n", approval_sentence(a)));
    }
    out
}

fn approval_sentence(a: &ApprovalWorking) -> String {
    let state = match (a.state, a.entered) {
        (ApprovalState::Given, _) => "given".to_string(),
        (ApprovalState::Withheld, _) => "withheld".to_string(),
        (ApprovalState::NotYetGiven, true) => "not yet given".to_string(),
        (ApprovalState::NotYetGiven, false) => {
            "not yet given: the proposal does not mention it, so it is taken as not yet given".to_string()
        }
    };
    format!("The approval of {} (line {}): {state}.", a.approver, a.clause.line)
}
