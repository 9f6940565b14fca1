//! A decision taken by a body outside the meeting (docs/semantics.md step 1b, C51): no member
//! votes on it. The conditions of step 1a (who may propose it, its notice, a cure period, the
//! missed meetings it rests on and their excuse) are judged as for any decision, and when they
//! bar it the proposal is invalid whatever the body decided; otherwise the outcome is the body's
//! decision as the proposal records it: agreed, passed; not agreed, rejected; not recorded (or
//! `not yet decided`), awaiting the body's decision.

use serde::Serialize;

use super::context::Context;
use super::{Deadlock, DeadlockCause, Evaluation, Invalidity, OutcomeKind, Place};
use crate::model::inputs::Proposal;
use crate::model::outside::{OutsideBody, OutsideVerdict};

/// The body that takes a decision outside the meeting, and what the proposal records it decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecidedOutside {
    /// The body, in the decision's words.
    pub body: String,
    /// The clause `decided by "…"`.
    pub clause: Place,
    /// What the proposal records the body decided (`not_yet_decided` when it records nothing).
    pub verdict: OutsideVerdict,
    /// Whether the proposal records it (a line `decided by "…": …`).
    pub recorded: bool,
}

impl Context<'_> {
    /// Step 1b: the outcome of a proposal for a decision `body` takes outside the meeting, once
    /// step 1a has found `invalid` (empty when nothing bars it).
    pub(super) fn decided_outside(
        &self,
        mut evaluation: Evaluation,
        invalid: Vec<Invalidity>,
        body: &OutsideBody,
        proposal: &Proposal,
    ) -> Evaluation {
        // Nobody votes: the working shows no votes, weights or members' standings.
        evaluation.voting = None;
        evaluation.members = Vec::new();
        // What the body decided; a proposal that records nothing awaits it. The reader makes
        // sure a recorded decision names the decision's body.
        let verdict = proposal.outside.as_ref().map_or(OutsideVerdict::NotYetDecided, |o| o.verdict);
        evaluation.outcome.decided_outside = Some(DecidedOutside {
            body: body.body.clone(),
            clause: self.place(body.span),
            verdict,
            recorded: proposal.outside.is_some(),
        });
        if !invalid.is_empty() {
            evaluation.outcome.result = OutcomeKind::Invalid;
            evaluation.outcome.invalid = invalid;
            return evaluation;
        }
        evaluation.outcome.result = match verdict {
            OutsideVerdict::Agreed => OutcomeKind::Passed,
            OutsideVerdict::NotAgreed => {
                evaluation.outcome.deadlock = Some(Deadlock {
                    because: DeadlockCause::NotAgreedOutside,
                    escalated_to: None,
                    then: Vec::new(),
                    clause: None,
                    default: None,
                });
                OutcomeKind::Rejected
            }
            OutsideVerdict::NotYetDecided => OutcomeKind::Awaiting,
        };
        if evaluation.outcome.result == OutcomeKind::Passed && !self.decision.effects.is_empty() {
            let (out, changes, refused) = self.effects(self.agreement, self.decision, proposal);
            evaluation.effects = out;
            evaluation.changes = changes;
            evaluation.effects_refused = refused;
        }
        evaluation
    }
}
