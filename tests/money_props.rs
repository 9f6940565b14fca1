//! Properties of the money rules, for every share method, on generated agreements:
//!
//! - the shares plus what is unallocated add up to the amount, to the minor unit;
//! - no member bears more than its liability cap, nor is compensated more than its fall;
//! - no share is negative;
//! - relabelling (reordering) the members permutes the shares: the exact shares are identical
//!   and the rounded ones differ by at most one minor unit, which only the tie-break moves;
//! - scaling every basis figure by the same constant changes nothing.
//!
//! The agreements are built as models directly (no parsing) so that each case stays cheap.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;

use concord::model::{
    Agreement, Currency, DeficitStep, Figure, FigureName, FigureUnit, Member, MemberId, Membership, Money, Percent,
    SavingsStep, ShareMethod, ShareMixPart, Voting, Waterfall, WeightScheme, YearEnd,
};
use concord::money::{self, YearEndWorking};
use concord::span::{Span, Spanned};

const CASES: u32 = 10_000;
const PENNY: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

#[derive(Debug, Clone)]
struct GenMember {
    budget: i64,
    allocation: i64,
    equity: i64,
    reserves: i64,
    need: i64,
    performance: i64,
    cap: Option<i64>,
}

fn gen_member() -> impl Strategy<Value = GenMember> {
    (
        0..2_000_000_000i64,
        0..2_000_000_000i64,
        0..1000i64,
        0..500_000_000i64,
        0..100_000_000i64,
        0..1000i64,
        proptest::option::of(0..300_000_000i64),
    )
        .prop_map(|(budget, allocation, equity, reserves, need, performance, cap)| GenMember {
            budget,
            allocation,
            equity,
            reserves,
            need,
            performance,
            cap,
        })
}

fn figure(value: Decimal, unit: FigureUnit) -> Figure {
    Figure { value, unit, span: Span::default(), form: concord::model::FigureForm::Plain }
}

/// A member's figures scaled by `k` (money in pence, equity and scores in tenths).
fn member(index: usize, g: &GenMember, k: Decimal, with_caps: bool) -> Member {
    let mut figures = BTreeMap::new();
    let money = |v: i64| figure(Decimal::new(v, 2) * k, FigureUnit::Money);
    figures.insert(FigureName::Budget, money(g.budget));
    figures.insert(FigureName::Allocation, money(g.allocation));
    figures.insert(FigureName::Equity, figure(Decimal::new(g.equity, 1) * k, FigureUnit::Percent));
    figures.insert(FigureName::Reserves, money(g.reserves));
    figures.insert(FigureName::InvestmentNeed, money(g.need));
    figures.insert(FigureName::Performance, figure(Decimal::new(g.performance, 1) * k, FigureUnit::Number));
    if with_caps {
        if let Some(cap) = g.cap {
            figures.insert(FigureName::LiabilityCap, figure(Decimal::new(cap, 2), FigureUnit::Money));
        }
    }
    Member {
        id: MemberId(index as u32),
        key: format!("m{index}"),
        name: format!("Member {index}"),
        span: Span::default(),
        kinds: Vec::new(),
        roles: BTreeMap::new(),
        figures,
        votes: None,
        drawn_from: None,
    }
}

#[derive(Debug, Clone, Copy)]
enum Side {
    Surplus,
    Deficit,
}

fn parts(methods: &[(u32, ShareMethod)]) -> Vec<ShareMixPart> {
    methods
        .iter()
        .map(|(w, m)| ShareMixPart { weight: Percent(Decimal::from(*w)), method: *m, span: Span::default() })
        .collect()
}

/// An agreement whose waterfall is one step: `compensation` or a share by `methods`.
fn agreement(members: Vec<Member>, side: Side, step: Option<Vec<ShareMixPart>>) -> Agreement {
    let saving = match &step {
        Some(p) => SavingsStep::Share(p.clone(), None),
        None => SavingsStep::Compensation,
    };
    let deficit = DeficitStep::Share(step.unwrap_or_default(), None);
    Agreement {
        stand_ins: Default::default(),
        offices: Vec::new(),
        title: Spanned::new("Generated".into(), Span::default()),
        form: None,
        currency: Currency { code: "GBP".into(), symbol: Some('£'), minor_unit: PENNY, span: None },
        effective: None,
        period: None,
        kinds: Vec::new(),
        kinds_declared: false,
        members,
        voting: Voting {
            scheme: Spanned::new(WeightScheme::OneMemberOneVote, Span::default()),
            declared: false,
            reserved: Vec::new(),
        },
        blocs: Vec::new(),
        decisions: Vec::new(),
        default_quorum: None,
        default_reconvened_quorum: None,
        savings: matches!(side, Side::Surplus)
            .then(|| Waterfall { steps: vec![Spanned::new(saving, Span::default())], span: Span::default() }),
        deficits: matches!(side, Side::Deficit)
            .then(|| Waterfall { steps: vec![Spanned::new(deficit, Span::default())], span: Span::default() }),
        budget: None,
        membership: Membership::default(),
        funds: Vec::new(),
        elections: Vec::new(),
    }
}

