//! Proposals, votes, year-end results and scenarios, resolved against an agreement.
//!
//! Names in facts (revenue changes, commitments, expected shares) must be members of the
//! agreement: an unknown one is a diagnostic. A vote from a member the agreement does not know
//! is kept as [`Voter::Unknown`], because the evaluator reports such a vote as making the
//! decision invalid; likewise a proposal for a decision that does not exist.

mod elections;
mod follow;
mod joint;
mod matters;
mod measures;
mod meetings;
mod outside;
mod procedure;
mod proposals;
mod results;
mod years;

pub(crate) use super::proposal::empty_proposal;
pub use super::proposal::{DecisionRef, Proposal, RevenueChange, Vote, Voter};
pub use super::scenario::{
    Expect, ExpectDetail, FundCost, Holder, Inputs, Maladministration, Scenario, ScenarioFile, YearEnd,
};
pub use follow::lower_scenario;

use super::error::LowerError;
use super::lower::resolve_member;
use super::{Agreement, MemberId, Money, Percent};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{self, Clause, CurrencyMark, Header, MemberRef, ScenarioClause};

/// The path a scenario file names in `scenarios for "…"`, read before the agreement is known.
pub fn scenarios_target(file: &ast::File) -> Option<Spanned<String>> {
    file.blocks.iter().find_map(|b| match &b.header.node {
        Header::ScenariosFor { path } => Some(path.clone()),
        _ => None,
    })
}

struct InputLowerer<'a> {
    agreement: &'a Agreement,
    errors: Vec<LowerError>,
    /// Members by identifier: a scenario file may name members hundreds of thousands of times.
    by_key: std::collections::HashMap<&'a str, MemberId>,
}

/// Resolves proposals, results and scenarios in `file` against `agreement`.
pub fn lower_inputs(agreement: &Agreement, file: &ast::File) -> (Inputs, Vec<LowerError>) {
    let by_key = agreement.members.iter().map(|m| (m.key.as_str(), m.id)).collect();
    let mut lowerer = InputLowerer { agreement, errors: Vec::new(), by_key };
    let mut inputs = Inputs { agreement: None, proposals: Vec::new(), results: Vec::new(), scenarios: Vec::new() };
    let mut follows = Vec::new();
    for block in &file.blocks {
        match &block.header.node {
            Header::ScenariosFor { path } => {
                if let Some(first) = &inputs.agreement {
                    lowerer.errors.push(LowerError::DuplicateClause {
                        what: "`scenarios for`".into(),
                        first: first.span.into(),
                        second: path.span.into(),
                    });
                } else {
                    inputs.agreement = Some(path.clone());
                }
            }
            Header::Proposal { title } => {
                let mut proposal = empty_proposal(title.clone());
                for clause in &block.clauses {
                    if let Clause::Proposal(c) = &clause.node {
                        lowerer.proposal_clause(&mut proposal, c, clause.span);
                    }
                }
                lowerer.require_decision(&proposal, block.header.span);
                inputs.proposals.push(proposal);
            }
            Header::Result { title } => {
                let mut result = YearEnd { title: title.clone(), ..YearEnd::default() };
                for clause in &block.clauses {
                    if let Clause::Result(c) = &clause.node {
                        lowerer.result_clause(&mut result, c);
                    }
                }
                lowerer.complete_funds(&result, title.span);
                inputs.results.push(result);
            }
            Header::Scenario { name, follows: after } => {
                inputs.scenarios.push(lowerer.scenario(name, block));
                follows.push(after.clone());
            }
            other => lowerer.errors.push(LowerError::BlockNotAllowed {
                block: other.keyword().to_string(),
                file: "a scenario or proposal file".into(),
                at: block.header.span.into(),
                help: "agreement blocks belong in the agreement's own `.concord` file".into(),
            }),
        }
    }
    years::chain(&mut inputs, &follows, &mut lowerer.errors);
    follow::defer_joiners(&inputs.scenarios, &mut lowerer.errors);
    (inputs, lowerer.errors)
}

