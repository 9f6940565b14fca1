//! Elections in the session (`election "…"` blocks, docs/reference.md §9 "Elections"): `:elections`
//! says who may stand and who votes; a scenario typed with `elect "…"` and its votes is counted,
//! as `concord eval` counts it; `:what-if` then counts it again with one vote changed, or with a
//! tie's result recorded. In: the engine and the line. Out: the working to print, or the problem.

use super::{Engine, ReplError, Reply, Typed};
use crate::model::elections::{Ballot, BallotVote, Election};
use crate::model::{Agreement, Inputs, MemberId};
use crate::span::{Span, Spanned};

/// The words of an election's clauses and of holding one, offered by completion.
pub(super) const ELECTION_WORDS: [&str; 9] = [
    "election",
    "candidates are",
    "the candidate with the most votes is elected",
    "it is decided by lot",
    "has the casting vote",
    "elect",
    "votes for",
    "the lot fell to",
    "the casting vote was for",
];

/// A change `:what-if` makes to the last election typed.
enum Change {
    /// The member votes for the candidate, or (`None`) does not vote.
    Vote(MemberId, Option<MemberId>),
    /// The lot fell to the candidate.
    Lot(MemberId),
    /// The casting vote was for the candidate.
    Casting(MemberId),
}

impl Engine {
    /// `:elections [ELECTION]`: each election's clauses in a lawyer's words, and how to hold one.
    pub(super) fn elections(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?;
        if agreement.elections.is_empty() {
            return Ok(Reply::say(
                "The agreement holds no election yet. Type an `election \"…\"` block to add one (:help lists what it says).\n",
            ));
        }
        let shown: Vec<&Election> = if typed.argument.is_empty() {
            agreement.elections.iter().collect()
        } else {
            vec![self.find_election(agreement, typed)?]
        };
        let (_, parts) = crate::report::schedule::schedule(agreement);
        let mut out = String::new();
        for election in &shown {
            out.push_str(&format!("Election “{}”\n", election.name));
            let heading = format!("Election: {}", election.name);
            for part in parts.iter().filter(|p| p.heading == heading) {
                for (n, clause) in part.clauses.iter().enumerate() {
                    out.push_str(&format!("  {}. {}\n", n.saturating_add(1), clause.text));
                    for item in &clause.items {
                        out.push_str(&format!("{}- {}\n", "  ".repeat(item.depth.saturating_add(1)), item.text));
                    }
                }
            }
        }
        let example = shown.first().map_or("", |e| e.name.as_str());
        out.push_str(&format!(
            "\nTo hold it, type a scenario, ending it with an empty line:\n  scenario \"…\"\n    elect \"{example}\"\n    MEMBER votes for CANDIDATE\n:what-if MEMBER for CANDIDATE then counts it again with one vote changed.\n"
        ));
        Ok(Reply::say(out))
    }

    fn find_election<'a>(&self, agreement: &'a Agreement, typed: &Typed<'_>) -> Result<&'a Election, ReplError> {
        let name = typed.argument.trim_matches('"');
        agreement.elections.iter().find(|e| e.name == name).ok_or_else(|| {
            let names: Vec<&str> = agreement.elections.iter().map(|e| e.name.as_str()).collect();
            let help = match crate::suggest::nearest(name, names.iter().copied()) {
                Some(n) => format!("did you mean “{n}”?"),
                None => format!(
                    "the elections are {}",
                    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                ),
            };
            ReplError::UnknownElection { name: name.to_string(), at: typed.within_argument(name).into(), help }
        })
    }

