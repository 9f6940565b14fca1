//! Questions asked of a built diagram: evaluation, the variables it depends on, extreme
//! coalitions, and exact counts of passing coalitions and of swings. Each is a walk over the
//! nodes reachable from a root; none builds nodes except `swing_counts`, which restricts.

use std::hash::BuildHasherDefault;

use super::{Bdd, HashMap, NodeHasher, NodeId, FALSE, TRUE};
use crate::coalitions::count::Count;
use crate::coalitions::TooLarge;

impl Bdd {
    /// Whether the diagram holds for `assignment` (indexed by variable; missing ones are 0).
    pub fn eval(&self, root: NodeId, assignment: &[bool]) -> bool {
        let mut id = root;
        while id > TRUE {
            let n = self.node(id);
            id = if assignment.get(n.var as usize).copied().unwrap_or(false) { n.hi } else { n.lo };
        }
        id == TRUE
    }

    /// The nodes reachable from `root`, each once, parents before children (by variable).
    pub fn reachable(&self, root: NodeId) -> Vec<NodeId> {
        let mut seen: std::collections::HashSet<NodeId, BuildHasherDefault<NodeHasher>> = Default::default();
        let mut stack = vec![root];
        let mut out = Vec::new();
        while let Some(id) = stack.pop() {
            if id <= TRUE || !seen.insert(id) {
                continue;
            }
            out.push(id);
            let n = self.node(id);
            stack.push(n.lo);
            stack.push(n.hi);
        }
        out.sort_by_key(|id| (self.var(*id), *id));
        out
    }

    /// Which variables the function depends on: exactly those some reachable node asks about.
    pub fn support(&self, root: NodeId) -> Vec<bool> {
        let mut out = vec![false; self.n_vars as usize];
        for id in self.reachable(root) {
            if let Some(slot) = out.get_mut(self.var(id) as usize) {
                *slot = true;
            }
        }
        out
    }

