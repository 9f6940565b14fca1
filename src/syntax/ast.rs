//! The typed syntax tree: what the drafter wrote, clause by clause, with a span on every node.
//!
//! Names are not resolved here (that is `model::lower`), but every literal is already exact:
//! amounts, percentages and numbers are `rust_decimal::Decimal`, dates are checked calendar
//! dates. Nothing downstream of `syntax` sees pest's pairs.

use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::calendar::{Date, Duration, DurationUnit, MONTHS};
use crate::span::{Span, Spanned};

/// An identifier as written: a member, kind or bloc.
pub type Ident = Spanned<String>;

/// A whole file: its blocks in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct File {
    /// The blocks, in the order written.
    pub blocks: Vec<Block>,
}

/// One block: a header line and the clauses indented under it. Equality ignores where it was
/// written, like [`Spanned`].
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    /// The header line, without its clauses.
    pub header: Spanned<Header>,
    /// The clauses under the header that could be read.
    pub clauses: Vec<Spanned<Clause>>,
    /// How many clauses under the header could not be read (each was reported).
    pub unreadable: usize,
    /// From the start of the header to the end of the last clause.
    pub span: Span,
}

impl PartialEq for Block {
    fn eq(&self, other: &Self) -> bool {
        self.header == other.header && self.clauses == other.clauses && self.unreadable == other.unreadable
    }
}

/// A block's header line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Header {
    /// `agreement "Title"`
    Agreement { title: Spanned<String> },
    /// `member hhft "Display name"`
    Member { id: Ident, name: Option<Spanned<String>> },
    /// `voting [scheme]`
    Voting { scheme: Option<Spanned<WeightScheme>> },
    /// `bloc health "Display name"`
    Bloc { id: Ident, name: Option<Spanned<String>> },
    /// `decision "change financial flows"`
    Decision { name: Spanned<String> },
    /// `savings`
    Savings,
    /// `deficits`
    Deficits,
    /// `budget`
    Budget,
    /// `pooled fund "Better Care Fund"`, `aligned budget "…"`, `risk pool "…"`
    Fund { kind: FundKind, name: Spanned<String> },
    /// `savings of "Better Care Fund"`: a fund's own savings waterfall.
    FundSavings { fund: Spanned<String> },
    /// `deficits of "Better Care Fund"`: a fund's own deficit waterfall.
    FundDeficits { fund: Spanned<String> },
    /// `membership`
    Membership,
    /// `proposal "title"`
    Proposal { title: Spanned<String> },
    /// `result "title"`
    Result { title: Spanned<String> },
    /// `scenarios for "agreement.concord"`
    ScenariosFor { path: Spanned<String> },
    /// `scenario "name"`
    Scenario { name: Spanned<String> },
}

impl Header {
    /// The header's keyword, as a drafter would name the block.
    pub fn keyword(&self) -> &'static str {
        match self {
            Header::Agreement { .. } => "agreement",
            Header::Member { .. } => "member",
            Header::Voting { .. } => "voting",
            Header::Bloc { .. } => "bloc",
            Header::Decision { .. } => "decision",
            Header::Savings => "savings",
            Header::Deficits => "deficits",
            Header::Budget => "budget",
            Header::Fund { kind, .. } => kind.words(),
            Header::FundSavings { .. } => "savings of",
            Header::FundDeficits { .. } => "deficits of",
            Header::Membership => "membership",
            Header::Proposal { .. } => "proposal",
            Header::Result { .. } => "result",
            Header::ScenariosFor { .. } => "scenarios for",
            Header::Scenario { .. } => "scenario",
        }
    }
}

/// A clause under a header. Which clauses may appear depends on the block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Clause {
    Agreement(AgreementClause),
    Member(MemberClause),
    Voting(VotingClause),
    Bloc(BlocClause),
    Decision(DecisionClause),
    Savings(SavingsStep),
    Deficit(DeficitStep),
    Budget(BudgetLine),
    Fund(FundClause),
    Membership(MembershipClause),
    Proposal(ProposalClause),
    Result(ResultClause),
    Scenario(ScenarioClause),
    /// `expect dummy because "…"`: in any block of an agreement, findings of that kind about
    /// the block (or, in the `agreement` block, anywhere in the file) are intended.
    Intended(IntendedFinding),
}

/// A finding the drafter intends, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntendedFinding {
    /// The finding's code as written: `concord::check::dummy`, or `dummy`.
    pub code: Spanned<String>,
    /// The reason given.
    pub reason: Spanned<String>,
}

