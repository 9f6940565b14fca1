//! A decision's rule as a formula over members' votes, in one of two readings of attendance.
//!
//! Players are the members eligible for the decision in general (`weights::electorate` with no
//! proposal: observers and excluded members are out, no gain exclusion applies). Weights are
//! the electorate's exact decimals scaled to integers by a common power of ten and divided by
//! their common divisor, so every comparison stays exact.
//!
//! Two readings of how the members who are not in favour behave:
//!
//! - [`Reading::FullAttendance`]: one variable per player, "in favour"; every other eligible
//!   member is present and votes against. This is the worst case for passing, and the reading
//!   of every simple-game question (can it pass, dictator, dummy, veto, blocking coalitions).
//!   Under it `cast` and `present` bases equal the eligible base.
//! - [`Reading::OthersAbstain`]: two variables per player, "in favour" and "against"; everyone
//!   else is present and abstains. Used only to ask whether a proposal and its opposite could
//!   both pass where the rule counts votes cast or members present, or abstentions.

use rust_decimal::Decimal;

use super::formula::{Affine, Formula, Linear, Overflow};
pub use super::thresholds::{depends_on_attendance, scale_to_integers, CompileError};
use super::thresholds::{threshold, tipped};
use crate::model::{
    Agreement, BlocSelection, Comparator, Condition, Decision, MemberId, Rule, Scope, Side, TimedRule, Unit,
    VetoHolder, WeightScheme,
};
use crate::span::Spanned;
use crate::weights::Electorate;

/// How members outside the coalition are taken to vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Everyone eligible attends; the coalition votes in favour, the rest against.
    FullAttendance,
    /// The coalition's two sides vote; the rest attend and abstain. With `swapped`, the
    /// variables of the two sides change places (the opposite proposal).
    OthersAbstain { swapped: bool },
}

/// A decision's eligible members with their integer weights.
#[derive(Debug, Clone)]
pub struct Voters<'a> {
    agreement: &'a Agreement,
    /// The eligible members, in the agreement's order: the players.
    pub players: Vec<MemberId>,
    slot: Vec<Option<usize>>,
    /// Each player's weight on the common integer scale (empty when unknown).
    pub weights: Vec<i128>,
    one_vote: i128,
    weights_known: bool,
    casting: super::CastingHolder,
}

impl<'a> Voters<'a> {
    /// The players of `decision` with their scaled weights.
    pub fn new(agreement: &'a Agreement, decision: &Decision, electorate: &Electorate) -> Result<Voters<'a>, Overflow> {
        let players: Vec<MemberId> = electorate.eligible().map(|v| v.member).collect();
        let mut slot = vec![None; agreement.members.len()];
        for (i, m) in players.iter().enumerate() {
            if let Some(s) = slot.get_mut(m.index()) {
                *s = Some(i);
            }
        }
        let weights_known = !matches!(
            agreement.scheme_for(decision).node,
            WeightScheme::Committed(crate::model::CommitScope::Proposal)
        );
        let mut values: Vec<Decimal> = players.iter().map(|m| electorate.weight(*m)).collect();
        values.push(electorate.one_vote);
        let scaled = scale_to_integers(&values)?;
        let one_vote = scaled.last().copied().unwrap_or(1);
        let weights = scaled.get(..players.len()).map(<[i128]>::to_vec).unwrap_or_default();
        let casting = super::CastingHolder::of_decision(agreement, decision);
        Ok(Voters { agreement, players, slot, weights, one_vote, weights_known, casting })
    }

    /// The same voters with their weights taken as known: for an electorate worked out for one
    /// proposal, whose commitments give the weights of `in proportion to budget committed to
    /// the proposal`.
    pub fn with_known_weights(mut self) -> Voters<'a> {
        self.weights_known = true;
        self
    }

