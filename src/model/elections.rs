//! Elections (docs/reference.md §9, "Elections", docs/semantics.md "Elections"): a choice between
//! candidates, won by the most votes, with a tie decided by lot or by a casting vote.
//!
//! Concord never draws a lot: a tie the election says is decided by lot stays tied until the
//! scenario records whom the lot fell to (`the lot fell to bob`). Who votes and how much each
//! vote weighs is the decisions' machinery ([`crate::weights::electorate`]), through
//! [`Election::as_decision`].

use serde::Serialize;

use super::{Agreement, Decision, DecisionId, Exclusion, KindId, MemberId, WeightScheme};
use crate::span::{Span, Spanned};

/// Who may stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Candidates {
    /// Every member of a kind (`candidates are the ordinary members`), as the membership stands
    /// when the election is held.
    Kind(KindId),
    /// Every member (`candidates are the members`).
    All,
    /// The members named (`candidates are alice, bob and carol`).
    Members(Vec<Spanned<MemberId>>),
}

/// How a tie for the most votes is decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieRule {
    /// `on a tie, it is decided by lot`: the scenario records whom the lot fell to.
    Lot,
    /// `on a tie, the chair has the casting vote`: this member chooses between the tied.
    CastingVote(Spanned<MemberId>),
}

/// An election, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Election {
    /// Its name, as written in quotes.
    pub name: String,
    /// Its name in the header.
    pub span: Span,
    /// Who may stand, and the clause that says so.
    pub candidates: Spanned<Candidates>,
    /// The clause `the candidate with the most votes is elected`.
    pub plurality: Span,
    /// How a tie is decided; `None` when the election does not say.
    pub tie: Option<Spanned<TieRule>>,
    /// Its own voting scheme (`voting in proportion to budget`); the agreement's otherwise.
    pub voting: Option<Spanned<WeightScheme>>,
    /// Who does not vote (`only core members vote`, `lay members do not vote`, `lbh does not vote`).
    pub exclusions: Vec<Exclusion>,
}

impl Election {
    /// The candidates standing in `agreement`, in the agreement's order of members.
    pub fn candidates_in(&self, agreement: &Agreement) -> Vec<MemberId> {
        agreement
            .members
            .iter()
            .filter(|m| match &self.candidates.node {
                Candidates::Kind(kind) => m.is_of_kind(*kind),
                Candidates::All => true,
                Candidates::Members(named) => named.iter().any(|n| n.node == m.id),
            })
            .map(|m| m.id)
            .collect()
    }

    /// Whether `member` may stand in `agreement`.
    pub fn is_candidate(&self, agreement: &Agreement, member: MemberId) -> bool {
        self.candidates_in(agreement).contains(&member)
    }

    /// The election as a decision with no rule, for the decisions' machinery of who votes and
    /// how much each vote weighs: its voting scheme and its exclusions, nothing else.
    pub fn as_decision(&self) -> Decision {
        Decision {
            id: DecisionId(u32::MAX),
            name: self.name.clone(),
            span: self.span,
            rules: Vec::new(),
            voting: self.voting.clone(),
            quorum: None,
            reconvened_quorum: None,
            exclusions: self.exclusions.clone(),
            vetoes: Vec::new(),
            casting_vote: None,
            casting_presiding: None,
            casting_office: None,
            escalations: Vec::new(),
            default: None,
            matters: Default::default(),
            procedure: Default::default(),
            effects: Vec::new(),
            meetings: Default::default(),
            outside: None,
        }
    }

    /// Every member id the election names, for renumbering when a member leaves.
    pub fn member_ids_mut(&mut self) -> Vec<&mut MemberId> {
        let Election { name: _, span: _, candidates, plurality: _, tie, voting: _, exclusions } = self;
        let mut ids = Vec::new();
        if let Candidates::Members(named) = &mut candidates.node {
            ids.extend(named.iter_mut().map(|n| &mut n.node));
        }
        if let Some(Spanned { node: TieRule::CastingVote(m), .. }) = tie {
            ids.push(&mut m.node);
        }
        for exclusion in exclusions.iter_mut() {
            if let Exclusion::Member { member, .. } = exclusion {
                ids.push(member);
            }
        }
        ids
    }
}

impl Election {
    /// What the election means under `agreement`, without where it was written: who stands (by
    /// identifier), who is left out of the vote, the voting scheme and the tie rule. Two versions
    /// of an agreement whose election has the same meaning say the same about it (`concord diff`).
    pub fn meaning(&self, agreement: &Agreement) -> Vec<String> {
        let key = |m: MemberId| agreement.member(m).map_or_else(|| "?".to_string(), |m| m.key.clone());
        let kind = |k: KindId| agreement.kind(k).map_or_else(|| "?".to_string(), |k| k.name.clone());
        let mut out = vec![format!(
            "candidates: {}",
            self.candidates_in(agreement).into_iter().map(key).collect::<Vec<_>>().join(", ")
        )];
        out.push(format!("voting: {:?}", self.voting.as_ref().map_or(&agreement.voting.scheme.node, |v| &v.node)));
        for exclusion in &self.exclusions {
            out.push(match exclusion {
                Exclusion::OnlyKind { kind: k, .. } => format!("only {} members vote", kind(*k)),
                Exclusion::Kind { kind: k, .. } => format!("{} members do not vote", kind(*k)),
                Exclusion::Member { member, .. } => format!("{} does not vote", key(*member)),
                other => format!("{other:?}"),
            });
        }
        out.push(match self.tie.as_ref().map(|t| &t.node) {
            Some(TieRule::Lot) => "a tie by lot".to_string(),
            Some(TieRule::CastingVote(m)) => format!("a tie by the casting vote of {}", key(m.node)),
            None => "no tie rule".to_string(),
        });
        out.sort();
        out
    }
}

/// What a scenario says happened at an election.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ballot {
    /// The election held, an index into the agreement's elections.
    pub election: Spanned<usize>,
    /// Each vote: who voted, for whom, and where it was written, in the order written.
    pub votes: Vec<BallotVote>,
    /// `the lot fell to bob`: the lot's result, when one was drawn.
    pub lot: Option<Spanned<MemberId>>,
    /// `the casting vote was for bob`: the casting vote, when one was given.
    pub casting: Option<Spanned<MemberId>>,
    /// `expect elected alice` and `expect tied between alice and bob`.
    pub expectations: Vec<Spanned<ElectionExpect>>,
}

/// One vote at an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotVote {
    /// Who voted.
    pub voter: Spanned<MemberId>,
    /// For whom.
    pub candidate: Spanned<MemberId>,
}

/// What a scenario expects of an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ElectionExpect {
    /// `expect elected alice`
    Elected(MemberId),
    /// `expect tied between alice and bob`: still tied, awaiting the lot or the casting vote.
    Tied(Vec<MemberId>),
}
