//! How far one member's weight can move before the outcome of any coalition changes, exactly:
//! `concord power --sensitivity`.
//!
//! # The question
//!
//! Hold every other member's weight and the decision's rules as they are, and let one member's
//! weight be an unknown `x ≥ 0`. For every coalition (the members in favour, everyone else
//! eligible attending and against, as in the rest of [`crate::power`]), whether each of the
//! decision's rules passes is a function of `x`. The answer is the widest interval around the
//! member's weight today on which *no* coalition's outcome under *any* of the decision's rules
//! changes, with the first coalition that changes at each end.
//!
//! # Why a finite list of weights is enough
//!
//! Under full attendance every weighed condition compares, over some group `G` of eligible
//! members (all of them, one kind, one bloc), a side's weight with an affine function of `G`'s
//! total: `c·x + s ⋈ α·x + β`, where `c` is 1 when the member is on that side and 0 when not,
//! `s` is the weight of the other members on that side (a *subset sum* of the others in `G`),
//! `α` is the proportion (70% of the votes, half for a tie or a bloc's majority, a bloc's own
//! rule's share, half and one more vote) and `β` is `α` times the others' total, plus the extra vote of `half … plus one`.
//! Head counts, named members' consent and vetoes by members do not depend on `x` at all. So
//! each comparison, for each coalition, changes truth at most once, at `x = (β − s)/(c − α)`,
//! and between two consecutive such points every comparison, hence every outcome, is constant.
//!
//! The *candidates* are those points for every group containing the member, every proportion
//! the decision's rules and quorum name (with half, for ties and blocs' majorities, and the
//! forms of `half … plus one`), every subset sum of the others in the group, and both values of
//! `c`, together with 0 (a member who weighs nothing cannot tie a vote). They are a superset of
//! the points where anything can change. Walking out from today's weight, candidate by
//! candidate, the engine rebuilds the decision's game at the open interval before each candidate
//! (its midpoint) and at the candidate itself, and compares it with today's game in one reduced
//! ordered decision diagram, where two rules pass the same coalitions exactly when they are the
//! same node. The first difference is the answer; the diagram's exclusive or gives a coalition
//! whose outcome flips. Nothing is approximated: every weight is a fraction.

use std::collections::BTreeSet;
use std::ops::Bound::{Excluded, Unbounded};

use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

use crate::coalitions::bdd::{Bdd, NodeId};
use crate::coalitions::{CompileError, Game, Limits};
use crate::exact::Fraction;
use crate::model::{conditions, Agreement, Condition, Decision, MemberId, Rule, WeightScheme};
use crate::span::Spanned;
use crate::weights::Electorate;

/// At most this many distinct subset sums per group: past it the list of candidates is too long
/// to walk, and the question is refused rather than answered slowly.
pub const MAX_SUBSET_SUMS: usize = 50_000;

/// Why the question cannot be answered exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Votes weigh by the budget committed to each proposal, unknown without one.
    WeightsUnknown,
    /// Shares reserved to a kind set the weights, not the member's own figure.
    ReservedShares,
    /// The weights or the game are too large to work out exactly.
    TooLarge,
    /// The casting vote is the person presiding's or an office's, who changes from meeting to
    /// meeting, so which coalitions pass is not known without a meeting.
    CastingHolderUnknown,
}

impl From<CompileError> for Refusal {
    fn from(e: CompileError) -> Refusal {
        match e {
            CompileError::WeightsUnknown => Refusal::WeightsUnknown,
            CompileError::Overflow => Refusal::TooLarge,
            CompileError::CastingHolderUnknown => Refusal::CastingHolderUnknown,
        }
    }
}

/// A coalition whose outcome under one rule differs from today's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flip {
    /// Which of the decision's rules (index into `decision.rules`).
    pub rule: usize,
    /// The members in favour (the other eligible members against), in the agreement's order.
    pub coalition: Vec<MemberId>,
    /// Whether the coalition passes today (so it fails at the changed weight), or fails today.
    pub passes_now: bool,
}

/// One end of the interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// The weight at this end, on the electorate's scale.
    pub weight: Fraction,
    /// Whether an outcome changes *at* this weight (so the interval stops short of it), or only
    /// beyond it (so the interval includes it).
    pub changes_at: bool,
    /// A coalition whose outcome changes there.
    pub flip: Flip,
}

