//! The resolved model: what an agreement means, with every name bound and every figure exact.
//!
//! `lower` turns a syntax tree into an [`Agreement`] (and proposals, results and scenarios into
//! [`Inputs`] against an agreement). Members, kinds, blocs and decisions are referred to by id;
//! money is [`Money`] in the agreement's currency; percentages are [`Percent`]. The checker,
//! evaluator, money engine and power analysis read only this model.
//!
//! Layers, lowest first; a file imports only from its own layer or below (and this file's ids,
//! `Money` and `Agreement`). Leaves: the agreement's words (`terms`, `rules`, `matters`,
//! `procedure`, `meetings`, `on_passing`…) and the error enums (`error/`, `years`, `*_error`) that
//! `LowerError` wraps. Then what an input says: `proposal`, then `scenario`. Then the judges of a
//! proposal: `chairs`, `offices`, `conflicts`, `proposer_rules`, `effects` (over `renumber`). On
//! top, the readers: `lower/` reads an agreement; `inputs` reads proposal and scenario files.

pub mod blocs;
pub mod chairs;
pub mod conflicts;
pub use blocs::BlocRule;
pub mod effects;
pub mod elections;
mod elections_error;
pub use elections_error::ElectionError;
mod error;
mod error_kinds;
pub mod figures;
mod funds;
pub mod instalments;
pub use funds::{ConditionalIncome, FundCap, FundDef, FundLine};
pub mod leaving;
mod waterfalls;
pub use waterfalls::{Budget, BudgetLine, DeficitStep, Reinvest, SavingsStep, ShareMixPart, Waterfall};
pub mod inputs;
mod lower;
pub mod makeup;
mod outcomes;
pub use outcomes::DefaultOutcome;
pub mod matters;
pub mod meetings;
mod meetings_error;
pub use meetings_error::MeetingsError;
pub mod offices;
mod on_passing;
pub mod outside;
mod outside_error;
pub use outside_error::OutsideError;
pub mod procedure;
pub mod proposal;
pub mod proposer_rules;
mod renumber;
mod rules;
pub mod scenario;
pub mod terms;
pub mod years;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::calendar::{Date, Duration, DurationUnit};
use crate::span::{Span, Spanned};
// The money vocabulary is still the syntax tree's; see `terms`.
pub use crate::syntax::ast::{FigureName, FigureUnit, Fund, FundKind, LineKind, RiskMode, ShareMethod};
pub use error::{InputsError, LowerError, OfficesError, ProceedingsError};
pub use figures::{exact_share_bases, ExactBases, Exemption, FigureForm, StatedRounding};
pub use inputs::{lower_inputs, scenarios_target};
pub use lower::{intentions, lower_agreement, FileKind, MAX_DECISIONS, MAX_MEMBERS, RESERVED_WORDS};
pub use proposal::Proposal;
pub use rules::{conditions, Base, Condition, Escalation, Exclusion, Rule, TimedRule, Veto, VetoHolder};
pub use scenario::{Inputs, Scenario, ScenarioFile, YearEnd};
pub use terms::{
    CommitScope, Comparator, EscalationTrigger, GovernanceForm, InvalidReason, MembershipShare, Proportion,
    ProportionForm, Role, Rounding, Scope, Side, Unit, VoteChoice, WeightScheme,
};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub struct $name(pub u32);

        impl $name {
            /// The index of this id in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// A member, by its place in [`Agreement::members`].
    MemberId
);
id_type!(
    /// A kind, by its place in [`Agreement::kinds`].
    KindId
);
id_type!(
    /// A bloc, by its place in [`Agreement::blocs`].
    BlocId
);
id_type!(
    /// A decision, by its place in [`Agreement::decisions`].
    DecisionId
);

/// A sum of money in the agreement's currency, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Money(pub Decimal);

/// A percentage: `Percent(70)` is 70%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Percent(pub Decimal);

impl Percent {
    /// The percentage as a fraction of one (70% is 0.7). Exact: division by 100 never rounds.
    // BOUND: dividing by 100 only makes a decimal smaller; it cannot overflow.
    #[allow(clippy::arithmetic_side_effects)]
    pub fn as_fraction(self) -> Decimal {
        self.0 / Decimal::ONE_HUNDRED
    }
}

/// The agreement's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Currency {
    /// ISO code, e.g. `GBP`.
    pub code: String,
    /// The symbol amounts may be written with, e.g. `£`.
    pub symbol: Option<char>,
    /// The smallest amount money is rounded to, e.g. 0.01 for pence.
    pub minor_unit: Decimal,
    /// Where the currency was declared (none when inferred from the amounts).
    pub span: Option<Span>,
}

