//! Step 2 of docs/semantics.md, "Who votes", with the weights of language reference §7.
//!
//! In: the agreement, the decision and the proposal (for its gains and committed budgets). Out:
//! an [`Electorate`]: every eligible member with its exact weight, and the size of "one vote"
//! for `half … plus one` (reference §10). Written from the reference's words alone; the
//! engines' `src/weights.rs` is not read.

use std::collections::BTreeMap;

use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

use super::exact::{ratio, rational, whole};
use super::OracleError;
use crate::model::inputs::{Proposal, RevenueChange};
use crate::model::{
    Agreement, CommitScope, Comparator, Decision, Exclusion, FigureName, Member, MemberId, Role, WeightScheme,
};

/// Who votes on one proposal, and what each vote weighs.
#[derive(Debug, Clone)]
pub(super) struct Electorate {
    /// The eligible members and their exact weights. Everyone else "weighs nothing and is
    /// counted nowhere".
    pub(super) weights: BTreeMap<MemberId, BigRational>,
    /// One vote, for `half the votes … plus one`: "1 when every member has one vote or a set
    /// number of votes, and one percentage point of all the eligible votes when votes are in
    /// proportion to a figure or when a share is reserved" (reference §10).
    pub(super) one_vote: BigRational,
}

impl Electorate {
    /// Whether `member` votes on this proposal.
    pub(super) fn is_eligible(&self, member: MemberId) -> bool {
        self.weights.contains_key(&member)
    }

    /// The weight of every eligible member together.
    pub(super) fn total(&self) -> BigRational {
        self.weights.values().fold(BigRational::zero(), |sum, w| sum + w)
    }
}

/// Step 2: every member votes except observers, members a clause of the decision excludes, and
/// members whose gain under the proposal is over the decision's limit. Each eligible member
/// gets its weight under reference §7.
pub(super) fn electorate(
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
) -> Result<Electorate, OracleError> {
    let mut eligible = Vec::new();
    for member in &agreement.members {
        if votes_on(member, decision, proposal)? {
            eligible.push(member);
        }
    }
    // `a conflicted member takes part only if …`: judged on the members eligible on every other
    // ground.
    let before: Vec<MemberId> = eligible.iter().map(|m| m.id).collect();
    eligible.retain(|m| takes_part(m.id, decision, proposal, &before, agreement));
    let weights = weigh(agreement, decision, proposal, &eligible)?;
    let scheme = scheme(agreement, decision);
    let counts_votes = matches!(scheme, WeightScheme::OneMemberOneVote | WeightScheme::Explicit);
    let mut electorate = Electorate { weights, one_vote: BigRational::one() };
    if !counts_votes || !agreement.voting.reserved.is_empty() {
        electorate.one_vote = electorate.total() / whole(100);
    }
    Ok(electorate)
}

