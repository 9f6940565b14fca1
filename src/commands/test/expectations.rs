//! One scenario run and held to its `expect` lines: the proposal evaluated, the year-end result
//! worked out, and each expectation compared with what came out, in the words of an `expect`
//! line (which `--update` can write back into the file).

use rust_decimal::Decimal;

use super::coverage::record_coverage;
use super::Context;
use crate::eval::{Evaluation, Invalidity, OutcomeKind};
use crate::model::inputs::{Expect, ExpectDetail, Holder, Scenario};
use crate::model::{Agreement, InvalidReason};
use crate::results::test::{Coverage, Explanation, Mismatch, ScenarioResult, Status};
use crate::syntax::ast::OutcomeWord;

fn outcome_word(kind: OutcomeKind) -> &'static str {
    match kind {
        OutcomeKind::Passed => "passed",
        OutcomeKind::Rejected => "rejected",
        OutcomeKind::Escalated => "escalated",
        OutcomeKind::Deadlocked => "deadlocked",
        OutcomeKind::Invalid => "invalid",
        OutcomeKind::Postponed => "postponed",
        OutcomeKind::Awaiting => "awaiting the decision",
    }
}

fn expected_word(word: OutcomeWord) -> &'static str {
    match word {
        OutcomeWord::Passed => "passed",
        OutcomeWord::Rejected => "rejected",
        OutcomeWord::Escalated => "escalated",
        OutcomeWord::Deadlocked => "deadlocked",
        OutcomeWord::Invalid => "invalid",
        OutcomeWord::Postponed => "postponed",
        OutcomeWord::Awaiting => "awaiting the decision",
    }
}

fn reason_matches(reason: InvalidReason, invalid: &[Invalidity]) -> bool {
    invalid.iter().any(|i| {
        matches!(
            (reason, i),
            (InvalidReason::NoQuorum, Invalidity::NoQuorum | Invalidity::NoAttendanceQuorum { .. })
                | (InvalidReason::AbsenceTooShort, Invalidity::AbsenceTooShort { .. })
                | (InvalidReason::AbsenceExcused, Invalidity::AbsenceExcused { .. })
                | (InvalidReason::UnknownMemberVoted, Invalidity::UnknownMemberVoted { .. })
                | (InvalidReason::UnknownDecision, Invalidity::UnknownDecision { .. } | Invalidity::NoDecision)
                | (InvalidReason::TooLittleNotice, Invalidity::TooLittleNotice { .. })
                | (InvalidReason::CurePeriodNotRun, Invalidity::CurePeriodNotRun { .. })
                | (InvalidReason::BreachRemedied, Invalidity::BreachRemedied { .. })
                | (InvalidReason::ProposerNotAllowed, Invalidity::ProposerNotAllowed { .. })
                | (InvalidReason::MeetingNotCalled, Invalidity::MeetingNotCalled { .. })
        )
    })
}

/// The actual outcome in the words of an `expect` line.
fn actual_outcome(e: &Evaluation) -> String {
    let word = outcome_word(e.outcome.result);
    if let Some(casting) = &e.outcome.casting_vote {
        return format!("{word} on the casting vote of {}", casting.member.as_str());
    }
    if let Some(step) = e.outcome.deadlock.as_ref().and_then(|d| d.escalated_to.as_ref()) {
        return format!("escalated to \"{}\"", step.body);
    }
    if e.outcome.deadlock.as_ref().is_some_and(|d| d.default.is_some()) {
        return format!("{word}, the default applies");
    }
    if !e.outcome.awaiting.is_empty() {
        return format!("{word}, subject to approval");
    }
    if !e.outcome.withheld_by.is_empty() {
        return format!("{word}, approval withheld");
    }
    let reason = e.outcome.invalid.first().map(|i| match i {
        Invalidity::NoQuorum => "no quorum",
        Invalidity::UnknownMemberVoted { .. } => "an unknown member voted",
        Invalidity::UnknownDecision { .. } | Invalidity::NoDecision => "the decision does not exist",
        Invalidity::NoDate | Invalidity::NoRuleInForce { .. } => "",
        other => other.expected_reason().map_or("", reason_words),
    });
    match reason {
        Some(r) if !r.is_empty() => format!("{word} because {r}"),
        _ => word.to_string(),
    }
}

