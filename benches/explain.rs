//! `concord explain` speed (issue 18): a 500-member agreement, the schedule, the drafting notes
//! and every member's exact Banzhaf and Shapley–Shubik index included. Target: under 50 ms.
//!
//! Two shapes: one member one vote with kinds (the power code groups members whose votes are
//! interchangeable into classes, so 500 members are a handful of classes), and 500 members with
//! weights 1–100 (a weighted game: beyond the exact power code's limits at 500 members, so its
//! table says the rule is too large to work out exactly; the refusal is what is timed).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// 500 members of three kinds, one vote each, two decisions (one with a kind condition).
pub fn equal_votes(members: usize) -> String {
    let mut text = String::from("agreement \"Large alliance\"\n");
    for i in 0..members {
        let kind = ["nhs", "council", "voluntary"][i % 3];
        text.push_str(&format!("member m{i} \"Member {i}\"\n  kind {kind}\n"));
    }
    text.push_str("decision \"routine business\"\n  passes if more than half of votes cast in favour\n");
    text.push_str("decision \"budget\"\n  passes if at least 2/3 of eligible votes in favour\n");
    text
}

/// 500 members with votes 1–100 and a simple-majority quota.
pub fn weighted(members: usize) -> String {
    let mut rng = Lcg(500);
    let weights: Vec<u64> = (0..members).map(|_| 1 + rng.next(100)).collect();
    let total: u64 = weights.iter().sum();
    let mut text = String::from("agreement \"Large weighted alliance\"\nvoting as set for each member\n");
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!("member m{i}\n  votes {w}\n"));
    }
    text.push_str(&format!(
        "decision \"pass\"\n  passes if at least {}/{total} of eligible votes in favour\n",
        total / 2 + 1
    ));
    text
}

fn file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("concord-bench-explain-{}-{name}.concord", std::process::id()));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain");
    group.sample_size(10);
    for (name, text) in [("500 members, one vote each", equal_votes(500)), ("500 weighted members", weighted(500))] {
        let path = file(&name.replace(' ', "-").replace(',', ""), &text);
        let e = concord::commands::explain::explain(&path);
        assert_eq!(e.exit_code(), 0, "{:?} {:?}", e.problems, e.messages);
        // The weighted game of 500 members is beyond the exact power code's budget: it says so
        // ("too large to work out exactly") rather than guess, and that refusal is timed.
        if name.contains("one vote") {
            assert!(e.power.iter().all(|r| r.not_analysed.is_none()), "power not worked out: {:?}", e.power);
        }
        group.bench_function(name, |b| {
            b.iter(|| concord::report::explain::explain_text(&concord::commands::explain::explain(&path)))
        });
        let _ = std::fs::remove_file(&path);
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
