//! An election's count in words: each candidate's votes and who cast them, the votes not
//! counted, the tie and how it was (or is still to be) decided.

use crate::results::elections::{and_list, Awaiting, ElectedBy, ElectionOutcome, ElectionResult};

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
        out.push_str(&format!("  Not counted: {}'s vote for {}, because {}.\n", d.voter, d.candidate, d.reason));
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
