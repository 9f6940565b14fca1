//! The commands that show the session's agreement: `:members`, `:weights`, `:rules` and
//! `:explain`. In: the engine and the line as typed. Out: the text to print, or the problem.

use super::{Engine, ReplError, Reply, Typed};
use crate::model::Agreement;
use crate::report;
use crate::syntax::ast::Header;
use crate::syntax::{self};

impl Engine {
    pub(super) fn members(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?;
        if agreement.members.is_empty() {
            return Ok(Reply::say("The agreement has no members yet. Type a `member` block to add one.\n"));
        }
        let mut out = String::new();
        for m in &agreement.members {
            let kinds: Vec<&str> =
                m.kinds.iter().filter_map(|k| agreement.kind(k.node)).map(|k| k.name.as_str()).collect();
            let roles: Vec<&str> = m.roles.keys().map(|r| r.words()).collect();
            out.push_str(&format!("{} — {}\n", m.key, m.name));
            if !kinds.is_empty() {
                out.push_str(&format!("    kinds: {}\n", kinds.join(", ")));
            }
            if !roles.is_empty() {
                out.push_str(&format!("    roles: {}\n", roles.join(", ")));
            }
            for (name, figure) in &m.figures {
                let value = match figure.unit {
                    crate::model::FigureUnit::Money => {
                        format!(
                            "{}{}",
                            agreement.currency.symbol.map(String::from).unwrap_or_default(),
                            crate::fmt::grouped(figure.value)
                        )
                    }
                    crate::model::FigureUnit::Percent => match figure.form {
                        crate::model::FigureForm::Fraction { numerator, denominator } => {
                            format!("{}/{}", numerator.normalize(), denominator.normalize())
                        }
                        crate::model::FigureForm::Shares => format!("{} shares", figure.value.normalize()),
                        crate::model::FigureForm::Plain => format!("{}%", figure.value.normalize()),
                    },
                    crate::model::FigureUnit::Number => figure.value.normalize().to_string(),
                };
                out.push_str(&format!("    {}: {value}\n", name.words()));
            }
            if let Some(votes) = &m.votes {
                out.push_str(&format!("    votes: {}\n", votes.node.normalize()));
            }
        }
        Ok(Reply::say(out))
    }

    pub(super) fn find_decision<'a>(
        &self,
        agreement: &'a Agreement,
        typed: &Typed<'_>,
    ) -> Result<&'a crate::model::Decision, ReplError> {
        let name = typed.argument.trim_matches('"');
        agreement.decision_by_name(name).ok_or_else(|| {
            let names: Vec<&str> = agreement.decisions.iter().map(|d| d.name.as_str()).collect();
            let near = crate::suggest::nearest(name, names.iter().copied());
            let help = match near {
                Some(n) => format!("did you mean “{n}”?"),
                None if names.is_empty() => "the agreement has no decisions yet: type a `decision` block".to_string(),
                None => format!(
                    "the decisions are {}",
                    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
                ),
            };
            ReplError::UnknownDecision { name: name.to_string(), at: typed.within_argument(name).into(), help }
        })
    }

    pub(super) fn weights(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let agreement = self.readable(typed)?;
        let decision = if typed.argument.is_empty() {
            match agreement.decisions.first() {
                Some(d) => d,
                None => return Ok(Reply::say("The agreement has no decisions yet, so no one votes on anything.\n")),
            }
        } else {
            self.find_decision(agreement, typed)?
        };
        let electorate = match crate::weights::electorate(agreement, decision, None) {
            Ok(e) => e,
            Err(error) => {
                return Ok(Reply::say(
                    report::Renderer::new("session", &self.text, self.colour, 100).render_diagnostic(&error),
                ))
            }
        };
        let mut out = format!("Shares of the votes on “{}” (before any proposal's gain exclusions):\n", decision.name);
        for voter in &electorate.voters {
            let key = agreement.member(voter.member).map_or("?", |m| m.key.as_str());
            match &voter.ineligible {
                Some(reason) => out.push_str(&format!("  {key:<16} does not vote ({})\n", ineligible_words(reason))),
                None if electorate.total.is_zero() => out.push_str(&format!("  {key:<16} 0 (no one has any weight)\n")),
                None => {
                    // Divided first: a weight of 28 digits times 100 would not fit.
                    let share = voter
                        .weight
                        .checked_div(electorate.total)
                        .and_then(|s| s.checked_mul(rust_decimal::Decimal::ONE_HUNDRED));
                    let (n, d) = crate::weights::lowest_terms(voter.weight, electorate.total);
                    let share = share.map_or_else(|| "?".to_string(), |s| format!("{}", s.round_dp(2).normalize()));
                    out.push_str(&format!("  {key:<16} {share:>7}%  (exactly {n}/{d})\n"));
                }
            }
        }
        Ok(Reply::say(out))
    }

    /// Every decision's rule as written; works on a draft with errors too, as far as it reads.
    pub(super) fn rules(&self) -> Reply {
        let parsed = syntax::parse(&self.text);
        let mut out = String::new();
        for block in &parsed.file.blocks {
            if let Header::Decision { name } = &block.header.node {
                out.push_str(&format!("“{}”\n", name.node));
                for clause in &block.clauses {
                    out.push_str(&format!("  {}\n", self.text.get(clause.span.start..clause.span.end).unwrap_or("")));
                }
            }
        }
        if out.is_empty() {
            out.push_str("The agreement has no decisions yet.\n");
        }
        Reply::say(out)
    }

    pub(super) fn explain(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":explain",
                what: "a decision",
                at: typed.name_at.into(),
                help: "type :explain DECISION, for example :explain change financial flows".into(),
            });
        }
        let agreement = self.readable(typed)?;
        let decision = self.find_decision(agreement, typed)?;
        Ok(Reply::say(crate::report::decision_words::decision(agreement, decision)))
    }
}

fn ineligible_words(reason: &crate::weights::Ineligibility) -> &'static str {
    match reason {
        crate::weights::Ineligibility::Observer { .. } => "an observer",
        crate::weights::Ineligibility::Excluded { .. } => "excluded from this decision",
        crate::weights::Ineligibility::NotOfVotingKind { .. } => "not of the kind that votes",
        crate::weights::Ineligibility::Gains { .. } => "gains too much from the proposal",
        crate::weights::Ineligibility::Concerned { .. } => "the member the proposal concerns",
        crate::weights::Ineligibility::OptedOut { .. } => "opted out of the proposal",
        crate::weights::Ineligibility::Conflicted { .. } => "conflicted, and not allowed to take part",
        crate::weights::Ineligibility::Reserved { .. } => "the matter is reserved to another member",
    }
}
