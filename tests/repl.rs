//! The REPL through the real binary: a scripted session on standard input (snapshot), and a
//! session under a pseudo-terminal with completion, a multi-line block and exit.

use assert_cmd::Command;

#[test]
fn scripted_session_on_standard_input() {
    let script = std::fs::read_to_string("tests/repl/session.txt").unwrap_or_default();
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["repl", "--no-history"])
        .env("NO_COLOR", "1")
        .write_stdin(script)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Added member `hhft`."), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn loading_a_missing_agreement_exits_2() {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["repl", "--no-history", "no/such.concord"])
        .write_stdin("")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn interactive_session_under_a_terminal() {
    use expectrl::{Eof, Regex, Session};
    use std::process::Command as StdCommand;

    let binary = assert_cmd::cargo::cargo_bin("concord");
    let mut command = StdCommand::new(binary);
    command.args(["repl", "--no-history", "--color", "never", "tests/corpus/parse/ok_full_rule.concord"]);
    let mut session = Session::spawn(command).unwrap_or_else(|e| panic!("cannot spawn: {e}"));
    session.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
    session.expect("Loaded “Test Alliance”").unwrap_or_else(|e| panic!("{e}"));
    session.expect("concord [Test Alliance]> ").unwrap_or_else(|e| panic!("{e}"));
    // Completion: `:mem` + Tab completes to `:members`.
    session.send(":mem\t").unwrap_or_else(|e| panic!("{e}"));
    session.send("\r").unwrap_or_else(|e| panic!("{e}"));
    session.expect("hhft — Hospital").unwrap_or_else(|e| panic!("{e}"));
    // A multi-line block, ended by an empty line.
    session.send("member lbh \"Council\"\r").unwrap_or_else(|e| panic!("{e}"));
    session.send("  kinds acute\r").unwrap_or_else(|e| panic!("{e}"));
    session.send("\r").unwrap_or_else(|e| panic!("{e}"));
    session.expect("Added member `lbh`.").unwrap_or_else(|e| panic!("{e}"));
    // An explanation.
    session.send(":explain change financial flows\r").unwrap_or_else(|e| panic!("{e}"));
    session.expect(Regex("at least 70% of the weighted votes")).unwrap_or_else(|e| panic!("{e}"));
    // An evaluation: a proposal typed over several lines.
    session.send("proposal \"p\"\r").unwrap_or_else(|e| panic!("{e}"));
    session.send("  decision \"change financial flows\"\r").unwrap_or_else(|e| panic!("{e}"));
    session.send("  in favour: hhft, gp, lbh\r").unwrap_or_else(|e| panic!("{e}"));
    session.send("\r").unwrap_or_else(|e| panic!("{e}"));
    session.expect("Outcome: ").unwrap_or_else(|e| panic!("{e}"));
    session.send(":quit\r").unwrap_or_else(|e| panic!("{e}"));
    session.expect(Eof).unwrap_or_else(|e| panic!("{e}"));
}
