//! The count of one election, as plain data (docs/json.md "Elections", added in 1.4).

use rust_decimal::Decimal;
use serde::Serialize;

/// One candidate's votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateTally {
    /// The candidate's identifier.
    pub candidate: String,
    /// The candidate's display name.
    pub name: String,
    /// The votes counted for the candidate: a count when each vote counts one, otherwise the sum
    /// of the voters' weights.
    pub votes: Decimal,
    /// Who voted for the candidate (votes counted only), in the order written.
    pub voters: Vec<String>,
}

/// A vote that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisregardedVote {
    /// Who cast it.
    pub voter: String,
    /// For whom.
    pub candidate: String,
    /// Why it does not count (in JSON, in words: `only core members vote`).
    pub reason: NotCountedReason,
}

/// Why a vote in an election is not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCountedReason {
    /// The voter is an observer, who never votes.
    Observer,
    /// The election lets only members of this kind vote (`only core members vote`).
    OnlyKind {
        /// The kind's name.
        kind: String,
    },
    /// The election leaves members of this kind out (`associate members do not vote`).
    KindExcluded {
        /// The kind's name.
        kind: String,
    },
    /// The election leaves this member out (`hw does not vote`).
    MemberExcluded {
        /// The member's identifier.
        member: String,
    },
    /// The voter does not vote in this election for another reason.
    NotInElection,
}

/// How the winner was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ElectedBy {
    /// More votes than any other candidate.
    MostVotes,
    /// Tied for the most votes, and the lot fell to the candidate.
    Lot,
    /// Tied for the most votes, and the member with the casting vote chose the candidate.
    CastingVote { holder: String },
}

/// What decides a tie still undecided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "awaiting", rename_all = "snake_case")]
pub enum Awaiting {
    /// The election decides a tie by lot, and no lot's result is recorded.
    Lot,
    /// The election gives this member the casting vote, and no casting vote is recorded.
    CastingVote { holder: String },
    /// The election does not say how a tie is decided.
    NoTieRule,
}

/// The outcome of an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ElectionOutcome {
    /// The candidate is elected.
    Elected {
        candidate: String,
        #[serde(flatten)]
        by: ElectedBy,
    },
    /// Two or more candidates tie for the most votes and the tie is not yet decided: nobody is
    /// elected until it is.
    Tied {
        among: Vec<String>,
        #[serde(flatten)]
        awaiting: Awaiting,
    },
    /// No vote with any weight was counted: nobody is elected.
    NoVotes,
}

/// An election counted, with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElectionResult {
    /// The election's name.
    pub election: String,
    /// Whether each vote counts one (one member one vote, or explicit votes): `votes` are then
    /// counts; otherwise they are the voters' weights under the voting scheme.
    pub counts_votes: bool,
    /// Every candidate, in the agreement's order of members, with its votes.
    pub tallies: Vec<CandidateTally>,
    /// Votes not counted.
    pub disregarded: Vec<DisregardedVote>,
    /// The most votes any candidate has.
    pub most: Decimal,
    /// The candidates with the most votes, when two or more have them (the tie), in order.
    pub tied: Vec<String>,
    /// The lot's result as recorded (`the lot fell to bob`), when it decided the tie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The outcome.
    pub outcome: ElectionOutcome,
}
