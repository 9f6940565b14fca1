//! The bodies of Concord's fuzz targets, as plain functions of the fuzzer's bytes.
//!
//! Each body calls the library the way the `concord` command does (see `src/main.rs` and
//! `src/commands/`), renders what the command would print, and asserts a property on top of
//! "never panics". The libFuzzer wrappers in `fuzz_targets/` are one line each; on stable the
//! same bodies replay the corpus (`tests/replay.rs`) and any file given to a target's binary.
//!
//! # What the bytes mean
//!
//! - Bytes starting with [`GENERATED`] (0xFF, which never starts UTF-8 text) drive the
//!   grammar-aware generator in [`gen`]: the rest is read by `arbitrary` as a [`gen::Case`] and
//!   rendered as an agreement, an input file and a REPL session.
//! - Any other bytes are text. Single-file targets read them as one file. Targets that need an
//!   agreement and an input cut the text at the first line that starts a `proposal`, `result`,
//!   `scenario` or `scenarios for` block: the agreement comes before, the input after. So a
//!   seed is simply an agreement followed by its proposals or scenarios.
//!
//! Commands that read files by path are given files in a private scratch folder (under
//! `/dev/shm` when there is one); nothing else on disk is read or written.

pub mod gen;
pub mod props;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use concord::commands;
use concord::diagnostic::AnyDiagnostic;
use concord::load::{self, LoadFailure, Source};
use concord::model::FileKind;
use concord::report::{self, Colour};

/// The first byte of an input meant for the generator.
pub const GENERATED: u8 = 0xFF;

/// A target's body: the fuzzer's bytes in, a panic on any failure.
pub type Body = fn(&[u8]);

/// Every target, by name, with its body.
pub const TARGETS: [(&str, Body); 8] = [
    ("read", read),
    ("check", check),
    ("eval", eval),
    ("money", money),
    ("scenarios", scenarios),
    ("repl", repl),
    ("fmt", fmt),
    ("power", power),
];

/// The generated case these bytes stand for, if they are meant for the generator.
pub fn generated(data: &[u8]) -> Option<gen::Rendered> {
    let rest = data.strip_prefix(&[GENERATED])?;
    let case = gen::Case::arbitrary_take_rest(Unstructured::new(rest)).ok()?;
    Some(case.render())
}

/// Cuts text into an agreement and an input at the first line that starts an input block.
pub fn split(text: &str) -> (&str, &str) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let starts_input = ["proposal", "result", "scenario"].iter().any(|k| {
            line.strip_prefix(k)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        }) || line.starts_with("scenarios for");
        if starts_input {
            return (text.get(..offset).unwrap_or(""), text.get(offset..).unwrap_or(""));
        }
        offset += line.len();
    }
    (text, "")
}

/// The two files of a two-file target: (agreement, input).
fn pair(data: &[u8]) -> (String, String) {
    match generated(data) {
        Some(r) => (r.agreement, r.input),
        None => {
            let text = String::from_utf8_lossy(data);
            let (a, i) = split(&text);
            (a.to_string(), i.to_string())
        }
    }
}

/// The files of a single-file target.
fn singles(data: &[u8]) -> Vec<Cow<'_, [u8]>> {
    match generated(data) {
        Some(r) => vec![Cow::Owned(r.agreement.into_bytes()), Cow::Owned(r.input.into_bytes())],
        None => vec![Cow::Borrowed(data)],
    }
}

/// This thread's scratch folder (tests replay on several threads at once).
fn scratch() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static DIR: PathBuf = {
            // `fuzz/run.sh` gives each run a folder of its own, which it removes at its end.
            let root = match std::env::var_os("CONCORD_FUZZ_SCRATCH") {
                Some(own) => PathBuf::from(own),
                None if Path::new("/dev/shm").is_dir() => PathBuf::from("/dev/shm").join("concord-fuzz"),
                None => std::env::temp_dir().join("concord-fuzz"),
            };
            let dir = root.join(format!("{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
            let _ = std::fs::create_dir_all(&dir);
            dir
        };
    }
    DIR.with(Clone::clone)
}

