//! Vetoes, ties, casting votes and escalation routes.
//!
//! In: the evaluation's [`Context`] and the proposal. Out: each veto clause with every possible
//! holder and whether it used its veto; the tie check with the casting vote; the deadlock and
//! where it goes.

use rust_decimal::Decimal;

use super::decision::{Context, Filter};
use super::tally::{Ballot, TooLarge};
use super::{
    CastingSource, CastingUnused, CastingVote, Deadlock, DeadlockCause, EscalationStep, TieResult, VetoHolderResult,
    VetoInapplicable, VetoResult,
};
use crate::model::inputs::Proposal;
use crate::model::{Bloc, BlocSelection, EscalationTrigger, MemberId, Scope, Unit, VetoHolder, VoteChoice};
use crate::span::Spanned;

impl<'a> Context<'a> {
    pub(super) fn vetoes(&self, proposal: &Proposal) -> Result<Vec<VetoResult>, TooLarge> {
        let at_risk = |member: MemberId| proposal.duties_at_risk.iter().any(|d| d.node == member);
        let mut out = Vec::new();
        for veto in &self.decision.vetoes {
            let mut holders = Vec::new();
            match &veto.holder {
                VetoHolder::Member(member) => holders.push(self.member_veto(*member, veto.statutory_only, &at_risk)),
                VetoHolder::AnyMember(kind) => {
                    for m in self.agreement.members.iter().filter(|m| kind.is_none_or(|k| m.is_of_kind(k))) {
                        holders.push(self.member_veto(m.id, veto.statutory_only, &at_risk));
                    }
                }
                VetoHolder::Bloc(selection) => {
                    let blocs: Vec<&Bloc> = match selection {
                        BlocSelection::Each => self.agreement.blocs.iter().collect(),
                        BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                    };
                    for bloc in blocs {
                        holders.push(self.bloc_veto(bloc, veto.statutory_only, &at_risk)?);
                    }
                }
            }
            let exercised_by = holders.iter().filter(|h| h.exercised).map(|h| h.holder.clone()).collect();
            out.push(VetoResult {
                place: self.place(veto.span),
                statutory_only: veto.statutory_only,
                holders,
                exercised_by,
            });
        }
        Ok(out)
    }

    fn member_veto(&self, member: MemberId, statutory: bool, at_risk: &dyn Fn(MemberId) -> bool) -> VetoHolderResult {
        let vote = self.ballot(member);
        let not_applicable = if !self.eligible(member) {
            Some(VetoInapplicable::NotEligible)
        } else if statutory && !at_risk(member) {
            Some(VetoInapplicable::DutiesNotAtRisk)
        } else {
            None
        };
        VetoHolderResult {
            holder: self.key(member),
            bloc: false,
            applies: not_applicable.is_none(),
            exercised: not_applicable.is_none() && vote == Ballot::Against,
            not_applicable,
            vote: Some(vote),
            tally: None,
        }
    }

    fn bloc_veto(
        &self,
        bloc: &Bloc,
        statutory: bool,
        at_risk: &dyn Fn(MemberId) -> bool,
    ) -> Result<VetoHolderResult, TooLarge> {
        let (tally, _) = self.tally(Filter::Bloc(bloc), Unit::Votes);
        let has_voter = bloc.members.iter().any(|m| self.eligible(*m));
        let not_applicable = if !has_voter {
            Some(VetoInapplicable::NoEligibleMember)
        } else if statutory && !bloc.members.iter().any(|m| at_risk(*m)) {
            Some(VetoInapplicable::DutiesNotAtRisk)
        } else {
            None
        };
        // More than half of the bloc's votes cast against: 2 × against > for + against.
        let twice_against = tally.against.checked_mul(Decimal::TWO).ok_or(TooLarge)?;
        let exercised = not_applicable.is_none() && twice_against > tally.base(Scope::Cast);
        Ok(VetoHolderResult {
            holder: self.bloc_names(bloc).0,
            bloc: true,
            applies: not_applicable.is_none(),
            not_applicable,
            vote: None,
            tally: Some(tally),
            exercised,
        })
    }

    /// The tie check: the rule did not hold, someone voted for or against, and the eligible
    /// weight in favour equals the weight against.
    pub(super) fn tie(&self, proposal: &Proposal) -> TieResult {
        let (tally, _) = self.tally(Filter::All, Unit::Votes);
        let votes_cast = self
            .agreement
            .members
            .iter()
            .any(|m| self.eligible(m.id) && matches!(self.ballot(m.id), Ballot::InFavour | Ballot::Against));
        let tied = votes_cast && tally.in_favour == tally.against;
        let casting_vote = match (tied, self.decision.casting_vote) {
            (true, Some(holder)) => Some(self.casting(holder, proposal)),
            _ => None,
        };
        TieResult { in_favour: tally.in_favour, against: tally.against, votes_cast, tied, casting_vote }
    }

    fn casting(&self, holder: Spanned<MemberId>, proposal: &Proposal) -> CastingVote {
        let mut vote = CastingVote {
            member: self.key(holder.node),
            clause: self.place(holder.span),
            cast: None,
            from: None,
            unused: None,
        };
        if !self.eligible(holder.node) {
            vote.unused = Some(CastingUnused::NotEligible);
            return vote;
        }
        let line = proposal.casting_vote.and_then(|c| match c.node {
            VoteChoice::InFavour => Some(Ballot::InFavour),
            VoteChoice::Against => Some(Ballot::Against),
            VoteChoice::Abstaining => None,
        });
        let own = Some(self.ballot(holder.node)).filter(|b| matches!(b, Ballot::InFavour | Ballot::Against));
        match (line, own) {
            (Some(cast), _) => {
                vote.cast = Some(cast);
                vote.from = Some(CastingSource::Proposal);
            }
            (None, Some(cast)) => {
                vote.cast = Some(cast);
                vote.from = Some(CastingSource::OwnVote);
            }
            (None, None) => vote.unused = Some(CastingUnused::NoDirection),
        }
        vote
    }

    pub(super) fn route(&self, trigger: EscalationTrigger) -> Option<&'a crate::model::Escalation> {
        self.decision.escalations.iter().find(|e| e.trigger == trigger)
    }

    pub(super) fn escalated(&self, cause: DeadlockCause, route: &crate::model::Escalation) -> Deadlock {
        let mut steps =
            route.steps.iter().map(|(body, within)| EscalationStep::new(&body.node, within.map(|w| w.node)));
        let first = steps.next();
        Deadlock { because: cause, escalated_to: first, then: steps.collect(), clause: Some(self.place(route.span)) }
    }
}
