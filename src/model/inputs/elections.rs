//! A scenario's election: which election is held, the votes for each candidate, the lot's
//! result or the casting vote, and what the scenario expects.

use super::*;
use crate::model::elections::{Ballot, BallotVote, ElectionExpect};
use crate::model::ElectionError;
use crate::syntax::ast::ElectionInput;

impl InputLowerer<'_> {
    /// The ballot a scenario's election lines describe; `None` (with a diagnostic where one is
    /// due) when they describe none that can be counted.
    pub(super) fn ballot(&mut self, scenario: &Spanned<String>, lines: &[(&ElectionInput, Span)]) -> Option<Ballot> {
        let mut held: Option<Spanned<usize>> = None;
        for (line, span) in lines {
            if let ElectionInput::Elect(name) = line {
                match self.agreement.elections.iter().position(|e| e.name == name.node) {
                    Some(i) => match &held {
                        Some(first) => self.errors.push(
                            ElectionError::Twice {
                                what: "the election held".into(),
                                first: first.span.into(),
                                second: (*span).into(),
                            }
                            .into(),
                        ),
                        None => held = Some(Spanned::new(i, *span)),
                    },
                    None => {
                        let known: Vec<&str> = self.agreement.elections.iter().map(|e| e.name.as_str()).collect();
                        let help = match crate::suggest::nearest(&name.node, known.iter().copied()) {
                            Some(near) => format!("did you mean \"{near}\"?"),
                            None if known.is_empty() => {
                                "the agreement holds no election; add an `election \"…\"` block to it".into()
                            }
                            None => format!(
                                "the elections are: {}",
                                known.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
                            ),
                        };
                        self.errors.push(LowerError::UnknownName {
                            sort: "election".into(),
                            name: name.node.clone(),
                            at: name.span.into(),
                            help,
                        });
                        return None;
                    }
                }
            }
        }
        let Some(held) = held else {
            let at = lines.first().map_or(scenario.span, |(_, s)| *s);
            let error = match lines
                .iter()
                .find(|(l, _)| matches!(l, ElectionInput::ExpectElected(_) | ElectionInput::ExpectTied(_)))
            {
                Some((_, s))
                    if lines
                        .iter()
                        .all(|(l, _)| matches!(l, ElectionInput::ExpectElected(_) | ElectionInput::ExpectTied(_))) =>
                {
                    ElectionError::ExpectWithoutElection { scenario: scenario.node.clone(), at: (*s).into() }
                }
                _ => ElectionError::NotHeld { scenario: scenario.node.clone(), at: at.into() },
            };
            self.errors.push(error.into());
            return None;
        };
        let agreement = self.agreement;
        let election = agreement.elections.get(held.node)?;
        let errors_before = self.errors.len();
        let mut ballot =
            Ballot { election: held, votes: Vec::new(), lot: None, casting: None, expectations: Vec::new() };
        for (line, span) in lines {
            match line {
                ElectionInput::Elect(_) => {}
                ElectionInput::VotesFor { candidate, voters } => {
                    let Some(c) = self.candidate(election, candidate) else { continue };
                    for voter in voters {
                        self.vote(&mut ballot, &election.name, voter, c);
                    }
                }
                ElectionInput::VoterVotes { voter, candidate } => {
                    if let Some(c) = self.candidate(election, candidate) {
                        self.vote(&mut ballot, &election.name, voter, c);
                    }
                }
                ElectionInput::Lot(m) => {
                    if let Some(id) = self.member(m) {
                        self.once_member(&mut ballot.lot, "the lot's result", Spanned::new(id, *span));
                    }
                }
                ElectionInput::CastingFor(m) => {
                    if let Some(id) = self.member(m) {
                        self.once_member(&mut ballot.casting, "the casting vote", Spanned::new(id, *span));
                    }
                }
                ElectionInput::ExpectElected(m) => {
                    if let Some(id) = self.member(m) {
                        ballot.expectations.push(Spanned::new(ElectionExpect::Elected(id), *span));
                    }
                }
                ElectionInput::ExpectTied(ms) => {
                    let ids: Vec<MemberId> = ms.iter().filter_map(|m| self.member(m)).collect();
                    if ids.len() == ms.len() {
                        ballot.expectations.push(Spanned::new(ElectionExpect::Tied(ids), *span));
                    }
                }
            }
        }
        // A lot's result, or a casting vote, must decide the tie the votes leave (judged only
        // when every vote could be read: a count without the refused ones would mislead).
        if self.errors.len() > errors_before {
            return Some(ballot);
        }
        if let Err(error) = crate::eval::elections::count(agreement, election, &ballot) {
            self.errors.push(error.into());
        }
        Some(ballot)
    }

    fn once_member(&mut self, slot: &mut Option<Spanned<MemberId>>, what: &str, value: Spanned<MemberId>) {
        match slot {
            Some(first) => self.errors.push(
                ElectionError::Twice { what: what.into(), first: first.span.into(), second: value.span.into() }.into(),
            ),
            None => *slot = Some(value),
        }
    }

    /// A member voted for, who must be a candidate.
    fn candidate(
        &mut self,
        election: &crate::model::elections::Election,
        candidate: &Spanned<MemberRef>,
    ) -> Option<Spanned<MemberId>> {
        let id = self.member(candidate)?;
        if election.is_candidate(self.agreement, id) {
            return Some(Spanned::new(id, candidate.span));
        }
        let names: Vec<String> = election
            .candidates_in(self.agreement)
            .iter()
            .filter_map(|c| self.agreement.member(*c))
            .map(|m| format!("`{}`", m.key))
            .collect();
        let key = self.agreement.member(id).map_or(String::new(), |m| m.key.clone());
        self.errors.push(
            ElectionError::NotACandidate {
                member: key,
                election: election.name.clone(),
                at: candidate.span.into(),
                help: format!("the candidates are: {}", names.join(", ")),
            }
            .into(),
        );
        None
    }

    fn vote(&mut self, ballot: &mut Ballot, election: &str, voter: &Spanned<MemberRef>, candidate: Spanned<MemberId>) {
        let Some(id) = self.member(voter) else { return };
        if let Some(first) = ballot.votes.iter().find(|v| v.voter.node == id) {
            let key = self.agreement.member(id).map_or(String::new(), |m| m.key.clone());
            self.errors.push(
                ElectionError::VotedTwice {
                    member: key,
                    election: election.to_string(),
                    first: first.voter.span.into(),
                    second: voter.span.into(),
                }
                .into(),
            );
            return;
        }
        ballot.votes.push(BallotVote { voter: Spanned::new(id, voter.span), candidate });
    }
}
