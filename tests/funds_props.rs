//! Properties of the funds engine on generated agreements, written as a drafter would write them
//! and read through the real reader: every line, every fund and the whole agreement add up
//! exactly to the penny; each share is within a penny of its exact-rational value (num-rational);
//! offsetting leaves only one kind of variance; caps are never exceeded and what no one can bear
//! is reported; and a fund's result shared by its rule is the same whether its budget is written
//! as lines or as one figure. Conditional income is earned exactly when the measure meets its
//! target (compared in exact hundredths of a percent) and counts in the fund's result to the
//! penny; an overspend caused by maladministration is borne whole by the partner named.

use std::fmt::Write as _;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Signed;
use proptest::prelude::*;
use rust_decimal::Decimal;

use concord::model::YearEnd;
use concord::money::{evaluate, YearEndWorking};

#[derive(Debug, Clone)]
struct GenLine {
    budget: u32,
    cost: u32,
    /// Commissioning partners (indices) with a share weight each.
    commissioners: Vec<(usize, u8)>,
    /// 0: fund's rule, 1: each partner's share, 2: no risk share.
    mode: u8,
    cap: Option<u32>,
}

#[derive(Debug, Clone)]
struct GenFund {
    contributions: Vec<u32>,
    lines: Vec<GenLine>,
    offset: bool,
    capped: bool,
    /// A conditional income: amount in pence, target and the result's change, in hundredths of a
    /// percent (the change negative for a fall), and whether the target is a fall.
    income: Option<(u32, u16, i32, bool)>,
    /// The maladministration rule, and the line and member the result blames (when that line
    /// overspends).
    blame: Option<(usize, usize)>,
}

fn line(members: usize) -> impl Strategy<Value = GenLine> {
    (
        1u32..5_000_000,
        0u32..6_000_000,
        prop::collection::vec((0..members, 1u8..100), 0..3),
        0u8..3,
        prop::option::of(0u32..500_000),
    )
        .prop_map(|(budget, cost, mut commissioners, mode, cap)| {
            commissioners.sort_by_key(|c| c.0);
            commissioners.dedup_by_key(|c| c.0);
            GenLine { budget, cost, commissioners, mode, cap }
        })
}

fn fund(members: usize) -> impl Strategy<Value = GenFund> {
    (
        prop::collection::vec(1u32..9_000_000, members),
        prop::collection::vec(line(members), 0..5),
        any::<bool>(),
        any::<bool>(),
        prop::option::of((0u32..3_000_000, 0u16..1_000, -1_000i32..1_000, any::<bool>())),
        prop::option::of((0usize..5, 0..members)),
    )
        .prop_map(|(contributions, lines, offset, capped, income, blame)| GenFund {
            contributions,
            lines,
            offset,
            capped,
            income,
            blame,
        })
}

/// A percentage written from hundredths of a percent, without its sign: 4.20 for 420.
fn hundredths(h: i32) -> String {
    let h = h.unsigned_abs();
    format!("{}.{:02}", h / 100, h % 100)
}

/// The line of `fund` the result blames, when the fund has the rule and that line overspends.
fn blamed(fund: &GenFund) -> Option<(usize, usize)> {
    let (l, m) = fund.blame?;
    let line = fund.lines.get(l)?;
    (line.cost > line.budget).then_some((l, m))
}

fn pounds(pence: u32) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

fn agreement_text(members: usize, funds: &[GenFund]) -> String {
    let mut t = String::from("agreement \"Generated\"\n\n");
    for m in 0..members {
        let _ = writeln!(t, "member m{m}\n");
    }
    t.push_str("decision \"extra\"\n  passes if unanimous\n\n");
    for (f, fund) in funds.iter().enumerate() {
        let _ = writeln!(t, "pooled fund \"F{f}\"\n  hosted by m0");
        for (m, c) in fund.contributions.iter().enumerate() {
            let _ = writeln!(t, "  m{m} contributes {}", pounds(*c));
        }
        if fund.offset {
            t.push_str("  overspends and underspends on its lines offset before sharing\n");
        }
        if fund.capped {
            t.push_str("  each partner bears at most its contribution unless \"extra\" agrees\n");
        }
        if let Some((amount, target, _, fall)) = fund.income {
            let _ = writeln!(
                t,
                "  income {} if \"measure {f}\" {} by at least {}%",
                pounds(amount),
                if fall { "fall" } else { "rise" },
                hundredths(i32::from(target))
            );
        }
        if fund.blame.is_some() && !fund.lines.is_empty() {
            t.push_str("  an overspend caused by maladministration is borne by the partner responsible\n");
        }
        for (l, line) in fund.lines.iter().enumerate() {
            let _ = write!(t, "  line \"F{f}L{l}\" {}", pounds(line.budget));
            if !line.commissioners.is_empty() {
                let list: Vec<String> = line.commissioners.iter().map(|(m, w)| format!("m{m} {w}%")).collect();
                let _ = write!(t, " commissioned by {}", list.join(", "));
            }
            let _ = write!(
                t,
                ", {}",
                ["risk shared by the fund's rule", "risk shared by each partner's share of the line", "no risk share"]
                    [usize::from(line.mode)]
            );
            if let Some(cap) = line.cap {
                let _ = write!(t, ", capped at {}", pounds(cap));
            }
            t.push('\n');
        }
        let _ = writeln!(
            t,
            "\nsavings of \"F{f}\"\n  shared by contribution\n\ndeficits of \"F{f}\"\n  shared by contribution\n"
        );
    }
    t
}

