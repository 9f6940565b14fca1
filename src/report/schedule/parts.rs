//! The parts of the schedule about people and votes: definitions, parties, voting, each
//! decision (in [`crate::report::decision_words`]'s words), joining and leaving.

use crate::model::{Agreement, Decision, FigureUnit, Member, Role};
use crate::money::{format_money, format_number};
use crate::results::explain::{Definition, Item};

type Clauses = Vec<(String, Vec<Item>)>;

fn define(term: &str, meaning: &str) -> Definition {
    Definition { term: term.to_string(), meaning: meaning.to_string() }
}

/// The defined terms, each once; those about blocs, roles and reconvened meetings only when the
/// agreement has them.
pub(super) fn definitions(agreement: &Agreement) -> Vec<Definition> {
    let mut out = vec![
        define("member", "a party to this agreement named in the part on the agreement and its parties"),
        define(
            "eligible member",
            "on a proposal, a member entitled to vote on it: not an observer and not left out by the decision's rules on who votes",
        ),
        define("present", "of an eligible member, at the meeting, whether voting for, voting against or abstaining"),
        define("votes cast", "the votes of the eligible members who voted for or against; abstentions and absences are not cast"),
        define("in favour", "of a member, voting for the proposal"),
        define("abstaining", "of a member, present and voting neither for nor against"),
        define("weighted votes", "the votes each member holds under the voting scheme stated in the decision's part"),
        define("quorum", "the attendance without which a vote on the proposal is invalid"),
        define("veto", "a member's or bloc's right to stop a proposal by voting against it, however the others vote"),
        define("casting vote", "a member's right to decide a tie, where as much weight is for as against"),
    ];
    if !agreement.blocs.is_empty() {
        out.push(define(
            "bloc",
            "a group of members named in the part on voting that decides within itself by the majority stated",
        ));
    }
    for role in [Role::LeadProvider, Role::Chair, Role::Observer, Role::Host] {
        if agreement.members.iter().any(|m| m.has_role(role)) {
            let meaning = match role {
                Role::LeadProvider => {
                    "the member that leads the alliance and holds the contract with the commissioners"
                }
                Role::Chair => "the member that chairs meetings",
                Role::Observer => "a member that attends but never votes",
                Role::Host => "the member that hosts a pooled fund",
            };
            out.push(define(role.words(), meaning));
        }
    }
    if !agreement.offices.is_empty() {
        out.push(define(
            "presiding",
            "of a member, taking the chair at the meeting; a proposal names it in its `presiding:` line",
        ));
    }
    let reconvened = agreement.default_reconvened_quorum.is_some()
        || agreement.decisions.iter().any(|d| d.reconvened_quorum.is_some());
    if reconvened {
        out.push(define("reconvened meeting", "a meeting called again because the first lacked its quorum"));
    }
    out
}

fn figure(agreement: &Agreement, value: rust_decimal::Decimal, unit: FigureUnit) -> String {
    match unit {
        FigureUnit::Money => format_money(value, &agreement.currency),
        FigureUnit::Percent => format!("{}%", format_number(value)),
        FigureUnit::Number => format_number(value),
    }
}

fn member_clause(agreement: &Agreement, m: &Member) -> (String, Vec<Item>) {
    let mut text = format!("{} (“{}”)", m.name, m.key);
    let kinds: Vec<&str> = m.kinds.iter().filter_map(|k| agreement.kind(k.node)).map(|k| k.name.as_str()).collect();
    if !kinds.is_empty() {
        text.push_str(&format!(", a member of kind {}", kinds.join(" and ")));
    }
    let roles: Vec<&str> = m.roles.keys().map(|r| r.words()).collect();
    if !roles.is_empty() {
        text.push_str(&format!(", the {}", roles.join(" and the ")));
    }
    if let Some(votes) = &m.votes {
        text.push_str(&format!(", holding {} votes", format_number(votes.node)));
    }
    if let Some(organisation) = &m.drawn_from {
        text.push_str(&format!(", whose seat is drawn from “{}”", organisation.node));
    }
    text.push('.');
    let items = m
        .figures
        .iter()
        .map(|(name, f)| Item {
            depth: 1,
            text: format!("Its {} is {}.", name.words(), figure(agreement, f.value, f.unit)),
        })
        .collect();
    (text, items)
}