impl IntendedFinding {
    /// The full code: a bare name is a checker finding (`dummy` is `concord::check::dummy`).
    pub fn full_code(&self) -> String {
        if self.code.node.contains("::") {
            self.code.node.clone()
        } else {
            format!("concord::check::{}", self.code.node)
        }
    }
}

// ───────────── values ─────────────

/// How a currency was written: by symbol or by ISO code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CurrencyMark {
    /// `£`, `€` or `$`.
    Symbol(char),
    /// `GBP`, `EUR`, …
    Code(String),
}

/// A sum of money as written, exact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The value, with any `m`/`k`/`bn` already applied.
    pub value: Decimal,
    /// The currency mark and where it was written.
    pub currency: Spanned<CurrencyMark>,
}

/// A proportion as an exact fraction `numerator / denominator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Proportion {
    /// The numerator (70 for 70%, 2 for 2/3).
    pub numerator: Decimal,
    /// The denominator (100 for 70%, 3 for 2/3); never zero.
    pub denominator: Decimal,
    /// How it was written, to say it back the same way.
    pub form: ProportionForm,
}

/// How a proportion was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProportionForm {
    /// `70%`
    Percent,
    /// `2/3`
    Ratio,
    /// `half`, `two thirds`, …
    Words,
}

/// A member named by identifier or by the role only one member can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum MemberRef {
    /// `hhft`
    Id(String),
    /// `the lead provider`, `the chair`, `the host`
    Role(Role),
}

/// A member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Role {
    /// Leads the alliance; holds the contract with the commissioners.
    LeadProvider,
    /// Chairs meetings.
    Chair,
    /// Attends but never votes.
    Observer,
    /// Hosts the pooled fund.
    Host,
}

impl Role {
    /// The role as written in an agreement.
    pub fn words(self) -> &'static str {
        match self {
            Role::LeadProvider => "lead provider",
            Role::Chair => "chair",
            Role::Observer => "observer",
            Role::Host => "host",
        }
    }
}

// ───────────── agreement header ─────────────

/// The seven governance forms of the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GovernanceForm {
    LeadProviderAlliance,
    ProviderNetwork,
    ProviderCollaborative,
    ComplementaryContracts,
    Section75PooledBudget,
    CommissioningManagementOrganisation,
    CareTrust,
}

impl GovernanceForm {
    /// Whether this is one of the four joint-commissioning forms, where no party may impose a
    /// decision on the pool (seed 004).
    pub fn is_joint_commissioning(self) -> bool {
        matches!(
            self,
            GovernanceForm::ComplementaryContracts
                | GovernanceForm::Section75PooledBudget
                | GovernanceForm::CommissioningManagementOrganisation
                | GovernanceForm::CareTrust
        )
    }

    /// The form as written.
    pub fn words(self) -> &'static str {
        match self {
            GovernanceForm::LeadProviderAlliance => "lead-provider alliance",
            GovernanceForm::ProviderNetwork => "provider network",
            GovernanceForm::ProviderCollaborative => "provider collaborative",
            GovernanceForm::ComplementaryContracts => "complementary contracts",
            GovernanceForm::Section75PooledBudget => "section 75 pooled budget",
            GovernanceForm::CommissioningManagementOrganisation => "commissioning management organisation",
            GovernanceForm::CareTrust => "care trust",
        }
    }
}

/// A clause under `agreement`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum AgreementClause {
    /// `form provider network`
    Form(Spanned<GovernanceForm>),
    /// `currency GBP, minor unit 0.01`
    Currency { code: Spanned<String>, minor_unit: Option<Spanned<Decimal>> },
    /// `effective from 1 April 2026`
    Effective(Spanned<Date>),
    /// `period 1 April 2026 to 31 March 2027`
    Period { from: Spanned<Date>, to: Spanned<Date> },
    /// `kinds primary-care, social-care`
    Kinds(Vec<Ident>),
    /// `quorum …`: the default quorum for every decision.
    Quorum(Spanned<Rule>),
    /// `if reconvened, quorum RULE`: the quorum at a meeting reconvened for want of one.
    ReconvenedQuorum(Spanned<Rule>),
}

// ───────────── members ─────────────

