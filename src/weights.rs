//! Who may vote on a decision, and how much each vote weighs, exactly.
//!
//! Shared by the evaluator (for one proposal) and the checker and power analysis (for a
//! decision in general, with no proposal's facts). Weights are exact decimals built from
//! products only, never quotients: with reserved shares, every weight is scaled by a common
//! factor so that no division (and so no rounding) is needed. Only their ratios matter; a
//! weight shown as a percentage is divided for display alone.
//!
//! Meanings (also in the language reference):
//! - observers never vote; members excluded by a decision's clauses do not vote on it;
//! - one member one vote: each eligible member weighs 1;
//! - in proportion to a figure: each weighs its figure (0 when it has none);
//! - in proportion to budget committed to the proposal: each weighs what the proposal says it
//!   commits (0 when it commits nothing); to the pool: each weighs its `contribution`;
//! - as set for each member: each weighs its `votes` (0 when it has none);
//! - `K members together hold R%`: the eligible members of kind K share R% of the total
//!   equally; everyone else shares the rest in proportion to the scheme.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::inputs::{Proposal, RevenueChange};
use crate::model::{Agreement, CommitScope, Comparator, Decision, Exclusion, FigureName, MemberId, Role, WeightScheme};
use crate::span::Span;

/// Why a member does not vote on a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Ineligibility {
    /// Observers attend but never vote.
    Observer { role: Span },
    /// The decision says this member does not vote.
    Excluded { clause: Span },
    /// The decision lets only members of another kind vote.
    NotOfVotingKind { clause: Span },
    /// The proposal brings the member more new revenue than the decision allows voters to gain.
    Gains { clause: Span, gain: Decimal, limit: Decimal },
    /// The proposal concerns this member, and the decision leaves the member concerned out.
    Concerned { clause: Span, concerning: Span },
    /// The member opted out of the proposal, as the decision lets it.
    OptedOut { clause: Span, opted_out: Span },
    /// The proposal names the member conflicted, and the other members present did not agree
    /// that it may take part ([`crate::model::conflicts::conflict_vote`]).
    Conflicted { clause: Span },
    /// The matter is reserved to another member, who alone decides it.
    Reserved { clause: Span },
}

/// Whether one member votes on a decision, and its weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voter {
    /// The member.
    pub member: MemberId,
    /// Why it does not vote, if it does not.
    pub ineligible: Option<Ineligibility>,
    /// Its weight (zero when it does not vote), on the common scale of [`Electorate::total`].
    pub weight: Decimal,
}

/// Everyone's standing on one decision (for one proposal, or in general).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Electorate {
    /// One entry per member, in the agreement's order (indexed by `MemberId`).
    pub voters: Vec<Voter>,
    /// The sum of eligible members' weights.
    pub total: Decimal,
    /// The weight of "one vote" for `half … plus one`: 1 under one member one vote and explicit
    /// votes, one hundredth of the total (one percentage point) when weights are proportional
    /// to a figure or shares are reserved.
    pub one_vote: Decimal,
}

impl Electorate {
    /// Whether a member votes on this decision.
    pub fn is_eligible(&self, member: MemberId) -> bool {
        self.voters.get(member.index()).is_some_and(|v| v.ineligible.is_none())
    }

    /// A member's weight (zero when ineligible or unknown).
    pub fn weight(&self, member: MemberId) -> Decimal {
        self.voters.get(member.index()).map_or(Decimal::ZERO, |v| v.weight)
    }

    /// Eligible members, in order.
    pub fn eligible(&self) -> impl Iterator<Item = &Voter> {
        self.voters.iter().filter(|v| v.ineligible.is_none())
    }
}

/// Weights that cannot be computed exactly (their products overflow 28 significant digits).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("the votes of decision `{decision}` are too large to weigh exactly")]
#[diagnostic(
    code(concord::eval::weights_overflow),
    help("weights are computed exactly; figures this large (or this many reserved shares) exceed 28 significant digits — express budgets in thousands, or weigh by a smaller figure")
)]
pub struct WeightsOverflow {
    /// The decision's name.
    pub decision: String,
    /// The decision.
    #[label("this decision")]
    pub at: miette::SourceSpan,
}

