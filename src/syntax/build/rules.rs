//! Rules and their conditions: bases, sides, comparators and weight schemes.

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, has, Builder, Rule_, P};
use crate::span::{Span, Spanned};

impl Builder {
    pub(super) fn rule(&self, rule: &P<'_>) -> Option<Spanned<Rule_>> {
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

    pub(super) fn condition(&self, condition: &P<'_>) -> Option<Spanned<Rule_>> {
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
            Rule::membership_condition => {
                let Some(rounding) = find(&inner, Rule::rounding) else {
                    let membership = self.need(&inner, Rule::k_membership)?;
                    self.report(SyntaxError::RoundedCount {
                        at: self.span(&inner).into(),
                        membership: self.span(&membership).into(),
                    });
                    return None;
                };
                Condition::Membership {
                    comparator: self.comparator(&self.need(&inner, Rule::comparator)?).node,
                    proportion: self.proportion(&self.need(&inner, Rule::proportion)?)?,
                    side: find(&inner, Rule::side).map_or(Side::Present, |s| self.side(&s)),
                    rounding: if has(&rounding, Rule::rounded_up) { Rounding::Up } else { Rounding::Down },
                }
            }
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
            Rule::bloc_position => {
                Condition::BlocPosition { subject: self.bloc_subject(&self.need(&inner, Rule::bloc_subject)?)? }
            }
            Rule::bloc_condition => {
                let subject_pair = self.need(&inner, Rule::bloc_subject)?;
                Condition::Bloc {
                    subject: self.bloc_subject(&subject_pair)?,
                    comparator: self.comparator(&self.need(&inner, Rule::comparator)?).node,
                    proportion: self.proportion(&self.need(&inner, Rule::proportion)?)?,
                    base: self.base(&self.need(&inner, Rule::bloc_base)?),
                }
            }
            Rule::represented_condition => Condition::Represented { blocs: has(&inner, Rule::bloc_word) },
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

    /// `each bloc` or `the ID bloc`.
    pub(super) fn bloc_subject(&self, subject_pair: &P<'_>) -> Option<crate::span::Spanned<BlocSubject>> {
        let subject_inner = first_meaningful(subject_pair)?;
        let subject = match subject_inner.as_rule() {
            Rule::each_bloc => BlocSubject::Each,
            _ => BlocSubject::Named(self.ident(&self.need(&subject_inner, Rule::ref_name)?)),
        };
        Some(self.spanned(subject_pair, subject))
    }

    pub(super) fn base(&self, base: &P<'_>) -> Base {
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

    pub(super) fn side(&self, side: &P<'_>) -> Side {
        match first_meaningful(side).map(|p| p.as_rule()) {
            Some(Rule::in_favour) => Side::InFavour,
            Some(Rule::against) => Side::Against,
            Some(Rule::abstaining) => Side::Abstaining,
            Some(Rule::voting_side) => Side::Voting,
            _ => Side::Present,
        }
    }

    pub(super) fn vote_choice(&self, choice: &P<'_>) -> VoteChoice {
        match first_meaningful(choice).map(|p| p.as_rule()) {
            Some(Rule::in_favour) => VoteChoice::InFavour,
            Some(Rule::against) => VoteChoice::Against,
            _ => VoteChoice::Abstaining,
        }
    }

    pub(super) fn comparator(&self, comparator: &P<'_>) -> Spanned<Comparator> {
        let node = match first_meaningful(comparator).map(|p| p.as_rule()) {
            Some(Rule::at_least) => Comparator::AtLeast,
            Some(Rule::more_than) => Comparator::MoreThan,
            Some(Rule::at_most) => Comparator::AtMost,
            _ => Comparator::LessThan,
        };
        self.spanned(comparator, node)
    }

    pub(super) fn weight_scheme(&self, scheme: &P<'_>) -> Option<Spanned<WeightScheme>> {
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
}
