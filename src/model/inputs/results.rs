//! A year-end result's clauses, read into the [`YearEnd`]: its figures, the funds and lines they
//! are for, and what a result must give when the agreement has funds.

use super::*;
use crate::model::error::LowerError;
use crate::span::{Span, Spanned};
use crate::syntax::ast::ResultClause;

impl InputLowerer<'_> {
    /// The index of the fund called `name`, or `concord::model::not_a_fund`.
    pub(super) fn fund_named(&mut self, name: &Spanned<String>) -> Option<usize> {
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
            self.errors.push(LowerError::from(crate::model::InputsError::NotAFund {
                name: name.node.clone(),
                sort: "a fund".into(),
                at: name.span.into(),
                help,
            }));
        }
        found
    }

    /// In an agreement with funds, a year-end result gives the actual cost of every line, and of
    /// every fund without lines (a risk pool has no cost of its own).
    pub(super) fn complete_funds(&mut self, result: &YearEnd, at: Span) {
        if result.actual_cost.is_some() {
            // `concord::model::which_fund` has said what to write instead.
            return;
        }
        for (fi, fund) in self.agreement.funds.iter().enumerate() {
            if fund.kind == crate::model::FundKind::RiskPool && fund.lines.is_empty() {
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
                    self.errors.push(LowerError::from(crate::model::InputsError::MissingMeasure {
                        title: result.title.node.clone(),
                        measure: income.measure.node.clone(),
                        fund: fund.name.clone(),
                        at: at.into(),
                        help: format!(
                            "add `\"{}\" {direction} by …%` to the result, so the income can be worked out as earned or not",
                            income.measure.node
                        ),
                    }));
                }
            }
            for of in missing {
                self.errors.push(LowerError::from(crate::model::InputsError::MissingActualCost {
                    title: result.title.node.clone(),
                    of: of.to_string(),
                    at: at.into(),
                    help: format!("add `actual cost of \"{of}\" £…` to the result"),
                }));
            }
        }
    }

    pub(super) fn result_clause(&mut self, result: &mut YearEnd, clause: &ResultClause) {
        match clause {
            ResultClause::CapitatedBudget(a) | ResultClause::OtherIncome(a) | ResultClause::FundBalance(a)
                if !self.agreement.funds.is_empty() =>
            {
                let what = match clause {
                    ResultClause::CapitatedBudget(_) => "a capitated budget",
                    ResultClause::OtherIncome(_) => "other income",
                    _ => "a contingency fund balance",
                };
                self.errors.push(LowerError::from(crate::model::InputsError::IncompleteInput {
                    what: format!("{what} cannot be used in an agreement with funds"),
                    at: a.span.into(),
                    help: "each fund's budget is its lines' budgets (or its contributions), and a fund meets a deficit from a risk pool; give each line's `actual cost of \"…\" £…` and remove this line".into(),
                }));
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
                    self.errors.push(LowerError::from(crate::model::InputsError::WhichFund {
                        at: a.span.into(),
                        help: format!(
                            "the agreement has funds, so give the actual cost of each line (or of each fund without lines){example}"
                        ),
                    }));
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
                        self.errors.push(LowerError::from(crate::model::InputsError::NotAFund {
                            name: of.node.clone(),
                            sort: "a fund or line".into(),
                            at: of.span.into(),
                            help,
                        }));
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
}
