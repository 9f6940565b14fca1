//! `concord test` end to end: a scenario file with 10,000 scenarios against a 100-member
//! agreement, read, resolved, evaluated and compared. Target (issue 8): at least 10,000
//! scenarios per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn files(dir: &std::path::Path, members: usize, scenarios: usize) {
    let mut agreement =
        String::from("agreement \"Generated network\"\n  currency GBP\n  kinds acute, primary-care\n\n");
    for i in 0..members {
        let kind = if i % 3 == 0 { "primary-care" } else { "acute" };
        agreement.push_str(&format!("member m{i}\n  kinds {kind}\n  budget £{},000,000\n\n", 1 + i % 40));
    }
    agreement.push_str("voting in proportion to budget\n\n");
    agreement.push_str(
        "decision \"change financial flows\"\n  passes if at least 70% of eligible votes in favour\n    and more than half of primary-care members in favour\n  members gaining more than 5% of their budget do not vote\n  if rejected, escalate to \"the board\"\n",
    );
    std::fs::write(dir.join("network.concord"), agreement).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::from("scenarios for \"network.concord\"\n\n");
    for s in 0..scenarios {
        let split = 40 + s % 60;
        let in_favour: Vec<String> = (0..split.min(members)).map(|i| format!("m{i}")).collect();
        let against: Vec<String> = (split.min(members)..members).map(|i| format!("m{i}")).collect();
        let expected = if split >= 70 { "passed" } else { "deadlocked, escalated to \"the board\"" };
        text.push_str(&format!(
            "scenario \"scenario {s}\"\n  propose \"change financial flows\"\n  in favour: {}\n  against: {}\n  expect {expected}\n\n",
            in_favour.join(", "),
            against.join(", ")
        ));
    }
    std::fs::write(dir.join("many.scenarios"), text).unwrap_or_else(|e| panic!("{e}"));
}

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("concord-bench-scenarios-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    files(&dir, 100, 10_000);
    let paths = vec![dir.join("many.scenarios")];
    let options = concord::commands::test::TestOptions::default();
    let report = concord::commands::test::run(&paths, &options);
    assert_eq!(report.passed + report.failed, 10_000, "{:?}", report.files.first().map(|f| &f.problems));
    let mut group = c.benchmark_group("concord test");
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group
        .bench_function("10,000 scenarios, 100 members", |b| b.iter(|| concord::commands::test::run(&paths, &options)));
    group.finish();
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