    /// Counts each election the typed scenarios hold, and remembers the last for `:what-if`.
    pub(super) fn count_ballots(
        &mut self,
        agreement: &Agreement,
        input: &str,
        inputs: &Inputs,
        from: usize,
        out: &mut String,
    ) {
        for scenario in inputs.scenarios.iter().filter(|s| s.name.span.start >= from) {
            let Some(ballot) = &scenario.ballot else { continue };
            let after =
                crate::commands::eval_sequence::election_after_change(agreement, &self.text, input, inputs, ballot);
            if let Some(refused) = after {
                out.push_str(&self.render(&[refused], "input", input));
                continue;
            }
            let errors = crate::commands::checker_errors(agreement);
            if !errors.is_empty() {
                out.push_str(&self.render(&errors, "session", &self.text));
                out.push_str("\n`:check` finds errors in the agreement, so no election is counted under it until they are fixed.\n");
                return;
            }
            let Some(election) = agreement.elections.get(ballot.election.node) else { continue };
            match crate::eval::elections::count(agreement, election, ballot) {
                Ok(result) => {
                    out.push_str(&crate::report::elections::election_human(&result));
                    self.last_ballot = Some(ballot.clone());
                    self.last_proposal = None;
                }
                Err(error) => {
                    let diagnostic = crate::diagnostic::AnyDiagnostic::from(crate::model::LowerError::from(error));
                    out.push_str(&self.render(&[diagnostic], "input", input));
                }
            }
        }
    }

    /// `:what-if` after an election: counts the last election typed again with one change, and
    /// says whether the outcome changes. Each starts from the election as typed.
    pub(super) fn what_if_election(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?.clone();
        let Some(ballot) = self.last_ballot.clone() else {
            return Err(ReplError::NoProposal { at: typed.name_at.into() });
        };
        let Some(election) = agreement.elections.get(ballot.election.node) else {
            return Err(ReplError::NoProposal { at: typed.name_at.into() });
        };
        let (change, question) = self.election_change(&agreement, election, typed)?;
        let mut changed = ballot.clone();
        let at = |id| Spanned::new(id, Span::default());
        match change {
            Change::Vote(voter, candidate) => {
                let place = changed.votes.iter().position(|v| v.voter.node == voter);
                let vote = candidate.map(|c| BallotVote { voter: at(voter), candidate: at(c) });
                match (place, vote) {
                    (Some(i), Some(vote)) => {
                        if let Some(v) = changed.votes.get_mut(i) {
                            *v = vote;
                        }
                    }
                    (Some(i), None) => {
                        changed.votes.remove(i);
                    }
                    (None, Some(vote)) => changed.votes.push(vote),
                    (None, None) => {}
                }
            }
            Change::Lot(c) => (changed.lot, changed.casting) = (Some(at(c)), None),
            Change::Casting(c) => (changed.lot, changed.casting) = (None, Some(at(c))),
        }
        let count = |b: &Ballot| crate::eval::elections::count(&agreement, election, b);
        let mut out = format!("What if {question}?\n");
        let before = count(&ballot);
        let mut after = count(&changed);
        // A lot's result or casting vote recorded for a tie the changed votes no longer make
        // decides nothing: it is set aside, and the working says so.
        if after.is_err() && (changed.lot.is_some() || changed.casting.is_some()) && ballot.votes != changed.votes {
            let recorded = match (&changed.lot, &changed.casting) {
                (Some(l), _) => format!("the lot fell to {}", key_of(&agreement, l.node)),
                (_, Some(c)) => format!("the casting vote was for {}", key_of(&agreement, c.node)),
                _ => String::new(),
            };
            let (lot, casting) = (changed.lot.take(), changed.casting.take());
            after = count(&changed);
            match &after {
                Ok(r) => out.push_str(&format!(
                    "  The record that {recorded} is set aside: with that change {}.\n",
                    if r.tied.is_empty() {
                        "there is no tie to decide".to_string()
                    } else {
                        format!("the tie is between {}", crate::report::terms::and_list(&r.tied))
                    }
                )),
                Err(_) => (changed.lot, changed.casting) = (lot, casting),
            }
        }
        match (before, after) {
            (Ok(was), Ok(now)) => {
                let (b, a) =
                    (crate::report::elections::expect_words(&was), crate::report::elections::expect_words(&now));
                if b == a {
                    out.push_str(&format!("  The outcome stays {a}.\n"));
                } else {
                    out.push_str(&format!("  The outcome changes from {b} to {a}.\n"));
                }
                out.push_str("\nThe count with that change:\n");
                out.push_str(&crate::report::elections::election_human(&now));
            }
            (Err(error), _) | (_, Err(error)) => {
                let help = miette::Diagnostic::help(&error).map(|h| format!(": {h}")).unwrap_or_default();
                out.push_str(&format!("  That cannot be counted: {error}{help}.\n"));
            }
        }
        Ok(Reply::say(out))
    }

