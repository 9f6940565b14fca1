//! What the session works out from what is typed: proposals, year-end results and scenarios
//! typed at the prompt, `:what-if` and `:scenarios`. In: the engine and the input. Out: the
//! working to print, or the problem.

use std::path::Path;

use super::{error, Engine, ReplError, Reply, Typed};
use crate::diagnostic::AnyDiagnostic;
use crate::load;
use crate::model::Agreement;
use crate::report;
use crate::span::Span;

impl Engine {
    /// Evaluates typed proposals, results and scenarios against the session's agreement.
    pub(super) fn evaluate_inputs(&mut self, input: &str, file: &crate::syntax::ast::File) -> Reply {
        let n_errors = self.errors();
        let agreement = match self.loaded.agreement.clone() {
            Some(agreement) if n_errors == 0 => agreement,
            _ => {
                let first_line = input.lines().next().unwrap_or("");
                let error = ReplError::AgreementHasErrors {
                    command: "a proposal".into(),
                    errors: error::count_errors(n_errors.max(1)),
                    at: Span::new(0, first_line.len()).into(),
                };
                return self.refuse("input", input, &error);
            }
        };
        // A scenario that follows one typed earlier is read after it; only what was typed now is
        // worked out (`from` is where it starts).
        let combined = self.with_earlier_scenarios(file, input);
        let parsed;
        let (input, file, from) = match &combined {
            Some((text, from)) => {
                parsed = crate::syntax::parse(text).file;
                (text.as_str(), &parsed, *from)
            }
            None => (input, file, 0),
        };
        let (inputs, errors) = load::load_inputs(&agreement, file);
        if !errors.is_empty() {
            return Reply::say(format!("{}\nNothing was evaluated.\n", self.render(&errors, "input", input)));
        }
        self.remember_scenarios(file, input, from);
        let mut out = String::new();
        let typed_now: Vec<&crate::model::Scenario> =
            inputs.scenarios.iter().filter(|s| s.name.span.start >= from).collect();
        let proposals = inputs.proposals.iter().chain(typed_now.iter().filter_map(|s| s.proposal.as_ref()));
        for proposal in proposals {
            // A typed scenario that follows steps which changed the agreement is decided under
            // the agreement as they left it, as `concord test` and `concord eval` decide it.
            match crate::commands::eval_sequence::following(&agreement, &self.text, input, &inputs, proposal) {
                Ok(Some(changed)) => {
                    out.push_str(&self.evaluate_with(&changed.agreement, &changed.proposal, input, &changed.in_force));
                    out.push_str(&crate::report::changes::changes_hint(&changed.in_force));
                    self.last_changes = Some((changed.in_force, changed.agreement));
                    self.last_ballot = None;
                    continue;
                }
                Ok(None) => {}
                Err(refused) => {
                    out.push_str(&self.render(&[refused], "input", input));
                    continue;
                }
            }
            out.push_str(&self.evaluate_proposal(&agreement, proposal, input));
            // `:what-if` always starts again from this proposal, as typed.
            self.last_proposal = Some((proposal.clone(), input.to_string()));
            self.last_ballot = None;
        }
        self.count_ballots(&agreement, input, &inputs, from, &mut out);
        let results = inputs.results.iter().chain(typed_now.iter().filter_map(|s| s.result.as_ref()));
        for result in results {
            let evaluation = crate::money::evaluate(&agreement, result);
            let diagnostics: Vec<AnyDiagnostic> = evaluation.diagnostics.iter().cloned().map(Into::into).collect();
            if !diagnostics.is_empty() {
                out.push_str(&self.render(&diagnostics, "session", &self.text));
                out.push('\n');
            }
            if let Some(working) = &evaluation.working {
                out.push_str(&crate::report::money::working_human(working, Some(&agreement.title.node)));
            }
        }
        if out.is_empty() {
            out.push_str("There was nothing to evaluate: type a `proposal` block with `decision \"…\"` and the votes, a `result` block, or a `scenario` that holds an election (`elect \"…\"` and the votes).\n");
        }
        Reply::say(out)
    }

    pub(super) fn evaluate_proposal(
        &self,
        agreement: &Agreement,
        proposal: &crate::model::Proposal,
        input: &str,
    ) -> String {
        self.evaluate_with(agreement, proposal, input, &[])
    }

    /// The working of `proposal` under `agreement`, which the changes `in_force` made (none when
    /// it is the session's agreement as written).
    fn evaluate_with(
        &self,
        agreement: &Agreement,
        proposal: &crate::model::Proposal,
        input: &str,
        in_force: &[crate::eval::InForce],
    ) -> String {
        let errors = crate::commands::checker_errors(agreement);
        if !errors.is_empty() {
            return format!(
                "{}
`:check` finds errors in the agreement, so no proposal is evaluated under it until they are fixed.
",
                self.render(&errors, "session", &self.text)
            );
        }
        let sources = crate::eval::Sources { agreement: &self.text, proposal: input };
        match crate::eval::evaluate(agreement, proposal, sources) {
            Ok(mut e) => {
                e.in_force = in_force.to_vec();
                crate::report::eval::evaluation_human(&e, crate::commands::eval::Weights::Hide, self.colour)
            }
            Err(error) => report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
        }
    }

