//! Rendering a [`Case`] as text: names resolved by index, layout drawn from the case's stream.

use super::*;

const MEMBER_IDS: [&str; 12] =
    ["hhft", "gpfed", "lbh", "cnwl", "pcn-north", "pcn_south", "h4all", "users", "ccg", "m9", "x", "a1"];
const KINDS: [&str; 8] = ["acute", "primary-care", "social-care", "nhs", "lay", "voluntary", "health", "council"];
const BLOC_IDS: [&str; 4] = ["health", "care", "providers", "b4"];
const DECISIONS: [&str; 8] = [
    "change financial flows",
    "routine business",
    "admit a partner",
    "approve the budget",
    "d",
    "Expel a member",
    "vary the agreement — schedule 2",
    "agree a service specification",
];
const TITLES: [&str; 8] = [
    "Hillingdon Frailty Network",
    "T",
    "",
    "A \u{201c}quoted\u{201d} alliance # not a comment",
    "Ünïcödé Care Trust",
    "x",
    "The Queen Elizabeth Hospital King's Lynn NHS Foundation Trust and Friends, Limited",
    "  spaced  ",
];
const BODIES: [&str; 4] = ["the alliance leadership group", "the commissioners", "mediation", "arbitration"];
const COMMENTS: [&str; 10] = [
    "# note",
    "#",
    "#no space",
    "# with \"quotes\" and # more hashes",
    "# £1,000,000 and 70% of eligible votes in favour",
    "# ünïcödé — \u{201c}curly\u{201d} ✓",
    "#\ttab inside",
    "# member x \"looks like code\"",
    "##",
    "# then the rest shared equally",
];
const CODES: [&str; 6] = [
    "concord::check::dictator",
    "concord::check::dummy",
    "concord::check::gridlock",
    "concord::check::never_passes",
    "concord::check::unintended_veto",
    "concord::parse::nothing",
];

fn pick<'a>(pool: &[&'a str], i: u8) -> &'a str {
    pool.get(usize::from(i) % pool.len().max(1)).copied().unwrap_or("x")
}

impl Num {
    /// The digits, grouped by thousands when `group` (and not a magnitude or an extreme).
    fn digits(self, group: bool, magnitude: bool) -> String {
        match self {
            Num::Small(n) => n.to_string(),
            Num::Whole(n) => grouped(&n.to_string(), group),
            Num::Pence(n, p) => format!("{}.{:02}", grouped(&n.to_string(), group), p % 100),
            Num::Magnitude(n, tenth, m) => {
                let unit = if magnitude { ["m", "k", "bn"][usize::from(m % 3)] } else { "" };
                if tenth % 2 == 0 {
                    format!("{n}{unit}")
                } else {
                    format!("{n}.{}{unit}", tenth % 10)
                }
            }
            Num::Long(n) => grouped(&format!("{n}{}", n % 1000), group),
            Num::Extreme(e) => match e % 10 {
                0 => "79228162514264337593543950335".to_string(),
                1 => "79228162514264337593543950336".to_string(),
                2 => "0.0000000000000000000000000001".to_string(),
                3 => "9999999999999999999999999999.99".to_string(),
                4 if magnitude => "79228162514264337593543950335bn".to_string(),
                5 => "79,228,162,514,264,337,593,543,950,335".to_string(),
                6 => "0".to_string(),
                7 => "0.000".to_string(),
                8 => "1.2345678901234567890123456789".to_string(),
                _ => "18446744073709551616".to_string(),
            },
        }
    }
}

fn grouped(digits: &str, group: bool) -> String {
    if !group || digits.len() <= 3 {
        return digits.to_string();
    }
    // The library's own grouping, so the generator writes figures as the reports print them.
    concord::money::group_thousands(digits)
}

impl Pct {
    fn text(self) -> String {
        match self {
            Pct::Common(i) => {
                let v =
                    ["0", "5", "10", "20", "25", "30", "33.3", "40", "50", "60", "66.67", "70", "75", "100", "12.5"];
                format!("{}%", v[usize::from(i) % v.len()])
            }
            Pct::Any(n) => format!("{}%", n.digits(false, false)),
        }
    }
}

impl Date {
    /// The same day a year later, as `2027-04-01` or `1 April 2027`.
    fn year_later(self, iso: bool) -> String {
        let text = Date { iso, ..self }.text();
        let year: u32 = text.rsplit([' ', '-']).find(|w| w.len() == 4).and_then(|y| y.parse().ok()).unwrap_or(2026);
        let text = Date { iso, ..self }.text();
        match iso {
            true => text.replacen(&format!("{year:04}"), &format!("{:04}", year + 1), 1),
            false => format!("{} {:04}", text.rsplit_once(' ').map_or("1 April", |(d, _)| d), year + 1),
        }
    }

    fn text(self) -> String {
        let day = if self.day == 255 { 31 } else { 1 + self.day % 28 };
        let month = usize::from(self.month % 12);
        let year = match self.year {
            0 => 1,
            255 => 9999,
            y => 2020 + u32::from(y % 12),
        };
        if self.iso {
            format!("{year:04}-{:02}-{day:02}", month + 1)
        } else {
            format!("{day} {} {year:04}", concord::calendar::MONTHS[month])
        }
    }
}

