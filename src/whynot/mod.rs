//! What it would take: for a proposal that was not carried, every smallest set of changed votes
//! that would carry it; for one that was carried, every single change of vote that would stop it.
//!
//! In: an [`Evaluator`] (the agreement), a proposal and its evaluation. Out: a [`WhyNot`], with
//! what stood in the way (the conditions that did not hold, the vetoes, the quorum) and the
//! changes. Every candidate is decided by the evaluator itself, so the answer means exactly what
//! `concord eval` means: there is no second reading of the rules here.
//!
//! The search for fixes tries the eligible members who did not vote in favour, in sets of one,
//! then two, and so on, each set changed to `in favour` (an absent member attending and voting
//! in favour; an abstaining or opposing one changing its vote). A set that holds a fix already
//! found is not tried, because it would not be a smallest one; so every fix reported is minimal:
//! no member of it could be left out. The search stops after [`SEARCH_LIMIT`] evaluations and
//! says so (`complete: false`), listing what it found; with at most about a dozen members who
//! could change, it is always complete.

mod attendance;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::eval::{Ballot, Evaluation, Evaluator, Invalidity, Name, OutcomeKind, Place};
use crate::model::inputs::{Proposal, Vote, Voter};
use crate::model::{MemberId, VoteChoice};

/// The most evaluations one question may take (about a second in a debug build).
pub const SEARCH_LIMIT: usize = 20_000;

/// What it would take to change a proposal's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhyNot {
    /// The outcome as voted.
    pub outcome: OutcomeKind,
    /// What kept the proposal from being carried (empty when it was carried).
    pub blocking: Vec<Blocker>,
    /// For a proposal not carried: each smallest set of changes that would carry it, smallest
    /// first, then in the agreement's order of members.
    pub fixes: Vec<Fix>,
    /// For a proposal carried: each single change of one member's vote that would stop it.
    pub pivots: Vec<Pivot>,
    /// Why no change of votes can help, when none can (the vote is invalid for a reason that
    /// is not about the votes).
    pub beyond_votes: Option<Invalidity>,
    /// When the proposal was settled before its votes were counted (docs/semantics.md steps 4a
    /// and 4b: decided out of time, or postponed), so that no change of votes changes it. Added
    /// in 1.4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_the_vote: Option<BeforeTheVote>,
    /// How far the search went.
    pub search: Search,
}

/// What settled a proposal before its votes were counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BeforeTheVote {
    /// It was decided after the last day of the period from the request (step 4a).
    OutOfTime,
    /// Members holding enough of the votes asked for it to be postponed (step 4b).
    Postponed,
    /// A body outside the meeting takes the decision, and no member votes on it (step 1b;
    /// added in 1.5).
    DecidedOutside,
}

/// One thing that kept a proposal from being carried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    /// The meeting was not quorate.
    Quorum { place: Place },
    /// Too few attended, voting or not, for the decision's quorum of those attending (added in
    /// 1.5): members who are not there coming and voting can make it.
    AttendanceQuorum { attending: u32, needed: u32, place: Place },
    /// A condition of the rule did not hold.
    Condition { number: usize, place: Place },
    /// A member or bloc used its veto.
    Veto { by: Name, place: Place },
    /// The votes tied and the tie went against the proposal (or nowhere).
    Tie,
    /// The meeting passed it, and an approval outside the meeting was withheld (added in 1.4):
    /// no change of votes can carry it.
    ApprovalWithheld { by: crate::results::terms::ApproverTerm },
}

/// One member's vote changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The member's identifier.
    pub member: Name,
    /// Its display name.
    pub name: Name,
    /// How it stood.
    pub from: Ballot,
    /// How it would stand.
    pub to: Ballot,
    #[serde(skip)]
    pub id: MemberId,
}

/// A smallest set of changes that would carry the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The changes, in the agreement's order of members.
    pub changes: Vec<Change>,
    /// Whether the proposal would then pass only on a casting vote.
    pub on_casting_vote: bool,
}

/// A single change that would stop a carried proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pivot {
    /// The change.
    pub change: Change,
    /// The outcome it would bring.
    pub outcome: OutcomeKind,
}

/// How far the search went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Search {
    /// Members whose vote the search could change.
    pub candidates: usize,
    /// Evaluations made.
    pub evaluations: usize,
    /// Whether every set was considered (false when [`SEARCH_LIMIT`] stopped it).
    pub complete: bool,
    /// The size of the largest sets considered in full.
    pub sizes_searched: usize,
}

