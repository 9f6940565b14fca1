//! Reserved matters, approvals outside the meeting and conflicted members (issue 21, items 5
//! and 6; clauses C41 and C79).
//!
//! - **A matter reserved to one partner.** `reserved to lbh`: only lbh decides, by its own vote
//!   (every other member's vote is disregarded, no quorum applies, and the decision has no
//!   `passes if` of its own: the rule is lbh in favour). `reserved to lbh, and the meeting must
//!   also pass it`: the decision's rule, and lbh in favour as well. `reserved to lbh, and its own
//!   governance must also approve`: lbh alone decides, and its own governance must approve too.
//!   The rules are made here, when the agreement is read, so every engine reads them as any rule.
//! - **Approvals outside the meeting.** `subject to the approval of "NHS England"` (or of
//!   `lbh's own governance`, or of `each partner's own governance`): a proposal the meeting has
//!   passed also needs that approval. A proposal enters each as `approval of "NHS England":
//!   given`, `withheld` or `not yet given`; one it does not mention is not yet given.
//! - **A conflicted member.** `a conflicted member takes part only if more than half of the
//!   other members present agree`: a proposal names the conflicted member (`conflicted: gpfed`)
//!   and records the others' vote on whether it may take part (`on gpfed taking part, in favour:
//!   icb, trust`). [`conflict_vote`] works that vote out, for the evaluator and the checker.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::inputs::{Proposal, Voter};
use crate::model::{Agreement, Comparator, Decision, Exclusion, LowerError, MemberId, Proportion, Role, VoteChoice};
use crate::span::{Span, Spanned};

pub use crate::syntax::ast::{ApprovalState, ReservedAlso};

/// A decision's reserved matter and approvals outside the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Matters {
    /// `reserved to MEMBER …`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved: Option<Reserved>,
    /// `subject to the approval of …`, one entry per approver (each partner's own governance is
    /// one entry per member who is not an observer), in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<NeededApproval>,
}

impl Matters {
    /// Whether the decision says nothing of reserved matters or approvals.
    pub fn is_empty(&self) -> bool {
        self.reserved.is_none() && self.approvals.is_empty()
    }

    /// Whether only the reserved partner decides (no meeting vote counts, no quorum applies).
    pub fn reserved_alone(&self) -> bool {
        self.reserved.as_ref().is_some_and(|r| r.also != ReservedAlso::Meeting)
    }
}

/// `reserved to lbh[, and …]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reserved {
    /// The partner the matter is reserved to.
    pub member: MemberId,
    /// What else it needs.
    pub also: ReservedAlso,
    /// The clause.
    pub span: Span,
}

/// Whose approval outside the meeting a decision needs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "approver", content = "of", rename_all = "snake_case")]
pub enum Approver {
    /// A named body outside the agreement: `"NHS England"`.
    Body(String),
    /// A member's own governance: `lbh's own governance`.
    Governance(MemberId),
}

impl Approver {
    /// The approver in words: `NHS England`, `lbh's own governance`.
    pub fn words(&self, agreement: &Agreement) -> String {
        self.words_with(&agreement.members)
    }

    /// The same, from the list of members.
    pub fn words_with(&self, members: &[crate::model::Member]) -> String {
        match self {
            Approver::Body(body) => body.clone(),
            Approver::Governance(m) => {
                format!("{}'s own governance", members.get(m.index()).map_or("?", |m| m.key.as_str()))
            }
        }
    }
}

/// One approval a decision needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeededApproval {
    /// Whose.
    pub approver: Approver,
    /// The clause that asks for it.
    pub span: Span,
}

/// One approval as a proposal enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalEntry {
    /// Whose.
    pub approver: Approver,
    /// Given, withheld or not yet given.
    pub state: ApprovalState,
    /// The line.
    pub span: Span,
}

/// One vote on whether a conflicted member may take part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictBallot {
    /// The conflicted member the vote is about.
    pub conflicted: MemberId,
    /// Who voted.
    pub voter: MemberId,
    /// How.
    pub choice: VoteChoice,
    /// Where the voter was listed.
    pub span: Span,
}