pub(super) fn parties(agreement: &Agreement) -> Clauses {
    let mut out: Clauses = Vec::new();
    let mut head = format!("This schedule sets out the terms of “{}”", agreement.title.node);
    if let Some(form) = &agreement.form {
        head.push_str(&format!(", a {}", form.node.words()));
    }
    head.push_str(&format!(". Its sums are in {}.", agreement.currency.code));
    out.push((head, Vec::new()));
    if let Some(effective) = &agreement.effective {
        out.push((format!("It takes effect on {}.", effective.node.words()), Vec::new()));
    }
    if let Some((first, last)) = &agreement.period {
        out.push((format!("It covers the period from {} to {}.", first.node.words(), last.node.words()), Vec::new()));
    }
    if !agreement.kinds.is_empty() {
        let kinds: Vec<&str> = agreement.kinds.iter().map(|k| k.name.as_str()).collect();
        out.push((format!("The kinds of member are: {}.", kinds.join(", ")), Vec::new()));
    }
    let items = agreement.members.iter().map(|m| member_clause(agreement, m)).map(|(text, mut figures)| {
        let mut all = vec![Item { depth: 1, text }];
        for f in &mut figures {
            f.depth = 2;
        }
        all.extend(figures);
        all
    });
    out.push(("The members are:".to_string(), items.flatten().collect()));
    out
}

pub(super) fn voting(agreement: &Agreement) -> Clauses {
    let mut out: Clauses = Vec::new();
    for bloc in &agreement.blocs {
        let names: Vec<String> =
            bloc.members.iter().filter_map(|m| agreement.member(*m)).map(|m| m.key.clone()).collect();
        let by_kind = bloc
            .of_kind
            .and_then(|k| agreement.kind(k))
            .map(|k| format!(" (the members of kind {})", k.name))
            .unwrap_or_default();
        // A bloc named "The council" is "The council bloc", not "The The council bloc".
        let name = bloc.name.strip_prefix("The ").or_else(|| bloc.name.strip_prefix("the ")).unwrap_or(&bloc.name);
        out.push((format!("The {name} bloc (“{}”){by_kind} is: {}.", bloc.key, names.join(", ")), Vec::new()));
        if let Some(terms) = crate::report::kinds_words::bloc_terms(agreement, bloc) {
            out.push((terms, Vec::new()));
        }
    }
    out.extend(stand_ins(agreement));
    out
}

/// Who may cast a member's vote when it is not there: substitutes and proxies.
fn stand_ins(agreement: &Agreement) -> Clauses {
    let crate::model::offices::StandIns { substitutes, proxies, proxy_limit, designated } = &agreement.stand_ins;
    let who = |kind: &Option<crate::model::KindId>| match kind.and_then(|k| agreement.kind(k)) {
        Some(k) => format!("A member of kind {}", k.name),
        None => "A member".to_string(),
    };
    let mut out: Clauses = Vec::new();
    for (kind, _) in substitutes {
        out.push((
            format!(
                "{} that is absent may have its vote cast by its substitute, and the vote counts as its own.",
                who(kind)
            ),
            Vec::new(),
        ));
    }
    if !designated.is_empty() {
        let names: Vec<String> =
            designated.keys().filter_map(|m| agreement.member(*m)).map(|m| m.key.clone()).collect();
        out.push((format!("These members have a designated substitute: {}.", names.join(", ")), Vec::new()));
    }
    for (kind, _) in proxies {
        out.push((
            format!(
                "{} that is absent may give its vote by proxy to another member present at the meeting, and the vote counts as its own.",
                who(kind)
            ),
            Vec::new(),
        ));
    }
    if let Some(limit) = proxy_limit {
        let n = limit.node;
        let proxies = if n == 1 { "proxy" } else { "proxies" };
        out.push((format!("No member may hold more than {n} {proxies}."), Vec::new()));
    }
    out
}