/// A kind of member (primary care, social care, lay…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kind {
    /// Its id.
    pub id: KindId,
    /// Its name as written.
    pub name: String,
    /// Where it was declared, or first used when the agreement declares no kinds.
    pub span: Span,
}

/// One figure of a member, with where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The exact value: money in the currency, a percentage (70 for 70%) or a plain number.
    pub value: Decimal,
    /// What the value is.
    pub unit: FigureUnit,
    /// The figure's clause.
    pub span: Span,
    /// How it was written, when not as a plain amount, percentage or number.
    pub form: FigureForm,
}

/// A member of the agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Its id.
    pub id: MemberId,
    /// Its identifier as written (`hhft`).
    pub key: String,
    /// Its display name (the identifier when none is given).
    pub name: String,
    /// The identifier in its header.
    pub span: Span,
    /// Its kinds, each with where it was written.
    pub kinds: Vec<Spanned<KindId>>,
    /// Its roles, each with where it was written.
    pub roles: BTreeMap<Role, Span>,
    /// Its figures.
    pub figures: BTreeMap<FigureName, Figure>,
    /// Its explicit number of votes (`votes 3`).
    pub votes: Option<Spanned<Decimal>>,
    /// The organisation its seat is drawn from (`drawn from "Age UK Isle of Wight"`), for a
    /// member body whose seats come from different organisations (C74).
    pub drawn_from: Option<Spanned<String>>,
}

impl Member {
    /// Whether the member holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains_key(&role)
    }

    /// Whether the member is of kind `kind`.
    pub fn is_of_kind(&self, kind: KindId) -> bool {
        self.kinds.iter().any(|k| k.node == kind)
    }

    /// One of the member's figures.
    pub fn figure(&self, name: FigureName) -> Option<Decimal> {
        self.figures.get(&name).map(|f| f.value)
    }
}

/// A share of all votes reserved for one kind: `lay members together hold 10% of the votes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReservedShare {
    /// The kind whose members share the reserved votes equally.
    pub kind: Spanned<KindId>,
    /// The share, as a percentage of all votes.
    pub share: Spanned<Percent>,
}

/// How votes are weighted across the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voting {
    /// The scheme; `one member one vote` unless the agreement says otherwise.
    pub scheme: Spanned<WeightScheme>,
    /// Whether the scheme was written (rather than the default).
    pub declared: bool,
    /// Shares reserved for kinds.
    pub reserved: Vec<ReservedShare>,
}

/// A bloc: a group of members deciding by majority within it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bloc {
    /// Its id.
    pub id: BlocId,
    /// Its identifier as written.
    pub key: String,
    /// Its display name.
    pub name: String,
    /// Its header's identifier.
    pub span: Span,
    /// Its members.
    pub members: Vec<MemberId>,
    /// The kind it was defined by, when `members of kind …`.
    pub of_kind: Option<KindId>,
    /// Its own rule, `decides by at least two thirds of its votes cast`; without one the bloc
    /// decides by more than half of its votes cast (see [`Bloc::rule`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_rule: Option<BlocRule>,
    /// `on a tie within the bloc, lbh has the casting vote`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub casting_vote: Option<Spanned<MemberId>>,
}

/// Which blocs a condition or veto is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BlocSelection {
    /// Every bloc.
    Each,
    /// One bloc.
    One(BlocId),
}

/// A kind of decision and how it is made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// Its id.
    pub id: DecisionId,
    /// Its name as written.
    pub name: String,
    /// Its header's name.
    pub span: Span,
    /// Its rules, each with the dates in force, in the order written.
    pub rules: Vec<TimedRule>,
    /// Its own voting scheme, when it differs from the agreement's.
    pub voting: Option<Spanned<WeightScheme>>,
    /// Its quorum (the agreement's default quorum when it has none of its own).
    pub quorum: Option<Spanned<Rule>>,
    /// Its quorum at a meeting reconvened for want of a quorum (see [`Agreement::quorum_for`]).
    pub reconvened_quorum: Option<Spanned<Rule>>,
    /// Who does not vote.
    pub exclusions: Vec<Exclusion>,
    /// Who may veto.
    pub vetoes: Vec<Veto>,
    /// Who has the casting vote on a tie.
    pub casting_vote: Option<Spanned<MemberId>>,
    /// `on a tie, the person presiding has the casting vote`: the clause's span. The holder is
    /// the proposal's `presiding:` member (see [`offices::casting_holder`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub casting_presiding: Option<Span>,
    /// `on a tie, the chair has the casting vote` where the chair is an office of the agreement
    /// (its clause's span): the holder is whoever holds it at the meeting (see
    /// [`chairs::seat`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub casting_office: Option<Spanned<chairs::OfficeId>>,
    /// Where the decision goes when it ties or fails.
    pub escalations: Vec<Escalation>,
    /// What applies when it is not carried and no route takes it.
    pub default: Option<DefaultOutcome>,
    /// A matter reserved to one partner, and approvals outside the meeting.
    #[serde(skip_serializing_if = "matters::Matters::is_empty")]
    pub matters: matters::Matters,
    /// Time, who may propose, postponement, notice and cure (docs/semantics.md 1a, 4a, 4b).
    #[serde(skip_serializing_if = "procedure::Procedure::is_empty")]
    pub procedure: procedure::Procedure,
    /// Removal after missed meetings, its excuse, a quorum of those attending (issue 21).
    #[serde(skip_serializing_if = "meetings::Meetings::is_empty")]
    pub meetings: meetings::Meetings,
    /// `decided by "BODY"`: a body outside the meeting takes the decision (C51; added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside: Option<outside::OutsideBody>,
    /// What changes in the agreement when a proposal for it passes (`on passing, …`), in the
    /// order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Spanned<on_passing::DecisionEffect>>,
}

