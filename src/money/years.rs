//! Across years (issue 16, item 4): an underspend carried forward into a fund's next year, next
//! year's contributions from this year's with the fund's uplift, and a year that follows another.
//!
//! # Carrying forward
//!
//! A step `50% carried forward to next year` of a fund's savings waterfall takes its amount as
//! `50% to "…"` would (a percentage of the fund's whole surplus, a sum or what is left, with the
//! same rounding) and carries it into the fund's next year. With `, subject to "DECISION"`, the
//! year's result must say `"DECISION" was agreed` (the amount is carried) or `"DECISION" was not
//! agreed` (nothing is carried, and the waterfall goes on to its next step with what it had). A
//! result silent about it, where the step has something to carry, is refused
//! (`concord::eval::carry_forward_not_settled`): whether the money stays or is shared is never
//! guessed.
//!
//! # Next year's contributions
//!
//! `next year's contributions are this year's plus 2.5%` (or `less 1%`): this year's agreed
//! contributions, whatever the year's variances. The total of this year's contributions times
//! `1 + 2.5/100` is rounded to the minor unit, half away from zero, and split between the partners
//! in proportion to this year's contributions by the largest remainder (ties to the partner
//! written first in the agreement), so the partners' contributions add up to the total to the
//! penny.
//!
//! # A year that follows another
//!
//! A scenario `follows` an earlier one: each year's result before it is worked out in order, each
//! from where the one before left it. A year starts with each fund's contributions as the year
//! before set them (where the fund has an uplift) and with what the year before carried forward,
//! which joins the fund's pot (after its lines' offsetting, like income earned) and is shared by
//! the fund's own waterfall. A proposal before it leaves the agreement as
//! [`crate::sequence::agreement_after`] says.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::funds::working::ContributionWorking;
use super::notes::{Destination, Note, StepRule};
use super::{Context, MoneyError, StepWorking, YearEndWorking};
use crate::model::scenario::Earlier;
use crate::model::{Agreement, DecisionId, FundDef, MemberId, YearEnd};
use crate::span::Spanned;

/// What one year passes on to the next for one fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FundStart {
    /// The fund, an index into the agreement's funds.
    pub fund: usize,
    /// What the year before carried forward into it.
    pub brought_forward: Decimal,
    /// Its contributions for the year, when the year before uplifted them.
    pub contributions: Option<Vec<(MemberId, Decimal)>>,
}

/// Where a year that follows another starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct YearStart {
    /// The year it follows (its result's title).
    pub follows: String,
    /// Each fund's start.
    pub funds: Vec<FundStart>,
}

impl YearStart {
    /// The start of fund `fund`, if the year before passed anything on to it.
    pub fn fund(&self, fund: usize) -> Option<&FundStart> {
        self.funds.iter().find(|f| f.fund == fund)
    }
}

/// Whether a carry forward subject to `decision` is made: `Some(true)` when there is no decision
/// or the result says it was agreed, `Some(false)` when it says it was not (the step's working
/// then says so), `None` when the result is silent and there is something to carry (an error).
pub(crate) fn carry_settled(
    ctx: &mut Context<'_>,
    amount: &crate::model::Reinvest,
    decision: Option<&Spanned<DecisionId>>,
    left: Decimal,
    working: &mut StepWorking,
) -> Option<bool> {
    let Some(decision) = decision else { return Some(true) };
    let name = ctx.agreement.decisions.get(decision.node.index()).map_or_else(String::new, |d| d.name.clone());
    working.rule = StepRule::Take { amount: amount.into(), to: carry_destination(ctx, Some(decision)), rounding: None };
    if ctx.result.agreed.iter().any(|a| a.node == decision.node) {
        working.notes.push(Note::DecisionAgreed { name });
        return Some(true);
    }
    if ctx.result.not_agreed.iter().any(|a| a.node == decision.node) {
        working.notes.push(Note::DecisionNotAgreed { name });
        return Some(false);
    }
    if left.is_zero() {
        working.notes.push(Note::NothingToCarryDecision { name });
        return Some(false);
    }
    ctx.diagnostics.push(MoneyError::CarryForwardNotSettled {
        decision: name.clone(),
        fund: ctx.agreement.title.node.clone(),
        title: ctx.result.title.node.clone(),
        at: ctx.result.title.span.into(),
        help: format!(
            "add `\"{name}\" was agreed` or `\"{name}\" was not agreed` to the result: the underspend of “{}” is carried forward only if it was agreed",
            ctx.agreement.title.node
        ),
    });
    None
}

