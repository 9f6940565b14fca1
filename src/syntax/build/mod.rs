//! pest pairs to the typed syntax tree.
//!
//! The grammar guarantees the shape of each pair, so most lookups below cannot fail; where one
//! does (a grammar change not followed here), the builder drops the clause and reports an
//! "unexpected text" diagnostic rather than panicking. Literals are made exact here: amounts,
//! percentages and dates are checked, with their own diagnostics.
//!
//! One room per part of the language: `clauses` (agreement, members, voting, blocs, decisions,
//! membership), `money` (waterfalls, budgets, funds), `scenarios` (proposals, results, scenarios and
//! their expectations), `rules` (rules and conditions) and `values` (names, figures, dates).

use pest::iterators::Pair;

use super::ast::*;
use super::error::SyntaxError;
use super::grammar::{BlockKind, Rule};
use crate::span::{Span, Spanned};

mod clauses;
mod effects;
mod elections;
mod matters;
mod meetings;
mod money;
mod offices;
mod outside;
mod procedure;
mod rules;
mod scenarios;
mod values;

type P<'i> = Pair<'i, Rule>;

/// Builds tree nodes from the pairs of one unit that starts at byte `offset` of the file.
pub(crate) struct Builder {
    offset: usize,
    errors: std::cell::RefCell<Vec<SyntaxError>>,
}

fn children<'i>(pair: &P<'i>) -> Vec<P<'i>> {
    pair.clone().into_inner().collect()
}

fn find<'i>(pair: &P<'i>, wanted: Rule) -> Option<P<'i>> {
    pair.clone().into_inner().find(|p| p.as_rule() == wanted)
}

fn has(pair: &P<'_>, wanted: Rule) -> bool {
    find(pair, wanted).is_some()
}

/// The first child that is not a bare keyword.
fn first_meaningful<'i>(pair: &P<'i>) -> Option<P<'i>> {
    pair.clone().into_inner().find(|p| !is_keyword(p.as_rule()))
}

fn is_keyword(wanted: Rule) -> bool {
    matches!(
        wanted,
        Rule::k_agreement
            | Rule::k_member
            | Rule::k_members
            | Rule::k_kinds
            | Rule::k_bloc
            | Rule::k_voting
            | Rule::k_votes
            | Rule::k_decision
            | Rule::k_quorum
            | Rule::k_every
            | Rule::k_no
            | Rule::k_any
            | Rule::k_each
            | Rule::k_the
            | Rule::k_half
            | Rule::k_only
            | Rule::k_then
            | Rule::k_savings
            | Rule::k_deficits
            | Rule::k_budget
            | Rule::k_membership
            | Rule::k_proposal
            | Rule::k_result
            | Rule::k_scenario
            | Rule::k_scenarios
            | Rule::k_expect
            | Rule::k_performance
            | Rule::k_effective
            | Rule::k_period
            | Rule::k_form
            | Rule::k_currency
            | Rule::k_line
            | Rule::k_election
    )
}

impl Builder {
    pub(crate) fn new(offset: usize) -> Self {
        Builder { offset, errors: std::cell::RefCell::new(Vec::new()) }
    }

    /// The problems found while building.
    pub(crate) fn into_errors(self) -> Vec<SyntaxError> {
        self.errors.into_inner()
    }

    fn report(&self, error: SyntaxError) {
        self.errors.borrow_mut().push(error);
    }

    fn span(&self, pair: &P<'_>) -> Span {
        let s = pair.as_span();
        // BOUND: `offset` is where the clause starts in the source and the pest span lies within the
        // clause, so both sums are offsets into one source of at most `isize::MAX` bytes.
        #[allow(clippy::arithmetic_side_effects)]
        Span::new(s.start() + self.offset, s.end() + self.offset)
    }

    fn spanned<T>(&self, pair: &P<'_>, node: T) -> Spanned<T> {
        Spanned::new(node, self.span(pair))
    }

    /// Reports a pair whose shape the builder did not expect (a grammar/builder mismatch).
    fn shape(&self, pair: &P<'_>) -> Option<std::convert::Infallible> {
        self.report(SyntaxError::Unexpected {
            message: "Concord could not make sense of this text".to_string(),
            at: self.span(pair).into(),
            label: "here".to_string(),
            help: "this is a fault in Concord, not in the agreement; please report it with this file".to_string(),
        });
        None
    }

