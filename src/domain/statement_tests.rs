//! Known answers for the statement engine. Each figure was computed by tests/oracles/statement.py
//! (written from issue 2's rules with Python's decimal module) and the first ones also by hand.

use chrono::NaiveDate;
use rstest::rstest;

use super::*;
use crate::domain::schedule::{self, DayCount, Frequency, Terms};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn loan(method: Method) -> (Schedule, LoanBasis) {
    let terms = Terms {
        principal: Satang::from_baht(10_000),
        rate: AnnualRate::from_bp(1200).unwrap(),
        method,
        frequency: Frequency::Monthly,
        periods: 12,
        start: ymd(2025, 1, 31),
        day_count: DayCount::Period,
        round_up_baht: false,
    };
    let basis = LoanBasis {
        rate: terms.rate,
        method,
        start: terms.start,
        default_rate: AnnualRate::from_bp(DEFAULT_PENALTY_BP).unwrap(),
    };
    (schedule::build(&terms).unwrap(), basis)
}

fn pay(y: i32, m: u32, d: u32, satang: i64) -> PaymentIn {
    PaymentIn { date: ymd(y, m, d), amount: Satang(satang) }
}

fn slices(a: &Allocation) -> Vec<(Option<u32>, Part, i64)> {
    a.slices.iter().map(|s| (s.installment, s.part, s.amount.0)).collect()
}

// By hand: installment 1 (788.49 principal) fell due 28 Feb; paid 15 Mar, 15 days late:
// 788.49 × 5% × 15/365 = 1.6201… → 1.62 default interest, then 100.00 interest, and the rest,
// 786.87, to principal, leaving 1.62 of its principal unpaid.
#[test]
fn a_late_payment_pays_default_interest_then_interest_then_principal() {
    let (s, b) = loan(Method::Annuity);
    let st = compute(&s, &b, &[pay(2025, 3, 15, 88_849)], &[], ymd(2025, 6, 30)).unwrap();
    assert_eq!(
        slices(&st.allocations[0]),
        vec![
            (Some(1), Part::DefaultInterest, 162),
            (Some(1), Part::Interest, 10_000),
            (Some(1), Part::Principal, 78_687)
        ]
    );
}

// Oracle: as of 30 Jun 2025 after that one payment. Installment 1's default interest is
// 1.6201849 (to 15 Mar) + 1.62 × 5% × 107/365 = 1.6439… → 1.64, of which 1.62 was paid.
#[test]
fn arrears_as_of_a_date_match_the_oracle() {
    let (s, b) = loan(Method::Annuity);
    let st = compute(&s, &b, &[pay(2025, 3, 15, 88_849)], &[], ymd(2025, 6, 30)).unwrap();
    assert_eq!(st.outstanding_principal, Satang(921_313));
    assert_eq!(st.interest_due, Satang(32_036));
    assert_eq!(st.default_interest, Satang(2_001));
    assert_eq!(st.overdue_installments, 4);
    assert_eq!(st.days_past_due, 122);
    assert_eq!(st.bucket, Bucket::Days91To180);
    assert_eq!(st.overdue_amount, Satang(268_710));
    assert_eq!(st.accrued_interest, Satang::ZERO);
    assert_eq!(st.payoff, Satang(955_350));
    let defaults: Vec<i64> = st.installments[..4].iter().map(|i| i.default_interest.0).collect();
    assert_eq!(defaults, vec![164, 993, 672, 334]);
    let statuses: Vec<Status> = st.installments[..7].iter().map(|i| i.status).collect();
    use Status::*;
    assert_eq!(statuses, vec![Overdue, Overdue, Overdue, Overdue, Due, Future, Future]);
    assert!(st.over_three_installments());
}

