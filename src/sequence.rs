//! Scenarios that follow one another (`scenario "Year two" follows "Year one"`): the agreement
//! each step of a sequence is worked out under.
//!
//! A following year-end step starts from the fund balances carried forward and the contributions
//! the year before set (`crate::money` works that out); a following proposal step is decided
//! against the agreement as the steps before it left it; a step after a proposal that passed and
//! changes the agreement (`on passing, …`) is refused until the engines can read the changed
//! agreement throughout. Every step's "agreement for the next step" comes from
//! [`agreement_after`], and from nowhere else.

use crate::model::effects::Effect;
use crate::model::years::Earlier;
use crate::model::{Agreement, Proposal};

/// The agreement after `proposal` is decided under `agreement`: `Ok(None)` when it is unchanged.
///
/// The proposal is decided by the evaluator; only a passed proposal whose decision says what
/// changes `on passing` changes anything. Such a change is refused for now, in words for the
/// reader (`Err`), rather than guessed: the agreement's clauses name the members who held its
/// roles when it was read, and a sequence's later proposals are read against the members it
/// names, so a moved role, a joiner or a leaver would be read wrongly after the change. A change
/// the agreement could not take at all says the evaluator's own reason.
pub fn agreement_after(agreement: &Agreement, proposal: &Proposal) -> Result<Option<Agreement>, String> {
    let Ok(evaluation) = crate::eval::Evaluator::new(agreement, "").evaluate(proposal, "") else {
        return Ok(None);
    };
    if evaluation.outcome.result != crate::eval::OutcomeKind::Passed || evaluation.changes.is_empty() {
        return Ok(None);
    }
    if let Some(refused) = evaluation.effects_refused {
        return Err(format!("“{}” passed, but its changes cannot be made: {refused}", proposal.title.node));
    }
    // Not carried on yet, so refused: the agreement's clauses were resolved when it was read
    // (`the lead provider in favour` names the member who held the role then), and a sequence's
    // proposals are read against the members it names; applying the change would leave both
    // pointing at the agreement as written.
    let what = if evaluation.changes.iter().all(|c| matches!(c, Effect::RoleMoves { .. })) {
        "a role moves"
    } else {
        "a member joins or leaves"
    };
    Err(format!(
        "“{}” passed and {what}; a scenario cannot yet follow a proposal that changes the agreement, since the agreement's clauses and the later proposals are read against the agreement as written (run it as a scenario of its own against the agreement as amended)",
        proposal.title.node
    ))
}

/// The agreement a step that follows `earlier` is decided under: `Ok(None)` when it is
/// `agreement` itself. Year-end steps do not change the agreement (their contributions and
/// balances are carried by the money engine).
pub fn agreement_for(agreement: &Agreement, earlier: &[Earlier]) -> Result<Option<Agreement>, String> {
    let mut changed: Option<Agreement> = None;
    for step in earlier {
        if let Earlier::Proposal(proposal) = step {
            if let Some(next) = agreement_after(changed.as_ref().unwrap_or(agreement), proposal)? {
                changed = Some(next);
            }
        }
    }
    Ok(changed)
}
