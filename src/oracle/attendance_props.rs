//! A quorum of those attending under the reading of `concord power` and the checker: every
//! member of the agreement attends (the coalition in favour, the other eligible members
//! against, everyone else listed as attending without a vote). On random agreements with such a
//! quorum, the coalition engine's winning coalitions, `power`'s swings and the checker's
//! `attendance_quorum_unreachable` finding are held to the reference evaluator's verdict on
//! each of those proposals (docs/semantics.md step 4).

use proptest::prelude::*;

use super::{decide, OutcomeKind};
use crate::coalitions::Game;
use crate::model::inputs::{DecisionRef, Proposal, Vote, Voter};
use crate::model::{Agreement, Decision, MemberId, VoteChoice};
use crate::span::{Span, Spanned};

const RULES: [&str; 5] = [
    "more than half of votes cast in favour",
    "at least two thirds of eligible votes in favour",
    "unanimous",
    "at least 2 members in favour",
    "no eligible member against",
];

/// One drawn agreement: `size` members (some observers, some left out of the decision), one
/// rule, an ordinary quorum perhaps, a veto perhaps, and a quorum of `attending` members
/// attending.
struct Draw<'a> {
    size: usize,
    observers: &'a [bool],
    excluded: &'a [bool],
    rule: usize,
    votes: &'a [u8],
    veto: bool,
    ordinary: Option<u8>,
    attending: u32,
}

impl Draw<'_> {
    fn text(&self) -> String {
        let observer = |i: usize| self.observers.get(i).copied().unwrap_or(false);
        let mut text = String::from("agreement \"A\"\n");
        for i in 0..self.size {
            text.push_str(&format!("member m{i}\n"));
            if observer(i) {
                text.push_str("  observer\n");
            } else {
                text.push_str(&format!("  votes {}\n", self.votes.get(i).copied().unwrap_or(1)));
            }
        }
        text.push_str("voting as set for each member\ndecision \"d\"\n");
        text.push_str(&format!("  passes if {}\n", RULES.get(self.rule).copied().unwrap_or("unanimous")));
        for i in 0..self.size {
            if self.excluded.get(i).copied().unwrap_or(false) && !observer(i) {
                text.push_str(&format!("  m{i} does not vote\n"));
            }
        }
        if self.veto {
            text.push_str("  m0 may veto\n");
        }
        if let Some(k) = self.ordinary {
            text.push_str(&format!("  quorum at least {k} members present\n"));
        }
        text.push_str(&format!("  quorum at least {} members attending, voting or not\n", self.attending));
        text
    }
}

/// The proposal of the engine's reading: the players in `coalition` in favour, the other
/// players against, and every other member attending without a vote.
fn everyone_attends(agreement: &Agreement, decision: &Decision, players: &[MemberId], coalition: &[bool]) -> Proposal {
    let at = Span::default();
    let votes = players
        .iter()
        .zip(coalition)
        .map(|(m, f)| Vote {
            voter: Voter::Known(*m),
            choice: if *f { VoteChoice::InFavour } else { VoteChoice::Against },
            span: at,
        })
        .collect();
    let without_a_vote =
        agreement.members.iter().filter(|m| !players.contains(&m.id)).map(|m| Spanned::new(m.id, at)).collect();
    Proposal {
        title: Spanned::new("coalition".into(), at),
        decision: Some(Spanned::new(DecisionRef::Known(decision.id), at)),
        date: None,
        revenue: Default::default(),
        duties_at_risk: Vec::new(),
        commitments: Default::default(),
        votes,
        casting_vote: None,
        applicant: None,
        reconvened: None,
        concerning: None,
        opted_out: Vec::new(),
        matters: Default::default(),
        presiding: None,
        cast_by: Vec::new(),
        facts: Default::default(),
        attendance: crate::model::meetings::Attendance { without_a_vote, ..Default::default() },
        outside: None,
    }
}

/// Every coalition of `n` players, in binary order.
fn coalitions(n: usize) -> impl Iterator<Item = Vec<bool>> {
    (0u32..(1 << n)).map(move |bits| (0..n).map(|i| bits & (1 << i) != 0).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn power_and_the_checker_read_a_quorum_of_those_attending_as_the_oracle_does(
        size in 1usize..7,
        observers in proptest::collection::vec(any::<bool>(), 7),
        excluded in proptest::collection::vec(proptest::bool::weighted(0.2), 7),
        rule in 0usize..RULES.len(),
        votes in proptest::collection::vec(1u8..4, 7),
        veto in any::<bool>(),
        ordinary in proptest::option::of(1u8..4),
        attending in 0u32..9,
    ) {
        let text = Draw { size, observers: &observers, excluded: &excluded, rule, votes: &votes, veto, ordinary, attending }.text();
        let loaded = crate::load::load(&text);
        // Some draws leave nobody who may vote, or a veto holder who cannot vote: refused, and
        // not this property's business.
        let Some(agreement) = loaded.agreement.as_ref().filter(|_| !loaded.has_errors()) else { return Ok(()) };
        let Some(decision) = agreement.decisions.first() else { return Ok(()) };
        let Some(timed) = decision.rules.first() else { return Ok(()) };
        let Ok(electorate) = crate::weights::electorate(agreement, decision, None) else { return Ok(()) };
        let Ok(game) = Game::of_decision(agreement, decision, &electorate, timed) else { return Ok(()) };
        let n = game.players.len();

        // The engine's winning coalitions are the oracle's, on full attendance.
        let mut passes = Vec::new();
        for coalition in coalitions(n) {
            let proposal = everyone_attends(agreement, decision, &game.players, &coalition);
            let Ok(verdict) = decide(agreement, &proposal) else { return Ok(()) };
            let oracle = verdict.outcome == OutcomeKind::Passed;
            prop_assert_eq!(game.passes(&coalition), oracle, "{:?} in favour\n{}", coalition, text);
            passes.push(oracle);
        }

        // `power`'s swings are the oracle's, counted coalition by coalition.
        let power = crate::power::power(&game, crate::power::Which::All)
            .unwrap_or_else(|_| panic!("too large\n{text}"));
        for (i, player) in power.players.iter().enumerate() {
            let mut swings = num_bigint::BigInt::from(0);
            for (bits, passed) in passes.iter().enumerate() {
                if bits & (1 << i) == 0 {
                    let with = passes.get(bits | (1 << i)).copied().unwrap_or(false);
                    swings += i32::from(with) - i32::from(*passed);
                }
            }
            prop_assert_eq!(&player.swings, &swings, "swings of player {}\n{}", i, text);
        }

        // The checker says the quorum can never be met exactly when every member attending is
        // too few, and then reports no coalition finding as if it were met.
        let unreachable = agreement.members.len() < attending as usize;
        if unreachable {
            prop_assert!(passes.iter().all(|p| !p), "a coalition carries it\n{}", text);
        }
        let findings = crate::check::check(agreement);
        let codes: Vec<String> =
            findings.iter().filter_map(|f| miette::Diagnostic::code(f).map(|c| c.to_string())).collect();
        let has = |code: &str| codes.iter().any(|c| c == code);
        prop_assert_eq!(
            has("concord::check::attendance_quorum_unreachable"),
            unreachable,
            "{:?}\n{}",
            codes,
            text
        );
        if unreachable {
            for code in [
                "concord::check::gridlock",
                "concord::check::unintended_veto",
                "concord::check::dictator",
                "concord::check::dummy",
                "concord::check::both_sides_pass",
                "concord::check::never_passes",
                "concord::check::passes_without_support",
            ] {
                prop_assert!(!has(code), "{} beside an unreachable quorum\n{}", code, text);
            }
        }
    }
}
