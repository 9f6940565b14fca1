//! The REPL through the real binary: scripted sessions on standard input (one a snapshot), and
//! sessions under a pseudo-terminal (expectrl) for what only a terminal does: completion,
//! pasting, and asking before unsaved changes are lost.

use assert_cmd::Command;

/// An agreement whose one decision mixes `and` and `or`: a draft with one error.
const BROKEN: &str = "tests/corpus/parse/err_mixed_and_or.concord";

/// An agreement that reads cleanly.
const CLEAN: &str = "tests/corpus/parse/ok_full_rule.concord";

/// The decision of [`BROKEN`], fixed.
const FIXED_DECISION: &str = "decision \"x\"\n  passes if (hhft in favour and gp in favour) or unanimous\n\n";

/// Runs `concord repl ARGS` with `input` on standard input; returns the exit code and output.
fn repl(args: &[&str], input: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .arg("repl")
        .arg("--no-history")
        .args(args)
        .env("NO_COLOR", "1")
        .write_stdin(input.to_string())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A file under the system's temporary folder, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        TempFile(std::env::temp_dir().join(format!("concord-repl-{}-{name}", std::process::id())))
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn scripted_session_on_standard_input() {
    let script = std::fs::read_to_string("tests/repl/session.txt").unwrap_or_default();
    let (code, text) = repl(&[], &script);
    // The session typed an agreement and never saved it: it says so, and exits 1.
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("Added member `hhft`."), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");
    assert!(text.contains("were not saved"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn loading_a_missing_agreement_exits_2() {
    let (code, text) = repl(&["no/such.concord"], "");
    assert_eq!(code, Some(2));
    assert!(text.contains("concord::repl::cannot_read"), "{text}");
    assert!(text.contains("╭─[command line:1:14]"), "{text}");
    assert!(text.contains("help: check the file's name and folder"), "{text}");
}

#[test]
fn a_scenario_file_is_not_an_agreement_and_exits_2() {
    let (code, text) = repl(&["tests/scenarios/passing.scenarios"], "");
    assert_eq!(code, Some(2));
    assert!(text.contains("concord::repl::not_an_agreement"), "{text}");
}

#[test]
fn a_draft_with_errors_opens_and_is_fixed_in_the_session() {
    let saved = TempFile::new("fixed.concord");
    let input = format!(":members\n{FIXED_DECISION}:members\n:save {}\n:quit\n", saved.path());
    let (code, text) = repl(&[BROKEN], &input);
    assert_eq!(code, Some(0), "{text}");
    // The errors are shown as `concord check` shows them, and the session goes on.
    assert!(text.contains("concord::parse::mixed_and_or"), "{text}");
    assert!(text.contains(&format!("✗ {BROKEN}: 1 error, 0 warnings")), "{text}");
    assert!(text.contains(&format!("Opened {BROKEN} as a draft with 1 error.")), "{text}");
    assert!(!text.contains("unchanged"), "{text}");
    // A command that needs a readable agreement says so.
    assert!(text.contains("concord [Test Alliance, 1 error]> :members"), "{text}");
    assert!(text.contains("the agreement has 1 error, so `:members` cannot work it out yet"), "{text}");
    assert!(text.contains("Replaced decision “x”. The agreement now reads cleanly."), "{text}");
    assert!(text.contains("hhft — Hospital"), "{text}");
    let written = std::fs::read_to_string(&saved.0).unwrap_or_default();
    assert!(written.contains("passes if (hhft in favour and gp in favour) or unanimous"), "{written}");
}

#[test]
fn unsaved_changes_are_not_lost_without_a_word() {
    let block = "member lbh \"Council\"\n  kinds social-care\n\n";
    // End of input with changes not saved: said, and exit 1.
    let (code, text) = repl(&[CLEAN], block);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("Input ended, and the changes to the agreement were not saved."), "{text}");
    // `:quit` too: there is no one to ask, so it does not wait for an answer.
    let (code, text) = repl(&[CLEAN], &format!("{block}:quit\n:members\n"));
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("no one can be asked: the session ends, and the changes\nwere not saved"), "{text}");
    assert!(!text.contains(":members"), "{text}");
    // `:quit!` leaves without them, as asked.
    let (code, text) = repl(&[CLEAN], &format!("{block}:quit!\n"));
    assert_eq!(code, Some(0), "{text}");
    // Nothing changed: nothing to say.
    let (code, text) = repl(&[CLEAN], ":show\n");
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("not saved"), "{text}");
    // `:load` over changes is refused, not done.
    let (code, text) = repl(&[CLEAN], &format!("{block}:load tests/scenarios/network.concord\n:show\n:quit!\n"));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("concord::repl::unsaved_changes"), "{text}");
    assert!(text.contains("member lbh \"Council\""), "{text}");
}