    /// The same voters with the casting vote held by `casting` (a meeting's holder).
    pub fn with_casting(mut self, casting: super::CastingHolder) -> Voters<'a> {
        self.casting = casting;
        self
    }

    /// The player index of a member, when it is eligible.
    pub fn player(&self, member: MemberId) -> Option<usize> {
        self.slot.get(member.index()).copied().flatten()
    }

    /// How many variables a reading uses.
    pub fn n_vars(&self, reading: Reading) -> u32 {
        // BOUND: the players are members, at most `MAX_MEMBERS` (10,000) of them, so twice their
        // number fits a `u32`.
        #[allow(clippy::arithmetic_side_effects)]
        match reading {
            Reading::FullAttendance => self.players.len() as u32,
            Reading::OthersAbstain { .. } => 2 * self.players.len() as u32,
        }
    }

    fn of_kind(&self, kind: Option<crate::model::KindId>) -> Vec<usize> {
        (0..self.players.len())
            .filter(|p| match kind {
                None => true,
                Some(k) => {
                    self.players.get(*p).and_then(|m| self.agreement.member(*m)).is_some_and(|m| m.is_of_kind(k))
                }
            })
            .collect()
    }

    fn unit_weight(&self, player: usize, unit: Unit) -> Result<i128, CompileError> {
        match unit {
            Unit::Members => Ok(1),
            Unit::Votes if self.weights_known => Ok(self.weights.get(player).copied().unwrap_or(0)),
            Unit::Votes => Err(CompileError::WeightsUnknown),
        }
    }

    /// The variables of "in favour" and "against" for a player in the abstain reading.
    pub(super) fn pair(player: usize, swapped: bool) -> (u32, u32) {
        // BOUND: `player` indexes the players, at most `MAX_MEMBERS` (10,000) of them.
        #[allow(clippy::arithmetic_side_effects)]
        let (f, a) = (2 * player as u32, 2 * player as u32 + 1);
        if swapped {
            (a, f)
        } else {
            (f, a)
        }
    }

    /// 1 when the player voted `side`, else 0, as an expression over the reading's variables.
    fn side(&self, player: usize, side: Side, reading: Reading) -> Affine {
        match reading {
            Reading::FullAttendance => match side {
                Side::InFavour => Affine::var(player as u32),
                Side::Against => {
                    let mut e = Affine::constant(1);
                    let _ = e.add_scaled(&Affine::var(player as u32), -1);
                    e
                }
                Side::Present | Side::Voting => Affine::constant(1),
                Side::Abstaining => Affine::constant(0),
            },
            Reading::OthersAbstain { swapped } => {
                let (f, a) = Self::pair(player, swapped);
                match side {
                    Side::InFavour => Affine::var(f),
                    Side::Against => Affine::var(a),
                    Side::Present => Affine::constant(1),
                    Side::Voting => {
                        let mut e = Affine::var(f);
                        let _ = e.add_scaled(&Affine::var(a), 1);
                        e
                    }
                    Side::Abstaining => {
                        let mut e = Affine::constant(1);
                        let _ = e.add_scaled(&Affine::var(f), -1);
                        let _ = e.add_scaled(&Affine::var(a), -1);
                        e
                    }
                }
            }
        }
    }

    /// 1 when the player counts in a base of this scope.
    fn in_scope(&self, player: usize, scope: Scope, reading: Reading) -> Affine {
        match scope {
            Scope::Eligible | Scope::Present => Affine::constant(1),
            Scope::Cast => {
                let mut e = self.side(player, Side::InFavour, reading);
                let _ = e.add_scaled(&self.side(player, Side::Against, reading), 1);
                e
            }
        }
    }

    fn tally(&self, players: &[usize], unit: Unit, side: Side, reading: Reading) -> Result<Affine, CompileError> {
        let mut out = Affine::default();
        for p in players {
            out.add_scaled(&self.side(*p, side, reading), self.unit_weight(*p, unit)?)?;
        }
        Ok(out)
    }

    fn base(&self, players: &[usize], unit: Unit, scope: Scope, reading: Reading) -> Result<Affine, CompileError> {
        let mut out = Affine::default();
        for p in players {
            out.add_scaled(&self.in_scope(*p, scope, reading), self.unit_weight(*p, unit)?)?;
        }
        Ok(out)
    }

    /// One condition as a formula.
    pub fn condition(&self, condition: &Condition, reading: Reading) -> Result<Formula, CompileError> {
        self.condition_as(condition, reading, Tip::None)
    }

    /// One condition as a formula, in the tipped reading of docs/semantics.md when `tip` says
    /// so: with the tie broken in favour by a vote of vanishing size, which counts only in
    /// proportions of the whole electorate's votes or members. There `left − right` (an
    /// integer, `e`) becomes `e + k·ε`: unchanged unless `e = 0`, when the sign of `k` decides.
    fn condition_as(&self, condition: &Condition, reading: Reading, tip: Tip) -> Result<Formula, CompileError> {
        match condition {
            Condition::HalfPlusOne { base, side } if tip == Tip::InFavour && base.kind.is_none() => {
                let players = self.of_kind(None);
                let t = self.tally(&players, base.unit, *side, reading)?;
                let b = self.base(&players, base.unit, base.scope, reading)?;
                let one = match base.unit {
                    Unit::Members => 1,
                    Unit::Votes => self.one_vote,
                };
                let mut e = t.scaled(2)?;
                e.add_scaled(&b, -1)?;
                e.add_scaled(&Affine::constant(one), -2)?;
                // k = 2·[side counts the casting vote] − 1.
                let k = if matches!(side, Side::InFavour | Side::Present | Side::Voting) { 1 } else { -1 };
                tipped(Comparator::AtLeast, &e, k)
            }
            Condition::Threshold { comparator, proportion, base, side }
                if tip == Tip::InFavour && base.kind.is_none() =>
            {
                let players = self.of_kind(None);
                let t = self.tally(&players, base.unit, *side, reading)?;
                let b = self.base(&players, base.unit, base.scope, reading)?;
                let [num, den] = scale_to_integers(&[proportion.node.numerator, proportion.node.denominator])?
                    .try_into()
                    .map_err(|_| CompileError::Overflow)?;
                let minus_num = num.checked_neg().ok_or(Overflow)?;
                let mut e = t.scaled(den)?;
                e.add_scaled(&b, minus_num)?;
                // k = den − num on the casting vote's side, −num elsewhere.
                let k = if matches!(side, Side::InFavour | Side::Present | Side::Voting) {
                    den.checked_sub(num).ok_or(Overflow)?
                } else {
                    minus_num
                };
                tipped(*comparator, &e, k)
            }
            _ => self.actual(condition, reading),
        }
    }

    fn actual(&self, condition: &Condition, reading: Reading) -> Result<Formula, CompileError> {
        match condition {
            Condition::Unanimous => self.every(None, Side::InFavour, reading),
            Condition::Every { kind, side } => self.every(*kind, *side, reading),
            Condition::NoMember { kind, side } => {
                let t = self.tally(&self.of_kind(*kind), Unit::Members, *side, reading)?;
                Ok(Linear::at_least_zero(&t.scaled(-1)?)?)
            }
            Condition::HalfPlusOne { base, side } => {
                let players = self.of_kind(base.kind);
                let t = self.tally(&players, base.unit, *side, reading)?;
                let b = self.base(&players, base.unit, base.scope, reading)?;
                let one = match base.unit {
                    Unit::Members => 1,
                    Unit::Votes => self.one_vote,
                };
                let mut e = t.scaled(2)?;
                e.add_scaled(&b, -1)?;
                e.add_scaled(&Affine::constant(one), -2)?;
                // An empty base carries nothing.
                let mut nonempty = b.clone();
                nonempty.add_constant(-1)?;
                Ok(Formula::and(vec![Linear::at_least_zero(&e)?, Linear::at_least_zero(&nonempty)?]))
            }
            Condition::Threshold { comparator, proportion, base, side } => {
                let players = self.of_kind(base.kind);
                let t = self.tally(&players, base.unit, *side, reading)?;
                let b = self.base(&players, base.unit, base.scope, reading)?;
                threshold(*comparator, &proportion.node, &t, &b)
            }
            Condition::Count { comparator, count, kind, side, .. } => {
                let t = self.tally(&self.of_kind(*kind), Unit::Members, *side, reading)?;
                let n = i128::from(count.node);
                // `t − n ≥ 0`, `t − (n + 1) ≥ 0`, `n − t ≥ 0` or `(n − 1) − t ≥ 0`.
                // BOUND: `n` is a `u32` count, so one either side of it, or its negation, fits an `i128`.
                #[allow(clippy::arithmetic_side_effects)]
                let (sign, constant) = match comparator {
                    Comparator::AtLeast => (1, -n),
                    Comparator::MoreThan => (1, -(n + 1)),
                    Comparator::AtMost => (-1, n),
                    Comparator::LessThan => (-1, n - 1),
                };
                let mut e = t.scaled(sign)?;
                e.add_constant(constant)?;
                Ok(Linear::at_least_zero(&e)?)
            }
            Condition::Bloc { blocs, comparator, proportion, base } => {
                let mut parts = Vec::new();
                for players in self.blocs(*blocs) {
                    let players: Vec<usize> =
                        players.into_iter().filter(|p| self.of_kind(base.kind).contains(p)).collect();
                    let t = self.tally(&players, base.unit, Side::InFavour, reading)?;
                    let b = self.base(&players, base.unit, base.scope, reading)?;
                    parts.push(threshold(*comparator, &proportion.node, &t, &b)?);
                }
                Ok(Formula::and(parts))
            }
            Condition::BlocPosition { blocs } => {
                let selected: Vec<&crate::model::Bloc> = match blocs {
                    BlocSelection::Each => self.agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                };
                if selected.is_empty() {
                    return Ok(Formula::Const(false));
                }
                let parts =
                    selected.iter().map(|b| self.bloc_stand(b, Side::InFavour, reading)).collect::<Result<_, _>>()?;
                Ok(Formula::and(parts))
            }
            Condition::Member { member, side } => match self.player(*member) {
                None => Ok(Formula::Const(false)),
                Some(p) => {
                    let mut e = self.side(p, *side, reading);
                    e.add_constant(-1)?;
                    Ok(Linear::at_least_zero(&e)?)
                }
            },
        }
    }

    fn every(&self, kind: Option<crate::model::KindId>, side: Side, reading: Reading) -> Result<Formula, CompileError> {
        let players = self.of_kind(kind);
        if players.is_empty() {
            return Ok(Formula::Const(false));
        }
        let mut e = self.tally(&players, Unit::Members, side, reading)?;
        e.add_scaled(&Affine::constant(players.len() as i128), -1)?;
        Ok(Linear::at_least_zero(&e)?)
    }

    /// Whether `bloc` stands on `side` (in favour or against) by its own rule and casting vote
    /// (docs/semantics.md, steps 5 and 6): the side meets the rule, or the bloc is tied within
    /// itself, the holder of its casting vote voted on that side, and the rule holds with the
    /// casting vote's vanishing weight added to the side and the base. Under `more than P`
    /// (P < 1) that tipped rule is `at least P`; under `at least` it is the rule itself.
    fn bloc_stand(&self, bloc: &crate::model::Bloc, side: Side, reading: Reading) -> Result<Formula, CompileError> {
        let (comparator, proportion, base) = bloc.rule();
        let players: Vec<usize> = bloc.members.iter().filter_map(|m| self.player(*m)).collect();
        let t = self.tally(&players, base.unit, side, reading)?;
        let b = self.base(&players, base.unit, base.scope, reading)?;
        let held = threshold(comparator, &proportion, &t, &b)?;
        let holder = bloc.casting_vote.as_ref().and_then(|h| self.player(h.node)).filter(|h| players.contains(h));
        let tips = comparator == Comparator::MoreThan && proportion.numerator < proportion.denominator;
        let Some(holder) = holder.filter(|_| tips) else { return Ok(held) };
        let mut diff = self.tally(&players, base.unit, Side::InFavour, reading)?;
        diff.add_scaled(&self.tally(&players, base.unit, Side::Against, reading)?, -1)?;
        let mut some_cast = self.tally(&players, base.unit, Side::InFavour, reading)?;
        some_cast.add_constant(-1)?;
        let mut holder_on = self.side(holder, side, reading);
        holder_on.add_constant(-1)?;
        let casting = Formula::and(vec![
            Linear::at_least_zero(&diff)?,
            Linear::at_least_zero(&diff.scaled(-1)?)?,
            Linear::at_least_zero(&some_cast)?,
            Linear::at_least_zero(&holder_on)?,
            threshold(Comparator::AtLeast, &proportion, &t, &b)?,
        ]);
        Ok(Formula::or(vec![held, casting]))
    }

    /// The eligible players of each selected bloc.
    fn blocs(&self, selection: BlocSelection) -> Vec<Vec<usize>> {
        let blocs: Vec<&crate::model::Bloc> = match selection {
            BlocSelection::Each => self.agreement.blocs.iter().collect(),
            BlocSelection::One(id) => self.agreement.bloc(id).into_iter().collect(),
        };
        blocs.iter().map(|b| b.members.iter().filter_map(|m| self.player(*m)).collect()).collect()
    }

    /// A rule as a formula.
    pub fn rule(&self, rule: &Spanned<Rule>, reading: Reading) -> Result<Formula, CompileError> {
        self.rule_as(rule, reading, Tip::None)
    }

    fn rule_as(&self, rule: &Spanned<Rule>, reading: Reading, tip: Tip) -> Result<Formula, CompileError> {
        match &rule.node {
            Rule::Condition(c) => self.condition_as(c, reading, tip),
            Rule::All(parts) => {
                Ok(Formula::and(parts.iter().map(|p| self.rule_as(p, reading, tip)).collect::<Result<Vec<_>, _>>()?))
            }
            Rule::Any(parts) => {
                Ok(Formula::or(parts.iter().map(|p| self.rule_as(p, reading, tip)).collect::<Result<Vec<_>, _>>()?))
            }
        }
    }

    /// "Nobody vetoes": each unconditional veto of the decision, as a formula. Vetoes that apply
    /// only when a proposal puts the holder's statutory duties at risk are left out: in general
    /// no proposal says so.
    pub fn no_veto(&self, decision: &Decision, reading: Reading) -> Result<Formula, CompileError> {
        let mut parts = Vec::new();
        for veto in decision.vetoes.iter().filter(|v| v.unconditional()) {
            match &veto.holder {
                VetoHolder::Member(m) => {
                    if let Some(p) = self.player(*m) {
                        parts.push(Linear::at_least_zero(&self.side(p, Side::Against, reading).scaled(-1)?)?);
                    }
                }
                VetoHolder::AnyMember(kind) => {
                    let t = self.tally(&self.of_kind(*kind), Unit::Members, Side::Against, reading)?;
                    parts.push(Linear::at_least_zero(&t.scaled(-1)?)?);
                }
                VetoHolder::Bloc(selection) => {
                    // A bloc vetoes when its position is against: by its own rule (by default
                    // more than half of its votes cast) and casting vote.
                    let blocs: Vec<&crate::model::Bloc> = match selection {
                        BlocSelection::Each => self.agreement.blocs.iter().collect(),
                        BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                    };
                    for bloc in blocs {
                        parts.push(self.bloc_stand(bloc, Side::Against, reading)?.negated()?);
                    }
                }
            }
        }
        Ok(Formula::and(parts))
    }

    /// "The casting vote passes it" (docs/semantics.md step 7): a tie (weight in favour equals
    /// weight against, with at least one vote cast), the holder eligible and in favour (it casts
    /// the casting vote as it voted), and the rule holding with the tie broken in favour. False
    /// without a casting vote.
    pub fn casting(
        &self,
        decision: &Decision,
        rule: &Spanned<Rule>,
        reading: Reading,
    ) -> Result<Formula, CompileError> {
        let _ = decision;
        let holder = match self.casting {
            super::CastingHolder::Nobody => None,
            super::CastingHolder::Member(m) => self.player(m),
            super::CastingHolder::NotKnown => return Err(CompileError::CastingHolderUnknown),
        };
        // A holder who is not eligible to vote here cannot cast it.
        let Some(holder) = holder else { return Ok(Formula::Const(false)) };
        let all: Vec<usize> = (0..self.players.len()).collect();
        let mut diff = self.tally(&all, Unit::Votes, Side::InFavour, reading)?;
        diff.add_scaled(&self.tally(&all, Unit::Votes, Side::Against, reading)?, -1)?;
        // Some weight cast: members who weigh nothing cannot tie a vote.
        let mut cast = self.base(&all, Unit::Votes, Scope::Cast, reading)?;
        cast.add_constant(-1)?;
        let mut holder_in = self.side(holder, Side::InFavour, reading);
        holder_in.add_constant(-1)?;
        Ok(Formula::and(vec![
            Linear::at_least_zero(&diff)?,
            Linear::at_least_zero(&diff.scaled(-1)?)?,
            Linear::at_least_zero(&cast)?,
            Linear::at_least_zero(&holder_in)?,
            self.rule_as(rule, reading, Tip::InFavour)?,
        ]))
    }

    /// Whether the decision passes: the quorum holds (and the quorum of those attending), nobody
    /// vetoes, and the rule holds or a tie goes the casting vote's way.
    pub fn passes(
        &self,
        decision: &Decision,
        quorum: Option<&Spanned<Rule>>,
        rule: &TimedRule,
        reading: Reading,
    ) -> Result<Formula, CompileError> {
        let quorum = match quorum {
            Some(q) => self.rule(q, reading)?,
            None => Formula::Const(true),
        };
        Ok(Formula::and(vec![
            quorum,
            // The quorum of those attending: everyone attends, so it holds for every coalition
            // or for none (see `super::attendance`).
            Formula::Const(super::attendance::holds(self.agreement, decision)),
            self.no_veto(decision, reading)?,
            Formula::or(vec![self.rule(&rule.rule, reading)?, self.casting(decision, &rule.rule, reading)?]),
        ]))
    }

    /// In the abstain reading, a player cannot vote both ways.
    pub fn one_side_each(&self) -> Result<Formula, Overflow> {
        let each = (0..self.players.len())
            .map(|p| {
                let (f, a) = Self::pair(p, false);
                let mut e = Affine::constant(1);
                e.add_scaled(&Affine::var(f), -1)?;
                e.add_scaled(&Affine::var(a), -1)?;
                Linear::at_least_zero(&e)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Formula::and(each))
    }
}

/// Whether a rule is judged on the members' own votes or with a tie broken in favour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tip {
    None,
    InFavour,
}
