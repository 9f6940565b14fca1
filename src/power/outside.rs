//! Decisions taken by a body outside the meeting (C51): no member votes on them, so there is no
//! voting power to work out. `concord power` names them instead of leaving them out silently.

use crate::model::Decision;
use crate::results::power::DecidedOutside;

/// The decisions among `decisions` that a body outside the meeting takes, in order.
pub fn not_analysed(decisions: &[&Decision]) -> Vec<DecidedOutside> {
    decisions
        .iter()
        .filter_map(|d| d.outside.as_ref().map(|o| DecidedOutside { decision: d.name.clone(), body: o.body.clone() }))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_decision_taken_outside_the_meeting_is_named_not_analysed() {
        let text = "agreement \"T\"\nmember icb\nmember council\ndecision \"remove\"\n  decided by \"the Welsh Ministers\"\ndecision \"plan\"\n  passes if unanimous\n";
        let loaded = crate::load::load(text);
        let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
        let decisions: Vec<&crate::model::Decision> = agreement.decisions.iter().collect();
        let found = super::not_analysed(&decisions);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].decision.as_str(), found[0].body.as_str()), ("remove", "the Welsh Ministers"));
    }
}
