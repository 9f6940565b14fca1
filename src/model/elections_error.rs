//! What an election block, or a scenario's votes at an election, may not say.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with an election or with a scenario's election.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum ElectionError {
    /// An election that does not say who may stand.
    #[error("election `{election}` does not say who may stand")]
    #[diagnostic(
        code(concord::model::election_candidates),
        help("add `candidates are the KIND members`, `candidates are the members` or `candidates are MEMBER, MEMBER`")
    )]
    NoCandidates {
        election: String,
        #[label("this election")]
        at: SourceSpan,
    },

    /// An election no member may stand in.
    #[error("no member may stand in election `{election}`")]
    #[diagnostic(
        code(concord::model::election_no_candidates),
        help("the candidates are worked out from the members as the agreement stands; name the candidates, or give the kind to members")
    )]
    EmptyCandidates {
        election: String,
        #[label("no member fits")]
        at: SourceSpan,
    },

    /// An election that does not say how it is won.
    #[error("election `{election}` does not say how it is won")]
    #[diagnostic(code(concord::model::election_winner), help("add `the candidate with the most votes is elected`"))]
    NoWinRule {
        election: String,
        #[label("this election")]
        at: SourceSpan,
    },

    /// A majority of the votes, with eliminations and further rounds, which Concord cannot say.
    #[error("an election won by a majority of the votes, with the lowest eliminated, cannot be said in Concord yet")]
    #[diagnostic(
        code(concord::model::election_majority),
        help("Concord counts one round: `the candidate with the most votes is elected`; an exhaustive ballot (a candidate needs more than half, the lowest eliminated and the vote retaken) is not a construct yet: hold each round as its own election, with the candidates left standing")
    )]
    MajorityUnsupported {
        #[label("not yet in the language")]
        at: SourceSpan,
    },

    /// A voting scheme that needs a proposal's facts.
    #[error("an election cannot weigh votes by budget committed to the proposal")]
    #[diagnostic(
        code(concord::model::election_committed_voting),
        help("an election has no proposal and nothing is committed to it; weigh its votes `one member one vote`, `in proportion to budget` (or another figure), or `as set for each member`")
    )]
    CommittedVoting {
        #[label("needs a proposal")]
        at: SourceSpan,
    },

    /// A scenario line about an election before any `elect "…"`.
    #[error("scenario `{scenario}` gives votes at an election without saying which")]
    #[diagnostic(code(concord::model::election_not_held), help("start with `elect \"ELECTION\"`"))]
    NotHeld {
        scenario: String,
        #[label("which election?")]
        at: SourceSpan,
    },

    /// A scenario that holds an election and proposes a decision too.
    #[error("scenario `{scenario}` both holds an election and decides a proposal")]
    #[diagnostic(
        code(concord::model::election_and_proposal),
        help("an election is held in a scenario of its own: put the proposal in another scenario")
    )]
    ElectionAndProposal {
        scenario: String,
        #[label("the election")]
        at: SourceSpan,
    },

    /// A vote for a member who may not stand.
    #[error("`{member}` is not a candidate in election `{election}`")]
    #[diagnostic(code(concord::model::election_not_candidate))]
    NotACandidate {
        member: String,
        election: String,
        #[label("voted for here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A voter with two votes.
    #[error("`{member}` votes twice in election `{election}`")]
    #[diagnostic(
        code(concord::model::election_voted_twice),
        help("each member votes for one candidate; remove one of the votes")
    )]
    VotedTwice {
        member: String,
        election: String,
        #[label("first vote")]
        first: SourceSpan,
        #[label("second vote")]
        second: SourceSpan,
    },

    /// A lot's result (or a casting vote) for a member who did not tie for the most votes.
    #[error("{what} `{member}`, who is not tied for the most votes")]
    #[diagnostic(code(concord::model::election_lot_not_tied))]
    LotNotTied {
        what: &'static str,
        member: String,
        #[label("not one of the tied")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A lot's or a casting vote's result where there was no tie to decide.
    #[error("there is no tie to decide in election `{election}`")]
    #[diagnostic(code(concord::model::election_no_tie))]
    NoTie {
        election: String,
        #[label("nothing to decide")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A lot drawn, or a casting vote given, where the election decides a tie another way.
    #[error("election `{election}` does not decide a tie {how}")]
    #[diagnostic(code(concord::model::election_tie_rule))]
    WrongTieRule {
        election: String,
        how: &'static str,
        #[label("recorded here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A line given twice.
    #[error("{what} is given twice")]
    #[diagnostic(code(concord::model::election_duplicate), help("keep one of them"))]
    Twice {
        what: String,
        #[label("first")]
        first: SourceSpan,
        #[label("again")]
        second: SourceSpan,
    },

    /// Weights too large to add exactly.
    #[error("the votes in election `{election}` are too large to count exactly")]
    #[diagnostic(
        code(concord::model::election_too_large),
        help("votes are counted exactly; weigh them by a smaller figure, or one member one vote")
    )]
    TooLarge {
        election: String,
        #[label("this election")]
        at: SourceSpan,
    },

    /// An election expectation in a scenario that holds no election.
    #[error("scenario `{scenario}` expects an election result but holds no election")]
    #[diagnostic(code(concord::model::election_not_held), help("add `elect \"ELECTION\"` and the votes"))]
    ExpectWithoutElection {
        scenario: String,
        #[label("expected here")]
        at: SourceSpan,
    },
}

impl From<ElectionError> for super::LowerError {
    fn from(error: ElectionError) -> Self {
        super::LowerError::Election(Box::new(error))
    }
}
