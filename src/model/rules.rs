//! A decision's rules, resolved: the conditions and what they count, rules in force by date or
//! by proposer, who does not vote, vetoes and escalation routes. See the language reference for
//! each meaning and docs/semantics.md for how a proposal is decided by them.

use serde::Serialize;

use super::{
    BlocSelection, Comparator, Date, Duration, EscalationTrigger, FigureName, KindId, MemberId, MembershipShare,
    Percent, Proportion, Scope, Side, Unit,
};
use crate::span::{Span, Spanned};

/// What a proportion or count is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Base {
    /// Only members of this kind count, when given.
    pub kind: Option<KindId>,
    /// Weighted votes or heads.
    pub unit: Unit,
    /// Eligible, cast or present.
    pub scope: Scope,
}

/// One condition of a rule, names resolved. See the language reference for each meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Condition {
    /// `unanimous`: every eligible member in favour.
    Unanimous,
    /// `every [KIND] member SIDE`.
    Every { kind: Option<KindId>, side: Side },
    /// `no [KIND] member SIDE`.
    NoMember { kind: Option<KindId>, side: Side },
    /// `half the BASE plus one SIDE`.
    HalfPlusOne { base: Base, side: Side },
    /// `COMPARATOR PROPORTION of BASE SIDE`.
    Threshold { comparator: Comparator, proportion: Spanned<Proportion>, base: Base, side: Side },
    /// `COMPARATOR N [KIND] members SIDE`; also `COMPARATOR PROPORTION of the membership SIDE,
    /// rounded up|down`, whose count is worked out when the agreement is read (`share` says how).
    Count {
        comparator: Comparator,
        count: Spanned<u32>,
        kind: Option<KindId>,
        side: Side,
        share: Option<MembershipShare>,
    },
    /// `each bloc in favour` / `the ID bloc in favour`: each bloc's position, by its own rule
    /// and casting vote, is in favour.
    BlocPosition { blocs: BlocSelection },
    /// `each bloc in favour by COMPARATOR PROPORTION of its BASE`.
    Bloc { blocs: BlocSelection, comparator: Comparator, proportion: Spanned<Proportion>, base: Base },
    /// `MEMBER SIDE`.
    Member { member: MemberId, side: Side },
}

/// A decision rule: conditions joined by and / or.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Rule {
    /// One condition.
    Condition(Condition),
    /// Every part must hold.
    All(Vec<Spanned<Rule>>),
    /// At least one part must hold.
    Any(Vec<Spanned<Rule>>),
}

/// Every condition in a rule, depth first, with its span.
pub fn conditions(rule: &Spanned<Rule>) -> Vec<&Spanned<Rule>> {
    {
        let mut out = Vec::new();
        let mut stack = vec![rule];
        while let Some(part) = stack.pop() {
            match &part.node {
                Rule::Condition(_) => out.push(part),
                Rule::All(parts) | Rule::Any(parts) => stack.extend(parts.iter().rev()),
            }
        }
        out
    }
}

/// A rule with the dates it is in force (both inclusive; none means open-ended).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimedRule {
    /// First day in force.
    pub from: Option<Date>,
    /// Last day in force.
    pub until: Option<Date>,
    /// The rule.
    pub rule: Spanned<Rule>,
    /// The whole `passes if` clause.
    pub span: Span,
    /// `when proposed by …, passes if`: the rule for a proposal made by one of these (see
    /// [`proposer_rules`](super::proposer_rules)); none for a rule that holds whoever proposed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<super::procedure::Proposers>,
}

/// Who does not vote on a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Exclusion {
    /// `members gaining more than 5% of their budget do not vote`.
    Gain { comparator: Comparator, share: Percent, figure: FigureName, span: Span },
    /// `only commissioner members vote`.
    OnlyKind { kind: KindId, span: Span },
    /// `lay members do not vote`.
    Kind { kind: KindId, span: Span },
    /// `lbh does not vote`.
    Member { member: MemberId, span: Span },
    /// `the member concerned does not vote`: the member a proposal says it concerns.
    Concerned { span: Span },
    /// `members may opt out`: the members a proposal lists as `opted out`.
    OptOut { span: Span },
    /// `a conflicted member takes part only if …`: a member a proposal names as conflicted, when
    /// the other members present do not agree that it may take part ([`conflicts::conflict_vote`](super::conflicts::conflict_vote)).
    Conflict { comparator: Comparator, proportion: Proportion, span: Span },
    /// `reserved to lbh` (alone, or with its own governance's approval): every member but lbh.
    ReservedTo { member: MemberId, span: Span },
}

/// Who holds a veto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum VetoHolder {
    /// One member.
    Member(MemberId),
    /// Every member (of a kind, when given).
    AnyMember(Option<KindId>),
    /// Blocs, each voting against by its internal majority.
    Bloc(BlocSelection),
}

/// A veto, unconditional or only when the holder's statutory duties are at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Veto {
    /// Who holds it.
    pub holder: VetoHolder,
    /// Whether it applies only when the proposal puts the holder's statutory duties at risk.
    pub statutory_only: bool,
    /// Whether it applies only when the proposal says the holder loses by it (`MEMBER loses …`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_loss: bool,
    /// The veto clause.
    pub span: Span,
}

impl Veto {
    /// Whether it applies whatever the proposal says (not only when duties are at risk or the
    /// holder loses): the analyses of every possible proposal count only these.
    pub fn unconditional(&self) -> bool {
        !self.statutory_only && !self.on_loss
    }
}

/// An escalation route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    /// What sends the decision down this route.
    pub trigger: EscalationTrigger,
    /// The bodies, in order, each with its time limit.
    pub steps: Vec<(Spanned<String>, Option<Spanned<Duration>>)>,
    /// The clause.
    pub span: Span,
}
