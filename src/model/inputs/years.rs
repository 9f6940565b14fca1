//! Across years in a result and a scenario file (issue 16, item 4): whether a decision was
//! agreed (`"…" was agreed`, `"…" was not agreed`), and scenarios that follow one another
//! (`scenario "Year two" follows "Year one"`).

use super::{Inputs, Scenario, YearEnd};
use crate::model::error::LowerError;
use crate::model::scenario::Earlier;
use crate::model::years::YearsError;
use crate::model::{Agreement, DecisionId, SavingsStep};
use crate::span::Spanned;
use crate::syntax::ast;

/// The decisions a result may say were (or were not) agreed: those that lift a cap, and those a
/// carry forward is subject to.
fn asked(agreement: &Agreement) -> Vec<DecisionId> {
    let mut ids = Vec::new();
    for fund in &agreement.funds {
        if let Some(u) = fund.cap.as_ref().and_then(|c| c.unless.as_ref()) {
            ids.push(u.node);
        }
        for step in fund.savings.iter().flat_map(|w| &w.steps) {
            if let SavingsStep::CarryForward { subject_to: Some(d), .. } = &step.node {
                ids.push(d.node);
            }
        }
    }
    ids
}

/// Whether any carry forward of the agreement is subject to a decision.
fn any_carry_forward(agreement: &Agreement) -> bool {
    agreement
        .funds
        .iter()
        .flat_map(|f| f.savings.iter().flat_map(|w| &w.steps))
        .any(|s| matches!(s.node, SavingsStep::CarryForward { subject_to: Some(_), .. }))
}

impl super::InputLowerer<'_> {
    /// `"…" was agreed` (`agreed`) or `"…" was not agreed`.
    pub(super) fn agreed_clause(&mut self, result: &mut YearEnd, name: &Spanned<String>, agreed: bool) {
        let asked = asked(self.agreement);
        let found = self.agreement.decisions.iter().find(|d| d.name == name.node).map(|d| d.id);
        let Some(id) = found.filter(|id| asked.contains(id)) else {
            let names: Vec<String> = self
                .agreement
                .decisions
                .iter()
                .filter(|d| asked.contains(&d.id))
                .map(|d| format!("“{}”", d.name))
                .collect();
            if !any_carry_forward(self.agreement) {
                // An agreement without carry forwards says what it always said.
                let help = if names.is_empty() {
                    "no cap in the agreement says `unless \"…\" agrees`, so no decision lifts one; remove this line"
                        .to_string()
                } else {
                    format!("the decisions that lift a cap are: {}", names.join(", "))
                };
                self.errors.push(LowerError::from(crate::model::InputsError::CapNotLiftable {
                    decision: name.node.clone(),
                    at: name.span.into(),
                    help,
                }));
                return;
            }
            self.errors.push(
                YearsError::DecisionNotAsked {
                    decision: name.node.clone(),
                    at: name.span.into(),
                    help: format!(
                        "a result says whether a decision was agreed only where a cap or a carry forward depends on it; those decisions are: {}",
                        names.join(", ")
                    ),
                }
                .into(),
            );
            return;
        };
        let (same, other) =
            if agreed { (&result.agreed, &result.not_agreed) } else { (&result.not_agreed, &result.agreed) };
        if let Some(first) = same.iter().find(|a| a.node == id) {
            self.errors.push(LowerError::DuplicateClause {
                what: format!("whether “{}” was agreed", name.node),
                first: first.span.into(),
                second: name.span.into(),
            });
            return;
        }
        if let Some(first) = other.iter().find(|a| a.node == id) {
            let (a, n) = if agreed { (name.span, first.span) } else { (first.span, name.span) };
            self.errors.push(
                YearsError::AgreedAndNotAgreed { decision: name.node.clone(), agreed: a.into(), not_agreed: n.into() }
                    .into(),
            );
            return;
        }
        let slot = if agreed { &mut result.agreed } else { &mut result.not_agreed };
        slot.push(Spanned::new(id, name.span));
    }
}

