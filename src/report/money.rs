//! The human report of a year-end result: the result, each waterfall step's working as a table
//! a finance lead can paste into minutes, the outcome per member, and the capitated budget's
//! allocation. Tables are Markdown pipe tables padded to line up in plain text too.

use rust_decimal::Decimal;

use super::funds::funds_human;
use super::table::{pipe as table, Align};
use super::{render, Colour};
use crate::model::{Currency, Percent};
use crate::money::{
    format_exact, format_money, format_number, format_proportion, BudgetAllocation, CurrencyWorking, FigureKind,
    FigureSource, MemberTotal, MethodWorking, Outcome, StepKind, StepWorking, YearEndWorking,
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

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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

/// A signed variance in words: `£100,000.00 under`, `£50,000.00 over`, `nil`.
pub(super) fn step_human(step: &StepWorking, cur: &Currency, side: Outcome, members: &[MemberTotal]) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let mut out = String::new();
    let place = step.line.map_or_else(String::new, |l| format!(" (line {l})"));
    out.push_str(&format!("\n### Step {}: {}{}\n\n", step.number, step.rule, place));
    out.push_str(&format!("Amount in: {}.", money(step.amount_in)));
    match step.kind {
        StepKind::Reinvest
        | StepKind::ContingencyFund
        | StepKind::Insurance
        | StepKind::Commissioners
        | StepKind::RiskPool => {
            let taker = capitalise(step.taker.as_deref().unwrap_or("it"));
            let verb = match (step.kind, side) {
                (StepKind::Reinvest, _) => "receives",
                (StepKind::Commissioners, _) => "bear",
                _ => "meets",
            };
            if let Some(limit) = step.limit {
                out.push_str(&format!(" Limit: {}.", money(limit)));
            }
            if let Some(unrounded) = step.unrounded {
                if unrounded != step.taken {
                    out.push_str(&format!(" Unrounded: {}.", format_exact(unrounded, cur, 4)));
                }
            }
            out.push_str(&format!(" {taker} {verb} {}.", money(step.taken)));
        }
        StepKind::Share | StepKind::Compensation => {
            out.push('\n');
            for method in &step.methods {
                out.push_str(&format!("\n- {}", method_words(method, cur, step.kind)));
            }
            out.push_str("\n\n");
            out.push_str(&shares_table(step, cur, members));
            let verb = if side == Outcome::Deficit { "Borne by members" } else { "Paid to members" };
            out.push_str(&format!("\n{verb}: {}.", money(step.taken)));
            if !step.unplaced.is_zero() {
                out.push_str(&format!(" Not placed by this rule: {}.", money(step.unplaced)));
            }
        }
    }
    out.push_str(&format!(" Carried on: {}.\n", money(step.carried_on)));
    for note in &step.notes {
        out.push_str(&format!("\nNote: {note}."));
    }
    if !step.notes.is_empty() {
        out.push('\n');
    }
    if let Some(pennies) = &step.pennies {
        out.push_str(&super::rounding::pennies_human(pennies, cur));
    }
    out
}

fn method_words(method: &MethodWorking, cur: &Currency, kind: StepKind) -> String {
    let total = match (method.unit, kind) {
        (None, _) => String::new(),
        (Some(unit), _) => format!(" (total {})", figure_text(method.total, unit, cur)),
    };
    if kind == StepKind::Compensation {
        return format!("Compensation {}: {}{}", method.method, method.basis, total);
    }
    format!("{}% {}: {}{}", format_number(method.weight), method.method, method.basis, total)
}

fn figure_text(value: Decimal, unit: FigureKind, cur: &Currency) -> String {
    match unit {
        FigureKind::Money => format_money(value, cur),
        // A share written as a fraction shows as its percentage, cut at four places.
        FigureKind::Percent => format_proportion(value.checked_div(Decimal::ONE_HUNDRED).unwrap_or(value)),
        FigureKind::Number => format_number(value),
    }
}