/// What a proposal says about approvals and conflicts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProposalMatters {
    /// `approval of …: given | withheld | not yet given`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<ApprovalEntry>,
    /// `conflicted: gpfed`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicted: Vec<Spanned<MemberId>>,
    /// `on gpfed taking part, in favour: icb, trust`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflict_votes: Vec<ConflictBallot>,
}

impl ProposalMatters {
    /// Whether the proposal says nothing of approvals or conflicts.
    pub fn is_empty(&self) -> bool {
        self.approvals.is_empty() && self.conflicted.is_empty() && self.conflict_votes.is_empty()
    }

    /// Whether the proposal names `member` as conflicted.
    pub fn is_conflicted(&self, member: MemberId) -> bool {
        self.conflicted.iter().any(|c| c.node == member)
    }

    /// How the proposal enters `approver`'s approval, if it does.
    pub fn entry(&self, approver: &Approver) -> Option<&ApprovalEntry> {
        self.approvals.iter().find(|a| a.approver == *approver)
    }
}

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

/// The decision's conflict clause, if it has one.
pub fn conflict_rule(decision: &Decision) -> Option<(Comparator, Proportion, Span)> {
    decision.exclusions.iter().find_map(|e| match e {
        Exclusion::Conflict { comparator, proportion, span } => Some((*comparator, *proportion, *span)),
        _ => None,
    })
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

/// What a proposal says about approvals and conflicts, checked against its decision when it is
/// read: an approval the decision does not need, an approval entered twice, a conflicted member
/// named for a decision with no conflict clause, a sub-vote about a member not named conflicted,
/// a conflicted member voting on itself, and a conflicted member whose sub-vote is not recorded
/// are each refused, rather than read one way or another.
pub(crate) fn check_proposal(
    decision: &Decision,
    proposal: &Proposal,
    agreement: &Agreement,
    errors: &mut Vec<LowerError>,
) {
    let matters = &proposal.matters;
    for (i, entry) in matters.approvals.iter().enumerate() {
        let words = entry.approver.words(agreement);
        if !decision.matters.approvals.iter().any(|a| a.approver == entry.approver) {
            errors.push(LowerError::from(crate::model::ProceedingsError::ApprovalNotNeeded {
                decision: decision.name.clone(),
                approver: words.clone(),
                at: entry.span.into(),
            }));
        }
        if let Some(first) = matters.approvals.iter().take(i).find(|a| a.approver == entry.approver) {
            errors.push(LowerError::DuplicateClause {
                what: format!("the line for the approval of {words}"),
                first: first.span.into(),
                second: entry.span.into(),
            });
        }
    }
    let has_rule = conflict_rule(decision).is_some();
    for named in &matters.conflicted {
        if !has_rule {
            errors.push(LowerError::from(crate::model::ProceedingsError::ConflictNotProvided {
                decision: decision.name.clone(),
                at: named.span.into(),
            }));
        } else if !matters.conflict_votes.iter().any(|b| b.conflicted == named.node) {
            let key = agreement.member(named.node).map_or("?", |m| m.key.as_str()).to_string();
            errors.push(LowerError::from(crate::model::ProceedingsError::MissingConflictVote {
                member: key,
                at: named.span.into(),
            }));
        }
    }
    for ballot in &matters.conflict_votes {
        if !matters.is_conflicted(ballot.conflicted) {
            let key = agreement.member(ballot.conflicted).map_or("?", |m| m.key.as_str()).to_string();
            errors.push(LowerError::from(crate::model::ProceedingsError::ConflictVoteNotNamed {
                member: key,
                at: ballot.span.into(),
            }));
        } else if ballot.voter == ballot.conflicted {
            let key = agreement.member(ballot.voter).map_or("?", |m| m.key.as_str()).to_string();
            errors.push(LowerError::from(crate::model::ProceedingsError::ConflictedVotesOnItself {
                member: key,
                at: ballot.span.into(),
            }));
        }
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