fn year(side: Side, amount: i64) -> YearEnd {
    let budget = Decimal::new(100_000_000_000, 2);
    let amount = Decimal::new(amount, 2);
    let cost = match side {
        Side::Surplus => budget - amount,
        Side::Deficit => budget + amount,
    };
    YearEnd {
        title: Spanned::new("Year".into(), Span::default()),
        capitated: Some(Spanned::new(Money(budget), Span::default())),
        actual_cost: Some(Spanned::new(Money(cost), Span::default())),
        ..YearEnd::default()
    }
}

fn evaluate(
    gen: &[GenMember],
    order: &[usize],
    k: Decimal,
    side: Side,
    step: &Option<Vec<ShareMixPart>>,
    amount: i64,
) -> YearEndWorking {
    let members = order
        .iter()
        .enumerate()
        .filter_map(|(place, original)| gen.get(*original).map(|g| (place, *original, g)))
        .map(|(place, original, g)| {
            let mut m = member(place, g, k, matches!(side, Side::Deficit));
            m.key = format!("m{original}");
            m
        })
        .collect();
    let a = agreement(members, side, step.clone());
    let evaluation = money::evaluate(&a, &year(side, amount));
    match evaluation.working {
        Some(w) => w,
        None => panic!("not worked out: {:?}", evaluation.diagnostics),
    }
}

/// Every member's exact and rounded share in the one step, by key.
fn step_shares(w: &YearEndWorking) -> BTreeMap<String, (Decimal, Decimal)> {
    w.waterfall
        .as_ref()
        .and_then(|wf| wf.steps.first())
        .map(|s| s.shares.iter().map(|m| (m.member.clone(), (m.unrounded, m.share))).collect())
        .unwrap_or_default()
}

fn check(
    gen: Vec<GenMember>,
    order_seed: Vec<usize>,
    k_index: usize,
    side: Side,
    step: Option<Vec<ShareMixPart>>,
    amount: i64,
) -> Result<(), TestCaseError> {
    let n = gen.len();
    let identity: Vec<usize> = (0..n).collect();
    let w = evaluate(&gen, &identity, Decimal::ONE, side, &step, amount);
    let amount = Decimal::new(amount, 2);
    let wf = w.waterfall.as_ref().ok_or_else(|| TestCaseError::fail("no waterfall"))?;

    // Shares plus unallocated add up to the amount, to the penny.
    let total: Decimal = w.members.iter().map(|m| m.amount).sum::<Decimal>() + w.unallocated;
    prop_assert_eq!(total, amount);
    prop_assert_eq!(wf.amount, amount);
    for m in &w.members {
        // Every share is a whole number of pence, and none is negative.
        prop_assert!(m.amount >= Decimal::ZERO);
        prop_assert!((m.amount / PENNY).fract().is_zero());
        // No member bears more than its cap.
        if let Some(cap) = m.liability_cap {
            prop_assert!(m.amount <= cap, "{} bears {} over its cap {}", m.member, m.amount, cap);
        }
    }
    if step.is_none() {
        // Compensation is never more than the fall.
        for (m, g) in w.members.iter().zip(&gen) {
            let fall = (Decimal::new(g.budget, 2) - Decimal::new(g.allocation, 2)).max(Decimal::ZERO);
            prop_assert!(m.amount <= fall, "{} compensated {} for a fall of {}", m.member, m.amount, fall);
        }
    }

    // Relabelling: a rotation and a reversal of the members' order.
    let shift = order_seed.first().copied().unwrap_or(0) % n.max(1);
    let mut order: Vec<usize> = identity.iter().map(|i| (i + shift) % n).collect();
    if order_seed.len() % 2 == 0 {
        order.reverse();
    }
    let permuted = evaluate(&gen, &order, Decimal::ONE, side, &step, amount_pence(amount));
    let before = step_shares(&w);
    let after = step_shares(&permuted);
    prop_assert_eq!(before.len(), after.len());
    for (key, (exact, rounded)) in &before {
        let (exact2, rounded2) = after.get(key).copied().unwrap_or_default();
        prop_assert_eq!(*exact, exact2, "exact share of {} moved when relabelled", key);
        prop_assert!((*rounded - rounded2).abs() <= PENNY, "{} moved by more than the tie-break", key);
    }
    prop_assert_eq!(permuted.unallocated, w.unallocated);

    // Scaling every basis figure (not the caps) by a constant changes nothing.
    let k = [Decimal::TWO, Decimal::TEN, Decimal::new(3, 0), Decimal::new(1000, 0), Decimal::new(7, 0)]
        .get(k_index % 5)
        .copied()
        .unwrap_or(Decimal::TWO);
    let scaled = evaluate(&gen, &identity, k, side, &step, amount_pence(amount));
    if step.is_some() {
        for (a, b) in w.members.iter().zip(&scaled.members) {
            prop_assert_eq!(a.amount, b.amount, "{} changed when the figures were scaled by {}", &a.member, k);
        }
    }
    Ok(())
}

