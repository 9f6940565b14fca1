//! `--coverage`: which conditions of each decision turned some scenario's outcome, and which
//! waterfalls some scenario's year-end result ran through.

use std::collections::BTreeMap;

use crate::eval::{self, Combination, Evaluation};
use crate::model::elections::TieRule;
use crate::model::inputs::{DecisionRef, Scenario};
use crate::model::Agreement;
use crate::results::elections::{ElectedBy, ElectionOutcome, ElectionResult};
use crate::results::test::{Coverage, DecisionCoverage, ElectionCoverage};

/// Which conditions turned the rule: flipping that one condition alone flips the result.
// BOUND: `i` indexes `held`, so its number, one more, fits.
#[allow(clippy::arithmetic_side_effects)]
fn deciding(combination: &Combination, held: &[bool]) -> Vec<usize> {
    fn value(c: &Combination, held: &[bool]) -> bool {
        match c {
            Combination::Condition { number, .. } => held.get(number.saturating_sub(1)).copied().unwrap_or(false),
            Combination::All { parts, .. } => parts.iter().all(|p| value(p, held)),
            Combination::Any { parts, .. } => parts.iter().any(|p| value(p, held)),
        }
    }
    let base = value(combination, held);
    (0..held.len())
        .filter(|i| {
            let mut flipped = held.to_vec();
            if let Some(h) = flipped.get_mut(*i) {
                *h = !*h;
            }
            value(combination, &flipped) != base
        })
        .map(|i| i + 1)
        .collect()
}

pub(super) fn record_coverage(
    coverage: &mut Coverage,
    agreement_name: &str,
    agreement: &Agreement,
    agreement_text: &str,
    scenario: &Scenario,
    evaluation: Option<&Result<Evaluation, eval::EvalError>>,
    money: Option<&crate::money::Evaluation>,
) {
    let decisions = coverage.decisions.entry(agreement_name.to_string()).or_insert_with(|| {
        agreement
            .decisions
            .iter()
            .map(|d| {
                let mut conditions = BTreeMap::new();
                for timed in &d.rules {
                    for c in crate::model::conditions(&timed.rule) {
                        let text = agreement_text.get(c.span.start..c.span.end).unwrap_or("");
                        conditions.insert(condition_key(text), false);
                    }
                }
                // A decision taken outside the meeting has no conditions: what turns its outcome is
                // the body's decision, each of which is an item.
                let decided_by = d.outside.as_ref().map(|o| o.body.clone());
                if decided_by.is_some() {
                    for verdict in [AGREED, NOT_AGREED] {
                        conditions.insert(verdict.to_string(), false);
                    }
                }
                (d.name.clone(), DecisionCoverage { scenarios: 0, conditions, decided_by })
            })
            .collect()
    });
    // BOUND: each scenario adds one to a count once, and no run can read and evaluate anywhere
    // near `usize::MAX` scenarios.
    #[allow(clippy::arithmetic_side_effects)]
    if let (Some(p), Some(Ok(e))) = (&scenario.proposal, evaluation) {
        if let Some(DecisionRef::Known(id)) = p.decision.as_ref().map(|d| &d.node) {
            if let Some(decision) = agreement.decision(*id) {
                if let Some(entry) = decisions.get_mut(&decision.name) {
                    entry.scenarios += 1;
                    if let Some(verdict) = outside_verdict(e) {
                        entry.conditions.insert(verdict.to_string(), true);
                    }
                    if let Some(rule) = &e.rule {
                        let held: Vec<bool> = rule.conditions.iter().map(|c| c.held).collect();
                        for number in deciding(&rule.combination, &held) {
                            if let Some(c) = number.checked_sub(1).and_then(|i| rule.conditions.get(i)) {
                                entry.conditions.insert(condition_key(c.place.text.as_str()), true);
                            }
                        }
                    }
                }
            }
        }
    }
    coverage
        .waterfalls_written
        .insert(agreement_name.to_string(), (agreement.savings.is_some(), agreement.deficits.is_some()));
    let waterfalls = coverage.waterfalls.entry(agreement_name.to_string()).or_default();
    // BOUND: as above, one count per scenario.
    #[allow(clippy::arithmetic_side_effects)]
    if let Some(working) = money.and_then(|m| m.working.as_ref()) {
        match working.outcome {
            crate::money::Outcome::Surplus => waterfalls.0 += 1,
            crate::money::Outcome::Deficit => waterfalls.1 += 1,
            crate::money::Outcome::BreakEven => {}
        }
    }
}

/// Records the election a scenario counted (`result`, `None` when it holds none or it was not
/// counted): each election of the agreement is an item, exercised when some scenario counts it,
/// and so is its tie rule, exercised when it decides a tie (the lot's result or the casting vote).
pub(super) fn record_election(
    coverage: &mut Coverage,
    agreement_name: &str,
    agreement: &Agreement,
    result: Option<&ElectionResult>,
) {
    let elections = coverage.elections.entry(agreement_name.to_string()).or_insert_with(|| {
        agreement
            .elections
            .iter()
            .map(|e| {
                let tie_rule = e.tie.as_ref().map(|t| match t.node {
                    TieRule::Lot => "lot",
                    TieRule::CastingVote(_) => "casting_vote",
                });
                (e.name.clone(), ElectionCoverage { scenarios: 0, tie_rule, ties_decided: 0 })
            })
            .collect()
    });
    let Some(result) = result else { return };
    let Some(entry) = elections.get_mut(&result.election) else { return };
    // BOUND: one count per scenario, as for decisions.
    #[allow(clippy::arithmetic_side_effects)]
    {
        entry.scenarios += 1;
        if let ElectionOutcome::Elected { by: ElectedBy::Lot | ElectedBy::CastingVote { .. }, .. } = result.outcome {
            entry.ties_decided += 1;
        }
    }
}

/// The items of a decision taken outside the meeting: the body's two decisions.
const AGREED: &str = "agreed";
const NOT_AGREED: &str = "not agreed";

/// The body's decision that turned a proposal's outcome, for a decision taken outside the
/// meeting: `agreed` when it passed on it, `not agreed` when it was rejected on it. Nothing when
/// the proposal was invalid (barred before the body's decision counts) or still awaits it.
fn outside_verdict(e: &Evaluation) -> Option<&'static str> {
    e.outcome.decided_outside.as_ref()?;
    match e.outcome.result {
        eval::OutcomeKind::Passed => Some(AGREED),
        eval::OutcomeKind::Rejected => Some(NOT_AGREED),
        _ => None,
    }
}

/// A condition's text with its layout evened out, so the model's and the evaluator's agree.
fn condition_key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