/// How far one member's weight can move on one decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stability {
    /// The member.
    pub member: MemberId,
    /// Its weight today, on the electorate's scale.
    pub weight: Fraction,
    /// The other eligible members' weight, on the same scale (so a weight `w` is a share
    /// `w / (others + w)` of the votes).
    pub others: Fraction,
    /// How far it can rise; `None` when no rise changes anything.
    pub rise: Option<Limit>,
    /// How far it can fall; `None` when it can fall to nothing with no change.
    pub fall: Option<Limit>,
}

/// How far `member`'s weight can move on `decision` (all its rules over time) before the
/// outcome of some coalition changes. `Ok(None)` when the member does not vote on it.
pub fn stability(
    agreement: &Agreement,
    decision: &Decision,
    electorate: &Electorate,
    member: MemberId,
) -> Result<Option<Stability>, Refusal> {
    if !electorate.is_eligible(member) {
        return Ok(None);
    }
    if !agreement.voting.reserved.is_empty() {
        return Err(Refusal::ReservedShares);
    }
    let counts_votes =
        matches!(agreement.scheme_for(decision).node, WeightScheme::OneMemberOneVote | WeightScheme::Explicit);
    let mut probe = Probe::new(agreement, decision, electorate, member, counts_votes)?;
    let weight = to_fraction(electorate.weight(member));
    let others = probe.others.iter().map(|(_, w)| w).fold(Fraction::zero(), |a, b| a + b);
    let candidates = candidates(agreement, decision, electorate, member, counts_votes)?;

    // Upwards: the open interval before each candidate, then the candidate.
    let mut rise = None;
    let mut previous = weight.clone();
    for c in candidates.range((Excluded(&weight), Unbounded)) {
        let middle = (&previous + c) / Fraction::from_integer(BigInt::from(2));
        if let Some(flip) = probe.differs(&middle)? {
            rise = Some(Limit { weight: previous.clone(), changes_at: false, flip });
            break;
        }
        if let Some(flip) = probe.differs(c)? {
            rise = Some(Limit { weight: c.clone(), changes_at: true, flip });
            break;
        }
        previous = c.clone();
    }
    if rise.is_none() {
        let beyond = &previous + Fraction::one();
        if let Some(flip) = probe.differs(&beyond)? {
            rise = Some(Limit { weight: previous, changes_at: false, flip });
        }
    }

    // Downwards, to nothing (0 is always a candidate).
    let mut fall = None;
    let mut previous = weight.clone();
    for c in candidates.range(..&weight).rev() {
        let middle = (&previous + c) / Fraction::from_integer(BigInt::from(2));
        if let Some(flip) = probe.differs(&middle)? {
            fall = Some(Limit { weight: previous.clone(), changes_at: false, flip });
            break;
        }
        if let Some(flip) = probe.differs(c)? {
            fall = Some(Limit { weight: c.clone(), changes_at: true, flip });
            break;
        }
        previous = c.clone();
    }
    Ok(Some(Stability { member, weight, others, rise, fall }))
}

/// Today's games of every rule, and the means to build them again at another weight.
struct Probe<'a> {
    agreement: &'a Agreement,
    decision: &'a Decision,
    electorate: &'a Electorate,
    member: MemberId,
    counts_votes: bool,
    /// The other eligible members and their weights.
    others: Vec<(MemberId, Fraction)>,
    /// Per rule: its diagram manager, today's root and the players.
    games: Vec<(Bdd, NodeId, Vec<MemberId>)>,
}

