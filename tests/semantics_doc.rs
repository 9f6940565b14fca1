//! Every example of docs/semantics.md comes out as it says: each `concord` block is written to
//! the file its following `concord-scenarios` block names, and `concord test` runs the
//! scenarios through the real binary.

use std::path::PathBuf;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced blocks of a Markdown file: (language, first line, code).
fn fences(markdown: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        match open.take() {
            Some(mut fence) => {
                if line.starts_with("```") {
                    out.push(fence);
                } else {
                    fence.2.push_str(line);
                    fence.2.push('\n');
                    open = Some(fence);
                }
            }
            None => {
                if let Some(lang) = line.strip_prefix("```") {
                    open = Some((lang.trim().to_string(), index + 2, String::new()));
                }
            }
        }
    }
    assert!(open.is_none(), "a code block is not closed");
    out
}

#[test]
fn every_semantics_example_comes_out_as_it_says() {
    let text = std::fs::read_to_string(root().join("docs/semantics.md")).unwrap_or_else(|e| panic!("{e}"));
    let blocks: Vec<_> = fences(&text).into_iter().filter(|(lang, ..)| lang.starts_with("concord")).collect();
    assert!(blocks.len() >= 6, "docs/semantics.md should show its examples, found {}", blocks.len());
    let dir = std::env::temp_dir().join(format!("concord-semantics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut scenario_files = 0;
    for pair in blocks.chunks(2) {
        let [(a_lang, a_line, agreement), (s_lang, s_line, scenarios)] = pair else {
            panic!("docs/semantics.md: every agreement block is followed by its scenario block")
        };
        assert_eq!(a_lang, "concord", "docs/semantics.md line {a_line}");
        assert_eq!(s_lang, "concord-scenarios", "docs/semantics.md line {s_line}");
        let target = scenarios
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("scenarios for \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or_else(|| panic!("docs/semantics.md line {s_line}: no `scenarios for` line"));
        std::fs::write(dir.join(target), agreement).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join(format!("example-{s_line}.scenarios"));
        std::fs::write(&path, scenarios).unwrap_or_else(|e| panic!("{e}"));
        let output = Command::cargo_bin("concord")
            .unwrap_or_else(|e| panic!("{e}"))
            .arg("test")
            .arg(&path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "docs/semantics.md line {s_line}:\n{stdout}");
        assert!(stdout.contains(", 0 failed"), "docs/semantics.md line {s_line}:\n{stdout}");
        scenario_files += 1;
    }
    assert!(scenario_files >= 3);
    let _ = std::fs::remove_dir_all(&dir);
}
