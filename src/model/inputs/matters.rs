//! A proposal's approvals outside the meeting, conflicted members and their sub-votes (issue 21,
//! items 5 and 6), resolved against the agreement.

use super::Proposal;
use crate::model::matters::{ApprovalEntry, Approver, ConflictBallot};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{ApproverRef, ProposalClause};

impl super::InputLowerer<'_> {
    /// Records one `approval of …`, `conflicted:` or `on … taking part` line.
    pub(super) fn matters_clause(&mut self, proposal: &mut Proposal, clause: &ProposalClause, at: Span) {
        match clause {
            ProposalClause::Approval { approver, state } => {
                let approver = match approver {
                    ApproverRef::Body(body) => Some(Approver::Body(body.node.clone())),
                    ApproverRef::Governance(member) => self.member(member).map(Approver::Governance),
                    // On a proposal each partner's governance is entered by name: `lbh's own
                    // governance`. The reader's grammar allows `each partner's` only so that the
                    // message can say so.
                    ApproverRef::EachGovernance => {
                        self.errors.push(crate::model::LowerError::from(crate::model::InputsError::IncompleteInput {
                            what: "a proposal enters each partner's approval on its own line".into(),
                            at: at.into(),
                            help: "write `approval of lbh's own governance: given`, one line for each partner".into(),
                        }));
                        None
                    }
                };
                if let Some(approver) = approver {
                    proposal.matters.approvals.push(ApprovalEntry { approver, state: *state, span: at });
                }
            }
            ProposalClause::Conflicted(members) => {
                for member in members {
                    if let Some(id) = self.member(member) {
                        proposal.matters.conflicted.push(Spanned::new(id, member.span));
                    }
                }
            }
            ProposalClause::ConflictVote { member, choice, members } => {
                let Some(conflicted) = self.member(member) else { return };
                for voter in members {
                    if let Some(id) = self.member(voter) {
                        proposal.matters.conflict_votes.push(ConflictBallot {
                            conflicted,
                            voter: id,
                            choice: (*choice).into(),
                            span: voter.span,
                        });
                    }
                }
            }
            _ => {}
        }
    }
}
