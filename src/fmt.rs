//! Syntax tree to canonical text: `concord fmt`, and the REPL's `:save`.
//!
//! Canonical form: block headers at the start of the line with one blank line between blocks;
//! clauses indented two spaces; a rule's further `and`/`or` conditions on their own lines,
//! indented four; amounts grouped in thousands; dates as `1 April 2026`. Comments are kept: a
//! comment on its own line stays before the header or clause that follows it, and a comment at
//! the end of a clause's line stays there; comments between the lines of a clause move, in order,
//! to their own lines just before it. Reading the formatted text gives the same tree.

use rust_decimal::Decimal;

use crate::span::Span;
use crate::syntax::ast::*;

/// A comment found in the source: where it starts, and its text.
#[derive(Debug, Clone)]
struct Comment {
    at: usize,
    text: String,
}

// BOUND: `offset` is where `line` starts in `source` and `i` an index into `line`, so both sums
// are offsets into `source`, a `str` of at most `isize::MAX` bytes.
#[allow(clippy::arithmetic_side_effects)]
fn comments(source: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let mut in_string = false;
        for (i, c) in line.char_indices() {
            match c {
                '"' => in_string = !in_string,
                '#' if !in_string => {
                    out.push(Comment { at: offset + i, text: line.get(i..).unwrap_or("").trim_end().to_string() });
                    break;
                }
                _ => {}
            }
        }
        offset += line.len();
    }
    out
}

struct Printer<'s> {
    out: String,
    comments: Vec<Comment>,
    next_comment: usize,
    source: &'s str,
}

impl Printer<'_> {
    /// Emits every comment that starts before `offset`, at the given indentation.
    fn comments_before(&mut self, offset: usize, indent: &str) {
        // BOUND: `next_comment` indexes `comments` (the lookup found one there), so one more fits.
        #[allow(clippy::arithmetic_side_effects)]
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.at >= offset {
                break;
            }
            self.out.push_str(indent);
            self.out.push_str(&comment.text);
            self.out.push('\n');
            self.next_comment += 1;
        }
    }

    /// Emits a unit's text, with a comment that ends its last line kept at the end.
    ///
    /// A unit laid out over several lines may hold comments between its lines, on lines of their
    /// own or at the ends of continuation lines. The canonical layout may join those lines, so
    /// these comments move, in order, to lines of their own just before the unit: none is lost.
    fn line(&mut self, indent: &str, text: &str, span: Span) {
        self.comments_before(span.start, indent);
        let line_end = self
            .source
            .get(span.end..)
            .and_then(|rest| rest.find('\n'))
            .map_or(self.source.len(), |i| span.end.saturating_add(i));
        let mut inner = Vec::new();
        let mut trailing = None;
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.at >= line_end {
                break;
            }
            if comment.at >= span.end {
                trailing = Some(comment.text.clone());
            } else {
                inner.push(comment.text.clone());
            }
            self.next_comment = self.next_comment.saturating_add(1);
        }
        for comment in inner {
            self.out.push_str(indent);
            self.out.push_str(&comment);
            self.out.push('\n');
        }
        self.out.push_str(indent);
        self.out.push_str(text);
        if let Some(text) = trailing {
            self.out.push_str("  ");
            self.out.push_str(&text);
        }
        self.out.push('\n');
    }
}

