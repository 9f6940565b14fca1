//! A decision taken by a body outside the meeting, read afresh from docs/semantics.md step 1b:
//! "If the decision is taken by a body outside the meeting (`decided by "…"`), no member votes
//! on it and steps 2 to 9 are not taken. When step 1a makes the proposal invalid, it is invalid,
//! whatever the body decided. Otherwise the proposal records what the body decided: `agreed`,
//! passed; `not agreed`, rejected (no escalation route and no default applies); `not yet
//! decided`, or nothing recorded, awaiting the decision of the body."

use super::{meetings, procedure, NotCarried, OutcomeKind, Verdict};
use crate::model::inputs::{DecisionRef, Proposal};
use crate::model::outside::OutsideVerdict;
use crate::model::Agreement;

/// The verdict on a proposal for a decision taken outside the meeting; `None` for any other
/// proposal (the steps of the meeting then decide it).
pub(super) fn decided_outside(agreement: &Agreement, proposal: &Proposal) -> Option<Verdict> {
    let decision = match proposal.decision.as_ref().map(|d| &d.node) {
        Some(DecisionRef::Known(id)) => agreement.decisions.iter().find(|d| d.id == *id)?,
        _ => return None,
    };
    decision.outside.as_ref()?;
    // Step 1a, as for any decision.
    if let Some(reason) = procedure::standing(agreement, decision, proposal) {
        return Some(Verdict::invalid(reason, Vec::new()));
    }
    if let Some(reason) = meetings::standing(decision, proposal) {
        return Some(Verdict::invalid(reason, Vec::new()));
    }
    // "Otherwise the proposal records what the body decided."
    let recorded = proposal.outside.as_ref().map(|o| o.verdict);
    let mut verdict = Verdict::passed(None, Vec::new());
    match recorded {
        Some(OutsideVerdict::Agreed) => {}
        Some(OutsideVerdict::NotAgreed) => {
            verdict.outcome = OutcomeKind::Rejected;
            verdict.not_carried = Some(NotCarried::NotAgreedOutside);
        }
        Some(OutsideVerdict::NotYetDecided) | None => verdict.outcome = OutcomeKind::Awaiting,
    }
    Some(verdict)
}
