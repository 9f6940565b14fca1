//! The coalition engine: a decision's rule as a simple game, and exact answers about it.
//!
//! In comes a decision of a resolved agreement; out come exact answers to coalition questions:
//! can this coalition pass, does any pass, can two disjoint coalitions both pass, is a member
//! critical somewhere (a swing), who passes alone (dictator), who never matters (dummy), who is
//! in every passing coalition (veto player), the smallest blocking coalition, and how many
//! swings each member has (exact big integers, for power indices).
//!
//! # The model
//!
//! The players are the members eligible for the decision in general: observers and members the
//! decision excludes are out; gain exclusions, which depend on a proposal, do not apply. A
//! coalition is the set of players voting in favour. Unless a question says otherwise, every
//! other eligible member attends and votes against (full attendance, the worst case for
//! passing; see [`Reading`]). Vetoes are exercised by voting against, so a veto holder outside
//! the coalition vetoes; vetoes that apply only when a proposal puts the holder's statutory
//! duties at risk are left out. A tie goes to the casting vote's holder, who casts it as it
//! voted. The quorum must hold. Where votes weigh by the budget committed to each proposal, the
//! weights are unknown in general and weight-dependent questions are not analysed.
//!
//! # The methods
//!
//! Nothing enumerates the 2^n coalitions. A rule that is one weighted threshold, with perhaps
//! some members whose consent is required, is solved by dynamic programming over integer
//! weights ([`weighted`]). Any other rule becomes a reduced ordered binary decision diagram
//! ([`bdd`]), built threshold by threshold and joined by and / or. Both are bounded: past the
//! bound a question answers [`TooLarge`], which the checker reports as "not analysed".

pub mod attendance;
pub mod bdd;
pub mod casting;
pub mod count;
pub mod formula;
pub mod rules;
mod thresholds;
pub mod weighted;

#[cfg(test)]
mod tests;

use crate::model::{Agreement, Decision, MemberId, TimedRule};
use crate::weights::Electorate;
use bdd::{Bdd, NodeId, FALSE};
pub use casting::CastingHolder;
use count::Count;
use formula::Formula;
pub use rules::{CompileError, Reading, Voters};
use weighted::WeightedGame;

/// An analysis that would exceed its time or memory bound, and so was not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// Bounds on the work one game may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most nodes a decision diagram may have.
    pub diagram_nodes: usize,
    /// Most players a decision diagram is built for.
    pub diagram_players: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { diagram_nodes: 400_000, diagram_players: 1_000 }
    }
}

/// A coalition: for each player, whether it is in.
pub type Coalition = Vec<bool>;

/// Two coalitions that both pass.
pub type Pair = (Coalition, Coalition);

/// Players voting each way: in favour of a proposal, and against it.
pub type Sides = (Vec<usize>, Vec<usize>);

/// A decision's rule under full attendance, as a simple game over its players.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Game {
    /// The players (eligible members), in the agreement's order.
    pub players: Vec<MemberId>,
    /// Whether a coalition passes, over one variable per player ("in favour").
    pub formula: Formula,
}

impl Game {
    /// The game of `rule` (one of `decision`'s timed rules), with the decision's quorum,
    /// vetoes and casting vote.
    pub fn of_decision(
        agreement: &Agreement,
        decision: &Decision,
        electorate: &Electorate,
        rule: &TimedRule,
    ) -> Result<Game, CompileError> {
        Game::held_by(agreement, decision, electorate, rule, CastingHolder::of_decision(agreement, decision))
    }

    /// [`Game::of_decision`] with the casting vote held by `casting` (one meeting's holder, or
    /// each possible holder in turn).
    pub fn held_by(
        agreement: &Agreement,
        decision: &Decision,
        electorate: &Electorate,
        rule: &TimedRule,
        casting: CastingHolder,
    ) -> Result<Game, CompileError> {
        let voters = Voters::new(agreement, decision, electorate)?.with_casting(casting);
        let quorum = agreement.ordinary_quorum(decision);
        let formula = voters.passes(decision, quorum, rule, Reading::FullAttendance)?;
        Ok(Game { players: voters.players, formula })
    }

    /// The game for one proposal: `electorate` was worked out for it, so its exclusions apply
    /// and votes weighed by the budget committed to it are known.
    pub fn of_proposal(
        agreement: &Agreement,
        decision: &Decision,
        electorate: &Electorate,
        rule: &TimedRule,
        casting: CastingHolder,
    ) -> Result<Game, CompileError> {
        let voters = Voters::new(agreement, decision, electorate)?.with_known_weights().with_casting(casting);
        let quorum = agreement.ordinary_quorum(decision);
        let formula = voters.passes(decision, quorum, rule, Reading::FullAttendance)?;
        Ok(Game { players: voters.players, formula })
    }

