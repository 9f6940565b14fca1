//! Weighted rules by generating functions over integer weights.
//!
//! The rule passes when every required member is in favour and the free members in favour
//! weigh at least `needed` (the quota less the required members' weight). For the free members
//! the table `c[k][s]` counts the sets of `k` of them weighing `s`, for `s < needed` only (all
//! a swing ever looks at). A free member of weight `w` is a swing for the sets of the others
//! weighing `needed − w … needed − 1`; the table *without* it comes from the full one by one
//! pass, `c'[k][s] = c[k][s] − c'[k − 1][s − w]` (the generating function divided by
//! `1 + z·x^w`), instead of a new table per member, and members of equal weight share it. A
//! required member is a swing for every set holding the other required members whose free part
//! reaches `needed`: `C(m, k)` sets of `k` free members less those that fall short.
//!
//! When only Banzhaf is wanted the size index is dropped (`c[s]`). Counts are exact: each cell
//! is a fixed number of 64-bit limbs (enough for the largest count its row can hold), stored
//! flat so the inner loops are plain add-with-carry over memory.

use std::sync::Arc;

use num_bigint::{BigInt, BigUint};
use num_traits::Zero;

use super::{binomial_row, Contributions, Method, Which};
use crate::coalitions::weighted::WeightedGame;
use crate::coalitions::TooLarge;

/// The most 64-bit limbs a table may hold (128 MiB; a few tables are alive at once, so that
/// `concord power` stays within about half a gigabyte whatever the agreement).
pub const MAX_LIMBS: u64 = 1 << 24;

/// Rows of fixed-width big counts over sums `0..width`.
struct Table {
    width: usize,
    /// Limbs per cell, by row.
    limbs: Vec<usize>,
    /// Where each row starts.
    start: Vec<usize>,
    data: Vec<u64>,
}

impl Table {
    fn new(width: usize, limbs: Vec<usize>) -> Result<Table, TooLarge> {
        let mut start = Vec::with_capacity(limbs.len());
        let mut at = 0usize;
        for l in &limbs {
            start.push(at);
            at = at.checked_add(l.checked_mul(width).ok_or(TooLarge)?).ok_or(TooLarge)?;
        }
        if at as u64 > MAX_LIMBS {
            return Err(TooLarge);
        }
        Ok(Table { width, limbs, start, data: vec![0; at] })
    }

    fn row(&self, k: usize) -> (usize, usize) {
        (self.start.get(k).copied().unwrap_or(0), self.limbs.get(k).copied().unwrap_or(0))
    }

    // BOUND: callers pass a sum `s` below `width`, and `Table::new` checked that every row's
    // `start + width·limbs` fits (at most `MAX_LIMBS`).
    #[allow(clippy::arithmetic_side_effects)]
    fn cell(&self, k: usize, s: usize) -> &[u64] {
        let (start, l) = self.row(k);
        self.data.get(start + s * l..start + (s + 1) * l).unwrap_or(&[])
    }

    // BOUND: as for `cell`.
    #[allow(clippy::arithmetic_side_effects)]
    fn set_one(&mut self, k: usize, s: usize) {
        let (start, l) = self.row(k);
        if let Some(x) = self.data.get_mut(start + s * l) {
            *x = 1;
        }
    }

    /// Row `to` at `s + shift` += row `from` at `s`, for every `s` that stays in range, reading
    /// at most `live` limbs of each source cell (the rest are known to be zero).
    /// Only source sums in `sums` can be non-zero.
    fn add_shifted(&mut self, from: usize, to: usize, shift: usize, live: usize, sums: (usize, usize)) {
        if shift >= self.width {
            return;
        }
        let (fs, fl) = self.row(from);
        let (ts, tl) = self.row(to);
        // BOUND: `shift` is below `width` (just checked).
        #[allow(clippy::arithmetic_side_effects)]
        let n = (self.width - shift).min(sums.1);
        let lo = sums.0;
        let common = fl.min(tl).min(live);
        // Rows are disjoint; split the buffer to borrow both.
        if fs < ts {
            let (a, b) = self.data.split_at_mut(ts);
            add_rows(a.get(fs..).unwrap_or(&[]), fl, b, tl, shift, (lo, n), common);
        } else if fs > ts {
            let (a, b) = self.data.split_at_mut(fs);
            add_rows(b, fl, a.get_mut(ts..).unwrap_or(&mut []), tl, shift, (lo, n), common);
        }
    }

