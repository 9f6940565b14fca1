//! Offices (`the chair rotates between …`) and the make-up of the membership
//! (`at most 7 members`): issue 21, items 1 and 3.

use super::super::ast::*;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, has, Builder, P};
use crate::span::Spanned;

impl Builder {
    /// `[from DATE [to DATE],] the OFFICE HOLDING`
    pub(super) fn office_clause(&self, inner: &P<'_>) -> Option<OfficeClause> {
        let office = self.ident(&self.need(&self.need(inner, Rule::office_name)?, Rule::ref_name)?);
        let (mut from, mut to) = (None, None);
        if let Some(window) = find(inner, Rule::office_window) {
            let dates: Vec<_> = children(&window).into_iter().filter(|p| p.as_rule() == Rule::date).collect();
            let until = window.as_str().trim_start().starts_with("until");
            match dates.as_slice() {
                [one] if until => to = Some(self.date(one)?),
                [one] => from = Some(self.date(one)?),
                [first, last] => {
                    from = Some(self.date(first)?);
                    to = Some(self.date(last)?);
                }
                _ => {
                    self.shape(&window)?;
                    return None;
                }
            }
        }
        let holding_pair = self.need(inner, Rule::office_holding)?;
        let how = first_meaningful(&holding_pair)?;
        let holding = match how.as_rule() {
            Rule::office_one_of => OfficeHolding::OneOf(self.ident(&self.need(&how, Rule::ref_name)?)),
            Rule::office_is => OfficeHolding::Member(self.member_ref(&self.need(&how, Rule::member_ref)?)),
            Rule::office_alternates => OfficeHolding::Alternates(self.holders(&self.need(&how, Rule::holder_list)?)),
            Rule::office_rotates => OfficeHolding::Rotates {
                between: self.holders(&self.need(&how, Rule::holder_list)?),
                every: self.duration(&self.need(&how, Rule::duration)?)?,
                from: self.date(&self.need(&how, Rule::date)?)?,
            },
            _ => {
                self.shape(&how)?;
                return None;
            }
        };
        Some(OfficeClause { office, from, to, holding: self.spanned(&holding_pair, holding) })
    }

    fn holders(&self, list: &P<'_>) -> Vec<Spanned<OfficeHolder>> {
        children(list)
            .into_iter()
            .filter(|p| p.as_rule() == Rule::office_holder)
            .map(|h| {
                let node = if has(&h, Rule::k_members) {
                    OfficeHolder::Kind(find(&h, Rule::ref_name).map_or_else(String::new, |n| n.as_str().to_string()))
                } else {
                    match find(&h, Rule::member_ref) {
                        Some(m) => OfficeHolder::Member(self.member_ref(&m).node),
                        None => OfficeHolder::Member(MemberRef::Id(h.as_str().to_string())),
                    }
                };
                self.spanned(&h, node)
            })
            .collect()
    }

    /// `at least 2 and at most 4 provider members`, `as many … as …`, `the chair and the
    /// vice-chair are of different kinds`.
    pub(super) fn makeup_clause(&self, clause: &P<'_>) -> Option<MakeupLimit> {
        let inner = first_meaningful(clause)?;
        let count = |rule: Rule| -> Option<Option<crate::span::Spanned<u32>>> {
            let Some(part) = find(&inner, rule) else { return Some(None) };
            let n = self.need(&part, Rule::integer)?;
            match n.as_str().parse::<u32>() {
                Ok(v) => Some(Some(self.spanned(&n, v))),
                Err(_) => {
                    self.report(super::super::error::SyntaxError::NumberTooLarge {
                        text: n.as_str().to_string(),
                        at: self.span(&n).into(),
                    });
                    None
                }
            }
        };
        Some(match inner.as_rule() {
            Rule::seat_count => {
                let exactly = count(Rule::seat_exactly)?;
                let (at_least, at_most) = match exactly {
                    Some(n) => (Some(n), Some(n)),
                    None => (count(Rule::seat_at_least)?, count(Rule::seat_at_most)?),
                };
                MakeupLimit::Count {
                    at_least,
                    at_most,
                    kind: find(&inner, Rule::kind_filter).map(|k| self.kind_filter(&k)),
                }
            }
            Rule::seat_parity => {
                let names: Vec<_> = children(&inner).into_iter().filter(|p| p.as_rule() == Rule::ref_name).collect();
                let [first, second] = names.as_slice() else {
                    self.shape(&inner)?;
                    return None;
                };
                MakeupLimit::Parity { first: self.ident(first), second: self.ident(second) }
            }
            Rule::offices_apart => {
                let names: Vec<_> = children(&inner)
                    .into_iter()
                    .filter(|p| p.as_rule() == Rule::office_name)
                    .filter_map(|p| find(&p, Rule::ref_name))
                    .collect();
                let [first, second] = names.as_slice() else {
                    self.shape(&inner)?;
                    return None;
                };
                MakeupLimit::Apart {
                    first: self.ident(first),
                    second: self.ident(second),
                    kinds: has(&inner, Rule::apart_kinds),
                }
            }
            Rule::seats_drawn_apart => {
                MakeupLimit::DrawnApart { kind: self.ident(&self.need(&inner, Rule::ref_name)?) }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }
}
