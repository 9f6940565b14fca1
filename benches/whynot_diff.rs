//! What it would take (`concord eval --why`) and `concord diff`, on agreements of the sizes
//! their searches are made for.
//!
//! - why-not on a 12-member weighted agreement whose proposal has 10 members not in favour
//!   (up to 2^10 sets tried): target under 50 ms;
//! - why-not on a carried proposal of the same agreement (one change per member and ballot);
//! - diff of two versions of a 16-member agreement (2^16 ways of voting, each under both
//!   rules): target under 100 ms.

use concord::eval::Evaluator;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn agreement(members: usize, rule: &str) -> String {
    let mut text = String::from("agreement \"Bench alliance\"\n  currency GBP\n\n");
    for i in 0..members {
        text.push_str(&format!("member m{i} \"Member {i}\"\n  budget £{},000,000\n", 1 + (i * 7) % 11));
    }
    text.push_str("\nvoting in proportion to budget\n\n");
    text.push_str(&format!("decision \"change\"\n  passes if {rule}\n"));
    text
}

fn why_not(c: &mut Criterion) {
    let text =
        agreement(12, "at least 80% of eligible votes in favour and more than half of eligible members in favour");
    let loaded = concord::load::load(&text);
    let Some(agreement) = loaded.agreement else { panic!("{:?}", loaded.diagnostics.first()) };
    for (name, votes) in [
        ("why_not/rejected_10_candidates", "  in favour: m0, m1\n  against: m2, m3, m4\n"),
        ("why_not/passed_12_members", "  in favour: m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10\n  against: m11\n"),
    ] {
        let input = format!("proposal \"p\"\n  decision \"change\"\n{votes}");
        let parsed = concord::syntax::parse(&input);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        assert!(errors.is_empty(), "{errors:?}");
        let Some(proposal) = inputs.proposals.first() else { panic!("no proposal") };
        let evaluator = Evaluator::new(&agreement, &text);
        let Ok(evaluation) = evaluator.evaluate(proposal, &input) else { panic!("not evaluated") };
        c.bench_function(name, |b| {
            b.iter(|| black_box(concord::whynot::why_not(&evaluator, proposal, &evaluation, &input)))
        });
    }
}

fn diff(c: &mut Criterion) {
    let old = agreement(16, "unanimous");
    let new = agreement(16, "at least 75% of eligible votes in favour");
    let (Some(a), Some(b)) = (concord::load::load(&old).agreement, concord::load::load(&new).agreement) else {
        panic!("the agreements do not load")
    };
    c.bench_function("diff/16_members", |bench| bench.iter(|| black_box(concord::diff::diff(&a, &b))));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = why_not, diff
}
criterion_main!(benches);