    pub(super) fn scenarios(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":scenarios",
                what: "a scenario file",
                at: typed.name_at.into(),
                help: "type :scenarios FILE, for example :scenarios examples/frailty-network.scenarios".into(),
            });
        }
        let agreement = self.readable(typed)?;
        let options = crate::commands::test::TestOptions::default();
        let report = crate::commands::test::run_against(Path::new(typed.argument), agreement, &self.text, &options);
        Ok(Reply::say(crate::report::test::test_human(&report, self.colour, 100)))
    }

    /// What it would take to change the outcome of the last proposal typed (`:why`).
    pub(super) fn why(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?.clone();
        if self.last_ballot.is_some() {
            return Ok(Reply::say(
                "`:why` says what would change a proposal's outcome, and the last thing typed was an election:                  :what-if MEMBER for CANDIDATE counts it again with a vote changed.\n",
            ));
        }
        let Some((proposal, input)) = self.last_proposal.clone() else {
            return Err(ReplError::NoProposal { at: typed.name_at.into() });
        };
        if !crate::commands::checker_errors(&agreement).is_empty() {
            return Ok(Reply::say(self.evaluate_proposal(&agreement, &proposal, &input)));
        }
        let evaluator = crate::eval::Evaluator::new(&agreement, &self.text);
        Ok(Reply::say(match evaluator.evaluate(&proposal, &input) {
            Ok(evaluation) => {
                let why = crate::whynot::why_not(&evaluator, &proposal, &evaluation, &input);
                let outcome = evaluation.outcome.result.words();
                format!("“{}” was {outcome}.\n{}", proposal.title.node, report::whynot::why_human(&why))
            }
            Err(error) => report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
        }))
    }

    /// Evaluates the last proposal typed with one vote changed. Each what-if starts from the
    /// proposal as typed, never from an earlier what-if.
    pub(super) fn what_if(&mut self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":what-if",
                what: "a member and a vote",
                at: typed.name_at.into(),
                help: "type :what-if MEMBER in favour|against|abstaining|absent, for example :what-if hhft against"
                    .into(),
            });
        }
        let agreement = self.readable(typed)?.clone();
        let Some((proposal, input)) = self.last_proposal.clone() else {
            return Err(ReplError::NoProposal { at: typed.name_at.into() });
        };
        let mut words = typed.argument.splitn(2, char::is_whitespace);
        let key = words.next().unwrap_or("").trim();
        let choice = words.next().unwrap_or("").trim();
        let Some(member) = agreement.member_by_key(key) else {
            let help = match agreement.nearest_member(key) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the members are {}",
                    agreement.members.iter().map(|m| format!("`{}`", m.key)).collect::<Vec<_>>().join(", ")
                ),
            };
            return Err(ReplError::UnknownMember { key: key.to_string(), at: typed.within_argument(key).into(), help });
        };
        let choice = choice.split_whitespace().collect::<Vec<_>>().join(" ");
        let choice = choice.as_str();
        let new_choice = match choice {
            "in favour" | "in favor" | "for" => Some(Some(crate::model::VoteChoice::InFavour)),
            "against" => Some(Some(crate::model::VoteChoice::Against)),
            "abstaining" | "abstains" => Some(Some(crate::model::VoteChoice::Abstaining)),
            "absent" => Some(None),
            _ => None,
        };
        let Some(new_choice) = new_choice else {
            let at = if choice.is_empty() {
                Span::new(typed.line.len(), typed.line.len())
            } else {
                let start = typed.argument_at.start.saturating_add(key.len());
                let rest = typed.line.get(start..).unwrap_or("");
                let start = start.saturating_add(rest.len().saturating_sub(rest.trim_start().len()));
                Span::new(start, typed.line.len())
            };
            return Err(ReplError::UnknownVote { said: choice.to_string(), at: at.into() });
        };
        let mut changed = proposal.clone();
        let voter = crate::model::inputs::Voter::Known(member.id);
        let span = changed.votes.iter().find(|v| v.voter == voter).map_or(crate::span::Span::default(), |v| v.span);
        changed.votes.retain(|v| v.voter != voter);
        if let Some(choice) = new_choice {
            changed.votes.push(crate::model::inputs::Vote { voter, choice, span });
        }
        let sources = crate::eval::Sources { agreement: &self.text, proposal: &input };
        let (before, after) = match (
            crate::eval::evaluate(&agreement, &proposal, sources),
            crate::eval::evaluate(&agreement, &changed, sources),
        ) {
            (Ok(b), Ok(a)) => (b, a),
            (Err(error), _) | (_, Err(error)) => {
                return Ok(Reply::say(
                    report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
                ));
            }
        };
        let said = if choice == "for" { "in favour" } else { choice };
        let mut out = format!("What if {} voted {said}?\n", member.key);
        let (was, now) = (before.outcome.result.words(), after.outcome.result.words());
        if was == now {
            out.push_str(&format!("  The outcome stays {now}.\n"));
        } else {
            out.push_str(&format!("  The outcome changes from {was} to {now}.\n"));
        }
        if let (Some(b), Some(a)) = (&before.rule, &after.rule) {
            for (cb, ca) in b.conditions.iter().zip(&a.conditions) {
                if cb.held != ca.held {
                    let change =
                        if ca.held { "did not hold before and now holds" } else { "held before and now does not" };
                    out.push_str(&format!("  Condition {} ({}) {change}.\n", ca.number, ca.place.text.as_str()));
                }
            }
        }
        out.push_str("\nThe working with that change:\n");
        out.push_str(&crate::report::eval::evaluation_human(&after, crate::commands::eval::Weights::Hide, self.colour));
        Ok(Reply::say(out))
    }
}
