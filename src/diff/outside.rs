//! One decision in two versions where a body outside the meeting takes it in either (C51): no
//! member votes on it, so there are no coalitions to compare; the versions mean the same only
//! when both name the same body.

use super::{CoalitionChange, Comparison, NotCompared};
use crate::model::Decision;

/// The comparison when either version's decision is taken outside the meeting, else `None`.
pub(super) fn compare(old: &Decision, new: &Decision) -> Option<Comparison> {
    let change = match (&old.outside, &new.outside) {
        (None, None) => return None,
        (Some(a), Some(b)) if a.body == b.body => CoalitionChange::Same,
        _ => CoalitionChange::NotCompared,
    };
    Some(Comparison {
        change,
        not_compared: Some(NotCompared::DecidedOutside),
        witness: None,
        members: 0,
        passing_old: 0,
        passing_new: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(text: &str) -> Decision {
        let agreement = format!("agreement \"T\"\nmember icb\nmember council\ndecision \"d\"\n{text}");
        let loaded = crate::load::load(&agreement);
        let a = loaded.agreement.unwrap_or_else(|| unreachable!());
        a.decisions[0].clone()
    }

    #[test]
    fn the_same_body_means_the_same_and_any_other_change_is_not_compared() {
        let ministers = decision("  decided by \"the Welsh Ministers\"\n");
        let senedd = decision("  decided by \"the Senedd\"\n");
        let meeting = decision("  passes if unanimous\n");
        assert_eq!(compare(&ministers, &ministers).map(|c| c.change), Some(CoalitionChange::Same));
        assert_eq!(compare(&ministers, &senedd).map(|c| c.change), Some(CoalitionChange::NotCompared));
        assert_eq!(compare(&meeting, &ministers).map(|c| c.not_compared), Some(Some(NotCompared::DecidedOutside)));
        assert!(compare(&meeting, &meeting).is_none());
    }
}
