//! Rules as formulas over yes/no variables: and / or of integer linear thresholds.
//!
//! Every condition Concord has (weighted thresholds, head counts, kind conditions, blocs, a
//! named member's consent, vetoes, ties) is a linear inequality over 0/1 variables once weights
//! are scaled to integers, so one shape covers them all: `Σ coefficient·x ≥ bound`, joined by
//! and / or. The engines (`weighted`, `bdd`) read only this.

use std::collections::BTreeMap;

/// `Σ coefficient·x[var] ≥ bound` over 0/1 variables. Coefficients may be negative.
///
/// Built only by [`Linear::at_least_zero`], which keeps the magnitudes of the coefficients
/// adding up to at most `i128::MAX`. So the sum of any of the terms fits an `i128`, and so does
/// the bound (it lies between the sum of the negative coefficients and that of the positive
/// ones, or the inequality would have folded to a constant): the engines add coefficients and
/// compare with the bound without overflow checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linear {
    terms: Vec<(u32, i128)>,
    bound: i128,
}

impl Linear {
    /// Builds the inequality `expr ≥ 0`, normalised: terms merged and divided by their common
    /// divisor, which keeps the same 0/1 solutions, and folded to a constant when no choice of
    /// votes can change it. Fails when the coefficients' magnitudes, so divided, add up to more
    /// than `i128::MAX`.
    pub fn at_least_zero(expr: &Affine) -> Result<Formula, Overflow> {
        let nonzero = || expr.terms.iter().filter(|(_, c)| **c != 0);
        let divisor = nonzero().fold(0u128, |g, (_, c)| num_integer::gcd(g, c.unsigned_abs())).max(1);
        let divisor = i128::try_from(divisor).map_err(|_| Overflow)?;
        let mut terms = Vec::new();
        let mut magnitude = 0i128;
        for (var, c) in nonzero() {
            // BOUND: `divisor` is at least 1 and divides `c`, so the quotient is exact and fits.
            #[allow(clippy::arithmetic_side_effects)]
            let c = c / divisor;
            magnitude = c.checked_abs().and_then(|m| magnitude.checked_add(m)).ok_or(Overflow)?;
            terms.push((*var, c));
        }
        // `Σ c·x ≥ −constant` ⇔ `Σ (c/g)·x ≥ ⌈−constant/g⌉ = −⌊constant/g⌋`. Only `−i128::MIN`
        // (with g = 1) does not fit, and no sum of the terms (at most `i128::MAX`) reaches it.
        let Some(bound) = expr.constant.checked_div_euclid(divisor).and_then(i128::checked_neg) else {
            return Ok(Formula::Const(false));
        };
        // BOUND: the negative coefficients and the positive ones each add up to at most
        // `magnitude`, which fits an `i128`.
        #[allow(clippy::arithmetic_side_effects)]
        let (min, max) =
            terms.iter().fold((0i128, 0i128), |(lo, hi), (_, c)| if *c < 0 { (lo + c, hi) } else { (lo, hi + c) });
        if bound <= min {
            return Ok(Formula::Const(true));
        }
        if bound > max {
            return Ok(Formula::Const(false));
        }
        Ok(Formula::Linear(Linear { terms, bound }))
    }

    /// `(variable, coefficient)`, one entry per variable, sorted by variable, no zero coefficient.
    pub fn terms(&self) -> &[(u32, i128)] {
        &self.terms
    }

    /// The bound the sum must reach.
    pub fn bound(&self) -> i128 {
        self.bound
    }

    /// Whether the inequality holds for `assignment` (indexed by variable).
    pub fn holds(&self, assignment: &[bool]) -> bool {
        // Cannot overflow: any sum of the terms fits an `i128` (see the type's invariant).
        let sum: i128 = self
            .terms
            .iter()
            .filter(|(v, _)| assignment.get(*v as usize).copied().unwrap_or(false))
            .map(|(_, c)| c)
            .sum();
        sum >= self.bound
    }
}

/// A rule over 0/1 variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formula {
    /// Always or never holds.
    Const(bool),
    /// One linear threshold.
    Linear(Linear),
    /// Every part holds.
    And(Vec<Formula>),
    /// Some part holds.
    Or(Vec<Formula>),
}

impl Formula {
    /// Every part, simplified: constants folded, nested ands flattened.
    pub fn and(parts: Vec<Formula>) -> Formula {
        let mut out = Vec::new();
        for part in parts {
            match part {
                Formula::Const(true) => {}
                Formula::Const(false) => return Formula::Const(false),
                Formula::And(inner) => out.extend(inner),
                other => out.push(other),
            }
        }
        match out.len() {
            0 => Formula::Const(true),
            1 => out.pop().unwrap_or(Formula::Const(true)),
            _ => Formula::And(out),
        }
    }

    /// Some part, simplified: constants folded, nested ors flattened.
    pub fn or(parts: Vec<Formula>) -> Formula {
        let mut out = Vec::new();
        for part in parts {
            match part {
                Formula::Const(false) => {}
                Formula::Const(true) => return Formula::Const(true),
                Formula::Or(inner) => out.extend(inner),
                other => out.push(other),
            }
        }
        match out.len() {
            0 => Formula::Const(false),
            1 => out.pop().unwrap_or(Formula::Const(false)),
            _ => Formula::Or(out),
        }
    }

