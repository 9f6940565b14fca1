//! The agreement's currency, and sums of money checked against it.

use super::*;

const CURRENCIES: [(&str, Option<char>, u32); 10] = [
    ("GBP", Some('£'), 2),
    ("EUR", Some('€'), 2),
    ("USD", Some('$'), 2),
    ("AUD", Some('$'), 2),
    ("CAD", Some('$'), 2),
    ("NZD", Some('$'), 2),
    ("CHF", None, 2),
    ("SEK", None, 2),
    ("NOK", None, 2),
    ("JPY", None, 0),
];

fn currency_for_symbol(symbol: char) -> &'static str {
    match symbol {
        '€' => "EUR",
        '$' => "USD",
        _ => "GBP",
    }
}

/// Words of the language that cannot name a member, kind or bloc (the grammar's `reserved`).
impl Lowerer<'_> {
    pub(super) fn currency(&mut self, clause: Option<(Spanned<String>, Option<Spanned<Decimal>>)>) {
        match clause {
            Some((code, minor_unit)) => {
                let known = CURRENCIES.iter().find(|(c, _, _)| *c == code.node);
                let minor = match (&minor_unit, known) {
                    (Some(m), _) => {
                        let valid = m.node > Decimal::ZERO
                            && m.node <= Decimal::ONE
                            && (0..=12).any(|scale| m.node == Decimal::new(1, scale));
                        if !valid {
                            self.errors.push(LowerError::InvalidMinorUnit { at: m.span.into() });
                        }
                        m.node.normalize()
                    }
                    (None, Some((_, _, places))) => Decimal::new(1, *places),
                    (None, None) => {
                        self.errors.push(LowerError::UnknownCurrency { code: code.node.clone(), at: code.span.into() });
                        Decimal::new(1, 2)
                    }
                };
                self.currency = Currency {
                    code: code.node.clone(),
                    symbol: known.and_then(|(_, s, _)| *s),
                    minor_unit: minor,
                    span: Some(code.span),
                };
            }
            None => {
                // No currency clause: the first amount written decides it.
                let first_mark = self.file.blocks.iter().flat_map(|b| b.clauses.iter()).find_map(|c| match &c.node {
                    Clause::Member(ast::MemberClause::Figure { value, .. }) => match &value.node {
                        ast::FigureValue::Amount(a) => Some(a.currency.node.clone()),
                        _ => None,
                    },
                    _ => None,
                });
                let code = match first_mark {
                    Some(CurrencyMark::Symbol(s)) => currency_for_symbol(s).to_string(),
                    Some(CurrencyMark::Code(c)) => c,
                    None => "GBP".to_string(),
                };
                let known = CURRENCIES.iter().find(|(c, _, _)| *c == code);
                self.currency = Currency {
                    code,
                    symbol: known.and_then(|(_, s, _)| *s),
                    minor_unit: Decimal::new(1, known.map_or(2, |(_, _, p)| *p)),
                    span: None,
                };
            }
        }
    }

    /// Converts an amount, checking its currency.
    pub(super) fn money(&mut self, amount: &Spanned<ast::Amount>) -> Money {
        let matches = match &amount.node.currency.node {
            CurrencyMark::Symbol(s) => self.currency.symbol == Some(*s),
            CurrencyMark::Code(c) => *c == self.currency.code,
        };
        if !matches {
            self.errors.push(LowerError::CurrencyMismatch {
                currency: self.currency.code.clone(),
                at: amount.node.currency.span.into(),
                declared: self.currency.span.map(Into::into),
            });
        }
        Money(amount.node.value)
    }
}
