//! `:changes [NUMBER]`: the changes earlier steps made to the agreement the last scenario typed
//! was decided under (`scenario "B" follows "A"`), each with the `on passing, …` clause that made
//! it; with a number, one of them in full, with the member blocks it amends as the session's
//! agreement writes them and as they read after the changes.

use super::{Engine, ReplError, Reply, Typed};
use crate::eval::Change;
use crate::model::{Agreement, Member};
use crate::report::changes::{change_in_full, changes_human, numbered};
use crate::syntax::ast::{Clause, Header, MemberClause};

impl Engine {
    pub(super) fn changes(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let Some((in_force, changed)) = &self.last_changes else {
            return Err(ReplError::NoChanges { at: typed.name_at.into() });
        };
        let all = numbered(in_force);
        if typed.argument.is_empty() {
            return Ok(Reply::say(changes_human(in_force)));
        }
        let chosen = typed.argument.trim_start_matches('#').parse::<usize>().ok();
        let Some((n, step, effect)) = chosen.and_then(|c| all.iter().find(|(n, ..)| *n == c)) else {
            return Err(ReplError::UnknownChange {
                said: typed.argument.to_string(),
                help: match all.len() {
                    1 => "there is one change, numbered 1; type :changes 1".to_string(),
                    n => format!("the changes are numbered 1 to {n}, as :changes lists them"),
                },
                at: typed.argument_at.into(),
            });
        };
        let named: Vec<String> = match &effect.change {
            Change::RoleMoves { to, from, .. } => {
                let mut keys = vec![to.to_string()];
                keys.extend(from.iter().map(ToString::to_string).filter(|f| *f != to.as_str()));
                keys
            }
            Change::Leaves { member, .. } => vec![member.to_string()],
            Change::Joins { member, .. } => vec![member.clone()],
        };
        let before: Vec<String> = named.iter().filter_map(|k| written_block(&self.text, k)).collect();
        let after: Vec<String> = named
            .iter()
            .filter_map(|k| changed.member_by_key(k).map(|m| block_now(changed, m, written_block(&self.text, k))))
            .collect();
        Ok(Reply::say(change_in_full(*n, step, effect, &before, &after)))
    }
}

impl Engine {
    /// `input` with the scenarios typed earlier in the session that its scenarios follow (`scenario
    /// "B" follows "A"`, "A" typed before) written before it, so that a sequence can be typed one
    /// scenario at a time; and where `input` starts in it. `None` when it follows none of them.
    pub(super) fn with_earlier_scenarios(
        &self,
        file: &crate::syntax::ast::File,
        input: &str,
    ) -> Option<(String, usize)> {
        let names = |f: &crate::syntax::ast::File| -> Vec<(String, Option<String>)> {
            f.blocks
                .iter()
                .filter_map(|b| match &b.header.node {
                    Header::Scenario { name, follows } => {
                        Some((name.node.clone(), follows.as_ref().map(|f| f.node.clone())))
                    }
                    _ => None,
                })
                .collect()
        };
        let here = names(file);
        let mut wanted: Vec<String> =
            here.iter().filter_map(|(_, f)| f.clone()).filter(|f| !here.iter().any(|(n, _)| n == f)).collect();
        let mut chain: Vec<usize> = Vec::new();
        while let Some(name) = wanted.pop() {
            let Some(i) = self.typed_scenarios.iter().position(|(n, _)| *n == name) else { continue };
            if chain.contains(&i) {
                continue;
            }
            chain.push(i);
            let earlier = crate::syntax::parse(self.typed_scenarios.get(i).map_or("", |(_, t)| t.as_str())).file;
            wanted.extend(names(&earlier).into_iter().filter_map(|(_, f)| f));
        }
        if chain.is_empty() {
            return None;
        }
        // In the order they were typed, since a scenario follows only one written before it.
        chain.sort_unstable();
        let mut text: String = chain
            .iter()
            .filter_map(|i| self.typed_scenarios.get(*i))
            .map(|(_, t)| format!("{}\n\n", t.trim_end()))
            .collect();
        let from = text.len();
        text.push_str(input);
        Some((text, from))
    }

    /// Remembers the scenarios of `input` (read cleanly), for a later scenario that follows one.
    pub(super) fn remember_scenarios(&mut self, file: &crate::syntax::ast::File, input: &str, from: usize) {
        for block in &file.blocks {
            let Header::Scenario { name, .. } = &block.header.node else { continue };
            if block.span.start < from {
                continue;
            }
            let text = input.get(block.span.start..block.span.end).unwrap_or("").to_string();
            self.typed_scenarios.retain(|(n, _)| *n != name.node);
            self.typed_scenarios.push((name.node.clone(), text));
        }
    }
}

