//! The documentation and the bundled examples cannot drift from the language.
//!
//! - every `concord` and `concord-scenarios` block of `docs/reference.md` checks without errors;
//! - every `concord` block of `docs/diagnostics.md` fails with exactly the code on its
//!   `# expect:` line, and every diagnostic code in `src/` has an entry in the catalogue;
//! - `concord check examples/` exits 0 through the real binary, and every example agreement has
//!   a scenario file.
//!
//! Blocks are checked through the library for speed (scenario blocks against `examples/`), and
//! the whole reference once more through the real binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use concord::commands::check::check_source;
use concord::diagnostic::Severity;
use concord::load::Source;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples_dir() -> PathBuf {
    root().join("examples")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A fenced code block of a Markdown file.
#[derive(Debug)]
struct Fence {
    /// The fence's language, e.g. `concord`.
    lang: String,
    /// The line of the block's first line of code, from 1.
    line: usize,
    /// The code, ending with a newline.
    code: String,
}

/// Every fenced block that starts at the beginning of a line.
fn fences(markdown: &str) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut open: Option<Fence> = None;
    for (index, line) in markdown.lines().enumerate() {
        match open.take() {
            Some(mut fence) => {
                if line.starts_with("```") {
                    out.push(fence);
                } else {
                    fence.code.push_str(line);
                    fence.code.push('\n');
                    open = Some(fence);
                }
            }
            None => {
                if let Some(lang) = line.strip_prefix("```") {
                    open = Some(Fence { lang: lang.trim().to_string(), line: index + 2, code: String::new() });
                }
            }
        }
    }
    assert!(open.is_none(), "a code block is not closed");
    out
}

/// The codes of every finding `concord check` gives for `code`, scenario files resolved against
/// the bundled examples.
fn findings(name: &str, code: &str) -> Vec<(String, Severity, String)> {
    let source = Source { name: name.to_string(), text: code.to_string() };
    let examples = examples_dir();
    let report = check_source(source, Some(&examples));
    report.findings.into_iter().map(|f| (f.code, f.severity, f.message)).collect()
}

/// A fresh folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("concord-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn reference_blocks() -> Vec<Fence> {
    fences(&read(&root().join("docs/reference.md")))
        .into_iter()
        .filter(|f| f.lang == "concord" || f.lang == "concord-scenarios")
        .collect()
}

#[test]
fn every_reference_example_checks_without_errors() {
    let blocks = reference_blocks();
    assert!(blocks.len() >= 20, "the reference should show plenty of examples, found {}", blocks.len());
    let mut failures = Vec::new();
    for block in &blocks {
        let errors: Vec<_> = findings("reference.md", &block.code)
            .into_iter()
            .filter(|(_, severity, _)| *severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            failures.push(format!("docs/reference.md line {}: {errors:?}", block.line));
        }
    }
    assert!(failures.is_empty(), "reference examples with errors:\n{}", failures.join("\n"));
}

#[test]
fn reference_scenario_examples_name_a_bundled_agreement() {
    let scenario_blocks: Vec<_> = reference_blocks().into_iter().filter(|f| f.lang == "concord-scenarios").collect();
    assert!(!scenario_blocks.is_empty(), "the reference should show scenario files");
    for block in scenario_blocks {
        let first = block.code.lines().next().unwrap_or("");
        let target = first
            .strip_prefix("scenarios for \"")
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap_or_else(|| panic!("docs/reference.md line {}: starts with `{first}`", block.line));
        assert!(target.ends_with(".concord"), "docs/reference.md line {}: `{target}`", block.line);
        assert!(examples_dir().join(target).is_file(), "docs/reference.md line {}: no examples/{target}", block.line);
    }
}

#[test]
fn every_concord_block_in_the_docs_is_tagged_for_checking() {
    // A block meant to be checked must say which language it is; untagged blocks escape the tests.
    for doc in ["docs/reference.md", "docs/diagnostics.md"] {
        for fence in fences(&read(&root().join(doc))) {
            assert!(
                ["concord", "concord-scenarios", "text", "rust", "bash"].contains(&fence.lang.as_str()),
                "{doc} line {}: a code block tagged `{}`",
                fence.line,
                fence.lang
            );
        }
    }
}