impl Decision {
    /// The rule in force on `date` (or, with no date, the rule with no end date, else the last).
    pub fn rule_on(&self, date: Option<Date>) -> Option<&TimedRule> {
        match date {
            Some(date) => self
                .rules
                .iter()
                .find(|r| r.from.is_none_or(|from| from <= date) && r.until.is_none_or(|until| date <= until)),
            None => self.rules.iter().find(|r| r.until.is_none()).or_else(|| self.rules.last()),
        }
    }
}

/// Joining and leaving.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Membership {
    /// The decision that admits a member.
    pub joining: Option<Spanned<DecisionId>>,
    /// Whether a joining member signs a deed of accession.
    pub accession: Option<Span>,
    /// Notice a leaving member must give.
    pub notice: Option<Spanned<Duration>>,
    /// The decision that approves a departure.
    pub leaving: Option<Spanned<DecisionId>>,
    /// Figures a leaving member forfeits (its investment).
    pub forfeits: Vec<Spanned<FigureName>>,
    /// Whether a leaving member loses its say over capitated payments.
    pub loses_say: Option<Span>,
    /// A sum a leaving member pays.
    pub penalty: Option<Spanned<Money>>,
    /// The decision that expels a member.
    pub expulsion: Option<Spanned<DecisionId>>,
    /// Limits on the make-up of the membership (`at most 7 members`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub makeup: Vec<makeup::Limit>,
    /// Notice periods of a kind's own (`leaving requires 3 months' notice for commercial
    /// members`): each replaces `notice` for members of that kind (see [`leaving`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kind_notices: Vec<(Spanned<KindId>, Spanned<Duration>)>,
    /// Sums of a kind's own (`a leaving commercial member pays £50,000`): each replaces
    /// `penalty` for members of that kind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kind_penalties: Vec<(Spanned<KindId>, Spanned<Money>)>,
    /// Figures members of a kind forfeit besides `forfeits` (`a leaving commercial member
    /// forfeits its investment`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kind_forfeits: Vec<(Spanned<KindId>, Spanned<FigureName>)>,
}

/// An agreement, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Who may cast a member's vote in its place (substitutes and proxies).
    #[serde(skip_serializing_if = "offices::StandIns::is_empty")]
    pub stand_ins: offices::StandIns,
    /// Offices that change or are shared (`the chair rotates between …`), in the order first named.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<chairs::Office>,
    /// Its title.
    pub title: Spanned<String>,
    /// Its governance form.
    pub form: Option<Spanned<GovernanceForm>>,
    /// Its currency.
    pub currency: Currency,
    /// When it takes effect.
    pub effective: Option<Spanned<Date>>,
    /// The period it covers (first and last day).
    pub period: Option<(Spanned<Date>, Spanned<Date>)>,
    /// Kinds, declared or used.
    pub kinds: Vec<Kind>,
    /// Whether the agreement declares its kinds (then using another kind is an error).
    pub kinds_declared: bool,
    /// Members, in the order written.
    pub members: Vec<Member>,
    /// How votes are weighted.
    pub voting: Voting,
    /// Blocs.
    pub blocs: Vec<Bloc>,
    /// Decisions.
    pub decisions: Vec<Decision>,
    /// The quorum for decisions that do not set their own.
    pub default_quorum: Option<Spanned<Rule>>,
    /// The quorum at a reconvened meeting for decisions that do not set their own quorum.
    pub default_reconvened_quorum: Option<Spanned<Rule>>,
    /// The savings waterfall.
    pub savings: Option<Waterfall<SavingsStep>>,
    /// The deficit waterfall.
    pub deficits: Option<Waterfall<DeficitStep>>,
    /// The capitated budget.
    pub budget: Option<Budget>,
    /// Joining and leaving.
    pub membership: Membership,
    /// The agreement's funds (`pooled fund`, `aligned budget`, `risk pool` blocks), in the
    /// order written. Empty when the agreement has one budget and one pair of waterfalls.
    pub funds: Vec<FundDef>,
    /// Elections (`election "deputy chair"` blocks), in the order written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elections: Vec<elections::Election>,
}

