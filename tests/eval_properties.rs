//! Properties of the evaluator over generated agreements and votes:
//! - the outcome equals the and/or of the conditions it reports (no veto, quorum or casting
//!   vote is generated, so nothing else interferes);
//! - monotone rules: turning a vote against into a vote in favour never turns a pass into a
//!   fail (rules without `against`, `at most`, `fewer than` or `no member` conditions);
//! - the weights of the members who vote add up to the electorate's total exactly.

use concord::eval::Ballot;
use concord::eval::{
    evaluate, Combination, ConditionKind, ConditionResult, Evaluation, Measure, OutcomeKind, Relation, Sources,
};
use concord::model::{Agreement, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Conditions that only get easier to meet when a vote moves from against to in favour.
const MONOTONE: [&str; 12] = [
    "at least 70% of eligible votes in favour",
    "at least 50% of eligible votes in favour",
    "more than half of votes cast in favour",
    "at least two thirds of votes present in favour",
    "more than two thirds of members present in favour",
    "half the eligible votes plus one in favour",
    "more than half of pc members in favour",
    "every eligible sc member in favour",
    "unanimous",
    "at least 3 members in favour",
    "m1 in favour",
    "each bloc in favour by more than half of its votes cast",
];

/// Conditions that may get harder to meet when a vote moves from against to in favour.
const OTHER: [&str; 5] = [
    "fewer than 2 members against",
    "no eligible member against",
    "at most 30% of eligible votes against",
    "m2 against",
    "at least 2 members present",
];

#[derive(Debug, Clone)]
struct Spec {
    /// Per member: is of kind sc, budget in £m, observer, gains 6% of its budget.
    members: Vec<(bool, u32, bool, bool)>,
    scheme: u8,
    reserved: bool,
    gain_exclusion: bool,
    conditions: Vec<usize>,
    shape: u8,
    /// Per member: 0 in favour, 1 against, 2 abstaining, 3 absent.
    votes: Vec<u8>,
}

fn spec(monotone_only: bool) -> impl Strategy<Value = Spec> {
    let n_templates = if monotone_only { MONOTONE.len() } else { MONOTONE.len() + OTHER.len() };
    (2usize..=9).prop_flat_map(move |n| {
        (
            prop::collection::vec((any::<bool>(), 1u32..=50, prop::bool::weighted(0.1), prop::bool::weighted(0.2)), n),
            0u8..3,
            any::<bool>(),
            any::<bool>(),
            prop::collection::vec(0..n_templates, 1..=3),
            0u8..3,
            prop::collection::vec(0u8..4, n),
        )
            .prop_map(|(members, scheme, reserved, gain_exclusion, conditions, shape, votes)| Spec {
                members,
                scheme,
                reserved,
                gain_exclusion,
                conditions,
                shape,
                votes,
            })
    })
}

fn template(i: usize) -> &'static str {
    MONOTONE.get(i).or_else(|| OTHER.get(i - MONOTONE.len())).copied().unwrap_or("unanimous")
}

impl Spec {
    fn is_sc(&self, i: usize) -> bool {
        // The first member is primary care and the second social care, so both blocs have one.
        match i {
            0 => false,
            1 => true,
            _ => self.members[i].0,
        }
    }

    fn is_observer(&self, i: usize) -> bool {
        // m1 and m2 are named by conditions; keep them voting members.
        i > 1 && self.members[i].2
    }

    fn agreement(&self) -> String {
        let mut text = String::from("agreement \"Generated\"\n  kinds pc, sc\n\n");
        for (i, (_, budget, _, _)) in self.members.iter().enumerate() {
            let kind = if self.is_sc(i) { "sc" } else { "pc" };
            text.push_str(&format!("member m{}\n  kinds {kind}\n  budget £{budget}m\n", i + 1));
            if self.is_observer(i) {
                text.push_str("  observer\n");
            }
        }
        match self.scheme {
            0 => text.push_str("\nvoting one member one vote\n"),
            1 => text.push_str("\nvoting in proportion to budget\n"),
            _ => text.push_str("\nvoting as set for each member\n"),
        }
        if self.reserved {
            text.push_str("  sc members together hold 20% of the votes\n");
        }
        text.push_str("\nbloc bpc\n  members of kind pc\nbloc bsc\n  members of kind sc\n\n");
        let parts: Vec<&str> = self.conditions.iter().map(|c| template(*c)).collect();
        let rule = match (self.shape, parts.as_slice()) {
            (0, _) | (_, [_]) => parts.join(" and "),
            (1, _) => parts.join(" or "),
            (_, [first, second, rest @ ..]) => {
                let mut r = format!("({first} or {second})");
                for p in rest {
                    r.push_str(&format!(" and {p}"));
                }
                r
            }
            _ => parts.join(" and "),
        };
        text.push_str(&format!("decision \"d\"\n  passes if {rule}\n"));
        if self.gain_exclusion {
            text.push_str("  members gaining more than 5% of their budget do not vote\n");
        }
        text
    }

