//! A stated rounding on a step that takes an amount: `20% to "the host's reserve", rounded down,
//! the pennies to the members`. The step's amount is rounded as the agreement says, and what
//! that leaves is passed to the next step, never lost.

use concord::commands::year_end::{year_end_sources, YearEndReport};
use concord::load::Source;
use concord::report::money::year_end_human;
use concord::report::Colour;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn run(agreement: &str, input: &str) -> YearEndReport {
    year_end_sources(
        Source { name: "agreement.concord".into(), text: agreement.into() },
        Source { name: "year.scenarios".into(), text: input.into() },
        None,
    )
}

fn working(report: &YearEndReport) -> &concord::money::YearEndWorking {
    report.results.first().and_then(|r| r.working.as_ref()).expect("worked out")
}

fn codes(report: &YearEndReport) -> Vec<String> {
    let mut out: Vec<String> = report.problems.iter().map(|p| p.finding.code.clone()).collect();
    out.extend(report.results.iter().flat_map(|r| r.findings.iter().map(|f| f.finding.code.clone())));
    out
}

fn agreement(savings: &str) -> String {
    format!(
        "agreement \"Stated rounding\"\n\nmember host \"Host council\"\n  budget £2\nmember trust \"Trust\"\n  budget £1\n\nsavings\n  {savings}\n  then the rest shared by budget\n\ndeficits\n  commissioners bear 50%, rounded up\n  then the rest shared by budget\n"
    )
}

fn surplus(amount: &str) -> String {
    format!("result \"Year\"\n  capitated budget {amount}\n  actual cost £0\n")
}

#[test]
fn rounded_down_passes_the_pennies_to_the_members() {
    // 20% of £10.04 is £2.008: rounded down, the fund takes £2.00; the £8.04 left is shared 2 : 1.
    let a = agreement("20% to \"the host's reserve\", rounded down, the pennies to the members");
    let report = run(&a, &surplus("£10.04"));
    let w = working(&report);
    let step = w.waterfall.as_ref().and_then(|w| w.steps.first()).expect("a step");
    assert_eq!(step.taken.to_string(), "2.00");
    assert_eq!(step.carried_on.to_string(), "8.04");
    assert_eq!(w.member_amount("host").map(|d| d.to_string()).as_deref(), Some("5.36"));
    assert_eq!(w.member_amount("trust").map(|d| d.to_string()).as_deref(), Some("2.68"));
    assert!(codes(&report).is_empty(), "{:?}", codes(&report));
    insta::assert_snapshot!("stated_rounding_down", year_end_human(&report, Colour::Off, 100));
}

#[test]
fn without_a_stated_rounding_the_largest_remainder_applies() {
    // 20% of £10.04 is £2.008: by the largest remainder, £2.01 (0.8 of a penny against 0.2).
    let report = run(&agreement("20% to \"the host's reserve\""), &surplus("£10.04"));
    let step = working(&report).waterfall.as_ref().and_then(|w| w.steps.first()).cloned().expect("a step");
    assert_eq!(step.taken.to_string(), "2.01");
}

#[test]
fn rounded_to_the_nearest_thousand() {
    let a = agreement("20% to \"the host's reserve\", rounded down to the nearest £1,000");
    let report = run(&a, &surplus("£123,456.78"));
    let step = working(&report).waterfall.as_ref().and_then(|w| w.steps.first()).cloned().expect("a step");
    // 20% is £24,691.356: down to the nearest £1,000 is £24,000.
    assert_eq!(step.taken.to_string(), "24000.00");
    let a = agreement("20% to \"the host's reserve\", rounded up to the nearest £1,000");
    let report = run(&a, &surplus("£123,456.78"));
    let step = working(&report).waterfall.as_ref().and_then(|w| w.steps.first()).cloned().expect("a step");
    assert_eq!(step.taken.to_string(), "25000.00");
}

#[test]
fn the_commissioners_share_rounded_up() {
    // A deficit of £0.03: 50% is £0.015, rounded up to £0.02; the £0.01 left shared by budget.
    let report = run(
        &agreement("everything to the contingency fund"),
        "result \"Year\"\n  capitated budget £0\n  actual cost £0.03\n",
    );
    let w = working(&report);
    let step = w.waterfall.as_ref().and_then(|w| w.steps.first()).expect("a step");
    assert_eq!(step.taken.to_string(), "0.02");
    assert_eq!(w.member_amount("host").map(|d| d.to_string()).as_deref(), Some("0.01"));
}

#[test]
fn the_pennies_must_go_to_a_share() {
    let text = "agreement \"Stated rounding\"\n\nmember host \"Host council\"\n\nsavings\n  20% to the contingency fund, rounded down, the pennies to the members\n  the rest to \"service improvement\"\n";
    let report = run(text, &surplus("£10"));
    assert!(codes(&report).iter().any(|c| c == "concord::model::pennies_not_to_members"), "{:?}", codes(&report));
}

#[test]
fn a_rounding_finer_than_a_penny_is_refused() {
    let a = agreement("20% to \"the host's reserve\", rounded down to the nearest £0.005");
    let report = run(&a, &surplus("£10"));
    assert!(report.results.first().is_some_and(|r| r.working.is_none()));
    assert!(codes(&report).iter().any(|c| c == "concord::eval::rounding_finer_than_minor_unit"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Nothing is lost: the fund's rounded amount plus the members' shares add up to the
    /// surplus exactly, the fund's amount is the exact percentage rounded down (or up) to the
    /// stated amount, and what rounding leaves is shared.
    #[test]
    fn a_stated_rounding_loses_nothing(pence in 1u64..10_000_000_000, percent in 1u32..100, up in any::<bool>(), nearest in prop::sample::select(vec![None, Some(100u64), Some(100_000)])) {
        let way = if up { "up" } else { "down" };
        let to = nearest.map_or_else(String::new, |n| format!(" to the nearest £{}", Decimal::new(i64::try_from(n).unwrap_or(1), 2)));
        let a = agreement(&format!("{percent}% to \"the host's reserve\", rounded {way}{to}"));
        let total = Decimal::new(i64::try_from(pence).unwrap_or(1), 2);
        let report = run(&a, &surplus(&format!("£{total}")));
        let w = working(&report);
        let step = w.waterfall.as_ref().and_then(|w| w.steps.first()).cloned().expect("a step");
        let members: Decimal = w.members.iter().map(|m| m.amount).sum();
        prop_assert_eq!(step.taken + members + w.unallocated, total);
        // The exact due in pence, and the stated unit in pence.
        let due = u128::from(pence) * u128::from(percent);
        let unit = u128::from(nearest.unwrap_or(1)) * 100;
        let expected = if up { due.div_ceil(unit) * unit } else { due / unit * unit } / 100;
        let expected = expected.min(u128::from(pence));
        prop_assert_eq!(step.taken, Decimal::new(i64::try_from(expected).unwrap_or(0), 2));
    }
}