/// Writes a file in the scratch folder and returns its path.
fn write(name: &str, text: &str) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write the scratch file {}: {e}", path.display()));
    path
}

/// The agreement a scenario file names, when it is a plain file name that can be written in
/// the scratch folder (so that `concord test` and `concord check` find it there and nowhere else).
fn scenario_target(text: &str) -> Option<String> {
    let parsed = concord::syntax::parse(text);
    let target = concord::model::scenarios_target(&parsed.file)?.node;
    let plain = !target.is_empty()
        && target.len() <= 64
        && !target.starts_with('.')
        && target.ends_with(".concord")
        && target.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    plain.then_some(target)
}

fn render_all(diagnostics: &[AnyDiagnostic], name: &str, text: &str) {
    // The file is indexed once, as the commands do: a finding or rendering that indexed it
    // afresh each time would make a file of many errors quadratic in the harness alone.
    for finding in report::findings(diagnostics, text) {
        for label in &finding.labels {
            props::assert_inside(label.span, text);
        }
    }
    // As the commands do: the first `MAX_SHOWN` drawn, the rest counted. Drawing all twenty
    // thousand of a hostile file would time the harness out, not the product.
    let _ = report::render_all(diagnostics, name, text, Colour::Off, 100);
}

fn json<T: serde::Serialize>(value: &T) {
    let _ = serde_json::to_string_pretty(value);
}

/// `read`: bytes checked as text and read into a syntax tree; every diagnostic rendered, every
/// span inside the text.
pub fn read(data: &[u8]) {
    for bytes in singles(data) {
        match load::source_from_bytes("input.concord".into(), bytes.into_owned()) {
            Ok(source) => {
                let parsed = concord::syntax::parse(&source.text);
                let diagnostics: Vec<AnyDiagnostic> = parsed.errors.into_iter().map(Into::into).collect();
                render_all(&diagnostics, &source.name, &source.text);
                for block in &parsed.file.blocks {
                    props::assert_inside(block.span, &source.text);
                    props::assert_inside(block.header.span, &source.text);
                    for clause in &block.clauses {
                        props::assert_inside(clause.span, &source.text);
                    }
                }
                props::walk_spans(&serde_json::to_value(&parsed.file).unwrap_or_default(), &source.text);
            }
            Err(LoadFailure::Invalid { source, diagnostic }) => {
                render_all(std::slice::from_ref(&diagnostic), &source.name, &source.text)
            }
            Err(LoadFailure::Io { .. }) => {}
        }
    }
}

/// `check`: `concord check` on an agreement and on the scenario file after it, rendered as
/// text and JSON.
pub fn check(data: &[u8]) {
    let files: Vec<String> = match generated(data) {
        Some(r) => vec![r.agreement, r.input],
        None => {
            let text = String::from_utf8_lossy(data);
            let (a, i) = split(&text);
            if i.is_empty() {
                vec![a.to_string()]
            } else {
                vec![a.to_string(), i.to_string()]
            }
        }
    };
    let agreement_text = files.first().cloned().unwrap_or_default();
    let mut checked = Vec::new();
    for (i, text) in files.into_iter().enumerate() {
        let name = if i == 0 { "agreement.concord" } else { "input.scenarios" };
        let folder = scratch();
        if concord::load::load(&text).kind == FileKind::Scenarios {
            // A scenario file reads its agreement from disk: give it ours, or do not check it.
            let Some(target) = scenario_target(&text) else { continue };
            write(&target, &agreement_text);
        }
        let file = commands::check::check_source(Source { name: name.into(), text }, Some(&folder));
        if let Some(source) = &file.source {
            render_all(&file.diagnostics, &source.name, &source.text);
        }
        checked.push(file);
    }
    let count = |severity| checked.iter().flat_map(|f| &f.findings).filter(|d| d.severity == severity).count();
    let report = commands::check::CheckReport {
        schema: report::JSON_SCHEMA_VERSION,
        errors: count(concord::diagnostic::Severity::Error),
        warnings: count(concord::diagnostic::Severity::Warning),
        files: checked,
    };
    let _ = report.exit_code(commands::check::Deny::Warnings);
    let _ = report::check_human(&report, Colour::Off, 100);
    json(&report);
}

