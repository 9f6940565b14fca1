//! The words for the terms an evaluation's working carries as structured data
//! ([`crate::results::terms`]), for text and for JSON: in JSON each is the string docs/json.md
//! gives (`"30 days"`, `"more than half of its votes cast"`, `"fr, de and it jointly"`).

use serde::{Serialize, Serializer};

use crate::calendar::Duration;
use crate::model::{Base, Role, Scope, Unit};
use crate::results::terms::{BlocRule, PostponementShare, Proposer, Refusal, Term, Threshold};

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A period in words: `30 days`.
pub fn period_words(period: &Term<Duration>) -> String {
    period.0.words()
}

/// `more than half`.
pub fn threshold_words(t: &Threshold) -> String {
    format!("{} {}", t.comparator.words(), t.proportion.words())
}

/// `its votes cast`, `its eligible members`, …: a bloc base in words.
pub fn base_words(base: &Base) -> String {
    let unit = match base.unit {
        Unit::Votes => "votes",
        Unit::Members => "members",
    };
    match base.scope {
        Scope::Eligible => format!("its eligible {unit}"),
        Scope::Cast => format!("its {unit} cast"),
        Scope::Present => format!("its {unit} present"),
    }
}

/// `more than half of its votes cast`.
pub fn bloc_rule_words(rule: &BlocRule) -> String {
    format!("{} of {}", threshold_words(&rule.threshold), base_words(&rule.base))
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

/// The refusal's message, with its help in brackets.
pub fn refusal_words(refusal: &Refusal) -> String {
    match &refusal.help {
        Some(help) => format!("{} ({help})", refusal.message),
        None => refusal.message.clone(),
    }
}

impl Serialize for Term<Duration> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&period_words(self))
    }
}

impl Serialize for Term<Role> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.words())
    }
}

impl Serialize for Threshold {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&threshold_words(self))
    }
}

impl Serialize for BlocRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&bloc_rule_words(self))
    }
}

impl Serialize for PostponementShare {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&postponement_share_words(self))
    }
}

impl Serialize for Proposer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&proposer_words(self))
    }
}

impl Serialize for Refusal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&refusal_words(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProportionForm;
    use crate::model::{Comparator, Proportion};
    use rust_decimal::Decimal;

    #[test]
    fn joint_proposers_are_listed_with_and() {
        let three = Proposer::Jointly(vec!["fr".into(), "de".into(), "it".into()]);
        assert_eq!(proposer_words(&three), "fr, de and it jointly");
        assert_eq!(proposer_words(&Proposer::Jointly(vec!["fr".into()])), "fr jointly");
        assert_eq!(proposer_words(&Proposer::Body("the Commission".into())), "“the Commission”");
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
