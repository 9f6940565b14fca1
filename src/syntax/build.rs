//! pest pairs to the typed syntax tree.
//!
//! The grammar guarantees the shape of each pair, so most lookups below cannot fail; where one
//! does (a grammar change not followed here), the builder drops the clause and reports an
//! "unexpected text" diagnostic rather than panicking. Literals are made exact here: amounts,
//! percentages and dates are checked, with their own diagnostics.

use std::str::FromStr;

use pest::iterators::Pair;
use rust_decimal::Decimal;

use super::ast::*;
use super::error::SyntaxError;
use super::parse::{BlockKind, Rule};
use crate::span::{Span, Spanned};

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
            Rule::scenario_header => Header::Scenario { name: self.string_child(&inner)? },
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
            BlockKind::ScenariosFor => return None,
        };
        Some(Spanned::new(node, span))
    }

    fn agreement_clause(&self, clause: &P<'_>) -> Option<AgreementClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::form_clause => {
                let form = self.need(&inner, Rule::governance_form)?;
                let node = match form.as_str() {
                    "lead-provider alliance" => GovernanceForm::LeadProviderAlliance,
                    "provider network" => GovernanceForm::ProviderNetwork,
                    "provider collaborative" => GovernanceForm::ProviderCollaborative,
                    "complementary contracts" => GovernanceForm::ComplementaryContracts,
                    "section 75 pooled budget" => GovernanceForm::Section75PooledBudget,
                    "commissioning management organisation" => GovernanceForm::CommissioningManagementOrganisation,
                    _ => GovernanceForm::CareTrust,
                };
                AgreementClause::Form(self.spanned(&form, node))
            }
            Rule::currency_clause => {
                let code = self.need(&inner, Rule::currency_code)?;
                let minor_unit = match find(&inner, Rule::decimal) {
                    Some(d) => Some(self.spanned(&d, self.decimal(&d)?)),
                    None => None,
                };
                AgreementClause::Currency { code: self.spanned(&code, code.as_str().to_string()), minor_unit }
            }
            Rule::effective_clause => AgreementClause::Effective(self.date(&self.need(&inner, Rule::date)?)?),
            Rule::period_clause => {
                let dates: Vec<_> = children(&inner).into_iter().filter(|p| p.as_rule() == Rule::date).collect();
                let [from, to] = dates.as_slice() else {
                    self.shape(&inner)?;
                    return None;
                };
                AgreementClause::Period { from: self.date(from)?, to: self.date(to)? }
            }
            Rule::kinds_decl => AgreementClause::Kinds(self.name_list(&self.need(&inner, Rule::name_list)?)),
            Rule::quorum_clause => AgreementClause::Quorum(self.rule(&self.need(&inner, Rule::rule_expr)?)?),
            Rule::reconvened_quorum => {
                AgreementClause::ReconvenedQuorum(self.rule(&self.need(&inner, Rule::rule_expr)?)?)
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn member_clause(&self, clause: &P<'_>) -> Option<MemberClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::kinds_clause => MemberClause::Kinds(self.name_list(&self.need(&inner, Rule::name_list)?)),
            Rule::role_clause => {
                let role = first_meaningful(&inner)?;
                MemberClause::Role(match role.as_rule() {
                    Rule::lead_provider => Role::LeadProvider,
                    Rule::chair_role => Role::Chair,
                    Rule::observer_role => Role::Observer,
                    _ => Role::Host,
                })
            }
            Rule::votes_clause => {
                let d = self.need(&inner, Rule::decimal)?;
                MemberClause::Votes(self.spanned(&d, self.decimal(&d)?))
            }
            Rule::figure_clause => {
                let name = self.need(&inner, Rule::figure_name)?;
                let value = self.need(&inner, Rule::figure_value)?;
                let value_inner = first_meaningful(&value)?;
                let node = match value_inner.as_rule() {
                    Rule::amount => FigureValue::Amount(self.amount(&value_inner)?.node),
                    Rule::percent => FigureValue::Percent(self.percent(&value_inner)?.node),
                    _ => FigureValue::Number(self.decimal(&value_inner)?),
                };
                MemberClause::Figure { name: self.figure_name(&name), value: self.spanned(&value, node) }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn voting_clause(&self, clause: &P<'_>) -> Option<VotingClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::weight_scheme => VotingClause::Scheme(self.weight_scheme(&inner)?.node),
            Rule::reserved_share => VotingClause::Reserved {
                kind: self.ident(&self.need(&inner, Rule::ref_name)?),
                share: self.percent(&self.need(&inner, Rule::percent)?)?,
            },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn bloc_clause(&self, clause: &P<'_>) -> Option<BlocClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::bloc_members_of_kind => BlocClause::OfKind(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::bloc_members => BlocClause::Members(self.member_list(&self.need(&inner, Rule::member_list)?)),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn decision_clause(&self, clause: &P<'_>) -> Option<DecisionClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::rule_clause => {
                let period = match (
                    find(&inner, Rule::rule_until),
                    find(&inner, Rule::rule_from),
                    find(&inner, Rule::rule_between),
                ) {
                    (Some(p), _, _) => {
                        let date = self.date(&self.need(&p, Rule::date)?)?;
                        Some(self.spanned(&p, RulePeriod::Until(date.node)))
                    }
                    (_, Some(p), _) => {
                        let date = self.date(&self.need(&p, Rule::date)?)?;
                        Some(self.spanned(&p, RulePeriod::From(date.node)))
                    }
                    (_, _, Some(p)) => {
                        let dates: Vec<_> = children(&p).into_iter().filter(|d| d.as_rule() == Rule::date).collect();
                        let [from, until] = dates.as_slice() else {
                            self.shape(&p)?;
                            return None;
                        };
                        let (from, until) = (self.date(from)?, self.date(until)?);
                        Some(self.spanned(&p, RulePeriod::Between(from.node, until.node)))
                    }
                    _ => None,
                };
                DecisionClause::Rule { period, rule: self.rule(&self.need(&inner, Rule::rule_expr)?)? }
            }
            Rule::decision_voting => {
                DecisionClause::Voting(self.weight_scheme(&self.need(&inner, Rule::weight_scheme)?)?)
            }
            Rule::quorum_clause => DecisionClause::Quorum(self.rule(&self.need(&inner, Rule::rule_expr)?)?),
            Rule::reconvened_quorum => {
                DecisionClause::ReconvenedQuorum(self.rule(&self.need(&inner, Rule::rule_expr)?)?)
            }
            Rule::gain_exclusion => DecisionClause::GainExclusion {
                comparator: self.comparator(&self.need(&inner, Rule::comparator)?),
                share: self.percent(&self.need(&inner, Rule::percent)?)?,
                figure: self.figure_name(&self.need(&inner, Rule::figure_name)?),
            },
            Rule::only_kind_votes => DecisionClause::OnlyKind(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::kind_excluded => DecisionClause::KindExcluded(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::member_excluded => {
                DecisionClause::MemberExcluded(self.member_ref(&self.need(&inner, Rule::member_ref)?))
            }
            Rule::veto_clause => {
                let holder_pair = self.need(&inner, Rule::veto_holder)?;
                let holder_inner = first_meaningful(&holder_pair)?;
                let holder = match holder_inner.as_rule() {
                    Rule::any_member => VetoHolder::AnyMember {
                        kind: find(&holder_inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
                    },
                    Rule::each_bloc => VetoHolder::Bloc(BlocSubject::Each),
                    Rule::the_bloc => {
                        VetoHolder::Bloc(BlocSubject::Named(self.ident(&self.need(&holder_inner, Rule::ref_name)?)))
                    }
                    _ => VetoHolder::Member(self.member_ref(&holder_inner).node),
                };
                DecisionClause::Veto {
                    holder: self.spanned(&holder_pair, holder),
                    statutory: find(&inner, Rule::statutory_condition).map(|s| self.spanned(&s, ())),
                }
            }
            Rule::casting_vote_clause => {
                DecisionClause::CastingVote(self.member_ref(&self.need(&inner, Rule::member_ref)?))
            }
            Rule::escalation_clause => {
                let trigger_pair = self.need(&inner, Rule::escalation_trigger)?;
                let trigger =
                    if has(&trigger_pair, Rule::on_tie) { EscalationTrigger::Tie } else { EscalationTrigger::Rejected };
                let mut steps = Vec::new();
                for step in children(&inner).into_iter().filter(|p| p.as_rule() == Rule::escalation_step) {
                    let body = self.string_child(&step)?;
                    let within = match find(&step, Rule::duration) {
                        Some(d) => Some(self.duration(&d)?),
                        None => None,
                    };
                    steps.push(self.spanned(&step, EscalationStep { body, within }));
                }
                DecisionClause::Escalation { trigger: self.spanned(&trigger_pair, trigger), steps }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn savings_step(&self, clause: &P<'_>) -> Option<SavingsStep> {
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
                SavingsStep::Reinvest { amount: self.spanned(&what, amount), fund: self.spanned(&fund_pair, fund) }
            }
            Rule::compensation_step => SavingsStep::Compensation,
            Rule::share_step => SavingsStep::Share { parts: self.share_mix(&self.need(&inner, Rule::share_mix)?)? },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn deficit_step(&self, clause: &P<'_>) -> Option<DeficitStep> {
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
            },
            Rule::risk_pool_step => DeficitStep::RiskPool {
                pool: self.string_child(&inner)?,
                cap: match find(&inner, Rule::amount) {
                    Some(a) => Some(self.amount(&a)?),
                    None => None,
                },
            },
            Rule::share_step => DeficitStep::Share { parts: self.share_mix(&self.need(&inner, Rule::share_mix)?)? },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn share_mix(&self, mix: &P<'_>) -> Option<Vec<SharePart>> {
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

    fn share_method(&self, method: &P<'_>) -> Spanned<ShareMethod> {
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

    fn budget_line(&self, clause: &P<'_>) -> Option<BudgetLine> {
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

    fn fund_clause(&self, clause: &P<'_>) -> Option<FundClause> {
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

    fn membership_clause(&self, clause: &P<'_>) -> Option<MembershipClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::joining_decided => MembershipClause::JoiningDecidedBy(self.decision_ref(&inner)?),
            Rule::joining_accession => MembershipClause::JoiningAccession,
            Rule::leaving_notice => {
                MembershipClause::LeavingNotice(self.duration(&self.need(&inner, Rule::duration)?)?)
            }
            Rule::leaving_decided => MembershipClause::LeavingDecidedBy(self.decision_ref(&inner)?),
            Rule::leaving_forfeit => {
                MembershipClause::LeavingForfeits(self.figure_name(&self.need(&inner, Rule::figure_name)?))
            }
            Rule::leaving_loses_say => MembershipClause::LeavingLosesSay,
            Rule::leaving_pays => MembershipClause::LeavingPays(self.amount(&self.need(&inner, Rule::amount)?)?),
            Rule::expulsion_decided => MembershipClause::ExpulsionDecidedBy(self.decision_ref(&inner)?),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn proposal_clause(&self, clause: &P<'_>) -> Option<ProposalClause> {
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
                ProposalClause::Votes { choice, members: self.member_list(&self.need(&inner, Rule::member_list)?) }
            }
            Rule::casting_line => ProposalClause::CastingVote(if has(&inner, Rule::in_favour) {
                VoteChoice::InFavour
            } else {
                VoteChoice::Against
            }),
            Rule::reconvened_line => ProposalClause::Reconvened,
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn result_clause(&self, clause: &P<'_>) -> Option<ResultClause> {
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

    fn scenario_clause(&self, clause: &P<'_>) -> Option<ScenarioClause> {
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
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    fn expectation(&self, expectation: &P<'_>) -> Option<Expectation> {
        let inner = first_meaningful(expectation)?;
        Some(match inner.as_rule() {
            Rule::expect_finding => {
                let code = self.need(&inner, Rule::code_path)?;
                Expectation::Finding(self.spanned(&code, code.as_str().to_string()))
            }
            Rule::expect_unallocated => Expectation::Unallocated(self.amount(&self.need(&inner, Rule::amount)?)?),
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
                    _ => OutcomeWord::Invalid,
                };
                let detail = match find(&inner, Rule::outcome_detail) {
                    Some(d) => {
                        let d_inner = first_meaningful(&d)?;
                        let node = match d_inner.as_rule() {
                            Rule::escalated_to | Rule::to_body => {
                                OutcomeDetail::EscalatedTo(self.string_child(&d_inner)?)
                            }
                            Rule::casting_by => {
                                OutcomeDetail::CastingVoteOf(self.member_ref(&self.need(&d_inner, Rule::member_ref)?))
                            }
                            _ => {
                                let reason = self.need(&d_inner, Rule::reason)?;
                                OutcomeDetail::Because(match reason.as_str() {
                                    "no quorum" => InvalidReason::NoQuorum,
                                    "an unknown member voted" => InvalidReason::UnknownMemberVoted,
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

    fn rule(&self, rule: &P<'_>) -> Option<Spanned<Rule_>> {
        let span = self.span(rule);
        let mut parts = Vec::new();
        let mut first_and: Option<Span> = None;
        let mut first_or: Option<Span> = None;
        for child in children(rule) {
            match child.as_rule() {
                Rule::group => parts.push(self.rule(&self.need(&child, Rule::rule_expr)?)?),
                Rule::condition => parts.push(self.condition(&child)?),
                Rule::connective => {
                    if has(&child, Rule::and_kw) {
                        first_and.get_or_insert(self.span(&child));
                    } else {
                        first_or.get_or_insert(self.span(&child));
                    }
                }
                _ => {}
            }
        }
        let node = match (first_and, first_or) {
            (Some(and_at), Some(or_at)) => {
                self.report(SyntaxError::MixedAndOr { and_at: and_at.into(), or_at: or_at.into() });
                return None;
            }
            (Some(_), None) => Rule_::All(parts),
            (None, Some(_)) => Rule_::Any(parts),
            (None, None) => return parts.pop(),
        };
        Some(Spanned::new(node, span))
    }

    fn condition(&self, condition: &P<'_>) -> Option<Spanned<Rule_>> {
        let span = self.span(condition);
        let inner = first_meaningful(condition)?;
        let node = match inner.as_rule() {
            Rule::unanimous => Condition::Unanimous,
            Rule::every_condition => Condition::Every {
                kind: find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
                side: self.side(&self.need(&inner, Rule::side)?),
            },
            Rule::none_condition => Condition::NoMember {
                kind: find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
                side: self.side(&self.need(&inner, Rule::side)?),
            },
            Rule::half_plus_one => Condition::HalfPlusOne {
                base: self.base(&self.need(&inner, Rule::base)?),
                side: self.side(&self.need(&inner, Rule::side)?),
            },
            Rule::ambiguous_majority => {
                let word = self.need(&inner, Rule::majority_word)?;
                self.report(SyntaxError::AmbiguousMajority { at: self.span(&word).into() });
                return None;
            }
            Rule::threshold => Condition::Threshold {
                comparator: self.comparator(&self.need(&inner, Rule::comparator)?).node,
                proportion: self.proportion(&self.need(&inner, Rule::proportion)?)?,
                base: self.base(&self.need(&inner, Rule::base)?),
                side: self.side(&self.need(&inner, Rule::side)?),
            },
            Rule::count_condition => {
                let count = self.need(&inner, Rule::integer)?;
                let Ok(n) = count.as_str().parse::<u32>() else {
                    self.report(SyntaxError::NumberTooLarge {
                        text: count.as_str().to_string(),
                        at: self.span(&count).into(),
                    });
                    return None;
                };
                Condition::Count {
                    comparator: self.comparator(&self.need(&inner, Rule::comparator)?).node,
                    count: self.spanned(&count, n),
                    kind: find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
                    side: self.side(&self.need(&inner, Rule::side)?),
                }
            }
            Rule::bloc_condition => {
                let subject_pair = self.need(&inner, Rule::bloc_subject)?;
                let subject_inner = first_meaningful(&subject_pair)?;
                let subject = match subject_inner.as_rule() {
                    Rule::each_bloc => BlocSubject::Each,
                    _ => BlocSubject::Named(self.ident(&self.need(&subject_inner, Rule::ref_name)?)),
                };
                Condition::Bloc {
                    subject: self.spanned(&subject_pair, subject),
                    comparator: self.comparator(&self.need(&inner, Rule::comparator)?).node,
                    proportion: self.proportion(&self.need(&inner, Rule::proportion)?)?,
                    base: self.base(&self.need(&inner, Rule::bloc_base)?),
                }
            }
            Rule::member_condition => Condition::Member {
                member: self.member_ref(&self.need(&inner, Rule::member_ref)?),
                side: self.side(&self.need(&inner, Rule::side)?),
            },
            _ => {
                self.shape(&inner)?;
                return None;
            }
        };
        Some(Spanned::new(Rule_::Condition(node), span))
    }

    fn base(&self, base: &P<'_>) -> Base {
        let unit = if has(base, Rule::member_word) { Unit::Members } else { Unit::Votes };
        let scope = if has(base, Rule::cast) {
            Scope::Cast
        } else if has(base, Rule::present_base) || has(base, Rule::present_word) {
            Scope::Present
        } else {
            Scope::Eligible
        };
        Base { kind: find(base, Rule::kind_filter).map(|k| self.kind_filter(&k)), unit, scope }
    }

    fn side(&self, side: &P<'_>) -> Side {
        match first_meaningful(side).map(|p| p.as_rule()) {
            Some(Rule::in_favour) => Side::InFavour,
            Some(Rule::against) => Side::Against,
            Some(Rule::abstaining) => Side::Abstaining,
            _ => Side::Present,
        }
    }

    fn vote_choice(&self, choice: &P<'_>) -> VoteChoice {
        match first_meaningful(choice).map(|p| p.as_rule()) {
            Some(Rule::in_favour) => VoteChoice::InFavour,
            Some(Rule::against) => VoteChoice::Against,
            _ => VoteChoice::Abstaining,
        }
    }

    fn comparator(&self, comparator: &P<'_>) -> Spanned<Comparator> {
        let node = match first_meaningful(comparator).map(|p| p.as_rule()) {
            Some(Rule::at_least) => Comparator::AtLeast,
            Some(Rule::more_than) => Comparator::MoreThan,
            Some(Rule::at_most) => Comparator::AtMost,
            _ => Comparator::LessThan,
        };
        self.spanned(comparator, node)
    }

    fn weight_scheme(&self, scheme: &P<'_>) -> Option<Spanned<WeightScheme>> {
        let inner = first_meaningful(scheme)?;
        let node = match inner.as_rule() {
            Rule::one_member_one_vote => WeightScheme::OneMemberOneVote,
            Rule::committed_scheme => WeightScheme::Committed(if has(&inner, Rule::pool_scope) {
                CommitScope::Pool
            } else {
                CommitScope::Proposal
            }),
            Rule::proportional_scheme => {
                WeightScheme::Proportional(self.figure_name(&self.need(&inner, Rule::figure_name)?).node)
            }
            _ => WeightScheme::Explicit,
        };
        Some(self.spanned(scheme, node))
    }

    // ───────────── names and literals ─────────────

    fn ident(&self, pair: &P<'_>) -> Ident {
        self.spanned(pair, pair.as_str().to_string())
    }

    fn kind_filter(&self, pair: &P<'_>) -> Ident {
        self.ident(pair)
    }

    fn name_list(&self, list: &P<'_>) -> Vec<Ident> {
        children(list).iter().filter(|p| p.as_rule() == Rule::ref_name).map(|p| self.ident(p)).collect()
    }

    fn member_ref(&self, pair: &P<'_>) -> Spanned<MemberRef> {
        let node = match find(pair, Rule::role_ref) {
            Some(role) => {
                let role = match first_meaningful(&role).map(|p| p.as_rule()) {
                    Some(Rule::lead_provider) => Role::LeadProvider,
                    Some(Rule::chair_role) => Role::Chair,
                    _ => Role::Host,
                };
                MemberRef::Role(role)
            }
            None => MemberRef::Id(
                find(pair, Rule::ref_name).map_or_else(|| pair.as_str().to_string(), |n| n.as_str().to_string()),
            ),
        };
        self.spanned(pair, node)
    }

    fn member_list(&self, list: &P<'_>) -> Vec<Spanned<MemberRef>> {
        children(list).iter().filter(|p| p.as_rule() == Rule::member_ref).map(|p| self.member_ref(p)).collect()
    }

    fn figure_name(&self, pair: &P<'_>) -> Spanned<FigureName> {
        let node = match pair.as_str() {
            "budget" => FigureName::Budget,
            "allocation" => FigureName::Allocation,
            "equity" => FigureName::Equity,
            "risk share" => FigureName::RiskShare,
            "reserves" => FigureName::Reserves,
            "investment need" => FigureName::InvestmentNeed,
            "investment" => FigureName::Investment,
            "contribution" => FigureName::Contribution,
            "liability cap" => FigureName::LiabilityCap,
            _ => FigureName::Performance,
        };
        self.spanned(pair, node)
    }

    fn string(&self, pair: &P<'_>) -> Spanned<String> {
        let body = find(pair, Rule::string_body).map_or("", |b| b.as_str());
        self.spanned(pair, body.to_string())
    }

    fn string_child(&self, parent: &P<'_>) -> Option<Spanned<String>> {
        let s = self.need(parent, Rule::string)?;
        Some(self.string(&s))
    }

    fn decision_ref(&self, parent: &P<'_>) -> Option<Spanned<String>> {
        let r = self.need(parent, Rule::decision_ref)?;
        self.string_child(&r)
    }

    /// A decimal as written, commas checked and removed.
    fn decimal(&self, pair: &P<'_>) -> Option<Decimal> {
        self.decimal_text(pair.as_str(), self.span(pair))
    }

    fn decimal_text(&self, text: &str, span: Span) -> Option<Decimal> {
        let (whole, fraction) = text.split_once('.').map_or((text, None), |(w, f)| (w, Some(f)));
        if whole.contains(',') {
            let groups: Vec<&str> = whole.split(',').collect();
            let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
                && groups.iter().skip(1).all(|g| g.len() == 3);
            if !ok {
                let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
                let regrouped = group_thousands(&digits);
                let suggestion = match fraction {
                    Some(f) => format!("{regrouped}.{f}"),
                    None => regrouped,
                };
                self.report(SyntaxError::DigitGrouping {
                    text: text.to_string(),
                    at: span.into(),
                    help: format!("write `{suggestion}`, or leave the commas out"),
                });
                return None;
            }
        }
        let plain: String = text.chars().filter(|c| *c != ',').collect();
        match Decimal::from_str_exact(&plain) {
            Ok(value) => Some(value),
            Err(_) => {
                self.report(SyntaxError::NumberTooLarge { text: text.to_string(), at: span.into() });
                None
            }
        }
    }

    fn percent(&self, pair: &P<'_>) -> Option<Spanned<Decimal>> {
        let d = self.need(pair, Rule::decimal)?;
        let value = self.decimal(&d)?;
        Some(self.spanned(pair, value))
    }

    fn amount(&self, pair: &P<'_>) -> Option<Spanned<Amount>> {
        let d = self.need(pair, Rule::decimal)?;
        let mut value = self.decimal(&d)?;
        if let Some(m) = find(pair, Rule::magnitude) {
            let factor = match m.as_str() {
                "k" => Decimal::from(1_000),
                "m" => Decimal::from(1_000_000),
                _ => Decimal::from(1_000_000_000),
            };
            match value.checked_mul(factor) {
                Some(v) => value = v,
                None => {
                    self.report(SyntaxError::NumberTooLarge {
                        text: pair.as_str().to_string(),
                        at: self.span(pair).into(),
                    });
                    return None;
                }
            }
        }
        let currency = match (find(pair, Rule::currency_symbol), find(pair, Rule::currency_code)) {
            (Some(s), _) => self.spanned(&s, CurrencyMark::Symbol(s.as_str().chars().next().unwrap_or('£'))),
            (_, Some(c)) => self.spanned(&c, CurrencyMark::Code(c.as_str().to_string())),
            _ => {
                self.shape(pair)?;
                return None;
            }
        };
        Some(self.spanned(pair, Amount { value, currency }))
    }

    fn proportion(&self, pair: &P<'_>) -> Option<Spanned<Proportion>> {
        let inner = first_meaningful(pair)?;
        let hundred = Decimal::from(100);
        let node = match inner.as_rule() {
            Rule::percent => Proportion {
                numerator: self.percent(&inner)?.node,
                denominator: hundred,
                form: ProportionForm::Percent,
            },
            Rule::ratio => {
                let text = inner.as_str();
                let (n, d) = text.split_once('/')?;
                let span = self.span(&inner);
                let numerator = self.decimal_text(n, span)?;
                let denominator = self.decimal_text(d, span)?;
                if denominator.is_zero() {
                    self.report(SyntaxError::ZeroDenominator { text: text.to_string(), at: span.into() });
                    return None;
                }
                Proportion { numerator, denominator, form: ProportionForm::Ratio }
            }
            _ => {
                let (numerator, denominator) = match inner.as_str() {
                    "half" => (1, 2),
                    "two thirds" => (2, 3),
                    "three quarters" => (3, 4),
                    "one third" | "a third" => (1, 3),
                    _ => (1, 4),
                };
                Proportion {
                    numerator: Decimal::from(numerator),
                    denominator: Decimal::from(denominator),
                    form: ProportionForm::Words,
                }
            }
        };
        Some(self.spanned(pair, node))
    }

    fn date(&self, pair: &P<'_>) -> Option<Spanned<Date>> {
        let inner = first_meaningful(pair)?;
        let text = inner.as_str();
        let parsed = if inner.as_rule() == Rule::iso_date {
            let mut parts = text.split('-');
            let year = parts.next().and_then(|p| u16::from_str(p).ok());
            let month = parts.next().and_then(|p| u8::from_str(p).ok());
            let day = parts.next().and_then(|p| u8::from_str(p).ok());
            year.zip(month).zip(day).map(|((y, m), d)| (y, m, d))
        } else {
            let words: Vec<&str> = text.split_whitespace().collect();
            match words.as_slice() {
                [day, month, year] => {
                    // BOUND: `i` indexes the twelve months.
                    #[allow(clippy::arithmetic_side_effects)]
                    let month = MONTHS.iter().position(|m| m == month).and_then(|i| u8::try_from(i + 1).ok());
                    u16::from_str(year).ok().zip(month).zip(u8::from_str(day).ok()).map(|((y, m), d)| (y, m, d))
                }
                _ => None,
            }
        };
        match parsed.filter(|(y, m, d)| is_calendar_date(*y, *m, *d)) {
            Some((year, month, day)) => Some(self.spanned(pair, Date { year, month, day })),
            None => {
                self.report(SyntaxError::InvalidDate { text: text.to_string(), at: self.span(pair).into() });
                None
            }
        }
    }

    fn duration(&self, pair: &P<'_>) -> Option<Spanned<Duration>> {
        let count_pair = self.need(pair, Rule::integer)?;
        let Ok(count) = count_pair.as_str().parse::<u32>() else {
            self.report(SyntaxError::NumberTooLarge {
                text: count_pair.as_str().to_string(),
                at: self.span(&count_pair).into(),
            });
            return None;
        };
        let unit_text = self.need(pair, Rule::duration_unit)?.as_str().to_string();
        // `12 months' notice`, `1 month's notice`: the possessive is not part of the unit.
        let unit_text =
            unit_text.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']).to_string();
        let unit = match unit_text.as_str() {
            "working days" | "working day" => DurationUnit::WorkingDays,
            "days" | "day" => DurationUnit::Days,
            "weeks" | "week" => DurationUnit::Weeks,
            "months" | "month" => DurationUnit::Months,
            _ => DurationUnit::Years,
        };
        Some(self.spanned(pair, Duration { count, unit }))
    }
}

/// The tree's rule type, named apart from pest's `Rule`.
type Rule_ = super::ast::Rule;

fn is_calendar_date(year: u16, month: u8, day: u8) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && year >= 1900
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        // BOUND: `i` is the index of a character of `digits`, so it is below `digits.len()`.
        #[allow(clippy::arithmetic_side_effects)]
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        assert!(is_calendar_date(2024, 2, 29));
        assert!(!is_calendar_date(2026, 2, 29));
        assert!(!is_calendar_date(2026, 13, 1));
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands("4200000"), "4,200,000");
        assert_eq!(group_thousands("420"), "420");
    }
}
