//! The typed syntax tree: what the drafter wrote, clause by clause, with a span on every node.
//!
//! Names are not resolved here (that is `model::lower`), but every literal is already exact:
//! amounts, percentages and numbers are `rust_decimal::Decimal`, dates are checked calendar
//! dates. Nothing downstream of `syntax` sees pest's pairs.
//!
//! The tree is split by part of the language: `decisions` (voting, blocs, decisions, rules,
//! conditions and escalation), `money` (waterfalls, budgets, funds) and `scenarios` (membership,
//! proposals, results and scenarios); everything is re-exported here.

use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::calendar::{Date, Duration, DurationUnit, MONTHS};
use crate::span::{Span, Spanned};

mod decisions;
mod effects;
mod elections;
mod matters;
mod meetings;
mod money;
mod offices;
mod outside;
mod scenarios;

pub use decisions::*;
pub use effects::*;
pub use elections::*;
pub use matters::*;
pub use meetings::*;
pub use money::*;
pub use offices::*;
pub use outside::*;
pub use scenarios::*;

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
    /// `scenario "name"`, `scenario "Year two" follows "Year one"`
    Scenario { name: Spanned<String>, follows: Option<Spanned<String>> },
    /// `election "deputy chair"`
    Election { name: Spanned<String> },
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
            Header::Election { .. } => "election",
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
    Election(ElectionClause),
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
    /// `[only KIND] members may vote by substitute`
    Substitutes(Option<Ident>),
    /// `[only KIND] members may vote by proxy`
    Proxies(Option<Ident>),
    /// `no member may hold more than 1 proxy`
    ProxyLimit(Spanned<u32>),
    /// `the chair rotates between leader and icb every 2 years from 1 April 2026`
    Office(OfficeClause),
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
    /// `3/7`: an exact fraction of the whole.
    Fraction {
        numerator: Decimal,
        denominator: Decimal,
    },
    /// `3 shares`: a count of shares, a member's share being its count over every member's.
    Shares(Decimal),
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
    /// `has a designated substitute`
    DesignatedSubstitute,
    /// `drawn from "Age UK Isle of Wight"`: the organisation the seat is drawn from.
    DrawnFrom(Spanned<String>),
}