impl InputLowerer<'_> {
    fn member(&mut self, member: &Spanned<MemberRef>) -> Option<MemberId> {
        resolve_member(&self.agreement.members, member, false, &mut self.errors)
    }

    fn money(&mut self, amount: &Spanned<ast::Amount>) -> Money {
        let currency = &self.agreement.currency;
        let matches = match &amount.node.currency.node {
            CurrencyMark::Symbol(s) => currency.symbol == Some(*s),
            CurrencyMark::Code(c) => *c == currency.code,
        };
        if !matches {
            self.errors.push(LowerError::CurrencyMismatch {
                currency: currency.code.clone(),
                at: amount.node.currency.span.into(),
                declared: None,
            });
        }
        Money(amount.node.value)
    }

    fn decision(&mut self, name: &Spanned<String>) -> Spanned<DecisionRef> {
        let node = match self.agreement.decision_by_name(&name.node) {
            Some(d) => DecisionRef::Known(d.id),
            None => DecisionRef::Unknown(name.node.clone()),
        };
        Spanned::new(node, name.span)
    }

    fn scenario(&mut self, name: &Spanned<String>, block: &ast::Block) -> Scenario {
        let mut proposal: Option<Proposal> = None;
        let mut result: Option<YearEnd> = None;
        let mut expectations = Vec::new();
        let mut election_lines = Vec::new();
        for clause in &block.clauses {
            let Clause::Scenario(c) = &clause.node else { continue };
            match c {
                ScenarioClause::Election(line) => election_lines.push((line, clause.span)),
                ScenarioClause::Propose { decision, date } => {
                    let p = proposal.get_or_insert_with(|| empty_proposal(name.clone()));
                    p.decision = Some(self.decision(decision));
                    if let Some(d) = date {
                        p.date = Some(*d);
                    }
                }
                ScenarioClause::Proposal(pc) => {
                    let p = proposal.get_or_insert_with(|| empty_proposal(name.clone()));
                    self.proposal_clause(p, pc, clause.span);
                }
                ScenarioClause::Result(rc) => {
                    let r = result.get_or_insert_with(|| YearEnd { title: name.clone(), ..YearEnd::default() });
                    self.result_clause(r, rc);
                }
                ScenarioClause::Expect(e) => {
                    if let Some(expect) = self.expectation(e) {
                        expectations.push(Spanned::new(expect, clause.span));
                    }
                }
            }
        }
        let ballot = if election_lines.is_empty() { None } else { self.ballot(name, &election_lines) };
        if let (Some(b), Some(_)) = (&ballot, &proposal) {
            self.errors.push(
                crate::model::ElectionError::ElectionAndProposal {
                    scenario: name.node.clone(),
                    at: b.election.span.into(),
                }
                .into(),
            );
        }
        if let Some(p) = &proposal {
            self.require_decision(p, name.span);
        }
        if let Some(r) = &result {
            self.complete_funds(r, name.span);
        }
        if proposal.is_none()
            && result.is_none()
            && election_lines.is_empty()
            && expectations.iter().all(|e| !matches!(e.node, Expect::Finding(_)))
        {
            self.errors.push(LowerError::from(crate::model::InputsError::IncompleteInput {
                what: format!("scenario `{}` neither proposes anything nor gives a year-end result", name.node),
                at: name.span.into(),
                help:
                    "add `propose \"decision\"` with the votes, or a year-end result such as `actual cost £57,500,000`"
                        .into(),
            }));
        }
        Scenario {
            name: name.clone(),
            span: block.span,
            proposal,
            result,
            expectations,
            follows: None,
            earlier: Vec::new(),
            ballot,
        }
    }

    fn expectation(&mut self, expectation: &ast::Expectation) -> Option<Expect> {
        Some(match expectation {
            ast::Expectation::Outcome { outcome, detail } => Expect::Outcome {
                outcome: *outcome,
                detail: match detail {
                    Some(d) => {
                        let node = match &d.node {
                            ast::OutcomeDetail::EscalatedTo(body) => ExpectDetail::EscalatedTo(body.node.clone()),
                            ast::OutcomeDetail::CastingVoteOf(m) => ExpectDetail::CastingVoteOf(self.member(m)?),
                            ast::OutcomeDetail::Because(r) => ExpectDetail::Because((*r).into()),
                            ast::OutcomeDetail::DefaultApplies => ExpectDetail::DefaultApplies,
                            ast::OutcomeDetail::SubjectToApproval => ExpectDetail::SubjectToApproval,
                            ast::OutcomeDetail::ApprovalWithheld => ExpectDetail::ApprovalWithheld,
                        };
                        Some(Spanned::new(node, d.span))
                    }
                    None => None,
                },
            },
            ast::Expectation::Share { holder, receives, amount, fund } => Expect::Share {
                fund: match fund {
                    Some(f) => Some(self.fund_named(f)?),
                    None => None,
                },
                holder: match &holder.node {
                    ast::ShareHolder::ContingencyFund => Holder::ContingencyFund,
                    ast::ShareHolder::Member(m) => Holder::Member(self.member(&Spanned::new(m.clone(), holder.span))?),
                },
                receives: *receives,
                amount: self.money(amount),
            },
            ast::Expectation::Unallocated(a) => Expect::Unallocated(self.money(a)),
            ast::Expectation::CarriedForward { amount, fund } => {
                Expect::CarriedForward { fund: self.fund_named(fund)?, amount: self.money(amount) }
            }
            ast::Expectation::Finding(code) => Expect::Finding(code.node.clone()),
        })
    }
}