impl<'a> Probe<'a> {
    fn new(
        agreement: &'a Agreement,
        decision: &'a Decision,
        electorate: &'a Electorate,
        member: MemberId,
        counts_votes: bool,
    ) -> Result<Probe<'a>, Refusal> {
        let limits = Limits::default();
        let mut games = Vec::with_capacity(decision.rules.len());
        for rule in &decision.rules {
            let game = Game::of_decision(agreement, decision, electorate, rule)?;
            if game.players.len() > limits.diagram_players {
                return Err(Refusal::TooLarge);
            }
            let mut bdd = Bdd::new(game.players.len() as u32, limits.diagram_nodes);
            let root = bdd.formula(&game.formula).map_err(|_| Refusal::TooLarge)?;
            games.push((bdd, root, game.players));
        }
        let others =
            electorate.eligible().filter(|v| v.member != member).map(|v| (v.member, to_fraction(v.weight))).collect();
        Ok(Probe { agreement, decision, electorate, member, counts_votes, others, games })
    }

    /// The electorate with the member's weight set to `x`, everyone scaled by `x`'s
    /// denominator so that every weight stays a whole multiple of a decimal.
    fn electorate_at(&self, x: &Fraction) -> Result<Electorate, Refusal> {
        let q = to_decimal(x.denom())?;
        let p = to_decimal(x.numer())?;
        let mut e = self.electorate.clone();
        let mut total = Decimal::ZERO;
        for voter in e.voters.iter_mut().filter(|v| v.ineligible.is_none()) {
            voter.weight =
                if voter.member == self.member { p } else { voter.weight.checked_mul(q).ok_or(Refusal::TooLarge)? };
            total = total.checked_add(voter.weight).ok_or(Refusal::TooLarge)?;
        }
        e.total = total;
        // As `weights::electorate` sets it: one vote is one vote where votes are counted, one
        // percentage point of the total where weights are proportional to a figure.
        // BOUND: dividing by 100 only makes a decimal smaller.
        #[allow(clippy::arithmetic_side_effects)]
        let one_vote = if self.counts_votes { q } else { total / Decimal::ONE_HUNDRED };
        e.one_vote = one_vote;
        Ok(e)
    }

    /// Whether some coalition's outcome under some rule differs at weight `x` from today's,
    /// and if so one such coalition.
    fn differs(&mut self, x: &Fraction) -> Result<Option<Flip>, Refusal> {
        let electorate = self.electorate_at(x)?;
        for (i, rule) in self.decision.rules.iter().enumerate() {
            let game = Game::of_decision(self.agreement, self.decision, &electorate, rule)?;
            let Some((bdd, today, players)) = self.games.get_mut(i) else { continue };
            let root = bdd.formula(&game.formula).map_err(|_| Refusal::TooLarge)?;
            if root == *today {
                continue;
            }
            let either = bdd.xor(root, *today).map_err(|_| Refusal::TooLarge)?;
            let Some(assignment) = bdd.min_ones_sat(either) else { continue };
            let passes_now = bdd.eval(*today, &assignment);
            let coalition =
                players.iter().zip(&assignment).filter(|(_, in_favour)| **in_favour).map(|(m, _)| *m).collect();
            return Ok(Some(Flip { rule: i, coalition, passes_now }));
        }
        Ok(None)
    }
}

