//! The real binary on real files: exit codes, JSON shape, limits.

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-cli-{}-{}", std::process::id(), name));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn a_clean_agreement_exits_0() {
    let out = concord().args(["check", "tests/check/ok_hillingdon.concord"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no problems found"), "{stdout}");
}

#[test]
fn a_syntax_error_exits_2_with_its_code() {
    let out = concord()
        .args(["check", "tests/corpus/parse/err_mixed_and_or.concord"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("concord::parse::mixed_and_or"), "{stdout}");
}

#[test]
fn json_has_the_documented_shape() {
    let out = concord()
        .args(["check", "--format", "json", "tests/corpus/parse/err_unknown_member_in_rule.concord"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["schema"], 1);
    assert_eq!(json["schema_minor"], 5);
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(finding["code"], "concord::model::unknown_name");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["labels"][0]["line"], 14);
    assert_eq!(finding["labels"][0]["column"], 13);
    assert_eq!(finding["help"], "did you mean `hhft`?");
}

#[test]
fn a_missing_file_exits_2() {
    let out = concord().args(["check", "no/such/file.concord"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("there is no such file"));
}

#[test]
fn random_bytes_exit_2_with_a_diagnostic() {
    let path = temp_file("bytes.concord", &[0x61, 0x67, 0xff, 0xfe, 0x00, 0x9c, 0x0a]);
    let out = concord().arg("check").arg(&path).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("concord::parse::not_text"));
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_reading_it() {
    let path = temp_file("huge.concord", b"");
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(50 * 1024 * 1024).unwrap_or_else(|e| panic!("{e}"));
    let out = concord().arg("check").arg(&path).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("concord::parse::file_too_large"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let out = concord().args(["check"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let out = concord().args(["check", "--help"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Files or folders to check"));
    let out = concord().args(["--version"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let file = "tests/corpus/parse/err_unknown_member_in_rule.concord";
    let coloured = concord().args(["check", "--color", "always", file]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&coloured.stdout).contains('\u{1b}'));
    let plain = concord().args(["check", file]).env("NO_COLOR", "1").output().unwrap_or_else(|e| panic!("{e}"));
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
}
