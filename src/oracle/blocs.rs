//! A bloc's position, read naively from docs/semantics.md (steps 5 and 6) and language
//! reference §8: "a side carries the bloc when it meets the bloc's rule … on a tie within the
//! bloc, the casting vote is one more vote of vanishing size on the holder's side, in the bloc's
//! base too".

use super::conditions::{fraction, proportion_holds, Stand};
use super::exact::Votes;
use super::{Ballot, Meeting, OracleError};
use crate::model::{Bloc, MemberId};

impl Meeting<'_> {
    /// The bloc's position on the proposal.
    pub(super) fn bloc_stand(&self, bloc: &Bloc) -> Result<Stand, OracleError> {
        let (comparator, proportion, base) = bloc.rule();
        let p = fraction(&proportion)?;
        let eligible: Vec<MemberId> =
            bloc.members.iter().copied().filter(|m| self.electorate.is_eligible(*m)).collect();
        if eligible.is_empty() {
            return Ok(Stand::Neither);
        }
        let on = |ballot: Ballot| Votes::exactly(self.sum(&eligible, base.unit, |b| b == ballot));
        let size = Votes::exactly(self.sum(&eligible, base.unit, |b| b.is_in(base.scope)));
        let (in_favour, against) = (on(Ballot::InFavour), on(Ballot::Against));
        if proportion_holds(&in_favour, comparator, &p, &size) {
            return Ok(Stand::InFavour);
        }
        if proportion_holds(&against, comparator, &p, &size) {
            return Ok(Stand::Against);
        }
        // A tie within the bloc: some weight cast, as much for as against.
        let tied = !in_favour.is_empty() && in_favour == against;
        let Some(holder) = bloc.casting_vote.as_ref().map(|h| h.node) else { return Ok(Stand::Neither) };
        if !tied || !eligible.contains(&holder) {
            return Ok(Stand::Neither);
        }
        let with_casting = size.plus(&Votes::casting_vote());
        Ok(match self.ballot(holder) {
            Ballot::InFavour
                if proportion_holds(&in_favour.plus(&Votes::casting_vote()), comparator, &p, &with_casting) =>
            {
                Stand::InFavour
            }
            Ballot::Against
                if proportion_holds(&against.plus(&Votes::casting_vote()), comparator, &p, &with_casting) =>
            {
                Stand::Against
            }
            _ => Stand::Neither,
        })
    }
}
