//! Offices and the make-up of the membership (issue 21, items 1 and 3): days when nobody holds
//! an office, two clauses giving it at once, an office for a kind with no members; and the
//! limits the drafter states in the `membership` block (seat counts per kind, parity between
//! kinds, offices held apart), each checked against the members the agreement has.
//!
//! Severity: what the agreement's own clauses contradict is an error (a limit its members break,
//! two holders of one office, an office nobody can hold); a gap in a dated rotation, and two
//! offices the members presiding could bring together, are warnings.

use miette::LabeledSpan;

use super::diagnostics::*;
use super::{key, names};
use crate::calendar::Date;
use crate::model::chairs::{self, Holder, Holding, Office};
use crate::model::makeup::LimitKind;
use crate::model::{Agreement, MemberId};
use crate::span::Span;

/// The most turns of a rotation looked at when comparing offices day by day.
const MAX_TURNS: u64 = 400;

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    for office in &agreement.offices {
        empty_kinds(agreement, office, out);
        coverage(agreement, office, out);
    }
    for limit in &agreement.membership.makeup {
        match &limit.what {
            LimitKind::Count { at_least, at_most, kind } => {
                let members: Vec<MemberId> = match kind {
                    Some(k) => chairs::kind_members(agreement, *k),
                    None => agreement.members.iter().map(|m| m.id).collect(),
                };
                let low = at_least.is_some_and(|l| members.len() < l as usize);
                let high = at_most.is_some_and(|h| members.len() > h as usize);
                if low || high {
                    let allowed = match (at_least, at_most) {
                        (Some(l), Some(h)) if l == h => format!("exactly {l}"),
                        (Some(l), Some(h)) => format!("at least {l} and at most {h}"),
                        (Some(l), None) => format!("at least {l}"),
                        (None, Some(h)) => format!("at most {h}"),
                        (None, None) => "any number".into(),
                    };
                    let kind_word = kind.map(|k| format!("{} ", kind_name(agreement, k))).unwrap_or_default();
                    let who = format!("{kind_word}members");
                    out.push(
                        SeatLimitBroken {
                            decision: None,
                            witness: None,
                            has: has(members.len(), &kind_word),
                            who,
                            allowed,
                            members: names(members.iter().map(|m| key(agreement, *m))),
                            at: limit.span.into(),
                        }
                        .into(),
                    );
                }
            }
            LimitKind::Parity { first, second } => {
                let a = chairs::kind_members(agreement, *first);
                let b = chairs::kind_members(agreement, *second);
                if a.len() != b.len() {
                    out.push(
                        SeatParityBroken {
                            decision: None,
                            witness: None,
                            first: kind_name(agreement, *first),
                            first_has: has(a.len(), &format!("{} ", kind_name(agreement, *first))),
                            first_members: names(a.iter().map(|m| key(agreement, *m))),
                            second: kind_name(agreement, *second),
                            second_has: has(b.len(), &format!("{} ", kind_name(agreement, *second))),
                            second_members: names(b.iter().map(|m| key(agreement, *m))),
                            at: limit.span.into(),
                        }
                        .into(),
                    );
                }
            }
            LimitKind::DrawnApart { kind } => super::organisations::drawn_apart(agreement, *kind, limit.span, out),
            LimitKind::Apart { first, second, kinds } => {
                let (Some(a), Some(b)) =
                    (agreement.offices.get(first.0 as usize), agreement.offices.get(second.0 as usize))
                else {
                    continue;
                };
                apart(agreement, a, b, *kinds, limit.span, out);
            }
        }
    }
}

/// `2 council members`, `1 nhs member`, `no lay members`.
fn has(count: usize, kind: &str) -> String {
    match count {
        0 => format!("no {kind}members"),
        1 => format!("1 {kind}member"),
        n => format!("{n} {kind}members"),
    }
}

fn kind_name(agreement: &Agreement, kind: crate::model::KindId) -> String {
    agreement.kinds.get(kind.0 as usize).map_or_else(|| "?".into(), |k| k.name.clone())
}