/// What it would take to change the outcome of `proposal`, evaluated as `evaluation`.
pub fn why_not(evaluator: &Evaluator<'_>, proposal: &Proposal, evaluation: &Evaluation, text: &str) -> WhyNot {
    why_not_by(proposal, evaluation, |p| evaluator.evaluate(p, text).ok().map(|e| outcome_of(&e)))
}

/// The outcome and whether a casting vote carried it.
fn outcome_of(e: &Evaluation) -> (OutcomeKind, bool) {
    (e.outcome.result, e.outcome.casting_vote.is_some())
}

/// [`why_not`] with the judge given: `decide` returns the outcome of a changed proposal (and
/// whether a casting vote carried it), or `None` when it cannot be evaluated. Property tests
/// pass the reference evaluator here.
pub fn why_not_by(
    proposal: &Proposal,
    evaluation: &Evaluation,
    mut decide: impl FnMut(&Proposal) -> Option<(OutcomeKind, bool)>,
) -> WhyNot {
    let outcome = evaluation.outcome.result;
    let mut answer = WhyNot {
        outcome,
        blocking: blockers(evaluation),
        fixes: Vec::new(),
        pivots: Vec::new(),
        beyond_votes: beyond_votes(evaluation),
        before_the_vote: before_the_vote(evaluation),
        search: Search { candidates: 0, evaluations: 0, complete: true, sizes_searched: 0 },
    };
    if answer.beyond_votes.is_some() || answer.before_the_vote.is_some() {
        return answer;
    }
    if !evaluation.outcome.withheld_by.is_empty() {
        // The vote carried it: what holds it back is outside the meeting, and no change of
        // votes can carry it (docs/semantics.md step 9).
        answer.blocking =
            evaluation.outcome.withheld_by.iter().map(|by| Blocker::ApprovalWithheld { by: by.clone() }).collect();
        return answer;
    }
    if outcome == OutcomeKind::Passed {
        pivots(proposal, evaluation, &mut decide, &mut answer);
    } else {
        fixes(proposal, evaluation, &mut decide, &mut answer);
    }
    answer
}

