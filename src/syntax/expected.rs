//! Turns pest's "expected rule_x" into words a drafter understands.
//!
//! pest reports the furthest point it reached, the grammar rules it was trying there and the
//! literal words it would have accepted. This module names each rule in plain English ("an
//! amount such as £42,000,000"), quotes the literal words, and suggests the nearest keyword
//! when the word found looks like a misspelling of one.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::error::SyntaxError;
use super::grammar::{BlockKind, Rule, BLOCK_KEYWORDS};
use crate::span::Span;
use crate::suggest::nearest;

/// What a grammar rule stands for, in words. `None` for rules that only group others.
pub fn describe(wanted: Rule) -> Option<&'static str> {
    Some(match wanted {
        Rule::amount => "an amount such as £42,000,000",
        Rule::percent => "a percentage such as 70%",
        Rule::number | Rule::decimal | Rule::digits => "a number",
        Rule::integer => "a whole number",
        Rule::proportion | Rule::ratio | Rule::fraction_word => "a proportion such as 70%, 2/3 or half",
        Rule::date | Rule::iso_date | Rule::long_date => "a date such as 1 April 2026",
        Rule::duration | Rule::duration_unit => "a period such as 12 months",
        Rule::string | Rule::decision_ref => "a name in double quotes",
        Rule::name | Rule::ref_name | Rule::kind_filter => "an identifier such as hhft",
        Rule::name_list => "a list of identifiers separated by commas",
        Rule::member_ref | Rule::member_list => "a member's identifier (or `the lead provider`, `the chair`)",
        Rule::currency_code => "a currency code such as GBP",
        Rule::governance_form => "a governance form such as `provider network`",
        Rule::figure_name => "a figure such as `budget`, `equity` or `liability cap`",
        Rule::figure_value => "an amount, a percentage or a number",
        Rule::weight_scheme => "a voting scheme such as `one member one vote` or `in proportion to budget`",
        Rule::rule_expr | Rule::condition => "a condition such as `at least 70% of eligible votes in favour`",
        Rule::comparator => "`at least`, `more than`, `at most` or `fewer than`",
        Rule::base => "what the proportion is of, such as `eligible votes` or `members present`",
        Rule::side | Rule::vote_choice => "`in favour`, `against`, `present` or `abstaining`",
        Rule::connective => "`and` or `or`",
        Rule::share_basis | Rule::share_method => "a share method such as `equally` or `by budget allocation`",
        Rule::code_path => "a finding code such as concord::check::dictator",
        Rule::outcome_word => "`passed`, `rejected`, `deadlocked` or `invalid`",
        Rule::reason => "a reason such as `no quorum`",
        Rule::month => "a month such as April",
        Rule::fund => "`the contingency fund` or a fund's name in double quotes",
        Rule::header => "a block header such as `member hhft \"Name\"` or `decision \"Name\"`",
        _ => return None,
    })
}

/// An example of a clause that fits in each block, for help lines.
fn example(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Agreement => "`form provider network`, `currency GBP`, `period 1 April 2026 to 31 March 2027`, `kinds primary-care, social-care` or `quorum …`",
        BlockKind::Member => "`kinds acute, health`, `lead provider`, `chair`, `observer`, `budget £42,000,000`, `equity 40%` or `votes 3`",
        BlockKind::Voting => "`one member one vote`, `in proportion to budget` or `lay members together hold 10% of the votes`",
        BlockKind::Bloc => "`members ccg-north, ccg-south` or `members of kind health`",
        BlockKind::Decision => "`passes if …`, `quorum …`, `members gaining more than 5% of their budget do not vote`, `lbh may veto`, `on a tie, the chair has the casting vote` or `if rejected, escalate to \"…\"`",
        BlockKind::Savings => "`30% to the contingency fund`, `compensation to members whose budgets fell` or `the rest shared equally`",
        BlockKind::Deficits => "`the contingency fund first`, `then insurance up to £1,000,000`, `then commissioners bear 50% up to £2,000,000` or `then shared by ability to pay`",
        BlockKind::Fund => "`hosted by brent`, `nwl-icb contributes £20,000,000` or `line \"Reablement\" £6,000,000 commissioned by brent, no risk share`",
        BlockKind::Budget => "`capitated budget £60,000,000`, `intervention \"Falls\" £3,000,000 provided by hhft` or `personal budgets £4m, statutory minimum £3.5m`",
        BlockKind::Membership => "`joining is decided by \"admit a member\"`, `leaving requires 12 months' notice` or `a leaving member forfeits its investment`",
        BlockKind::Proposal => "`decision \"…\"`, `dated 1 May 2026`, `gpfed gains £900,000`, `in favour: hhft, gpfed` or `against: lbh`",
        BlockKind::Result => "`capitated budget £60,000,000`, `actual cost £57,500,000` or `performance: hhft 82, gpfed 91`",
        BlockKind::ScenariosFor => "nothing: `scenarios for` takes no clauses",
        BlockKind::Scenario => "`propose \"…\"`, `in favour: hhft`, `actual cost £57,500,000` or `expect passed`",
        BlockKind::Election => "`candidates are the ordinary members`, `only core members vote`, `the candidate with the most votes is elected` or `on a tie, it is decided by lot`",
    }
}