#[test]
fn the_first_load_is_not_undone() {
    let (code, text) = repl(&[CLEAN], ":undo\nmember lbh \"Council\"\n  kinds social-care\n\n:undo\n:undo\n:show\n");
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(text.matches("There is nothing to undo.").count(), 2, "{text}");
    assert_eq!(text.matches("Undone:").count(), 1, "{text}");
    assert!(text.contains("decision \"change financial flows\""), "{text}");
}

#[test]
fn each_what_if_starts_from_the_proposal_as_typed() {
    let input = "proposal \"p\"\n  decision \"change financial flows\"\n  in favour: hhft, gp\n\n\
                 :what-if gp against\n:what-if hhft against\n:what-if\n:quit\n";
    let (code, text) = repl(&["tests/corpus/parse/ok_full_rule.concord"], input);
    assert_eq!(code, Some(0), "{text}");
    // The second what-if changes hhft's vote in the proposal as typed, where gp is in favour.
    assert!(text.contains("What if hhft voted against?"), "{text}");
    assert!(text.contains("In favour: GP federation (gp).\n  Against: Hospital (hhft)."), "{text}");
    assert!(!text.contains("In favour: none.\n  Against: Hospital (hhft) and GP federation (gp)."), "{text}");
    // No argument: how to use it, not "There is no member ``".
    assert!(!text.contains("``"), "{text}");
    assert!(text.contains("concord::repl::missing_argument"), "{text}");
    assert!(text.contains("type :what-if MEMBER in favour|against|abstaining|absent"), "{text}");
}

#[test]
fn an_agreement_pasted_without_blank_lines_keeps_every_block() {
    let input = "member lbh \"Council\"\n  kinds social-care\nmember ccg \"Commissioners\"\n  kinds commissioner\n\
                 :members\n:quit!\n";
    let (code, text) = repl(&[CLEAN], input);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("Added member `lbh`."), "{text}");
    assert!(text.contains("Added member `ccg`."), "{text}");
    assert!(!text.contains("concord::parse"), "{text}");
}