/// A figure a member may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FigureName {
    /// Current budget: contract value invested in the network.
    Budget,
    /// Allocation under the new model of care.
    Allocation,
    /// Equity share in a joint entity.
    Equity,
    /// Share of risk the member carries.
    RiskShare,
    /// Reserves: the member's ability to pay.
    Reserves,
    /// Upfront investment.
    Investment,
    /// Need for investment.
    InvestmentNeed,
    /// Budget committed to the pool.
    Contribution,
    /// Most the member can bear of a deficit.
    LiabilityCap,
    /// Performance score against the service standards.
    Performance,
}

/// What kind of value a figure holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FigureUnit {
    /// A sum of money in the agreement's currency.
    Money,
    /// A percentage (a plain number is read as a percentage of 100 too).
    Percent,
    /// A plain number (a score).
    Number,
}

impl FigureName {
    /// Every figure, in the order the reference lists them.
    pub const ALL: [FigureName; 10] = [
        FigureName::Budget,
        FigureName::Allocation,
        FigureName::Equity,
        FigureName::RiskShare,
        FigureName::Reserves,
        FigureName::Investment,
        FigureName::InvestmentNeed,
        FigureName::Contribution,
        FigureName::LiabilityCap,
        FigureName::Performance,
    ];

    /// The figure's name as written.
    pub fn words(self) -> &'static str {
        match self {
            FigureName::Budget => "budget",
            FigureName::Allocation => "allocation",
            FigureName::Equity => "equity",
            FigureName::RiskShare => "risk share",
            FigureName::Reserves => "reserves",
            FigureName::Investment => "investment",
            FigureName::InvestmentNeed => "investment need",
            FigureName::Contribution => "contribution",
            FigureName::LiabilityCap => "liability cap",
            FigureName::Performance => "performance",
        }
    }

    /// The unit the figure must be written in.
    pub fn unit(self) -> FigureUnit {
        match self {
            FigureName::Equity | FigureName::RiskShare => FigureUnit::Percent,
            FigureName::Performance => FigureUnit::Number,
            _ => FigureUnit::Money,
        }
    }
}

/// A figure's value as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FigureValue {
    Amount(Amount),
    Percent(Decimal),
    Number(Decimal),
}

/// A clause under `member`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MemberClause {
    /// `kinds acute, health`
    Kinds(Vec<Ident>),
    /// `lead provider`, `chair`, `observer`, `host`
    Role(Role),
    /// `votes 3`
    Votes(Spanned<Decimal>),
    /// `budget £42,000,000`
    Figure { name: Spanned<FigureName>, value: Spanned<FigureValue> },
}

// ───────────── voting ─────────────

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
    /// `lbh may veto [when its statutory duties are at risk]`
    Veto { holder: Spanned<VetoHolder>, statutory: Option<Spanned<()>> },
    /// `on a tie, the chair has the casting vote`
    CastingVote(Spanned<MemberRef>),
    /// `on a tie, escalate to "…"` / `if rejected, escalate to "…", then "…"`
    Escalation { trigger: Spanned<EscalationTrigger>, steps: Vec<Spanned<EscalationStep>> },
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
}

impl Side {
    /// The side as written.
    pub fn words(self) -> &'static str {
        match self {
            Side::InFavour => "in favour",
            Side::Against => "against",
            Side::Present => "present",
            Side::Abstaining => "abstaining",
        }
    }
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
    /// `each bloc in favour by COMPARATOR PROPORTION of its BASE`
    Bloc { subject: Spanned<BlocSubject>, comparator: Comparator, proportion: Spanned<Proportion>, base: Base },
    /// `MEMBER SIDE`
    Member { member: Spanned<MemberRef>, side: Side },
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

// ───────────── money ─────────────

/// Where reinvested savings go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Fund {
    /// `the contingency fund`
    Contingency,
    /// `"service improvement"`
    Named(String),
}

/// How much a reinvestment step takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ReinvestAmount {
    Everything,
    TheRest,
    Amount(Amount),
    Percent(Decimal),
}

/// The basis of a share method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum ShareMethod {
    Equally,
    Budget,
    Allocation,
    Equity,
    RiskShare,
    Performance,
    NeedForInvestment,
    AbilityToPay,
    Contribution,
}

