//! A year-end result over 50 members, 20 funds and 200 lines (target: under 10 ms).
//!
//! Each fund has ten lines in turn shared by the fund's rule, by each partner's share and with no
//! risk share, offsetting in every other fund, a cap at each partner's contribution, and a deficit
//! waterfall that draws on a risk pool first. Half the lines overspend, so both the lines and the
//! funds' waterfalls do real work; each fund has a conditional income (half of them earned) and
//! every other fund an overspend caused by maladministration. Run with `cargo bench --bench funds`.
//!
//! A second case shares one year among 500 members whose equity is written in 997ths (exact
//! fractions over one common denominator), a fifth to a reserve rounded down to the pound, and
//! a deficit shared by reserves with the members below a threshold exempt: every split records
//! its pennies, so this measures that working too.

use std::fmt::Write as _;

use criterion::{black_box, criterion_group, criterion_main, Criterion};

const MEMBERS: usize = 50;
const FUNDS: usize = 20;
const LINES: usize = 10;

fn agreement() -> String {
    let mut t = String::from("agreement \"Generated\"\n\n");
    for m in 0..MEMBERS {
        let _ = writeln!(t, "member m{m}\n");
    }
    t.push_str("decision \"extra\"\n  passes if unanimous\n\n");
    t.push_str("risk pool \"Pool\"\n  hosted by m0\n");
    for m in 0..MEMBERS {
        let _ = writeln!(t, "  m{m} contributes £{}", 10_000 + m * 1_000);
    }
    for f in 0..FUNDS {
        let _ = writeln!(t, "\npooled fund \"F{f}\"\n  hosted by m{}", f % MEMBERS);
        for m in 0..MEMBERS {
            let _ = writeln!(t, "  m{m} contributes £{}", 100_000 + ((m * 7919 + f * 31) % 900_000));
        }
        if f % 2 == 0 {
            t.push_str("  overspends and underspends on its lines offset before sharing\n");
        }
        t.push_str("  each partner bears at most its contribution unless \"extra\" agrees\n");
        t.push_str("  an overspend caused by maladministration is borne by the partner responsible\n");
        let _ = writeln!(t, "  income £100,000 if \"measure F{f}\" fall by at least 2%");
        for l in 0..LINES {
            let a = (f * 13 + l * 7) % MEMBERS;
            let b = (a + 1 + l) % MEMBERS;
            let mode =
                ["risk shared by the fund's rule", "risk shared by each partner's share of the line", "no risk share"]
                    [l % 3];
            let by = if l % 3 == 2 { format!("m{a}") } else { format!("m{a} 60%, m{b} 40%") };
            let _ = writeln!(t, "  line \"F{f}L{l}\" £{} commissioned by {by}, {mode}", 1_000_000 + l * 250_000);
        }
        let _ = writeln!(
            t,
            "\nsavings of \"F{f}\"\n  shared 50% by contribution, 50% equally\n\ndeficits of \"F{f}\"\n  from the risk pool \"Pool\" up to £50,000\n  then shared by contribution"
        );
    }
    t
}

fn result() -> String {
    let mut t = String::from("result \"Year\"\n");
    for f in 0..FUNDS {
        for l in 0..LINES {
            let budget = 1_000_000 + l * 250_000;
            let cost = if (f + l) % 2 == 0 { budget + 123_457 + f * 1_001 } else { budget - 54_321 - l * 17 };
            let _ = writeln!(t, "  actual cost of \"F{f}L{l}\" £{cost}");
        }
        // Half the funds earn their conditional income; the first line (an overspend) of every
        // other fund was caused by maladministration.
        let _ = writeln!(t, "  \"measure F{f}\" fell by {}%", if f % 2 == 0 { "3" } else { "1.5" });
        if f % 2 == 0 {
            let _ = writeln!(t, "  the overspend on \"F{f}L0\" was caused by maladministration by m{}", f % MEMBERS);
        }
    }
    t
}

const EXACT_MEMBERS: usize = 500;

fn exact_agreement() -> String {
    let mut t = String::from("agreement \"Exact\"\n\n");
    for m in 0..EXACT_MEMBERS {
        let _ = writeln!(t, "member m{m}\n  equity {}/997\n  reserves £{}\n", 1 + m % 7, 10_000 + (m * 7919) % 90_000);
    }
    t.push_str("savings\n  20% to \"reserve\", rounded down to the nearest £1, the pennies to the members\n  then the rest shared by equity\n\n");
    t.push_str("deficits\n  shared by ability to pay, members with reserves below £20,000 bear nothing\n");
    t
}

fn exact(c: &mut Criterion) {
    let loaded = concord::load::load(&exact_agreement());
    let agreement = loaded.agreement.expect("the generated agreement reads");
    let mut group = c.benchmark_group("funds");
    for (name, cost) in [("surplus", "£9,876,543.21"), ("deficit", "£10,123,456.79")] {
        let text = format!("result \"Year\"\n  capitated budget £10,000,000\n  actual cost {cost}\n");
        let parsed = concord::syntax::parse(&text);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        assert!(errors.is_empty(), "{errors:?}");
        let year = inputs.results.first().expect("one result").clone();
        let evaluation = concord::money::evaluate(&agreement, &year);
        assert!(evaluation.working.is_some(), "{:?}", evaluation.diagnostics);
        group.bench_function(format!("500 members in 997ths, stated rounding and exemption: {name}"), |b| {
            b.iter(|| concord::money::evaluate(black_box(&agreement), black_box(&year)))
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    let loaded = concord::load::load(&agreement());
    let agreement = loaded.agreement.expect("the generated agreement reads");
    let parsed = concord::syntax::parse(&result());
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{errors:?}");
    let year = inputs.results.first().expect("one result").clone();
    let evaluation = concord::money::evaluate(&agreement, &year);
    assert!(evaluation.working.is_some(), "{:?}", evaluation.diagnostics);
    let mut group = c.benchmark_group("funds");
    group.bench_function("50 members, 20 funds, 200 lines", |b| {
        b.iter(|| concord::money::evaluate(black_box(&agreement), black_box(&year)))
    });
    group.finish();
}

criterion_group!(benches, bench, exact);
criterion_main!(benches);