/// Whether a carry forward subject to each partner's own approval is made: `Some(true)` when the
/// result says every partner of the fund approved it, `Some(false)` when it says one did not (the
/// step's working names who), `None` when it is silent about a partner and there is something to
/// carry (an error).
pub(crate) fn approvals_settled(
    ctx: &mut Context<'_>,
    amount: &crate::model::Reinvest,
    left: Decimal,
    working: &mut StepWorking,
) -> Option<bool> {
    working.rule = StepRule::Take { amount: amount.into(), to: Destination::CarryForwardEachPartner, rounding: None };
    let mut refused = Vec::new();
    let mut silent = Vec::new();
    for m in &ctx.participants {
        match ctx.result.approvals.iter().find(|(a, _)| a.node == m.id) {
            Some((_, true)) => {}
            Some((_, false)) => refused.push(m.name.clone()),
            None => silent.push(m.key.clone()),
        }
    }
    if !refused.is_empty() {
        working.notes.push(Note::ApprovalRefused { names: refused });
        return Some(false);
    }
    if silent.is_empty() {
        working.notes.push(Note::EachApproved);
        return Some(true);
    }
    if left.is_zero() {
        working.notes.push(Note::NothingToCarryApprovals);
        return Some(false);
    }
    let lines: Vec<String> = silent.iter().map(|k| format!("`{k} approved the carry forward`")).collect();
    ctx.diagnostics.push(MoneyError::ApprovalNotSettled {
        partners: silent.join(", "),
        fund: ctx.agreement.title.node.clone(),
        title: ctx.result.title.node.clone(),
        at: ctx.result.title.span.into(),
        help: format!(
            "add {} (or `… did not approve the carry forward`) to the result: the underspend of “{}” is carried forward only if each partner approved it",
            lines.join(" and "),
            ctx.agreement.title.node
        ),
    });
    None
}

/// Where a carry forward puts its amount: the fund's next year, subject to the decision's name
/// when it has one.
pub(crate) fn carry_destination(ctx: &Context<'_>, decision: Option<&Spanned<DecisionId>>) -> Destination {
    Destination::CarryForward(
        decision.and_then(|d| ctx.agreement.decisions.get(d.node.index())).map(|d| d.name.clone()),
    )
}

/// The party that takes what is carried forward: the fund's next year.
pub(crate) fn next_year(ctx: &Context<'_>) -> String {
    format!("next year's “{}”", ctx.agreement.title.node)
}

