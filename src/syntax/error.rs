//! Everything that can go wrong while reading a file, as diagnostics a drafter can act on.
//!
//! Codes are `concord::parse::<name>` and never change meaning once released. Messages say what
//! is wrong in plain words; labels point at the exact text; help says how to fix it.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem found while reading a file.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum SyntaxError {
    /// The file is larger than Concord reads.
    #[error("this file is too large to read ({size} bytes; the limit is {limit} bytes)")]
    #[diagnostic(
        code(concord::parse::file_too_large),
        help("split the agreement into smaller files, or check that this is the file you meant")
    )]
    FileTooLarge {
        size: usize,
        limit: usize,
        #[label("the file starts here")]
        at: SourceSpan,
    },

    /// An input with no size of its own (a device, a pipe, standard input) gave more than the limit.
    #[error("this input is too large to read (more than {limit} bytes)")]
    #[diagnostic(
        code(concord::parse::file_too_large),
        help("give Concord the agreement itself: this input went on past the limit, as a device or a stream that never ends would")
    )]
    InputTooLarge {
        limit: usize,
        #[label("the input starts here")]
        at: SourceSpan,
    },

    /// The file is not text (not valid UTF-8).
    #[error("this file is not plain text")]
    #[diagnostic(
        code(concord::parse::not_text),
        help("save the file as plain text (UTF-8); word-processor files cannot be read")
    )]
    NotText {
        #[label("this byte is not part of any character")]
        at: SourceSpan,
    },

    /// Parentheses nested deeper than the limit.
    #[error("parentheses are nested more than {limit} deep")]
    #[diagnostic(
        code(concord::parse::too_deeply_nested),
        help("no agreement needs this many levels; split the rule into simpler conditions")
    )]
    TooDeeplyNested {
        limit: usize,
        #[label("this parenthesis goes past the limit")]
        at: SourceSpan,
    },

    /// A clause too long to be a clause.
    #[error("this clause is too long to read ({size} bytes; the limit is {limit} bytes)")]
    #[diagnostic(
        code(concord::parse::clause_too_long),
        help("a clause is one sentence; break it up, or check for a missing line break")
    )]
    ClauseTooLong {
        size: usize,
        limit: usize,
        #[label("this clause")]
        at: SourceSpan,
    },

    /// The text could not be read at some point.
    #[error("{message}")]
    #[diagnostic(code(concord::parse::unexpected_text))]
    Unexpected {
        message: String,
        #[label("{label}")]
        at: SourceSpan,
        label: String,
        #[help]
        help: String,
    },

    /// A line at the start of a line (not indented) that does not start a block.
    #[error("`{word}` does not start a block")]
    #[diagnostic(code(concord::parse::unknown_block))]
    UnknownBlock {
        word: String,
        #[label("a block starts here, at the start of the line")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A file most of whose unindented lines begin no block: most likely not a Concord file at
    /// all (a README, a word-processor export), said once instead of once per line.
    #[error("this does not look like a Concord file: {lines} of its lines begin no block")]
    #[diagnostic(
        code(concord::parse::not_concord),
        help("an agreement begins with `agreement \"Title\"` at the start of a line, and a scenario file with `scenarios for \"NAME.concord\"`; check that this is the file you meant")
    )]
    NotConcord {
        lines: usize,
        #[label("the first of them")]
        at: SourceSpan,
    },

    /// A block header written indented, so it reads as a clause of the block above.
    #[error("this block header is indented, so it reads as a clause of the block above")]
    #[diagnostic(code(concord::parse::indented_header))]
    IndentedHeader {
        #[label("a header starts at the beginning of its line")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A keyword with a capital letter, which reads as a name.
    #[error("`{word}` is written with a capital letter; Concord's own words are written in lower case")]
    #[diagnostic(code(concord::parse::capitalised_keyword))]
    CapitalisedKeyword {
        word: String,
        lower: String,
        #[label("write `{lower}`")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A space between a currency sign and the figure.
    #[error("there is a space between the currency sign and the figure")]
    #[diagnostic(code(concord::parse::space_in_amount))]
    SpaceInAmount {
        #[label("take out this space")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// An indented clause before any block header.
    #[error("this clause is not under any block")]
    #[diagnostic(
        code(concord::parse::clause_outside_block),
        help("start the file with a header such as `agreement \"Title\"`, and indent clauses under it")
    )]
    ClauseOutsideBlock {
        #[label("indented, but no header comes before it")]
        at: SourceSpan,
    },

    /// A clause written at the start of the line, where only block headers go.
    #[error("this clause should be indented under its block")]
    #[diagnostic(
        code(concord::parse::unindented_clause),
        help("indent the clause (two spaces is usual); only block headers such as `member` or `decision` start at the beginning of a line")
    )]
    UnindentedClause {
        #[label("clause at the start of the line")]
        at: SourceSpan,
    },

    /// A file indented with tabs on some lines and spaces on others (or both on one line).
    #[error("this file mixes tabs and spaces in its indentation")]
    #[diagnostic(
        code(concord::parse::mixed_indentation),
        help("indent every line the same way, with spaces (two is usual); a tab and a space look alike but count differently, so Concord could group the clauses wrongly")
    )]
    MixedIndentation {
        /// What the first indented line uses, in words.
        first_kind: &'static str,
        /// What this line uses, in words.
        this_kind: &'static str,
        #[label("indented with {first_kind} here")]
        first: SourceSpan,
        #[label("but with {this_kind} here")]
        at: SourceSpan,
    },

    /// Indentation made of characters that only look like spaces.
    #[error("this line is indented with a character that only looks like a space")]
    #[diagnostic(
        code(concord::parse::odd_indentation),
        help("indent with ordinary spaces (two is usual); a non-breaking or other special space is often left by copying from a word processor")
    )]
    OddIndentation {
        #[label("this indentation")]
        at: SourceSpan,
    },

    /// A block that takes no clauses has one.
    #[error("`{block}` takes no clauses")]
    #[diagnostic(
        code(concord::parse::clause_not_allowed),
        help("move this line under a block that takes it, or remove its indentation if it starts a block")
    )]
    ClauseNotAllowed {
        block: String,
        #[label("this clause")]
        at: SourceSpan,
    },

    /// `and` and `or` in one list without parentheses.
    #[error("`and` and `or` are mixed without parentheses")]
    #[diagnostic(
        code(concord::parse::mixed_and_or),
        help("add parentheses to say which conditions go together, e.g. `(A and B) or C`")
    )]
    MixedAndOr {
        #[label("`and` here")]
        and_at: SourceSpan,
        #[label("`or` here")]
        or_at: SourceSpan,
    },

    /// `a majority of …` without saying which majority.
    #[error("`majority` does not say which majority is meant")]
    #[diagnostic(
        code(concord::parse::ambiguous_majority),
        help("write `more than half of …` (a bare majority) or `half the … plus one` (half the total plus one); they differ for odd totals and weighted votes")
    )]
    AmbiguousMajority {
        #[label("which majority?")]
        at: SourceSpan,
    },

    /// A fraction of the membership that does not say how a part of a member is rounded.
    #[error("a share of the membership must say how a fraction of a member is rounded")]
    #[diagnostic(
        code(concord::parse::rounded_count),
        help("add `, rounded up` or `, rounded down` after it, as in `at least half of the membership, rounded up`; `at least half of members present` compares exactly instead")
    )]
    RoundedCount {
        #[label("say `rounded up` or `rounded down` after this")]
        at: SourceSpan,
        #[label("the membership is counted in whole members")]
        membership: SourceSpan,
    },

    /// A clause that reaches for something Concord cannot say yet (`src/syntax/unsupported.rs`).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unsupported(#[from] super::unsupported::Unsupported),

    /// `expect invalid because an observer voted` (or an excluded member): such a vote is
    /// disregarded, so it never makes a vote invalid.
    #[error("a vote from a member who does not vote on the decision is disregarded, not a reason for an invalid vote")]
    #[diagnostic(
        code(concord::parse::disregarded_vote),
        help("the rest of the vote stands without it (docs/semantics.md, step 3): expect the outcome of the other members' votes, e.g. `expect passed`")
    )]
    DisregardedVote {
        #[label("this vote is disregarded")]
        at: SourceSpan,
    },

    /// `expect dummy because ""`: a finding marked as intended without a reason.
    #[error("the reason for expecting this finding is empty")]
    #[diagnostic(
        code(concord::parse::empty_reason),
        help("say in the quotes why the finding is intended, e.g. `because \"the community trust's vote is outweighed in its bloc, as intended\"`, so a reader of the agreement knows it was meant")
    )]
    EmptyReason {
        #[label("no reason given")]
        at: SourceSpan,
    },

    /// Digits grouped by commas in the wrong places.
    #[error("the commas in `{text}` are not in thousands")]
    #[diagnostic(code(concord::parse::digit_grouping))]
    DigitGrouping {
        text: String,
        #[label("commas must separate groups of three digits")]
        at: SourceSpan,
        #[help]
        help: String,
    },

    /// A figure with more digits than can be held exactly.
    #[error("`{text}` is too large to hold exactly")]
    #[diagnostic(
        code(concord::parse::number_too_large),
        help("figures may have at most 28 significant digits; check for extra zeros")
    )]
    NumberTooLarge {
        text: String,
        #[label("too large")]
        at: SourceSpan,
    },

    /// A date that is not on the calendar.
    #[error("`{text}` is not a date on the calendar")]
    #[diagnostic(
        code(concord::parse::invalid_date),
        help("write a real date, such as `1 April 2026` or `2026-04-01`")
    )]
    InvalidDate {
        text: String,
        #[label("no such date")]
        at: SourceSpan,
    },

    /// A fraction with a zero below the line.
    #[error("`{text}` divides by zero")]
    #[diagnostic(
        code(concord::parse::zero_denominator),
        help("write a fraction such as `2/3`, or a percentage such as `70%`")
    )]
    ZeroDenominator {
        text: String,
        #[label("the number after `/` must not be 0")]
        at: SourceSpan,
    },

    /// A string opened but not closed on its line.
    #[error("a quoted name is not closed")]
    #[diagnostic(code(concord::parse::unclosed_quote), help("add the closing `\"` on the same line"))]
    UnclosedQuote {
        #[label("this quote has no partner on its line")]
        at: SourceSpan,
    },
}

