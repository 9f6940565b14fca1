//! The pennies: every split is rounded by the largest remainder, and on equal remainders the
//! member listed first in the agreement gets the penny first — on every path: a plain share, a
//! share after caps were spread, a fund line split between its commissioning partners however
//! the line lists them, and a capitated budget line split between its providers. Never the
//! alphabetical order of the identifiers, nor the order a line writes its partners in.

use concord::commands::year_end::{year_end_sources, YearEndReport};
use concord::load::Source;
use concord::money::pennies::{PennyParty, PennyReason, PennyWorking};
use concord::money::rounding::{round_traced, ExactClaim};
use concord::money::YearEndWorking;
use concord::report::money::year_end_human;
use concord::report::Colour;
use num_bigint::BigUint;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn run(agreement: &str, input: &str) -> YearEndReport {
    year_end_sources(
        Source { name: "agreement.concord".into(), text: agreement.into() },
        Source { name: "year.scenarios".into(), text: input.into() },
        None,
    )
}

fn working(report: &YearEndReport) -> &YearEndWorking {
    let result = report.results.first().expect("a result");
    assert!(result.diagnostics.is_empty() || result.working.is_some(), "{:?}", result.diagnostics);
    result.working.as_ref().expect("worked out")
}

fn amount(report: &YearEndReport, member: &str) -> String {
    working(report).member_amount(member).expect("member").to_string()
}

/// The pennies of the first step of the agreement's waterfall.
fn first_step_pennies(report: &YearEndReport) -> PennyWorking {
    let w = working(report);
    let step = w.waterfall.as_ref().and_then(|w| w.steps.first()).expect("a step");
    step.pennies.clone().expect("pennies")
}

const SURPLUS_OF_100: &str = "result \"Year\"\n  capitated budget £100\n  actual cost £0\n";
const DEFICIT_OF_100: &str = "result \"Year\"\n  capitated budget £0\n  actual cost £100\n";

/// Members whose identifiers run against the alphabet: `zeta` first, `alpha` last.
fn three(waterfall: &str) -> String {
    format!(
        "agreement \"Pennies\"\n  currency GBP\n\nmember zeta \"Zeta Trust\"\nmember mid \"Middle Council\"\nmember alpha \"Alpha Federation\"\n\n{waterfall}"
    )
}

#[test]
fn a_three_way_tie_goes_to_the_member_listed_first_not_the_first_alphabetically() {
    let report = run(&three("savings\n  shared equally\n"), SURPLUS_OF_100);
    assert_eq!(amount(&report, "zeta"), "33.34");
    assert_eq!(amount(&report, "mid"), "33.33");
    assert_eq!(amount(&report, "alpha"), "33.33");
    let pennies = first_step_pennies(&report);
    let zeta = pennies.parties.iter().find(|p| p.party == "zeta").expect("zeta");
    assert_eq!(zeta.reason, Some(PennyReason::TieListedFirst));
    assert_eq!(zeta.floor.to_string(), "33.33");
    assert_eq!(zeta.extra.to_string(), "0.01");
    let alpha = pennies.parties.iter().find(|p| p.party == "alpha").expect("alpha");
    assert_eq!(alpha.reason, Some(PennyReason::TieListedLater));
    assert_eq!(pennies.rounded_down.to_string(), "99.99");
    assert_eq!(pennies.left_over.to_string(), "0.01");
}

#[test]
fn listing_the_members_the_other_way_round_moves_the_penny_with_them() {
    let agreement = "agreement \"Pennies\"\n  currency GBP\n\nmember alpha \"Alpha Federation\"\nmember mid \"Middle Council\"\nmember zeta \"Zeta Trust\"\n\nsavings\n  shared equally\n";
    let report = run(agreement, SURPLUS_OF_100);
    assert_eq!(amount(&report, "alpha"), "33.34");
    assert_eq!(amount(&report, "zeta"), "33.33");
}

#[test]
fn the_largest_remainder_wins_before_the_order() {
    // £100 by 1 : 1 : 4 gives 16.666…, 16.666…, 66.666…: remainders of two thirds of a penny
    // each; one penny to hand out, the tie among all three goes to `zeta`.
    let w = "savings\n  shared by budget\n";
    let a = three(w)
        .replace("member zeta \"Zeta Trust\"", "member zeta \"Zeta Trust\"\n  budget £1")
        .replace("member mid \"Middle Council\"", "member mid \"Middle Council\"\n  budget £1");
    let a = a.replace("member alpha \"Alpha Federation\"", "member alpha \"Alpha Federation\"\n  budget £4");
    let report = run(&a, SURPLUS_OF_100);
    assert_eq!(amount(&report, "zeta"), "16.67");
    assert_eq!(amount(&report, "mid"), "16.67");
    assert_eq!(amount(&report, "alpha"), "66.66");
    // £100 by 1 : 2 : 3 gives 16.666…, 33.333… and 50: one penny to hand out, and `zeta`'s
    // remainder (two thirds of a penny) is larger than `mid`'s (a third).
    let a = three("savings\n  shared by budget\n")
        .replace("member zeta \"Zeta Trust\"", "member zeta \"Zeta Trust\"\n  budget £1")
        .replace("member mid \"Middle Council\"", "member mid \"Middle Council\"\n  budget £2")
        .replace("member alpha \"Alpha Federation\"", "member alpha \"Alpha Federation\"\n  budget £3");
    let report = run(&a, SURPLUS_OF_100);
    assert_eq!(amount(&report, "zeta"), "16.67");
    assert_eq!(amount(&report, "mid"), "33.33");
    assert_eq!(amount(&report, "alpha"), "50.00");
    let pennies = first_step_pennies(&report);
    assert_eq!(pennies.parties.first().and_then(|p| p.reason), Some(PennyReason::LargestRemainder));
}

