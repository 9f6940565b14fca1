//! Offices that change or are shared (issue 21, item 1): a chair rotating between the sides of
//! a joint committee every two years, the casting vote of whoever holds it on the proposal's
//! date, and the refusals where the holder is not settled.
//!
//! - the bundled `examples/joint-committee` scenarios: the same tie passes or fails with the
//!   date and who presided, and the working says who held the chair and why (snapshots of one
//!   passing and one failing explanation);
//! - the refusals: no date where the holder depends on it, a day nobody holds the office, no
//!   `presiding:` line where several may hold it, a member presiding who may not hold it;
//! - the agreement's own refusals: the chair both a role and an office, a rotation in weeks, a
//!   limit whose bounds are reversed, an unknown office;
//! - a property: on generated committees, rotations and ballots the evaluator agrees with the
//!   reference evaluator (`concord::oracle`) on the outcome and on whose casting vote decided it;
//! - `concord explain --who chair --on DATE`, from the real binary.

use assert_cmd::Command;
use concord::eval::{evaluate, OutcomeKind, Sources};
use concord::model::inputs::Proposal;
use concord::model::{Agreement, MemberId};
use concord::oracle;
use concord::report::{eval_human, Colour};
use proptest::prelude::*;

fn agreement(text: &str) -> Agreement {
    let loaded = concord::load::load(text);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.agreement.unwrap_or_else(|| panic!("the agreement does not read"))
}

fn codes_of(text: &str) -> Vec<String> {
    concord::load::load(text).diagnostics.iter().map(|e| e.code_string()).collect()
}

/// The proposals of `text` read against `agreement`, with the codes of the errors found.
fn proposals(agreement: &Agreement, text: &str) -> (Vec<Proposal>, Vec<String>) {
    let parsed = concord::syntax::parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (inputs, errors) = concord::load::load_inputs(agreement, &parsed.file);
    (inputs.proposals, errors.iter().map(|e| e.code_string()).collect())
}

fn explain(scenario: &str) -> String {
    let options = concord::commands::eval::EvalOptions {
        scenario: Some(scenario.to_string()),
        weights: concord::commands::eval::Weights::Hide,
        why: false,
    };
    let report = concord::commands::eval::eval(
        std::path::Path::new("examples/joint-committee.concord"),
        std::path::Path::new("examples/joint-committee.scenarios"),
        &options,
    );
    eval_human(&report, Colour::Off, 100)
}

#[test]
fn a_tie_goes_the_way_of_whoever_holds_the_chair_on_the_day() {
    let passed = explain("In the council's two years, a tie goes the way of the council member presiding");
    assert!(passed.contains("Outcome: passed on the casting vote of cabinet."), "{passed}");
    assert!(
        passed.contains("cabinet, who presided and is one of those who may hold the chair on 3 June 2027 (line 14:"),
        "{passed}"
    );
    insta::assert_snapshot!("rotating_chairs__passed", passed);

    let rejected = explain("In the health board's two years, the same tie goes the other way");
    assert!(rejected.contains("rejected on the casting vote of trust"), "{rejected}");
    assert!(
        rejected.contains("trust, who presided and is one of those who may hold the chair on 7 June 2028"),
        "{rejected}"
    );
    insta::assert_snapshot!("rotating_chairs__rejected", rejected);
}

const COMMITTEE: &str = "agreement \"Committee\"
  kinds council, nhs, lay
  from 1 April 2026 to 31 March 2027, the chair is leader
  from 1 April 2027 to 31 March 2028, the chair alternates between cabinet and icb from meeting to meeting
  the vice-chair is icb

member leader
  kinds council
member cabinet
  kinds council
member icb
  kinds nhs

decision \"chaired\"
  passes if more than half of votes cast in favour
  on a tie, the chair has the casting vote

decision \"vice\"
  passes if more than half of votes cast in favour
  on a tie, the vice-chair has the casting vote
";

