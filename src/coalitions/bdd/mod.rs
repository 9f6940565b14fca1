//! Reduced ordered binary decision diagrams for composite rules.
//!
//! A rule over members' votes becomes one diagram: a graph whose nodes each ask about one
//! variable, in a fixed order, shared wherever two sub-rules are the same. Each linear threshold
//! is built directly by the interval construction (a node stands for every remaining bound that
//! gives the same function, so the diagram never grows past the number of distinct functions),
//! then thresholds are joined by `apply`. From the diagram every coalition question is a walk:
//! whether anything passes, a smallest passing coalition, whether a variable matters at all
//! (a reduced diagram mentions exactly the variables the rule depends on), counts of passing
//! coalitions and of swings, as exact integers.
//!
//! Every construction is bounded by a node budget; past it the caller gets [`TooLarge`] and
//! reports the analysis as not done, never a hang.

use std::collections::BTreeMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::formula::{Formula, Linear};
use super::TooLarge;

mod queries;

/// A fast hash for the node tables (keys are small integers; no attacker chooses them):
/// rotate, xor, multiply, as in the Fx hash of rustc. SipHash spent most of the build time.
#[derive(Debug, Clone, Copy, Default)]
pub struct NodeHasher(u64);

impl NodeHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for NodeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.add(u64::from(*b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn write_isize(&mut self, i: isize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by nodes.
pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<NodeHasher>>;

/// A node of a diagram, by index. `FALSE` and `TRUE` are the two leaves.
pub type NodeId = u32;
/// The leaf "the rule fails".
pub const FALSE: NodeId = 0;
/// The leaf "the rule holds".
pub const TRUE: NodeId = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Node {
    var: u32,
    lo: NodeId,
    hi: NodeId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Op {
    And,
    Or,
    Xor,
}

/// A store of shared diagram nodes over `n_vars` variables, ordered by variable number.
#[derive(Debug, Clone)]
pub struct Bdd {
    n_vars: u32,
    nodes: Vec<Node>,
    unique: HashMap<Node, NodeId>,
    cache: HashMap<(Op, NodeId, NodeId), NodeId>,
    budget: usize,
}

impl Bdd {
    /// An empty store over `n_vars` variables that refuses to grow past `budget` nodes.
    pub fn new(n_vars: u32, budget: usize) -> Bdd {
        let leaf = Node { var: n_vars, lo: FALSE, hi: FALSE };
        Bdd {
            n_vars,
            nodes: vec![leaf, Node { var: n_vars, lo: TRUE, hi: TRUE }],
            unique: HashMap::default(),
            cache: HashMap::default(),
            budget,
        }
    }

    /// How many variables the store's diagrams range over.
    pub fn n_vars(&self) -> u32 {
        self.n_vars
    }

    /// How many nodes the store holds.
    pub fn size(&self) -> usize {
        self.nodes.len()
    }

    fn node(&self, id: NodeId) -> Node {
        self.nodes.get(id as usize).copied().unwrap_or(Node { var: self.n_vars, lo: FALSE, hi: FALSE })
    }

    /// The variable a node asks about (`n_vars` for a leaf).
    pub fn var(&self, id: NodeId) -> u32 {
        self.node(id).var
    }

    /// A node's children: (variable is 0, variable is 1).
    pub fn children(&self, id: NodeId) -> (NodeId, NodeId) {
        let n = self.node(id);
        (n.lo, n.hi)
    }

    fn mk(&mut self, var: u32, lo: NodeId, hi: NodeId) -> Result<NodeId, TooLarge> {
        if lo == hi {
            return Ok(lo);
        }
        let key = Node { var, lo, hi };
        if let Some(id) = self.unique.get(&key) {
            return Ok(*id);
        }
        if self.nodes.len() >= self.budget {
            return Err(TooLarge);
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(key);
        self.unique.insert(key, id);
        Ok(id)
    }

    /// The diagram of a formula.
    pub fn formula(&mut self, formula: &Formula) -> Result<NodeId, TooLarge> {
        match formula {
            Formula::Const(false) => Ok(FALSE),
            Formula::Const(true) => Ok(TRUE),
            Formula::Linear(l) => self.linear(l),
            Formula::And(parts) => {
                let mut acc = TRUE;
                for part in parts {
                    let d = self.formula(part)?;
                    acc = self.and(acc, d)?;
                    if acc == FALSE {
                        break;
                    }
                }
                Ok(acc)
            }
            Formula::Or(parts) => {
                let mut acc = FALSE;
                for part in parts {
                    let d = self.formula(part)?;
                    acc = self.or(acc, d)?;
                    if acc == TRUE {
                        break;
                    }
                }
                Ok(acc)
            }
        }
    }

    /// The diagram of one linear threshold, by the interval construction.
    pub fn linear(&mut self, linear: &Linear) -> Result<NodeId, TooLarge> {
        let terms: Vec<(u32, i128)> = linear.terms().iter().copied().filter(|(v, _)| *v < self.n_vars).collect();
        let k = terms.len();
        // Suffix sums of the negative and positive parts: the range the rest can still add. (A
        // threshold's coefficients add up within an `i128`, so the saturating sums are exact.)
        // BOUND: `k` is the length of a vector in memory, so one more fits a `usize`.
        #[allow(clippy::arithmetic_side_effects)]
        let (mut min_rest, mut max_rest) = (vec![0i128; k + 1], vec![0i128; k + 1]);
        for i in (0..k).rev() {
            let c = terms.get(i).map_or(0, |t| t.1);
            // BOUND: `i` is below `k`, the length of `terms`.
            #[allow(clippy::arithmetic_side_effects)]
            let next = i + 1;
            let (lo_next, hi_next) =
                (min_rest.get(next).copied().unwrap_or(0), max_rest.get(next).copied().unwrap_or(0));
            if let Some(slot) = min_rest.get_mut(i) {
                *slot = lo_next.saturating_add(c.min(0));
            }
            if let Some(slot) = max_rest.get_mut(i) {
                *slot = hi_next.saturating_add(c.max(0));
            }
        }
        let mut memo: Vec<BTreeMap<i128, (i128, NodeId)>> = vec![BTreeMap::new(); k];
        let mut builder = LinearBuilder { terms: &terms, min_rest: &min_rest, max_rest: &max_rest, memo: &mut memo };
        let (node, _, _) = builder.build(self, 0, linear.bound())?;
        Ok(node)
    }

    /// `a and b`.
    pub fn and(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, TooLarge> {
        self.apply(Op::And, a, b)
    }

    /// `a or b`.
    pub fn or(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, TooLarge> {
        self.apply(Op::Or, a, b)
    }

    /// `a xor b`: where the two differ.
    pub fn xor(&mut self, a: NodeId, b: NodeId) -> Result<NodeId, TooLarge> {
        self.apply(Op::Xor, a, b)
    }

    fn apply(&mut self, op: Op, a: NodeId, b: NodeId) -> Result<NodeId, TooLarge> {
        match op {
            Op::And => {
                if a == FALSE || b == FALSE {
                    return Ok(FALSE);
                }
                if a == TRUE {
                    return Ok(b);
                }
                if b == TRUE || a == b {
                    return Ok(a);
                }
            }
            Op::Or => {
                if a == TRUE || b == TRUE {
                    return Ok(TRUE);
                }
                if a == FALSE {
                    return Ok(b);
                }
                if b == FALSE || a == b {
                    return Ok(a);
                }
            }
            Op::Xor => {
                if a == b {
                    return Ok(FALSE);
                }
                if a == FALSE {
                    return Ok(b);
                }
                if b == FALSE {
                    return Ok(a);
                }
                if a <= TRUE && b <= TRUE {
                    return Ok(TRUE);
                }
            }
        }
        let key = if a <= b { (op, a, b) } else { (op, b, a) };
        if let Some(r) = self.cache.get(&key) {
            return Ok(*r);
        }
        let (na, nb) = (self.node(a), self.node(b));
        let var = na.var.min(nb.var);
        let (a0, a1) = if na.var == var { (na.lo, na.hi) } else { (a, a) };
        let (b0, b1) = if nb.var == var { (nb.lo, nb.hi) } else { (b, b) };
        let lo = self.apply(op, a0, b0)?;
        let hi = self.apply(op, a1, b1)?;
        let r = self.mk(var, lo, hi)?;
        self.cache.insert(key, r);
        Ok(r)
    }

    /// The diagram with every variable read the other way round: `f(¬x)`.
    pub fn flip_vars(&mut self, root: NodeId) -> Result<NodeId, TooLarge> {
        let mut memo = HashMap::default();
        self.flip_rec(root, &mut memo)
    }

    fn flip_rec(&mut self, id: NodeId, memo: &mut HashMap<NodeId, NodeId>) -> Result<NodeId, TooLarge> {
        if id <= TRUE {
            return Ok(id);
        }
        if let Some(r) = memo.get(&id) {
            return Ok(*r);
        }
        let n = self.node(id);
        let lo = self.flip_rec(n.hi, memo)?;
        let hi = self.flip_rec(n.lo, memo)?;
        let r = self.mk(n.var, lo, hi)?;
        memo.insert(id, r);
        Ok(r)
    }

    /// The diagram with variable `var` fixed to `value`.
    pub fn restrict(&mut self, root: NodeId, var: u32, value: bool) -> Result<NodeId, TooLarge> {
        let mut memo = HashMap::default();
        self.restrict_rec(root, var, value, &mut memo)
    }

    fn restrict_rec(
        &mut self,
        id: NodeId,
        var: u32,
        value: bool,
        memo: &mut HashMap<NodeId, NodeId>,
    ) -> Result<NodeId, TooLarge> {
        let n = self.node(id);
        if n.var > var {
            return Ok(id);
        }
        if n.var == var {
            return Ok(if value { n.hi } else { n.lo });
        }
        if let Some(r) = memo.get(&id) {
            return Ok(*r);
        }
        let lo = self.restrict_rec(n.lo, var, value, memo)?;
        let hi = self.restrict_rec(n.hi, var, value, memo)?;
        let r = self.mk(n.var, lo, hi)?;
        memo.insert(id, r);
        Ok(r)
    }
}

struct LinearBuilder<'a> {
    terms: &'a [(u32, i128)],
    min_rest: &'a [i128],
    max_rest: &'a [i128],
    memo: &'a mut Vec<BTreeMap<i128, (i128, NodeId)>>,
}

impl LinearBuilder<'_> {
    /// The node for "terms from `level` on sum to at least `bound`", with the interval of
    /// bounds `[lo, hi]` that give the same function.
    fn build(&mut self, bdd: &mut Bdd, level: usize, bound: i128) -> Result<(NodeId, i128, i128), TooLarge> {
        let min = self.min_rest.get(level).copied().unwrap_or(0);
        let max = self.max_rest.get(level).copied().unwrap_or(0);
        if bound <= min {
            return Ok((TRUE, i128::MIN, min));
        }
        if bound > max {
            return Ok((FALSE, max.saturating_add(1), i128::MAX));
        }
        if let Some(table) = self.memo.get(level) {
            if let Some((_, (hi, node))) = table.range(..=bound).next_back() {
                if *hi >= bound {
                    let lo = table.range(..=bound).next_back().map_or(bound, |(lo, _)| *lo);
                    return Ok((*node, lo, *hi));
                }
            }
        }
        let Some(&(var, c)) = self.terms.get(level) else {
            return Ok(if bound <= 0 { (TRUE, i128::MIN, 0) } else { (FALSE, 1, i128::MAX) });
        };
        // BOUND: `level` indexes `terms`, so one more fits a `usize`.
        #[allow(clippy::arithmetic_side_effects)]
        let next = level + 1;
        let (t, lo1, hi1) = self.build(bdd, next, bound.saturating_sub(c))?;
        let (e, lo0, hi0) = self.build(bdd, next, bound)?;
        let lo = lo1.saturating_add(c).max(lo0);
        let hi = hi1.saturating_add(c).min(hi0);
        let node = bdd.mk(var, e, t)?;
        if let Some(table) = self.memo.get_mut(level) {
            table.insert(lo, (hi, node));
        }
        Ok((node, lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coalitions::count::Count;
    use crate::coalitions::formula::{Affine, Linear};

    fn threshold(weights: &[i128], quota: i128) -> Formula {
        let mut e = Affine::constant(-quota);
        for (i, w) in weights.iter().enumerate() {
            e.add_scaled(&Affine::var(i as u32), *w).unwrap();
        }
        Linear::at_least_zero(&e).unwrap()
    }

    #[test]
    fn eec_1958_luxembourg_is_not_in_the_diagram() {
        let f = threshold(&[4, 4, 4, 2, 2, 1], 12);
        let mut bdd = Bdd::new(6, 10_000);
        let root = bdd.formula(&f).unwrap();
        assert_eq!(bdd.support(root), vec![true, true, true, true, true, false]);
        let swings = bdd.swing_counts(root).unwrap();
        let swings: Vec<String> = swings.iter().map(ToString::to_string).collect();
        // Known raw Banzhaf counts for the EEC 1958 Council (per 2^5 coalitions of the others).
        assert_eq!(swings, ["10", "10", "10", "6", "6", "0"]);
    }

    #[test]
    fn brute_force_agrees_on_small_thresholds() {
        let weights = [3, -2, 5, 1, 0, 4];
        for quota in -3..12 {
            let f = threshold(&weights, quota);
            let mut bdd = Bdd::new(6, 10_000);
            let root = bdd.formula(&f).unwrap();
            let mut count = 0u64;
            for bits in 0..64u32 {
                let a: Vec<bool> = (0..6).map(|i| bits >> i & 1 == 1).collect();
                assert_eq!(bdd.eval(root, &a), f.holds(&a));
                count += u64::from(f.holds(&a));
            }
            assert_eq!(bdd.sat_count(root), Count::from(count));
        }
    }
}