/// Works out who votes on `decision` and with what weight. With a proposal, its facts apply
/// (revenue gains, committed budgets); without one, no gain exclusion applies and committed
/// budgets count as zero.
pub fn electorate(
    agreement: &Agreement,
    decision: &Decision,
    proposal: Option<&Proposal>,
) -> Result<Electorate, WeightsOverflow> {
    let overflow = || WeightsOverflow { decision: decision.name.clone(), at: decision.span.into() };
    let mut voters: Vec<Voter> = agreement
        .members
        .iter()
        .map(|m| -> Result<Voter, WeightsOverflow> {
            Ok(Voter {
                member: m.id,
                ineligible: ineligibility(agreement, decision, proposal, m.id).map_err(|GainTooLarge| overflow())?,
                weight: Decimal::ZERO,
            })
        })
        .collect::<Result<_, _>>()?;

    let scheme = &agreement.scheme_for(decision).node;
    // Shares written as fractions weigh exactly, over one common denominator.
    let exact = match scheme {
        WeightScheme::Proportional(figure) => {
            let members: Vec<&crate::model::Member> = agreement.members.iter().collect();
            crate::model::exact_share_bases(&members, *figure).map_err(|_| overflow())?
        }
        _ => None,
    };
    let raw = |member: MemberId| -> Decimal {
        let Some(m) = agreement.member(member) else { return Decimal::ZERO };
        match scheme {
            WeightScheme::OneMemberOneVote => Decimal::ONE,
            WeightScheme::Proportional(figure) => match &exact {
                Some(exact) => agreement
                    .members
                    .iter()
                    .position(|x| x.id == member)
                    .and_then(|i| exact.bases.get(i).copied().flatten())
                    .unwrap_or(Decimal::ZERO),
                None => m.figure(*figure).unwrap_or(Decimal::ZERO),
            },
            WeightScheme::Committed(CommitScope::Pool) => m.figure(FigureName::Contribution).unwrap_or(Decimal::ZERO),
            WeightScheme::Committed(CommitScope::Proposal) => {
                proposal.and_then(|p| p.commitments.get(&member)).map_or(Decimal::ZERO, |c| c.node.0)
            }
            WeightScheme::Explicit => m.votes.map_or(Decimal::ZERO, |v| v.node),
        }
    };

    // Reserved shares: which eligible members each reserved kind has.
    let reserved: Vec<(Decimal, Vec<MemberId>)> = agreement
        .voting
        .reserved
        .iter()
        .map(|r| {
            let holders = voters
                .iter()
                .filter(|v| v.ineligible.is_none())
                .filter(|v| agreement.member(v.member).is_some_and(|m| m.is_of_kind(r.kind.node)))
                .map(|v| v.member)
                .collect();
            (r.share.node.0, holders)
        })
        .collect();
    // The reserved kind each member's share comes from (the first that lists it), by member
    // index, so that looking it up does not search every holder list.
    let mut reserved_kind: Vec<Option<usize>> = vec![None; voters.len()];
    for (k, (_, holders)) in reserved.iter().enumerate() {
        for holder in holders {
            if let Some(slot @ None) = reserved_kind.get_mut(holder.index()) {
                *slot = Some(k);
            }
        }
    }
    let in_reserved = |member: MemberId| reserved_kind.get(member.index()).is_some_and(Option::is_some);

    if reserved.is_empty() {
        for voter in voters.iter_mut().filter(|v| v.ineligible.is_none()) {
            voter.weight = raw(voter.member);
        }
    } else {
        // Scale so that no division is needed: with S the scheme total of the others and n_k the
        // size of each reserved kind, a reserved member of kind k weighs R_k · S · Π(n_j, j≠k)
        // and anyone else weighs (100 − ΣR) · Π n_j · raw. The total is then 100 · S · Π n_j.
        let mut scheme_total = Decimal::ZERO;
        for voter in voters.iter().filter(|v| v.ineligible.is_none() && !in_reserved(v.member)) {
            scheme_total = scheme_total.checked_add(raw(voter.member)).ok_or_else(overflow)?;
        }
        let sizes: Vec<Decimal> = reserved.iter().map(|(_, h)| Decimal::from(h.len().max(1))).collect();
        let product_of_sizes =
            sizes.iter().try_fold(Decimal::ONE, |acc, n| acc.checked_mul(*n)).ok_or_else(overflow)?;
        let reserved_sum =
            reserved.iter().try_fold(Decimal::ZERO, |acc, (r, _)| acc.checked_add(*r)).ok_or_else(overflow)?;
        let rest_share = Decimal::ONE_HUNDRED.checked_sub(reserved_sum).ok_or_else(overflow)?;
        // Each reserved kind's weight and the factor on everyone else's, worked out once.
        let mut reserved_weights = Vec::with_capacity(reserved.len());
        for (k, (share, _)) in reserved.iter().enumerate() {
            let others = sizes
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .try_fold(Decimal::ONE, |acc, (_, n)| acc.checked_mul(*n))
                .ok_or_else(overflow)?;
            reserved_weights
                .push(share.checked_mul(scheme_total).and_then(|x| x.checked_mul(others)).ok_or_else(overflow)?);
        }
        let rest_factor = rest_share.checked_mul(product_of_sizes).ok_or_else(overflow)?;
        for voter in voters.iter_mut().filter(|v| v.ineligible.is_none()) {
            let kind_index = reserved_kind.get(voter.member.index()).copied().flatten();
            voter.weight = match kind_index {
                Some(k) => reserved_weights.get(k).copied().unwrap_or(Decimal::ZERO),
                None => rest_factor.checked_mul(raw(voter.member)).ok_or_else(overflow)?,
            };
        }
    }

    let mut total = Decimal::ZERO;
    for voter in &voters {
        total = total.checked_add(voter.weight).ok_or_else(overflow)?;
    }
    let counts_votes = matches!(scheme, WeightScheme::OneMemberOneVote | WeightScheme::Explicit) && reserved.is_empty();
    // BOUND: dividing by 100 only makes a decimal smaller; it cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    let one_vote = if counts_votes { Decimal::ONE } else { total / Decimal::ONE_HUNDRED };
    Ok(Electorate { voters, total, one_vote })
}

