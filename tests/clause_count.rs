//! The reference's count of what Concord can say (§20) is the count of its own table.
//!
//! §20 lists the real published clauses one row each, with "yes", "in part" or "no" at the head
//! of its last cell, then sums them up in words: how many of all the rows, and how many of those
//! on voting, quorum, deadlock, membership and offices (every row but the ones on money). The
//! sentences are checked against the table here, so a row that moves cannot leave the sum behind.

use std::path::PathBuf;

/// The clauses of the table that are about money, as the count sentence lists them.
const MONEY: [&str; 16] =
    ["C3", "C4", "C5", "C23", "C24", "C25", "C26", "C30", "C35", "C36", "C37", "C38", "C39", "C42", "C59", "C60"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Yes,
    InPart,
    No,
}

fn reference() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// §20's text, from its heading to the next section's.
fn section(reference: &str) -> &str {
    let start = reference.find("\n## 20. ").expect("the reference has a §20");
    let rest = &reference[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

/// Each row of the table: its clause and how much of it can be said.
fn rows(section: &str) -> Vec<(String, Said)> {
    let mut out = Vec::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split(" | ").map(|c| c.trim_matches(|ch| ch == '|' || ch == ' ')).collect();
        let Some(clause) = cells.first().filter(|c| c.starts_with('C') && c[1..].chars().all(|d| d.is_ascii_digit()))
        else {
            continue;
        };
        let last = cells.last().expect("a row has cells");
        let said = if last.starts_with("yes") {
            Said::Yes
        } else if last.starts_with("in part") {
            Said::InPart
        } else if last.starts_with("no") {
            Said::No
        } else {
            panic!("row {clause} of §20 does not start its answer with yes, in part or no: {last}")
        };
        out.push((clause.to_string(), said));
    }
    out
}

fn count(rows: &[(String, Said)], said: Said) -> usize {
    rows.iter().filter(|(_, s)| *s == said).count()
}

#[test]
fn the_count_sentence_is_the_count_of_the_table() {
    let reference = reference();
    let section = section(&reference);
    let rows = rows(section);
    assert!(rows.len() >= 50, "§20's table has only {} rows", rows.len());
    let mut seen = std::collections::BTreeSet::new();
    for (clause, _) in &rows {
        assert!(seen.insert(clause.clone()), "{clause} has two rows in §20");
    }
    let sentence = format!(
        "Of the {} clauses in the table, {} can be said (yes), {} in part and {} not at all.",
        rows.len(),
        count(&rows, Said::Yes),
        count(&rows, Said::InPart),
        count(&rows, Said::No)
    );
    let flowed = section.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowed.contains(&sentence), "§20 should say: {sentence}");
}

#[test]
fn the_governance_count_is_the_count_of_the_rows_not_on_money() {
    let reference = reference();
    let section = section(&reference);
    let rows = rows(section);
    for clause in MONEY {
        assert!(rows.iter().any(|(c, _)| c == clause), "{clause}, listed as a clause on money, has no row in §20");
    }
    let governance: Vec<&(String, Said)> = rows.iter().filter(|(c, _)| !MONEY.contains(&c.as_str())).collect();
    let yes = governance.iter().filter(|(_, s)| *s == Said::Yes).count();
    // BOUND: a count of rows, far below overflow; the table has rows, so no division by zero.
    let percent = (yes * 100 + governance.len() / 2) / governance.len();
    let not_yet: Vec<&str> = governance.iter().filter(|(_, s)| *s != Said::Yes).map(|(c, _)| c.as_str()).collect();
    let flowed = section.split_whitespace().collect::<Vec<_>>().join(" ");
    let counted = format!(
        "Of the {} clauses on voting, quorum, deadlock, membership and offices (all but the sixteen on money: C3 to C5, C23 to C26, C30, C35 to C39, C42, C59 and C60), {yes} are \"yes\" ({percent}%)",
        governance.len()
    );
    assert!(flowed.contains(&counted), "§20 should say: {counted}");
    let listed = match not_yet.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    assert!(flowed.contains(&listed), "§20 should list the clauses not yet said outright: {listed}");
}
