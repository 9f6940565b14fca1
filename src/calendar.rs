//! Calendar values every layer shares: dates and periods of time.
//!
//! A date is a date whether the parser reads it, the model resolves a rule's dates with it, or
//! the evaluator counts a notice period from it: nothing about it depends on how an agreement
//! words it, so the syntax tree, the model and the engines share these types rather than each
//! keeping a copy.

use serde::Serialize;

/// A calendar date, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// The months, as dates are written (`1 April 2026`).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The date as a lawyer writes it: `1 April 2026`.
    pub fn words(&self) -> String {
        let month = MONTHS.get(usize::from(self.month).saturating_sub(1)).copied().unwrap_or("?");
        format!("{} {month} {}", self.day, self.year)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A period of time: `12 months`, `10 working days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Duration {
    pub count: u32,
    pub unit: DurationUnit,
}

/// The unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DurationUnit {
    Days,
    WorkingDays,
    Weeks,
    Months,
    Years,
}

impl Duration {
    /// The period in words: `1 month`, `10 working days`.
    pub fn words(self) -> String {
        let unit = match (self.unit, self.count == 1) {
            (DurationUnit::Days, true) => "day",
            (DurationUnit::Days, false) => "days",
            (DurationUnit::WorkingDays, true) => "working day",
            (DurationUnit::WorkingDays, false) => "working days",
            (DurationUnit::Weeks, true) => "week",
            (DurationUnit::Weeks, false) => "weeks",
            (DurationUnit::Months, true) => "month",
            (DurationUnit::Months, false) => "months",
            (DurationUnit::Years, true) => "year",
            (DurationUnit::Years, false) => "years",
        };
        format!("{} {unit}", self.count)
    }
}

impl Date {
    /// The day after, if there is one in the calendar Concord reads.
    pub fn next(self) -> Option<Date> {
        let days = days_in_month(self.year, self.month);
        if self.day < days {
            self.day.checked_add(1).map(|day| Date { day, ..self })
        } else if self.month < 12 {
            self.month.checked_add(1).map(|month| Date { month, day: 1, ..self })
        } else {
            self.year.checked_add(1).map(|year| Date { year, month: 1, day: 1 })
        }
    }

    /// The day before, if there is one in the calendar Concord reads.
    pub fn previous(self) -> Option<Date> {
        if self.day > 1 {
            self.day.checked_sub(1).map(|day| Date { day, ..self })
        } else if self.month > 1 {
            self.month.checked_sub(1).map(|month| Date { month, day: days_in_month(self.year, month), ..self })
        } else {
            self.year.checked_sub(1).map(|year| Date { year, month: 12, day: 31 })
        }
    }
}

/// Whether `day` `month` `year` is a date on the calendar (months 1 to 12, the days each has).
pub fn is_date(year: u16, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)
}

/// The number of days in `month` (1 to 12) of `year`.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn calendar_dates() {
        assert!(super::is_date(2024, 2, 29));
        assert!(!super::is_date(2026, 2, 29));
        assert!(!super::is_date(2026, 13, 1));
        assert!(!super::is_date(2026, 4, 31));
        assert!(!super::is_date(2026, 4, 0));
    }

    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn days_before_and_after_cross_months_and_years() {
        assert_eq!(date(2026, 2, 28).next(), Some(date(2026, 3, 1)));
        assert_eq!(date(2028, 2, 28).next(), Some(date(2028, 2, 29)));
        assert_eq!(date(2026, 12, 31).next(), Some(date(2027, 1, 1)));
        assert_eq!(date(u16::MAX, 12, 31).next(), None);
        assert_eq!(date(2026, 3, 1).previous(), Some(date(2026, 2, 28)));
        assert_eq!(date(2026, 3, 2).previous(), Some(date(2026, 3, 1)));
        assert_eq!(date(2026, 1, 1).previous(), Some(date(2025, 12, 31)));
        assert_eq!(date(0, 1, 1).previous(), None);
    }
}
