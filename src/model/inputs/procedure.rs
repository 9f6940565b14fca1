//! A proposal's facts for the procedural clauses of its decision (issue 21, item 8): when it was
//! requested, who proposed it, who asks for postponement, when notice was given, when a breach
//! was notified and remedied. Refused when the decision needs one and it is missing, when the
//! decision makes no use of it, and when the dates cannot be in that order: Concord never
//! guesses a date.

use super::{DecisionRef, Proposal};
use crate::model::error::LowerError;
use crate::model::procedure::ProposedBy;
use crate::model::{Agreement, Date, Decision};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{self, ProposalClause};

impl super::InputLowerer<'_> {
    /// Who proposed it, or called the meeting: a member, a body, or several members together.
    fn proposed_by(&mut self, by: &Spanned<ast::ProposedBy>) -> Option<ProposedBy> {
        Some(match &by.node {
            ast::ProposedBy::Member(m) => ProposedBy::Member(self.member(&Spanned::new(m.clone(), by.span))?),
            ast::ProposedBy::Body(b) => ProposedBy::Body(b.clone()),
            ast::ProposedBy::Jointly(members) => {
                let read: Vec<Spanned<crate::model::MemberId>> =
                    members.iter().filter_map(|m| self.member(m).map(|id| Spanned::new(id, m.span))).collect();
                if read.len() < members.len() {
                    return None;
                }
                ProposedBy::Jointly(read)
            }
        })
    }

    /// Records one of the lines in `proposal.facts`.
    pub(super) fn procedure_line(&mut self, proposal: &mut Proposal, clause: &ProposalClause) {
        let facts = &mut proposal.facts;
        let (what, slot, date) = match clause {
            ProposalClause::Requested(d) => ("when the proposal was requested", &mut facts.requested, d),
            ProposalClause::NoticeGiven(d) => ("when notice was given", &mut facts.notice_given, d),
            ProposalClause::BreachNotified(d) => ("when the breach was notified", &mut facts.breach_notified, d),
            ProposalClause::Remedied(d) => ("when the breach was remedied", &mut facts.remedied, d),
            ProposalClause::AskingPostponement(members) => {
                for member in members {
                    if let Some(id) = self.member(member) {
                        proposal.facts.asking_postponement.push(Spanned::new(id, member.span));
                    }
                }
                return;
            }
            ProposalClause::ProposedBy(by) | ProposalClause::MeetingCalledBy(by) => {
                let calling = matches!(clause, ProposalClause::MeetingCalledBy(_));
                let Some(node) = self.proposed_by(by) else { return };
                let (what, slot) = if calling {
                    ("who called the meeting", &mut proposal.facts.meeting_called_by)
                } else {
                    ("who proposed it", &mut proposal.facts.proposed_by)
                };
                if let Some(first) = slot {
                    self.errors.push(LowerError::DuplicateClause {
                        what: what.into(),
                        first: first.span.into(),
                        second: by.span.into(),
                    });
                } else {
                    *slot = Some(Spanned::new(node, by.span));
                }
                return;
            }
            _ => return,
        };
        match slot {
            Some(first) => self.errors.push(LowerError::DuplicateClause {
                what: what.into(),
                first: first.span.into(),
                second: date.span.into(),
            }),
            None => *slot = Some(*date),
        }
    }
}

