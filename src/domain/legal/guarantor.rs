//! The guarantor's notice and liability (ป.พ.พ. มาตรา 686, as amended in 2015): the creditor
//! must notify the guarantor in writing within 60 days of the debtor's default; a notice sent
//! later does not lose the guarantee but frees the guarantor from interest, damages and charges
//! arising after day 60. The guarantor may also pay on the original installment terms (ว.3).
//!
//! Here "arising after day 60" reads, to the satang: contract interest of installments that fell
//! due after day 60 is out; default interest counts only what had accrued by day 60 (the engine's
//! per-installment accrual on the statement of that day), less what payments have since paid of
//! it; fees count only those charged by day 60, less fees already paid (fees are paid first and
//! oldest first, s.329). Principal stays in full.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::add_days;
use super::deadline::{Deadline, DeadlineKind};
use crate::domain::Satang;
use crate::domain::statement::{FeeIn, Statement};

/// Days the creditor has to notify the guarantors (s.686 ว.1).
pub const NOTICE_DAYS: u32 = 60;
/// The early-warning screen shows the notice from this day of default (the office's margin).
pub const WARN_FROM_DAY: u32 = 45;

/// The day the debtor is in default: the day after an installment's due date passes unpaid.
pub fn default_on(due: NaiveDate) -> NaiveDate {
    add_days(due, 1)
}

/// The notice deadline: day 60 counted from the default, the first day not counted (s.193/3).
/// Worked example: an installment due 31 Jan 2026 unpaid, default 1 Feb 2026, warning from
/// 18 Mar 2026, last day to notify 2 Apr 2026.
pub fn notice_deadline(default_on: NaiveDate) -> Deadline {
    Deadline {
        kind: DeadlineKind::GuarantorNotice,
        due: add_days(default_on, NOTICE_DAYS),
        warn_from: add_days(default_on, WARN_FROM_DAY),
    }
}

/// Whether a notice sent on `notice_on` (None: not sent) is late on `today`.
pub fn is_late(default_on: NaiveDate, notice_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    let last = notice_deadline(default_on).due;
    match notice_on {
        Some(sent) if sent >= default_on => sent > last,
        _ => today > last,
    }
}

/// What a guarantor owes on the statement's date, by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Liability {
    pub principal: Satang,
    pub interest: Satang,
    pub default_interest: Satang,
    pub fees: Satang,
    /// Some(day 60) when a late notice limits the liability to what arose by that day.
    pub limited_to: Option<NaiveDate>,
}

impl Liability {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest + self.fees
    }
}

/// The whole debt (a notice in time): what the debtor would pay to close the loan on the day.
pub fn full(now: &Statement) -> Liability {
    Liability {
        principal: now.outstanding_principal,
        interest: now.interest_due + now.accrued_interest,
        default_interest: now.default_interest,
        fees: now.fees_due,
        limited_to: None,
    }
}

/// The liability after a late notice: `now` is the loan's statement on the day, `at_cutoff` its
/// statement on day 60 of the default (same schedule and payments), `fees` every fee charged.
pub fn limited(
    now: &Statement,
    at_cutoff: &Statement,
    cutoff: NaiveDate,
    fees: &[FeeIn],
) -> Liability {
    let interest = now
        .installments
        .iter()
        .filter(|i| i.due_date <= cutoff)
        .map(|i| i.interest - i.interest_paid)
        .sum();
    let default_interest = now
        .installments
        .iter()
        .zip(&at_cutoff.installments)
        .map(|(i, c)| (c.default_interest - i.default_interest_paid).max(Satang::ZERO))
        .sum();
    let charged =
        |to: NaiveDate| -> Satang { fees.iter().filter(|f| f.date <= to).map(|f| f.amount).sum() };
    let fees_paid = charged(now.as_of) - now.fees_due;
    let fee_part = (charged(cutoff) - fees_paid).max(Satang::ZERO).min(now.fees_due);
    Liability {
        principal: now.outstanding_principal,
        interest,
        default_interest,
        fees: fee_part,
        limited_to: Some(cutoff),
    }
}

#[cfg(test)]
mod tests {
    use super::super::deadline::DeadlineState;
    use super::super::ymd;
    use super::*;
    use crate::domain::rate::AnnualRate;
    use crate::domain::schedule::{self, DayCount, Frequency, Method, Terms};
    use crate::domain::statement::{self, LoanBasis};

    /// 12,000 baht, flat 12% a year, 12 monthly installments of 1,000 + 120 from 31 Jan 2026,
    /// default interest 5%, nothing ever paid.
    fn flat_loan() -> (schedule::Schedule, LoanBasis) {
        let terms = Terms {
            principal: Satang::from_baht(12_000),
            rate: AnnualRate::from_bp(1200).unwrap(),
            method: Method::Flat,
            frequency: Frequency::Monthly,
            periods: 12,
            start: ymd(2025, 12, 31),
            day_count: DayCount::Period,
            round_up_baht: false,
        };
        let basis = LoanBasis {
            rate: terms.rate,
            method: terms.method,
            start: terms.start,
            default_rate: AnnualRate::from_bp(500).unwrap(),
        };
        (schedule::build(&terms).unwrap(), basis)
    }

