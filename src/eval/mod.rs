//! Evaluating a proposal against an agreement: the outcome, and all of its working.
//!
//! In: a resolved [`Agreement`](crate::model::Agreement), a resolved
//! [`Proposal`](crate::model::Proposal) with its votes, and the texts both were read from (so
//! that every condition can be quoted in the drafter's own words). Out: an [`Evaluation`]: who
//! votes and with what exact weight ([`crate::weights::electorate`], shared with the checker),
//! every condition of the rule in force in the order written with its tallies, base, threshold
//! and exact comparison, how the conditions combined, the vetoes, the quorum, any tie and where
//! it went, and the [`Outcome`].
//!
//! The outcome follows the order fixed in the language reference: invalid (unknown decision, no
//! rule in force, a vote that may not be cast, no quorum), then vetoes, then the rule, then a
//! tie (casting vote or escalation), then escalation of a rejected proposal. All arithmetic is
//! exact; percentages are rounded for display only and never decide anything.

pub mod blocs;
mod conditions;
mod context;
pub mod decision;
pub mod diagnostics;
pub mod effects;
pub mod elections;
mod evaluator;
mod lodged;
pub mod matters;
pub mod meetings;
mod name;
mod outcome;
pub mod outside;
pub mod procedure;
pub mod proposer;
mod stand_ins;
pub mod tally;
mod vetoes;
mod working;

use serde::Serialize;

pub use blocs::{BlocCasting, BlocPosition, Position};
pub use decision::evaluate;
pub use diagnostics::EvalDiagnostic;
pub use effects::{Change, EffectOut, InForce};
pub use evaluator::{EvalError, Evaluator, Sources};
pub use name::Name;
pub use outcome::*;
pub use stand_ins::{CastInPlace, StandIn};
pub use tally::{Ballot, Comparison, Fraction, Relation, Tally};
pub use working::*;

use crate::span::{line_col, Span};

/// Where something was written, and its words (on one line, comments left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Byte offsets into the file.
    pub span: Span,
    /// Line of the first byte, from 1.
    pub line: usize,
    /// The words written there.
    pub text: Name,
}

impl Place {
    /// The place of `span` in `source`.
    pub fn of(source: &str, span: Span) -> Place {
        Place::on_line(source, span, line_col(source, span.start).0)
    }

    /// The place of `span` in `source`, its line already known.
    pub(crate) fn on_line(source: &str, span: Span, line: usize) -> Place {
        let raw = source.get(span.start..span.end).unwrap_or("");
        let mut text = String::with_capacity(raw.len());
        for piece in raw.lines().map(|l| l.split('#').next().unwrap_or("")) {
            for word in piece.split_whitespace() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(word);
            }
        }
        Place { span, line, text: Name::new(&text) }
    }
}