impl Figure {
    fn words(self) -> &'static str {
        match self {
            Figure::Budget => "budget",
            Figure::Allocation => "allocation",
            Figure::Equity => "equity",
            Figure::RiskShare => "risk share",
            Figure::Reserves => "reserves",
            Figure::Investment => "investment",
            Figure::InvestmentNeed => "investment need",
            Figure::Contribution => "contribution",
            Figure::LiabilityCap => "liability cap",
            Figure::Performance => "performance",
        }
    }
}

impl Side {
    fn words(self) -> &'static str {
        match self {
            Side::InFavour => "in favour",
            Side::Against => "against",
            Side::Present => "present",
            Side::Abstaining => "abstaining",
        }
    }
}

impl Cmp {
    fn words(self) -> &'static str {
        match self {
            Cmp::AtLeast => "at least",
            Cmp::MoreThan => "more than",
            Cmp::AtMost => "at most",
            Cmp::NoMoreThan => "no more than",
            Cmp::FewerThan => "fewer than",
            Cmp::LessThan => "less than",
        }
    }
}

impl Prop {
    fn text(self) -> String {
        match self {
            Prop::Percent(p) => p.text(),
            Prop::Ratio(a, b) => format!("{}/{}", a % 12, b % 12),
            Prop::Word(w) => {
                pick(&["half", "two thirds", "three quarters", "one third", "a third", "one quarter", "a quarter"], w)
                    .to_string()
            }
        }
    }
}

impl Scheme {
    fn words(self) -> String {
        match self {
            Scheme::OneMemberOneVote => "one member one vote".into(),
            Scheme::CommittedProposal => "in proportion to budget committed to the proposal".into(),
            Scheme::CommittedPool => "in proportion to budget committed to the pool".into(),
            Scheme::Proportional(f) => format!("in proportion to {}", f.words()),
            Scheme::Explicit => "as set for each member".into(),
        }
    }
}

/// The text being written, with the layout stream.
struct Out<'a> {
    text: String,
    layout: &'a Layout,
    at: usize,
    indent: &'static str,
    newline: &'static str,
}

/// A clause as tokens: between two tokens the layout may put spaces, tabs, a line break with
/// deeper indentation, a comment...
type Tokens = Vec<String>;

impl<'a> Out<'a> {
    fn new(layout: &'a Layout) -> Out<'a> {
        let indent = match layout.indent % 16 {
            0 => "    ",
            1 => " ",
            2 => "\t",
            _ => "  ",
        };
        Out { text: String::new(), layout, at: 0, indent, newline: if layout.crlf { "\r\n" } else { "\n" } }
    }

    /// The next layout byte; 255 (plain) once the stream runs out.
    fn draw(&mut self) -> u8 {
        let b = self.layout.noise.get(self.at).copied().unwrap_or(255);
        self.at += 1;
        b
    }

    fn newline(&mut self) {
        let nl = self.newline;
        self.text.push_str(nl);
    }

    /// Maybe a comment on its own line, at `indent`.
    fn comment_line(&mut self, indent: &str) {
        let b = self.draw();
        if b < 40 {
            self.text.push_str(indent);
            self.text.push_str(pick(&COMMENTS, b));
            self.newline();
        }
    }

    /// Maybe a comment at the end of the line, then the line end.
    fn end_line(&mut self) {
        let b = self.draw();
        match b {
            0..=39 => {
                self.text.push_str(if b.is_multiple_of(2) { "  " } else { " " });
                self.text.push_str(pick(&COMMENTS, b / 2));
            }
            40..=44 => self.text.push_str("  "),
            45..=47 => self.text.push('\t'),
            _ => {}
        }
        self.newline();
    }

    fn header(&mut self, tokens: Tokens) {
        self.comment_line("");
        self.tokens(&tokens, None);
        self.end_line();
    }

    fn clause(&mut self, tokens: Tokens) {
        let indent = self.indent;
        self.comment_line(indent);
        self.text.push_str(indent);
        let deeper = format!("{indent}  ");
        self.tokens(&tokens, Some(&deeper));
        self.end_line();
    }

    /// Writes tokens with what goes between them; a clause may break and go on at `deeper`
    /// (a header may not).
    fn tokens(&mut self, tokens: &Tokens, deeper: Option<&str>) {
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                let b = self.draw();
                let Some(deeper) = deeper else {
                    self.text.push(if b < 20 { '\t' } else { ' ' });
                    self.text.push_str(token);
                    continue;
                };
                match b {
                    0..=5 => {
                        // A break inside the clause, with a comment closing the line.
                        self.text.push_str("  ");
                        self.text.push_str(pick(&COMMENTS, b));
                        self.newline();
                        self.text.push_str(deeper);
                    }
                    6..=11 => {
                        // A break inside the clause, with a comment on a line of its own.
                        self.newline();
                        self.text.push_str(deeper);
                        self.text.push_str(pick(&COMMENTS, b));
                        self.newline();
                        self.text.push_str(deeper);
                    }
                    12..=23 => {
                        self.newline();
                        self.text.push_str(deeper);
                    }
                    24..=29 => self.text.push_str("  "),
                    30..=33 => self.text.push('\t'),
                    34..=35 => self.text.push_str(" \u{a0}"),
                    _ => self.text.push(' '),
                }
            }
            self.text.push_str(token);
        }
    }

    fn gap(&mut self) {
        match self.draw() {
            0..=9 => {}
            10..=14 => {
                self.newline();
                self.newline();
            }
            15..=17 => {
                self.text.push_str("  ");
                self.newline();
            }
            _ => self.newline(),
        }
    }
}

