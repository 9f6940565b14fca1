//! Savings and deficit steps, share methods, budget lines and fund clauses.

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, Builder, P};
use crate::span::Spanned;

impl Builder {
    pub(super) fn savings_step(&self, clause: &P<'_>) -> Option<SavingsStep> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::reinvest_step => {
                let what = first_meaningful(&inner)?;
                let amount = match what.as_rule() {
                    Rule::everything => ReinvestAmount::Everything,
                    Rule::the_rest => ReinvestAmount::TheRest,
                    Rule::amount => ReinvestAmount::Amount(self.amount(&what)?.node),
                    _ => ReinvestAmount::Percent(self.percent(&what)?.node),
                };
                let fund_pair = self.need(&inner, Rule::fund)?;
                let fund = match find(&fund_pair, Rule::string) {
                    Some(s) => Fund::Named(self.string(&s).node),
                    None => Fund::Contingency,
                };
                SavingsStep::Reinvest {
                    amount: self.spanned(&what, amount),
                    fund: self.spanned(&fund_pair, fund),
                    rounding: self.stated_rounding(&inner)?,
                }
            }
            Rule::compensation_step => SavingsStep::Compensation,
            Rule::carry_step => {
                let what = first_meaningful(&inner)?;
                let amount = match what.as_rule() {
                    Rule::everything => ReinvestAmount::Everything,
                    Rule::the_rest => ReinvestAmount::TheRest,
                    Rule::amount => ReinvestAmount::Amount(self.amount(&what)?.node),
                    _ => ReinvestAmount::Percent(self.percent(&what)?.node),
                };
                SavingsStep::CarryForward {
                    amount: self.spanned(&what, amount),
                    subject_to: match find(&inner, Rule::decision_ref) {
                        Some(d) => Some(self.string_child(&d)?),
                        None => None,
                    },
                    each_partner: find(&inner, Rule::partner_approval).map(|p| self.span(&p)),
                    rounding: self.stated_rounding(&inner)?,
                }
            }
            Rule::share_step => SavingsStep::Share {
                parts: self.share_mix(&self.need(&inner, Rule::share_mix)?)?,
                exemption: self.exemption(&inner)?,
            },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    /// A step's stated rounding, if it has one (`Some(None)` when it has none).
    fn stated_rounding(&self, step: &P<'_>) -> Option<Option<Spanned<StatedRounding>>> {
        let Some(pair) = find(step, Rule::stated_rounding) else { return Some(None) };
        let up = find(&pair, Rule::rounding_way).is_some_and(|w| w.as_str().starts_with("up"));
        let nearest = match find(&pair, Rule::amount) {
            Some(a) => Some(self.amount(&a)?),
            None => None,
        };
        let pennies_to_members = find(&pair, Rule::pennies_on).is_some();
        Some(Some(self.spanned(&pair, StatedRounding { up, nearest, pennies_to_members })))
    }

    /// The exemption of a share step, if it has one (`Some(None)` when it has none).
    fn exemption(&self, step: &P<'_>) -> Option<Option<Spanned<Exemption>>> {
        let Some(pair) = find(step, Rule::exemption) else { return Some(None) };
        let figure = self.figure_name(&self.need(&pair, Rule::figure_name)?);
        let value = self.need(&pair, Rule::figure_value)?;
        let below = self.figure_value(&value)?;
        Some(Some(self.spanned(&pair, Exemption { figure, below })))
    }

