//! The engines against the reference evaluator (`concord::oracle`), on generated agreements.
//!
//! Generated: agreements of 2–7 members (kinds, observers, a chair), weighed one member one
//! vote, by budget, by set votes, by budget committed to the proposal or to the pool, with or
//! without reserved shares, with blocs; one decision whose rule joins random conditions of
//! every kind by `and` / `or` (with parentheses), perhaps dated, with quorums, exclusions (gain
//! clauses included), vetoes (statutory and bloc vetoes included), a casting vote held by any
//! member (observers included) and `on a tie` / `if rejected` routes; and one proposal with
//! random ballots (from ineligible members too, now and then from a stranger), gains, duties
//! at risk, commitments, a `casting vote:` line and, now and then, `at a reconvened meeting`
//! (with lower quorums for such meetings in the agreement and the decision). Agreements that do not load, or that the
//! checker finds errors in, are skipped (docs/semantics.md: "an agreement with errors is not
//! evaluated").
//!
//! The properties:
//! - the evaluator agrees with the oracle on the outcome, the casting vote and the body
//!   escalated to (gated by [`EVAL_FOLLOWS_SEMANTICS`]; while it is false the oracle still runs
//!   on every case and its verdicts must be well formed);
//! - the coalition engine's `passes` equals the oracle on the full-attendance proposal for
//!   every coalition;
//! - monotone rules (docs/semantics.md's definition) stay monotone, in the oracle and (gated)
//!   in the evaluator;
//! - `concord check`'s `never_passes` means the oracle passes no proposal (every ballot
//!   assignment, every casting vote line);
//! - the dictator, dummy and unintended-veto findings agree with brute force over the oracle.
//!
//! A fast slice runs in `cargo test`; `PROPTEST_CASES=1000000 cargo test --release --test
//! oracle_props` runs a long one. `ORACLE_SHOW=1` prints, per class of disagreement between the
//! evaluator and the oracle, how often it occurred and its shortest example.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::Instant;

use concord::coalitions::Game;
use concord::diagnostic::{AnyDiagnostic, Severity};
use concord::eval::{evaluate, Evaluation, OutcomeKind as RealKind, Sources};
use concord::model::inputs::{DecisionRef, Proposal, Vote, Voter};
use concord::model::{
    Agreement, CommitScope, Condition, Decision, MemberId, Rule, Side, VetoHolder, VoteChoice, WeightScheme,
};
use concord::oracle::{self, NotCarried, OutcomeKind, Verdict};
use concord::span::{Span, Spanned};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};

/// Whether the evaluator (`src/eval`) follows docs/semantics.md yet. While false, the
/// evaluator/oracle comparison is reported (`ORACLE_SHOW=1`) but not asserted; flip it when
/// the evaluator's new semantics land.
const EVAL_FOLLOWS_SEMANTICS: bool = true;

/// Whether the coalition engine (`src/coalitions`, and so the checker's dictator, dummy and
/// veto findings) follows docs/semantics.md's casting vote: today a tie goes to the casting
/// vote whatever the rule, where the semantics counts the casting vote only in the tipped
/// reading. While false, decisions with a casting vote are compared and reported
/// (`ORACLE_SHOW=1`) but not asserted; decisions without one are asserted.
const COALITIONS_FOLLOW_SEMANTICS: bool = true;

/// Whether `concord::check::never_passes` is asserted to mean "no proposal passes" for every
/// rule, as docs/semantics.md says. The checker only tries everyone in favour, which settles it
/// for monotone rules alone: `half the eligible votes plus one against` "never passes", yet
/// passes with everyone against. So while this is false the theorem is asserted for monotone
/// rules (docs/semantics.md's definition) only.
const NEVER_PASSES_FOR_EVERY_RULE: bool = true;

// ───────────── what is generated ─────────────

#[derive(Debug, Clone)]
struct MemberSpec {
    /// 0 none, 1 `ka`, 2 `kb`, 3 both.
    kinds: u8,
    observer: bool,
    budget: Option<u32>,
    votes: Option<u32>,
    contribution: Option<u32>,
}

/// A base: unit 0 votes / 1 members; scope 0 eligible / 1 cast / 2 present; kind.
#[derive(Debug, Clone)]
struct BaseSpec {
    kind: Option<u8>,
    unit: u8,
    scope: u8,
}

#[derive(Debug, Clone)]
enum Cond {
    Unanimous,
    Every {
        kind: Option<u8>,
        side: u8,
    },
    No {
        kind: Option<u8>,
        side: u8,
    },
    HalfPlusOne {
        base: BaseSpec,
        side: u8,
    },
    Threshold {
        cmp: u8,
        prop: u8,
        base: BaseSpec,
        side: u8,
    },
    Count {
        cmp: u8,
        n: u8,
        kind: Option<u8>,
        side: u8,
    },
    /// `COMPARATOR PROPORTION of the membership SIDE, rounded up|down`.
    Membership {
        cmp: u8,
        prop: u8,
        side: u8,
        up: bool,
    },
    Bloc {
        which: Option<u8>,
        cmp: u8,
        prop: u8,
        unit: u8,
        scope: u8,
    },
    Member {
        who: u8,
        side: u8,
    },
}

#[derive(Debug, Clone)]
enum RuleSpec {
    Leaf(Cond),
    And(Vec<RuleSpec>),
    Or(Vec<RuleSpec>),
}

#[derive(Debug, Clone)]
struct DecisionSpec {
    rule: RuleSpec,
    /// A second rule from 1 April 2027 (the first then holds until 31 March 2027).
    later: Option<RuleSpec>,
    scheme: Option<u8>,
    quorum: Option<u8>,
    /// `if reconvened, quorum …`.
    reconvened_quorum: Option<u8>,
    exclusions: Vec<(u8, u8)>,
    /// (holder kind, member, statutory).
    vetoes: Vec<(u8, u8, bool)>,
    /// A member index, or 7 for the chair.
    casting: Option<u8>,
    on_a_tie: bool,
    /// 0 or 1: `if rejected, escalate to …`; 2: `if rejected, the default is …`; else neither.
    if_rejected: u8,
}

#[derive(Debug, Clone)]
struct ProposalSpec {
    /// Per member: 0 in favour, 1 against, 2 abstaining, 3 absent.
    ballots: Vec<u8>,
    /// Per member: 0 nothing, 1 gains 6% of its budget, 2 gains £2m, 3 loses 10%.
    gains: Vec<u8>,
    at_risk: Vec<bool>,
    commits: Vec<Option<u8>>,
    casting: u8,
    stranger: bool,
    /// Whether members who clearly may not vote (observers, excluded, gaining) vote anyway.
    ineligible_vote: bool,
    /// 0 none, 1 1 June 2026, 2 1 June 2027.
    date: u8,
    /// `at a reconvened meeting`.
    reconvened: bool,
}

/// A generated case; shown (in failures) as the agreement and proposal it stands for.
#[derive(Clone)]
struct Spec {
    members: Vec<MemberSpec>,
    chair: Option<u8>,
    scheme: u8,
    reserved: u8,
    blocs: u8,
    default_quorum: Option<u8>,
    /// The agreement's `if reconvened, quorum …`.
    default_reconvened_quorum: Option<u8>,
    decision: DecisionSpec,
    proposal: ProposalSpec,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\n{}\n{}", self.agreement(), self.proposal())
    }
}

const SIDES: [&str; 5] = ["in favour", "against", "abstaining", "present", "present and voting"];
const COMPARATORS: [&str; 4] = ["at least", "more than", "at most", "fewer than"];
const PROPORTIONS: [&str; 6] = ["half", "two thirds", "70%", "1/3", "a quarter", "50%"];
const KINDS: [&str; 2] = ["ka", "kb"];
/// Quorums, each with whether it is monotone (on `present` or `in favour` only).
const QUORUMS: [(&str, bool); 9] = [
    ("at least 2 members present", true),
    ("at least half of the membership, rounded up", true),
    ("at least 2 members present and voting", false),
    ("more than a third of the membership present and voting, rounded down", false),
    ("at least half of eligible members present", true),
    ("m1 present", true),
    ("at least 2 members present and at least 1 ka member present", true),
    ("fewer than 2 members abstaining", false),
    ("more than half of eligible votes in favour or at least 3 members present", true),
];

