//! docs/semantics.md "Elections", written out naively: who stands, who votes and with what
//! weight (the oracle's own [`super::weights`], from language reference §7), each counted vote
//! added to its candidate, the most votes, and a tie decided only by a lot's result or a casting
//! vote the scenario records. Shares no code with `eval::elections` or `src/weights.rs`.

use std::collections::BTreeMap;

use num_rational::BigRational;
use num_traits::Zero;

use super::OracleError;
use crate::model::elections::{Ballot, Candidates, Election, TieRule};
use crate::model::{Agreement, MemberId};

/// How an election ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ElectionVerdict {
    /// Elected with the most votes alone.
    MostVotes(MemberId),
    /// Tied, and elected by the lot's recorded result.
    ByLot(MemberId),
    /// Tied, and elected on the recorded casting vote.
    ByCastingVote(MemberId),
    /// Tied, nobody elected yet: the tied candidates, in the agreement's order.
    Tied(Vec<MemberId>),
    /// No vote with any weight counted.
    NoVotes,
    /// The scenario records a lot or casting vote the count does not call for, or one for
    /// someone not tied: the evaluator must refuse it.
    Refused,
}

/// The election counted by the reference.
pub fn elect(agreement: &Agreement, election: &Election, ballot: &Ballot) -> Result<ElectionVerdict, OracleError> {
    // Who stands: read from the election's words again.
    let mut standing: Vec<MemberId> = Vec::new();
    for member in &agreement.members {
        let stands = match &election.candidates.node {
            Candidates::All => true,
            Candidates::Kind(k) => member.kinds.iter().any(|mk| mk.node == *k),
            Candidates::Members(named) => named.iter().any(|n| n.node == member.id),
        };
        if stands {
            standing.push(member.id);
        }
    }
    // Who votes, and each vote's weight: the oracle's own reading of reference §7.
    let decision = election.as_decision();
    let title = crate::span::Spanned::new(String::new(), crate::span::Span::default());
    let no_proposal = crate::model::inputs::empty_proposal(title);
    let electorate = super::weights::electorate(agreement, &decision, &no_proposal)?;
    let mut tally: BTreeMap<MemberId, BigRational> = standing.iter().map(|c| (*c, BigRational::zero())).collect();
    for vote in &ballot.votes {
        let Some(sum) = tally.get_mut(&vote.candidate.node) else { return Ok(ElectionVerdict::Refused) };
        if let Some(weight) = electorate.weights.get(&vote.voter.node) {
            *sum += weight;
        }
    }
    let mut most = BigRational::zero();
    for votes in tally.values() {
        if *votes > most {
            most = votes.clone();
        }
    }
    let recorded = ballot.lot.is_some() || ballot.casting.is_some();
    if most.is_zero() {
        return Ok(if recorded { ElectionVerdict::Refused } else { ElectionVerdict::NoVotes });
    }
    let top: Vec<MemberId> = standing.iter().copied().filter(|c| tally.get(c) == Some(&most)).collect();
    if top.len() == 1 {
        return Ok(match (recorded, top.first()) {
            (false, Some(winner)) => ElectionVerdict::MostVotes(*winner),
            _ => ElectionVerdict::Refused,
        });
    }
    let rule = election.tie.as_ref().map(|t| &t.node);
    Ok(match (rule, &ballot.lot, &ballot.casting) {
        (_, None, None) => ElectionVerdict::Tied(top),
        (Some(TieRule::Lot), Some(lot), None) if top.contains(&lot.node) => ElectionVerdict::ByLot(lot.node),
        (Some(TieRule::CastingVote(_)), None, Some(c)) if top.contains(&c.node) => {
            ElectionVerdict::ByCastingVote(c.node)
        }
        _ => ElectionVerdict::Refused,
    })
}
