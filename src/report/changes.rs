//! The changes earlier steps of a sequence made to the agreement (`scenario "B" follows "A"`), in
//! the agreement's words: each `on passing, …` clause that made one, with its line, and what it
//! changed. The REPL's `:changes` lists them, and shows one in full.

use crate::eval::{Change, EffectOut, InForce};

/// Every change in force, numbered from 1 across the steps, with the step that made it.
pub fn numbered(in_force: &[InForce]) -> Vec<(usize, &InForce, &EffectOut)> {
    in_force
        .iter()
        .flat_map(|step| step.effects.iter().map(move |e| (step, e)))
        .zip(1..)
        .map(|((s, e), n)| (n, s, e))
        .collect()
}

/// The line after a working decided under changes: how to see them.
pub fn changes_hint(in_force: &[InForce]) -> String {
    match numbered(in_force).len() {
        0 => String::new(),
        1 => "\n:changes shows the change with the clause that made it; :changes 1 shows it in full.\n".to_string(),
        n => {
            format!("\n:changes lists the {n} changes with the clauses that made them; :changes N shows one in full.\n")
        }
    }
}

/// Every change in force, each with the clause that made it, as written.
pub fn changes_human(in_force: &[InForce]) -> String {
    let mut out = "The last scenario was decided under the agreement as the earlier steps changed it:\n".to_string();
    for (n, step, effect) in numbered(in_force) {
        out.push_str(&format!(
            "  {n}. “{}” passed, and line {} of the agreement, “{}”, made this change: {}.\n",
            step.proposal,
            effect.clause.line,
            effect.clause.text,
            super::blocs::change_words(effect)
        ));
    }
    out.push_str(":changes N shows one in full: the clause, the change, and the agreement's text as it now reads.\n");
    out
}

/// One change in full: the step, the clause as written, the change, and `as_written`, the
/// agreement's blocks it amends as they read before (`before`) and after (`after`).
pub fn change_in_full(n: usize, step: &InForce, effect: &EffectOut, before: &[String], after: &[String]) -> String {
    let mut out = format!("Change {n}: made when “{}” passed.\n", step.proposal);
    out.push_str(&format!("  The clause (line {} of the agreement): {}\n", effect.clause.line, effect.clause.text));
    out.push_str(&format!("  The change: {}.\n", super::blocs::change_words(effect)));
    let what = match &effect.change {
        Change::RoleMoves { role, to, .. } => format!("the `{role}` line moves to the block of member `{to}`"),
        Change::Leaves { member, .. } => format!("the block of member `{member}` is taken out of the agreement"),
        Change::Joins { member, .. } => format!("a block for member `{member}` is added after the last member"),
    };
    out.push_str(&format!("  In the agreement's text, {what}.\n"));
    if !before.is_empty() {
        out.push_str("\n  As written before:\n");
        for block in before {
            out.push_str(&super::words::indent(block.trim_end(), "    "));
        }
    }
    if !after.is_empty() {
        out.push_str("\n  As it reads after the change:\n");
        for block in after {
            out.push_str(&super::words::indent(block.trim_end(), "    "));
        }
    }
    out
}
