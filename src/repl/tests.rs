//! The engine's behaviour, without a terminal.

use super::*;

fn engine() -> Engine {
    let mut e = Engine::new(Colour::Off);
    let reply = e.handle("member hhft \"Hospital\"\n  kinds acute\n  lead provider\n  budget £30m\n");
    assert!(reply.text.contains("Added member `hhft`"), "{}", reply.text);
    let reply = e.handle("member gp \"GP federation\"\n  kinds primary-care\n  budget £10m\n");
    assert!(reply.text.contains("Added member `gp`"), "{}", reply.text);
    e.handle("voting in proportion to budget\n");
    let reply = e.handle("decision \"change financial flows\"\n  passes if at least 70% of eligible votes in favour\n  on a tie, hhft has the casting vote\n");
    assert!(reply.text.contains("Added decision"), "{}", reply.text);
    e
}

#[test]
fn blocks_are_added_and_replaced() {
    let mut e = engine();
    let reply = e.handle("member gp \"GP federation\"\n  kinds primary-care\n  budget £20m\n");
    assert!(reply.text.contains("Replaced member `gp`"), "{}", reply.text);
    assert_eq!(e.agreement().map(|a| a.members.len()), Some(2));
    let weights = e.handle(":weights").text;
    assert!(weights.contains("60.00%") || weights.contains("60%"), "{weights}");
}

#[test]
fn a_failing_line_leaves_the_session_unchanged() {
    let mut e = engine();
    let before = e.text().to_string();
    let reply = e.handle("decision \"x\"\n  passes if hhtf in favour\n");
    assert!(reply.text.contains("concord::model::unknown_name"), "{}", reply.text);
    assert!(reply.text.contains("nothing was changed"), "{}", reply.text);
    assert_eq!(e.text(), before);
    let reply = e.handle("member z\n  budjet £1m\n");
    assert!(reply.text.contains("concord::parse::unexpected_text"), "{}", reply.text);
    assert_eq!(e.text(), before);
}

#[test]
fn undo_restores_the_previous_agreement() {
    let mut e = engine();
    let before = e.text().to_string();
    e.handle("member lbh \"Council\"\n  kinds social-care\n");
    assert_ne!(e.text(), before);
    e.handle(":undo");
    assert_eq!(e.text(), before);
    assert!(e.handle(":undo").text.contains("Undone") || e.handle(":undo").text.contains("nothing"));
}

#[test]
fn commands_answer() {
    let mut e = engine();
    assert!(e.handle(":members").text.contains("hhft — Hospital"));
    assert!(e.handle(":rules").text.contains("passes if at least 70% of eligible votes in favour"));
    let explained = e.handle(":explain change financial flows").text;
    assert!(
        explained
            .contains("at least 70% of the weighted votes of all eligible members, present or not, must be in favour"),
        "{explained}"
    );
    assert!(e.handle(":explain chnage financial flows").text.contains("did you mean “change financial flows”?"));
    // hhft holds 75% of the votes against a 70% threshold: the checker says so.
    assert!(e.handle(":check").text.contains("concord::check::dictator"));
    assert!(e.handle(":help").text.contains(":weights"));
    assert!(e.handle(":help undo").text.contains("undo the last change"));
    let unknown = e.handle(":help wieghts").text;
    assert!(unknown.contains("concord::repl::unknown_command") && unknown.contains("`:weights`"), "{unknown}");
    let unknown = e.handle(":wieghts").text;
    assert!(unknown.contains("concord::repl::unknown_command"), "{unknown}");
    assert!(unknown.contains("did you mean `:weights`?"), "{unknown}");
    // Typed changes are not saved: `:quit` asks, `:quit!` does not.
    let asked = e.handle(":quit");
    assert_eq!((asked.quit, asked.question), (false, Some(Question::Leave)));
    assert!(e.answer(&Question::Leave, true).quit);
    assert!(!e.answer(&Question::Leave, false).quit);
    assert!(e.handle(":quit!").quit);
    assert!(Engine::new(Colour::Off).handle(":quit").quit);
}

#[test]
fn save_writes_canonical_text_that_loads_again() {
    let mut e = engine();
    let path = std::env::temp_dir().join(format!("concord-repl-save-{}.concord", std::process::id()));
    let reply = e.handle(&format!(":save {}", path.display()));
    assert!(reply.text.contains("Saved"), "{}", reply.text);
    let mut other = Engine::new(Colour::Off);
    let reply = other.handle(&format!(":load {}", path.display()));
    assert!(reply.text.contains("2 members, 1 decisions"), "{}", reply.text);
    let _ = std::fs::remove_file(path);
}

#[test]
fn why_says_what_it_would_take_for_the_last_proposal() {
    let mut e = engine();
    let none = e.handle(":why").text;
    assert!(none.contains("concord::repl::no_proposal"), "{none}");
    e.handle("proposal \"p\"\n  decision \"change financial flows\"\n  in favour: gp\n  against: hhft\n");
    let reply = e.handle(":why").text;
    assert!(reply.contains("“p” was rejected."), "{reply}");
    assert!(reply.contains("What would it take to carry it:"), "{reply}");
    assert!(reply.contains("(hhft) voting in favour instead of voting against"), "{reply}");
}

