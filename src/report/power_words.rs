//! Why voting power or sensitivity was not worked out, in words: the one place they are
//! written, for the text, the schedule, the editor's hover and the JSON's `not_analysed`.

use std::fmt;

use serde::Serialize;

use crate::results::power::{RuleIsFor, RuleNotAnalysed, SensitivityNotAnalysed};

/// `whoever holds the office of Chair at the meeting`, or `whoever presides at the meeting`.
fn casting_holder(office: Option<&str>) -> String {
    match office {
        Some(office) => format!("whoever holds the office of {office} at the meeting"),
        None => "whoever presides at the meeting".to_string(),
    }
}

impl fmt::Display for RuleNotAnalysed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLargeToWeigh => f.write_str("the votes are too large to weigh exactly"),
            Self::WeightsNeedProposal => f.write_str(
                "votes weigh by the budget each member commits to a proposal, which is not known without one (give one with --proposal)",
            ),
            Self::CastingHolderChanges { office } => write!(
                f,
                "the casting vote is held by {}, which changes from meeting to meeting, so each member's say depends on the meeting (`concord power --proposal` works one meeting out, from the proposal's date and `presiding:` line)",
                casting_holder(office.as_deref())
            ),
            Self::TooLarge => f.write_str("the rule is too large to work out exactly within the time and memory allowed"),
        }
    }
}

impl fmt::Display for SensitivityNotAnalysed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLargeToWeigh => f.write_str("the votes are too large to weigh exactly"),
            Self::WeightsNeedProposal => {
                f.write_str("votes weigh by the budget each member commits to a proposal, which is not known without one")
            }
            Self::ReservedShares => f.write_str(
                "shares of the votes are reserved to a kind, so a member's weight is set by the reserved share, not by its own figure",
            ),
            Self::CastingHolderChanges { office } => write!(
                f,
                "the casting vote is held by {}, which changes from meeting to meeting, so which ways of voting carry it is not known without a meeting",
                casting_holder(office.as_deref())
            ),
            Self::TooLarge => {
                f.write_str("the weights are too many or too large to work out exactly within the time and memory allowed")
            }
        }
    }
}

impl fmt::Display for RuleIsFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Proposers(proposers) => write!(f, "{proposers}"),
            Self::AnyoneElse => f.write_str("anyone else"),
        }
    }
}

impl Serialize for RuleIsFor {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for RuleNotAnalysed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for SensitivityNotAnalysed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_casting_holder_is_named_by_its_office_or_as_whoever_presides() {
        let office = RuleNotAnalysed::CastingHolderChanges { office: Some("Chair".into()) }.to_string();
        assert!(office.starts_with("the casting vote is held by whoever holds the office of Chair at the meeting,"));
        let presiding = SensitivityNotAnalysed::CastingHolderChanges { office: None }.to_string();
        assert!(presiding.starts_with("the casting vote is held by whoever presides at the meeting,"));
    }

    #[test]
    fn the_json_gives_the_same_words_as_the_text() {
        let why = RuleNotAnalysed::TooLarge;
        let json = serde_json::to_string(&why).expect("a string serialises");
        assert_eq!(json, format!("\"{why}\""));
    }
}