pub(super) fn run_scenario(
    context: &Context<'_>,
    scenario: &Scenario,
    coverage: Option<(&mut Coverage, &str)>,
) -> ScenarioResult {
    let line = context.lines.line(scenario.name.span.start);
    let mut mismatches = Vec::new();
    let mut explanation = None;
    if !context.errors.is_empty()
        && (scenario.proposal.is_some() || scenario.result.is_some() || scenario.ballot.is_some())
    {
        let status = Status::Failed;
        mismatches.push(Mismatch {
            expectation: String::new(),
            line,
            expected: "an outcome".into(),
            actual: format!(
                "not worked out: `concord check` finds errors in the agreement{} ({}), so it is not evaluated",
                if context.in_force.is_empty() { "" } else { " as the earlier steps changed it" },
                context.errors.join(", ")
            ),
            replacement: None,
            span: scenario.name.span,
        });
        return ScenarioResult { name: scenario.name.node.clone(), line, status, mismatches, explanation };
    }
    // A proposal that follows steps which changed the agreement is run with `context` made for
    // the agreement as they left it (`super::following`); the working says which changes are in force.
    let evaluation = scenario.proposal.as_ref().map(|p| {
        context.evaluator.evaluate(p, context.scenarios_text).map(|mut e| {
            e.in_force.clone_from(&context.in_force);
            e
        })
    });
    let money = scenario.result.as_ref().map(|r| crate::money::evaluate(context.agreement, r));
    let (election, election_mismatches) =
        super::elections::run_election(context, scenario, !context.in_force.is_empty());
    mismatches.extend(election_mismatches);
    if let Some((coverage, agreement_name)) = coverage {
        record_coverage(
            coverage,
            agreement_name,
            context.agreement,
            context.agreement_text,
            scenario,
            evaluation.as_ref(),
            money.as_ref(),
        );
        super::coverage::record_election(coverage, agreement_name, context.agreement, election.as_ref());
    }
    for expect in &scenario.expectations {
        let expect_line = context.lines.line(expect.span.start);
        let written = context.scenarios_text.get(expect.span.start..expect.span.end).unwrap_or("").to_string();
        let mut mismatch = |expected: String, actual: String, replacement: Option<String>| {
            mismatches.push(Mismatch {
                expectation: written.clone(),
                line: expect_line,
                expected,
                actual,
                replacement,
                span: expect.span,
            });
        };
        match &expect.node {
            Expect::Outcome { outcome, detail } => match &evaluation {
                None => mismatch(expected_word(*outcome).into(), "nothing was proposed".into(), None),
                Some(Err(error)) => mismatch(expected_word(*outcome).into(), format!("not evaluated: {error}"), None),
                Some(Ok(e)) => {
                    let actual = actual_outcome(e);
                    let mut ok = expected_word(*outcome) == outcome_word(e.outcome.result);
                    let expected_text = match detail.as_ref().map(|d| &d.node) {
                        None => {
                            // `expect passed` is not met by a proposal passed subject to an
                            // approval still awaited: that is `expect passed, subject to approval`.
                            ok &= e.outcome.awaiting.is_empty();
                            expected_word(*outcome).to_string()
                        }
                        Some(ExpectDetail::SubjectToApproval) => {
                            ok &= !e.outcome.awaiting.is_empty();
                            format!("{}, subject to approval", expected_word(*outcome))
                        }
                        Some(ExpectDetail::ApprovalWithheld) => {
                            ok &= !e.outcome.withheld_by.is_empty();
                            format!("{}, approval withheld", expected_word(*outcome))
                        }
                        Some(ExpectDetail::EscalatedTo(body)) => {
                            ok &= e
                                .outcome
                                .deadlock
                                .as_ref()
                                .and_then(|d| d.escalated_to.as_ref())
                                .is_some_and(|s| s.body == *body);
                            format!("escalated to \"{body}\"")
                        }
                        Some(ExpectDetail::CastingVoteOf(member)) => {
                            ok &= e.outcome.casting_vote.as_ref().is_some_and(|c| c.id == *member);
                            let key = context.agreement.member(*member).map_or("?", |m| m.key.as_str());
                            format!("{} on the casting vote of {key}", expected_word(*outcome))
                        }
                        Some(ExpectDetail::DefaultApplies) => {
                            ok &= e.outcome.deadlock.as_ref().is_some_and(|d| d.default.is_some());
                            format!("{}, the default applies", expected_word(*outcome))
                        }
                        Some(ExpectDetail::Because(reason)) => {
                            ok &= reason_matches(*reason, &e.outcome.invalid);
                            format!("{} because {}", expected_word(*outcome), reason_words(*reason))
                        }
                    };
                    if !ok {
                        // `--update` never writes a typing slip into the file as the expected
                        // outcome: a vote from an unknown name is fixed in the votes.
                        let slip = e.outcome.invalid.iter().any(|i| matches!(i, Invalidity::UnknownMemberVoted { .. }));
                        let replacement = (!slip).then(|| format!("expect {actual}"));
                        mismatch(expected_text, actual.clone(), replacement);
                    }
                }
            },
            Expect::Share { holder, receives, amount, fund: Some(fund) } => {
                match money.as_ref().and_then(|m| m.working.as_ref()) {
                    None => mismatch(format!("{}", amount.0), "no year-end result was worked out".into(), None),
                    Some(working) => {
                        let fund_name = context.agreement.funds.get(*fund).map_or_else(String::new, |f| f.name.clone());
                        let who = match holder {
                            Holder::Member(id) => {
                                context.agreement.member(*id).map_or(String::new(), |m| m.key.clone())
                            }
                            Holder::ContingencyFund => "the contingency fund".to_string(),
                        };
                        // In one fund a member may both receive (on one line) and bear (on
                        // another): the expectation is about the net.
                        let net = working.member_net_in(*fund, &who).unwrap_or(Decimal::ZERO);
                        let ok =
                            if *receives { net == amount.0 } else { net <= Decimal::ZERO && net.abs() == amount.0 };
                        if !ok {
                            let actual = if net < Decimal::ZERO {
                                format!("{who} bears {} in \"{fund_name}\"", money_words(context.agreement, net.abs()))
                            } else {
                                format!("{who} receives {} in \"{fund_name}\"", money_words(context.agreement, net))
                            };
                            let expected = format!(
                                "{who} {} {} in \"{fund_name}\"",
                                if *receives { "receives" } else { "bears" },
                                money_words(context.agreement, amount.0)
                            );
                            mismatch(expected, actual.clone(), Some(format!("expect {actual}")));
                        }
                    }
                }
            }
            Expect::Share { holder, receives, amount, fund: None } => {
                match money.as_ref().and_then(|m| m.working.as_ref()) {
                    None => mismatch(format!("{}", amount.0), "no year-end result was worked out".into(), None),
                    Some(working) => {
                        let (who, got) = match holder {
                            Holder::Member(id) => {
                                let key = context.agreement.member(*id).map_or(String::new(), |m| m.key.clone());
                                let got = working.member_amount(&key).unwrap_or(Decimal::ZERO);
                                (key, got)
                            }
                            Holder::ContingencyFund => ("the contingency fund".to_string(), working.contingency_fund()),
                        };
                        let is_deficit = working.outcome == crate::money::Outcome::Deficit;
                        let verb_ok = *receives != is_deficit || got.is_zero();
                        if got != amount.0 || !verb_ok {
                            let verb = if is_deficit { "bears" } else { "receives" };
                            let actual = format!("{who} {verb} {}", money_words(context.agreement, got));
                            let expected = format!(
                                "{who} {} {}",
                                if *receives { "receives" } else { "bears" },
                                money_words(context.agreement, amount.0)
                            );
                            mismatch(expected, actual.clone(), Some(format!("expect {actual}")));
                        }
                    }
                }
            }
            Expect::Unallocated(amount) => match money.as_ref().and_then(|m| m.working.as_ref()) {
                None => {
                    mismatch(money_words(context.agreement, amount.0), "no year-end result was worked out".into(), None)
                }
                Some(working) => {
                    if working.unallocated != amount.0 {
                        let actual = format!("unallocated {}", money_words(context.agreement, working.unallocated));
                        mismatch(
                            format!("unallocated {}", money_words(context.agreement, amount.0)),
                            actual.clone(),
                            Some(format!("expect {actual}")),
                        );
                    }
                }
            },
            Expect::CarriedForward { amount, fund } => {
                let name = context.agreement.funds.get(*fund).map_or("", |f| f.name.as_str());
                let expected = format!("carried forward {} in \"{name}\"", money_words(context.agreement, amount.0));
                match money.as_ref().and_then(|m| m.working.as_ref()) {
                    None => mismatch(expected, "no year-end result was worked out".into(), None),
                    Some(working) => {
                        let carried = working
                            .funds
                            .as_ref()
                            .and_then(|f| f.funds.iter().find(|w| w.index == *fund))
                            .map_or(Decimal::ZERO, |w| w.carried_forward);
                        if carried != amount.0 {
                            let actual =
                                format!("carried forward {} in \"{name}\"", money_words(context.agreement, carried));
                            mismatch(expected, actual.clone(), Some(format!("expect {actual}")));
                        }
                    }
                }
            }
            Expect::Finding(code) => {
                if !context.findings.iter().any(|f| f == code) {
                    let actual = if context.findings.is_empty() {
                        "the checker finds nothing".to_string()
                    } else {
                        format!("the checker finds {}", context.findings.join(", "))
                    };
                    mismatch(format!("finding {code}"), actual, None);
                }
            }
        }
    }
    let election_expected = scenario.ballot.as_ref().is_some_and(|b| !b.expectations.is_empty());
    let status = if scenario.expectations.is_empty() && !election_expected && mismatches.is_empty() {
        Status::Skipped
    } else if mismatches.is_empty() {
        Status::Passed
    } else {
        Status::Failed
    };
    if status == Status::Failed {
        let explanation_of = Explanation {
            evaluation: evaluation.and_then(Result::ok),
            working: money.and_then(|m| m.working),
            agreement_title: context.agreement.title.node.clone(),
            election,
        };
        let said = explanation_of.evaluation.is_some()
            || explanation_of.working.is_some()
            || explanation_of.election.is_some();
        explanation = said.then_some(explanation_of);
    }
    ScenarioResult { name: scenario.name.node.clone(), line, status, mismatches, explanation }
}

/// An actual amount as every report writes it, to the minor unit (`£0.00`, not `£0`).
fn money_words(agreement: &Agreement, amount: Decimal) -> String {
    crate::money::format_money(amount, &agreement.currency)
}

fn reason_words(reason: InvalidReason) -> &'static str {
    match reason {
        InvalidReason::NoQuorum => "no quorum",
        InvalidReason::UnknownMemberVoted => "an unknown member voted",
        InvalidReason::UnknownDecision => "the decision does not exist",
        InvalidReason::TooLittleNotice => "too little notice was given",
        InvalidReason::CurePeriodNotRun => "the cure period has not run",
        InvalidReason::BreachRemedied => "the breach was remedied",
        InvalidReason::ProposerNotAllowed => "the proposer may not propose it",
        InvalidReason::MeetingNotCalled => "the meeting was not validly called",
        InvalidReason::AbsenceTooShort => "the member has not missed meetings for long enough",
        InvalidReason::AbsenceExcused => "the absence was excused",
    }
}
