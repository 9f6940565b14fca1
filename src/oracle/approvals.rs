//! Step 9 of docs/semantics.md, "Approvals outside the meeting", written from its words alone.

use crate::model::inputs::Proposal;
use crate::model::matters::{ApprovalState, Approver};
use crate::model::Decision;

/// "A proposal the meeting passed needs every approval the decision asks for. An approval the
/// proposal enters as withheld rejects it; otherwise one entered as not yet given, or not
/// mentioned, leaves it passed, subject to that approval." Out: the approvers who withheld, and
/// those awaited, in the order the decision asks for them.
pub(super) fn approvals(decision: &Decision, proposal: &Proposal) -> (Vec<Approver>, Vec<Approver>) {
    let mut withheld = Vec::new();
    let mut awaited = Vec::new();
    for needed in &decision.matters.approvals {
        let entered = proposal.matters.approvals.iter().find(|a| a.approver == needed.approver);
        match entered.map(|a| a.state) {
            Some(ApprovalState::Given) => {}
            Some(ApprovalState::Withheld) => withheld.push(needed.approver.clone()),
            Some(ApprovalState::NotYetGiven) | None => awaited.push(needed.approver.clone()),
        }
    }
    (withheld, awaited)
}
