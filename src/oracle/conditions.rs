//! Judging a rule (or a quorum) on the eligible members' ballots: language reference §9's
//! conditions table and §10's bases, one condition at a time.
//!
//! In: a [`Meeting`] (who votes, their weights and ballots) and a rule, read as voted or in
//! docs/semantics.md's *tipped reading* (a casting vote of vanishing size in favour). Out:
//! whether the rule holds. Every part of a rule is judged, so that a part the oracle cannot
//! read is always reported, whatever the other parts say.

use num_rational::BigRational;
use num_traits::{One, Zero};

use super::exact::{ratio, rational, whole, Votes};
use super::{Ballot, Meeting, OracleError};
use crate::model::{
    Base, BlocSelection, Comparator, Condition, KindId, MemberId, MembershipShare, Proportion, Role, Rounding, Rule,
    Scope, Side, Unit,
};

/// How the votes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// The members' own votes, nothing else.
    AsVoted,
    /// With the tie broken in favour: a casting vote of vanishing size in favour, counted only
    /// in the conditions that measure a proportion of the whole electorate's votes or members.
    TippedInFavour,
}

impl Ballot {
    /// Whether this ballot is on `side`; `present` is in favour, against or abstaining.
    fn is_on(self, side: Side) -> bool {
        match side {
            Side::InFavour => self == Ballot::InFavour,
            Side::Against => self == Ballot::Against,
            Side::Abstaining => self == Ballot::Abstaining,
            Side::Present => self != Ballot::Absent,
            Side::Voting => self == Ballot::InFavour || self == Ballot::Against,
        }
    }

    /// Whether this ballot is in a base of `scope` (reference §10's table).
    pub(super) fn is_in(self, scope: Scope) -> bool {
        match scope {
            // "the weight of every eligible member, whether present or not"
            Scope::Eligible => true,
            // "the eligible members who voted in favour or against"
            Scope::Cast => matches!(self, Ballot::InFavour | Ballot::Against),
            // "the eligible members who voted in favour, against or abstained"
            Scope::Present => self != Ballot::Absent,
        }
    }
}