/// Formats a file read from `source` (which supplies the comments).
pub fn format(file: &File, source: &str) -> String {
    let mut printer = Printer { out: String::new(), comments: comments(source), next_comment: 0, source };
    for (i, block) in file.blocks.iter().enumerate() {
        if i > 0 {
            printer.out.push('\n');
        }
        printer.line("", &header(&block.header.node), block.header.span);
        let mut first_step = true;
        for clause in &block.clauses {
            let text = clause_text(&clause.node, first_step);
            first_step = false;
            printer.line("  ", &text, clause.span);
        }
    }
    printer.comments_before(usize::MAX, "");
    printer.out
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

fn header(header: &Header) -> String {
    match header {
        Header::Agreement { title } => format!("agreement {}", quoted(&title.node)),
        Header::Member { id, name } => match name {
            Some(n) => format!("member {} {}", id.node, quoted(&n.node)),
            None => format!("member {}", id.node),
        },
        Header::Voting { scheme } => match scheme {
            Some(s) => format!("voting {}", scheme_text(&s.node)),
            None => "voting".to_string(),
        },
        Header::Bloc { id, name } => match name {
            Some(n) => format!("bloc {} {}", id.node, quoted(&n.node)),
            None => format!("bloc {}", id.node),
        },
        Header::Decision { name } => format!("decision {}", quoted(&name.node)),
        Header::Savings => "savings".to_string(),
        Header::Deficits => "deficits".to_string(),
        Header::Budget => "budget".to_string(),
        Header::Membership => "membership".to_string(),
        Header::Proposal { title } => format!("proposal {}", quoted(&title.node)),
        Header::Result { title } => format!("result {}", quoted(&title.node)),
        Header::ScenariosFor { path } => format!("scenarios for {}", quoted(&path.node)),
        Header::Scenario { name } => format!("scenario {}", quoted(&name.node)),
    }
}

/// A decimal without trailing zeros after the point.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A decimal with its whole part grouped in thousands: 42,000,000.50.
pub fn grouped(value: Decimal) -> String {
    let text = if value.fract().is_zero() { value.trunc().normalize().to_string() } else { value.to_string() };
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", text),
    };
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        // BOUND: `i` is the index of a character of `whole`, so it is below `whole.len()`.
        #[allow(clippy::arithmetic_side_effects)]
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// An amount as a lawyer writes it: £42,000,000 or 42,000,000 CHF.
pub fn amount(a: &Amount) -> String {
    match &a.currency.node {
        CurrencyMark::Symbol(s) => format!("{s}{}", grouped(a.value)),
        CurrencyMark::Code(code) => format!("{} {code}", grouped(a.value)),
    }
}

fn percent(p: Decimal) -> String {
    format!("{}%", plain(p))
}

/// A proportion as written: 70%, 2/3, half.
pub fn proportion(p: &Proportion) -> String {
    match p.form {
        ProportionForm::Percent => percent(p.numerator),
        ProportionForm::Ratio => format!("{}/{}", plain(p.numerator), plain(p.denominator)),
        ProportionForm::Words => {
            let pair = (p.numerator, p.denominator);
            let words = [
                ((1, 2), "half"),
                ((2, 3), "two thirds"),
                ((3, 4), "three quarters"),
                ((1, 3), "a third"),
                ((1, 4), "a quarter"),
            ];
            words
                .iter()
                .find(|((n, d), _)| pair == (Decimal::from(*n), Decimal::from(*d)))
                .map_or_else(|| format!("{}/{}", plain(p.numerator), plain(p.denominator)), |(_, w)| (*w).to_string())
        }
    }
}

/// A date as `1 April 2026`.
pub fn date(d: &Date) -> String {
    d.words()
}

fn duration(d: &Duration) -> String {
    let (one, many) = match d.unit {
        DurationUnit::Days => ("day", "days"),
        DurationUnit::WorkingDays => ("working day", "working days"),
        DurationUnit::Weeks => ("week", "weeks"),
        DurationUnit::Months => ("month", "months"),
        DurationUnit::Years => ("year", "years"),
    };
    format!("{} {}", d.count, if d.count == 1 { one } else { many })
}

/// A member reference as written.
pub fn member_ref(m: &MemberRef) -> String {
    match m {
        MemberRef::Id(id) => id.clone(),
        MemberRef::Role(role) => format!("the {}", role.words()),
    }
}

fn member_list(list: &[crate::span::Spanned<MemberRef>]) -> String {
    list.iter().map(|m| member_ref(&m.node)).collect::<Vec<_>>().join(", ")
}

fn names(list: &[Ident]) -> String {
    list.iter().map(|n| n.node.clone()).collect::<Vec<_>>().join(", ")
}

fn scheme_text(s: &WeightScheme) -> String {
    match s {
        WeightScheme::OneMemberOneVote => "one member one vote".to_string(),
        WeightScheme::Proportional(f) => format!("in proportion to {}", f.words()),
        WeightScheme::Committed(CommitScope::Proposal) => {
            "in proportion to budget committed to the proposal".to_string()
        }
        WeightScheme::Committed(CommitScope::Pool) => "in proportion to budget committed to the pool".to_string(),
        WeightScheme::Explicit => "as set for each member".to_string(),
    }
}

fn figure_value(v: &FigureValue) -> String {
    match v {
        FigureValue::Amount(a) => amount(a),
        FigureValue::Percent(p) => percent(*p),
        FigureValue::Number(n) => plain(*n),
    }
}

fn base(b: &Base, bloc: bool) -> String {
    let unit = match b.unit {
        Unit::Votes => "votes",
        Unit::Members => "members",
    };
    let kind = b.kind.as_ref().map(|k| format!("{} ", k.node)).unwrap_or_default();
    match b.scope {
        Scope::Eligible if bloc => format!("eligible {unit}"),
        Scope::Eligible => format!("eligible {kind}{unit}"),
        Scope::Cast => format!("{kind}{unit} cast"),
        Scope::Present => format!("{kind}{unit} present"),
    }
}

/// A condition as written.
pub fn condition(c: &Condition) -> String {
    let kind = |k: &Option<Ident>| k.as_ref().map(|k| format!("{} ", k.node)).unwrap_or_default();
    match c {
        Condition::Unanimous => "unanimous".to_string(),
        Condition::Every { kind: k, side } => format!("every eligible {}member {}", kind(k), side.words()),
        Condition::NoMember { kind: k, side } => format!("no eligible {}member {}", kind(k), side.words()),
        Condition::HalfPlusOne { base: b, side } => format!("half the {} plus one {}", base(b, false), side.words()),
        Condition::Threshold { comparator, proportion: p, base: b, side } => {
            format!("{} {} of {} {}", comparator.words(), proportion(&p.node), base(b, false), side.words())
        }
        Condition::Count { comparator, count, kind: k, side } => {
            let noun = if count.node == 1 { "member" } else { "members" };
            format!("{} {} {}{} {}", comparator.words(), count.node, kind(k), noun, side.words())
        }
        Condition::Bloc { subject, comparator, proportion: p, base: b } => {
            let who = match &subject.node {
                BlocSubject::Each => "each bloc".to_string(),
                BlocSubject::Named(n) => format!("the {} bloc", n.node),
            };
            format!("{who} in favour by {} {} of its {}", comparator.words(), proportion(&p.node), base(b, true))
        }
        Condition::Member { member, side } => format!("{} {}", member_ref(&member.node), side.words()),
    }
}

/// A rule on one line, with parentheses around nested groups.
pub fn rule_inline(rule: &Rule) -> String {
    match rule {
        Rule::Condition(c) => condition(c),
        Rule::All(parts) | Rule::Any(parts) => {
            let joiner = if matches!(rule, Rule::All(_)) { " and " } else { " or " };
            parts.iter().map(|p| part(&p.node)).collect::<Vec<_>>().join(joiner)
        }
    }
}

fn part(rule: &Rule) -> String {
    match rule {
        Rule::Condition(c) => condition(c),
        _ => format!("({})", rule_inline(rule)),
    }
}

/// A rule with each top-level `and`/`or` part on its own continuation line.
fn rule_block(rule: &Rule) -> String {
    match rule {
        Rule::All(parts) | Rule::Any(parts) if parts.len() > 1 => {
            let joiner = if matches!(rule, Rule::All(_)) { "\n    and " } else { "\n    or " };
            parts.iter().map(|p| part(&p.node)).collect::<Vec<_>>().join(joiner)
        }
        _ => rule_inline(rule),
    }
}

fn share_mix(parts: &[SharePart]) -> String {
    parts
        .iter()
        .map(|p| match &p.weight {
            Some(w) => format!("{} {}", percent(w.node), p.method.node.words()),
            None => p.method.node.words().to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn fund(f: &Fund) -> String {
    match f {
        Fund::Contingency => "the contingency fund".to_string(),
        Fund::Named(name) => quoted(name),
    }
}

fn providers(list: &[ProviderShare]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let each: Vec<String> = list
        .iter()
        .map(|p| match &p.share {
            Some(s) => format!("{} {}", member_ref(&p.member.node), percent(s.node)),
            None => member_ref(&p.member.node),
        })
        .collect();
    format!(" provided by {}", each.join(", "))
}

fn then(first: bool) -> &'static str {
    if first {
        ""
    } else {
        "then "
    }
}

fn clause_text(clause: &Clause, first_step: bool) -> String {
    match clause {
        Clause::Agreement(c) => match c {
            AgreementClause::Form(f) => format!("form {}", f.node.words()),
            AgreementClause::Currency { code, minor_unit } => match minor_unit {
                Some(m) => format!("currency {}, minor unit {}", code.node, plain(m.node)),
                None => format!("currency {}", code.node),
            },
            AgreementClause::Effective(d) => format!("effective from {}", date(&d.node)),
            AgreementClause::Period { from, to } => format!("period {} to {}", date(&from.node), date(&to.node)),
            AgreementClause::Kinds(list) => format!("kinds {}", names(list)),
            AgreementClause::Quorum(r) => format!("quorum {}", rule_block(&r.node)),
        },
        Clause::Member(c) => match c {
            MemberClause::Kinds(list) => format!("kinds {}", names(list)),
            MemberClause::Role(role) => role.words().to_string(),
            MemberClause::Votes(v) => format!("votes {}", plain(v.node)),
            MemberClause::Figure { name, value } => format!("{} {}", name.node.words(), figure_value(&value.node)),
        },
        Clause::Voting(c) => match c {
            VotingClause::Scheme(s) => scheme_text(s),
            VotingClause::Reserved { kind, share } => {
                format!("{} members together hold {} of the votes", kind.node, percent(share.node))
            }
        },
        Clause::Bloc(c) => match c {
            BlocClause::OfKind(k) => format!("members of kind {}", k.node),
            BlocClause::Members(list) => format!("members {}", member_list(list)),
        },
        Clause::Decision(c) => decision_clause(c),
        Clause::Savings(step) => {
            let text = match step {
                SavingsStep::Reinvest { amount: a, fund: f } => {
                    let what = match &a.node {
                        ReinvestAmount::Everything => "everything".to_string(),
                        ReinvestAmount::TheRest => "the rest".to_string(),
                        ReinvestAmount::Amount(x) => amount(x),
                        ReinvestAmount::Percent(p) => percent(*p),
                    };
                    format!("{what} to {}", fund(&f.node))
                }
                SavingsStep::Compensation => "compensation to members whose budgets fell".to_string(),
                SavingsStep::Share { parts } if first_step => format!("shared {}", share_mix(parts)),
                SavingsStep::Share { parts } => format!("the rest shared {}", share_mix(parts)),
            };
            format!("{}{text}", then(first_step))
        }
        Clause::Deficit(step) => {
            let text = match step {
                DeficitStep::Contingency if first_step => "the contingency fund first".to_string(),
                DeficitStep::Contingency => "the contingency fund".to_string(),
                DeficitStep::Insurance { cap } => format!("insurance up to {}", amount(&cap.node)),
                DeficitStep::Commissioners { share, cap } => match cap {
                    Some(c) => format!("commissioners bear {} up to {}", percent(share.node), amount(&c.node)),
                    None => format!("commissioners bear {}", percent(share.node)),
                },
                DeficitStep::Share { parts } => format!("shared {}", share_mix(parts)),
            };
            format!("{}{text}", then(first_step))
        }
        Clause::Budget(line) => match line {
            BudgetLine::Capitated(a) => format!("capitated budget {}", amount(&a.node)),
            BudgetLine::Line { kind, name, amount: a, statutory_minimum, providers: p } => {
                let named = |word: &str| match name {
                    Some(n) => format!("{word} {} ", quoted(&n.node)),
                    None => format!("{word} "),
                };
                let lead = match kind {
                    LineKind::Intervention => named("intervention"),
                    LineKind::ServiceStandard => named("service standard"),
                    LineKind::PersonalBudgets => "personal budgets ".to_string(),
                    LineKind::ContingencyFund => "contingency fund ".to_string(),
                    LineKind::OperationsTeam => "operations team ".to_string(),
                };
                let minimum = statutory_minimum
                    .as_ref()
                    .map(|m| format!(", statutory minimum {}", amount(&m.node)))
                    .unwrap_or_default();
                format!("{lead}{}{minimum}{}", amount(&a.node), providers(p))
            }
        },
        Clause::Membership(c) => match c {
            MembershipClause::JoiningDecidedBy(d) => format!("joining is decided by {}", quoted(&d.node)),
            MembershipClause::JoiningAccession => "a joining member signs a deed of accession".to_string(),
            MembershipClause::LeavingNotice(d) => {
                let period = duration(&d.node);
                let possessive = if period.ends_with('s') { "'" } else { "'s" };
                format!("leaving requires {period}{possessive} notice")
            }
            MembershipClause::LeavingDecidedBy(d) => format!("leaving is decided by {}", quoted(&d.node)),
            MembershipClause::LeavingForfeits(f) => format!("a leaving member forfeits its {}", f.node.words()),
            MembershipClause::LeavingLosesSay => "a leaving member loses its say over capitated payments".to_string(),
            MembershipClause::LeavingPays(a) => format!("a leaving member pays {}", amount(&a.node)),
            MembershipClause::ExpulsionDecidedBy(d) => format!("expulsion is decided by {}", quoted(&d.node)),
        },
        Clause::Proposal(c) => proposal_clause(c),
        Clause::Result(c) => result_clause(c),
        Clause::Scenario(c) => match c {
            ScenarioClause::Propose { decision, date: d } => match d {
                Some(d) => format!("propose {} on {}", quoted(&decision.node), date(&d.node)),
                None => format!("propose {}", quoted(&decision.node)),
            },
            ScenarioClause::Expect(e) => format!("expect {}", expectation(e)),
            ScenarioClause::Proposal(p) => proposal_clause(p),
            ScenarioClause::Result(r) => result_clause(r),
        },
    }
}

fn decision_clause(c: &DecisionClause) -> String {
    match c {
        DecisionClause::Rule { period, rule } => {
            let when = match period.as_ref().map(|p| p.node) {
                Some(RulePeriod::Until(d)) => format!("until {}, ", date(&d)),
                Some(RulePeriod::From(d)) => format!("from {}, ", date(&d)),
                Some(RulePeriod::Between(from, until)) => format!("from {} until {}, ", date(&from), date(&until)),
                None => String::new(),
            };
            format!("{when}passes if {}", rule_block(&rule.node))
        }
        DecisionClause::Voting(s) => format!("voting {}", scheme_text(&s.node)),
        DecisionClause::Quorum(r) => format!("quorum {}", rule_block(&r.node)),
        DecisionClause::GainExclusion { comparator, share, figure } => format!(
            "members gaining {} {} of their {} do not vote",
            comparator.node.words(),
            percent(share.node),
            figure.node.words()
        ),
        DecisionClause::OnlyKind(k) => format!("only {} members vote", k.node),
        DecisionClause::KindExcluded(k) => format!("{} members do not vote", k.node),
        DecisionClause::MemberExcluded(m) => format!("{} does not vote", member_ref(&m.node)),
        DecisionClause::Veto { holder, statutory } => {
            let who = match &holder.node {
                VetoHolder::Member(m) => member_ref(m),
                VetoHolder::AnyMember { kind } => match kind {
                    Some(k) => format!("any {} member", k.node),
                    None => "any member".to_string(),
                },
                VetoHolder::Bloc(BlocSubject::Each) => "each bloc".to_string(),
                VetoHolder::Bloc(BlocSubject::Named(n)) => format!("the {} bloc", n.node),
            };
            let when = if statutory.is_some() { " when its statutory duties are at risk" } else { "" };
            format!("{who} may veto{when}")
        }
        DecisionClause::CastingVote(m) => format!("on a tie, {} has the casting vote", member_ref(&m.node)),
        DecisionClause::Escalation { trigger, steps } => {
            let lead = match trigger.node {
                EscalationTrigger::Tie => "on a tie",
                EscalationTrigger::Rejected => "if rejected",
            };
            let steps: Vec<String> = steps
                .iter()
                .map(|s| match &s.node.within {
                    Some(d) => format!("{} within {}", quoted(&s.node.body.node), duration(&d.node)),
                    None => quoted(&s.node.body.node),
                })
                .collect();
            format!("{lead}, escalate to {}", steps.join(", then "))
        }
    }
}

fn vote_choice(c: VoteChoice) -> &'static str {
    match c {
        VoteChoice::InFavour => "in favour",
        VoteChoice::Against => "against",
        VoteChoice::Abstaining => "abstaining",
    }
}

fn proposal_clause(c: &ProposalClause) -> String {
    match c {
        ProposalClause::Decision(d) => format!("decision {}", quoted(&d.node)),
        ProposalClause::Dated(d) => format!("dated {}", date(&d.node)),
        ProposalClause::Revenue { member, gain, change } => {
            let verb = if *gain { "gains" } else { "loses" };
            let what = match &change.node {
                RevenueChange::Amount(a) => amount(a),
                RevenueChange::PercentOfBudget(p) => format!("{} of its budget", percent(*p)),
            };
            format!("{} {verb} {what}", member_ref(&member.node))
        }
        ProposalClause::DutiesAtRisk(m) => format!("it puts {}'s statutory duties at risk", member_ref(&m.node)),
        ProposalClause::Commitment { member, amount: a } => {
            format!("{} commits {}", member_ref(&member.node), amount(&a.node))
        }
        ProposalClause::Votes { choice, members } => format!("{}: {}", vote_choice(*choice), member_list(members)),
        ProposalClause::CastingVote(c) => format!("casting vote: {}", vote_choice(*c)),
    }
}

fn result_clause(c: &ResultClause) -> String {
    match c {
        ResultClause::CapitatedBudget(a) => format!("capitated budget {}", amount(&a.node)),
        ResultClause::ActualCost(a) => format!("actual cost {}", amount(&a.node)),
        ResultClause::OtherIncome(a) => format!("other income {}", amount(&a.node)),
        ResultClause::FundBalance(a) => format!("contingency fund balance {}", amount(&a.node)),
        ResultClause::Performance(scores) => {
            let each: Vec<String> =
                scores.iter().map(|(m, s)| format!("{} {}", member_ref(&m.node), plain(s.node))).collect();
            format!("performance: {}", each.join(", "))
        }
    }
}

fn expectation(e: &Expectation) -> String {
    match e {
        Expectation::Outcome { outcome, detail } => {
            let word = match outcome {
                OutcomeWord::Passed => "passed",
                OutcomeWord::Rejected => "rejected",
                OutcomeWord::Escalated => "escalated",
                OutcomeWord::Deadlocked => "deadlocked",
                OutcomeWord::Invalid => "invalid",
            };
            match detail.as_ref().map(|d| &d.node) {
                None => word.to_string(),
                Some(OutcomeDetail::EscalatedTo(body)) => format!("escalated to {}", quoted(&body.node)),
                Some(OutcomeDetail::CastingVoteOf(m)) => {
                    format!("{word} on the casting vote of {}", member_ref(&m.node))
                }
                Some(OutcomeDetail::Because(reason)) => {
                    let why = match reason {
                        InvalidReason::NoQuorum => "no quorum",
                        InvalidReason::UnknownMemberVoted => "an unknown member voted",
                        InvalidReason::UnknownDecision => "the decision does not exist",
                    };
                    format!("{word} because {why}")
                }
            }
        }
        Expectation::Share { holder, receives, amount: a } => {
            let who = match &holder.node {
                ShareHolder::Member(m) => member_ref(m),
                ShareHolder::ContingencyFund => "the contingency fund".to_string(),
            };
            format!("{who} {} {}", if *receives { "receives" } else { "bears" }, amount(&a.node))
        }
        Expectation::Unallocated(a) => format!("unallocated {}", amount(&a.node)),
        Expectation::Finding(code) => format!("finding {}", code.node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_in_thousands() {
        assert_eq!(grouped(Decimal::from(42_000_000)), "42,000,000");
        assert_eq!(grouped(Decimal::new(150_000_000, 2)), "1,500,000");
        assert_eq!(grouped(Decimal::new(1250, 2)), "12.50");
        assert_eq!(grouped(Decimal::from(-1_000)), "-1,000");
    }
}