/// `numerator / denominator` in lowest terms, both as whole numbers where the inputs are exact
/// decimals (30000000/40000000 is 3/4; 0.5/2 is 1/4). Shown beside a rounded percentage so
/// the exact share is always on the page.
// BOUND: each remainder is by a `b` the loop has just found not to be zero; `n` and `m` are
// divided by their greatest common divisor only when it is above one; an unsigned remainder or
// quotient cannot overflow, and negating a decimal only flips its sign.
#[allow(clippy::arithmetic_side_effects)]
pub fn lowest_terms(numerator: Decimal, denominator: Decimal) -> (Decimal, Decimal) {
    let scale = numerator.scale().max(denominator.scale());
    let whole = |d: Decimal| -> Option<u128> {
        let mut d = d;
        d.rescale(scale);
        // Rescaling can only fail to reach `scale` when the value has too many digits.
        (d.scale() == scale).then(|| d.mantissa().unsigned_abs())
    };
    let (Some(mut n), Some(mut m)) = (whole(numerator), whole(denominator)) else { return (numerator, denominator) };
    if m == 0 {
        return (numerator, denominator);
    }
    let (mut a, mut b) = (n, m);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    if a > 1 {
        n /= a;
        m /= a;
    }
    let back = |x: u128| i128::try_from(x).ok().and_then(|x| Decimal::try_from_i128_with_scale(x, 0).ok());
    match (back(n), back(m)) {
        (Some(n), Some(m)) => (if numerator.is_sign_negative() { -n } else { n }, m),
        _ => (numerator, denominator),
    }
}

/// A proposal's gain, or the limit it is compared with, is beyond 28 significant digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GainTooLarge;

/// `percent`% of `base`, exactly; `None` when it is beyond 28 significant digits.
fn percent_of(percent: Decimal, base: Decimal) -> Option<Decimal> {
    percent.checked_mul(base)?.checked_div(Decimal::ONE_HUNDRED)
}

/// Why `member` does not vote on `decision` (with `proposal`'s facts), if it does not; an error
/// when a gain or its limit is too large to work out exactly.
pub fn ineligibility(
    agreement: &Agreement,
    decision: &Decision,
    proposal: Option<&Proposal>,
    member: MemberId,
) -> Result<Option<Ineligibility>, GainTooLarge> {
    ineligibility_on(agreement, decision, proposal, member, true)
}

