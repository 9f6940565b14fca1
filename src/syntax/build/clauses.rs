//! Agreement, member, voting, bloc, decision and membership clauses.

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, has, Builder, P};

impl Builder {
    pub(super) fn agreement_clause(&self, clause: &P<'_>) -> Option<AgreementClause> {
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
            Rule::substitutes_clause => {
                AgreementClause::Substitutes(find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)))
            }
            Rule::proxies_clause => {
                AgreementClause::Proxies(find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)))
            }
            Rule::proxy_limit_clause => {
                let n = self.need(&inner, Rule::integer)?;
                let Ok(limit) = n.as_str().parse::<u32>() else {
                    self.shape(&inner)?;
                    return None;
                };
                AgreementClause::ProxyLimit(self.spanned(&n, limit))
            }
            Rule::office_clause => AgreementClause::Office(self.office_clause(&inner)?),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn member_clause(&self, clause: &P<'_>) -> Option<MemberClause> {
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
                let node = self.figure_value(&value)?.node;
                MemberClause::Figure { name: self.figure_name(&name), value: self.spanned(&value, node) }
            }
            Rule::designated_substitute => MemberClause::DesignatedSubstitute,
            Rule::drawn_from => MemberClause::DrawnFrom(self.string_child(&inner)?),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    /// A figure's value: an amount, a percentage, a fraction, a number of shares or a number.
    pub(super) fn figure_value(&self, value: &P<'_>) -> Option<crate::span::Spanned<FigureValue>> {
        let value_inner = first_meaningful(value)?;
        let node = match value_inner.as_rule() {
            Rule::amount => FigureValue::Amount(self.amount(&value_inner)?.node),
            Rule::percent => FigureValue::Percent(self.percent(&value_inner)?.node),
            Rule::ratio => {
                let text = value_inner.as_str();
                let span = self.span(&value_inner);
                let (n, d) = text.split_once('/')?;
                let numerator = self.decimal_text(n, span)?;
                let denominator = self.decimal_text(d, span)?;
                if denominator.is_zero() {
                    self.report(SyntaxError::ZeroDenominator { text: text.to_string(), at: span.into() });
                    return None;
                }
                FigureValue::Fraction { numerator, denominator }
            }
            Rule::share_count => {
                let digits = self.need(&value_inner, Rule::digits)?;
                FigureValue::Shares(self.decimal(&digits)?)
            }
            _ => FigureValue::Number(self.decimal(&value_inner)?),
        };
        Some(self.spanned(value, node))
    }

    pub(super) fn voting_clause(&self, clause: &P<'_>) -> Option<VotingClause> {
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

    pub(super) fn bloc_clause(&self, clause: &P<'_>) -> Option<BlocClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::bloc_members_of_kind => BlocClause::OfKind(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::bloc_members => BlocClause::Members(self.member_list(&self.need(&inner, Rule::member_list)?)),
            Rule::bloc_rule => BlocClause::Rule {
                comparator: self.comparator(&self.need(&inner, Rule::comparator)?),
                proportion: self.proportion(&self.need(&inner, Rule::proportion)?)?,
                base: self.base(&self.need(&inner, Rule::bloc_base)?),
            },
            Rule::bloc_casting => BlocClause::CastingVote(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn decision_clause(&self, clause: &P<'_>) -> Option<DecisionClause> {
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
            Rule::concerned_excluded => DecisionClause::ConcernedExcluded,
            Rule::opt_out_allowed => DecisionClause::OptOutAllowed,
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
                    loss: find(&inner, Rule::loss_condition).map(|s| self.spanned(&s, ())),
                }
            }
            Rule::casting_presiding_clause => DecisionClause::CastingVotePresiding,
            Rule::casting_office_clause => DecisionClause::CastingVoteOffice(
                self.ident(&self.need(&self.need(&inner, Rule::office_name)?, Rule::ref_name)?),
            ),
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
            Rule::default_clause => DecisionClause::Default(self.string_child(&inner)?),
            Rule::timed_escalation_clause
            | Rule::proposers_clause
            | Rule::proposer_rule_clause
            | Rule::meeting_callers_clause
            | Rule::postponement_clause
            | Rule::notice_clause
            | Rule::cure_clause => self.procedure_clause(&inner)?,
            Rule::effect_clause => DecisionClause::Effect(self.effect_clause(&inner)?),
            Rule::meetings_clause => self.meetings_clause(&inner)?,
            Rule::outside_clause => self.outside_clause(&inner)?,
            _ => {
                if let Some(clause) = self.matters_decision_clause(&inner) {
                    return clause;
                }
                self.shape(&inner)?;
                return None;
            }
        })
    }

    pub(super) fn membership_clause(&self, clause: &P<'_>) -> Option<MembershipClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::joining_decided => MembershipClause::JoiningDecidedBy(self.decision_ref(&inner)?),
            Rule::joining_accession => MembershipClause::JoiningAccession,
            Rule::leaving_notice => MembershipClause::LeavingNotice(
                self.duration(&self.need(&inner, Rule::duration)?)?,
                find(&inner, Rule::leaving_kind).and_then(|k| find(&k, Rule::ref_name)).map(|k| self.ident(&k)),
            ),
            Rule::leaving_decided => MembershipClause::LeavingDecidedBy(self.decision_ref(&inner)?),
            Rule::leaving_forfeit => MembershipClause::LeavingForfeits(
                self.figure_name(&self.need(&inner, Rule::figure_name)?),
                find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
            ),
            Rule::leaving_loses_say => MembershipClause::LeavingLosesSay,
            Rule::leaving_pays => MembershipClause::LeavingPays(
                self.amount(&self.need(&inner, Rule::amount)?)?,
                find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
            ),
            Rule::expulsion_decided => MembershipClause::ExpulsionDecidedBy(self.decision_ref(&inner)?),
            Rule::makeup_clause => MembershipClause::Makeup(self.makeup_clause(&inner)?),
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }
}
