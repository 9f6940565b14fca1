//! Reserved matters, approvals outside the meeting and conflicted members (issue 21, items 5
//! and 6): decision and proposal clauses.

use super::super::ast::*;
use super::super::grammar::Rule;
use super::{find, first_meaningful, has, Builder, P};

impl Builder {
    /// A decision clause of this part of the language, or `None` when `inner` is not one.
    pub(super) fn matters_decision_clause(&self, inner: &P<'_>) -> Option<Option<DecisionClause>> {
        Some(match inner.as_rule() {
            Rule::reserved_clause => {
                let also = if has(inner, Rule::reserved_meeting) {
                    ReservedAlso::Meeting
                } else if has(inner, Rule::reserved_governance) {
                    ReservedAlso::OwnGovernance
                } else {
                    ReservedAlso::Nothing
                };
                self.need(inner, Rule::member_ref)
                    .map(|m| DecisionClause::Reserved { member: self.member_ref(&m), also })
            }
            Rule::approval_clause => self.approver(inner).map(DecisionClause::Approval),
            Rule::conflict_clause => (|| {
                let comparator = self.comparator(&self.need(inner, Rule::comparator)?);
                let proportion = self.proportion(&self.need(inner, Rule::proportion)?)?;
                Some(DecisionClause::Conflict(ConflictRuleAst { comparator, proportion }))
            })(),
            _ => return None,
        })
    }

    /// A proposal clause of this part of the language, or `None` when `inner` is not one.
    pub(super) fn matters_proposal_clause(&self, inner: &P<'_>) -> Option<Option<ProposalClause>> {
        Some(match inner.as_rule() {
            Rule::approval_line => (|| {
                let approver = self.approver(inner)?;
                let state_pair = self.need(inner, Rule::approval_state)?;
                let state = match first_meaningful(&state_pair).map(|p| p.as_rule()) {
                    Some(Rule::approval_given) => ApprovalState::Given,
                    Some(Rule::approval_withheld) => ApprovalState::Withheld,
                    _ => ApprovalState::NotYetGiven,
                };
                Some(ProposalClause::Approval { approver, state })
            })(),
            Rule::conflicted_line => {
                self.need(inner, Rule::member_list).map(|l| ProposalClause::Conflicted(self.member_list(&l)))
            }
            Rule::conflict_vote_line => (|| {
                let member = self.member_ref(&self.need(inner, Rule::member_ref)?);
                let choice = self.vote_choice(&self.need(inner, Rule::vote_choice)?);
                let members = self.member_list(&self.need(inner, Rule::member_list)?);
                Some(ProposalClause::ConflictVote { member, choice, members })
            })(),
            _ => return None,
        })
    }

    fn approver(&self, parent: &P<'_>) -> Option<ApproverRef> {
        let approver = self.need(parent, Rule::approver)?;
        let inner = first_meaningful(&approver)?;
        Some(match inner.as_rule() {
            Rule::string => ApproverRef::Body(self.string(&inner)),
            Rule::each_governance => ApproverRef::EachGovernance,
            _ => ApproverRef::Governance(self.member_ref(&find(&inner, Rule::member_ref)?)),
        })
    }
}
