//! A proposal's approvals outside the meeting, conflicted members and their sub-votes (issue 21,
//! items 5 and 6), resolved against the agreement, and checked against the proposal's decision.

use super::Proposal;
use crate::model::matters::{conflict_rule, ApprovalEntry, Approver, ConflictBallot};
use crate::model::{Agreement, Decision, LowerError};
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

/// What a proposal says about approvals and conflicts, checked against its decision when it is
/// read: an approval the decision does not need, an approval entered twice, a conflicted member
/// named for a decision with no conflict clause, a sub-vote about a member not named conflicted,
/// a conflicted member voting on itself, and a conflicted member whose sub-vote is not recorded
/// are each refused, rather than read one way or another.
pub(super) fn check_proposal(
    decision: &Decision,
    proposal: &Proposal,
    agreement: &Agreement,
    errors: &mut Vec<LowerError>,
) {
    let matters = &proposal.matters;
    for (i, entry) in matters.approvals.iter().enumerate() {
        let words = entry.approver.words(agreement);
        if !decision.matters.approvals.iter().any(|a| a.approver == entry.approver) {
            errors.push(LowerError::from(crate::model::ProceedingsError::ApprovalNotNeeded {
                decision: decision.name.clone(),
                approver: words.clone(),
                at: entry.span.into(),
            }));
        }
        if let Some(first) = matters.approvals.iter().take(i).find(|a| a.approver == entry.approver) {
            errors.push(LowerError::DuplicateClause {
                what: format!("the line for the approval of {words}"),
                first: first.span.into(),
                second: entry.span.into(),
            });
        }
    }
    let has_rule = conflict_rule(decision).is_some();
    for named in &matters.conflicted {
        if !has_rule {
            errors.push(LowerError::from(crate::model::ProceedingsError::ConflictNotProvided {
                decision: decision.name.clone(),
                at: named.span.into(),
            }));
        } else if !matters.conflict_votes.iter().any(|b| b.conflicted == named.node) {
            let key = agreement.member(named.node).map_or("?", |m| m.key.as_str()).to_string();
            errors.push(LowerError::from(crate::model::ProceedingsError::MissingConflictVote {
                member: key,
                at: named.span.into(),
            }));
        }
    }
    for ballot in &matters.conflict_votes {
        if !matters.is_conflicted(ballot.conflicted) {
            let key = agreement.member(ballot.conflicted).map_or("?", |m| m.key.as_str()).to_string();
            errors.push(LowerError::from(crate::model::ProceedingsError::ConflictVoteNotNamed {
                member: key,
                at: ballot.span.into(),
            }));
        } else if ballot.voter == ballot.conflicted {
            let key = agreement.member(ballot.voter).map_or("?", |m| m.key.as_str()).to_string();
            errors.push(LowerError::from(crate::model::ProceedingsError::ConflictedVotesOnItself {
                member: key,
                at: ballot.span.into(),
            }));
        }
    }
}
