//! An election's casting vote given to a chair whose holder changes is refused
//! (`concord::model::election_office_casting`): docs/semantics.md settles who holds such an office
//! from a proposal's date or the person presiding, and an election's scenario has neither. The
//! help says what to write instead; a chair who is one member with the role still has the vote.

use concord::commands::check::{check_source, CheckReport};
use concord::diagnostic::Severity;
use concord::load::Source;
use concord::report::{check_human, Colour, JSON_SCHEMA_VERSION};

const ROTATING: &str = r#"agreement "Rotating board"
  kinds council, nhs
  the chair rotates between council members and nhs members every 2 years from 1 April 2026

member county
  kinds council
member icb
  kinds nhs
member trust
  kinds nhs

election "vice-chair"
  candidates are the nhs members
  the candidate with the most votes is elected
  on a tie, the chair has the casting vote
"#;

fn check(text: &str) -> CheckReport {
    let file = check_source(Source { name: "board.concord".into(), text: text.to_string() }, None);
    let count = |s| file.findings.iter().filter(|f| f.severity == s).count();
    CheckReport {
        schema: JSON_SCHEMA_VERSION,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files: vec![file],
    }
}

#[test]
fn a_rotating_chairs_casting_vote_at_an_election_is_refused_with_what_to_write() {
    let report = check(ROTATING);
    let codes: Vec<&str> = report.files.iter().flat_map(|f| f.findings.iter()).map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["concord::model::election_office_casting"]);
    let text = check_human(&report, Colour::Off, 100);
    // The help names a member's casting vote and the lot, not the clause that was refused.
    assert!(text.contains("`on a tie, county has the"), "{text}");
    assert!(text.contains("`on a tie, it is decided by lot`"), "{text}");
    insta::assert_snapshot!("election_office__rotating_chair", text);
}

#[test]
fn what_the_help_says_to_write_reads_cleanly() {
    for instead in ["on a tie, county has the casting vote", "on a tie, it is decided by lot"] {
        let text = ROTATING.replace("on a tie, the chair has the casting vote", instead);
        let report = check(&text);
        assert_eq!(report.errors, 0, "{instead}: {}", check_human(&report, Colour::Off, 100));
    }
}

#[test]
fn a_chair_who_is_one_member_keeps_the_casting_vote() {
    let text = ROTATING
        .replace("  the chair rotates between council members and nhs members every 2 years from 1 April 2026\n", "")
        .replace("member county\n  kinds council\n", "member county\n  kinds council\n  chair\n");
    let report = check(&text);
    assert_eq!(report.errors, 0, "{}", check_human(&report, Colour::Off, 100));
}
