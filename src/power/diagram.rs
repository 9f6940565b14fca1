//! Any rule, over the coalition engine's reduced ordered decision diagram.
//!
//! Each node asks about one player; the players are in order. For a node `v` asking about
//! player `i`, `up(v)` counts, by how many are in favour, the votes of players `0..i` that lead
//! to `v`, and `down(c)` counts, by how many are in favour, the votes of the players below that
//! make the rule pass from `c`. Player `i` swings at `v` exactly where its two branches differ,
//! so its marginals by size are `Σ_v up(v) · (down(hi) − down(lo))`, a product of polynomials in
//! the number of members in favour. A path that skips player `i` does not depend on it and
//! contributes nothing. Skipped levels multiply by `(1 + z)` per player skipped.

// TODO(arithmetic): 16 unchecked arithmetic sites remain here; make them checked or prove their bounds.
#![allow(clippy::arithmetic_side_effects)]

use std::ops::{AddAssign, Mul, SubAssign};

use num_bigint::BigInt;
use num_traits::{One, Zero};

use super::{Contributions, Method};
use crate::coalitions::bdd::{Bdd, HashMap, NodeId, FALSE, TRUE};
use crate::coalitions::formula::Formula;
use crate::coalitions::{Limits, TooLarge};

/// The most `nodes × players²` big-number products the method may do.
pub const MAX_WORK: u64 = 1 << 31;

/// Exact integers the method counts in: machine `i128` while every count is below 2^126 (up to
/// 120 players, several times faster), else big integers.
pub trait Exact: Clone + Default + Zero + One + AddAssign + SubAssign + Mul<Output = Self> {
    /// As a big integer.
    fn big(self) -> BigInt;
}

impl Exact for i128 {
    fn big(self) -> BigInt {
        BigInt::from(self)
    }
}

impl Exact for BigInt {
    fn big(self) -> BigInt {
        self
    }
}

/// The most players for which counts fit `i128` (every count is at most 2^n).
pub const MACHINE_PLAYERS: usize = 120;

type Poly<T> = Vec<T>;

/// `p · (1 + z)^g`.
fn spread<T: Exact>(p: &Poly<T>, g: usize) -> Poly<T> {
    let mut out = p.clone();
    for _ in 0..g {
        out.push(T::zero());
        for j in (1..out.len()).rev() {
            let prev = out.get(j - 1).cloned().unwrap_or_default();
            if let Some(slot) = out.get_mut(j) {
                *slot += prev;
            }
        }
    }
    out
}

fn add_into<T: Exact>(acc: &mut Poly<T>, p: &Poly<T>, shift: usize) {
    if acc.len() < p.len() + shift {
        acc.resize(p.len() + shift, T::zero());
    }
    for (j, c) in p.iter().enumerate() {
        if let Some(slot) = acc.get_mut(j + shift) {
            *slot += c.clone();
        }
    }
}

fn product<T: Exact>(a: &Poly<T>, b: &Poly<T>) -> Poly<T> {
    let mut out = vec![T::zero(); (a.len() + b.len()).saturating_sub(1)];
    for (i, x) in a.iter().enumerate() {
        if x.is_zero() {
            continue;
        }
        for (j, y) in b.iter().enumerate() {
            if let Some(slot) = out.get_mut(i + j) {
                *slot += x.clone() * y.clone();
            }
        }
    }
    out
}

/// Every player's marginals by size, from the rule's diagram.
pub fn contributions(n: usize, formula: &Formula) -> Result<Contributions, TooLarge> {
    if n <= MACHINE_PLAYERS {
        counted::<i128>(n, formula)
    } else {
        counted::<BigInt>(n, formula)
    }
}

fn counted<T: Exact>(n: usize, formula: &Formula) -> Result<Contributions, TooLarge> {
    let limits = Limits::default();
    if n > limits.diagram_players {
        return Err(TooLarge);
    }
    let mut bdd = Bdd::new(n as u32, limits.diagram_nodes);
    let root = bdd.formula(formula)?;
    let order = bdd.reachable(root);
    let work = (order.len() as u64).saturating_mul((n as u64).saturating_mul(n as u64));
    if work > MAX_WORK {
        return Err(TooLarge);
    }
    let level = |id: NodeId| bdd.var(id) as usize;
    // Satisfying votes below each node, by number in favour, from its own level down.
    let mut down: HashMap<NodeId, Poly<T>> = HashMap::default();
    down.insert(FALSE, vec![T::zero()]);
    down.insert(TRUE, vec![T::one()]);
    let below = |down: &HashMap<NodeId, Poly<T>>, child: NodeId, from: usize| -> Poly<T> {
        let p = down.get(&child).cloned().unwrap_or_default();
        spread(&p, level(child).saturating_sub(from))
    };
    for id in order.iter().rev() {
        let (lo, hi) = bdd.children(*id);
        let v = level(*id);
        let mut p = below(&down, lo, v + 1);
        add_into(&mut p, &below(&down, hi, v + 1), 1);
        down.insert(*id, p);
    }
    // Votes above each node that lead to it, by number in favour.
    let mut up: HashMap<NodeId, Poly<T>> = HashMap::default();
    up.insert(root, spread(&vec![T::one()], level(root)));
    let mut by_size = vec![vec![T::zero(); n.max(1)]; n];
    for id in &order {
        let (lo, hi) = bdd.children(*id);
        let v = level(*id);
        let here = up.get(id).cloned().unwrap_or_default();
        for (child, shift) in [(lo, 0usize), (hi, 1usize)] {
            if child <= TRUE {
                continue;
            }
            let gap = level(child).saturating_sub(v + 1);
            let p = spread(&here, gap);
            add_into(up.entry(child).or_default(), &p, shift);
        }
        let mut diff = below(&down, hi, v + 1);
        let lo_poly = below(&down, lo, v + 1);
        if diff.len() < lo_poly.len() {
            diff.resize(lo_poly.len(), T::zero());
        }
        for (d, l) in diff.iter_mut().zip(lo_poly) {
            *d -= l;
        }
        let counted = product(&here, &diff);
        if let Some(row) = by_size.get_mut(v) {
            for (k, c) in counted.into_iter().enumerate() {
                if let Some(slot) = row.get_mut(k) {
                    *slot += c;
                }
            }
        }
    }
    let by_size = by_size.into_iter().map(|row| row.into_iter().map(Exact::big).collect::<Vec<_>>().into()).collect();
    Ok(Contributions { n, by_size, sized: true, method: Method::Diagram })
}
