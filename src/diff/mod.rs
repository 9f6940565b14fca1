//! What changed between two versions of an agreement, in meaning rather than in words.
//!
//! In: two resolved agreements. Out: an [`AgreementDiff`]: members added, removed and changed
//! (kinds, roles, figures, votes), decisions added and removed, and for each decision in both,
//! period by period, whether the set of coalitions that pass it grew, shrank or changed, with
//! a witness coalition whose outcome flips. Members are matched by identifier and decisions by
//! name. Voting power, money and scenarios are compared by `commands::diff`, which runs the
//! power, money and decision engines on both versions.
//!
//! A coalition is the set of members voting in favour, everyone else who may vote attending
//! and voting against: the coalition engine's game ([`crate::coalitions`]), so "passes" means
//! what `concord power` and the checker mean by it. A member in only one version simply is not
//! a player in the other.

mod attendance;
mod coalitions;
mod outside;
mod quorum;

use rust_decimal::Decimal;
use serde::Serialize;

pub use attendance::AttendanceQuorumChange;
pub use coalitions::{compare_rules, CoalitionChange, Comparison, NotCompared, Witness, MAX_PLAYERS};
pub use quorum::QuorumChange;

use crate::calendar::Date;
use crate::model::{Agreement, Currency, FigureName, FigureUnit, Member, Role};

/// Everything that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementDiff {
    /// Members only in the new version, by identifier.
    pub members_added: Vec<MemberRef>,
    /// Members only in the old version.
    pub members_removed: Vec<MemberRef>,
    /// Members in both whose standing changed.
    pub members_changed: Vec<MemberChange>,
    /// Decisions only in the new version, by name.
    pub decisions_added: Vec<String>,
    /// Decisions only in the old version.
    pub decisions_removed: Vec<String>,
    /// Decisions in both, period by period.
    pub decisions: Vec<DecisionDiff>,
    /// The new version's currency, for showing money figures.
    #[serde(skip)]
    pub currency: Currency,
    /// Elections added, removed or changed in meaning, by name (added in 1.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elections: Vec<ElectionChange>,
}

/// An election that differs between the versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElectionChange {
    /// Its name.
    pub election: String,
    /// `"added"`, `"removed"` or `"changed"` (who stands, who votes, the weights or the tie rule).
    pub change: &'static str,
}

fn election_changes(old: &Agreement, new: &Agreement) -> Vec<ElectionChange> {
    let named = |a: &'_ Agreement, name: &str| a.elections.iter().find(|e| e.name == name).cloned();
    let mut out = Vec::new();
    for o in &old.elections {
        match named(new, &o.name) {
            None => out.push(ElectionChange { election: o.name.clone(), change: "removed" }),
            Some(n) if n.meaning(new) != o.meaning(old) => {
                out.push(ElectionChange { election: o.name.clone(), change: "changed" })
            }
            Some(_) => {}
        }
    }
    for n in new.elections.iter().filter(|n| named(old, &n.name).is_none()) {
        out.push(ElectionChange { election: n.name.clone(), change: "added" });
    }
    out
}

impl AgreementDiff {
    /// Whether the two versions decide every coalition alike, declare the same members and count
    /// the same members attending for each decision's quorum of those attending.
    pub fn same_meaning(&self) -> bool {
        self.members_added.is_empty()
            && self.members_removed.is_empty()
            && self.members_changed.is_empty()
            && self.decisions_added.is_empty()
            && self.decisions_removed.is_empty()
            && self.elections.is_empty()
            && self.decisions.iter().all(|d| d.periods.iter().all(|p| p.comparison.change == CoalitionChange::Same))
            && self.decisions.iter().all(|d| d.attendance_quorum.is_none() && d.quorum.is_none())
    }
}

/// A member, by identifier and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRef {
    pub member: String,
    pub name: String,
}

/// How one member's standing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberChange {
    pub member: String,
    pub name: String,
    /// Each figure that was added, removed or changed.
    pub figures: Vec<FigureChange>,
    /// Its explicit votes (`votes 3`), when they changed.
    pub votes: Option<(Option<Decimal>, Option<Decimal>)>,
    /// Roles it gained (in the JSON, as the language writes them: `"lead provider"`).
    #[serde(serialize_with = "role_words")]
    pub roles_gained: Vec<Role>,
    /// Roles it lost.
    #[serde(serialize_with = "role_words")]
    pub roles_lost: Vec<Role>,
    /// Kinds it joined, by name.
    pub kinds_joined: Vec<String>,
    /// Kinds it left.
    pub kinds_left: Vec<String>,
}

/// One figure's old and new value (`None`: not declared).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureChange {
    /// The figure (in the JSON, as the language writes it: `"risk share"`).
    #[serde(serialize_with = "figure_words")]
    pub figure: FigureName,
    /// What the value is: money, a percentage or a plain number (`"money"`, `"percent"`,
    /// `"number"` in the JSON).
    #[serde(serialize_with = "unit_words")]
    pub unit: FigureUnit,
    pub old: Option<Decimal>,
    pub new: Option<Decimal>,
}

fn role_words<S: serde::Serializer>(roles: &[Role], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(roles.iter().map(|r| r.words()))
}

fn figure_words<S: serde::Serializer>(figure: &FigureName, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(figure.words())
}

fn unit_words<S: serde::Serializer>(unit: &FigureUnit, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(match unit {
        FigureUnit::Money => "money",
        FigureUnit::Percent => "percent",
        FigureUnit::Number => "number",
    })
}