impl ShareMethod {
    /// The method as written after `shared`.
    pub fn words(self) -> &'static str {
        match self {
            ShareMethod::Equally => "equally",
            ShareMethod::Budget => "by budget",
            ShareMethod::Allocation => "by budget allocation",
            ShareMethod::Equity => "by equity",
            ShareMethod::RiskShare => "by risk share",
            ShareMethod::Performance => "by performance",
            ShareMethod::NeedForInvestment => "by need for investment",
            ShareMethod::AbilityToPay => "by ability to pay",
            ShareMethod::Contribution => "by contribution",
        }
    }

    /// The member figure the method divides by, if any.
    pub fn figure(self) -> Option<FigureName> {
        match self {
            ShareMethod::Equally => None,
            ShareMethod::Budget => Some(FigureName::Budget),
            ShareMethod::Allocation => Some(FigureName::Allocation),
            ShareMethod::Equity => Some(FigureName::Equity),
            ShareMethod::RiskShare => Some(FigureName::RiskShare),
            ShareMethod::Performance => Some(FigureName::Performance),
            ShareMethod::NeedForInvestment => Some(FigureName::InvestmentNeed),
            ShareMethod::AbilityToPay => Some(FigureName::Reserves),
            ShareMethod::Contribution => Some(FigureName::Contribution),
        }
    }
}

/// One part of a share mix: `50% by budget allocation`. A lone method has no weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharePart {
    pub weight: Option<Spanned<Decimal>>,
    pub method: Spanned<ShareMethod>,
}

/// A savings waterfall step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SavingsStep {
    /// `30% to the contingency fund`, `everything to the contingency fund`
    Reinvest { amount: Spanned<ReinvestAmount>, fund: Spanned<Fund> },
    /// `compensation to members whose budgets fell`
    Compensation,
    /// `the rest shared 50% by budget allocation, 50% by performance`
    Share { parts: Vec<SharePart> },
}

/// A deficit waterfall step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DeficitStep {
    /// `the contingency fund first`
    Contingency,
    /// `insurance up to £1,000,000`
    Insurance { cap: Spanned<Amount> },
    /// `commissioners bear 50% up to £2,000,000`
    Commissioners { share: Spanned<Decimal>, cap: Option<Spanned<Amount>> },
    /// `from the risk pool "Shared risk pool" up to £500,000`
    RiskPool { pool: Spanned<String>, cap: Option<Spanned<Amount>> },
    /// `shared by ability to pay`
    Share { parts: Vec<SharePart> },
}

/// Who provides a budget line, and what share of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderShare {
    pub member: Spanned<MemberRef>,
    pub share: Option<Spanned<Decimal>>,
}

/// The kind of a capitated budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LineKind {
    Intervention,
    ServiceStandard,
    PersonalBudgets,
    ContingencyFund,
    OperationsTeam,
}

/// A line of the capitated budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BudgetLine {
    /// `capitated budget £60,000,000`
    Capitated(Spanned<Amount>),
    /// Any other line.
    Line {
        kind: LineKind,
        name: Option<Spanned<String>>,
        amount: Spanned<Amount>,
        statutory_minimum: Option<Spanned<Amount>>,
        providers: Vec<ProviderShare>,
    },
}

/// What sort of fund a fund block sets up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// `pooled fund`: one pot, hosted by one partner, the money losing its origin.
    PooledFund,
    /// `aligned budget`: each partner keeps its own budget, managed side by side.
    AlignedBudget,
    /// `risk pool`: money set aside to meet other funds' overspends.
    RiskPool,
}

impl FundKind {
    /// The words that start the block.
    pub fn words(self) -> &'static str {
        match self {
            FundKind::PooledFund => "pooled fund",
            FundKind::AlignedBudget => "aligned budget",
            FundKind::RiskPool => "risk pool",
        }
    }
}

/// Who bears the variance on a budget line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskMode {
    /// `risk shared by the fund's rule` (the default): the variance joins the fund's waterfalls.
    FundRule,
    /// `risk shared by each partner's share of the line`: by the commissioning shares.
    LineShare,
    /// `no risk share`: the commissioning partner bears it.
    NoRiskShare,
}

impl RiskMode {
    /// The mode in the agreement's words.
    pub fn words(self) -> &'static str {
        match self {
            RiskMode::FundRule => "risk shared by the fund's rule",
            RiskMode::LineShare => "risk shared by each partner's share of the line",
            RiskMode::NoRiskShare => "no risk share",
        }
    }
}

