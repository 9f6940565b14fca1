//! What `concord diff` found between two versions of an agreement.

use rust_decimal::Decimal;
use serde::Serialize;

use super::eval::FileProblems;
use crate::calendar::Date;
use crate::diff::AgreementDiff;
use crate::eval::OutcomeKind;
use crate::power::Fraction;

/// The report of `concord diff OLD NEW`.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// The paths as given.
    pub old: String,
    pub new: String,
    /// The two titles, when the files read.
    pub old_title: Option<String>,
    pub new_title: Option<String>,
    /// Members, figures and decisions compared (absent when a file has problems).
    pub changes: Option<AgreementDiff>,
    /// Each member's real voting power, where it changed, per decision and period.
    pub power: Vec<PowerChange>,
    /// Year-end results worked out under both versions.
    pub money: Vec<MoneyComparison>,
    /// Scenarios (from `--scenarios`) whose outcome differs between the versions.
    pub scenarios: Vec<ScenarioChange>,
    /// Scenarios compared in all.
    pub scenarios_compared: usize,
    /// Problems that stopped the comparison.
    pub problems: Vec<FileProblems>,
}

impl DiffReport {
    /// Whether the two versions mean the same: no change of members, figures, coalitions,
    /// power, money or scenario outcomes.
    pub fn same_meaning(&self) -> bool {
        self.changes.as_ref().is_none_or(AgreementDiff::same_meaning)
            && self.power.is_empty()
            && self.money.iter().all(|m| !m.differs())
            && self.scenarios.is_empty()
    }

    /// 0 the same meaning, 1 a different one, 2 a problem with the input.
    pub fn exit_code(&self) -> u8 {
        if !self.problems.is_empty() {
            2
        } else if self.same_meaning() {
            0
        } else {
            1
        }
    }
}

/// Power on one decision over one period, for the members whose power changed.
#[derive(Debug, Clone, Serialize)]
pub struct PowerChange {
    pub decision: String,
    /// The period's first day, when the rules are dated.
    #[serde(serialize_with = "iso_date")]
    pub from: Option<Date>,
    pub members: Vec<MemberPowerChange>,
}

/// One member's indices before and after (`null`: not a voter, or nobody has a swing).
#[derive(Debug, Clone, Serialize)]
pub struct MemberPowerChange {
    pub member: String,
    pub name: String,
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub banzhaf_old: Option<Fraction>,
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub banzhaf_new: Option<Fraction>,
    /// New minus old, a missing index counting as zero.
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub banzhaf_change: Option<Fraction>,
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub shapley_old: Option<Fraction>,
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub shapley_new: Option<Fraction>,
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub shapley_change: Option<Fraction>,
}

/// One year-end result under both versions.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyComparison {
    /// The result's title (a scenario's name, or the sample's).
    pub title: String,
    /// Whether it is one of Concord's own samples (no `--result` or scenario results given).
    pub sample: bool,
    /// Each member's amount (received in a surplus, borne in a deficit) under each version;
    /// `null` where the member is not in that version.
    pub members: Vec<MoneyRow>,
    /// What nobody could bear, under each.
    pub unallocated_old: Option<Decimal>,
    pub unallocated_new: Option<Decimal>,
    /// When a version could not work the result out: the first problem's code.
    pub problem_old: Option<String>,
    pub problem_new: Option<String>,
    /// The currency's code.
    pub currency: String,
    /// The currency, for display.
    #[serde(skip)]
    pub currency_format: crate::model::Currency,
}

impl MoneyComparison {
    /// Whether any amount differs.
    pub fn differs(&self) -> bool {
        self.members.iter().any(|r| r.old != r.new)
            || self.unallocated_old != self.unallocated_new
            || self.problem_old != self.problem_new
    }
}

/// One member's amount under each version.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyRow {
    pub member: String,
    pub name: String,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

/// A scenario whose outcome differs.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioChange {
    pub scenario: String,
    /// The outcome under each version (`null` when it could not be evaluated).
    pub old: Option<OutcomeKind>,
    pub new: Option<OutcomeKind>,
}

fn iso_date<S: serde::Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}
