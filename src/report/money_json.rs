//! The year-end working as the JSON gives it (docs/json.md): the engine's structured working,
//! with its rules, notes and bases in the words of `money_words.rs`. The money engine derives
//! or declares no words of its own; these `Serialize` impls are the JSON's view of its types, so
//! the arrow runs from `report/` down to `money/` and never back up.

use rust_decimal::Decimal;
use serde::Serialize;

use super::money_words::{basis_words, note_words, rule_words};
use crate::money::notes::Basis;
use crate::money::{LineWorking, MemberShare, MethodWorking, StepKind, StepWorking};
use crate::span::Span;

impl Serialize for Basis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&basis_words(self))
    }
}

/// A step of the working as the JSON gives it: its rule and notes in words, every other field as
/// the engine returns it, in the documented order (docs/json.md).
#[derive(Serialize)]
struct StepJson<'a> {
    number: usize,
    rule: String,
    kind: StepKind,
    span: Span,
    line: Option<usize>,
    amount_in: Decimal,
    taker: &'a Option<String>,
    limit: Option<Decimal>,
    unrounded: Option<Decimal>,
    taken: Decimal,
    methods: &'a [MethodWorking],
    shares: &'a [MemberShare],
    rounds: usize,
    unplaced: Decimal,
    carried_on: Decimal,
    notes: Vec<String>,
    pennies: &'a Option<crate::money::pennies::PennyWorking>,
}

/// Serialises a step for the JSON, its rule and notes in words.
impl Serialize for StepWorking {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_step(self, s)
    }
}

fn serialize_step<S: serde::Serializer>(step: &StepWorking, s: S) -> Result<S::Ok, S::Error> {
    let cur = &step.currency;
    StepJson {
        number: step.number,
        rule: rule_words(&step.rule, cur),
        kind: step.kind,
        span: step.span,
        line: step.line,
        amount_in: step.amount_in,
        taker: &step.taker,
        limit: step.limit,
        unrounded: step.unrounded,
        taken: step.taken,
        methods: &step.methods,
        shares: &step.shares,
        rounds: step.rounds,
        unplaced: step.unplaced,
        carried_on: step.carried_on,
        notes: step.notes.iter().map(|n| note_words(n, cur)).collect(),
        pennies: &step.pennies,
    }
    .serialize(s)
}

/// A fund's line as the JSON gives it: its notes in words.
#[derive(Serialize)]
struct LineJson<'a> {
    name: &'a str,
    budget: Decimal,
    actual_cost: Decimal,
    variance: Decimal,
    offset: Decimal,
    after_offset: Decimal,
    risk: crate::model::RiskMode,
    cap: Option<Decimal>,
    to_fund_rule: Decimal,
    commissioners: &'a [crate::money::CommissionerShare],
    unallocated: Decimal,
    span: Span,
    line: Option<usize>,
    notes: Vec<String>,
    pennies: &'a Option<crate::money::pennies::PennyWorking>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caused_by: Option<&'a String>,
}

/// Serialises a fund's line for the JSON, its notes in words.
impl Serialize for LineWorking {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_line(self, s)
    }
}

fn serialize_line<S: serde::Serializer>(line: &LineWorking, s: S) -> Result<S::Ok, S::Error> {
    LineJson {
        name: &line.name,
        budget: line.budget,
        actual_cost: line.actual_cost,
        variance: line.variance,
        offset: line.offset,
        after_offset: line.after_offset,
        risk: line.risk,
        cap: line.cap,
        to_fund_rule: line.to_fund_rule,
        commissioners: &line.commissioners,
        unallocated: line.unallocated,
        span: line.span,
        line: line.line,
        notes: line.notes.iter().map(|n| note_words(n, &line.currency)).collect(),
        pennies: &line.pennies,
        caused_by: line.caused_by.as_ref(),
    }
    .serialize(s)
}
