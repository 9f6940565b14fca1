//! The agreement's own text, as a passed proposal's changes leave it: a role moved from one
//! member's block to another's, a member's block added, or taken away.
//!
//! The changed agreement is then read afresh from this syntax ([`crate::model::lower_agreement`]),
//! so every clause written with a role's name (`the lead provider in favour`, `the host has the
//! casting vote`) names the role's new holder, the kinds' blocs take in a joiner, and a clause
//! that still names a member who left is an error of the changed agreement, not a silent count.

use crate::model::effects::Effect;
use crate::model::{Agreement, Role};
use crate::span::Spanned;
use crate::syntax::ast::{self, Block, Clause, Header, MemberClause};

fn role_words(role: Role) -> ast::Role {
    match role {
        Role::LeadProvider => ast::Role::LeadProvider,
        Role::Chair => ast::Role::Chair,
        Role::Observer => ast::Role::Observer,
        Role::Host => ast::Role::Host,
    }
}

fn member_key(block: &Block) -> Option<&str> {
    match &block.header.node {
        Header::Member { id, .. } => Some(id.node.as_str()),
        _ => None,
    }
}

/// `file` (the syntax `agreement` was read from) with `effects` made, in order. The effects
/// name members by their ids in `agreement`. `Err` says, in a reader's words, a change the text
/// cannot take (a member the agreement does not have).
pub fn amend(file: &ast::File, agreement: &Agreement, effects: &[Effect]) -> Result<ast::File, String> {
    let mut file = file.clone();
    let key = |id: crate::model::MemberId| {
        agreement
            .member(id)
            .map(|m| m.key.clone())
            .ok_or_else(|| "the member a change names is not a member of the agreement".to_string())
    };
    for effect in effects {
        match effect {
            Effect::RoleMoves { role, to, span } => {
                let to = key(*to)?;
                let role = role_words(*role);
                let mut found = false;
                for block in &mut file.blocks {
                    let Some(holder) = member_key(block).map(str::to_string) else { continue };
                    block.clauses.retain(|c| c.node != Clause::Member(MemberClause::Role(role)));
                    if holder == to {
                        block.clauses.push(Spanned::new(Clause::Member(MemberClause::Role(role)), *span));
                        found = true;
                    }
                }
                if !found {
                    return Err(format!("{to} has no `member` block in the agreement to take the {}", role.words()));
                }
            }
            Effect::Leaves { member, .. } => {
                let leaver = key(*member)?;
                file.blocks.retain(|b| member_key(b) != Some(leaver.as_str()));
            }
            Effect::Joins { key, name, kinds, votes, span } => {
                let mut clauses = Vec::new();
                let kinds: Vec<ast::Ident> = kinds
                    .iter()
                    .filter_map(|k| agreement.kind(*k))
                    .map(|k| Spanned::new(k.name.clone(), *span))
                    .collect();
                if !kinds.is_empty() {
                    clauses.push(Spanned::new(Clause::Member(MemberClause::Kinds(kinds)), *span));
                }
                if let Some(v) = votes {
                    clauses.push(Spanned::new(Clause::Member(MemberClause::Votes(Spanned::new(*v, *span))), *span));
                }
                let block = Block {
                    header: Spanned::new(
                        Header::Member {
                            id: Spanned::new(key.clone(), *span),
                            name: Some(Spanned::new(name.clone(), *span)),
                        },
                        *span,
                    ),
                    clauses,
                    unreadable: 0,
                    span: *span,
                };
                // After the last member, so that the members who were there keep their order.
                let at = file
                    .blocks
                    .iter()
                    .rposition(|b| member_key(b).is_some())
                    .map_or(file.blocks.len(), |i| i.saturating_add(1));
                file.blocks.insert(at, block);
            }
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "agreement \"A\"\n  kinds provider, voluntary\n\nmember pa \"A\"\n  kinds provider\n  lead provider\nmember pb \"B\"\n  kinds provider\n\ndecision \"plan\"\n  passes if the lead provider in favour\n";

    fn read(text: &str) -> (ast::File, Agreement) {
        let parsed = crate::syntax::parse(text);
        let (agreement, errors) = crate::model::lower_agreement(&parsed.file);
        assert!(errors.is_empty(), "{errors:?}");
        (parsed.file, agreement.unwrap_or_else(|| panic!("no agreement")))
    }

    #[test]
    fn a_moved_role_is_read_afresh_in_every_clause_that_names_it() {
        let (file, agreement) = read(TEXT);
        let b = agreement.member_by_key("pb").map(|m| m.id).unwrap_or_else(|| panic!("pb"));
        let moved = Effect::RoleMoves { role: Role::LeadProvider, to: b, span: crate::span::Span::default() };
        let amended = amend(&file, &agreement, &[moved]).unwrap_or_else(|e| panic!("{e}"));
        let (next, errors) = crate::model::lower_agreement(&amended);
        assert!(errors.is_empty(), "{errors:?}");
        let next = next.unwrap_or_else(|| panic!("no agreement"));
        let holder: Vec<&str> =
            next.members.iter().filter(|m| m.has_role(Role::LeadProvider)).map(|m| m.key.as_str()).collect();
        assert_eq!(holder, ["pb"]);
        let rule = format!("{:?}", next.decisions[0].rules);
        assert!(rule.contains(&format!("member: MemberId({})", b.0)), "{rule}");
    }

    #[test]
    fn a_joiner_is_added_after_the_members_and_a_leaver_taken_away() {
        let (file, agreement) = read(TEXT);
        let kind = agreement.kinds.iter().find(|k| k.name == "voluntary").map(|k| k.id);
        let joins = Effect::Joins {
            key: "pc".into(),
            name: "C".into(),
            kinds: kind.into_iter().collect(),
            votes: Some(rust_decimal::Decimal::TWO),
            span: crate::span::Span::default(),
        };
        let amended = amend(&file, &agreement, &[joins]).unwrap_or_else(|e| panic!("{e}"));
        let (next, errors) = crate::model::lower_agreement(&amended);
        assert!(errors.is_empty(), "{errors:?}");
        let next = next.unwrap_or_else(|| panic!("no agreement"));
        let keys: Vec<&str> = next.members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["pa", "pb", "pc"]);
        let b = next.member_by_key("pb").map(|m| m.id).unwrap_or_else(|| panic!("pb"));
        let leaves = Effect::Leaves { member: b, span: crate::span::Span::default() };
        let amended = amend(&amended, &next, &[leaves]).unwrap_or_else(|e| panic!("{e}"));
        let (last, _) = crate::model::lower_agreement(&amended);
        let keys: Vec<String> = last.map(|a| a.members.iter().map(|m| m.key.clone()).collect()).unwrap_or_default();
        assert_eq!(keys, ["pa", "pc"]);
    }
}