    /// Variables set on every satisfying assignment (none when nothing satisfies `root`): a
    /// node's forced set is what both branches force, its own variable counting on the 1-branch.
    /// Walks the diagram once, creating no node.
    pub fn forced_ones(&self, root: NodeId) -> Vec<bool> {
        let n = self.n_vars as usize;
        // BOUND: a 64th of a `usize`, plus one, fits a `usize`.
        #[allow(clippy::arithmetic_side_effects)]
        let words = n / 64 + 1;
        if root == FALSE {
            return vec![false; n];
        }
        let order = self.reachable(root);
        let all = vec![u64::MAX; words];
        let none = vec![0u64; words];
        let mut forced: HashMap<NodeId, Vec<u64>> = HashMap::default();
        for id in order.iter().rev() {
            let node = self.node(*id);
            let get = |child: NodeId, forced: &HashMap<NodeId, Vec<u64>>| -> Vec<u64> {
                match child {
                    FALSE => all.clone(),
                    TRUE => none.clone(),
                    c => forced.get(&c).cloned().unwrap_or_else(|| none.clone()),
                }
            };
            let lo = get(node.lo, &forced);
            let mut hi = get(node.hi, &forced);
            if let Some(word) = hi.get_mut(node.var as usize / 64) {
                *word |= 1u64 << (node.var % 64);
            }
            let both: Vec<u64> = lo.iter().zip(&hi).map(|(a, b)| a & b).collect();
            forced.insert(*id, both);
        }
        let at_root = if root == TRUE { none } else { forced.get(&root).cloned().unwrap_or(none) };
        (0..n).map(|i| at_root.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)).collect()
    }

    /// An assignment with as few variables set as possible that satisfies `root`, if any.
    pub fn min_ones_sat(&self, root: NodeId) -> Option<Vec<bool>> {
        self.extreme_path(root, TRUE, Extreme::FewestOnes)
    }

    /// An assignment with as many variables set as possible that falsifies `root`, if any.
    pub fn max_ones_unsat(&self, root: NodeId) -> Option<Vec<bool>> {
        self.extreme_path(root, FALSE, Extreme::MostOnes)
    }

    // BOUND: every value is a number of variables along one path, at most `n_vars` (a `u32`), so
    // adding one more, or the variables a branch skips, cannot overflow an `i64`.
    #[allow(clippy::arithmetic_side_effects)]
    fn extreme_path(&self, root: NodeId, target: NodeId, extreme: Extreme) -> Option<Vec<bool>> {
        // best[node] = (number of ones from this node's level down, choice), by dynamic programming
        // from the leaves up. Skipped variables are 0 for FewestOnes and 1 for MostOnes.
        let order = self.reachable(root);
        let mut best: HashMap<NodeId, Option<i64>> = HashMap::default();
        let leaf_value = |id: NodeId| if id == target { Some(0i64) } else { None };
        let skipped = |from: u32, to: u32| -> i64 {
            match extreme {
                Extreme::FewestOnes => 0,
                Extreme::MostOnes => i64::from(to.saturating_sub(from).saturating_sub(1)),
            }
        };
        for id in order.iter().rev() {
            let n = self.node(*id);
            let value_of = |child: NodeId, best: &HashMap<NodeId, Option<i64>>| -> Option<i64> {
                let base = if child <= TRUE { leaf_value(child) } else { best.get(&child).copied().flatten() };
                base.map(|b| b + skipped(n.var, self.var(child)))
            };
            let lo = value_of(n.lo, &best);
            let hi = value_of(n.hi, &best).map(|v| v + 1);
            let v = match (lo, hi, extreme) {
                (None, None, _) => None,
                (Some(a), None, _) | (None, Some(a), _) => Some(a),
                (Some(a), Some(b), Extreme::FewestOnes) => Some(a.min(b)),
                (Some(a), Some(b), Extreme::MostOnes) => Some(a.max(b)),
            };
            best.insert(*id, v);
        }
        let root_value = if root <= TRUE { leaf_value(root) } else { best.get(&root).copied().flatten() };
        root_value?;
        let fill = matches!(extreme, Extreme::MostOnes);
        let mut assignment = vec![fill; self.n_vars as usize];
        let mut id = root;
        while id > TRUE {
            let n = self.node(id);
            let child_value = |child: NodeId| -> Option<i64> {
                let base = if child <= TRUE { leaf_value(child) } else { best.get(&child).copied().flatten() };
                base.map(|b| b + skipped(n.var, self.var(child)))
            };
            let lo = child_value(n.lo);
            let hi = child_value(n.hi).map(|v| v + 1);
            let take_hi = match (lo, hi) {
                (None, _) => true,
                (_, None) => false,
                (Some(a), Some(b)) => match extreme {
                    Extreme::FewestOnes => b < a,
                    Extreme::MostOnes => b > a,
                },
            };
            if let Some(slot) = assignment.get_mut(n.var as usize) {
                *slot = take_hi;
            }
            id = if take_hi { n.hi } else { n.lo };
        }
        Some(assignment)
    }

    /// The number of satisfying assignments of all `n_vars` variables.
    pub fn sat_count(&self, root: NodeId) -> Count {
        let counts = self.level_counts(root);
        self.count_from(root, 0, &counts)
    }

    /// For each reachable node, the satisfying assignments of the variables from its own on.
    fn level_counts(&self, root: NodeId) -> HashMap<NodeId, Count> {
        let order = self.reachable(root);
        let mut counts: HashMap<NodeId, Count> = HashMap::default();
        counts.insert(FALSE, Count::zero());
        counts.insert(TRUE, Count::one());
        for id in order.iter().rev() {
            let n = self.node(*id);
            // BOUND: `n` is not a leaf, so it asks about a variable below `n_vars`.
            #[allow(clippy::arithmetic_side_effects)]
            let below = n.var + 1;
            let c = self.count_from(n.lo, below, &counts).add(&self.count_from(n.hi, below, &counts));
            counts.insert(*id, c);
        }
        counts
    }

    /// Satisfying assignments of variables `from_var..n_vars` below `id`.
    fn count_from(&self, id: NodeId, from_var: u32, counts: &HashMap<NodeId, Count>) -> Count {
        let skipped = self.var(id).saturating_sub(from_var) as usize;
        counts.get(&id).cloned().unwrap_or_default().shl(skipped)
    }

    /// For each variable, the number of assignments of the other variables where changing it
    /// changes the outcome (its swings, the raw Banzhaf count). Exact.
    pub fn swing_counts(&mut self, root: NodeId) -> Result<Vec<Count>, TooLarge> {
        let order = self.reachable(root);
        // How many assignments of the variables above each node lead to it.
        let mut up: HashMap<NodeId, Count> = HashMap::default();
        up.insert(root, Count::power_of_two(self.var(root) as usize));
        for id in &order {
            let n = self.node(*id);
            let here = up.get(id).cloned().unwrap_or_default();
            for child in [n.lo, n.hi] {
                if child <= TRUE {
                    continue;
                }
                // Variables skipped between the node and its child (a parent's variable is below its child's).
                let gap = self.var(child).saturating_sub(n.var).saturating_sub(1) as usize;
                up.entry(child).or_default().add_assign(&here.shl(gap));
            }
        }
        // For each node, where its two children differ.
        let mut diffs = Vec::with_capacity(order.len());
        for id in &order {
            let n = self.node(*id);
            diffs.push((*id, n.var, self.xor(n.lo, n.hi)?));
        }
        let mut all_roots = vec![root];
        all_roots.extend(diffs.iter().map(|d| d.2));
        let mut counts: HashMap<NodeId, Count> = HashMap::default();
        counts.insert(FALSE, Count::zero());
        counts.insert(TRUE, Count::one());
        for r in all_roots {
            for id in self.reachable(r).iter().rev() {
                if counts.contains_key(id) {
                    continue;
                }
                let n = self.node(*id);
                // BOUND: `n` is not a leaf, so it asks about a variable below `n_vars`.
                #[allow(clippy::arithmetic_side_effects)]
                let below = n.var + 1;
                let c = self.count_from(n.lo, below, &counts).add(&self.count_from(n.hi, below, &counts));
                counts.insert(*id, c);
            }
        }
        let mut swings = vec![Count::zero(); self.n_vars as usize];
        for (id, var, diff) in diffs {
            // BOUND: `var` is the variable of a node that is not a leaf, below `n_vars`.
            #[allow(clippy::arithmetic_side_effects)]
            let below = self.count_from(diff, var + 1, &counts);
            let above = up.get(&id).cloned().unwrap_or_default();
            if let Some(slot) = swings.get_mut(var as usize) {
                slot.add_assign(&above.mul(&below));
            }
        }
        Ok(swings)
    }
}

#[derive(Debug, Clone, Copy)]
enum Extreme {
    FewestOnes,
    MostOnes,
}
