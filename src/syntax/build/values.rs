//! Names, references, strings, decimals, percentages, amounts, proportions, dates and durations.

use rust_decimal::Decimal;
use std::str::FromStr;

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, find, first_meaningful, Builder, P};
use crate::span::{Span, Spanned};
use crate::{calendar, digits};

impl Builder {
    pub(super) fn ident(&self, pair: &P<'_>) -> Ident {
        self.spanned(pair, pair.as_str().to_string())
    }

    pub(super) fn kind_filter(&self, pair: &P<'_>) -> Ident {
        self.ident(pair)
    }

    pub(super) fn name_list(&self, list: &P<'_>) -> Vec<Ident> {
        children(list).iter().filter(|p| p.as_rule() == Rule::ref_name).map(|p| self.ident(p)).collect()
    }

    pub(super) fn member_ref(&self, pair: &P<'_>) -> Spanned<MemberRef> {
        let node = match find(pair, Rule::role_ref) {
            Some(role) => {
                let role = match first_meaningful(&role).map(|p| p.as_rule()) {
                    Some(Rule::lead_provider) => Role::LeadProvider,
                    Some(Rule::chair_role) => Role::Chair,
                    _ => Role::Host,
                };
                MemberRef::Role(role)
            }
            None => MemberRef::Id(
                find(pair, Rule::ref_name).map_or_else(|| pair.as_str().to_string(), |n| n.as_str().to_string()),
            ),
        };
        self.spanned(pair, node)
    }

    /// A vote line's members, and beside each who cast its vote when it was not there itself.
    pub(super) fn voter_list(
        &self,
        list: &P<'_>,
    ) -> (Vec<Spanned<MemberRef>>, Vec<Option<Spanned<crate::syntax::ast::CastBy>>>) {
        let mut members = Vec::new();
        let mut cast_by = Vec::new();
        for voter in children(list).iter().filter(|p| p.as_rule() == Rule::voter) {
            let parts = children(voter);
            let Some(member) = parts.iter().find(|p| p.as_rule() == Rule::member_ref) else { continue };
            members.push(self.member_ref(member));
            let by = parts.iter().find(|p| p.as_rule() == Rule::cast_by).and_then(|by| {
                let inner = children(by);
                let how = inner.iter().find(|p| matches!(p.as_rule(), Rule::by_proxy | Rule::by_substitute))?;
                let node = match how.as_rule() {
                    Rule::by_proxy => {
                        let holder = children(how).into_iter().find(|p| p.as_rule() == Rule::member_ref)?;
                        crate::syntax::ast::CastBy::Proxy(self.member_ref(&holder))
                    }
                    _ => crate::syntax::ast::CastBy::Substitute,
                };
                Some(self.spanned(by, node))
            });
            cast_by.push(by);
        }
        (members, cast_by)
    }

    pub(super) fn member_list(&self, list: &P<'_>) -> Vec<Spanned<MemberRef>> {
        children(list).iter().filter(|p| p.as_rule() == Rule::member_ref).map(|p| self.member_ref(p)).collect()
    }

    pub(super) fn figure_name(&self, pair: &P<'_>) -> Spanned<FigureName> {
        let node = match pair.as_str() {
            "budget" => FigureName::Budget,
            "allocation" => FigureName::Allocation,
            "equity" => FigureName::Equity,
            "risk share" => FigureName::RiskShare,
            "reserves" => FigureName::Reserves,
            "investment need" => FigureName::InvestmentNeed,
            "investment" => FigureName::Investment,
            "contribution" => FigureName::Contribution,
            "liability cap" => FigureName::LiabilityCap,
            _ => FigureName::Performance,
        };
        self.spanned(pair, node)
    }

    pub(super) fn string(&self, pair: &P<'_>) -> Spanned<String> {
        let body = find(pair, Rule::string_body).map_or("", |b| b.as_str());
        self.spanned(pair, body.to_string())
    }

    pub(super) fn string_child(&self, parent: &P<'_>) -> Option<Spanned<String>> {
        let s = self.need(parent, Rule::string)?;
        Some(self.string(&s))
    }

    pub(super) fn decision_ref(&self, parent: &P<'_>) -> Option<Spanned<String>> {
        let r = self.need(parent, Rule::decision_ref)?;
        self.string_child(&r)
    }

    /// A decimal as written, commas checked and removed.
    pub(super) fn decimal(&self, pair: &P<'_>) -> Option<Decimal> {
        self.decimal_text(pair.as_str(), self.span(pair))
    }

    pub(super) fn decimal_text(&self, text: &str, span: Span) -> Option<Decimal> {
        let (whole, fraction) = text.split_once('.').map_or((text, None), |(w, f)| (w, Some(f)));
        if whole.contains(',') {
            let groups: Vec<&str> = whole.split(',').collect();
            let ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
                && groups.iter().skip(1).all(|g| g.len() == 3);
            if !ok {
                let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
                let regrouped = digits::group_thousands(&digits);
                let suggestion = match fraction {
                    Some(f) => format!("{regrouped}.{f}"),
                    None => regrouped,
                };
                self.report(SyntaxError::DigitGrouping {
                    text: text.to_string(),
                    at: span.into(),
                    help: format!("write `{suggestion}`, or leave the commas out"),
                });
                return None;
            }
        }
        let plain: String = text.chars().filter(|c| *c != ',').collect();
        match Decimal::from_str_exact(&plain) {
            Ok(value) => Some(value),
            Err(_) => {
                self.report(SyntaxError::NumberTooLarge { text: text.to_string(), at: span.into() });
                None
            }
        }
    }

