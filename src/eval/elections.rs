//! An election counted (docs/semantics.md "Elections"): each counted vote adds its voter's
//! weight to its candidate; the candidate with the most is elected; two or more with the most
//! are a tie, decided by the lot's result or the casting vote the scenario records, and
//! otherwise left tied, with nobody elected. Concord never draws a lot itself.

use rust_decimal::Decimal;

use crate::model::elections::{Ballot, Election, TieRule};
use crate::model::{Agreement, ElectionError, Exclusion, MemberId, WeightScheme};
use crate::results::elections::{
    Awaiting, CandidateTally, DisregardedVote, ElectedBy, ElectionOutcome, ElectionResult, NotCountedReason,
};
use crate::weights::{electorate, Ineligibility};

fn key(agreement: &Agreement, id: MemberId) -> String {
    agreement.member(id).map_or_else(|| "?".to_string(), |m| m.key.clone())
}

/// `1 vote`, `2 votes`, or `votes weighing 40,000,000`: for a diagnostic's help only (the
/// count's own working is worded in `report/elections.rs`).
fn votes_figure(votes: Decimal, counts_votes: bool) -> String {
    let figure = crate::fmt::grouped(votes);
    match (counts_votes, votes == Decimal::ONE) {
        (true, true) => format!("{figure} vote"),
        (true, false) => format!("{figure} votes"),
        (false, _) => format!("votes weighing {figure}"),
    }
}

/// `` `a`, `b` and `c` ``: the tied candidates, for a diagnostic's help only.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [rest @ .., last] => {
            format!("{} and `{last}`", rest.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
        }
    }
}

/// Why a member does not vote in `election`: the clause that leaves it out.
fn reason(agreement: &Agreement, election: &Election, why: &Ineligibility) -> NotCountedReason {
    let clause = match why {
        Ineligibility::Observer { .. } => return NotCountedReason::Observer,
        Ineligibility::Excluded { clause } | Ineligibility::NotOfVotingKind { clause } => *clause,
        _ => return NotCountedReason::NotInElection,
    };
    let kind = |k| agreement.kind(k).map_or("?", |k| k.name.as_str()).to_string();
    election
        .exclusions
        .iter()
        .find_map(|e| match e {
            Exclusion::OnlyKind { kind: k, span } if *span == clause => {
                Some(NotCountedReason::OnlyKind { kind: kind(*k) })
            }
            Exclusion::Kind { kind: k, span } if *span == clause => {
                Some(NotCountedReason::KindExcluded { kind: kind(*k) })
            }
            Exclusion::Member { member, span } if *span == clause => {
                Some(NotCountedReason::MemberExcluded { member: key(agreement, *member) })
            }
            _ => None,
        })
        .unwrap_or(NotCountedReason::NotInElection)
}

