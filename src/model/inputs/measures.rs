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
            self.errors.push(LowerError::from(crate::model::InputsError::UnknownMeasure {
                measure: name.node.clone(),
                at: name.span.into(),
                help,
            }));
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
        // BOUND: negating a decimal flips its sign and cannot overflow.
        #[allow(clippy::arithmetic_side_effects)]
        let change = if fell { -by.node } else { by.node };
        result.measures.push((name.clone(), Spanned::new(change, by.span)));
    }
}

impl super::InputLowerer<'_> {
    /// Records that the overspend on `line` was caused by maladministration by `by`. The line must
    /// be a line of a fund that says who bears such an overspend.
    pub(super) fn maladministration_clause(
        &mut self,
        result: &mut YearEnd,
        line: &Spanned<String>,
        by: &Spanned<crate::syntax::ast::MemberRef>,
    ) {
        let found = self
            .agreement
            .funds
            .iter()
            .enumerate()
            .find_map(|(fi, f)| f.lines.iter().position(|l| l.name == line.node).map(|li| (fi, li)));
        let Some((fund, index)) = found else {
            let names: Vec<&str> =
                self.agreement.funds.iter().flat_map(|f| f.lines.iter().map(|l| l.name.as_str())).collect();
            let help = match crate::suggest::nearest(&line.node, names.iter().copied()) {
                Some(near) => format!("did you mean “{near}”?"),
                None => "name a line of one of the agreement's funds (`line \"…\"`)".to_string(),
            };
            self.errors.push(LowerError::from(crate::model::InputsError::NotAFund {
                name: line.node.clone(),
                sort: "a line".into(),
                at: line.span.into(),
                help,
            }));
            return;
        };
        let Some(member) = self.member(by) else { return };
        let Some(def) = self.agreement.funds.get(fund) else { return };
        if def.maladministration.is_none() {
            self.errors.push(LowerError::from(crate::model::InputsError::CauseNotProvided {
                line: line.node.clone(),
                fund: def.name.clone(),
                at: line.span.into(),
                help: format!(
                    "the agreement must say who bears it: add `an overspend caused by maladministration is borne by the partner responsible` to the fund “{}”, or remove this line",
                    def.name
                ),
            }));
            return;
        }
        if let Some(first) = result.maladministration.iter().find(|m| m.fund == fund && m.line == index) {
            self.errors.push(LowerError::DuplicateClause {
                what: format!("the cause of the overspend on “{}”", line.node),
                first: first.span.into(),
                second: line.span.into(),
            });
            return;
        }
        result.maladministration.push(super::Maladministration {
            fund,
            line: index,
            by: Spanned::new(member, by.span),
            span: line.span,
        });
    }

    /// Refuses a cause given for a line of fund `fi` that did not overspend: only an overspend can
    /// be caused by maladministration, and reading it otherwise would be a guess.
    pub(super) fn overspent_lines(&mut self, result: &YearEnd, fi: usize) {
        let Some(fund) = self.agreement.funds.get(fi) else { return };
        for m in result.maladministration.iter().filter(|m| m.fund == fi) {
            let (Some(line), Some(cost)) = (fund.lines.get(m.line), result.cost_of(fi, Some(m.line))) else { continue };
            if cost.node.0 <= line.budget.node.0 {
                self.errors.push(LowerError::from(crate::model::InputsError::NotAnOverspend {
                    line: line.name.clone(),
                    at: m.span.into(),
                    help: format!(
                        "its actual cost ({}) is not above its budget ({}); remove this line, or correct the actual cost",
                        crate::money::format_money(cost.node.0, &self.agreement.currency),
                        crate::money::format_money(line.budget.node.0, &self.agreement.currency)
                    ),
                }));
            }
        }
    }
}
