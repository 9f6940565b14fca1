//! Shares written exactly: `equity 3/7` and `equity 3 shares` share an amount in exact
//! proportion, never through a rounded percentage; shares mixed with percentages are refused.

use concord::commands::year_end::{year_end_sources, YearEndReport};
use concord::load::Source;
use concord::report::money::year_end_human;
use concord::report::Colour;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn run(agreement: &str, input: &str) -> YearEndReport {
    year_end_sources(
        Source { name: "agreement.concord".into(), text: agreement.into() },
        Source { name: "year.scenarios".into(), text: input.into() },
        None,
    )
}

fn amounts(report: &YearEndReport, keys: &[&str]) -> Vec<String> {
    let working = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
    keys.iter().map(|k| working.member_amount(k).expect("member").to_string()).collect()
}

fn agreement(figures: &[&str]) -> String {
    let mut text = String::from("agreement \"Exact shares\"\n  currency GBP\n");
    for (i, f) in figures.iter().enumerate() {
        text.push_str(&format!("\nmember m{i} \"Member {i}\"\n  equity {f}\n"));
    }
    text.push_str("\nsavings\n  shared by equity\n\ndeficits\n  shared by equity\n");
    text
}

const SURPLUS: &str = "result \"Year\"\n  capitated budget £1,000,000\n  actual cost £0\n";

#[test]
fn sevenths_share_exactly() {
    let report = run(&agreement(&["3/7", "2/7", "2/7"]), SURPLUS);
    // 3/7 of £1,000,000 is £428,571.428571…; 2/7 is £285,714.285714…: two pennies left over,
    // to the largest remainder (0.8571 of a penny) and, of the two equal ones (0.5714), to the
    // member listed first.
    assert_eq!(amounts(&report, &["m0", "m1", "m2"]), ["428571.43", "285714.29", "285714.28"]);
    let text = year_end_human(&report, Colour::Off, 100);
    insta::assert_snapshot!("exact_shares_sevenths", text);
}

#[test]
fn shares_and_fractions_agree() {
    let by_shares = run(&agreement(&["3 shares", "2 shares", "2 shares"]), SURPLUS);
    let by_fractions = run(&agreement(&["3/7", "2/7", "2/7"]), SURPLUS);
    assert_eq!(amounts(&by_shares, &["m0", "m1", "m2"]), amounts(&by_fractions, &["m0", "m1", "m2"]));
    let one = run(&agreement(&["1 share", "1 share"]), SURPLUS);
    assert_eq!(amounts(&one, &["m0", "m1"]), ["500000.00", "500000.00"]);
}

#[test]
fn a_fraction_and_a_percentage_are_put_over_one_denominator() {
    // 1/3 and 40%: 5 : 6 over fifteenths, so £1,100,000 gives £500,000 and £600,000 exactly.
    let report = run(&agreement(&["1/3", "40%"]), "result \"Year\"\n  capitated budget £1,100,000\n  actual cost £0\n");
    assert_eq!(amounts(&report, &["m0", "m1"]), ["500000.00", "600000.00"]);
}

#[test]
fn a_rounded_percentage_would_lose_the_third() {
    // A third written as 33.33% against a third written as 1/3: the fraction is exact.
    let exact =
        run(&agreement(&["1/3", "1/3", "1/3"]), "result \"Year\"\n  capitated budget £0.03\n  actual cost £0\n");
    assert_eq!(amounts(&exact, &["m0", "m1", "m2"]), ["0.01", "0.01", "0.01"]);
}

fn check(text: &str) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("concord-exact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("mixed.concord");
    std::fs::write(&path, text).expect("write");
    let out = assert_cmd::Command::cargo_bin("concord").expect("binary").arg("check").arg(&path).output().expect("run");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn shares_mixed_with_percentages_are_refused() {
    let (code, out) = check(&agreement(&["3 shares", "40%"]));
    assert_ne!(code, Some(0));
    assert!(out.contains("concord::model::shares_mixed_with_percentages"), "{out}");
    assert!(out.contains("`equity` is written as shares for `m0` but as a percentage for `m1`"), "{out}");
    let (_, out) = check(&agreement(&["3 shares", "2/7"]));
    assert!(out.contains("but as a fraction for `m1`"), "{out}");
}

#[test]
fn a_fraction_for_a_money_figure_is_the_wrong_unit() {
    let text = "agreement \"Wrong\"\n\nmember a \"A\"\n  budget 3/7\nmember b \"B\"\n  performance 2 shares\n";
    let (code, out) = check(text);
    assert_ne!(code, Some(0));
    assert!(out.contains("concord::model::wrong_unit"), "{out}");
    assert!(out.contains("written as a fraction"), "{out}");
    assert!(out.contains("written as a number of shares"), "{out}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Against exact rationals: every member's share is its exact fraction of the amount to
    /// within a penny, the shares add up to the amount exactly, and the same members written as
    /// counts of shares (the numerators over the common denominator) get the same pennies.
    #[test]
    fn fractions_add_up_and_match_their_shares(
        fractions in prop::collection::vec((1u32..20, 1u32..20), 2..6),
        pence in 1u64..1_000_000_000,
    ) {
        let written: Vec<String> = fractions.iter().map(|(n, d)| format!("{n}/{d}")).collect();
        let refs: Vec<&str> = written.iter().map(String::as_str).collect();
        let amount = Decimal::new(i64::try_from(pence).unwrap_or(1), 2);
        let input = format!("result \"Year\"\n  capitated budget £{amount}\n  actual cost £0\n");
        let report = run(&agreement(&refs), &input);
        let keys: Vec<String> = (0..fractions.len()).map(|i| format!("m{i}")).collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let got = amounts(&report, &key_refs);
        let got: Vec<Decimal> = got.iter().map(|g| g.parse().unwrap_or_default()).collect();
        prop_assert_eq!(got.iter().copied().sum::<Decimal>(), amount);
        let whole: BigRational = fractions
            .iter()
            .map(|(n, d)| BigRational::new(BigInt::from(*n), BigInt::from(*d)))
            .fold(BigRational::zero(), |a, b| a + b);
        let total = BigRational::new(BigInt::from(pence), BigInt::from(1));
        for ((n, d), g) in fractions.iter().zip(&got) {
            let exact = &total * BigRational::new(BigInt::from(*n), BigInt::from(*d)) / &whole;
            let pennies = (g * Decimal::ONE_HUNDRED).to_i64().unwrap_or(0);
            let diff = (BigRational::from_integer(BigInt::from(pennies)) - exact).abs();
            prop_assert!(diff < BigRational::from_integer(BigInt::from(1)), "{} off by {}", g, diff);
        }
        // The same as counts of shares over the least common multiple.
        let lcm = fractions.iter().fold(1u64, |l, (_, d)| num_integer::lcm(l, u64::from(*d)));
        let counts: Vec<String> = fractions.iter().map(|(n, d)| format!("{} shares", u64::from(*n) * (lcm / u64::from(*d)))).collect();
        let refs: Vec<&str> = counts.iter().map(String::as_str).collect();
        let again = run(&agreement(&refs), &input);
        let again: Vec<Decimal> = amounts(&again, &key_refs).iter().map(|g| g.parse().unwrap_or_default()).collect();
        prop_assert_eq!(again, got);
    }
}