/// Phrases that begin clauses; a clause starting with the first word of one but not the whole
/// phrase is most likely that phrase mistyped.
const LEADING_PHRASES: [&str; 9] = [
    "passes if",
    "on a tie",
    "if rejected",
    "if reconvened",
    "members gaining",
    "capitated budget",
    "casting vote",
    "leaving requires",
    "actual cost",
];

/// The most keywords a label lists; the rest are counted.
const MAX_LISTED: usize = 12;

/// "a" or "an" before a word, as a lawyer would say it.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The byte position pest got to, relative to the unit.
pub(crate) fn position(error: &Error<Rule>) -> usize {
    if let Some(attempts) = error.parse_attempts() {
        return attempts.max_position;
    }
    match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    }
}

/// The word at `pos` in `text` (up to the next blank), for "found …".
// BOUND: trimming only shortens `rest`, and `pos + skipped` is an offset into `text`.
#[allow(clippy::arithmetic_side_effects)]
fn word_at(text: &str, pos: usize) -> (usize, &str) {
    let rest = text.get(pos..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start().len();
    let pos = pos + skipped;
    let rest = rest.trim_start();
    let end = rest
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | ':' | '(' | ')'))
        .map_or(rest.len(), |(i, _)| i);
    let end = if end == 0 { rest.chars().next().map_or(0, char::len_utf8) } else { end };
    (pos, rest.get(..end).unwrap_or(""))
}

/// Everything pest would have accepted at the furthest point, in words, deduplicated.
fn expectations(error: &Error<Rule>) -> (Vec<String>, Vec<String>) {
    let mut words: Vec<String> = Vec::new();
    let mut literals: Vec<String> = Vec::new();
    if let Some(attempts) = error.parse_attempts() {
        for token in attempts.expected_tokens() {
            // pest's tokens are literal words, character ranges ("a..z") or built-in rules.
            let token = token.to_string().trim().to_string();
            let is_word = !token.contains("..") && token != "BUILTIN_RULE";
            if is_word
                && token.chars().any(|c| c.is_alphanumeric() || "():\"".contains(c))
                && !literals.contains(&token)
            {
                literals.push(token);
            }
        }
        for stack in attempts.call_stacks() {
            let rules = [stack.deepest.get_rule().copied(), stack.parent];
            if let Some(phrase) = rules.into_iter().flatten().find_map(describe) {
                if !words.iter().any(|w| w == phrase) {
                    words.push(phrase.to_string());
                }
            }
        }
    }
    if let ErrorVariant::ParsingError { positives, .. } = &error.variant {
        for wanted in positives {
            if let Some(phrase) = describe(*wanted) {
                if !words.iter().any(|w| w == phrase) {
                    words.push(phrase.to_string());
                }
            }
        }
    }
    (words, literals)
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}, or {}", rest.join(", "), last),
    }
}

/// An unclosed quote on a unit's line is clearer said directly than as "expected `\"`".
// BOUND: `offset + line_start` plus a quote's index is the offset of that quote in the source,
// a `str` of at most `isize::MAX` bytes, so one more still fits.
#[allow(clippy::arithmetic_side_effects)]
fn unclosed_quote(text: &str, offset: usize) -> Option<SyntaxError> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.split('#').next().unwrap_or("");
        let quotes: Vec<usize> = body.match_indices('"').map(|(i, _)| i).collect();
        if quotes.len() % 2 == 1 {
            let at = offset + line_start + quotes.last().copied().unwrap_or(0);
            return Some(SyntaxError::UnclosedQuote { at: Span::new(at, at + 1).into() });
        }
        line_start += line.len();
    }
    None
}

