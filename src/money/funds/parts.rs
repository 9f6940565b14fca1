//! The smaller pieces of a fund's working: the instalments of its contributions, a line whose
//! overspend a partner's maladministration caused, and the empty working the funds fill in.

use rust_decimal::Decimal;

use super::{CommissionerShare, ContributionWorking, LineWorking, Stop};
use crate::model::{Agreement, MemberId, YearEnd};
use crate::money::notes::Note;
use crate::money::{CurrencyWorking, FigureSource, MoneyError, MoneyFile, Outcome, YearEndWorking};
use crate::span::Span;

pub(super) fn overflow(what: &str, at: Span) -> Stop {
    Box::new(MoneyError::Overflow { what: what.to_string(), file: MoneyFile::Agreement, at: at.into() })
}

pub(super) fn add(a: Decimal, b: Decimal, at: Span) -> Result<Decimal, Stop> {
    a.checked_add(b).ok_or_else(|| overflow("the fund's figures", at))
}

pub(super) fn sub(a: Decimal, b: Decimal, at: Span) -> Result<Decimal, Stop> {
    a.checked_sub(b).ok_or_else(|| overflow("the fund's figures", at))
}

/// The instalments of the fund's contributions for the year, when it pays them in instalments.
pub(super) fn instalments(
    agreement: &Agreement,
    fund: &crate::model::FundDef,
    contributions: &[ContributionWorking],
) -> Result<Option<crate::money::instalments::InstalmentsWorking>, Stop> {
    let Some(rule) = &fund.instalments else { return Ok(None) };
    let host = fund.host.and_then(|h| agreement.member(h.node)).map(|m| m.key.as_str());
    let cur = &agreement.currency;
    instalments_working(rule, contributions, host, cur.minor_unit).map(Some).map_err(|member| {
        let amount = contributions.iter().find(|c| c.member == member).map_or(Decimal::ZERO, |c| c.amount);
        Box::new(MoneyError::InstalmentsCannotBePaid {
            member,
            fund: fund.name.clone(),
            amount: crate::money::format_exact(amount, cur, 28),
            unit: crate::money::format_money(cur.minor_unit, cur),
            count: rule.count,
            at: rule.span.into(),
        })
    })
}

/// The instalments of a fund's contributions for the year (as the year's contributions stand,
/// so after an uplift from the year before). `Err` names the partner whose contribution cannot
/// be split.
fn instalments_working(
    rule: &crate::model::instalments::Instalments,
    contributions: &[ContributionWorking],
    host: Option<&str>,
    unit: Decimal,
) -> Result<crate::money::instalments::InstalmentsWorking, String> {
    let mut members = Vec::new();
    for c in contributions {
        if rule.other_than_host && host == Some(c.member.as_str()) {
            continue;
        }
        let instalments =
            crate::money::instalments::split(c.amount, rule.count, unit).ok_or_else(|| c.member.clone())?;
        members.push(crate::money::instalments::MemberInstalments {
            member: c.member.clone(),
            name: c.name.clone(),
            contribution: c.amount,
            instalments,
        });
    }
    Ok(crate::money::instalments::InstalmentsWorking {
        count: rule.count,
        other_than_host: rule.other_than_host,
        members,
    })
}

/// A line whose overspend the result says was caused by maladministration by `by`: the fund says
/// the partner responsible bears it, so it bears the whole overspend, outside the line's risk
/// mode, the offsetting and the line's cap.
pub(super) fn blamed_line(
    agreement: &Agreement,
    line: &crate::model::FundLine,
    budget: Decimal,
    actual: Decimal,
    variance: Decimal,
    by: MemberId,
) -> LineWorking {
    let (key, name) = agreement.member(by).map_or_else(Default::default, |m| (m.key.clone(), m.name.clone()));
    LineWorking {
        name: line.name.clone(),
        budget,
        actual_cost: actual,
        variance,
        offset: Decimal::ZERO,
        after_offset: variance,
        risk: line.risk,
        cap: line.cap.map(|c| c.node.0),
        to_fund_rule: Decimal::ZERO,
        commissioners: vec![CommissionerShare {
            member: key,
            name: name.clone(),
            percent: Decimal::ONE_HUNDRED,
            amount: variance.abs(),
        }],
        unallocated: Decimal::ZERO,
        span: line.span,
        line: None,
        notes: vec![Note::Maladministration { name: name.clone() }],
        pennies: None,
        caused_by: Some(name),
        currency: agreement.currency.clone(),
    }
}

pub(super) fn empty_working(agreement: &Agreement, result: &YearEnd) -> YearEndWorking {
    let currency = &agreement.currency;
    YearEndWorking {
        title: result.title.node.clone(),
        currency: CurrencyWorking {
            code: currency.code.clone(),
            symbol: currency.symbol.map(|c| c.to_string()),
            minor_unit: currency.minor_unit,
        },
        capitated_budget: Decimal::ZERO,
        capitated_from: FigureSource::Agreement,
        other_income: Decimal::ZERO,
        actual_cost: Decimal::ZERO,
        result: Decimal::ZERO,
        outcome: Outcome::BreakEven,
        contingency_fund_balance: None,
        balance_from: None,
        waterfall: None,
        members: Vec::new(),
        parties: Vec::new(),
        unallocated: Decimal::ZERO,
        budget: None,
        funds: None,
        follows: None,
    }
}