impl Meeting<'_> {
    /// Whether `rule` holds: `and` when every part holds, `or` when at least one does.
    pub(super) fn holds(&self, rule: &Rule, reading: Reading) -> Result<bool, OracleError> {
        match rule {
            Rule::Condition(condition) => self.condition(condition, reading),
            Rule::All(parts) => {
                let held = parts.iter().map(|p| self.holds(&p.node, reading)).collect::<Result<Vec<bool>, _>>()?;
                Ok(held.into_iter().all(|h| h))
            }
            Rule::Any(parts) => {
                let held = parts.iter().map(|p| self.holds(&p.node, reading)).collect::<Result<Vec<bool>, _>>()?;
                Ok(held.into_iter().any(|h| h))
            }
        }
    }

    /// One condition, as reference §9's table says it holds.
    fn condition(&self, condition: &Condition, reading: Reading) -> Result<bool, OracleError> {
        match condition {
            // "every eligible member voted in favour. One abstention or absence makes it fail."
            Condition::Unanimous => Ok(self.every(None, Side::InFavour)),
            Condition::Every { kind, side } => Ok(self.every(*kind, *side)),
            Condition::NoMember { kind, side } => Ok(self.no_member(*kind, *side)),
            Condition::HalfPlusOne { base, side } => self.half_plus_one(base, *side, reading),
            Condition::Threshold { comparator, proportion, base, side } => {
                self.threshold(*comparator, &proportion.node, base, *side, reading)
            }
            Condition::Count { comparator, share: Some(share), kind, side, .. } => {
                Ok(self.share_of_membership(*comparator, share, *kind, *side))
            }
            Condition::Count { comparator, count, kind, side, .. } => {
                Ok(self.count(*comparator, count.node, *kind, *side))
            }
            Condition::Bloc { blocs, comparator, proportion, base } => {
                self.bloc(*blocs, *comparator, &proportion.node, base)
            }
            Condition::BlocPosition { blocs } => {
                let selected: Vec<&crate::model::Bloc> = match blocs {
                    BlocSelection::Each => self.agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => vec![self
                        .agreement
                        .bloc(*id)
                        .ok_or(OracleError::Unsupported("a bloc the agreement does not have"))?],
                };
                if selected.is_empty() {
                    return Err(OracleError::Unsupported("`each bloc` in an agreement with no blocs"));
                }
                let stands = selected.iter().map(|b| self.bloc_stand(b)).collect::<Result<Vec<_>, _>>()?;
                Ok(stands.iter().all(|s| *s == Stand::InFavour))
            }
            Condition::Member { member, side } => Ok(self.member_on(*member, *side)),
        }
    }

    /// The eligible members (of `kind`, when given), in the agreement's order.
    fn eligible_of(&self, kind: Option<KindId>) -> Vec<MemberId> {
        self.agreement
            .members
            .iter()
            .filter(|m| self.electorate.is_eligible(m.id))
            .filter(|m| kind.is_none_or(|k| m.is_of_kind(k)))
            .map(|m| m.id)
            .collect()
    }

    /// What one member counts for: its weight for `votes`, one head for `members`.
    fn unit_of(&self, member: MemberId, unit: Unit) -> BigRational {
        match unit {
            Unit::Members => BigRational::one(),
            Unit::Votes => self.electorate.weights.get(&member).cloned().unwrap_or_else(BigRational::zero),
        }
    }

    /// The sum over `members` whose ballot passes `test`, in `unit`.
    pub(super) fn sum(&self, members: &[MemberId], unit: Unit, test: impl Fn(Ballot) -> bool) -> BigRational {
        members
            .iter()
            .filter(|m| test(self.ballot(**m)))
            .fold(BigRational::zero(), |sum, m| sum + self.unit_of(*m, unit))
    }

    /// `every [eligible] [KIND] member SIDE`: "every eligible member (of KIND) is on SIDE.
    /// Fails when there is no eligible member to count."
    fn every(&self, kind: Option<KindId>, side: Side) -> bool {
        let members = self.eligible_of(kind);
        !members.is_empty() && members.iter().all(|m| self.ballot(*m).is_on(side))
    }

    /// `no [eligible] [KIND] member SIDE`: "no eligible member (of KIND) is on SIDE."
    fn no_member(&self, kind: Option<KindId>, side: Side) -> bool {
        self.eligible_of(kind).iter().all(|m| !self.ballot(*m).is_on(side))
    }

    /// `COMPARATOR N [KIND] members SIDE`: "the number of eligible members (of KIND) on SIDE,
    /// compared with N."
    fn count(&self, comparator: Comparator, n: u32, kind: Option<KindId>, side: Side) -> bool {
        let on_side = self.sum(&self.eligible_of(kind), Unit::Members, |b| b.is_on(side));
        compare(&Votes::exactly(on_side), comparator, &Votes::exactly(whole(u64::from(n))))
    }

    /// `COMPARATOR PROPORTION of the membership SIDE, rounded up|down`: the members on the side
    /// compared with the share of the membership (every member of the agreement who is not an
    /// observer), rounded to a whole member the way the condition says.
    fn share_of_membership(
        &self,
        comparator: Comparator,
        share: &MembershipShare,
        kind: Option<KindId>,
        side: Side,
    ) -> bool {
        let membership = self.agreement.members.iter().filter(|m| !m.has_role(Role::Observer)).count();
        let exact =
            rational(share.proportion.numerator) * whole(membership as u64) / rational(share.proportion.denominator);
        let needed = match share.rounding {
            Rounding::Up => exact.ceil(),
            Rounding::Down => exact.floor(),
        };
        let on_side = self.sum(&self.eligible_of(kind), Unit::Members, |b| b.is_on(side));
        compare(&Votes::exactly(on_side), comparator, &Votes::exactly(needed))
    }

    /// `MEMBER SIDE`: "the member voted that way. Fails when the member is not eligible to vote
    /// on the decision."
    fn member_on(&self, member: MemberId, side: Side) -> bool {
        self.electorate.is_eligible(member) && self.ballot(member).is_on(side)
    }

    /// T, the votes (or members) on the side, and B, the base, of a condition over `members`.
    /// In the tipped reading, for a base that names no kind, the casting vote is "in the tally
    /// of its side (and of `present`) and in every base (eligible, present and cast)".
    fn tally_and_base(&self, base: &Base, side: Side, reading: Reading) -> (Votes, Votes) {
        let members = self.eligible_of(base.kind);
        let mut tally = Votes::exactly(self.sum(&members, base.unit, |b| b.is_on(side)));
        let mut size = Votes::exactly(self.sum(&members, base.unit, |b| b.is_in(base.scope)));
        if reading == Reading::TippedInFavour && base.kind.is_none() {
            if matches!(side, Side::InFavour | Side::Present | Side::Voting) {
                tally = tally.plus(&Votes::casting_vote());
            }
            size = size.plus(&Votes::casting_vote());
        }
        (tally, size)
    }

    /// `COMPARATOR PROPORTION of [the] BASE SIDE`: "`at least` T ≥ P×B; `more than` T > P×B;
    /// `at most` T ≤ P×B; `fewer than` T < P×B", with an empty base carrying nothing.
    fn threshold(
        &self,
        comparator: Comparator,
        proportion: &Proportion,
        base: &Base,
        side: Side,
        reading: Reading,
    ) -> Result<bool, OracleError> {
        let p = fraction(proportion)?;
        let (tally, size) = self.tally_and_base(base, side, reading);
        Ok(proportion_holds(&tally, comparator, &p, &size))
    }

    /// `half [of] [the] BASE plus one SIDE`: "T ≥ B/2 + one vote" (reference §10: one vote is
    /// one member when counted in members; see [`super::weights::Electorate::one_vote`]).
    fn half_plus_one(&self, base: &Base, side: Side, reading: Reading) -> Result<bool, OracleError> {
        let (tally, size) = self.tally_and_base(base, side, reading);
        // "If the base is empty …, `at least` and `more than` conditions do not hold."
        if size.is_empty() {
            return Ok(false);
        }
        let one = match base.unit {
            Unit::Members => BigRational::one(),
            Unit::Votes => self.electorate.one_vote.clone(),
        };
        let half = ratio(&BigRational::one(), &whole(2)).ok_or(OracleError::Unsupported("half of nothing"))?;
        let required = size.times(&half).plus(&Votes::exactly(one));
        Ok(tally >= required)
    }

    /// `each bloc in favour by COMPARATOR PROPORTION of its BASE` (or `the ID bloc …`): "in
    /// every bloc, the weight in favour among the bloc's eligible members" against the
    /// proportion of the bloc's own base. Bloc conditions count the members' own votes only.
    fn bloc(
        &self,
        blocs: BlocSelection,
        comparator: Comparator,
        proportion: &Proportion,
        base: &Base,
    ) -> Result<bool, OracleError> {
        if base.kind.is_some() {
            return Err(OracleError::Unsupported("a bloc condition whose base names a kind"));
        }
        let selected: Vec<&crate::model::Bloc> = match blocs {
            BlocSelection::Each => self.agreement.blocs.iter().collect(),
            BlocSelection::One(id) => {
                vec![self.agreement.bloc(id).ok_or(OracleError::Unsupported("a bloc the agreement does not have"))?]
            }
        };
        if selected.is_empty() {
            return Err(OracleError::Unsupported("`each bloc` in an agreement with no blocs"));
        }
        let p = fraction(proportion)?;
        let mut held = Vec::new();
        for bloc in selected {
            let members: Vec<MemberId> =
                bloc.members.iter().copied().filter(|m| self.electorate.is_eligible(*m)).collect();
            let tally = Votes::exactly(self.sum(&members, base.unit, |b| b == Ballot::InFavour));
            let size = Votes::exactly(self.sum(&members, base.unit, |b| b.is_in(base.scope)));
            held.push(proportion_holds(&tally, comparator, &p, &size));
        }
        Ok(held.into_iter().all(|h| h))
    }
}

/// A proportion as an exact fraction.
pub(super) fn fraction(proportion: &Proportion) -> Result<BigRational, OracleError> {
    ratio(&rational(proportion.numerator), &rational(proportion.denominator))
        .ok_or(OracleError::Unsupported("a proportion with a zero denominator"))
}

/// T compared with P×B. "If the base is empty (nobody eligible of that kind, or nobody cast a
/// vote), `at least` and `more than` conditions do not hold, and `at most` and `fewer than`
/// conditions do: nothing can be measured, so nothing is carried."
pub(super) fn proportion_holds(tally: &Votes, comparator: Comparator, p: &BigRational, base: &Votes) -> bool {
    if base.is_empty() {
        return matches!(comparator, Comparator::AtMost | Comparator::LessThan);
    }
    compare(tally, comparator, &base.times(p))
}

/// `left COMPARATOR right`, exactly.
fn compare(left: &Votes, comparator: Comparator, right: &Votes) -> bool {
    match comparator {
        Comparator::AtLeast => left >= right,
        Comparator::MoreThan => left > right,
        Comparator::AtMost => left <= right,
        Comparator::LessThan => left < right,
    }
}

/// Where a bloc stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stand {
    InFavour,
    Against,
    Neither,
}