/// The block of member `key` as `text` writes it.
fn written_block(text: &str, key: &str) -> Option<String> {
    let parsed = crate::syntax::parse(text);
    let block = parsed
        .file
        .blocks
        .into_iter()
        .find(|b| matches!(&b.header.node, Header::Member { id, .. } if id.node == key))?;
    text.get(block.span.start..block.span.end).map(str::to_string)
}

/// The block of `member` as it reads in `agreement` (the agreement as the changes left it): its
/// block as written with its role lines as the agreement now gives them, or, for a member who
/// joined, the block the change wrote.
fn block_now(agreement: &Agreement, member: &Member, written: Option<String>) -> String {
    let roles: Vec<String> = member.roles.keys().map(|r| format!("  {}", r.words())).collect();
    let Some(written) = written else {
        let mut out = format!("member {} \"{}\"\n", member.key, member.name);
        let kinds: Vec<&str> =
            member.kinds.iter().filter_map(|k| agreement.kind(k.node)).map(|k| k.name.as_str()).collect();
        if !kinds.is_empty() {
            out.push_str(&format!("  kinds {}\n", kinds.join(", ")));
        }
        for role in &roles {
            out.push_str(&format!("{role}\n"));
        }
        if let Some(votes) = &member.votes {
            out.push_str(&format!("  votes {}\n", crate::fmt::plain(votes.node)));
        }
        return out;
    };
    // The written block's own role lines are taken out, and the roles it now has written at its end.
    let parsed = crate::syntax::parse(&written);
    let role_lines: Vec<(usize, usize)> = parsed
        .file
        .blocks
        .iter()
        .flat_map(|b| b.clauses.iter())
        .filter(|c| matches!(c.node, Clause::Member(MemberClause::Role(_))))
        .map(|c| (c.span.start, c.span.end))
        .collect();
    let mut out = String::new();
    let mut at = 0usize;
    for line in written.split_inclusive('\n') {
        let end = at.saturating_add(line.len());
        if !role_lines.iter().any(|(s, e)| *s >= at && *e <= end) {
            out.push_str(line);
        }
        at = end;
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for role in &roles {
        out.push_str(&format!("{role}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "agreement \"A\"\n\nmember pa \"A\"\n  lead provider\n  votes 2\nmember pb \"B\"\n  votes 1\n";

    #[test]
    fn a_moved_role_leaves_one_block_and_is_written_in_the_other() {
        let text = TEXT.replace("  lead provider\n", "");
        let moved = text.replace("member pb \"B\"\n", "member pb \"B\"\n  lead provider\n");
        let loaded = crate::load::load(&moved);
        let agreement = loaded.agreement.unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
        let pa = agreement.member_by_key("pa").unwrap_or_else(|| panic!("pa"));
        let pb = agreement.member_by_key("pb").unwrap_or_else(|| panic!("pb"));
        assert_eq!(block_now(&agreement, pa, written_block(TEXT, "pa")), "member pa \"A\"\n  votes 2\n");
        assert_eq!(
            block_now(&agreement, pb, written_block(TEXT, "pb")),
            "member pb \"B\"\n  votes 1\n  lead provider\n"
        );
        assert_eq!(written_block(TEXT, "pc"), None);
    }
}

#[cfg(test)]
mod session {
    use super::super::Engine;
    use crate::report::Colour;

    #[test]
    fn a_scenario_typed_after_the_one_it_follows_is_decided_under_its_changes() {
        let mut e = Engine::new(Colour::Off);
        e.handle(":load tests/sequence/changes-on-passing.concord");
        assert!(e.handle(":changes").text.contains("concord::repl::no_changes"));
        let a = e.handle(
            "scenario \"A\"\n  propose \"appoint a lead provider\"\n  concerning: qeh\n  in favour: nchc, qeh, vcs\n",
        );
        assert!(a.text.contains("Outcome: passed"), "{}", a.text);
        let b = e.handle("scenario \"B\" follows \"A\"\n  propose \"approve the service plan\"\n  in favour: qeh, vcs\n  against: nchc\n");
        assert!(b.text.contains("“A” passed: qeh becomes the lead provider, in place of nchc."), "{}", b.text);
        assert_eq!(b.text.matches("Outcome: passed").count(), 1, "{}", b.text);
        let listed = e.handle(":changes").text;
        assert!(
            listed.contains("1. “A” passed, and line 14 of the agreement, “on passing, the lead provider becomes the member concerned”, made this change: qeh becomes the lead provider, in place of nchc."),
            "{listed}"
        );
        let full = e.handle(":changes 1").text;
        assert!(
            full.contains("In the agreement's text, the `lead provider` line moves to the block of member `qeh`."),
            "{full}"
        );
        assert!(full.contains("  As written before:\n    member qeh"), "{full}");
        assert!(full.contains("kinds provider\n      lead provider\n"), "{full}");
        let unknown = e.handle(":changes 2").text;
        assert!(unknown.contains("concord::repl::unknown_change"), "{unknown}");
        assert!(unknown.contains("there is one change, numbered 1"), "{unknown}");
    }
}