fn result_text(funds: &[GenFund]) -> String {
    let mut t = String::from("result \"Year\"\n");
    for (f, fund) in funds.iter().enumerate() {
        if fund.lines.is_empty() {
            let total: u32 = fund.contributions.iter().sum::<u32>() / 2;
            let _ = writeln!(t, "  actual cost of \"F{f}\" {}", pounds(total));
        }
        for (l, line) in fund.lines.iter().enumerate() {
            let _ = writeln!(t, "  actual cost of \"F{f}L{l}\" {}", pounds(line.cost));
        }
        if let Some((_, _, change, _)) = fund.income {
            let word = if change < 0 { "fell" } else { "rose" };
            let _ = writeln!(t, "  \"measure {f}\" {word} by {}%", hundredths(change));
        }
        if let Some((l, m)) = blamed(fund) {
            let _ = writeln!(t, "  the overspend on \"F{f}L{l}\" was caused by maladministration by m{m}");
        }
    }
    t
}

fn work(agreement: &str, result: &str) -> Option<YearEndWorking> {
    let loaded = concord::load::load(agreement);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity_level() == concord::diagnostic::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{agreement}");
    let agreement = loaded.agreement?;
    let parsed = concord::syntax::parse(result);
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{errors:?}");
    let year: &YearEnd = inputs.results.first()?;
    evaluate(&agreement, year).working
}

fn rational(d: Decimal) -> BigRational {
    let scale = BigInt::from(10u32).pow(d.scale());
    BigRational::new(BigInt::from(d.mantissa()), scale)
}

