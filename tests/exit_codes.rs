//! One rule for exit codes, held command by command (docs/reference.md §17, "Exit codes, for
//! every command"): 0 done and nothing wrong, 1 done and the answer is a finding, 2 could not
//! do what was asked.

use assert_cmd::Command;

fn concord() -> Command {
    let mut command = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("{e}"));
    command.env("NO_COLOR", "1").env_remove("COLUMNS").env_remove("CONCORD_PLAIN");
    command
}

/// Runs `concord ARGS` and returns its exit code and standard output and error together.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = concord().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

fn code(args: &[&str]) -> Option<i32> {
    run(args).0
}

fn empty_folder(label: &str) -> String {
    let dir = std::env::temp_dir().join(format!("concord-exit-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.display().to_string()
}

#[test]
fn check_follows_the_rule() {
    assert_eq!(code(&["check", "examples"]), Some(0));
    assert_eq!(code(&["check", "tests/check/err_dictator.concord"]), Some(1));
    assert_eq!(code(&["check", "README.md"]), Some(2));
    assert_eq!(code(&["check", "no-such-file.concord"]), Some(2));
    let empty = empty_folder("check");
    let (status, text) = run(&["check", &empty]);
    assert_eq!(status, Some(2), "{text}");
    assert!(text.contains("No Concord files were found"), "{text}");
}

#[test]
fn test_follows_the_rule() {
    assert_eq!(code(&["test", "examples"]), Some(0));
    let (status, text) = run(&["test", "examples", "--filter", "no scenario is called this"]);
    assert_eq!(status, Some(2), "{text}");
    assert!(text.contains("No scenario's name contains"), "{text}");
    assert_eq!(code(&["test", &empty_folder("test")]), Some(2));
    let (status, text) = run(&["test", "examples", "--format", "json", "--report", "junit"]);
    assert_eq!(status, Some(2), "{text}");
    assert!(text.contains("two different reports"), "{text}");
}

#[test]
fn eval_follows_the_rule() {
    let agreement = "examples/lead-provider-alliance.concord";
    assert_eq!(code(&["eval", agreement, "examples/lead-provider-alliance.scenarios"]), Some(0));
    assert_eq!(code(&["eval", agreement, "no-such-file.scenarios"]), Some(2));
    assert_eq!(
        code(&["eval", agreement, "examples/lead-provider-alliance.scenarios", "--scenario", "no such scenario"]),
        Some(2)
    );
}

#[test]
fn power_follows_the_rule() {
    assert_eq!(code(&["power", "examples/lead-provider-alliance.concord"]), Some(0));
    // One decision weighs votes by what each member commits to a proposal: noted, not a failure.
    let (status, text) = run(&["power", "examples/commissioning-management-organisation.concord"]);
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains("give one with --proposal"), "{text}");
    let (status, text) = run(&["power", "--format", "json", "examples/commissioning-management-organisation.concord"]);
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains("\"needs_proposal\": true"), "{text}");
    assert_eq!(code(&["power", "no-such-file.concord"]), Some(2));
    assert_eq!(code(&["power", "examples/lead-provider-alliance.concord", "--decision", "no such decision"]), Some(2));
}

#[test]
fn fmt_follows_the_rule() {
    assert_eq!(code(&["fmt", "--check", "examples"]), Some(0));
    assert_eq!(code(&["fmt", "--check", "README.md"]), Some(2));
    assert_eq!(code(&["fmt", "--check", &empty_folder("fmt")]), Some(2));
    let dir = empty_folder("fmt-messy");
    let messy = format!("{dir}/messy.concord");
    std::fs::write(&messy, "agreement \"A\"\n    currency GBP\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(&["fmt", "--check", &messy]), Some(1));
    assert_eq!(code(&["fmt", "--diff", &messy]), Some(1));
    assert_eq!(code(&["fmt", &messy]), Some(0));
}

#[test]
fn repl_refuses_json_and_usage_errors_are_two() {
    let (status, text) = run(&["repl", "--format", "json"]);
    assert_eq!(status, Some(2), "{text}");
    assert!(text.contains("no JSON form"), "{text}");
    assert_eq!(code(&["no-such-command"]), Some(2));
    assert_eq!(code(&["check", "--no-such-option", "examples"]), Some(2));
    assert_eq!(code(&["--help"]), Some(0));
    assert_eq!(code(&["--version"]), Some(0));
}

#[test]
fn plain_output_has_no_box_drawing_or_symbols() {
    let (status, text) = run(&["--plain", "check", "tests/check/err_dictator.concord"]);
    assert_eq!(status, Some(1), "{text}");
    for mark in ['│', '╭', '─', '✗', '✓', '×', '…'] {
        assert!(!text.contains(mark), "{mark} in plain output:\n{text}");
    }
    assert!(text.contains("problem:") && text.contains("line"), "{text}");
    let by_env = concord()
        .env("CONCORD_PLAIN", "1")
        .args(["check", "tests/check/err_dictator.concord"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&by_env.stdout), text);
}

#[test]
fn reports_wrap_at_the_width_given_by_columns() {
    let wide = concord()
        .env("COLUMNS", "200")
        .args(["check", "tests/check/err_dictator.concord"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let narrow = concord()
        .env("COLUMNS", "50")
        .args(["check", "tests/check/err_dictator.concord"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    // miette wraps messages and help at the width (source lines are shown as they are).
    let lines = |bytes: &[u8]| String::from_utf8_lossy(bytes).lines().count();
    assert!(lines(&narrow.stdout) > lines(&wide.stdout), "{}", String::from_utf8_lossy(&narrow.stdout));
    let help = String::from_utf8_lossy(&narrow.stdout);
    let help_line = help.lines().find(|l| l.trim_start().starts_with("help:")).unwrap_or_default();
    assert!(help_line.chars().count() <= 50, "{help_line}");
}

#[test]
fn completions_and_the_manual_page_come_from_the_same_definition_as_help() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (status, text) = run(&["completions", shell]);
        assert_eq!(status, Some(0), "{shell}: {text}");
        for command in ["check", "eval", "test", "power", "fmt", "repl"] {
            assert!(text.contains(command), "{shell} completions lack {command}");
        }
    }
    assert_eq!(code(&["completions", "no-such-shell"]), Some(2));
    let (status, page) = run(&["man"]);
    assert_eq!(status, Some(0), "{page}");
    assert!(page.contains(".TH concord 1") && page.contains("check"), "{page}");
}

#[test]
fn a_coverage_minimum_fails_the_run_below_it() {
    let (status, text) = run(&["test", "examples", "--coverage", "--min", "90"]);
    assert_eq!(status, Some(0), "{text}");
    assert!(text.contains("items exercised") && text.contains("at least the minimum of 90%"), "{text}");
    // One scenario of one file exercises far less than everything.
    let (status, text) = run(&[
        "test",
        "examples/lead-provider-alliance.scenarios",
        "--filter",
        "All four partners agree in the first year",
        "--coverage",
        "--min",
        "100",
    ]);
    assert_eq!(status, Some(1), "{text}");
    assert!(text.contains("below the minimum of 100%"), "{text}");
    // --min means nothing without --coverage, and must be a percentage.
    assert_eq!(code(&["test", "examples", "--min", "90"]), Some(2));
    assert_eq!(code(&["test", "examples", "--coverage", "--min", "ninety"]), Some(2));
    assert_eq!(code(&["test", "examples", "--coverage", "--min", "101"]), Some(2));
}
