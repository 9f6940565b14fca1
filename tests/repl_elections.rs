//! The REPL's elections and changes in force, under a pseudo-terminal (expectrl), through the
//! real binary: `:elections` (completed with Tab), an election typed as a scenario and counted,
//! `:what-if` on it, and a scenario typed after the one it follows, with `:changes`.

#[cfg(unix)]
mod terminal {
    use expectrl::{Eof, Session};
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

    fn exit_code(session: &mut Session) -> String {
        session.expect(Eof).unwrap_or_else(|e| panic!("{e}"));
        let status = session.get_process().wait().unwrap_or_else(|e| panic!("{e}"));
        format!("{status:?}")
    }

    #[test]
    fn an_election_is_listed_counted_and_what_if_changes_a_vote() {
        let mut session = spawn(&["examples/health-and-wellbeing-board.concord"]);
        expect(&mut session, "concord [Health and Wellbeing Board Terms of Reference]> ");
        // `:elec` + Tab completes the command; the election's name is completed after it.
        send(&mut session, ":elec\t vi\t\r");
        expect(&mut session, "Election “vice-chair”");
        expect(&mut session, "1. Every nhs member may stand (as the membership now stands: icb and trust).");
        expect(&mut session, "it is decided by lot which of them is elected");
        // An election typed as a scenario is counted, with its working.
        send(&mut session, "scenario \"vice-chair\"\r");
        send(&mut session, "  elect \"vice-chair\"\r");
        send(&mut session, "  votes for icb: leader, cabinet, dph\r");
        send(&mut session, "  votes for trust: icb, trust, das\r");
        send(&mut session, "  the lot fell to trust\r");
        send(&mut session, "\r");
        expect(&mut session, "Tie: icb and trust have 3 votes each, the most of any candidate.");
        expect(&mut session, "Elected: trust, by lot");
        // One vote changed: the tie is gone, and the lot's recorded result is set aside.
        send(&mut session, ":what-if das for icb\r");
        expect(&mut session, "What if das voted for icb?");
        expect(&mut session, "The record that the lot fell to trust is set aside");
        expect(&mut session, "The outcome changes from elected trust to elected icb.");
        expect(&mut session, "Elected: icb, with the most votes (4 votes).");
        // Each what-if starts from the election as typed.
        send(&mut session, ":what-if the lot fell to icb\r");
        expect(&mut session, "Elected: icb, by lot");
        send(&mut session, ":what-if das for leader\r");
        expect(&mut session, "concord::repl::not_a_candidate");
        expect(&mut session, "help: the candidates are `icb`, `trust`");
        send(&mut session, ":help elections\r");
        expect(&mut session, ":elections [ELECTION]");
        send(&mut session, ":quit\r");
        let status = exit_code(&mut session);
        assert!(status.ends_with(", 0)"), "{status}");
    }

    #[test]
    fn a_scenario_typed_after_the_one_it_follows_shows_the_changes_in_force() {
        let mut session = spawn(&["examples/integrated-care-partnership.concord"]);
        expect(&mut session, "concord [North Downs Integrated Care Partnership]> ");
        send(&mut session, ":changes\r");
        expect(&mut session, "concord::repl::no_changes");
        send(&mut session, "scenario \"A carers' charity joins\"\r");
        send(&mut session, "  propose \"admit a partner\"\r");
        send(&mut session, "  applicant: carers \"Weald Carers Trust\"\r");
        send(&mut session, "  in favour: icb, trust, acute, county, weald\r");
        send(&mut session, "\r");
        expect(&mut session, "carers (Weald Carers Trust) joins as a commercial member with 1 vote.");
        // Typed on its own, after the scenario it follows.
        send(&mut session, "scenario \"The charity's first vote\" follows \"A carers' charity joins\"\r");
        send(&mut session, "  propose \"appoint a lead provider\"\r");
        send(&mut session, "  concerning: trust\r");
        send(&mut session, "  in favour: icb, trust, acute, county, weald, carers\r");
        send(&mut session, "\r");
        expect(&mut session, "Outcome: passed");
        expect(&mut session, "Decided under the agreement as the earlier steps changed it:");
        expect(&mut session, ":changes 1 shows it in full.");
        send(&mut session, ":changes\r");
        expect(
            &mut session,
            "1. “A carers' charity joins” passed, and line 59 of the agreement, “on passing, the applicant joins as a commercial member with 1 vote”",
        );
        send(&mut session, ":changes 1\r");
        expect(&mut session, "In the agreement's text, a block for member `carers` is added after the last member.");
        expect(&mut session, "As it reads after the change:");
        expect(&mut session, "member carers \"Weald Carers Trust\"");
        expect(&mut session, "kinds commercial");
        send(&mut session, ":changes 2\r");
        expect(&mut session, "concord::repl::unknown_change");
        send(&mut session, ":quit\r");
        let status = exit_code(&mut session);
        assert!(status.ends_with(", 0)"), "{status}");
    }
}
