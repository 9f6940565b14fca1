//! The human report of an agreement with funds: fund by fund, line by line, then each member's
//! totals across the funds.

use rust_decimal::Decimal;

use super::steps::step_human;
use super::table::{pipe as table, Align};
use crate::model::Currency;
use crate::model::{FundKind, RiskMode};
use crate::money::{format_money, format_number, FundWorking, FundsWorking, MemberFundsTotal, Outcome, YearEndWorking};

fn variance_words(d: Decimal, cur: &Currency) -> String {
    if d > Decimal::ZERO {
        format!("{} under", format_money(d, cur))
    } else if d < Decimal::ZERO {
        format!("{} over", format_money(d.abs(), cur))
    } else {
        "nil".into()
    }
}

/// What a member's net comes to, in words: `receives £…`, `bears £…`, `nothing`.
fn net_words(d: Decimal, cur: &Currency) -> String {
    if d > Decimal::ZERO {
        format!("receives {}", format_money(d, cur))
    } else if d < Decimal::ZERO {
        format!("bears {}", format_money(d.abs(), cur))
    } else {
        "nothing".into()
    }
}

/// A fund's kind as a heading begins it: `Pooled fund`, from the language's own words.
fn kind_words(kind: FundKind) -> String {
    super::words::capitalise(kind.words())
}

/// The working of an agreement with funds: each fund, its lines and waterfall, then the totals.
pub(super) fn funds_human(working: &YearEndWorking, funds: &FundsWorking, cur: &Currency) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let mut out = super::years::follows_human(working);
    // A column for conditional income only when a fund has any, so that budget, income and
    // cost visibly make up the result.
    let brought = funds.funds.iter().any(|f| !f.brought_forward.is_zero() || !f.contributions_beyond_lines.is_zero());
    let with_income = brought || funds.funds.iter().any(|f| !f.incomes.is_empty());
    let row = |name: String, budget: Decimal, income: Decimal, cost: Decimal, result: Decimal| {
        let mut row = vec![name, money(budget)];
        if with_income {
            row.push(money(income));
        }
        row.push(money(cost));
        row.push(variance_words(result, cur));
        row
    };
    let rows: Vec<Vec<String>> = funds
        .funds
        .iter()
        .map(|f| {
            let earned = f
                .incomes
                .iter()
                .map(|i| i.received)
                .chain([f.brought_forward, f.contributions_beyond_lines])
                .fold(Decimal::ZERO, |a, i| a.checked_add(i).unwrap_or(a));
            row(f.name.clone(), f.budget, earned, f.actual_cost, f.result)
        })
        .chain(std::iter::once(row(
            "All funds".into(),
            working.capitated_budget,
            working.other_income,
            working.actual_cost,
            working.result,
        )))
        .collect();
    let mut headers = vec![("Fund", Align::Left), ("Budget", Align::Right)];
    if with_income {
        headers.push((if brought { "Income and money brought in" } else { "Income earned" }, Align::Right));
    }
    headers.extend([("Actual cost", Align::Right), ("Result", Align::Right)]);
    out.push_str(&table(&headers, &rows));
    if !working.other_income.is_zero() && !brought {
        out.push_str(&format!(
            "\nThe results include {} of conditional income earned (see each fund).\n",
            money(working.other_income)
        ));
    }
    for fund in &funds.funds {
        out.push_str(&fund_human(fund, cur));
    }
    if !funds.risk_pools.is_empty() {
        out.push_str(
            "
## Risk pools

",
        );
        let rows: Vec<Vec<String>> = funds
            .risk_pools
            .iter()
            .map(|p| vec![p.name.clone(), money(p.balance), money(p.drawn), money(p.left)])
            .collect();
        out.push_str(&table(
            &[("Risk pool", Align::Left), ("Balance", Align::Right), ("Drawn", Align::Right), ("Left", Align::Right)],
            &rows,
        ));
        for pool in &funds.risk_pools {
            out.push_str(&super::instalments::instalments_human(&pool.name, pool.instalments.as_ref(), cur));
        }
        out.push_str(&super::years::pools_next_year_human(funds, cur));
    }
    out.push_str(
        "
## Outcome across the funds: who receives and bears what

",
    );
    out.push_str(&members_table(&funds.members, cur, false));
    out.push_str(&format!(
        "
Unallocated over all funds: {}.
",
        money(working.unallocated)
    ));
    out
}

fn members_table(members: &[MemberFundsTotal], cur: &Currency, caps: bool) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let caps = caps && members.iter().any(|m| m.cap.is_some());
    let mut headers =
        vec![("Member", Align::Left), ("Receives", Align::Right), ("Bears", Align::Right), ("Net", Align::Left)];
    if caps {
        headers.push(("Most it may bear by the fund's rule", Align::Right));
    }
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            let mut row = vec![m.name.clone(), money(m.received), money(m.borne), net_words(m.net, cur)];
            if caps {
                row.push(m.cap.map_or_else(|| "no cap".into(), money));
            }
            row
        })
        .collect();
    table(&headers, &rows)
}