fn t(words: &str) -> Tokens {
    vec![words.to_string()]
}

/// Names resolved against the agreement being rendered.
struct Names {
    roles: u8,
    members: usize,
    decisions: usize,
    blocs: usize,
    currency: &'static str,
    symbol: &'static str,
}

impl Names {
    fn member(&self, i: u8) -> String {
        let n = self.members.max(1);
        let i = usize::from(i) % n;
        match MEMBER_IDS.get(i) {
            Some(id) => id.to_string(),
            None => format!("m{i}"),
        }
    }

    fn member_ref(&self, r: MemberRef) -> String {
        match r {
            MemberRef::Id(i) => self.member(i),
            MemberRef::Lead => "the lead provider".into(),
            MemberRef::Chair => "the chair".into(),
            MemberRef::Host => "the host".into(),
        }
    }

    fn decision(&self, i: u8) -> String {
        let i = usize::from(i) % self.decisions.max(1);
        match DECISIONS.get(i) {
            Some(d) => format!("\"{d}\""),
            None => format!("\"decision {i}\""),
        }
    }

    fn bloc(&self, i: u8) -> String {
        let i = usize::from(i) % self.blocs.max(1);
        match BLOC_IDS.get(i) {
            Some(b) => b.to_string(),
            None => format!("bloc{i}"),
        }
    }

    fn amount(&self, n: Num, b: u8) -> String {
        if b % 5 == 4 || self.symbol.is_empty() {
            format!("{} {}", n.digits(true, true), self.currency)
        } else {
            format!("{}{}", self.symbol, n.digits(b.is_multiple_of(2), true))
        }
    }

    fn figure(&self, f: Figure, n: Num) -> String {
        match f {
            Figure::Equity | Figure::RiskShare => format!("{}%", n.digits(false, false)),
            Figure::Performance => n.digits(false, false),
            _ => self.amount(n, 0),
        }
    }
}

fn kind(i: u8) -> &'static str {
    pick(&KINDS, i)
}

impl Rule {
    fn text(&self, names: &Names, depth: usize) -> String {
        if depth > 5 {
            return "unanimous".into();
        }
        let joined = |first: &Rule, rest: &[Rule], word: &str| {
            let mut parts = vec![first.part(names, depth)];
            parts.extend(rest.iter().take(4).map(|r| r.part(names, depth)));
            parts.join(word)
        };
        match self {
            Rule::Cond(c) => c.text(names),
            Rule::And(first, rest) => joined(first, rest, " and "),
            Rule::Or(first, rest) => joined(first, rest, " or "),
            Rule::Group(inner) => format!("({})", inner.text(names, depth + 1)),
        }
    }

    /// The rule as one part of an `and` or `or`: compound rules in parentheses.
    fn part(&self, names: &Names, depth: usize) -> String {
        match self {
            Rule::And(_, rest) | Rule::Or(_, rest) if !rest.is_empty() => {
                format!("({})", self.text(names, depth + 1))
            }
            _ => self.text(names, depth + 1),
        }
    }
}

impl Base {
    fn text(self) -> String {
        let mut words = Vec::new();
        if self.eligible {
            words.push("eligible".to_string());
        }
        if let Some(k) = self.kind {
            words.push(kind(k).to_string());
        }
        words.push(if self.votes { "votes" } else { "members" }.to_string());
        match self.scope % 3 {
            1 => words.push("cast".into()),
            2 => words.push("present".into()),
            _ => {}
        }
        words.join(" ")
    }
}

impl BlocBase {
    fn text(self) -> String {
        let mut words = vec![if self.their { "their" } else { "its" }.to_string()];
        if self.eligible {
            words.push("eligible".into());
        }
        words.push(if self.votes { "votes" } else { "members" }.into());
        match self.scope % 3 {
            1 => words.push("cast".into()),
            2 => words.push("present".into()),
            _ => {}
        }
        words.join(" ")
    }
}

impl Cond {
    fn text(self, names: &Names) -> String {
        let filter = |eligible: bool, k: Option<u8>| {
            let mut s = String::new();
            if eligible {
                s.push_str("eligible ");
            }
            if let Some(k) = k {
                s.push_str(kind(k));
                s.push(' ');
            }
            s
        };
        match self {
            Cond::Unanimous => "unanimous".into(),
            Cond::Every { eligible, kind, side } => format!("every {}member {}", filter(eligible, kind), side.words()),
            Cond::NoMember { eligible, kind, side } => format!("no {}member {}", filter(eligible, kind), side.words()),
            Cond::HalfPlusOne { of_the, base, side } => {
                format!("half {}{} plus one {}", if of_the { "of the " } else { "the " }, base.text(), side.words())
            }
            Cond::Threshold { cmp, prop, the, base, side } => {
                format!(
                    "{} {} of {}{} {}",
                    cmp.words(),
                    prop.text(),
                    if the { "the " } else { "" },
                    base.text(),
                    side.words()
                )
            }
            Cond::Count { cmp, n, big, kind, side } => {
                let n = if big && n == 255 { 4_294_967_296 } else { u64::from(n % 12) };
                format!("{} {n} {}members {}", cmp.words(), filter(false, kind), side.words())
            }
            Cond::EachBloc { cmp, prop, base } => {
                format!("each bloc in favour by {} {} of {}", cmp.words(), prop.text(), base.text())
            }
            Cond::TheBloc { .. } if names.blocs == 0 => "unanimous".into(),
            Cond::TheBloc { bloc, cmp, prop, base } => {
                format!("the {} bloc in favour by {} {} of {}", names.bloc(bloc), cmp.words(), prop.text(), base.text())
            }
            Cond::Member { member, side } => format!("{} {}", names.member_ref(member), side.words()),
        }
    }
}

