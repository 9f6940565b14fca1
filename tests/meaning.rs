//! The shared reproducers of issue 14 (`../shared/regressions/meaning/` and the meaning cases of
//! `hostile-input/`), each with the outcome docs/semantics.md gives it, through the real binary.

use std::path::PathBuf;

use assert_cmd::Command;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/meaning")
}

fn concord(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.code(), text)
}

#[test]
fn every_reproducer_comes_out_as_the_semantics_say() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".scenarios"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    for file in files {
        let (code, text) = concord(&["test", &file]);
        assert_eq!(code, Some(0), "{file}:\n{text}");
        assert!(text.contains(", 0 failed"), "{file}:\n{text}");
    }
}

#[test]
fn a_rule_that_can_pass_is_not_reported_as_never_passing() {
    let (_, text) = concord(&["check", "never-passes-wrong.concord"]);
    assert!(!text.contains("concord::check::never_passes") && !text.contains("can never pass"), "{text}");
}

#[test]
fn an_agreement_with_errors_is_not_evaluated() {
    let proposal = "proposal \"p\"\n  decision \"d\"\n  in favour: p1\n";
    let path = std::env::temp_dir().join(format!("concord-reserved-sum-{}.proposal", std::process::id()));
    std::fs::write(&path, proposal).unwrap_or_else(|e| panic!("{e}"));
    let (code, text) = concord(&["eval", "reserved-over-100.concord", &path.to_string_lossy()]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("shares_not_100"), "{text}");
    assert!(!text.contains("Outcome:"), "{text}");
}

#[test]
fn consensus_that_passes_with_nobody_in_favour_is_flagged() {
    let (_, text) = concord(&["check", "consensus-empty-meeting.concord"]);
    assert!(text.contains("concord::check::passes_without_support"), "{text}");
}