    fn need<'i>(&self, parent: &P<'i>, wanted: Rule) -> Option<P<'i>> {
        match find(parent, wanted) {
            Some(p) => Some(p),
            None => {
                self.shape(parent)?;
                None
            }
        }
    }

    // ───────────── headers ─────────────

    pub(crate) fn header(&self, line: P<'_>) -> Option<Spanned<Header>> {
        let header = self.need(&line, Rule::header)?;
        let inner = first_meaningful(&header)?;
        let span = self.span(&header);
        let node = match inner.as_rule() {
            Rule::agreement_header => Header::Agreement { title: self.string_child(&inner)? },
            Rule::member_header => Header::Member {
                id: self.ident(&self.need(&inner, Rule::name)?),
                name: find(&inner, Rule::string).map(|s| self.string(&s)),
            },
            Rule::voting_header => Header::Voting {
                scheme: match find(&inner, Rule::weight_scheme) {
                    Some(s) => Some(self.weight_scheme(&s)?),
                    None => None,
                },
            },
            Rule::bloc_header => Header::Bloc {
                id: self.ident(&self.need(&inner, Rule::name)?),
                name: find(&inner, Rule::string).map(|s| self.string(&s)),
            },
            Rule::decision_header => Header::Decision { name: self.string_child(&inner)? },
            Rule::savings_header => match find(&inner, Rule::string) {
                Some(s) => Header::FundSavings { fund: self.string(&s) },
                None => Header::Savings,
            },
            Rule::deficits_header => match find(&inner, Rule::string) {
                Some(s) => Header::FundDeficits { fund: self.string(&s) },
                None => Header::Deficits,
            },
            Rule::fund_header => {
                let kind = match self.need(&inner, Rule::fund_kind)?.as_str() {
                    "pooled fund" => FundKind::PooledFund,
                    "aligned budget" => FundKind::AlignedBudget,
                    _ => FundKind::RiskPool,
                };
                Header::Fund { kind, name: self.string_child(&inner)? }
            }
            Rule::budget_header => Header::Budget,
            Rule::membership_header => Header::Membership,
            Rule::proposal_header => Header::Proposal { title: self.string_child(&inner)? },
            Rule::result_header => Header::Result { title: self.string_child(&inner)? },
            Rule::scenarios_header => Header::ScenariosFor { path: self.string_child(&inner)? },
            Rule::election_header => Header::Election { name: self.string_child(&inner)? },
            Rule::scenario_header => {
                let names: Vec<_> = children(&inner).into_iter().filter(|p| p.as_rule() == Rule::string).collect();
                Header::Scenario { name: self.string(names.first()?), follows: names.get(1).map(|s| self.string(s)) }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        };
        Some(Spanned::new(node, span))
    }

    // ───────────── clauses ─────────────

    pub(crate) fn clause(&self, line: P<'_>, kind: BlockKind) -> Option<Spanned<Clause>> {
        let clause = first_meaningful(&line)?;
        let span = self.span(&clause);
        if clause.as_rule() == Rule::intended_finding {
            let code = find(&clause, Rule::code_path).or_else(|| find(&clause, Rule::finding_name))?;
            let reason = self.need(&clause, Rule::string)?;
            if reason.as_str().trim_matches('"').trim().is_empty() {
                self.report(SyntaxError::EmptyReason { at: self.span(&reason).into() });
            }
            let node =
                IntendedFinding { code: self.spanned(&code, code.as_str().to_string()), reason: self.string(&reason) };
            return Some(Spanned::new(Clause::Intended(node), span));
        }
        let node = match kind {
            BlockKind::Agreement => Clause::Agreement(self.agreement_clause(&clause)?),
            BlockKind::Member => Clause::Member(self.member_clause(&clause)?),
            BlockKind::Voting => Clause::Voting(self.voting_clause(&clause)?),
            BlockKind::Bloc => Clause::Bloc(self.bloc_clause(&clause)?),
            BlockKind::Decision => Clause::Decision(self.decision_clause(&clause)?),
            BlockKind::Savings => Clause::Savings(self.savings_step(&clause)?),
            BlockKind::Deficits => Clause::Deficit(self.deficit_step(&clause)?),
            BlockKind::Budget => Clause::Budget(self.budget_line(&clause)?),
            BlockKind::Fund => Clause::Fund(self.fund_clause(&clause)?),
            BlockKind::Membership => Clause::Membership(self.membership_clause(&clause)?),
            BlockKind::Proposal => Clause::Proposal(self.proposal_clause(&clause)?),
            BlockKind::Result => Clause::Result(self.result_clause(&clause)?),
            BlockKind::Scenario => Clause::Scenario(self.scenario_clause(&clause)?),
            BlockKind::Election => Clause::Election(self.election_clause(&clause)?),
            BlockKind::ScenariosFor => return None,
        };
        Some(Spanned::new(node, span))
    }
}

/// The tree's rule type, named apart from pest's `Rule`.
type Rule_ = super::ast::Rule;
