//! The working of the pennies: how a split's exact shares became whole minor units.
//!
//! Every split is rounded by the largest remainder ([`super::rounding`]): each share is first
//! rounded down to the minor unit (its *floor*); the units still missing from the total go one
//! each to the largest remainders; on a tie, to the party listed first in the agreement (what is
//! carried on, or left unallocated, always comes last). This module records, for each party, its
//! floor, its remainder and why it did or did not get a unit beyond its floor, so that the report
//! can say who got the extra pennies and why.

use std::collections::HashMap;

use num_bigint::BigUint;
use num_traits::Zero;
use rust_decimal::Decimal;
use serde::Serialize;

/// A split rounded, with the working of its pennies (see [`super::rounding::round_traced`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounded {
    /// Each party's share, rounded, in the order of the claims.
    pub shares: Vec<Decimal>,
    /// Each party's exact share rounded down to the unit (held at its ceiling when it has one).
    pub floors: Vec<Decimal>,
    /// What rounding down took away from each share, as a fraction of the unit (0 to 1).
    pub remainders: Vec<Decimal>,
    /// Why each party got units beyond its floor, or did not.
    pub reasons: Vec<Option<PennyReason>>,
}

/// Why a party's rounded share is what it is, beyond its floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PennyReason {
    /// It got one unit more than its floor: its remainder was among the largest.
    LargestRemainder,
    /// It got one unit more than its floor: its remainder was equal to that of a party that got
    /// none, and it is listed first in the agreement.
    TieListedFirst,
    /// It got no unit beyond its floor although its remainder was equal to that of a party that
    /// got one, because that party is listed before it in the agreement.
    TieListedLater,
    /// Its exact share was above its ceiling (a cap, its fall in budget), so it was held there
    /// and what it could not take went to the others.
    HeldAtCeiling,
    /// It got several units beyond its floor: the exact claims fell short of the total and the
    /// units were handed out in whole rounds.
    ToppedUp,
    /// Units were taken back from it: the exact claims came to more than the total.
    TakenBack,
}

/// What kind of party a line of the pennies' working is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PennyParty {
    /// A member of the agreement.
    Member,
    /// A fund, insurance or the commissioners taking part of a step.
    Taker,
    /// What the step carries on to the next, or leaves unallocated.
    CarriedOn,
}

/// One party's pennies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PennyShare {
    /// The member's identifier, or the party in words (`what is carried on`).
    pub party: String,
    /// Display name (the same words for a party that is not a member).
    pub name: String,
    /// What kind of party it is.
    pub kind: PennyParty,
    /// Its exact share rounded down to the minor unit (held at its ceiling when it has one).
    pub floor: Decimal,
    /// What rounding down took away, as a fraction of the minor unit (0 to 1), to show.
    pub remainder: Decimal,
    /// What it got beyond its floor (negative when units were taken back).
    pub extra: Decimal,
    /// Its share, rounded.
    pub share: Decimal,
    /// Why, when the reason is worth saying.
    pub reason: Option<PennyReason>,
}

/// The pennies of one split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PennyWorking {
    /// The minor unit shares are rounded to.
    pub minor_unit: Decimal,
    /// The floors added up.
    pub rounded_down: Decimal,
    /// What the floors left of the total, handed out a unit at a time.
    pub left_over: Decimal,
    /// The tie rule, in words.
    pub tie_rule: &'static str,
    /// Every party, in the order of the split (members in the agreement's order).
    pub parties: Vec<PennyShare>,
}

/// The party for what a step carries on (or leaves unallocated), in words.
pub const CARRIED_ON: &str = "what is carried on";

/// The tie rule, as the working states it.
pub const TIE_RULE: &str = "on equal remainders, the member listed first in the agreement comes first";

