//! Digit grouping that the reader's advice and the money formatter share, so a figure the reader
//! proposes (`£4,200,000`) is written exactly as the reports write it.

/// Groups a run of digits in threes with commas: `4200000` → `4,200,000`.
// BOUND: `i` indexes the characters of `whole`, so it is below `n`, its length in bytes, and
// `n + n / 3` is at most a third more than the length of a `str`, which is below `isize::MAX`.
#[allow(clippy::arithmetic_side_effects)]
pub fn group_thousands(whole: &str) -> String {
    let mut out = String::with_capacity(whole.len() + whole.len() / 3);
    let n = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_grouping() {
        assert_eq!(super::group_thousands("4200000"), "4,200,000");
        assert_eq!(super::group_thousands("420"), "420");
        assert_eq!(super::group_thousands(""), "");
    }
}