    fn to_big(&self, k: usize, s: usize) -> BigUint {
        to_big(self.cell(k, s))
    }
}

// BOUND: `s + shift` is below `range.1 + shift`, at most `width`, and `common` is at most `fl`,
// so every index is at most `width` cells of a row: an offset into the table, which holds at
// most `MAX_LIMBS` limbs.
#[allow(clippy::arithmetic_side_effects)]
fn add_rows(src: &[u64], fl: usize, dst: &mut [u64], tl: usize, shift: usize, range: (usize, usize), common: usize) {
    for s in (range.0..range.1).rev() {
        let (Some(a), Some(b)) =
            (src.get(s * fl..s * fl + common), dst.get_mut((s + shift) * tl..(s + shift + 1) * tl))
        else {
            continue;
        };
        if a.iter().all(|x| *x == 0) {
            continue;
        }
        add_into(b, a);
    }
}

/// `dst += src` (src no longer than dst), carrying within dst.
// BOUND: two limbs and a carry of at most 1 add up to at most 2^65 − 1, far inside a `u128`.
#[allow(clippy::arithmetic_side_effects)]
fn add_into(dst: &mut [u64], src: &[u64]) {
    let mut carry = 0u128;
    for (d, s) in dst.iter_mut().zip(src) {
        let t = u128::from(*d) + u128::from(*s) + carry;
        *d = t as u64;
        carry = t >> 64;
    }
    for d in dst.iter_mut().skip(src.len()) {
        if carry == 0 {
            break;
        }
        let t = u128::from(*d) + carry;
        *d = t as u64;
        carry = t >> 64;
    }
}

/// `dst −= src` (the result is known to be non-negative).
fn sub_into(dst: &mut [u64], src: &[u64]) {
    let mut borrow = 0u128;
    for (d, s) in dst.iter_mut().zip(src) {
        let t = u128::from(*d).wrapping_sub(u128::from(*s)).wrapping_sub(borrow);
        *d = t as u64;
        borrow = (t >> 64) & 1;
    }
    for d in dst.iter_mut().skip(src.len()) {
        if borrow == 0 {
            break;
        }
        let t = u128::from(*d).wrapping_sub(borrow);
        *d = t as u64;
        borrow = (t >> 64) & 1;
    }
}

fn to_big(limbs: &[u64]) -> BigUint {
    let digits: Vec<u32> = limbs.iter().flat_map(|l| [*l as u32, (*l >> 32) as u32]).collect();
    BigUint::new(digits)
}

fn limbs_for(bits: u64) -> usize {
    // BOUND: a 64th of a `u64`, plus one, fits a `u64`.
    #[allow(clippy::arithmetic_side_effects)]
    let limbs = bits / 64 + 1;
    limbs as usize
}

/// Rough work of [`contributions`]: members × quota, times members × limbs for sizes.
pub fn cost(game: &WeightedGame, which: Which) -> u64 {
    let n = game.weights.len() as u64;
    let base = n.saturating_mul(game.quota.max(1));
    // BOUND: a 64th of a `u64`, plus one, fits a `u64`.
    #[allow(clippy::arithmetic_side_effects)]
    let limbs = n / 64 + 1;
    if which.shapley() {
        base.saturating_mul(n).saturating_mul(limbs) / 2
    } else {
        base.saturating_mul(limbs)
    }
}