/// Every weight of the member at which some weighed comparison can change truth, and 0.
fn candidates(
    agreement: &Agreement,
    decision: &Decision,
    electorate: &Electorate,
    member: MemberId,
    counts_votes: bool,
) -> Result<BTreeSet<Fraction>, Refusal> {
    let weight_of = |m: MemberId| to_fraction(electorate.weight(m));
    let others_in = |keep: &dyn Fn(MemberId) -> bool| -> Vec<Fraction> {
        electorate.eligible().filter(|v| v.member != member && keep(v.member)).map(|v| weight_of(v.member)).collect()
    };
    // The groups a weighed comparison can be taken over, when the member is in them.
    let mut groups: Vec<Vec<Fraction>> = vec![others_in(&|_| true)];
    if let Some(m) = agreement.member(member) {
        for kind in &m.kinds {
            groups.push(others_in(&|o| agreement.member(o).is_some_and(|x| x.is_of_kind(kind.node))));
        }
    }
    for bloc in agreement.blocs.iter().filter(|b| b.members.contains(&member)) {
        groups.push(others_in(&|o| bloc.members.contains(&o)));
    }
    let everyone: Fraction = groups.first().into_iter().flatten().fold(Fraction::zero(), |a, b| a + b);

    // The proportions the decision names, and half (ties, blocs' majorities).
    let half = Fraction::new(BigInt::one(), BigInt::from(2));
    let mut proportions: BTreeSet<Fraction> = BTreeSet::from([half.clone()]);
    let quorum = decision.quorum.iter().chain(agreement.default_quorum.iter());
    let rules: Vec<&Spanned<Rule>> = decision.rules.iter().map(|r| &r.rule).chain(quorum).collect();
    for rule in rules {
        for part in conditions(rule) {
            if let Rule::Condition(Condition::Threshold { proportion, .. } | Condition::Bloc { proportion, .. }) =
                &part.node
            {
                let (n, d) = (to_fraction(proportion.node.numerator), to_fraction(proportion.node.denominator));
                if !d.is_zero() {
                    proportions.insert(n / d);
                }
            }
        }
    }

    // The rules blocs decide by (`decides by …`), which bloc conditions and bloc vetoes use.
    for rule in agreement.blocs.iter().filter_map(|b| b.own_rule.as_ref()) {
        let (n, d) = (to_fraction(rule.proportion.node.numerator), to_fraction(rule.proportion.node.denominator));
        if !d.is_zero() {
            proportions.insert(n / d);
        }
    }

    let mut out = BTreeSet::from([Fraction::zero()]);
    for group in &groups {
        let total: Fraction = group.iter().fold(Fraction::zero(), |a, b| a + b);
        let sums = subset_sums(group)?;
        // Each family is `(α, β)`: a side's weight `c·x + s` against `α·x + β`.
        let mut families: Vec<(Fraction, Fraction)> = proportions.iter().map(|t| (t.clone(), t * &total)).collect();
        if counts_votes {
            // `half the votes plus one`: (total + x)/2 + 1.
            families.push((half.clone(), &half * &total + Fraction::one()));
        } else {
            // One vote is a hundredth of the whole electorate's total: (G + x)/2 + (E + x)/100.
            let hundredth = Fraction::new(BigInt::one(), BigInt::from(100));
            families.push((&half + &hundredth, &half * &total + &hundredth * &everyone));
        }
        for (alpha, beta) in &families {
            for s in &sums {
                for c in [Fraction::zero(), Fraction::one()] {
                    let slope = &c - alpha;
                    if slope.is_zero() {
                        continue;
                    }
                    let x = (beta - s) / slope;
                    if !x.is_negative() {
                        out.insert(x);
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Every sum of some of `weights`, or a refusal past [`MAX_SUBSET_SUMS`].
fn subset_sums(weights: &[Fraction]) -> Result<BTreeSet<Fraction>, Refusal> {
    let mut sums = BTreeSet::from([Fraction::zero()]);
    for w in weights {
        let more: Vec<Fraction> = sums.iter().map(|s| s + w).collect();
        sums.extend(more);
        if sums.len() > MAX_SUBSET_SUMS {
            return Err(Refusal::TooLarge);
        }
    }
    Ok(sums)
}

fn to_fraction(d: Decimal) -> Fraction {
    let ten = BigInt::from(10u32);
    Fraction::new(BigInt::from(d.mantissa()), ten.pow(d.scale()))
}

fn to_decimal(i: &BigInt) -> Result<Decimal, Refusal> {
    let v = i.to_i128().ok_or(Refusal::TooLarge)?;
    Decimal::try_from_i128_with_scale(v, 0).map_err(|_| Refusal::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn agreement(text: &str) -> Agreement {
        let loaded = crate::load::load(text);
        assert!(
            loaded.diagnostics.iter().all(|d| d.severity_level() != crate::diagnostic::Severity::Error),
            "{text}\n{:?}",
            loaded.diagnostics
        );
        loaded.agreement.expect("an agreement")
    }

    fn source(votes: &[u32], kinds: &[bool], rule: &str, casting: bool) -> String {
        let mut text = String::from("agreement \"A\"\n  kinds north, south\n\n");
        for (i, (v, k)) in votes.iter().zip(kinds).enumerate() {
            let kind = if *k { "north" } else { "south" };
            text.push_str(&format!("member m{i}\n  kinds {kind}\n  votes {v}\n\n"));
        }
        text.push_str("voting as set for each member\n\ndecision \"d\"\n");
        text.push_str(&format!("  passes if {rule}\n"));
        if casting {
            text.push_str("  on a tie, m0 has the casting vote\n");
        }
        text
    }

    /// Every coalition's outcome under every rule with `member` weighing `x`, straight from the
    /// formulas (no diagram), coalitions in binary order.
    fn outcomes(agreement: &Agreement, member: MemberId, x: &Fraction) -> Vec<bool> {
        let decision = &agreement.decisions[0];
        let electorate = crate::weights::electorate(agreement, decision, None).unwrap();
        let counts = true;
        let probe = Probe::new(agreement, decision, &electorate, member, counts).unwrap();
        let at = probe.electorate_at(x).unwrap();
        let mut out = Vec::new();
        for rule in &decision.rules {
            let game = Game::of_decision(agreement, decision, &at, rule).unwrap();
            let n = game.players.len();
            for bits in 0u32..(1 << n) {
                let coalition: Vec<bool> = (0..n).map(|i| bits & (1 << i) != 0).collect();
                out.push(game.passes(&coalition));
            }
        }
        out
    }

    fn frac(n: i64, d: i64) -> Fraction {
        Fraction::new(BigInt::from(n), BigInt::from(d))
    }

    const RULES: [&str; 7] = [
        "at least 70% of eligible votes in favour",
        "more than half of eligible votes in favour",
        "at least two thirds of eligible votes in favour",
        "half the eligible votes plus one in favour",
        "more than half of north votes in favour",
        "at least 60% of eligible votes in favour and at least 2 members in favour",
        "at least 3/4 of eligible votes in favour or more than half of south votes in favour",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// On a grid of weights in sixths, every weight inside the range reported gives every
        /// coalition today's outcome, and at each end the coalition reported does change.
        #[test]
        fn the_range_is_exact_against_a_grid(
            votes in proptest::collection::vec(0u32..6, 2..5),
            kinds in proptest::collection::vec(any::<bool>(), 5),
            rule in 0usize..RULES.len(),
            casting in any::<bool>(),
            who in 0usize..4,
        ) {
            prop_assume!(votes.iter().any(|v| *v > 0));
            let text = source(&votes, &kinds, RULES[rule], casting);
            let loaded = crate::load::load(&text);
            prop_assume!(loaded.diagnostics.iter().all(|d| d.severity_level() != crate::diagnostic::Severity::Error));
            let a = agreement(&text);
            let member = MemberId((who % votes.len()) as u32);
            let decision = &a.decisions[0];
            let electorate = crate::weights::electorate(&a, decision, None).unwrap();
            let Some(s) = stability(&a, decision, &electorate, member).unwrap() else { return Ok(()) };
            let today = outcomes(&a, member, &s.weight);
            let top: i64 = votes.iter().map(|v| i64::from(*v)).sum::<i64>() * 3 + 6;
            let inside = |y: &Fraction| {
                let above_floor = match &s.fall {
                    None => true,
                    Some(l) if l.changes_at => y > &l.weight,
                    Some(l) => y >= &l.weight,
                };
                let below_ceiling = match &s.rise {
                    None => true,
                    Some(l) if l.changes_at => y < &l.weight,
                    Some(l) => y <= &l.weight,
                };
                above_floor && below_ceiling
            };
            for k in 0..=top * 6 {
                let y = frac(k, 6);
                if inside(&y) {
                    prop_assert_eq!(&outcomes(&a, member, &y), &today, "at {} inside the range", y);
                }
            }
            for (limit, step) in [(&s.rise, frac(1, 1000)), (&s.fall, frac(-1, 1000))] {
                if let Some(l) = limit {
                    let at = if l.changes_at { l.weight.clone() } else { &l.weight + step };
                    prop_assert!(!at.is_negative());
                    prop_assert_ne!(&outcomes(&a, member, &at), &today, "no change at {}", at);
                }
            }
        }
    }

    #[test]
    fn a_member_with_a_majority_can_rise_without_limit() {
        let a = agreement(&source(&[3, 1, 1], &[true, true, true], RULES[1], false));
        let d = &a.decisions[0];
        let e = crate::weights::electorate(&a, d, None).unwrap();
        let s = stability(&a, d, &e, MemberId(0)).unwrap().unwrap();
        assert_eq!(s.rise, None);
        // Below 2 it no longer has more than half alone.
        let fall = s.fall.unwrap();
        assert_eq!((fall.weight.clone(), fall.changes_at), (frac(2, 1), true));
        assert_eq!(fall.flip.coalition, vec![MemberId(0)]);
        assert!(fall.flip.passes_now);
    }
}