// Oracle: a second payment of 4,000.00 on 10 Jul clears the arrears oldest first (each
// installment's default interest, interest, principal) and the rest goes to installment 6.
#[test]
fn a_catch_up_payment_clears_arrears_oldest_first() {
    let (s, b) = loan(Method::Annuity);
    let payments = [pay(2025, 3, 15, 88_849), pay(2025, 7, 10, 400_000)];
    let st = compute(&s, &b, &payments, &[], ymd(2025, 7, 15)).unwrap();
    assert_eq!(
        slices(&st.allocations[1]),
        vec![
            (Some(1), Part::DefaultInterest, 3),
            (Some(1), Part::Principal, 162),
            (Some(2), Part::DefaultInterest, 1_102),
            (Some(2), Part::Interest, 9_212),
            (Some(2), Part::Principal, 79_637),
            (Some(3), Part::DefaultInterest, 782),
            (Some(3), Part::Interest, 8_415),
            (Some(3), Part::Principal, 80_434),
            (Some(4), Part::DefaultInterest, 445),
            (Some(4), Part::Interest, 7_611),
            (Some(4), Part::Principal, 81_238),
            (Some(5), Part::DefaultInterest, 112),
            (Some(5), Part::Interest, 6_798),
            (Some(5), Part::Principal, 82_051),
            (Some(6), Part::Interest, 5_978),
            (Some(6), Part::Principal, 36_020),
        ]
    );
    assert_eq!(st.outstanding_principal, Satang(561_771));
    assert_eq!(st.days_past_due, 0);
    assert_eq!(st.bucket, Bucket::Current);
    assert_eq!(st.installments[5].status, Status::Due);
    assert_eq!(st.installments[0].paid_on, Some(ymd(2025, 7, 10)));
    // The oracle's literal payoff adds 27.70 interest for 30 Jun–15 Jul on 5,617.71, but the member
    // already prepaid installment 6's 59.78 interest for that period: we do not charge it twice.
    assert_eq!(st.accrued_interest, Satang::ZERO);
    assert_eq!(st.payoff, Satang(561_771));
}

// Oracle: with nothing prepaid the running interest is charged: 8 days (30 Jun → 8 Jul) on the
// 5,977.91 principal not yet due after installments 1–5 are paid on time.
#[test]
fn payoff_adds_interest_accrued_since_the_last_due_date() {
    let (s, b) = loan(Method::Annuity);
    let on_time: Vec<PaymentIn> = s.installments[..5]
        .iter()
        .map(|i| PaymentIn { date: i.due_date, amount: i.payment() })
        .collect();
    let st = compute(&s, &b, &on_time, &[], ymd(2025, 7, 8)).unwrap();
    assert_eq!(st.outstanding_principal, Satang(597_791));
    // round2(5,977.91 × 12% × 8 / 365) = round2(15.7227…) = 15.72
    assert_eq!(st.accrued_interest, Satang(1_572));
    assert_eq!(st.payoff, Satang(597_791 + 1_572));
    assert_eq!(st.default_interest, Satang::ZERO);
}

// Oracle (flat): 933.33 on time, then 500.00 on 5 Apr for installment 2 (due 31 Mar, 5 days late:
// 833.33 × 5% × 5/365 = 0.57). As of 10 Apr its remaining 433.90 principal has accrued 0.30 more.
#[test]
fn flat_loans_have_no_running_interest_in_the_payoff() {
    let (s, b) = loan(Method::Flat);
    let payments = [pay(2025, 2, 28, 93_333), pay(2025, 4, 5, 50_000)];
    let st = compute(&s, &b, &payments, &[], ymd(2025, 4, 10)).unwrap();
    assert_eq!(
        slices(&st.allocations[1]),
        vec![
            (Some(2), Part::DefaultInterest, 57),
            (Some(2), Part::Interest, 10_000),
            (Some(2), Part::Principal, 39_943)
        ]
    );
    assert_eq!(st.outstanding_principal, Satang(876_724));
    assert_eq!(st.default_interest, Satang(30));
    assert_eq!(st.overdue_installments, 1);
    assert_eq!(st.days_past_due, 10);
    assert_eq!(st.overdue_amount, Satang(43_420));
    assert_eq!(st.payoff, Satang(876_754));
    assert_eq!(st.installments[1].status, Status::Overdue);
}

#[test]
fn a_payment_on_the_due_date_owes_no_default_interest() {
    let (s, b) = loan(Method::Annuity);
    let st = compute(&s, &b, &[pay(2025, 2, 28, 88_849)], &[], ymd(2025, 2, 28)).unwrap();
    assert_eq!(st.allocations[0].total_of(Part::DefaultInterest), Satang::ZERO);
    assert_eq!(st.installments[0].status, Status::Paid);
    assert_eq!(st.installments[1].status, Status::Due);
}