fn penny() -> BigRational {
    BigRational::new(BigInt::from(1), BigInt::from(100))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_line_fund_and_the_whole_add_up_to_the_penny(
        (members, funds) in (2usize..5).prop_flat_map(|m| (Just(m), prop::collection::vec(fund(m), 1..4)))
    ) {
        let text = agreement_text(members, &funds);
        let working = work(&text, &result_text(&funds));
        let working = working.expect("worked out");
        let all = working.funds.as_ref().expect("funds");
        let mut whole = vec![Decimal::ZERO; members];
        let mut unallocated = Decimal::ZERO;
        for (f, fund) in all.funds.iter().enumerate() {
            let gen = &funds[f];
            // Offsetting sets off equal amounts each way and leaves one kind of variance.
            let offsets: Decimal = fund.lines.iter().map(|l| l.offset).sum();
            prop_assert_eq!(offsets, Decimal::ZERO);
            if gen.offset {
                // (A line whose overspend maladministration caused is not set off.)
                let set_off = || fund.lines.iter().filter(|l| l.caused_by.is_none());
                let under = set_off().any(|l| l.after_offset > Decimal::ZERO);
                let over = set_off().any(|l| l.after_offset < Decimal::ZERO);
                prop_assert!(!(under && over));
            }
            for (l, line) in fund.lines.iter().enumerate() {
                prop_assert_eq!(line.variance, line.budget - line.actual_cost);
                prop_assert_eq!(line.after_offset, line.variance - line.offset);
                // What a line shares never exceeds its cap; the rest is reported.
                let shared = line.after_offset.abs() - line.unallocated;
                if let (Some(cap), true, None) = (line.cap, line.after_offset < Decimal::ZERO, &line.caused_by) {
                    prop_assert!(shared <= cap);
                }
                // An overspend caused by maladministration: the partner responsible bears all of
                // it, and none of it is set off.
                if let Some((bl, bm)) = blamed(gen).filter(|(bl, _)| *bl == l) {
                    let _ = bl;
                    prop_assert!(line.caused_by.is_some());
                    prop_assert_eq!(line.offset, Decimal::ZERO);
                    prop_assert_eq!(line.commissioners.len(), 1);
                    prop_assert_eq!(&line.commissioners[0].member, &format!("m{bm}"));
                    prop_assert_eq!(line.commissioners[0].amount, line.variance.abs());
                    continue;
                }
                prop_assert!(line.caused_by.is_none());
                if !line.commissioners.is_empty() {
                    let parts: Decimal = line.commissioners.iter().map(|c| c.amount).sum();
                    prop_assert_eq!(parts, shared);
                    // Each part is within a penny of its exact share.
                    let weights: Vec<u8> = gen.lines[l].commissioners.iter().map(|c| c.1).collect();
                    let total: u32 = weights.iter().map(|w| u32::from(*w)).sum();
                    for (c, w) in line.commissioners.iter().zip(&weights) {
                        let exact = rational(shared) * BigRational::new(BigInt::from(*w), BigInt::from(total));
                        let diff = rational(c.amount) - exact;
                        prop_assert!(diff.abs() < penny(), "{} for {}", c.amount, c.member);
                    }
                }
            }
            // The fund: every member's net, and what no one bore, make up its result. What a
            // line's cap keeps out is overspend; what the fund's waterfall leaves has the sign of
            // what the rule shares.
            // Conditional income: earned exactly when the change meets the target (compared in
            // exact hundredths), and then counted, to the penny, in the fund's result.
            let earned: Decimal = fund.incomes.iter().map(|i| i.received).sum();
            if let Some((amount, target, change, fall)) = gen.income {
                let met = if fall { -change >= i32::from(target) } else { change >= i32::from(target) };
                prop_assert_eq!(fund.incomes.len(), 1);
                prop_assert_eq!(fund.incomes[0].earned, met);
                let expected = if met { Decimal::new(i64::from(amount), 2) } else { Decimal::ZERO };
                prop_assert_eq!(earned, expected);
            }
            let variances: Decimal = fund.lines.iter().map(|l| l.variance).sum();
            if !fund.lines.is_empty() {
                prop_assert_eq!(fund.result, variances + earned);
            }
            let nets: Decimal = fund.members.iter().map(|m| m.net).sum();
            let parties: Decimal = fund.parties.iter().map(|p| p.amount).sum();
            prop_assert_eq!(parties, Decimal::ZERO);
            let by_lines: Decimal = fund.lines.iter().map(|l| l.unallocated).sum();
            let by_rule = fund.unallocated - by_lines;
            prop_assert!(by_rule >= Decimal::ZERO);
            prop_assert_eq!(nets - by_lines + by_rule * fund.shared_by_rule.signum(), fund.result);
            if fund.lines.iter().all(|l| l.cap.is_none()) && !gen.capped {
                prop_assert_eq!(nets, fund.result);
                prop_assert_eq!(fund.unallocated, Decimal::ZERO);
            }
            // Caps: no member bears more than its contribution by the fund's rule.
            if let Some(cap) = &fund.cap {
                if cap.applies {
                    for m in &fund.members {
                        if let Some(c) = m.cap {
                            let i: usize = m.member.trim_start_matches('m').parse().unwrap_or(0);
                            prop_assert!(c <= Decimal::new(i64::from(gen.contributions[i]), 2));
                        }
                    }
                }
            }
            for m in &fund.members {
                let i: usize = m.member.trim_start_matches('m').parse().unwrap_or(0);
                whole[i] += m.net;
            }
            unallocated += fund.unallocated;
        }
        // The whole: each member's totals across funds are the sum of its nets in each fund.
        for m in &all.members {
            let i: usize = m.member.trim_start_matches('m').parse().unwrap_or(0);
            prop_assert_eq!(m.net, whole[i]);
            prop_assert_eq!(m.net, m.received - m.borne);
        }
        prop_assert_eq!(working.unallocated, unallocated);
        let results: Decimal = all.funds.iter().map(|f| f.result).sum();
        prop_assert_eq!(working.result, results);
    }

    #[test]
    fn a_fund_shared_by_its_rule_is_the_same_written_as_lines_or_as_one_figure(
        contributions in prop::collection::vec(1u32..9_000_000, 2..5),
        costs in prop::collection::vec(0u32..4_000_000, 1..5),
        cut in 1u32..100,
    ) {
        let members = contributions.len();
        let total: u32 = contributions.iter().sum();
        // Lines whose budgets add up to the contributions, all shared by the fund's rule.
        let n = u32::try_from(costs.len()).unwrap_or(1);
        let first = total / 100 * cut / n;
        let mut budgets: Vec<u32> = vec![first; costs.len()];
        let rest = total - first * (n - 1);
        if let Some(last) = budgets.last_mut() {
            *last = rest;
        }
        let lines: Vec<GenLine> = budgets
            .iter()
            .zip(&costs)
            .map(|(b, c)| GenLine { budget: *b, cost: *c, commissioners: Vec::new(), mode: 0, cap: None })
            .collect();
        let with_lines = [GenFund {
            contributions: contributions.clone(),
            lines,
            offset: false,
            capped: false,
            income: None,
            blame: None,
        }];
        let one_figure = [GenFund {
            contributions,
            lines: Vec::new(),
            offset: false,
            capped: false,
            income: None,
            blame: None,
        }];
        let cost: u32 = costs.iter().sum();
        let a = work(&agreement_text(members, &with_lines), &result_text(&with_lines)).expect("lines");
        let b_text = result_text(&one_figure).replace(
            &format!("actual cost of \"F0\" {}", pounds(total / 2)),
            &format!("actual cost of \"F0\" {}", pounds(cost)),
        );
        let b = work(&agreement_text(members, &one_figure), &b_text).expect("one figure");
        let nets = |w: &YearEndWorking| -> Vec<Decimal> {
            w.funds.as_ref().map(|f| f.members.iter().map(|m| m.net).collect()).unwrap_or_default()
        };
        prop_assert_eq!(a.result, b.result);
        prop_assert_eq!(nets(&a), nets(&b));
    }
}
