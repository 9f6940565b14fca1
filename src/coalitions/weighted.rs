//! Weighted games by dynamic programming over integer weights.
//!
//! Most decision rules are one weighted threshold ("at least 70% of eligible votes in favour"),
//! perhaps with some members whose consent is required (a veto, a named member in favour,
//! unanimity of a kind). Such a game passes exactly when every required member is in favour and
//! the weights in favour reach the quota. Its questions reduce to subset sums, which a bitset
//! answers in time proportional to members × total weight (pseudo-polynomial), without listing
//! coalitions:
//!
//! - a member is critical somewhere when the others (required ones included) can total a sum
//!   from `quota − weight` to `quota − 1`; a heavier member is critical whenever a lighter one is,
//!   so dummies are found by a binary search over the distinct weights;
//! - a proposal and its opposite both pass when some coalition's weight lies between the quota
//!   and the total minus the quota (and nobody's consent is required).

use super::count::Count;
use super::TooLarge;

/// The largest total weight the bitset search is run on.
pub const MAX_TOTAL: u64 = 1 << 24;
/// The most 64-bit words kept to rebuild a witness (members × total / 64).
const MAX_WORDS: u64 = 1 << 22;

/// A game that passes when every required player is in and the weights in reach the quota.
///
/// The weights add up to at most `u64::MAX`: [`super::Game::as_weighted`], which builds every
/// game outside tests, checks it, and the sums of weights below rely on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightedGame {
    /// Each player's integer weight.
    pub weights: Vec<u64>,
    /// The weight a coalition must reach.
    pub quota: u64,
    /// Players whose presence in the coalition is required.
    pub required: Vec<bool>,
}

/// Reachable subset sums `0..=total`, as bits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sums {
    words: Vec<u64>,
    /// The largest reachable sum so far: words above it are zero.
    top: u64,
}

impl Sums {
    fn new(total: u64) -> Sums {
        // BOUND: a 64th of a `u64`, plus one, fits a `u64`.
        #[allow(clippy::arithmetic_side_effects)]
        let mut words = vec![0u64; (total / 64 + 1) as usize];
        if let Some(first) = words.first_mut() {
            *first = 1;
        }
        Sums { words, top: 0 }
    }

    fn has(&self, sum: u64) -> bool {
        self.words.get((sum / 64) as usize).is_some_and(|w| w >> (sum % 64) & 1 == 1)
    }

    /// Adds an item of weight `w`: every reachable sum `s` makes `s + w` reachable.
    fn add(&mut self, w: u64) {
        if w == 0 {
            return;
        }
        let (shift_words, shift_bits) = ((w / 64) as usize, (w % 64) as u32);
        self.top = self.top.saturating_add(w);
        // Saturating cannot change `n`: past `usize::MAX` words it is the number of words anyway.
        let n = self.words.len().min(((self.top / 64) as usize).saturating_add(1));
        for i in (shift_words..n).rev() {
            let Some(src_hi) = i.checked_sub(shift_words) else { continue };
            let hi = self.words.get(src_hi).copied().unwrap_or(0);
            let mut v = hi << shift_bits;
            if shift_bits > 0 {
                if let Some(src_lo) = src_hi.checked_sub(1) {
                    // BOUND: `shift_bits` is 1 to 63 here.
                    #[allow(clippy::arithmetic_side_effects)]
                    let carried = self.words.get(src_lo).copied().unwrap_or(0) >> (64 - shift_bits);
                    v |= carried;
                }
            }
            if let Some(slot) = self.words.get_mut(i) {
                *slot |= v;
            }
        }
    }

