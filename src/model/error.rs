//! Problems found while resolving names and units: `concord::model::<name>`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

pub use super::error_kinds::KindsError;
pub use election_office::ElectionOfficeError;
pub use inputs::InputsError;
pub use offices::OfficesError;
pub use proceedings::ProceedingsError;
pub use proposer::ProposerError;

mod election_office;
mod inputs;
mod offices;
mod proceedings;
mod proposer;

/// A problem found while resolving an agreement or its inputs.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum LowerError {
    /// A bloc's own rule, a decision's effect or an applicant (see `KindsError`).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Kinds(Box<KindsError>),

    /// The file has no `agreement` header.
    #[error("this file has no `agreement` header")]
    #[diagnostic(
        code(concord::model::missing_agreement),
        help("start the agreement with `agreement \"Its title\"` on the first line, then its members and decisions")
    )]
    MissingAgreement {
        #[label("the file starts here")]
        at: SourceSpan,
    },

    /// Two `agreement` headers in one file.
    #[error("this file has two `agreement` headers")]
    #[diagnostic(
        code(concord::model::duplicate_agreement),
        help("one file holds one agreement; move the second into its own file")
    )]
    DuplicateAgreement {
        #[label("first agreement")]
        first: SourceSpan,
        #[label("second agreement")]
        second: SourceSpan,
    },

    /// A block that belongs in another kind of file.
    #[error("a `{block}` block does not belong in {file}")]
    #[diagnostic(code(concord::model::block_not_allowed))]
    BlockNotAllowed {
        block: String,
        file: String,
        #[label("this block")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// The same clause given twice where only one is meaningful.
    #[error("{what} is given twice")]
    #[diagnostic(code(concord::model::duplicate_clause), help("keep one of the two clauses"))]
    DuplicateClause {
        what: String,
        #[label("first given here")]
        first: SourceSpan,
        #[label("and again here")]
        second: SourceSpan,
    },

    /// Two things of one sort with the same name.
    #[error("there are two {sort}s called `{name}`")]
    #[diagnostic(code(concord::model::duplicate_name), help("give each {sort} its own name"))]
    DuplicateName {
        sort: String,
        name: String,
        #[label("first declared here")]
        first: SourceSpan,
        #[label("declared again here")]
        second: SourceSpan,
    },

    /// A name that refers to nothing declared.
    #[error("there is no {sort} called `{name}`")]
    #[diagnostic(code(concord::model::unknown_name))]
    UnknownName {
        sort: String,
        name: String,
        #[label("not declared")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// An identifier that is one of the language's own words.
    #[error("`{name}` cannot be used as an identifier")]
    #[diagnostic(
        code(concord::model::reserved_word),
        help("`{name}` is one of Concord's own words; choose another identifier, e.g. `{name}-1`")
    )]
    ReservedWord {
        name: String,
        #[label("one of Concord's own words")]
        at: SourceSpan,
    },

    /// A figure written in the wrong unit.
    #[error("`{figure}` must be {expected}")]
    #[diagnostic(code(concord::model::wrong_unit))]
    WrongUnit {
        figure: String,
        expected: String,
        #[label("written as {found}")]
        at: SourceSpan,
        found: String,
        #[help]
        help: String,
    },

    /// A share figure written as shares for one member and as a part of the whole for another.
    #[error("`{figure}` is written as shares for `{shares_member}` but as {written} for `{whole_member}`")]
    #[diagnostic(code(concord::model::shares_mixed_with_percentages))]
    SharesMixedWithPercentages {
        figure: String,
        shares_member: String,
        #[label("a number of shares")]
        shares: SourceSpan,
        whole_member: String,
        written: String,
        #[label("{written} of the whole")]
        whole: SourceSpan,
        #[help]
        help: String,
    },

    /// `the pennies to the members` on a step that the members do not share next.
    #[error("the pennies of this rounding are to go to the members, but the next step does not share among them")]
    #[diagnostic(
        code(concord::model::pennies_not_to_members),
        help("follow the step with one that shares what is left among the members (`then the rest shared by budget`), or leave out `the pennies to the members`: what rounding leaves is carried on to the next step either way")
    )]
    PenniesNotToMembers {
        #[label("the pennies to the members")]
        at: SourceSpan,
        #[label("the next step")]
        next: Option<SourceSpan>,
    },

    /// An amount in a currency other than the agreement's.
    #[error("this amount is not in the agreement's currency ({currency})")]
    #[diagnostic(
        code(concord::model::currency_mismatch),
        help("write every amount in {currency}; Concord does not convert between currencies")
    )]
    CurrencyMismatch {
        currency: String,
        #[label("a different currency")]
        at: SourceSpan,
        #[label("the agreement's currency")]
        declared: Option<SourceSpan>,
    },

    /// A currency code Concord does not know, with no minor unit given.
    #[error("Concord does not know the minor unit of `{code}`")]
    #[diagnostic(
        code(concord::model::unknown_currency),
        help("say it: `currency {code}, minor unit 0.01` (the smallest amount money is rounded to)")
    )]
    UnknownCurrency {
        code: String,
        #[label("unknown currency")]
        at: SourceSpan,
    },

    /// A minor unit that is not a positive power of ten at or below 1.
    #[error("a minor unit must be 1, 0.1, 0.01, 0.001 …")]
    #[diagnostic(
        code(concord::model::invalid_minor_unit),
        help("pence and cents are `minor unit 0.01`; whole units are `minor unit 1`")
    )]
    InvalidMinorUnit {
        #[label("not a minor unit")]
        at: SourceSpan,
    },

    /// `the chair` (or another role) where no member holds it.
    #[error("no member is the {role}")]
    #[diagnostic(code(concord::model::role_not_held))]
    RoleNotHeld {
        role: String,
        #[label("refers to the {role}")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// `the chair` (or another role) where two members hold it.
    #[error("more than one member is the {role}, so `the {role}` is unclear")]
    #[diagnostic(
        code(concord::model::role_ambiguous),
        help("{holders} are each the {role}: name the member by its identifier instead of `the {role}`")
    )]
    RoleAmbiguous {
        role: String,
        /// The holders, for the help: "`lbh` and `gpfed`".
        holders: String,
        #[label("which one?")]
        at: SourceSpan,
        /// The holders' role clauses, when they are in the same file as `at` (a scenario file
        /// names the agreement's roles, and a label can only point into its own file).
        #[label("one {role}")]
        first: Option<SourceSpan>,
        #[label("another {role}")]
        second: Option<SourceSpan>,
    },

    /// A decision with no `passes if` clause.
    #[error("decision `{name}` never says when it passes")]
    #[diagnostic(
        code(concord::model::missing_rule),
        help("add a rule such as `passes if at least 70% of eligible votes in favour`")
    )]
    MissingRule {
        name: String,
        #[label("this decision has no `passes if`")]
        at: SourceSpan,
    },

    /// Timed rules that leave a day without a rule, or give a day two rules.
    #[error("decision `{name}` has {problem} on {date}")]
    #[diagnostic(code(concord::model::rule_dates))]
    RuleDates {
        name: String,
        problem: String,
        date: String,
        #[label("rules of this decision")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// More of something than Concord reads.
    #[error("this agreement has more {sort} than Concord reads ({count}; the limit is {limit})")]
    #[diagnostic(
        code(concord::model::too_many),
        help("split the agreement, or check that the file was generated correctly")
    )]
    TooMany {
        sort: String,
        count: usize,
        limit: usize,
        #[label("one too many")]
        at: SourceSpan,
    },

    /// A date period that ends before it starts.
    #[error("this period ends before it starts")]
    #[diagnostic(
        code(concord::model::period_reversed),
        help("write the first day first: `period 1 April 2026 to 31 March 2027`")
    )]
    PeriodReversed {
        #[label("starts here")]
        from: SourceSpan,
        #[label("ends here")]
        to: SourceSpan,
    },

    /// A problem with carrying forward, uplifts or a sequence of scenarios.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Years(#[from] super::years::YearsError),

    /// A problem with a decision's procedure at a meeting.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Proceedings(#[from] proceedings::ProceedingsError),

    /// A problem with an office or the person presiding.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Offices(#[from] offices::OfficesError),

    /// An election's casting vote given to an office whose holder changes.
    #[error(transparent)]
    #[diagnostic(transparent)]
    ElectionOffice(#[from] election_office::ElectionOfficeError),

    /// A problem with a proposal, a year-end result or a scenario file.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Inputs(#[from] inputs::InputsError),

    /// A problem with a fund's instalments (see [`super::instalments::InstalmentsError`]).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Instalments(#[from] super::instalments::InstalmentsError),
    /// A rule that depends on who proposed, or a joint proposal (see [`super::proposer_rules`]).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Proposer(#[from] proposer::ProposerError),
    /// A problem with removal after missed meetings or a quorum of those attending.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Meetings(Box<super::meetings_error::MeetingsError>),
    /// A problem with a decision taken by a body outside the meeting (C51).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Outside(Box<super::outside_error::OutsideError>),
    /// A problem with an election or a scenario's election.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Election(#[from] Box<super::elections_error::ElectionError>),
}
