//! A fund's instalments (`members other than the host pay their contributions in 4 equal
//! instalments`): the count is refused when it is 0, more than one a day, or more than a
//! partner's contribution has minor units; the host-relative wording when the fund has no host.

use super::*;
use crate::model::instalments::{Instalments, InstalmentsError, MAX_INSTALMENTS};
use crate::money::instalments::{why_not, Unsplittable};

impl Lowerer<'_> {
    /// The clause as the model keeps it, or `None` (with the error) when its count is refused
    /// whatever the contributions.
    pub(super) fn instalments(
        &mut self,
        count: &Spanned<u32>,
        other_than_host: bool,
        span: Span,
    ) -> Option<Instalments> {
        if count.node == 0 {
            self.errors.push(InstalmentsError::None { at: count.span.into() }.into());
            return None;
        }
        if count.node > MAX_INSTALMENTS {
            self.errors.push(InstalmentsError::MoreThanDaily { count: count.node, at: count.span.into() }.into());
            return None;
        }
        Some(Instalments { count: count.node, other_than_host, span })
    }

    /// Refuses instalments that the fund's contributions cannot be paid in, and `members other
    /// than the host` in a fund with no host.
    pub(super) fn instalments_apply(&mut self, fund: &FundDef) {
        let Some(rule) = fund.instalments else { return };
        if rule.other_than_host && fund.host.is_none() {
            self.errors.push(InstalmentsError::WithoutHost { fund: fund.name.clone(), at: rule.span.into() }.into());
            return;
        }
        let unit = self.currency.minor_unit;
        let words = |d: Decimal| crate::money::format_exact(d, &self.currency, 28);
        let mut errors = Vec::new();
        for (id, amount) in &fund.contributions {
            if rule.other_than_host && fund.host.is_some_and(|h| h.node == *id) {
                continue;
            }
            let Some(member) = self.members.get(id.index()) else { continue };
            let Some(why) = why_not(amount.node.0, rule.count, unit) else { continue };
            let error = match why {
                Unsplittable::PartUnit => InstalmentsError::PartUnit {
                    member: member.key.clone(),
                    amount: words(amount.node.0),
                    unit: crate::money::format_money(unit, &self.currency),
                    at: rule.span.into(),
                    contribution: amount.span.into(),
                },
                Unsplittable::TooSmall => InstalmentsError::TooMany {
                    member: member.key.clone(),
                    amount: words(amount.node.0),
                    unit: crate::money::format_money(unit, &self.currency),
                    count: rule.count,
                    most: amount
                        .node
                        .0
                        .checked_div(unit)
                        .map_or_else(|| "no".to_string(), |u| crate::money::format_number(u.floor())),
                    at: rule.span.into(),
                    contribution: amount.span.into(),
                },
            };
            errors.push(error.into());
        }
        self.errors.extend(errors);
    }
}
