//! Contract termination (บอกเลิกสัญญา, seeds/000): after more than three installments overdue the
//! office sends a notice giving the debtor a last time to pay (ป.พ.พ. มาตรา 387); once it has
//! passed, a treasurer or committee member other than the preparer approves the termination with
//! the meeting's resolution. From the termination date the whole principal is due and the
//! statement engine (`statement::compute_terminated`) stops contract interest and charges
//! default interest on the accelerated principal (s.224/1, never on interest, s.655).

use chrono::NaiveDate;

use super::add_days;
use super::deadline::{Deadline, DeadlineKind};
use crate::domain::statement::Statement;

/// Days the notice gives when the institute has not set its own (setting `legal.notice_days`).
pub const DEFAULT_NOTICE_DAYS: u32 = 30;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TerminationError {
    #[error("บอกเลิกสัญญาได้เมื่อค้างชำระเกิน 3 งวด (ขณะนี้ค้าง {0} งวด)")]
    NotThreeOverdue(u32),
    #[error("ยังไม่พ้นกำหนดตามหนังสือบอกเลิกสัญญา (ครบกำหนด {0}) จึงยังอนุมัติไม่ได้")]
    NoticeRunning(String),
    #[error("วันที่บอกเลิกสัญญาต้องไม่ก่อนวันที่ของหนังสือ")]
    BeforeNotice,
    #[error("จำนวนวันตามหนังสือต้องอยู่ระหว่าง 7 ถึง 180 วัน")]
    NoticeDays,
}

/// The notice may be prepared once more than three installments are overdue (seeds/000).
pub fn may_prepare(st: &Statement) -> Result<(), TerminationError> {
    if st.over_three_installments() {
        Ok(())
    } else {
        Err(TerminationError::NotThreeOverdue(st.overdue_installments))
    }
}

/// The notice's payment time in days must be sensible (a week to half a year).
pub fn check_days(days: u32) -> Result<u32, TerminationError> {
    if (7..=180).contains(&days) { Ok(days) } else { Err(TerminationError::NoticeDays) }
}

/// The debtor's last day to pay under the notice: `days` after delivery (the first day not
/// counted). Example: delivered 10 Jun 2026, 30 days: by 10 Jul 2026; approval from 11 Jul.
/// The early warning shows it from its last week.
pub fn notice_deadline(delivered_on: NaiveDate, days: u32) -> Deadline {
    let due = add_days(delivered_on, days);
    Deadline {
        kind: DeadlineKind::TerminationNotice,
        due,
        warn_from: due.checked_sub_days(chrono::Days::new(7)).unwrap_or(due),
    }
}

