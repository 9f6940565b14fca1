//! A decision taken by a body outside the meeting (C51: "the Welsh Ministers may remove that
//! member … unless they are satisfied that …").
//!
//! - the bundled `examples/welsh-joint-committee` scenarios through the real binary, with
//!   snapshots of the working of a removal agreed, one awaited and one barred by an excuse;
//! - the refusals of votes and of clauses about the meeting's vote on such a decision;
//! - a property: on generated agreements and proposals the evaluator agrees with the reference
//!   evaluator (`concord::oracle`) on the outcome and the reason a proposal is invalid.

use assert_cmd::Command;
use concord::eval::{evaluate, Invalidity, OutcomeKind, Sources};
use concord::oracle;
use proptest::prelude::*;

const AGREEMENT: &str = "examples/welsh-joint-committee.concord";
const SCENARIOS: &str = "examples/welsh-joint-committee.scenarios";

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn working(scenario: &str, extra: &[&str]) -> String {
    let out = concord()
        .args(["eval", "--scenario", scenario])
        .args(extra)
        .args([AGREEMENT, SCENARIOS])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_bundled_scenarios_pass() {
    let out = concord().args(["test", SCENARIOS]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.ends_with("9 passed, 0 failed\n"), "{text}");
}

#[test]
fn the_body_decides_once_nothing_bars_it() {
    let agreed = working("The Welsh Ministers remove a member absent for seven months", &[]);
    assert!(agreed.contains("Outcome: passed: the Welsh Ministers agreed to it."), "{agreed}");
    assert!(agreed.contains("council-west leaves"), "{agreed}");
    assert!(!agreed.contains("Votes ("), "{agreed}");
    insta::assert_snapshot!("outside__agreed", agreed);
    let refused = working("The Welsh Ministers decide not to remove the member", &[]);
    assert!(refused.contains("Outcome: rejected: the Welsh Ministers did not agree to it."), "{refused}");
    let awaited = working("Until the Welsh Ministers decide, the removal awaits them", &[]);
    assert!(awaited.contains("Outcome: awaiting the decision of the Welsh Ministers."), "{awaited}");
    assert!(awaited.contains("does not record a decision of the Welsh Ministers"), "{awaited}");
    insta::assert_snapshot!("outside__awaited", awaited);
    let excused = working("An excused absence bars the removal, whatever the Welsh Ministers decide", &[]);
    assert!(excused.contains("Outcome: invalid: the absence was excused"), "{excused}");
    assert!(excused.contains("invalid whatever the Welsh Ministers decided"), "{excused}");
    insta::assert_snapshot!("outside__excused", excused);
    let json = working("Until the Welsh Ministers decide, the removal awaits them", &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let outcome = &value["evaluations"][0]["evaluation"]["outcome"];
    assert_eq!(outcome["result"], "awaiting", "{json}");
    assert_eq!(outcome["decided_outside"]["body"], "the Welsh Ministers", "{json}");
    assert_eq!(outcome["decided_outside"]["verdict"], "not_yet_decided", "{json}");
    assert_eq!(outcome["decided_outside"]["recorded"], false, "{json}");
}

#[test]
fn why_and_power_say_no_member_votes() {
    let why = working("The Welsh Ministers decide not to remove the member", &["--why"]);
    assert!(
        why.contains("no change of votes can carry it, because it is decided by a body outside the meeting"),
        "{why}"
    );
    let out = concord().args(["power", AGREEMENT]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(
            "decision \"remove a member for non-attendance\"\n  not analysed: it is decided by the Welsh Ministers"
        ),
        "{text}"
    );
    let out = concord().args(["power", "--format", "json", AGREEMENT]).output().unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["decided_outside"][0]["body"], "the Welsh Ministers");
    assert_eq!(value["rules"].as_array().map(Vec::len), Some(1));
}

/// `concord test` of a scenario file written beside the example: the diagnostics it prints.
fn refused(agreement: &str, body: &str) -> String {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("concord-outside-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("a.concord"), agreement).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("refused.scenarios");
    std::fs::write(&file, format!("scenarios for \"a.concord\"\n\nscenario \"s\"\n{body}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out =
        concord().current_dir(&dir).args(["test", "refused.scenarios"]).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_ne!(out.status.code(), Some(0));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn votes_and_other_bodies_are_refused() {
    let agreement = std::fs::read_to_string(AGREEMENT).unwrap_or_else(|e| panic!("{e}"));
    let votes = refused(
        &agreement,
        concat!(
            "  propose \"remove a member for non-attendance\" on 15 May 2026\n",
            "  concerning: council-west\n",
            "  last attended on 10 October 2025\n",
            "  the absence had no reasonable cause\n",
            "  the member will not be able to attend future meetings\n",
            "  in favour: hb-north, hb-south\n",
            "  decided by \"the Senedd\": agreed\n",
            "  expect passed\n",
        ),
    );
    assert!(votes.contains("concord::model::vote_on_outside_decision"), "{votes}");
    assert!(votes.contains("concord::model::other_outside_body"), "{votes}");
    insta::assert_snapshot!("outside__votes_refused", votes);
    let meeting = refused(
        &agreement,
        concat!(
            "  propose \"approve the annual plan\"\n",
            "  in favour: hb-north\n",
            "  decided by \"the Welsh Ministers\": agreed\n"
        ),
    );
    assert!(meeting.contains("concord::model::not_decided_outside"), "{meeting}");
}

#[test]
fn clauses_about_the_meeting_vote_are_refused() {
    let agreement = std::fs::read_to_string(AGREEMENT).unwrap_or_else(|e| panic!("{e}"));
    let with_rule = agreement.replace(
        "  decided by \"the Welsh Ministers\"\n",
        "  decided by \"the Welsh Ministers\"\n  passes if at least two thirds of eligible votes in favour\n  the member concerned does not vote\n",
    );
    let dir = std::env::temp_dir().join(format!("concord-outside-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("a.concord"), with_rule).unwrap_or_else(|e| panic!("{e}"));
    let out = concord().current_dir(&dir).args(["check", "a.concord"]).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert_eq!(text.matches("concord::model::clause_on_outside_decision").count(), 2, "{text}");
    insta::assert_snapshot!("outside__meeting_clauses_refused", text);
}

// ── The evaluator against the reference evaluator ──

fn date_words(offset: u16) -> String {
    let mut date = concord::calendar::Date { year: 2026, month: 1, day: 1 };
    for _ in 0..offset {
        date = date.next().unwrap_or(date);
    }
    date.to_string()
}

fn reason(i: &Invalidity) -> Option<oracle::InvalidReason> {
    Some(match i {
        Invalidity::AbsenceTooShort { .. } => oracle::InvalidReason::AbsenceTooShort,
        Invalidity::AbsenceExcused { .. } => oracle::InvalidReason::AbsenceExcused,
        Invalidity::TooLittleNotice { .. } => oracle::InvalidReason::TooLittleNotice,
        Invalidity::ProposerNotAllowed { .. } => oracle::InvalidReason::ProposerNotAllowed,
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_evaluator_and_the_oracle_agree_on_decisions_taken_outside_the_meeting(
        size in 2usize..6,
        absence in proptest::option::of(1u8..12),
        excuse in (any::<bool>(), any::<bool>()),
        facts in (any::<bool>(), any::<bool>()),
        notice in proptest::option::of(1u8..30),
        notice_given in 0u16..60,
        proposers in proptest::option::of(0usize..6),
        proposer in 0usize..6,
        last in 0u16..400,
        verdict in 0u8..4,
        effect in any::<bool>(),
    ) {
        let mut text = String::from("agreement \"G\"\n  currency GBP\n");
        for i in 0..size {
            text.push_str(&format!("member m{i}\n"));
        }
        text.push_str("decision \"d\"\n  decided by \"the Welsh Ministers\"\n");
        if let Some(months) = absence {
            text.push_str(&format!("  only after the member concerned has missed every meeting for {months} months\n"));
            match excuse {
                (true, true) => text.push_str("  unless the absence had a reasonable cause and the member will be able to attend future meetings\n"),
                (true, false) => text.push_str("  unless the absence had a reasonable cause\n"),
                (false, true) => text.push_str("  unless the member will be able to attend future meetings\n"),
                (false, false) => {}
            }
        }
        if let Some(days) = notice {
            text.push_str(&format!("  a proposal needs {days} days' notice\n"));
        }
        if let Some(who) = proposers {
            text.push_str(&format!("  may be proposed only by m{}\n", who % size));
        }
        if effect && absence.is_some() {
            text.push_str("  on passing, the member concerned leaves\n");
        }
        let loaded = concord::load::load(&text);
        prop_assert!(!loaded.has_errors(), "{:?}\n{text}", loaded.diagnostics);
        let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());

        let decided = 400u16;
        let mut proposal = format!("proposal \"p\"\n  decision \"d\"\n  dated {}\n", date_words(decided));
        if absence.is_some() {
            proposal.push_str("  concerning: m0\n");
            proposal.push_str(&format!("  last attended on {}\n", date_words(decided - last)));
            if excuse.0 {
                proposal.push_str(if facts.0 { "  the absence had a reasonable cause\n" } else { "  the absence had no reasonable cause\n" });
            }
            if excuse.1 {
                proposal.push_str(if facts.1 {
                    "  the member will be able to attend future meetings\n"
                } else {
                    "  the member will not be able to attend future meetings\n"
                });
            }
        }
        if notice.is_some() {
            proposal.push_str(&format!("  notice given on {}\n", date_words(decided - notice_given)));
        }
        if proposers.is_some() {
            proposal.push_str(&format!("  proposed by: m{}\n", proposer % size));
        }
        match verdict {
            0 => proposal.push_str("  decided by \"the Welsh Ministers\": agreed\n"),
            1 => proposal.push_str("  decided by \"the Welsh Ministers\": not agreed\n"),
            2 => proposal.push_str("  decided by \"the Welsh Ministers\": not yet decided\n"),
            _ => {}
        }
        let parsed = concord::syntax::parse(&proposal);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{proposal}", parsed.errors);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        prop_assert!(errors.is_empty(), "{:?}\n{text}\n{proposal}", errors.iter().map(|e| e.code_string()).collect::<Vec<_>>());
        let p = &inputs.proposals[0];
        let real = evaluate(&agreement, p, Sources { agreement: &text, proposal: &proposal })
            .unwrap_or_else(|e| panic!("{e}"));
        let verdict_of_oracle = oracle::decide(&agreement, p).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(oracle::OutcomeKind::from(real.outcome.result), verdict_of_oracle.outcome, "{}\n{}\n{:?}", text, proposal, real.outcome);
        if let Some(expected) = verdict_of_oracle.invalid {
            let found: Vec<_> = real.outcome.invalid.iter().filter_map(reason).collect();
            prop_assert!(found.contains(&expected), "{:?} not in {:?}\n{}\n{}", expected, found, text, proposal);
        }
        // Nobody votes: the working counts no member, and a passed removal changes the agreement.
        prop_assert!(real.members.is_empty() && real.rule.is_none() && real.quorum.is_none());
        prop_assert_eq!(real.outcome.decided_outside.is_some(), true);
        if real.outcome.result == OutcomeKind::Passed && effect && absence.is_some() {
            prop_assert_eq!(real.effects.len(), 1);
        }
    }
}
