//! The human report of a year-end result: the result, each waterfall step's working as a table
//! a finance lead can paste into minutes, the outcome per member, and the capitated budget's
//! allocation. Tables are Markdown pipe tables padded to line up in plain text too.

use rust_decimal::Decimal;

use super::funds::funds_human;
use super::steps::step_human;
use super::table::{pipe as table, Align};
use super::words::capitalise;
use super::{render, Colour};
use crate::model::{Currency, Percent};
use crate::money::{
    format_money, format_proportion, BudgetAllocation, CurrencyWorking, FigureSource, Outcome, YearEndWorking,
};
use crate::results::year_end::{ResultReport, YearEndReport};

fn currency(c: &CurrencyWorking) -> Currency {
    Currency {
        code: c.code.clone(),
        symbol: c.symbol.as_ref().and_then(|s| s.chars().next()),
        minor_unit: c.minor_unit,
        span: None,
    }
}

/// The human report of `concord eval` on year-end results.
pub fn year_end_human(report: &YearEndReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    for message in &report.messages {
        out.push_str(&format!("✗ {message}\n"));
    }
    let problems = report.problem_diagnostics.iter().filter_map(|(which, d)| Some((d, report.source(*which)?)));
    for text in super::render_each(problems, colour, width, "\n") {
        out.push_str(&text);
    }
    for (i, result) in report.results.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&result_human(report, result, colour, width));
    }
    if report.results.is_empty() && report.messages.is_empty() && report.problems.is_empty() {
        out.push_str("No year-end results were found to evaluate.\n");
    }
    out
}

fn result_human(report: &YearEndReport, result: &ResultReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    match &result.working {
        Some(working) => out.push_str(&working_human(working, report.title.as_deref())),
        None => out.push_str(&format!(
            "✗ {} “{}” could not be worked out:\n",
            if result.scenario { "Scenario" } else { "Result" },
            result.name
        )),
    }
    for (which, diagnostic) in &result.diagnostics {
        if let Some(source) = report.source(*which) {
            out.push('\n');
            out.push_str(&render(diagnostic, &source.name, &source.text, colour, width));
        }
    }
    out
}

