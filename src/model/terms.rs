//! The model's own vocabulary: comparators, sides, bases, proportions, roles, schemes, routes.
//!
//! Each of these has a twin in the syntax tree, which records what the drafter wrote; these
//! record what it means, and are what the checker, the evaluator, the reference evaluator and
//! the power analysis read. Lowering (`model::lower::terms`) converts one into the other, so a
//! change of wording stops at the model. `words()` is how the explanation says each back to a
//! lawyer, not how the grammar reads it.
//!
//! The money vocabulary (figures, share methods, funds, budget lines) is still the syntax
//! tree's, re-exported by `model`: it moves with the pooled-funds work.

use rust_decimal::Decimal;
use serde::Serialize;

use super::FigureName;

/// `at least`, `more than`, `at most`, `fewer than`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

impl Comparator {
    /// The comparator in words.
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
    /// Present and voting: in favour or against (an abstention is present, not voting).
    Voting,
}

impl Side {
    /// The side in words.
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

/// Which way a fraction of a member is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rounding {
    Up,
    Down,
}

impl Rounding {
    /// The rounding in words.
    pub fn words(self) -> &'static str {
        match self {
            Rounding::Up => "rounded up",
            Rounding::Down => "rounded down",
        }
    }
}

/// A head count written as a share of the membership: `at least half of the membership,
/// rounded up`. The count it comes to is worked out once, when the agreement is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MembershipShare {
    /// The share of the membership.
    pub proportion: Proportion,
    /// How a fraction of a member is rounded.
    pub rounding: Rounding,
    /// The number of members of the agreement who are not observers.
    pub membership: u32,
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

impl Proportion {
    /// The proportion as it was written: `70%`, `2/3`, `half`.
    pub fn words(&self) -> String {
        let plain = |value: Decimal| value.normalize().to_string();
        let ratio = || format!("{}/{}", plain(self.numerator), plain(self.denominator));
        match self.form {
            ProportionForm::Percent => format!("{}%", plain(self.numerator)),
            ProportionForm::Ratio => ratio(),
            ProportionForm::Words => {
                let words = [
                    ((1, 2), "half"),
                    ((2, 3), "two thirds"),
                    ((3, 4), "three quarters"),
                    ((1, 3), "a third"),
                    ((1, 4), "a quarter"),
                ];
                let pair = (self.numerator, self.denominator);
                words
                    .iter()
                    .find(|((n, d), _)| pair == (Decimal::from(*n), Decimal::from(*d)))
                    .map_or_else(ratio, |(_, w)| (*w).to_string())
            }
        }
    }
}

/// How a proportion was written, so the explanation can say it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProportionForm {
    /// `70%`
    Percent,
    /// `2/3`
    Ratio,
    /// `half`, `two thirds`, …
    Words,
}

/// What sends a decision down its escalation route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EscalationTrigger {
    /// Votes in favour equal votes against and the rule did not pass.
    Tie,
    /// The rule did not pass.
    Rejected,
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
    /// The role in words.
    pub fn words(self) -> &'static str {
        match self {
            Role::LeadProvider => "lead provider",
            Role::Chair => "chair",
            Role::Observer => "observer",
            Role::Host => "host",
        }
    }
}

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

    /// The form in words.
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

/// How votes are weighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum WeightScheme {
    /// One vote each.
    OneMemberOneVote,
    /// In proportion to a member figure (budget, investment, …).
    Proportional(FigureName),
    /// In proportion to the budget committed to the proposal, or to the pool.
    Committed(CommitScope),
    /// Each member's own number of votes.
    Explicit,
}

impl WeightScheme {
    /// The scheme as a drafter writes it: `one member one vote`, `in proportion to budget`.
    pub fn words(&self) -> String {
        match self {
            WeightScheme::OneMemberOneVote => "one member one vote".to_string(),
            WeightScheme::Proportional(figure) => format!("in proportion to {}", figure.words()),
            WeightScheme::Committed(CommitScope::Proposal) => {
                "in proportion to budget committed to the proposal".to_string()
            }
            WeightScheme::Committed(CommitScope::Pool) => "in proportion to budget committed to the pool".to_string(),
            WeightScheme::Explicit => "as set for each member".to_string(),
        }
    }
}

/// Which committed budget weights a commissioner's vote (seed 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CommitScope {
    /// The budget committed to this proposal, given in the proposal.
    Proposal,
    /// The budget committed to the pool as a whole: the member's `contribution`.
    Pool,
}

/// How a member voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VoteChoice {
    InFavour,
    Against,
    Abstaining,
}

/// Why a vote was invalid, as a scenario may expect it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InvalidReason {
    NoQuorum,
    UnknownMemberVoted,
    UnknownDecision,
    TooLittleNotice,
    CurePeriodNotRun,
    BreachRemedied,
    ProposerNotAllowed,
    /// `the meeting was not validly called`.
    MeetingNotCalled,
    AbsenceTooShort,
    AbsenceExcused,
}