impl super::InputLowerer<'_> {
    /// `icb approved the carry forward` (`approved`) or `… did not approve the carry forward`.
    pub(super) fn approval_clause(&mut self, result: &mut YearEnd, member: &Spanned<ast::MemberRef>, approved: bool) {
        let Some(id) = self.member(member) else { return };
        let asked = self
            .agreement
            .funds
            .iter()
            .flat_map(|f| f.savings.iter().flat_map(|w| &w.steps))
            .any(|s| matches!(s.node, SavingsStep::CarryForward { each_partner: Some(_), .. }));
        if !asked {
            self.errors.push(YearsError::ApprovalNotAsked { at: member.span.into() }.into());
            return;
        }
        if let Some((first, _)) = result.approvals.iter().find(|(m, _)| m.node == id) {
            self.errors.push(LowerError::DuplicateClause {
                what: "whether this partner approved the carry forward".into(),
                first: first.span.into(),
                second: member.span.into(),
            });
            return;
        }
        result.approvals.push((Spanned::new(id, member.span), approved));
    }
}

/// Resolves each scenario's `follows "…"` to an earlier scenario of the file, and gives each
/// following scenario (its proposal and its result) the steps before it, in order.
pub(super) fn chain(inputs: &mut Inputs, follows: &[Option<Spanned<String>>], errors: &mut Vec<LowerError>) {
    for (i, wanted) in follows.iter().enumerate() {
        let Some(wanted) = wanted else { continue };
        let named: Vec<usize> =
            inputs.scenarios.iter().enumerate().filter(|(_, s)| s.name.node == wanted.node).map(|(j, _)| j).collect();
        let before: Vec<usize> = named.iter().copied().filter(|j| *j < i).collect();
        match (before.as_slice(), named.first()) {
            ([j], _) => {
                let earlier = earlier_steps(inputs.scenarios.get(*j));
                if let Some(s) = inputs.scenarios.get_mut(i) {
                    s.follows = Some(Spanned::new(*j, wanted.span));
                    set_earlier(s, earlier);
                }
            }
            ([first, second, ..], _) => {
                let span = |k: usize| inputs.scenarios.get(k).map_or(wanted.span, |s| s.name.span);
                errors.push(
                    YearsError::AmbiguousScenario {
                        name: wanted.node.clone(),
                        at: wanted.span.into(),
                        first: span(*first).into(),
                        second: span(*second).into(),
                    }
                    .into(),
                );
            }
            ([], Some(later)) => {
                let target = inputs.scenarios.get(*later).map_or(wanted.span, |s| s.name.span);
                errors.push(
                    YearsError::FollowsLater {
                        name: wanted.node.clone(),
                        at: wanted.span.into(),
                        target: target.into(),
                    }
                    .into(),
                );
            }
            ([], None) => {
                let names: Vec<&str> = inputs.scenarios.iter().take(i).map(|s| s.name.node.as_str()).collect();
                let help = match crate::suggest::nearest(&wanted.node, names.iter().copied()) {
                    Some(near) => format!("did you mean “{near}”?"),
                    None if names.is_empty() => {
                        "a scenario follows one written before it in the same file; this is the first".to_string()
                    }
                    None => format!(
                        "the scenarios before this one are: {}",
                        names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                    ),
                };
                errors.push(
                    YearsError::UnknownScenario { name: wanted.node.clone(), at: wanted.span.into(), help }.into(),
                );
            }
        }
    }
}

/// The steps a scenario following `previous` starts from: the previous scenario's own, then it.
fn earlier_steps(previous: Option<&Scenario>) -> Vec<Earlier> {
    let Some(previous) = previous else { return Vec::new() };
    let mut steps = previous.earlier.clone();
    if let Some(p) = &previous.proposal {
        steps.push(Earlier::Proposal(Box::new(p.clone())));
    }
    if let Some(r) = &previous.result {
        let mut r = r.clone();
        r.earlier = Vec::new();
        steps.push(Earlier::Result(Box::new(r)));
    }
    steps
}

fn set_earlier(scenario: &mut Scenario, earlier: Vec<Earlier>) {
    if let Some(r) = &mut scenario.result {
        r.earlier = earlier.clone();
    }
    scenario.earlier = earlier;
}