fn shares_table(step: &StepWorking, cur: &Currency, members: &[MemberTotal]) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let mut headers: Vec<(String, Align)> = vec![("Member".into(), Align::Left)];
    // For each method with a figure: the figure, and its basis when that differs from it.
    let mut columns: Vec<(usize, bool)> = Vec::new();
    for (i, method) in step.methods.iter().enumerate() {
        let Some(figure) = &method.figure else { continue };
        let differs = step.shares.iter().any(|s| {
            s.figures.get(i).copied().flatten().unwrap_or_default() != s.bases.get(i).copied().unwrap_or_default()
        });
        headers.push((capitalise(figure), Align::Right));
        if differs {
            headers.push((format!("{} basis", capitalise(figure)), Align::Right));
        }
        columns.push((i, differs));
    }
    // In a mix, what each method gives each member (before caps and rounding).
    let mix = step.methods.len() > 1;
    if mix {
        for method in &step.methods {
            headers.push((format!("{}% {}", format_number(method.weight), method.method), Align::Right));
        }
    }
    let has_caps = step.shares.iter().any(|s| s.cap.is_some());
    headers.push((if has_caps { "Proportion before caps" } else { "Proportion" }.into(), Align::Right));
    headers.push(("Unrounded".into(), Align::Right));
    headers.push(("Share".into(), Align::Right));
    if has_caps {
        headers.push((if step.kind == StepKind::Compensation { "At most" } else { "Cap left" }.into(), Align::Right));
        headers.push(("Held at cap".into(), Align::Left));
    }
    let has_exempt = step.shares.iter().any(|s| s.exempt);
    if has_exempt {
        headers.push(("Exempt".into(), Align::Left));
    }
    let mut rows = Vec::with_capacity(step.shares.len().saturating_add(1));
    for (i, share) in step.shares.iter().enumerate() {
        // The shares list the members in the same order as the totals, which carry the names.
        let name = match members.get(i) {
            Some(m) if m.member == share.member => m.name.clone(),
            _ => share.member.clone(),
        };
        let mut row = vec![name];
        for (i, differs) in &columns {
            let unit = step.methods.get(*i).and_then(|m| m.unit).unwrap_or(FigureKind::Number);
            row.push(
                share.figures.get(*i).copied().flatten().map_or_else(|| "none".into(), |f| figure_text(f, unit, cur)),
            );
            if *differs {
                row.push(share.bases.get(*i).map_or_else(String::new, |b| figure_text(*b, unit, cur)));
            }
        }
        if mix {
            for (i, method) in step.methods.iter().enumerate() {
                let basis = share.bases.get(i).copied().unwrap_or_default();
                let part = if method.total.is_zero() {
                    Some(Decimal::ZERO)
                } else {
                    step.amount_in
                        .checked_mul(method.weight)
                        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                        .and_then(|x| x.checked_mul(basis))
                        .and_then(|x| x.checked_div(method.total))
                };
                row.push(part.map_or_else(|| "—".into(), |p| format_exact(p, cur, 4)));
            }
        }
        row.push(format_proportion(share.proportion));
        row.push(format_exact(share.unrounded, cur, 4));
        row.push(money(share.share));
        if has_caps {
            row.push(share.cap.map_or_else(|| "none".into(), money));
            row.push(if share.capped { "yes".into() } else { String::new() });
        }
        if has_exempt {
            row.push(if share.exempt { "yes".into() } else { String::new() });
        }
        rows.push(row);
    }
    let proportion_total: Decimal = step.shares.iter().map(|s| s.proportion).sum();
    let mut total = vec!["Total".to_string()];
    for (_, differs) in &columns {
        total.push(String::new());
        if *differs {
            total.push(String::new());
        }
    }
    if mix {
        for method in &step.methods {
            let part = if method.total.is_zero() {
                Some(Decimal::ZERO)
            } else {
                step.amount_in.checked_mul(method.weight).and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            };
            total.push(part.map_or_else(|| "—".into(), |p| format_exact(p, cur, 4)));
        }
    }
    total.push(format_proportion(proportion_total.round_dp(20)));
    total.push(String::new());
    total.push(money(step.taken));
    rows.push(total);
    let headers: Vec<(&str, Align)> = headers.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    table(&headers, &rows)
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