/// An office some clause gives to the members of a kind that has none.
fn empty_kinds(agreement: &Agreement, office: &Office, out: &mut Vec<CheckDiagnostic>) {
    for term in &office.terms {
        let kinds: Vec<crate::model::KindId> = match &term.holding {
            Holding::Member(_) => Vec::new(),
            Holding::OneOf(k) => vec![*k],
            Holding::Alternates(between) | Holding::Rotates { between, .. } => between
                .iter()
                .filter_map(|h| match h {
                    Holder::Kind(k) => Some(*k),
                    Holder::Member(_) => None,
                })
                .collect(),
        };
        for kind in kinds {
            if chairs::kind_members(agreement, kind).is_empty() {
                out.push(
                    OfficeKindEmpty {
                        decision: None,
                        witness: None,
                        office: office.name.clone(),
                        kind: kind_name(agreement, kind),
                        at: term.span.into(),
                    }
                    .into(),
                );
            }
        }
    }
}

/// A clause's first and last day in force (`None`: without end that way).
type Days = (Option<Date>, Option<Date>);

/// The days each clause is in force: first and last (`None`: without end that way).
fn interval(term: &chairs::Term) -> Days {
    let start = match &term.holding {
        Holding::Rotates { from, .. } => Some(term.from.map_or(*from, |f| f.max(*from))),
        _ => term.from,
    };
    (start, term.to)
}

fn span_words(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => format!("on {}", f.words()),
        (Some(f), Some(t)) => format!("from {} to {}", f.words(), t.words()),
        (Some(f), None) => format!("from {}", f.words()),
        (None, Some(t)) => format!("until {}", t.words()),
        (None, None) => "at any time".into(),
    }
}

/// Overlaps between an office's clauses, and gaps between them (or within the agreement's
/// period).
fn coverage(agreement: &Agreement, office: &Office, out: &mut Vec<CheckDiagnostic>) {
    let intervals: Vec<(Days, Span)> = office.terms.iter().map(|t| (interval(t), t.span)).collect();
    // Overlaps: any two clauses in force on a same day.
    'pairs: for (i, ((af, at), aspan)) in intervals.iter().enumerate() {
        for ((bf, bt), bspan) in intervals.iter().skip(i.saturating_add(1)) {
            let start = match (af, bf) {
                (Some(a), Some(b)) => Some(*a.max(b)),
                (a, b) => a.or(*b),
            };
            let end = match (at, bt) {
                (Some(a), Some(b)) => Some(*a.min(b)),
                (a, b) => a.or(*b),
            };
            if start.zip(end).is_none_or(|(s, e)| s <= e) {
                out.push(
                    OfficeOverlap {
                        decision: None,
                        witness: None,
                        office: office.name.clone(),
                        when: span_words(start, end),
                        first: (*aspan).into(),
                        second: (*bspan).into(),
                    }
                    .into(),
                );
                break 'pairs;
            }
        }
    }
    if !office.dated() {
        return;
    }
    // Gaps: walk the clauses in order of their first day, within the agreement's period if it
    // has one, otherwise between the first clause's start and the last one's end.
    let mut sorted = intervals.clone();
    sorted.sort_by_key(|((f, _), _)| *f);
    let period = agreement.period.map(|(a, b)| (a.node, b.node));
    let mut covered_to: Option<Option<Date>> = period.map(|(start, _)| start.previous());
    let labels = |spans: &[Span]| spans.iter().map(|s| LabeledSpan::new_with_span(None, *s)).collect::<Vec<_>>();
    let gap = |from: Date, to: Date, spans: &[Span], out: &mut Vec<CheckDiagnostic>| {
        out.push(
            OfficeGap {
                decision: None,
                witness: None,
                office: office.name.clone(),
                when: span_words(Some(from), Some(to)),
                clauses: labels(spans),
            }
            .into(),
        );
    };
    let mut last_span: Option<Span> = None;
    for ((from, to), span) in &sorted {
        if let (Some(Some(end)), Some(start)) = (covered_to, from) {
            let day_after = end.next();
            if day_after.is_some_and(|d| d < *start) {
                let last_day = start.previous().unwrap_or(*start);
                let spans: Vec<Span> = last_span.into_iter().chain([*span]).collect();
                if let Some(first_day) = day_after {
                    if period.is_none_or(|(_, pe)| first_day <= pe) {
                        gap(first_day, period.map_or(last_day, |(_, pe)| last_day.min(pe)), &spans, out);
                    }
                }
            }
        }
        covered_to = match (covered_to, to) {
            (_, None) => Some(None),
            (Some(None), _) => Some(None),
            (Some(Some(c)), Some(t)) => Some(Some(c.max(*t))),
            (None, Some(t)) => Some(Some(*t)),
        };
        last_span = Some(*span);
    }
    if let (Some((_, period_end)), Some(Some(end))) = (period, covered_to) {
        if end < period_end {
            if let Some(first_day) = end.next() {
                gap(first_day, period_end, &last_span.into_iter().collect::<Vec<_>>(), out);
            }
        }
    }
}

