//! `concord explain` of a fund's instalments: who pays in instalments, and each partner's
//! instalments of the contribution the agreement writes.

use crate::model::instalments::Instalments;
use crate::model::{Agreement, FundDef};
use crate::report::instalments::{instalments_words, who_pays};
use crate::results::explain::Item;

/// The clause in words, with one line a partner that pays in instalments.
pub(super) fn clause(agreement: &Agreement, fund: &FundDef, rule: &Instalments) -> (String, Vec<Item>) {
    let Instalments { count, other_than_host, span: _ } = *rule;
    let cur = &agreement.currency;
    let host = fund.host.map(|h| h.node);
    let items = fund
        .contributions
        .iter()
        .filter(|(id, _)| !(other_than_host && host == Some(*id)))
        .map(|(id, amount)| {
            let key = agreement.member(*id).map_or("?", |m| m.key.as_str());
            let parts = crate::money::instalments::split(amount.node.0, count, cur.minor_unit);
            let text = match parts {
                Some(parts) => format!("{key}: {}.", instalments_words(&parts, cur)),
                None => format!("{key}: its contribution cannot be paid in {count} instalments."),
            };
            Item { depth: 1, text }
        })
        .collect();
    let host_words = match (other_than_host, host.and_then(|h| agreement.member(h))) {
        (true, Some(m)) => format!(" The host, {}, is not bound by this.", m.key),
        _ => String::new(),
    };
    (
        format!(
            "{}.{host_words} The contributions the agreement writes are paid:",
            capitalised(&who_pays(other_than_host, count, cur))
        ),
        items,
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
