//! Known answers for the arrears tolerance, on issue 2's 10,000-baht loan (12% a year, annuity,
//! 12 monthly installments from 31 Jan 2025: installment 1 is 788.49 principal + 100.00
//! interest, due 28 Feb 2025).

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::domain::AnnualRate;
use crate::domain::schedule::{self, DayCount, Frequency, Method, Terms};
use crate::domain::statement::{self, DEFAULT_PENALTY_BP, LoanBasis, PaymentIn};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The loan's statement after `payments` (date, satang), as of `as_of`.
fn statement(payments: &[(NaiveDate, i64)], as_of: NaiveDate) -> Statement {
    let terms = Terms {
        principal: Satang::from_baht(10_000),
        rate: AnnualRate::from_bp(1200).unwrap(),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        periods: 12,
        start: ymd(2025, 1, 31),
        day_count: DayCount::Period,
        round_up_baht: false,
    };
    let basis = LoanBasis {
        rate: terms.rate,
        method: terms.method,
        start: terms.start,
        default_rate: AnnualRate::from_bp(DEFAULT_PENALTY_BP).unwrap(),
    };
    let pays: Vec<PaymentIn> =
        payments.iter().map(|&(date, s)| PaymentIn { date, amount: Satang(s) }).collect();
    statement::compute(&schedule::build(&terms).unwrap(), &basis, &pays, &[], as_of).unwrap()
}

#[test]
fn nothing_overdue_is_never_arrears_and_the_tolerance_itself_is() {
    let one_baht = Tolerance::default();
    assert!(!in_arrears(Satang::ZERO, one_baht));
    assert!(!in_arrears(Satang(99), one_baht));
    assert!(in_arrears(Satang(100), one_baht));
    assert!(in_arrears(Satang(1), Tolerance(Satang::ZERO)));
    assert!(!in_arrears(Satang::ZERO, Tolerance(Satang::ZERO)));
}

// By hand: 888.00 paid on the due date, 28 Feb 2025, pays the 100.00 interest and 788.00 of the
// 788.49 principal, leaving 0.49. On 20 Mar 2025 (before installment 2 falls due on 31 Mar) the
// raw statement says 20 days past due (28 Feb → 20 Mar), bucket 1–30; default interest on 0.49
// for 20 days is 0.49 × 5% × 20/365 = 0.0013 → 0.00. Under the one-baht tolerance: 0 days,
// "current", no installment overdue.
#[test]
fn a_residue_below_the_tolerance_has_no_days_past_due_and_is_current() {
    let st = statement(&[(ymd(2025, 2, 28), 88_800)], ymd(2025, 3, 20));
    assert_eq!((st.days_past_due, st.bucket, st.overdue_installments), (20, Bucket::Days1To30, 1));
    let a = assess(&st, Tolerance::default());
    assert_eq!(a.overdue_installments_amount, Satang(49));
    assert!(!a.in_arrears);
    assert_eq!((a.days_past_due, a.bucket, a.overdue_installments), (0, Bucket::Current, 0));
    // A tolerance of 0.49 or less keeps the statement's figures.
    let a = assess(&st, Tolerance(Satang(49)));
    assert_eq!((a.days_past_due, a.bucket, a.overdue_installments), (20, Bucket::Days1To30, 1));
}

// Once installment 2 (888.49) falls due unpaid as well, 0.49 + 888.49 = 888.98 is overdue: the
// loan is in arrears, counted from the oldest unpaid due date (28 Feb → 10 Apr = 41 days).
#[test]
fn the_residue_counts_again_once_a_whole_installment_joins_it() {
    let st = statement(&[(ymd(2025, 2, 28), 88_800)], ymd(2025, 4, 10));
    let a = assess(&st, Tolerance::default());
    assert_eq!(a.overdue_installments_amount, Satang(88_898));
    assert_eq!((a.days_past_due, a.bucket, a.overdue_installments), (41, Bucket::Days31To60, 2));
}

// The cached date: 0.49 on installment 1 alone is below one baht, so arrears start after
// installment 2's due date (31 Mar 2025); the cached days past due on 20 Mar are 0 and on
// 10 Apr 41, the same as the statement's.
#[test]
fn the_cached_arrears_date_agrees_with_the_statement() {
    let st = statement(&[(ymd(2025, 2, 28), 88_800)], ymd(2025, 3, 20));
    let from = arrears_from(&st.installments, Tolerance::default());
    assert_eq!(from, Some(ymd(2025, 3, 31)));
    assert_eq!(days_past_due(st.next_unpaid_due, from, ymd(2025, 3, 20)), 0);
    assert_eq!(days_past_due(st.next_unpaid_due, from, ymd(2025, 4, 10)), 41);
    assert_eq!(arrears_from(&st.installments, Tolerance(Satang(49))), Some(ymd(2025, 2, 28)));
}

#[test]
fn a_residue_under_a_baht_on_a_paid_loan_is_offered_for_write_off() {
    // All twelve installments paid on time except 0.49 short on the first.
    let st0 = statement(&[], ymd(2026, 2, 1));
    let mut pays: Vec<(NaiveDate, i64)> = Vec::new();
    for (k, i) in st0.installments.iter().enumerate() {
        let amount = (i.principal + i.interest).0 - if k == 0 { 49 } else { 0 };
        pays.push((i.due_date, amount));
    }
    let st = statement(&pays, ymd(2026, 2, 1));
    let residue = residue_for_write_off(&st, Tolerance::default()).expect("a residue");
    assert!(residue.is_positive() && residue < Satang(100), "{residue}");
    assert!(!assess(&st, Tolerance::default()).in_arrears);
    // A loan with a whole installment left is not a residue.
    assert_eq!(
        residue_for_write_off(&statement(&[], ymd(2025, 3, 20)), Tolerance::default()),
        None
    );
}

proptest! {
    // For any shortfall s on installment 1 and any day before installment 2 falls due, the loan
    // is in arrears exactly when s reaches the tolerance t; below it, DPD 0 and "current".
    #[test]
    fn below_the_tolerance_means_current(short in 1i64..500, t in 0i64..500, day in 1u32..31) {
        let st = statement(&[(ymd(2025, 2, 28), 88_849 - short)], ymd(2025, 3, day));
        let a = assess(&st, Tolerance(Satang(t)));
        if short < t {
            prop_assert_eq!((a.days_past_due, a.bucket, a.in_arrears), (0, Bucket::Current, false));
        } else {
            prop_assert_eq!(a.days_past_due, i64::from(day)); // 28 Feb → `day` Mar
            prop_assert!(a.in_arrears);
        }
        let cached = days_past_due(st.next_unpaid_due, arrears_from(&st.installments, Tolerance(Satang(t))), ymd(2025, 3, day));
        prop_assert_eq!(cached, a.days_past_due);
    }
}
