//! A year-end waterfall over 10,000 members with a three-method mix (target: under 50 ms).
//!
//! Two cases: a surplus (30% reinvested, the rest shared 50% by budget allocation, 30% by
//! performance, 20% equally) and a deficit (contingency fund, insurance, then the same mix with
//! every tenth member capped, a few at zero, so that caps redistribute over several rounds).
//! Run with `cargo bench --bench money`.

use std::collections::BTreeMap;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;

use concord::model::{
    Agreement, Currency, DeficitStep, Figure, FigureName, FigureUnit, Fund, Member, MemberId, Membership, Money,
    Percent, Reinvest, SavingsStep, ShareMethod, ShareMixPart, Voting, Waterfall, WeightScheme, YearEnd,
};
use concord::span::{Span, Spanned};

const MEMBERS: usize = 10_000;

fn figure(value: Decimal, unit: FigureUnit) -> Figure {
    Figure { value, unit, span: Span::default(), form: concord::model::FigureForm::Plain }
}

fn member(i: usize) -> Member {
    let mut figures = BTreeMap::new();
    // Deterministic, varied figures: allocations from £100,000 to about £5m, scores 40 to 99.
    let allocation = Decimal::new(10_000_000 + ((i * 7919) % 490_000) as i64 * 100, 2);
    figures.insert(FigureName::Allocation, figure(allocation, FigureUnit::Money));
    figures.insert(FigureName::Performance, figure(Decimal::from(40 + (i * 31) % 60), FigureUnit::Number));
    if i % 10 == 0 {
        let cap = if i % 100 == 0 { Decimal::ZERO } else { Decimal::new(((i % 7) as i64 + 1) * 100_000, 0) };
        figures.insert(FigureName::LiabilityCap, figure(cap, FigureUnit::Money));
    }
    Member {
        id: MemberId(i as u32),
        key: format!("practice-{i}"),
        name: format!("Practice {i}"),
        span: Span::default(),
        kinds: Vec::new(),
        roles: BTreeMap::new(),
        figures,
        votes: None,
        drawn_from: None,
    }
}

fn mix() -> Vec<ShareMixPart> {
    [(50, ShareMethod::Allocation), (30, ShareMethod::Performance), (20, ShareMethod::Equally)]
        .iter()
        .map(|(w, m)| ShareMixPart { weight: Percent(Decimal::from(*w)), method: *m, span: Span::default() })
        .collect()
}

fn agreement() -> Agreement {
    let step = |s| Spanned::new(s, Span::default());
    Agreement {
        stand_ins: Default::default(),
        offices: Vec::new(),
        title: Spanned::new("A borough of practices".into(), Span::default()),
        form: None,
        currency: Currency { code: "GBP".into(), symbol: Some('£'), minor_unit: Decimal::new(1, 2), span: None },
        effective: None,
        period: None,
        kinds: Vec::new(),
        kinds_declared: false,
        members: (0..MEMBERS).map(member).collect(),
        voting: Voting {
            scheme: Spanned::new(WeightScheme::OneMemberOneVote, Span::default()),
            declared: false,
            reserved: Vec::new(),
        },
        blocs: Vec::new(),
        decisions: Vec::new(),
        default_quorum: None,
        default_reconvened_quorum: None,
        savings: Some(Waterfall {
            steps: vec![
                step(SavingsStep::Reinvest {
                    amount: Reinvest::Percent(Percent(Decimal::from(30))),
                    fund: Fund::Contingency,
                    rounding: None,
                }),
                step(SavingsStep::Share(mix(), None)),
            ],
            span: Span::default(),
        }),
        deficits: Some(Waterfall {
            steps: vec![
                Spanned::new(DeficitStep::Contingency, Span::default()),
                Spanned::new(DeficitStep::Insurance { cap: Money(Decimal::from(5_000_000)) }, Span::default()),
                Spanned::new(DeficitStep::Share(mix(), None), Span::default()),
            ],
            span: Span::default(),
        }),
        budget: None,
        membership: Membership::default(),
        funds: Vec::new(),
        elections: Vec::new(),
    }
}

fn year(cost: i64) -> YearEnd {
    YearEnd {
        title: Spanned::new("Year ending 31 March 2027".into(), Span::default()),
        capitated: Some(Spanned::new(Money(Decimal::from(25_000_000_000i64)), Span::default())),
        actual_cost: Some(Spanned::new(Money(Decimal::new(cost, 2)), Span::default())),
        fund_balance: Some(Spanned::new(Money(Decimal::from(10_000_000)), Span::default())),
        ..YearEnd::default()
    }
}

fn bench(c: &mut Criterion) {
    let a = agreement();
    let surplus = year(2_496_123_456_789);
    let deficit = year(2_530_987_654_321);
    // Sanity: both work out, and the deficit's caps redistribute.
    for y in [&surplus, &deficit] {
        let e = concord::money::evaluate(&a, y);
        assert!(e.working.is_some(), "{:?}", e.diagnostics);
    }
    let mut group = c.benchmark_group("money");
    group.sample_size(20);
    group.bench_function("surplus, 10,000 members, 3-method mix", |b| {
        b.iter(|| concord::money::evaluate(black_box(&a), black_box(&surplus)))
    });
    group.bench_function("deficit with caps, 10,000 members, 3-method mix", |b| {
        b.iter(|| concord::money::evaluate(black_box(&a), black_box(&deficit)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
