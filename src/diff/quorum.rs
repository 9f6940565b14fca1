//! A decision's quorum in both versions, ordinary and at a reconvened meeting. The coalitions
//! are compared with every member present (`crate::coalitions`), where a quorum on those
//! present is met by every coalition or by none; a change to it that leaves it met then changes
//! no coalition, yet changes which smaller meetings are quorate. So a changed quorum is said on
//! its own, never folded into "the same votes carry it".

use serde::Serialize;

use crate::model::{Agreement, BlocSelection, Condition, Decision, Rule};
use crate::span::Spanned;

/// Which of a decision's quorums differ between the versions (added in 1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuorumChange {
    /// The quorum at an ordinary meeting (the decision's own, else the agreement's).
    pub ordinary: bool,
    /// The quorum at a meeting reconvened for want of a quorum.
    pub reconvened: bool,
}

/// The change, when either of the decision's quorums reads differently in the new version.
pub fn change(old: &Agreement, o: &Decision, new: &Agreement, n: &Decision) -> Option<QuorumChange> {
    let differs = |reconvened: bool| {
        let before = old.quorum_for(o, reconvened).map(|q| q.rule);
        let after = new.quorum_for(n, reconvened).map(|q| q.rule);
        match (before, after) {
            (None, None) => false,
            (Some(b), Some(a)) => renamed(old, new, b).is_none_or(|b| b != *a),
            _ => true,
        }
    };
    let change = QuorumChange { ordinary: differs(false), reconvened: differs(true) };
    (change.ordinary || change.reconvened).then_some(change)
}

/// `rule` of the old version with its members, kinds and blocs renamed to the new version's
/// (by identifier and name), so that the two compare clause for clause; `None` when one is not
/// in the new version.
fn renamed(old: &Agreement, new: &Agreement, rule: &Spanned<Rule>) -> Option<Spanned<Rule>> {
    let kind = |k: Option<crate::model::KindId>| -> Option<Option<crate::model::KindId>> {
        match k {
            None => Some(None),
            Some(k) => {
                let name = &old.kind(k)?.name;
                Some(Some(new.kinds.iter().find(|x| &x.name == name)?.id))
            }
        }
    };
    let base = |b: crate::model::Base| Some(crate::model::Base { kind: kind(b.kind)?, ..b });
    let blocs = |s: &BlocSelection| match s {
        BlocSelection::Each => Some(BlocSelection::Each),
        BlocSelection::One(b) => {
            let key = &old.bloc(*b)?.key;
            Some(BlocSelection::One(new.blocs.iter().find(|x| &x.key == key)?.id))
        }
    };
    let node = match &rule.node {
        Rule::All(parts) => Rule::All(parts.iter().map(|p| renamed(old, new, p)).collect::<Option<_>>()?),
        Rule::Any(parts) => Rule::Any(parts.iter().map(|p| renamed(old, new, p)).collect::<Option<_>>()?),
        Rule::Condition(c) => Rule::Condition(match c {
            Condition::Every { kind: k, side } => Condition::Every { kind: kind(*k)?, side: *side },
            Condition::NoMember { kind: k, side } => Condition::NoMember { kind: kind(*k)?, side: *side },
            Condition::HalfPlusOne { base: b, side } => Condition::HalfPlusOne { base: base(*b)?, side: *side },
            Condition::Threshold { comparator, proportion, base: b, side } => {
                Condition::Threshold { comparator: *comparator, proportion: *proportion, base: base(*b)?, side: *side }
            }
            Condition::Count { comparator, count, kind: k, side, share } => {
                Condition::Count { comparator: *comparator, count: *count, kind: kind(*k)?, side: *side, share: *share }
            }
            Condition::BlocPosition { blocs: s } => Condition::BlocPosition { blocs: blocs(s)? },
            Condition::Bloc { blocs: s, comparator, proportion, base: b } => {
                Condition::Bloc { blocs: blocs(s)?, comparator: *comparator, proportion: *proportion, base: base(*b)? }
            }
            Condition::Member { member, side } => {
                let key = &old.member(*member)?.key;
                Condition::Member { member: new.member_by_key(key)?.id, side: *side }
            }
            Condition::Unanimous => Condition::Unanimous,
        }),
    };
    Some(Spanned::new(node, rule.span))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement(quorum: &str) -> Agreement {
        let text = format!(
            "agreement \"A\"\n  currency GBP\n\nkinds core, lay\n\nmember pa \"A\"\n  kinds lay\nmember pb \"B\"\n  kinds core\nmember pc \"C\"\n  kinds core\nmember pd \"D\"\n  kinds core\n\ndecision \"d\"\n  passes if more than half of votes cast in favour\n{quorum}"
        );
        let (agreement, errors) = crate::model::lower_agreement(&crate::syntax::parse(&text).file);
        assert!(errors.is_empty(), "{errors:?}");
        agreement.unwrap_or_else(|| panic!("reads"))
    }

    fn changed(old: &str, new: &str) -> Option<QuorumChange> {
        let (old, new) = (agreement(old), agreement(new));
        change(&old, &old.decisions[0], &new, &new.decisions[0])
    }

    #[test]
    fn a_quorum_that_reads_the_same_has_not_changed() {
        assert_eq!(changed("  quorum at least 3 members present\n", "  quorum  at least 3 members present\n"), None);
        assert_eq!(changed("", ""), None);
        let kinds = "  quorum at least 2 core members present\n";
        assert_eq!(changed(kinds, kinds), None);
    }

    #[test]
    fn a_higher_quorum_or_a_new_one_is_a_change() {
        let both = Some(QuorumChange { ordinary: true, reconvened: true });
        assert_eq!(changed("  quorum at least 3 members present\n", "  quorum at least 4 members present\n"), both);
        assert_eq!(changed("", "  quorum at least 3 members present\n"), both);
        assert_eq!(
            changed("  quorum at least 2 core members present\n", "  quorum at least 2 lay members present\n"),
            both
        );
    }
}