    pub(super) fn deficit_step(&self, clause: &P<'_>) -> Option<DeficitStep> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::contingency_step => DeficitStep::Contingency,
            Rule::insurance_step => DeficitStep::Insurance { cap: self.amount(&self.need(&inner, Rule::amount)?)? },
            Rule::risk_share_step => DeficitStep::Commissioners {
                share: self.percent(&self.need(&inner, Rule::percent)?)?,
                cap: match find(&inner, Rule::amount) {
                    Some(a) => Some(self.amount(&a)?),
                    None => None,
                },
                rounding: self.stated_rounding(&inner)?,
            },
            Rule::risk_pool_step => DeficitStep::RiskPool {
                pool: self.string_child(&inner)?,
                cap: match find(&inner, Rule::amount) {
                    Some(a) => Some(self.amount(&a)?),
                    None => None,
                },
            },
            Rule::share_step => DeficitStep::Share {
                parts: self.share_mix(&self.need(&inner, Rule::share_mix)?)?,
                exemption: self.exemption(&inner)?,
            },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn share_mix(&self, mix: &P<'_>) -> Option<Vec<SharePart>> {
        let mut parts = Vec::new();
        for child in children(mix) {
            match child.as_rule() {
                Rule::share_part => {
                    let weight = self.percent(&self.need(&child, Rule::percent)?)?;
                    let method = self.share_method(&self.need(&child, Rule::share_method)?);
                    parts.push(SharePart { weight: Some(weight), method });
                }
                Rule::share_method => parts.push(SharePart { weight: None, method: self.share_method(&child) }),
                _ => {}
            }
        }
        Some(parts)
    }

    pub(super) fn share_method(&self, method: &P<'_>) -> Spanned<ShareMethod> {
        let node = match find(method, Rule::share_basis).as_ref().map(|b| b.as_str()) {
            None => ShareMethod::Equally,
            Some("budget allocation" | "allocation") => ShareMethod::Allocation,
            Some("budget") => ShareMethod::Budget,
            Some("equity") => ShareMethod::Equity,
            Some("risk share") => ShareMethod::RiskShare,
            Some("performance") => ShareMethod::Performance,
            Some("need for investment") => ShareMethod::NeedForInvestment,
            Some("ability to pay") => ShareMethod::AbilityToPay,
            Some(_) => ShareMethod::Contribution,
        };
        self.spanned(method, node)
    }

    pub(super) fn budget_line(&self, clause: &P<'_>) -> Option<BudgetLine> {
        let inner = first_meaningful(clause)?;
        if inner.as_rule() == Rule::capitated_line {
            return Some(BudgetLine::Capitated(self.amount(&self.need(&inner, Rule::amount)?)?));
        }
        let kind = match inner.as_rule() {
            Rule::intervention_line => LineKind::Intervention,
            Rule::standard_line => LineKind::ServiceStandard,
            Rule::personal_budgets_line => LineKind::PersonalBudgets,
            Rule::contingency_line => LineKind::ContingencyFund,
            Rule::operations_line => LineKind::OperationsTeam,
            _ => {
                self.shape(&inner)?;
                return None;
            }
        };
        let amounts: Vec<_> = children(&inner).into_iter().filter(|p| p.as_rule() == Rule::amount).collect();
        let amount = self.amount(amounts.first()?)?;
        let statutory_minimum = match amounts.get(1) {
            Some(a) => Some(self.amount(a)?),
            None => None,
        };
        let mut providers = Vec::new();
        if let Some(by) = find(&inner, Rule::provided_by) {
            for share in children(&by).into_iter().filter(|p| p.as_rule() == Rule::provider_share) {
                let member = self.member_ref(&self.need(&share, Rule::member_ref)?);
                let share = match find(&share, Rule::percent) {
                    Some(p) => Some(self.percent(&p)?),
                    None => None,
                };
                providers.push(ProviderShare { member, share });
            }
        }
        Some(BudgetLine::Line {
            kind,
            name: find(&inner, Rule::string).map(|s| self.string(&s)),
            amount,
            statutory_minimum,
            providers,
        })
    }

    pub(super) fn fund_clause(&self, clause: &P<'_>) -> Option<FundClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::hosted_by => FundClause::HostedBy(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            Rule::contributes => FundClause::Contributes {
                member: self.member_ref(&self.need(&inner, Rule::member_ref)?),
                amount: self.amount(&self.need(&inner, Rule::amount)?)?,
            },
            Rule::offset_clause => FundClause::Offset,
            Rule::fund_cap => FundClause::Cap {
                unless: match find(&inner, Rule::decision_ref) {
                    Some(d) => Some(self.string_child(&d)?),
                    None => None,
                },
            },
            Rule::cause_rule => FundClause::Maladministration,
            Rule::fund_contributors => FundClause::OnlyKindContributes(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::fund_instalments => {
                let n = self.need(&inner, Rule::integer)?;
                let Ok(count) = n.as_str().parse::<u32>() else {
                    self.report(SyntaxError::NumberTooLarge { text: n.as_str().to_string(), at: self.span(&n).into() });
                    return None;
                };
                FundClause::Instalments {
                    count: self.spanned(&n, count),
                    other_than_host: find(&inner, Rule::instalments_others).is_some(),
                }
            }
            Rule::fund_uplift => {
                let percent = self.percent(&self.need(&inner, Rule::percent)?)?;
                let less = find(&inner, Rule::uplift_way).is_some_and(|w| w.as_str().starts_with("less"));
                // BOUND: negating a decimal flips its sign and cannot overflow.
                #[allow(clippy::arithmetic_side_effects)]
                let signed = if less { -percent.node } else { percent.node };
                FundClause::Uplift(crate::span::Spanned::new(signed, percent.span))
            }
            Rule::fund_income => {
                let target = self.need(&inner, Rule::measure_target)?;
                FundClause::Income {
                    amount: self.amount(&self.need(&inner, Rule::amount)?)?,
                    measure: self.string(&self.need(&inner, Rule::string)?),
                    fall: find(&target, Rule::measure_fall).is_some(),
                    target: self.percent(&self.need(&target, Rule::percent)?)?,
                }
            }
            Rule::fund_line => {
                let mut commissioners = Vec::new();
                if let Some(by) = find(&inner, Rule::commissioned_by) {
                    for share in children(&by).into_iter().filter(|p| p.as_rule() == Rule::provider_share) {
                        let member = self.member_ref(&self.need(&share, Rule::member_ref)?);
                        let share = match find(&share, Rule::percent) {
                            Some(p) => Some(self.percent(&p)?),
                            None => None,
                        };
                        commissioners.push(ProviderShare { member, share });
                    }
                }
                let risk = match find(&inner, Rule::risk_mode) {
                    Some(mode) => {
                        let node = match first_meaningful(&mode).map(|m| m.as_rule()) {
                            Some(Rule::by_line_share) => RiskMode::LineShare,
                            Some(Rule::no_risk_share) => RiskMode::NoRiskShare,
                            _ => RiskMode::FundRule,
                        };
                        Some(self.spanned(&mode, node))
                    }
                    None => None,
                };
                FundClause::Line {
                    name: self.string_child(&inner)?,
                    budget: match find(&inner, Rule::amount) {
                        Some(a) => Some(self.amount(&a)?),
                        None => None,
                    },
                    commissioners,
                    risk,
                    cap: match find(&inner, Rule::line_cap) {
                        Some(c) => Some(self.amount(&self.need(&c, Rule::amount)?)?),
                        None => None,
                    },
                }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }
}