#[test]
fn default_interest_is_never_compounded() {
    // A year late on everything: default interest is charged on principal only, so it equals the
    // sum over installments of principal × 5% × days / 365, whatever interest is unpaid.
    let (s, b) = loan(Method::Annuity);
    let as_of = ymd(2026, 6, 30);
    let st = compute(&s, &b, &[], &[], as_of).unwrap();
    let expected: Satang = s
        .installments
        .iter()
        .map(|i| {
            let days = rust_decimal::Decimal::from((as_of - i.due_date).num_days());
            Satang::from_decimal(
                i.principal.to_decimal() * rust_decimal::Decimal::new(5, 2) * days
                    / rust_decimal::Decimal::from(365),
            )
        })
        .sum();
    assert_eq!(st.default_interest, expected);
}

#[test]
fn more_than_the_payoff_is_refused() {
    // 1 Feb 2025, one day into the loan: payoff = 10,000 + 10,000 × 12% × 1/365 = 10,003.29.
    let (s, b) = loan(Method::Annuity);
    let on = |amount| {
        compute(&s, &b, &[PaymentIn { date: ymd(2025, 2, 1), amount }], &[], ymd(2025, 3, 1))
    };
    assert!(on(Satang(1_000_329)).is_ok());
    let err = on(Satang(1_000_330));
    assert!(matches!(err, Err(StatementError::Overpayment { .. })));
    assert!(err.unwrap_err().to_string().contains("มากกว่าหนี้ทั้งหมด"));
    assert!(on(s.total_payment()).is_err(), "interest not yet earned is not collected");
}

/// Paying the payoff closes the loan. Worked by hand: 10,000 at 12% annuity, 12 monthly from
/// 31 Jan 2025 (888.49 a month; installment 1 = 100.00 interest + 788.49 principal, due 28 Feb).
/// On 15 Mar: installment 1 overdue 888.49; default interest 788.49 × 5% × 15/365 = 1.62;
/// principal not yet due 9,211.51; running interest 9,211.51 × 12% × 15/365 = 45.43.
/// Payoff = 888.49 + 1.62 + 9,211.51 + 45.43 = 10,147.05.
#[test]
fn paying_the_payoff_closes_the_loan_and_cancels_unearned_interest() {
    let (s, b) = loan(Method::Annuity);
    let as_of = ymd(2025, 3, 15);
    let before = compute(&s, &b, &[], &[], as_of).unwrap();
    assert_eq!(before.payoff, Satang(1_014_705));
    let paid = [PaymentIn { date: as_of, amount: Satang(1_014_705) }];
    let after = compute(&s, &b, &paid, &[], as_of).unwrap();
    assert!(after.is_paid_off(), "{:?}", after.installments[2]);
    assert_eq!(after.outstanding_principal, Satang::ZERO);
    assert_eq!(after.payoff, Satang::ZERO);
    let interest: Satang = after.installments.iter().map(|i| i.interest_paid).sum();
    assert_eq!(interest, Satang(10_000 + 4_543), "100.00 scheduled + 45.43 accrued, no more");
    assert_eq!(after.installments[1].interest, Satang(4_543));
    assert!(after.installments[2..].iter().all(|i| i.interest.is_zero()));
    let total: Satang = after.allocations[0].slices.iter().map(|s| s.amount).sum();
    assert_eq!(total, Satang(1_014_705), "every satang allocated");
    // A flat loan paid off early owes no interest for periods not yet reached.
    let (s, b) = loan(Method::Flat);
    let payoff = compute(&s, &b, &[], &[], as_of).unwrap().payoff;
    let after = compute(&s, &b, &[PaymentIn { date: as_of, amount: payoff }], &[], as_of).unwrap();
    assert!(after.is_paid_off());
}

#[test]
fn paying_everything_settles_the_loan() {
    let (s, b) = loan(Method::Annuity);
    let all: Vec<PaymentIn> = s
        .installments
        .iter()
        .map(|i| PaymentIn { date: i.due_date, amount: i.payment() })
        .collect();
    let st = compute(&s, &b, &all, &[], ymd(2026, 2, 1)).unwrap();
    assert!(st.is_paid_off());
    assert_eq!(st.payoff, Satang::ZERO);
    assert_eq!(st.next_unpaid_due, None);
    assert_eq!(st.principal_paid(), Satang::from_baht(10_000));
}

#[test]
fn payments_before_the_start_or_not_positive_are_refused() {
    let (s, b) = loan(Method::Annuity);
    assert!(matches!(
        compute(&s, &b, &[pay(2025, 1, 1, 100)], &[], ymd(2025, 3, 1)),
        Err(StatementError::BeforeStart(_))
    ));
    assert_eq!(
        compute(&s, &b, &[pay(2025, 2, 1, 0)], &[], ymd(2025, 3, 1)),
        Err(StatementError::NonPositive)
    );
}