/// Every player's marginals in a weighted game with required players.
pub fn contributions(game: &WeightedGame, which: Which) -> Result<Contributions, TooLarge> {
    let n = game.weights.len();
    let required: Vec<usize> = (0..n).filter(|i| game.required.get(*i).copied().unwrap_or(false)).collect();
    let free: Vec<usize> = (0..n).filter(|i| !game.required.get(*i).copied().unwrap_or(false)).collect();
    let weight = |i: usize| game.weights.get(i).copied().unwrap_or(0);
    // A game from `Game::as_weighted` has weights adding up within a `u64`; any other is refused.
    let sum = |players: &[usize]| players.iter().try_fold(0u64, |acc, i| acc.checked_add(weight(*i))).ok_or(TooLarge);
    let (required_weight, free_total) = (sum(&required)?, sum(&free)?);
    let total = required_weight.checked_add(free_total).ok_or(TooLarge)?;
    let sized = which.shapley();
    let columns = if sized { n.max(1) } else { 1 };
    // Rows are shared: every member starts on one row of zeros, and members of equal weight
    // share their row, so memory grows with the distinct rows, not with n².
    let zeros: Arc<[BigInt]> = Arc::from(vec![BigInt::zero(); columns]);
    let mut by_size: Vec<Arc<[BigInt]>> = vec![Arc::clone(&zeros); n];
    if total < game.quota {
        return Ok(Contributions { n, by_size, sized, method: Method::Weighted });
    }
    let needed = game.quota.saturating_sub(required_weight);
    if needed > 1 << 26 {
        return Err(TooLarge);
    }
    let width = needed as usize;
    let m = free.len();
    // The most free members a set weighing under `needed` can have.
    let mut sorted: Vec<u64> = free.iter().map(|i| weight(*i)).collect();
    sorted.sort_unstable();
    let mut kmax = 0usize;
    let mut acc = 0u64;
    // BOUND: `acc + w` adds up some of the free weights, at most `free_total`, and `kmax` counts
    // free members.
    #[allow(clippy::arithmetic_side_effects)]
    for w in &sorted {
        if acc + w >= needed {
            break;
        }
        acc += w;
        kmax += 1;
    }
    let binomials = binomial_row(m);
    let row_limbs: Vec<usize> = if sized {
        (0..=kmax).map(|k| limbs_for(binomials.get(k).map_or(1, BigUint::bits))).collect()
    } else {
        // BOUND: `m` is a number of members, so one more fits a `u64`.
        #[allow(clippy::arithmetic_side_effects)]
        let bits = m as u64 + 1;
        vec![limbs_for(bits)]
    };
    let rows = row_limbs.len();
    let mut table = Table::new(width, row_limbs)?;
    if width > 0 {
        table.set_one(0, 0);
    }
    // lightest[k]: the k lightest free weights added up (no set of k weighs less).
    let lightest: Vec<usize> = std::iter::once(0)
        .chain(sorted.iter().scan(0usize, |acc, w| {
            *acc = acc.saturating_add(*w as usize);
            Some(*acc)
        }))
        .collect();
    let mut heaviest = 0usize;
    for (j, i) in free.iter().enumerate() {
        let w = weight(*i) as usize;
        if sized {
            // After `j` members every count is below 2^j: higher limbs are still zero.
            // Row `k` holds sums from the `k` lightest weights of all to `k` times the heaviest
            // weight seen so far.
            let live = limbs_for(j as u64);
            heaviest = heaviest.max(w);
            // BOUND: `j` indexes the free members and `k` is below `rows − 1`.
            #[allow(clippy::arithmetic_side_effects)]
            for k in (0..rows.saturating_sub(1).min(j + 1)).rev() {
                let lo = lightest.get(k).copied().unwrap_or(usize::MAX);
                let hi = k.saturating_mul(heaviest).saturating_add(1);
                table.add_shifted(k, k + 1, w, live, (lo, hi));
            }
        } else if w > 0 {
            add_shifted_in_place(&mut table, w);
        } else {
            // A weightless member doubles every count.
            let copy = table.data.clone();
            for (d, s) in table
                .data
                .chunks_mut(table.limbs.first().copied().unwrap_or(1))
                .zip(copy.chunks(table.limbs.first().copied().unwrap_or(1)))
            {
                add_into(d, s);
            }
        }
    }
    let base = required.len();
    // Required members: sets of the other required members plus free sets reaching `needed`.
    for r in &required {
        let Some(slot) = by_size.get_mut(*r) else { continue };
        let mut row = vec![BigInt::zero(); columns];
        if sized {
            for k in 0..=m {
                let all = binomials.get(k).cloned().unwrap_or_default();
                let short: BigUint =
                    if k < rows { (0..width).map(|s| table.to_big(k, s)).sum() } else { BigUint::zero() };
                // BOUND: `r` is one of the `base` required members, so `base ≥ 1`; and `short`
                // counts some of the `C(m, k)` sets of `k` free members, so it is at most `all`.
                #[allow(clippy::arithmetic_side_effects)]
                if let Some(slot) = row.get_mut(base - 1 + k) {
                    *slot = BigInt::from(all - short);
                }
            }
        } else {
            let short: BigUint = (0..width).map(|s| table.to_big(0, s)).sum();
            // BOUND: `short` counts some of the `2^m` sets of free members.
            #[allow(clippy::arithmetic_side_effects)]
            if let Some(slot) = row.get_mut(0) {
                *slot = BigInt::from((BigUint::from(1u32) << m) - short);
            }
        }
        *slot = Arc::from(row);
    }
    if needed == 0 {
        return Ok(Contributions { n, by_size, sized, method: Method::Weighted });
    }
    // Free members, one pass per distinct weight.
    let mut done: std::collections::HashMap<u64, Arc<[BigInt]>> = std::collections::HashMap::new();
    for i in &free {
        let w = weight(*i);
        if let std::collections::hash_map::Entry::Vacant(slot) = done.entry(w) {
            slot.insert(Arc::from(without(&table, w as usize, sized, base, columns, &lightest)?));
        }
        if let (Some(slot), Some(row)) = (by_size.get_mut(*i), done.get(&w)) {
            *slot = Arc::clone(row);
        }
    }
    Ok(Contributions { n, by_size, sized, method: Method::Weighted })
}

