//! One decision's rule in two versions, coalition by coalition.

use serde::Serialize;

use crate::calendar::Date;
use crate::coalitions::{CompileError, Game};
use crate::model::{Agreement, Decision};

/// The most members (in either version) whose every coalition is compared: 2^20 coalitions,
/// about a second in a debug build.
pub const MAX_PLAYERS: usize = 20;

/// How the coalitions that pass compare between the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CoalitionChange {
    /// Every coalition has the same outcome.
    Same,
    /// Every coalition that passed still passes, and some that failed now pass.
    Grew,
    /// Every coalition that passes now passed before, and some that passed now fail.
    Shrank,
    /// Some coalitions now pass that failed, and some now fail that passed.
    Changed,
    /// The two could not be compared (see `not_compared`).
    NotCompared,
}

/// Why a decision's two rules were not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCompared {
    /// No rule of the old version is in force in this period.
    NoOldRule,
    /// No rule of the new version is in force in this period.
    NoNewRule,
    /// Votes weigh by the budget committed to a proposal, unknown without one.
    WeightsUnknown,
    /// The votes are too large to weigh exactly.
    Overflow,
    /// More members than [`MAX_PLAYERS`] could vote.
    TooManyMembers,
    /// The casting vote is the person presiding's or an office's, who changes from meeting to
    /// meeting (added in 1.4).
    CastingHolderUnknown,
    /// A version's rule depends on who proposed (`when proposed by …`): its rules are not
    /// compared one by one (added in 1.4).
    ByProposer,
    /// A body outside the meeting takes the decision in either version (`decided by "…"`), so
    /// no member votes on it (added in 1.5). With `change` `same`, both name the same body.
    DecidedOutside,
}

/// A coalition whose outcome differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Witness {
    /// The members voting in favour (everyone else who may vote attends and votes against).
    pub in_favour: Vec<String>,
    /// Whether it passes under the old version.
    pub passes_old: bool,
    /// Whether it passes under the new version.
    pub passes_new: bool,
}

/// One decision's comparison over one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub change: CoalitionChange,
    /// Why it was not compared, with `not_compared`.
    pub not_compared: Option<NotCompared>,
    /// The smallest coalition whose outcome flips, when one does.
    pub witness: Option<Witness>,
    /// Members who may vote, in either version.
    pub members: usize,
    /// Coalitions that pass under the old and the new version (out of 2^members).
    pub passing_old: u64,
    pub passing_new: u64,
}

impl Comparison {
    fn not_compared(why: NotCompared) -> Comparison {
        Comparison {
            change: CoalitionChange::NotCompared,
            not_compared: Some(why),
            witness: None,
            members: 0,
            passing_old: 0,
            passing_new: 0,
        }
    }
}

/// The game of `decision`'s rule in force on `on`, with its players' identifiers.
fn game(
    agreement: &Agreement,
    decision: &Decision,
    on: Option<Date>,
) -> Result<Option<(Game, Vec<String>)>, NotCompared> {
    if crate::model::proposer_rules::depends_on_proposer(decision) {
        return Err(NotCompared::ByProposer);
    }
    let Some(rule) = decision.rule_on(on) else { return Ok(None) };
    let electorate = crate::weights::electorate(agreement, decision, None).map_err(|_| NotCompared::Overflow)?;
    let game = Game::of_decision(agreement, decision, &electorate, rule).map_err(|e| match e {
        CompileError::WeightsUnknown => NotCompared::WeightsUnknown,
        CompileError::Overflow => NotCompared::Overflow,
        CompileError::CastingHolderUnknown => NotCompared::CastingHolderUnknown,
    })?;
    let keys = game.players.iter().filter_map(|id| agreement.member(*id).map(|m| m.key.clone())).collect();
    Ok(Some((game, keys)))
}

/// Compares the rules of `old_decision` and `new_decision` in force on `on`, over every
/// coalition of the members who may vote in either.
pub fn compare_rules(
    old: &Agreement,
    old_decision: &Decision,
    new: &Agreement,
    new_decision: &Decision,
    on: Option<Date>,
) -> Comparison {
    if let Some(outside) = super::outside::compare(old_decision, new_decision) {
        return outside;
    }
    let (before, after) = match (game(old, old_decision, on), game(new, new_decision, on)) {
        (Err(why), _) | (_, Err(why)) => return Comparison::not_compared(why),
        (Ok(None), _) => return Comparison::not_compared(NotCompared::NoOldRule),
        (_, Ok(None)) => return Comparison::not_compared(NotCompared::NoNewRule),
        (Ok(Some(b)), Ok(Some(a))) => (b, a),
    };
    let mut keys: Vec<String> = before.1.clone();
    keys.extend(after.1.iter().filter(|k| !before.1.contains(k)).cloned());
    if keys.len() > MAX_PLAYERS {
        let mut out = Comparison::not_compared(NotCompared::TooManyMembers);
        out.members = keys.len();
        return out;
    }
    // Each game's players, as bits of the coalition over `keys`.
    let bits = |players: &[String]| -> Vec<usize> {
        players.iter().filter_map(|p| keys.iter().position(|k| k == p)).collect()
    };
    let (old_bits, new_bits) = (bits(&before.1), bits(&after.1));
    let assignment = |bits: &[usize], mask: u32| -> Vec<bool> { bits.iter().map(|&b| bit(mask, b)).collect() };
    let (mut grew, mut shrank) = (false, false);
    let (mut passing_old, mut passing_new) = (0u64, 0u64);
    let mut witness: Option<(u32, bool, bool)> = None;
    // BOUND: `keys.len()` is at most MAX_PLAYERS (20), so the shift fits a u32.
    let all = 1u32.checked_shl(keys.len() as u32).unwrap_or(u32::MAX);
    for mask in 0..all {
        let passes_old = before.0.passes(&assignment(&old_bits, mask));
        let passes_new = after.0.passes(&assignment(&new_bits, mask));
        passing_old = passing_old.saturating_add(u64::from(passes_old));
        passing_new = passing_new.saturating_add(u64::from(passes_new));
        if passes_old == passes_new {
            continue;
        }
        grew |= passes_new;
        shrank |= passes_old;
        if witness.is_none_or(|(w, _, _)| mask.count_ones() < w.count_ones()) {
            witness = Some((mask, passes_old, passes_new));
        }
    }
    let change = match (grew, shrank) {
        (false, false) => CoalitionChange::Same,
        (true, false) => CoalitionChange::Grew,
        (false, true) => CoalitionChange::Shrank,
        (true, true) => CoalitionChange::Changed,
    };
    let witness = witness.map(|(mask, passes_old, passes_new)| Witness {
        in_favour: keys.iter().enumerate().filter(|(i, _)| bit(mask, *i)).map(|(_, k)| k.clone()).collect(),
        passes_old,
        passes_new,
    });
    Comparison { change, not_compared: None, witness, members: keys.len(), passing_old, passing_new }
}

/// Whether bit `i` of `mask` is set.
fn bit(mask: u32, i: usize) -> bool {
    u32::try_from(i).ok().and_then(|i| mask.checked_shr(i)).is_some_and(|m| m & 1 == 1)
}