/// Reference §9, "Who votes on a decision": observers never; the decision's exclusions; and,
/// on this proposal, members gaining over the limit.
fn votes_on(member: &Member, decision: &Decision, proposal: &Proposal) -> Result<bool, OracleError> {
    if member.has_role(Role::Observer) {
        return Ok(false);
    }
    for exclusion in &decision.exclusions {
        let excluded = match exclusion {
            // `MEMBER does not vote`.
            Exclusion::Member { member: excluded, .. } => *excluded == member.id,
            // `the member concerned does not vote`: the member the proposal says it concerns.
            Exclusion::Concerned { .. } => proposal.concerning.is_some_and(|c| c.node == member.id),
            // `members may opt out`: the members the proposal lists as opted out.
            Exclusion::OptOut { .. } => proposal.opted_out.iter().any(|o| o.node == member.id),
            // `KIND members do not vote`.
            Exclusion::Kind { kind, .. } => member.is_of_kind(*kind),
            // `only KIND members vote`: everyone who is not of that kind.
            Exclusion::OnlyKind { kind, .. } => !member.is_of_kind(*kind),
            // `members gaining more than 5% of their budget do not vote`.
            Exclusion::Gain { comparator, share, figure, .. } => {
                gains_too_much(member, proposal, *comparator, share.0, *figure)?
            }
            // `reserved to lbh`: only lbh decides.
            Exclusion::ReservedTo { member: decides, .. } => *decides != member.id,
            // Judged in `takes_part`, once every other ground is known.
            Exclusion::Conflict { .. } => false,
        };
        if excluded {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether the member's revenue gain under the proposal is over a gain clause's limit. "The
/// gain is what the proposal says (`gains £900,000`, or `gains 2% of its budget`, which is that
/// percentage of the member's `budget`). Only a gain counts; a loss never excludes. … A member
/// without the figure, or whose gain the proposal does not state, still votes."
fn gains_too_much(
    member: &Member,
    proposal: &Proposal,
    comparator: Comparator,
    share: rust_decimal::Decimal,
    figure: FigureName,
) -> Result<bool, OracleError> {
    let Some(change) = proposal.revenue.get(&member.id) else { return Ok(false) };
    let Some(figure) = member.figure(figure) else { return Ok(false) };
    let gain = match change.node {
        RevenueChange::Amount(money) => rational(money.0),
        RevenueChange::PercentOfBudget(percent) => match member.figure(FigureName::Budget) {
            Some(budget) => rational(percent.0) * rational(budget) / whole(100),
            None => {
                return Err(OracleError::Unsupported(
                    "a gain stated as a percentage of a budget the member does not have",
                ))
            }
        },
    };
    if !gain.is_positive() {
        return Ok(false);
    }
    let limit = rational(share) * rational(figure) / whole(100);
    Ok(match comparator {
        Comparator::AtLeast => gain >= limit,
        Comparator::MoreThan => gain > limit,
        Comparator::AtMost => gain <= limit,
        Comparator::LessThan => gain < limit,
    })
}

/// "A decision may set its own scheme (`voting SCHEME` under the decision)" (reference §7).
fn scheme<'a>(agreement: &'a Agreement, decision: &'a Decision) -> &'a WeightScheme {
    match &decision.voting {
        Some(own) => &own.node,
        None => &agreement.voting.scheme.node,
    }
}

/// Reference §7, "Schemes": what each eligible member weighs under the scheme alone.
fn scheme_weight(
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
    member: &Member,
) -> Result<BigRational, OracleError> {
    let weight = match scheme(agreement, decision) {
        // `one member one vote`: 1.
        WeightScheme::OneMemberOneVote => BigRational::one(),
        // `in proportion to FIGURE`: its figure; 0 if it has none.
        WeightScheme::Proportional(figure) => member.figure(*figure).map_or_else(BigRational::zero, rational),
        // `in proportion to budget committed to the proposal`: what the proposal says it
        // commits; 0 if the proposal says nothing.
        WeightScheme::Committed(CommitScope::Proposal) => {
            proposal.commitments.get(&member.id).map_or_else(BigRational::zero, |money| rational(money.node.0))
        }
        // `in proportion to budget committed to the pool`: its `contribution`; 0 if none.
        WeightScheme::Committed(CommitScope::Pool) => {
            member.figure(FigureName::Contribution).map_or_else(BigRational::zero, rational)
        }
        // `as set for each member`: its `votes`; 0 if it has none.
        WeightScheme::Explicit => member.votes.map_or_else(BigRational::zero, |votes| rational(votes.node)),
    };
    if weight.is_negative() {
        return Err(OracleError::Unsupported("a negative weight"));
    }
    Ok(weight)
}

/// Reference §7: the scheme's weights, with reserved shares. "On each decision, the eligible
/// members of that kind share the reserved 10% equally, and everyone else shares the other 90%
/// in proportion to the scheme. … If no member of the kind may vote on a decision, the reserved
/// share lapses for that decision and the others share all the votes."
fn weigh(
    agreement: &Agreement,
    decision: &Decision,
    proposal: &Proposal,
    eligible: &[&Member],
) -> Result<BTreeMap<MemberId, BigRational>, OracleError> {
    let mut weights = BTreeMap::new();
    if agreement.voting.reserved.is_empty() {
        for member in eligible {
            weights.insert(member.id, scheme_weight(agreement, decision, proposal, member)?);
        }
        return Ok(weights);
    }

    // Each reserved share that has an eligible member of its kind: its holders share it equally.
    let mut reserved_for: BTreeMap<MemberId, BigRational> = BTreeMap::new();
    let mut reserved_in_force = BigRational::zero();
    let (mut lapsed, mut in_force) = (false, false);
    for share in &agreement.voting.reserved {
        let holders: Vec<MemberId> = eligible.iter().filter(|m| m.is_of_kind(share.kind.node)).map(|m| m.id).collect();
        if holders.is_empty() {
            lapsed = true; // lapses for this decision
            continue;
        }
        in_force = true;
        let share = rational(share.share.node.0) / whole(100);
        let each = ratio(&share, &whole(holders.len() as u64))
            .ok_or(OracleError::Unsupported("a reserved share with no holders"))?;
        for holder in holders {
            if reserved_for.insert(holder, each.clone()).is_some() {
                return Err(OracleError::Unsupported("a member of two kinds that each hold a reserved share"));
            }
        }
        reserved_in_force += share;
    }
    // "the others share all the votes": with one reserved share that is everyone. With another
    // kind's share still in force, the reference does not say whether that kind takes part in
    // the lapsed share (it then holds more than its reserved percentage) or the members outside
    // the reserved kinds take all of it (it keeps exactly its percentage). Both readings are
    // one line here; until the reference picks one, the oracle declines.
    if lapsed && in_force {
        return Err(OracleError::Unsupported("a reserved share that lapses while another kind's reserved share holds"));
    }
    let rest = BigRational::one() - reserved_in_force;
    if rest.is_negative() {
        return Err(OracleError::Unsupported("reserved shares above 100%"));
    }

    // Everyone else shares the rest in proportion to the scheme.
    let mut others = Vec::new();
    for member in eligible.iter().filter(|m| !reserved_for.contains_key(&m.id)) {
        others.push((member.id, scheme_weight(agreement, decision, proposal, member)?));
    }
    let scheme_total = others.iter().fold(BigRational::zero(), |sum, (_, w)| sum + w);
    // "everyone else shares the other 90% in proportion to the scheme": when nobody else is
    // eligible, or nobody else weighs anything under the scheme, the reference does not say
    // who holds the rest (nobody, so that the reserved kinds hold only their shares; or the
    // reserved kinds, pro rata). The oracle declines.
    if scheme_total.is_zero() && !rest.is_zero() {
        return Err(OracleError::Unsupported(
            "reserved shares with nobody outside the reserved kinds weighing anything to share the rest",
        ));
    }
    for (member, weight) in others {
        let share = match ratio(&weight, &scheme_total) {
            Some(part) => &rest * part,
            None => BigRational::zero(),
        };
        weights.insert(member, share);
    }
    weights.extend(reserved_for);
    Ok(weights)
}

/// Reference §9, "A conflicted member": a member the proposal names as conflicted takes part
/// only if the share the clause says of the other members present agree. "The other members
/// present are the members listed as voting on the proposal, in favour, against or abstaining,
/// who vote on it on every other ground and are not named conflicted themselves; the share is of
/// them, counted by head. An empty base carries nothing."
fn takes_part(
    member: MemberId,
    decision: &Decision,
    proposal: &Proposal,
    eligible_otherwise: &[MemberId],
    agreement: &Agreement,
) -> bool {
    let Some((comparator, proportion)) = decision.exclusions.iter().find_map(|e| match e {
        Exclusion::Conflict { comparator, proportion, .. } => Some((*comparator, *proportion)),
        _ => None,
    }) else {
        return true;
    };
    let conflicted = |m: MemberId| proposal.matters.conflicted.iter().any(|c| c.node == m);
    if !conflicted(member) {
        return true;
    }
    let listed = |m: MemberId| proposal.votes.iter().any(|v| v.voter == crate::model::inputs::Voter::Known(m));
    let others: Vec<MemberId> = agreement
        .members
        .iter()
        .map(|m| m.id)
        .filter(|m| *m != member && listed(*m) && !conflicted(*m) && eligible_otherwise.contains(m))
        .collect();
    let agree = proposal
        .matters
        .conflict_votes
        .iter()
        .filter(|b| b.conflicted == member && b.choice == crate::model::VoteChoice::InFavour)
        .filter(|b| others.contains(&b.voter))
        .count();
    let (Ok(agree), Ok(base)) = (u64::try_from(agree), u64::try_from(others.len())) else { return false };
    if base == 0 {
        return matches!(comparator, Comparator::AtMost | Comparator::LessThan);
    }
    let Some(share) = ratio(&rational(proportion.numerator), &rational(proportion.denominator)) else { return false };
    let (tally, threshold) = (whole(agree), share * whole(base));
    match comparator {
        Comparator::AtLeast => tally >= threshold,
        Comparator::MoreThan => tally > threshold,
        Comparator::AtMost => tally <= threshold,
        Comparator::LessThan => tally < threshold,
    }
}