    /// The first reachable sum in `lo..=hi`.
    fn first_in(&self, lo: u64, hi: u64) -> Option<u64> {
        let mut s = lo;
        while s <= hi {
            let word = self.words.get((s / 64) as usize)?;
            let rest = word >> (s % 64);
            if rest != 0 {
                // BOUND: `rest` is this word from bit `s % 64` on, so `s` plus its trailing zeros is
                // still a bit of this word, at most `s | 63`.
                #[allow(clippy::arithmetic_side_effects)]
                let found = s + u64::from(rest.trailing_zeros());
                return (found <= hi).then_some(found);
            }
            // The first sum of the next word; there is none past `u64::MAX`.
            s = (s | 63).checked_add(1)?;
        }
        None
    }
}

impl WeightedGame {
    /// Total weight; `u64::MAX` when it does not fit (then every method refuses the game as too
    /// large rather than wrap).
    pub fn total(&self) -> u64 {
        self.weights.iter().fold(0u64, |acc, w| acc.saturating_add(*w))
    }

    fn required_weight(&self) -> u64 {
        self.weights.iter().zip(&self.required).filter(|(_, r)| **r).map(|(w, _)| *w).sum()
    }

    fn check_size(&self) -> Result<(), TooLarge> {
        if self.total() > MAX_TOTAL {
            Err(TooLarge)
        } else {
            Ok(())
        }
    }

    /// Whether `coalition` passes.
    pub fn passes(&self, coalition: &[bool]) -> bool {
        let has = |i: usize| coalition.get(i).copied().unwrap_or(false);
        let all_required = self.required.iter().enumerate().all(|(i, r)| !*r || has(i));
        let weight: u64 = self.weights.iter().enumerate().filter(|(i, _)| has(*i)).map(|(_, w)| *w).sum();
        all_required && weight >= self.quota
    }

    /// Whether some coalition passes (the whole does, if any does).
    pub fn can_pass(&self) -> bool {
        self.total() >= self.quota
    }

    /// Players who pass a decision alone.
    pub fn passes_alone(&self) -> Vec<usize> {
        let required: Vec<usize> = (0..self.weights.len()).filter(|i| self.required.get(*i) == Some(&true)).collect();
        (0..self.weights.len())
            .filter(|i| required.iter().all(|r| r == i) && self.weights.get(*i).copied().unwrap_or(0) >= self.quota)
            .collect()
    }

    /// Players in every passing coalition (none when nothing passes).
    pub fn veto_players(&self) -> Vec<usize> {
        if !self.can_pass() {
            return Vec::new();
        }
        let total = self.total();
        (0..self.weights.len())
            .filter(|i| {
                // BOUND: `total` adds up every weight, so it is at least this one.
                #[allow(clippy::arithmetic_side_effects)]
                let others = total - self.weights.get(*i).copied().unwrap_or(0);
                self.required.get(*i).copied().unwrap_or(false) || others < self.quota
            })
            .collect()
    }

    /// A smallest set of players who, voting against with everyone else in favour, make the
    /// decision fail: one required player, or else the heaviest players first. Empty when
    /// nothing passes anyway; `None` when nothing blocks (everything passes).
    pub fn smallest_blocking(&self) -> Option<Vec<usize>> {
        if !self.can_pass() {
            return Some(Vec::new());
        }
        if let Some(r) = self.required.iter().position(|r| *r) {
            return Some(vec![r]);
        }
        if self.quota == 0 {
            return None;
        }
        let mut order: Vec<usize> = (0..self.weights.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(self.weights.get(*i).copied().unwrap_or(0)));
        let mut left = self.total();
        let mut out = Vec::new();
        for i in order {
            if left < self.quota {
                break;
            }
            // BOUND: `left` is the total less the weights taken so far, so at least the weights
            // of everyone not yet taken.
            #[allow(clippy::arithmetic_side_effects)]
            {
                left -= self.weights.get(i).copied().unwrap_or(0);
            }
            out.push(i);
        }
        out.sort_unstable();
        Some(out)
    }

