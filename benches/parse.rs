//! Parse + resolve of a generated agreement with 500 members and 50 decision kinds.
//! Target (issue 4): under 20 ms, at least 20 MB/s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn agreement(members: usize, decisions: usize) -> String {
    let mut text = String::from(
        "agreement \"Generated network\"\n  form provider network\n  currency GBP\n  kinds acute, primary-care, social-care, lay\n\n",
    );
    let kinds = ["acute", "primary-care", "social-care", "lay"];
    for i in 0..members {
        text.push_str(&format!(
            "member m{i} \"Member number {i} NHS Foundation Trust\"\n  kinds {}\n  budget £{},{:03},000\n  reserves £{},000\n  performance {}\n\n",
            kinds[i % kinds.len()],
            1 + i % 90,
            (i * 37) % 1000,
            100 + i,
            50 + i % 50
        ));
    }
    text.push_str("voting in proportion to budget\n  lay members together hold 10% of the votes\n\n");
    for d in 0..decisions {
        text.push_str(&format!(
            "decision \"decision {d}\"\n  passes if at least 70% of eligible votes in favour\n    and more than half of primary-care members in favour\n    and (m{a} in favour or at least two thirds of members present in favour)\n  members gaining more than 5% of their budget do not vote\n  m{b} may veto when its statutory duties are at risk\n  on a tie, m{a} has the casting vote\n  if rejected, escalate to \"the board\" within 10 working days, then \"mediation\"\n\n",
            a = d % members,
            b = (d * 7) % members
        ));
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = agreement(500, 50);
    let loaded = concord::load::load(&text);
    assert!(loaded.diagnostics.is_empty(), "generated agreement must be clean: {:?}", loaded.diagnostics.first());
    let mut group = c.benchmark_group("parse+resolve");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("500 members, 50 decisions", |b| b.iter(|| concord::load::load(std::hint::black_box(&text))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