/// The checks a proposal's facts need once its decision is known (docs/semantics.md step 1a).
pub(super) fn check_facts(proposal: &Proposal, agreement: &Agreement, at: Span, errors: &mut Vec<LowerError>) {
    let decision = match proposal.decision.as_ref().map(|d| &d.node) {
        Some(DecisionRef::Known(id)) => agreement.decision(*id),
        _ => None,
    };
    let Some(decision) = decision else { return };
    let p = &decision.procedure;
    let facts = &proposal.facts;
    let at_decision = proposal.decision.as_ref().map_or(at, |d| d.span);
    let dated_needed = |d: &Decision| {
        d.procedure.timed_escalation.is_some() || d.procedure.notice.is_some() || d.procedure.cure.is_some()
    };
    if dated_needed(decision) && proposal.date.is_none() {
        errors.push(LowerError::from(crate::model::InputsError::MissingProposalFact {
            what: "when it is decided".to_string(),
            at: at_decision.into(),
            decision: decision.name.clone(),
            help: format!(
                "decision `{}` counts a period to the day a proposal is decided: add `dated DATE` (in a scenario, `propose \"…\" on DATE`)",
                decision.name
            ),
        }));
    }
    let mut missing = |what: &str, line: &str, clause: &str| {
        errors.push(LowerError::from(crate::model::InputsError::MissingProposalFact {
            what: what.to_string(),
            at: at_decision.into(),
            decision: decision.name.clone(),
            help: format!("decision `{}` says `{clause}`: add `{line}` to the proposal", decision.name),
        }));
    };
    if p.timed_escalation.is_some() && facts.requested.is_none() {
        missing("when the decision was requested", "requested on DATE", "if not agreed within … of the request");
    }
    let by_proposer = crate::model::proposer_rules::depends_on_proposer(decision);
    if p.proposers.is_some() && facts.proposed_by.is_none() {
        missing("who proposed it", "proposed by: MEMBER` or `proposed by: \"BODY\"", "may be proposed only by …");
    }
    if p.notice.is_some() && facts.notice_given.is_none() {
        missing("when notice of it was given", "notice given on DATE", "a proposal needs … notice");
    }
    if p.cure.is_some() && facts.breach_notified.is_none() {
        missing("when the breach was notified", "breach notified on DATE", "only after a breach unremedied for …");
    }
    if by_proposer && p.proposers.is_none() && facts.proposed_by.is_none() {
        errors.push(LowerError::from(crate::model::InputsError::MissingProposalFact {
            what: "who proposed it".to_string(),
            at: at_decision.into(),
            decision: decision.name.clone(),
            help: format!(
                "decision `{}` has a rule for proposals by some (`when proposed by …`) and another for the rest, so which rule holds depends on who proposed: add `proposed by: MEMBER` or `proposed by: \"BODY\"`",
                decision.name
            ),
        }));
    }
    if let Some(by) = &facts.proposed_by {
        crate::model::inputs::joint::check_joint(proposal, agreement, decision, by, errors);
    }
    crate::model::inputs::joint::check_meeting(proposal, decision, at_decision, errors);
    let mut unused = |what: &str, span: Span, clause: &str| {
        errors.push(LowerError::from(crate::model::InputsError::ProposalFactNotUsed {
            decision: decision.name.clone(),
            what: what.to_string(),
            at: span.into(),
            help: format!("the line matters only for a decision that says `{clause}`; take it off, or add the clause to the decision"),
        }));
    };
    if let (Some(r), None) = (&facts.requested, &p.timed_escalation) {
        unused("when it was requested", r.span, "if not agreed within … of the request, escalate to …");
    }
    if let (Some(b), None, false) = (&facts.proposed_by, &p.proposers, by_proposer) {
        unused("who proposed it", b.span, "may be proposed only by …` or `when proposed by …, passes if …");
    }
    if let (Some(first), None) = (facts.asking_postponement.first(), &p.postponement) {
        unused(
            "members asking for postponement",
            first.span,
            "members holding … of eligible votes who ask may have it postponed",
        );
    }
    if let (Some(n), None) = (&facts.notice_given, &p.notice) {
        unused("when notice was given", n.span, "a proposal needs … notice");
    }
    if let (Some(b), None) = (&facts.breach_notified, &p.cure) {
        unused("when a breach was notified", b.span, "only after a breach unremedied for …");
    }
    if let Some(r) = &facts.remedied {
        if p.cure.is_none() || facts.breach_notified.is_none() {
            unused(
                "when a breach was remedied",
                r.span,
                "only after a breach unremedied for …` and `breach notified on DATE",
            );
        }
    }
    // Dates in an order that cannot be.
    let mut order = |earlier: (&str, Spanned<Date>), later: (&str, Spanned<Date>)| {
        if later.1.node < earlier.1.node {
            errors.push(LowerError::from(crate::model::InputsError::DatesOutOfOrder {
                later: format!("{} ({})", later.0, later.1.node.words()),
                earlier: format!("{} ({})", earlier.0, earlier.1.node.words()),
                at: later.1.span.into(),
                other: earlier.1.span.into(),
            }));
        }
    };
    if let Some(dated) = proposal.date {
        let decided = ("the day it is decided", dated);
        for (what, fact) in [
            ("the request", facts.requested),
            ("the notice", facts.notice_given),
            ("the breach's notification", facts.breach_notified),
        ] {
            if let Some(fact) = fact {
                order((what, fact), decided);
            }
        }
    }
    if let (Some(notified), Some(remedied)) = (facts.breach_notified, facts.remedied) {
        order(("the breach's notification", notified), ("the remedy", remedied));
        // A remedy on or after the day the cure period runs out: not settled by the clause.
        let ends = p.cure.and_then(|c| notified.node.after(c.period));
        if let Some(ends) = ends.filter(|e| remedied.node >= *e) {
            errors.push(LowerError::from(crate::model::InputsError::RemedyAfterCurePeriod {
                remedied: remedied.node.words(),
                ends: ends.words(),
                at: remedied.span.into(),
            }));
        }
    }
}
