//! Problems with blocs' own rules, decisions' effects and applicants: `concord::model::<name>`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with a bloc's own rule or casting vote, or with what a decision does on passing.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum KindsError {
    /// A bloc rule whose meaning is not settled.
    #[error("the {bloc} bloc's rule does not say when the bloc is for or against")]
    #[diagnostic(code(concord::model::bloc_rule))]
    BlocRule {
        bloc: String,
        #[label("{why}")]
        at: SourceSpan,
        why: String,
        #[help]
        help: String,
    },

    /// A bloc's casting vote given to a member outside it, or given twice.
    #[error("{holder} cannot have the casting vote within the {bloc} bloc")]
    #[diagnostic(code(concord::model::bloc_casting_vote))]
    BlocCastingVote {
        bloc: String,
        holder: String,
        #[label("{why}")]
        at: SourceSpan,
        why: String,
        #[help]
        help: String,
    },

    /// A decision's effect that cannot be made sense of when the agreement is read.
    #[error("{what}")]
    #[diagnostic(code(concord::model::effect_unclear))]
    EffectUnclear {
        what: String,
        #[label("this effect")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A proposal for a decision under which an applicant joins, with no `applicant:`.
    #[error("this proposal does not say who joins")]
    #[diagnostic(
        code(concord::model::missing_applicant),
        help("decision `{decision}` says `on passing, the applicant joins …`: add `applicant: ID \"NAME\"`, naming the body that joins")
    )]
    MissingApplicant {
        decision: String,
        #[label("a proposal for this decision admits an applicant")]
        at: SourceSpan,
    },

    /// `applicant:` on a proposal for a decision under which nobody joins.
    #[error("decision `{decision}` admits no applicant")]
    #[diagnostic(
        code(concord::model::applicant_not_used),
        help("add `on passing, the applicant joins …` to the decision if passing it admits a member, or take the `applicant:` line off")
    )]
    ApplicantNotUsed {
        decision: String,
        #[label("names an applicant the decision does not admit")]
        at: SourceSpan,
    },

    /// `applicant:` naming a member the agreement already has.
    #[error("{applicant} is already a member")]
    #[diagnostic(
        code(concord::model::applicant_is_member),
        help("an applicant joins the agreement: give the joining body an identifier no member has")
    )]
    ApplicantIsMember {
        applicant: String,
        #[label("already a member of the agreement")]
        at: SourceSpan,
    },
}
