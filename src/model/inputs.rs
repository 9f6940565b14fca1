//! Proposals, votes, year-end results and scenarios, resolved against an agreement.
//!
//! Names in facts (revenue changes, commitments, expected shares) must be members of the
//! agreement: an unknown one is a diagnostic. A vote from a member the agreement does not know
//! is kept as [`Voter::Unknown`], because the evaluator reports such a vote as making the
//! decision invalid; likewise a proposal for a decision that does not exist.

use std::collections::BTreeMap;

use serde::Serialize;

use super::error::LowerError;
use super::lower::resolve_member;
use super::MemberId;
use super::{Agreement, DecisionId, Money, Percent};
use super::{Date, InvalidReason, VoteChoice};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{
    self, Clause, CurrencyMark, Header, MemberRef, OutcomeWord, ProposalClause, ResultClause, ScenarioClause,
};

/// The decision a proposal is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DecisionRef {
    /// A decision of the agreement.
    Known(DecisionId),
    /// A name the agreement does not have.
    Unknown(String),
}

/// Who cast a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Voter {
    /// A member of the agreement.
    Known(MemberId),
    /// An identifier the agreement does not have.
    Unknown(String),
}

/// One vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vote {
    /// Who voted.
    pub voter: Voter,
    /// How.
    pub choice: VoteChoice,
    /// Where the voter was listed.
    pub span: Span,
}

/// A change in a member's revenue that a proposal brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RevenueChange {
    /// A sum: positive for a gain, negative for a loss.
    Amount(Money),
    /// A percentage of the member's budget: positive for a gain, negative for a loss.
    PercentOfBudget(Percent),
}

/// A proposal with its facts and votes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Its title (the scenario's name, in a scenario).
    pub title: Spanned<String>,
    /// The decision it is for.
    pub decision: Option<Spanned<DecisionRef>>,
    /// The day it is decided, which picks the rule in force.
    pub date: Option<Spanned<Date>>,
    /// Revenue changes by member.
    pub revenue: BTreeMap<MemberId, Spanned<RevenueChange>>,
    /// Members whose statutory duties the proposal puts at risk.
    pub duties_at_risk: Vec<Spanned<MemberId>>,
    /// Budget each commissioner commits to this proposal.
    pub commitments: BTreeMap<MemberId, Spanned<Money>>,
    /// The votes; a member not listed is absent.
    pub votes: Vec<Vote>,
    /// How the casting vote, if used, is cast.
    pub casting_vote: Option<Spanned<VoteChoice>>,
    /// `at a reconvened meeting`: the meeting was reconvened for want of a quorum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconvened: Option<Span>,
}

/// A year-end result.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct YearEnd {
    /// Its title (the scenario's name, in a scenario).
    pub title: Spanned<String>,
    /// The capitated budget for the year (the agreement's, when not given).
    pub capitated: Option<Spanned<Money>>,
    /// What care actually cost.
    pub actual_cost: Option<Spanned<Money>>,
    /// Other income of the network.
    pub other_income: Option<Spanned<Money>>,
    /// The contingency fund's balance at year end, before the waterfall.
    pub fund_balance: Option<Spanned<Money>>,
    /// Performance scores by member (overriding the agreement's).
    pub performance: BTreeMap<MemberId, Spanned<rust_decimal::Decimal>>,
}

/// Who an expected share belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Holder {
    /// A member.
    Member(MemberId),
    /// The contingency fund.
    ContingencyFund,
}

/// What a scenario expects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expect {
    /// An outcome, with optional detail.
    Outcome { outcome: OutcomeWord, detail: Option<Spanned<ExpectDetail>> },
    /// A member or the fund receives (surplus) or bears (deficit) an amount.
    Share { holder: Holder, receives: bool, amount: Money },
    /// What no one could bear.
    Unallocated(Money),
    /// A checker finding, by code.
    Finding(String),
}

/// More about an expected outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ExpectDetail {
    /// Escalated to this body.
    EscalatedTo(String),
    /// Decided by this member's casting vote.
    CastingVoteOf(MemberId),
    /// Invalid for this reason.
    Because(InvalidReason),
}

/// One named scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    /// Its name.
    pub name: Spanned<String>,
    /// The whole block.
    pub span: Span,
    /// The proposal, when it proposes something.
    pub proposal: Option<Proposal>,
    /// The year-end result, when it has one.
    pub result: Option<YearEnd>,
    /// What it expects.
    pub expectations: Vec<Spanned<Expect>>,
}

/// A scenario file: the agreement it tests and its scenarios.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioFile {
    /// The agreement's path, relative to the scenario file.
    pub agreement: Option<Spanned<String>>,
    /// The scenarios, in order.
    pub scenarios: Vec<Scenario>,
}

