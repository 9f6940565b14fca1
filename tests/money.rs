//! Worked examples of the year-end money rules (seeds 000–003), each a snapshot of the report
//! a finance lead would read: every step's working, the outcome and any warning.

use concord::commands::year_end::{year_end_sources, YearEndReport};
use concord::load::Source;
use concord::report::money::year_end_human;
use concord::report::Colour;

fn run(agreement: &str, input: &str) -> YearEndReport {
    year_end_sources(
        Source { name: "agreement.concord".into(), text: agreement.into() },
        Source { name: "year.scenarios".into(), text: input.into() },
        None,
    )
}

fn human(agreement: &str, input: &str) -> String {
    let report = run(agreement, input);
    year_end_human(&report, Colour::Off, 100)
}

fn amount(report: &YearEndReport, member: &str) -> String {
    let working = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
    working.member_amount(member).expect("member").to_string()
}

/// Three providers with every figure the methods read.
const MEMBERS: &str = r#"
member hhft "The Hillingdon Hospitals NHS FT"
  kinds acute
  budget £42,000,000
  allocation £40,000,000
  equity 50%
  reserves £5,000,000
  investment need £0
  performance 82

member gpfed "GP federation"
  kinds primary-care
  budget £12,000,000
  allocation £13,500,000
  equity 30%
  reserves £1,000,000
  investment need £600,000
  performance 91

member lbh "London Borough of Hillingdon"
  kinds social-care
  budget £6,000,000
  allocation £6,500,000
  equity 20%
  reserves £2,000,000
  investment need £200,000
  performance 64
"#;

fn agreement(waterfalls: &str) -> String {
    format!("agreement \"Hillingdon Frailty Alliance\"\n  currency GBP\n{MEMBERS}\n{waterfalls}")
}

const SURPLUS: &str = r#"
result "Year ending 31 March 2027"
  capitated budget £60,000,000
  actual cost £59,000,000
"#;

const DEFICIT: &str = r#"
result "Year ending 31 March 2027"
  capitated budget £60,000,000
  actual cost £63,000,000
  contingency fund balance £500,000
"#;

#[test]
fn surplus_shared_equally() {
    let a = agreement("savings\n  shared equally\n");
    let report = run(&a, SURPLUS);
    // £1,000,000 in thirds: the odd penny goes to the member written first (equal remainders).
    assert_eq!(amount(&report, "hhft"), "333333.34");
    assert_eq!(amount(&report, "gpfed"), "333333.33");
    insta::assert_snapshot!("equal", human(&a, SURPLUS));
}

#[test]
fn surplus_by_budget_allocation() {
    let a = agreement("savings\n  shared by budget allocation\n");
    let report = run(&a, SURPLUS);
    assert_eq!(amount(&report, "hhft"), "666666.67");
    insta::assert_snapshot!("budget_allocation", human(&a, SURPLUS));
}

#[test]
fn surplus_by_equity() {
    let a = agreement("savings\n  20% to \"service improvement\"\n  then the rest shared by equity\n");
    let report = run(&a, SURPLUS);
    assert_eq!(amount(&report, "hhft"), "400000.00");
    insta::assert_snapshot!("equity", human(&a, SURPLUS));
}

#[test]
fn surplus_by_performance() {
    let a = agreement("savings\n  shared by performance\n");
    let input = format!("{SURPLUS}  performance: lbh 70\n");
    insta::assert_snapshot!("performance_surplus", human(&a, &input));
}

#[test]
fn deficit_by_performance_poor_performers_bear_more() {
    let a = agreement("deficits\n  shared by performance\n");
    let report = run(&a, DEFICIT);
    // Best 91: bases 100 (hhft), 91 (gpfed), 118 (lbh); total 309 of £3,000,000.
    assert_eq!(amount(&report, "lbh"), "1145631.07");
    assert_eq!(amount(&report, "gpfed"), "883495.14");
    insta::assert_snapshot!("performance_deficit", human(&a, DEFICIT));
}

#[test]
fn deficit_by_performance_with_equal_scores_is_equal() {
    let a = agreement("deficits\n  shared by performance\n");
    let input = format!("{DEFICIT}  performance: hhft 80, gpfed 80, lbh 80\n");
    let report = run(&a, &input);
    assert_eq!(amount(&report, "hhft"), "1000000.00");
    assert_eq!(amount(&report, "lbh"), "1000000.00");
}

