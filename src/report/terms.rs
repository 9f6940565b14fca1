//! The words for the terms an evaluation's working carries as structured data
//! ([`crate::results::terms`]), for text (each is `Display` here, and only here) and for
//! JSON, where each is the string docs/json.md gives: `"30 days"`, `"more than half of its
//! votes cast"`, `"fr, de and it jointly"`.

use serde::{Serialize, Serializer};

use crate::calendar::Duration;
use crate::model::{FigureName, Proportion, Role, Rounding, WeightScheme};
use crate::results::terms::{
    ApproverTerm, BlocRule, Possessive, PostponementShare, Proposer, Refusal, RuleProposer, RuleProposers, Term,
    Threshold,
};

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    super::words::list(items)
}

/// A period in words: `30 days`.
pub fn period_words(period: &Term<Duration>) -> String {
    period.0.words()
}

/// `more than half`.
pub fn threshold_words(t: &Threshold) -> String {
    format!("{} {}", t.comparator.words(), t.proportion.words())
}

/// `more than half of its votes cast`.
pub fn bloc_rule_words(rule: &BlocRule) -> String {
    format!("{} of {}", threshold_words(&rule.threshold), rule.base.bloc_words())
}

/// `at least 30% of eligible votes`.
pub fn postponement_share_words(share: &PostponementShare) -> String {
    let comparator = if share.strictly { "more than" } else { "at least" };
    format!("{comparator} {}% of eligible votes", share.percent.normalize())
}

/// `fr`, `“the Commission”`, `fr, de and it jointly`.
pub fn proposer_words(proposer: &Proposer) -> String {
    match proposer {
        Proposer::Member(key) => key.clone(),
        Proposer::Body(body) => format!("“{body}”"),
        Proposer::Jointly(members) => format!("{} jointly", and_list(members)),
    }
}

/// `NHS England`, `lbh's own governance`.
pub fn approver_words(approver: &ApproverTerm) -> String {
    match approver {
        ApproverTerm::Body(body) => body.clone(),
        ApproverTerm::Governance(member) => format!("{member}'s own governance"),
    }
}

/// `“the Commission” or icb`, `a lay member`, `any 10 members jointly`.
pub fn rule_proposers_words(proposers: &RuleProposers) -> String {
    let names: Vec<String> = proposers
        .0
        .iter()
        .map(|p| match p {
            RuleProposer::Member(key) => key.clone(),
            RuleProposer::Kind(kind) => format!("a {kind} member"),
            RuleProposer::Body(body) => format!("“{body}”"),
            RuleProposer::Jointly(n) => format!("any {n} members jointly"),
            RuleProposer::AnyMember => "any member".to_string(),
        })
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The refusal's message, with its help in brackets.
pub fn refusal_words(refusal: &Refusal) -> String {
    match &refusal.help {
        Some(help) => format!("{} ({help})", refusal.message),
        None => refusal.message.clone(),
    }
}

/// Each term in words, for text (`{}` in a sentence) and, by the same words, for JSON.
macro_rules! worded {
    ($($ty:ty => $words:expr;)*) => {$(
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let words: fn(&$ty) -> String = $words;
                f.write_str(&words(self))
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}

worded! {
    Term<Duration> => period_words;
    Term<Role> => |role| role.0.words().to_string();
    Term<WeightScheme> => |scheme| scheme.0.words();
    Term<Proportion> => |share| share.0.words();
    Term<Rounding> => |rounding| rounding.0.words().to_string();
    Term<FigureName> => |figure| figure.0.words().to_string();
    Possessive => |period| period.0.possessive();
    Threshold => threshold_words;
    BlocRule => bloc_rule_words;
    PostponementShare => postponement_share_words;
    Proposer => proposer_words;
    Refusal => refusal_words;
    ApproverTerm => approver_words;
    RuleProposers => rule_proposers_words;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Base, Comparator, Proportion, ProportionForm, Scope, Unit};
    use rust_decimal::Decimal;

    #[test]
    fn joint_proposers_are_listed_with_and() {
        let three = Proposer::Jointly(vec!["fr".into(), "de".into(), "it".into()]);
        assert_eq!(proposer_words(&three), "fr, de and it jointly");
        assert_eq!(proposer_words(&Proposer::Jointly(vec!["fr".into()])), "fr jointly");
        assert_eq!(proposer_words(&Proposer::Body("the Commission".into())), "“the Commission”");
    }

    #[test]
    fn a_rules_proposers_are_listed_with_or_and_approvers_by_name() {
        let who = RuleProposers(vec![
            RuleProposer::Body("the Commission".into()),
            RuleProposer::Kind("lay".into()),
            RuleProposer::Jointly(10),
            RuleProposer::Member("icb".into()),
        ]);
        assert_eq!(rule_proposers_words(&who), "“the Commission”, a lay member, any 10 members jointly or icb");
        assert_eq!(rule_proposers_words(&RuleProposers(vec![RuleProposer::AnyMember])), "any member");
        assert_eq!(approver_words(&ApproverTerm::Governance("lbh".into())), "lbh's own governance");
        let json = serde_json::to_string(&ApproverTerm::Body("NHS England".into())).ok();
        assert_eq!(json.as_deref(), Some("\"NHS England\""));
    }

    #[test]
    fn a_bloc_rule_is_its_threshold_of_its_base() {
        let half = Proportion { numerator: Decimal::ONE, denominator: Decimal::TWO, form: ProportionForm::Words };
        let rule = BlocRule {
            threshold: Threshold { comparator: Comparator::MoreThan, proportion: half },
            base: Base { kind: None, unit: Unit::Votes, scope: Scope::Cast },
        };
        assert_eq!(serde_json::to_string(&rule).ok().as_deref(), Some("\"more than half of its votes cast\""));
        let share = PostponementShare { strictly: false, percent: Decimal::new(300, 1) };
        assert_eq!(postponement_share_words(&share), "at least 30% of eligible votes");
    }
}