/// Splits a rule's text into tokens at its `and`/`or` and parentheses, where the layout may
/// break the clause.
fn rule_tokens(prefix: &str, rule: &str) -> Tokens {
    let mut tokens = vec![prefix.to_string()];
    let mut current = String::new();
    for word in rule.split(' ') {
        if (word == "and" || word == "or") && !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
            current.push_str(word);
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

impl Case {
    /// Writes the case as text.
    pub fn render(&self) -> Rendered {
        let a = &self.agreement;
        let (currency, symbol) = match a.currency.as_ref().map(|c| c.0 % 8) {
            Some(1) => ("EUR", "€"),
            Some(2) => ("USD", "$"),
            Some(3) => ("JPY", "¥"),
            _ => ("GBP", "£"),
        };
        let names = Names {
            roles: a.roles,
            members: a.members.len().clamp(1, 24),
            decisions: a.decisions.len().min(12),
            blocs: a.blocs.len().min(6),
            currency,
            symbol: if symbol == "¥" { "" } else { symbol },
        };
        let mut out = Out::new(&self.layout);
        self.agreement_blocks(&names, &mut out, None);
        let agreement = out.text;

        let mut out = Out::new(&self.layout);
        if !self.inputs.scenarios.is_empty() {
            out.header(vec!["scenarios for".into(), "\"agreement.concord\"".into()]);
            out.gap();
        }
        for (i, p) in self.inputs.proposals.iter().take(8).enumerate() {
            out.header(vec!["proposal".into(), format!("\"proposal {i}\"")]);
            proposal_clauses(p, &names, &mut out, true);
            out.gap();
        }
        for (i, r) in self.inputs.results.iter().take(8).enumerate() {
            out.header(vec!["result".into(), format!("\"Year ending 31 March {}\"", 2027 + i)]);
            result_clauses(r, &names, &mut out);
            out.gap();
        }
        for (i, s) in self.inputs.scenarios.iter().take(12).enumerate() {
            out.header(vec!["scenario".into(), format!("\"scenario {i}\"")]);
            if let Some(p) = &s.proposal {
                let mut propose = vec!["propose".to_string(), names.decision(p.decision.unwrap_or(0))];
                if let Some(d) = p.dated {
                    propose.push("on".into());
                    propose.push(d.text());
                }
                out.clause(propose);
                proposal_clauses(p, &names, &mut out, false);
            }
            if let Some(r) = &s.result {
                result_clauses(r, &names, &mut out);
            }
            for e in s.expects.iter().take(6) {
                out.clause(expect_tokens(*e, &names));
            }
            out.gap();
        }
        let input = out.text;

        let mut session = String::new();
        let mut typed = Vec::new();
        self.agreement_blocks(&names, &mut Out::new(&self.layout), Some(&mut typed));
        for block in typed {
            session.push_str(block.trim_end());
            session.push_str("\n\n");
        }
        for line in self.session.iter().take(24) {
            let mut out = Out::new(&self.layout);
            match line {
                SessionLine::Member(i, m) => member_block(usize::from(*i) % names.members, m, &names, &mut out),
                SessionLine::Decision(i, d) => {
                    decision_block(usize::from(*i) % names.decisions.max(1), d, &names, &mut out)
                }
                SessionLine::Voting(s) => {
                    let mut header = t("voting");
                    if let Some(s) = s {
                        header.push(s.words());
                    }
                    out.header(header);
                }
                SessionLine::Proposal(p) => {
                    out.header(vec!["proposal".into(), "\"typed\"".into()]);
                    proposal_clauses(p, &names, &mut out, true);
                }
                SessionLine::Result(r) => {
                    out.header(vec!["result".into(), "\"typed\"".into()]);
                    result_clauses(r, &names, &mut out);
                }
                SessionLine::Command(c) => out.text.push_str(&command_text(*c, &names)),
                SessionLine::Comment(c) => out.text.push_str(pick(&COMMENTS, *c)),
            }
            session.push_str(out.text.trim_end());
            session.push_str("\n\n");
        }
        Rendered { agreement, input, session }
    }

    /// Writes the agreement's blocks; with `typed`, also each block's text on its own.
    fn agreement_blocks(&self, names: &Names, out: &mut Out<'_>, mut typed: Option<&mut Vec<String>>) {
        let a = &self.agreement;
        let mut mark = out.text.len();
        let mut cut = |out: &mut Out<'_>, typed: &mut Option<&mut Vec<String>>| {
            if let Some(list) = typed.as_deref_mut() {
                list.push(out.text.get(mark..).unwrap_or("").to_string());
            }
            out.gap();
            mark = out.text.len();
        };
        out.header(vec!["agreement".into(), format!("\"{}\"", pick(&TITLES, a.title))]);
        if let Some(f) = a.form {
            let forms = [
                "lead-provider alliance",
                "provider network",
                "provider collaborative",
                "complementary contracts",
                "section 75 pooled budget",
                "commissioning management organisation",
                "care trust",
            ];
            out.clause(vec!["form".into(), pick(&forms, f).into()]);
        }
        if let Some((_, unit)) = &a.currency {
            let mut tokens = vec!["currency".to_string(), names.currency.to_string()];
            if let Some(u) = unit {
                tokens.push(",".into());
                tokens.push("minor unit".into());
                let units = ["0.01", "1", "0.001", "0.1", "0.0001"];
                tokens.push(match u {
                    Num::Extreme(e) => Num::Extreme(*e).digits(false, false),
                    Num::Small(i) => pick(&units, *i).to_string(),
                    _ => "0.01".to_string(),
                });
            }
            out.clause(tokens);
        }
        if let Some(d) = a.effective {
            out.clause(vec!["effective".into(), "from".into(), d.text()]);
        }
        if let Some((from, to)) = a.period {
            out.clause(vec!["period".into(), from.text(), "to".into(), from.year_later(to.iso)]);
        }
        // Kinds: every kind, mostly; sometimes only some (an unknown kind is an error), or none.
        let declared: Vec<&str> = match a.kinds_decl {
            0..=229 => KINDS.to_vec(),
            230..=244 => KINDS.iter().copied().take(usize::from(a.kinds_decl % 8) + 1).collect(),
            _ => Vec::new(),
        };
        if !declared.is_empty() {
            out.clause(vec!["kinds".into(), declared.join(", ")]);
        }
        if let Some(q) = &a.default_quorum {
            out.clause(rule_tokens("quorum", &q.text(names, 0)));
        }
        cut(out, &mut typed);
        let n_members = if a.members.is_empty() { 1 } else { a.members.len().min(24) };
        let default_member = MemberSpec {
            name: None,
            kinds: Vec::new(),
            lead: 0,
            chair: 0,
            observer: 0,
            host: 0,
            votes: None,
            figures: Vec::new(),
        };
        for i in 0..n_members {
            member_block(i, a.members.get(i).unwrap_or(&default_member), names, out);
            cut(out, &mut typed);
        }
        if let Some((scheme, reserved)) = &a.voting {
            let mut header = t("voting");
            if let Some(s) = scheme {
                header.push(s.words());
            }
            out.header(header);
            for (k, p) in reserved.iter().take(4) {
                out.clause(vec![
                    kind(*k).into(),
                    "members".into(),
                    "together".into(),
                    "hold".into(),
                    p.text(),
                    "of the votes".into(),
                ]);
            }
            cut(out, &mut typed);
        }
        for (i, b) in a.blocs.iter().take(6).enumerate() {
            let mut header = vec!["bloc".to_string(), names.bloc(i as u8)];
            if let Some(n) = b.name {
                header.push(format!("\"{}\"", pick(&TITLES, n)));
            }
            out.header(header);
            match b.of_kind {
                Some(k) => out.clause(vec!["members".into(), "of kind".into(), kind(k).into()]),
                None => {
                    let list: Vec<String> = b.members.iter().take(8).map(|m| names.member_ref(*m)).collect();
                    let list = if list.is_empty() { vec![names.member(0)] } else { list };
                    out.clause(vec!["members".into(), list.join(", ")]);
                }
            }
            cut(out, &mut typed);
        }
        for (i, d) in a.decisions.iter().take(12).enumerate() {
            decision_block(i, d, names, out);
            cut(out, &mut typed);
        }
        if let Some(steps) = &a.savings {
            out.header(t("savings"));
            for (i, s) in steps.iter().take(6).enumerate() {
                let mut tokens = if i > 0 { t("then") } else { Vec::new() };
                tokens.extend(savings_tokens(s, names));
                out.clause(tokens);
            }
            cut(out, &mut typed);
        }
        if let Some(steps) = &a.deficits {
            out.header(t("deficits"));
            for (i, s) in steps.iter().take(6).enumerate() {
                let mut tokens = if i > 0 { t("then") } else { Vec::new() };
                tokens.extend(deficit_tokens(s, names));
                out.clause(tokens);
            }
            cut(out, &mut typed);
        }
        if let Some(lines) = &a.budget {
            out.header(t("budget"));
            for line in lines.iter().take(8) {
                out.clause(budget_tokens(line, names));
            }
            cut(out, &mut typed);
        }
        if let Some(clauses) = &a.membership {
            out.header(t("membership"));
            for c in clauses.iter().take(8) {
                let decided = matches!(
                    c,
                    MembershipClause::JoiningDecided(_)
                        | MembershipClause::LeavingDecided(_)
                        | MembershipClause::Expulsion(_)
                );
                if decided && names.decisions == 0 {
                    continue;
                }
                out.clause(membership_tokens(*c, names));
            }
            cut(out, &mut typed);
        }
    }
}

fn member_block(i: usize, m: &MemberSpec, names: &Names, out: &mut Out<'_>) {
    let mut header = vec!["member".to_string(), names.member(i as u8)];
    if let Some(n) = m.name {
        header.push(format!("\"{}\"", pick(&TITLES, n)));
    }
    out.header(header);
    if !m.kinds.is_empty() {
        let kinds: Vec<&str> = m.kinds.iter().take(3).map(|k| kind(*k)).collect();
        out.clause(vec!["kinds".into(), kinds.join(", ")]);
    }
    let role = |own: u8, bit: u8, index: usize| {
        own > 245 || (names.roles & (1 << bit) == 0 && i == index % names.members.max(1))
    };
    if role(m.lead, 0, 0) {
        out.clause(t("lead provider"));
    }
    if role(m.chair, 1, 1) {
        out.clause(t("chair"));
    }
    if m.observer > 220 {
        out.clause(t("observer"));
    }
    if role(m.host, 2, 2) {
        out.clause(t("host"));
    }
    if let Some(v) = m.votes {
        out.clause(vec!["votes".into(), v.digits(false, false)]);
    }
    let mut seen = Vec::new();
    for (f, n) in m.figures.iter().take(10) {
        if !seen.contains(&f.words()) {
            seen.push(f.words());
            out.clause(vec![f.words().into(), names.figure(*f, *n)]);
        }
    }
}

fn decision_block(i: usize, d: &DecisionSpec, names: &Names, out: &mut Out<'_>) {
    out.header(vec!["decision".into(), names.decision(i as u8)]);
    if d.rules.is_empty() {
        out.clause(t("passes if unanimous"));
    }
    let n_rules = d.rules.len().min(3);
    for (k, (when, rule)) in d.rules.iter().take(3).enumerate() {
        let year = |y: usize| 2026 + y;
        let when = match (d.timeline < 230, n_rules, k) {
            (false, _, _) => *when,
            (true, 1, _) => When::Always,
            (true, _, 0) => {
                out.clause(rule_tokens(&format!("until 31 March {}, passes if", year(0)), &rule.text(names, 0)));
                continue;
            }
            (true, n, k) if k + 1 == n => {
                out.clause(rule_tokens(&format!("from 1 April {}, passes if", year(k - 1)), &rule.text(names, 0)));
                continue;
            }
            (true, _, k) => {
                let prefix = format!("from 1 April {} until 31 March {}, passes if", year(k - 1), year(k));
                out.clause(rule_tokens(&prefix, &rule.text(names, 0)));
                continue;
            }
        };
        let prefix = match when {
            When::Always => "passes if".to_string(),
            When::Until(a) => format!("until {}, passes if", a.text()),
            When::From(a) => format!("from {}, passes if", a.text()),
            When::Between(a, b) => format!("from {} until {}, passes if", a.text(), b.text()),
        };
        out.clause(rule_tokens(&prefix, &rule.text(names, 0)));
    }
    if let Some(s) = d.voting {
        out.clause(vec!["voting".into(), s.words()]);
    }
    if let Some(q) = &d.quorum {
        out.clause(rule_tokens("quorum", &q.text(names, 0)));
    }
    if let Some((cmp, p, f)) = d.gain_exclusion {
        out.clause(vec![
            "members gaining".into(),
            cmp.words().into(),
            p.text(),
            "of".into(),
            "their".into(),
            f.words().into(),
            "do not vote".into(),
        ]);
    }
    if let Some(k) = d.only_kind {
        out.clause(vec!["only".into(), kind(k).into(), "members".into(), "vote".into()]);
    }
    if let Some(k) = d.kind_excluded {
        out.clause(vec![kind(k).into(), "members".into(), "do not vote".into()]);
    }
    for m in d.member_excluded.iter().take(2) {
        out.clause(vec![names.member_ref(*m), "does not vote".into()]);
    }
    for (holder, statutory) in d.vetoes.iter().take(3) {
        let mut tokens = match holder {
            VetoHolder::AnyMember(k) => {
                let mut v = t("any");
                if let Some(k) = k {
                    v.push(kind(*k).into());
                }
                v.push("member".into());
                v
            }
            VetoHolder::EachBloc => t("each bloc"),
            VetoHolder::TheBloc(_) if names.blocs == 0 => t("any member"),
            VetoHolder::TheBloc(b) => vec!["the".into(), names.bloc(*b), "bloc".into()],
            VetoHolder::Member(m) => vec![names.member_ref(*m)],
        };
        tokens.push("may veto".into());
        if *statutory {
            tokens.push("when".into());
            tokens.push("its".into());
            tokens.push("statutory duties are at risk".into());
        }
        out.clause(tokens);
    }
    if let Some(m) = d.casting {
        out.clause(vec!["on a tie".into(), ",".into(), names.member_ref(m), "has the casting vote".into()]);
    }
    for (on_tie, steps) in d.escalations.iter().take(2) {
        let mut tokens =
            vec![if *on_tie { "on a tie" } else { "if rejected" }.to_string(), ",".into(), "escalate to".into()];
        let steps = if steps.is_empty() { vec![(0, None)] } else { steps.clone() };
        for (j, (body, within)) in steps.iter().take(3).enumerate() {
            if j > 0 {
                tokens.push(",".into());
                tokens.push("then".into());
            }
            tokens.push(format!("\"{}\"", pick(&BODIES, *body)));
            if let Some((n, unit)) = within {
                let units = ["working days", "days", "weeks", "months", "year", "working day"];
                tokens.push("within".into());
                tokens.push(format!("{n} {}", pick(&units, *unit)));
            }
        }
        out.clause(tokens);
    }
}

fn fund_text(f: Fund) -> String {
    match f {
        Fund::Contingency(true) => "the contingency fund".into(),
        Fund::Contingency(false) => "contingency fund".into(),
        Fund::Named(i) => format!("\"{}\"", pick(&["service improvement", "capital", "the reserve"], i)),
    }
}

fn mix_tokens(rest: bool, mix: &Mix) -> Tokens {
    let mut tokens = if rest { t("the rest") } else { Vec::new() };
    tokens.push("shared".into());
    let method = |m: Method| match m {
        Method::Equally => "equally".to_string(),
        Method::By(b) => format!(
            "by {}",
            pick(
                &[
                    "budget allocation",
                    "allocation",
                    "budget",
                    "equity",
                    "risk share",
                    "performance",
                    "need for investment",
                    "ability to pay",
                    "contribution",
                ],
                b
            )
        ),
    };
    match mix {
        Mix::One(m) => tokens.push(method(*m)),
        Mix::Parts(parts) => {
            let parts: Vec<String> =
                parts.iter().take(4).map(|(p, m)| format!("{} {}", p.text(), method(*m))).collect();
            if parts.is_empty() {
                tokens.push("equally".into());
            } else {
                tokens.push(parts.join(", "));
            }
        }
    }
    tokens
}

fn savings_tokens(s: &SavingsStep, names: &Names) -> Tokens {
    match s {
        SavingsStep::Everything(f) => vec!["everything".into(), "to".into(), fund_text(*f)],
        SavingsStep::Rest(f) => vec!["the rest".into(), "to".into(), fund_text(*f)],
        SavingsStep::Amount(n, f) => vec![names.amount(*n, 1), "to".into(), fund_text(*f)],
        SavingsStep::Percent(p, f) => vec![p.text(), "to".into(), fund_text(*f)],
        SavingsStep::Compensation => t("compensation to members whose budgets fell"),
        SavingsStep::Share(rest, mix) => mix_tokens(*rest, mix),
    }
}

fn deficit_tokens(s: &DeficitStep, names: &Names) -> Tokens {
    match s {
        DeficitStep::Contingency(the, first) => {
            let mut v = vec![if *the { "the contingency fund" } else { "contingency fund" }.to_string()];
            if *first {
                v.push("first".into());
            }
            v
        }
        DeficitStep::Insurance(n) => vec!["insurance".into(), "up to".into(), names.amount(*n, 2)],
        DeficitStep::Commissioners(p, cap) => {
            let mut v = vec!["commissioners".into(), "bear".into(), p.text()];
            if let Some(c) = cap {
                v.push("up to".into());
                v.push(names.amount(*c, 3));
            }
            v
        }
        DeficitStep::Share(rest, mix) => mix_tokens(*rest, mix),
    }
}

fn provided(tokens: &mut Tokens, by: &[(MemberRef, Option<Pct>)], names: &Names) {
    if by.is_empty() {
        return;
    }
    tokens.push("provided by".into());
    let shares: Vec<String> = by
        .iter()
        .take(4)
        .map(|(m, p)| match p {
            Some(p) => format!("{} {}", names.member_ref(*m), p.text()),
            None => names.member_ref(*m),
        })
        .collect();
    tokens.push(shares.join(", "));
}

fn budget_tokens(line: &BudgetLine, names: &Names) -> Tokens {
    let services = ["Falls prevention", "Rapid response", "Care homes support"];
    let mut tokens;
    match line {
        BudgetLine::Capitated(n) => return vec!["capitated budget".into(), names.amount(*n, 0)],
        BudgetLine::Intervention(s, n, by) => {
            tokens = vec!["intervention".into(), format!("\"{}\"", pick(&services, *s)), names.amount(*n, 1)];
            provided(&mut tokens, by, names);
        }
        BudgetLine::Standard(s, n, by) => {
            tokens = vec!["service standard".into(), format!("\"{}\"", pick(&services, *s)), names.amount(*n, 2)];
            provided(&mut tokens, by, names);
        }
        BudgetLine::PersonalBudgets(n, min, by) => {
            tokens = vec!["personal budgets".into(), names.amount(*n, 3)];
            if let Some(m) = min {
                tokens.push(",".into());
                tokens.push("statutory minimum".into());
                tokens.push(names.amount(*m, 0));
            }
            provided(&mut tokens, by, names);
        }
        BudgetLine::Contingency(n, by) => {
            tokens = vec!["contingency fund".into(), names.amount(*n, 0)];
            provided(&mut tokens, by, names);
        }
        BudgetLine::Operations(n, by) => {
            tokens = vec!["operations team".into(), names.amount(*n, 0)];
            provided(&mut tokens, by, names);
        }
    }
    tokens
}

fn membership_tokens(c: MembershipClause, names: &Names) -> Tokens {
    match c {
        MembershipClause::JoiningDecided(d) => vec!["joining is decided by".into(), names.decision(d)],
        MembershipClause::Accession => t("a joining member signs a deed of accession"),
        MembershipClause::Notice(n, u) => {
            let units = ["months'", "months", "weeks'", "year's", "days", "working days"];
            vec!["leaving requires".into(), format!("{n} {}", pick(&units, u)), "notice".into()]
        }
        MembershipClause::LeavingDecided(d) => vec!["leaving is decided by".into(), names.decision(d)],
        MembershipClause::Forfeit(f) => vec!["a leaving member forfeits its".into(), f.words().into()],
        MembershipClause::LosesSay => t("a leaving member loses its say over capitated payments"),
        MembershipClause::Pays(n) => vec!["a leaving member pays".into(), names.amount(n, 0)],
        MembershipClause::Expulsion(d) => vec!["expulsion is decided by".into(), names.decision(d)],
    }
}

fn proposal_clauses(p: &ProposalSpec, names: &Names, out: &mut Out<'_>, with_decision: bool) {
    if with_decision {
        if let Some(d) = p.decision {
            out.clause(vec!["decision".into(), names.decision(d)]);
        }
        if let Some(d) = p.dated {
            out.clause(vec!["dated".into(), d.text()]);
        }
    }
    for m in p.duties.iter().take(2) {
        out.clause(vec![
            "it".into(),
            "puts".into(),
            format!("{}'s", names.member_ref(*m)),
            "statutory duties at risk".into(),
        ]);
    }
    for (m, gains, change) in p.changes.iter().take(4) {
        let what = match change {
            Ok(n) => names.amount(*n, 0),
            Err(pct) => format!("{} of its budget", pct.text()),
        };
        out.clause(vec![names.member_ref(*m), if *gains { "gains" } else { "loses" }.into(), what]);
    }
    for (m, n) in p.commits.iter().take(4) {
        out.clause(vec![names.member_ref(*m), "commits".into(), names.amount(*n, 1)]);
    }
    for (choice, word) in [(0u8, "in favour:"), (1, "against:"), (2, "abstaining:")] {
        let voters: Vec<String> = p
            .votes
            .iter()
            .take(names.members)
            .enumerate()
            .filter(|(_, v)| **v % 4 == choice)
            .map(|(i, _)| names.member(i as u8))
            .collect();
        if !voters.is_empty() {
            out.clause(vec![word.into(), voters.join(", ")]);
        }
    }
    if let Some(c) = p.casting {
        out.clause(vec!["casting vote:".into(), if c { "in favour" } else { "against" }.into()]);
    }
}

fn result_clauses(r: &ResultSpec, names: &Names, out: &mut Out<'_>) {
    if let Some(n) = r.capitated {
        out.clause(vec!["capitated budget".into(), names.amount(n, 0)]);
    }
    if let Some(n) = r.actual {
        out.clause(vec!["actual cost".into(), names.amount(n, 1)]);
    }
    if let Some(n) = r.other {
        out.clause(vec!["other income".into(), names.amount(n, 2)]);
    }
    if let Some(n) = r.fund {
        out.clause(vec!["contingency fund balance".into(), names.amount(n, 3)]);
    }
    if !r.performance.is_empty() {
        let scores: Vec<String> = r
            .performance
            .iter()
            .take(6)
            .map(|(m, n)| format!("{} {}", names.member_ref(*m), n.digits(false, false)))
            .collect();
        out.clause(vec!["performance:".into(), scores.join(", ")]);
    }
}

fn expect_tokens(e: Expect, names: &Names) -> Tokens {
    let mut tokens = t("expect");
    match e {
        Expect::Outcome(word, detail, arg) => {
            tokens.push(pick(&["passed", "rejected", "deadlocked", "invalid"], word).into());
            match detail % 4 {
                1 => tokens.push(format!(", escalated to \"{}\"", pick(&BODIES, arg))),
                2 => tokens.push(format!("on the casting vote of {}", names.member(arg))),
                3 => tokens.push(format!(
                    "because {}",
                    pick(
                        &[
                            "no quorum",
                            "an unknown member voted",
                            "an observer voted",
                            "an excluded member voted",
                            "the decision does not exist",
                        ],
                        arg
                    )
                )),
                _ => {}
            }
        }
        Expect::Share(who, receives, n) => {
            tokens.push(match who {
                Some(m) => names.member_ref(m),
                None => "the contingency fund".into(),
            });
            tokens.push(if receives { "receives" } else { "bears" }.into());
            tokens.push(names.amount(n, 0));
        }
        Expect::Unallocated(n) => {
            tokens.push("unallocated".into());
            tokens.push(names.amount(n, 0));
        }
        Expect::Finding(c) => {
            tokens.push("finding".into());
            tokens.push(pick(&CODES, c).into());
        }
    }
    tokens
}

fn command_text(c: Command, names: &Names) -> String {
    let decision = |d: u8| names.decision(d).trim_matches('"').to_string();
    match c {
        Command::Members => ":members".into(),
        Command::Weights(None) => ":weights".into(),
        Command::Weights(Some(d)) => format!(":weights {}", decision(d)),
        Command::Rules => ":rules".into(),
        Command::Explain(d) => format!(":explain {}", decision(d)),
        Command::Undo => ":undo".into(),
        Command::Show => ":show".into(),
        Command::Check => ":check".into(),
        Command::Help(None) => ":help".into(),
        Command::Help(Some(i)) => format!(":help {}", pick(&["undo", ":weights", "what-if", "nothing"], i)),
        Command::WhatIf(m, choice) => {
            format!(
                ":what-if {} {}",
                names.member_ref(m),
                pick(&["in favour", "against", "abstaining", "absent", "for", "sideways"], choice)
            )
        }
        Command::Misspelt => ":wieghts".into(),
    }
}
