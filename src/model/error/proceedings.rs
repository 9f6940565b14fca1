//! Problems with a decision's procedure at a meeting: the member concerned, conflicts of interest,
//! reserved matters, outside approvals, proxies and opt-outs.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem with a decision's procedure at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum ProceedingsError {
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
}
