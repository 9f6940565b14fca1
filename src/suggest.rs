//! "Did you mean …?": the nearest known word to a misspelt one.

// PANIC SAFETY: every index below is bounded by the loops over `0..=a.len()` and `0..=b.len()`
// into a table of `(a.len() + 1) * (b.len() + 1)` cells.
#![allow(clippy::indexing_slicing)]

/// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
/// substitutions and swaps of neighbours each cost one), on characters.
// BOUND: the words compared are names and keywords read from one source of at most 8 MiB, so
// the table has at most (2^23 + 1)^2 cells, far below `usize::MAX`, and `at(i, j)` is the index
// of one of them. In the loops `i` and `j` start at one, and two are taken away only when both
// are above one. Every cell holds a distance, at most the longer word's length, so adding one
// to it fits.
#[allow(clippy::arithmetic_side_effects)]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        rows[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        rows[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[at(i - 1, j)] + 1).min(rows[at(i, j - 1)] + 1).min(rows[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[at(i - 2, j - 2)] + 1);
            }
            rows[at(i, j)] = best;
        }
    }
    rows[at(a.len(), b.len())]
}

/// The longest word, in characters, for which a nearer spelling is looked for. The distance
/// table is the product of the two lengths, so two names near the clause limit would need
/// gigabytes; nobody misspells a name of a hundred letters by a few keystrokes and needs the
/// machine to say so.
pub const MAX_SUGGESTED_LENGTH: usize = 100;

/// The candidate nearest to `word`, if it is near enough to be a likely misspelling: within a
/// third of the word's length (at least one edit), compared without regard to case. Words and
/// candidates longer than [`MAX_SUGGESTED_LENGTH`] are not compared, and a candidate whose
/// length differs by more than the limit cannot be near enough, so it is not either.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = word.chars().count();
    if length > MAX_SUGGESTED_LENGTH {
        return None;
    }
    let lowered = word.to_lowercase();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| {
            let other = candidate.chars().count();
            other <= MAX_SUGGESTED_LENGTH && other.abs_diff(length) <= limit
        })
        .map(|candidate| (edit_distance(&lowered, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_not_compared() {
        let long = "x".repeat(60_000);
        assert_eq!(nearest(&long, [long.as_str()]), None);
        assert_eq!(nearest("hhft", [long.as_str(), "hhtf"]), Some("hhtf"));
    }

    #[test]
    fn distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("hhft", "hhtf"), 1);
        assert_eq!(edit_distance("budget", "budjet"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn nearest_finds_close_names_only() {
        let names = ["hhft", "gpfed", "lbh"];
        assert_eq!(nearest("hhtf", names), Some("hhft"));
        assert_eq!(nearest("gpfd", names), Some("gpfed"));
        assert_eq!(nearest("council", names), None);
    }
}
