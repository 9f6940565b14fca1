//! A bloc's own rule and casting vote: how a bloc decides within itself (language reference §8,
//! docs/semantics.md steps 5 and 6).

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Base, Bloc, Comparator, Proportion, ProportionForm, Scope, Unit};
use crate::span::{Span, Spanned};

/// `decides by COMPARATOR PROPORTION of its BASE`: a side carries the bloc when its weight (or
/// head count) among the bloc's eligible members meets the threshold of the bloc's own base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlocRule {
    /// `at least` or `more than` (the reader refuses the others).
    pub comparator: Comparator,
    /// The proportion.
    pub proportion: Spanned<Proportion>,
    /// The bloc's own base (no kind).
    pub base: Base,
    /// The clause.
    pub span: Span,
}

/// The rule a bloc without one of its own decides by: more than half of its votes cast.
pub fn default_rule() -> (Comparator, Proportion, Base) {
    (
        Comparator::MoreThan,
        Proportion { numerator: Decimal::ONE, denominator: Decimal::TWO, form: ProportionForm::Words },
        Base { kind: None, unit: Unit::Votes, scope: Scope::Cast },
    )
}

impl Bloc {
    /// The rule the bloc decides by: its own, else more than half of its votes cast.
    pub fn rule(&self) -> (Comparator, Proportion, Base) {
        match &self.own_rule {
            Some(r) => (r.comparator, r.proportion.node, r.base),
            None => default_rule(),
        }
    }

    /// `more than half of its votes cast`: the rule the bloc decides by, in the clause's words
    /// (the checker's findings and the schedule both say it).
    pub fn rule_words(&self) -> String {
        let (comparator, proportion, base) = self.rule();
        format!("{} {} of {}", comparator.words(), proportion.words(), base.bloc_words())
    }
}

impl Base {
    /// `its votes cast`, `its eligible members`, …: a bloc's base, as its rule words it.
    pub fn bloc_words(&self) -> &'static str {
        match (self.unit, self.scope) {
            (Unit::Votes, Scope::Eligible) => "its eligible votes",
            (Unit::Votes, Scope::Cast) => "its votes cast",
            (Unit::Votes, Scope::Present) => "its votes present",
            (Unit::Members, Scope::Eligible) => "its eligible members",
            (Unit::Members, Scope::Cast) => "its members cast",
            (Unit::Members, Scope::Present) => "its members present",
        }
    }
}

/// Whether a bloc rule could carry both sides at once (an even split under `at least half`):
/// true unless it is `at least` more than one half or `more than` at least one half. Such a
/// rule is refused when the agreement is read.
pub fn both_sides_possible(comparator: Comparator, proportion: &Proportion) -> bool {
    // BOUND: the parts of a proportion are small decimals; doubling them cannot overflow in practice,
    // and an overflow reads as "possible", which refuses the rule.
    let twice = proportion.numerator.checked_mul(Decimal::TWO);
    match (comparator, twice) {
        (Comparator::AtLeast, Some(t)) => t <= proportion.denominator,
        (Comparator::MoreThan, Some(t)) => t < proportion.denominator,
        _ => true,
    }
}
