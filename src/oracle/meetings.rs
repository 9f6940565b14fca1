//! Meetings (issue 21), read afresh from docs/semantics.md:
//! - step 1a: "If the decision may be taken only after the member concerned has missed every
//!   meeting for a period, the period runs out on the day the period after `last attended on`
//!   comes to; decided before that day, *invalid (the member has not missed meetings for long
//!   enough)*. If the decision says what excuses the absence and the proposal says every part of
//!   it is so, *invalid (the absence was excused)*."
//! - step 4: "A quorum of members attending, voting or not, counts the eligible members who
//!   voted in person or by substitute, and the members listed as attending without a vote, each
//!   once."

use std::collections::{BTreeMap, BTreeSet};

use super::procedure::{after, day_number};
use super::weights::Electorate;
use super::{Ballot, InvalidReason};
use crate::model::inputs::Proposal;
use crate::model::offices::Agent;
use crate::model::VoteChoice;
use crate::model::{Decision, MemberId};

/// Step 1a's reasons of this family, the missed meetings first.
pub(super) fn standing(decision: &Decision, proposal: &Proposal) -> Option<InvalidReason> {
    let m = &decision.meetings;
    let absence = m.absence?;
    let facts = &proposal.attendance;
    let (Some(last), Some(decided)) = (facts.last_attended, proposal.date) else { return None };
    proposal.concerning?;
    if let Some(runs_out) = after(last.node, absence.period) {
        if day_number(decided.node) < runs_out {
            return Some(InvalidReason::AbsenceTooShort);
        }
    } else {
        return Some(InvalidReason::AbsenceTooShort);
    }
    let excuse = m.excuse?;
    let cause = !excuse.reasonable_cause || facts.reasonable_cause.map(|c| c.node)?;
    let future = !excuse.future_attendance || facts.future_attendance.map(|f| f.node)?;
    (cause && future).then_some(InvalidReason::AbsenceExcused)
}

/// Step 4's quorum of members attending: whether it holds (true when the decision has none).
pub(super) fn attendance_holds(decision: &Decision, proposal: &Proposal, ballots: &BTreeMap<MemberId, Ballot>) -> bool {
    let Some(q) = decision.meetings.attendance_quorum else { return true };
    let mut there: BTreeSet<MemberId> = BTreeSet::new();
    for (member, ballot) in ballots {
        let by_proxy = proposal.cast_by.iter().any(|c| c.member == *member && matches!(c.agent, Agent::Proxy(_)));
        if *ballot != Ballot::Absent && !by_proxy {
            there.insert(*member);
        }
    }
    there.extend(proposal.attendance.without_a_vote.iter().map(|m| m.node));
    u32::try_from(there.len()).unwrap_or(u32::MAX) >= q.at_least
}

/// Step 3's votes lodged in advance: "a vote lodged in advance by an eligible member that did
/// not vote at the meeting is its vote when the decision allows lodging and the member had
/// lodged fewer times in a row (or this year) than each limit the clause sets; otherwise the
/// member is absent."
pub(super) fn add_lodged(
    decision: &Decision,
    proposal: &Proposal,
    electorate: &Electorate,
    ballots: &mut BTreeMap<MemberId, Ballot>,
) {
    let Some(lodging) = decision.meetings.lodging else { return };
    let facts = &proposal.attendance;
    for lodged in &facts.lodged {
        if !electorate.is_eligible(lodged.member) || ballots.contains_key(&lodged.member) {
            continue;
        }
        let before = facts.lodged_before.iter().find(|b| b.member == lodged.member);
        let in_a_row = match lodging.in_a_row {
            None => true,
            Some(limit) => before.and_then(|b| b.in_a_row).is_some_and(|n| n.node < limit.node),
        };
        let a_year = match lodging.a_year {
            None => true,
            Some(limit) => before.and_then(|b| b.this_year).is_some_and(|n| n.node < limit.node),
        };
        if in_a_row && a_year {
            let ballot = match lodged.choice {
                VoteChoice::InFavour => Ballot::InFavour,
                VoteChoice::Against => Ballot::Against,
                VoteChoice::Abstaining => Ballot::Abstaining,
            };
            ballots.insert(lodged.member, ballot);
        }
    }
}
