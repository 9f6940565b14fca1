//! Voting power: how much say each member really has under a decision's rule, exactly.
//!
//! Declared weights mislead. Under a 70% rule a member with 30% of the votes may hold a veto,
//! and a member with votes may never change an outcome. Two classic measures answer the
//! question from the rule itself:
//!
//! - **Banzhaf**: of all the ways the other members could vote, in how many does this member's
//!   vote decide the outcome (its *swings*)? Normalised so the members' indices add up to 1.
//! - **Shapley–Shubik**: if members joined a proposal one at a time in a random order, how often
//!   would this member be the one whose support makes it pass?
//!
//! # What is computed
//!
//! The game is the coalition engine's ([`crate::coalitions::Game`]): players are the members
//! eligible for the decision, a coalition is the set voting in favour, everyone else attends
//! and votes against. For a player `i` and a set `S` of the others, the *marginal* of `i` at
//! `S` is `v(S ∪ {i}) − v(S)`, where `v` is 1 when the rule passes and 0 when it fails. For
//! every player the engine counts, by the size `k` of `S`, the sum of its marginals
//! ([`Contributions`]); everything else follows exactly:
//!
//! - raw Banzhaf (swings) = the sum over all sizes; normalised Banzhaf = swings / total swings;
//! - Shapley–Shubik = Σ_k marginals(k) · k! · (n − 1 − k)! / n!.
//!
//! On a *monotone* rule (voting in favour never turns a pass into a failure — every rule built
//! from thresholds of votes in favour, named members' consent and vetoes) every marginal is 0
//! or 1, so these are exactly the textbook indices. A rule that is not monotone (for instance
//! one that needs *at most* some share in favour) can have marginals of −1; the figures are then
//! the Banzhaf and Shapley *values* of the game (net swings, which may cancel or be negative),
//! and the report says the rule is not monotone. Flags there come from the engine's diagram: a
//! veto player is in every passing coalition, a dummy is a player the rule does not depend on;
//! no one is flagged a dictator.
//!
//! # The methods
//!
//! Nothing enumerates the 2^n coalitions:
//!
//! - [`classes`]: members who are interchangeable (the same coefficient in every condition,
//!   like the 435 representatives of the US House) are counted together with binomial
//!   coefficients, over vectors of how many of each class vote in favour. Used when the number
//!   of such vectors is small.
//! - [`weighted`]: one weighted threshold with members whose consent is required: generating
//!   functions over integer weights (subset counts by weight, and by size for Shapley), with each
//!   player taken out of the full table by one subtraction pass instead of a new table.
//! - [`diagram`]: any other rule, over the engine's reduced ordered decision diagram, with
//!   counts by coalition size carried up and down the diagram.

pub mod classes;
pub mod diagram;
pub mod outside;
pub mod sensitivity;
pub mod weighted;

#[cfg(test)]
mod tests;

use num_bigint::{BigInt, BigUint, Sign};

use num_traits::{One, Zero};
use serde::Serialize;

use crate::coalitions::formula::Formula;
use crate::coalitions::{Game, TooLarge};

/// Which indices to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Banzhaf only (cheaper: no counts by size are needed for a weighted rule).
    Banzhaf,
    /// Shapley–Shubik (Banzhaf comes with it at no extra cost).
    Shapley,
    /// Both.
    All,
}

impl Which {
    /// Whether Shapley–Shubik is wanted.
    pub fn shapley(self) -> bool {
        !matches!(self, Which::Banzhaf)
    }
}

/// How the counts were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Interchangeable members counted together.
    Classes,
    /// Generating functions over weights.
    Weighted,
    /// A decision diagram.
    Diagram,
}

/// Each player's marginals summed by the size of the coalition of the others it joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributions {
    /// The number of players.
    pub n: usize,
    /// For each player, `by_size[k]` = Σ over sets `S` of `k` others of `v(S ∪ {i}) − v(S)`.
    /// When only Banzhaf was asked for a weighted rule, the total sits at index 0 and
    /// `sized` is false.
    /// Interchangeable players share one row (10,000 members of one kind hold one row, not
    /// 10,000 copies of it: 10,000² big counts would not fit in memory).
    pub by_size: Vec<std::sync::Arc<[BigInt]>>,
    /// Whether `by_size` is really by size (needed for Shapley–Shubik).
    pub sized: bool,
    /// How they were counted.
    pub method: Method,
}

/// The largest number of class vectors the class method enumerates.
pub const MAX_CLASS_VECTORS: u64 = 1 << 21;