/// One-row table: `c[s + w] += c[s]`, from the top down so each set is counted once.
// BOUND: `s` runs over `w..width`, so `s − w` does not underflow, and `(s − w + 1)·l` and `s·l`
// are offsets into the row of `width·l` limbs.
#[allow(clippy::arithmetic_side_effects)]
fn add_shifted_in_place(table: &mut Table, w: usize) {
    let l = table.limbs.first().copied().unwrap_or(1);
    let width = table.width;
    for s in (w..width).rev() {
        let (lo, hi) = table.data.split_at_mut(s * l);
        let (Some(src), Some(dst)) = (lo.get((s - w) * l..(s - w + 1) * l), hi.get_mut(..l)) else { continue };
        add_into(dst, src);
    }
}

/// The swings of a free member of weight `w`, by size: the table without it, summed over the
/// window `needed − w .. needed`.
// BOUND: every index is `s·l`, `(s + 1)·l` or `(s − w)·l` plus at most `l`, for a sum `s` at most
// `width` (and at least `w` where `w` is taken off, as every loop that does so starts there) and
// a cell width `l` at most `widest`; `width·widest` is no more than the table's limbs, at most
// `MAX_LIMBS`. `base + k` is at most the number of members; `BigUint` sums cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
fn without(
    table: &Table,
    w: usize,
    sized: bool,
    base: usize,
    columns: usize,
    lightest: &[usize],
) -> Result<Vec<BigInt>, TooLarge> {
    let width = table.width;
    let mut out = vec![BigInt::zero(); columns];
    if w == 0 {
        return Ok(out);
    }
    let lo = width.saturating_sub(w);
    let rows = table.limbs.len();
    let widest = table.limbs.iter().copied().max().unwrap_or(1);
    let mut prev = vec![0u64; width * widest];
    let mut cur = vec![0u64; width * widest];
    let mut prev_l = widest;
    let mut prev_from = 0usize;
    for k in 0..rows {
        let l = table.limbs.get(k).copied().unwrap_or(1);
        // Below the k lightest weights' total every count of row k is zero (and cells there
        // are left stale, never read).
        let from = if sized { lightest.get(k).copied().unwrap_or(width).min(width) } else { 0 };
        let (start, _) = table.row(k);
        let Some(src) = table.data.get(start + from * l..start + width * l) else { return Err(TooLarge) };
        if let Some(dst) = cur.get_mut(from * l..width * l) {
            dst.copy_from_slice(src);
        }
        if sized && k > 0 {
            let common = l.min(prev_l);
            // Saturating changes nothing: past `width` the range is empty either way.
            for s in w.saturating_add(prev_from).max(from)..width {
                let (Some(p), Some(d)) =
                    (prev.get((s - w) * prev_l..(s - w) * prev_l + common), cur.get_mut(s * l..(s + 1) * l))
                else {
                    continue;
                };
                sub_into(d, p);
            }
        } else if !sized {
            for s in w..width {
                let (a, b) = cur.split_at_mut(s * l);
                let (Some(p), Some(d)) = (a.get((s - w) * l..(s - w + 1) * l), b.get_mut(..l)) else { continue };
                sub_into(d, p);
            }
        }
        let mut swings = BigUint::zero();
        for s in lo.max(from)..width {
            swings += to_big(cur.get(s * l..(s + 1) * l).unwrap_or(&[]));
        }
        let column = if sized { base + k } else { 0 };
        if let Some(slot) = out.get_mut(column) {
            *slot = BigInt::from(swings);
        }
        std::mem::swap(&mut prev, &mut cur);
        prev_l = l;
        prev_from = from;
    }
    Ok(out)
}
