//! "Did you mean …?": the nearest known word to a misspelt one.

/// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
/// substitutions and swaps of neighbours each cost one), on characters: strsim's, the crate
/// clap already uses for its own "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
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
