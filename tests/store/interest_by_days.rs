//! Interest accrued by days, against an exact rational oracle (issue 11 §2): for any amount, rate
//! and number of days, default interest, the payoff's running interest and actual/365 schedule
//! interest equal amount × rate × days / 365 rounded half away from zero to the satang.
//!
//! The oracle here is integer arithmetic written from that sentence, independent of the engine:
//! satang × basis points × days over 10,000 × 365. Random triples alone almost never land on an
//! exact half satang, so one strategy builds triples that do (the case the engine used to lose).

use chrono::{Days, NaiveDate};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{self, DayCount, Installment, Method, Schedule};
use plodnee::domain::statement::{self, LoanBasis, PaymentIn};
use plodnee::domain::{Satang, money::MAX_AMOUNT};
use proptest::prelude::*;

/// round_half_away_from_zero(satang × bp × days / (10,000 × 365)), for non-negative inputs.
fn oracle(satang: i64, bp: i64, days: i64) -> i64 {
    let n = i128::from(satang) * i128::from(bp) * i128::from(days);
    let d: i128 = 10_000 * 365;
    let (q, r) = (n / d, n % d);
    (if 2 * r >= d { q + 1 } else { q }) as i64
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 31).unwrap()
}

/// One installment of `principal` and `interest`, due on `due`.
fn one_installment(principal: i64, interest: i64, due: NaiveDate) -> Schedule {
    Schedule {
        installments: vec![Installment {
            no: 1,
            due_date: due,
            principal: Satang(principal),
            interest: Satang(interest),
            balance: Satang::ZERO,
        }],
    }
}

/// Any amount, rate and day count a community fund could hold.
fn any_triple() -> impl Strategy<Value = (i64, i64, i64)> {
    (1..=MAX_AMOUNT.0, 0..=1500i64, 0..=3_660i64)
}

/// Triples whose exact interest ends in half a satang: bp divides 5,000, days = 365 × an odd k
/// and amount = 5,000 × an odd m / bp, so satang × bp × days / 3,650,000 = m × k / 2.
fn half_satang_triple() -> impl Strategy<Value = (i64, i64, i64)> {
    let bps = prop::sample::select(vec![
        1i64, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250, 500, 625, 1000, 1250,
    ]);
    (bps, (0..2_000i64).prop_map(|m| 2 * m + 1), (0..5i64).prop_map(|k| 2 * k + 1))
        .prop_map(|(bp, m, k)| (5_000 * m / bp, bp, 365 * k))
        .prop_filter("within the largest amount", |(s, _, _)| *s <= MAX_AMOUNT.0)
}

fn triple() -> impl Strategy<Value = (i64, i64, i64)> {
    prop_oneof![any_triple(), half_satang_triple()]
}

// The known case of issue 11 §2, in one line: 312.50 × 5% × 365 / 365 = 15.625 → 15.63.
#[test]
fn the_oracle_rounds_the_issue_case_up() {
    assert_eq!(oracle(31_250, 500, 365), 1_563);
}

// The statement of issue 11 §2, built by hand: installment 1 (6,250.00) was paid on 29 Aug 2026,
// a year late: 312.50 default interest first, 5,937.50 principal, leaving 312.50 of principal
// unpaid. Its default interest over the second year is 312.50 × 5% × 365/365 = 15.625, and the
// installment's default interest in all, 312.50 + 15.625 = 328.125 → 328.13 (15.63 still owed).
#[test]
fn default_interest_over_a_second_stretch_keeps_its_half_satang() {
    let due = NaiveDate::from_ymd_opt(2025, 8, 29).unwrap();
    let s = one_installment(625_000, 0, due);
    let basis = LoanBasis {
        rate: AnnualRate::ZERO,
        method: Method::Flat,
        start: NaiveDate::from_ymd_opt(2024, 8, 29).unwrap(),
        default_rate: AnnualRate::from_bp(500).unwrap(),
    };
    let paid =
        PaymentIn { date: NaiveDate::from_ymd_opt(2026, 8, 29).unwrap(), amount: Satang(625_000) };
    let as_of = NaiveDate::from_ymd_opt(2027, 8, 29).unwrap();
    let st = statement::compute(&s, &basis, &[paid], &[], as_of).unwrap();
    assert_eq!(st.installments[0].default_interest, Satang(32_813));
    assert_eq!(st.default_interest, Satang(1_563));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Default interest on one installment overdue `days` days (s.224/1).
    #[test]
    fn default_interest_is_amount_times_rate_times_days_over_365((satang, bp, days) in triple()) {
        let due = start() + Days::new(30);
        let basis = LoanBasis {
            rate: AnnualRate::ZERO,
            method: Method::Flat,
            start: start(),
            default_rate: AnnualRate::from_bp(bp).unwrap(),
        };
        let as_of = due + Days::new(days as u64);
        let st = statement::compute(&one_installment(satang, 0, due), &basis, &[], &[], as_of).unwrap();
        prop_assert_eq!(st.default_interest, Satang(oracle(satang, bp, days)));
    }

    /// The payoff's running interest on principal not yet due, and a payment of exactly that
    /// payoff is accepted and closes the loan.
    #[test]
    fn the_payoff_accrues_amount_times_rate_times_days_over_365((satang, bp, days) in triple()) {
        // The installment's own interest is that of its whole period, so the payoff on any day
        // before it is due stays below what is scheduled.
        let due = start() + Days::new(4_000);
        let basis = LoanBasis {
            rate: AnnualRate::from_bp(bp).unwrap(),
            method: Method::Annuity,
            start: start(),
            default_rate: AnnualRate::from_bp(500).unwrap(),
        };
        let s = one_installment(satang, oracle(satang, bp, 4_000), due);
        let as_of = start() + Days::new(days as u64);
        let st = statement::compute(&s, &basis, &[], &[], as_of).unwrap();
        let expected = oracle(satang, bp, days);
        prop_assert_eq!(st.accrued_interest, Satang(expected));
        prop_assert_eq!(st.payoff, Satang(satang + expected));
        if days > 0 {
            let pay = PaymentIn { date: as_of, amount: st.payoff };
            let closed = statement::compute(&s, &basis, &[pay], &[], as_of).unwrap();
            prop_assert!(closed.is_paid_off());
        }
    }

    /// Actual/365 schedule interest of one period (declining-balance schedules, harvest plans).
    #[test]
    fn actual_365_period_interest_is_amount_times_rate_times_days_over_365((satang, bp, days) in triple()) {
        let to = start() + Days::new(days as u64);
        let interest = schedule::period_interest(
            Satang(satang), AnnualRate::from_bp(bp).unwrap(), 12, DayCount::Actual365, start(), to,
        );
        prop_assert_eq!(interest, Satang(oracle(satang, bp, days)));
    }
}
