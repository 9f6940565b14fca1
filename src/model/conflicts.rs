//! A conflicted member's taking part (issue 21, item 6): the others present vote on whether it
//! may (`a conflicted member takes part only if more than half of the other members present
//! agree`). [`conflict_vote`] works that vote out from a proposal, for the evaluator and the
//! checker; the words it reads are in [`super::matters`].

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::matters::conflict_rule;
use crate::model::proposal::{Proposal, Voter};
use crate::model::{Agreement, Comparator, Decision, MemberId, Proportion, Role, VoteChoice};
use crate::span::Span;

/// The vote on whether one conflicted member may take part, worked out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictVote {
    /// The conflicted member.
    pub member: MemberId,
    /// The other members present (eligible on every other ground, not conflicted themselves).
    pub others_present: u32,
    /// Those of them who agreed it may take part.
    pub in_favour: u32,
    /// Those of them who voted that it may not.
    pub against: u32,
    /// Votes in the sub-vote from members who are not among the others present, disregarded.
    pub disregarded: Vec<MemberId>,
    /// The threshold: `more than`, `half`.
    pub comparator: Comparator,
    /// The share of the others present that must agree.
    pub proportion: Proportion,
    /// Whether it may take part.
    pub allowed: bool,
    /// The decision's conflict clause.
    pub clause: Span,
}

/// The vote on whether `member`, named conflicted by the proposal, may take part (docs/semantics.md
/// step 2). The others present are the members the proposal lists as voting (in favour, against
/// or abstaining) who are not observers, not excluded by another clause of the decision and not
/// conflicted themselves; the share is of them, by head, compared exactly. `None` when the
/// decision has no conflict clause or the proposal does not name `member`.
pub fn conflict_vote(
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
    member: MemberId,
    otherwise_eligible: impl Fn(MemberId) -> bool,
) -> Option<ConflictVote> {
    let (comparator, proportion, clause) = conflict_rule(decision)?;
    if !proposal.matters.is_conflicted(member) {
        return None;
    }
    // Sets, so that a proposal naming many members costs each member's vote a pass over the
    // members, not a pass over the votes for every member.
    let present: BTreeSet<MemberId> =
        proposal.votes.iter().filter_map(|v| if let Voter::Known(m) = v.voter { Some(m) } else { None }).collect();
    let conflicted: BTreeSet<MemberId> = proposal.matters.conflicted.iter().map(|c| c.node).collect();
    let counts = |m: MemberId| {
        m != member
            && present.contains(&m)
            && !conflicted.contains(&m)
            && agreement.member(m).is_some_and(|x| !x.has_role(Role::Observer))
            && otherwise_eligible(m)
    };
    let others: BTreeSet<MemberId> = present.iter().copied().filter(|m| counts(*m)).collect();
    let (mut in_favour, mut against, mut disregarded) = (0u32, 0u32, Vec::new());
    for ballot in proposal.matters.conflict_votes.iter().filter(|b| b.conflicted == member) {
        if !others.contains(&ballot.voter) {
            disregarded.push(ballot.voter);
            continue;
        }
        match ballot.choice {
            VoteChoice::InFavour => in_favour = in_favour.saturating_add(1),
            VoteChoice::Against => against = against.saturating_add(1),
            VoteChoice::Abstaining => {}
        }
    }
    let others_present = u32::try_from(others.len()).unwrap_or(u32::MAX);
    let allowed = share_holds(comparator, proportion, in_favour, others_present);
    Some(ConflictVote {
        member,
        others_present,
        in_favour,
        against,
        disregarded,
        comparator,
        proportion,
        allowed,
        clause,
    })
}

/// `in_favour` compared with `proportion` of `base`, exactly (cross-multiplied). An empty base
/// carries nothing: `at least` and `more than` fail, `at most` and `fewer than` hold.
fn share_holds(comparator: Comparator, proportion: Proportion, in_favour: u32, base: u32) -> bool {
    let (n, d) = (proportion.numerator, proportion.denominator);
    let (Some(left), Some(right)) = (d.checked_mul(in_favour.into()), n.checked_mul(rust_decimal::Decimal::from(base)))
    else {
        return false;
    };
    if base == 0 {
        return matches!(comparator, Comparator::AtMost | Comparator::LessThan);
    }
    match comparator {
        Comparator::AtLeast => left >= right,
        Comparator::MoreThan => left > right,
        Comparator::AtMost => left <= right,
        Comparator::LessThan => left < right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load, load_inputs};

    const AGREEMENT: &str = r#"agreement "Conflicts"
member ma
member mb
member mc
member md
member mw
  observer
decision "award"
  passes if more than half of votes cast in favour
  a conflicted member takes part only if at least two thirds of the other members present agree
"#;

    fn vote(proposal: &str) -> Option<ConflictVote> {
        let agreement = load(AGREEMENT).agreement.unwrap_or_else(|| unreachable!());
        let parsed = crate::syntax::parse(proposal);
        let (inputs, errors) = load_inputs(&agreement, &parsed.file);
        assert!(errors.is_empty() && parsed.errors.is_empty(), "{errors:?} {:?}", parsed.errors);
        let p = inputs.proposals.first().unwrap_or_else(|| unreachable!());
        conflict_vote(&agreement, &agreement.decisions[0], p, MemberId(0), |_| true)
    }

    #[test]
    fn the_others_present_decide_by_head_and_exactly() {
        // b, c and d are present: two of three is two thirds exactly, which is at least two thirds.
        let v = vote("proposal \"p\"\n  decision \"award\"\n  conflicted: ma\n  on ma taking part, in favour: mb, mc\n  on ma taking part, against: md\n  in favour: ma, mb, mc, md\n");
        let v = v.unwrap_or_else(|| unreachable!());
        assert_eq!((v.others_present, v.in_favour, v.against, v.allowed), (3, 2, 1, true));
        // With d absent from the vote, b and c are the others present; only b agreed.
        let v = vote("proposal \"p\"\n  decision \"award\"\n  conflicted: ma\n  on ma taking part, in favour: mb, md\n  in favour: ma, mb, mc\n");
        let v = v.unwrap_or_else(|| unreachable!());
        assert_eq!((v.others_present, v.in_favour, v.allowed), (2, 1, false));
        assert_eq!(v.disregarded, vec![MemberId(3)]);
    }

    #[test]
    fn an_observer_and_a_member_not_named_have_no_conflict_vote() {
        let v = vote("proposal \"p\"\n  decision \"award\"\n  conflicted: ma\n  on ma taking part, in favour: mw, mb\n  in favour: ma, mb, mw\n");
        let v = v.unwrap_or_else(|| unreachable!());
        // The observer is not among the others present: its agreement is disregarded.
        assert_eq!((v.others_present, v.in_favour, v.allowed, v.disregarded.clone()), (1, 1, true, vec![MemberId(4)]));
        assert!(vote("proposal \"p\"\n  decision \"award\"\n  in favour: ma\n").is_none());
    }

    fn half() -> Proportion {
        Proportion {
            numerator: rust_decimal::Decimal::ONE,
            denominator: rust_decimal::Decimal::TWO,
            form: crate::model::ProportionForm::Ratio,
        }
    }

    #[test]
    fn an_empty_base_carries_nothing() {
        assert!(!share_holds(Comparator::AtLeast, half(), 0, 0));
        assert!(share_holds(Comparator::AtMost, half(), 0, 0));
    }
}
