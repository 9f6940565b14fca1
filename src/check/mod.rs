//! The checker: every contradiction in a resolved agreement, as findings a lawyer can act on.
//!
//! In comes an agreement that resolved without errors; out comes a list of
//! [`CheckDiagnostic`]s, agreement-wide ones first, then decision by decision. Names and units
//! (unknown or duplicate members, kinds, decisions) were already checked when the agreement was
//! resolved (`concord::model::*`); this stage checks what the words mean:
//!
//! - `figures`: figures that votes or shares are taken from, and shares that must add up;
//! - `rules`: each decision's rule: impossible numbers, conditions that can never hold, and the
//!   coalition analyses (can it pass, can both sides pass, dictator, dummy, unintended veto,
//!   gridlock) through the coalition engine;
//! - `passing`: whether a rule can pass at all, and with nobody in favour, asked of the
//!   evaluator itself;
//! - `routes`: casting votes and escalation routes;
//! - `money`: the capitated budget, personal budgets, liability caps and compensation;
//! - `makeup`: offices (gaps, overlaps, an office for a kind with no members) and the limits
//!   on the make-up of the membership;
//! - `plus_one`: `half … plus one` counted in votes that have no natural unit;
//! - `votes`: `votes` given to members that no decision counts;
//! - `waterfalls`: savings steps that can never receive anything.
//!
//! Coalition questions assume full attendance (everyone eligible votes, the coalition in favour
//! and the rest against) except the both-sides question, which is also asked with the rest
//! abstaining wherever a rule counts votes cast or members present. See `crate::coalitions`.

mod blocs;
pub mod diagnostics;
mod figures;
pub mod intended;
mod leaving;
mod makeup;
mod money;
mod organisations;
mod passing;
mod plus_one;
mod postponement;
mod procedure;
mod routes;
mod rules;
mod votes;
mod waterfalls;

use rust_decimal::Decimal;

pub use diagnostics::{CheckDiagnostic, Witness, CODES};

use crate::coalitions::Limits;
use crate::model::{Agreement, MemberId};

/// Runs every check on an agreement that resolved cleanly.
pub fn check(agreement: &Agreement) -> Vec<CheckDiagnostic> {
    check_with(agreement, Limits::default())
}

/// Runs every check with explicit bounds on the coalition analyses.
pub fn check_with(agreement: &Agreement, limits: Limits) -> Vec<CheckDiagnostic> {
    let mut out = Vec::new();
    figures::check(agreement, &mut out);
    money::check(agreement, &mut out);
    makeup::check(agreement, &mut out);
    votes::check(agreement, &mut out);
    waterfalls::check(agreement, &mut out);
    leaving::check(agreement, &mut out);
    blocs::check(agreement, &mut out);
    for decision in &agreement.decisions {
        rules::check(agreement, decision, limits, &mut out);
        routes::check(agreement, decision, &mut out);
        plus_one::check(agreement, decision, &mut out);
        procedure::check(agreement, decision, &mut out);
        postponement::check(agreement, decision, &mut out);
        blocs::check_decision(agreement, decision, &mut out);
    }
    routes::check_loops(agreement, &mut out);
    // Agreement-wide findings first, then by decision in the order written (stable).
    // BOUND: `p` indexes the decisions, so one more fits.
    #[allow(clippy::arithmetic_side_effects)]
    let position = |d: &CheckDiagnostic| {
        d.decision().and_then(|name| agreement.decisions.iter().position(|x| x.name == name)).map_or(0, |p| p + 1)
    };
    out.sort_by_key(position);
    out
}

/// A member's identifier.
fn key(agreement: &Agreement, member: MemberId) -> String {
    agreement.member(member).map_or_else(|| format!("#{}", member.0), |m| m.key.clone())
}

/// Members' identifiers as prose: `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn names<I: IntoIterator<Item = String>>(keys: I) -> String {
    let keys: Vec<String> = keys.into_iter().map(|k| format!("`{k}`")).collect();
    match keys.as_slice() {
        [] => "nobody".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// A decimal with thousands separators and no trailing zeros: `1,234,567.5`.
fn grouped(value: Decimal) -> String {
    let value = value.normalize();
    let text = value.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut out = crate::money::group_thousands(&int);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    if value.is_sign_negative() && !value.is_zero() {
        format!("-{out}")
    } else {
        out
    }
}

/// An amount in the agreement's currency, as a lawyer writes it: `£1,200,000`.
fn money(agreement: &Agreement, value: Decimal) -> String {
    let places = agreement.currency.minor_unit.normalize().scale();
    let rounded = value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::ToZero);
    match agreement.currency.symbol {
        Some(symbol) => format!("{symbol}{}", grouped(rounded)),
        None => format!("{} {}", grouped(rounded), agreement.currency.code),
    }
}

/// A percentage: `110%`.
fn percent(value: Decimal) -> String {
    format!("{}%", grouped(value))
}
