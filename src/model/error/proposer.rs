//! Problems with rules that depend on who proposed, and with joint proposals: a leaf, so that
//! `LowerError` can wrap it while `proposer_rules`, which reads proposals, stays above.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with rules that depend on who proposed, or with a joint proposal.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum ProposerError {
    /// A decision's rules depend both on the date and on who proposed.
    #[error("decision `{decision}` has rules by date and rules by who proposed")]
    #[diagnostic(
        code(concord::model::rule_by_date_and_proposer),
        help("which rule holds for a proposal that falls under both is not settled; write the rules by who proposed alone, or by date alone")
    )]
    DatedAndByProposer {
        decision: String,
        #[label("depends on who proposed")]
        by_proposer: SourceSpan,
        #[label("depends on the date")]
        dated: SourceSpan,
    },
    /// Rules by who proposed with no rule for anyone else.
    #[error("decision `{decision}` has no rule for a proposal made by anyone else")]
    #[diagnostic(
        code(concord::model::no_rule_otherwise),
        help("add a plain `passes if …`: the rule for a proposal not made by those named in `when proposed by`")
    )]
    NoRuleOtherwise {
        decision: String,
        #[label("the rule for these proposers only")]
        at: SourceSpan,
    },
    /// One proposer falls under two `when proposed by` clauses.
    #[error("{who} falls under two `when proposed by` rules of decision `{decision}`")]
    #[diagnostic(
        code(concord::model::proposer_in_two_rules),
        help("which rule holds for a proposal by {who} is not settled; name each proposer in one `when proposed by` clause only")
    )]
    InTwoRules {
        decision: String,
        who: String,
        #[label("here")]
        first: SourceSpan,
        #[label("and here")]
        second: SourceSpan,
    },
    /// `any 1 members jointly`, `any 0 members jointly`.
    #[error("a joint proposal needs at least 2 members")]
    #[diagnostic(
        code(concord::model::joint_proposal_too_few),
        help("`jointly` needs a number of at least 2; for a proposal one member may make alone, name the members or their kind")
    )]
    JointTooFew {
        #[label("fewer than 2")]
        at: SourceSpan,
    },
    /// A joint proposal for a decision that lets nobody propose jointly, or whose `when proposed
    /// by` names some of those proposing.
    #[error("{problem}")]
    #[diagnostic(code(concord::model::joint_proposal_not_settled))]
    JointNotSettled {
        problem: String,
        #[label("proposed jointly")]
        at: SourceSpan,
        #[help]
        help: String,
    },
}
