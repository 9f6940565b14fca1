//! Offices that change from meeting to meeting: the person presiding.
//!
//! A decision may give its casting vote to whoever presides (`on a tie, the person presiding has
//! the casting vote`) rather than to a named member. Who presided is a fact of the meeting, so the
//! proposal says it (`presiding: hhft`). The engines never guess it: a proposal for such a
//! decision with no `presiding:` line is refused when it is read (see [`check_presiding`]), and
//! [`casting_holder`] gives the one holder both the evaluator and the oracle use.

use crate::model::inputs::{Proposal, Voter};
use crate::model::{Agreement, Decision, LowerError, MemberId};
use crate::span::{Span, Spanned};

/// Who holds the decision's casting vote at this proposal's meeting: the named member, or the
/// member the proposal says presided (spanned on the decision's clause, which the working cites).
/// `None` when the decision gives no casting vote, or gives it to the person presiding and the
/// proposal does not say who presided (a proposal [`check_presiding`] refuses).
pub fn casting_holder(decision: &Decision, proposal: &Proposal) -> Option<Spanned<MemberId>> {
    match (decision.casting_vote, decision.casting_presiding) {
        (Some(named), _) => Some(named),
        (None, Some(clause)) => proposal.presiding.map(|p| Spanned::new(p.node, clause)),
        (None, None) => None,
    }
}

/// The refusals of docs/semantics.md step 1 for the person presiding: a decision that gives the
/// casting vote to the person presiding needs the proposal's `presiding:` line; a `presiding:`
/// line on a proposal for any other decision says nothing and is refused; and the member
/// presiding must be listed as present (voting or abstaining), since a member not listed is
/// absent.
pub(crate) fn check_presiding(
    decision: &Decision,
    proposal: &Proposal,
    agreement: &Agreement,
    at: Span,
    errors: &mut Vec<LowerError>,
) {
    match (decision.casting_presiding, proposal.presiding) {
        (Some(_), None) => errors.push(LowerError::MissingPresiding {
            decision: decision.name.clone(),
            at: proposal.decision.as_ref().map_or(at, |d| d.span).into(),
        }),
        (None, Some(named)) => {
            errors.push(LowerError::PresidingNotUsed { decision: decision.name.clone(), at: named.span.into() })
        }
        (Some(_), Some(named)) => {
            let listed = proposal.votes.iter().any(|v| v.voter == Voter::Known(named.node));
            if !listed {
                let member = agreement.member(named.node).map_or_else(String::new, |m| m.key.clone());
                errors.push(LowerError::PresidingAbsent { member, at: named.span.into() });
            }
        }
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inputs::Vote;
    use crate::model::VoteChoice;

    fn decision(named: Option<MemberId>, presiding: bool) -> Decision {
        Decision {
            id: crate::model::DecisionId(0),
            name: "d".into(),
            span: Span::default(),
            rules: Vec::new(),
            voting: None,
            quorum: None,
            reconvened_quorum: None,
            exclusions: Vec::new(),
            vetoes: Vec::new(),
            casting_vote: named.map(|m| Spanned::new(m, Span::default())),
            casting_presiding: presiding.then(|| Span::new(7, 9)),
            escalations: Vec::new(),
        }
    }

    fn proposal(presiding: Option<MemberId>) -> Proposal {
        let mut p = crate::model::inputs::empty_proposal(Spanned::new("p".into(), Span::default()));
        p.presiding = presiding.map(|m| Spanned::new(m, Span::default()));
        p.votes.push(Vote { voter: Voter::Known(MemberId(1)), choice: VoteChoice::Abstaining, span: Span::default() });
        p
    }

    #[test]
    fn the_person_presiding_holds_the_casting_vote_on_the_decisions_clause() {
        let held = casting_holder(&decision(None, true), &proposal(Some(MemberId(1))));
        assert_eq!(held, Some(Spanned::new(MemberId(1), Span::new(7, 9))));
    }

    #[test]
    fn a_named_holder_is_the_holder_whoever_presides() {
        let held = casting_holder(&decision(Some(MemberId(2)), false), &proposal(Some(MemberId(1))));
        assert_eq!(held.map(|h| h.node), Some(MemberId(2)));
    }

    #[test]
    fn no_presiding_line_gives_no_holder_rather_than_a_guess() {
        assert_eq!(casting_holder(&decision(None, true), &proposal(None)), None);
    }
}
