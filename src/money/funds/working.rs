//! The working of an agreement with funds: what the engine returns, fund by fund and line by
//! line, for the report and the JSON.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{FundKind, RiskMode};
use crate::money::{MemberTotal, PartyTotal, WaterfallWorking, YearEndWorking};
use crate::span::Span;

/// What one partner puts into a fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContributionWorking {
    /// Identifier.
    pub member: String,
    /// Display name.
    pub name: String,
    /// The contribution.
    pub amount: Decimal,
}

/// One commissioning partner's part in a line's variance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommissionerShare {
    /// Identifier.
    pub member: String,
    /// Display name.
    pub name: String,
    /// Its share of the line, as a percentage (exact).
    pub percent: Decimal,
    /// What it receives (underspend) or bears (overspend) of the line, rounded.
    pub amount: Decimal,
}

/// One budget line's working. The JSON gives its notes in words (`src/report/money_json.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineWorking {
    /// The line's name.
    pub name: String,
    /// Its budget.
    pub budget: Decimal,
    /// Its actual cost.
    pub actual_cost: Decimal,
    /// Budget less actual cost: positive for an underspend, negative for an overspend.
    pub variance: Decimal,
    /// What offsetting set off against other lines (signed like the variance; zero without).
    pub offset: Decimal,
    /// The variance left after offsetting.
    pub after_offset: Decimal,
    /// Who bears the variance.
    pub risk: RiskMode,
    /// The cap on the overspend shared, when the line has one.
    pub cap: Option<Decimal>,
    /// What the fund's rule shares of this line (signed like the variance).
    pub to_fund_rule: Decimal,
    /// The commissioning partners' parts, for lines not shared by the fund's rule.
    pub commissioners: Vec<CommissionerShare>,
    /// What no one bears of this line's overspend (above its cap).
    pub unallocated: Decimal,
    /// Where the line is written.
    pub span: Span,
    /// The line of the agreement it is written on, when the source is known.
    pub line: Option<usize>,
    /// Remarks.
    pub notes: Vec<crate::money::notes::Note>,
    /// How the line's split between its commissioning partners was rounded, when it was split.
    pub pennies: Option<crate::money::pennies::PennyWorking>,
    /// The partner the result says caused the line's overspend by maladministration (its display
    /// name), who then bears all of it.
    pub caused_by: Option<String>,
    /// The currency its amounts are in (for the words of its notes).
    pub currency: crate::model::Currency,
}

/// The offsetting of a fund's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OffsetWorking {
    /// The lines' underspends, in total.
    pub underspends: Decimal,
    /// The lines' overspends, in total (as a positive amount).
    pub overspends: Decimal,
    /// The smaller of the two: what was set off.
    pub offset: Decimal,
}

/// A fund's cap at each partner's contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapWorking {
    /// The decision that lifts the cap, if any.
    pub lifted_by: Option<String>,
    /// Whether the result says that decision was agreed.
    pub agreed: bool,
    /// Whether the cap applied this year.
    pub applies: bool,
}

/// What one member receives and bears in one fund, or across all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberFundsTotal {
    /// Identifier.
    pub member: String,
    /// Display name.
    pub name: String,
    /// What it receives (underspends).
    pub received: Decimal,
    /// What it bears (overspends).
    pub borne: Decimal,
    /// Received less borne.
    pub net: Decimal,
    /// The most it may bear under the fund's waterfall, when capped (one fund only).
    pub cap: Option<Decimal>,
}

/// One fund's working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundWorking {
    /// Its index among the agreement's funds.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Pooled fund, aligned budget or risk pool.
    pub kind: FundKind,
    /// The host's display name, when one is named.
    pub host: Option<String>,
    /// The contributions.
    pub contributions: Vec<ContributionWorking>,
    /// The fund's budget: the sum of its lines, or of its contributions when it has none.
    pub budget: Decimal,
    /// The actual cost over its lines.
    pub actual_cost: Decimal,
    /// Budget plus the conditional income earned, less actual cost: positive for an underspend.
    pub result: Decimal,
    /// Its conditional incomes (`income £… if "…" fall by at least …%`), earned or not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incomes: Vec<super::IncomeWorking>,
    /// Its lines (none for a fund without lines).
    pub lines: Vec<LineWorking>,
    /// The offsetting, when the fund says its lines offset.
    pub offset: Option<OffsetWorking>,
    /// What the fund's own waterfall shares (signed: positive a surplus, negative a deficit).
    pub shared_by_rule: Decimal,
    /// The cap at each partner's contribution, when the fund has one.
    pub cap: Option<CapWorking>,
    /// The fund's waterfall, when it shares anything by its rule.
    pub waterfall: Option<WaterfallWorking>,
    /// The members taking part in the waterfall, with what each receives or bears there.
    pub waterfall_members: Vec<MemberTotal>,
    /// Risk pools and funds that took part of the waterfall.
    pub parties: Vec<PartyTotal>,
    /// What each partner receives and bears in this fund.
    pub members: Vec<MemberFundsTotal>,
    /// What no one received or bore in this fund.
    pub unallocated: Decimal,
    /// The header's span.
    pub span: Span,
    /// The line of the agreement the fund starts on.
    pub line: Option<usize>,
    /// What the year before carried forward into this year's fund (joining the fund's pot; zero
    /// unless the year follows another; added in 1.4).
    pub brought_forward: Decimal,
    /// In a year that follows another, how much this year's contributions (as the year before
    /// set them) exceed those the agreement writes, in a fund with lines: money paid in beyond
    /// the lines' budgets, which joins the fund's pot (negative when contributions fell; added in
    /// 1.4).
    pub contributions_beyond_lines: Decimal,
    /// What the fund's savings waterfall carried forward into its next year (added in 1.4).
    pub carried_forward: Decimal,
    /// The fund's uplift of next year's contributions, in percent (negative for `less`), when it
    /// has one (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uplift: Option<Decimal>,
    /// Next year's contributions, partner by partner, when the fund has an uplift (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_contributions: Option<Vec<ContributionWorking>>,
    /// How the year's contributions are paid, when the fund pays them in instalments (added in
    /// 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalments: Option<crate::money::instalments::InstalmentsWorking>,
}