fn blockers(e: &Evaluation) -> Vec<Blocker> {
    if e.outcome.result == OutcomeKind::Passed {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(q) = e.quorum.as_ref().filter(|q| !q.held) {
        out.push(Blocker::Quorum { place: q.place.clone() });
    }
    out.extend(attendance::blocker(e));
    for veto in &e.vetoes {
        for by in &veto.exercised_by {
            out.push(Blocker::Veto { by: by.clone(), place: veto.place.clone() });
        }
    }
    if let Some(rule) = e.rule.as_ref().filter(|r| !r.held) {
        for c in rule.conditions.iter().filter(|c| !c.held) {
            out.push(Blocker::Condition { number: c.number, place: c.place.clone() });
        }
    }
    if e.tie.as_ref().is_some_and(|t| t.tied && t.decides) {
        out.push(Blocker::Tie);
    }
    out
}

/// Why changing votes cannot change the outcome, when that is so: any reason for an invalid
/// vote but the quorum, which votes can meet, and the quorum of those attending when members
/// who are not there could make it by coming to vote.
fn beyond_votes(e: &Evaluation) -> Option<Invalidity> {
    // Too few attending is mended by votes when members who are not there can come and vote.
    let votable = |r: &Invalidity| {
        matches!(r, Invalidity::NoQuorum) || (attendance::is_attendance(r) && !attendance::beyond_votes(e))
    };
    e.outcome.invalid.iter().find(|reason| !votable(reason)).cloned()
}

/// What settled the proposal before its votes were counted, if anything did: then changing
/// votes changes nothing (the members asking for postponement, or the date, would have to).
fn before_the_vote(e: &Evaluation) -> Option<BeforeTheVote> {
    match e.outcome.result {
        _ if e.outcome.decided_outside.is_some() => Some(BeforeTheVote::DecidedOutside),
        OutcomeKind::Postponed => Some(BeforeTheVote::Postponed),
        OutcomeKind::Escalated
            if e.outcome.deadlock.as_ref().is_some_and(|d| d.because == crate::eval::DeadlockCause::OutOfTime) =>
        {
            Some(BeforeTheVote::OutOfTime)
        }
        _ => None,
    }
}

/// The proposal with each member in `changes` standing as its change says.
fn changed(proposal: &Proposal, changes: &[Change]) -> Proposal {
    let mut p = proposal.clone();
    for change in changes {
        let span = p
            .votes
            .iter()
            .find(|v| matches!(v.voter, Voter::Known(id) if id == change.id))
            .map(|v| v.span)
            .unwrap_or_default();
        p.votes.retain(|v| !matches!(v.voter, Voter::Known(id) if id == change.id));
        let choice = match change.to {
            Ballot::InFavour => VoteChoice::InFavour,
            Ballot::Against => VoteChoice::Against,
            Ballot::Abstaining => VoteChoice::Abstaining,
            Ballot::Absent => continue,
        };
        p.votes.push(Vote { voter: Voter::Known(change.id), choice, span });
    }
    p
}

fn change(e: &Evaluation, index: usize, to: Ballot) -> Option<Change> {
    let m = e.members.get(index)?;
    Some(Change { member: m.member.clone(), name: m.name.clone(), from: m.vote, to, id: m.id })
}

fn pivots(
    proposal: &Proposal,
    e: &Evaluation,
    decide: &mut impl FnMut(&Proposal) -> Option<(OutcomeKind, bool)>,
    answer: &mut WhyNot,
) {
    for (i, member) in e.members.iter().enumerate().filter(|(_, m)| m.eligible) {
        answer.search.candidates = answer.search.candidates.saturating_add(1);
        for to in [Ballot::Against, Ballot::Abstaining, Ballot::Absent, Ballot::InFavour] {
            if member.vote == to {
                continue;
            }
            let Some(c) = change(e, i, to) else { continue };
            answer.search.evaluations = answer.search.evaluations.saturating_add(1);
            match decide(&changed(proposal, std::slice::from_ref(&c))) {
                Some((kind, _)) if kind != OutcomeKind::Passed => {
                    answer.pivots.push(Pivot { change: c, outcome: kind })
                }
                _ => {}
            }
        }
    }
    answer.search.sizes_searched = 1;
}

fn fixes(
    proposal: &Proposal,
    e: &Evaluation,
    decide: &mut impl FnMut(&Proposal) -> Option<(OutcomeKind, bool)>,
    answer: &mut WhyNot,
) {
    let candidates: Vec<usize> = e
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.eligible && m.vote != Ballot::InFavour)
        .map(|(i, _)| i)
        .collect();
    let n = candidates.len();
    answer.search.candidates = n;
    let mut found: Vec<Vec<usize>> = Vec::new();
    for size in 1..=n {
        let mut set: Vec<usize> = (0..size).collect();
        loop {
            let chosen: Vec<usize> = set.iter().filter_map(|&k| candidates.get(k).copied()).collect();
            let holds_a_fix = found.iter().any(|f| f.iter().all(|m| chosen.contains(m)));
            if !holds_a_fix {
                if answer.search.evaluations >= SEARCH_LIMIT {
                    answer.search.complete = false;
                    return;
                }
                answer.search.evaluations = answer.search.evaluations.saturating_add(1);
                let changes: Vec<Change> = chosen.iter().filter_map(|&i| change(e, i, Ballot::InFavour)).collect();
                if let Some((OutcomeKind::Passed, casting)) = decide(&changed(proposal, &changes)) {
                    answer.fixes.push(Fix { changes, on_casting_vote: casting });
                    found.push(chosen);
                }
            }
            if !next_combination(&mut set, n) {
                break;
            }
        }
        answer.search.sizes_searched = size;
    }
}

/// The next `k`-subset of `0..n` in lexicographic order, in place; false after the last.
fn next_combination(set: &mut [usize], n: usize) -> bool {
    let k = set.len();
    // The last place that can still grow: place `i` holds at most `n - k + i`.
    let Some(i) = (0..k).rev().find(|&i| set.get(i).is_some_and(|&v| Some(v) < n.saturating_add(i).checked_sub(k)))
    else {
        return false;
    };
    let Some(start) = set.get(i).and_then(|v| v.checked_add(1)) else { return false };
    for (offset, place) in set.iter_mut().skip(i).enumerate() {
        *place = start.saturating_add(offset);
    }
    true
}