#[test]
fn payments_after_the_as_of_date_are_not_counted() {
    let (s, b) = loan(Method::Annuity);
    let st = compute(&s, &b, &[pay(2025, 3, 15, 88_849)], &[], ymd(2025, 3, 10)).unwrap();
    assert!(st.allocations.is_empty());
    assert_eq!(st.outstanding_principal, Satang::from_baht(10_000));
}

#[test]
fn fees_are_paid_before_default_interest() {
    let (s, b) = loan(Method::Annuity);
    let fees = [FeeIn { date: ymd(2025, 3, 1), amount: Satang(5_000) }];
    let st = compute(&s, &b, &[pay(2025, 3, 15, 10_000)], &fees, ymd(2025, 3, 15)).unwrap();
    assert_eq!(slices(&st.allocations[0])[0], (None, Part::Fee, 5_000));
    assert_eq!(slices(&st.allocations[0])[1], (Some(1), Part::DefaultInterest, 162));
    assert_eq!(st.fees_due, Satang::ZERO);
}

#[rstest]
#[case(0, Bucket::Current)]
#[case(1, Bucket::Days1To30)]
#[case(30, Bucket::Days1To30)]
#[case(31, Bucket::Days31To60)]
#[case(60, Bucket::Days31To60)]
#[case(61, Bucket::Days61To90)]
#[case(90, Bucket::Days61To90)]
#[case(91, Bucket::Days91To180)]
#[case(180, Bucket::Days91To180)]
#[case(181, Bucket::Over180)]
fn buckets_follow_days_past_due(#[case] dpd: i64, #[case] bucket: Bucket) {
    assert_eq!(Bucket::of(dpd), bucket);
}

#[test]
fn an_installment_is_overdue_only_after_its_due_date() {
    let (s, b) = loan(Method::Annuity);
    let on_due = compute(&s, &b, &[], &[], ymd(2025, 2, 28)).unwrap();
    assert_eq!(on_due.overdue_installments, 0);
    assert_eq!(on_due.interest_due, Satang(10_000));
    let day_after = compute(&s, &b, &[], &[], ymd(2025, 3, 1)).unwrap();
    assert_eq!(day_after.overdue_installments, 1);
    assert_eq!(day_after.days_past_due, 1);
}

// Issue 11 §2 by hand, yearly flat at 0% (6,250.00 a year, first due 29 Aug 2025), default 5%:
// the payment of 29 Aug 2026 pays installment 1's year of default interest, 312.50, and 5,937.50
// of its principal. On 29 Aug 2027 its default interest is 312.50 + 312.50 × 5% × 365/365 =
// 328.125 → 328.13 (15.63 still owed, not 15.62), then its 312.50 principal; installment 2 owes
// 312.50 of default interest, and the rest, 6,250.00 − 15.63 − 312.50 − 312.50 = 5,609.37, is its
// principal. Outstanding as of 10 Mar 2028: 25,000 − 6,250.00 − 5,609.37 = 13,140.63.
#[test]
fn default_interest_keeps_the_half_satang_of_a_second_stretch() {
    let terms = Terms {
        principal: Satang::from_baht(25_000),
        rate: AnnualRate::ZERO,
        method: Method::Flat,
        frequency: Frequency::Yearly,
        periods: 4,
        start: ymd(2024, 8, 29),
        day_count: DayCount::Period,
        round_up_baht: false,
    };
    let basis = LoanBasis {
        rate: terms.rate,
        method: Method::Flat,
        start: terms.start,
        default_rate: AnnualRate::from_bp(DEFAULT_PENALTY_BP).unwrap(),
    };
    let s = schedule::build(&terms).unwrap();
    let payments = [pay(2026, 8, 29, 625_000), pay(2027, 8, 29, 625_000)];
    let st = compute(&s, &basis, &payments, &[], ymd(2028, 3, 10)).unwrap();
    assert_eq!(
        slices(&st.allocations[1]),
        vec![
            (Some(1), Part::DefaultInterest, 1_563),
            (Some(1), Part::Principal, 31_250),
            (Some(2), Part::DefaultInterest, 31_250),
            (Some(2), Part::Principal, 560_937)
        ]
    );
    assert_eq!(st.installments[0].default_interest, Satang(32_813));
    assert_eq!(st.outstanding_principal, Satang(1_314_063));
}
