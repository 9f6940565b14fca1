//! Clauses that reach for what Concord cannot say yet are refused by name
//! (`concord::parse::unsupported_<construct>`, `src/syntax/unsupported.rs`), each with a label on
//! the words that asked for it and the nearest workaround, never a list of what was expected.
//! Each file under `tests/unsupported/` is named after the construct it reaches for; the
//! snapshots show the whole report as a drafter sees it.

use std::path::Path;

use concord::commands::check::{check_source, CheckReport, FileCheck};
use concord::diagnostic::Severity;
use concord::load::Source;
use concord::report::{check_human, Colour, JSON_SCHEMA_VERSION};

fn check_path(path: &Path) -> FileCheck {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = format!("tests/unsupported/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or_default());
    check_source(Source { name, text }, None)
}

fn report(file: FileCheck) -> CheckReport {
    let count = |s| file.findings.iter().filter(|f| f.severity == s).count();
    CheckReport {
        schema: JSON_SCHEMA_VERSION,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files: vec![file],
    }
}

#[test]
fn each_unsupported_clause_is_refused_by_name() {
    insta::glob!("unsupported/*.concord", |path| {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let file = check_path(path);
        let codes: Vec<&str> = file.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, vec![format!("concord::parse::unsupported_{stem}").as_str()], "{stem}");
        insta::assert_snapshot!(check_human(&report(file), Colour::Off, 100));
    });
}
