//! The schedule's words for offices (`the chair rotates between …`) and for the limits on the
//! make-up of the membership (issue 21, items 1 and 3). `term_words` and [`holder_on`] are
//! also the REPL's `:who` and `concord explain --who`.

use crate::calendar::{is_date, Date, MONTHS};
use crate::model::chairs::{self, Holder, Holding, MayHold, Office, Term, Vacancy};
use crate::model::makeup::{Limit, LimitKind};
use crate::model::{Agreement, KindId, MemberId};
use crate::results::explain::Item;

type Clauses = Vec<(String, Vec<Item>)>;

fn member(agreement: &Agreement, id: MemberId) -> String {
    agreement.member(id).map_or_else(|| "?".to_string(), |m| m.key.clone())
}

fn kind(agreement: &Agreement, id: KindId) -> String {
    agreement.kinds.get(id.0 as usize).map_or_else(|| "?".to_string(), |k| k.name.clone())
}

fn holder(agreement: &Agreement, h: &Holder) -> String {
    match h {
        Holder::Member(m) => member(agreement, *m),
        Holder::Kind(k) => format!("one of the {} members", kind(agreement, *k)),
    }
}

/// `a, b and c`
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `a, b or c`
fn or_list(items: &[String]) -> String {
    match items {
        [] => "nobody".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// One clause about an office in a lawyer's words: `From 1 April 2026 to 31 March 2028, the
/// chair is lbh.`
pub(crate) fn term_words(agreement: &Agreement, office: &Office, term: &Term) -> String {
    let when = match (term.from, term.to) {
        (Some(f), Some(t)) => format!("From {} to {}, the", f.words(), t.words()),
        (Some(f), None) => format!("From {}, the", f.words()),
        (None, Some(t)) => format!("Until {}, the", t.words()),
        (None, None) => "The".to_string(),
    };
    let how = match &term.holding {
        Holding::Member(m) => format!("is held by {}", member(agreement, *m)),
        Holding::OneOf(k) => format!(
            "is held by one of the {} members, the one presiding at each meeting (the proposal's `presiding:` line says which)",
            kind(agreement, *k)
        ),
        Holding::Alternates(between) => format!(
            "is taken in turn by {} from meeting to meeting (the proposal's `presiding:` line says who took it)",
            and_list(&between.iter().map(|h| holder(agreement, h)).collect::<Vec<_>>())
        ),
        Holding::Rotates { between, every, from } => format!(
            "rotates every {} from {}: {}, then round again",
            every.words(),
            from.words(),
            between
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let start = chairs::months(*every)
                        .and_then(|m| u64::try_from(i).ok().and_then(|i| i.checked_mul(u64::from(m))))
                        .and_then(|m| chairs::add_months(*from, m));
                    match start {
                        Some(d) => format!("{} from {}", holder(agreement, h), d.words()),
                        None => holder(agreement, h),
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("{when} {} {how}.", office.name)
}

/// The part on offices: one clause per office, one item per clause of the agreement.
pub(crate) fn offices(agreement: &Agreement) -> Clauses {
    agreement
        .offices
        .iter()
        .map(|office| {
            let casting: Vec<&str> = agreement
                .decisions
                .iter()
                .filter(|d| d.casting_office.is_some_and(|o| o.node == office.id))
                .map(|d| d.name.as_str())
                .collect();
            let text = if casting.is_empty() {
                format!("The office of {}.", office.name)
            } else {
                format!(
                    "The office of {}. Whoever holds it at a meeting has the casting vote on {}.",
                    office.name,
                    and_list(&casting.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>())
                )
            };
            let items =
                office.terms.iter().map(|t| Item { depth: 1, text: term_words(agreement, office, t) }).collect();
            (text, items)
        })
        .collect()
}

/// Who holds `office` on `date` (or, with no date, whenever), in a sentence: the answer to
/// `concord explain --who OFFICE --on DATE` and the REPL's `:who`.
pub fn holder_on(agreement: &Agreement, office: &str, date: Option<Date>) -> Result<String, String> {
    let Some(office) = agreement.offices.iter().find(|o| o.name == office) else {
        let known: Vec<String> = agreement.offices.iter().map(|o| format!("`{}`", o.name)).collect();
        return Err(if known.is_empty() {
            format!("the agreement has no office `{office}`: it names no office with clauses of its own")
        } else {
            format!("the agreement has no office `{office}`; its offices are {}", and_list(&known))
        });
    };
    let on = date.map_or_else(String::new, |d| format!(" on {}", d.words()));
    match chairs::may_hold(agreement, office, date) {
        Err(Vacancy::NeedsDate) => Err(format!(
            "who holds the {} depends on the date: give one (`--on 7 June 2028`, or in the REPL `:who {} on 7 June 2028`)",
            office.name, office.name
        )),
        Err(Vacancy::NoneOn(_)) => Ok(format!("Nobody holds the {}{on}: no clause of the agreement covers that day.", office.name)),
        Err(Vacancy::TwoOn(..)) => Ok(format!(
            "Two clauses give the {}{on}, so who holds it is not settled (`concord check` reports them).",
            office.name
        )),
        Ok((term, MayHold::Member(m))) => Ok(format!(
            "{} holds the {}{on} (under the clause: {}).",
            member(agreement, m),
            office.name,
            lower_first(term_words(agreement, office, term).trim_end_matches('.'))
        )),
        Ok((term, MayHold::AnyOf(members))) => Ok(format!(
            "The {}{on} may be held by {}, whichever presides (under the clause: {}).",
            office.name,
            or_list(&members.iter().map(|m| member(agreement, *m)).collect::<Vec<_>>()),
            lower_first(term_words(agreement, office, term).trim_end_matches('.'))
        )),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A limit on the make-up in a lawyer's words.
pub(crate) fn limit_words(agreement: &Agreement, limit: &Limit) -> String {
    let office = |id: chairs::OfficeId| agreement.offices.get(id.0 as usize).map_or("?", |o| o.name.as_str());
    match &limit.what {
        LimitKind::Count { at_least, at_most, kind: k } => {
            let who = match k {
                Some(k) => format!("{} members", kind(agreement, *k)),
                None => "members (observers included: each member is a seat)".to_string(),
            };
            match (at_least, at_most) {
                (Some(l), Some(h)) if l == h => format!("The agreement has exactly {l} {who}."),
                (Some(l), Some(h)) => format!("The agreement has at least {l} and at most {h} {who}."),
                (Some(l), None) => format!("The agreement has at least {l} {who}."),
                (None, Some(h)) => format!("The agreement has at most {h} {who}."),
                (None, None) => format!("The agreement has any number of {who}."),
            }
        }
        LimitKind::Parity { first, second } => format!(
            "The agreement has as many {} members as {} members.",
            kind(agreement, *first),
            kind(agreement, *second)
        ),
        LimitKind::Apart { first, second, kinds: true } => format!(
            "On no day are the {} and the {} held by one member or by members of the same kind.",
            office(*first),
            office(*second)
        ),
        LimitKind::Apart { first, second, kinds: false } => {
            format!("On no day are the {} and the {} held by the same member.", office(*first), office(*second))
        }
        LimitKind::DrawnApart { kind: k } => format!(
            "Each {} member's seat is drawn from an organisation named in its clause, and no two from the same one.",
            kind(agreement, *k)
        ),
    }
}

/// `concord explain AGREEMENT --who OFFICE [--on DATE]`: who holds the office on that day, in a
/// sentence (`Ok`), or why the question cannot be answered (`Err`: the file cannot be read or
/// has errors, the office or the date is not one the agreement has or the language writes).
pub fn who(path: &std::path::Path, office: &str, on: Option<&str>) -> Result<String, String> {
    let source = crate::load::read_source(path).map_err(|e| match e {
        crate::load::LoadFailure::Io { path, error } => {
            format!("cannot read `{}`: {}", path.display(), crate::load::plain_io(&error))
        }
        crate::load::LoadFailure::Invalid { source, diagnostic } => format!("`{}`: {diagnostic}", source.name),
    })?;
    let loaded = crate::load::load(&source.text);
    let agreement = match loaded.agreement {
        Some(a) if !loaded.has_errors() => a,
        _ => return Err(format!("`{}` has errors; `concord check {}` lists them", source.name, source.name)),
    };
    let date = match on {
        Some(text) => Some(
            read_date(text)
                .ok_or_else(|| format!("`{text}` is not a date: write it as `7 June 2028` or `2028-06-07`"))?,
        ),
        None => None,
    };
    holder_on(&agreement, office.trim_start_matches("the ").trim(), date)
}

/// `7 June 2028` or `2028-06-07`, as the language writes dates.
pub fn read_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let parts: Vec<&str> =
        if text.contains('-') { text.split('-').collect() } else { text.split_whitespace().collect() };
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if text.contains('-') => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        [d, m, y] => {
            let month = MONTHS.iter().position(|name| name.eq_ignore_ascii_case(m))?;
            (y.parse().ok()?, u8::try_from(month).ok()?.checked_add(1)?, d.parse().ok()?)
        }
        _ => return None,
    };
    (year >= 1900 && is_date(year, month, day)).then_some(Date { year, month, day })
}
