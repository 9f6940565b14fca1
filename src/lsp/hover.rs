//! Hover: a member's particulars and real voting power; a decision's rule in plain English and
//! what the checker found in it; a kind's or bloc's members.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::document::Analysis;
use super::names::{Sort, Symbol};
use crate::model::{Agreement, FigureUnit, Member};
use crate::power::Which;
use crate::report::words::num;

/// Voting power is worked out in the editor for agreements with at most this many members;
/// `concord power` works out larger ones.
pub const MAX_VOTERS: usize = 12;

/// The hover text for a symbol.
pub fn hover(analysis: &Analysis, symbol: &Symbol) -> Option<Hover> {
    let agreement = analysis.agreed.as_ref()?.agreement.as_deref()?;
    let text = match symbol.sort {
        Sort::Member => {
            // A scenario file's agreement read cleanly, but the checker's errors are its own.
            let errors = match analysis.loaded.kind {
                crate::model::FileKind::Scenarios => {
                    agreement.members.len() <= MAX_VOTERS && !crate::commands::checker_errors(agreement).is_empty()
                }
                _ => analysis.diagnostics.iter().any(|d| d.severity_level() == crate::diagnostic::Severity::Error),
            };
            member(agreement, agreement.member_by_key(&symbol.name)?, errors)
        }
        Sort::Decision => decision(analysis, agreement, &symbol.name)?,
        Sort::Kind => kind(agreement, &symbol.name)?,
        Sort::Bloc => bloc(agreement, &symbol.name)?,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: None,
    })
}

fn figure(agreement: &Agreement, value: rust_decimal::Decimal, unit: FigureUnit) -> String {
    match unit {
        FigureUnit::Money => match agreement.currency.symbol {
            Some(symbol) => format!("{symbol}{}", num(value)),
            None => format!("{} {}", num(value), agreement.currency.code),
        },
        FigureUnit::Percent => format!("{}%", num(value)),
        FigureUnit::Number => num(value),
    }
}

fn member(agreement: &Agreement, m: &Member, errors: bool) -> String {
    let mut out = format!("**member `{}`** — {}\n\n", m.key, m.name);
    let kinds: Vec<String> =
        m.kinds.iter().filter_map(|k| agreement.kind(k.node)).map(|k| format!("`{}`", k.name)).collect();
    if !kinds.is_empty() {
        out.push_str(&format!("Kinds: {}\n\n", kinds.join(", ")));
    }
    let roles: Vec<&str> = m.roles.keys().map(|r| r.words()).collect();
    if !roles.is_empty() {
        out.push_str(&format!("Roles: {}\n\n", roles.join(", ")));
    }
    for (name, f) in &m.figures {
        out.push_str(&format!("- {}: {}\n", name.words(), figure(agreement, f.value, f.unit)));
    }
    if let Some(votes) = &m.votes {
        out.push_str(&format!("\nDeclared votes: {}\n", num(votes.node)));
    }
    out.push_str(&power(agreement, m, errors));
    out
}

fn power(agreement: &Agreement, m: &Member, errors: bool) -> String {
    if agreement.decisions.is_empty() {
        return String::new();
    }
    if agreement.members.len() > MAX_VOTERS {
        return format!(
            "\nVoting power is not worked out in the editor for an agreement of more than {MAX_VOTERS} members; run `concord power` for it.\n"
        );
    }
    if errors {
        return "\nVoting power is shown once the agreement has no errors.\n".to_string();
    }
    let mut out = String::from(
        "\n**Real voting power** (share: its declared share of the votes; Banzhaf: how often its vote decides the outcome; Shapley–Shubik: how often its support makes a proposal pass)\n\n| decision | share | Banzhaf | Shapley–Shubik |\n|---|---|---|---|\n",
    );
    for decision in &agreement.decisions {
        for rule in &decision.rules {
            let worked = crate::commands::power::rule_power(agreement, decision, rule, None, Which::All);
            let name = match (&worked.from, &worked.until) {
                (Some(f), _) => format!("“{}” from {f}", decision.name),
                (None, Some(u)) => format!("“{}” until {u}", decision.name),
                (None, None) => format!("“{}”", decision.name),
            };
            if let Some(reason) = &worked.not_analysed {
                out.push_str(&format!("| {name} | not worked out: {reason} | | |\n"));
                continue;
            }
            match worked.members.iter().find(|p| p.member == m.key) {
                Some(p) => {
                    let pct = |f: &Option<crate::exact::Fraction>| {
                        f.as_ref().map_or_else(|| "-".to_string(), |f| crate::report::fractions::percent(f, 2))
                    };
                    let mut flags = Vec::new();
                    if p.dictator {
                        flags.push(" (decides alone)");
                    } else if p.veto_player {
                        flags.push(" (can block alone)");
                    } else if p.dummy {
                        flags.push(" (its vote never decides)");
                    }
                    out.push_str(&format!(
                        "| {name} | {} | {}{} | {} |\n",
                        crate::report::fractions::percent(&p.weight_share, 2),
                        pct(&p.banzhaf),
                        flags.concat(),
                        pct(&p.shapley)
                    ));
                }
                None => out.push_str(&format!("| {name} | does not vote | | |\n")),
            }
        }
    }
    out
}

fn decision(analysis: &Analysis, agreement: &Agreement, name: &str) -> Option<String> {
    let d = agreement.decision_by_name(name)?;
    let mut out = format!("**decision “{}”**\n\n", d.name);
    for line in crate::report::decision_words::decision(agreement, d).lines().skip(1) {
        out.push_str(line.trim_start());
        out.push_str("  \n");
    }
    let findings: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|x| x.decision() == Some(name))
        .map(|x| format!("- {}", super::diagnostics::capitalised(&x.to_string())))
        .collect();
    let intended: Vec<String> = analysis
        .intended
        .iter()
        .filter(|x| x.diagnostic.decision() == Some(name))
        .map(|x| format!("- {} (intended: {})", super::diagnostics::capitalised(&x.diagnostic.to_string()), x.because))
        .collect();
    if findings.is_empty() && intended.is_empty() {
        out.push_str("\nThe checker finds nothing wrong with this decision.\n");
    } else {
        out.push_str("\n**Findings**\n\n");
        for line in findings.iter().chain(&intended) {
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

fn kind(agreement: &Agreement, name: &str) -> Option<String> {
    let k = agreement.kinds.iter().find(|k| k.name == name)?;
    let members: Vec<String> =
        agreement.members.iter().filter(|m| m.is_of_kind(k.id)).map(|m| format!("`{}`", m.key)).collect();
    Some(match members.as_slice() {
        [] => format!("**kind `{name}`**\n\nNo member is of this kind."),
        _ => format!("**kind `{name}`**\n\nMembers of this kind: {}", members.join(", ")),
    })
}

fn bloc(agreement: &Agreement, name: &str) -> Option<String> {
    let b = agreement.blocs.iter().find(|b| b.key == name)?;
    let members: Vec<String> =
        b.members.iter().filter_map(|id| agreement.member(*id)).map(|m| format!("`{}`", m.key)).collect();
    Some(format!("**bloc `{}`** — {}\n\nMembers: {}", b.key, b.name, members.join(", ")))
}
