//! Outcomes beyond pass and fail (issue 21, item 8): who may propose, notice, a cure period, a
//! time limit from the request, and postponement by a minority.
//!
//! - the bundled `examples/community-partnership-procedure` scenarios through the real binary,
//!   with snapshots of the working of one passing and one failing proposal per construct;
//! - JSON: the timing, the postponement and the new reasons for an invalid vote;
//! - the refusals when a proposal's facts are missing, unused or in an impossible order, as
//!   diagnostics snapshots;
//! - a property: on generated agreements and proposals the evaluator agrees with the reference
//!   evaluator (`concord::oracle`) on the outcome, the body escalated to and the reason a vote is
//!   invalid.

use assert_cmd::Command;
use concord::eval::{evaluate, Evaluation, Invalidity, Sources};
use concord::oracle;
use proptest::prelude::*;

const AGREEMENT: &str = "examples/community-partnership-procedure.concord";
const SCENARIOS: &str = "examples/community-partnership-procedure.scenarios";

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `concord eval --scenario NAME` on the bundled example: (exit code, stdout).
fn working(scenario: &str, extra: &[&str]) -> (Option<i32>, String) {
    let out = concord()
        .args(["eval", "--scenario", scenario])
        .args(extra)
        .args([AGREEMENT, SCENARIOS])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_bundled_scenarios_pass() {
    let out = concord().args(["test", SCENARIOS]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.ends_with("13 passed, 0 failed\n"), "{text}");
}

#[test]
fn who_may_propose() {
    let (_, passed) = working("The lay panel may start a removal too", &[]);
    assert!(passed.contains("Outcome: passed"), "{passed}");
    insta::assert_snapshot!("procedure__proposer_passed", passed);
    let (_, invalid) = working("A removal started by a general member is invalid", &[]);
    assert!(invalid.contains("invalid: it was proposed by gpfed, who may not propose it (line 41)"), "{invalid}");
    insta::assert_snapshot!("procedure__proposer_invalid", invalid);
}

#[test]
fn a_cure_period_and_notice() {
    let (_, passed) = working("A removal started by the steering members after an unremedied breach", &[]);
    assert!(passed.contains("Outcome: passed"), "{passed}");
    insta::assert_snapshot!("procedure__cure_passed", passed);
    let (_, early) = working("A removal before the breach has gone unremedied for 30 days", &[]);
    assert!(early.contains("the 30 days to remedy it run to 19 June 2026"), "{early}");
    insta::assert_snapshot!("procedure__cure_not_run", early);
    let (_, remedied) = working("A breach put right within its cure period leaves no ground", &[]);
    assert!(remedied.contains("put right on 25 May 2026, within the 30 days allowed"), "{remedied}");
    let (_, notice) = working("A resolution with less than 7 days' notice", &[]);
    assert!(notice.contains("the earliest day it could be decided was 15 June 2026"), "{notice}");
    insta::assert_snapshot!("procedure__too_little_notice", notice);
}

#[test]
fn a_time_limit_from_the_request() {
    let (_, in_time) = working("A dispute agreed within 30 days of the request", &[]);
    assert!(in_time.contains("30 days from then runs to 31 May 2026; decided on 29 May 2026, in time"), "{in_time}");
    insta::assert_snapshot!("procedure__in_time", in_time);
    let (_, late) = working("A dispute not agreed in time goes to the board whatever the vote", &[]);
    assert!(late.contains("Outcome: escalated to “the partnership board” within 10 working days"), "{late}");
    assert!(late.contains("the votes below decide nothing"), "{late}");
    insta::assert_snapshot!("procedure__out_of_time", late);
}

#[test]
fn postponement_by_a_minority() {
    let (_, postponed) = working("Members holding 30% of the votes have a change of terms postponed", &[]);
    assert!(postponed.contains("Outcome: postponed: council and housing asked for it to be postponed"), "{postponed}");
    insta::assert_snapshot!("procedure__postponed", postponed);
    let (_, not) = working("One member in six holds too little to postpone it", &[]);
    assert!(not.contains("so it is not postponed"), "{not}");
    insta::assert_snapshot!("procedure__not_postponed", not);
}

#[test]
fn why_not_says_no_change_of_votes_helps() {
    let (_, late) = working("A dispute not agreed in time goes to the board whatever the vote", &["--why"]);
    assert!(late.contains("no change of votes can carry it, because it was decided after the last day"), "{late}");
    let (_, postponed) = working("Members holding 30% of the votes have a change of terms postponed", &["--why"]);
    assert!(postponed.contains("because it was postponed before the votes were counted"), "{postponed}");
    let (_, json) =
        working("Members holding 30% of the votes have a change of terms postponed", &["--why", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(value["evaluations"][0]["why"]["before_the_vote"], "postponed", "{json}");
}

#[test]
fn json_carries_the_timing_the_postponement_and_the_reasons() {
    let outcome = |scenario: &str| {
        let (_, json) = working(scenario, &["--format", "json"]);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        value["evaluations"][0]["evaluation"]["outcome"].clone()
    };
    let late = outcome("A dispute not agreed in time goes to the board whatever the vote");
    assert_eq!(late["result"], "escalated");
    assert_eq!(late["deadlock"]["because"], "out_of_time");
    assert_eq!(late["timing"]["last_day"], "2026-05-31");
    assert_eq!(late["timing"]["in_time"], false);
    let postponed = outcome("Members holding 30% of the votes have a change of terms postponed");
    assert_eq!(postponed["result"], "postponed");
    assert_eq!(postponed["postponement"]["asked_by"], serde_json::json!(["council", "housing"]));
    assert_eq!(postponed["postponement"]["held"], true);
    let notice = outcome("A resolution with less than 7 days' notice");
    assert_eq!(notice["invalid"][0]["reason"], "too_little_notice");
    assert_eq!(notice["invalid"][0]["earliest"], "2026-06-15");
    let proposer = outcome("A removal started by a general member is invalid");
    assert_eq!(proposer["invalid"][0]["reason"], "proposer_not_allowed");
    assert_eq!(proposer["invalid"][0]["proposer"], "gpfed");
}

/// `concord test` of a scenario file written beside the example: the diagnostics it prints.
fn refused(body: &str) -> String {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("concord-procedure-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let agreement = std::fs::read_to_string(AGREEMENT).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("community-partnership-procedure.concord"), agreement).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("refused.scenarios");
    let text = format!("scenarios for \"community-partnership-procedure.concord\"\n\nscenario \"s\"\n{body}");
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    let out =
        concord().current_dir(&dir).args(["test", "refused.scenarios"]).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_ne!(out.status.code(), Some(0));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn facts_missing_unused_or_out_of_order_are_refused() {
    let missing = refused("  propose \"resolve a dispute\" on 1 June 2026\n  in favour: trust\n  expect passed\n");
    assert!(missing.contains("concord::model::missing_proposal_fact"), "{missing}");
    assert!(missing.contains("does not say when the decision was requested"), "{missing}");
    insta::assert_snapshot!("procedure__missing_request", missing);
    let undated =
        refused("  propose \"resolve a dispute\"\n  requested on 1 May 2026\n  in favour: trust\n  expect passed\n");
    assert!(undated.contains("this proposal does not say when it is decided"), "{undated}");
    let unused = refused(
        "  propose \"change the terms of reference\"\n  requested on 1 May 2026\n  in favour: trust\n  expect passed\n",
    );
    assert!(unused.contains("concord::model::proposal_fact_not_used"), "{unused}");
    insta::assert_snapshot!("procedure__fact_not_used", unused);
    let order = refused(
        "  propose \"resolve a dispute\" on 1 May 2026\n  requested on 2 May 2026\n  in favour: trust\n  expect passed\n",
    );
    assert!(order.contains("concord::model::dates_out_of_order"), "{order}");
    insta::assert_snapshot!("procedure__dates_out_of_order", order);
    let late_remedy = refused(concat!(
        "  propose \"remove a member\" on 12 June 2026\n  concerning: carers\n  proposed by: trust\n",
        "  breach notified on 1 May 2026\n  remedied on 5 June 2026\n  notice given on 2 June 2026\n",
        "  in favour: trust\n  expect passed\n"
    ));
    assert!(late_remedy.contains("concord::model::remedy_after_cure_period"), "{late_remedy}");
    insta::assert_snapshot!("procedure__remedy_after_cure_period", late_remedy);
    let no_postponement = refused(
        "  propose \"remove a member\" on 12 June 2026\n  concerning: carers\n  proposed by: trust\n  breach notified on 1 May 2026\n  notice given on 2 June 2026\n  asking for postponement: gpfed\n  in favour: trust\n  expect passed\n",
    );
    assert!(no_postponement.contains("makes no use of members asking for postponement"), "{no_postponement}");
}

// ── The evaluator against the reference evaluator ──

/// A generated agreement: `size` members, the first two `steering`, one vote each or weighed
/// by budget, one decision with any of the procedural clauses.
fn agreement_text(
    size: usize,
    budgets: &[u32],
    by_budget: bool,
    clauses: [bool; 5],
    share: (bool, u8),
    period: (u8, u8),
) -> String {
    let mut text = String::from("agreement \"G\"\n  currency GBP\n  kinds steering, general\n");
    for (i, budget) in budgets.iter().take(size).enumerate() {
        let kind = if i < 2 { "steering" } else { "general" };
        text.push_str(&format!("member m{i}\n  kinds {kind}\n  budget £{budget}\n"));
    }
    text.push_str(if by_budget { "voting in proportion to budget\n" } else { "voting one member one vote\n" });
    text.push_str("decision \"d\"\n  passes if more than half of votes cast in favour\n");
    let units = ["days", "working days", "weeks", "months"];
    let unit = units[usize::from(period.1) % units.len()];
    let count = period.0 % 12 + 1;
    if clauses[0] {
        text.push_str(&format!("  if not agreed within {count} {unit} of the request, escalate to \"the board\"\n"));
    }
    if clauses[1] {
        text.push_str("  may be proposed only by steering members, m2 or \"the panel\"\n");
    }
    if clauses[2] {
        let comparator = if share.0 { "more than" } else { "at least" };
        text.push_str(&format!(
            "  members holding {comparator} {}% of eligible votes who ask may have it postponed\n",
            share.1 % 99 + 1
        ));
    }
    if clauses[3] {
        text.push_str(&format!("  a proposal needs {count} {unit}' notice\n"));
    }
    if clauses[4] {
        text.push_str(&format!("  only after a breach unremedied for {count} {unit}\n"));
    }
    text
}

fn date_words(offset: u16) -> String {
    // Day `offset` counted from 1 January 2026, written as an ISO date.
    let mut date = concord::calendar::Date { year: 2026, month: 1, day: 1 };
    for _ in 0..offset {
        date = date.next().unwrap_or(date);
    }
    date.to_string()
}

fn reason(i: &Invalidity) -> Option<oracle::InvalidReason> {
    Some(match i {
        Invalidity::ProposerNotAllowed { .. } => oracle::InvalidReason::ProposerNotAllowed,
        Invalidity::TooLittleNotice { .. } => oracle::InvalidReason::TooLittleNotice,
        Invalidity::CurePeriodNotRun { .. } => oracle::InvalidReason::CurePeriodNotRun,
        Invalidity::BreachRemedied { .. } => oracle::InvalidReason::BreachRemedied,
        Invalidity::NoQuorum => oracle::InvalidReason::NoQuorum,
        Invalidity::UnknownMemberVoted { .. } => oracle::InvalidReason::UnknownMemberVoted,
        _ => return None,
    })
}

fn kind(e: &Evaluation) -> oracle::OutcomeKind {
    oracle::OutcomeKind::from(e.outcome.result)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn the_evaluator_and_the_oracle_agree_on_time_proposers_postponement_notice_and_cure(
        size in 3usize..7,
        budgets in proptest::collection::vec(1u32..50, 7),
        by_budget in any::<bool>(),
        clauses in any::<[bool; 5]>(),
        share in (any::<bool>(), any::<u8>()),
        period in (any::<u8>(), any::<u8>()),
        ballots in proptest::collection::vec(0u8..4, 7),
        asking in proptest::collection::vec(any::<bool>(), 7),
        proposer in 0usize..9,
        days in (0u16..120, 0u16..120, 0u16..120, proptest::option::of(0u16..120)),
    ) {
        let text = agreement_text(size, &budgets, by_budget, clauses, share, period);
        let loaded = concord::load::load(&text);
        prop_assert!(!loaded.has_errors(), "{:?}\n{text}", loaded.diagnostics);
        let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
        // The dates: the decision on day 200; the request, notice and breach some days before;
        // a remedy some days after the breach.
        let decided = 200u16;
        let (request, notice, breach, remedy) = days;
        let mut proposal = format!("proposal \"p\"\n  decision \"d\"\n  dated {}\n", date_words(decided));
        if clauses[0] {
            proposal.push_str(&format!("  requested on {}\n", date_words(decided - request)));
        }
        if clauses[1] {
            let by = match proposer {
                0..=5 if proposer < size => format!("m{proposer}"),
                6 => "\"the panel\"".to_string(),
                _ => "\"the Commission\"".to_string(),
            };
            proposal.push_str(&format!("  proposed by: {by}\n"));
        }
        let askers: Vec<String> = (0..size).filter(|i| asking[*i]).map(|i| format!("m{i}")).collect();
        if clauses[2] && !askers.is_empty() {
            proposal.push_str(&format!("  asking for postponement: {}\n", askers.join(", ")));
        }
        if clauses[3] {
            proposal.push_str(&format!("  notice given on {}\n", date_words(decided - notice)));
        }
        if clauses[4] {
            proposal.push_str(&format!("  breach notified on {}\n", date_words(decided - breach)));
            if let Some(r) = remedy {
                proposal.push_str(&format!("  remedied on {}\n", date_words(decided - breach + r.min(breach))));
            }
        }
        let mut lists: [Vec<String>; 3] = Default::default();
        for (i, b) in ballots.iter().take(size).enumerate() {
            if *b < 3 {
                lists[usize::from(*b)].push(format!("m{i}"));
            }
        }
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                proposal.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        let parsed = concord::syntax::parse(&proposal);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{proposal}", parsed.errors);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        // A remedy after the cure period ran out is refused, never guessed; nothing else is.
        let codes: Vec<String> = errors.iter().map(|e| e.code_string()).collect();
        if !codes.is_empty() {
            prop_assert_eq!(codes, vec!["concord::model::remedy_after_cure_period".to_string()], "{}\n{}", text, proposal);
            return Ok(());
        }
        let p = &inputs.proposals[0];
        let real = evaluate(&agreement, p, Sources { agreement: &text, proposal: &proposal })
            .unwrap_or_else(|e| panic!("{e}"));
        let verdict = oracle::decide(&agreement, p).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(kind(&real), verdict.outcome, "{}\n{}\n{:?}", text, proposal, real.outcome);
        let body = real.outcome.deadlock.as_ref().and_then(|d| d.escalated_to.as_ref()).map(|s| s.body.clone());
        prop_assert_eq!(body, verdict.escalated_to.clone(), "{}\n{}", text, proposal);
        if let Some(expected) = verdict.invalid {
            let found: Vec<_> = real.outcome.invalid.iter().filter_map(reason).collect();
            prop_assert!(found.contains(&expected), "{:?} not in {:?}\n{}\n{}", expected, found, text, proposal);
        }
    }
}

#[test]
fn the_formatter_keeps_every_clause_and_line_as_written() {
    for path in [AGREEMENT, SCENARIOS] {
        let canonical = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
        // Runs of spaces between words, and trailing spaces: the layout comes back.
        let messy: String = canonical
            .lines()
            .map(|l| if l.contains(['#', '"']) { l.to_string() } else { l.replace(", ", ",   ").replace(": ", ":  ") })
            .map(|l| format!("{l}   \n"))
            .collect();
        assert_ne!(messy, canonical);
        let formatted = concord::fmt::layout(&messy, concord::fmt::DEFAULT_WIDTH);
        let formatted = formatted.unwrap_or_else(|e| panic!("{path}: {e:?}"));
        assert_eq!(formatted, canonical, "{path}");
        for clause in [
            "if not agreed within 30 days of the request,",
            "may be proposed only by steering members or \"the lay panel\"",
            "members holding at least 30% of eligible votes who ask may have it postponed",
            "asking for postponement: council, housing",
            "breach notified on 1 May 2026",
        ] {
            assert_eq!(canonical.contains(clause), formatted.contains(clause), "{path}: {clause}");
        }
    }
}
