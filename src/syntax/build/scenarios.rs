//! Proposals, year-end results, scenarios and what they expect.

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, has, Builder, P};
use crate::span::{Span, Spanned};

impl Builder {
    pub(super) fn proposal_clause(&self, clause: &P<'_>) -> Option<ProposalClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::decision_line => ProposalClause::Decision(self.decision_ref(&inner)?),
            Rule::dated_line => ProposalClause::Dated(self.date(&self.need(&inner, Rule::date)?)?),
            Rule::revenue_change => {
                let member = self.member_ref(&self.need(&inner, Rule::member_ref)?);
                let direction = self.need(&inner, Rule::gain_or_loss)?;
                let gain = has(&direction, Rule::gains);
                let change = match (find(&inner, Rule::amount), find(&inner, Rule::percent)) {
                    (Some(a), _) => self.amount(&a)?.map(RevenueChange::Amount),
                    (_, Some(p)) => {
                        let percent = self.percent(&p)?;
                        let span = Span::new(percent.span.start, self.span(&inner).end);
                        Spanned::new(RevenueChange::PercentOfBudget(percent.node), span)
                    }
                    _ => {
                        self.shape(&inner)?;
                        return None;
                    }
                };
                ProposalClause::Revenue { member, gain, change }
            }
            Rule::duties_at_risk => {
                ProposalClause::DutiesAtRisk(self.member_ref(&self.need(&inner, Rule::member_ref)?))
            }
            Rule::commitment => ProposalClause::Commitment {
                member: self.member_ref(&self.need(&inner, Rule::member_ref)?),
                amount: self.amount(&self.need(&inner, Rule::amount)?)?,
            },
            Rule::vote_line => {
                let choice = self.vote_choice(&self.need(&inner, Rule::vote_choice)?);
                let (members, cast_by) = self.voter_list(&self.need(&inner, Rule::voter_list)?);
                ProposalClause::Votes { choice, members, cast_by }
            }
            Rule::casting_line => ProposalClause::CastingVote(if has(&inner, Rule::in_favour) {
                VoteChoice::InFavour
            } else {
                VoteChoice::Against
            }),
            Rule::presiding_line => ProposalClause::Presiding(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            Rule::reconvened_line => ProposalClause::Reconvened,
            Rule::opted_out_line => ProposalClause::OptedOut(self.member_list(&self.need(&inner, Rule::member_list)?)),
            Rule::concerning_line => ProposalClause::Concerning(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            Rule::requested_line
            | Rule::proposed_by_line
            | Rule::postponement_line
            | Rule::notice_line
            | Rule::breach_line
            | Rule::remedied_line
            | Rule::meeting_called_line => self.procedure_line(&inner)?,
            Rule::meetings_line => self.meetings_line(&inner)?,
            Rule::outside_line => self.outside_line(&inner)?,
            Rule::applicant_line => ProposalClause::Applicant {
                id: self.ident(&self.need(&inner, Rule::name)?),
                name: find(&inner, Rule::string).map(|s| self.string(&s)),
            },
            _ => {
                if let Some(clause) = self.matters_proposal_clause(&inner) {
                    return clause;
                }
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn result_clause(&self, clause: &P<'_>) -> Option<ResultClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::capitated_line => ResultClause::CapitatedBudget(self.amount(&self.need(&inner, Rule::amount)?)?),
            Rule::actual_cost_line => match find(&inner, Rule::string) {
                Some(of) => ResultClause::ActualCostOf {
                    of: self.string(&of),
                    amount: self.amount(&self.need(&inner, Rule::amount)?)?,
                },
                None => ResultClause::ActualCost(self.amount(&self.need(&inner, Rule::amount)?)?),
            },
            Rule::agreed_line => ResultClause::Agreed(self.decision_ref(&inner)?),
            Rule::not_agreed_line => ResultClause::NotAgreed(self.decision_ref(&inner)?),
            Rule::carry_approval_line => ResultClause::Approval {
                member: self.member_ref(&self.need(&inner, Rule::member_ref)?),
                approved: find(&inner, Rule::not_approved).is_none(),
            },
            Rule::cause_line => ResultClause::Maladministration {
                line: self.string(&self.need(&inner, Rule::string)?),
                by: self.member_ref(&self.need(&inner, Rule::member_ref)?),
            },
            Rule::measure_line => ResultClause::Measure {
                name: self.string(&self.need(&inner, Rule::string)?),
                fell: find(&inner, Rule::measure_fell).is_some(),
                by: self.percent(&self.need(&inner, Rule::percent)?)?,
            },
            Rule::other_income_line => ResultClause::OtherIncome(self.amount(&self.need(&inner, Rule::amount)?)?),
            Rule::fund_balance_line => ResultClause::FundBalance(self.amount(&self.need(&inner, Rule::amount)?)?),
            Rule::performance_line => {
                let mut scores = Vec::new();
                for score in children(&inner).into_iter().filter(|p| p.as_rule() == Rule::member_score) {
                    let member = self.member_ref(&self.need(&score, Rule::member_ref)?);
                    let value = self.need(&score, Rule::decimal)?;
                    scores.push((member, self.spanned(&value, self.decimal(&value)?)));
                }
                ResultClause::Performance(scores)
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn scenario_clause(&self, clause: &P<'_>) -> Option<ScenarioClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::propose_line => ScenarioClause::Propose {
                decision: self.decision_ref(&inner)?,
                date: match find(&inner, Rule::date) {
                    Some(d) => Some(self.date(&d)?),
                    None => None,
                },
            },
            Rule::expect_line => ScenarioClause::Expect(self.expectation(&self.need(&inner, Rule::expectation)?)?),
            Rule::proposal_clause => ScenarioClause::Proposal(self.proposal_clause(&inner)?),
            Rule::result_clause => ScenarioClause::Result(self.result_clause(&inner)?),
            Rule::election_input => ScenarioClause::Election(self.election_input(&inner)?),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn expectation(&self, expectation: &P<'_>) -> Option<Expectation> {
        let inner = first_meaningful(expectation)?;
        Some(match inner.as_rule() {
            Rule::expect_finding => {
                let code = self.need(&inner, Rule::code_path)?;
                Expectation::Finding(self.spanned(&code, code.as_str().to_string()))
            }
            Rule::expect_unallocated => Expectation::Unallocated(self.amount(&self.need(&inner, Rule::amount)?)?),
            Rule::expect_carried => Expectation::CarriedForward {
                amount: self.amount(&self.need(&inner, Rule::amount)?)?,
                fund: self.string_child(&inner)?,
            },
            Rule::expect_share => {
                let holder = match (find(&inner, Rule::member_ref), find(&inner, Rule::contingency_fund)) {
                    (Some(m), _) => self.member_ref(&m).map(ShareHolder::Member),
                    (_, Some(f)) => self.spanned(&f, ShareHolder::ContingencyFund),
                    _ => {
                        self.shape(&inner)?;
                        return None;
                    }
                };
                Expectation::Share {
                    holder,
                    receives: has(&inner, Rule::receives),
                    amount: self.amount(&self.need(&inner, Rule::amount)?)?,
                    fund: find(&inner, Rule::string).map(|s| self.string(&s)),
                }
            }
            Rule::expect_outcome => {
                let word = self.need(&inner, Rule::outcome_word)?;
                let outcome = match word.as_str() {
                    "passed" => OutcomeWord::Passed,
                    "rejected" => OutcomeWord::Rejected,
                    "escalated" => OutcomeWord::Escalated,
                    "deadlocked" => OutcomeWord::Deadlocked,
                    "postponed" => OutcomeWord::Postponed,
                    "awaiting the decision" => OutcomeWord::Awaiting,
                    _ => OutcomeWord::Invalid,
                };
                let detail = match find(&inner, Rule::outcome_detail) {
                    Some(d) => {
                        let d_inner = first_meaningful(&d)?;
                        let node = match d_inner.as_rule() {
                            Rule::escalated_to | Rule::to_body => {
                                OutcomeDetail::EscalatedTo(self.string_child(&d_inner)?)
                            }
                            Rule::default_applies => OutcomeDetail::DefaultApplies,
                            Rule::subject_to_approval => OutcomeDetail::SubjectToApproval,
                            Rule::approval_withheld_detail => OutcomeDetail::ApprovalWithheld,
                            Rule::casting_by => {
                                OutcomeDetail::CastingVoteOf(self.member_ref(&self.need(&d_inner, Rule::member_ref)?))
                            }
                            _ => {
                                let reason = self.need(&d_inner, Rule::reason)?;
                                OutcomeDetail::Because(match reason.as_str() {
                                    "no quorum" => InvalidReason::NoQuorum,
                                    "an unknown member voted" => InvalidReason::UnknownMemberVoted,
                                    "too little notice was given" => InvalidReason::TooLittleNotice,
                                    "the cure period has not run" => InvalidReason::CurePeriodNotRun,
                                    "the breach was remedied" => InvalidReason::BreachRemedied,
                                    "the proposer may not propose it" => InvalidReason::ProposerNotAllowed,
                                    "the meeting was not validly called" => InvalidReason::MeetingNotCalled,
                                    "the member has not missed meetings for long enough" => {
                                        InvalidReason::AbsenceTooShort
                                    }
                                    "the absence was excused" => InvalidReason::AbsenceExcused,
                                    "an observer voted" | "an excluded member voted" => {
                                        self.report(SyntaxError::DisregardedVote { at: self.span(&reason).into() });
                                        return None;
                                    }
                                    _ => InvalidReason::UnknownDecision,
                                })
                            }
                        };
                        Some(self.spanned(&d, node))
                    }
                    None => None,
                };
                // The first round's `deadlocked, escalated to "…"` is what is now called escalated.
                let outcome = match (&outcome, detail.as_ref().map(|d| &d.node)) {
                    (OutcomeWord::Deadlocked, Some(OutcomeDetail::EscalatedTo(_))) => OutcomeWord::Escalated,
                    _ => outcome,
                };
                Expectation::Outcome { outcome, detail }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    // ───────────── rules ─────────────
}