fn fund_human(fund: &FundWorking, cur: &Currency) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let mut out = String::new();
    let place = fund.line.map_or_else(String::new, |l| format!(" (line {l})"));
    out.push_str(&format!("\n## {} “{}”{}\n\n", kind_words(fund.kind), fund.name, place));
    let mut facts = Vec::new();
    if let Some(host) = &fund.host {
        facts.push(format!("Hosted by {host}."));
    }
    if !fund.contributions.is_empty() {
        let list: Vec<String> = fund.contributions.iter().map(|c| format!("{} {}", c.name, money(c.amount))).collect();
        facts.push(format!("Contributions: {}.", list.join(", ")));
    }
    if let Some(cap) = &fund.cap {
        facts.push(match (&cap.lifted_by, cap.agreed) {
            (Some(d), true) => format!("Each partner's share is capped at its contribution, but “{d}” was agreed, so the cap does not apply this year."),
            (Some(d), false) => format!("Each partner bears at most its contribution (“{d}” was not agreed)."),
            (None, _) => "Each partner bears at most its contribution.".into(),
        });
    }
    if !facts.is_empty() {
        out.push_str(&facts.join(" "));
        out.push_str("\n\n");
    }
    if !fund.lines.is_empty() {
        let rows: Vec<Vec<String>> = fund
            .lines
            .iter()
            .map(|l| {
                let who = if l.commissioners.is_empty() {
                    "the fund's rule".to_string()
                } else {
                    l.commissioners
                        .iter()
                        .map(|c| format!("{} {}% {}", c.name, format_number(c.percent.round_dp(4)), money(c.amount)))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                let risk = match l.risk {
                    _ if l.caused_by.is_some() => "maladministration: the partner responsible",
                    RiskMode::FundRule => "by the fund's rule",
                    RiskMode::LineShare => "by each partner's share",
                    RiskMode::NoRiskShare => "no risk share",
                };
                vec![
                    l.name.clone(),
                    money(l.budget),
                    money(l.actual_cost),
                    variance_words(l.variance, cur),
                    if l.offset.is_zero() { String::new() } else { variance_words(l.offset, cur) },
                    risk.into(),
                    who,
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                ("Line", Align::Left),
                ("Budget", Align::Right),
                ("Actual cost", Align::Right),
                ("Variance", Align::Right),
                ("Set off", Align::Right),
                ("Risk", Align::Left),
                ("Shared between", Align::Left),
            ],
            &rows,
        ));
        for l in &fund.lines {
            for note in &l.notes {
                out.push_str(&format!("\nNote on “{}”: {}.", l.name, super::money_words::note_words(note, cur)));
            }
        }
        if fund.lines.iter().any(|l| !l.notes.is_empty()) {
            out.push('\n');
        }
        for l in &fund.lines {
            if let Some(pennies) = l.pennies.as_ref().filter(|p| p.moved()) {
                out.push_str(&format!("\nThe pennies of “{}”:\n", l.name));
                out.push_str(&super::rounding::pennies_human(pennies, cur));
            }
        }
    }
    if let Some(o) = &fund.offset {
        out.push_str(&format!(
            "\nOffsetting: underspends {}, overspends {}; {} set off before sharing.\n",
            money(o.underspends),
            money(o.overspends),
            money(o.offset)
        ));
    }
    for income in &fund.incomes {
        out.push_str(&income_human(income, cur));
    }
    out.push_str(&super::years::brought_forward_human(fund, cur));
    match &fund.waterfall {
        Some(waterfall) => {
            let title = if waterfall.kind == Outcome::Deficit { "Deficit waterfall" } else { "Savings waterfall" };
            out.push_str(&format!(
                "\n### {title} of “{}”: {} shared by the fund's rule\n",
                fund.name,
                money(waterfall.amount)
            ));
            if waterfall.steps.is_empty() {
                out.push_str("\nThe fund has no waterfall for this; the whole amount is unallocated.\n");
            }
            for step in &waterfall.steps {
                out.push_str(
                    &step_human(step, cur, waterfall.kind, &fund.waterfall_members)
                        .replace("\n### Step", "\n#### Step"),
                );
            }
        }
        None => out.push_str("\nNothing is shared by the fund's rule.\n"),
    }
    out.push_str(&format!("\n### Outcome in “{}”\n\n", fund.name));
    out.push_str(&members_table(&fund.members, cur, true));
    if !fund.unallocated.is_zero() {
        out.push_str(&format!("\nUnallocated in this fund: {}.\n", money(fund.unallocated)));
    }
    out.push_str(&super::instalments::instalments_human(&fund.name, fund.instalments.as_ref(), cur));
    out.push_str(&super::years::next_year_human(fund, cur));
    out
}

/// One conditional income in words: the measure against its target, and whether it was earned.
fn income_human(income: &crate::money::IncomeWorking, cur: &Currency) -> String {
    let target_word = if income.fall { "fall" } else { "rise" };
    let given = if income.change < Decimal::ZERO {
        format!("fell by {}%", format_number(income.change.abs()))
    } else if income.change > Decimal::ZERO {
        format!("rose by {}%", format_number(income.change))
    } else {
        "did not change".to_string()
    };
    let verdict = if income.earned {
        format!(
            "which meets the target, so the income is earned: the fund receives {}, shared by the fund's rule",
            format_money(income.received, cur)
        )
    } else {
        "which does not meet the target, so the income is not earned and the fund receives nothing from it".to_string()
    };
    format!(
        "\nConditional income of {} if “{}” {target_word} by at least {}%: the result says the measure {given}, {verdict}.\n",
        format_money(income.amount, cur),
        income.measure,
        format_number(income.target),
    )
}