    /// The change `:what-if` asks for, and the question it puts, in words.
    fn election_change(
        &self,
        agreement: &Agreement,
        election: &Election,
        typed: &Typed<'_>,
    ) -> Result<(Change, String), ReplError> {
        let words: Vec<&str> = typed.argument.split_whitespace().collect();
        let said = words.join(" ");
        let candidate = |key: &str| -> Result<MemberId, ReplError> {
            let id = self.member_named(agreement, typed, key)?;
            if election.is_candidate(agreement, id) {
                return Ok(id);
            }
            let standing: Vec<String> =
                election.candidates_in(agreement).into_iter().map(|c| format!("`{}`", key_of(agreement, c))).collect();
            Err(ReplError::NotACandidate {
                key: key.to_string(),
                election: election.name.clone(),
                at: typed.within_argument(key).into(),
                help: format!("the candidates are {}", standing.join(", ")),
            })
        };
        let tail = |prefixes: &[&str]| prefixes.iter().find_map(|p| said.strip_prefix(p)).map(str::trim);
        if let Some(c) = tail(&["the lot fell to ", "lot fell to ", "the lot falls to "]) {
            let id = candidate(c)?;
            return Ok((Change::Lot(id), format!("the lot fell to {c}")));
        }
        if let Some(c) = tail(&["the casting vote was for ", "casting vote was for ", "the casting vote is for "]) {
            let id = candidate(c)?;
            return Ok((Change::Casting(id), format!("the casting vote was for {c}")));
        }
        let voter_key = words.first().copied().unwrap_or("");
        let voter = self.member_named(agreement, typed, voter_key)?;
        let rest = words.get(1..).unwrap_or(&[]).join(" ");
        let unknown = || {
            let start = typed.argument_at.start.saturating_add(voter_key.len());
            let line_end = typed.line.len();
            let rest_at = typed.line.get(start..).map_or(0, |r| r.len().saturating_sub(r.trim_start().len()));
            ReplError::UnknownElectionVote {
                said: rest.clone(),
                at: Span::new(start.saturating_add(rest_at).min(line_end), line_end).into(),
            }
        };
        match rest.as_str() {
            "absent" | "does not vote" | "did not vote" | "not voting" => {
                Ok((Change::Vote(voter, None), format!("{voter_key} did not vote")))
            }
            _ => {
                let Some(c) = ["votes for ", "voted for ", "for "].iter().find_map(|p| rest.strip_prefix(p)) else {
                    return Err(unknown());
                };
                let c = c.trim();
                let id = candidate(c)?;
                Ok((Change::Vote(voter, Some(id)), format!("{voter_key} voted for {c}")))
            }
        }
    }

    /// The member `key` names, or the problem, with the nearest identifier.
    fn member_named(&self, agreement: &Agreement, typed: &Typed<'_>, key: &str) -> Result<MemberId, ReplError> {
        match agreement.member_by_key(key) {
            Some(m) => Ok(m.id),
            None => {
                let help = match agreement.nearest_member(key) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "the members are {}",
                        agreement.members.iter().map(|m| format!("`{}`", m.key)).collect::<Vec<_>>().join(", ")
                    ),
                };
                Err(ReplError::UnknownMember { key: key.to_string(), at: typed.within_argument(key).into(), help })
            }
        }
    }
}

fn key_of(agreement: &Agreement, id: MemberId) -> String {
    agreement.member(id).map_or_else(|| "?".to_string(), |m| m.key.clone())
}

/// After `:elections `, the election names that start with what is typed; `None` for any other line.
pub(super) fn election_names(engine: &Engine, line: &str, pos: usize) -> Option<(usize, Vec<String>)> {
    if !(line.starts_with(":elections ") || line.starts_with(":election ")) {
        return None;
    }
    let agreement = engine.agreement()?;
    let first = line.find(char::is_whitespace).map_or(line.len(), |i| i.saturating_add(1));
    let typed = line.get(first..pos).unwrap_or("").trim_start_matches('"');
    let names = agreement.elections.iter().map(|e| e.name.clone()).filter(|n| n.starts_with(typed)).collect();
    Some((first.min(pos), names))
}

#[cfg(test)]
mod tests {
    use super::super::Engine;
    use crate::report::Colour;

