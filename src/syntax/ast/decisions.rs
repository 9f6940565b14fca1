//! Voting, blocs and decisions: rules, conditions, vetoes and escalation.

use rust_decimal::Decimal;
use serde::Serialize;

use super::*;
use crate::span::Spanned;

/// How votes are weighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum WeightScheme {
    /// `one member one vote`
    OneMemberOneVote,
    /// `in proportion to budget` (or another figure)
    Proportional(FigureName),
    /// `in proportion to budget committed to the proposal` / `… to the pool`
    Committed(CommitScope),
    /// `as set for each member` (each member's `votes N`)
    Explicit,
}

/// Which committed budget weights a commissioner's vote (seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CommitScope {
    /// The budget committed to this proposal, given in the proposal.
    Proposal,
    /// The budget committed to the pool as a whole: the member's `contribution`.
    Pool,
}

/// A clause under `voting`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum VotingClause {
    /// A weighting scheme.
    Scheme(WeightScheme),
    /// `lay members together hold 10% of the votes`
    Reserved { kind: Ident, share: Spanned<Decimal> },
}

// ───────────── blocs ─────────────

/// A clause under `bloc`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BlocClause {
    /// `members of kind health`
    OfKind(Ident),
    /// `members ccg-north, ccg-south`
    Members(Vec<Spanned<MemberRef>>),
    /// `decides by at least two thirds of its votes cast`: the bloc's own rule.
    Rule { comparator: Spanned<Comparator>, proportion: Spanned<Proportion>, base: Base },
    /// `on a tie within the bloc, lbh has the casting vote`
    CastingVote(Spanned<MemberRef>),
}

// ───────────── decisions ─────────────

/// A clause under `decision`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DecisionClause {
    /// `[until DATE, | from DATE,] passes if RULE`
    Rule { period: Option<Spanned<RulePeriod>>, rule: Spanned<Rule> },
    /// `voting in proportion to investment`
    Voting(Spanned<WeightScheme>),
    /// `quorum RULE`
    Quorum(Spanned<Rule>),
    /// `if reconvened, quorum RULE`
    ReconvenedQuorum(Spanned<Rule>),
    /// `members gaining more than 5% of their budget do not vote`
    GainExclusion { comparator: Spanned<Comparator>, share: Spanned<Decimal>, figure: Spanned<FigureName> },
    /// `only commissioner members vote`
    OnlyKind(Ident),
    /// `lay members do not vote`
    KindExcluded(Ident),
    /// `lbh does not vote`
    MemberExcluded(Spanned<MemberRef>),
    /// `the member concerned does not vote`
    ConcernedExcluded,
    /// `members may opt out`
    OptOutAllowed,
    /// `lbh may veto [when its statutory duties are at risk]`
    Veto { holder: Spanned<VetoHolder>, statutory: Option<Spanned<()>>, loss: Option<Spanned<()>> },
    /// `on a tie, the chair has the casting vote`
    CastingVote(Spanned<MemberRef>),
    /// `on a tie, the person presiding has the casting vote`: whoever presides at the meeting,
    /// as the proposal's `presiding:` line says.
    CastingVotePresiding,
    /// `on a tie, the vice-chair has the casting vote`: whoever holds the office.
    CastingVoteOffice(Ident),
    /// `on a tie, escalate to "…"` / `if rejected, escalate to "…", then "…"`
    Escalation { trigger: Spanned<EscalationTrigger>, steps: Vec<Spanned<EscalationStep>> },
    /// `if rejected, the default is "…"`
    Default(Spanned<String>),
    /// `reserved to lbh[, and the meeting must also pass it | , and its own governance must also approve]`
    Reserved { member: Spanned<MemberRef>, also: super::ReservedAlso },
    /// `subject to the approval of "NHS England"`
    Approval(super::ApproverRef),
    /// `a conflicted member takes part only if more than half of the other members present agree`
    Conflict(super::ConflictRuleAst),
    /// `if not agreed within 30 days of the request, escalate to "…"`, then …
    TimedEscalation { period: Spanned<Duration>, steps: Vec<Spanned<EscalationStep>> },
    /// `may be proposed only by icb, lay members or "the Commission"`
    Proposers(Vec<Spanned<Proposer>>),
    /// `members holding at least 30% of eligible votes who ask may have it postponed`
    Postponement { strictly: bool, share: Spanned<Decimal> },
    /// `a proposal needs 7 days' notice`
    Notice(Spanned<Duration>),
    /// `only after a breach unremedied for 30 days`
    Cure(Spanned<Duration>),
    /// `on passing, the lead provider becomes the member concerned` and the like.
    Effect(super::EffectClause),
    /// `when proposed by "the Commission" or "the High Representative", passes if RULE`
    ProposerRule { who: Vec<Spanned<Proposer>>, rule: Spanned<Rule> },
    /// `a meeting may be called by any member` / `… by icb, steering members or "the chair"`
    MeetingCallers(Vec<Spanned<Proposer>>),
    /// `decided by "the Welsh Ministers"`: a body outside the meeting takes the decision (C51).
    Outside(Spanned<String>),
    /// `only after the member concerned has missed every meeting for 6 months` and the like.
    Meetings(super::MeetingsClause),
}

