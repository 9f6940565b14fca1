//! The corpus replay, on stable: every file in `corpus/<target>/` through that target's body,
//! and a check that the generator writes mostly valid agreements.
//!
//! `corpus/` holds only inputs that pass on today's code; crashers live in `findings/`, which
//! is not replayed (see the README).

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use concord_fuzz::{gen, TARGETS};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|entries| entries.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files
}

fn replay(target: &str) {
    let (_, body) = TARGETS.iter().find(|(n, _)| *n == target).copied().unwrap_or_else(|| panic!("no target {target}"));
    let files = corpus(target);
    assert!(files.len() >= 5, "corpus/{target} has only {} files", files.len());
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let result = std::panic::catch_unwind(|| body(&bytes));
        assert!(result.is_ok(), "{target} fails on {}", path.display());
    }
}

#[test]
fn read() {
    replay("read");
}

#[test]
fn check() {
    replay("check");
}

#[test]
fn eval() {
    replay("eval");
}

#[test]
fn money() {
    replay("money");
}

#[test]
fn scenarios() {
    replay("scenarios");
}

#[test]
fn repl() {
    replay("repl");
}

#[test]
fn fmt() {
    replay("fmt");
}

#[test]
fn power() {
    replay("power");
}

/// A little deterministic noise, so that the test needs no random-number crate.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn the_generator_writes_mostly_valid_agreements() {
    let mut clean = 0;
    let mut read = 0;
    let n = 300;
    for seed in 0..n {
        let data = bytes(seed, 2048);
        let Ok(case) = gen::Case::arbitrary_take_rest(Unstructured::new(&data)) else { continue };
        let rendered = case.render();
        let parsed = concord::syntax::parse(&rendered.agreement);
        if parsed.errors.is_empty() {
            read += 1;
        }
        if !concord::load::load(&rendered.agreement).has_errors() {
            clean += 1;
        }
    }
    eprintln!("of {n} generated agreements, {read} read without syntax errors and {clean} resolve cleanly");
    assert!(read * 2 > n, "only {read} of {n} generated agreements read without syntax errors");
    assert!(clean * 5 > n, "only {clean} of {n} generated agreements resolve cleanly");
}