/// A finding the drafter says is intended: `expect FINDING because "…"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Intention {
    /// The finding's full code (`dummy` is `concord::check::dummy`).
    pub code: String,
    /// The reason given.
    pub because: String,
    /// The block it covers; `None` for the whole file.
    pub scope: Option<Span>,
    /// The clause.
    pub at: Span,
    /// The code as written, and where.
    pub name: String,
    pub written: Span,
}

/// The quorum a proposal is judged by, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quorum<'a> {
    /// The quorum's rule.
    pub rule: &'a Spanned<Rule>,
    /// Whether the decision sets it (else it is the agreement's).
    pub own: bool,
    /// Whether it is the quorum for a reconvened meeting.
    pub reconvened: bool,
}

/// Of `members`, the one whose identifier is nearest to `key`, when `key` is a likely misspelling.
pub fn nearest_member<'a>(members: &'a [Member], key: &str) -> Option<&'a str> {
    crate::suggest::nearest(key, members.iter().map(|m| m.key.as_str()))
}

impl Agreement {
    /// A member by identifier.
    pub fn member_by_key(&self, key: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.key == key)
    }

    /// The member whose identifier is nearest to `key`, when `key` is a likely misspelling of it.
    pub fn nearest_member(&self, key: &str) -> Option<&str> {
        nearest_member(&self.members, key)
    }

    /// A decision by name.
    pub fn decision_by_name(&self, name: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.name == name)
    }

    /// A member by id.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.get(id.index())
    }

    /// A kind by id.
    pub fn kind(&self, id: KindId) -> Option<&Kind> {
        self.kinds.get(id.index())
    }

    /// A bloc by id.
    pub fn bloc(&self, id: BlocId) -> Option<&Bloc> {
        self.blocs.get(id.index())
    }

    /// A decision by id.
    pub fn decision(&self, id: DecisionId) -> Option<&Decision> {
        self.decisions.get(id.index())
    }

    /// The quorum a proposal must meet (docs/semantics.md, step 4): at an ordinary meeting the
    /// decision's own quorum, else the agreement's default. At a meeting reconvened for want of
    /// a quorum, the lower quorum that goes with that one: the decision's own `if reconvened`
    /// quorum, else (only when the decision sets no quorum of its own) the agreement's; with
    /// none, the ordinary quorum still applies.
    pub fn quorum_for<'a>(&'a self, decision: &'a Decision, reconvened: bool) -> Option<Quorum<'a>> {
        if decision.matters.reserved_alone() {
            // A matter only one partner decides is not the meeting's: no quorum applies to it.
            return None;
        }
        let ordinary = match &decision.quorum {
            Some(q) => Some(Quorum { rule: q, own: true, reconvened: false }),
            None => self.default_quorum.as_ref().map(|q| Quorum { rule: q, own: false, reconvened: false }),
        };
        let lower = match (&decision.reconvened_quorum, &decision.quorum) {
            (Some(q), _) => Some(Quorum { rule: q, own: true, reconvened: true }),
            (None, None) => {
                self.default_reconvened_quorum.as_ref().map(|q| Quorum { rule: q, own: false, reconvened: true })
            }
            (None, Some(_)) => None,
        };
        if reconvened {
            lower.or(ordinary)
        } else {
            ordinary
        }
    }

    /// The quorum of an ordinary meeting for a decision: its own, else the agreement's default;
    /// none for a matter reserved to one partner alone (not the meeting's to decide).
    pub fn ordinary_quorum<'a>(&'a self, decision: &'a Decision) -> Option<&'a Spanned<Rule>> {
        if decision.matters.reserved_alone() {
            return None;
        }
        decision.quorum.as_ref().or(self.default_quorum.as_ref())
    }

    /// The voting scheme for a decision: its own, else the agreement's.
    pub fn scheme_for<'a>(&'a self, decision: &'a Decision) -> &'a Spanned<WeightScheme> {
        decision.voting.as_ref().unwrap_or(&self.voting.scheme)
    }
}
