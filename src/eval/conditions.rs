//! The conditions of a rule (or quorum), each measured and compared exactly, and how they
//! combine.
//!
//! In: the evaluation's [`Context`] (who votes, weights, ballots). Out: a [`RuleResult`] with
//! every condition in the order written and the and/or tree of their results. Every condition
//! is evaluated, even when the result is already known, so that each one is reported.

use rust_decimal::Decimal;

use super::context::{Context, Filter};
use super::tally::{self, Comparison, Relation, Tally, TooLarge};
use super::{
    BaseSize, BlocMeasure, Combination, ConditionKind, ConditionResult, Measure, MemberTest, MembershipOut, NotCounted,
    ProportionOut, QuorumSource, Requirement, RuleResult,
};
use crate::model::{
    Base, Bloc, BlocSelection, Comparator, Condition, KindId, MembershipShare, Proportion, Rule, Scope, Side, Unit,
};
use crate::results::terms::Term;
use crate::span::{Span, Spanned};

impl Context<'_> {
    pub(super) fn rule_result(
        &self,
        rule: &Spanned<Rule>,
        source: Option<QuorumSource>,
    ) -> Result<RuleResult, TooLarge> {
        let mut conditions = Vec::new();
        let combination = self.combine(rule, &mut conditions)?;
        Ok(RuleResult {
            place: self.place(rule.span),
            from: None,
            until: None,
            source,
            reconvened: None,
            chosen: None,
            held: combination.held(),
            conditions,
            combination,
        })
    }

    /// Evaluates every condition (no short cut, so each is reported) in the order written.
    fn combine(&self, rule: &Spanned<Rule>, out: &mut Vec<ConditionResult>) -> Result<Combination, TooLarge> {
        Ok(match &rule.node {
            Rule::Condition(condition) => {
                // BOUND: `out` holds one result per condition before this one, fewer than `usize::MAX`.
                #[allow(clippy::arithmetic_side_effects)]
                let number = out.len() + 1;
                let result = self.condition(number, condition, rule.span)?;
                let held = result.held;
                out.push(result);
                Combination::Condition { number, held }
            }
            Rule::All(parts) => {
                let parts = parts.iter().map(|p| self.combine(p, out)).collect::<Result<Vec<_>, _>>()?;
                let held = parts.iter().all(Combination::held);
                Combination::All { parts, held }
            }
            Rule::Any(parts) => {
                let parts = parts.iter().map(|p| self.combine(p, out)).collect::<Result<Vec<_>, _>>()?;
                let held = parts.iter().any(Combination::held);
                Combination::Any { parts, held }
            }
        })
    }

    fn condition(&self, number: usize, condition: &Condition, span: Span) -> Result<ConditionResult, TooLarge> {
        let mut result = ConditionResult {
            number,
            kind: ConditionKind::Unanimous,
            place: self.place(span),
            held: false,
            measure: None,
            blocs: Vec::new(),
            positions: Vec::new(),
            member: None,
        };
        let measure = match condition {
            Condition::Unanimous => self.every(None, Side::InFavour),
            Condition::Every { kind, side } => {
                result.kind = ConditionKind::Every;
                self.every(*kind, *side)
            }
            Condition::NoMember { kind, side } => {
                result.kind = ConditionKind::NoMember;
                self.no_member(*kind, *side)
            }
            Condition::HalfPlusOne { base, side } => {
                result.kind = ConditionKind::HalfPlusOne;
                self.half_plus_one(base, *side)?
            }
            Condition::Threshold { comparator, proportion, base, side } => {
                result.kind = ConditionKind::Threshold;
                self.threshold(Self::filter(base.kind), base, *side, *comparator, proportion)?
            }
            Condition::Count { comparator, count, kind, side, share } => {
                result.kind = ConditionKind::Count;
                let mut measure = self.count(*comparator, count.node, *kind, *side);
                measure.1.requirement.membership = share.as_ref().map(membership_out);
                measure
            }
            Condition::Bloc { blocs, comparator, proportion, base } => {
                result.kind = ConditionKind::Bloc;
                let selected: Vec<&Bloc> = match blocs {
                    BlocSelection::Each => self.agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                };
                for bloc in selected {
                    let measure = self.threshold(Filter::Bloc(bloc), base, Side::InFavour, *comparator, proportion)?;
                    let (key, name) = self.bloc_names(bloc);
                    result.blocs.push(BlocMeasure { bloc: key, name, held: measure.0, measure: measure.1 });
                }
                result.held = !result.blocs.is_empty() && result.blocs.iter().all(|b| b.held);
                return Ok(result);
            }
            Condition::BlocPosition { blocs } => {
                result.kind = ConditionKind::BlocPosition;
                let selected: Vec<&Bloc> = match blocs {
                    BlocSelection::Each => self.agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                };
                for bloc in selected {
                    result.positions.push(self.bloc_position(bloc)?);
                }
                result.held = !result.positions.is_empty()
                    && result.positions.iter().all(|p| p.position == super::Position::InFavour);
                return Ok(result);
            }
            Condition::Member { member, side } => {
                result.kind = ConditionKind::Member;
                let eligible = self.eligible(*member);
                let vote = self.ballot(*member);
                result.held = eligible && vote.is_on(*side);
                result.member = Some(MemberTest { member: self.key(*member), side: *side, vote, eligible });
                return Ok(result);
            }
        };
        result.held = measure.0;
        result.measure = Some(measure.1);
        Ok(result)
    }

    fn measure(
        &self,
        unit: Unit,
        kind: Option<KindId>,
        side: Side,
        tally: Tally,
        not_counted: Vec<NotCounted>,
    ) -> Measure {
        Measure {
            unit,
            kind: kind.map(|k| self.kind_key(k)),
            side,
            counted: tally.on(side),
            tally,
            not_counted,
            base: None,
            requirement: Requirement {
                relation: Relation::Equals,
                proportion: None,
                count: None,
                membership: None,
                plus: None,
                required: Decimal::ZERO,
                required_exact: true,
                comparison: Comparison::new(Decimal::ZERO, Relation::Equals, Decimal::ZERO),
                empty_base: false,
            },
        }
    }

    /// `every [K] member SIDE` (and `unanimous`): everyone eligible on the side; fails when
    /// nobody is eligible.
    fn every(&self, kind: Option<KindId>, side: Side) -> (bool, Measure) {
        let (tally, not_counted) = self.tally(Self::filter(kind), Unit::Members);
        let mut measure = self.measure(Unit::Members, kind, side, tally, not_counted);
        let base = tally.eligible();
        measure.base = Some(BaseSize { scope: Scope::Eligible, size: base });
        measure.requirement.required = base;
        measure.requirement.comparison = Comparison::new(measure.counted, Relation::Equals, base);
        measure.requirement.empty_base = base.is_zero();
        (measure.requirement.comparison.holds && !base.is_zero(), measure)
    }

    /// `no [K] member SIDE`: nobody eligible on the side.
    fn no_member(&self, kind: Option<KindId>, side: Side) -> (bool, Measure) {
        let (tally, not_counted) = self.tally(Self::filter(kind), Unit::Members);
        let mut measure = self.measure(Unit::Members, kind, side, tally, not_counted);
        measure.requirement.comparison = Comparison::new(measure.counted, Relation::Equals, Decimal::ZERO);
        (measure.requirement.comparison.holds, measure)
    }

    /// `CMP N [K] members SIDE`: a head count.
    fn count(&self, comparator: Comparator, count: u32, kind: Option<KindId>, side: Side) -> (bool, Measure) {
        let (tally, not_counted) = self.tally(Self::filter(kind), Unit::Members);
        let mut measure = self.measure(Unit::Members, kind, side, tally, not_counted);
        let relation = Relation::of(comparator);
        let required = Decimal::from(count);
        measure.requirement.relation = relation;
        measure.requirement.count = Some(count);
        measure.requirement.required = required;
        measure.requirement.comparison = Comparison::new(measure.counted, relation, required);
        (measure.requirement.comparison.holds, measure)
    }

    /// `half the BASE plus one SIDE`: at least half the base plus one vote.
    fn half_plus_one(&self, base: &Base, side: Side) -> Result<(bool, Measure), TooLarge> {
        let (tally, not_counted) = self.tally(Self::filter(base.kind), base.unit);
        let mut measure = self.measure(base.unit, base.kind, side, tally, not_counted);
        let size = tally.base(base.scope);
        let one = match base.unit {
            Unit::Members => Decimal::ONE,
            Unit::Votes => self.one_vote,
        };
        let comparison = tally::half_plus_one(measure.counted, size, one)?;
        let required = size.checked_div(Decimal::TWO).and_then(|half| half.checked_add(one)).ok_or(TooLarge)?;
        measure.base = Some(BaseSize { scope: base.scope, size });
        measure.requirement = Requirement {
            relation: Relation::AtLeast,
            proportion: None,
            count: None,
            membership: None,
            plus: Some(one),
            required: required.normalize(),
            required_exact: true,
            comparison,
            empty_base: size.is_zero(),
        };
        // An empty base carries nothing (`0 ≥ 0 + 0` with every weight zero is not a majority).
        Ok((comparison.holds && !size.is_zero(), measure))
    }

    /// `CMP P of BASE SIDE`, within the members a filter selects.
    pub(super) fn threshold(
        &self,
        filter: Filter<'_>,
        base: &Base,
        side: Side,
        comparator: Comparator,
        proportion: &Spanned<Proportion>,
    ) -> Result<(bool, Measure), TooLarge> {
        let (tally, not_counted) = self.tally(filter, base.unit);
        let kind = match filter {
            Filter::Kind(k) => Some(k),
            _ => None,
        };
        let mut measure = self.measure(base.unit, kind, side, tally, not_counted);
        let size = tally.base(base.scope);
        let relation = Relation::of(comparator);
        let (numerator, denominator) = (proportion.node.numerator, proportion.node.denominator);
        let comparison = tally::proportion(measure.counted, relation, numerator, denominator, size)?;
        let (required, required_exact) = tally::required(numerator, denominator, size).ok_or(TooLarge)?;
        let empty_base = size.is_zero();
        let held =
            if empty_base { matches!(relation, Relation::AtMost | Relation::FewerThan) } else { comparison.holds };
        measure.base = Some(BaseSize { scope: base.scope, size });
        measure.requirement = Requirement {
            relation,
            proportion: Some(ProportionOut { text: self.place(proportion.span).text, numerator, denominator }),
            count: None,
            membership: None,
            plus: None,
            required,
            required_exact,
            comparison,
            empty_base,
        };
        Ok((held, measure))
    }
}

/// The working of a count written as a share of the membership.
fn membership_out(share: &MembershipShare) -> MembershipOut {
    let p = &share.proportion;
    let product = p.numerator.checked_mul(Decimal::from(share.membership));
    let value = product.and_then(|n| n.checked_div(p.denominator)).unwrap_or(Decimal::MAX);
    let value_exact = product.zip(value.checked_mul(p.denominator)).is_some_and(|(n, back)| n == back);
    MembershipOut {
        share: Term(*p),
        membership: share.membership,
        value: value.round_dp(2).normalize(),
        value_exact,
        rounding: Term(share.rounding),
    }
}
