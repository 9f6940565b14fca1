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

pub use follow::lower_scenario;

use std::collections::BTreeMap;

use serde::Serialize;

use super::error::LowerError;
use super::lower::resolve_member;
use super::MemberId;
use super::{Agreement, DecisionId, Money, Percent};
use super::{Date, InvalidReason, VoteChoice};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{self, Clause, CurrencyMark, Header, MemberRef, OutcomeWord, ScenarioClause};

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
    /// `presiding: hhft`: the member presiding at the meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presiding: Option<Spanned<MemberId>>,
    /// `in favour: gpfed (by proxy lbh)`: votes cast in a member's place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cast_by: Vec<crate::model::offices::CastBy>,
    /// `at a reconvened meeting`: the meeting was reconvened for want of a quorum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconvened: Option<Span>,
    /// `concerning: lbh`: the member the proposal is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concerning: Option<Spanned<MemberId>>,
    /// `opted out: lbh, icb`: members who opt out of this proposal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub opted_out: Vec<Spanned<MemberId>>,
    /// Approvals outside the meeting, conflicted members and their sub-votes.
    #[serde(skip_serializing_if = "crate::model::matters::ProposalMatters::is_empty")]
    pub matters: crate::model::matters::ProposalMatters,
    /// When it was requested, who proposed it, who asks for postponement, notice, breach.
    #[serde(skip_serializing_if = "crate::model::procedure::ProposalFacts::is_empty")]
    pub facts: crate::model::procedure::ProposalFacts,
    /// When the member concerned last attended, its excuse, who attended without a vote.
    #[serde(skip_serializing_if = "crate::model::meetings::Attendance::is_empty")]
    pub attendance: crate::model::meetings::Attendance,
    /// `decided by "BODY": agreed`: what the body outside the meeting decided (added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside: Option<crate::model::outside::OutsideDecision>,
    /// `applicant: pcn-east "…"`: who joins when the proposal passes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicant: Option<crate::model::effects::Applicant>,
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
    /// Actual costs of the agreement's funds and lines (`actual cost of "…" £…`).
    pub costs: Vec<FundCost>,
    /// Decisions the result says were agreed (`"…" was agreed`), which lift the caps naming them.
    pub agreed: Vec<Spanned<DecisionId>>,
    /// Measures the result gives (`"emergency admissions" fell by 5.1%`): the name and the change
    /// in percent, positive a rise, negative a fall.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<(Spanned<String>, Spanned<rust_decimal::Decimal>)>,
    /// Overspends the result says were caused by maladministration by a named partner.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub maladministration: Vec<Maladministration>,
    /// Decisions the result says were not agreed (`"…" was not agreed`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_agreed: Vec<Spanned<DecisionId>>,
    /// Each partner's own approval of the carry forward (`icb approved the carry forward`), or
    /// not (`did not approve`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<(Spanned<MemberId>, bool)>,
    /// In a scenario that follows others, the steps before it, in order: the year starts from
    /// where they left off (its funds' balances carried forward, its contributions uplifted).
    #[serde(skip)]
    pub earlier: Vec<crate::model::years::Earlier>,
}

/// `the overspend on "Community beds" was caused by maladministration by harrow`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Maladministration {
    /// The fund, an index into the agreement's funds.
    pub fund: usize,
    /// The line, an index into the fund's lines.
    pub line: usize,
    /// The partner responsible.
    pub by: Spanned<MemberId>,
    /// The whole clause.
    pub span: Span,
}

/// The actual cost of one fund, or of one line of a fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundCost {
    /// The fund, an index into the agreement's funds.
    pub fund: usize,
    /// The line, an index into the fund's lines; `None` for the whole fund.
    pub line: Option<usize>,
    /// What it cost.
    pub amount: Spanned<Money>,
}

impl YearEnd {
    /// The change the result gives for the measure `name` (positive a rise), if it gives one.
    pub fn measure(&self, name: &str) -> Option<&Spanned<rust_decimal::Decimal>> {
        self.measures.iter().find(|(n, _)| n.node == name).map(|(_, c)| c)
    }

    /// The actual cost given for `fund`'s `line` (or for the whole fund, with `None`).
    pub fn cost_of(&self, fund: usize, line: Option<usize>) -> Option<&Spanned<Money>> {
        self.costs.iter().find(|c| c.fund == fund && c.line == line).map(|c| &c.amount)
    }
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
    Share { holder: Holder, receives: bool, amount: Money, fund: Option<usize> },
    /// What no one could bear.
    Unallocated(Money),
    /// What a fund (an index into the agreement's funds) carries forward into its next year.
    CarriedForward { amount: Money, fund: usize },
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
    /// Rejected, and the decision's default applies.
    DefaultApplies,
    /// Passed, with an approval outside the meeting still awaited.
    SubjectToApproval,
    /// Rejected because an approval outside the meeting was withheld.
    ApprovalWithheld,
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
    /// `follows "…"`: the earlier scenario of the file it starts from (an index into the file's
    /// scenarios), where the name was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follows: Option<Spanned<usize>>,
    /// The steps before it, in order, when it follows another (see [`crate::model::years`]).
    #[serde(skip)]
    pub earlier: Vec<crate::model::years::Earlier>,
    /// The election it holds, when it holds one (`elect "deputy chair"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ballot: Option<crate::model::elections::Ballot>,
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

pub(crate) fn empty_proposal(title: Spanned<String>) -> Proposal {
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
        concerning: None,
        applicant: None,
        opted_out: Vec::new(),
        matters: Default::default(),
        presiding: None,
        cast_by: Vec::new(),
        facts: Default::default(),
        attendance: Default::default(),
        outside: None,
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