/// Counts `ballot` at `election` under `agreement`. An error when the ballot records a lot's
/// result or a casting vote the count does not call for, or names someone not standing.
pub fn count(agreement: &Agreement, election: &Election, ballot: &Ballot) -> Result<ElectionResult, ElectionError> {
    let too_large = || ElectionError::TooLarge { election: election.name.clone(), at: election.span.into() };
    let decision = election.as_decision();
    let voters = electorate(agreement, &decision, None).map_err(|_| too_large())?;
    let scheme = &agreement.scheme_for(&decision).node;
    let counts_votes = matches!(scheme, WeightScheme::OneMemberOneVote | WeightScheme::Explicit)
        && agreement.voting.reserved.is_empty();
    let candidates = election.candidates_in(agreement);
    let mut tallies: Vec<CandidateTally> = candidates
        .iter()
        .map(|c| CandidateTally {
            candidate: key(agreement, *c),
            name: agreement.member(*c).map_or_else(String::new, |m| m.name.clone()),
            votes: Decimal::ZERO,
            voters: Vec::new(),
        })
        .collect();
    let mut disregarded = Vec::new();
    for vote in &ballot.votes {
        let Some(index) = candidates.iter().position(|c| *c == vote.candidate.node) else {
            return Err(ElectionError::NotACandidate {
                member: key(agreement, vote.candidate.node),
                election: election.name.clone(),
                at: vote.candidate.span.into(),
                help: format!(
                    "the candidates are: {}",
                    candidates.iter().map(|c| format!("`{}`", key(agreement, *c))).collect::<Vec<_>>().join(", ")
                ),
            });
        };
        let voter = voters.voters.get(vote.voter.node.index());
        match voter.and_then(|v| v.ineligible.as_ref()) {
            Some(why) => disregarded.push(DisregardedVote {
                voter: key(agreement, vote.voter.node),
                candidate: key(agreement, vote.candidate.node),
                reason: reason(agreement, election, why),
            }),
            None => {
                let weight = voters.weight(vote.voter.node);
                if let Some(tally) = tallies.get_mut(index) {
                    tally.votes = tally.votes.checked_add(weight).ok_or_else(too_large)?;
                    tally.voters.push(key(agreement, vote.voter.node));
                }
            }
        }
    }
    let most = tallies.iter().map(|t| t.votes).max().unwrap_or(Decimal::ZERO);
    let top: Vec<usize> = (0..candidates.len()).filter(|i| tallies.get(*i).is_some_and(|t| t.votes == most)).collect();
    let top_ids: Vec<MemberId> = top.iter().filter_map(|i| candidates.get(*i).copied()).collect();
    let top_keys: Vec<String> = top_ids.iter().map(|c| key(agreement, *c)).collect();
    let tie = election.tie.as_ref().map(|t| &t.node);
    let recorded =
        ballot.lot.as_ref().map(|l| (l, "by lot")).or(ballot.casting.as_ref().map(|c| (c, "by a casting vote")));
    let no_tie =
        |at: miette::SourceSpan, why: String| ElectionError::NoTie { election: election.name.clone(), at, help: why };
    let mut lot = None;
    let outcome = if most.is_zero() {
        if let Some((r, _)) = recorded {
            return Err(no_tie(
                r.span.into(),
                "no votes were counted, so nobody is elected and there is no tie to decide; remove this line".into(),
            ));
        }
        ElectionOutcome::NoVotes
    } else if let [winner] = top_keys.as_slice() {
        if let Some((r, _)) = recorded {
            return Err(no_tie(
                r.span.into(),
                format!(
                    "`{winner}` alone has the most votes ({}) and is elected; remove this line",
                    votes_figure(most, counts_votes)
                ),
            ));
        }
        ElectionOutcome::Elected { candidate: winner.clone(), by: ElectedBy::MostVotes }
    } else {
        let tied_words = listed(&top_keys);
        let wrong = |at: miette::SourceSpan, how: &'static str| {
            let help = match tie {
                Some(TieRule::Lot) => "the election decides a tie by lot: record it as `the lot fell to MEMBER`".to_string(),
                Some(TieRule::CastingVote(h)) => format!(
                    "the election gives `{}` the casting vote: record it as `the casting vote was for MEMBER`",
                    key(agreement, h.node)
                ),
                None => "the election does not say how a tie is decided; add `on a tie, it is decided by lot` (or a casting vote) to the election".to_string(),
            };
            ElectionError::WrongTieRule { election: election.name.clone(), how, at, help }
        };
        let chosen = |choice: &crate::span::Spanned<MemberId>, what: &'static str| -> Result<String, ElectionError> {
            if top_ids.contains(&choice.node) {
                Ok(key(agreement, choice.node))
            } else {
                Err(ElectionError::LotNotTied {
                    what,
                    member: key(agreement, choice.node),
                    at: choice.span.into(),
                    help: format!("the tie is between {tied_words}, with {} each", votes_figure(most, counts_votes)),
                })
            }
        };
        match (tie, &ballot.lot, &ballot.casting) {
            (Some(TieRule::Lot), Some(l), None) => {
                let winner = chosen(l, "the lot cannot fall to")?;
                lot = Some(winner.clone());
                ElectionOutcome::Elected { candidate: winner, by: ElectedBy::Lot }
            }
            (Some(TieRule::Lot), None, None) => {
                ElectionOutcome::Tied { among: top_keys.clone(), awaiting: Awaiting::Lot }
            }
            (Some(TieRule::CastingVote(holder)), None, Some(c)) => ElectionOutcome::Elected {
                candidate: chosen(c, "the casting vote cannot be for")?,
                by: ElectedBy::CastingVote { holder: key(agreement, holder.node) },
            },
            (Some(TieRule::CastingVote(holder)), None, None) => ElectionOutcome::Tied {
                among: top_keys.clone(),
                awaiting: Awaiting::CastingVote { holder: key(agreement, holder.node) },
            },
            (None, None, None) => ElectionOutcome::Tied { among: top_keys.clone(), awaiting: Awaiting::NoTieRule },
            (_, Some(l), _) if !matches!(tie, Some(TieRule::Lot)) => return Err(wrong(l.span.into(), "by lot")),
            (_, _, Some(c)) => return Err(wrong(c.span.into(), "by a casting vote")),
            (_, Some(l), None) => return Err(wrong(l.span.into(), "by lot")),
        }
    };
    let tied = if top_keys.len() > 1 && !most.is_zero() { top_keys } else { Vec::new() };
    Ok(ElectionResult { election: election.name.clone(), counts_votes, tallies, disregarded, most, tied, lot, outcome })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::elections::BallotVote;
    use crate::span::{Span, Spanned};

    const TEXT: &str = r#"agreement "Board"