fn amount_pence(amount: Decimal) -> i64 {
    i64::try_from((amount / PENNY).trunc().mantissa()).unwrap_or(0)
}

fn members() -> impl Strategy<Value = Vec<GenMember>> {
    proptest::collection::vec(gen_member(), 1..8)
}

fn order() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0..8usize, 0..3)
}

macro_rules! method_property {
    ($name:ident, $side:expr, $step:expr) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(CASES))]
            #[test]
            fn $name(gen in members(), order in order(), k in 0..5usize, amount in 1..50_000_000_000i64) {
                check(gen, order, k, $side, $step, amount)?;
            }
        }
    };
}

method_property!(equal_surplus, Side::Surplus, Some(parts(&[(100, ShareMethod::Equally)])));
method_property!(equal_deficit_with_caps, Side::Deficit, Some(parts(&[(100, ShareMethod::Equally)])));
method_property!(budget_deficit_with_caps, Side::Deficit, Some(parts(&[(100, ShareMethod::Budget)])));
method_property!(allocation_surplus, Side::Surplus, Some(parts(&[(100, ShareMethod::Allocation)])));
method_property!(equity_deficit_with_caps, Side::Deficit, Some(parts(&[(100, ShareMethod::Equity)])));
method_property!(performance_surplus, Side::Surplus, Some(parts(&[(100, ShareMethod::Performance)])));
method_property!(performance_deficit_with_caps, Side::Deficit, Some(parts(&[(100, ShareMethod::Performance)])));
method_property!(need_surplus, Side::Surplus, Some(parts(&[(100, ShareMethod::NeedForInvestment)])));
method_property!(ability_to_pay_deficit_with_caps, Side::Deficit, Some(parts(&[(100, ShareMethod::AbilityToPay)])));
method_property!(compensation, Side::Surplus, None);
method_property!(
    three_method_mix_deficit_with_caps,
    Side::Deficit,
    Some(parts(&[(50, ShareMethod::Allocation), (30, ShareMethod::Performance), (20, ShareMethod::Equally)]))
);
method_property!(
    three_method_mix_surplus,
    Side::Surplus,
    Some(parts(&[(40, ShareMethod::Equity), (35, ShareMethod::NeedForInvestment), (25, ShareMethod::Equally)]))
);

/// Any decimal at all, up to the largest rust_decimal holds.
fn extreme() -> impl Strategy<Value = Decimal> {
    let word = || prop_oneof![Just(0u32), any::<u32>()];
    (any::<u32>(), word(), word(), 0..=28u32)
        .prop_map(|(lo, mid, hi, scale)| Decimal::from_parts(lo, mid, hi, false, scale))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]
    /// Extreme figures give a result or a diagnostic, never a panic.
    #[test]
    fn extreme_figures_never_panic(
        figures in proptest::collection::vec((extreme(), extreme(), extreme(), proptest::option::of(extreme())), 1..6),
        capitated in extreme(),
        cost in extreme(),
        surplus in any::<bool>(),
    ) {
        let members = figures
            .iter()
            .enumerate()
            .map(|(i, (allocation, performance, reserves, cap))| {
                let mut m = member(i, &GenMember { budget: 0, allocation: 0, equity: 0, reserves: 0, need: 0, performance: 0, cap: None }, Decimal::ONE, false);
                m.figures.insert(FigureName::Allocation, figure(*allocation, FigureUnit::Money));
                m.figures.insert(FigureName::Performance, figure(*performance, FigureUnit::Number));
                m.figures.insert(FigureName::Reserves, figure(*reserves, FigureUnit::Money));
                if let Some(cap) = cap {
                    m.figures.insert(FigureName::LiabilityCap, figure(*cap, FigureUnit::Money));
                }
                m
            })
            .collect();
        let side = if surplus { Side::Surplus } else { Side::Deficit };
        let mix = parts(&[(50, ShareMethod::Allocation), (30, ShareMethod::Performance), (20, ShareMethod::AbilityToPay)]);
        let a = agreement(members, side, Some(mix));
        let y = YearEnd {
            title: Spanned::new("Year".into(), Span::default()),
            capitated: Some(Spanned::new(Money(capitated), Span::default())),
            actual_cost: Some(Spanned::new(Money(cost), Span::default())),
            ..YearEnd::default()
        };
        let evaluation = money::evaluate(&a, &y);
        if let Some(w) = evaluation.working {
            let total: Decimal = w.members.iter().map(|m| m.amount).sum::<Decimal>() + w.unallocated
                + w.parties.iter().map(|p| p.amount).sum::<Decimal>();
            prop_assert_eq!(total, w.result.abs());
        } else {
            prop_assert!(!evaluation.diagnostics.is_empty());
        }
    }
}