fn unexpected(
    text: &str,
    offset: usize,
    error: &Error<Rule>,
    what: &str,
    help: String,
    instead: Option<&str>,
) -> SyntaxError {
    let (pos, found) = word_at(text, position(error).min(text.len()));
    let (words, literals) = expectations(error);
    let mut expected: Vec<String> = literals.iter().take(MAX_LISTED).map(|l| format!("`{l}`")).collect();
    // A list cut short says so, or the words left out would look forbidden.
    if literals.len() > MAX_LISTED {
        expected.push(format!("{} more keywords", literals.len().saturating_sub(MAX_LISTED)));
    }
    // A description adds nothing when every word it quotes is already listed.
    expected.extend(words.into_iter().filter(|w| {
        let quoted: Vec<&str> = w.split('`').skip(1).step_by(2).collect();
        quoted.is_empty() || !quoted.iter().all(|q| literals.iter().any(|l| l == q))
    }));
    let label =
        if expected.is_empty() { "not understood".to_string() } else { format!("expected {}", join_or(&expected)) };
    let message = if found.is_empty() {
        format!("{what} ends too soon")
    } else if pos == 0 {
        format!("`{found}` does not begin {what}")
    } else {
        format!("could not read {what} at `{found}`")
    };
    // A misspelt keyword: compare the word found with the first word of each literal.
    let suggestion = (!found.is_empty())
        // A keyword of one or two letters (`a`, `as`, `of`) is one slip away from too many
        // ordinary words (`has`, `at`) to be offered as the word meant.
        .then(|| {
            nearest(
                found,
                literals.iter().filter_map(|l| l.split_whitespace().next()).filter(|w| w.chars().count() > 2),
            )
        })
        .flatten()
        .filter(|s| *s != found);
    // A clause that starts with the first word of a phrase but not the phrase (`passes at…`).
    let first_word = text.split_whitespace().next();
    // A clause that begins with one of the phrases was not mistyped at its start.
    let begins_with_one = LEADING_PHRASES.iter().any(|p| text.starts_with(*p));
    let phrase = LEADING_PHRASES
        .iter()
        .find(|p| !begins_with_one && first_word == p.split(' ').next() && !text.starts_with(**p));
    let guess = match (instead, phrase, suggestion) {
        (Some(word), _, _) | (None, None, Some(word)) => Some(word.to_string()),
        (None, Some(phrase), _) => Some(phrase.to_string()),
        (None, None, None) => None,
    };
    // The question and the advice after it are two sentences, each with its capital.
    let help = match guess {
        Some(word) => format!("did you mean `{word}`? {}", capitalised(&help)),
        None => help,
    };
    // BOUND: `start` and `start + found.len()` are offsets into the source, a `str` of at most
    // `isize::MAX` bytes.
    #[allow(clippy::arithmetic_side_effects)]
    let (start, end) = (offset + pos, offset + pos + found.len());
    SyntaxError::Unexpected { message, at: Span::new(start, end).into(), label, help }
}

/// The diagnostic for a clause of `kind` that could not be read.
/// `instead` is a word a closer look found the clause reads with (see `repair`).
pub(crate) fn clause_error(
    text: &str,
    offset: usize,
    kind: BlockKind,
    error: &Error<Rule>,
    instead: Option<&str>,
) -> SyntaxError {
    if let Some(quote) = unclosed_quote(text, offset) {
        return quote;
    }
    let what = format!("this {} clause", kind.keyword());
    let help =
        format!("{} `{}` block takes clauses such as {}", article(kind.keyword()), kind.keyword(), example(kind));
    unexpected(text, offset, error, &what, help, instead)
}

/// The diagnostic for a line at the start of a line that is not a block header.
pub(crate) fn header_error(text: &str, offset: usize, error: &Error<Rule>) -> SyntaxError {
    if let Some(unknown) = unknown_header(text, offset) {
        return unknown;
    }
    let first: &str = text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).next().unwrap_or("");
    let help = "a block header is its keyword, then its name where it has one: `member hhft \"The Hillingdon Hospitals NHS FT\"`, `decision \"change financial flows\"`, `savings`".to_string();
    unexpected(text, offset, error, &format!("this `{first}` header"), help, None)
}

/// The error for a line at the start of a line that cannot be a header whatever follows: an
/// unclosed quote, or a first word that is no block's keyword. Found without the grammar, so a
/// file of many such lines is read in time proportional to its length and no more.
pub(crate) fn unknown_header(text: &str, offset: usize) -> Option<SyntaxError> {
    if let Some(quote) = unclosed_quote(text, offset) {
        return Some(quote);
    }
    let first: &str = text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).next().unwrap_or("");
    let mut words = text.split_whitespace();
    let two_words = words.next().zip(words.next());
    let is_block = BLOCK_KEYWORDS.contains(&first)
        || two_words.is_some_and(|(a, b)| BLOCK_KEYWORDS.iter().any(|k| k.split_once(' ') == Some((a, b))));
    if is_block {
        return None;
    }
    let lower = first.to_ascii_lowercase();
    if lower != first && BLOCK_KEYWORDS.iter().any(|k| k.split(' ').next() == Some(lower.as_str())) {
        return Some(SyntaxError::CapitalisedKeyword {
            word: first.to_string(),
            help: format!("write `{lower}`: Concord's own words are written in lower case; names in double quotes may use any case"),
            lower,
            at: Span::new(offset, offset.saturating_add(first.len())).into(),
        });
    }
    let help = match nearest(first, BLOCK_KEYWORDS) {
        Some(word) => format!("did you mean `{word}`? Only block headers start at the beginning of a line; indent clauses under their block"),
        None => format!(
            "a line that starts at the beginning of the line must begin a block: {}; indent clauses under their block",
            BLOCK_KEYWORDS.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        ),
    };
    let (pos, word) = if first.is_empty() { word_at(text, 0) } else { (0, first) };
    let start = offset.saturating_add(pos);
    Some(SyntaxError::UnknownBlock {
        word: word.to_string(),
        at: Span::new(start, start.saturating_add(word.len())).into(),
        help,
    })
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