impl PennyWorking {
    /// The working of `rounded`, whose parties are `parties` (identifier, name, kind) in order.
    /// `None` when the counts differ or a sum does not fit.
    pub fn new(rounded: &Rounded, parties: Vec<(String, String, PennyParty)>, unit: Decimal) -> Option<PennyWorking> {
        if parties.len() != rounded.shares.len() {
            return None;
        }
        let mut out = Vec::with_capacity(parties.len());
        for (i, (party, name, kind)) in parties.into_iter().enumerate() {
            let floor = *rounded.floors.get(i)?;
            let share = *rounded.shares.get(i)?;
            out.push(PennyShare {
                party,
                name,
                kind,
                floor,
                remainder: *rounded.remainders.get(i)?,
                extra: share.checked_sub(floor)?,
                share,
                reason: rounded.reasons.get(i).copied().flatten(),
            });
        }
        let rounded_down = super::checked_sum(out.iter().map(|p| p.floor))?;
        let total = super::checked_sum(out.iter().map(|p| p.share))?;
        Some(PennyWorking {
            minor_unit: unit,
            rounded_down,
            left_over: total.checked_sub(rounded_down)?,
            tie_rule: TIE_RULE,
            parties: out,
        })
    }

    /// Whether rounding moved anything: some party got or gave up a unit beyond its floor.
    pub fn moved(&self) -> bool {
        self.parties.iter().any(|p| !p.extra.is_zero())
    }

    /// Writes every amount to the minor unit's places and every remainder without trailing
    /// zeros (for the JSON).
    pub(crate) fn tidy(&mut self, money: &dyn Fn(&mut Decimal)) {
        money(&mut self.rounded_down);
        money(&mut self.left_over);
        self.minor_unit = self.minor_unit.normalize();
        for p in &mut self.parties {
            money(&mut p.floor);
            money(&mut p.extra);
            money(&mut p.share);
            p.remainder = p.remainder.normalize();
        }
    }
}

/// Why each party got what it got beyond its floor: `units` are the rounded shares and `floors`
/// the floors, both in units; `remainders` are exact (over one denominator), so equal ones are
/// equal; `held` says who was held at a ceiling; `ceilings` who had room for another unit.
pub(crate) fn reasons(
    units: &[BigUint],
    floors: &[BigUint],
    remainders: &[BigUint],
    held: &[bool],
    ceilings: &[Option<BigUint>],
) -> Vec<Option<PennyReason>> {
    // BOUND: `BigUint` addition is exact and has no width to overflow.
    #[allow(clippy::arithmetic_side_effects)]
    let several: Vec<bool> = units.iter().zip(floors).map(|(u, f)| *u > f + 1u32).collect();
    let gained: Vec<bool> = units.iter().zip(floors).map(|(u, f)| u > f).collect();
    let room = |i: usize| match (units.get(i), ceilings.get(i)) {
        (Some(u), Some(Some(c))) => u < c,
        (Some(_), Some(None)) => true,
        _ => false,
    };
    // For each remainder: whether some party with it gained a unit, and how many with it did
    // not though they had room (one pass, so a split among many members stays linear).
    let mut by_remainder: HashMap<&BigUint, (usize, usize)> = HashMap::new();
    for (i, r) in remainders.iter().enumerate() {
        let entry = by_remainder.entry(r).or_default();
        if gained.get(i).copied().unwrap_or(false) {
            entry.0 = entry.0.saturating_add(1);
        } else if room(i) {
            entry.1 = entry.1.saturating_add(1);
        }
    }
    let mut out = Vec::with_capacity(units.len());
    for i in 0..units.len() {
        let (Some(u), Some(f), Some(r)) = (units.get(i), floors.get(i), remainders.get(i)) else {
            out.push(None);
            continue;
        };
        let (with_gain, without_gain) = by_remainder.get(r).copied().unwrap_or_default();
        let me_gained = gained.get(i).copied().unwrap_or(false);
        let me_open = !me_gained && room(i);
        // Another party with the same remainder that gained (or that did not, though it had room).
        let equal_to = |want_gained: bool| {
            if want_gained {
                with_gain > usize::from(me_gained)
            } else {
                without_gain > usize::from(me_open)
            }
        };
        let reason = if u < f {
            Some(PennyReason::TakenBack)
        } else if several.get(i).copied().unwrap_or(false) {
            Some(PennyReason::ToppedUp)
        } else if u > f {
            if !r.is_zero() && equal_to(false) {
                Some(PennyReason::TieListedFirst)
            } else if r.is_zero() {
                Some(PennyReason::ToppedUp)
            } else {
                Some(PennyReason::LargestRemainder)
            }
        } else if held.get(i).copied().unwrap_or(false) {
            Some(PennyReason::HeldAtCeiling)
        } else if !r.is_zero() && equal_to(true) {
            Some(PennyReason::TieListedLater)
        } else {
            None
        };
        out.push(reason);
    }
    out
}
