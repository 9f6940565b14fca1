//! Conditional money in a fund (issue 16, item 5): the rules written in a fund block that could
//! never apply there are refused, because a rule the working silently never uses would mislead a
//! reader of the agreement.

use super::*;

impl Lowerer<'_> {
    /// Refuses conditional income in a risk pool (a pool's balance is its contributions, and it
    /// is never worked out as a fund) and the maladministration rule in a fund without lines (a
    /// year's result names the line whose overspend was caused).
    pub(super) fn conditions_apply(&mut self, fund: &FundDef) {
        if fund.kind == FundKind::RiskPool && fund.lines.is_empty() {
            for income in &fund.incomes {
                self.errors.push(LowerError::from(crate::model::InputsError::ConditionCannotApply {
                    what: "income earned on a measure".into(),
                    fund: fund.name.clone(),
                    at: income.span.into(),
                    help: "a risk pool's balance is the sum of its contributions; put the income in the pooled fund it should reach".into(),
                }));
            }
        }
        if let (Some(span), true) = (fund.maladministration, fund.lines.is_empty()) {
            self.errors.push(LowerError::from(crate::model::InputsError::ConditionCannotApply {
                what: "the rule for an overspend caused by maladministration".into(),
                fund: fund.name.clone(),
                at: span.into(),
                help: "a year's result names the line whose overspend was caused; give the fund its lines (`line \"…\" £…`), or remove the rule".into(),
            }));
        }
    }
}