/// Next year's contributions to `fund`, with its uplift, in the order of its contributions: the
/// total uplifted and rounded half away from zero, split by this year's contributions by the
/// largest remainder. `None` when the fund has no uplift; `Err` on overflow.
pub(crate) fn next_contributions(
    agreement: &Agreement,
    fund: &FundDef,
) -> Result<Option<Vec<ContributionWorking>>, Box<MoneyError>> {
    let Some(uplift) = &fund.uplift else { return Ok(None) };
    let unit = agreement.currency.minor_unit;
    let overflow = || {
        Box::new(MoneyError::Overflow {
            what: "next year's contributions".into(),
            file: super::MoneyFile::Agreement,
            at: uplift.span.into(),
        })
    };
    let this_year: Vec<Decimal> = fund.contributions.iter().map(|(_, a)| a.node.0.max(Decimal::ZERO)).collect();
    let total = crate::exact::checked_sum(this_year.iter().copied()).ok_or_else(overflow)?;
    let factor = Decimal::ONE_HUNDRED.checked_add(uplift.node.0).ok_or_else(overflow)?.max(Decimal::ZERO);
    let next_total = total
        .checked_mul(factor)
        .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        .ok_or_else(overflow)
        .map(|x| super::round_half_away(x, unit))?;
    let rank: Vec<usize> = fund
        .contributions
        .iter()
        .map(|(id, _)| agreement.members.iter().position(|m| m.id == *id).unwrap_or(usize::MAX))
        .collect();
    let parts = match super::funds::lines::split_ranked(next_total, &this_year, &rank, unit).map(|r| r.shares) {
        Some(parts) => parts,
        None if this_year.iter().all(Decimal::is_zero) => vec![Decimal::ZERO; this_year.len()],
        None => return Err(overflow()),
    };
    Ok(Some(
        fund.contributions
            .iter()
            .zip(parts)
            .filter_map(|((id, _), amount)| {
                let m = agreement.member(*id)?;
                Some(ContributionWorking { member: m.key.clone(), name: m.name.clone(), amount })
            })
            .collect(),
    ))
}

/// What a year's working passes on to the year that follows it.
fn start_after(agreement: &Agreement, working: &YearEndWorking) -> YearStart {
    let mut start = YearStart { follows: working.title.clone(), funds: Vec::new() };
    let Some(funds) = &working.funds else { return start };
    let id = |key: &str| agreement.members.iter().find(|m| m.key == key).map(|m| m.id);
    for (index, fund) in agreement.funds.iter().enumerate() {
        let worked = funds.funds.iter().find(|f| f.index == index);
        let brought_forward = worked.map_or(Decimal::ZERO, |f| f.carried_forward);
        let next = worked.and_then(|f| f.next_contributions.as_ref()).or_else(|| {
            funds.risk_pools.iter().find(|p| p.name == fund.name).and_then(|p| p.next_contributions.as_ref())
        });
        let contributions = next.map(|c| c.iter().filter_map(|c| Some((id(&c.member)?, c.amount))).collect());
        start.funds.push(FundStart { fund: index, brought_forward, contributions });
    }
    start
}

/// The agreement a year is worked out under, with each fund's contributions as `start` sets them.
pub(crate) fn with_contributions<'a>(agreement: &'a Agreement, start: Option<&YearStart>) -> Cow<'a, Agreement> {
    let Some(start) = start.filter(|s| s.funds.iter().any(|f| f.contributions.is_some())) else {
        return Cow::Borrowed(agreement);
    };
    let mut changed = agreement.clone();
    for (index, fund) in changed.funds.iter_mut().enumerate() {
        let Some(next) = start.fund(index).and_then(|f| f.contributions.as_ref()) else { continue };
        for (id, amount) in &mut fund.contributions {
            if let Some((_, a)) = next.iter().find(|(m, _)| m == id) {
                amount.node = crate::model::Money(*a);
            }
        }
    }
    Cow::Owned(changed)
}

/// For each fund of `was` with lines, how much its contributions in `now` (as the year before set
/// them) exceed those `was` writes: money paid in beyond the lines' budgets, which joins the
/// fund's pot (negative when they fell). Zero for a fund without lines, whose budget is its
/// contributions.
pub(crate) fn beyond_lines(was: &Agreement, now: &Agreement) -> Vec<Decimal> {
    let sum = |f: &FundDef| crate::exact::checked_sum(f.contributions.iter().map(|(_, a)| a.node.0));
    was.funds
        .iter()
        .zip(&now.funds)
        .map(|(w, n)| match (w.lines.is_empty(), sum(n), sum(w)) {
            (false, Some(n), Some(w)) => n.checked_sub(w).unwrap_or_default(),
            _ => Decimal::ZERO,
        })
        .collect()
}