#[test]
fn the_binary_checks_the_whole_reference() {
    let dir = TempDir::new("reference");
    for entry in std::fs::read_dir(examples_dir()).unwrap_or_else(|e| panic!("examples/: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("examples/: {e}")).path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, dir.0.join(name)).unwrap_or_else(|e| panic!("copy {}: {e}", path.display()));
        }
    }
    for (n, block) in reference_blocks().iter().enumerate() {
        let ext = if block.lang == "concord-scenarios" { "scenarios" } else { "concord" };
        let path = dir.0.join(format!("reference-{n:03}-line-{}.{ext}", block.line));
        std::fs::write(&path, &block.code).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
    let output = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("no concord binary: {e}"))
        .arg("check")
        .arg(&dir.0)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run concord: {e}"));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn every_reference_scenario_example_comes_out_as_it_expects() {
    // A scenario shown in the reference says what Concord decides: it must be what `concord test`
    // decides, or the two sections would differ (a scenario once expected a casting vote from a
    // decision that has none).
    let dir = TempDir::new("reference-scenarios");
    for entry in std::fs::read_dir(examples_dir()).unwrap_or_else(|e| panic!("examples/: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("examples/: {e}")).path();
        if path.extension().is_some_and(|e| e == "concord") {
            if let Some(name) = path.file_name() {
                std::fs::copy(&path, dir.0.join(name)).unwrap_or_else(|e| panic!("copy {}: {e}", path.display()));
            }
        }
    }
    let blocks: Vec<_> = reference_blocks().into_iter().filter(|f| f.lang == "concord-scenarios").collect();
    for block in &blocks {
        let path = dir.0.join(format!("reference-line-{}.scenarios", block.line));
        std::fs::write(&path, &block.code).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        let output = Command::cargo_bin("concord")
            .unwrap_or_else(|e| panic!("no concord binary: {e}"))
            .arg("test")
            .arg(&path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("cannot run concord: {e}"));
        assert_eq!(
            output.status.code(),
            Some(0),
            "docs/reference.md line {}:\n{}",
            block.line,
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn every_diagnostics_example_fails_with_its_code() {
    let blocks: Vec<_> =
        fences(&read(&root().join("docs/diagnostics.md"))).into_iter().filter(|f| f.lang == "concord").collect();
    assert!(blocks.len() >= 30, "expected an example for nearly every code, found {}", blocks.len());
    let mut failures = Vec::new();
    for block in &blocks {
        let first = block.code.lines().next().unwrap_or("");
        let expected = first
            .strip_prefix("# expect: ")
            .unwrap_or_else(|| panic!("docs/diagnostics.md line {}: no `# expect:` line", block.line))
            .trim();
        let got = findings("diagnostics.md", &block.code);
        let codes: BTreeSet<&str> = got.iter().map(|(code, _, _)| code.as_str()).collect();
        if codes != BTreeSet::from([expected]) {
            failures.push(format!("docs/diagnostics.md line {}: expected only {expected}, got {got:?}", block.line));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every `code(concord::…)` written in the source.
fn codes_in_source() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = read(&path);
                for piece in text.split("code(concord::").skip(1) {
                    let name: String =
                        piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
                    codes.insert(format!("concord::{name}"));
                }
            }
        }
    }
    codes
}

#[test]
fn every_code_has_an_entry_in_the_catalogue() {
    // Reading and resolving codes are in diagnostics.md; the checker's in diagnostics-check.md.
    let catalogue = read(&root().join("docs/diagnostics.md"));
    let checker = read(&root().join("docs/diagnostics-check.md"));
    let codes = codes_in_source();
    assert!(codes.len() >= 30, "found only {} codes in src/", codes.len());
    let missing: Vec<_> = codes
        .iter()
        .filter(|code| !catalogue.contains(&format!("### `{code}`")) && !checker.contains(&format!("## `{code}`")))
        .collect();
    assert!(missing.is_empty(), "codes with no entry in docs/diagnostics.md or docs/diagnostics-check.md: {missing:?}");
}

#[test]
fn the_catalogue_lists_no_code_that_does_not_exist() {
    let codes = codes_in_source();
    let catalogue = read(&root().join("docs/diagnostics.md"));
    for line in catalogue.lines() {
        if let Some(heading) = line.strip_prefix("### `").and_then(|l| l.strip_suffix('`')) {
            assert!(codes.contains(heading), "docs/diagnostics.md has an entry for unknown code {heading}");
        }
    }
}

#[test]
fn the_weights_overflow_example_really_overflows() {
    // The catalogue shows this input as text, because `concord check` does not weigh votes.
    let text = r#"agreement "Overflow"
  kinds provider, lay
member hhft
  kinds provider
  budget £1,000,000,000,000,000,000,000,000,000
member users
  kinds lay
voting in proportion to budget
  lay members together hold 10% of the votes
decision "change financial flows"
  passes if more than half of eligible votes in favour
"#;
    let loaded = concord::load::load(text);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("no agreement"));
    let decision = &agreement.decisions[0];
    let result = concord::weights::electorate(&agreement, decision, None);
    let error = result.err().unwrap_or_else(|| panic!("the weights should overflow"));
    let diagnostic: &dyn miette::Diagnostic = &error;
    assert_eq!(diagnostic.code().map(|c| c.to_string()).as_deref(), Some("concord::eval::weights_overflow"));
}

#[test]
fn every_example_checks_through_the_binary() {
    let output = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("no concord binary: {e}"))
        .args(["check", "--format", "json"])
        .arg(examples_dir())
        .output()
        .unwrap_or_else(|e| panic!("cannot run concord: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["errors"], 0, "{stdout}");
    let files = report["files"].as_array().map_or(0, Vec::len);
    assert!(files >= 14, "expected at least seven agreements and their scenarios, checked {files} files");
}

#[test]
fn every_example_agreement_has_a_scenario_file_that_names_it() {
    let mut agreements = 0;
    for entry in std::fs::read_dir(examples_dir()).unwrap_or_else(|e| panic!("examples/: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("examples/: {e}")).path();
        if path.extension().is_some_and(|e| e == "concord") {
            agreements += 1;
            let scenarios = path.with_extension("scenarios");
            let text = read(&scenarios);
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            assert!(
                text.contains(&format!("scenarios for \"{name}\"")),
                "{} does not name {name}",
                scenarios.display()
            );
            for outcome in [
                "expect passed",
                "expect rejected",
                "expect escalated to",
                "expect invalid",
                "receives",
                "bears",
                "expect unallocated",
            ] {
                assert!(text.contains(outcome), "{} has no `{outcome}` scenario", scenarios.display());
            }
        }
    }
    assert!(agreements >= 7, "expected the seven governance models, found {agreements} agreements");
}

#[test]
fn every_decision_of_every_example_has_a_scenario() {
    for entry in std::fs::read_dir(examples_dir()).unwrap_or_else(|e| panic!("examples/: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("examples/: {e}")).path();
        if path.extension().is_none_or(|e| e != "concord") {
            continue;
        }
        let loaded = concord::load::load(&read(&path));
        let agreement = loaded.agreement.unwrap_or_else(|| panic!("{} is not an agreement", path.display()));
        let scenarios = read(&path.with_extension("scenarios"));
        for decision in &agreement.decisions {
            assert!(
                scenarios.contains(&format!("propose \"{}\"", decision.name)),
                "{}: no scenario proposes \"{}\"",
                path.display(),
                decision.name
            );
        }
        // An agreement with funds shows them in its funds' own blocks.
        let both = |s: bool, d: bool| s && d;
        assert!(
            both(agreement.savings.is_some(), agreement.deficits.is_some())
                || agreement.funds.iter().any(|f| both(f.savings.is_some(), f.deficits.is_some())),
            "{}: every example shows both money waterfalls",
            path.display()
        );
    }
}

/// Every example checks clean with `--deny warnings`: each finding its drafters intend is
/// marked with an `expect … because "…"` clause, and a clause whose finding has gone away is a
/// warning of its own, so a new finding or a vanished one fails.
#[test]
fn examples_check_clean_with_their_intended_findings_marked() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["check", "--deny", "warnings", "--format", "json"])
        .arg(examples_dir())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    let intended: usize =
        report["files"].as_array().map_or(0, |f| f.iter().map(|f| f["intended"].as_array().map_or(0, Vec::len)).sum());
    let clauses: usize = std::fs::read_dir(examples_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .filter(|e| e.path().extension().and_then(|x| x.to_str()) == Some("concord"))
        .map(|e| read(&e.path()).lines().filter(|l| l.trim_start().starts_with("expect ")).count())
        .sum();
    assert!(intended >= clauses && clauses >= 10, "{intended} intended findings for {clauses} expect clauses");
}