#[test]
fn bad_input_never_panics() {
    let input = ":\n: \n:::\n:what-if  \n:what-if \u{e9} \u{e9}\n:explain \"\n:load \n:help \u{1F600}\n::quit\n\
                 )\n\"\nmember\n  \n:quit!\n";
    let (code, text) = repl(&[], input);
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[cfg(unix)]
mod terminal {
    use expectrl::{Eof, Regex, Session};
    use std::process::Command as StdCommand;
    use std::time::Duration;

    fn spawn(args: &[&str]) -> Session {
        let binary = assert_cmd::cargo::cargo_bin("concord");
        let mut command = StdCommand::new(binary);
        command.args(["repl", "--no-history", "--color", "never"]).args(args);
        let mut session = Session::spawn(command).unwrap_or_else(|e| panic!("cannot spawn: {e}"));
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        session
    }

    fn expect(session: &mut Session, text: &str) {
        session.expect(text).unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
    }

    fn send(session: &mut Session, text: &str) {
        session.send(text).unwrap_or_else(|e| panic!("{e}"));
    }

    /// The exit code, once the session has ended.
    fn exit_code(session: &mut Session) -> String {
        session.expect(Eof).unwrap_or_else(|e| panic!("{e}"));
        let status = session.get_process().wait().unwrap_or_else(|e| panic!("{e}"));
        format!("{status:?}")
    }

    #[test]
    fn interactive_session_under_a_terminal() {
        let mut session = spawn(&["tests/corpus/parse/ok_full_rule.concord"]);
        expect(&mut session, "Loaded “Test Alliance”");
        expect(&mut session, "concord [Test Alliance]> ");
        // Completion: `:mem` + Tab completes to `:members`.
        send(&mut session, ":mem\t\r");
        expect(&mut session, "hhft — Hospital");
        // A multi-line block, ended by an empty line.
        send(&mut session, "member lbh \"Council\"\r");
        send(&mut session, "  kinds acute\r");
        send(&mut session, "\r");
        expect(&mut session, "Added member `lbh`.");
        // An explanation.
        send(&mut session, ":explain change financial flows\r");
        session.expect(Regex("at least 70% of the weighted votes")).unwrap_or_else(|e| panic!("{e}"));
        // An evaluation, then two what-ifs, each from the proposal as typed.
        send(&mut session, "proposal \"p\"\r");
        send(&mut session, "  decision \"change financial flows\"\r");
        send(&mut session, "  in favour: hhft, gp, lbh\r");
        send(&mut session, "\r");
        expect(&mut session, "Outcome: ");
        send(&mut session, ":what-if gp against\r");
        expect(&mut session, "In favour: Hospital (hhft) and Council (lbh).");
        expect(&mut session, "Against: GP federation (gp).");
        send(&mut session, ":what-if lbh against\r");
        expect(&mut session, "In favour: Hospital (hhft) and GP federation (gp).");
        expect(&mut session, "Against: Council (lbh).");
        send(&mut session, ":what-if\r");
        expect(&mut session, "concord::repl::missing_argument");
        // The first load is not undone.
        send(&mut session, ":undo\r");
        expect(&mut session, "Undone:");
        send(&mut session, ":undo\r");
        expect(&mut session, "There is nothing to undo.");
        send(&mut session, ":quit\r");
        let status = exit_code(&mut session);
        assert!(status.contains("Exited(") && status.ends_with(", 0)"), "{status}");
    }

    #[test]
    fn a_draft_with_errors_opens_and_leaving_asks_first() {
        let mut session = spawn(&[super::BROKEN]);
        expect(&mut session, "concord::parse::mixed_and_or");
        expect(&mut session, "as a draft with 1 error.");
        expect(&mut session, "concord [Test Alliance, 1 error]> ");
        send(&mut session, ":weights\r");
        expect(&mut session, "cannot work it out yet");
        send(&mut session, "decision \"x\"\r  passes if (hhft in favour and gp in favour) or unanimous\r\r");
        expect(&mut session, "The agreement now reads cleanly.");
        expect(&mut session, "concord [Test Alliance]> ");
        // Ctrl-D with the fix not saved: asked, and "no" stays.
        send(&mut session, "\x04");
        expect(&mut session, "Leave without saving? Type yes to leave, or no to stay: ");
        send(&mut session, "no\r");
        expect(&mut session, "The changes are kept");
        send(&mut session, ":members\r");
        expect(&mut session, "hhft — Hospital");
        // `:quit` asks too; "yes" leaves, with exit code 0.
        send(&mut session, ":quit\r");
        expect(&mut session, "Leave without saving?");
        send(&mut session, "yes\r");
        expect(&mut session, "Left without saving.");
        let status = exit_code(&mut session);
        assert!(status.ends_with(", 0)"), "{status}");
    }

    #[test]
    fn a_paste_without_bracketed_paste_and_completion_with_a_space() {
        let mut session = spawn(&[super::CLEAN]);
        expect(&mut session, "concord [Test Alliance]> ");
        // A paste arrives as one burst of keys, lines ended by Enter, with no paste markers.
        send(
            &mut session,
            "member lbh \"Council\"\r  kinds social-care\r\rmember ccg \"Commissioners\"\r  kinds commissioner\r\r:members\r",
        );
        expect(&mut session, "Added member `lbh`.");
        expect(&mut session, "Added member `ccg`.");
        expect(&mut session, "ccg — Commissioners");
        // Pasted with no blank lines between blocks: a line at the left margin ends a block.
        send(
            &mut session,
            "member mh \"Mental health trust\"\r  kinds acute\rmember vcs \"Voluntary sector\"\r  kinds acute\r:rules\r",
        );
        expect(&mut session, "Added member `mh`.");
        expect(&mut session, "Added member `vcs`.");
        expect(&mut session, "“change financial flows”");
        // `pass` + Tab completes the phrase with its space, so the next word follows at once.
        send(&mut session, "decision \"x\"\r  pass\t");
        send(&mut session, "unanimous\r\r");
        expect(&mut session, "Added decision “x”.");
        send(&mut session, ":rules\r");
        expect(&mut session, "  passes if unanimous");
        send(&mut session, ":quit!\r");
        let status = exit_code(&mut session);
        assert!(status.ends_with(", 0)"), "{status}");
    }
}

#[test]
fn help_and_the_reference_list_the_same_commands() {
    let (_, help) = repl(&[], ":help\n");
    let reference = std::fs::read_to_string("docs/reference.md").unwrap_or_default();
    let section = reference.split("## 18. The interactive session: `concord repl`").nth(1).unwrap_or("");
    let section = section.split("\n## ").next().unwrap_or("");
    let listed: Vec<&str> =
        help.lines().filter_map(|l| l.strip_prefix("  :")).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(listed.len() >= 15, "{help}");
    for command in &listed {
        assert!(section.contains(&format!("| `:{command}")), ":{command} is not in the reference's table");
    }
    let rows = section.lines().filter(|l| l.starts_with("| `:")).count();
    assert_eq!(rows, listed.len(), "the reference's table and :help differ");
    // `--help` says what the session does with a draft, and its exit codes.
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["repl", "--help"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let usage = String::from_utf8_lossy(&out.stdout);
    assert!(usage.contains("opens as a draft"), "{usage}");
    assert!(usage.contains("Exits 0") && usage.contains("1 when input ends") && usage.contains("2 when"), "{usage}");
}
