//! Problems found while resolving names and units: `concord::model::<name>`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem found while resolving an agreement or its inputs.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum LowerError {
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
        help("decision `{decision}` says `the member concerned does not vote`: add `concerning: MEMBER`, naming the member the proposal is about")
    )]
    MissingConcerned {
        decision: String,
        #[label("this decision leaves out the member concerned")]
        at: SourceSpan,
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

    /// A problem with carrying forward, uplifts or a sequence of scenarios.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Years(#[from] super::years::YearsError),
}