/// Counts every player's marginals, choosing the cheapest exact method that applies.
pub fn contributions(game: &Game, which: Which) -> Result<Contributions, TooLarge> {
    let n = game.players.len();
    let classes = classes::Classes::of(n, &game.formula).filter(|c| c.vectors() <= MAX_CLASS_VECTORS);
    let weighted = game.as_weighted();
    let class_cost = classes.as_ref().map(|c| c.cost());
    let weighted_cost = weighted.as_ref().map(|w| weighted::cost(w, which));
    match (classes, weighted) {
        (Some(c), Some(w)) => {
            if class_cost <= weighted_cost {
                Ok(c.contributions())
            } else {
                weighted::contributions(&w, which)
            }
        }
        (Some(c), None) => Ok(c.contributions()),
        // Weights too large for the tables: the diagram does not mind how large they are.
        (None, Some(w)) => weighted::contributions(&w, which).or_else(|_| diagram::contributions(n, &game.formula)),
        (None, None) => diagram::contributions(n, &game.formula),
    }
}

/// An exact fraction in lowest terms (negative only for a rule that is not monotone): the one
/// exact type of every layer.
pub use crate::exact::Fraction;

/// One player's power.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerPower {
    /// Net swings: sets of the others whose outcome the player's vote turns from failing to
    /// passing (minus those it turns the other way, on a rule that is not monotone).
    pub swings: BigInt,
    /// Normalised Banzhaf index: swings / everyone's swings (`None` when nobody has a swing).
    pub banzhaf: Option<Fraction>,
    /// Shapley–Shubik index (`None` when not asked for).
    pub shapley: Option<Fraction>,
    /// The player alone decides: the rule passes exactly when it votes in favour.
    pub dictator: bool,
    /// Nothing passes without the player (and something passes).
    pub veto: bool,
    /// The player's vote never changes the outcome.
    pub dummy: bool,
}

/// The power of every player under one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Power {
    /// One entry per player, in the game's order.
    pub players: Vec<PlayerPower>,
    /// Everyone's swings added up.
    pub total_swings: BigInt,
    /// Whether voting in favour never turns a pass into a failure.
    pub monotone: bool,
    /// How the counts were obtained.
    pub method: Method,
}

/// `k!` for `k = 0..=n`.
// BOUND: `n` is a number of players, so `n + 1` fits a `usize`; `BigUint` products cannot
// overflow.
#[allow(clippy::arithmetic_side_effects)]
pub fn factorials(n: usize) -> Vec<BigUint> {
    let mut out = Vec::with_capacity(n + 1);
    let mut f = BigUint::one();
    out.push(f.clone());
    for k in 1..=n {
        f *= BigUint::from(k);
        out.push(f.clone());
    }
    out
}

/// Computes every player's power under `game`.
pub fn power(game: &Game, which: Which) -> Result<Power, TooLarge> {
    let contributions = contributions(game, which)?;
    Ok(finish(game, &contributions, which))
}