#[test]
fn surplus_to_members_needing_investment() {
    let a = agreement("savings\n  50% to the contingency fund\n  then the rest shared by need for investment\n");
    let report = run(&a, SURPLUS);
    assert_eq!(amount(&report, "hhft"), "0.00");
    assert_eq!(amount(&report, "gpfed"), "375000.00");
    insta::assert_snapshot!("need", human(&a, SURPLUS));
}

#[test]
fn compensation_then_equal_shares() {
    // Only hhft's budget fell (£42m → £40m): it is compensated first, up to its fall.
    let a = agreement("savings\n  compensation to members whose budgets fell\n  then the rest shared equally\n");
    let small = "result \"A thin year\"\n  capitated budget £60,000,000\n  actual cost £58,500,000\n";
    let report = run(&a, small);
    assert_eq!(amount(&report, "hhft"), "1500000.00");
    assert_eq!(amount(&report, "gpfed"), "0.00");
    let big = "result \"A good year\"\n  capitated budget £60,000,000\n  actual cost £56,800,000\n";
    let report = run(&a, big);
    // Fall £2,000,000 met in full; the other £1,200,000 shared equally.
    assert_eq!(amount(&report, "hhft"), "2400000.00");
    assert_eq!(amount(&report, "gpfed"), "400000.00");
    insta::assert_snapshot!("compensation", human(&a, &format!("{small}\n{big}")));
}

#[test]
fn fifty_fifty_mix() {
    let a = agreement(
        "savings\n  30% to the contingency fund\n  then the rest shared 50% by budget allocation, 50% by performance\n",
    );
    insta::assert_snapshot!("mix_50_50", human(&a, SURPLUS));
}

#[test]
fn contingency_fund_then_ability_to_pay() {
    let a = agreement("deficits\n  the contingency fund first\n  then shared by ability to pay\n");
    let report = run(&a, DEFICIT);
    // £3,000,000 less the fund's £500,000, by reserves 5:1:2.
    assert_eq!(amount(&report, "hhft"), "1562500.00");
    insta::assert_snapshot!("contingency_then_ability_to_pay", human(&a, DEFICIT));
}

#[test]
fn insurance_capped() {
    let a = agreement(
        "deficits\n  the contingency fund first\n  then insurance up to £1,000,000\n  then commissioners bear 50% up to £600,000\n  then shared equally\n",
    );
    let report = run(&a, DEFICIT);
    // 3,000,000 − 500,000 fund − 1,000,000 insurance − 600,000 commissioners (capped) = 900,000.
    assert_eq!(amount(&report, "hhft"), "300000.00");
    insta::assert_snapshot!("insurance_capped", human(&a, DEFICIT));
}

const INDEPENDENT: &str = r#"
member homecare "Home Care Ltd"
  kinds independent-sector
  budget £3,000,000
  reserves £4,000,000
  liability cap £0
"#;

#[test]
fn independent_sector_member_with_cap_zero() {
    let a = format!("{}{INDEPENDENT}", agreement("deficits\n  shared by ability to pay\n"));
    let report = run(&a, DEFICIT);
    assert_eq!(amount(&report, "homecare"), "0.00");
    // Its share is spread over the others by reserves 5:1:2.
    assert_eq!(amount(&report, "hhft"), "1875000.00");
    insta::assert_snapshot!("independent_sector_cap_zero", human(&a, DEFICIT));
}

#[test]
fn deficit_too_large_for_every_cap() {
    let a = agreement("deficits\n  shared equally\n")
        .replace("  performance 82\n", "  performance 82\n  liability cap £1,000,000\n")
        .replace("  performance 91\n", "  performance 91\n  liability cap £250,000\n")
        .replace("  performance 64\n", "  performance 64\n  liability cap £500,000\n");
    let report = run(&a, DEFICIT);
    let working = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
    assert_eq!(working.unallocated.to_string(), "1250000.00");
    assert_eq!(report.exit_code(), 0);
    insta::assert_snapshot!("deficit_beyond_caps", human(&a, DEFICIT));
}

#[test]
fn capitated_budget_allocation() {
    let a = agreement(
        r#"budget
  capitated budget £60,000,000
  intervention "Falls prevention" £3,000,000 provided by hhft 60%, gpfed 40%
  service standard "Discharge within 48 hours" £1,500,000 provided by hhft, lbh
  personal budgets £4m, statutory minimum £3.5m provided by lbh
  contingency fund £500,000
  operations team £1,000,000 provided by hhft, gpfed, lbh
"#,
    );
    let input = "result \"Break-even year\"\n  actual cost £60,000,000\n";
    insta::assert_snapshot!("budget_allocation_report", human(&a, input));
}