/// `eval`: `concord eval AGREEMENT INPUT` (proposals and year-end results), rendered as text
/// and JSON; every decision's outcome agrees with its working.
pub fn eval(data: &[u8]) {
    let (agreement, input) = pair(data);
    let agreement = write("agreement.concord", &agreement);
    let input = write("input.proposals", &input);
    let weights =
        if data.len().is_multiple_of(2) { commands::eval::Weights::Show } else { commands::eval::Weights::Hide };
    let options = commands::eval::EvalOptions { scenario: None, weights, why: false };
    let report = commands::evaluate::evaluate(&agreement, &input, &options);
    for item in report.decisions.iter().flat_map(|d| &d.evaluations) {
        if let commands::eval::EvalItem::Decision(d) = item {
            props::assert_evaluation(&d.evaluation);
        }
    }
    for working in report.results.iter().flat_map(|r| &r.results).filter_map(|r| r.working.as_ref()) {
        props::assert_money(working);
    }
    let _ = report.exit_code();
    let _ = report::eval::evaluate_human(&report, Colour::Off, 100);
    let _ = serde_json::to_string_pretty(&report::eval::evaluate_json(&report));
}

/// `money`: every year-end result run down the agreement's waterfalls, as `concord eval` does
/// for `result` blocks; the shares add up exactly to the result.
pub fn money(data: &[u8]) {
    let (agreement, input) = pair(data);
    let report = commands::year_end::year_end_sources(
        Source { name: "agreement.concord".into(), text: agreement },
        Source { name: "input.results".into(), text: input },
        None,
    );
    for working in report.results.iter().filter_map(|r| r.working.as_ref()) {
        props::assert_money(working);
    }
    let _ = report.exit_code();
    let _ = report::money::year_end_human(&report, Colour::Off, 100);
    json(&report);
}

/// `scenarios`: `concord test` on a scenario file (with coverage), and the REPL's
/// `:scenarios` against the agreement in hand; rendered as text, JUnit and JSON.
pub fn scenarios(data: &[u8]) {
    let (agreement_text, input) = pair(data);
    let input_path = write("input.scenarios", &input);
    let options = commands::test::TestOptions {
        filter: None,
        fail_fast: data.len().is_multiple_of(3),
        coverage: true,
        min_coverage: None,
    };
    let mut reports = Vec::new();
    if let Some(target) = scenario_target(&input) {
        write(&target, &agreement_text);
        reports.push(commands::test::run(std::slice::from_ref(&input_path), &options));
    }
    let loaded = load::load(&agreement_text);
    if let (Some(agreement), false) = (&loaded.agreement, loaded.has_errors()) {
        let options = commands::test::TestOptions { coverage: false, ..options };
        reports.push(commands::test::run_against(&input_path, agreement, &agreement_text, &options));
    }
    for report in &reports {
        let counted = report.passed + report.failed + report.skipped;
        let listed: usize = report.files.iter().map(|f| f.scenarios.len()).sum();
        assert_eq!(counted, listed, "the summary does not count the scenarios listed");
        let _ = report.exit_code();
        let _ = report::test::summary(report);
        let _ = report::test::test_human(report, Colour::Off, 100);
        let _ = report::test::test_junit(report);
        json(report);
    }
}

/// The REPL commands that read or write files by path; the session is kept off the disk.
const FILE_COMMANDS: [&str; 5] = ["load", "l", "reload", "save", "scenarios"];

/// The most inputs one session runs (each reads the whole agreement again).
const MAX_INPUTS: usize = 200;