/// Everything in an inputs or scenario file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inputs {
    /// The `scenarios for` path, if any.
    pub agreement: Option<Spanned<String>>,
    /// Stand-alone proposals.
    pub proposals: Vec<Proposal>,
    /// Stand-alone results.
    pub results: Vec<YearEnd>,
    /// Scenarios.
    pub scenarios: Vec<Scenario>,
}

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
                inputs.results.push(result);
            }
            Header::Scenario { name } => inputs.scenarios.push(lowerer.scenario(name, block)),
            other => lowerer.errors.push(LowerError::BlockNotAllowed {
                block: other.keyword().to_string(),
                file: "a scenario or proposal file".into(),
                at: block.header.span.into(),
                help: "agreement blocks belong in the agreement's own `.concord` file".into(),
            }),
        }
    }
    (inputs, lowerer.errors)
}

fn empty_proposal(title: Spanned<String>) -> Proposal {
    Proposal {
        title,
        decision: None,
        date: None,
        revenue: BTreeMap::new(),
        duties_at_risk: Vec::new(),
        commitments: BTreeMap::new(),
        votes: Vec::new(),
        casting_vote: None,
        reconvened: None,
    }
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

    fn require_decision(&mut self, proposal: &Proposal, at: Span) {
        if proposal.decision.is_none() {
            self.errors.push(LowerError::IncompleteInput {
                what: "this proposal does not say which decision it is for".into(),
                at: at.into(),
                help: "add `decision \"…\"` naming one of the agreement's decisions".into(),
            });
        }
    }

    fn decision(&mut self, name: &Spanned<String>) -> Spanned<DecisionRef> {
        let node = match self.agreement.decision_by_name(&name.node) {
            Some(d) => DecisionRef::Known(d.id),
            None => DecisionRef::Unknown(name.node.clone()),
        };
        Spanned::new(node, name.span)
    }

    fn proposal_clause(&mut self, proposal: &mut Proposal, clause: &ProposalClause, span: Span) {
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
            ProposalClause::Votes { choice, members } => {
                let mut voted: std::collections::HashSet<MemberId> = proposal
                    .votes
                    .iter()
                    .filter_map(|v| match v.voter {
                        Voter::Known(id) => Some(id),
                        Voter::Unknown(_) => None,
                    })
                    .collect();
                for member in members {
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
                        self.errors.push(LowerError::DuplicateVote {
                            member: name,
                            first: previous.span.into(),
                            second: member.span.into(),
                        });
                        continue;
                    }
                    proposal.votes.push(Vote { voter, choice: (*choice).into(), span: member.span });
                }
            }
            ProposalClause::Reconvened => proposal.reconvened = Some(span),
            ProposalClause::CastingVote(choice) => proposal.casting_vote = Some(Spanned::new((*choice).into(), span)),
        }
    }

    fn result_clause(&mut self, result: &mut YearEnd, clause: &ResultClause) {
        match clause {
            ResultClause::CapitatedBudget(a) => result.capitated = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::ActualCost(a) => result.actual_cost = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::OtherIncome(a) => result.other_income = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::FundBalance(a) => result.fund_balance = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::Performance(scores) => {
                for (member, score) in scores {
                    if let Some(id) = self.member(member) {
                        result.performance.insert(id, *score);
                    }
                }
            }
        }
    }

    fn scenario(&mut self, name: &Spanned<String>, block: &ast::Block) -> Scenario {
        let mut proposal: Option<Proposal> = None;
        let mut result: Option<YearEnd> = None;
        let mut expectations = Vec::new();
        for clause in &block.clauses {
            let Clause::Scenario(c) = &clause.node else { continue };
            match c {
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
        if let Some(p) = &proposal {
            self.require_decision(p, name.span);
        }
        if proposal.is_none() && result.is_none() && expectations.iter().all(|e| !matches!(e.node, Expect::Finding(_)))
        {
            self.errors.push(LowerError::IncompleteInput {
                what: format!("scenario `{}` neither proposes anything nor gives a year-end result", name.node),
                at: name.span.into(),
                help:
                    "add `propose \"decision\"` with the votes, or a year-end result such as `actual cost £57,500,000`"
                        .into(),
            });
        }
        Scenario { name: name.clone(), span: block.span, proposal, result, expectations }
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
                        };
                        Some(Spanned::new(node, d.span))
                    }
                    None => None,
                },
            },
            ast::Expectation::Share { holder, receives, amount } => Expect::Share {
                holder: match &holder.node {
                    ast::ShareHolder::ContingencyFund => Holder::ContingencyFund,
                    ast::ShareHolder::Member(m) => Holder::Member(self.member(&Spanned::new(m.clone(), holder.span))?),
                },
                receives: *receives,
                amount: self.money(amount),
            },
            ast::Expectation::Unallocated(a) => Expect::Unallocated(self.money(a)),
            ast::Expectation::Finding(code) => Expect::Finding(code.node.clone()),
        })
    }
}
