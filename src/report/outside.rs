//! The working of a decision taken by a body outside the meeting (docs/semantics.md step 1b,
//! C51), in words: who decides it, what the proposal records, and what that comes to.

use crate::eval::{Evaluation, Outcome, OutcomeKind};
use crate::model::outside::OutsideVerdict;

/// The headline of a proposal the body decided, or whose decision is awaited.
pub(super) fn outcome_words(o: &Outcome) -> String {
    let Some(d) = &o.decided_outside else { return o.result.words().to_string() };
    match o.result {
        OutcomeKind::Passed => format!("passed: {} agreed to it", d.body),
        OutcomeKind::Awaiting => format!("awaiting the decision of {}", d.body),
        other => other.words().to_string(),
    }
}

/// Why a proposal the body did not agree to was rejected.
pub(super) fn not_agreed_words(o: &Outcome) -> String {
    match &o.decided_outside {
        Some(d) => format!("{} did not agree to it", d.body),
        None => "the body outside the meeting that decides it did not agree to it".to_string(),
    }
}

/// The working's paragraph on the body, for a decision taken outside the meeting.
pub(super) fn outside_human(e: &Evaluation) -> String {
    let Some(d) = &e.outcome.decided_outside else { return String::new() };
    let mut out = format!(
        "\nDecided outside the meeting (line {}: {}): the decision is taken by {}, and no member votes on it; no quorum, veto or casting vote applies.\n",
        d.clause.line, d.clause.text, d.body
    );
    let recorded = match (d.recorded, d.verdict) {
        (false, _) => {
            format!("The proposal does not record a decision of {}, so it is taken as not yet decided.", d.body)
        }
        (true, OutsideVerdict::Agreed) => format!("The proposal records that {} agreed to it.", d.body),
        (true, OutsideVerdict::NotAgreed) => format!("The proposal records that {} did not agree to it.", d.body),
        (true, OutsideVerdict::NotYetDecided) => format!("The proposal records that {} has not yet decided.", d.body),
    };
    out.push_str(&format!("  {recorded}\n"));
    if e.outcome.result == OutcomeKind::Invalid {
        out.push_str(&format!(
            "  The conditions above bar the decision, so the proposal is invalid whatever {} decided.\n",
            d.body
        ));
    }
    out
}

/// `concord power`'s lines for the decisions a body outside the meeting takes.
pub(super) fn power_words(decided: &[crate::results::power::DecidedOutside]) -> String {
    decided
        .iter()
        .map(|d| {
            format!(
                "\ndecision \"{}\"\n  not analysed: it is decided by {}, outside the meeting, and no member votes on it, so no member has voting power over it\n",
                d.decision, d.body
            )
        })
        .collect()
}
