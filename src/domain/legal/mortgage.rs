//! Enforcing a mortgage (ป.พ.พ. มาตรา 728): the creditor first gives the debtor written notice to
//! pay within a time of at least 60 days from receipt; a mortgagor who is not the debtor (a third
//! party) must be notified within 15 days of the notice to the debtor, or is freed from interest,
//! damages and charges arising after those 15 days (มาตรา 728 ว.2).

use chrono::NaiveDate;

use super::add_days;
use super::deadline::{Deadline, DeadlineKind};

/// The least time a mortgage notice gives the debtor.
pub const NOTICE_MIN_DAYS: u32 = 60;
/// The days to notify a third-party mortgagor after the debtor's notice.
pub const THIRD_PARTY_DAYS: u32 = 15;

/// The first day the mortgage may be enforced (suit filed) after the debtor received the notice
/// on `received_on`: the 60 days run from the day after receipt, so enforcement starts on day 61.
/// Worked example: received 1 Jun 2026, the 60 days end 31 Jul 2026, suit from 1 Aug 2026.
pub fn enforce_from(received_on: NaiveDate) -> NaiveDate {
    add_days(received_on, NOTICE_MIN_DAYS + 1)
}

/// Whether the payment time a notice gives (its deadline) is long enough.
pub fn gives_enough_time(received_on: NaiveDate, pay_by: NaiveDate) -> bool {
    pay_by >= add_days(received_on, NOTICE_MIN_DAYS)
}

/// The deadline to notify a third-party mortgagor after the debtor's notice was sent on
/// `debtor_notice_on`, warned from its fifth day. Example: debtor notified 1 Jun 2026, third
/// party by 16 Jun 2026.
pub fn third_party_deadline(debtor_notice_on: NaiveDate) -> Deadline {
    Deadline {
        kind: DeadlineKind::MortgageNotice,
        due: add_days(debtor_notice_on, THIRD_PARTY_DAYS),
        warn_from: add_days(debtor_notice_on, 5),
    }
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;

    #[test]
    fn a_mortgage_is_enforced_only_after_sixty_days_notice() {
        assert_eq!(enforce_from(ymd(2026, 6, 1)), ymd(2026, 8, 1));
        assert!(gives_enough_time(ymd(2026, 6, 1), ymd(2026, 7, 31)));
        assert!(!gives_enough_time(ymd(2026, 6, 1), ymd(2026, 7, 30)));
    }

    #[test]
    fn a_third_party_mortgagor_is_notified_within_fifteen_days() {
        let d = third_party_deadline(ymd(2026, 6, 1));
        assert_eq!(d.due, ymd(2026, 6, 16));
        assert_eq!(d.warn_from, ymd(2026, 6, 6));
    }
}
