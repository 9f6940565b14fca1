//! Any rule, over the coalition engine's reduced ordered decision diagram.
//!
//! Each node asks about one player; the players are in order. For a node `v` asking about
//! player `i`, `up(v)` counts, by how many are in favour, the votes of players `0..i` that lead
//! to `v`, and `down(c)` counts, by how many are in favour, the votes of the players below that
//! make the rule pass from `c`. Player `i` swings at `v` exactly where its two branches differ,
//! so its marginals by size are `Σ_v up(v) · (down(hi) − down(lo))`, a product of polynomials in
//! the number of members in favour. A path that skips player `i` does not depend on it and
//! contributes nothing. Skipped levels multiply by `(1 + z)` per player skipped.

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
///
/// Every number the method works with is at most 2^n in size: a coefficient of `down(c)` or
/// `up(v)` counts votes of some of the `n` players, `(1 + z)^g` spreads them over more players
/// without passing 2^n in total, a difference of two `down`s is at most the larger, and a
/// coefficient of `up(v) · diff`, or its sum over the nodes of one level, is at most
/// `Σ up(v) · Σ |diff| ≤ 2^v · 2^(n − v)`. With `i128` (only up to 120 players) that is at most
/// 2^120, so the sums, differences and products below cannot overflow; big integers cannot.
pub const MACHINE_PLAYERS: usize = 120;

type Poly<T> = Vec<T>;

/// `p · (1 + z)^g`.
// BOUND: `j` is at least 1; the counts stay within 2^n (see `MACHINE_PLAYERS`).
#[allow(clippy::arithmetic_side_effects)]
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

// BOUND: `shift` is 0 or 1 and `j` indexes `p`, so the lengths fit a `usize`; the counts stay
// within 2^n (see `MACHINE_PLAYERS`).
#[allow(clippy::arithmetic_side_effects)]
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

// BOUND: `i + j` is below the two lengths together; the counts stay within 2^n (see
// `MACHINE_PLAYERS`).
#[allow(clippy::arithmetic_side_effects)]
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
        // BOUND: a node that is not a leaf asks about a player below `n`.
        #[allow(clippy::arithmetic_side_effects)]
        let next = level(*id) + 1;
        let mut p = below(&down, lo, next);
        add_into(&mut p, &below(&down, hi, next), 1);
        down.insert(*id, p);
    }
    // Votes above each node that lead to it, by number in favour.
    let mut up: HashMap<NodeId, Poly<T>> = HashMap::default();
    up.insert(root, spread(&vec![T::one()], level(root)));
    let mut by_size = vec![vec![T::zero(); n.max(1)]; n];
    for id in &order {
        let (lo, hi) = bdd.children(*id);
        let v = level(*id);
        // BOUND: a node that is not a leaf asks about a player below `n`.
        #[allow(clippy::arithmetic_side_effects)]
        let next = v + 1;
        let here = up.get(id).cloned().unwrap_or_default();
        for (child, shift) in [(lo, 0usize), (hi, 1usize)] {
            if child <= TRUE {
                continue;
            }
            let gap = level(child).saturating_sub(next);
            let p = spread(&here, gap);
            add_into(up.entry(child).or_default(), &p, shift);
        }
        let mut diff = below(&down, hi, next);
        let lo_poly = below(&down, lo, next);
        if diff.len() < lo_poly.len() {
            diff.resize(lo_poly.len(), T::zero());
        }
        for (d, l) in diff.iter_mut().zip(lo_poly) {
            // BOUND: the counts stay within 2^n (see `MACHINE_PLAYERS`).
            #[allow(clippy::arithmetic_side_effects)]
            {
                *d -= l;
            }
        }
        let counted = product(&here, &diff);
        if let Some(row) = by_size.get_mut(v) {
            for (k, c) in counted.into_iter().enumerate() {
                if let Some(slot) = row.get_mut(k) {
                    // BOUND: the counts stay within 2^n (see `MACHINE_PLAYERS`).
                    #[allow(clippy::arithmetic_side_effects)]
                    {
                        *slot += c;
                    }
                }
            }
        }
    }
    let by_size = by_size.into_iter().map(|row| row.into_iter().map(Exact::big).collect::<Vec<_>>().into()).collect();
    Ok(Contributions { n, by_size, sized: true, method: Method::Diagram })
}