impl SyntaxError {
    /// Where the problem is, as a byte span (the first label).
    pub fn span(&self) -> crate::span::Span {
        let at = match self {
            SyntaxError::FileTooLarge { at, .. }
            | SyntaxError::InputTooLarge { at, .. }
            | SyntaxError::NotText { at }
            | SyntaxError::TooDeeplyNested { at, .. }
            | SyntaxError::ClauseTooLong { at, .. }
            | SyntaxError::Unexpected { at, .. }
            | SyntaxError::UnknownBlock { at, .. }
            | SyntaxError::NotConcord { at, .. }
            | SyntaxError::IndentedHeader { at, .. }
            | SyntaxError::CapitalisedKeyword { at, .. }
            | SyntaxError::SpaceInAmount { at, .. }
            | SyntaxError::ClauseOutsideBlock { at }
            | SyntaxError::UnindentedClause { at }
            | SyntaxError::ClauseNotAllowed { at, .. }
            | SyntaxError::MixedIndentation { at, .. }
            | SyntaxError::OddIndentation { at }
            | SyntaxError::MixedAndOr { or_at: at, .. }
            | SyntaxError::AmbiguousMajority { at }
            | SyntaxError::RoundedCount { at, .. }
            | SyntaxError::Unsupported(super::unsupported::Unsupported { at, .. })
            | SyntaxError::DisregardedVote { at }
            | SyntaxError::EmptyReason { at }
            | SyntaxError::DigitGrouping { at, .. }
            | SyntaxError::NumberTooLarge { at, .. }
            | SyntaxError::InvalidDate { at, .. }
            | SyntaxError::ZeroDenominator { at, .. }
            | SyntaxError::UnclosedQuote { at } => at,
        };
        // BOUND: every label is a span into one source of at most `isize::MAX` bytes, so its end fits.
        #[allow(clippy::arithmetic_side_effects)]
        crate::span::Span::new(at.offset(), at.offset() + at.len())
    }
}