#[test]
fn proposals_are_evaluated_and_what_if_says_what_changes() {
    let mut e = engine();
    let reply = e.handle("proposal \"p\"\n  decision \"change financial flows\"\n  in favour: gp\n  against: hhft\n");
    assert!(reply.text.contains("Outcome: rejected"), "{}", reply.text);
    let reply = e.handle(":what-if hhft in favour");
    assert!(reply.text.contains("The outcome changes from rejected to passed"), "{}", reply.text);
    assert!(reply.text.contains("did not hold before and now holds"), "{}", reply.text);
    let unknown = e.handle(":what-if hhtf against").text;
    assert!(unknown.contains("concord::repl::unknown_member") && unknown.contains("did you mean `hhft`?"), "{unknown}");
    let sideways = e.handle(":what-if hhft sideways").text;
    assert!(sideways.contains("concord::repl::unknown_vote"), "{sideways}");
    assert!(e.handle(":what-if hhft").text.contains("concord::repl::unknown_vote"));
    let reply = e.handle("result \"year\"\n  capitated budget £10m\n  actual cost £9m\n");
    assert!(reply.text.contains("savings"), "{}", reply.text);
}

#[test]
fn scenarios_run_against_the_session_agreement() {
    let mut e = Engine::new(Colour::Off);
    e.handle(":load tests/scenarios/network.concord");
    let reply = e.handle(":scenarios tests/scenarios/passing.scenarios");
    assert!(reply.text.contains("3 passed, 0 failed, 1 skipped"), "{}", reply.text);
    // Change the rule in the session: the same scenarios now fail where they depended on it.
    e.handle("decision \"change financial flows\"\n  passes if unanimous\n  if rejected, escalate to \"the commissioners\"\n");
    let reply = e.handle(":scenarios tests/scenarios/passing.scenarios");
    assert!(reply.text.contains("2 passed, 1 failed, 1 skipped"), "{}", reply.text);
}

#[test]
fn a_missing_file_is_not_loaded() {
    let mut e = engine();
    let before = e.text().to_string();
    let reply = e.handle(":load! no/such/file.concord");
    assert!(reply.text.contains("concord::repl::cannot_read"), "{}", reply.text);
    assert!(reply.text.contains("there is no such file"), "{}", reply.text);
    assert_eq!(e.text(), before);
    let reply = e.handle(":load! tests/scenarios/passing.scenarios");
    assert!(reply.text.contains("concord::repl::not_an_agreement"), "{}", reply.text);
    assert_eq!(e.text(), before);
}

const BROKEN: &str = "tests/corpus/parse/err_mixed_and_or.concord";

#[test]
fn a_draft_with_errors_opens_and_is_fixed_block_by_block() {
    let mut e = Engine::new(Colour::Off);
    let reply = e.handle(&format!(":load {BROKEN}"));
    // Rendered as `concord check` renders it, with the file's own name.
    assert!(reply.text.contains("concord::parse::mixed_and_or"), "{}", reply.text);
    assert!(reply.text.contains(&format!("✗ {BROKEN}: 1 error, 0 warnings")), "{}", reply.text);
    assert!(reply.text.contains("as a draft with 1 error"), "{}", reply.text);
    assert_eq!(e.errors(), 1);
    assert_eq!(e.prompt(), "concord [Test Alliance, 1 error]> ");
    // Commands that work the agreement out say why they cannot.
    for command in [":members", ":weights", ":explain x", ":what-if hhft against", ":scenarios a.scenarios"] {
        let reply = e.handle(command).text;
        assert!(reply.contains("concord::repl::agreement_has_errors"), "{command}: {reply}");
        assert!(reply.contains("the agreement has 1 error"), "{command}: {reply}");
    }
    let proposal = e.handle("proposal \"p\"\n  decision \"x\"\n  in favour: hhft\n").text;
    assert!(proposal.contains("concord::repl::agreement_has_errors"), "{proposal}");
    // `:show` prints the draft as written.
    assert!(e.handle(":show").text.contains("passes if hhft in favour and gp in favour or unanimous"));
    // A change that breaks more is refused; one that fixes the block is kept.
    let worse = e.handle("member gp \"GP federation\"\n  kinds primary-care\n  budget £10m\n  votes 2\n  votes 3\n");
    assert!(worse.text.contains("would have 2 errors instead of 1, so nothing was changed"), "{}", worse.text);
    let fixed = e.handle("decision \"x\"\n  passes if (hhft in favour and gp in favour) or unanimous\n");
    assert!(fixed.text.contains("Replaced decision “x”. The agreement now reads cleanly."), "{}", fixed.text);
    assert_eq!(e.errors(), 0);
    assert!(e.handle(":members").text.contains("hhft — Hospital"));
    assert!(e.has_unsaved_changes());
}

