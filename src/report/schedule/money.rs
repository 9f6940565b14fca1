//! The parts of the schedule about money: the savings and deficit waterfalls, the capitated
//! budget, and each pooled fund, aligned budget and risk pool.

use crate::model::{
    Agreement, DeficitStep, Exemption, FigureUnit, FundDef, Percent, Reinvest, SavingsStep, ShareMixPart,
    StatedRounding, Waterfall,
};
use crate::money::{format_money, format_number};
use crate::results::explain::Item;

type Clauses = Vec<(String, Vec<Item>)>;

fn money(agreement: &Agreement, m: &crate::model::Money) -> String {
    format_money(m.0, &agreement.currency)
}

fn percent(p: &Percent) -> String {
    format!("{}%", format_number(p.0))
}

fn mix(parts: &[ShareMixPart]) -> String {
    match parts {
        [only] if only.weight.0 == rust_decimal::Decimal::ONE_HUNDRED => format!("shared {}", only.method.words()),
        _ => format!(
            "shared {}",
            parts.iter().map(|p| format!("{} {}", percent(&p.weight), p.method.words())).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn exemption(agreement: &Agreement, e: &Option<Exemption>) -> String {
    let Some(e) = e else { return String::new() };
    let below = match e.figure.unit() {
        FigureUnit::Money => format_money(e.below, &agreement.currency),
        FigureUnit::Percent => format!("{}%", format_number(e.below)),
        FigureUnit::Number => format_number(e.below),
    };
    format!(", except that members with {} below {below} bear no share", e.figure.words())
}

fn rounding(agreement: &Agreement, r: &Option<StatedRounding>) -> String {
    let Some(r) = r else { return String::new() };
    let to = r.nearest.map_or("the minor unit".to_string(), |n| format_money(n, &agreement.currency));
    let pennies =
        if r.pennies_to_members { ", what rounding leaves going to the members at the next step" } else { "" };
    format!(", rounded {} to {to}{pennies}", if r.up { "up" } else { "down" })
}

fn savings_step(agreement: &Agreement, step: &SavingsStep) -> String {
    match step {
        SavingsStep::Reinvest { amount, fund, rounding: r } => {
            let fund = match fund {
                crate::model::Fund::Contingency => "the contingency fund".to_string(),
                crate::model::Fund::Named(name) => format!("the fund “{name}”"),
            };
            let how = match amount {
                Reinvest::Everything => "all of the surplus".to_string(),
                Reinvest::TheRest => "what is left of the surplus".to_string(),
                Reinvest::Fixed(m) => format!("{} (or what is left, if less)", money(agreement, m)),
                Reinvest::Percent(p) => format!("{} of the whole surplus", percent(p)),
            };
            format!("{how} is reinvested in {fund}{}.", rounding(agreement, r))
        }
        SavingsStep::Compensation => {
            "members whose budgets fell are compensated in proportion to the fall, never by more than it.".to_string()
        }
        SavingsStep::Share(parts, e) => format!("what is left is {}{}.", mix(parts), exemption(agreement, e)),
        SavingsStep::CarryForward { amount, subject_to, each_partner, rounding: r } => {
            let how = match amount {
                Reinvest::Everything => "all of the underspend".to_string(),
                Reinvest::TheRest => "what is left of the underspend".to_string(),
                Reinvest::Fixed(m) => format!("{} (or what is left, if less)", money(agreement, m)),
                Reinvest::Percent(p) => format!("{} of the whole underspend", percent(p)),
            };
            let subject = subject_to.as_ref().and_then(|d| agreement.decision(d.node)).map_or_else(String::new, |d| {
                format!(
                    ", but only if the year's result says that “{}” was agreed; if it was not, nothing is carried forward at this step and what is left goes on to the next step",
                    d.name
                )
            });
            let partners = if each_partner.is_some() {
                ", but only if the year's result says that each partner of the fund approved it through its own governance; if one did not, nothing is carried forward at this step and what is left goes on to the next step"
            } else {
                ""
            };
            format!("{how} is carried forward into the fund's next year{}{subject}{partners}.", rounding(agreement, r))
        }
    }
}

fn deficit_step(agreement: &Agreement, step: &DeficitStep) -> String {
    match step {
        DeficitStep::Contingency => "the balance of the contingency fund meets it first.".to_string(),
        DeficitStep::Insurance { cap } => format!("insurance meets it, up to {}.", money(agreement, cap)),
        DeficitStep::Commissioners { share, cap, rounding: r } => format!(
            "the commissioners bear {} of it{}{}.",
            percent(share),
            cap.as_ref().map(|c| format!(", up to {}", money(agreement, c))).unwrap_or_default(),
            rounding(agreement, r)
        ),
        DeficitStep::RiskPool { pool, cap } => format!(
            "the risk pool “{}” meets it, up to {}its balance.",
            agreement.funds.get(*pool).map_or("?", |f| f.name.as_str()),
            cap.as_ref().map(|c| format!("{} and ", money(agreement, c))).unwrap_or_default()
        ),
        DeficitStep::Share(parts, e) => format!("what is left is {}{}.", mix(parts), exemption(agreement, e)),
    }
}

fn steps<S>(lead: &str, waterfall: &Waterfall<S>, word: impl Fn(&S) -> String) -> (String, Vec<Item>) {
    let items = waterfall.steps.iter().map(|s| Item { depth: 1, text: capital(&word(&s.node)) }).collect();
    (lead.to_string(), items)
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn shares(agreement: &Agreement, who: &[(crate::model::MemberId, Option<Percent>, crate::span::Span)]) -> String {
    let names: Vec<String> = who
        .iter()
        .map(|(m, share, _)| {
            let key = agreement.member(*m).map_or("?", |m| m.key.as_str());
            share.as_ref().map_or(key.to_string(), |s| format!("{key} ({})", percent(s)))
        })
        .collect();
    names.join(", ")
}

pub(super) fn waterfalls(agreement: &Agreement) -> Clauses {
    let mut out: Clauses = Vec::new();
    if let Some(w) = &agreement.savings {
        out.push(steps("A surplus at the year end is applied in this order:", w, |s| savings_step(agreement, s)));
    }
    if let Some(w) = &agreement.deficits {
        out.push(steps("A deficit at the year end is met in this order:", w, |s| deficit_step(agreement, s)));
    }
    if let Some(budget) = &agreement.budget {
        let lead = match &budget.capitated {
            Some(c) => format!("The capitated budget paid to the network is {}, allocated:", money(agreement, &c.node)),
            None => "The capitated budget is allocated:".to_string(),
        };
        let items = budget
            .lines
            .iter()
            .map(|l| {
                let name = l.name.as_ref().map(|n| format!(" “{n}”")).unwrap_or_default();
                let minimum = l
                    .statutory_minimum
                    .as_ref()
                    .map(|m| format!(", with a statutory minimum of {}", money(agreement, &m.node)))
                    .unwrap_or_default();
                let by = if l.providers.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", provided by {} (a share not stated divides the rest equally)",
                        shares(agreement, &l.providers)
                    )
                };
                Item {
                    depth: 1,
                    text: format!(
                        "{}{name}: {}{minimum}{by}.",
                        capital(l.kind.words()),
                        money(agreement, &l.amount.node)
                    ),
                }
            })
            .collect();
        out.push((lead, items));
    }
    out
}

pub(super) fn fund(agreement: &Agreement, fund: &FundDef) -> Clauses {
    let FundDef {
        name: _,
        kind: _,
        span: _,
        block: _,
        host,
        contributions,
        offset,
        cap,
        lines,
        savings,
        deficits,
        incomes,
        maladministration,
        uplift,
        contributors,
        instalments,
    } = fund;
    let mut out: Clauses = Vec::new();
    if let Some(h) = host {
        out.push((
            format!("It is hosted by {}.", agreement.member(h.node).map_or("?", |m| m.key.as_str())),
            Vec::new(),
        ));
    }
    if !contributions.is_empty() {
        let items = contributions
            .iter()
            .map(|(m, a)| Item {
                depth: 1,
                text: format!(
                    "{}: {}.",
                    agreement.member(*m).map_or("?", |m| m.key.as_str()),
                    money(agreement, &a.node)
                ),
            })
            .collect();
        out.push(("The partners put in:".to_string(), items));
    }
    if let Some(total) = fund.budget() {
        out.push((format!("Its budget is {}.", money(agreement, &total)), Vec::new()));
    }
    for l in lines {
        let cap = l.cap.as_ref().map(|c| format!(", capped at {}", money(agreement, &c.node))).unwrap_or_default();
        let by = if l.commissioners.is_empty() {
            String::new()
        } else {
            format!(", commissioned by {}", shares(agreement, &l.commissioners))
        };
        out.push((
            format!(
                "The line “{}” has a budget of {}{by}{cap}, {}.",
                l.name,
                money(agreement, &l.budget.node),
                l.risk.words()
            ),
            Vec::new(),
        ));
    }
    for income in incomes {
        let direction = if income.fall { "falls" } else { "rises" };
        out.push((
            format!(
                "Income of {} comes into the fund only if the year's result shows that “{}” {direction} by at least {}%.",
                money(agreement, &income.amount.node),
                income.measure.node,
                income.target.node.normalize()
            ),
            Vec::new(),
        ));
    }
    if let Some(kind) = contributors.as_ref().and_then(|k| agreement.kinds.iter().find(|x| x.id == k.node)) {
        out.push((format!("Only {} members contribute to the fund.", kind.name), Vec::new()));
    }
    if let Some(rule) = instalments {
        out.push(super::instalments::clause(agreement, fund, rule));
    }
    if let Some(u) = uplift {
        let (way, by) = if u.node.0 < rust_decimal::Decimal::ZERO {
            ("less", format_number(u.node.0.abs()))
        } else {
            ("plus", format_number(u.node.0))
        };
        out.push((
            format!(
                "Each partner's contribution for next year is its contribution agreed for this year, {way} {by}%, whatever this year's overspends or underspends: the total is rounded to the nearest penny and divided between the partners in proportion to this year's contributions, so that nothing is lost in rounding."
            ),
            Vec::new(),
        ));
    }
    if maladministration.is_some() {
        out.push((
            "An overspend on a line that the year's result says was caused by a partner's maladministration is borne by that partner alone."
                .to_string(),
            Vec::new(),
        ));
    }
    if offset.is_some() {
        out.push(("Overspends and underspends on its lines offset before they are shared.".to_string(), Vec::new()));
    }
    if let Some(c) = cap {
        let unless = c
            .unless
            .as_ref()
            .and_then(|d| agreement.decision(d.node))
            .map(|d| format!(", unless the decision “{}” lifts the cap for the year", d.name))
            .unwrap_or_default();
        out.push((format!("Each partner bears at most its contribution{unless}."), Vec::new()));
    }
    if let Some(w) = savings {
        out.push(steps("An underspend is applied in this order:", w, |s| savings_step(agreement, s)));
    }
    if let Some(w) = deficits {
        out.push(steps("An overspend is met in this order:", w, |s| deficit_step(agreement, s)));
    }
    out
}