fn side() -> impl Strategy<Value = u8> {
    prop_oneof![8 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8), 1 => Just(4u8)]
}

fn kind() -> impl Strategy<Value = Option<u8>> {
    prop_oneof![3 => Just(None), 1 => Just(Some(0u8)), 1 => Just(Some(1u8))]
}

fn base() -> impl Strategy<Value = BaseSpec> {
    (kind(), prop_oneof![3 => Just(0u8), 1 => Just(1u8)], 0u8..3).prop_map(|(kind, unit, scope)| BaseSpec {
        kind,
        unit,
        scope,
    })
}

fn cond() -> impl Strategy<Value = Cond> {
    prop_oneof![
        1 => Just(Cond::Unanimous),
        1 => (kind(), side()).prop_map(|(kind, side)| Cond::Every { kind, side }),
        1 => (kind(), side()).prop_map(|(kind, side)| Cond::No { kind, side }),
        1 => (base(), side()).prop_map(|(base, side)| Cond::HalfPlusOne { base, side }),
        6 => (prop_oneof![4 => Just(0u8), 4 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)], 0u8..6, base(), side())
            .prop_map(|(cmp, prop, base, side)| Cond::Threshold { cmp, prop, base, side }),
        1 => (0u8..4, 0u8..4, kind(), side()).prop_map(|(cmp, n, kind, side)| Cond::Count { cmp, n, kind, side }),
        1 => (0u8..4, 0u8..6, side(), any::<bool>())
            .prop_map(|(cmp, prop, side, up)| Cond::Membership { cmp, prop, side, up }),
        1 => (prop::option::of(0u8..2), 0u8..4, 0u8..6, 0u8..2, 0u8..3)
            .prop_map(|(which, cmp, prop, unit, scope)| Cond::Bloc { which, cmp, prop, unit, scope }),
        2 => (0u8..8, side()).prop_map(|(who, side)| Cond::Member { who, side }),
    ]
}

fn rule() -> impl Strategy<Value = RuleSpec> {
    cond().prop_map(RuleSpec::Leaf).prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..=3).prop_map(RuleSpec::And),
            prop::collection::vec(inner, 2..=3).prop_map(RuleSpec::Or),
        ]
    })
}

fn member() -> impl Strategy<Value = MemberSpec> {
    (
        prop_oneof![2 => Just(0u8), 3 => Just(1u8), 3 => Just(2u8), 1 => Just(3u8)],
        prop::bool::weighted(0.12),
        prop::option::weighted(0.9, 1u32..=40),
        prop::option::weighted(0.9, 1u32..=5),
        prop::option::weighted(0.8, 1u32..=20),
    )
        .prop_map(|(kinds, observer, budget, votes, contribution)| MemberSpec {
            kinds,
            observer,
            budget,
            votes,
            contribution,
        })
}

fn decision() -> impl Strategy<Value = DecisionSpec> {
    (
        rule(),
        prop::option::weighted(0.1, rule()),
        prop::option::weighted(0.15, 0u8..5),
        prop::option::weighted(0.25, 0u8..QUORUMS.len() as u8),
        prop::option::weighted(0.15, 0u8..QUORUMS.len() as u8),
        prop::collection::vec((0u8..7, 0u8..7), 0..=2),
        prop::collection::vec((0u8..5, 0u8..7, prop::bool::weighted(0.4)), 0..=2),
        prop::option::weighted(0.6, 0u8..8),
        prop::bool::weighted(0.3),
        0u8..5,
    )
        .prop_map(
            |(rule, later, scheme, quorum, reconvened_quorum, exclusions, vetoes, casting, on_a_tie, if_rejected)| {
                DecisionSpec {
                    rule,
                    later,
                    scheme,
                    quorum,
                    reconvened_quorum,
                    exclusions,
                    vetoes,
                    casting,
                    on_a_tie,
                    if_rejected,
                }
            },
        )
}

fn proposal(n: usize) -> impl Strategy<Value = ProposalSpec> {
    (
        prop::collection::vec(prop_oneof![4 => Just(0u8), 3 => Just(1u8), 1 => Just(2u8), 2 => Just(3u8)], n),
        prop::collection::vec(prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)], n),
        prop::collection::vec(prop::bool::weighted(0.2), n),
        prop::collection::vec(prop::option::weighted(0.6, 0u8..10), n),
        prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop::bool::weighted(0.03),
        prop::bool::weighted(0.25),
        0u8..3,
        prop::bool::weighted(0.3),
    )
        .prop_map(|(ballots, gains, at_risk, commits, casting, stranger, ineligible_vote, date, reconvened)| {
            ProposalSpec { ballots, gains, at_risk, commits, casting, stranger, ineligible_vote, date, reconvened }
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..=7).prop_flat_map(|n| {
        (
            prop::collection::vec(member(), n),
            prop::option::weighted(0.5, 0u8..n as u8),
            0u8..6,
            prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
            prop_oneof![1 => Just(0u8), 2 => Just(1u8), 2 => Just(2u8)],
            prop::option::weighted(0.1, 0u8..QUORUMS.len() as u8),
            prop::option::weighted(0.1, 0u8..QUORUMS.len() as u8),
            decision(),
            proposal(n),
        )
            .prop_map(
                |(
                    members,
                    chair,
                    scheme,
                    reserved,
                    blocs,
                    default_quorum,
                    default_reconvened_quorum,
                    decision,
                    proposal,
                )| {
                    Spec {
                        members,
                        chair,
                        scheme,
                        reserved,
                        blocs,
                        default_quorum,
                        default_reconvened_quorum,
                        decision,
                        proposal,
                    }
                },
            )
    })
}

// ───────────── as text ─────────────

fn scheme_words(scheme: u8) -> &'static str {
    match scheme {
        0 => "one member one vote",
        1 => "in proportion to budget",
        2 => "as set for each member",
        3 => "in proportion to budget committed to the proposal",
        _ => "in proportion to budget committed to the pool",
    }
}

impl BaseSpec {
    fn words(&self) -> String {
        let unit = if self.unit == 0 { "votes" } else { "members" };
        let kind = self.kind.map_or(String::new(), |k| format!("{} ", KINDS[k as usize]));
        match self.scope {
            0 => format!("eligible {kind}{unit}"),
            1 => format!("{kind}{unit} cast"),
            _ => format!("{kind}{unit} present"),
        }
    }
}

impl Spec {
    fn n(&self) -> usize {
        self.members.len()
    }

    fn member_words(&self, who: u8) -> String {
        if who == 7 && self.chair.is_some() {
            "the chair".to_string()
        } else {
            format!("m{}", who as usize % self.n() + 1)
        }
    }

