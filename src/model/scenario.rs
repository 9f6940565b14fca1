//! What a scenario or inputs file says, resolved to ids: year-end results, what a scenario
//! expects, the scenarios themselves and the steps a scenario follows ([`Earlier`]). The words
//! alone, as [`super::proposal`] is for a proposal: `inputs` reads them from a file, and the
//! engines work them out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::elections::Ballot;
use super::proposal::Proposal;
use super::{DecisionId, InvalidReason, MemberId, Money};
use crate::span::{Span, Spanned};
use crate::syntax::ast::OutcomeWord;

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
    pub earlier: Vec<Earlier>,
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
    pub earlier: Vec<Earlier>,
    /// The election it holds, when it holds one (`elect "deputy chair"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ballot: Option<Ballot>,
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

/// One step of a sequence of scenarios, before the one worked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Earlier {
    /// A proposal decided (its effects, when it passes, change the agreement for what follows).
    /// Boxed, as is the result: both are large, and a sequence is short.
    Proposal(Box<Proposal>),
    /// A year's result worked out (its balances carried forward and its next year's
    /// contributions start the year that follows).
    Result(Box<YearEnd>),
}