/// A clause of a fund block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FundClause {
    /// `hosted by brent`
    HostedBy(Spanned<MemberRef>),
    /// `nwl-icb contributes £20,000,000`
    Contributes { member: Spanned<MemberRef>, amount: Spanned<Amount> },
    /// `overspends and underspends on its lines offset before sharing`
    Offset,
    /// `each partner bears at most its contribution unless "…" agrees`
    Cap { unless: Option<Spanned<String>> },
    /// `line "Reablement" £6,000,000 commissioned by brent, no risk share, capped at £1,000,000`
    Line {
        name: Spanned<String>,
        budget: Option<Spanned<Amount>>,
        commissioners: Vec<ProviderShare>,
        risk: Option<Spanned<RiskMode>>,
        cap: Option<Spanned<Amount>>,
    },
}

// ───────────── membership ─────────────

/// A clause under `membership`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum MembershipClause {
    JoiningDecidedBy(Spanned<String>),
    JoiningAccession,
    LeavingNotice(Spanned<Duration>),
    LeavingDecidedBy(Spanned<String>),
    LeavingForfeits(Spanned<FigureName>),
    LeavingLosesSay,
    LeavingPays(Spanned<Amount>),
    ExpulsionDecidedBy(Spanned<String>),
}

// ───────────── proposals, results, scenarios ─────────────

/// How a member voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VoteChoice {
    InFavour,
    Against,
    Abstaining,
}

/// A revenue change: an amount, or a percentage of the member's budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RevenueChange {
    Amount(Amount),
    PercentOfBudget(Decimal),
}

/// A clause of a proposal (also allowed in a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ProposalClause {
    /// `decision "change financial flows"`
    Decision(Spanned<String>),
    /// `dated 1 May 2026`
    Dated(Spanned<Date>),
    /// `gpfed gains £900,000` / `hhft loses 3% of its budget`
    Revenue { member: Spanned<MemberRef>, gain: bool, change: Spanned<RevenueChange> },
    /// `it puts lbh's statutory duties at risk`
    DutiesAtRisk(Spanned<MemberRef>),
    /// `ccg-north commits £2,000,000`
    Commitment { member: Spanned<MemberRef>, amount: Spanned<Amount> },
    /// `in favour: hhft, gpfed`
    Votes { choice: VoteChoice, members: Vec<Spanned<MemberRef>> },
    /// `casting vote: in favour`
    CastingVote(VoteChoice),
    /// `at a reconvened meeting`
    Reconvened,
}

/// A clause of a year-end result (also allowed in a scenario).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ResultClause {
    CapitatedBudget(Spanned<Amount>),
    ActualCost(Spanned<Amount>),
    /// `actual cost of "Reablement" £5,800,000`: a fund's or a line's actual cost.
    ActualCostOf {
        of: Spanned<String>,
        amount: Spanned<Amount>,
    },
    /// `"agree additional contributions" was agreed`
    Agreed(Spanned<String>),
    OtherIncome(Spanned<Amount>),
    FundBalance(Spanned<Amount>),
    Performance(Vec<(Spanned<MemberRef>, Spanned<Decimal>)>),
}

/// The outcome of a decision, as a scenario expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OutcomeWord {
    Passed,
    Rejected,
    Escalated,
    Deadlocked,
    Invalid,
}

/// Why a vote was invalid, as a scenario expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InvalidReason {
    NoQuorum,
    UnknownMemberVoted,
    UnknownDecision,
}

/// More about an expected outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OutcomeDetail {
    EscalatedTo(Spanned<String>),
    CastingVoteOf(Spanned<MemberRef>),
    Because(InvalidReason),
}

/// Who an expected share belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ShareHolder {
    Member(MemberRef),
    ContingencyFund,
}

/// What a scenario expects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expectation {
    /// `expect rejected`, `expect escalated to "mediation"`
    Outcome { outcome: OutcomeWord, detail: Option<Spanned<OutcomeDetail>> },
    /// `expect hhft receives £1,200,000` (`bears` for a deficit)
    Share { holder: Spanned<ShareHolder>, receives: bool, amount: Spanned<Amount>, fund: Option<Spanned<String>> },
    /// `expect unallocated £0`
    Unallocated(Spanned<Amount>),
    /// `expect finding concord::check::dictator`
    Finding(Spanned<String>),
}

/// A clause of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ScenarioClause {
    /// `propose "change financial flows" on 1 May 2026`
    Propose { decision: Spanned<String>, date: Option<Spanned<Date>> },
    /// `expect …`
    Expect(Expectation),
    /// Any proposal clause.
    Proposal(ProposalClause),
    /// Any result clause.
    Result(ResultClause),
}