    /// Sums reachable by the free (not required) players other than `skip`, with the prefix
    /// tables when `keep` is set (to rebuild a witness).
    fn free_sums(&self, skip: Option<usize>, keep: bool) -> (Sums, Vec<Sums>) {
        let free_total: u64 = self
            .weights
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.required.get(*i).copied().unwrap_or(false) && Some(*i) != skip)
            .map(|(_, w)| *w)
            .sum();
        let mut sums = Sums::new(free_total);
        let mut layers = Vec::new();
        for (i, w) in self.weights.iter().enumerate() {
            if keep {
                layers.push(sums.clone());
            }
            if self.required.get(i).copied().unwrap_or(false) || Some(i) == skip {
                continue;
            }
            sums.add(*w);
        }
        (sums, layers)
    }

    /// Rebuilds a set of free players (not `skip`) whose weights sum to `target`.
    fn rebuild(&self, layers: &[Sums], mut target: u64, skip: Option<usize>) -> Vec<bool> {
        let mut chosen = vec![false; self.weights.len()];
        for i in (0..self.weights.len()).rev() {
            if self.required.get(i).copied().unwrap_or(false) || Some(i) == skip {
                continue;
            }
            let Some(before) = layers.get(i) else { continue };
            if before.has(target) {
                continue;
            }
            let w = self.weights.get(i).copied().unwrap_or(0);
            target = target.saturating_sub(w);
            if let Some(slot) = chosen.get_mut(i) {
                *slot = true;
            }
        }
        chosen
    }

    fn witness_budget(&self) -> Result<(), TooLarge> {
        // BOUND: a 64th of a `u64`, plus one, fits a `u64`.
        #[allow(clippy::arithmetic_side_effects)]
        let words = self.total() / 64 + 1;
        if (self.weights.len() as u64).saturating_mul(words) > MAX_WORDS {
            Err(TooLarge)
        } else {
            Ok(())
        }
    }

    /// Two disjoint passing coalitions (a coalition and everyone else), if there are any.
    pub fn disjoint_passing(&self) -> Result<Option<super::Pair>, TooLarge> {
        // Both sides reach the quota only if the total holds it twice.
        if self.required.iter().any(|r| *r) || self.quota.checked_mul(2).is_none_or(|twice| twice > self.total()) {
            return Ok(None);
        }
        self.check_size()?;
        let (sums, _) = self.free_sums(None, false);
        // BOUND: just checked, the total is at least twice the quota.
        #[allow(clippy::arithmetic_side_effects)]
        let rest = self.total() - self.quota;
        let Some(s) = sums.first_in(self.quota, rest) else { return Ok(None) };
        self.witness_budget()?;
        let (_, layers) = self.free_sums(None, true);
        let first = self.rebuild(&layers, s, None);
        let second = first.iter().map(|b| !b).collect();
        Ok(Some((first, second)))
    }

    /// A coalition (without `player`) that fails alone and passes once `player` joins it.
    pub fn swing_witness(&self, player: usize) -> Result<Option<Vec<bool>>, TooLarge> {
        if !self.can_pass() {
            return Ok(None);
        }
        if self.required.get(player).copied().unwrap_or(false) {
            let mut others = vec![true; self.weights.len()];
            if let Some(slot) = others.get_mut(player) {
                *slot = false;
            }
            return Ok(Some(others));
        }
        self.check_size()?;
        self.witness_budget()?;
        let Some((lo, hi)) = self.swing_window(player) else { return Ok(None) };
        let (sums, layers) = self.free_sums(Some(player), true);
        let Some(s) = sums.first_in(lo, hi) else { return Ok(None) };
        let mut coalition = self.rebuild(&layers, s, Some(player));
        for (i, r) in self.required.iter().enumerate() {
            if *r {
                if let Some(slot) = coalition.get_mut(i) {
                    *slot = true;
                }
            }
        }
        Ok(Some(coalition))
    }

    /// The sums of the other free players for which `player` (free) is a swing.
    fn swing_window(&self, player: usize) -> Option<(u64, u64)> {
        let w = self.weights.get(player).copied().unwrap_or(0);
        let needed = self.quota.checked_sub(self.required_weight())?;
        let hi = needed.checked_sub(1)?;
        let lo = needed.saturating_sub(w);
        (w > 0 && lo <= hi).then_some((lo, hi))
    }

    /// Whether `player` is a swing in some coalition.
    pub fn is_critical(&self, player: usize) -> Result<bool, TooLarge> {
        if !self.can_pass() {
            return Ok(false);
        }
        if self.required.get(player).copied().unwrap_or(false) {
            return Ok(true);
        }
        let Some((lo, hi)) = self.swing_window(player) else { return Ok(false) };
        self.check_size()?;
        let (sums, _) = self.free_sums(Some(player), false);
        Ok(sums.first_in(lo, hi).is_some())
    }

    /// Players who are never a swing: a binary search over the distinct weights of the free
    /// players, since a heavier free player is a swing wherever a lighter one is.
    pub fn dummies(&self) -> Result<Vec<usize>, TooLarge> {
        let n = self.weights.len();
        if !self.can_pass() {
            return Ok((0..n).collect());
        }
        let mut free: Vec<usize> = (0..n).filter(|i| !self.required.get(*i).copied().unwrap_or(false)).collect();
        free.sort_by_key(|i| self.weights.get(*i).copied().unwrap_or(0));
        // Representatives of each distinct weight, lightest first.
        let mut reps: Vec<usize> = Vec::new();
        for i in &free {
            let w = self.weights.get(*i).copied().unwrap_or(0);
            if reps.last().is_none_or(|r| self.weights.get(*r).copied().unwrap_or(0) != w) {
                reps.push(*i);
            }
        }
        // Find the first representative that is critical. Usually the lightest already is,
        // so it is tried first: one pass then settles it.
        if let Some(first) = reps.first() {
            if self.is_critical(*first)? {
                return Ok(Vec::new());
            }
        }
        let (mut lo, mut hi) = (1usize.min(reps.len()), reps.len());
        while lo < hi {
            let mid = lo.midpoint(hi);
            let critical = match reps.get(mid) {
                Some(r) => self.is_critical(*r)?,
                None => true,
            };
            if critical {
                hi = mid;
            } else {
                // BOUND: `mid` is below `hi`, a number of representatives.
                #[allow(clippy::arithmetic_side_effects)]
                {
                    lo = mid + 1;
                }
            }
        }
        let threshold = reps.get(lo).map(|r| self.weights.get(*r).copied().unwrap_or(0));
        let mut out: Vec<usize> = free
            .into_iter()
            .filter(|i| threshold.is_none_or(|t| self.weights.get(*i).copied().unwrap_or(0) < t))
            .collect();
        out.sort_unstable();
        Ok(out)
    }

    /// Sums the others can reach, for explaining a dummy: the gap `(lo, hi)` of totals that
    /// the player would lift over the quota, which the others can never make.
    pub fn dummy_gap(&self, player: usize) -> Option<(u64, u64)> {
        if self.required.get(player).copied().unwrap_or(false) {
            return None;
        }
        let needed = self.quota.checked_sub(self.required_weight())?;
        let w = self.weights.get(player).copied().unwrap_or(0);
        let hi = needed.checked_sub(1)?;
        Some((needed.saturating_sub(w), hi)).filter(|_| w > 0)
    }

    /// Each player's swings: coalitions of the others it turns from failing to passing. Exact,
    /// by counting subset sums (the generating function) and taking one player out at a time.
    pub fn swing_counts(&self) -> Result<Vec<Count>, TooLarge> {
        let n = self.weights.len();
        let total = self.total();
        if total > 1 << 16 || n > 4096 {
            return Err(TooLarge);
        }
        if !self.can_pass() {
            return Ok(vec![Count::zero(); n]);
        }
        let free: Vec<usize> = (0..n).filter(|i| !self.required.get(*i).copied().unwrap_or(false)).collect();
        let free_total: u64 = free.iter().map(|i| self.weights.get(*i).copied().unwrap_or(0)).sum();
        // BOUND: the total is at most 2^16, checked above.
        #[allow(clippy::arithmetic_side_effects)]
        let size = free_total as usize + 1;
        let mut counts = vec![Count::zero(); size];
        if let Some(c) = counts.first_mut() {
            *c = Count::one();
        }
        for i in &free {
            let w = self.weights.get(*i).copied().unwrap_or(0) as usize;
            for s in (0..size).rev() {
                if let Some(prev) = s.checked_sub(w).and_then(|p| counts.get(p)).cloned() {
                    if let Some(slot) = counts.get_mut(s) {
                        slot.add_assign(&prev);
                    }
                }
            }
        }
        let needed = self.quota.saturating_sub(self.required_weight());
        let passing_free: Count = counts.iter().skip(needed as usize).fold(Count::zero(), |a, c| a.add(c));
        let mut out = vec![Count::zero(); n];
        let mut cache: std::collections::HashMap<u64, Count> = std::collections::HashMap::new();
        for i in 0..n {
            if self.required.get(i).copied().unwrap_or(false) {
                if let Some(slot) = out.get_mut(i) {
                    *slot = passing_free.clone();
                }
                continue;
            }
            let w = self.weights.get(i).copied().unwrap_or(0);
            if let Some(c) = cache.get(&w) {
                if let Some(slot) = out.get_mut(i) {
                    *slot = c.clone();
                }
                continue;
            }
            // Counts without player i: c'[s] = c[s] − c'[s − w].
            let mut without = vec![Count::zero(); size];
            for s in 0..size {
                let prev = s.checked_sub(w as usize).and_then(|p| without.get(p)).cloned().unwrap_or_default();
                let here = counts.get(s).cloned().unwrap_or_default();
                if let Some(slot) = without.get_mut(s) {
                    *slot = here.checked_sub(&prev).unwrap_or_default();
                }
            }
            let swings = match self.swing_window(i) {
                Some((lo, hi)) => {
                    (lo..=hi).filter_map(|s| without.get(s as usize)).fold(Count::zero(), |a, c| a.add(c))
                }
                None => Count::zero(),
            };
            cache.insert(w, swings.clone());
            if let Some(slot) = out.get_mut(i) {
                *slot = swings;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eec() -> WeightedGame {
        WeightedGame { weights: vec![4, 4, 4, 2, 2, 1], quota: 12, required: vec![false; 6] }
    }

    #[test]
    fn eec_1958_luxembourg_is_a_dummy() {
        let g = eec();
        assert_eq!(g.dummies().unwrap(), vec![5]);
        assert_eq!(g.dummy_gap(5), Some((11, 11)));
        let swings: Vec<String> = g.swing_counts().unwrap().iter().map(ToString::to_string).collect();
        assert_eq!(swings, ["10", "10", "10", "6", "6", "0"]);
        assert!(g.swing_witness(5).unwrap().is_none());
        let w = g.swing_witness(3).unwrap().unwrap();
        assert!(!g.passes(&w));
        let mut with = w.clone();
        with[3] = true;
        assert!(g.passes(&with));
    }

    #[test]
    fn half_of_an_even_split_passes_both_ways() {
        let g = WeightedGame { weights: vec![1, 1, 1, 1], quota: 2, required: vec![false; 4] };
        let (a, b) = g.disjoint_passing().unwrap().unwrap();
        assert!(g.passes(&a) && g.passes(&b));
        assert!(a.iter().zip(&b).all(|(x, y)| !(x & y)));
    }

    #[test]
    fn sums_shift_across_words() {
        let mut s = Sums::new(300);
        s.add(70);
        s.add(130);
        assert!(s.has(0) && s.has(70) && s.has(130) && s.has(200));
        assert!(!s.has(60));
        assert_eq!(s.first_in(71, 300), Some(130));
    }
}
