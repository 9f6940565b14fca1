//! The measures a year-end result gives for conditional money (issue 16, item 5):
//! `"emergency admissions" fell by 5.1%` or `rose by 1%`.

use rust_decimal::Decimal;

use super::YearEnd;
use crate::model::error::LowerError;
use crate::span::Spanned;

impl super::InputLowerer<'_> {
    /// Records one measure the result gives: its change in percent, a fall negative.
    pub(super) fn measure_clause(
        &mut self,
        result: &mut YearEnd,
        name: &Spanned<String>,
        fell: bool,
        by: Spanned<Decimal>,
    ) {
        let names: Vec<&str> =
            self.agreement.funds.iter().flat_map(|f| f.incomes.iter().map(|i| i.measure.node.as_str())).collect();
        if !names.contains(&name.node.as_str()) {
            let help = match crate::suggest::nearest(&name.node, names.iter().copied()) {
                Some(near) => format!("did you mean “{near}”?"),
                None if names.is_empty() => {
                    "no income in the agreement depends on a measure; remove this line".to_string()
                }
                None => format!(
                    "the measures the agreement's incomes name are: {}",
                    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                ),
            };
            self.errors.push(LowerError::UnknownMeasure { measure: name.node.clone(), at: name.span.into(), help });
            return;
        }
        if let Some(first) = result.measures.iter().find(|(n, _)| n.node == name.node) {
            self.errors.push(LowerError::DuplicateClause {
                what: format!("the measure “{}”", name.node),
                first: first.0.span.into(),
                second: name.span.into(),
            });
            return;
        }
        let change = if fell { -by.node } else { by.node };
        result.measures.push((name.clone(), Spanned::new(change, by.span)));
    }
}