/// Who may propose, as a `may be proposed only by` clause names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Proposer {
    /// A member, by identifier or role.
    Member(MemberRef),
    /// Every member of a kind: `lay members`.
    Kind(Ident),
    /// A body outside the agreement, in quotes: `"the Commission"`.
    Body(String),
    /// `any 10 members jointly`: that many members, proposing together.
    Jointly(u32),
    /// `any member`: every member of the agreement.
    AnyMember,
}

/// When a timed rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RulePeriod {
    /// Up to and including this date.
    Until(Date),
    /// From this date on.
    From(Date),
    /// From the first date to the second, both included.
    Between(Date, Date),
}

/// A decision rule: conditions joined by `and` / `or`, grouped by parentheses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Rule {
    /// One condition.
    Condition(Condition),
    /// Every part must hold.
    All(Vec<Spanned<Rule>>),
    /// At least one part must hold.
    Any(Vec<Spanned<Rule>>),
}

/// `at least`, `more than`, `at most`, `fewer than`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

impl Comparator {
    /// The comparator as written.
    pub fn words(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at least",
            Comparator::MoreThan => "more than",
            Comparator::AtMost => "at most",
            Comparator::LessThan => "fewer than",
        }
    }
}

/// Which way the members counted voted, or that they attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Side {
    InFavour,
    Against,
    Present,
    Abstaining,
    /// `present and voting` (or `voting`): in favour or against.
    Voting,
}

impl Side {
    /// The side as written.
    pub fn words(self) -> &'static str {
        match self {
            Side::InFavour => "in favour",
            Side::Against => "against",
            Side::Present => "present",
            Side::Abstaining => "abstaining",
            Side::Voting => "present and voting",
        }
    }
}

/// Which way a fraction of a member is rounded: `rounded up`, `rounded down`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rounding {
    Up,
    Down,
}

/// Whether a base counts weighted votes or heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    /// Weighted votes under the decision's scheme.
    Votes,
    /// Members, one each.
    Members,
}

/// Which members a proportion is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scope {
    /// Every member entitled to vote on this proposal, present or not.
    Eligible,
    /// Eligible members who voted for or against (abstentions and absences left out).
    Cast,
    /// Eligible members present: for, against or abstaining.
    Present,
}

/// What a proportion is taken of: `eligible votes`, `primary-care members present`, …
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Base {
    pub kind: Option<Ident>,
    pub unit: Unit,
    pub scope: Scope,
}

/// A bloc named in a condition or veto.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BlocSubject {
    /// `each bloc`
    Each,
    /// `the health bloc`
    Named(Ident),
}

/// One condition of a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Condition {
    /// `unanimous`: every eligible member in favour.
    Unanimous,
    /// `every [eligible] [KIND] member SIDE`
    Every { kind: Option<Ident>, side: Side },
    /// `no [eligible] [KIND] member SIDE`
    NoMember { kind: Option<Ident>, side: Side },
    /// `half the BASE plus one SIDE`
    HalfPlusOne { base: Base, side: Side },
    /// `COMPARATOR PROPORTION of BASE SIDE`
    Threshold { comparator: Comparator, proportion: Spanned<Proportion>, base: Base, side: Side },
    /// `COMPARATOR N [KIND] members SIDE`
    Count { comparator: Comparator, count: Spanned<u32>, kind: Option<Ident>, side: Side },
    /// `COMPARATOR PROPORTION of the membership [SIDE], rounded up|down` (no side: `present`)
    Membership { comparator: Comparator, proportion: Spanned<Proportion>, side: Side, rounding: Rounding },
    /// `each bloc in favour` / `the health bloc in favour`: by each bloc's own rule.
    BlocPosition { subject: Spanned<BlocSubject> },
    /// `each bloc in favour by COMPARATOR PROPORTION of its BASE`
    Bloc { subject: Spanned<BlocSubject>, comparator: Comparator, proportion: Spanned<Proportion>, base: Base },
    /// `MEMBER SIDE`
    Member { member: Spanned<MemberRef>, side: Side },
    /// `every kind represented` (`blocs` false) or `each bloc represented` (true): at least one
    /// member of each kind (or bloc) present.
    Represented { blocs: bool },
}

/// Who may veto.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum VetoHolder {
    /// `hhft`, `the lead provider`
    Member(MemberRef),
    /// `any member`, `any social-care member`
    AnyMember { kind: Option<Ident> },
    /// `each bloc`, `the health bloc`
    Bloc(BlocSubject),
}

/// What sends a decision down its escalation route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EscalationTrigger {
    /// Votes in favour equal votes against and the rule did not pass.
    Tie,
    /// The rule did not pass.
    Rejected,
}

/// One rung of an escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscalationStep {
    /// Who the matter goes to.
    pub body: Spanned<String>,
    /// How long that body has.
    pub within: Option<Spanned<Duration>>,
}
