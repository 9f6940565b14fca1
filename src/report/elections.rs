//! An election's count in words: each candidate's votes and who cast them, the votes not
//! counted, the tie and how it was (or is still to be) decided.

use serde::{Serialize, Serializer};

use super::terms::and_list;
use crate::results::elections::{Awaiting, ElectedBy, ElectionOutcome, ElectionResult, NotCountedReason};

/// Why a vote is not counted, in the clause's words: `only core members vote`.
pub fn not_counted_words(reason: &NotCountedReason) -> String {
    match reason {
        NotCountedReason::Observer => "an observer never votes".into(),
        NotCountedReason::OnlyKind { kind } => format!("only {kind} members vote"),
        NotCountedReason::KindExcluded { kind } => format!("{kind} members do not vote"),
        NotCountedReason::MemberExcluded { member } => format!("{member} does not vote"),
        NotCountedReason::NotInElection => "it does not vote in this election".into(),
    }
}

impl Serialize for NotCountedReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&not_counted_words(self))
    }
}

/// The outcome in the words of an `expect` line: `elected alice`, `tied between alice and bob`.
pub fn expect_words(result: &ElectionResult) -> String {
    match &result.outcome {
        ElectionOutcome::Elected { candidate, .. } => format!("elected {candidate}"),
        ElectionOutcome::Tied { among, .. } => format!("tied between {}", and_list(among)),
        ElectionOutcome::NoVotes => "no one elected: no votes were counted".into(),
    }
}

fn votes_word(result: &ElectionResult, votes: rust_decimal::Decimal) -> String {
    let figure = crate::fmt::grouped(votes);
    if result.counts_votes {
        let noun = if votes == rust_decimal::Decimal::ONE { "vote" } else { "votes" };
        format!("{figure} {noun}")
    } else {
        format!("votes weighing {figure}")
    }
}

/// The count of one election, in a lawyer's words.
pub fn election_human(result: &ElectionResult) -> String {
    let mut out = format!("Election “{}”.\n", result.election);
    out.push_str("  Votes for each candidate:\n");
    for tally in &result.tallies {
        let who = if tally.voters.is_empty() { String::new() } else { format!(" ({})", tally.voters.join(", ")) };
        let name = if tally.name == tally.candidate { String::new() } else { format!(" ({})", tally.name) };
        out.push_str(&format!("    {}{name}: {}{who}\n", tally.candidate, votes_word(result, tally.votes)));
    }
    for d in &result.disregarded {
        out.push_str(&format!(
            "  Not counted: {}'s vote for {}, because {}.\n",
            d.voter,
            d.candidate,
            not_counted_words(&d.reason)
        ));
    }
    if !result.tied.is_empty() {
        out.push_str(&format!(
            "  Tie: {} have {} each, the most of any candidate.\n",
            and_list(&result.tied),
            votes_word(result, result.most)
        ));
    }
    let outcome = match &result.outcome {
        ElectionOutcome::Elected { candidate, by: ElectedBy::MostVotes } => {
            format!("Elected: {candidate}, with the most votes ({}).", votes_word(result, result.most))
        }
        ElectionOutcome::Elected { candidate, by: ElectedBy::Lot } => {
            format!("Elected: {candidate}, by lot: the election decides a tie by lot, and the lot fell to {candidate}.")
        }
        ElectionOutcome::Elected { candidate, by: ElectedBy::CastingVote { holder } } => {
            format!("Elected: {candidate}, on the casting vote of {holder}, who has the casting vote on a tie.")
        }
        ElectionOutcome::Tied { among, awaiting: Awaiting::Lot } => format!(
            "Tied: nobody is elected yet. The election decides a tie by lot: it must be decided by lot which of {} is elected. Concord does not draw lots; record the result with `the lot fell to MEMBER`.",
            and_list(among)
        ),
        ElectionOutcome::Tied { among, awaiting: Awaiting::CastingVote { holder } } => format!(
            "Tied: nobody is elected yet. {holder} has the casting vote between {}; record it with `the casting vote was for MEMBER`.",
            and_list(among)
        ),
        ElectionOutcome::Tied { among, awaiting: Awaiting::NoTieRule } => format!(
            "Tied between {}: nobody is elected, and the election does not say how a tie is decided.",
            and_list(among)
        ),
        ElectionOutcome::NoVotes => "Nobody is elected: no vote was counted.".to_string(),
    };
    out.push_str(&format!("  {outcome}\n"));
    out
}
