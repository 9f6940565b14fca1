//! Vetoes, ties, casting votes and escalation routes.
//!
//! In: the evaluation's [`Context`] and the proposal. Out: each veto clause with every possible
//! holder and whether it used its veto; the tie check with the casting vote; the deadlock and
//! where it goes.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::context::{Context, Filter};
use super::tally::{Ballot, Relation, TooLarge};
use super::{
    CastingSource, CastingUnused, CastingVote, Combination, ConditionKind, ConditionResult, Deadlock, DeadlockCause,
    EscalationStep, HeldOffice, RuleResult, TieResult, VetoHolderResult, VetoInapplicable, VetoResult,
};
use crate::model::inputs::Proposal;
use crate::model::{Bloc, BlocSelection, EscalationTrigger, MemberId, Scope, Side, Unit, VetoHolder, VoteChoice};
use crate::span::Spanned;

impl<'a> Context<'a> {
    pub(super) fn vetoes(&self, proposal: &Proposal) -> Result<Vec<VetoResult>, TooLarge> {
        let mut out = Vec::new();
        for veto in &self.decision.vetoes {
            // A veto that depends on the proposal: the holder's statutory duties at risk, or a
            // loss the proposal says the holder bears (`lbh loses £…`).
            let condition = veto_condition(veto, proposal);
            let condition = condition.as_ref().map(|(why, f)| (*why, f as &dyn Fn(MemberId) -> bool));
            let mut holders = Vec::new();
            match &veto.holder {
                VetoHolder::Member(member) => holders.push(self.member_veto(*member, condition)),
                VetoHolder::AnyMember(kind) => {
                    for m in self.agreement.members.iter().filter(|m| kind.is_none_or(|k| m.is_of_kind(k))) {
                        holders.push(self.member_veto(m.id, condition));
                    }
                }
                VetoHolder::Bloc(selection) => {
                    let blocs: Vec<&Bloc> = match selection {
                        BlocSelection::Each => self.agreement.blocs.iter().collect(),
                        BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                    };
                    for bloc in blocs {
                        holders.push(self.bloc_veto(bloc, condition)?);
                    }
                }
            }
            let exercised_by = holders.iter().filter(|h| h.exercised).map(|h| h.holder.clone()).collect();
            out.push(VetoResult {
                place: self.place(veto.span),
                statutory_only: veto.statutory_only,
                on_loss: veto.on_loss,
                holders,
                exercised_by,
            });
        }
        Ok(out)
    }

    fn member_veto(
        &self,
        member: MemberId,
        condition: Option<(VetoInapplicable, &dyn Fn(MemberId) -> bool)>,
    ) -> VetoHolderResult {
        let vote = self.ballot(member);
        let not_applicable = if !self.eligible(member) {
            Some(VetoInapplicable::NotEligible)
        } else {
            condition.and_then(|(why, applies)| (!applies(member)).then_some(why))
        };
        VetoHolderResult {
            holder: self.key(member),
            bloc: false,
            applies: not_applicable.is_none(),
            exercised: not_applicable.is_none() && vote == Ballot::Against,
            not_applicable,
            vote: Some(vote),
            tally: None,
            position: None,
        }
    }

    fn bloc_veto(
        &self,
        bloc: &Bloc,
        condition: Option<(VetoInapplicable, &dyn Fn(MemberId) -> bool)>,
    ) -> Result<VetoHolderResult, TooLarge> {
        let (tally, _) = self.tally(Filter::Bloc(bloc), Unit::Votes);
        let has_voter = bloc.members.iter().any(|m| self.eligible(*m));
        let not_applicable = if !has_voter {
            Some(VetoInapplicable::NoEligibleMember)
        } else {
            condition.and_then(|(why, applies)| (!bloc.members.iter().any(|m| applies(*m))).then_some(why))
        };
        // The bloc's position against, by its own rule and casting vote; by default more than
        // half of its votes cast against: 2 × against > for + against.
        let position = self.bloc_position(bloc)?;
        let twice_against = tally.against.checked_mul(Decimal::TWO).ok_or(TooLarge)?;
        debug_assert!(
            super::blocs::own_terms(bloc)
                || (position.position == super::Position::Against) == (twice_against > tally.base(Scope::Cast))
        );
        let exercised = not_applicable.is_none() && position.position == super::Position::Against;
        Ok(VetoHolderResult {
            position: super::blocs::own_terms(bloc).then_some(position),
            holder: self.bloc_names(bloc).0,
            bloc: true,
            applies: not_applicable.is_none(),
            not_applicable,
            vote: None,
            tally: Some(tally),
            exercised,
        })
    }

    /// The tie check of docs/semantics.md step 7, made when the rule did not hold: whether the
    /// votes tied (someone voted for or against, and the eligible weight in favour equals the
    /// weight against), whether the tie decides the proposal (the rule would hold with the tie
    /// broken in favour), and, when it does, the casting vote.
    pub(super) fn tie(&self, proposal: &Proposal, rule: &RuleResult) -> TieResult {
        let (tally, _) = self.tally(Filter::All, Unit::Votes);
        let votes_cast = self
            .agreement
            .members
            .iter()
            .any(|m| self.eligible(m.id) && matches!(self.ballot(m.id), Ballot::InFavour | Ballot::Against));
        // A tie needs some weight cast: members who weigh nothing cannot tie a vote.
        let tied = votes_cast && !tally.in_favour.is_zero() && tally.in_favour == tally.against;
        let (decides, tipped) = if tied { tipped(rule) } else { (false, Vec::new()) };
        let casting_vote =
            match (decides, crate::model::offices::casting_holder(self.agreement, self.decision, proposal)) {
                (true, Some(holder)) => Some(self.casting(holder, proposal)),
                _ => None,
            };
        TieResult {
            in_favour: tally.in_favour,
            against: tally.against,
            votes_cast,
            tied,
            decides,
            tipped,
            casting_vote,
        }
    }

