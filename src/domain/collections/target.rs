//! Collection targets (issue 12 §9, seed 003): a month's target is what falls due in it plus a
//! share of the arrears at its start (a setting), unless the treasurer set another figure; a
//! target "runs behind" when what was collected is more than 10% below what the target expects
//! by the day it is looked at (seed 003: "ต่ำกว่าเป้าหมายเกิน 10%").

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::Satang;
use crate::domain::thai::date::{BE_OFFSET, MONTHS, MONTHS_SHORT};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("เดือนต้องเขียนเป็น ปี-เดือน เช่น 2568-11 หรือ 2025-11")]
pub struct MonthError;

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month() }
    }

    /// `2025-11` or, in the Buddhist era, `2568-11` (a year above 2400 is taken as พ.ศ.).
    pub fn parse(text: &str) -> Result<Month, MonthError> {
        let digits = crate::domain::thai::digits::to_ascii_digits(text.trim());
        let (y, m) = digits.split_once(['-', '/']).ok_or(MonthError)?;
        let year: i32 = y.trim().parse().map_err(|_| MonthError)?;
        let month: u32 = m.trim().parse().map_err(|_| MonthError)?;
        let year = if year > 2400 { year - BE_OFFSET } else { year };
        if !(1..=12).contains(&month) || !(1900..=2200).contains(&year) {
            return Err(MonthError);
        }
        Ok(Month { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    pub fn days(self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    /// The `n` months ending with this one, oldest first.
    pub fn last_n(self, n: usize) -> Vec<Month> {
        let mut out = vec![self];
        while out.len() < n {
            let first = out[0].prev();
            out.insert(0, first);
        }
        out
    }

    /// As stored: `2025-11`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `พ.ย. 68`, for chart labels.
    pub fn short(self) -> String {
        format!("{} {:02}", MONTHS_SHORT[(self.month - 1) as usize], (self.year + BE_OFFSET) % 100)
    }
}

/// `พฤศจิกายน 2568`.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", MONTHS[(self.month - 1) as usize], self.year + BE_OFFSET)
    }
}

/// The share of the arrears at the start of a month that the month's target asks for, in basis
/// points (2,500 = 25%).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArrearsShare(pub i64);

/// A quarter of the arrears a month: a file three installments behind is asked for its month's
/// installment and about three quarters of one more, which a household can usually find after
/// a contact. The committee sets its own share.
pub const DEFAULT_ARREARS_SHARE: ArrearsShare = ArrearsShare(2_500);

/// The default target of a month: what falls due in it plus the share of the arrears at its
/// start, rounded half away from zero to the satang.
pub fn default_target(
    due_in_month: Satang,
    arrears_at_start: Satang,
    share: ArrearsShare,
) -> Satang {
    let part = arrears_at_start.max(Satang::ZERO).to_decimal() * Decimal::from(share.0)
        / Decimal::from(10_000);
    due_in_month.max(Satang::ZERO) + Satang::from_decimal(part)
}

/// A collection against its target on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub target: Satang,
    pub collected: Satang,
    /// What the target expects by the day: all of it once the month is over, a share of it by
    /// the days gone while it runs (collections come through the month), none before it starts.
    pub expected: Satang,
    /// More than 10% below what was expected by the day.
    pub behind: bool,
}

/// The alert's threshold: collections below 90% of what was expected by the day.
pub const ALERT_BELOW_PERCENT: i64 = 10;

pub fn progress(target: Satang, collected: Satang, month: Month, on: NaiveDate) -> Progress {
    let expected = if on < month.first_day() {
        Satang::ZERO
    } else if on >= month.last_day() {
        target
    } else {
        let gone = (on - month.first_day()).num_days() + 1;
        Satang::from_decimal(
            target.to_decimal() * Decimal::from(gone) / Decimal::from(month.days()),
        )
    };
    // collected < expected × 90%, in whole satang arithmetic: collected × 100 < expected × 90.
    let behind = expected.is_positive()
        && (collected.0 as i128) * 100 < (expected.0 as i128) * (100 - ALERT_BELOW_PERCENT) as i128;
    Progress { target, collected, expected, behind }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_target_is_what_falls_due_plus_a_quarter_of_the_arrears() {
        // Worked by hand: November 2025, one loan with an installment of 1,234.56 due on the
        // 30th and two earlier installments unpaid at 1 November, 1,234.56 + 617.29 = 1,851.85.
        // 25% of 1,851.85 = 462.9625 → 462.96; 1,234.56 + 462.96 = 1,697.52.
        let t = default_target(Satang(123_456), Satang(185_185), DEFAULT_ARREARS_SHARE);
        assert_eq!(t, Satang(169_752));
    }

    #[test]
    fn the_arrears_share_rounds_half_away_from_zero_and_can_be_nothing() {
        // 10% of 0.05 = 0.005 → 0.01 (half away from zero); 0% leaves only what falls due.
        assert_eq!(default_target(Satang(0), Satang(5), ArrearsShare(1_000)), Satang(1));
        assert_eq!(default_target(Satang(50_000), Satang(99_999), ArrearsShare(0)), Satang(50_000));
        // 100% asks for all of it: 500 + 999.99 = 1,499.99.
        assert_eq!(
            default_target(Satang(50_000), Satang(99_999), ArrearsShare(10_000)),
            Satang(149_999)
        );
    }

    #[test]
    fn a_target_expects_its_share_of_the_days_gone_while_the_month_runs() {
        let nov = Month { year: 2025, month: 11 };
        // 30,000 over 30 days: by the 10th, 10,000 is expected; 9,000 collected is exactly
        // 10% behind (not more), 8,999.99 is more than 10% behind.
        let p =
            progress(Satang::from_baht(30_000), Satang::from_baht(9_000), nov, ymd(2025, 11, 10));
        assert_eq!(p.expected, Satang::from_baht(10_000));
        assert!(!p.behind);
        let p = progress(Satang::from_baht(30_000), Satang(899_999), nov, ymd(2025, 11, 10));
        assert!(p.behind);
        // After the month the whole target is expected; before it, nothing and no alert.
        let p =
            progress(Satang::from_baht(30_000), Satang::from_baht(26_999), nov, ymd(2025, 12, 3));
        assert_eq!(p.expected, Satang::from_baht(30_000));
        assert!(p.behind);
        let p = progress(Satang::from_baht(30_000), Satang::ZERO, nov, ymd(2025, 10, 31));
        assert_eq!(p.expected, Satang::ZERO);
        assert!(!p.behind);
    }

    #[test]
    fn months_read_in_either_era_and_print_in_the_buddhist_one() {
        assert_eq!(Month::parse("2568-11"), Ok(Month { year: 2025, month: 11 }));
        assert_eq!(Month::parse("2025-11"), Ok(Month { year: 2025, month: 11 }));
        assert_eq!(Month::parse("๒๕๖๘/๒"), Ok(Month { year: 2025, month: 2 }));
        assert_eq!(Month::parse("2568-13"), Err(MonthError));
        assert_eq!(Month::parse("พฤศจิกายน"), Err(MonthError));
        let feb = Month { year: 2024, month: 2 };
        assert_eq!(feb.days(), 29);
        assert_eq!(feb.last_day(), ymd(2024, 2, 29));
        assert_eq!(feb.to_string(), "กุมภาพันธ์ 2567");
        assert_eq!(Month { year: 2025, month: 1 }.prev().code(), "2024-12");
        assert_eq!(Month { year: 2025, month: 3 }.last_n(3)[0], Month { year: 2025, month: 1 });
    }
}