#[test]
fn who_holds_the_chair_is_never_guessed() {
    let committee = agreement(COMMITTEE);
    let cases = [
        ("decision \"chaired\"\n  in favour: leader\n  against: icb\n", "concord::model::office_needs_date"),
        (
            "decision \"chaired\"\n  dated 1 May 2028\n  in favour: leader\n  against: icb\n",
            "concord::model::office_vacant",
        ),
        (
            "decision \"chaired\"\n  dated 1 May 2027\n  in favour: leader\n  against: icb\n",
            "concord::model::office_needs_presiding",
        ),
        (
            "decision \"chaired\"\n  dated 1 May 2027\n  presiding: leader\n  in favour: leader\n  against: icb\n",
            "concord::model::presiding_may_not_hold",
        ),
        (
            "decision \"chaired\"\n  dated 1 May 2026\n  presiding: icb\n  in favour: leader\n  against: cabinet\n",
            "concord::model::presiding_may_not_hold",
        ),
        (
            "decision \"chaired\"\n  dated 1 May 2027\n  presiding: cabinet\n  in favour: leader\n  against: icb\n",
            "concord::model::presiding_absent",
        ),
    ];
    for (body, code) in cases {
        let (_, codes) = proposals(&committee, &format!("proposal \"p\"\n  {body}"));
        assert_eq!(codes, vec![code.to_string()], "{body}");
    }
    // Settled: the one member named, with or without a `presiding:` line naming it; an undated
    // office needs no date.
    for (body, outcome, holder) in [
        ("decision \"chaired\"\n  dated 1 May 2026\n  in favour: leader\n  against: icb\n", OutcomeKind::Passed, 0),
        (
            "decision \"chaired\"\n  dated 1 May 2026\n  presiding: leader\n  in favour: leader\n  against: icb\n",
            OutcomeKind::Passed,
            0,
        ),
        (
            "decision \"chaired\"\n  dated 1 May 2027\n  presiding: icb\n  in favour: leader\n  against: icb\n",
            OutcomeKind::Rejected,
            2,
        ),
        ("decision \"vice\"\n  in favour: leader\n  against: icb\n", OutcomeKind::Rejected, 2),
    ] {
        let text = format!("proposal \"p\"\n  {body}");
        let (read, codes) = proposals(&committee, &text);
        assert!(codes.is_empty(), "{body}: {codes:?}");
        let real =
            evaluate(&committee, &read[0], Sources { agreement: COMMITTEE, proposal: &text }).expect("evaluates");
        assert_eq!(real.outcome.result, outcome, "{body}");
        assert_eq!(real.outcome.casting_vote.as_ref().map(|c| c.id), Some(MemberId(holder)), "{body}");
    }
}

#[test]
fn an_office_said_two_ways_or_in_words_that_do_not_settle_it_is_refused() {
    let role_and_office =
        "agreement \"a\"\n  the chair is y\n\nmember x\n  chair\nmember y\n\ndecision \"d\"\n  passes if unanimous\n";
    assert_eq!(codes_of(role_and_office), vec!["concord::model::office_and_role"]);
    let weeks =
        "agreement \"a\"\n  the chair rotates between x and y every 6 weeks from 1 April 2026\n\nmember x\nmember y\n";
    assert_eq!(codes_of(weeks), vec!["concord::model::rotation_period"]);
    let reversed = "agreement \"a\"\n\nmember x\nmember y\n\nmembership\n  at least 4 and at most 2 members\n";
    assert_eq!(codes_of(reversed), vec!["concord::model::limit_reversed"]);
    let unknown = "agreement \"a\"\n  the chair is x\n\nmember x\nmember y\n\ndecision \"d\"\n  passes if unanimous\n  on a tie, the vice-chair has the casting vote\n";
    assert_eq!(codes_of(unknown), vec!["concord::model::unknown_name"]);
    let two = "agreement \"a\"\n  the chair is x\n\nmember x\nmember y\n\ndecision \"d\"\n  passes if unanimous\n  on a tie, the chair has the casting vote\n  on a tie, the person presiding has the casting vote\n";
    assert_eq!(codes_of(two), vec!["concord::model::duplicate_clause"]);
    let in_a_condition =
        "agreement \"a\"\n  the chair is x\n\nmember x\nmember y\n\ndecision \"d\"\n  passes if the chair in favour\n";
    assert_eq!(codes_of(in_a_condition), vec!["concord::model::office_not_a_member"]);
}

#[test]
fn explain_who_answers_from_the_real_binary() {
    let out = Command::cargo_bin("concord")
        .expect("the binary")
        .args(["explain", "examples/joint-committee.concord", "--who", "vice-chair", "--on", "2029-01-01"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("leader holds the vice-chair on 1 January 2029 (under the clause: from 1 April 2028"),
        "{text}"
    );
    let undated = Command::cargo_bin("concord")
        .expect("the binary")
        .args(["explain", "examples/joint-committee.concord", "--who", "chair"])
        .output()
        .expect("runs");
    assert_eq!(undated.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&undated.stdout).contains("depends on the date"));
}

