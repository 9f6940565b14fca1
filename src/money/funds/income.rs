//! Conditional income into a fund (issue 16, item 5): `income £2,800,000 if "emergency
//! admissions" fall by at least 4.2%`. The year's result gives the measure's change; the income
//! is earned when the change meets the target exactly (a fall of 4.2% meets "at least 4.2%"),
//! and an earned income joins the fund's pot, after the lines' offsetting, to be shared by the
//! fund's own waterfall. Income not earned is shown in the working as not earned, never dropped
//! from view.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{add, Stop};
use crate::model::{FundDef, YearEnd};
use crate::span::Span;

/// One conditional income's working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomeWorking {
    /// The measure's name as written.
    pub measure: String,
    /// The income when earned (rounded down to the minor unit).
    pub amount: Decimal,
    /// Whether the target is a fall (`fall by at least`) rather than a rise.
    pub fall: bool,
    /// The target, in percent.
    pub target: Decimal,
    /// The measure's change as the result gives it, in percent: positive a rise, negative a fall.
    pub change: Decimal,
    /// Whether the change meets the target.
    pub earned: bool,
    /// What the fund receives: the amount when earned, else zero.
    pub received: Decimal,
    /// Where the income is written.
    pub span: Span,
}

/// The fund's conditional incomes and the total earned. A measure the result does not give is
/// refused before the engine runs (`concord::model::missing_measure`); should one be missing
/// here all the same, the income is not earned and the working says the change is zero.
pub(super) fn incomes(fund: &FundDef, result: &YearEnd, unit: Decimal) -> Result<(Vec<IncomeWorking>, Decimal), Stop> {
    let mut out = Vec::with_capacity(fund.incomes.len());
    let mut total = Decimal::ZERO;
    for income in &fund.incomes {
        let amount = super::super::rounding::floor_to_unit(income.amount.node.0.max(Decimal::ZERO), unit)
            .unwrap_or(Decimal::ZERO);
        let given = result.measure(&income.measure.node).map(|c| c.node);
        let change = given.unwrap_or(Decimal::ZERO);
        let earned = given.is_some() && income.earned(change);
        // Not earned: nothing, written to the minor unit like every other amount.
        let received = if earned { amount } else { less_self(amount) };
        total = add(total, received, income.span)?;
        out.push(IncomeWorking {
            measure: income.measure.node.clone(),
            amount,
            fall: income.fall,
            target: income.target.node,
            change,
            earned,
            received,
            span: income.span,
        });
    }
    Ok((out, total))
}

/// Zero at the scale of `amount` (`0.00` for pennies).
fn less_self(amount: Decimal) -> Decimal {
    let mut zero = Decimal::ZERO;
    zero.rescale(amount.scale());
    zero
}
