//! Outcomes beyond pass and fail (issue 21, item 8): the decision clauses that make time, the
//! proposer, a postponing minority, notice and a cure period matter, and the proposal lines that
//! give the facts they need.

use super::super::ast::*;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, has, Builder, P};
use crate::span::Spanned;

impl Builder {
    /// A decision clause of this family, or `None` when `inner` is not one (or did not read).
    pub(super) fn procedure_clause(&self, inner: &P<'_>) -> Option<DecisionClause> {
        Some(match inner.as_rule() {
            Rule::timed_escalation_clause => {
                let period = self.duration(&self.need(inner, Rule::duration)?)?;
                let mut steps = Vec::new();
                for step in children(inner).into_iter().filter(|p| p.as_rule() == Rule::escalation_step) {
                    let body = self.string_child(&step)?;
                    let within = match find(&step, Rule::duration) {
                        Some(d) => Some(self.duration(&d)?),
                        None => None,
                    };
                    steps.push(self.spanned(&step, EscalationStep { body, within }));
                }
                DecisionClause::TimedEscalation { period, steps }
            }
            Rule::proposers_clause => DecisionClause::Proposers(self.proposers(inner)?),
            Rule::meeting_callers_clause => DecisionClause::MeetingCallers(self.proposers(inner)?),
            Rule::proposer_rule_clause => DecisionClause::ProposerRule {
                who: self.proposers(inner)?,
                rule: self.rule(&self.need(inner, Rule::rule_expr)?)?,
            },
            Rule::postponement_clause => DecisionClause::Postponement {
                strictly: has(inner, Rule::more_than),
                share: self.percent(&self.need(inner, Rule::percent)?)?,
            },
            Rule::notice_clause => DecisionClause::Notice(self.duration(&self.need(inner, Rule::duration)?)?),
            Rule::cure_clause => DecisionClause::Cure(self.duration(&self.need(inner, Rule::duration)?)?),
            _ => return None,
        })
    }

    /// The proposers a `may be proposed only by` or `when proposed by` clause names.
    fn proposers(&self, inner: &P<'_>) -> Option<Vec<Spanned<Proposer>>> {
        let mut who = Vec::new();
        for p in children(inner).into_iter().filter(|p| p.as_rule() == Rule::proposer) {
            let one = first_meaningful(&p)?;
            let node = match one.as_rule() {
                Rule::string => Proposer::Body(self.string(&one).node),
                Rule::kind_proposer => Proposer::Kind(self.ident(&self.need(&one, Rule::ref_name)?)),
                Rule::any_member_proposer => Proposer::AnyMember,
                Rule::joint_proposer => {
                    let n = self.need(&one, Rule::integer)?;
                    match n.as_str().parse::<u32>() {
                        Ok(count) => Proposer::Jointly(count),
                        Err(_) => {
                            self.report(super::super::error::SyntaxError::NumberTooLarge {
                                text: n.as_str().to_string(),
                                at: self.span(&n).into(),
                            });
                            return None;
                        }
                    }
                }
                _ => Proposer::Member(self.member_ref(&one).node),
            };
            who.push(self.spanned(&p, node));
        }
        Some(who)
    }

    /// A proposal line of this family, or `None` when `inner` is not one (or did not read).
    pub(super) fn procedure_line(&self, inner: &P<'_>) -> Option<ProposalClause> {
        let date = || self.date(&self.need(inner, Rule::date)?);
        Some(match inner.as_rule() {
            Rule::requested_line => ProposalClause::Requested(date()?),
            Rule::notice_line => ProposalClause::NoticeGiven(date()?),
            Rule::breach_line => ProposalClause::BreachNotified(date()?),
            Rule::remedied_line => ProposalClause::Remedied(date()?),
            Rule::postponement_line => {
                ProposalClause::AskingPostponement(self.member_list(&self.need(inner, Rule::member_list)?))
            }
            Rule::proposed_by_line | Rule::meeting_called_line => {
                let by = match find(inner, Rule::string) {
                    Some(s) => self.spanned(&s, ProposedBy::Body(self.string(&s).node)),
                    None => {
                        let list = self.need(inner, Rule::member_list)?;
                        let mut members = self.member_list(&list);
                        match members.len() {
                            1 => members.remove(0).map(ProposedBy::Member),
                            _ => self.spanned(&list, ProposedBy::Jointly(members)),
                        }
                    }
                };
                if inner.as_rule() == Rule::meeting_called_line {
                    ProposalClause::MeetingCalledBy(by)
                } else {
                    ProposalClause::ProposedBy(by)
                }
            }
            _ => return None,
        })
    }
}
