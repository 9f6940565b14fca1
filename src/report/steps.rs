//! One waterfall step's working, as text and a table: what came in, what each method weighs,
//! each party's share and its pennies. Shared by the year-end report and the funds' report.

use rust_decimal::Decimal;

use super::table::{pipe as table, Align};
use super::words::capitalise;
use crate::model::Currency;
use crate::money::{
    format_exact, format_money, format_number, format_proportion, FigureKind, MemberTotal, MethodWorking, Outcome,
    StepKind, StepWorking,
};

/// A signed variance in words: `£100,000.00 under`, `£50,000.00 over`, `nil`.
pub(super) fn step_human(step: &StepWorking, cur: &Currency, side: Outcome, members: &[MemberTotal]) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let mut out = String::new();
    let place = step.line.map_or_else(String::new, |l| format!(" (line {l})"));
    let rule = super::money_words::rule_words(&step.rule, cur);
    out.push_str(&format!("\n### Step {}: {rule}{place}\n\n", step.number));
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
        StepKind::CarryForward => {
            if let Some(taker) = &step.taker {
                if let Some(limit) = step.limit {
                    out.push_str(&format!(" Limit: {}.", money(limit)));
                }
                if let Some(unrounded) = step.unrounded.filter(|u| *u != step.taken) {
                    out.push_str(&format!(" Unrounded: {}.", format_exact(unrounded, cur, 4)));
                }
                out.push_str(&format!(" Carried forward to {taker}: {}.", money(step.taken)));
            } else {
                out.push_str(" Nothing is carried forward.");
            }
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
        out.push_str(&format!("\nNote: {}.", super::money_words::note_words(note, cur)));
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
        return format!("Compensation {}: {}{}", method.method, super::money_words::basis_words(&method.basis), total);
    }
    format!(
        "{}% {}: {}{}",
        format_number(method.weight),
        method.method,
        super::money_words::basis_words(&method.basis),
        total
    )
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