    #[test]
    fn the_notice_is_due_on_day_60_of_the_default_with_a_warning_from_day_45() {
        // s.686 ว.1; the worked example in `notice_deadline`.
        let d = default_on(ymd(2026, 1, 31));
        assert_eq!(d, ymd(2026, 2, 1));
        let n = notice_deadline(d);
        assert_eq!(n.due, ymd(2026, 4, 2));
        assert_eq!(n.warn_from, ymd(2026, 3, 18));
        assert_eq!(n.state(ymd(2026, 3, 17)), DeadlineState::Ahead);
        assert_eq!(n.state(ymd(2026, 3, 18)), DeadlineState::Warning);
        assert_eq!(n.state(ymd(2026, 4, 2)), DeadlineState::Warning);
        assert_eq!(n.state(ymd(2026, 4, 3)), DeadlineState::Passed);
    }

    #[test]
    fn a_notice_on_day_60_is_in_time_and_on_day_61_is_late() {
        let d = ymd(2026, 2, 1);
        assert!(!is_late(d, Some(ymd(2026, 4, 2)), ymd(2026, 6, 30)));
        assert!(is_late(d, Some(ymd(2026, 4, 3)), ymd(2026, 6, 30)));
        assert!(!is_late(d, None, ymd(2026, 4, 2)));
        assert!(is_late(d, None, ymd(2026, 4, 3)));
        // A letter from an earlier default is not a notice of this one.
        assert!(is_late(d, Some(ymd(2026, 1, 15)), ymd(2026, 4, 3)));
    }

    #[test]
    fn a_late_notice_limits_the_guarantor_to_what_arose_by_day_60_to_the_satang() {
        // s.686 ว.2. Default 1 Feb 2026, day 60 = 2 Apr 2026, statement on 30 Jun 2026.
        // Interest of the installments due by 2 Apr (31 Jan, 28 Feb, 31 Mar): 3 × 120 = 360.
        // Default interest accrued by 2 Apr at 5%, per installment of 1,000:
        //   61 days → 8.36, 33 days → 4.52, 2 days → 0.27: 13.15.
        // Principal in full: 12,000. The guarantor owes 12,373.15.
        let (s, b) = flat_loan();
        let cutoff = notice_deadline(default_on(ymd(2026, 1, 31))).due;
        let now = statement::compute(&s, &b, &[], &[], ymd(2026, 6, 30)).unwrap();
        let at_cutoff = statement::compute(&s, &b, &[], &[], cutoff).unwrap();
        let l = limited(&now, &at_cutoff, cutoff, &[]);
        assert_eq!(l.principal, Satang::from_baht(12_000));
        assert_eq!(l.interest, Satang(36_000));
        assert_eq!(l.default_interest, Satang(1_315));
        assert_eq!(l.total(), Satang(1_237_315));
        // In time, the whole debt: interest of six installments (720) and default interest on
        // five overdue ones to 30 Jun (150, 122, 91, 61, 30 days: 20.55 + 16.71 + 12.47 + 8.36
        // + 4.11 = 62.20).
        let f = full(&now);
        assert_eq!(f.interest, Satang(72_000));
        assert_eq!(f.default_interest, Satang(6_220));
        assert_eq!(f.total(), now.payoff);
    }

    #[test]
    fn payments_after_day_60_count_against_what_the_guarantor_owes() {
        // 500 paid on 15 May 2026 pays default interest of installment 1 accrued to that day
        // (104 days: 14.25), then its interest (120) and 365.75 of its principal (s.329). The
        // guarantor's default interest of installment 1 is 8.36 − 14.25 → nothing; 4.52 + 0.27
        // remain; interest 240 (installments 2 and 3); principal 12,000 − 365.75.
        let (s, b) = flat_loan();
        let cutoff = ymd(2026, 4, 2);
        let pays = [statement::PaymentIn { date: ymd(2026, 5, 15), amount: Satang(50_000) }];
        let now = statement::compute(&s, &b, &pays, &[], ymd(2026, 6, 30)).unwrap();
        let at_cutoff = statement::compute(&s, &b, &pays, &[], cutoff).unwrap();
        let l = limited(&now, &at_cutoff, cutoff, &[]);
        assert_eq!(l.default_interest, Satang(452 + 27));
        assert_eq!(l.interest, Satang(24_000));
        assert_eq!(l.principal, Satang(1_200_000 - 36_575));
    }

    #[test]
    fn fees_charged_after_day_60_are_not_the_guarantors() {
        let (s, b) = flat_loan();
        let cutoff = ymd(2026, 4, 2);
        let fees = [
            FeeIn { date: ymd(2026, 3, 1), amount: Satang(10_000) },
            FeeIn { date: ymd(2026, 5, 1), amount: Satang(20_000) },
        ];
        let now = statement::compute(&s, &b, &[], &fees, ymd(2026, 6, 30)).unwrap();
        let at_cutoff = statement::compute(&s, &b, &[], &fees, cutoff).unwrap();
        assert_eq!(limited(&now, &at_cutoff, cutoff, &fees).fees, Satang(10_000));
        assert_eq!(full(&now).fees, Satang(30_000));
    }
}
