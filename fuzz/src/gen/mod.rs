//! A grammar-aware generator: fuzzer bytes in, Concord text out.
//!
//! [`Case`] is a structured description of an agreement, of the proposals, year-end results and
//! scenarios run against it, and of a REPL session, derived with `arbitrary` so that every byte
//! string is some case. [`Case::render`] writes it as text the way a drafter might: mostly
//! valid (members, kinds, blocs and decisions are referred to by index, so names resolve), with
//! extreme figures (29-digit amounts, 28 decimal places, `bn` multipliers), comments on every
//! kind of line including inside multi-line clauses, and odd layout (tabs, non-breaking spaces,
//! clauses broken over continuation lines, CRLF line ends, missing or extra blank lines).

mod render;

use arbitrary::Arbitrary;

/// One generated case: an agreement, what is run against it, a REPL session, and the layout.
#[derive(Arbitrary, Debug, Clone)]
pub struct Case {
    /// The agreement.
    pub agreement: AgreementSpec,
    /// Proposals, results and scenarios against it.
    pub inputs: InputsSpec,
    /// Lines typed at the REPL after the agreement's blocks.
    pub session: Vec<SessionLine>,
    /// How the text is laid out.
    pub layout: Layout,
}

/// The texts a case stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The agreement (`agreement.concord`).
    pub agreement: String,
    /// Proposals, results and scenarios; a scenario file naming `agreement.concord` when
    /// the case has scenarios.
    pub input: String,
    /// A REPL session: the agreement typed block by block, then commands and inputs.
    pub session: String,
}

