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

impl Duration {
    /// The period as a possessive, before `notice`: `7 days'`, `1 month's`.
    pub fn possessive(self) -> String {
        let words = self.words();
        if words.ends_with('s') {
            format!("{words}'")
        } else {
            format!("{words}'s")
        }
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

impl Date {
    /// The day of the week, Monday 0 to Sunday 6 (Sakamoto's method on the proleptic
    /// Gregorian calendar).
    pub fn weekday(self) -> u8 {
        const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let month = usize::from(self.month.clamp(1, 12));
        let year = u32::from(self.year).saturating_sub(u32::from(month < 3));
        let t = T.get(month.saturating_sub(1)).copied().unwrap_or(0);
        // BOUND: a year is at most 65,535, so every term is small; Sunday is 0 in this method.
        #[allow(clippy::arithmetic_side_effects)]
        let sunday_first = (year + year / 4 - year / 100 + year / 400 + t + u32::from(self.day)) % 7;
        // BOUND: the remainder is below 7, so adding 6 and taking it again stays below 7.
        #[allow(clippy::arithmetic_side_effects)]
        let monday_first = (sunday_first + 6) % 7;
        u8::try_from(monday_first).unwrap_or(0)
    }

    /// Whether the day is Monday to Friday. Concord knows no bank holidays: a working day is
    /// any weekday, and the working always shows the date a period of working days comes to.
    pub fn is_weekday(self) -> bool {
        self.weekday() < 5
    }

    /// The date `period` after this one, when a period runs from it (docs/semantics.md, "Periods
    /// of time"): `30 days` after 1 May is 31 May; `10 working days` counts only weekdays;
    /// `1 month` after 15 January is 15 February, and after 31 January the last day of February;
    /// `1 year` is 12 months. `None` past the calendar's end.
    pub fn after(self, period: Duration) -> Option<Date> {
        let days = |n: u32| (0..n).try_fold(self, |d, _| d.next());
        match period.unit {
            DurationUnit::Days => days(period.count),
            DurationUnit::Weeks => days(period.count.checked_mul(7)?),
            DurationUnit::WorkingDays => {
                let mut date = self;
                for _ in 0..period.count {
                    date = date.next()?;
                    while !date.is_weekday() {
                        date = date.next()?;
                    }
                }
                Some(date)
            }
            DurationUnit::Months => self.add_months(period.count),
            DurationUnit::Years => self.add_months(period.count.checked_mul(12)?),
        }
    }

    fn add_months(self, months: u32) -> Option<Date> {
        let index = u32::from(self.month).checked_sub(1)?.checked_add(months)?;
        let year = u16::try_from(u32::from(self.year).checked_add(index / 12)?).ok()?;
        let month = u8::try_from(index % 12).ok()?.checked_add(1)?;
        Some(Date { year, month, day: self.day.min(days_in_month(year, month)) })
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

    fn period(count: u32, unit: DurationUnit) -> Duration {
        Duration { count, unit }
    }

    #[test]
    fn a_period_before_notice_is_possessive() {
        assert_eq!(period(7, DurationUnit::Days).possessive(), "7 days'");
        assert_eq!(period(1, DurationUnit::Months).possessive(), "1 month's");
    }

    #[test]
    fn weekdays_are_known() {
        // 3 December 2026 is a Thursday; 1 January 2000 a Saturday; 29 February 2024 a Thursday.
        assert_eq!(date(2026, 12, 3).weekday(), 3);
        assert_eq!(date(2000, 1, 1).weekday(), 5);
        assert_eq!(date(2024, 2, 29).weekday(), 3);
        assert!(!date(2026, 12, 6).is_weekday());
    }

    #[test]
    fn periods_run_from_a_date() {
        assert_eq!(date(2026, 5, 1).after(period(30, DurationUnit::Days)), Some(date(2026, 5, 31)));
        assert_eq!(date(2026, 5, 1).after(period(2, DurationUnit::Weeks)), Some(date(2026, 5, 15)));
        // Friday 4 December 2026 + 1 working day is Monday 7 December; + 10 is Friday 18 December.
        assert_eq!(date(2026, 12, 4).after(period(1, DurationUnit::WorkingDays)), Some(date(2026, 12, 7)));
        assert_eq!(date(2026, 12, 4).after(period(10, DurationUnit::WorkingDays)), Some(date(2026, 12, 18)));
        // A Saturday: the first working day after it is the Monday.
        assert_eq!(date(2026, 12, 5).after(period(1, DurationUnit::WorkingDays)), Some(date(2026, 12, 7)));
        assert_eq!(date(2026, 1, 31).after(period(1, DurationUnit::Months)), Some(date(2026, 2, 28)));
        assert_eq!(date(2026, 1, 15).after(period(13, DurationUnit::Months)), Some(date(2027, 2, 15)));
        assert_eq!(date(2024, 2, 29).after(period(1, DurationUnit::Years)), Some(date(2025, 2, 28)));
        assert_eq!(date(2026, 5, 1).after(period(0, DurationUnit::Days)), Some(date(2026, 5, 1)));
        assert_eq!(date(u16::MAX, 12, 1).after(period(1, DurationUnit::Months)), None);
    }
}