    fn agreement_with_votes(&self) -> String {
        // Under `as set for each member`, each member's votes are its budget figure.
        if self.scheme != 2 {
            return self.agreement();
        }
        let mut text = self.agreement();
        for (i, (_, budget, _, _)) in self.members.iter().enumerate() {
            let header = format!("member m{}\n", i + 1);
            text = text.replacen(&header, &format!("{header}  votes {budget}\n"), 1);
        }
        text
    }

    fn proposal(&self) -> String {
        let mut text = String::from("proposal \"p\"\n  decision \"d\"\n");
        for (i, (_, _, _, gains)) in self.members.iter().enumerate() {
            if *gains {
                text.push_str(&format!("  m{} gains 6% of its budget\n", i + 1));
            }
        }
        for (code, words) in [(0u8, "in favour"), (1, "against"), (2, "abstaining")] {
            // A member excluded for what it gains stays out of the vote, as it must: a vote from
            // it would make the whole vote invalid.
            let excluded = |i: usize| self.gain_exclusion && self.members[i].3;
            let names: Vec<String> = (0..self.members.len())
                .filter(|i| !self.is_observer(*i) && !excluded(*i) && self.votes[*i] == code)
                .map(|i| format!("m{}", i + 1))
                .collect();
            if !names.is_empty() {
                text.push_str(&format!("  {words}: {}\n", names.join(", ")));
            }
        }
        text
    }
}

fn agreement(text: &str) -> Agreement {
    let loaded = concord::load::load(text);
    assert!(!loaded.has_errors(), "{text}\n{:?}", loaded.diagnostics);
    loaded.agreement.unwrap_or_else(|| panic!("no agreement:\n{text}"))
}

