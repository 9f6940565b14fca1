//! Rules as formulas over yes/no variables: and / or of integer linear thresholds.
//!
//! Every condition Concord has (weighted thresholds, head counts, kind conditions, blocs, a
//! named member's consent, vetoes, ties) is a linear inequality over 0/1 variables once weights
//! are scaled to integers, so one shape covers them all: `Σ coefficient·x ≥ bound`, joined by
//! and / or. The engines (`weighted`, `bdd`) read only this.

// TODO(arithmetic): 5 unchecked arithmetic sites remain here; make them checked or prove their bounds.
#![allow(clippy::arithmetic_side_effects)]

use std::collections::BTreeMap;

/// `Σ coefficient·x[var] ≥ bound` over 0/1 variables. Coefficients may be negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linear {
    /// `(variable, coefficient)`, one entry per variable, sorted by variable, no zero coefficient.
    pub terms: Vec<(u32, i128)>,
    /// The bound the sum must reach.
    pub bound: i128,
}

impl Linear {
    /// Builds the inequality `expr ≥ 0`, normalised (terms merged and divided by their common
    /// divisor, which keeps the same 0/1 solutions).
    pub fn at_least_zero(expr: &Affine) -> Formula {
        let terms: Vec<(u32, i128)> = expr.terms.iter().filter(|(_, c)| **c != 0).map(|(v, c)| (*v, *c)).collect();
        let Some(bound) = expr.constant.checked_neg() else { return Formula::Const(false) };
        let lin = Linear { terms, bound };
        lin.normalised()
    }

    fn normalised(mut self) -> Formula {
        let min: i128 = self.terms.iter().map(|(_, c)| (*c).min(0)).sum();
        let max: i128 = self.terms.iter().map(|(_, c)| (*c).max(0)).sum();
        if self.bound <= min {
            return Formula::Const(true);
        }
        if self.bound > max {
            return Formula::Const(false);
        }
        let g = self.terms.iter().fold(0i128, |g, (_, c)| gcd(g, c.abs()));
        if g > 1 {
            for term in &mut self.terms {
                term.1 /= g;
            }
            self.bound = div_ceil(self.bound, g);
        }
        Formula::Linear(self)
    }

    /// Whether the inequality holds for `assignment` (indexed by variable).
    pub fn holds(&self, assignment: &[bool]) -> bool {
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

    /// The smallest value the expression can take.
    pub fn min(&self) -> i128 {
        self.constant.saturating_add(self.terms.values().filter(|c| **c < 0).fold(0i128, |a, c| a.saturating_add(*c)))
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && ((a > 0) == (b > 0)) {
        q + 1
    } else {
        q
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
        let f = Linear::at_least_zero(&e);
        assert_eq!(f, Formula::Linear(Linear { terms: vec![(0, 1), (1, 2)], bound: 2 }));
        for bits in 0..4u8 {
            let a = [bits & 1 == 1, bits & 2 == 2];
            let direct = 3 * i128::from(a[0]) + 6 * i128::from(a[1]) >= 4;
            assert_eq!(f.holds(&a), direct);
        }
    }

    #[test]
    fn trivial_inequalities_fold_to_constants() {
        assert_eq!(Linear::at_least_zero(&Affine::constant(0)), Formula::Const(true));
        assert_eq!(Linear::at_least_zero(&Affine::constant(-1)), Formula::Const(false));
    }
}