/// A decision's part: [`crate::report::decision_words::decision`]'s wording, one clause per statement, the
/// conditions under a statement as its paragraphs.
pub(super) fn decision(agreement: &Agreement, decision: &Decision) -> Clauses {
    let text = crate::report::decision_words::decision(agreement, decision);
    let mut out: Clauses = Vec::new();
    for line in text.lines().skip(1) {
        let indent = line.len().saturating_sub(line.trim_start().len());
        let trimmed = line.trim();
        // The count after a rule of several conditions says nothing the paragraphs do not.
        if trimmed.starts_with('(') && trimmed.ends_with("conditions)") {
            continue;
        }
        let words = trimmed.trim_start_matches("- ").to_string();
        // A rule's lines follow the statement that introduces it (`… it passes when`); they
        // begin with a small letter, the statements with a capital.
        let part_of_rule = indent > 2 || trimmed.starts_with("- ") || trimmed.starts_with(char::is_lowercase);
        match out.last_mut() {
            Some((_, items)) if part_of_rule => items.push(Item { depth: indent / 2, text: words }),
            _ => out.push((words, Vec::new())),
        }
    }
    out
}

pub(super) fn membership(agreement: &Agreement) -> Clauses {
    let crate::model::Membership {
        joining,
        accession,
        notice,
        leaving,
        forfeits,
        loses_say,
        penalty,
        expulsion,
        makeup,
        kind_notices,
        kind_penalties,
        kind_forfeits,
    } = &agreement.membership;
    let kind = |k: crate::model::KindId| agreement.kind(k).map_or("?".to_string(), |k| k.name.clone());
    let decision = |id: crate::model::DecisionId| {
        agreement.decision(id).map_or("?".to_string(), |d| format!("the decision “{}” (part on that decision)", d.name))
    };
    let mut out: Clauses = Vec::new();
    if let Some(j) = joining {
        out.push((format!("A new member is admitted by {}.", decision(j.node)), Vec::new()));
    }
    if accession.is_some() {
        out.push(("A new member signs a deed of accession.".to_string(), Vec::new()));
    }
    if let Some(n) = notice {
        out.push((format!("A member leaving gives {} notice.", n.node.words()), Vec::new()));
    }
    if let Some(l) = leaving {
        out.push((format!("A member's departure is approved by {}.", decision(l.node)), Vec::new()));
    }
    for f in forfeits {
        out.push((format!("A member leaving forfeits its {}.", f.node.words()), Vec::new()));
    }
    if loses_say.is_some() {
        out.push(("A member leaving loses its say over capitated payments.".to_string(), Vec::new()));
    }
    if let Some(p) = penalty {
        out.push((format!("A member leaving pays {}.", format_money(p.node.0, &agreement.currency)), Vec::new()));
    }
    if let Some(e) = expulsion {
        out.push((format!("A member is expelled by {}.", decision(e.node)), Vec::new()));
    }
    for limit in makeup {
        out.push((super::offices::limit_words(agreement, limit), Vec::new()));
    }
    // A kind's own terms replace the general notice and sum, and add to what is forfeited.
    for (k, d) in kind_notices {
        let instead = notice.map(|n| format!(", instead of {}", n.node.words())).unwrap_or_default();
        out.push((
            format!("A member of kind {} leaving gives {} notice{instead}.", kind(k.node), d.node.words()),
            Vec::new(),
        ));
    }
    for (k, p) in kind_penalties {
        let instead = penalty
            .map(|n| format!(", instead of {}", format_money(n.node.0, &agreement.currency)))
            .unwrap_or_default();
        let sum = format_money(p.node.0, &agreement.currency);
        out.push((format!("A member of kind {} leaving pays {sum}{instead}.", kind(k.node)), Vec::new()));
    }
    for (k, f) in kind_forfeits {
        out.push((
            format!("A member of kind {} leaving also forfeits its {}.", kind(k.node), f.node.words()),
            Vec::new(),
        ));
    }
    if crate::model::leaving::by_kind(agreement) {
        let items: Vec<Item> = agreement
            .members
            .iter()
            .filter_map(|m| crate::report::kinds_words::member_leaving(agreement, m))
            .map(|text| Item { depth: 0, text })
            .collect();
        if !items.is_empty() {
            out.push(("So, member by member, where a kind's own terms apply:".to_string(), items));
        }
    }
    out
}
