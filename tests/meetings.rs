//! Meetings (issue 21): removal only after the member concerned has missed every meeting for a
//! period (C51), the excuse that stops it, and a quorum of members attending, voting or not.
//!
//! - the bundled `examples/regional-joint-committee-attendance` scenarios through the real
//!   binary, with snapshots of the working of one passing and one failing proposal;
//! - the refusals of what the clauses leave unsettled, as diagnostics;
//! - a property: on generated agreements and proposals the evaluator agrees with the reference
//!   evaluator (`concord::oracle`) on the outcome and the reason a vote is invalid.

use assert_cmd::Command;
use concord::eval::{evaluate, Invalidity, Sources};
use concord::oracle;
use proptest::prelude::*;

const AGREEMENT: &str = "examples/regional-joint-committee-attendance.concord";
const SCENARIOS: &str = "examples/regional-joint-committee-attendance.scenarios";

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
    assert!(text.ends_with("13 passed, 0 failed\n"), "{text}");
}

#[test]
fn missed_meetings_and_the_excuse() {
    let passed = working("A member absent for more than six months without excuse is removed", &[]);
    assert!(passed.contains("Outcome: passed"), "{passed}");
    assert!(passed.contains("by 10 April 2026 it had missed every meeting for 6 months"), "{passed}");
    insta::assert_snapshot!("meetings__absence_passed", passed);
    let soon = working("Five months of absence is not yet enough", &[]);
    assert!(soon.contains("only on 10 April 2026, the first day it can be decided"), "{soon}");
    insta::assert_snapshot!("meetings__absence_too_short", soon);
    let excused = working("An absence with a reasonable cause, and a member able to return, is excused", &[]);
    assert!(excused.contains("Outcome: invalid: the absence was excused"), "{excused}");
}