#[test]
fn after_a_cap_is_spread_the_tie_still_goes_by_the_agreement() {
    // £100 equally, `zeta` capped at £0: `mid` and `alpha` share it, £50 each, no penny. With
    // £100.01 (a penny more), the tie between them goes to `mid`, listed before `alpha`.
    let a = three("deficits\n  shared equally\n")
        .replace("member zeta \"Zeta Trust\"", "member zeta \"Zeta Trust\"\n  liability cap £0");
    let report = run(&a, "result \"Year\"\n  capitated budget £0\n  actual cost £100.01\n");
    assert_eq!(amount(&report, "zeta"), "0.00");
    assert_eq!(amount(&report, "mid"), "50.01");
    assert_eq!(amount(&report, "alpha"), "50.00");
    let pennies = first_step_pennies(&report);
    let zeta = pennies.parties.iter().find(|p| p.party == "zeta").expect("zeta");
    assert_eq!(zeta.reason, Some(PennyReason::HeldAtCeiling));
    // A cap that is reached in the middle of the list: `mid` capped at £10, the rest split
    // between `zeta` and `alpha` (45.005 each): `zeta` is listed first.
    let a = three("deficits\n  shared equally\n")
        .replace("member mid \"Middle Council\"", "member mid \"Middle Council\"\n  liability cap £10");
    let report = run(&a, "result \"Year\"\n  capitated budget £0\n  actual cost £100.01\n");
    assert_eq!(amount(&report, "mid"), "10.00");
    assert_eq!(amount(&report, "zeta"), "45.01");
    assert_eq!(amount(&report, "alpha"), "45.00");
}

#[test]
fn a_step_that_takes_an_amount_takes_the_penny_before_what_is_carried_on() {
    // 50% of £0.01: half a penny each way; the fund comes before what is carried on.
    let report = run(
        &three("savings\n  50% to the contingency fund\n  the rest shared equally\n"),
        "result \"Year\"\n  capitated budget £0.01\n  actual cost £0\n",
    );
    let pennies = first_step_pennies(&report);
    let fund = pennies.parties.first().expect("the fund");
    assert_eq!(fund.kind, PennyParty::Taker);
    assert_eq!(fund.share.to_string(), "0.01");
    assert_eq!(fund.reason, Some(PennyReason::TieListedFirst));
}

/// A pooled fund whose line lists its partners against the agreement's order.
fn pooled(line: &str) -> String {
    format!(
        r#"agreement "Pooled pennies"
  form section 75 pooled budget

member zeta "Zeta Trust"
member alpha "Alpha Federation"

pooled fund "Fund"
  hosted by zeta
  zeta contributes £50
  alpha contributes £50
  {line}

savings of "Fund"
  shared by contribution

deficits of "Fund"
  shared by contribution
"#
    )
}

#[test]
fn a_line_split_between_its_partners_gives_the_tie_to_the_one_listed_first_in_the_agreement() {
    // The line writes `alpha` first; the agreement lists `zeta` first: `zeta` bears the penny.
    let a = pooled(
        "line \"Beds\" £100 commissioned by alpha 50%, zeta 50%, risk shared by each partner's share of the line",
    );
    let report = run(&a, "result \"Year\"\n  actual cost of \"Beds\" £100.01\n");
    let w = working(&report);
    let funds = w.funds.as_ref().expect("funds");
    let line = funds.funds.first().and_then(|f| f.lines.first()).expect("a line");
    let by = |key: &str| line.commissioners.iter().find(|c| c.member == key).map(|c| c.amount.to_string());
    assert_eq!(by("zeta").as_deref(), Some("0.01"));
    assert_eq!(by("alpha").as_deref(), Some("0.00"));
    let pennies = line.pennies.as_ref().expect("pennies");
    let zeta = pennies.parties.iter().find(|p| p.party == "zeta").expect("zeta");
    assert_eq!(zeta.reason, Some(PennyReason::TieListedFirst));
    // Without written shares, the same.
    let a = pooled("line \"Beds\" £100 commissioned by alpha, zeta, risk shared by each partner's share of the line");
    let report = run(&a, "result \"Year\"\n  actual cost of \"Beds\" £100.01\n");
    let w = working(&report);
    let line = w.funds.as_ref().and_then(|f| f.funds.first()).and_then(|f| f.lines.first()).expect("a line");
    let zeta = line.commissioners.iter().find(|c| c.member == "zeta").map(|c| c.amount.to_string());
    assert_eq!(zeta.as_deref(), Some("0.01"));
}