    fn cond_words(&self, c: &Cond) -> String {
        let side = |s: &u8| SIDES[*s as usize];
        let kind_of = |k: &Option<u8>| k.map_or(String::new(), |k| format!("{} ", KINDS[k as usize]));
        match c {
            Cond::Unanimous => "unanimous".into(),
            Cond::Every { kind: None, side: s } => format!("every eligible member {}", side(s)),
            Cond::Every { kind: Some(k), side: s } => format!("every {} member {}", KINDS[*k as usize], side(s)),
            Cond::No { kind: None, side: s } => format!("no eligible member {}", side(s)),
            Cond::No { kind: Some(k), side: s } => format!("no {} member {}", KINDS[*k as usize], side(s)),
            Cond::HalfPlusOne { base, side: s } => format!("half the {} plus one {}", base.words(), side(s)),
            Cond::Threshold { cmp, prop, base, side: s } => format!(
                "{} {} of {} {}",
                COMPARATORS[*cmp as usize],
                PROPORTIONS[*prop as usize],
                base.words(),
                side(s)
            ),
            Cond::Count { cmp, n, kind, side: s } => {
                format!("{} {} {}members {}", COMPARATORS[*cmp as usize], n, kind_of(kind), side(s))
            }
            Cond::Membership { cmp, prop, side: s, up } => format!(
                "{} {} of the membership {}, rounded {}",
                COMPARATORS[*cmp as usize],
                PROPORTIONS[*prop as usize],
                side(s),
                if *up { "up" } else { "down" }
            ),
            // With no bloc to count, the same place holds a plain majority.
            Cond::Bloc { .. } if self.blocs == 0 => "more than half of votes cast in favour".into(),
            Cond::Bloc { which, cmp, prop, unit, scope } => {
                let blocs = match which {
                    None => "each bloc".to_string(),
                    Some(b) => format!("the b{} bloc", (*b).min(self.blocs.saturating_sub(1)) + 1),
                };
                let unit = if *unit == 0 { "votes" } else { "members" };
                let base = match scope {
                    0 => format!("eligible {unit}"),
                    1 => format!("{unit} cast"),
                    _ => format!("{unit} present"),
                };
                format!(
                    "{blocs} in favour by {} {} of its {base}",
                    COMPARATORS[*cmp as usize], PROPORTIONS[*prop as usize]
                )
            }
            Cond::Member { who, side: s } => format!("{} {}", self.member_words(*who), side(s)),
        }
    }

    fn rule_words(&self, r: &RuleSpec) -> String {
        let part = |p: &RuleSpec| match p {
            RuleSpec::Leaf(_) => self.rule_words(p),
            _ => format!("({})", self.rule_words(p)),
        };
        match r {
            RuleSpec::Leaf(c) => self.cond_words(c),
            RuleSpec::And(parts) => parts.iter().map(part).collect::<Vec<_>>().join(" and "),
            RuleSpec::Or(parts) => parts.iter().map(part).collect::<Vec<_>>().join(" or "),
        }
    }

    fn agreement(&self) -> String {
        let mut t = String::from("agreement \"Generated\"\n  currency GBP\n  kinds ka, kb\n");
        if let Some(q) = self.default_quorum {
            t.push_str(&format!("  quorum {}\n", QUORUMS[q as usize].0));
        }
        if let Some(q) = self.default_reconvened_quorum {
            t.push_str(&format!("  if reconvened, quorum {}\n", QUORUMS[q as usize].0));
        }
        t.push('\n');
        for (i, m) in self.members.iter().enumerate() {
            t.push_str(&format!("member m{}\n", i + 1));
            match m.kinds {
                1 => t.push_str("  kinds ka\n"),
                2 => t.push_str("  kinds kb\n"),
                3 => t.push_str("  kinds ka, kb\n"),
                _ => {}
            }
            if m.observer {
                t.push_str("  observer\n");
            }
            if self.chair == Some(i as u8) {
                t.push_str("  chair\n");
            }
            if let Some(b) = m.budget {
                t.push_str(&format!("  budget £{b}m\n"));
            }
            if let Some(v) = m.votes {
                t.push_str(&format!("  votes {v}\n"));
            }
            if let Some(c) = m.contribution {
                t.push_str(&format!("  contribution £{c}m\n"));
            }
        }
        if self.scheme < 5 || self.reserved > 0 {
            t.push_str("\nvoting\n");
            if self.scheme < 5 {
                t.push_str(&format!("  {}\n", scheme_words(self.scheme)));
            }
            if self.reserved >= 1 {
                t.push_str("  ka members together hold 20% of the votes\n");
            }
            if self.reserved >= 2 {
                t.push_str("  kb members together hold 30% of the votes\n");
            }
        }
        if self.blocs >= 1 {
            t.push_str("\nbloc b1\n  members of kind ka\n");
        }
        if self.blocs >= 2 {
            t.push_str(&format!("\nbloc b2\n  members m1, m{}\n", self.n()));
        }
        let d = &self.decision;
        t.push_str("\ndecision \"d\"\n");
        match &d.later {
            None => t.push_str(&format!("  passes if {}\n", self.rule_words(&d.rule))),
            Some(later) => {
                t.push_str(&format!("  until 31 March 2027, passes if {}\n", self.rule_words(&d.rule)));
                t.push_str(&format!("  from 1 April 2027, passes if {}\n", self.rule_words(later)));
            }
        }
        if let Some(s) = d.scheme {
            t.push_str(&format!("  voting {}\n", scheme_words(s)));
        }
        if let Some(q) = d.quorum {
            t.push_str(&format!("  quorum {}\n", QUORUMS[q as usize].0));
        }
        if let Some(q) = d.reconvened_quorum {
            t.push_str(&format!("  if reconvened, quorum {}\n", QUORUMS[q as usize].0));
        }
        for (what, who) in &d.exclusions {
            t.push_str(&match what {
                0 => "  members gaining more than 5% of their budget do not vote\n".to_string(),
                1 => "  ka members do not vote\n".to_string(),
                2 => "  only kb members vote\n".to_string(),
                3 => format!("  m{} does not vote\n", *who as usize % self.n() + 1),
                5 => "  the member concerned does not vote\n".to_string(),
                6 => "  members may opt out\n".to_string(),
                _ => "  members gaining at least 10% of their budget do not vote\n".to_string(),
            });
        }
        for (holder, who, statutory) in &d.vetoes {
            let (words, bloc) = match holder {
                0 => (format!("m{} may veto", *who as usize % self.n() + 1), false),
                1 => ("any member may veto".to_string(), false),
                2 => ("any ka member may veto".to_string(), false),
                3 if self.blocs > 0 => ("each bloc may veto".to_string(), true),
                4 if self.blocs > 0 => ("the b1 bloc may veto".to_string(), true),
                _ => ("the chair may veto".to_string(), false),
            };
            if words.starts_with("the chair") && self.chair.is_none() {
                continue;
            }
            let when = match (statutory, bloc) {
                (false, _) => "",
                (true, false) => " when its statutory duties are at risk",
                (true, true) => " when their statutory duties are at risk",
            };
            t.push_str(&format!("  {words}{when}\n"));
        }
        if let Some(who) = d.casting {
            t.push_str(&format!("  on a tie, {} has the casting vote\n", self.member_words(who)));
        }
        if d.on_a_tie {
            t.push_str("  on a tie, escalate to \"the board\"\n");
        }
        match d.if_rejected {
            0 | 1 => t.push_str("  if rejected, escalate to \"mediation\", then \"arbitration\"\n"),
            2 => t.push_str("  if rejected, the default is \"the money is retained\"\n"),
            _ => {}
        }
        t
    }

    /// Whether member `i` may clearly not vote: an observer, excluded by a clause, or gaining
    /// under a gain clause (over the limit or not: this is only to keep most votes countable).
    fn clearly_ineligible(&self, i: usize) -> bool {
        let m = &self.members[i];
        let of_kind = |k: u8| m.kinds == 3 || m.kinds == k + 1;
        m.observer
            || self.decision.exclusions.iter().any(|(what, who)| match what {
                0 | 4 => matches!(self.proposal.gains[i], 1 | 2),
                1 => of_kind(0),
                2 => !of_kind(1),
                _ => *who as usize % self.n() == i,
            })
    }