    /// The formula that holds exactly when this one does not (De Morgan; over integers,
    /// `¬(Σ c·x ≥ b)` is `Σ −c·x ≥ 1 − b`).
    pub fn negated(&self) -> Result<Formula, Overflow> {
        Ok(match self {
            Formula::Const(b) => Formula::Const(!b),
            Formula::Linear(l) => {
                let mut e = Affine::constant(l.bound.checked_sub(1).ok_or(Overflow)?);
                for (var, c) in &l.terms {
                    e.terms.insert(*var, c.checked_neg().ok_or(Overflow)?);
                }
                Linear::at_least_zero(&e)?
            }
            Formula::And(parts) => Formula::or(parts.iter().map(Formula::negated).collect::<Result<_, _>>()?),
            Formula::Or(parts) => Formula::and(parts.iter().map(Formula::negated).collect::<Result<_, _>>()?),
        })
    }

    /// Whether the formula holds for `assignment` (indexed by variable).
    pub fn holds(&self, assignment: &[bool]) -> bool {
        match self {
            Formula::Const(b) => *b,
            Formula::Linear(l) => l.holds(assignment),
            Formula::And(parts) => parts.iter().all(|p| p.holds(assignment)),
            Formula::Or(parts) => parts.iter().any(|p| p.holds(assignment)),
        }
    }
}

/// An integer affine expression over 0/1 variables: `constant + Σ coefficient·x[var]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affine {
    /// The constant part.
    pub constant: i128,
    /// Coefficients by variable.
    pub terms: BTreeMap<u32, i128>,
}

/// Arithmetic on scaled weights left the range Concord computes exactly in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

impl Affine {
    /// A constant.
    pub fn constant(value: i128) -> Affine {
        Affine { constant: value, terms: BTreeMap::new() }
    }

    /// One variable.
    pub fn var(var: u32) -> Affine {
        let mut terms = BTreeMap::new();
        terms.insert(var, 1);
        Affine { constant: 0, terms }
    }

    /// `self + factor·other`.
    pub fn add_scaled(&mut self, other: &Affine, factor: i128) -> Result<(), Overflow> {
        let c = other.constant.checked_mul(factor).ok_or(Overflow)?;
        self.constant = self.constant.checked_add(c).ok_or(Overflow)?;
        for (var, coefficient) in &other.terms {
            let add = coefficient.checked_mul(factor).ok_or(Overflow)?;
            let slot = self.terms.entry(*var).or_insert(0);
            *slot = slot.checked_add(add).ok_or(Overflow)?;
        }
        Ok(())
    }

    /// `factor·self`.
    pub fn scaled(&self, factor: i128) -> Result<Affine, Overflow> {
        let mut out = Affine::default();
        out.add_scaled(self, factor)?;
        Ok(out)
    }

    /// `self + value`.
    pub fn add_constant(&mut self, value: i128) -> Result<(), Overflow> {
        self.constant = self.constant.checked_add(value).ok_or(Overflow)?;
        Ok(())
    }

    /// The smallest value the expression can take.
    pub fn min(&self) -> i128 {
        self.constant.saturating_add(self.terms.values().filter(|c| **c < 0).fold(0i128, |a, c| a.saturating_add(*c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_solutions() {
        // 3x + 6y ≥ 4  ⇔  x + 2y ≥ 2 (ceil(4/3))
        let mut e = Affine::constant(-4);
        e.add_scaled(&Affine::var(0), 3).unwrap();
        e.add_scaled(&Affine::var(1), 6).unwrap();
        let f = Linear::at_least_zero(&e).unwrap();
        assert_eq!(f, Formula::Linear(Linear { terms: vec![(0, 1), (1, 2)], bound: 2 }));
        for bits in 0..4u8 {
            let a = [bits & 1 == 1, bits & 2 == 2];
            let direct = 3 * i128::from(a[0]) + 6 * i128::from(a[1]) >= 4;
            assert_eq!(f.holds(&a), direct);
        }
        // −3x − 6y ≥ −4  ⇔  −x − 2y ≥ −1 (ceil(−4/3))
        let mut e = Affine::constant(4);
        e.add_scaled(&Affine::var(0), -3).unwrap();
        e.add_scaled(&Affine::var(1), -6).unwrap();
        let f = Linear::at_least_zero(&e).unwrap();
        assert_eq!(f, Formula::Linear(Linear { terms: vec![(0, -1), (1, -2)], bound: -1 }));
    }

    #[test]
    fn coefficients_too_large_to_add_up_are_refused() {
        // Each coefficient fits an i128, but the two together do not: the sum used to overflow
        // (a panic in a debug build, a wrong constant in a release build).
        let big = i128::MAX / 3 * 2;
        let mut e = Affine::constant(-big);
        e.add_scaled(&Affine::var(0), big).unwrap();
        e.add_scaled(&Affine::var(1), big + 1).unwrap();
        assert_eq!(Linear::at_least_zero(&e), Err(Overflow));
        // Divided by their common divisor first, they fit.
        let mut e = Affine::constant(-big);
        e.add_scaled(&Affine::var(0), big).unwrap();
        e.add_scaled(&Affine::var(1), big).unwrap();
        assert_eq!(Linear::at_least_zero(&e), Ok(Formula::Linear(Linear { terms: vec![(0, 1), (1, 1)], bound: 1 })));
        // Nothing can reach −i128::MIN.
        let mut e = Affine::constant(i128::MIN);
        e.add_scaled(&Affine::var(0), i128::MAX).unwrap();
        assert_eq!(Linear::at_least_zero(&e), Ok(Formula::Const(false)));
    }

    #[test]
    fn trivial_inequalities_fold_to_constants() {
        assert_eq!(Linear::at_least_zero(&Affine::constant(0)), Ok(Formula::Const(true)));
        assert_eq!(Linear::at_least_zero(&Affine::constant(-1)), Ok(Formula::Const(false)));
    }
}