fn run(spec: &Spec) -> Evaluation {
    let agreement_text = spec.agreement_with_votes();
    let agreement = agreement(&agreement_text);
    let proposal_text = spec.proposal();
    let parsed = concord::syntax::parse(&proposal_text);
    assert!(parsed.errors.is_empty(), "{proposal_text}\n{:?}", parsed.errors);
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{proposal_text}\n{errors:?}");
    let proposal = inputs.proposals.first().unwrap_or_else(|| panic!("no proposal"));
    evaluate(&agreement, proposal, Sources { agreement: &agreement_text, proposal: &proposal_text })
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Recomputes a combination's result from the conditions' reported results alone.
fn recompute(c: &Combination, held: &[bool]) -> bool {
    let value = match c {
        Combination::Condition { number, .. } => held[number - 1],
        Combination::All { parts, .. } => parts.iter().all(|p| recompute(p, held)),
        Combination::Any { parts, .. } => parts.iter().any(|p| recompute(p, held)),
    };
    assert_eq!(value, c.held(), "a part's reported result differs from its parts");
    value
}

/// Whether a condition holds, judged only from the working it reports.
fn explained(c: &ConditionResult) -> bool {
    let measured = |m: &Measure| {
        let r = &m.requirement;
        match c.kind {
            ConditionKind::Unanimous | ConditionKind::Every | ConditionKind::HalfPlusOne => {
                r.comparison.holds && !r.empty_base
            }
            ConditionKind::Threshold | ConditionKind::Bloc if r.empty_base => {
                matches!(r.relation, Relation::AtMost | Relation::FewerThan)
            }
            _ => r.comparison.holds,
        }
    };
    match c.kind {
        ConditionKind::Member => c.member.as_ref().is_some_and(|t| t.eligible && t.vote.is_on(t.side)),
        ConditionKind::Bloc => !c.blocs.is_empty() && c.blocs.iter().all(|b| b.held == measured(&b.measure) && b.held),
        _ => c.measure.as_ref().is_some_and(measured),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn outcome_follows_the_reported_conditions(spec in spec(false)) {
        let e = run(&spec);
        let rule = e.rule.as_ref().unwrap_or_else(|| panic!("no rule"));
        let held: Vec<bool> = rule.conditions.iter().map(|c| c.held).collect();
        let numbers: Vec<usize> = rule.conditions.iter().map(|c| c.number).collect();
        prop_assert_eq!(numbers, (1..=held.len()).collect::<Vec<_>>());
        for c in &rule.conditions {
            prop_assert_eq!(c.held, explained(c), "condition {} ({}) contradicts its own working", c.number, &c.place.text);
        }
        let combined = recompute(&rule.combination, &held);
        prop_assert_eq!(combined, rule.held);
        // No veto, quorum or casting vote is generated, and observers never vote here.
        prop_assert!(e.outcome.invalid.is_empty());
        let passed = e.outcome.result == OutcomeKind::Passed;
        prop_assert_eq!(passed, combined, "outcome {:?}", e.outcome);
        if !passed {
            // docs/semantics.md step 7: a tie matters only when it decides the proposal.
            let decides = e.tie.as_ref().is_some_and(|t| t.tied && t.decides);
            let expected = if decides { OutcomeKind::Deadlocked } else { OutcomeKind::Rejected };
            prop_assert_eq!(e.outcome.result, expected);
        }
    }

    #[test]
    fn turning_against_into_for_never_loses_a_pass(spec in spec(true), pick in any::<prop::sample::Index>()) {
        let before = run(&spec);
        let against: Vec<usize> = (0..spec.members.len())
            .filter(|i| !spec.is_observer(*i) && spec.votes[*i] == 1)
            .collect();
        prop_assume!(!against.is_empty());
        let mut flipped = spec.clone();
        flipped.votes[*pick.get(&against)] = 0;
        let after = run(&flipped);
        if before.outcome.result == OutcomeKind::Passed {
            prop_assert_eq!(after.outcome.result, OutcomeKind::Passed, "flipped:\n{}", flipped.proposal());
        }
    }

    #[test]
    fn eligible_weights_add_up_to_the_total(spec in spec(false)) {
        let mut e = run(&spec);
        e.add_shares();
        let voting = e.voting.as_ref().unwrap_or_else(|| panic!("no voting summary"));
        let sum: Decimal = e.members.iter().filter(|m| m.eligible).map(|m| m.weight).sum();
        prop_assert_eq!(sum, voting.total);
        prop_assert!(e.members.iter().filter(|m| !m.eligible).all(|m| m.weight.is_zero()));
        // Tallies over all eligible votes agree with a recount from the members' standings, and
        // every proportion is compared by cross-multiplying those tallies.
        let rule = e.rule.as_ref().unwrap_or_else(|| panic!("no rule"));
        for m in rule.conditions.iter().filter(|c| c.kind != ConditionKind::Bloc).filter_map(|c| c.measure.as_ref()) {
            let unit = if m.unit == Unit::Votes { None } else { Some(Decimal::ONE) };
            if m.kind.is_none() {
                let recount = |ballot: Ballot| -> Decimal {
                    e.members.iter().filter(|s| s.eligible && s.vote == ballot).map(|s| unit.unwrap_or(s.weight)).sum()
                };
                prop_assert_eq!(m.tally.in_favour, recount(Ballot::InFavour));
                prop_assert_eq!(m.tally.against, recount(Ballot::Against));
                prop_assert_eq!(m.tally.abstaining, recount(Ballot::Abstaining));
                prop_assert_eq!(m.tally.absent, recount(Ballot::Absent));
            }
            prop_assert_eq!(m.counted, m.tally.on(m.side));
            if let (Some(p), Some(base)) = (&m.requirement.proportion, m.base) {
                prop_assert_eq!(base.size, m.tally.base(base.scope));
                prop_assert_eq!(m.requirement.comparison.left, m.counted * p.denominator);
                prop_assert_eq!(m.requirement.comparison.right, p.numerator * base.size);
            }
        }
        // Each exact share is the member's weight over the total.
        for m in e.members.iter().filter(|m| m.eligible && !m.weight.is_zero()) {
            let share = m.share.as_deref().unwrap_or_else(|| panic!("no share for {}", m.member));
            prop_assert_eq!(
                Decimal::from_i128_with_scale(share.numer().try_into().unwrap(), 0) * voting.total,
                Decimal::from_i128_with_scale(share.denom().try_into().unwrap(), 0) * m.weight
            );
        }
    }
}
