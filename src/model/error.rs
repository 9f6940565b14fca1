//! Problems found while resolving names and units: `concord::model::<name>`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

pub use super::error_kinds::KindsError;

/// A problem found while resolving an agreement or its inputs.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum LowerError {
    /// A bloc's own rule, a decision's effect or an applicant (see [`KindsError`]).
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

    /// A proposal for a decision that leaves out the member concerned, with no `concerning:`.
    #[error("this proposal does not say which member it concerns")]
    #[diagnostic(
        code(concord::model::missing_concerned),
        help("decision `{decision}` says `{says}`: add `concerning: MEMBER`, naming the member the proposal is about")
    )]
    MissingConcerned {
        decision: String,
        says: String,
        #[label("{label}")]
        at: SourceSpan,
        label: String,
    },

    /// A decision that both escalates and has a default when it is rejected.
    #[error("decision `{decision}` says both where a rejected proposal goes and what the default is")]
    #[diagnostic(
        code(concord::model::default_and_escalation),
        help("a rejected proposal cannot both escalate and end with the default; keep `if rejected, escalate to …` (the body then settles it) or `if rejected, the default is …`")
    )]
    DefaultAndEscalation {
        decision: String,
        #[label("the default")]
        default: SourceSpan,
        #[label("the escalation route")]
        route: SourceSpan,
    },

    /// `every kind represented` in an agreement with no kinds (or `each bloc represented` with
    /// no blocs, or a bloc with no members).
    #[error("`every {what} represented` has no {what} to represent")]
    #[diagnostic(
        code(concord::model::nothing_represented),
        help("declare the sides (`kinds councillor, nhs` on the agreement, or `bloc …` blocks with their members), or name them one by one: `at least 1 councillor member present and at least 1 nhs member present`")
    )]
    NothingRepresented {
        what: String,
        #[label("nothing to represent")]
        at: SourceSpan,
    },

    /// `approval of …:` on a proposal for a decision that does not need that approval.
    #[error("decision `{decision}` does not need the approval of {approver}")]
    #[diagnostic(
        code(concord::model::approval_not_needed),
        help("add `subject to the approval of …` to the decision if it needs this approval, or take the `approval of` line off the proposal")
    )]
    ApprovalNotNeeded {
        decision: String,
        approver: String,
        #[label("an approval the decision does not ask for")]
        at: SourceSpan,
    },

    /// `conflicted:` on a proposal for a decision that says nothing of conflicted members.
    #[error("decision `{decision}` does not say when a conflicted member may take part")]
    #[diagnostic(
        code(concord::model::conflict_not_provided),
        help("add `a conflicted member takes part only if more than half of the other members present agree` to the decision, or, for a member who never votes on it, `MEMBER does not vote`")
    )]
    ConflictNotProvided {
        decision: String,
        #[label("a conflicted member, and no rule for one")]
        at: SourceSpan,
    },

    /// A conflicted member whose sub-vote (whether it may take part) the proposal does not record.
    #[error("the proposal does not record the vote on whether `{member}` may take part")]
    #[diagnostic(
        code(concord::model::missing_conflict_vote),
        help("record the other members' vote, e.g. `on {member} taking part, in favour: …` and `on {member} taking part, against: …`; Concord does not guess how it went")
    )]
    MissingConflictVote {
        member: String,
        #[label("conflicted, with no vote on taking part")]
        at: SourceSpan,
    },

    /// `on MEMBER taking part, …` for a member the proposal does not name as conflicted.
    #[error("`{member}` is not named as conflicted on this proposal")]
    #[diagnostic(
        code(concord::model::conflict_vote_not_named),
        help("add `conflicted: {member}` to the proposal, or take the `on {member} taking part` line off")
    )]
    ConflictVoteNotNamed {
        member: String,
        #[label("a vote on taking part for a member not named conflicted")]
        at: SourceSpan,
    },

    /// A conflicted member listed in the vote on whether it may itself take part.
    #[error("`{member}` votes on whether it may itself take part")]
    #[diagnostic(
        code(concord::model::conflicted_votes_on_itself),
        help("the other members present decide whether a conflicted member takes part; take `{member}` off this line")
    )]
    ConflictedVotesOnItself {
        member: String,
        #[label("the conflicted member itself")]
        at: SourceSpan,
    },

    /// `reserved to MEMBER` (only it decides) together with a `passes if` or a quorum.
    #[error("decision `{decision}` is reserved to `{member}` alone, so its {what} would say nothing")]
    #[diagnostic(
        code(concord::model::reserved_alone),
        help("a matter reserved to one partner alone is decided by that partner's vote; to have the meeting pass it as well, write `reserved to {member}, and the meeting must also pass it` and keep the rule")
    )]
    ReservedAlone {
        decision: String,
        member: String,
        what: String,
        #[label("a {what} for a matter only {member} decides")]
        at: SourceSpan,
        #[label("reserved here")]
        reserved: SourceSpan,
    },

    /// `reserved to MEMBER, and the meeting must also pass it` with no `passes if`.
    #[error("decision `{decision}` says the meeting must also pass it, but not how")]
    #[diagnostic(
        code(concord::model::reserved_meeting_rule),
        help("add the meeting's rule, e.g. `passes if more than half of votes cast in favour`")
    )]
    ReservedMeetingRule {
        decision: String,
        #[label("the meeting must pass it: by what rule?")]
        at: SourceSpan,
    },

    /// `concerning:` on a proposal for a decision that does not leave out the member concerned.
    #[error("decision `{decision}` does not leave out the member a proposal concerns")]
    #[diagnostic(
        code(concord::model::concerned_not_used),
        help("add `the member concerned does not vote` to the decision if the member the proposal is about may not vote on it, or take the `concerning:` line off")
    )]
    ConcernedNotUsed {
        decision: String,
        #[label("names a member the decision does not leave out")]
        at: SourceSpan,
    },

    /// A decision gives the casting vote to the person presiding and the proposal does not say who
    /// presided.
    #[error("this proposal does not say who presided at the meeting")]
    #[diagnostic(
        code(concord::model::missing_presiding),
        help("decision `{decision}` says `on a tie, the person presiding has the casting vote`: add `presiding: MEMBER`, naming the member who presided")
    )]
    MissingPresiding {
        decision: String,
        #[label("this decision gives the casting vote to the person presiding")]
        at: SourceSpan,
    },

    /// `presiding:` on a proposal for a decision that gives nothing to the person presiding.
    #[error("decision `{decision}` gives nothing to the person presiding")]
    #[diagnostic(
        code(concord::model::presiding_not_used),
        help("add `on a tie, the person presiding has the casting vote` to the decision if whoever presides has the casting vote, or take the `presiding:` line off")
    )]
    PresidingNotUsed {
        decision: String,
        #[label("names a member presiding, which changes nothing for this decision")]
        at: SourceSpan,
    },

    /// `casting vote:` on a proposal for a decision that gives nobody a casting vote.
    #[error("decision `{decision}` gives nobody a casting vote")]
    #[diagnostic(
        code(concord::model::casting_vote_not_used),
        help("a tie on this decision is settled as the decision says, not by a casting vote: take the `casting vote:` line off, or give the decision one (`on a tie, the chair has the casting vote`)")
    )]
    CastingVoteNotUsed {
        decision: String,
        #[label("says how a casting vote was cast, which this decision does not have")]
        at: SourceSpan,
    },

    /// The member presiding is not listed as voting or abstaining, so the proposal says it was
    /// absent.
    #[error("`{member}` presided but the proposal lists it neither as voting nor as abstaining")]
    #[diagnostic(
        code(concord::model::presiding_absent),
        help("a member not listed is absent, and the person presiding is present: add `{member}` to `in favour:`, `against:` or `abstaining:`")
    )]
    PresidingAbsent {
        member: String,
        #[label("presided")]
        at: SourceSpan,
    },

    /// Who holds the office with the casting vote depends on the date, and the proposal has none.
    #[error("who holds the {office} depends on the date, and this proposal does not say when it was decided")]
    #[diagnostic(
        code(concord::model::office_needs_date),
        help("decision `{decision}` gives the casting vote to the {office}, whose holder changes over time: add `dated DATE` to the proposal (or `on DATE` after `propose \"…\"`)")
    )]
    OfficeNeedsDate {
        office: String,
        decision: String,
        #[label("the holder of the casting vote depends on the date")]
        at: SourceSpan,
    },

    /// Nobody holds the office with the casting vote on the proposal's date.
    #[error("nobody holds the {office} on {date}")]
    #[diagnostic(
        code(concord::model::office_vacant),
        help("no clause of the agreement gives the {office} on that day, so who has the casting vote is not settled: add a clause covering it (`from DATE to DATE, the {office} is MEMBER`) or check the proposal's date")
    )]
    OfficeVacant {
        office: String,
        date: String,
        #[label("on this day the {office} is vacant")]
        at: SourceSpan,
    },

    /// The office may be held by several members and the proposal does not say who presided.
    #[error("this proposal does not say who held the {office} at the meeting")]
    #[diagnostic(
        code(concord::model::office_needs_presiding),
        help("the {office}{on} may be taken by {may}: add `presiding: MEMBER`, naming the one who took the chair")
    )]
    OfficeNeedsPresiding {
        office: String,
        on: String,
        may: String,
        #[label("this decision gives the casting vote to the {office}")]
        at: SourceSpan,
    },

    /// The member the proposal says presided may not hold the office then.
    #[error("`{member}` may not hold the {office}{on}")]
    #[diagnostic(
        code(concord::model::presiding_may_not_hold),
        help("the agreement gives the {office}{on} to {may}; name one of them in `presiding:`, or check the proposal's date")
    )]
    PresidingMayNotHold {
        member: String,
        office: String,
        on: String,
        may: String,
        #[label("not one who may hold the {office}")]
        at: SourceSpan,
    },

    /// An office given a fixed member role and office clauses both.
    #[error("the {office} is both a member's role and an office with clauses of its own")]
    #[diagnostic(
        code(concord::model::office_and_role),
        help("say who holds the {office} one way: take `{office}` off the member, or the agreement's `the {office} …` clauses off")
    )]
    OfficeAndRole {
        office: String,
        #[label("the role")]
        role: SourceSpan,
        #[label("the office")]
        at: SourceSpan,
    },

    /// `the chair` named where one member is meant (a condition, a veto, …) while the chair is an
    /// office whose holder changes.
    #[error("the {office} is an office whose holder changes, so it cannot be named here as one member")]
    #[diagnostic(
        code(concord::model::office_not_a_member),
        help("name the member meant (`icb in favour`); the {office} can be given the casting vote with `on a tie, the {office} has the casting vote`")
    )]
    OfficeNotAMember {
        office: String,
        #[label("the holder of the {office} depends on the date or on who presides")]
        at: SourceSpan,
    },

    /// A rotation whose period is not whole months or years.
    #[error("a rotation must turn every so many months or years")]
    #[diagnostic(
        code(concord::model::rotation_period),
        help("write the period in months or years (`every 2 years`, `every 6 months`); a rotation by meeting is `alternates between … from meeting to meeting`")
    )]
    RotationPeriod {
        #[label("not a whole number of months or years")]
        at: SourceSpan,
    },

    /// A limit on the make-up whose lower bound is above its upper one, or a count of an office.
    #[error("this limit can never be met: at least {at_least} and at most {at_most}")]
    #[diagnostic(code(concord::model::limit_reversed), help("put the smaller number first"))]
    LimitReversed {
        at_least: u32,
        at_most: u32,
        #[label("the lower bound is above the upper one")]
        at: SourceSpan,
    },

    /// `no member may hold more than N proxies` where no member may vote by proxy.
    #[error("the agreement limits proxies but lets no member vote by proxy")]
    #[diagnostic(
        code(concord::model::proxy_limit_without_proxies),
        help("add `members may vote by proxy` (or `only KIND members may vote by proxy`), or take the limit off")
    )]
    ProxyLimitWithoutProxies {
        #[label("a limit on proxies nobody may give")]
        at: SourceSpan,
    },

    /// `(by proxy lbh)` on lbh's own vote.
    #[error("`{member}` cannot hold its own proxy")]
    #[diagnostic(
        code(concord::model::own_proxy),
        help("a proxy is another member voting for one that is absent: name the member who held the proxy, or take the `(by proxy …)` off")
    )]
    OwnProxy {
        member: String,
        #[label("names the member itself")]
        at: SourceSpan,
    },

    /// A proxy holder the proposal does not list as present in its own right.
    #[error("`{holder}` held a proxy but the proposal does not list it as present")]
    #[diagnostic(
        code(concord::model::proxy_holder_absent),
        help("a proxy is cast at the meeting by the member holding it: list `{holder}`'s own vote (`in favour:`, `against:` or `abstaining:`), or take the `(by proxy …)` off")
    )]
    ProxyHolderAbsent {
        holder: String,
        #[label("held by a member not at the meeting")]
        at: SourceSpan,
    },

    /// A member holding more proxies than the agreement allows.
    #[error("`{holder}` holds more proxies than the agreement allows ({limit})")]
    #[diagnostic(
        code(concord::model::too_many_proxies),
        help("which of its proxies would count is not settled: name another holder for the extra proxies, or list those members as absent")
    )]
    TooManyProxies {
        holder: String,
        limit: u32,
        #[label("one proxy too many")]
        at: SourceSpan,
        #[label("the limit")]
        clause: SourceSpan,
    },

    /// `opted out:` on a proposal for a decision that does not let members opt out.
    #[error("decision `{decision}` does not let members opt out")]
    #[diagnostic(
        code(concord::model::opt_out_not_allowed),
        help("add `members may opt out` to the decision if its members may opt out of a proposal, or take the `opted out:` line off")
    )]
    OptOutNotAllowed {
        decision: String,
        #[label("opts out of a decision that allows no opt-out")]
        at: SourceSpan,
    },

    /// A scenario or proposal clause that needs another clause first.
    #[error("{what}")]
    #[diagnostic(code(concord::model::incomplete_input))]
    IncompleteInput {
        what: String,
        #[label("here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A vote from a name the agreement does not have, in a scenario that does not expect the
    /// proposal to be invalid for it. A warning, because `expect invalid because an unknown
    /// member voted` is a scenario worth writing; most often it is a typing slip.
    #[error("`{name}` votes, but the agreement has no member `{name}`")]
    #[diagnostic(severity(Warning), code(concord::model::unknown_voter), help("{help}"))]
    UnknownVoter {
        name: String,
        help: String,
        #[label("not a member")]
        at: SourceSpan,
    },

    /// A member listed twice in one vote.
    #[error("`{member}` votes more than once")]
    #[diagnostic(
        code(concord::model::duplicate_vote),
        help("list each member once: in favour, against or abstaining")
    )]
    DuplicateVote {
        member: String,
        #[label("first vote")]
        first: SourceSpan,
        #[label("second vote")]
        second: SourceSpan,
    },

    /// A scenario file names an agreement file that cannot be read.
    #[error("the agreement `{path}` cannot be read: {reason}")]
    #[diagnostic(
        code(concord::model::agreement_not_found),
        help("the path is taken relative to this scenario file's folder; check the file name")
    )]
    AgreementNotFound {
        path: String,
        reason: String,
        #[label("this agreement")]
        at: SourceSpan,
    },

    /// The agreement a scenario file names has problems of its own.
    #[error("the agreement `{path}` has {count} problem(s), so these scenarios cannot be resolved")]
    #[diagnostic(
        code(concord::model::agreement_has_errors),
        help("run `concord check {path}` and fix the agreement first")
    )]
    AgreementHasErrors {
        path: String,
        count: usize,
        #[label("this agreement")]
        at: SourceSpan,
    },

    /// A partner's contribution to one fund given twice.
    #[error("`{member}` contributes to “{fund}” twice")]
    #[diagnostic(
        code(concord::model::duplicate_contribution),
        help("say once what this partner puts into the fund; if it pays in instalments, write the year's total")
    )]
    DuplicateContribution {
        member: String,
        fund: String,
        #[label("first contribution")]
        first: SourceSpan,
        #[label("second contribution")]
        second: SourceSpan,
    },

    /// A name used as a fund (or a line, or a risk pool) that is not one.
    #[error("“{name}” is not {sort} of this agreement")]
    #[diagnostic(code(concord::model::not_a_fund))]
    NotAFund {
        name: String,
        sort: String,
        #[label("not {sort}")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A budget line without its budget.
    #[error("the line “{line}” does not say its budget")]
    #[diagnostic(
        code(concord::model::missing_line_budget),
        help("write the line's budget for the year after its name, for example `line \"{line}\" £2,000,000 commissioned by …`")
    )]
    MissingLineBudget {
        line: String,
        #[label("no budget")]
        at: SourceSpan,
    },

    /// An actual cost that does not say which fund or line it is for, in an agreement with several.
    #[error("this actual cost does not say which fund or line it is for")]
    #[diagnostic(code(concord::model::which_fund))]
    WhichFund {
        #[label("for which fund?")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A fund or line whose actual cost the result does not give.
    #[error("the result `{title}` does not give the actual cost of “{of}”")]
    #[diagnostic(code(concord::model::missing_actual_cost))]
    MissingActualCost {
        title: String,
        of: String,
        #[label("this result")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A fund's income depends on a measure the result does not give.
    #[error("the result `{title}` does not say how “{measure}” changed, so the income into “{fund}” that depends on it cannot be worked out")]
    #[diagnostic(code(concord::model::missing_measure))]
    MissingMeasure {
        title: String,
        measure: String,
        fund: String,
        #[label("this result")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A fund rule for conditional money that could never apply to the fund it is written in.
    #[error("{what} can never apply in “{fund}”")]
    #[diagnostic(code(concord::model::condition_cannot_apply))]
    ConditionCannotApply {
        what: String,
        fund: String,
        #[label("never applies here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result says an overspend was caused by maladministration, but the line's fund does not
    /// say who bears such an overspend.
    #[error("the agreement does not say who bears an overspend on “{line}” caused by maladministration")]
    #[diagnostic(code(concord::model::cause_not_provided))]
    CauseNotProvided {
        line: String,
        fund: String,
        #[label("the fund “{fund}” has no rule for this cause")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result says an overspend was caused by maladministration on a line that did not overspend.
    #[error("“{line}” did not overspend, so no overspend on it can be caused by maladministration")]
    #[diagnostic(code(concord::model::not_an_overspend))]
    NotAnOverspend {
        line: String,
        #[label("no overspend here")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result gives a measure that no income of the agreement depends on.
    #[error("no income in the agreement depends on “{measure}”")]
    #[diagnostic(code(concord::model::unknown_measure))]
    UnknownMeasure {
        measure: String,
        #[label("not a measure the agreement names")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A result says a decision was agreed, but no cap is lifted by that decision.
    #[error("“{decision}” lifts no cap in this agreement")]
    #[diagnostic(code(concord::model::cap_not_liftable))]
    CapNotLiftable {
        decision: String,
        #[label("lifts no cap")]
        at: SourceSpan,
        #[help]
        help: String,
    },
    /// A decision needs a fact of the proposal (when it was requested, who proposed it, when
    /// notice was given, when a breach was notified, its date) and the proposal does not give it.
    #[error("this proposal does not say {what}")]
    #[diagnostic(code(concord::model::missing_proposal_fact))]
    MissingProposalFact {
        what: String,
        #[label("decision `{decision}` needs it")]
        at: SourceSpan,
        decision: String,
        #[help]
        help: String,
    },

    /// A proposal gives a fact its decision makes no use of.
    #[error("decision `{decision}` makes no use of {what}")]
    #[diagnostic(code(concord::model::proposal_fact_not_used))]
    ProposalFactNotUsed {
        decision: String,
        what: String,
        #[label("changes nothing for this decision")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// Two dates of a proposal in an order that cannot be (a request after the meeting, a
    /// remedy before the breach was notified).
    #[error("{later} is before {earlier}")]
    #[diagnostic(
        code(concord::model::dates_out_of_order),
        help("check the dates: a request, a notice and a breach come before the proposal is decided (`dated`), and a breach is remedied after it is notified")
    )]
    DatesOutOfOrder {
        later: String,
        earlier: String,
        #[label("this date")]
        at: SourceSpan,
        #[label("is before this one")]
        other: SourceSpan,
    },

    /// A breach remedied after its cure period ran out: whether the decision may still be taken
    /// is not settled by `only after a breach unremedied for …`, so it is not guessed.
    #[error("the breach was remedied on {remedied}, after its cure period ran out on {ends}")]
    #[diagnostic(
        code(concord::model::remedy_after_cure_period),
        help("the breach went unremedied for the whole period, then was put right; `only after a breach unremedied for …` does not say whether a late remedy takes the ground away, so Concord does not decide it. If the agreement's own words say the ground stands, leave out `remedied on`; if they say it falls, the proposal cannot be made")
    )]
    RemedyAfterCurePeriod {
        remedied: String,
        ends: String,
        #[label("remedied after the period")]
        at: SourceSpan,
    },

    /// A problem with carrying forward, uplifts or a sequence of scenarios.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Years(#[from] super::years::YearsError),

    /// A problem with an election or a scenario's election.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Election(#[from] Box<super::elections_error::ElectionError>),
}