/// Layout choices, and a stream of bytes drawn at each point where layout may vary.
#[derive(Arbitrary, Debug, Clone)]
pub struct Layout {
    crlf: bool,
    indent: u8,
    noise: Vec<u8>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct AgreementSpec {
    title: u8,
    /// Bits 0, 1, 2 clear: the first, second and third members are the lead provider, the
    /// chair and the host.
    roles: u8,
    form: Option<u8>,
    currency: Option<(u8, Option<Num>)>,
    effective: Option<Date>,
    period: Option<(Date, Date)>,
    kinds_decl: u8,
    default_quorum: Option<Rule>,
    members: Vec<MemberSpec>,
    voting: Option<VotingSpec>,
    blocs: Vec<BlocSpec>,
    decisions: Vec<DecisionSpec>,
    savings: Option<Vec<SavingsStep>>,
    deficits: Option<Vec<DeficitStep>>,
    budget: Option<Vec<BudgetLine>>,
    membership: Option<Vec<MembershipClause>>,
}

/// The voting block: its scheme, and the shares reserved for kinds.
pub type VotingSpec = (Option<Scheme>, Vec<(u8, Pct)>);

/// An escalation clause: on a tie (or if rejected), and its bodies with their time limits.
pub type Escalation = (bool, Vec<(u8, Option<(u8, u8)>)>);

#[derive(Arbitrary, Debug, Clone)]
pub struct MemberSpec {
    name: Option<u8>,
    kinds: Vec<u8>,
    lead: u8,
    chair: u8,
    observer: u8,
    host: u8,
    votes: Option<Num>,
    figures: Vec<(Figure, Num)>,
}

/// A number as a drafter might write it, extremes included (about one in ten).
#[derive(Debug, Clone, Copy)]
pub enum Num {
    Small(u8),
    Whole(u32),
    Pence(u32, u8),
    Magnitude(u16, u8, u8),
    Long(u64),
    Extreme(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Pct {
    Common(u8),
    Any(Num),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Date {
    day: u8,
    month: u8,
    year: u8,
    iso: bool,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Figure {
    Budget,
    Allocation,
    Equity,
    RiskShare,
    Reserves,
    Investment,
    InvestmentNeed,
    Contribution,
    LiabilityCap,
    Performance,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Scheme {
    OneMemberOneVote,
    CommittedProposal,
    CommittedPool,
    Proportional(Figure),
    Explicit,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct BlocSpec {
    name: Option<u8>,
    of_kind: Option<u8>,
    members: Vec<MemberRef>,
}

/// A member by index (mostly) or by role.
#[derive(Debug, Clone, Copy)]
pub enum MemberRef {
    Id(u8),
    Lead,
    Chair,
    Host,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct DecisionSpec {
    /// Below 230: the rules follow one another in time (`until`, `from … until`, `from`);
    /// otherwise each takes its own `When`.
    timeline: u8,
    rules: Vec<(When, Rule)>,
    voting: Option<Scheme>,
    quorum: Option<Rule>,
    gain_exclusion: Option<(Cmp, Pct, Figure)>,
    only_kind: Option<u8>,
    kind_excluded: Option<u8>,
    member_excluded: Vec<MemberRef>,
    vetoes: Vec<(VetoHolder, bool)>,
    casting: Option<MemberRef>,
    escalations: Vec<Escalation>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum When {
    Always,
    Until(Date),
    From(Date),
    Between(Date, Date),
}

/// A rule: conditions joined by `and` or `or`, parenthesised where they nest.
#[derive(Arbitrary, Debug, Clone)]
pub enum Rule {
    Cond(Cond),
    And(Box<Rule>, Vec<Rule>),
    Or(Box<Rule>, Vec<Rule>),
    Group(Box<Rule>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Cond {
    Unanimous,
    Every { eligible: bool, kind: Option<u8>, side: Side },
    NoMember { eligible: bool, kind: Option<u8>, side: Side },
    HalfPlusOne { of_the: bool, base: Base, side: Side },
    Threshold { cmp: Cmp, prop: Prop, the: bool, base: Base, side: Side },
    Count { cmp: Cmp, n: u8, big: bool, kind: Option<u8>, side: Side },
    EachBloc { cmp: Cmp, prop: Prop, base: BlocBase },
    TheBloc { bloc: u8, cmp: Cmp, prop: Prop, base: BlocBase },
    Member { member: MemberRef, side: Side },
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Side {
    InFavour,
    Against,
    Present,
    Abstaining,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Cmp {
    AtLeast,
    MoreThan,
    AtMost,
    NoMoreThan,
    FewerThan,
    LessThan,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Prop {
    Percent(Pct),
    Ratio(u8, u8),
    Word(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Base {
    eligible: bool,
    kind: Option<u8>,
    votes: bool,
    scope: u8,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct BlocBase {
    eligible: bool,
    votes: bool,
    scope: u8,
    their: bool,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum VetoHolder {
    AnyMember(Option<u8>),
    EachBloc,
    TheBloc(u8),
    Member(MemberRef),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum SavingsStep {
    Everything(Fund),
    Rest(Fund),
    Amount(Num, Fund),
    Percent(Pct, Fund),
    Compensation,
    Share(bool, Mix),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Fund {
    Contingency(bool),
    Named(u8),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum Mix {
    One(Method),
    Parts(Vec<(Pct, Method)>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Method {
    Equally,
    By(u8),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum DeficitStep {
    Contingency(bool, bool),
    Insurance(Num),
    Commissioners(Pct, Option<Num>),
    Share(bool, Mix),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum BudgetLine {
    Capitated(Num),
    Intervention(u8, Num, Vec<(MemberRef, Option<Pct>)>),
    Standard(u8, Num, Vec<(MemberRef, Option<Pct>)>),
    PersonalBudgets(Num, Option<Num>, Vec<(MemberRef, Option<Pct>)>),
    Contingency(Num, Vec<(MemberRef, Option<Pct>)>),
    Operations(Num, Vec<(MemberRef, Option<Pct>)>),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum MembershipClause {
    JoiningDecided(u8),
    Accession,
    Notice(u8, u8),
    LeavingDecided(u8),
    Forfeit(Figure),
    LosesSay,
    Pays(Num),
    Expulsion(u8),
}

#[derive(Arbitrary, Debug, Clone)]
pub struct InputsSpec {
    proposals: Vec<ProposalSpec>,
    results: Vec<ResultSpec>,
    scenarios: Vec<ScenarioSpec>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct ProposalSpec {
    decision: Option<u8>,
    dated: Option<Date>,
    duties: Vec<MemberRef>,
    changes: Vec<(MemberRef, bool, Result<Num, Pct>)>,
    commits: Vec<(MemberRef, Num)>,
    /// Per member by index: 0 in favour, 1 against, 2 abstaining, anything else absent.
    votes: Vec<u8>,
    casting: Option<bool>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct ResultSpec {
    capitated: Option<Num>,
    actual: Option<Num>,
    other: Option<Num>,
    fund: Option<Num>,
    performance: Vec<(MemberRef, Num)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct ScenarioSpec {
    proposal: Option<ProposalSpec>,
    result: Option<ResultSpec>,
    expects: Vec<Expect>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Expect {
    Outcome(u8, u8, u8),
    Share(Option<MemberRef>, bool, Num),
    Unallocated(Num),
    Finding(u8),
}

/// One thing typed at the REPL after the agreement's own blocks.
#[derive(Arbitrary, Debug, Clone)]
pub enum SessionLine {
    Member(u8, MemberSpec),
    Decision(u8, DecisionSpec),
    Voting(Option<Scheme>),
    Proposal(ProposalSpec),
    Result(ResultSpec),
    Command(Command),
    Comment(u8),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Command {
    Members,
    Weights(Option<u8>),
    Rules,
    Explain(u8),
    Undo,
    Show,
    Check,
    Help(Option<u8>),
    WhatIf(MemberRef, u8),
    Misspelt,
}

impl<'a> Arbitrary<'a> for MemberRef {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<MemberRef> {
        Ok(match u8::arbitrary(u)? {
            0..=9 => MemberRef::Lead,
            10..=14 => MemberRef::Chair,
            15..=17 => MemberRef::Host,
            i => MemberRef::Id(i),
        })
    }
}

impl<'a> Arbitrary<'a> for Num {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Num> {
        Ok(match u8::arbitrary(u)? {
            0..=59 => Num::Small(u.arbitrary()?),
            60..=119 => Num::Whole(u.arbitrary()?),
            120..=169 => Num::Pence(u.arbitrary()?, u.arbitrary()?),
            170..=209 => Num::Magnitude(u.arbitrary()?, u.arbitrary()?, u.arbitrary()?),
            210..=229 => Num::Long(u.arbitrary()?),
            _ => Num::Extreme(u.arbitrary()?),
        })
    }
}