/// `repl`: a session through the REPL's line engine, lines grouped into inputs as the plain
/// reader does; the session's agreement reads cleanly after every input.
pub fn repl(data: &[u8]) {
    let script = match generated(data) {
        Some(r) => r.session,
        None => String::from_utf8_lossy(data).into_owned(),
    };
    let mut engine = concord::repl::Engine::new(Colour::Off);
    let mut buffer = String::new();
    let mut inputs = 0;
    for line in script.lines() {
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(line);
        if concord::repl::Engine::is_complete(&buffer) {
            inputs += 1;
            if inputs > MAX_INPUTS || feed(&mut engine, &buffer) {
                return;
            }
            buffer.clear();
        }
    }
    if !buffer.trim().is_empty() {
        feed(&mut engine, &buffer);
    }
}

/// One input to the engine; whether the session ended.
fn feed(engine: &mut concord::repl::Engine, input: &str) -> bool {
    let command = input.trim().strip_prefix(':').map(|c| c.split_whitespace().next().unwrap_or(""));
    if command.is_some_and(|c| FILE_COMMANDS.contains(&c)) {
        return false;
    }
    let _ = engine.prompt();
    for pos in [input.len(), input.len() / 2, 1] {
        if input.is_char_boundary(pos) {
            let _ = engine.completions(input, pos);
        }
    }
    let reply = engine.handle(input);
    let loaded = load::load(engine.text());
    assert!(!loaded.has_errors(), "after {input:?} the session's agreement has errors:\n{}", engine.text());
    reply.quit
}

/// `fmt`: `concord fmt` on each file that reads cleanly: formatting twice changes nothing, the
/// formatted text reads as the same tree (spans aside), and keeps every comment.
pub fn fmt(data: &[u8]) {
    for bytes in singles(data) {
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        fmt_text(text);
    }
}

/// The `fmt` properties on one text.
pub fn fmt_text(text: &str) {
    let Ok(formatted) = commands::fmt::format_source(text) else { return };
    let before = concord::syntax::parse(text);
    let after = concord::syntax::parse(&formatted);
    assert!(
        after.errors.is_empty(),
        "the formatted text does not read cleanly: {:?}\n{formatted}",
        after.errors.first()
    );
    assert!(before.file == after.file, "formatting changed the meaning:\n{formatted}");
    let again = commands::fmt::format_source(&formatted).unwrap_or_default();
    assert_eq!(formatted, again, "formatting is not stable");
    let lost = props::lost_comments(text, &formatted);
    assert!(lost.is_empty(), "formatting lost comments {lost:?}:\n{formatted}");
}

/// `power`: `concord power` on the agreement, and with `--proposal` when an input follows;
/// the indices add up, a dictator leaves only dummies, and on small games the flags match
/// their definitions over every coalition.
pub fn power(data: &[u8]) {
    let (agreement_text, input) = pair(data);
    let agreement = write("agreement.concord", &agreement_text);
    let mut runs = vec![None];
    if !input.trim().is_empty() {
        runs.push(Some(write("input.proposals", &input)));
    }
    for proposal in runs {
        let options = commands::power::Options { decision: None, which: Some(concord::power::Which::All), proposal, sensitivity: false };
        let report = commands::power::power(&agreement, &options);
        for rule in report.rules.iter().filter(|r| r.not_analysed.is_none()) {
            power_props(rule);
        }
        let _ = report.exit_code();
        let _ = report::power::power_human(&report, Colour::Off, 100, 2);
        let _ = report::power::power_human(&report, Colour::Off, 100, 30);
        json(&report);
    }
    small_games(&agreement_text);
}