#[test]
fn budget_lines_over_the_capitated_budget() {
    let a = agreement(
        "budget\n  capitated budget £5,000,000\n  intervention \"Falls prevention\" £3,000,000 provided by hhft\n  personal budgets £4m, statutory minimum £3.5m provided by lbh\n",
    );
    let input = "result \"Break-even year\"\n  actual cost £5,000,000\n";
    insta::assert_snapshot!("budget_overrun", human(&a, input));
}

#[test]
fn a_mix_that_does_not_add_up_is_an_error() {
    let a = agreement("savings\n  shared 50% by budget allocation, 40% by performance\n");
    let report = run(&a, SURPLUS);
    assert_eq!(report.exit_code(), 2);
    insta::assert_snapshot!("mix_not_whole", human(&a, SURPLUS));
}

#[test]
fn a_method_no_member_has_a_figure_for_is_an_error() {
    let a = agreement("savings\n  shared by risk share\n");
    let report = run(&a, SURPLUS);
    assert_eq!(report.exit_code(), 2);
    insta::assert_snapshot!("no_member_has_figure", human(&a, SURPLUS));
}

#[test]
fn a_member_without_the_figure_counts_as_zero() {
    let a = agreement("savings\n  shared by equity\n").replace("  equity 20%\n", "");
    let report = run(&a, SURPLUS);
    assert_eq!(report.exit_code(), 0);
    assert_eq!(amount(&report, "lbh"), "0.00");
    insta::assert_snapshot!("missing_figure", human(&a, SURPLUS));
}

#[test]
fn a_result_without_its_cost_is_an_error() {
    let a = agreement("savings\n  shared equally\n");
    let report = run(&a, "result \"Year ending 31 March 2027\"\n  capitated budget £60,000,000\n");
    assert_eq!(report.exit_code(), 2);
    insta::assert_snapshot!("missing_actual_cost", year_end_human(&report, Colour::Off, 100));
}

#[test]
fn reinvesting_part_only_leaves_the_rest_unallocated() {
    let a = agreement("savings\n  £250,000 to the contingency fund\n  then 40% to \"service improvement\"\n");
    let report = run(&a, SURPLUS);
    let working = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
    assert_eq!(working.contingency_fund().to_string(), "250000.00");
    assert_eq!(working.unallocated.to_string(), "350000.00");
    insta::assert_snapshot!("reinvest_partly", human(&a, SURPLUS));
}

#[test]
fn scenario_results_are_evaluated_and_can_be_picked() {
    let a = agreement("savings\n  everything to the contingency fund\n");
    let only_results = "scenarios for \"agreement.concord\"\n\nscenario \"A good year\"\n  capitated budget £60,000,000\n  actual cost £59,000,000\n\nscenario \"Another\"\n  actual cost £61,000,000\n";
    let report = year_end_sources(
        Source { name: "agreement.concord".into(), text: a.clone() },
        Source { name: "year.scenarios".into(), text: only_results.into() },
        Some("A good year"),
    );
    assert_eq!(report.results.len(), 1);
    assert_eq!(report.exit_code(), 0);
    let report = year_end_sources(
        Source { name: "agreement.concord".into(), text: a },
        Source { name: "year.scenarios".into(), text: only_results.into() },
        Some("A godo year"),
    );
    assert_eq!(report.exit_code(), 2);
    assert_eq!(
        report.messages,
        vec!["`year.scenarios` has no year-end result or scenario called “A godo year”; did you mean “A good year”?"
            .to_string()]
    );
}

#[test]
fn an_observer_takes_no_share() {
    let a = agreement("savings\n  shared equally\n").replace(
        "member lbh \"London Borough of Hillingdon\"\n",
        "member lbh \"London Borough of Hillingdon\"\n  observer\n",
    );
    let report = run(&a, SURPLUS);
    let working = report.results.first().and_then(|r| r.working.as_ref()).expect("worked out");
    assert_eq!(working.member_amount("lbh"), None);
    assert_eq!(amount(&report, "hhft"), "500000.00");
}

#[test]
fn figures_too_large_are_reported_not_a_panic() {
    let a = agreement("savings\n  30% to the contingency fund\n  then the rest shared equally\n");
    let input = "result \"Too large\"\n  capitated budget £50,000,000,000,000,000,000,000,000,000\n  actual cost £1\n";
    let report = run(&a, input);
    assert_eq!(report.exit_code(), 2);
    insta::assert_snapshot!("overflow", human(&a, input));
}
