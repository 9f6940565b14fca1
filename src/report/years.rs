//! Across years in the funds' working: what the year before brought in, what this year carries
//! forward, and next year's contributions (issue 16, item 4).

use rust_decimal::Decimal;

use super::table::{pipe as table, Align};
use crate::model::Currency;
use crate::money::{format_money, format_number, ContributionWorking, FundWorking, FundsWorking, YearEndWorking};

/// The line that says which year this one follows, when it follows one.
pub(super) fn follows_human(working: &YearEndWorking) -> String {
    match &working.follows {
        Some(year) => format!(
            "This year follows “{year}”: each fund starts with what that year carried forward into it, and with the contributions that year set for this one.\n\n"
        ),
        None => String::new(),
    }
}

/// What the year before carried forward into the fund, when anything.
pub(super) fn brought_forward_human(fund: &FundWorking, cur: &Currency) -> String {
    let mut out = String::new();
    if !fund.brought_forward.is_zero() {
        out.push_str(&format!(
            "\nBrought forward from last year: {}, which joins what the fund's rule shares this year.\n",
            format_money(fund.brought_forward, cur)
        ));
    }
    let beyond = fund.contributions_beyond_lines;
    if beyond > Decimal::ZERO {
        out.push_str(&format!(
            "\nThis year's contributions are {} more than the agreement's, beyond the lines' budgets: that joins what the fund's rule shares.\n",
            format_money(beyond, cur)
        ));
    } else if beyond < Decimal::ZERO {
        out.push_str(&format!(
            "\nThis year's contributions are {} less than the agreement's, short of the lines' budgets: that shortfall is met by the fund's rule.\n",
            format_money(beyond.abs(), cur)
        ));
    }
    out
}

/// What the fund carried forward and next year's contributions.
pub(super) fn next_year_human(fund: &FundWorking, cur: &Currency) -> String {
    let mut out = String::new();
    let carries =
        fund.waterfall.as_ref().is_some_and(|w| w.steps.iter().any(|s| s.kind == crate::money::StepKind::CarryForward));
    if carries || !fund.carried_forward.is_zero() {
        out.push_str(&format!(
            "\nCarried forward into next year's “{}”: {}.\n",
            fund.name,
            format_money(fund.carried_forward, cur)
        ));
    }
    if let (Some(uplift), Some(next)) = (fund.uplift, &fund.next_contributions) {
        out.push_str(&contributions_table(&fund.name, &fund.contributions, next, uplift, cur));
    }
    out
}

/// Next year's contributions to the risk pools that have an uplift.
pub(super) fn pools_next_year_human(funds: &FundsWorking, cur: &Currency) -> String {
    let mut out = String::new();
    for pool in &funds.risk_pools {
        if let (Some(uplift), Some(next)) = (pool.uplift, &pool.next_contributions) {
            out.push_str(&contributions_table(&pool.name, &pool.contributions, next, uplift, cur));
        }
    }
    out
}

fn contributions_table(
    name: &str,
    this_year: &[ContributionWorking],
    next: &[ContributionWorking],
    uplift: Decimal,
    cur: &Currency,
) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let way = if uplift < Decimal::ZERO { "less" } else { "plus" };
    let mut out = format!(
        "\nNext year's contributions to “{name}”: this year's agreed contributions {way} {}%, whatever this year's variances (the total rounded to the penny, then divided by this year's contributions):\n\n",
        format_number(uplift.abs())
    );
    let mut rows: Vec<Vec<String>> = next
        .iter()
        .map(|n| {
            let now = this_year.iter().find(|c| c.member == n.member).map_or(Decimal::ZERO, |c| c.amount);
            vec![n.name.clone(), money(now), money(n.amount)]
        })
        .collect();
    let sum =
        |list: &[ContributionWorking]| list.iter().fold(Decimal::ZERO, |a, c| a.checked_add(c.amount).unwrap_or(a));
    rows.push(vec!["Total".into(), money(sum(this_year)), money(sum(next))]);
    out.push_str(&table(&[("Partner", Align::Left), ("This year", Align::Right), ("Next year", Align::Right)], &rows));
    out
}