/// [`ineligibility`], judging the conflict clause only when `conflicts` (the vote on whether a
/// conflicted member takes part counts the members eligible on every other ground).
fn ineligibility_on(
    agreement: &Agreement,
    decision: &Decision,
    proposal: Option<&Proposal>,
    member: MemberId,
    conflicts: bool,
) -> Result<Option<Ineligibility>, GainTooLarge> {
    let Some(m) = agreement.member(member) else { return Ok(None) };
    if let Some(role) = m.roles.get(&Role::Observer) {
        return Ok(Some(Ineligibility::Observer { role: *role }));
    }
    for exclusion in &decision.exclusions {
        match exclusion {
            Exclusion::Member { member: excluded, span } if *excluded == member => {
                return Ok(Some(Ineligibility::Excluded { clause: *span }));
            }
            Exclusion::Kind { kind, span } if m.is_of_kind(*kind) => {
                return Ok(Some(Ineligibility::Excluded { clause: *span }));
            }
            Exclusion::OnlyKind { kind, span } if !m.is_of_kind(*kind) => {
                return Ok(Some(Ineligibility::NotOfVotingKind { clause: *span }));
            }
            Exclusion::ReservedTo { member: decides, span } if *decides != member => {
                return Ok(Some(Ineligibility::Reserved { clause: *span }));
            }
            Exclusion::Conflict { span, .. } if conflicts => {
                let Some(p) = proposal else { continue };
                let others = |o: MemberId| matches!(ineligibility_on(agreement, decision, Some(p), o, false), Ok(None));
                let vote = crate::model::conflicts::conflict_vote(agreement, decision, p, member, others);
                if vote.is_some_and(|v| !v.allowed) {
                    return Ok(Some(Ineligibility::Conflicted { clause: *span }));
                }
            }
            Exclusion::OptOut { span } => {
                if let Some(o) = proposal.and_then(|p| p.opted_out.iter().find(|o| o.node == member)) {
                    return Ok(Some(Ineligibility::OptedOut { clause: *span, opted_out: o.span }));
                }
            }
            Exclusion::Concerned { span } => {
                if let Some(c) = proposal.and_then(|p| p.concerning).filter(|c| c.node == member) {
                    return Ok(Some(Ineligibility::Concerned { clause: *span, concerning: c.span }));
                }
            }
            Exclusion::Gain { comparator, share, figure, span } => {
                let Some(change) = proposal.and_then(|p| p.revenue.get(&member)) else { continue };
                let Some(base) = m.figure(*figure) else { continue };
                let limit = percent_of(share.0, base).ok_or(GainTooLarge)?;
                let gain = match change.node {
                    RevenueChange::Amount(money) => money.0,
                    // A percentage of the member's budget, measured against the named figure.
                    RevenueChange::PercentOfBudget(p) => {
                        percent_of(p.0, m.figure(FigureName::Budget).unwrap_or(Decimal::ZERO)).ok_or(GainTooLarge)?
                    }
                };
                let over = match comparator {
                    Comparator::AtLeast => gain >= limit,
                    Comparator::MoreThan => gain > limit,
                    Comparator::AtMost => gain <= limit && gain > Decimal::ZERO,
                    Comparator::LessThan => gain < limit && gain > Decimal::ZERO,
                };
                if over && gain > Decimal::ZERO {
                    return Ok(Some(Ineligibility::Gains { clause: *span, gain, limit }));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    fn agreement(text: &str) -> Agreement {
        let loaded = load(text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        loaded.agreement.unwrap_or_else(|| unreachable!())
    }

    const NETWORK: &str = r#"agreement "Test"
  kinds acute, lay
member ma
  kinds acute
  budget £60
member b
  kinds acute
  budget £20
member c
  kinds lay
member d
  kinds lay
member o
  observer
  budget £100
voting in proportion to budget
  lay members together hold 10% of the votes
decision "x"
  passes if more than half of eligible votes in favour
"#;

    #[test]
    fn fractions_in_lowest_terms() {
        assert_eq!(
            lowest_terms(Decimal::from(30_000_000), Decimal::from(40_000_000)),
            (Decimal::from(3), Decimal::from(4))
        );
        assert_eq!(lowest_terms(Decimal::new(5, 1), Decimal::from(2)), (Decimal::ONE, Decimal::from(4)));
        assert_eq!(lowest_terms(Decimal::ZERO, Decimal::from(7)), (Decimal::ZERO, Decimal::ONE));
    }

    #[test]
    fn reserved_shares_are_exact_and_observers_weigh_nothing() {
        let a = agreement(NETWORK);
        let e = electorate(&a, &a.decisions[0], None).unwrap_or_else(|_| unreachable!());
        let share = |i: usize| e.voters[i].weight / e.total * Decimal::ONE_HUNDRED;
        assert_eq!(share(0), Decimal::from(90) * Decimal::from(60) / Decimal::from(80));
        assert_eq!(share(2), Decimal::from(5));
        assert_eq!(share(3), Decimal::from(5));
        assert_eq!(e.voters[4].weight, Decimal::ZERO);
        assert!(matches!(e.voters[4].ineligible, Some(Ineligibility::Observer { .. })));
        assert_eq!(e.voters.iter().map(|v| v.weight).sum::<Decimal>(), e.total);
    }
}
