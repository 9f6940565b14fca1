//! Scenarios that follow one another (`scenario "Year two" follows "Year one"`): the agreement
//! each step of a sequence is worked out under.
//!
//! A following year-end step starts from the fund balances carried forward and the contributions
//! the year before set (`crate::money` works that out); a following proposal step is decided
//! against the agreement as the steps before it left it. Every step's "agreement for the next
//! step" comes from [`agreement_after`], and from nowhere else.

use crate::model::years::Earlier;
use crate::model::{Agreement, Proposal};

/// The agreement after `proposal` is decided under `agreement`: `None` when it is unchanged.
///
/// Today no construct of a proposal changes the agreement, so it is always unchanged. The effects
/// of a passed proposal that change the agreement (a role that moves, a member who joins or
/// leaves) plug in here: decide the proposal under `agreement`, and when it passes return the
/// agreement with its effects applied.
pub fn agreement_after(agreement: &Agreement, proposal: &Proposal) -> Option<Agreement> {
    let _ = (agreement, proposal);
    None
}

/// The agreement a step that follows `earlier` is decided under: `None` when it is `agreement`
/// itself. Year-end steps do not change the agreement (their contributions and balances are
/// carried by the money engine).
pub fn agreement_for(agreement: &Agreement, earlier: &[Earlier]) -> Option<Agreement> {
    let mut changed: Option<Agreement> = None;
    for step in earlier {
        if let Earlier::Proposal(proposal) = step {
            if let Some(next) = agreement_after(changed.as_ref().unwrap_or(agreement), proposal) {
                changed = Some(next);
            }
        }
    }
    changed
}