member icb
  votes 3
member council
  votes 2
member trust
  votes 1
member hw
  observer

voting as set for each member

election "vice-chair"
  candidates are icb and trust
  the candidate with the most votes is elected
  on a tie, council has the casting vote
"#;

    fn agreement() -> Agreement {
        let loaded = crate::load::load(TEXT);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        loaded.agreement.unwrap_or_else(|| unreachable!())
    }

    fn at<T>(node: T) -> Spanned<T> {
        Spanned::new(node, Span::default())
    }

    fn ballot(votes: &[(u32, u32)], casting: Option<u32>) -> Ballot {
        Ballot {
            election: at(0),
            votes: votes
                .iter()
                .map(|(v, c)| BallotVote { voter: at(MemberId(*v)), candidate: at(MemberId(*c)) })
                .collect(),
            lot: None,
            casting: casting.map(|c| at(MemberId(c))),
            expectations: Vec::new(),
        }
    }

    fn outcome(votes: &[(u32, u32)], casting: Option<u32>) -> Result<ElectionOutcome, ElectionError> {
        let a = agreement();
        let election = a.elections.first().unwrap_or_else(|| unreachable!());
        count(&a, election, &ballot(votes, casting)).map(|r| r.outcome)
    }

    #[test]
    fn votes_weigh_as_the_voting_scheme_says() {
        // One vote each, but icb's weighs 3 and council's 2.
        let elected = ElectionOutcome::Elected { candidate: "icb".into(), by: ElectedBy::MostVotes };
        assert_eq!(outcome(&[(0, 0), (1, 2)], None), Ok(elected));
    }

    #[test]
    fn a_tie_waits_for_the_casting_vote_and_is_decided_by_it() {
        // icb's 3 against council's 2 and trust's 1: tied at 3.
        let votes = [(0, 0), (1, 2), (2, 2)];
        let tied = ElectionOutcome::Tied {
            among: vec!["icb".into(), "trust".into()],
            awaiting: Awaiting::CastingVote { holder: "council".into() },
        };
        assert_eq!(outcome(&votes, None), Ok(tied));
        let elected = ElectionOutcome::Elected {
            candidate: "trust".into(),
            by: ElectedBy::CastingVote { holder: "council".into() },
        };
        assert_eq!(outcome(&votes, Some(2)), Ok(elected));
        assert!(matches!(outcome(&votes, Some(1)), Err(ElectionError::LotNotTied { .. })));
    }

    #[test]
    fn an_observer_is_not_counted_and_no_votes_elect_nobody() {
        assert_eq!(outcome(&[(3, 0)], None), Ok(ElectionOutcome::NoVotes));
        assert!(matches!(outcome(&[(3, 0)], Some(0)), Err(ElectionError::NoTie { .. })));
    }
}
