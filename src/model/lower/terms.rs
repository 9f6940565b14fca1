//! The syntax tree's words to the model's meanings, one small conversion per term.
//!
//! Every term is a plain value on both sides; a conversion never fails. The matches are
//! exhaustive, so a word added to the grammar must be given its meaning here.

use crate::model::terms::*;
use crate::syntax::ast;

macro_rules! same_variants {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl From<ast::$name> for $name {
            fn from(value: ast::$name) -> $name {
                match value {
                    $(ast::$name::$variant => $name::$variant,)*
                }
            }
        }
    };
}

same_variants!(Comparator { AtLeast, MoreThan, AtMost, LessThan });
same_variants!(Side { InFavour, Against, Present, Abstaining, Voting });
same_variants!(Rounding { Up, Down });
same_variants!(Unit { Votes, Members });
same_variants!(Scope { Eligible, Cast, Present });
same_variants!(ProportionForm { Percent, Ratio, Words });
same_variants!(EscalationTrigger { Tie, Rejected });
same_variants!(Role { LeadProvider, Chair, Observer, Host });
same_variants!(GovernanceForm {
    LeadProviderAlliance,
    ProviderNetwork,
    ProviderCollaborative,
    ComplementaryContracts,
    Section75PooledBudget,
    CommissioningManagementOrganisation,
    CareTrust,
});
same_variants!(CommitScope { Proposal, Pool });
same_variants!(VoteChoice { InFavour, Against, Abstaining });
same_variants!(InvalidReason {
    NoQuorum,
    UnknownMemberVoted,
    UnknownDecision,
    TooLittleNotice,
    CurePeriodNotRun,
    BreachRemedied,
    ProposerNotAllowed,
    MeetingNotCalled,
    AbsenceTooShort,
    AbsenceExcused,
});

impl From<ast::Proportion> for Proportion {
    fn from(p: ast::Proportion) -> Proportion {
        Proportion { numerator: p.numerator, denominator: p.denominator, form: p.form.into() }
    }
}

impl From<ast::WeightScheme> for WeightScheme {
    fn from(scheme: ast::WeightScheme) -> WeightScheme {
        match scheme {
            ast::WeightScheme::OneMemberOneVote => WeightScheme::OneMemberOneVote,
            ast::WeightScheme::Proportional(figure) => WeightScheme::Proportional(figure),
            ast::WeightScheme::Committed(scope) => WeightScheme::Committed(scope.into()),
            ast::WeightScheme::Explicit => WeightScheme::Explicit,
        }
    }
}
