//! Votes lodged in advance (docs/semantics.md, step 3): each one within the decision's limits
//! is the member's ballot. Below the context, which starts from these ballots, and the meetings
//! working, which shows each lodged vote.

use super::tally::Ballot;
use crate::model::inputs::Proposal;
use crate::model::meetings::over_limit;
use crate::model::VoteChoice;

pub(super) fn ballot_of(choice: VoteChoice) -> Ballot {
    match choice {
        VoteChoice::InFavour => Ballot::InFavour,
        VoteChoice::Against => Ballot::Against,
        VoteChoice::Abstaining => Ballot::Abstaining,
    }
}

/// (3) Each vote lodged in advance within the decision's limits is the member's ballot; one
/// over a limit, or for a decision that allows none, leaves the member absent.
pub(super) fn add_lodged(decision: &crate::model::Decision, proposal: &Proposal, ballots: &mut [Ballot]) {
    let Some(lodging) = decision.meetings.lodging else { return };
    for l in &proposal.attendance.lodged {
        if over_limit(&lodging, &proposal.attendance, l.member).is_none() {
            if let Some(b) = ballots.get_mut(l.member.index()) {
                if *b == Ballot::Absent {
                    *b = ballot_of(l.choice);
                }
            }
        }
    }
}
