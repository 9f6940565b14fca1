//! The exact comparisons a rule's formula is built from: a threshold `T CMP P·B` over integer
//! tallies, a tie tipped in favour by a vanishing margin, weights scaled to integers, and whether
//! a decision's outcome can depend on attendance.

use rust_decimal::Decimal;

use super::formula::{Affine, Formula, Linear, Overflow};
use crate::model::{Comparator, Condition, Decision, Proportion, Rule, Scope, Side, TimedRule, VetoHolder};
use crate::span::Spanned;

/// Why a rule could not be turned into a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileError {
    /// Votes weigh by the budget committed to each proposal, unknown without one.
    WeightsUnknown,
    /// The scaled weights do not fit the exact integer range.
    Overflow,
    /// The casting vote is the person presiding's, or an office's, and no meeting says who
    /// holds it (see [`super::casting`]).
    CastingHolderUnknown,
}

impl From<Overflow> for CompileError {
    fn from(_: Overflow) -> CompileError {
        CompileError::Overflow
    }
}

/// `e + k·ε CMP 0` for a vanishing ε > 0 and an integer `e`: `e CMP 0` unless `e = 0`, when the
/// sign of `k` decides (`k = 0`: `0 CMP 0`).
pub(super) fn tipped(comparator: Comparator, e: &Affine, k: i128) -> Result<Formula, CompileError> {
    // Over integers: e + kε ≥ 0 ⇔ e ≥ 0 (k ≥ 0) or e ≥ 1 (k < 0); e + kε > 0 ⇔ e ≥ 0 (k > 0)
    // or e ≥ 1 (k ≤ 0); ≤ and < are the mirror images.
    let at_least = |min: i128| -> Result<Formula, CompileError> {
        let mut x = e.clone();
        x.add_scaled(&Affine::constant(min), -1)?;
        Ok(Linear::at_least_zero(&x)?)
    };
    let at_most = |max: i128| -> Result<Formula, CompileError> {
        let mut x = e.scaled(-1)?;
        x.add_constant(max)?;
        Ok(Linear::at_least_zero(&x)?)
    };
    match comparator {
        Comparator::AtLeast => at_least(if k >= 0 { 0 } else { 1 }),
        Comparator::MoreThan => at_least(if k > 0 { 0 } else { 1 }),
        Comparator::AtMost => at_most(if k <= 0 { 0 } else { -1 }),
        Comparator::LessThan => at_most(if k < 0 { 0 } else { -1 }),
    }
}

/// `T CMP P·B`, with the empty-base rule: `at least` and `more than` fail on an empty base,
/// `at most` and `fewer than` hold.
pub(super) fn threshold(
    comparator: Comparator,
    proportion: &Proportion,
    t: &Affine,
    b: &Affine,
) -> Result<Formula, CompileError> {
    let [num, den] = scale_to_integers(&[proportion.numerator, proportion.denominator])?
        .try_into()
        .map_err(|_| CompileError::Overflow)?;
    let mut e = t.scaled(den)?;
    e.add_scaled(b, num.checked_neg().ok_or(Overflow)?)?;
    let base_can_be_empty = b.min() <= 0;
    let mut nonempty = b.clone();
    nonempty.add_constant(-1)?;
    Ok(match comparator {
        Comparator::AtLeast => {
            let holds = Linear::at_least_zero(&e)?;
            if base_can_be_empty {
                Formula::and(vec![holds, Linear::at_least_zero(&nonempty)?])
            } else {
                holds
            }
        }
        Comparator::MoreThan => {
            e.add_constant(-1)?;
            Linear::at_least_zero(&e)?
        }
        Comparator::AtMost => Linear::at_least_zero(&e.scaled(-1)?)?,
        Comparator::LessThan => {
            let mut strict = e.scaled(-1)?;
            strict.add_constant(-1)?;
            let holds = Linear::at_least_zero(&strict)?;
            if base_can_be_empty {
                Formula::or(vec![holds, Linear::at_least_zero(&b.scaled(-1)?)?])
            } else {
                holds
            }
        }
    })
}

/// Exact decimals as integers in the same ratios: multiplied by a common power of ten, then
/// divided by their common divisor.
pub fn scale_to_integers(values: &[Decimal]) -> Result<Vec<i128>, Overflow> {
    let scale = values.iter().map(|v| v.scale()).max().unwrap_or(0);
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        // BOUND: `scale` is the largest of the scales, so at least this one.
        #[allow(clippy::arithmetic_side_effects)]
        let factor = 10i128.checked_pow(scale - v.scale()).ok_or(Overflow)?;
        out.push(v.mantissa().checked_mul(factor).ok_or(Overflow)?);
    }
    // A divisor past `i128::MAX` (every value `i128::MIN`) is left undivided.
    let g = i128::try_from(out.iter().fold(0u128, |g, v| num_integer::gcd(g, v.unsigned_abs()))).unwrap_or(1);
    if g > 1 {
        for v in &mut out {
            // BOUND: `g` is more than 1 and divides `v`, so the quotient is exact and fits.
            #[allow(clippy::arithmetic_side_effects)]
            {
                *v /= g;
            }
        }
    }
    Ok(out)
}

/// Whether the decision's outcome can depend on who abstains or stays away: a base of votes
/// cast or members present, an `abstaining` or `present` side, a bloc veto, or a tie.
pub fn depends_on_attendance(decision: &Decision, quorum: Option<&Spanned<Rule>>, rule: &TimedRule) -> bool {
    let condition_depends = |c: &Condition| match c {
        Condition::Unanimous => false,
        Condition::Every { side, .. } | Condition::NoMember { side, .. } | Condition::Member { side, .. } => {
            matches!(side, Side::Abstaining | Side::Present | Side::Voting)
        }
        Condition::Count { side, .. } => matches!(side, Side::Abstaining | Side::Present | Side::Voting),
        Condition::HalfPlusOne { base, side } | Condition::Threshold { base, side, .. } => {
            base.scope != Scope::Eligible || matches!(side, Side::Abstaining | Side::Present | Side::Voting)
        }
        Condition::Bloc { base, .. } => base.scope != Scope::Eligible,
        // A bloc's own rule may count its votes cast (the default does).
        Condition::BlocPosition { .. } => true,
    };
    let rule_depends = |r: &Spanned<Rule>| {
        crate::model::conditions(r).iter().any(|c| matches!(&c.node, Rule::Condition(c) if condition_depends(c)))
    };
    rule_depends(&rule.rule)
        || quorum.is_some_and(rule_depends)
        || decision.casting_vote.is_some()
        || decision.casting_presiding.is_some()
        || decision.casting_office.is_some()
        || decision.vetoes.iter().any(|v| matches!(v.holder, VetoHolder::Bloc(_)) && v.unconditional())
}
