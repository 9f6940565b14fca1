//! Exemptions on a share step: `shared by ability to pay, members with reserves below £1,000,000
//! bear nothing`. Exempt members take no share; the rest is shared among the others; when every
//! member is exempt the amount is unallocated with a warning, never dropped; a member without
//! the compared figure is refused.

use concord::commands::year_end::{year_end_sources, YearEndReport};
use concord::load::Source;
use concord::report::money::year_end_human;
use concord::report::Colour;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn run(agreement: &str, input: &str) -> YearEndReport {
    year_end_sources(
        Source { name: "agreement.concord".into(), text: agreement.into() },
        Source { name: "year.scenarios".into(), text: input.into() },
        None,
    )
}

fn codes(report: &YearEndReport) -> Vec<String> {
    report.results.iter().flat_map(|r| r.findings.iter().map(|f| f.finding.code.clone())).collect()
}

fn amount(report: &YearEndReport, member: &str) -> String {
    let working = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
    working.member_amount(member).expect("member").to_string()
}

fn unallocated(report: &YearEndReport) -> String {
    report.results.first().and_then(|r| r.working.as_ref()).expect("worked out").unallocated.to_string()
}

fn agreement(reserves: &[&str], deficits: &str) -> String {
    let mut text = String::from("agreement \"Exemptions\"\n  currency GBP\n");
    for (i, r) in reserves.iter().enumerate() {
        text.push_str(&format!("\nmember m{i} \"Member {i}\"\n  reserves {r}\n  budget £1,000,000\n"));
    }
    text.push_str(&format!("\ndeficits\n  {deficits}\n"));
    text
}

const DEFICIT: &str = "result \"Year\"\n  capitated budget £0\n  actual cost £1,000,000\n";
const EXEMPT: &str = "shared by ability to pay, members with reserves below £1,000,000 bear nothing";

#[test]
fn an_exempt_member_bears_nothing_and_the_others_share_the_rest() {
    let report = run(&agreement(&["£20,000,000", "£6,000,000", "£200,000"], EXEMPT), DEFICIT);
    // 20 : 6 of £1,000,000: £769,230.769… and £230,769.230…; the charity bears nothing.
    assert_eq!(amount(&report, "m0"), "769230.77");
    assert_eq!(amount(&report, "m1"), "230769.23");
    assert_eq!(amount(&report, "m2"), "0.00");
    assert_eq!(unallocated(&report), "0.00");
    assert!(codes(&report).is_empty(), "{:?}", codes(&report));
    insta::assert_snapshot!("exemption_working", year_end_human(&report, Colour::Off, 100));
}

#[test]
fn an_exemption_applies_to_every_method_of_a_mix() {
    let step = "shared 50% equally, 50% by budget, members with reserves below £1,000,000 bear nothing";
    let report = run(&agreement(&["£2,000,000", "£2,000,000", "£10"], step), DEFICIT);
    assert_eq!(amount(&report, "m2"), "0.00");
    assert_eq!(amount(&report, "m0"), "500000.00");
    assert_eq!(amount(&report, "m1"), "500000.00");
}

#[test]
fn when_everyone_is_exempt_the_amount_is_unallocated_with_a_warning() {
    let report = run(&agreement(&["£10", "£20"], EXEMPT), DEFICIT);
    assert_eq!(amount(&report, "m0"), "0.00");
    assert_eq!(unallocated(&report), "1000000.00");
    let found = codes(&report);
    assert!(found.iter().any(|c| c == "concord::eval::everyone_exempt"), "{found:?}");
    assert!(!found.iter().any(|c| c == "concord::eval::nothing_to_share_by"), "{found:?}");
}

#[test]
fn a_member_without_the_figure_is_refused() {
    let text = "agreement \"Exemptions\"\n\nmember alpha \"A\"\n  budget £1\nmember beta \"B\"\n  reserves £5,000,000\n  budget £1\n\ndeficits\n  shared by budget, members with reserves below £1,000,000 bear nothing\n";
    let report = run(text, DEFICIT);
    assert!(report.results.first().is_some_and(|r| r.working.is_none()));
    assert!(codes(&report).iter().any(|c| c == "concord::eval::exemption_without_figure"));
    let text = year_end_human(&report, Colour::Off, 100);
    assert!(
        text.contains("`alpha` has no `reserves` figure, so the exemption cannot say whether it applies"),
        "{text}"
    );
}

#[test]
fn a_savings_exemption_receives_nothing_and_the_tie_after_it_goes_by_the_agreement() {
    let text = "agreement \"Exemptions\"\n\nmember zeta \"Z\"\n  reserves £5\nmember mid \"M\"\n  reserves £5\nmember alpha \"A\"\n  reserves £0\n\nsavings\n  shared equally, members with reserves below £1 receive nothing\n";
    let report = run(text, "result \"Year\"\n  capitated budget £0.01\n  actual cost £0\n");
    assert_eq!(amount(&report, "zeta"), "0.01");
    assert_eq!(amount(&report, "mid"), "0.00");
    assert_eq!(amount(&report, "alpha"), "0.00");
}

#[test]
fn a_threshold_in_the_wrong_unit_is_refused() {
    let text = "agreement \"Exemptions\"\n\nmember alpha \"A\"\n  reserves £1\n\ndeficits\n  shared equally, members with reserves below 10% bear nothing\n";
    let report = run(text, DEFICIT);
    let found: Vec<String> = report.problems.iter().map(|p| p.finding.code.clone()).collect();
    assert!(found.iter().any(|c| c == "concord::model::wrong_unit"), "{found:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Against exact rationals: exempt members bear nothing; the others bear their exact share
    /// of the whole deficit by reserves to within a penny; everything adds up to the deficit, and
    /// when everyone is exempt the whole deficit is unallocated.
    #[test]
    fn exemptions_add_up_and_nothing_is_lost(
        reserves in prop::collection::vec(0u64..3_000, 1..6),
        threshold in 0u64..3_000,
        pence in 1u64..100_000_000,
    ) {
        let written: Vec<String> = reserves.iter().map(|r| format!("£{r}")).collect();
        let refs: Vec<&str> = written.iter().map(String::as_str).collect();
        let step = format!("shared by ability to pay, members with reserves below £{threshold} bear nothing");
        let deficit = Decimal::new(i64::try_from(pence).unwrap_or(1), 2);
        let input = format!("result \"Year\"\n  capitated budget £0\n  actual cost £{deficit}\n");
        let report = run(&agreement(&refs, &step), &input);
        let w = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
        let got: Vec<Decimal> = (0..reserves.len()).map(|i| w.member_amount(&format!("m{i}")).unwrap_or_default()).collect();
        prop_assert_eq!(got.iter().copied().sum::<Decimal>() + w.unallocated, deficit);
        let payers: u64 = reserves.iter().filter(|r| **r >= threshold).sum();
        if payers == 0 {
            prop_assert_eq!(w.unallocated, deficit);
        } else {
            prop_assert_eq!(w.unallocated, Decimal::ZERO);
        }
        for (r, g) in reserves.iter().zip(&got) {
            if *r < threshold || payers == 0 {
                prop_assert_eq!(*g, Decimal::ZERO);
                continue;
            }
            let exact = BigRational::new(BigInt::from(pence) * BigInt::from(*r), BigInt::from(payers));
            let pennies = (g * Decimal::ONE_HUNDRED).to_i64().unwrap_or(0);
            let diff = (BigRational::from_integer(BigInt::from(pennies)) - exact).abs();
            prop_assert!(diff < BigRational::from_integer(BigInt::from(1)));
        }
    }
}