/// The days on which who may hold either office can change: each clause's first day and the day
/// after its last, each turn of a rotation (for a bounded number of turns), and the agreement's
/// first day.
pub(super) fn turning_days(agreement: &Agreement, offices: &[&Office]) -> Vec<Date> {
    let mut days: Vec<Date> = Vec::new();
    let horizon = agreement.period.map(|(_, b)| b.node);
    if let Some((a, _)) = agreement.period {
        days.push(a.node);
    }
    for office in offices {
        for term in &office.terms {
            let (from, to) = interval(term);
            days.extend(from);
            days.extend(to.and_then(Date::next));
            if let Holding::Rotates { between, every, from } = &term.holding {
                let Some(step) = chairs::months(*every).map(u64::from) else { continue };
                let cycle = u64::try_from(between.len()).unwrap_or(1).max(1);
                for turn in 1..MAX_TURNS {
                    let Some(day) = turn.checked_mul(step).and_then(|m| chairs::add_months(*from, m)) else { break };
                    let past = horizon.map_or(turn > cycle, |h| day > h && turn > cycle);
                    if past || term.to.is_some_and(|t| day > t) {
                        break;
                    }
                    days.push(day);
                }
            }
        }
    }
    days.sort();
    days.dedup();
    days
}

/// `the chair and the vice-chair are of different kinds` (or `different members`), day by day.
fn apart(agreement: &Agreement, a: &Office, b: &Office, kinds: bool, at: Span, out: &mut Vec<CheckDiagnostic>) {
    let days: Vec<Option<Date>> = if a.dated() || b.dated() {
        turning_days(agreement, &[a, b]).into_iter().map(Some).collect()
    } else {
        vec![None]
    };
    let clash = |x: MemberId, y: MemberId| -> Option<String> {
        if x == y {
            return Some(format!("`{}`", key(agreement, x)));
        }
        if !kinds {
            return None;
        }
        let (mx, my) = (agreement.member(x)?, agreement.member(y)?);
        let shared = mx.kinds.iter().find(|k| my.is_of_kind(k.node))?;
        Some(format!(
            "members of kind {} (`{}` and `{}`)",
            kind_name(agreement, shared.node),
            key(agreement, x),
            key(agreement, y)
        ))
    };
    let mut possible: Option<OfficesMayNotBeApart> = None;
    for day in days {
        let (Ok((ta, ha)), Ok((tb, hb))) = (chairs::may_hold(agreement, a, day), chairs::may_hold(agreement, b, day))
        else {
            continue;
        };
        let (ma, mb) = (ha.members(), hb.members());
        let pairs: Vec<(MemberId, MemberId)> = ma.iter().flat_map(|x| mb.iter().map(move |y| (*x, *y))).collect();
        let clashes: Vec<String> = pairs.iter().filter_map(|(x, y)| clash(*x, *y)).collect();
        let when = day.map_or_else(|| "at any time".to_string(), |d| format!("on {}", d.words()));
        let clauses = vec![LabeledSpan::new_with_span(None, ta.span), LabeledSpan::new_with_span(None, tb.span)];
        let Some(first_clash) = clashes.first() else { continue };
        if clashes.len() == pairs.len() {
            out.push(
                OfficesNotApart {
                    decision: None,
                    witness: None,
                    first: a.name.clone(),
                    second: b.name.clone(),
                    why: first_clash.clone(),
                    when,
                    at: at.into(),
                    clauses,
                }
                .into(),
            );
            return;
        }
        possible.get_or_insert(OfficesMayNotBeApart {
            decision: None,
            witness: None,
            first: a.name.clone(),
            second: b.name.clone(),
            why: first_clash.clone(),
            when,
            at: at.into(),
            clauses,
        });
    }
    if let Some(p) = possible {
        out.push(p.into());
    }
}

