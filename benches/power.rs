//! Voting-power speed (issue 11): a random weighted game of 400 members, weights 1–100 and a
//! simple-majority quota (the peers' `random_n400` shape), Banzhaf and Shapley–Shubik, exact.
//! Targets: Banzhaf at least 10× faster than `powerindex` (1.26 s on the reference machine);
//! Shapley–Shubik, which both peers fail, under 10 s. The game is built as an agreement's text
//! and loaded once; `concord::power::power` is timed.

use criterion::{criterion_group, criterion_main, Criterion};

use concord::coalitions::Game;
use concord::power::{power, Which};

/// A small deterministic generator, so the game is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn random_game(members: usize) -> Game {
    let mut rng = Lcg(400);
    let weights: Vec<u64> = (0..members).map(|_| 1 + rng.next(100)).collect();
    let total: u64 = weights.iter().sum();
    let mut text = String::from("agreement \"Random weighted alliance\"\nvoting as set for each member\n");
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!("member m{i}\n  votes {w}\n"));
    }
    text.push_str(&format!(
        "decision \"pass\"\n  passes if at least {}/{total} of eligible votes in favour\n",
        total / 2 + 1
    ));
    let loaded = concord::load::load(&text);
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("the generated agreement does not load"));
    let decision = agreement.decisions.first().unwrap_or_else(|| panic!("no decision"));
    let electorate = concord::weights::electorate(&agreement, decision, None).unwrap_or_else(|e| panic!("{e}"));
    let rule = decision.rules.first().unwrap_or_else(|| panic!("no rule"));
    Game::of_decision(&agreement, decision, &electorate, rule).unwrap_or_else(|e| panic!("{e:?}"))
}

fn bench(c: &mut Criterion) {
    let game = random_game(400);
    let mut group = c.benchmark_group("power random n=400");
    group.sample_size(10);
    group.bench_function("banzhaf", |b| b.iter(|| power(&game, Which::Banzhaf)));
    group.bench_function("shapley", |b| b.iter(|| power(&game, Which::Shapley)));
    group.finish();

    // `power --sensitivity` (issue 19): every member of a 12-member weighted alliance with a
    // 70% rule and a casting vote, each range walked out exactly.
    let mut rng = Lcg(12);
    let mut text = String::from("agreement \"Sensitivity\"\nvoting as set for each member\n");
    for i in 0..12 {
        text.push_str(&format!("member m{i}\n  votes {}\n", 1 + rng.next(20)));
    }
    text.push_str("decision \"pass\"\n  passes if at least 70% of eligible votes in favour\n");
    text.push_str("  on a tie, m0 has the casting vote\n");
    let loaded = concord::load::load(&text);
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("the generated agreement does not load"));
    let mut group = c.benchmark_group("sensitivity n=12");
    group.sample_size(10);
    group.bench_function("every member", |b| {
        b.iter(|| concord::commands::power::decision_sensitivity(&agreement, &agreement.decisions[0]))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