    const TIE: &str = "scenario \"vice-chair\"\n  elect \"vice-chair\"\n  votes for icb: leader, cabinet, dph\n  votes for trust: icb, trust, das\n  the lot fell to trust\n";

    fn board() -> Engine {
        let mut e = Engine::new(Colour::Off);
        let loaded = e.handle(":load examples/health-and-wellbeing-board.concord").text;
        assert!(loaded.contains("Loaded"), "{loaded}");
        e
    }

    #[test]
    fn a_typed_election_is_counted_and_a_what_if_counts_it_again() {
        let mut e = board();
        let count = e.handle(TIE).text;
        assert!(count.contains("Tie: icb and trust have 3 votes each"), "{count}");
        assert!(count.contains("Elected: trust, by lot"), "{count}");
        // One vote moved: no tie, so the lot's recorded result is set aside.
        let what_if = e.handle(":what-if das for icb").text;
        assert!(what_if.starts_with("What if das voted for icb?\n"), "{what_if}");
        assert!(
            what_if.contains(
                "The record that the lot fell to trust is set aside: with that change there is no tie to decide."
            ),
            "{what_if}"
        );
        assert!(what_if.contains("The outcome changes from elected trust to elected icb."), "{what_if}");
        assert!(what_if.contains("icb (NHS Integrated Care Board): 4 votes (leader, cabinet, dph, das)"), "{what_if}");
        // Each what-if starts from the election as typed: the lot falling the other way.
        let lot = e.handle(":what-if the lot fell to icb").text;
        assert!(lot.contains("The outcome changes from elected trust to elected icb."), "{lot}");
        assert!(lot.contains("trust (Community Health NHS Trust): 3 votes (icb, trust, das)"), "{lot}");
        let absent = e.handle(":what-if leader absent").text;
        assert!(absent.contains("The outcome stays elected trust."), "{absent}");
        assert!(absent.contains("is set aside"), "{absent}");
    }

    #[test]
    fn a_what_if_at_an_election_is_refused_with_the_words_at_fault() {
        let mut e = board();
        e.handle(TIE);
        let not_standing = e.handle(":what-if das for leader").text;
        assert!(not_standing.contains("concord::repl::not_a_candidate"), "{not_standing}");
        assert!(not_standing.contains("the candidates are `icb`, `trust`"), "{not_standing}");
        let sideways = e.handle(":what-if das against").text;
        assert!(sideways.contains("concord::repl::unknown_election_vote"), "{sideways}");
        let why = e.handle(":why").text;
        assert!(why.contains("the last thing typed was an election"), "{why}");
        let unknown = e.handle(":what-if dsa for icb").text;
        assert!(unknown.contains("did you mean `das`?"), "{unknown}");
        // A proposal typed after the election is what :what-if works from again.
        let proposal = e
            .handle("proposal \"p\"\n  decision \"routine business\"\n  in favour: leader, cabinet, icb, trust\n")
            .text;
        assert!(proposal.contains("Outcome: passed"), "{proposal}");
        assert!(e.handle(":what-if icb against").text.contains("What if icb voted against?"));
    }

    #[test]
    fn elections_are_listed_and_completed() {
        let e = board();
        let listed = e.clone().handle(":elections").text;
        assert!(listed.contains("Election “vice-chair”\n  1. Every nhs member may stand"), "{listed}");
        assert!(listed.contains("elect \"vice-chair\""), "{listed}");
        let unknown = e.clone().handle(":elections vice chair").text;
        assert!(unknown.contains("concord::repl::unknown_election"), "{unknown}");
        assert!(unknown.contains("did you mean “vice-chair”?"), "{unknown}");
        assert_eq!(e.completions(":elections v", 12), (11, vec!["vice-chair".to_string()]));
        let (_, words) = e.completions("  the", 5);
        assert!(words.contains(&"the lot fell to ".to_string()), "{words:?}");
        let (_, commands) = e.completions(":ele", 4);
        assert_eq!(commands, [":elections"]);
    }

    #[test]
    fn an_agreement_with_no_election_says_so() {
        let mut e = Engine::new(Colour::Off);
        assert!(e.handle(":elections").text.contains("holds no election yet"));
    }
}