    fn proposal(&self) -> String {
        let p = &self.proposal;
        let mut t = String::from("proposal \"p\"\n  decision \"d\"\n");
        match p.date {
            1 => t.push_str("  dated 1 June 2026\n"),
            2 => t.push_str("  dated 1 June 2027\n"),
            _ => {}
        }
        if p.reconvened {
            t.push_str("  at a reconvened meeting\n");
        }
        // A decision that leaves out the member concerned: the proposal names it.
        if let Some((_, who)) = self.decision.exclusions.iter().find(|(what, _)| *what == 5) {
            t.push_str(&format!("  concerning: m{}\n", *who as usize % self.n() + 1));
        }
        // A decision that lets members opt out: the proposal lists one.
        if let Some((_, who)) = self.decision.exclusions.iter().find(|(what, _)| *what == 6) {
            t.push_str(&format!("  opted out: m{}\n", *who as usize % self.n() + 1));
        }
        for i in 0..self.n() {
            match p.gains[i] {
                1 => t.push_str(&format!("  m{} gains 6% of its budget\n", i + 1)),
                2 => t.push_str(&format!("  m{} gains £2m\n", i + 1)),
                3 => t.push_str(&format!("  m{} loses 10% of its budget\n", i + 1)),
                _ => {}
            }
            if p.at_risk[i] {
                t.push_str(&format!("  it puts m{}'s statutory duties at risk\n", i + 1));
            }
            if let Some(c) = p.commits[i] {
                t.push_str(&format!("  m{} commits £{c}m\n", i + 1));
            }
        }
        let ballots: Vec<u8> = (0..self.n())
            .map(|i| if p.ineligible_vote || !self.clearly_ineligible(i) { p.ballots[i] } else { 3 })
            .collect();
        t.push_str(&ballot_lines(&ballots, p.stranger));
        match p.casting {
            1 => t.push_str("  casting vote: in favour\n"),
            2 => t.push_str("  casting vote: against\n"),
            _ => {}
        }
        t
    }
}

fn ballot_lines(ballots: &[u8], stranger: bool) -> String {
    let mut t = String::new();
    for (code, words) in [(0u8, "in favour"), (1, "against"), (2, "abstaining")] {
        let mut names: Vec<String> =
            ballots.iter().enumerate().filter(|(_, b)| **b == code).map(|(i, _)| format!("m{}", i + 1)).collect();
        if stranger && code == 0 {
            names.push("zz".into());
        }
        if !names.is_empty() {
            t.push_str(&format!("  {words}: {}\n", names.join(", ")));
        }
    }
    t
}

// ───────────── loading ─────────────

/// A generated case that loaded cleanly.
struct Case {
    agreement_text: String,
    agreement: Agreement,
    proposal_text: String,
    proposal: Proposal,
    findings: Vec<AnyDiagnostic>,
}

/// Whether checker errors other than these codes stop a case.
fn errors_besides(findings: &[AnyDiagnostic], allowed: &[&str]) -> bool {
    findings.iter().any(|d| d.severity_level() == Severity::Error && !allowed.contains(&d.code_string().as_str()))
}

fn load(spec: &Spec, allowed_errors: &[&str]) -> Result<Case, String> {
    let agreement_text = spec.agreement();
    let loaded = concord::load::load(&agreement_text);
    let first_error = |ds: &[AnyDiagnostic]| {
        ds.iter().find(|d| d.severity_level() == Severity::Error).map_or_else(String::new, AnyDiagnostic::code_string)
    };
    if loaded.has_errors() {
        return Err(first_error(&loaded.diagnostics));
    }
    let agreement = loaded.agreement.ok_or("no agreement")?;
    let findings: Vec<AnyDiagnostic> = concord::check::check(&agreement).into_iter().map(Into::into).collect();
    if errors_besides(&findings, allowed_errors) {
        let besides: Vec<AnyDiagnostic> =
            findings.iter().filter(|d| !allowed_errors.contains(&d.code_string().as_str())).cloned().collect();
        return Err(first_error(&besides));
    }
    let proposal_text = spec.proposal();
    let parsed = concord::syntax::parse(&proposal_text);
    if let Some(e) = parsed.errors.first() {
        return Err(format!("proposal: {e}"));
    }
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    if let Some(e) = errors.first() {
        return Err(format!("proposal: {}", e.code_string()));
    }
    let proposal = inputs.proposals.into_iter().next().ok_or("no proposal")?;
    Ok(Case { agreement_text, agreement, proposal_text, proposal, findings })
}

/// The case, or `None` with the reason it was skipped counted.
fn loaded(spec: &Spec, allowed_errors: &[&str], stats: &mut Stats) -> Option<Case> {
    match load(spec, allowed_errors) {
        Ok(case) => Some(case),
        Err(why) => {
            *stats.skipped.entry(why).or_default() += 1;
            None
        }
    }
}

// ───────────── one vocabulary for both ─────────────

/// What the comparison looks at: the outcome, the casting vote and the body escalated to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    outcome: OutcomeKind,
    casting_vote: Option<MemberId>,
    escalated_to: Option<String>,
    /// The decision's default, when it applies (step 8.3).
    default: Option<String>,
}

/// The evaluator's outcome in the oracle's (docs/semantics.md's) vocabulary. The evaluator has
/// no `escalated` kind yet: a deadlock with a body to go to is read as escalated.
fn real_answer(e: &Evaluation) -> Answer {
    let escalated_to = e.outcome.deadlock.as_ref().and_then(|d| d.escalated_to.as_ref()).map(|s| s.body.clone());
    let outcome = OutcomeKind::from(e.outcome.result);
    let casting_vote = match outcome {
        OutcomeKind::Passed | OutcomeKind::Rejected => e.outcome.casting_vote.as_ref().map(|c| c.id),
        _ => None,
    };
    let default = e.outcome.deadlock.as_ref().and_then(|d| d.default.as_ref()).map(|d| d.text.clone());
    Answer { outcome, casting_vote, escalated_to, default }
}

fn oracle_answer(v: &Verdict) -> Answer {
    Answer {
        outcome: v.outcome,
        casting_vote: v.casting_vote,
        escalated_to: v.escalated_to.clone(),
        default: v.default.clone(),
    }
}

/// A verdict says what its outcome needs, and nothing else.
fn well_formed(v: &Verdict, proposal: &Proposal) -> Result<(), String> {
    let ok = match v.outcome {
        OutcomeKind::Passed => v.not_carried.is_none() && v.invalid.is_none() && v.escalated_to.is_none(),
        OutcomeKind::Rejected => {
            v.invalid.is_none()
                && v.escalated_to.is_none()
                && v.not_carried.is_some_and(|r| r != NotCarried::Tied || v.default.is_some())
                && matches!(v.not_carried, Some(NotCarried::CastingVoteAgainst(_))) == v.casting_vote.is_some()
        }
        OutcomeKind::Escalated => {
            v.invalid.is_none() && v.escalated_to.is_some() && v.not_carried.is_some() && v.casting_vote.is_none()
        }
        OutcomeKind::Deadlocked => {
            v.invalid.is_none()
                && v.escalated_to.is_none()
                && v.not_carried == Some(NotCarried::Tied)
                && v.casting_vote.is_none()
        }
        OutcomeKind::Invalid => {
            v.invalid.is_some() && v.not_carried.is_none() && v.escalated_to.is_none() && v.casting_vote.is_none()
        }
        OutcomeKind::Postponed | OutcomeKind::Awaiting => {
            v.invalid.is_none() && v.not_carried.is_none() && v.escalated_to.is_none() && v.casting_vote.is_none()
        }
    };
    let voted = |m: &MemberId| proposal.votes.iter().any(|vote| vote.voter == Voter::Known(*m));
    // Only a rejected proposal ends with the decision's default (step 8.3).
    let default_ok = v.outcome == OutcomeKind::Rejected || v.default.is_none();
    if ok && default_ok && v.disregarded.iter().all(voted) {
        Ok(())
    } else {
        Err(format!("ill-formed verdict {v:?}"))
    }
}

// ───────────── running ─────────────

fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default_cases);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Counts of what a property saw, printed at the end.
#[derive(Default)]
struct Stats {
    generated: usize,
    checked: usize,
    skipped: BTreeMap<String, usize>,
    unsupported: BTreeMap<&'static str, usize>,
    /// Disagreements between the evaluator and the oracle: count and shortest example.
    disagreements: BTreeMap<String, (usize, String)>,
}

impl Stats {
    fn print(&self, name: &str, started: Instant) {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "{name}: {} generated, {} checked ({:.0} generated/s)",
            self.generated,
            self.checked,
            self.generated as f64 / seconds.max(1e-9)
        );
        if std::env::var_os("ORACLE_SHOW").is_some() {
            for (why, n) in &self.skipped {
                eprintln!("  skipped ×{n}: {why}");
            }
            for (what, n) in &self.unsupported {
                eprintln!("  unsupported ×{n}: {what}");
            }
            for (class, (n, example)) in &self.disagreements {
                eprintln!("  disagreement ×{n}: {class}\n{example}");
            }
        }
    }
}

fn run_property(name: &str, default_cases: u32, property: impl Fn(&Spec, &mut Stats) -> Result<(), TestCaseError>) {
    let stats = RefCell::new(Stats::default());
    let started = Instant::now();
    let mut runner = TestRunner::new(config(default_cases));
    let result = runner.run(&spec(), |spec| {
        let mut stats = stats.borrow_mut();
        stats.generated += 1;
        property(&spec, &mut stats)
    });
    stats.borrow().print(name, started);
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

/// The oracle's verdict, or `None` (counted) when it declines.
fn oracle_verdict(case: &Case, proposal: &Proposal, stats: &mut Stats) -> Result<Option<Verdict>, TestCaseError> {
    match oracle::decide(&case.agreement, proposal) {
        Ok(v) => {
            well_formed(&v, proposal)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{}\n{}", case.agreement_text, case.proposal_text)))?;
            Ok(Some(v))
        }
        Err(oracle::OracleError::Unsupported(what)) => {
            *stats.unsupported.entry(what).or_default() += 1;
            Ok(None)
        }
    }
}

fn real_evaluation(case: &Case, proposal: &Proposal, proposal_text: &str) -> Option<Evaluation> {
    let sources = Sources { agreement: &case.agreement_text, proposal: proposal_text };
    evaluate(&case.agreement, proposal, sources).ok()
}

/// A disagreement's class: both answers, and why each says what it says.
fn class(v: &Verdict, e: &Evaluation) -> String {
    let real = real_answer(e);
    let cause = e.outcome.deadlock.as_ref().map(|d| format!("{:?}", d.because));
    let invalid = e.outcome.invalid.first().map(|i| format!("{:?}", i.expected_reason()));
    format!(
        "oracle {:?} {:?} {:?} / evaluator {:?} {:?} {:?}{}",
        v.outcome,
        v.not_carried.map(|r| match r {
            NotCarried::CastingVoteAgainst(_) => "casting vote against".to_string(),
            other => format!("{other:?}"),
        }),
        v.invalid,
        real.outcome,
        cause,
        invalid,
        if v.disregarded.is_empty() { "" } else { " (votes disregarded)" }
    )
}

#[test]
fn the_evaluator_agrees_with_the_oracle() {
    run_property("the_evaluator_agrees_with_the_oracle", 1000, |spec, stats| {
        let Some(case) = loaded(spec, &[], stats) else { return Ok(()) };
        let Some(verdict) = oracle_verdict(&case, &case.proposal, stats)? else { return Ok(()) };
        let Some(evaluation) = real_evaluation(&case, &case.proposal, &case.proposal_text) else { return Ok(()) };
        stats.checked += 1;
        let (real, expected) = (real_answer(&evaluation), oracle_answer(&verdict));
        if real != expected {
            let example = format!(
                "{}\n{}  oracle: {verdict:?}\n  evaluator: {real:?}\n",
                case.agreement_text, case.proposal_text
            );
            let entry = stats.disagreements.entry(class(&verdict, &evaluation)).or_insert((0, example.clone()));
            entry.0 += 1;
            if example.len() < entry.1.len() {
                entry.1 = example;
            }
        }
        if EVAL_FOLLOWS_SEMANTICS {
            prop_assert_eq!(
                real,
                expected,
                "the evaluator and the oracle disagree\n{}\n{}\noracle: {:?}",
                case.agreement_text,
                case.proposal_text,
                verdict
            );
        }
        Ok(())
    });
}

// ───────────── the coalition engine and the checker ─────────────

/// A proposal with no facts: `in_favour` for, every other member of `players` against.
fn full_attendance(decision: &Decision, players: &[MemberId], in_favour: &[bool]) -> Proposal {
    let at = Span::default();
    Proposal {
        title: Spanned::new("coalition".into(), at),
        decision: Some(Spanned::new(DecisionRef::Known(decision.id), at)),
        date: None,
        revenue: BTreeMap::new(),
        duties_at_risk: Vec::new(),
        commitments: BTreeMap::new(),
        votes: players
            .iter()
            .zip(in_favour)
            .map(|(m, f)| Vote {
                voter: Voter::Known(*m),
                choice: if *f { VoteChoice::InFavour } else { VoteChoice::Against },
                span: at,
            })
            .collect(),
        casting_vote: None,
        reconvened: None,
        concerning: None,
        applicant: None,
        opted_out: Vec::new(),
        matters: Default::default(),
        presiding: None,
        cast_by: Vec::new(),
        facts: Default::default(),
        attendance: Default::default(),
        outside: None,
    }
}

impl Spec {
    /// The same agreement made answerable in general: no gain clause, no dates, and votes
    /// weighed by the pool rather than by a proposal's commitments.
    fn in_general(&self) -> Spec {
        let mut s = self.clone();
        fn pool(scheme: u8) -> u8 {
            if scheme == 3 {
                4
            } else {
                scheme
            }
        }
        s.scheme = pool(s.scheme);
        s.decision.scheme = s.decision.scheme.map(pool);
        s.decision.exclusions.retain(|(what, _)| !matches!(what, 0 | 4 | 5 | 6));
        s.decision.later = None;
        s
    }
}

/// A decision the full-attendance questions are asked of: one undated rule, no gain clause,
/// weights known without a proposal.
fn in_general(agreement: &Agreement) -> Option<&Decision> {
    let decision = agreement.decisions.first()?;
    let gains = decision.exclusions.iter().any(|e| {
        matches!(
            e,
            concord::model::Exclusion::Gain { .. }
                | concord::model::Exclusion::Concerned { .. }
                | concord::model::Exclusion::OptOut { .. }
        )
    });
    let scheme = decision.voting.as_ref().map_or(&agreement.voting.scheme.node, |s| &s.node);
    let committed = matches!(scheme, WeightScheme::Committed(CommitScope::Proposal));
    (decision.rules.len() == 1 && !gains && !committed).then_some(decision)
}

/// Every coalition of `n` players, as membership vectors, in binary order.
fn coalitions(n: usize) -> impl Iterator<Item = Vec<bool>> {
    (0u32..(1 << n)).map(move |bits| (0..n).map(|i| bits & (1 << i) != 0).collect())
}

/// The oracle on every full-attendance proposal: which coalitions pass. `None` when it declines.
fn oracle_game(
    case: &Case,
    decision: &Decision,
    players: &[MemberId],
    stats: &mut Stats,
) -> Result<Option<Vec<bool>>, TestCaseError> {
    let mut passes = Vec::new();
    for coalition in coalitions(players.len()) {
        let proposal = full_attendance(decision, players, &coalition);
        let Some(v) = oracle_verdict(case, &proposal, stats)? else { return Ok(None) };
        prop_assert!(v.disregarded.is_empty(), "the oracle disregards a player's vote: {:?}", v);
        passes.push(v.outcome == OutcomeKind::Passed);
    }
    Ok(Some(passes))
}

/// The oracle's eligible members in general (no facts), in the agreement's order.
fn oracle_players(case: &Case, decision: &Decision, stats: &mut Stats) -> Option<Vec<MemberId>> {
    match oracle::weights(&case.agreement, decision, &full_attendance(decision, &[], &[])) {
        Ok(w) => Some(w.into_keys().collect()),
        Err(oracle::OracleError::Unsupported(what)) => {
            *stats.unsupported.entry(what).or_default() += 1;
            None
        }
    }
}

#[test]
fn the_coalition_engine_agrees_with_the_oracle() {
    run_property("the_coalition_engine_agrees_with_the_oracle", 500, |spec, stats| {
        let Some(case) = loaded(&spec.in_general(), &[], stats) else { return Ok(()) };
        let Some(decision) = in_general(&case.agreement) else { return Ok(()) };
        let Some(rule) = decision.rules.first() else { return Ok(()) };
        let Ok(electorate) = concord::weights::electorate(&case.agreement, decision, None) else { return Ok(()) };
        let Ok(game) = Game::of_decision(&case.agreement, decision, &electorate, rule) else { return Ok(()) };
        let Some(players) = oracle_players(&case, decision, stats) else { return Ok(()) };
        prop_assert_eq!(&game.players, &players, "players differ\n{}", case.agreement_text);
        let Some(passes) = oracle_game(&case, decision, &players, stats)? else { return Ok(()) };
        stats.checked += 1;
        let asserted = COALITIONS_FOLLOW_SEMANTICS || decision.casting_vote.is_none();
        for (coalition, oracle_passes) in coalitions(players.len()).zip(passes) {
            let in_favour: Vec<String> =
                players.iter().zip(&coalition).filter(|(_, c)| **c).map(|(m, _)| format!("m{}", m.0 + 1)).collect();
            if !asserted {
                if game.passes(&coalition) != oracle_passes {
                    let class =
                        format!("coalition engine passes {}, oracle {oracle_passes} (casting vote)", !oracle_passes);
                    let example = format!("{}  in favour: {in_favour:?}, everyone else against\n", case.agreement_text);
                    let entry = stats.disagreements.entry(class).or_insert((0, example.clone()));
                    entry.0 += 1;
                    if example.len() < entry.1.len() {
                        entry.1 = example;
                    }
                }
                continue;
            }
            prop_assert_eq!(
                game.passes(&coalition),
                oracle_passes,
                "coalition engine and oracle differ on {:?} in favour, everyone else against\n{}",
                in_favour,
                case.agreement_text
            );
        }
        Ok(())
    });
}

/// docs/semantics.md's monotone conditions: "counts `in favour` with `at least`, `more than`
/// or `half … plus one`, or is `unanimous`, `every … member in favour`, `at least N … members
/// in favour` or `MEMBER in favour`".
fn monotone(r: &RuleSpec) -> bool {
    match r {
        RuleSpec::And(parts) | RuleSpec::Or(parts) => parts.iter().all(monotone),
        RuleSpec::Leaf(c) => match c {
            Cond::Unanimous => true,
            Cond::Every { side, .. } | Cond::HalfPlusOne { side, .. } | Cond::Member { side, .. } => *side == 0,
            Cond::Threshold { cmp, side, .. } | Cond::Count { cmp, side, .. } | Cond::Membership { cmp, side, .. } => {
                *side == 0 && *cmp < 2
            }
            Cond::Bloc { cmp, .. } => *cmp < 2,
            Cond::No { .. } => false,
        },
    }
}

impl Spec {
    fn is_monotone(&self) -> bool {
        let quorums = [
            self.decision.quorum,
            self.default_quorum,
            self.decision.reconvened_quorum,
            self.default_reconvened_quorum,
        ];
        monotone(&self.decision.rule)
            && self.decision.later.as_ref().is_none_or(monotone)
            && quorums.iter().flatten().all(|q| QUORUMS[*q as usize].1)
    }
}

#[test]
fn monotone_rules_stay_monotone() {
    run_property("monotone_rules_stay_monotone", 1000, |spec, stats| {
        if !spec.is_monotone() {
            return Ok(());
        }
        let Some(case) = loaded(spec, &[], stats) else { return Ok(()) };
        let Some(before) = oracle_verdict(&case, &case.proposal, stats)? else { return Ok(()) };
        let real_before = real_evaluation(&case, &case.proposal, &case.proposal_text);
        stats.checked += 1;
        for i in 0..spec.n() {
            if spec.proposal.ballots[i] == 0 {
                continue;
            }
            let mut flipped = spec.clone();
            flipped.proposal.ballots[i] = 0;
            let Ok(after_case) = load(&flipped, &[]) else { continue };
            let Some(after) = oracle_verdict(&after_case, &after_case.proposal, stats)? else { continue };
            if before.outcome == OutcomeKind::Passed {
                prop_assert_eq!(
                    after.outcome,
                    OutcomeKind::Passed,
                    "the oracle: m{} turning in favour loses a pass\n{}\nbefore:\n{}\nafter:\n{}",
                    i + 1,
                    case.agreement_text,
                    case.proposal_text,
                    after_case.proposal_text
                );
            }
            if EVAL_FOLLOWS_SEMANTICS {
                let real_after = real_evaluation(&after_case, &after_case.proposal, &after_case.proposal_text);
                if let (Some(b), Some(a)) = (&real_before, real_after) {
                    if b.outcome.result == RealKind::Passed {
                        prop_assert_eq!(
                            a.outcome.result,
                            RealKind::Passed,
                            "the evaluator: m{} turning in favour loses a pass\n{}\nbefore:\n{}\nafter:\n{}",
                            i + 1,
                            case.agreement_text,
                            case.proposal_text,
                            after_case.proposal_text
                        );
                    }
                }
            }
        }
        Ok(())
    });
}

const NEVER_PASSES: &str = "concord::check::never_passes";

#[test]
fn never_passes_is_a_theorem() {
    run_property("never_passes_is_a_theorem", 1000, |spec, stats| {
        if !NEVER_PASSES_FOR_EVERY_RULE && !spec.is_monotone() {
            return Ok(());
        }
        let Some(case) = loaded(spec, &[NEVER_PASSES], stats) else { return Ok(()) };
        if !case.findings.iter().any(|d| d.code_string() == NEVER_PASSES) {
            return Ok(());
        }
        let Some(decision) = case.agreement.decisions.first() else { return Ok(()) };
        if decision.rules.len() != 1 {
            return Ok(());
        }
        let Some(players) = oracle_players(&case, decision, stats) else { return Ok(()) };
        if players.len() > 5 {
            return Ok(());
        }
        stats.checked += 1;
        for code in 0..4u32.pow(players.len() as u32) {
            let ballots: Vec<u8> = (0..players.len()).map(|i| ((code >> (2 * i)) & 3) as u8).collect();
            for casting in [None, Some(VoteChoice::InFavour), Some(VoteChoice::Against)] {
                let mut proposal = full_attendance(decision, &[], &[]);
                proposal.casting_vote = casting.map(|c| Spanned::new(c, Span::default()));
                for (m, b) in players.iter().zip(&ballots) {
                    let choice = match b {
                        0 => VoteChoice::InFavour,
                        1 => VoteChoice::Against,
                        2 => VoteChoice::Abstaining,
                        _ => continue,
                    };
                    proposal.votes.push(Vote { voter: Voter::Known(*m), choice, span: Span::default() });
                }
                let Some(v) = oracle_verdict(&case, &proposal, stats)? else { return Ok(()) };
                let words: Vec<String> = players
                    .iter()
                    .zip(&ballots)
                    .map(|(m, b)| {
                        format!("m{} {}", m.0 + 1, ["in favour", "against", "abstaining", "absent"][*b as usize])
                    })
                    .collect();
                prop_assert!(
                    v.outcome != OutcomeKind::Passed,
                    "`concord check` says decision `d` can never pass, but the oracle passes it with {:?}, casting vote {:?}\n{}",
                    words,
                    casting,
                    case.agreement_text
                );
            }
        }
        Ok(())
    });
}

/// The members the checker does not call an unintended veto although they block alone: named
/// in a `may veto` clause, or required by the rule's top-level `and` by name or by unanimity
/// (docs/diagnostics-check.md: "not named in a `may veto` clause, and the rule does not require
/// its agreement by name or by unanimity").
fn granted(agreement: &Agreement, decision: &Decision, players: &[MemberId]) -> Vec<MemberId> {
    let of_kind = |kind: Option<concord::model::KindId>| -> Vec<MemberId> {
        players
            .iter()
            .copied()
            .filter(|m| kind.is_none_or(|k| agreement.member(*m).is_some_and(|x| x.is_of_kind(k))))
            .collect()
    };
    let mut out = Vec::new();
    for veto in &decision.vetoes {
        match &veto.holder {
            VetoHolder::Member(m) => out.push(*m),
            VetoHolder::AnyMember(kind) => out.extend(of_kind(*kind)),
            VetoHolder::Bloc(_) => {}
        }
    }
    let Some(rule) = decision.rules.first() else { return out };
    let mut stack = vec![&rule.rule.node];
    while let Some(part) = stack.pop() {
        match part {
            Rule::All(parts) => stack.extend(parts.iter().map(|p| &p.node)),
            Rule::Condition(Condition::Unanimous) => out.extend(of_kind(None)),
            Rule::Condition(Condition::Every { kind, side: Side::InFavour })
            | Rule::Condition(Condition::NoMember { kind, side: Side::Against }) => out.extend(of_kind(*kind)),
            Rule::Condition(Condition::Member { member, side: Side::InFavour }) => out.push(*member),
            _ => {}
        }
    }
    out
}

/// The members a finding with `code` names, for decision `d`.
fn named(findings: &[AnyDiagnostic], code: &str) -> Vec<String> {
    use concord::check::Witness;
    let mut out: Vec<String> = findings
        .iter()
        .filter(|d| d.code_string() == code)
        .flat_map(|d| match d.witness() {
            Some(Witness::Alone { members }) | Some(Witness::Blocking { members, .. }) => members.clone(),
            Some(Witness::Dummy { member, .. }) => vec![member.clone()],
            _ => Vec::new(),
        })
        .collect();
    out.sort();
    out
}

#[test]
fn dictators_dummies_and_vetoes_agree_with_brute_force() {
    run_property("dictators_dummies_and_vetoes_agree_with_brute_force", 500, |spec, stats| {
        let Some(case) = loaded(&spec.in_general(), &[], stats) else { return Ok(()) };
        let Some(decision) = in_general(&case.agreement) else { return Ok(()) };
        let Some(players) = oracle_players(&case, decision, stats) else { return Ok(()) };
        let weights = match oracle::weights(&case.agreement, decision, &full_attendance(decision, &[], &[])) {
            Ok(w) => w,
            Err(_) => return Ok(()),
        };
        let Some(passes) = oracle_game(&case, decision, &players, stats)? else { return Ok(()) };
        stats.checked += 1;
        let n = players.len();
        let index = |coalition: &[bool]| coalition.iter().enumerate().map(|(i, c)| usize::from(*c) << i).sum::<usize>();
        let pass = |coalition: &[bool]| passes.get(index(coalition)).copied().unwrap_or(false);
        let key = |m: MemberId| case.agreement.member(m).map_or_else(String::new, |x| x.key.clone());
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        let everyone = vec![true; n];
        let (mut dictators, mut dummies, mut blockers) = (Vec::new(), Vec::new(), Vec::new());
        if pass(&everyone) {
            let alone: Vec<usize> = (0..n).filter(|i| pass(&(0..n).map(|j| j == *i).collect::<Vec<_>>())).collect();
            dictators = alone.iter().map(|i| key(players[*i])).collect();
            if alone.is_empty() {
                for (i, m) in players.iter().enumerate() {
                    let weighs = weights.get(m).is_some_and(|w| !num_traits::Zero::is_zero(w));
                    let never_matters = coalitions(n).filter(|c| !c[i]).all(|c| {
                        let mut with = c.clone();
                        with[i] = true;
                        pass(&c) == pass(&with)
                    });
                    if weighs && never_matters {
                        dummies.push(key(*m));
                    }
                }
                let granted = granted(&case.agreement, decision, &players);
                for (i, m) in players.iter().enumerate() {
                    let others: Vec<bool> = (0..n).map(|j| j != i).collect();
                    if !pass(&others) && !granted.contains(m) {
                        blockers.push(key(*m));
                    }
                }
            }
        }
        let context = format!("\n{}", case.agreement_text);
        if !COALITIONS_FOLLOW_SEMANTICS && decision.casting_vote.is_some() {
            let found = (
                named(&case.findings, "concord::check::dictator"),
                named(&case.findings, "concord::check::dummy"),
                named(&case.findings, "concord::check::unintended_veto"),
            );
            let (dictators, dummies, blockers) = (sorted(dictators), sorted(dummies), sorted(blockers));
            for (what, found, brute) in [
                ("dictator", &found.0, &dictators),
                ("dummy", &found.1, &dummies),
                ("unintended_veto", &found.2, &blockers),
            ] {
                if found != brute {
                    let class = format!("check {what} {found:?} / brute force {brute:?} (casting vote)");
                    let class = if found.len() > brute.len() {
                        format!("check finds more {what}s (casting vote)")
                    } else if found.len() < brute.len() {
                        format!("check finds fewer {what}s (casting vote)")
                    } else {
                        class
                    };
                    let entry = stats.disagreements.entry(class).or_insert((0, context.clone()));
                    entry.0 += 1;
                    if context.len() < entry.1.len() {
                        entry.1 = context.clone();
                    }
                }
            }
            return Ok(());
        }
        prop_assert_eq!(named(&case.findings, "concord::check::dictator"), sorted(dictators), "dictators{}", &context);
        prop_assert_eq!(named(&case.findings, "concord::check::dummy"), sorted(dummies), "dummies{}", &context);
        // docs/diagnostics-check.md reads "blocks alone" as "with every other member in favour
        // and it against, the rule fails"; the checker asks "is it in every passing coalition".
        // The two agree on monotone rules only, so only those are asserted; others are reported.
        let found = named(&case.findings, "concord::check::unintended_veto");
        let blockers = sorted(blockers);
        if !spec.in_general().is_monotone() {
            if found != blockers {
                let entry = stats
                    .disagreements
                    .entry(
                        "unintended_veto on a non-monotone rule: the checker's reading differs from the docs'".into(),
                    )
                    .or_insert((0, context.clone()));
                entry.0 += 1;
                if context.len() < entry.1.len() {
                    entry.1 = context.clone();
                }
            }
            return Ok(());
        }
        prop_assert_eq!(found, blockers, "unintended vetoes{}", &context);
        Ok(())
    });
}

// ───────────── what it would take (`concord eval --why`) ─────────────

/// The proposal with each member of `changes` voting as given (`None`: absent), built here
/// without the why-not engine's own code.
fn with_votes(proposal: &Proposal, changes: &[(MemberId, Option<VoteChoice>)]) -> Proposal {
    let mut p = proposal.clone();
    for (id, choice) in changes {
        p.votes.retain(|v| v.voter != Voter::Known(*id));
        if let Some(choice) = choice {
            p.votes.push(Vote { voter: Voter::Known(*id), choice: *choice, span: Span::default() });
        }
    }
    p
}

fn passes_in_the_oracle(case: &Case, proposal: &Proposal) -> Option<bool> {
    oracle::decide(&case.agreement, proposal).ok().map(|v| v.outcome == OutcomeKind::Passed)
}

#[test]
fn why_not_gives_exactly_the_smallest_fixes_and_the_single_stops_of_brute_force() {
    use concord::eval::Ballot;
    run_property(
        "why_not_gives_exactly_the_smallest_fixes_and_the_single_stops_of_brute_force",
        1000,
        |spec, stats| {
            let Some(case) = loaded(spec, &[], stats) else { return Ok(()) };
            let Some(evaluation) = real_evaluation(&case, &case.proposal, &case.proposal_text) else { return Ok(()) };
            let evaluator = concord::eval::Evaluator::new(&case.agreement, &case.agreement_text);
            let answer = concord::whynot::why_not(&evaluator, &case.proposal, &evaluation, &case.proposal_text);
            if answer.beyond_votes.is_some() {
                return Ok(());
            }
            let context = || format!("{}\n{}\n{answer:#?}", case.agreement_text, case.proposal_text);
            if evaluation.outcome.result == RealKind::Passed {
                // Every single change of one eligible member's ballot, judged by the oracle.
                let mut stops = Vec::new();
                for m in evaluation.members.iter().filter(|m| m.eligible) {
                    for (to, choice) in [
                        (Ballot::InFavour, Some(VoteChoice::InFavour)),
                        (Ballot::Against, Some(VoteChoice::Against)),
                        (Ballot::Abstaining, Some(VoteChoice::Abstaining)),
                        (Ballot::Absent, None),
                    ] {
                        if m.vote == to {
                            continue;
                        }
                        let Some(passes) = passes_in_the_oracle(&case, &with_votes(&case.proposal, &[(m.id, choice)]))
                        else {
                            return Ok(());
                        };
                        if !passes {
                            stops.push((m.id, to));
                        }
                    }
                }
                let mut got: Vec<(MemberId, Ballot)> =
                    answer.pivots.iter().map(|p| (p.change.id, p.change.to)).collect();
                let key = |x: &(MemberId, Ballot)| (x.0, format!("{:?}", x.1));
                got.sort_by_key(key);
                stops.sort_by_key(key);
                stats.checked += 1;
                prop_assert_eq!(got, stops, "the single changes that stop a carried proposal\n{}", context());
                return Ok(());
            }
            // Every set of the eligible members not in favour, changed to in favour.
            let candidates: Vec<MemberId> =
                evaluation.members.iter().filter(|m| m.eligible && m.vote != Ballot::InFavour).map(|m| m.id).collect();
            let mut passing: Vec<Vec<MemberId>> = Vec::new();
            for mask in 1u32..(1 << candidates.len()) {
                let set: Vec<MemberId> =
                    candidates.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, id)| *id).collect();
                let changes: Vec<(MemberId, Option<VoteChoice>)> =
                    set.iter().map(|id| (*id, Some(VoteChoice::InFavour))).collect();
                let Some(passes) = passes_in_the_oracle(&case, &with_votes(&case.proposal, &changes)) else {
                    return Ok(());
                };
                if passes {
                    passing.push(set);
                }
            }
            let mut minimal: Vec<Vec<MemberId>> = passing
                .iter()
                .filter(|s| !passing.iter().any(|t| t.len() < s.len() && t.iter().all(|m| s.contains(m))))
                .cloned()
                .collect();
            let mut got: Vec<Vec<MemberId>> =
                answer.fixes.iter().map(|f| f.changes.iter().map(|c| c.id).collect()).collect();
            for set in got.iter_mut().chain(minimal.iter_mut()) {
                set.sort();
            }
            got.sort();
            minimal.sort();
            prop_assert!(answer.search.complete, "a search over at most 7 members is complete\n{}", context());
            prop_assert!(
                answer.fixes.windows(2).all(|w| w[0].changes.len() <= w[1].changes.len()),
                "fixes are listed smallest first\n{}",
                context()
            );
            stats.checked += 1;
            prop_assert_eq!(got, minimal, "the smallest fixes of a proposal not carried\n{}", context());
            Ok(())
        },
    );
}

