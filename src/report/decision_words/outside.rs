//! `concord explain`'s words for a decision taken by a body outside the meeting (C51): who
//! takes it, that no member votes on it, and how a proposal records the body's decision.

use crate::model::outside::OutsideBody;
use crate::model::{Agreement, Decision};

/// The decision's schedule, in place of the meeting's voting, rule and quorum.
pub(super) fn words(agreement: &Agreement, decision: &Decision, outside: &OutsideBody) -> String {
    let OutsideBody { body, span: _ } = outside;
    let mut out = format!("Decision “{}”\n", decision.name);
    out.push_str(&format!(
        "  It is decided by {body}, outside the meeting: no member votes on it, and no quorum, veto or casting vote applies.\n"
    ));
    out.push_str(&format!(
        "  Each proposal records the decision of {body} (`decided by \"{body}\": agreed` or `not agreed`): agreed, it passes; not agreed, it is rejected; until it is recorded, the proposal awaits the decision of {body}. Where a condition below bars the decision, the proposal is invalid, whatever {body} decided.\n"
    ));
    out.push_str(&super::procedure::words(agreement, &decision.procedure));
    out.push_str(&super::meetings::words(&decision.meetings));
    for effect in &decision.effects {
        out.push_str(&format!("  {}\n", crate::report::kinds_words::effect(agreement, &effect.node)));
    }
    out
}
