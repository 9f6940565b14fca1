//! Properties of money across years on generated agreements read through the real reader: in a
//! fund that carries part of its underspend forward and uplifts its contributions, what is
//! carried forward plus what the partners receive plus what is unallocated is the underspend to
//! the penny; what is carried is within a penny of its exact-rational share, or nothing when the
//! decision was not agreed; next year's contributions add up to this year's total times the
//! uplift, rounded to the penny, each within a penny of its exact share; and the year that
//! follows starts with exactly what the year before carried forward and set.

use std::fmt::Write as _;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use proptest::prelude::*;
use rust_decimal::Decimal;

use concord::money::{evaluate, FundWorking, YearEndWorking};

#[derive(Debug, Clone)]
struct Gen {
    /// Each partner's contribution, in pence.
    contributions: Vec<u32>,
    /// The uplift in hundredths of a percent (negative for `less`).
    uplift: i32,
    /// The percentage carried forward.
    carry: u8,
    /// Whether the carry forward is subject to a decision, and whether each year agreed it.
    subject: Option<(bool, bool)>,
    /// Each year's actual cost of the fund's one line, in pence.
    costs: (u32, u32),
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec(1u32..10_000_000, 2..5),
        -5_000i32..5_000,
        0u8..=100,
        prop::option::of((any::<bool>(), any::<bool>())),
        (0u32..60_000_000, 0u32..60_000_000),
    )
        .prop_map(|(contributions, uplift, carry, subject, costs)| Gen {
            contributions,
            uplift,
            carry,
            subject,
            costs,
        })
}

fn pounds(pence: u64) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

fn agreement(g: &Gen) -> String {
    let mut t = String::from("agreement \"Generated\"\n\n");
    for m in 0..g.contributions.len() {
        let _ = writeln!(t, "member m{m}\n");
    }
    t.push_str("decision \"carry\"\n  passes if unanimous\n\n");
    let budget: u64 = g.contributions.iter().map(|c| u64::from(*c)).sum();
    t.push_str("pooled fund \"F\"\n  hosted by m0\n");
    for (m, c) in g.contributions.iter().enumerate() {
        let _ = writeln!(t, "  m{m} contributes {}", pounds(u64::from(*c)));
    }
    let way = if g.uplift < 0 { "less" } else { "plus" };
    let u = g.uplift.unsigned_abs();
    let _ = writeln!(t, "  next year's contributions are this year's {way} {}.{:02}%", u / 100, u % 100);
    let _ = writeln!(t, "  line \"L\" {} commissioned by m0, risk shared by the fund's rule\n", pounds(budget));
    let subject = if g.subject.is_some() { ", subject to \"carry\"" } else { "" };
    let _ = writeln!(t, "savings of \"F\"\n  {}% carried forward to next year{subject}", g.carry);
    t.push_str("  then the rest shared by contribution\n\ndeficits of \"F\"\n  shared by contribution\n");
    t
}

fn scenarios(g: &Gen) -> String {
    let agreed = |yes: bool| if yes { "  \"carry\" was agreed\n" } else { "  \"carry\" was not agreed\n" };
    let (one, two) = match g.subject {
        Some((a, b)) => (agreed(a), agreed(b)),
        None => ("", ""),
    };
    format!(
        "scenarios for \"generated.concord\"\n\nscenario \"Year one\"\n  actual cost of \"L\" {}\n{one}\nscenario \"Year two\" follows \"Year one\"\n  actual cost of \"L\" {}\n{two}",
        pounds(u64::from(g.costs.0)),
        pounds(u64::from(g.costs.1))
    )
}

fn work(g: &Gen) -> (YearEndWorking, YearEndWorking) {
    let text = agreement(g);
    let loaded = concord::load::load(&text);
    assert!(!loaded.has_errors(), "{:?}\n{text}", loaded.diagnostics);
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("no agreement"));
    let parsed = concord::syntax::parse(&scenarios(g));
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{errors:?}");
    let year = |i: usize| {
        let result = inputs.scenarios[i].result.as_ref().unwrap_or_else(|| panic!("a result"));
        let e = evaluate(&agreement, result);
        e.working.unwrap_or_else(|| panic!("{:?}", e.diagnostics))
    };
    (year(0), year(1))
}

