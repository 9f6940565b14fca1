//! Full-check speed: a large weighted alliance and a composite-rule network.
//!
//! Targets (issue 5): a 500-member agreement with 50 decision kinds, weights 1–100, checked in
//! under 50 ms; and 60 members with composite rules (two blocs, a class majority, a named
//! consent). Each agreement is generated as text, loaded once, and `concord::check::check`
//! (every analysis) is timed.

use criterion::{criterion_group, criterion_main, Criterion};

/// A small deterministic generator, so the agreements are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// 500 members with explicit votes 1–100 and 50 decisions of the usual shapes.
pub fn large_weighted(members: usize, decisions: usize) -> String {
    let mut rng = Lcg(42);
    let mut text = String::from("agreement \"Borough-wide alliance\"\n  kinds acute, primary-care, social-care\nvoting as set for each member\n");
    for i in 0..members {
        let kind = ["acute", "primary-care", "social-care"][i % 3];
        text.push_str(&format!("member m{i}\n  kinds {kind}\n  votes {}\n", 1 + rng.next(100)));
    }
    let rules = [
        "at least 2/3 of eligible votes in favour",
        "more than half of eligible votes in favour",
        "at least 70% of eligible votes in favour and m0 in favour",
        "more than half of votes cast in favour",
        "at least 60% of eligible votes in favour",
    ];
    for d in 0..decisions {
        let rule = rules[d % rules.len()];
        text.push_str(&format!(
            "decision \"decision {d}\"\n  passes if {rule}\n  if rejected, escalate to \"the board\"\n"
        ));
    }
    text
}

/// 60 members in two blocs, with a class majority and a named member's consent.
pub fn composite(members: usize) -> String {
    let mut rng = Lcg(7);
    let mut text = String::from("agreement \"Health and care partnership\"\n  kinds health, social-care, primary-care\nvoting as set for each member\n");
    for i in 0..members {
        let kinds = if i < members / 2 {
            if i % 3 == 0 {
                "health, primary-care"
            } else {
                "health"
            }
        } else {
            "social-care"
        };
        text.push_str(&format!("member m{i}\n  kinds {kinds}\n  votes {}\n", 1 + rng.next(100)));
    }
    text.push_str(
        "bloc health \"Health\"\n  members of kind health\nbloc care \"Social care\"\n  members of kind social-care\n",
    );
    text.push_str("decision \"joint plan\"\n  passes if each bloc in favour by more than half of its votes and more than half of primary-care members in favour and m0 in favour\n  if rejected, escalate to \"the health and wellbeing board\"\n");
    text.push_str("decision \"pooled spending\"\n  passes if (at least 2/3 of eligible votes in favour or each bloc in favour by at least 3/4 of its votes) and m1 in favour\n  if rejected, escalate to \"the health and wellbeing board\"\n");
    text
}

fn load(text: &str) -> concord::model::Agreement {
    let loaded = concord::load::load(text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics.first());
    loaded.agreement.unwrap_or_else(|| unreachable!("an agreement"))
}

fn bench(c: &mut Criterion) {
    let large = load(&large_weighted(500, 50));
    c.bench_function("check 500 members, 50 decisions", |b| b.iter(|| concord::check::check(&large)));
    let text = large_weighted(500, 50);
    c.bench_function("load and check 500 members, 50 decisions", |b| b.iter(|| concord::check::check(&load(&text))));
    let network = load(&composite(60));
    c.bench_function("check 60 members, composite rules", |b| b.iter(|| concord::check::check(&network)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