    pub(super) fn percent(&self, pair: &P<'_>) -> Option<Spanned<Decimal>> {
        let d = self.need(pair, Rule::decimal)?;
        let value = self.decimal(&d)?;
        Some(self.spanned(pair, value))
    }

    pub(super) fn amount(&self, pair: &P<'_>) -> Option<Spanned<Amount>> {
        let d = self.need(pair, Rule::decimal)?;
        let mut value = self.decimal(&d)?;
        if let Some(m) = find(pair, Rule::magnitude) {
            let factor = match m.as_str() {
                "k" => Decimal::from(1_000),
                "m" => Decimal::from(1_000_000),
                _ => Decimal::from(1_000_000_000),
            };
            match value.checked_mul(factor) {
                Some(v) => value = v,
                None => {
                    self.report(SyntaxError::NumberTooLarge {
                        text: pair.as_str().to_string(),
                        at: self.span(pair).into(),
                    });
                    return None;
                }
            }
        }
        let currency = match (find(pair, Rule::currency_symbol), find(pair, Rule::currency_code)) {
            (Some(s), _) => self.spanned(&s, CurrencyMark::Symbol(s.as_str().chars().next().unwrap_or('£'))),
            (_, Some(c)) => self.spanned(&c, CurrencyMark::Code(c.as_str().to_string())),
            _ => {
                self.shape(pair)?;
                return None;
            }
        };
        Some(self.spanned(pair, Amount { value, currency }))
    }

    pub(super) fn proportion(&self, pair: &P<'_>) -> Option<Spanned<Proportion>> {
        let inner = first_meaningful(pair)?;
        let hundred = Decimal::from(100);
        let node = match inner.as_rule() {
            Rule::percent => Proportion {
                numerator: self.percent(&inner)?.node,
                denominator: hundred,
                form: ProportionForm::Percent,
            },
            Rule::ratio => {
                let text = inner.as_str();
                let (n, d) = text.split_once('/')?;
                let span = self.span(&inner);
                let numerator = self.decimal_text(n, span)?;
                let denominator = self.decimal_text(d, span)?;
                if denominator.is_zero() {
                    self.report(SyntaxError::ZeroDenominator { text: text.to_string(), at: span.into() });
                    return None;
                }
                Proportion { numerator, denominator, form: ProportionForm::Ratio }
            }
            _ => {
                let (numerator, denominator) = match inner.as_str() {
                    "half" => (1, 2),
                    "two thirds" => (2, 3),
                    "three quarters" => (3, 4),
                    "one third" | "a third" => (1, 3),
                    _ => (1, 4),
                };
                Proportion {
                    numerator: Decimal::from(numerator),
                    denominator: Decimal::from(denominator),
                    form: ProportionForm::Words,
                }
            }
        };
        Some(self.spanned(pair, node))
    }

    pub(super) fn date(&self, pair: &P<'_>) -> Option<Spanned<Date>> {
        let inner = first_meaningful(pair)?;
        let text = inner.as_str();
        let parsed = if inner.as_rule() == Rule::iso_date {
            let mut parts = text.split('-');
            let year = parts.next().and_then(|p| u16::from_str(p).ok());
            let month = parts.next().and_then(|p| u8::from_str(p).ok());
            let day = parts.next().and_then(|p| u8::from_str(p).ok());
            year.zip(month).zip(day).map(|((y, m), d)| (y, m, d))
        } else {
            let words: Vec<&str> = text.split_whitespace().collect();
            match words.as_slice() {
                [day, month, year] => {
                    // BOUND: `i` indexes the twelve months.
                    #[allow(clippy::arithmetic_side_effects)]
                    let month = MONTHS.iter().position(|m| m == month).and_then(|i| u8::try_from(i + 1).ok());
                    u16::from_str(year).ok().zip(month).zip(u8::from_str(day).ok()).map(|((y, m), d)| (y, m, d))
                }
                _ => None,
            }
        };
        match parsed.filter(|(y, m, d)| *y >= 1900 && calendar::is_date(*y, *m, *d)) {
            Some((year, month, day)) => Some(self.spanned(pair, Date { year, month, day })),
            None => {
                self.report(SyntaxError::InvalidDate { text: text.to_string(), at: self.span(pair).into() });
                None
            }
        }
    }

    pub(super) fn duration(&self, pair: &P<'_>) -> Option<Spanned<Duration>> {
        let count_pair = self.need(pair, Rule::integer)?;
        let Ok(count) = count_pair.as_str().parse::<u32>() else {
            self.report(SyntaxError::NumberTooLarge {
                text: count_pair.as_str().to_string(),
                at: self.span(&count_pair).into(),
            });
            return None;
        };
        let unit_text = self.need(pair, Rule::duration_unit)?.as_str().to_string();
        // `12 months' notice`, `1 month's notice`: the possessive is not part of the unit.
        let unit_text =
            unit_text.trim_end_matches("'s").trim_end_matches("’s").trim_end_matches(['\'', '’']).to_string();
        let unit = match unit_text.as_str() {
            "working days" | "working day" => DurationUnit::WorkingDays,
            "days" | "day" => DurationUnit::Days,
            "weeks" | "week" => DurationUnit::Weeks,
            "months" | "month" => DurationUnit::Months,
            _ => DurationUnit::Years,
        };
        Some(self.spanned(pair, Duration { count, unit }))
    }
}