/// A risk pool's balance over the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskPoolWorking {
    /// Its name.
    pub name: String,
    /// The contributions.
    pub contributions: Vec<ContributionWorking>,
    /// Its balance before any fund drew on it.
    pub balance: Decimal,
    /// What the funds drew.
    pub drawn: Decimal,
    /// What is left.
    pub left: Decimal,
    /// The pool's uplift of next year's contributions, in percent, when it has one (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uplift: Option<Decimal>,
    /// Next year's contributions, partner by partner, when the pool has an uplift (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_contributions: Option<Vec<ContributionWorking>>,
    /// How the year's contributions are paid, when the pool's are paid in instalments (added in
    /// 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalments: Option<crate::money::instalments::InstalmentsWorking>,
}

/// The working of an agreement with funds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundsWorking {
    /// Each fund that has a budget (not the risk pools), in the order written.
    pub funds: Vec<FundWorking>,
    /// The risk pools.
    pub risk_pools: Vec<RiskPoolWorking>,
    /// Each member's totals across the funds.
    pub members: Vec<MemberFundsTotal>,
}

/// Writes the funds' amounts to the minor unit's places, like `tidy` does for the rest.
pub(super) fn tidy_funds(w: &mut YearEndWorking) {
    let places = w.currency.minor_unit.normalize().scale();
    let money = |d: &mut Decimal| {
        let mut x = d.normalize();
        if x.scale() < places {
            x.rescale(places);
        }
        *d = x;
    };
    let Some(funds) = &mut w.funds else { return };
    for fund in &mut funds.funds {
        for d in
            [&mut fund.budget, &mut fund.actual_cost, &mut fund.result, &mut fund.shared_by_rule, &mut fund.unallocated]
        {
            money(d);
        }
        for c in fund.contributions.iter_mut().chain(fund.next_contributions.iter_mut().flatten()) {
            money(&mut c.amount);
        }
        for d in [&mut fund.brought_forward, &mut fund.carried_forward, &mut fund.contributions_beyond_lines] {
            money(d);
        }
        fund.uplift = fund.uplift.map(|u| u.normalize());
        tidy_instalments(fund.instalments.as_mut(), &money);
        for line in &mut fund.lines {
            for d in [
                &mut line.budget,
                &mut line.actual_cost,
                &mut line.variance,
                &mut line.offset,
                &mut line.after_offset,
                &mut line.to_fund_rule,
                &mut line.unallocated,
            ] {
                money(d);
            }
            line.cap.iter_mut().for_each(money);
            for c in &mut line.commissioners {
                c.percent = c.percent.normalize();
                money(&mut c.amount);
            }
            if let Some(p) = &mut line.pennies {
                p.tidy(&money);
            }
        }
        if let Some(o) = &mut fund.offset {
            for d in [&mut o.underspends, &mut o.overspends, &mut o.offset] {
                money(d);
            }
        }
        for m in &mut fund.members {
            for d in [&mut m.received, &mut m.borne, &mut m.net] {
                money(d);
            }
            m.cap.iter_mut().for_each(money);
        }
        for p in &mut fund.parties {
            money(&mut p.amount);
        }
        // The waterfall itself was tidied with the fund's own working.
        let _ = &mut fund.waterfall_members;
    }
    for pool in &mut funds.risk_pools {
        for d in [&mut pool.balance, &mut pool.drawn, &mut pool.left] {
            money(d);
        }
        for c in pool.contributions.iter_mut().chain(pool.next_contributions.iter_mut().flatten()) {
            money(&mut c.amount);
        }
        pool.uplift = pool.uplift.map(|u| u.normalize());
        tidy_instalments(pool.instalments.as_mut(), &money);
    }
    for m in &mut funds.members {
        for d in [&mut m.received, &mut m.borne, &mut m.net] {
            money(d);
        }
    }
}

fn tidy_instalments(w: Option<&mut crate::money::instalments::InstalmentsWorking>, money: &dyn Fn(&mut Decimal)) {
    for m in w.into_iter().flat_map(|w| w.members.iter_mut()) {
        money(&mut m.contribution);
        m.instalments.iter_mut().for_each(money);
    }
}
