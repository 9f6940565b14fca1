//! A scenario's election counted and held to its `expect elected …` and `expect tied between …`
//! lines.

use super::Context;
use crate::model::elections::ElectionExpect;
use crate::model::Scenario;
use crate::report::elections::expect_words;
use crate::report::terms::and_list;
use crate::results::elections::{ElectionOutcome, ElectionResult};
use crate::results::test::Mismatch;

/// The scenario's election counted (when it holds one) and every mismatch with what it expects.
/// `after_steps` says the scenario follows earlier ones, which an election does not yet take
/// account of: it is then not counted, and says so.
pub(super) fn run_election(
    context: &Context<'_>,
    scenario: &Scenario,
    after_steps: bool,
) -> (Option<ElectionResult>, Vec<Mismatch>) {
    let mut mismatches = Vec::new();
    let Some(ballot) = &scenario.ballot else { return (None, mismatches) };
    let line = context.lines.line(ballot.election.span.start);
    let not_counted = |why: String| Mismatch {
        expectation: String::new(),
        line,
        expected: "an election result".into(),
        actual: format!("not counted: {why}"),
        replacement: None,
        span: ballot.election.span,
    };
    if after_steps {
        mismatches.push(not_counted(
            "an election in a scenario that follows others is not counted yet; hold it in a scenario of its own".into(),
        ));
        return (None, mismatches);
    }
    let Some(election) = context.agreement.elections.get(ballot.election.node) else {
        mismatches.push(not_counted("the agreement has no such election".into()));
        return (None, mismatches);
    };
    let result = match crate::eval::elections::count(context.agreement, election, ballot) {
        Ok(r) => r,
        Err(error) => {
            mismatches.push(not_counted(error.to_string()));
            return (None, mismatches);
        }
    };
    let key = |id| context.agreement.member(id).map_or_else(|| "?".to_string(), |m| m.key.clone());
    for expect in &ballot.expectations {
        let (ok, expected) = match &expect.node {
            ElectionExpect::Elected(id) => {
                let want = key(*id);
                let ok = matches!(&result.outcome, ElectionOutcome::Elected { candidate, .. } if *candidate == want);
                (ok, format!("elected {want}"))
            }
            ElectionExpect::Tied(ids) => {
                let mut want: Vec<String> = ids.iter().map(|i| key(*i)).collect();
                let ok = match &result.outcome {
                    ElectionOutcome::Tied { among, .. } => {
                        let mut got = among.clone();
                        got.sort();
                        want.sort();
                        got == want
                    }
                    _ => false,
                };
                (ok, format!("tied between {}", and_list(&ids.iter().map(|i| key(*i)).collect::<Vec<_>>())))
            }
        };
        if !ok {
            let actual = expect_words(&result);
            let replacement = match &result.outcome {
                ElectionOutcome::NoVotes => None,
                _ => Some(format!("expect {actual}")),
            };
            mismatches.push(Mismatch {
                expectation: context.scenarios_text.get(expect.span.start..expect.span.end).unwrap_or("").to_string(),
                line: context.lines.line(expect.span.start),
                expected,
                actual,
                replacement,
                span: expect.span,
            });
        }
    }
    (Some(result), mismatches)
}