/// A committee of `size` members, alternately of kind `council` and `nhs`, whose chair is given
/// by `how`: 0 rotating between members, 1 rotating between the kinds, 2 alternating between
/// the first two members, 3 one of the council members, 4 two dated terms meeting.
fn committee(size: usize, how: u8, every: u8) -> String {
    let mut text = String::from("agreement \"Generated committee\"\n  kinds council, nhs\n");
    let months = u32::from(every) + 1;
    text.push_str(&match how {
        0 => format!(
            "  the chair rotates between {} every {months} months from 31 January 2026\n",
            (0..size).map(|i| format!("m{i}")).collect::<Vec<_>>().join(", ")
        ),
        1 => format!(
            "  the chair rotates between council members and nhs members every {months} months from 1 April 2026\n"
        ),
        2 => "  the chair alternates between m0 and m1 from meeting to meeting\n".to_string(),
        3 => "  the chair is one of the council members\n".to_string(),
        _ => {
            "  from 1 January 2026 to 30 June 2027, the chair is m0\n  from 1 July 2027, the chair is m1\n".to_string()
        }
    });
    for i in 0..size {
        text.push_str(&format!("member m{i}\n  kinds {}\n", if i % 2 == 0 { "council" } else { "nhs" }));
    }
    text.push_str("decision \"d\"\n  passes if more than half of votes cast in favour\n  on a tie, the chair has the casting vote\n");
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_evaluator_and_the_oracle_agree_on_who_holds_the_chair(
        size in 2usize..6,
        how in 0u8..5,
        every in 0u8..24,
        day in 0u32..1500,
        ballots in proptest::collection::vec(0u8..3, 6),
        presiding in 0usize..6,
        line in 0u8..3,
    ) {
        let text = committee(size, how, every);
        let board = agreement(&text);
        // A day from 1 April 2026 on.
        let mut date = concord::calendar::Date { year: 2026, month: 4, day: 1 };
        for _ in 0..day {
            date = date.next().expect("a later day");
        }
        let mut lists: [Vec<String>; 3] = Default::default();
        for (i, b) in ballots.iter().take(size).enumerate() {
            lists[*b as usize].push(format!("m{i}"));
        }
        // A member who may hold the chair that day presides, and is present.
        let office = &board.offices[0];
        let may = concord::model::chairs::may_hold(&board, office, Some(date)).map(|(_, m)| m.members());
        let Ok(may) = may else { return Ok(()) };
        prop_assume!(!may.is_empty());
        let chosen = may[presiding % may.len()];
        let name = format!("m{}", chosen.0);
        if !lists.iter().any(|l| l.contains(&name)) {
            lists[2].push(name.clone());
        }
        let mut proposal = format!("proposal \"p\"\n  decision \"d\"\n  dated {}\n  presiding: {name}\n", date.words());
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                proposal.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        match line {
            1 => proposal.push_str("  casting vote: in favour\n"),
            2 => proposal.push_str("  casting vote: against\n"),
            _ => {}
        }
        let (read, codes) = proposals(&board, &proposal);
        prop_assert!(codes.is_empty(), "{codes:?}\n{text}\n{proposal}");
        let p = &read[0];
        let real = evaluate(&board, p, Sources { agreement: &text, proposal: &proposal })
            .unwrap_or_else(|e| panic!("{e}"));
        let verdict = oracle::decide(&board, p).unwrap_or_else(|e| panic!("{e}\n{text}\n{proposal}"));
        let kind = oracle::OutcomeKind::from(real.outcome.result);
        prop_assert_eq!(kind, verdict.outcome, "{}\n{}", text, proposal);
        let cast_by = real.outcome.casting_vote.as_ref().map(|c| c.id);
        prop_assert_eq!(cast_by, verdict.casting_vote, "{}\n{}", text, proposal);
        // Whoever cast it holds the chair that day.
        if let Some(holder) = cast_by {
            prop_assert!(may.contains(&holder));
        }
    }
}

#[test]
fn the_refusals_read_aloud() {
    let dir = std::env::temp_dir().join(format!("concord-rotating-chairs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::fs::copy("examples/joint-committee.concord", dir.join("joint-committee.concord")).expect("the example");
    let scenarios = "scenarios for \"joint-committee.concord\"

scenario \"Undated\"
  propose \"approve the joint commissioning plan\"
  presiding: icb
  in favour: leader, cabinet
  against: icb, trust
  expect rejected

scenario \"Before the rotation starts\"
  propose \"approve the joint commissioning plan\" on 1 March 2026
  presiding: leader
  in favour: leader, cabinet
  against: icb, trust
  expect passed

scenario \"Nobody said to preside\"
  propose \"approve the joint commissioning plan\" on 7 June 2028
  in favour: leader, cabinet
  against: icb, trust
  expect rejected

scenario \"A council member presiding in the health board's turn\"
  propose \"approve the joint commissioning plan\" on 7 June 2028
  presiding: cabinet
  in favour: leader, cabinet
  against: icb, trust
  expect passed
";
    std::fs::write(dir.join("refusals.scenarios"), scenarios).expect("written");
    let out = Command::cargo_bin("concord")
        .expect("the binary")
        .current_dir(&dir)
        .args(["test", "refusals.scenarios"])
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_ne!(out.status.code(), Some(0), "{text}");
    for code in [
        "concord::model::office_needs_date",
        "concord::model::office_vacant",
        "concord::model::office_needs_presiding",
        "concord::model::presiding_may_not_hold",
    ] {
        assert!(text.contains(code), "{code}\n{text}");
    }
    insta::assert_snapshot!("rotating_chairs__refusals", text);
    let _ = std::fs::remove_dir_all(&dir);
}