    /// A game from a formula over `n` players (for tests and for callers building their own).
    pub fn from_formula(n: usize, formula: Formula) -> Game {
        Game { players: (0..n as u32).map(MemberId).collect(), formula }
    }

    /// Whether `coalition` passes, straight from the formula.
    pub fn passes(&self, coalition: &[bool]) -> bool {
        self.formula.holds(coalition)
    }

    /// Prepares the game for questions: the weighted method when the rule has that shape and
    /// its weights are small enough, else a decision diagram.
    pub fn solve(&self, limits: Limits) -> Result<Solver, TooLarge> {
        if let Some(game) = self.as_weighted() {
            if game.total() <= weighted::MAX_TOTAL {
                return Ok(Solver::Weighted(game));
            }
        }
        if self.players.len() > limits.diagram_players {
            return Err(TooLarge);
        }
        let mut bdd = Bdd::new(self.players.len() as u32, limits.diagram_nodes);
        let root = bdd.formula(&self.formula)?;
        Ok(Solver::Diagram(Diagram { bdd, root }))
    }

    /// The game as one weighted threshold with required players, when it has that shape.
    pub fn as_weighted(&self) -> Option<WeightedGame> {
        let n = self.players.len();
        let parts: Vec<&Formula> = match &self.formula {
            Formula::And(parts) => parts.iter().collect(),
            other => vec![other],
        };
        let mut required = vec![false; n];
        let mut general: Option<&formula::Linear> = None;
        for part in parts {
            match part {
                Formula::Const(true) => {}
                Formula::Const(false) => return Some(WeightedGame { weights: vec![0; n], quota: 1, required }),
                Formula::Linear(l) if l.terms().iter().all(|(_, c)| *c > 0) => {
                    // Cannot overflow: a threshold's coefficients add up within an `i128`.
                    let sum: i128 = l.terms().iter().map(|(_, c)| c).sum();
                    if l.bound() == sum {
                        for (v, _) in l.terms() {
                            if let Some(slot) = required.get_mut(*v as usize) {
                                *slot = true;
                            }
                        }
                    } else if general.is_none() {
                        general = Some(l);
                    } else {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        let mut weights = vec![0u64; n];
        let mut quota = 0u64;
        if let Some(l) = general {
            for (v, c) in l.terms() {
                if let Some(slot) = weights.get_mut(*v as usize) {
                    *slot = u64::try_from(*c).ok()?;
                }
            }
            quota = u64::try_from(l.bound().max(0)).ok()?;
        }
        // The weighted method adds weights in 64 bits: a total past that (votes near 2^64) is
        // left to the decision diagram, which works on the formula's exact coefficients.
        weights.iter().try_fold(0u64, |acc, w| acc.checked_add(*w))?;
        Some(WeightedGame { weights, quota, required })
    }
}

/// A game ready for questions.
#[derive(Debug, Clone)]
pub enum Solver {
    /// One weighted threshold with required players.
    Weighted(WeightedGame),
    /// Any rule, as a decision diagram.
    Diagram(Diagram),
}

/// A game's decision diagram.
#[derive(Debug, Clone)]
pub struct Diagram {
    /// The node store.
    pub bdd: Bdd,
    /// The rule's root.
    pub root: NodeId,
}

impl Solver {
    fn n(&self) -> usize {
        match self {
            Solver::Weighted(g) => g.weights.len(),
            Solver::Diagram(d) => d.bdd.n_vars() as usize,
        }
    }

    /// Whether `coalition` passes.
    pub fn passes(&self, coalition: &[bool]) -> bool {
        match self {
            Solver::Weighted(g) => g.passes(coalition),
            Solver::Diagram(d) => d.bdd.eval(d.root, coalition),
        }
    }

    /// A smallest passing coalition, if any passes.
    pub fn passing_coalition(&self) -> Option<Coalition> {
        match self {
            Solver::Weighted(g) => {
                if !g.can_pass() {
                    return None;
                }
                let mut coalition = g.required.clone();
                let mut weight: u64 = g.weights.iter().zip(&coalition).filter(|(_, c)| **c).map(|(w, _)| *w).sum();
                let mut order: Vec<usize> =
                    (0..g.weights.len()).filter(|i| !g.required.get(*i).copied().unwrap_or(false)).collect();
                order.sort_by_key(|i| std::cmp::Reverse(g.weights.get(*i).copied().unwrap_or(0)));
                for i in order {
                    if weight >= g.quota {
                        break;
                    }
                    // Saturating cannot change the answer: it is only compared with the quota,
                    // which a sum past `u64::MAX` would reach all the same.
                    weight = weight.saturating_add(g.weights.get(i).copied().unwrap_or(0));
                    if let Some(slot) = coalition.get_mut(i) {
                        *slot = true;
                    }
                }
                Some(coalition)
            }
            Solver::Diagram(d) => d.bdd.min_ones_sat(d.root),
        }
    }

    /// Whether some coalition passes.
    pub fn can_pass(&self) -> bool {
        match self {
            Solver::Weighted(g) => g.can_pass(),
            Solver::Diagram(d) => d.root != FALSE,
        }
    }

    /// Players who pass a decision alone, everyone else voting against.
    pub fn passes_alone(&self) -> Vec<usize> {
        match self {
            Solver::Weighted(g) => g.passes_alone(),
            Solver::Diagram(d) => (0..self.n())
                .filter(|i| {
                    let mut c = vec![false; self.n()];
                    if let Some(slot) = c.get_mut(*i) {
                        *slot = true;
                    }
                    d.bdd.eval(d.root, &c)
                })
                .collect(),
        }
    }

    /// Players in every passing coalition (none when nothing passes).
    pub fn veto_players(&mut self) -> Result<Vec<usize>, TooLarge> {
        let n = self.n();
        match self {
            Solver::Weighted(g) => Ok(g.veto_players()),
            Solver::Diagram(d) => {
                let forced = d.bdd.forced_ones(d.root);
                Ok((0..n).filter(|i| forced.get(*i).copied().unwrap_or(false)).collect())
            }
        }
    }

    /// Players whose vote never changes the outcome.
    pub fn dummies(&self) -> Result<Vec<usize>, TooLarge> {
        match self {
            Solver::Weighted(g) => g.dummies(),
            Solver::Diagram(d) => {
                Ok(d.bdd.support(d.root).iter().enumerate().filter(|(_, s)| !**s).map(|(i, _)| i).collect())
            }
        }
    }

    /// Two disjoint coalitions that both pass: a coalition, and everyone else (under full
    /// attendance a proposal's opponents are exactly the supporters of its opposite).
    pub fn disjoint_passing(&mut self) -> Result<Option<Pair>, TooLarge> {
        match self {
            Solver::Weighted(g) => g.disjoint_passing(),
            Solver::Diagram(d) => {
                let flipped = d.bdd.flip_vars(d.root)?;
                let both = d.bdd.and(d.root, flipped)?;
                Ok(d.bdd.min_ones_sat(both).map(|first| {
                    let second = first.iter().map(|b| !b).collect();
                    (first, second)
                }))
            }
        }
    }

    /// A coalition without `player` that changes outcome when `player` joins it, if any.
    pub fn swing_witness(&mut self, player: usize) -> Result<Option<Coalition>, TooLarge> {
        match self {
            Solver::Weighted(g) => g.swing_witness(player),
            Solver::Diagram(d) => {
                let with = d.bdd.restrict(d.root, player as u32, true)?;
                let without = d.bdd.restrict(d.root, player as u32, false)?;
                let differs = d.bdd.xor(with, without)?;
                Ok(d.bdd.min_ones_sat(differs))
            }
        }
    }

    /// Whether `player` is a swing in some coalition.
    pub fn is_critical(&self, player: usize) -> Result<bool, TooLarge> {
        match self {
            Solver::Weighted(g) => g.is_critical(player),
            Solver::Diagram(d) => Ok(d.bdd.support(d.root).get(player).copied().unwrap_or(false)),
        }
    }

    /// A smallest set of players who, voting against while everyone else votes in favour,
    /// make the decision fail: empty when nothing passes anyway, `None` when nothing blocks.
    pub fn smallest_blocking(&self) -> Option<Coalition> {
        let n = self.n();
        match self {
            Solver::Weighted(g) => g.smallest_blocking().map(|members| {
                let mut out = vec![false; n];
                for i in members {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = true;
                    }
                }
                out
            }),
            Solver::Diagram(d) => d.bdd.max_ones_unsat(d.root).map(|a| a.iter().map(|b| !b).collect()),
        }
    }

    /// Each player's swings: coalitions of the others whose outcome it changes by joining.
    pub fn swing_counts(&mut self) -> Result<Vec<Count>, TooLarge> {
        match self {
            Solver::Weighted(g) => g.swing_counts(),
            Solver::Diagram(d) => d.bdd.swing_counts(d.root),
        }
    }
}

/// A proposal and its opposite both passing, with the rest abstaining: the players in favour
/// of the proposal and those against it (who are in favour of the opposite), each side with at
/// least one member.
pub fn both_sides_abstaining(
    voters: &Voters<'_>,
    agreement: &Agreement,
    decision: &Decision,
    rule: &TimedRule,
    limits: Limits,
) -> Result<Option<Sides>, BothSidesError> {
    let quorum = agreement.ordinary_quorum(decision);
    let n = voters.players.len();
    if n > limits.diagram_players {
        return Err(BothSidesError::TooLarge);
    }
    let proposal = voters.passes(decision, quorum, rule, Reading::OthersAbstain { swapped: false })?;
    let opposite = voters.passes(decision, quorum, rule, Reading::OthersAbstain { swapped: true })?;
    // Each side has at least one supporter: a proposal nobody votes for is not a contest.
    let mut for_some = formula::Affine::constant(-1);
    let mut against_some = formula::Affine::constant(-1);
    for p in 0..n {
        let (f, a) = Voters::pair(p, false);
        for_some.terms.insert(f, 1);
        against_some.terms.insert(a, 1);
    }
    let formula = Formula::and(vec![
        voters.one_side_each()?,
        formula::Linear::at_least_zero(&for_some)?,
        formula::Linear::at_least_zero(&against_some)?,
        proposal,
        opposite,
    ]);
    let mut bdd = Bdd::new(voters.n_vars(Reading::OthersAbstain { swapped: false }), limits.diagram_nodes);
    let root = bdd.formula(&formula).map_err(|_| BothSidesError::TooLarge)?;
    Ok(bdd.min_ones_sat(root).map(|a| {
        let set = |var: u32| a.get(var as usize).copied().unwrap_or(false);
        let in_favour = (0..n).filter(|p| set(Voters::pair(*p, false).0)).collect();
        let against = (0..n).filter(|p| set(Voters::pair(*p, false).1)).collect();
        (in_favour, against)
    }))
}

/// Why the abstain reading's both-sides question was not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BothSidesError {
    /// The rule could not be compiled.
    Compile(CompileError),
    /// The analysis would be too large.
    TooLarge,
}

impl From<CompileError> for BothSidesError {
    fn from(e: CompileError) -> BothSidesError {
        BothSidesError::Compile(e)
    }
}

impl From<formula::Overflow> for BothSidesError {
    fn from(e: formula::Overflow) -> BothSidesError {
        BothSidesError::Compile(e.into())
    }
}

/// The both-sides question in the abstain reading for the commonest shape, exactly and fast:
/// the rule is one threshold of votes (or members) cast in favour, with no quorum, veto or
/// casting vote. `None` when the rule has another shape, or when its figures are too large for
/// the shortcut's 128-bit arithmetic (the general method then answers).
///
/// With `a = 1 − p` and `b = p` (scaled to integers), a proposal with weight `F` for and `A`
/// against passes both ways when `a·F ≥ b·A` and `a·A ≥ b·F` (strictly for `more than`), with
/// something cast. That needs `b ≤ a`, and then the two sides' weights in a ratio window
/// `[b/a, a/b]`: first two members whose weights are neighbours in size (if any pair of members
/// fits the window, some such pair does), else a dynamic programme over the difference `F − A`
/// keeping the largest `F + A` for each difference, which is what makes the window easiest.
pub fn both_sides_cast_threshold(
    voters: &Voters<'_>,
    agreement: &Agreement,
    decision: &Decision,
    rule: &TimedRule,
) -> Option<Result<Option<Sides>, TooLarge>> {
    use crate::model::{Comparator, Condition, Rule, Scope, Side};
    if decision.quorum.is_some()
        || agreement.default_quorum.is_some()
        || !attendance::holds(agreement, decision)
        || decision.casting_vote.is_some()
        || decision.casting_presiding.is_some()
        || decision.casting_office.is_some()
    {
        return None;
    }
    if decision.vetoes.iter().any(|v| v.unconditional()) {
        return None;
    }
    let Rule::Condition(Condition::Threshold { comparator, proportion, base, side: Side::InFavour }) = &rule.rule.node
    else {
        return None;
    };
    if base.scope != Scope::Cast || !matches!(comparator, Comparator::AtLeast | Comparator::MoreThan) {
        return None;
    }
    let strict = *comparator == Comparator::MoreThan;
    let scaled = rules::scale_to_integers(&[proportion.node.numerator, proportion.node.denominator]).ok()?;
    let (num, den) = (*scaled.first()?, *scaled.get(1)?);
    let (a, b) = (den.checked_sub(num)?, num);
    let players: Vec<(usize, i128)> = (0..voters.players.len())
        .filter(|p| {
            base.kind.is_none_or(|k| {
                voters.players.get(*p).and_then(|m| agreement.member(*m)).is_some_and(|m| m.is_of_kind(k))
            })
        })
        .map(|p| {
            let w = match base.unit {
                crate::model::Unit::Members => 1,
                crate::model::Unit::Votes => voters.weights.get(p).copied().unwrap_or(0),
            };
            (p, w)
        })
        .filter(|(_, w)| *w > 0)
        .collect();
    // `None` when the products leave the `i128` range.
    let fits = |f: i128, against: i128| -> Option<bool> {
        let x = a.checked_mul(f)?.checked_sub(b.checked_mul(against)?)?;
        let y = a.checked_mul(against)?.checked_sub(b.checked_mul(f)?)?;
        let cast = f.checked_add(against)?;
        Some(cast > 0 && if strict { x > 0 && y > 0 } else { x >= 0 && y >= 0 })
    };
    // More than half can never go both ways; nor can anything above half.
    if b > a || (strict && a == b) {
        return Some(Ok(None));
    }
    // One member each way.
    let mut sorted = players.clone();
    sorted.sort_by_key(|(_, w)| *w);
    for pair in sorted.windows(2) {
        if let [(p, wp), (q, wq)] = pair {
            if fits(*wp, *wq)? {
                return Some(Ok(Some((vec![*p], vec![*q]))));
            }
        }
    }
    // Every split: for each difference F − A, the largest F + A, with the choices kept.
    let total = players.iter().try_fold(0i128, |sum, (_, w)| sum.checked_add(*w))?;
    let width = usize::try_from(total.checked_mul(2)?.checked_add(1)?).ok()?;
    if players.len().saturating_mul(width) > 1 << 25 {
        return Some(Err(TooLarge));
    }
    // From here the weights, all positive, add up to `total` < 2^24 (the table has
    // `2·total + 1` ≤ 2^25 columns): every difference and sum of them below is far inside an i64.
    let offset = total;
    let mut best: Vec<i64> = vec![-1; width];
    if let Some(zero) = best.get_mut(offset as usize) {
        *zero = 0;
    }
    let mut choices: Vec<Vec<u8>> = Vec::with_capacity(players.len());
    let small: Vec<i64> = players.iter().map(|(_, w)| i64::try_from(*w).unwrap_or(i64::MAX)).collect();
    // BOUND: `d` is a column (below 2^25), `w` a weight and `s` a sum of weights (each at most
    // `total` < 2^24).
    #[allow(clippy::arithmetic_side_effects)]
    for w in &small {
        let mut next = best.clone();
        let mut choice = vec![0u8; width];
        for (d, s) in best.iter().enumerate() {
            if *s < 0 {
                continue;
            }
            for (code, shift) in [(1u8, *w), (2u8, -*w)] {
                let target = d as i64 + shift;
                if let Some(slot) = usize::try_from(target).ok().and_then(|t| next.get_mut(t)) {
                    if s + w > *slot {
                        *slot = s + w;
                        if let Some(c) = choice.get_mut(target as usize) {
                            *c = code;
                        }
                    }
                }
            }
        }
        best = next;
        choices.push(choice);
    }
    let mut found = None;
    for (d, s) in best.iter().enumerate() {
        // F + A and F − A. BOUND: `s` is a sum of weights (or −1) and `d − offset` a difference
        // of two, each at most `total` < 2^24 in size.
        #[allow(clippy::arithmetic_side_effects)]
        let (plus, minus) = (i128::from(*s) + (d as i128 - offset), i128::from(*s) - (d as i128 - offset));
        if plus > 0 && minus > 0 && plus % 2 == 0 && fits(plus / 2, minus / 2)? {
            found = Some(d);
            break;
        }
    }
    let Some(mut d) = found else { return Some(Ok(None)) };
    let (mut for_side, mut against_side) = (Vec::new(), Vec::new());
    // BOUND: `d` is a column (below 2^25) and `w` a weight (at most `total` < 2^24); each step
    // back lands on the column the choice came from.
    #[allow(clippy::arithmetic_side_effects)]
    for (i, (p, w)) in players.iter().enumerate().rev() {
        match choices.get(i).and_then(|c| c.get(d)).copied() {
            Some(1) => {
                for_side.push(*p);
                d = (d as i128 - w) as usize;
            }
            Some(2) => {
                against_side.push(*p);
                d = (d as i128 + w) as usize;
            }
            _ => {}
        }
    }
    for_side.sort_unstable();
    against_side.sort_unstable();
    Some(Ok(Some((for_side, against_side))))
}
