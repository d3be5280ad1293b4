//! How long a member's personal data is kept after their last loan closed. The default, 10 years,
//! covers the longest civil prescription (s.193/30), so the fund can still prove a debt or a
//! repayment for as long as anyone may sue over it; after that the committee may anonymise the
//! member: names, national id, phones and addresses go, the amounts stay for the fund's figures.

use chrono::{Months, NaiveDate};

pub const DEFAULT_YEARS: u32 = 10;

/// The first day on which a member whose last loan closed on `last_closed` may be anonymised.
pub fn anonymise_from(last_closed: NaiveDate, years: u32) -> NaiveDate {
    // 29 February closes to 28 February in a year without it: chrono's month arithmetic clamps.
    last_closed + Months::new(12 * years)
}

/// Whether a member may be anonymised on `today`: no open loan as borrower or party, and the
/// retention period has run since the last loan closed (a member who never borrowed is judged
/// from the day the file was opened).
pub fn may_anonymise(
    has_open_loans: bool,
    last_closed_or_opened: NaiveDate,
    years: u32,
    today: NaiveDate,
) -> bool {
    !has_open_loans && anonymise_from(last_closed_or_opened, years) <= today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A loan closed on 15/3/2559 (2016) may be anonymised from 15/3/2569 (2026), not a day before.
    #[test]
    fn ten_years_after_the_last_loan_closed() {
        assert_eq!(anonymise_from(ymd(2016, 3, 15), DEFAULT_YEARS), ymd(2026, 3, 15));
        assert!(!may_anonymise(false, ymd(2016, 3, 15), 10, ymd(2026, 3, 14)));
        assert!(may_anonymise(false, ymd(2016, 3, 15), 10, ymd(2026, 3, 15)));
        assert!(!may_anonymise(true, ymd(2000, 1, 1), 10, ymd(2026, 3, 15)));
        assert_eq!(anonymise_from(ymd(2016, 2, 29), 1), ymd(2017, 2, 28));
    }
}