/// Turns counted marginals into indices and flags.
pub fn finish(game: &Game, c: &Contributions, which: Which) -> Power {
    let n = c.n;
    // Shared rows are summed once each (by address: equal rows of different players are
    // still summed correctly, only less quickly).
    let mut summed: std::collections::HashMap<*const BigInt, BigInt> = std::collections::HashMap::new();
    let swings: Vec<BigInt> =
        c.by_size.iter().map(|row| summed.entry(row.as_ptr()).or_insert_with(|| row.iter().sum()).clone()).collect();
    let total_swings: BigInt = swings.iter().sum();
    let monotone = monotone(game);
    let shapley: Option<Vec<Fraction>> = (which.shapley() && c.sized).then(|| {
        let fact = factorials(n);
        let denominator = fact.get(n).cloned().unwrap_or_else(BigUint::one);
        // Interchangeable players share their row: work each distinct row out once.
        let mut seen: std::collections::HashMap<&[BigInt], Fraction> = std::collections::HashMap::new();
        c.by_size
            .iter()
            .map(|row| {
                let row: &[BigInt] = row;
                if let Some(done) = seen.get(row) {
                    return done.clone();
                }
                let mut numerator = BigInt::zero();
                for (k, m) in row.iter().enumerate() {
                    if m.is_zero() {
                        continue;
                    }
                    let others = n.saturating_sub(1).saturating_sub(k);
                    // BOUND: a product of `BigUint`s cannot overflow.
                    #[allow(clippy::arithmetic_side_effects)]
                    let weight =
                        fact.get(k).cloned().unwrap_or_default() * fact.get(others).cloned().unwrap_or_default();
                    numerator += m * BigInt::from(weight);
                }
                let f = crate::exact::fraction(numerator, denominator.clone());
                seen.insert(row, f.clone());
                f
            })
            .collect()
    });
    let everyone = vec![true; n];
    let passes_all = game.passes(&everyone);
    let nobody = vec![false; n];
    let passes_none = game.passes(&nobody);
    let general: Option<(Vec<usize>, Vec<usize>)> = if monotone {
        None
    } else {
        game.solve(crate::coalitions::Limits::default()).ok().and_then(|mut solver| {
            let vetoes = if solver.can_pass() { solver.veto_players().ok()? } else { Vec::new() };
            Some((vetoes, solver.dummies().ok()?))
        })
    };
    let mut banzhaf_memo: std::collections::HashMap<BigInt, Fraction> = std::collections::HashMap::new();
    let players = (0..n)
        .map(|i| {
            let s = swings.get(i).cloned().unwrap_or_default();
            let banzhaf = (!total_swings.is_zero()).then(|| {
                banzhaf_memo
                    .entry(s.clone())
                    .or_insert_with(|| {
                        let f = crate::exact::fraction(s.clone(), total_swings.magnitude().clone());
                        if total_swings.sign() == Sign::Minus {
                            -f
                        } else {
                            f
                        }
                    })
                    .clone()
            });
            let row_zero = c.by_size.get(i).is_none_or(|row| row.iter().all(Zero::is_zero));
            let mut without = everyone.clone();
            if let Some(slot) = without.get_mut(i) {
                *slot = false;
            }
            let mut alone = nobody.clone();
            if let Some(slot) = alone.get_mut(i) {
                *slot = true;
            }
            // On a monotone rule: a veto player is one without whom even everyone else fails;
            // a dictator is a veto player who passes alone; a dummy never swings.
            // Otherwise, from the coalition engine's diagram when it can be built: a veto player
            // is in every passing coalition, a dummy is a member the rule does not depend on.
            let (veto, dummy) = match &general {
                _ if monotone => (passes_all && !game.passes(&without), row_zero),
                Some((vetoes, dummies)) => (vetoes.contains(&i), dummies.contains(&i)),
                None => (false, false),
            };
            let dictator = monotone && veto && !passes_none && game.passes(&alone);
            PlayerPower {
                swings: s,
                banzhaf,
                shapley: shapley.as_ref().and_then(|v| v.get(i).cloned()),
                dictator,
                veto,
                dummy,
            }
        })
        .collect();
    Power { players, total_swings, monotone, method: c.method }
}

/// Whether voting in favour can never turn a pass into a failure: at once when every threshold
/// counts votes in favour positively; otherwise on the rule's decision diagram, where it holds
/// exactly when at every node the branch "against" implies the branch "in favour". A rule too
/// large for a diagram is taken as not monotone (its net figures are right either way).
pub fn monotone(game: &Game) -> bool {
    if syntactically_monotone(&game.formula) {
        return true;
    }
    let limits = crate::coalitions::Limits::default();
    if game.players.len() > limits.diagram_players {
        return false;
    }
    let mut bdd = crate::coalitions::bdd::Bdd::new(game.players.len() as u32, limits.diagram_nodes);
    let Ok(root) = bdd.formula(&game.formula) else { return false };
    bdd.reachable(root).into_iter().all(|id| {
        let (lo, hi) = bdd.children(id);
        bdd.or(lo, hi).is_ok_and(|either| either == hi)
    })
}

/// Whether every threshold in the formula only counts votes in favour positively (then voting
/// in favour can never turn a pass into a failure).
pub fn syntactically_monotone(formula: &Formula) -> bool {
    match formula {
        Formula::Const(_) => true,
        Formula::Linear(l) => l.terms().iter().all(|(_, c)| *c >= 0),
        Formula::And(parts) | Formula::Or(parts) => parts.iter().all(syntactically_monotone),
    }
}

/// Binomial coefficients `C(m, j)` for `j = 0..=m`.
// BOUND: `m` is a number of players, so `m + 1` fits a `usize`; `j < m`, so `m − j` and `j + 1`
// are at least 1; and `C(m, j)·(m − j) = C(m, j + 1)·(j + 1)`, so the division is exact.
#[allow(clippy::arithmetic_side_effects)]
pub fn binomial_row(m: usize) -> Vec<BigUint> {
    let mut row = Vec::with_capacity(m + 1);
    let mut c = BigUint::one();
    row.push(c.clone());
    for j in 0..m {
        c = c * BigUint::from(m - j) / BigUint::from(j + 1);
        row.push(c.clone());
    }
    row
}