/// Whether an office's holder is settled on `date` (for the REPL and tests).
#[cfg(test)]
fn settled(agreement: &Agreement, office: &Office, date: Date) -> bool {
    !matches!(
        chairs::may_hold(agreement, office, Some(date)),
        Err(chairs::Vacancy::NoneOn(_) | chairs::Vacancy::TwoOn(..))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<String> {
        let loaded = crate::load::load(text);
        let agreement = loaded.agreement.unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
        let mut out = Vec::new();
        check(&agreement, &mut out);
        out.iter().map(|d| format!("{d}")).collect()
    }

    const MEMBERS: &str = "
member leader
  kinds council
member cabinet
  kinds council
member icb
  kinds nhs
";

    #[test]
    fn a_gap_between_dated_terms_is_found_with_its_days() {
        let text = format!(
            "agreement \"a\"\n  kinds council, nhs\n  from 1 April 2026 to 31 March 2027, the chair is leader\n  from 1 June 2027 to 31 March 2028, the chair is icb\n{MEMBERS}"
        );
        assert_eq!(findings(&text), vec!["nobody holds the chair from 1 April 2027 to 31 May 2027"]);
    }

    #[test]
    fn an_overlap_is_an_error_naming_the_days() {
        let text = format!(
            "agreement \"a\"\n  kinds council, nhs\n  from 1 April 2026 to 31 March 2028, the chair is leader\n  from 1 April 2027, the chair is icb\n{MEMBERS}"
        );
        assert_eq!(findings(&text), vec!["two clauses give the chair from 1 April 2027 to 31 March 2028"]);
    }

    #[test]
    fn the_agreements_period_must_be_covered() {
        let text = format!(
            "agreement \"a\"\n  kinds council, nhs\n  period 1 April 2026 to 31 March 2030\n  from 1 April 2026 to 31 March 2028, the chair is leader\n{MEMBERS}"
        );
        assert_eq!(findings(&text), vec!["nobody holds the chair from 1 April 2028 to 31 March 2030"]);
    }

    #[test]
    fn an_office_for_a_kind_with_no_members_is_an_error() {
        let text =
            format!("agreement \"a\"\n  kinds council, nhs, lay\n  the chair is one of the lay members\n{MEMBERS}");
        assert_eq!(
            findings(&text),
            vec!["the chair is to be held by one of the lay members, and the agreement has none"]
        );
    }

    #[test]
    fn seat_limits_and_parity_name_what_is_broken() {
        let text = format!(
            "agreement \"a\"\n  kinds council, nhs\n{MEMBERS}\nmembership\n  at most 1 council members\n  as many council members as nhs members\n  at least 2 and at most 3 members\n"
        );
        assert_eq!(
            findings(&text),
            vec![
                "the agreement has 2 council members, and this limit allows at most 1",
                "the agreement has 2 council members but 1 nhs member, and this limit says as many of each",
            ]
        );
    }

    #[test]
    fn offices_of_one_kind_on_a_day_break_the_limit_and_a_choice_only_may() {
        let text = format!(
            "agreement \"a\"\n  kinds council, nhs\n  the chair is leader\n  the vice-chair is cabinet\n  the convenor is one of the nhs members\n  the deputy is one of the council members\n{MEMBERS}\nmembership\n  the chair and the vice-chair are of different kinds\n  the chair and the convenor are of different kinds\n  the chair and the deputy are different members\n"
        );
        assert_eq!(
            findings(&text),
            vec![
                "the chair and the vice-chair are both held by members of kind council (`leader` and `cabinet`) at any time",
                "nothing stops the chair and the deputy both being held by `leader` at any time",
            ]
        );
    }

    #[test]
    fn a_two_year_rotation_covers_its_period_and_settles_each_day() {
        let text = format!(
            "agreement \"a\"\n  kinds council, nhs\n  period 1 April 2026 to 31 March 2030\n  the chair rotates between leader and icb every 2 years from 1 April 2026\n{MEMBERS}"
        );
        assert!(findings(&text).is_empty());
        let agreement = crate::load::load(&text).agreement.expect("reads");
        let office = &agreement.offices[0];
        let on =
            |y, m, d| chairs::may_hold(&agreement, office, Some(Date { year: y, month: m, day: d })).map(|(_, h)| h);
        assert_eq!(on(2027, 6, 1), Ok(chairs::MayHold::Member(MemberId(0))));
        assert_eq!(on(2028, 4, 1), Ok(chairs::MayHold::Member(MemberId(2))));
        assert_eq!(on(2030, 4, 1), Ok(chairs::MayHold::Member(MemberId(0))));
        assert!(!settled(&agreement, office, Date { year: 2026, month: 3, day: 31 }));
    }
}