#[test]
fn the_first_load_is_not_undone() {
    let mut e = Engine::new(Colour::Off);
    e.handle(":load tests/scenarios/network.concord");
    let loaded = e.text().to_string();
    assert_eq!(e.handle(":undo").text, "There is nothing to undo.\n");
    e.handle("member lbh \"Council\"\n  kinds social-care\n");
    assert!(e.handle(":undo").text.contains("Undone"));
    assert_eq!(e.text(), loaded);
    assert_eq!(e.handle(":undo").text, "There is nothing to undo.\n");
    assert_eq!(e.text(), loaded);
    assert!(!e.has_unsaved_changes());
}

#[test]
fn loading_over_unsaved_changes_asks_first() {
    let mut e = engine();
    let before = e.text().to_string();
    let reply = e.handle(":load tests/scenarios/network.concord");
    assert_eq!(reply.question, Some(Question::Load(PathBuf::from("tests/scenarios/network.concord"))));
    assert_eq!(e.text(), before);
    let Some(question) = reply.question else { return };
    assert!(e.answer(&question, false).text.contains("The changes are kept"));
    assert_eq!(e.text(), before);
    assert!(e.answer(&question, true).text.contains("Loaded"));
    assert_ne!(e.text(), before);
    assert!(!e.has_unsaved_changes());
}

#[test]
fn what_if_starts_from_the_proposal_as_typed() {
    let mut e = engine();
    e.handle("proposal \"p\"\n  decision \"change financial flows\"\n  in favour: gp\n  against: hhft\n");
    let first = e.handle(":what-if hhft in favour").text;
    assert!(first.contains("changes from rejected to passed"), "{first}");
    // Had the first what-if stuck, gp's vote against would now leave hhft's 75% in favour.
    let second = e.handle(":what-if gp against").text;
    assert!(second.contains("In favour: none.\n  Against: Hospital (hhft) and GP federation (gp)."), "{second}");
    assert!(second.contains("The outcome stays rejected."), "{second}");
}

#[test]
fn commands_without_their_argument_say_how_to_use_them() {
    let mut e = engine();
    for (command, usage) in [
        (":what-if", "type :what-if MEMBER in favour|against|abstaining|absent"),
        (":load", "type :load FILE"),
        (":explain", "type :explain DECISION"),
        (":scenarios", "type :scenarios FILE"),
        (":save", "type :save FILE"),
    ] {
        let reply = e.handle(command).text;
        assert!(reply.contains("concord::repl::missing_argument"), "{command}: {reply}");
        assert!(reply.contains(usage), "{command}: {reply}");
        assert!(!reply.contains("``"), "{command}: {reply}");
    }
    assert!(Engine::new(Colour::Off).handle(":what-if hhft against").text.contains("concord::repl::no_proposal"));
    assert!(e.handle(":reload").text.contains("concord::repl::nothing_to_reload"));
}

#[test]
fn odd_input_never_panics() {
    let mut e = engine();
    for input in
        [":", ": ", ":::", ":what-if  ", ":what-if \u{e9}", ":explain \"", ":load \u{0}", ":help \u{1F600}", "::quit"]
    {
        let _ = e.handle(input);
    }
}

#[test]
fn reloading_over_unsaved_changes_asks_first() {
    let mut e = Engine::new(Colour::Off);
    e.handle(":load tests/scenarios/network.concord");
    assert!(e.handle(":reload").text.contains("Loaded"));
    e.handle("member lbh \"Council\"\n  kinds social-care\n");
    let reply = e.handle(":reload");
    assert_eq!(reply.question, Some(Question::Load(PathBuf::from("tests/scenarios/network.concord"))));
    assert!(e.has_unsaved_changes());
    let plain = e.refuse_load(":load tests/scenarios/network.concord");
    assert!(plain.contains("concord::repl::unsaved_changes"), "{plain}");
    assert!(e.handle(":load! tests/scenarios/network.concord").text.contains("Loaded"));
    assert!(!e.has_unsaved_changes());
}

#[test]
fn a_typed_scenario_that_follows_a_change_is_decided_under_the_agreement_as_changed() {
    let mut e = Engine::new(Colour::Off);
    e.handle(":load tests/sequence/changes-on-passing.concord");
    let reply = e.handle("scenario \"A\"\n  propose \"appoint a lead provider\"\n  concerning: qeh\n  in favour: nchc, qeh, vcs\n\nscenario \"B\" follows \"A\"\n  propose \"approve the service plan\"\n  in favour: qeh, vcs\n  against: nchc\n");
    assert!(
        reply.text.contains(
            "Decided under the agreement as the earlier steps changed it:\n  “A” passed: qeh becomes the lead provider"
        ),
        "{}",
        reply.text
    );
    // qeh is the lead provider once "A" has passed, so "B" passes (under the agreement as
    // written it would be escalated: nchc, the lead provider then, voted against).
    assert_eq!(reply.text.matches("Outcome: passed").count(), 2, "{}", reply.text);
}