fn power_props(rule: &commands::power::RulePower) {
    use num_bigint::BigInt;
    use num_traits::{One, Zero};
    let sum = |fractions: Vec<&concord::power::Fraction>| {
        let (mut num, mut den) = (BigInt::zero(), BigInt::one());
        for f in fractions {
            let d = f.denom().clone();
            num = num * &d + f.numer() * &den;
            den *= d;
        }
        (num, den)
    };
    let shapley: Option<Vec<_>> = rule.members.iter().map(|m| m.shapley.as_ref()).collect();
    if let Some(shapley) = shapley.filter(|s| !s.is_empty()) {
        let (num, den) = sum(shapley);
        assert!(
            num == den || num.is_zero() || num == -den.clone(),
            "Shapley-Shubik indices add up to {num}/{den}: {rule:#?}"
        );
    }
    let banzhaf: Option<Vec<_>> = rule.members.iter().map(|m| m.banzhaf.as_ref()).collect();
    if let Some(banzhaf) = banzhaf.filter(|b| !b.is_empty()) {
        let (num, den) = sum(banzhaf);
        assert_eq!(num, den, "Banzhaf indices do not add up to 1: {rule:#?}");
    }
    if rule.monotone && rule.members.iter().any(|m| m.dictator) {
        assert!(
            rule.members.iter().filter(|m| !m.dictator).all(|m| m.dummy),
            "a dictator beside a member who is not a dummy: {rule:#?}"
        );
    }
}

/// The most players for which every coalition is tried.
const SMALL_GAME: usize = 10;

/// On games of at most [`SMALL_GAME`] players, the flags agree with their definitions.
fn small_games(agreement_text: &str) {
    let loaded = load::load(agreement_text);
    let (Some(agreement), false) = (&loaded.agreement, loaded.has_errors()) else { return };
    for decision in &agreement.decisions {
        let Ok(electorate) = concord::weights::electorate(agreement, decision, None) else { continue };
        for rule in &decision.rules {
            let Ok(game) = concord::coalitions::Game::of_decision(agreement, decision, &electorate, rule) else {
                continue;
            };
            let n = game.players.len();
            if n == 0 || n > SMALL_GAME {
                continue;
            }
            let Ok(p) = concord::power::power(&game, concord::power::Which::All) else { continue };
            let all: Vec<Vec<bool>> = (0u32..(1 << n)).map(|b| (0..n).map(|i| b >> i & 1 == 1).collect()).collect();
            let passes: Vec<bool> = all.iter().map(|a| game.passes(a)).collect();
            let monotone = all.iter().zip(&passes).all(|(a, v)| {
                (0..n).filter(|i| !a[*i]).all(|i| {
                    let mut with = a.clone();
                    with[i] = true;
                    !*v || game.passes(&with)
                })
            });
            assert_eq!(p.monotone, monotone, "monotone flag wrong for `{}`", decision.name);
            for (i, x) in p.players.iter().enumerate() {
                let dummy = all.iter().zip(&passes).filter(|(a, _)| !a[i]).all(|(a, v)| {
                    let mut with = a.clone();
                    with[i] = true;
                    *v == game.passes(&with)
                });
                let veto = passes.iter().any(|v| *v) && all.iter().zip(&passes).filter(|(_, v)| **v).all(|(a, _)| a[i]);
                assert_eq!(x.dummy, dummy, "dummy flag of player {i} wrong for `{}`", decision.name);
                assert_eq!(x.veto, veto, "veto flag of player {i} wrong for `{}`", decision.name);
                if monotone {
                    let dictator = all.iter().zip(&passes).all(|(a, v)| *v == a[i]);
                    assert_eq!(x.dictator, dictator, "dictator flag of player {i} wrong for `{}`", decision.name);
                }
            }
        }
    }
}

/// The body of the target called `name`.
pub fn target(name: &str) -> Option<Body> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// A stable `main` for a target's binary: runs the body on every file named on the command
/// line (folders are searched), so a finding can be replayed with a full backtrace.
pub fn replay_main(name: &str) {
    let Some(body) = target(name) else { return };
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        let path = PathBuf::from(arg);
        match std::fs::read_dir(&path) {
            Ok(entries) => files.extend(entries.flatten().map(|e| e.path())),
            Err(_) => files.push(path),
        }
    }
    for path in files {
        match std::fs::read(&path) {
            Ok(bytes) => {
                eprintln!("{name}: {}", path.display());
                body(&bytes);
            }
            Err(e) => eprintln!("{name}: cannot read {}: {e}", path.display()),
        }
    }
}
