//! Everything one evaluation needs, worked out once: the electorate's weights (restated in
//! smallest whole terms when shares are reserved), the ballots, and the tallies each condition,
//! veto and quorum counts from them.

use rust_decimal::Decimal;

use super::evaluator::{EvalError, Evaluator};
use super::tally::{self, Ballot, Tally};
use super::*;
use crate::model::inputs::{Proposal, Voter};
use crate::model::{Agreement, Bloc, Decision, KindId, MemberId, Unit, VoteChoice};
use crate::results::terms::Term;
use crate::span::{line_col, Span};
use crate::weights::{self, Ineligibility};

/// Which members a condition counts.
#[derive(Clone, Copy)]
pub(super) enum Filter<'a> {
    All,
    Kind(KindId),
    Bloc(&'a Bloc),
}

/// Everything one evaluation needs, computed once.
pub(super) struct Context<'a> {
    pub(super) evaluator: &'a Evaluator<'a>,
    pub(super) agreement: &'a Agreement,
    pub(super) decision: &'a Decision,
    /// Per member (indexed by id): why it does not vote, if it does not.
    pub(super) ineligible: Vec<Option<Ineligibility>>,
    /// Per member: its weight (zero when it does not vote), restated when shares are reserved.
    pub(super) weights: Vec<Decimal>,
    /// The same weights as whole numbers, when every one is whole (then tallies add integers).
    pub(super) whole_weights: Option<Vec<i64>>,
    /// Per member: how it voted.
    pub(super) ballots: Vec<Ballot>,
    pub(super) total: Decimal,
    pub(super) one_vote: Decimal,
    pub(super) restated: bool,
    /// Per member: who cast its vote in its place, if someone did.
    pub(super) cast_in_place: Vec<Option<super::CastInPlace>>,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        evaluator: &'a Evaluator<'a>,
        decision: &'a Decision,
        proposal: &Proposal,
    ) -> Result<Context<'a>, EvalError> {
        let agreement = evaluator.agreement;
        let electorate = weights::electorate(agreement, decision, Some(proposal))?;
        let mut weights: Vec<Decimal> = electorate.voters.iter().map(|v| v.weight).collect();
        let mut total = electorate.total;
        let mut one_vote = electorate.one_vote;
        let mut restated = false;
        // Reserved shares make weights on a large common scale; restate them in smallest whole
        // terms so that the report reads "27 of 40" rather than "10,800 of 16,000". Dividing
        // every weight by a common divisor is exact and keeps every proportion.
        if !agreement.voting.reserved.is_empty() {
            let nonzero = weights.iter().copied().filter(|w| !w.is_zero());
            if let Some(divisor) = tally::common_divisor(nonzero).filter(|d| *d != Decimal::ONE) {
                // A tiny divisor (a reserved share of 0.000…1%) can make the quotients too large
                // to hold; then the weights stay as they are, which is just as exact.
                let divide = |w: Decimal| {
                    tally::divide_exactly(w, divisor).or_else(|| w.checked_div(divisor).map(|q| q.normalize()))
                };
                let restated_weights: Option<Vec<Decimal>> = weights.iter().map(|w| divide(*w)).collect();
                if let (Some(restated_weights), Some(restated_total)) = (restated_weights, divide(total)) {
                    // BOUND: dividing by 100 only makes a decimal smaller; it cannot overflow.
                    #[allow(clippy::arithmetic_side_effects)]
                    let restated_one_vote = restated_total / Decimal::ONE_HUNDRED;
                    weights = restated_weights;
                    total = restated_total;
                    one_vote = restated_one_vote;
                    restated = true;
                }
            }
        }
        // Every tally adds up the weights of some members, each at most once. A weight is below
        // zero only when reserved shares add up to more than 100% (an agreement the checker
        // refuses, but which the library may still be given): then the total can fit while the
        // weights above zero, added up, do not. So the weights above zero and those below zero
        // are each added up here; any tally lies between those two sums, so it fits too.
        let too_large = || EvalError::TooLarge { decision: decision.name.clone(), at: decision.span.into() };
        let (mut above, mut below) = (Decimal::ZERO, Decimal::ZERO);
        for weight in &weights {
            let side = if weight.is_sign_negative() { &mut below } else { &mut above };
            *side = side.checked_add(*weight).ok_or_else(too_large)?;
        }
        // Whole, non-negative weights whose sum fits a decimal: then every tally (a part of that
        // sum) fits too, and tallies can add integers.
        let whole_weights: Option<Vec<i64>> = weights
            .iter()
            .map(|w| {
                let w = w.normalize();
                if w.scale() == 0 && !w.is_sign_negative() {
                    i64::try_from(w.mantissa()).ok()
                } else {
                    None
                }
            })
            .collect::<Option<Vec<i64>>>()
            .filter(|ws| Decimal::try_from_i128_with_scale(ws.iter().map(|w| i128::from(*w)).sum(), 0).is_ok());
        let mut ballots = vec![Ballot::Absent; agreement.members.len()];
        for vote in &proposal.votes {
            if let Voter::Known(id) = vote.voter {
                if let Some(slot) = ballots.get_mut(id.index()) {
                    *slot = match vote.choice {
                        VoteChoice::InFavour => Ballot::InFavour,
                        VoteChoice::Against => Ballot::Against,
                        VoteChoice::Abstaining => Ballot::Abstaining,
                    };
                }
            }
        }
        // Votes lodged in advance within the decision's limits are the members' votes (step 3).
        super::lodged::add_lodged(decision, proposal, &mut ballots);
        let cast_in_place = super::stand_ins::cast_in_place(
            agreement,
            proposal,
            &mut ballots,
            |m| evaluator.keys.get(m.index()).cloned().unwrap_or_else(|| Name::from("")),
            |s| evaluator.place(s),
        );
        Ok(Context {
            cast_in_place,
            evaluator,
            agreement,
            decision,
            ineligible: electorate.voters.into_iter().map(|v| v.ineligible).collect(),
            weights,
            whole_weights,
            ballots,
            total,
            one_vote,
            restated,
        })
    }

    pub(super) fn place(&self, span: Span) -> Place {
        self.evaluator.place(span)
    }

    pub(super) fn eligible(&self, member: MemberId) -> bool {
        matches!(self.ineligible.get(member.index()), Some(None))
    }

    pub(super) fn ballot(&self, member: MemberId) -> Ballot {
        self.ballots.get(member.index()).copied().unwrap_or(Ballot::Absent)
    }

    pub(super) fn weight(&self, member: MemberId) -> Decimal {
        self.weights.get(member.index()).copied().unwrap_or(Decimal::ZERO)
    }

    pub(super) fn key(&self, member: MemberId) -> Name {
        self.evaluator.keys.get(member.index()).cloned().unwrap_or_else(|| Name::from(""))
    }

    pub(super) fn kind_name(&self, kind: KindId) -> String {
        self.agreement.kind(kind).map_or_else(String::new, |k| k.name.clone())
    }

    pub(super) fn kind_key(&self, kind: KindId) -> Name {
        self.evaluator.kinds.get(kind.index()).cloned().unwrap_or_else(|| Name::from(""))
    }

    pub(super) fn bloc_names(&self, bloc: &Bloc) -> (Name, Name) {
        self.evaluator.blocs.get(bloc.id.index()).cloned().unwrap_or_else(|| (Name::from(""), Name::from("")))
    }

    /// Votes that make the proposal invalid: from names the agreement does not have (step 3).
    /// A vote from a member who is not eligible is not a problem: it is disregarded, and its
    /// standing says so.
    pub(super) fn vote_problems(&self, proposal: &Proposal, source: &str) -> Vec<Invalidity> {
        let line_of = |vote: &crate::model::inputs::Vote| line_col(source, vote.span.start).0;
        proposal
            .votes
            .iter()
            .filter_map(|vote| match &vote.voter {
                Voter::Unknown(key) => Some(Invalidity::UnknownMemberVoted {
                    member: key.clone(),
                    line: line_of(vote),
                    nearest: self.agreement.nearest_member(key).map(str::to_string),
                }),
                Voter::Known(_) => None,
            })
            .collect()
    }

    pub(super) fn voting_summary(&self) -> VotingSummary {
        let scheme = Term(self.agreement.scheme_for(self.decision).node.clone());
        let reserved = self
            .agreement
            .voting
            .reserved
            .iter()
            .map(|r| ReservedSummary { kind: self.kind_name(r.kind.node), percent: r.share.node.0 })
            .collect();
        VotingSummary { scheme, reserved, total: self.total, one_vote: self.one_vote, restated: self.restated }
    }

    pub(super) fn not_voting(&self, member: MemberId) -> Option<NotVoting> {
        let why = self.ineligible.get(member.index())?.as_ref()?;
        let voted = self.ballot(member) != Ballot::Absent;
        Some(match why {
            Ineligibility::Observer { role } => NotVoting {
                reason: NotVotingReason::Observer,
                clause: self.place(*role),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Excluded { clause } => NotVoting {
                reason: NotVotingReason::Excluded,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::NotOfVotingKind { clause } => NotVoting {
                reason: NotVotingReason::NotOfVotingKind,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Gains { clause, gain, limit } => NotVoting {
                reason: NotVotingReason::Gains,
                clause: self.place(*clause),
                gain: Some(*gain),
                limit: Some(*limit),
                vote_disregarded: voted,
            },
            Ineligibility::OptedOut { clause, .. } => NotVoting {
                reason: NotVotingReason::OptedOut,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Conflicted { clause } => NotVoting {
                reason: NotVotingReason::Conflicted,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Reserved { clause } => NotVoting {
                reason: NotVotingReason::Reserved,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Concerned { clause, .. } => NotVoting {
                reason: NotVotingReason::Concerned,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
        })
    }

    pub(super) fn reason(&self, member: MemberId) -> Option<NotVotingReason> {
        Some(match self.ineligible.get(member.index())?.as_ref()? {
            Ineligibility::Observer { .. } => NotVotingReason::Observer,
            Ineligibility::Excluded { .. } => NotVotingReason::Excluded,
            Ineligibility::NotOfVotingKind { .. } => NotVotingReason::NotOfVotingKind,
            Ineligibility::Gains { .. } => NotVotingReason::Gains,
            Ineligibility::Concerned { .. } => NotVotingReason::Concerned,
            Ineligibility::OptedOut { .. } => NotVotingReason::OptedOut,
            Ineligibility::Conflicted { .. } => NotVotingReason::Conflicted,
            Ineligibility::Reserved { .. } => NotVotingReason::Reserved,
        })
    }

    pub(super) fn standings(&self) -> Vec<Standing> {
        self.agreement
            .members
            .iter()
            .map(|m| {
                let weight = self.weight(m.id);
                let eligible = self.eligible(m.id);
                let member = self.key(m.id);
                let name = self.evaluator.names.get(m.id.index()).cloned().unwrap_or_else(|| Name::from(""));
                Standing {
                    id: m.id,
                    member,
                    name,
                    vote: self.ballot(m.id),
                    eligible,
                    not_voting: self.not_voting(m.id).map(Box::new),
                    weight,
                    share: None,
                    share_percent: None,
                    cast_in_place: self.cast_in_place.get(m.id.index()).cloned().flatten().map(Box::new),
                }
            })
            .collect()
    }

    /// Counts the eligible members a filter selects, by ballot, in votes or heads; and lists
    /// the members it selects who do not vote.
    // BOUND: each member is counted at most once (a bloc lists a member once). Heads are at most
    // the number of members, which the loader holds to 10,000. Whole weights are zero or more and
    // their sum fits a decimal (checked in `Context::new`), so a part of that sum fits an `i128`.
    // Other weights: any sum of some of them lies between the sum of those below zero and the
    // sum of those above, and `Context::new` checks that both fit.
    #[allow(clippy::arithmetic_side_effects)]
    pub(super) fn tally(&self, filter: Filter<'_>, unit: Unit) -> (Tally, Vec<NotCounted>) {
        // Heads are counted in integers and weights summed as decimals, by ballot.
        let mut heads = [0u32; 4];
        let mut whole = [0i128; 4];
        let mut weights = [Decimal::ZERO; 4];
        let mut not_counted = Vec::new();
        let mut count = |member: MemberId| match self.ineligible.get(member.index()) {
            Some(None) => {
                let slot = match self.ballot(member) {
                    Ballot::InFavour => 0,
                    Ballot::Against => 1,
                    Ballot::Abstaining => 2,
                    Ballot::Absent => 3,
                };
                match unit {
                    Unit::Members => {
                        if let Some(h) = heads.get_mut(slot) {
                            *h += 1;
                        }
                    }
                    Unit::Votes => match &self.whole_weights {
                        Some(ws) => {
                            if let Some(w) = whole.get_mut(slot) {
                                *w += i128::from(ws.get(member.index()).copied().unwrap_or(0));
                            }
                        }
                        None => {
                            if let Some(w) = weights.get_mut(slot) {
                                *w += self.weight(member);
                            }
                        }
                    },
                }
            }
            _ => {
                if let Some(reason) = self.reason(member) {
                    not_counted.push(NotCounted { member: self.key(member), reason });
                }
            }
        };
        match filter {
            Filter::All => self.agreement.members.iter().for_each(|m| count(m.id)),
            Filter::Kind(kind) => {
                self.agreement.members.iter().filter(|m| m.is_of_kind(kind)).for_each(|m| count(m.id))
            }
            Filter::Bloc(bloc) => bloc.members.iter().for_each(|m| count(*m)),
        }
        // Whole-number sums are parts of a total that fits a decimal (checked when the weights
        // were made whole), so they always convert back.
        let [in_favour, against, abstaining, absent] = match (unit, &self.whole_weights) {
            (Unit::Members, _) => heads.map(Decimal::from),
            (Unit::Votes, Some(_)) => whole.map(|w| Decimal::try_from_i128_with_scale(w, 0).unwrap_or(Decimal::ZERO)),
            (Unit::Votes, None) => weights,
        };
        (Tally { in_favour, against, abstaining, absent }, not_counted)
    }

    pub(super) fn filter(kind: Option<KindId>) -> Filter<'static> {
        kind.map_or(Filter::All, Filter::Kind)
    }
}