#[test]
fn a_fund_waterfall_gives_the_tie_to_the_partner_listed_first_in_the_agreement() {
    // The fund's contributions are written `alpha` first; the agreement lists `zeta` first.
    let a = pooled("line \"Beds\" £100")
        .replace("  zeta contributes £50\n  alpha contributes £50", "  alpha contributes £50\n  zeta contributes £50");
    let report = run(&a, "result \"Year\"\n  actual cost of \"Beds\" £99.99\n");
    let w = working(&report);
    assert_eq!(w.member_amount("zeta").map(|d| d.to_string()).as_deref(), Some("0.01"));
    assert_eq!(w.member_amount("alpha").map(|d| d.to_string()).as_deref(), Some("0.00"));
}

#[test]
fn a_budget_line_gives_the_tie_to_the_provider_listed_first_in_the_agreement() {
    let a = "agreement \"Budget pennies\"\n  currency GBP\n\nmember zeta \"Zeta Trust\"\nmember alpha \"Alpha Federation\"\n\nbudget\n  capitated budget £100.01\n  intervention \"Falls\" £100.01 provided by alpha, zeta\n\nsavings\n  shared equally\n";
    let report = run(a, "result \"Year\"\n  actual cost £100.01\n");
    let w = working(&report);
    let budget = w.budget.as_ref().expect("the budget");
    let line = budget.lines.first().expect("a line");
    let by = |key: &str| line.providers.iter().find(|p| p.member == key).map(|p| p.amount.to_string());
    assert_eq!(by("zeta").as_deref(), Some("50.01"));
    assert_eq!(by("alpha").as_deref(), Some("50.00"));
}

#[test]
fn the_report_says_who_got_the_penny_and_why() {
    let report = run(&three("savings\n  shared equally\n"), SURPLUS_OF_100);
    let text = year_end_human(&report, Colour::Off, 100);
    insta::assert_snapshot!("pennies_three_way_tie", text);
    let report = run(&three("deficits\n  shared equally\n"), DEFICIT_OF_100);
    assert!(year_end_human(&report, Colour::Off, 100).contains("listed first in the agreement"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Against exact fractions: each share is its floor or one unit more, the shares add up to
    /// the total, a unit never goes to a smaller remainder while a larger one goes without, and
    /// on equal remainders it goes to the party ranked first.
    #[test]
    fn the_pennies_follow_the_largest_remainder_and_the_rank(
        weights in prop::collection::vec(0u64..50, 1..7),
        pence in 0u64..100_000,
        seed in any::<u64>(),
    ) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let n = weights.len();
        // A rank that is not the order of the claims: a rotation by the seed.
        let shift = usize::try_from(seed % n as u64).unwrap_or(0);
        let rank: Vec<usize> = (0..n).map(|i| (i + shift) % n).collect();
        let total = Decimal::new(i64::try_from(pence).unwrap_or(0), 2);
        let sum: u64 = weights.iter().sum();
        // Claim i is total × w_i / Σw, in pounds: (pence × w_i) / (100 × Σw).
        let denominator = BigUint::from(sum) * 100u32;
        let claims: Vec<ExactClaim> = weights
            .iter()
            .map(|w| ExactClaim { numerator: BigUint::from(pence) * BigUint::from(*w), ceiling: None })
            .collect();
        let r = round_traced(total, &claims, &denominator, Decimal::new(1, 2), &rank).unwrap();
        prop_assert_eq!(r.shares.iter().copied().sum::<Decimal>(), total);
        // Exact remainders in hundredths of a penny-fraction: (pence × w) mod Σw, over Σw.
        let rem: Vec<u64> = weights.iter().map(|w| (pence * w) % sum).collect();
        let got: Vec<bool> = r.shares.iter().zip(&r.floors).map(|(s, f)| s > f).collect();
        for i in 0..n {
            let extra = r.shares[i] - r.floors[i];
            prop_assert!(extra == Decimal::ZERO || extra == Decimal::new(1, 2));
            prop_assert_eq!(r.floors[i], Decimal::new(i64::try_from(pence * weights[i] / sum).unwrap_or(0), 2));
            for j in 0..n {
                if got[i] && !got[j] {
                    prop_assert!(rem[i] > rem[j] || (rem[i] == rem[j] && rank[i] < rank[j]));
                }
            }
            // The reason given agrees with the remainders.
            let tie_lost = (0..n).any(|j| j != i && !got[j] && rem[j] == rem[i]);
            let tie_won = (0..n).any(|j| j != i && got[j] && rem[j] == rem[i]);
            let reason = r.reasons[i];
            if got[i] {
                let want = if tie_lost { PennyReason::TieListedFirst } else { PennyReason::LargestRemainder };
                prop_assert_eq!(reason, Some(want));
            } else if rem[i] > 0 && tie_won {
                prop_assert_eq!(reason, Some(PennyReason::TieListedLater));
            } else {
                prop_assert_eq!(reason, None);
            }
        }
    }
}