/// Approval (and the termination date) only after the notice's last day.
pub fn may_terminate(
    notice_on: NaiveDate,
    deadline: NaiveDate,
    on: NaiveDate,
) -> Result<(), TerminationError> {
    if on < notice_on {
        return Err(TerminationError::BeforeNotice);
    }
    if on <= deadline {
        return Err(TerminationError::NoticeRunning(crate::domain::thai::date::format_long(
            deadline,
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;
    use crate::domain::Satang;
    use crate::domain::rate::AnnualRate;
    use crate::domain::schedule::{self, DayCount, Frequency, Method, Terms};
    use crate::domain::statement::{self, LoanBasis, PaymentIn};

    /// 12,000 baht at 12% declining, equal principal of 1,000 a month from 31 Jan 2026 (interest
    /// 120, 110, 100, 90, 80, …), default interest 5%, nothing paid.
    fn loan() -> (schedule::Schedule, LoanBasis) {
        let terms = Terms {
            principal: Satang::from_baht(12_000),
            rate: AnnualRate::from_bp(1200).unwrap(),
            method: Method::EqualPrincipal,
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
    fn the_notice_runs_thirty_days_from_delivery_and_approval_comes_after() {
        let d = notice_deadline(ymd(2026, 6, 10), DEFAULT_NOTICE_DAYS);
        assert_eq!(d.due, ymd(2026, 7, 10));
        assert_eq!(d.warn_from, ymd(2026, 7, 3));
        assert!(may_terminate(ymd(2026, 6, 5), d.due, ymd(2026, 7, 10)).is_err());
        assert_eq!(may_terminate(ymd(2026, 6, 5), d.due, ymd(2026, 7, 11)), Ok(()));
        assert_eq!(check_days(5), Err(TerminationError::NoticeDays));
    }

    #[test]
    fn termination_needs_more_than_three_installments_overdue() {
        let (s, b) = loan();
        // 30 Apr: three overdue (Jan, Feb, Mar; April's is due that day).
        let st = statement::compute(&s, &b, &[], &[], ymd(2026, 4, 30)).unwrap();
        assert_eq!(may_prepare(&st), Err(TerminationError::NotThreeOverdue(3)));
        let st = statement::compute(&s, &b, &[], &[], ymd(2026, 5, 1)).unwrap();
        assert_eq!(may_prepare(&st), Ok(()));
    }

    #[test]
    fn termination_accelerates_the_principal_and_stops_contract_interest() {
        // Terminated 15 May 2026. Contract interest earned: installments 1–4 (120 + 110 + 100
        // + 90 = 420) and the running period 30 Apr → 15 May on the 8,000 not yet due:
        // 8,000 × 12% × 15 / 365 = 39.45. All 12,000 of principal due on 15 May.
        // Default interest at 5% to 30 Jun 2026, rounded per installment of 1,000:
        //   due 31 Jan, 150 days: 20.55; 28 Feb, 122: 16.71; 31 Mar, 91: 12.47; 30 Apr, 61: 8.36;
        //   the eight accelerated ones from 15 May, 46 days: 6.30 each, 50.40. Total 108.49.
        // Payoff on 30 Jun 2026: 12,000 + 459.45 + 108.49 = 12,567.94.
        let (s, b) = loan();
        let t = Some(ymd(2026, 5, 15));
        let st = statement::compute_terminated(&s, &b, &[], &[], ymd(2026, 6, 30), t).unwrap();
        assert_eq!(st.outstanding_principal, Satang::from_baht(12_000));
        assert_eq!(st.interest_due, Satang(45_945));
        assert_eq!(st.accrued_interest, Satang::ZERO);
        assert_eq!(st.default_interest, Satang(10_849));
        assert_eq!(st.payoff, Satang(1_256_794));
        assert_eq!(st.overdue_installments, 12);
        assert!(st.installments.iter().skip(4).all(|i| i.due_date == ymd(2026, 5, 15)));
        // A month on, contract interest has not moved; default interest has (no interest on
        // interest: only principal bears it).
        let later = statement::compute_terminated(&s, &b, &[], &[], ymd(2026, 7, 31), t).unwrap();
        assert_eq!(later.interest_due, Satang(45_945));
        assert!(later.default_interest > st.default_interest);
    }

    #[test]
    fn before_the_termination_date_the_statement_is_the_contracts() {
        let (s, b) = loan();
        let t = Some(ymd(2026, 5, 15));
        let pays = [PaymentIn { date: ymd(2026, 3, 1), amount: Satang(50_000) }];
        for as_of in [ymd(2026, 3, 1), ymd(2026, 5, 14)] {
            assert_eq!(
                statement::compute_terminated(&s, &b, &pays, &[], as_of, t).unwrap(),
                statement::compute(&s, &b, &pays, &[], as_of).unwrap()
            );
        }
    }

    #[test]
    fn the_payoff_on_the_termination_day_closes_the_loan() {
        let (s, b) = loan();
        let t = ymd(2026, 5, 15);
        let st = statement::compute_terminated(&s, &b, &[], &[], t, Some(t)).unwrap();
        let plain = statement::compute(&s, &b, &[], &[], t).unwrap();
        // The payoff is the same with or without the termination on that day.
        assert_eq!(st.payoff, plain.payoff);
        let pays = [PaymentIn { date: t, amount: st.payoff }];
        let paid =
            statement::compute_terminated(&s, &b, &pays, &[], ymd(2026, 6, 30), Some(t)).unwrap();
        assert!(paid.is_paid_off());
        assert_eq!(paid.default_interest, Satang::ZERO);
    }
}