/// Works out `result`, which follows the steps in its `earlier`: each earlier year first, in
/// order, each from where the one before left it.
pub(crate) fn evaluate_following(agreement: &Agreement, result: &YearEnd) -> super::Evaluation {
    let mut agreement = Cow::Borrowed(agreement);
    let mut start: Option<YearStart> = None;
    for step in &result.earlier {
        match step {
            Earlier::Proposal(proposal) => match crate::sequence::agreement_after(&agreement, proposal) {
                Ok(Some(next)) => agreement = Cow::Owned(next),
                Ok(None) => {}
                Err(reason) => {
                    let error = MoneyError::EarlierProposalNotApplied {
                        reason,
                        title: result.title.node.clone(),
                        at: result.title.span.into(),
                    };
                    return super::Evaluation { working: None, diagnostics: vec![error] };
                }
            },
            Earlier::Result(year) => {
                let evaluation = super::evaluate_from(&agreement, year, start.as_ref());
                let Some(working) = evaluation.working else {
                    let mut diagnostics: Vec<MoneyError> =
                        evaluation.diagnostics.into_iter().filter(MoneyError::is_error).collect();
                    diagnostics.push(MoneyError::EarlierYearNotWorkedOut {
                        year: year.title.node.clone(),
                        title: result.title.node.clone(),
                        at: result.title.span.into(),
                    });
                    return super::Evaluation { working: None, diagnostics };
                };
                start = Some(start_after(&agreement, &working));
            }
        }
    }
    super::evaluate_from(&agreement, result, start.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement(text: &str) -> Agreement {
        let loaded = crate::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        loaded.agreement.unwrap_or_else(|| panic!("an agreement"))
    }

    fn next(text: &str) -> Vec<String> {
        let a = agreement(text);
        let fund = a.funds.first().unwrap_or_else(|| panic!("a fund"));
        let next = next_contributions(&a, fund).unwrap_or_else(|e| panic!("{e:?}")).unwrap_or_default();
        next.iter().map(|c| format!("{} {}", c.member, c.amount.normalize())).collect()
    }

    const FUND: &str = "agreement \"X\"\nmember m1\nmember m2\nmember m3\nrisk pool \"P\"\n  hosted by m1\n";

    #[test]
    fn the_uplifted_total_is_rounded_half_away_and_split_without_losing_a_penny() {
        // 3p × 1.5 = 4.5p, rounded to 5p; each exact share is 1.5p, so two partners get 2p and
        // the last 1p, ties to the partner written first in the agreement.
        let text = format!(
            "{FUND}  m3 contributes £0.01\n  m1 contributes £0.01\n  m2 contributes £0.01\n  next year's contributions are this year's plus 50%\n"
        );
        assert_eq!(next(&text), vec!["m3 0.01", "m1 0.02", "m2 0.02"]);
    }

    #[test]
    fn a_fall_is_written_with_less() {
        let text = format!(
            "{FUND}  m1 contributes £1,000\n  m2 contributes £3,000\n  next year's contributions are this year's less 2.5%\n"
        );
        assert_eq!(next(&text), vec!["m1 975", "m2 2925"]);
    }

    #[test]
    fn a_fund_without_an_uplift_sets_no_contributions_for_next_year() {
        let a = agreement(&format!("{FUND}  m1 contributes £1,000\n"));
        let fund = a.funds.first().unwrap_or_else(|| panic!("a fund"));
        assert_eq!(next_contributions(&a, fund), Ok(None));
    }

    #[test]
    fn no_proposal_changes_the_agreement_yet() {
        let a = agreement(&format!("{FUND}  m1 contributes £1,000\n"));
        let proposal = crate::model::inputs::empty_proposal(Spanned::new("P".into(), crate::span::Span::default()));
        assert_eq!(crate::sequence::agreement_after(&a, &proposal), Ok(None));
        assert_eq!(crate::sequence::agreement_for(&a, &[Earlier::Proposal(Box::new(proposal))]), Ok(None));
    }
}
