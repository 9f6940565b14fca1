//! The grammar's face to the rest of the reader: the pest parser generated from
//! `grammar/concord.pest`, its rules, and the kinds of block with each one's entry rule.

use super::ast::Header;

/// The pest parser generated from the grammar.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/concord.pest"]
pub struct ConcordParser;

/// Which clauses a block takes; decides the entry rule for its clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Agreement,
    Member,
    Voting,
    Bloc,
    Decision,
    Savings,
    Deficits,
    Budget,
    Fund,
    Membership,
    Proposal,
    Result,
    ScenariosFor,
    Scenario,
    Election,
}

impl BlockKind {
    pub(crate) fn of(header: &Header) -> BlockKind {
        match header {
            Header::Agreement { .. } => BlockKind::Agreement,
            Header::Member { .. } => BlockKind::Member,
            Header::Voting { .. } => BlockKind::Voting,
            Header::Bloc { .. } => BlockKind::Bloc,
            Header::Decision { .. } => BlockKind::Decision,
            Header::Savings => BlockKind::Savings,
            Header::Deficits => BlockKind::Deficits,
            Header::Budget => BlockKind::Budget,
            Header::Fund { .. } => BlockKind::Fund,
            Header::FundSavings { .. } => BlockKind::Savings,
            Header::FundDeficits { .. } => BlockKind::Deficits,
            Header::Membership => BlockKind::Membership,
            Header::Proposal { .. } => BlockKind::Proposal,
            Header::Result { .. } => BlockKind::Result,
            Header::ScenariosFor { .. } => BlockKind::ScenariosFor,
            Header::Scenario { .. } => BlockKind::Scenario,
            Header::Election { .. } => BlockKind::Election,
        }
    }

    /// The grammar's entry rule for one clause of this block.
    pub(crate) fn clause_rule(self) -> Option<Rule> {
        Some(match self {
            BlockKind::Agreement => Rule::agreement_clause_line,
            BlockKind::Member => Rule::member_clause_line,
            BlockKind::Voting => Rule::voting_clause_line,
            BlockKind::Bloc => Rule::bloc_clause_line,
            BlockKind::Decision => Rule::decision_clause_line,
            BlockKind::Savings => Rule::savings_step_line,
            BlockKind::Deficits => Rule::deficit_step_line,
            BlockKind::Budget => Rule::budget_line_line,
            BlockKind::Fund => Rule::fund_clause_line,
            BlockKind::Membership => Rule::membership_clause_line,
            BlockKind::Proposal => Rule::proposal_clause_line,
            BlockKind::Result => Rule::result_clause_line,
            BlockKind::ScenariosFor => return None,
            BlockKind::Scenario => Rule::scenario_clause_line,
            BlockKind::Election => Rule::election_clause_line,
        })
    }

    /// The block's keyword, for messages.
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            BlockKind::Agreement => "agreement",
            BlockKind::Member => "member",
            BlockKind::Voting => "voting",
            BlockKind::Bloc => "bloc",
            BlockKind::Decision => "decision",
            BlockKind::Savings => "savings",
            BlockKind::Deficits => "deficits",
            BlockKind::Budget => "budget",
            BlockKind::Fund => "fund",
            BlockKind::Membership => "membership",
            BlockKind::Proposal => "proposal",
            BlockKind::Result => "result",
            BlockKind::ScenariosFor => "scenarios for",
            BlockKind::Scenario => "scenario",
            BlockKind::Election => "election",
        }
    }
}

/// The words that start a block, for suggestions.
pub const BLOCK_KEYWORDS: [&str; 17] = [
    "agreement",
    "member",
    "voting",
    "bloc",
    "decision",
    "savings",
    "deficits",
    "budget",
    "pooled fund",
    "aligned budget",
    "risk pool",
    "membership",
    "proposal",
    "result",
    "scenarios for",
    "scenario",
    "election",
];
