//! A proposal's clauses, read into the [`Proposal`]: its decision, date, facts and votes, and
//! the refusals of what a proposal cannot say for its decision (docs/semantics.md step 1).

use super::*;
use crate::model::error::LowerError;
use crate::span::{Span, Spanned};
use crate::syntax::ast::{self, MemberRef, ProposalClause};

impl InputLowerer<'_> {
    pub(super) fn require_decision(&mut self, proposal: &Proposal, at: Span) {
        crate::model::offices::check_proxies(proposal, self.agreement, &mut self.errors);
        // A decision that leaves out the member concerned needs to be told which member that is.
        let decision = match proposal.decision.as_ref().map(|d| &d.node) {
            Some(DecisionRef::Known(id)) => self.agreement.decisions.get(id.0 as usize),
            _ => None,
        };
        if let Some(decision) = decision {
            let excluded = decision.exclusions.iter().any(|e| matches!(e, crate::model::Exclusion::Concerned { .. }));
            let absence = decision.meetings.absence.is_some();
            let concerned = excluded || absence || decision.effects.iter().any(|e| e.node.needs_concerned());
            crate::model::effects::check_applicant(decision, proposal, self.agreement, at, &mut self.errors);
            let opt_out = decision.exclusions.iter().any(|e| matches!(e, crate::model::Exclusion::OptOut { .. }));
            if let Some(first) = proposal.opted_out.first().filter(|_| !opt_out) {
                self.errors.push(LowerError::from(crate::model::ProceedingsError::OptOutNotAllowed {
                    decision: decision.name.clone(),
                    at: first.span.into(),
                }));
            }
            if let Some(named) = proposal.concerning.as_ref().filter(|_| !concerned) {
                // Naming the member concerned changes nothing unless the decision leaves it out:
                // refused rather than read silently as a no-op.
                self.errors.push(LowerError::from(crate::model::ProceedingsError::ConcernedNotUsed {
                    decision: decision.name.clone(),
                    at: named.span.into(),
                }));
            }
            if decision.casting_office.is_some() {
                crate::model::chairs::check_office_casting(decision, proposal, self.agreement, at, &mut self.errors);
            } else {
                crate::model::offices::check_presiding(decision, proposal, self.agreement, at, &mut self.errors);
            }
            let no_casting_vote = decision.casting_vote.is_none()
                && decision.casting_presiding.is_none()
                && decision.casting_office.is_none();
            if let Some(cast) = proposal.casting_vote.filter(|_| no_casting_vote) {
                // A direction for a casting vote nobody holds would be read silently as nothing.
                self.errors.push(LowerError::from(crate::model::OfficesError::CastingVoteNotUsed {
                    decision: decision.name.clone(),
                    at: cast.span.into(),
                }));
            }
            matters::check_proposal(decision, proposal, self.agreement, &mut self.errors);
            procedure::check_facts(proposal, self.agreement, at, &mut self.errors);
            meetings::check_attendance(proposal, self.agreement, at, &mut self.errors);
            outside::check_outside(proposal, self.agreement, &mut self.errors);
            if concerned && proposal.concerning.is_none() {
                let (says, label) = if absence && !excluded {
                    (
                        "only after the member concerned has missed every meeting for …",
                        "this decision is about a member's missed meetings",
                    )
                } else if excluded {
                    ("the member concerned does not vote", "this decision leaves out the member concerned")
                } else if decision
                    .effects
                    .iter()
                    .any(|e| e.node == crate::model::effects::DecisionEffect::ConcernedLeaves)
                {
                    ("on passing, the member concerned leaves", "under this decision the member concerned leaves")
                } else {
                    (
                        "on passing, … becomes the member concerned",
                        "under this decision a role passes to the member concerned",
                    )
                };
                self.errors.push(LowerError::from(crate::model::ProceedingsError::MissingConcerned {
                    decision: decision.name.clone(),
                    says: says.to_string(),
                    label: label.to_string(),
                    at: proposal.decision.as_ref().map_or(at, |d| d.span).into(),
                }));
            }
        }
        if proposal.decision.is_none() {
            self.errors.push(LowerError::from(crate::model::InputsError::IncompleteInput {
                what: "this proposal does not say which decision it is for".into(),
                at: at.into(),
                help: "add `decision \"…\"` naming one of the agreement's decisions".into(),
            }));
        }
    }

    pub(super) fn proposal_clause(&mut self, proposal: &mut Proposal, clause: &ProposalClause, span: Span) {
        match clause {
            ProposalClause::Decision(name) => proposal.decision = Some(self.decision(name)),
            ProposalClause::Dated(date) => proposal.date = Some(*date),
            ProposalClause::Revenue { member, gain, change } => {
                let Some(id) = self.member(member) else { return };
                // BOUND: negating a decimal flips its sign and cannot overflow.
                #[allow(clippy::arithmetic_side_effects)]
                let sign = |d: rust_decimal::Decimal| if *gain { d } else { -d };
                let node = match &change.node {
                    ast::RevenueChange::Amount(a) => {
                        RevenueChange::Amount(Money(sign(self.money(&Spanned::new(a.clone(), change.span)).0)))
                    }
                    ast::RevenueChange::PercentOfBudget(p) => RevenueChange::PercentOfBudget(Percent(sign(*p))),
                };
                proposal.revenue.insert(id, Spanned::new(node, span));
            }
            ProposalClause::DutiesAtRisk(member) => {
                if let Some(id) = self.member(member) {
                    proposal.duties_at_risk.push(Spanned::new(id, member.span));
                }
            }
            ProposalClause::Commitment { member, amount } => {
                if let Some(id) = self.member(member) {
                    let money = self.money(amount);
                    proposal.commitments.insert(id, Spanned::new(money, amount.span));
                }
            }
            ProposalClause::Votes { choice, members, cast_by } => {
                let mut voted: std::collections::HashSet<MemberId> = proposal
                    .votes
                    .iter()
                    .filter_map(|v| match v.voter {
                        Voter::Known(id) => Some(id),
                        Voter::Unknown(_) => None,
                    })
                    .collect();
                for (i, member) in members.iter().enumerate() {
                    let voter = match &member.node {
                        MemberRef::Id(key) => match self.by_key.get(key.as_str()) {
                            Some(id) => Voter::Known(*id),
                            None => Voter::Unknown(key.clone()),
                        },
                        MemberRef::Role(_) => match self.member(member) {
                            Some(id) => Voter::Known(id),
                            None => continue,
                        },
                    };
                    // Only a member listed twice needs the search for its first vote.
                    let seen = match &voter {
                        Voter::Known(id) => !voted.insert(*id),
                        Voter::Unknown(_) => true,
                    };
                    if let Some(previous) = proposal.votes.iter().find(|v| seen && v.voter == voter) {
                        let name = match &voter {
                            Voter::Known(id) => self.agreement.member(*id).map_or_else(String::new, |m| m.key.clone()),
                            Voter::Unknown(key) => key.clone(),
                        };
                        self.errors.push(LowerError::from(crate::model::InputsError::DuplicateVote {
                            member: name,
                            first: previous.span.into(),
                            second: member.span.into(),
                        }));
                        continue;
                    }
                    if let (Voter::Known(id), Some(Some(by))) = (&voter, cast_by.get(i)) {
                        let agent = match &by.node {
                            ast::CastBy::Substitute => Some(crate::model::offices::Agent::Substitute),
                            ast::CastBy::Proxy(holder) => self.member(holder).map(crate::model::offices::Agent::Proxy),
                        };
                        if let Some(agent) = agent {
                            proposal.cast_by.push(crate::model::offices::CastBy { member: *id, agent, span: by.span });
                        }
                    }
                    proposal.votes.push(Vote { voter, choice: (*choice).into(), span: member.span });
                }
            }
            ProposalClause::Reconvened => proposal.reconvened = Some(span),
            ProposalClause::OptedOut(members) => {
                for member in members {
                    if let Some(id) = self.member(member) {
                        proposal.opted_out.push(Spanned::new(id, member.span));
                    }
                }
            }
            ProposalClause::Approval { .. } | ProposalClause::Conflicted(_) | ProposalClause::ConflictVote { .. } => {
                self.matters_clause(proposal, clause, span);
            }
            ProposalClause::Applicant { id, name } => {
                if let Some(first) = &proposal.applicant {
                    self.errors.push(LowerError::DuplicateClause {
                        what: "the applicant".to_string(),
                        first: first.span.into(),
                        second: span.into(),
                    });
                }
                proposal.applicant = Some(crate::model::effects::Applicant {
                    key: id.node.clone(),
                    name: name.as_ref().map_or_else(|| id.node.clone(), |n| n.node.clone()),
                    span: id.span,
                });
            }
            ProposalClause::Concerning(member) => {
                if let Some(id) = self.member(member) {
                    proposal.concerning = Some(Spanned::new(id, member.span));
                }
            }
            ProposalClause::Presiding(member) => {
                if let Some(id) = self.member(member) {
                    if let Some(first) = proposal.presiding {
                        self.errors.push(LowerError::DuplicateClause {
                            what: "the member presiding".to_string(),
                            first: first.span.into(),
                            second: member.span.into(),
                        });
                    } else {
                        proposal.presiding = Some(Spanned::new(id, member.span));
                    }
                }
            }
            ProposalClause::CastingVote(choice) => proposal.casting_vote = Some(Spanned::new((*choice).into(), span)),
            ProposalClause::Requested(_)
            | ProposalClause::ProposedBy(_)
            | ProposalClause::MeetingCalledBy(_)
            | ProposalClause::AskingPostponement(_)
            | ProposalClause::NoticeGiven(_)
            | ProposalClause::BreachNotified(_)
            | ProposalClause::Remedied(_) => self.procedure_line(proposal, clause),
            ProposalClause::Meetings(line) => self.meetings_line(proposal, line, span),
            ProposalClause::Outside(line) => self.outside_line(proposal, line, span),
        }
    }
}
