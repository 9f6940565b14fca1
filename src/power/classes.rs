//! Interchangeable members counted together.
//!
//! Two players are interchangeable when every threshold of the rule gives them the same
//! coefficient: swapping their votes never changes the outcome. Players fall into classes of
//! interchangeable ones, and a coalition matters only through how many of each class it has:
//! a vector `x` with `0 ≤ x_c ≤ size_c`, standing for `Π_c C(size_c, x_c)` coalitions. The
//! rule is evaluated once per vector (`Π_c (size_c + 1)` of them: 88,000 for the US federal
//! game's president, vice-president, 100 senators and 435 representatives, against 2^537
//! coalitions), and each class's marginals are summed with binomial weights.

use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use super::{binomial_row, Contributions, Method};
use crate::coalitions::formula::Formula;

/// The rule over classes.
#[derive(Debug, Clone)]
pub struct Classes {
    n: usize,
    /// The class of each player.
    class_of: Vec<usize>,
    /// How many players each class has.
    sizes: Vec<usize>,
    /// Each threshold: the coefficient of each class, and the bound.
    linears: Vec<(Vec<i128>, i128)>,
    tree: Tree,
}

/// The formula with its thresholds numbered.
#[derive(Debug, Clone)]
enum Tree {
    Const(bool),
    Linear(usize),
    And(Vec<Tree>),
    Or(Vec<Tree>),
}

impl Tree {
    fn holds(&self, truth: &[bool]) -> bool {
        match self {
            Tree::Const(b) => *b,
            Tree::Linear(i) => truth.get(*i).copied().unwrap_or(false),
            Tree::And(parts) => parts.iter().all(|p| p.holds(truth)),
            Tree::Or(parts) => parts.iter().any(|p| p.holds(truth)),
        }
    }
}

fn number(formula: &Formula, out: &mut Vec<crate::coalitions::formula::Linear>) -> Tree {
    match formula {
        Formula::Const(b) => Tree::Const(*b),
        Formula::Linear(l) => {
            out.push(l.clone());
            // BOUND: just pushed, so `out` is not empty.
            #[allow(clippy::arithmetic_side_effects)]
            Tree::Linear(out.len() - 1)
        }
        Formula::And(parts) => Tree::And(parts.iter().map(|p| number(p, out)).collect()),
        Formula::Or(parts) => Tree::Or(parts.iter().map(|p| number(p, out)).collect()),
    }
}

impl Classes {
    /// The classes of a rule over `n` players (`None` when a threshold names a player past `n`).
    pub fn of(n: usize, formula: &Formula) -> Option<Classes> {
        let mut lins = Vec::new();
        let tree = number(formula, &mut lins);
        // Each player's signature: its coefficient in every threshold.
        let mut signature: Vec<Vec<i128>> = vec![vec![0; lins.len()]; n];
        for (j, l) in lins.iter().enumerate() {
            for (v, c) in l.terms() {
                *signature.get_mut(*v as usize)?.get_mut(j)? = *c;
            }
        }
        let mut class_of = vec![0usize; n];
        let mut reps: std::collections::HashMap<&Vec<i128>, usize> = std::collections::HashMap::new();
        let mut sizes = Vec::new();
        let mut coefficients: Vec<Vec<i128>> = Vec::new();
        for (p, sig) in signature.iter().enumerate() {
            // BOUND: `sizes` was just pushed to, so it is not empty.
            #[allow(clippy::arithmetic_side_effects)]
            let c = *reps.entry(sig).or_insert_with(|| {
                sizes.push(0);
                coefficients.push(sig.clone());
                sizes.len() - 1
            });
            // BOUND: no class has more players than there are.
            #[allow(clippy::arithmetic_side_effects)]
            {
                *sizes.get_mut(c)? += 1;
            }
            *class_of.get_mut(p)? = c;
        }
        let linears = lins
            .iter()
            .enumerate()
            .map(|(j, l)| (coefficients.iter().map(|sig| sig.get(j).copied().unwrap_or(0)).collect(), l.bound()))
            .collect();
        Some(Classes { n, class_of, sizes, linears, tree })
    }