#[test]
fn a_quorum_of_those_attending() {
    let passed = working("The observer makes the quorum of those attending", &[]);
    assert!(
        passed.contains("adviser attending without a vote: 4 attending, at least 4 needed, so it holds"),
        "{passed}"
    );
    assert!(passed.contains("Attending without a vote: Lay Adviser (adviser)."), "{passed}");
    insta::assert_snapshot!("meetings__attendance_passed", passed);
    let failed = working("Without the observer, three are not a quorum", &[]);
    assert!(failed.contains("3 attended, voting or not, and at least 4 must"), "{failed}");
    insta::assert_snapshot!("meetings__attendance_failed", failed);
    let json = working("Without the observer, three are not a quorum", &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let found = &value["evaluations"][0]["evaluation"]["meetings"]["attendance"];
    assert_eq!(found["count"], 3, "{json}");
    assert_eq!(found["held"], false, "{json}");
}

#[test]
fn votes_lodged_in_advance() {
    let counted = working("A position lodged in advance is counted", &[]);
    assert!(counted.contains("Outcome: passed"), "{counted}");
    assert!(counted.contains("Mid County Council (council-mid, lodged in advance)"), "{counted}");
    insta::assert_snapshot!("meetings__lodged_counted", counted);
    let over = working("A third lodged vote in a row is not counted", &[]);
    assert!(over.contains("Outcome: deadlocked"), "{over}");
    assert!(
        over.contains("not counted, so it is absent: it lodged its vote at the last 2 meetings, and at most 2 meetings in a row may be lodged"),
        "{over}"
    );
    insta::assert_snapshot!("meetings__lodged_over_the_limit", over);
}

/// `concord test` of a scenario file written beside the example: the diagnostics it prints.
fn refused(body: &str) -> String {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("concord-meetings-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let agreement = std::fs::read_to_string(AGREEMENT).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("regional-joint-committee-attendance.concord"), agreement)
        .unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("refused.scenarios");
    let text = format!("scenarios for \"regional-joint-committee-attendance.concord\"\n\nscenario \"s\"\n{body}");
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
    let out =
        concord().current_dir(&dir).args(["test", "refused.scenarios"]).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert_ne!(out.status.code(), Some(0));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn what_a_proposal_leaves_unsettled_is_refused() {
    let missing = refused(concat!(
        "  propose \"remove a member for non-attendance\" on 15 May 2026\n  concerning: council-mid\n",
        "  the absence had no reasonable cause\n  in favour: hb-north\n  expect passed\n"
    ));
    assert!(missing.contains("does not say when the member concerned last attended a meeting"), "{missing}");
    assert!(missing.contains("whether the member will be able to attend future meetings"), "{missing}");
    insta::assert_snapshot!("meetings__missing_facts", missing);
    let no_member = refused(concat!(
        "  propose \"remove a member for non-attendance\" on 15 May 2026\n  last attended on 1 May 2025\n",
        "  the absence had no reasonable cause\n  the member will be able to attend future meetings\n",
        "  in favour: hb-north\n  expect passed\n"
    ));
    assert!(no_member.contains("concord::model::missing_concerned"), "{no_member}");
    let both = refused(concat!(
        "  propose \"approve the annual plan\"\n  attending without a vote: hb-north, adviser\n",
        "  in favour: hb-north, hb-south, council-east\n  expect passed\n"
    ));
    assert!(both.contains("concord::model::attending_and_voted"), "{both}");
    insta::assert_snapshot!("meetings__attending_and_voted", both);
    let reconvened = refused(
        "  propose \"approve the annual plan\"\n  at a reconvened meeting\n  in favour: hb-north, hb-south, council-east, council-west\n  expect passed\n",
    );
    assert!(reconvened.contains("concord::model::attendance_reconvened"), "{reconvened}");
    let order = refused(concat!(
        "  propose \"remove a member for non-attendance\" on 15 May 2026\n  concerning: council-mid\n",
        "  last attended on 1 June 2026\n  the absence had no reasonable cause\n",
        "  the member will be able to attend future meetings\n  in favour: hb-north\n  expect passed\n"
    ));
    assert!(order.contains("concord::model::dates_out_of_order"), "{order}");
    let not_allowed = refused(
        "  propose \"approve the annual plan\"\n  lodged in advance: council-mid in favour\n  in favour: hb-north, hb-south, council-east, council-west\n  expect passed\n",
    );
    assert!(not_allowed.contains("concord::model::lodging_not_allowed"), "{not_allowed}");
    insta::assert_snapshot!("meetings__lodging_not_allowed", not_allowed);
    let twice = refused(concat!(
        "  propose \"agree a joint position\"\n  lodged in advance: hb-north in favour\n",
        "  hb-north has not lodged its vote at the last meeting\n  hb-north has not lodged its vote this year\n",
        "  in favour: hb-north\n  expect passed\n"
    ));
    assert!(twice.contains("concord::model::lodged_and_voted"), "{twice}");
    let no_count = refused(
        "  propose \"agree a joint position\"\n  lodged in advance: hb-north in favour\n  in favour: hb-south\n  expect passed\n",
    );
    assert!(no_count.contains("at how many meetings in a row hb-north lodged its vote before"), "{no_count}");
    assert!(no_count.contains("how many times this year hb-north lodged its vote before"), "{no_count}");
}

#[test]
fn a_lodged_vote_where_the_rule_counts_what_is_present_is_refused() {
    let dir = std::env::temp_dir().join(format!("concord-meetings-present-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let agreement = "agreement \"T\"\nmember ma\nmember mb\nmember mc\ndecision \"d\"\n  passes if more than half of votes present in favour\n  an absent member may lodge its vote in advance\n";
    std::fs::write(dir.join("t.concord"), agreement).unwrap_or_else(|e| panic!("{e}"));
    let scenarios = "scenarios for \"t.concord\"\n\nscenario \"s\"\n  propose \"d\"\n  lodged in advance: mc against\n  in favour: ma, mb\n  expect passed\n";
    std::fs::write(dir.join("t.scenarios"), scenarios).unwrap_or_else(|e| panic!("{e}"));
    let out = concord().current_dir(&dir).args(["test", "t.scenarios"]).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_ne!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("concord::model::lodged_vote_present"), "{text}");
}

#[test]
fn facts_for_a_decision_without_the_clauses_are_refused() {
    let dir = std::env::temp_dir().join(format!("concord-meetings-plain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let agreement =
        "agreement \"T\"\nmember ma\nmember mb\nmember mc\n  observer\ndecision \"d\"\n  passes if unanimous\n";
    std::fs::write(dir.join("t.concord"), agreement).unwrap_or_else(|e| panic!("{e}"));
    let scenarios = "scenarios for \"t.concord\"\n\nscenario \"s\"\n  propose \"d\"\n  last attended on 1 May 2026\n  the absence had a reasonable cause\n  attending without a vote: mc\n  in favour: ma, mb\n  expect passed\n";
    std::fs::write(dir.join("t.scenarios"), scenarios).unwrap_or_else(|e| panic!("{e}"));
    let out = concord().current_dir(&dir).args(["test", "t.scenarios"]).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_ne!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("makes no use of when the member concerned last attended"), "{text}");
    assert!(text.contains("makes no use of whether the absence had a reasonable cause"), "{text}");
    assert!(text.contains("concord::model::attendance_not_counted"), "{text}");
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
        Invalidity::NoQuorum | Invalidity::NoAttendanceQuorum { .. } => oracle::InvalidReason::NoQuorum,
        _ => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn the_evaluator_and_the_oracle_agree_on_missed_meetings_excuses_and_attendance(
        size in 3usize..7,
        observers in proptest::collection::vec(any::<bool>(), 7),
        absence in proptest::option::of((1u8..12, 0u8..4)),
        excuse in (any::<bool>(), any::<bool>()),
        facts in (any::<bool>(), any::<bool>()),
        quorum in proptest::option::of(0u32..8),
        ordinary in any::<bool>(),
        ballots in proptest::collection::vec(0u8..4, 7),
        attending in proptest::collection::vec(any::<bool>(), 7),
        proxies in any::<bool>(),
        proxy_for in proptest::collection::vec(any::<bool>(), 7),
        last in 0u16..400,
        lodging in proptest::option::of((proptest::option::of(0u32..4), proptest::option::of(0u32..4))),
        lodged in proptest::collection::vec((any::<bool>(), any::<bool>(), 0u32..5, 0u32..5), 7),
    ) {
        // m0 is never an observer: it is the member concerned and holds proxies.
        let mut text = String::from("agreement \"G\"\n  currency GBP\n");
        if proxies {
            text.push_str("  members may vote by proxy\n");
        }
        for (i, observer) in observers.iter().take(size).enumerate() {
            text.push_str(&format!("member m{i}\n"));
            if i > 0 && *observer {
                text.push_str("  observer\n");
            }
        }
        text.push_str("voting one member one vote\ndecision \"d\"\n  passes if more than half of votes cast in favour\n");
        if absence.is_some() {
            text.push_str("  the member concerned does not vote\n");
        }
        let units = ["days", "working days", "weeks", "months"];
        if let Some((count, unit)) = absence {
            text.push_str(&format!(
                "  only after the member concerned has missed every meeting for {count} {}\n",
                units[usize::from(unit)]
            ));
            match excuse {
                (true, true) => text.push_str("  unless the absence had a reasonable cause and the member will be able to attend future meetings\n"),
                (true, false) => text.push_str("  unless the absence had a reasonable cause\n"),
                (false, true) => text.push_str("  unless the member will be able to attend future meetings\n"),
                (false, false) => {}
            }
        }
        if ordinary {
            text.push_str("  quorum at least 2 members present\n");
        }
        if let Some(n) = quorum {
            text.push_str(&format!("  quorum at least {n} members attending, voting or not\n"));
        }
        if let Some((row, year)) = lodging {
            let mut limits = Vec::new();
            if let Some(n) = row {
                limits.push(format!("at most {n} meetings in a row"));
            }
            if let Some(n) = year {
                limits.push(format!("at most {n} times a year"));
            }
            let limits = if limits.is_empty() { String::new() } else { format!(", {}", limits.join(" and ")) };
            text.push_str(&format!("  an absent member may lodge its vote in advance{limits}\n"));
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
        // Ballots; members 1.. may vote by proxy of m0 when m0 itself votes.
        let mut lists: [Vec<String>; 3] = Default::default();
        let mut voted = vec![false; size];
        let m0_votes = ballots[0] < 3;
        for (i, b) in ballots.iter().take(size).enumerate() {
            if *b < 3 {
                voted[i] = true;
                let by = if i > 0 && m0_votes && proxy_for[i] { " (by proxy m0)" } else { "" };
                lists[usize::from(*b)].push(format!("m{i}{by}"));
            }
        }
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                proposal.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        // Members that did not vote may lodge a vote (when the decision allows it), saying how
        // often they lodged before for each limit.
        let mut lodgers = vec![false; size];
        if let Some((row, year)) = lodging {
            let mut listed = Vec::new();
            for (i, (lodges, favour, in_a_row, this_year)) in lodged.iter().take(size).enumerate() {
                if voted[i] || !*lodges {
                    continue;
                }
                lodgers[i] = true;
                listed.push(format!("m{i} {}", if *favour { "in favour" } else { "against" }));
                if row.is_some() {
                    proposal.push_str(&format!("  m{i} has lodged its vote at the last {in_a_row} meetings\n"));
                }
                if year.is_some() {
                    proposal.push_str(&format!("  m{i} has lodged its vote {this_year} times this year\n"));
                }
            }
            if !listed.is_empty() {
                proposal.push_str(&format!("  lodged in advance: {}\n", listed.join(", ")));
            }
        }
        let there: Vec<String> =
            (0..size).filter(|i| !voted[*i] && !lodgers[*i] && attending[*i]).map(|i| format!("m{i}")).collect();
        if quorum.is_some() && !there.is_empty() {
            proposal.push_str(&format!("  attending without a vote: {}\n", there.join(", ")));
        }
        let parsed = concord::syntax::parse(&proposal);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{proposal}", parsed.errors);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        let codes: Vec<String> = errors.iter().map(|e| e.code_string()).collect();
        if !codes.is_empty() {
            // Only a proxy the agreement refuses to let one member hold so many of, if any.
            prop_assert!(codes.iter().all(|c| c.contains("prox")), "{:?}\n{}\n{}", codes, text, proposal);
            return Ok(());
        }
        let p = &inputs.proposals[0];
        let real = evaluate(&agreement, p, Sources { agreement: &text, proposal: &proposal })
            .unwrap_or_else(|e| panic!("{e}"));
        let verdict = oracle::decide(&agreement, p).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(oracle::OutcomeKind::from(real.outcome.result), verdict.outcome, "{}\n{}\n{:?}", text, proposal, real.outcome);
        if let Some(expected) = verdict.invalid {
            let found: Vec<_> = real.outcome.invalid.iter().filter_map(reason).collect();
            prop_assert!(found.contains(&expected), "{:?} not in {:?}\n{}\n{}", expected, found, text, proposal);
        }
    }
}
