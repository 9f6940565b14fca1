//! `:who OFFICE [on DATE]`: who holds an office of the session's agreement, on a day
//! (issue 21, item 1), in the words of `concord explain --who`.

use super::error::ReplError;
use super::{Engine, Reply, Typed};
use crate::commands::explain::offices::read_date;

impl Engine {
    pub(super) fn who(&self, typed: &Typed<'_>) -> Result<Reply, ReplError> {
        let usage = "type :who OFFICE [on DATE], for example :who chair on 7 June 2028";
        if typed.argument.is_empty() {
            return Err(ReplError::MissingArgument {
                command: ":who",
                what: "an office",
                at: typed.name_at.into(),
                help: usage.into(),
            });
        }
        let agreement = self.readable(typed)?;
        let (office, date) = match typed.argument.split_once(" on ") {
            Some((office, date)) => match read_date(date) {
                Some(d) => (office.trim(), Some(d)),
                None => return Ok(Reply::say(format!("`{}` is not a date: {usage}.\n", date.trim()))),
            },
            None => (typed.argument.trim(), None),
        };
        let office = office.trim_start_matches("the ").trim();
        Ok(Reply::say(match crate::commands::explain::offices::holder_on(agreement, office, date) {
            Ok(answer) => format!("{answer}\n"),
            Err(why) => format!("{}.\n", capitalise(&why)),
        }))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    #[test]
    fn dates_are_read_as_the_language_writes_them() {
        assert_eq!(read_date("7 June 2028"), Some(Date { year: 2028, month: 6, day: 7 }));
        assert_eq!(read_date("2028-06-07"), Some(Date { year: 2028, month: 6, day: 7 }));
        assert_eq!(read_date("31 February 2028"), None);
        assert_eq!(read_date("June"), None);
    }

    #[test]
    fn who_holds_the_chair_on_a_day_is_answered_from_the_clause_in_force() {
        let mut e = Engine::new(crate::report::Colour::Off);
        e.handle(":load examples/joint-committee.concord");
        let answer = e.handle(":who chair on 7 June 2028").text;
        assert!(
            answer.starts_with("The chair on 7 June 2028 may be held by icb or trust, whichever presides"),
            "{answer}"
        );
        let vice = e.handle(":who the vice-chair on 1 May 2026").text;
        assert!(vice.starts_with("icb holds the vice-chair on 1 May 2026"), "{vice}");
        assert!(e.handle(":who chair").text.contains("depends on the date"));
        assert!(e.handle(":who treasurer").text.contains("has no office `treasurer`"));
    }
}
