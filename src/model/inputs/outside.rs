//! A proposal's record of what the body outside the meeting decided (C51): read from
//! `decided by "BODY": agreed` (or `not agreed`, `not yet decided`), and refused where it names
//! another body, where its decision is the meeting's, and where votes are recorded on a decision
//! no member votes on.

use super::{DecisionRef, Proposal};
use crate::model::error::LowerError;
use crate::model::outside::OutsideDecision;
use crate::model::{Agreement, OutsideError};
use crate::span::Span;
use crate::syntax::ast::OutsideLine;

impl super::InputLowerer<'_> {
    /// Records `decided by "BODY": …`, once.
    pub(super) fn outside_line(&mut self, proposal: &mut Proposal, line: &OutsideLine, span: Span) {
        match &proposal.outside {
            Some(first) => self.errors.push(LowerError::DuplicateClause {
                what: "what the body outside the meeting decided".to_string(),
                first: first.span.into(),
                second: span.into(),
            }),
            None => proposal.outside = Some(OutsideDecision { body: line.body.clone(), verdict: line.verdict, span }),
        }
    }
}

/// The checks once the proposal's decision is known (docs/semantics.md step 1b).
pub(super) fn check_outside(proposal: &Proposal, agreement: &Agreement, errors: &mut Vec<LowerError>) {
    let decision = match proposal.decision.as_ref().map(|d| &d.node) {
        Some(DecisionRef::Known(id)) => agreement.decision(*id),
        _ => None,
    };
    let Some(decision) = decision else { return };
    let outside = |e: OutsideError| LowerError::Outside(Box::new(e));
    match (&decision.outside, &proposal.outside) {
        (None, Some(line)) => errors.push(outside(OutsideError::NotDecidedOutside {
            decision: decision.name.clone(),
            body: line.body.node.clone(),
            at: line.span.into(),
        })),
        (Some(body), Some(line)) if line.body.node != body.body => errors.push(outside(OutsideError::OtherBody {
            decision: decision.name.clone(),
            body: body.body.clone(),
            named: line.body.node.clone(),
            at: line.body.span.into(),
        })),
        _ => {}
    }
    if let (Some(body), Some(vote)) = (&decision.outside, proposal.votes.first()) {
        errors.push(outside(OutsideError::VoteOnOutsideDecision {
            decision: decision.name.clone(),
            body: body.body.clone(),
            at: vote.span.into(),
        }));
    }
}
