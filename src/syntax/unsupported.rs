//! What real agreements say that Concord cannot say yet, refused by name.
//!
//! A clause (or header) that reads in no other way is tried against the last section of the
//! grammar (`grammar/concord.pest`, section 14): the words a drafter would reach for to write a
//! rotating chair, a tie decided by lot, a substitute, a proxy, a duty with a deadline, and so on.
//! When one of them is there, the reader says which construct is missing and what comes nearest
//! (`concord::parse::unsupported_<construct>`), with the label on the words that gave it away,
//! instead of a list of what it expected. docs/reference.md §20 counts the real clauses these
//! come from.

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use pest::Parser;
use thiserror::Error;

use super::grammar::{ConcordParser, Rule};

macro_rules! constructs {
    ($( $variant:ident => code($($code:tt)+), $rule:ident, $what:literal, $help:literal; )*) => {
        /// A construct of real agreements that Concord cannot say yet.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Construct {
            $( $variant, )*
        }

        impl Construct {
            /// Its diagnostic code.
            pub fn code(self) -> &'static str {
                match self { $( Construct::$variant => stringify!($($code)+), )* }
            }

            /// What cannot be said, as the message says it.
            pub fn what(self) -> &'static str {
                match self { $( Construct::$variant => $what, )* }
            }

            /// The missing construct and the nearest workaround.
            pub fn help(self) -> &'static str {
                match self { $( Construct::$variant => $help, )* }
            }

            fn of(rule: Rule) -> Option<Construct> {
                match rule {
                    $( Rule::$rule => Some(Construct::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

constructs! {
    RotatingChair => code(concord::parse::unsupported_rotating_chair), u_rotating_chair,
        "a chair that rotates in these words",
        "a rotating chair is said in the agreement's own block: `the chair rotates between MEMBER and MEMBER every 2 years from 1 April 2026` (members, or `KIND members`), `the chair alternates between MEMBER and MEMBER from meeting to meeting`, or dated terms `from DATE to DATE, the chair is MEMBER`; a decision then says `on a tie, the chair has the casting vote`";
    TieByLot => code(concord::parse::unsupported_tie_by_lot), u_by_lot,
        "a tie decided by lot in these words",
        "a decision's tie is settled by `on a tie, the chair has the casting vote` or `on a tie, escalate to \"…\"`; a lot chooses between candidates, which is an election: `election \"…\"` with `candidates are …`, `the candidate with the most votes is elected` and `on a tie, it is decided by lot`, each scenario recording `the lot fell to MEMBER`";
    CarryForward => code(concord::parse::unsupported_carry_forward), u_carry_forward,
        "a carry forward written this way",
        "a fund's savings waterfall carries an underspend forward with a step such as `50% carried forward to next year` (or `everything …`, `the rest …`), adding `, subject to \"DECISION\"` or `, subject to each partner's own approval` when the partners must approve it; next year's scenario then `follows` this year's";
    ProposerThreshold => code(concord::parse::unsupported_proposer_threshold), u_proposer,
        "a rule that depends on who made the proposal in these words",
        "a rule for proposals from some is said `when proposed by \"BODY\", MEMBER or KIND members, passes if …`, beside a plain `passes if …` for a proposal from anyone else; who may propose at all is `may be proposed only by MEMBER, KIND members, \"BODY\" or by any 10 members jointly`; each proposal says who proposed it: `proposed by: MEMBER`, `proposed by: \"BODY\"` or `proposed by: MEMBER, MEMBER, …` (jointly)";
    Postponement => code(concord::parse::unsupported_postponement), u_postponement,
        "a postponement written this way",
        "a decision that a minority may have postponed says `members holding at least 30% of eligible votes who ask may have it postponed`, and each proposal lists them with `asking for postponement: MEMBER, MEMBER`";
    ConflictedMember => code(concord::parse::unsupported_conflicted_member), u_conflict,
        "a conflict of interest written this way",
        "a decision says `a conflicted member takes part only if more than half of the other members present agree`, and each proposal names the member (`conflicted: MEMBER`) and records the others' vote (`on MEMBER taking part, in favour: …`); a member a proposal is about is `the member concerned does not vote`";
    OptOut => code(concord::parse::unsupported_opt_out), u_opt_out,
        "an opt-out written this way",
        "a decision that lets members opt out says `members may opt out`, and each proposal lists them with `opted out: MEMBER, MEMBER`; a member who never votes on the decision is `MEMBER does not vote`";
    TimedEscalation => code(concord::parse::unsupported_timed_escalation), u_timed_escalation,
        "an escalation triggered by the passing of time written this way",
        "a decision that goes on when it is not agreed in time says `if not agreed within 30 days of the request, escalate to \"…\"`, and each proposal says `requested on DATE` and is `dated`; `within` after a body is the time that body has";
    Substitute => code(concord::parse::unsupported_substitute), u_substitute,
        "a substitute written this way",
        "a member whose substitute may vote for it says `has a designated substitute` (or the agreement says `each member has a designated substitute` or `only KIND members may vote by substitute`), and each proposal marks the vote: `in favour: MEMBER (by substitute)`";
    Proxy => code(concord::parse::unsupported_proxy), u_proxy,
        "a proxy or a vote lodged in advance written this way",
        "an agreement that allows proxies says `members may vote by proxy` (or `only KIND members may vote by proxy`) and, if it limits them, `no member may hold more than 1 proxy`; each proposal marks the vote: `against: MEMBER (by proxy HOLDER)`; a decision that lets an absent member lodge its vote says `an absent member may lodge its vote in advance, at most 2 meetings in a row`, and each proposal lists the votes: `lodged in advance: MEMBER in favour`";
    SeatLimit => code(concord::parse::unsupported_seat_limit), u_seat_limit,
        "a limit on the seats or the make-up of the membership in these words",
        "each member is one seat, and limits on them are said in the `membership` block: `at most 7 members`, `at least 2 and at most 4 provider members`, `as many council members as health-board members`, `the chair and the vice-chair are of different kinds`; a limit relative to other seats (`up to 5 other members`) is written as the total";
    OutsideDecision => code(concord::parse::unsupported_outside_decision), u_outside_decision,
        "a decision taken by a body outside the meeting in these words",
        "a decision that a body outside the meeting takes says `decided by \"BODY\"` in place of its `passes if`, and each proposal records `decided by \"BODY\": agreed` (or `not agreed`, `not yet decided`); a removal after missed meetings adds `only after the member concerned has missed every meeting for 6 months` and its `unless …` excuse; if instead the meeting decides and the body approves, say `subject to the approval of \"BODY\"`";
    Duty => code(concord::parse::unsupported_duty), u_duty,
        "a duty or a deadline",
        "there are no duties or deadlines yet, apart from notice periods (`leaving requires 12 months' notice`) and escalation periods (`within 10 working days`); nearest: keep the duty in the agreement's prose, outside the Concord file";
}

/// A stem of every trigger of the grammar's section 14, lowercase.
const STEMS: &[&str] = &[
    "rotat",
    "in turn",
    "lot",
    "toss",
    "coin",
    "random",
    "forward",
    "carr",
    "propos",
    "come",
    "postpon",
    "defer",
    "conflict",
    "interest",
    "opt",
    "within",
    "substitut",
    "deput",
    "alternate",
    "nominated",
    "prox",
    "post",
    "advance",
    "seat",
    "up to",
    "no more than",
    "remov",
    "outside the meeting",
    "shall",
    "must",
    "required",
    "duty",
    "report",
    "notify",
    "notice",
];

/// A clause that says something Concord cannot say yet.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{} cannot be said in Concord yet", .construct.what())]
pub struct Unsupported {
    /// What cannot be said.
    pub construct: Construct,
    /// The words that say it.
    pub at: SourceSpan,
    /// The whole clause.
    pub clause: SourceSpan,
}

impl Diagnostic for Unsupported {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.construct.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.construct.help()))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let at = LabeledSpan::new_with_span(Some("not yet in the language".to_string()), self.at);
        Some(Box::new(std::iter::once(at)))
    }
}

/// The construct `text` (starting at `offset` in the file) reaches for, if it reaches for one
/// Concord cannot say yet.
pub fn recognise(text: &str, offset: usize) -> Option<Unsupported> {
    // Most clauses that do not read are slips, not unsupported constructs: a plain search for
    // the stems of the grammar's triggers (every trigger holds one) spares them the grammar.
    let lower = text.to_ascii_lowercase();
    if !STEMS.iter().any(|stem| lower.contains(stem)) {
        return None;
    }
    let line = ConcordParser::parse(Rule::unsupported_line, text).ok()?.next()?;
    // The most specific construct found (the first in `Construct`'s order), at its first place.
    let (construct, span) = line
        .into_inner()
        .filter_map(|p| Construct::of(p.as_rule()).map(|c| (c, p.as_span())))
        .min_by_key(|(c, span)| (*c as usize, span.start()))?;
    Some(Unsupported {
        construct,
        at: (offset.saturating_add(span.start()), span.end().saturating_sub(span.start())).into(),
        clause: (offset, text.len()).into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        recognise(text, 0).map(|u| u.construct.code())
    }

    #[test]
    fn each_construct_is_recognised_by_its_words() {
        let cases = [
            ("the chair rotates between the partners", "unsupported_rotating_chair"),
            ("on a tie, it is decided by lot", "unsupported_tie_by_lot"),
            ("underspends are carried forward to next year", "unsupported_carry_forward"),
            ("passes if unanimous unless proposed by the commission", "unsupported_proposer_threshold"),
            ("members nearly blocking it may have it postponed", "unsupported_postponement"),
            ("a conflicted member does not vote", "unsupported_conflicted_member"),
            ("a member may opt out of a proposal", "unsupported_opt_out"),
            ("escalate if the committee has not agreed within 30 days", "unsupported_timed_escalation"),
            ("a deputy may attend in its place", "unsupported_substitute"),
            ("votes by proxy are allowed", "unsupported_proxy"),
            ("up to 5 other members", "unsupported_seat_limit"),
            ("the host shall report a projected overspend", "unsupported_duty"),
            ("the Welsh Ministers may remove the member", "unsupported_outside_decision"),
        ];
        for (text, expected) in cases {
            assert_eq!(code(text), Some(&*format!("concord::parse::{expected}")), "{text}");
        }
    }

    #[test]
    fn words_inside_names_and_comments_and_words_do_not_count() {
        assert_eq!(code("escalate to \"the deputy leader\" withn 10 days"), None);
        assert_eq!(code("passes if unanimus  # the chair rotates"), None);
        assert_eq!(code("passes if hhft-substitutes in favour"), None);
    }

    #[test]
    fn the_label_is_on_the_words() {
        let found = recognise("  a deputy may attend in its place", 100).map(|u| (u.at.offset(), u.at.len()));
        assert_eq!(found, Some((104, 6)));
    }
}