// ───────────── `concord diff`: the coalitions of two versions ─────────────

#[test]
fn diff_classifies_the_coalitions_of_two_versions_as_the_oracle_does() {
    use concord::diff::CoalitionChange;
    let stats = RefCell::new(Stats::default());
    let started = Instant::now();
    let mut runner = TestRunner::new(config(1500));
    // Two versions of one membership: the second keeps the first's members and changes the rest.
    let result = runner.run(&(spec(), spec()), |(a, b)| {
        let mut stats = stats.borrow_mut();
        stats.generated += 1;
        let old_spec = a.in_general();
        let mut new_spec = b.in_general();
        new_spec.members = old_spec.members.clone();
        new_spec.proposal = old_spec.proposal.clone();
        let Some(old) = loaded(&old_spec, &[], &mut stats) else { return Ok(()) };
        let Some(new) = loaded(&new_spec, &[], &mut stats) else { return Ok(()) };
        let (Some(od), Some(nd)) = (in_general(&old.agreement), in_general(&new.agreement)) else { return Ok(()) };
        if !COALITIONS_FOLLOW_SEMANTICS && (od.casting_vote.is_some() || nd.casting_vote.is_some()) {
            return Ok(());
        }
        let comparison = concord::diff::compare_rules(&old.agreement, od, &new.agreement, nd, None);
        if comparison.change == CoalitionChange::NotCompared {
            return Ok(());
        }
        // Brute force over every coalition of the members who may vote in either version.
        let (Some(op), Some(np)) = (oracle_players(&old, od, &mut stats), oracle_players(&new, nd, &mut stats)) else {
            return Ok(());
        };
        let mut union = op.clone();
        union.extend(np.iter().filter(|m| !op.contains(m)));
        let (mut grew, mut shrank, mut flips) = (false, false, Vec::new());
        for coalition in coalitions(union.len()) {
            let side = |players: &[MemberId]| -> Vec<bool> {
                players.iter().map(|p| union.iter().position(|u| u == p).is_some_and(|i| coalition[i])).collect()
            };
            let (Some(before), Some(after)) = (
                oracle_verdict(&old, &full_attendance(od, &op, &side(&op)), &mut stats)?,
                oracle_verdict(&new, &full_attendance(nd, &np, &side(&np)), &mut stats)?,
            ) else {
                return Ok(());
            };
            let (before, after) = (before.outcome == OutcomeKind::Passed, after.outcome == OutcomeKind::Passed);
            grew |= after && !before;
            shrank |= before && !after;
            if before != after {
                flips.push(
                    union
                        .iter()
                        .zip(&coalition)
                        .filter(|(_, c)| **c)
                        .map(|(m, _)| format!("m{}", m.0 + 1))
                        .collect::<Vec<_>>(),
                );
            }
        }
        let expected = match (grew, shrank) {
            (false, false) => CoalitionChange::Same,
            (true, false) => CoalitionChange::Grew,
            (false, true) => CoalitionChange::Shrank,
            (true, true) => CoalitionChange::Changed,
        };
        stats.checked += 1;
        let context = format!("{}\n{}\n{comparison:?}", old.agreement_text, new.agreement_text);
        prop_assert_eq!(comparison.change, expected, "how the coalitions changed\n{}", context);
        match &comparison.witness {
            Some(w) => {
                prop_assert!(flips.contains(&w.in_favour), "the witness does not flip\n{}", context);
                let smallest = flips.iter().map(Vec::len).min().unwrap_or(0);
                prop_assert_eq!(w.in_favour.len(), smallest, "the witness is not a smallest flip\n{}", context);
            }
            None => prop_assert!(flips.is_empty(), "no witness, yet some coalition flips\n{}", context),
        }
        Ok(())
    });
    stats.borrow().print("diff_classifies_the_coalitions_of_two_versions_as_the_oracle_does", started);
    if let Err(e) = result {
        panic!("{e}");
    }
}