/// One result's working as text: the result, each step, the outcome and the budget.
pub fn working_human(working: &YearEndWorking, agreement_title: Option<&str>) -> String {
    let cur = currency(&working.currency);
    let money = |d: Decimal| format_money(d, &cur);
    let mut out = String::new();
    match agreement_title {
        Some(t) => out.push_str(&format!("# Year-end result: “{}” under “{}”\n\n", working.title, t)),
        None => out.push_str(&format!("# Year-end result: “{}”\n\n", working.title)),
    }
    if let Some(funds) = &working.funds {
        out.push_str(&funds_human(working, funds, &cur));
        return out;
    }
    let from = |s: FigureSource| match s {
        FigureSource::Result => "the result",
        FigureSource::Agreement => "the agreement's budget",
    };
    let outcome_word = match working.outcome {
        Outcome::Surplus => "Surplus",
        Outcome::Deficit => "Deficit",
        Outcome::BreakEven => "Break-even",
    };
    let mut rows = vec![
        vec!["Capitated budget".into(), money(working.capitated_budget), from(working.capitated_from).into()],
        vec!["Other income".into(), money(working.other_income), String::new()],
        vec!["Actual cost".into(), money(working.actual_cost), String::new()],
        vec![outcome_word.into(), money(working.result.abs()), "capitated budget + other income − actual cost".into()],
    ];
    if let (Some(balance), Some(source)) = (working.contingency_fund_balance, working.balance_from) {
        if working.outcome == Outcome::Deficit {
            rows.push(vec!["Contingency fund balance".into(), money(balance), from(source).into()]);
        }
    }
    out.push_str(&table(&[("Figure", Align::Left), ("Amount", Align::Right), ("From", Align::Left)], &rows));

    if let Some(waterfall) = &working.waterfall {
        let (title, verb) = match waterfall.kind {
            Outcome::Deficit => ("Deficit waterfall", "Bears"),
            _ => ("Savings waterfall", "Receives"),
        };
        out.push_str(&format!("\n## {title}: {} to share\n", money(waterfall.amount)));
        if waterfall.steps.is_empty() {
            out.push_str("\nThe agreement has no waterfall for this; the whole amount is unallocated.\n");
        }
        for step in &waterfall.steps {
            out.push_str(&step_human(step, &cur, waterfall.kind, &working.members));
        }

        out.push_str(&format!(
            "\n## Outcome: who {} what\n\n",
            if waterfall.kind == Outcome::Deficit { "bears" } else { "receives" }
        ));
        let has_caps = working.members.iter().any(|m| m.liability_cap.is_some());
        let mut headers = vec![("Member", Align::Left), (verb, Align::Right)];
        if has_caps {
            headers.push(("Liability cap", Align::Right));
            headers.push(("At cap", Align::Left));
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        for m in &working.members {
            let mut row = vec![m.name.clone(), money(m.amount)];
            if has_caps {
                row.push(m.liability_cap.map_or_else(|| "none".into(), money));
                row.push(if m.at_cap { "yes".into() } else { String::new() });
            }
            rows.push(row);
        }
        for p in &working.parties {
            rows.push(vec![capitalise(&p.party), money(p.amount)]);
        }
        rows.push(vec!["Unallocated".into(), money(working.unallocated)]);
        rows.push(vec!["Total".into(), money(waterfall.amount)]);
        out.push_str(&table(&headers, &rows));
    } else {
        out.push_str("\nThe year broke even: there is nothing to share.\n");
    }

    if let Some(budget) = &working.budget {
        out.push_str(&budget_human(budget, &cur));
    }
    out
}

fn budget_human(budget: &BudgetAllocation, cur: &Currency) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let mut out = String::from("\n## Capitated budget allocation\n\n");
    let any_not_covered = budget.lines.iter().any(|l| !l.not_covered.is_zero());
    let mut headers = vec![
        ("Line", Align::Left),
        ("Amount", Align::Right),
        ("Provided by", Align::Left),
        ("Part", Align::Right),
        ("Allocation", Align::Right),
    ];
    if any_not_covered {
        headers.push(("Covered", Align::Right));
        headers.push(("Not covered", Align::Right));
    }
    let mut rows = Vec::new();
    for line in &budget.lines {
        let mut description = capitalise(&line.description);
        if let Some(m) = line.statutory_minimum {
            description.push_str(&format!(" (statutory minimum {}, met first)", money(m)));
        }
        let mut parts: Vec<(String, String, String)> = line
            .providers
            .iter()
            .map(|p| (p.name.clone(), format_proportion(Percent(p.percent).as_fraction()), money(p.amount)))
            .collect();
        if !line.not_assigned.is_zero() || parts.is_empty() {
            parts.push(("not assigned to a member".into(), String::new(), money(line.not_assigned)));
        }
        for (i, (who, part, amount)) in parts.into_iter().enumerate() {
            let first = i == 0;
            let mut row = vec![
                if first { description.clone() } else { String::new() },
                if first { money(line.amount) } else { String::new() },
                who,
                part,
                amount,
            ];
            if any_not_covered {
                row.push(if first { money(line.covered) } else { String::new() });
                row.push(if first { money(line.not_covered) } else { String::new() });
            }
            rows.push(row);
        }
    }
    rows.push(vec!["Total of the lines".into(), money(budget.total)]);
    out.push_str(&table(&headers, &rows));
    out.push('\n');
    let mut rows: Vec<Vec<String>> = budget.members.iter().map(|m| vec![m.name.clone(), money(m.amount)]).collect();
    if !budget.not_assigned.is_zero() {
        rows.push(vec!["Not assigned to a member".into(), money(budget.not_assigned)]);
    }
    rows.push(vec!["Total".into(), money(budget.total)]);
    out.push_str(&table(&[("Member", Align::Left), ("Allocation", Align::Right)], &rows));
    if let Some(capitated) = budget.capitated {
        if budget.overrun > Decimal::ZERO {
            out.push_str(&format!(
                "\nThe lines add up to {}, which is {} more than the capitated budget of {}.\n",
                money(budget.total),
                money(budget.overrun),
                money(capitated)
            ));
        } else {
            out.push_str(&format!(
                "\nThe lines add up to {} of the capitated budget of {}, leaving {}.\n",
                money(budget.total),
                money(capitated),
                money(budget.left)
            ));
        }
    }
    out
}