    /// How many vectors the method walks: `Π (size + 1)` (saturating).
    // BOUND: a class size is a number of players, so one more fits a `u64`.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn vectors(&self) -> u64 {
        self.sizes.iter().fold(1u64, |a, s| a.saturating_mul(*s as u64 + 1))
    }

    /// Rough work: every vector is visited once per class, and evaluated once.
    // BOUND: the numbers of classes and of thresholds are lengths of vectors in memory, so the
    // two together and one more fit a `u64`.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn cost(&self) -> u64 {
        self.vectors().saturating_mul(self.sizes.len() as u64 + self.linears.len() as u64 + 1)
    }

    /// How many classes there are.
    pub fn count(&self) -> usize {
        self.sizes.len()
    }

    // BOUND: each class has one coefficient in a threshold and `x` holds at most its size, so
    // every partial sum is the sum of some of the threshold's terms, which fits an `i128` (the
    // invariant of `Linear`).
    #[allow(clippy::arithmetic_side_effects)]
    fn passes(&self, x: &[usize], truth: &mut [bool]) -> bool {
        for (slot, (coefficients, bound)) in truth.iter_mut().zip(&self.linears) {
            let sum: i128 = coefficients.iter().zip(x).map(|(c, k)| c * *k as i128).sum();
            *slot = sum >= *bound;
        }
        self.tree.holds(truth)
    }

    /// Every player's marginals by size, counted class by class.
    pub fn contributions(&self) -> Contributions {
        let m = self.sizes.len();
        let total = self.vectors() as usize;
        // The outcome of every vector, in mixed radix (class 0 fastest).
        let mut outcome = vec![false; total];
        let mut x = vec![0usize; m];
        let mut truth = vec![false; self.linears.len()];
        for slot in outcome.iter_mut() {
            *slot = self.passes(&x, &mut truth);
            advance(&mut x, &self.sizes);
        }
        let stride: Vec<usize> = self
            .sizes
            .iter()
            .scan(1usize, |acc, s| {
                let here = *acc;
                // BOUND: a class size is a number of players, so one more fits a `usize`.
                #[allow(clippy::arithmetic_side_effects)]
                let radix = s + 1;
                *acc = acc.saturating_mul(radix);
                Some(here)
            })
            .collect();
        let rows: Vec<Vec<BigUint>> = self.sizes.iter().map(|s| binomial_row(*s)).collect();
        let mut per_class: Vec<Vec<BigInt>> = Vec::with_capacity(m);
        for c in 0..m {
            let size_c = self.sizes.get(c).copied().unwrap_or(0);
            let mut by_size = vec![BigInt::zero(); self.n.max(1)];
            if size_c == 0 {
                per_class.push(by_size);
                continue;
            }
            // The other members of class `c`. BOUND: the class is not empty (just checked).
            #[allow(clippy::arithmetic_side_effects)]
            let rest_of_class = size_c - 1;
            let smaller = binomial_row(rest_of_class);
            let mut others = self.sizes.clone();
            if let Some(s) = others.get_mut(c) {
                *s = rest_of_class;
            }
            let step = stride.get(c).copied().unwrap_or(0);
            let mut y = vec![0usize; m];
            loop {
                // The places of `y` and of `y` with one more of class `c` in the outcome table.
                // BOUND: `y` counts at most `others` of each class, so both places are below the
                // `total` entries of `outcome` (held in memory), and the strides, each below
                // `total`, did not saturate.
                #[allow(clippy::arithmetic_side_effects)]
                let (at, at_with) = {
                    let at: usize = y.iter().zip(&stride).map(|(a, b)| a * b).sum();
                    (at, at + step)
                };
                let without = outcome.get(at).copied().unwrap_or(false);
                let with = outcome.get(at_with).copied().unwrap_or(false);
                if with != without {
                    let mut ways = BigUint::from(1u32);
                    for (d, k) in y.iter().enumerate() {
                        let row = if d == c { &smaller } else { rows.get(d).unwrap_or(&smaller) };
                        // BOUND: a product of `BigUint`s cannot overflow.
                        #[allow(clippy::arithmetic_side_effects)]
                        {
                            ways *= row.get(*k).cloned().unwrap_or_default();
                        }
                    }
                    let size: usize = y.iter().sum();
                    let ways = BigInt::from(ways);
                    if let Some(slot) = by_size.get_mut(size) {
                        if with {
                            *slot += ways;
                        } else {
                            *slot -= ways;
                        }
                    }
                }
                if !advance(&mut y, &others) {
                    break;
                }
            }
            per_class.push(by_size);
        }
        let per_class: Vec<std::sync::Arc<[BigInt]>> = per_class.into_iter().map(std::sync::Arc::from).collect();
        let empty: std::sync::Arc<[BigInt]> = std::sync::Arc::from(Vec::new());
        let by_size = self
            .class_of
            .iter()
            .map(|c| per_class.get(*c).map_or_else(|| std::sync::Arc::clone(&empty), std::sync::Arc::clone))
            .collect::<Vec<_>>();
        Contributions { n: self.n, by_size, sized: true, method: Method::Classes }
    }
}

/// The next vector in mixed radix; false after the last.
fn advance(x: &mut [usize], sizes: &[usize]) -> bool {
    for (d, s) in x.iter_mut().zip(sizes) {
        if *d < *s {
            // BOUND: `d` is below `s`.
            #[allow(clippy::arithmetic_side_effects)]
            {
                *d += 1;
            }
            return true;
        }
        *d = 0;
    }
    false
}
