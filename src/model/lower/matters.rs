//! Decisions: a matter reserved to one partner, approvals outside the meeting and the rule for a
//! conflicted member (issue 21, items 5 and 6). See [`crate::model::matters`] for the meanings.

use super::*;
use crate::model::matters::{Approver, NeededApproval, Reserved, ReservedAlso};

impl<'f> Lowerer<'f> {
    /// Reads one clause of this part of the language into `decision`; false when `clause` is not
    /// one of them.
    pub(super) fn matters_clause(
        &mut self,
        decision: &mut Decision,
        clause: &ast::DecisionClause,
        span: Span,
        reserved_at: &mut Option<Span>,
    ) -> bool {
        match clause {
            ast::DecisionClause::Reserved { member, also } => {
                if let Some(first) = *reserved_at {
                    self.errors.push(LowerError::DuplicateClause {
                        what: "the partner the matter is reserved to".into(),
                        first: first.into(),
                        second: span.into(),
                    });
                    return true;
                }
                *reserved_at = Some(span);
                if let Some(id) = self.member_ref(member) {
                    decision.matters.reserved = Some(Reserved { member: id, also: *also, span });
                    if *also == ReservedAlso::OwnGovernance {
                        decision.matters.approvals.push(NeededApproval { approver: Approver::Governance(id), span });
                    }
                }
            }
            ast::DecisionClause::Approval(approver) => match approver {
                ast::ApproverRef::Body(body) => {
                    self.needs(decision, Approver::Body(body.node.clone()), span);
                }
                ast::ApproverRef::Governance(member) => {
                    if let Some(id) = self.member_ref(member) {
                        self.needs(decision, Approver::Governance(id), span);
                    }
                }
                ast::ApproverRef::EachGovernance => {
                    let partners: Vec<MemberId> =
                        self.members.iter().filter(|m| !m.has_role(Role::Observer)).map(|m| m.id).collect();
                    for id in partners {
                        self.needs(decision, Approver::Governance(id), span);
                    }
                }
            },
            ast::DecisionClause::Conflict(rule) => {
                if let Some(Exclusion::Conflict { span: first, .. }) =
                    decision.exclusions.iter().find(|e| matches!(e, Exclusion::Conflict { .. }))
                {
                    self.errors.push(LowerError::DuplicateClause {
                        what: "the rule for a conflicted member".into(),
                        first: (*first).into(),
                        second: span.into(),
                    });
                    return true;
                }
                decision.exclusions.push(Exclusion::Conflict {
                    comparator: rule.comparator.node.into(),
                    proportion: rule.proportion.node.into(),
                    span,
                });
            }
            _ => return false,
        }
        true
    }

    /// `every kind represented` (or `each bloc represented`), as the conditions it stands for: at
    /// least one member of each kind present (`at least 1 KIND member present`, one condition
    /// per kind, in the order declared); for blocs, one of each bloc's members present. With no
    /// kind (or no bloc) declared there is nothing to represent, and it is refused.
    pub(super) fn represented(&mut self, blocs: bool, span: Span) -> Option<Spanned<Rule>> {
        let parts: Vec<Spanned<Rule>> = if blocs {
            self.blocs
                .iter()
                .map(|b| {
                    let members = b
                        .members
                        .iter()
                        .map(|m| {
                            Spanned::new(Rule::Condition(Condition::Member { member: *m, side: Side::Present }), span)
                        })
                        .collect();
                    Spanned::new(Rule::Any(members), span)
                })
                .collect()
        } else {
            self.kinds
                .iter()
                .map(|k| {
                    Spanned::new(
                        Rule::Condition(Condition::Count {
                            comparator: Comparator::AtLeast,
                            count: Spanned::new(1, span),
                            kind: Some(k.id),
                            side: Side::Present,
                            share: None,
                        }),
                        span,
                    )
                })
                .collect()
        };
        if parts.is_empty() || (blocs && self.blocs.iter().any(|b| b.members.is_empty())) {
            self.errors.push(LowerError::from(crate::model::ProceedingsError::NothingRepresented {
                what: if blocs { "bloc" } else { "kind" }.to_string(),
                at: span.into(),
            }));
            return None;
        }
        Some(Spanned::new(Rule::All(parts), span))
    }

    /// One more approval the decision needs; the same approver twice is refused.
    fn needs(&mut self, decision: &mut Decision, approver: Approver, span: Span) {
        if let Some(first) = decision.matters.approvals.iter().find(|a| a.approver == approver) {
            let words = approver.words_with(&self.members);
            self.errors.push(LowerError::DuplicateClause {
                what: format!("the approval of {words}"),
                first: first.span.into(),
                second: span.into(),
            });
            return;
        }
        decision.matters.approvals.push(NeededApproval { approver, span });
    }

    /// After every clause is read: a matter reserved to one partner alone is decided by its vote
    /// (the rule is made here: that partner in favour), so a `passes if` or a quorum of its own
    /// is refused; one the meeting must also pass adds the partner's vote in favour to each of
    /// the decision's rules.
    pub(super) fn finish_reserved(&mut self, decision: &mut Decision) {
        let Some(reserved) = decision.matters.reserved.clone() else { return };
        let member = self.members.get(reserved.member.index()).map_or_else(String::new, |m| m.key.clone());
        let in_favour = Spanned::new(
            Rule::Condition(Condition::Member { member: reserved.member, side: Side::InFavour }),
            reserved.span,
        );
        if reserved.also == ReservedAlso::Meeting {
            if decision.rules.is_empty() {
                self.errors.push(LowerError::from(crate::model::ProceedingsError::ReservedMeetingRule {
                    decision: decision.name.clone(),
                    at: reserved.span.into(),
                }));
            }
            for timed in &mut decision.rules {
                let span = timed.rule.span;
                let written = std::mem::replace(&mut timed.rule, Spanned::new(Rule::All(Vec::new()), span));
                timed.rule = Spanned::new(Rule::All(vec![written, in_favour.clone()]), span);
            }
            return;
        }
        let mut refuse = |what: &str, at: Span| {
            self.errors.push(LowerError::from(crate::model::ProceedingsError::ReservedAlone {
                decision: decision.name.clone(),
                member: member.clone(),
                what: what.to_string(),
                at: at.into(),
                reserved: reserved.span.into(),
            }))
        };
        if let Some(rule) = decision.rules.first() {
            refuse("rule", rule.span);
        }
        if let Some(quorum) = &decision.quorum {
            refuse("quorum", quorum.span);
        }
        if let Some(quorum) = &decision.reconvened_quorum {
            refuse("quorum", quorum.span);
        }
        decision.rules =
            vec![TimedRule { from: None, until: None, rule: in_favour, span: reserved.span, proposed_by: None }];
        decision.exclusions.push(Exclusion::ReservedTo { member: reserved.member, span: reserved.span });
    }
}
