//! The legal track as pure rules (issue 13): the deadlines the Civil and Commercial Code and the
//! Civil Procedure Code set for a loan in default, a guarantor's liability after a late notice,
//! and the deadlines gathered for the early-warning screen.
//!
//! Counting follows s.193/3 and s.193/5: the first day is not counted, and a period of years ends
//! on the day of the last year before the one corresponding to the day counting began. A period
//! of n years from an event on day X (an installment's due date, a signed acknowledgment, a
//! death, a judgment) therefore has `add_years(X, n)` as its last day (the Supreme Court's usual
//! reading: due 1 Jan 2540, counted from 2 Jan 2540, prescribed after 1 Jan 2545).

pub mod case;
pub mod deadline;
pub mod estate;
pub mod guarantor;
pub mod mortgage;
pub mod prescription;
pub mod sla;
pub mod termination;

use chrono::{Days, Months, NaiveDate};

pub use deadline::{Deadline, DeadlineKind};

/// `date` plus `years` years; 29 February falls back to 28 February in a common year.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    date.checked_add_months(Months::new(12 * years)).unwrap_or(date)
}

/// `date` plus `days` days.
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days))).unwrap_or(date)
}

/// `date` less `months` months (the warning before a date: six months before prescription).
pub fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(date)
}

#[cfg(test)]
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leap_day_plus_years_is_the_last_day_of_february() {
        assert_eq!(add_years(ymd(2024, 2, 29), 5), ymd(2029, 2, 28));
        assert_eq!(add_years(ymd(2024, 2, 29), 4), ymd(2028, 2, 29));
        assert_eq!(months_before(ymd(2026, 8, 31), 6), ymd(2026, 2, 28));
    }
}
