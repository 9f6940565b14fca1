//! An agreement made ready for evaluation, the texts it was read from, and why an evaluation
//! may fail: below the context and every step of the decision, which all use them.

use std::cell::RefCell;

use super::{Name, Place};
use crate::model::Agreement;
use crate::span::Span;
use crate::weights::WeightsOverflow;

/// The texts an agreement and a proposal were read from, for quoting their words.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The agreement's text.
    pub agreement: &'a str,
    /// The text the proposal (or scenario) was read from.
    pub proposal: &'a str,
}

/// Why a proposal could not be evaluated at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum EvalError {
    /// The weights themselves overflow.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Weights(#[from] WeightsOverflow),
    /// A comparison's products overflow.
    #[error("the votes on decision `{decision}` are too large to compare exactly")]
    #[diagnostic(
        code(concord::eval::figures_too_large),
        help("votes are compared exactly; figures this large exceed 28 significant digits — express budgets in thousands, or weigh by a smaller figure")
    )]
    TooLarge {
        /// The decision's name.
        decision: String,
        /// The decision.
        #[label("this decision")]
        at: miette::SourceSpan,
    },
}

/// An agreement made ready for evaluating many proposals against it: names are shared rather
/// than copied into each evaluation, and places already found in its text are remembered.
#[derive(Debug)]
pub struct Evaluator<'a> {
    pub(super) agreement: &'a Agreement,
    pub(super) text: &'a str,
    /// Each member's identifier, by member index.
    pub(super) keys: Vec<Name>,
    /// Each member's display name, by member index.
    pub(super) names: Vec<Name>,
    /// Each kind's name, by kind index.
    pub(super) kinds: Vec<Name>,
    /// Each bloc's identifier and display name, by bloc index.
    pub(super) blocs: Vec<(Name, Name)>,
    /// Places already looked up.
    pub(super) places: RefCell<Vec<Place>>,
    /// Known (offset, line) pairs in the agreement's text, sorted, so that finding a line
    /// counts only the newlines since the nearest known offset.
    pub(super) lines: RefCell<Vec<(usize, usize)>>,
}

impl<'a> Evaluator<'a> {
    /// Prepares `agreement`, read from `text`, for evaluation.
    pub fn new(agreement: &'a Agreement, text: &'a str) -> Evaluator<'a> {
        Evaluator {
            agreement,
            text,
            keys: Name::many(agreement.members.iter().map(|m| m.key.as_str())),
            names: Name::many(agreement.members.iter().map(|m| m.name.as_str())),
            kinds: Name::many(agreement.kinds.iter().map(|k| k.name.as_str())),
            blocs: Name::many(agreement.blocs.iter().map(|b| b.key.as_str()))
                .into_iter()
                .zip(Name::many(agreement.blocs.iter().map(|b| b.name.as_str())))
                .collect(),
            places: RefCell::new(Vec::new()),
            lines: RefCell::new(vec![(0, 1)]),
        }
    }

    /// The agreement being evaluated against.
    pub fn agreement(&self) -> &'a Agreement {
        self.agreement
    }

    pub(super) fn place(&self, span: Span) -> Place {
        let mut places = self.places.borrow_mut();
        if let Some(found) = places.iter().find(|p| p.span == span) {
            return found.clone();
        }
        let place = Place::on_line(self.text, span, self.line(span.start));
        places.push(place.clone());
        place
    }

    fn line(&self, offset: usize) -> usize {
        let mut lines = self.lines.borrow_mut();
        let at = lines.partition_point(|(o, _)| *o <= offset).saturating_sub(1);
        let (from, line) = lines.get(at).copied().unwrap_or((0, 1));
        if from == offset {
            return line;
        }
        let newlines = self.text.get(from..offset).map_or(0, |s| count_newlines(s.as_bytes()));
        // BOUND: a line number is at most one more than the newlines before `offset`, fewer than the
        // bytes of the text; `at` indexes `lines` (or is zero), so one more is at most its length.
        #[allow(clippy::arithmetic_side_effects)]
        let (line, after) = (line + newlines, at + 1);
        lines.insert(after, (offset, line));
        line
    }
}

/// Counts newlines in chunks small enough for a byte counter, which the compiler turns into
/// wide vector compares (a whole agreement is scanned once per evaluation).
fn count_newlines(bytes: &[u8]) -> usize {
    // BOUND: a chunk has at most 255 bytes, so counting one per byte stays within a `u8`.
    #[allow(clippy::arithmetic_side_effects)]
    let in_chunk = |chunk: &[u8]| chunk.iter().fold(0u8, |n, b| n + u8::from(*b == b'\n'));
    bytes.chunks(255).map(|chunk| usize::from(in_chunk(chunk))).sum()
}