    fn casting(&self, holder: Spanned<MemberId>, proposal: &Proposal) -> CastingVote {
        let mut vote = CastingVote {
            member: self.key(holder.node),
            clause: self.place(holder.span),
            cast: None,
            from: None,
            unused: None,
            presiding: self.decision.casting_vote.is_none() && self.decision.casting_presiding.is_some(),
            office: crate::model::chairs::seat(self.agreement, self.decision, proposal).map(|seat| HeldOffice {
                office: self.agreement.offices.get(seat.office.0 as usize).map_or_else(String::new, |o| o.name.clone()),
                on: seat.on,
                clause: self.place(seat.term),
                presided: seat.presided,
            }),
        };
        if !self.eligible(holder.node) {
            vote.unused = Some(CastingUnused::NotEligible);
            return vote;
        }
        // An absent member casts no vote, casting or other, whatever the proposal says.
        if self.ballot(holder.node) == Ballot::Absent {
            vote.unused = Some(CastingUnused::Absent);
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
        Deadlock {
            because: cause,
            escalated_to: first,
            then: steps.collect(),
            clause: Some(self.place(route.span)),
            default: None,
        }
    }
}

/// The rule judged in the tipped reading of docs/semantics.md: with the tie broken in favour by
/// a vote of vanishing size (ε), counted on `in favour` (and `present`) and in every base, in the
/// conditions that measure a proportion of the whole electorate. Only a comparison that stood
/// exactly level can change: `left − right` becomes `k·ε`, whose sign is that of `k`. Every
/// other condition keeps the result it had on the members' own votes. Returns whether the rule
/// holds so judged, and the numbers of the conditions that tipped.
pub(super) fn tipped(rule: &RuleResult) -> (bool, Vec<usize>) {
    let mut changed = Vec::new();
    let held: Vec<bool> = rule
        .conditions
        .iter()
        .map(|c| match tip(c) {
            Some(now) => {
                if now != c.held {
                    changed.push(c.number);
                }
                now
            }
            None => c.held,
        })
        .collect();
    (combined(&rule.combination, &held), changed)
}

/// How one condition is judged with the tie broken in favour, when the casting vote counts in
/// it and its comparison stood exactly level; `None` when the casting vote changes nothing.
fn tip(c: &ConditionResult) -> Option<bool> {
    let m = c.measure.as_ref()?;
    if m.kind.is_some() || !matches!(c.kind, ConditionKind::Threshold | ConditionKind::HalfPlusOne) {
        return None;
    }
    let comparison = m.requirement.comparison;
    if comparison.left != comparison.right {
        return None;
    }
    let on_side = matches!(m.side, Side::InFavour | Side::Present | Side::Voting);
    // `left − right` gains k·ε: for `P of BASE`, left = T·den and right = num·B, so k is
    // den − num on the casting vote's side and −num elsewhere; for `half … plus one`, left = 2T
    // and right = B + 2·one, so k is 2 − 1 on its side and −1 elsewhere.
    let k = match (&m.requirement.proportion, on_side) {
        (Some(p), true) => p.denominator.cmp(&p.numerator),
        (Some(p), false) => Decimal::ZERO.cmp(&p.numerator),
        (None, true) => Ordering::Greater,
        (None, false) => Ordering::Less,
    };
    Some(match (k, m.requirement.relation) {
        (Ordering::Greater, Relation::AtLeast | Relation::MoreThan) => true,
        (Ordering::Greater, _) => false,
        (Ordering::Less, Relation::AtMost | Relation::FewerThan) => true,
        (Ordering::Less, _) => false,
        (Ordering::Equal, relation) => relation.holds(Decimal::ZERO, Decimal::ZERO),
    })
}

/// Whether a combination holds with each condition's result (by number, from 1) given.
fn combined(combination: &Combination, held: &[bool]) -> bool {
    match combination {
        Combination::Condition { number, .. } => held.get(number.wrapping_sub(1)).copied().unwrap_or(false),
        Combination::All { parts, .. } => parts.iter().all(|p| combined(p, held)),
        Combination::Any { parts, .. } => parts.iter().any(|p| combined(p, held)),
    }
}

/// When a veto depends on the proposal, why it may not apply and to whom it applies: a
/// statutory veto to a holder whose duties the proposal puts at risk, a veto on a loss to a
/// holder the proposal says loses by it (`lbh loses £…`, or a percentage of its budget; a loss of
/// nothing is no loss). `None` for a veto that always applies.
fn veto_condition<'p>(
    veto: &crate::model::Veto,
    proposal: &'p Proposal,
) -> Option<(VetoInapplicable, impl Fn(MemberId) -> bool + 'p)> {
    use crate::model::inputs::RevenueChange;
    if !veto.statutory_only && !veto.on_loss {
        return None;
    }
    let (statutory, on_loss) = (veto.statutory_only, veto.on_loss);
    let why = if statutory { VetoInapplicable::DutiesNotAtRisk } else { VetoInapplicable::NoLoss };
    Some((why, move |member: MemberId| {
        let at_risk = proposal.duties_at_risk.iter().any(|d| d.node == member);
        let loses = proposal.revenue.get(&member).is_some_and(|c| match c.node {
            RevenueChange::Amount(m) => m.0.is_sign_negative() && !m.0.is_zero(),
            RevenueChange::PercentOfBudget(p) => p.0.is_sign_negative() && !p.0.is_zero(),
        });
        (!statutory || at_risk) && (!on_loss || loses)
    }))
}