fn rational(d: Decimal) -> BigRational {
    let scale = BigInt::from(10u32).pow(d.scale());
    BigRational::new(BigInt::from(d.mantissa()), scale)
}

fn pence(p: u64) -> BigRational {
    BigRational::new(BigInt::from(p), BigInt::from(100))
}

fn penny() -> BigRational {
    pence(1)
}

fn fund(w: &YearEndWorking) -> &FundWorking {
    &w.funds.as_ref().unwrap_or_else(|| panic!("funds")).funds[0]
}

/// Half away from zero to the penny, exactly.
fn round_penny(x: &BigRational) -> BigRational {
    let hundred = BigRational::from_integer(BigInt::from(100));
    let scaled = x * &hundred;
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    let rounded = if scaled.is_negative() { (scaled - half).ceil() } else { (scaled + half).floor() };
    rounded / hundred
}

/// The fund's year: carried + received − borne + unallocated = its result (a surplus), to the
/// penny, and what is carried is its exact share or nothing.
fn check_year(f: &FundWorking, carry: u8, carried_made: bool, pot: &BigRational) {
    let received: BigRational = f.members.iter().map(|m| rational(m.net)).fold(BigRational::zero(), |a, b| a + b);
    assert_eq!(&rational(f.result), pot, "the fund's result");
    if pot.is_positive() {
        let total = rational(f.carried_forward) + received + rational(f.unallocated);
        assert_eq!(&total, pot, "carried + shared + unallocated = the underspend");
        if carried_made {
            let exact = pot * BigRational::new(BigInt::from(carry), BigInt::from(100));
            assert!((rational(f.carried_forward) - exact).abs() < penny(), "carried within a penny");
        } else {
            assert!(f.carried_forward.is_zero(), "nothing carried when not agreed");
        }
    } else {
        assert!(f.carried_forward.is_zero(), "nothing carried from an overspend");
    }
}

/// Next year's contributions from this year's, exactly.
fn check_uplift(f: &FundWorking, uplift: i32) {
    let next = f.next_contributions.as_ref().unwrap_or_else(|| panic!("next year's contributions"));
    let this: Vec<BigRational> = f.contributions.iter().map(|c| rational(c.amount)).collect();
    let total: BigRational = this.iter().fold(BigRational::zero(), |a, b| a + b);
    let factor = BigRational::new(BigInt::from(10_000 + i64::from(uplift)), BigInt::from(10_000));
    let want = round_penny(&(&total * factor));
    let got: BigRational = next.iter().map(|c| rational(c.amount)).fold(BigRational::zero(), |a, b| a + b);
    assert_eq!(got, want, "next year's contributions add up to the uplifted total");
    for (c, n) in this.iter().zip(next) {
        let exact = &want * c / &total;
        assert!((rational(n.amount) - exact).abs() < penny(), "each within a penny of its share");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn money_adds_up_across_years(g in gen()) {
        let (one, two) = work(&g);
        let budget: u64 = g.contributions.iter().map(|c| u64::from(*c)).sum();
        let (made_one, made_two) = match g.subject {
            Some((a, b)) => (a, b),
            None => (true, true),
        };
        let f1 = fund(&one);
        check_year(f1, g.carry, made_one, &(pence(budget) - pence(u64::from(g.costs.0))));
        check_uplift(f1, g.uplift);
        prop_assert!(one.follows.is_none());

        let f2 = fund(&two);
        prop_assert_eq!(two.follows.as_deref(), Some("Year one"));
        prop_assert_eq!(f2.brought_forward, f1.carried_forward);
        let next = f1.next_contributions.as_ref().unwrap_or_else(|| panic!("next"));
        for (c, n) in f2.contributions.iter().zip(next) {
            prop_assert_eq!(c.amount, n.amount);
        }
        let next_total: BigRational = next.iter().map(|c| rational(c.amount)).fold(BigRational::zero(), |a, b| a + b);
        prop_assert_eq!(rational(f2.contributions_beyond_lines), &next_total - pence(budget));
        let pot = next_total + rational(f2.brought_forward) - pence(u64::from(g.costs.1));
        check_year(f2, g.carry, made_two, &pot);
        check_uplift(f2, g.uplift);
    }
}
