//! Proposals, votes, year-end results and scenarios, resolved against an agreement.
//!
//! Names in facts (revenue changes, commitments, expected shares) must be members of the
//! agreement: an unknown one is a diagnostic. A vote from a member the agreement does not know
//! is kept as [`Voter::Unknown`], because the evaluator reports such a vote as making the
//! decision invalid; likewise a proposal for a decision that does not exist.

mod matters;
mod measures;
mod procedure;
mod years;

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
    }
}

impl InputLowerer<'_> {
    /// The index of the fund called `name`, or `concord::model::not_a_fund`.
    fn fund_named(&mut self, name: &Spanned<String>) -> Option<usize> {
        let found = self.agreement.funds.iter().position(|f| f.name == name.node);
        if found.is_none() {
            let names: Vec<&str> = self.agreement.funds.iter().map(|f| f.name.as_str()).collect();
            let help = match crate::suggest::nearest(&name.node, names.iter().copied()) {
                Some(near) => format!("did you mean “{near}”?"),
                None if names.is_empty() => "the agreement has no funds; leave out `in \"…\"`".to_string(),
                None => format!(
                    "the agreement's funds are: {}",
                    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                ),
            };
            self.errors.push(LowerError::NotAFund {
                name: name.node.clone(),
                sort: "a fund".into(),
                at: name.span.into(),
                help,
            });
        }
        found
    }

    /// In an agreement with funds, a year-end result gives the actual cost of every line, and of
    /// every fund without lines (a risk pool has no cost of its own).
    fn complete_funds(&mut self, result: &YearEnd, at: Span) {
        if result.actual_cost.is_some() {
            // `concord::model::which_fund` has said what to write instead.
            return;
        }
        for (fi, fund) in self.agreement.funds.iter().enumerate() {
            if fund.kind == super::FundKind::RiskPool && fund.lines.is_empty() {
                continue;
            }
            let missing: Vec<&str> = if fund.lines.is_empty() {
                if result.cost_of(fi, None).is_none() {
                    vec![fund.name.as_str()]
                } else {
                    Vec::new()
                }
            } else {
                fund.lines
                    .iter()
                    .enumerate()
                    .filter(|(li, _)| result.cost_of(fi, Some(*li)).is_none())
                    .map(|(_, l)| l.name.as_str())
                    .collect()
            };
            self.overspent_lines(result, fi);
            for income in &fund.incomes {
                if result.measure(&income.measure.node).is_none() {
                    let direction = if income.fall { "fell" } else { "rose" };
                    self.errors.push(LowerError::MissingMeasure {
                        title: result.title.node.clone(),
                        measure: income.measure.node.clone(),
                        fund: fund.name.clone(),
                        at: at.into(),
                        help: format!(
                            "add `\"{}\" {direction} by …%` to the result, so the income can be worked out as earned or not",
                            income.measure.node
                        ),
                    });
                }
            }
            for of in missing {
                self.errors.push(LowerError::MissingActualCost {
                    title: result.title.node.clone(),
                    of: of.to_string(),
                    at: at.into(),
                    help: format!("add `actual cost of \"{of}\" £…` to the result"),
                });
            }
        }
    }

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
        crate::model::offices::check_proxies(proposal, self.agreement, &mut self.errors);
        // A decision that leaves out the member concerned needs to be told which member that is.
        let decision = match proposal.decision.as_ref().map(|d| &d.node) {
            Some(DecisionRef::Known(id)) => self.agreement.decisions.get(id.0 as usize),
            _ => None,
        };
        if let Some(decision) = decision {
            let excluded = decision.exclusions.iter().any(|e| matches!(e, crate::model::Exclusion::Concerned { .. }));
            let concerned = excluded || decision.effects.iter().any(|e| e.node.needs_concerned());
            crate::model::effects::check_applicant(decision, proposal, self.agreement, at, &mut self.errors);
            let opt_out = decision.exclusions.iter().any(|e| matches!(e, crate::model::Exclusion::OptOut { .. }));
            if let Some(first) = proposal.opted_out.first().filter(|_| !opt_out) {
                self.errors
                    .push(LowerError::OptOutNotAllowed { decision: decision.name.clone(), at: first.span.into() });
            }
            if let Some(named) = proposal.concerning.as_ref().filter(|_| !concerned) {
                // Naming the member concerned changes nothing unless the decision leaves it out:
                // refused rather than read silently as a no-op.
                self.errors
                    .push(LowerError::ConcernedNotUsed { decision: decision.name.clone(), at: named.span.into() });
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
                self.errors
                    .push(LowerError::CastingVoteNotUsed { decision: decision.name.clone(), at: cast.span.into() });
            }
            crate::model::matters::check_proposal(decision, proposal, self.agreement, &mut self.errors);
            procedure::check_facts(proposal, self.agreement, at, &mut self.errors);
            if concerned && proposal.concerning.is_none() {
                let (says, label) = if excluded {
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
                self.errors.push(LowerError::MissingConcerned {
                    decision: decision.name.clone(),
                    says: says.to_string(),
                    label: label.to_string(),
                    at: proposal.decision.as_ref().map_or(at, |d| d.span).into(),
                });
            }
        }
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
                        self.errors.push(LowerError::DuplicateVote {
                            member: name,
                            first: previous.span.into(),
                            second: member.span.into(),
                        });
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
            | ProposalClause::AskingPostponement(_)
            | ProposalClause::NoticeGiven(_)
            | ProposalClause::BreachNotified(_)
            | ProposalClause::Remedied(_) => self.procedure_line(proposal, clause),
        }
    }

    fn result_clause(&mut self, result: &mut YearEnd, clause: &ResultClause) {
        match clause {
            ResultClause::CapitatedBudget(a) | ResultClause::OtherIncome(a) | ResultClause::FundBalance(a)
                if !self.agreement.funds.is_empty() =>
            {
                let what = match clause {
                    ResultClause::CapitatedBudget(_) => "a capitated budget",
                    ResultClause::OtherIncome(_) => "other income",
                    _ => "a contingency fund balance",
                };
                self.errors.push(LowerError::IncompleteInput {
                    what: format!("{what} cannot be used in an agreement with funds"),
                    at: a.span.into(),
                    help: "each fund's budget is its lines' budgets (or its contributions), and a fund meets a deficit from a risk pool; give each line's `actual cost of \"…\" £…` and remove this line".into(),
                });
            }
            ResultClause::CapitatedBudget(a) => result.capitated = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::ActualCost(a) => {
                if !self.agreement.funds.is_empty() {
                    let names: Vec<String> = self
                        .agreement
                        .funds
                        .iter()
                        .flat_map(|f| {
                            if f.lines.is_empty() {
                                vec![f.name.clone()]
                            } else {
                                f.lines.iter().map(|l| l.name.clone()).collect()
                            }
                        })
                        .collect();
                    let example = names
                        .first()
                        .map_or_else(String::new, |n| format!(", for example `actual cost of \"{n}\" £…`"));
                    self.errors.push(LowerError::WhichFund {
                        at: a.span.into(),
                        help: format!(
                            "the agreement has funds, so give the actual cost of each line (or of each fund without lines){example}"
                        ),
                    });
                }
                result.actual_cost = Some(Spanned::new(self.money(a), a.span))
            }
            ResultClause::ActualCostOf { of, amount } => {
                let money = Spanned::new(self.money(amount), amount.span);
                let mut found = None;
                for (fi, fund) in self.agreement.funds.iter().enumerate() {
                    if fund.name == of.node {
                        found = Some((fi, None));
                    }
                    if let Some(li) = fund.lines.iter().position(|l| l.name == of.node) {
                        found = Some((fi, Some(li)));
                    }
                }
                match found {
                    Some((fund, line)) => {
                        if let Some(first) = result.costs.iter().find(|c| c.fund == fund && c.line == line) {
                            self.errors.push(LowerError::DuplicateClause {
                                what: format!("the actual cost of “{}”", of.node),
                                first: first.amount.span.into(),
                                second: amount.span.into(),
                            });
                        } else {
                            result.costs.push(FundCost { fund, line, amount: money });
                        }
                    }
                    None => {
                        let names: Vec<&str> = self
                            .agreement
                            .funds
                            .iter()
                            .flat_map(|f| {
                                std::iter::once(f.name.as_str()).chain(f.lines.iter().map(|l| l.name.as_str()))
                            })
                            .collect();
                        let help = match crate::suggest::nearest(&of.node, names.iter().copied()) {
                            Some(near) => format!("did you mean “{near}”?"),
                            None if names.is_empty() => {
                                "the agreement has no funds; write `actual cost £…` for its one budget".to_string()
                            }
                            None => format!(
                                "the agreement's funds and lines are: {}",
                                names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                            ),
                        };
                        self.errors.push(LowerError::NotAFund {
                            name: of.node.clone(),
                            sort: "a fund or line".into(),
                            at: of.span.into(),
                            help,
                        });
                    }
                }
            }
            ResultClause::Agreed(name) => self.agreed_clause(result, name, true),
            ResultClause::NotAgreed(name) => self.agreed_clause(result, name, false),
            ResultClause::Approval { member, approved } => self.approval_clause(result, member, *approved),
            ResultClause::OtherIncome(a) => result.other_income = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::FundBalance(a) => result.fund_balance = Some(Spanned::new(self.money(a), a.span)),
            ResultClause::Performance(scores) => {
                for (member, score) in scores {
                    if let Some(id) = self.member(member) {
                        result.performance.insert(id, *score);
                    }
                }
            }
            ResultClause::Measure { name, fell, by } => self.measure_clause(result, name, *fell, *by),
            ResultClause::Maladministration { line, by } => self.maladministration_clause(result, line, by),
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
        if let Some(r) = &result {
            self.complete_funds(r, name.span);
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
        Scenario {
            name: name.clone(),
            span: block.span,
            proposal,
            result,
            expectations,
            follows: None,
            earlier: Vec::new(),
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