/// One decision in both versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionDiff {
    pub decision: String,
    /// One entry per stretch of time in which neither version changes rule.
    pub periods: Vec<Period>,
    /// The quorum of those attending, when it changed (added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance_quorum: Option<AttendanceQuorumChange>,
    /// Which of its quorums (ordinary, at a reconvened meeting) read differently, when any
    /// does (added in 1.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum: Option<QuorumChange>,
}

/// A stretch of time and how the decision compares over it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// Its first day, when the rules are dated; `None` from the beginning.
    #[serde(serialize_with = "iso_date")]
    pub from: Option<Date>,
    /// The day whose rules stand for the period (`None` when no rule is dated).
    #[serde(skip)]
    pub on: Option<Date>,
    /// How the coalitions that pass compare.
    pub comparison: Comparison,
}

fn iso_date<S: serde::Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// What changed between `old` and `new`.
pub fn diff(old: &Agreement, new: &Agreement) -> AgreementDiff {
    let member_ref = |m: &Member| MemberRef { member: m.key.clone(), name: m.name.clone() };
    let members_added = new.members.iter().filter(|m| old.member_by_key(&m.key).is_none()).map(member_ref).collect();
    let members_removed = old.members.iter().filter(|m| new.member_by_key(&m.key).is_none()).map(member_ref).collect();
    let members_changed = old
        .members
        .iter()
        .filter_map(|o| new.member_by_key(&o.key).and_then(|n| member_change(old, o, new, n)))
        .collect();
    let decisions_added =
        new.decisions.iter().filter(|d| old.decision_by_name(&d.name).is_none()).map(|d| d.name.clone()).collect();
    let decisions_removed =
        old.decisions.iter().filter(|d| new.decision_by_name(&d.name).is_none()).map(|d| d.name.clone()).collect();
    let decisions = old
        .decisions
        .iter()
        .filter_map(|o| {
            let n = new.decision_by_name(&o.name)?;
            let periods = periods(o, n)
                .into_iter()
                .map(|(from, on)| Period { from, on, comparison: compare_rules(old, o, new, n, on) })
                .collect();
            let attendance_quorum = attendance::change(o, n);
            let quorum = quorum::change(old, o, new, n);
            Some(DecisionDiff { decision: o.name.clone(), periods, attendance_quorum, quorum })
        })
        .collect();
    AgreementDiff {
        members_added,
        members_removed,
        members_changed,
        decisions_added,
        decisions_removed,
        decisions,
        currency: new.currency.clone(),
        elections: election_changes(old, new),
    }
}

fn member_change(old: &Agreement, o: &Member, new: &Agreement, n: &Member) -> Option<MemberChange> {
    let mut names: Vec<FigureName> = o.figures.keys().chain(n.figures.keys()).copied().collect();
    names.sort();
    names.dedup();
    let figures: Vec<FigureChange> = names
        .into_iter()
        .filter_map(|figure| {
            let (before, after) = (o.figure(figure), n.figure(figure));
            let unit = n.figures.get(&figure).or_else(|| o.figures.get(&figure)).map_or(FigureUnit::Number, |f| f.unit);
            (before != after).then_some(FigureChange { figure, unit, old: before, new: after })
        })
        .collect();
    let (ov, nv) = (o.votes.map(|v| v.node), n.votes.map(|v| v.node));
    let votes = (ov != nv).then_some((ov, nv));
    let roles_gained = n.roles.keys().filter(|r| !o.has_role(**r)).copied().collect::<Vec<_>>();
    let roles_lost = o.roles.keys().filter(|r| !n.has_role(**r)).copied().collect::<Vec<_>>();
    let kind_names = |a: &Agreement, m: &Member| -> Vec<String> {
        m.kinds.iter().filter_map(|k| a.kind(k.node).map(|kind| kind.name.clone())).collect()
    };
    let (ok, nk) = (kind_names(old, o), kind_names(new, n));
    let kinds_joined: Vec<String> = nk.iter().filter(|k| !ok.contains(k)).cloned().collect();
    let kinds_left: Vec<String> = ok.iter().filter(|k| !nk.contains(k)).cloned().collect();
    let unchanged = figures.is_empty()
        && votes.is_none()
        && roles_gained.is_empty()
        && roles_lost.is_empty()
        && kinds_joined.is_empty()
        && kinds_left.is_empty();
    (!unchanged).then(|| MemberChange {
        member: o.key.clone(),
        name: o.name.clone(),
        figures,
        votes,
        roles_gained,
        roles_lost,
        kinds_joined,
        kinds_left,
    })
}

/// The stretches in which neither version changes rule, each as its first day (`None`: from
/// the beginning) and the day whose rules stand for it (`None` when no rule is dated): the start,
/// and every day a rule of either version starts or the day after one ends.
fn periods(old: &crate::model::Decision, new: &crate::model::Decision) -> Vec<(Option<Date>, Option<Date>)> {
    let mut days: Vec<Date> = Vec::new();
    for rule in old.rules.iter().chain(&new.rules) {
        days.extend(rule.from);
        days.extend(rule.until.and_then(Date::next));
    }
    days.sort();
    days.dedup();
    let Some(first) = days.first().copied() else { return vec![(None, None)] };
    let mut out = Vec::new();
    // Before the first date, when some rule is in force then.
    if let Some(before) = first.previous() {
        if old.rule_on(Some(before)).is_some() || new.rule_on(Some(before)).is_some() {
            out.push((None, Some(before)));
        }
    }
    out.extend(days.into_iter().map(|d| (Some(d), Some(d))));
    out
}
