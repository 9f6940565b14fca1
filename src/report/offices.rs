//! The working's words for a casting vote held by an office (issue 21, item 1): who held the
//! office at the meeting, and why.

use crate::eval::HeldOffice;

/// The words between the holder's name and `has the casting vote`: `, who holds the chair on 7
/// June 2028 (line 12: the chair rotates …),` or `, who presided and may take the chair on 3
/// June 2027 (line 12: …),`.
pub(super) fn held_words(held: &HeldOffice) -> String {
    let on = held.on.map_or_else(String::new, |d| format!(" on {}", d.words()));
    let how = if held.presided {
        format!("who presided and is one of those who may hold the {}{on}", held.office)
    } else {
        format!("who holds the {}{on}", held.office)
    };
    format!(", {how} (line {}: {}),", held.clause.line, held.clause.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::eval::Place;

    fn held(presided: bool) -> HeldOffice {
        HeldOffice {
            office: "chair".into(),
            on: Some(Date { year: 2028, month: 6, day: 7 }),
            clause: Place { span: crate::span::Span::default(), line: 12, text: "the chair is icb".into() },
            presided,
        }
    }

    #[test]
    fn a_named_holder_holds_the_office_on_the_day() {
        assert_eq!(held_words(&held(false)), ", who holds the chair on 7 June 2028 (line 12: the chair is icb),");
    }

    #[test]
    fn a_member_presiding_is_said_to_have_presided() {
        assert!(held_words(&held(true))
            .starts_with(", who presided and is one of those who may hold the chair on 7 June 2028"));
    }
}
