//! `expect FINDING because "…"` clauses, gathered from every block of the file.

use super::*;
use crate::model::Intention;

/// Every `expect` clause of a file, with the block each covers (none: the `agreement` block's
/// cover the whole file).
pub fn intentions(file: &ast::File) -> Vec<Intention> {
    let mut out = Vec::new();
    for block in &file.blocks {
        let whole_file = matches!(block.header.node, Header::Agreement { .. });
        for clause in &block.clauses {
            let Clause::Intended(intended) = &clause.node else { continue };
            out.push(Intention {
                code: intended.full_code(),
                because: intended.reason.node.clone(),
                scope: if whole_file { None } else { Some(block.span) },
                at: clause.span,
                name: intended.code.node.clone(),
                written: intended.code.span,
            });
        }
    }
    out
}
