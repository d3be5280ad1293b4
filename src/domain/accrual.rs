//! Interest accrued by days (actual/365), held exactly: amount × rate × days is summed in integers
//! and divided by 365 only when rounded to the satang.
//!
//! Why: a daily rate (`rate / 365`) cannot be held exactly, so multiplying it by the days after
//! loses the half satang. Issue 11 §2: 312.50 × 5% × 365/365 = 15.625 must round to 15.63; a
//! daily rate first gives 15.624999… and 15.62.

use std::iter::Sum;
use std::ops::{Add, AddAssign};

use super::money::Satang;
use super::rate::AnnualRate;

/// Satang × basis points × days per satang of interest: 10,000 basis points a year over 365 days.
const DENOMINATOR: i128 = 10_000 * 365;

/// Interest accrued by days, exactly: the numerator satang × basis points × days, over
/// 10,000 × 365. Stretches at different balances add up exactly and are rounded once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct DayInterest(i128);

impl DayInterest {
    pub const ZERO: DayInterest = DayInterest(0);

    /// `amount` at `rate` for `days` days (no interest for a negative number of days).
    pub fn on(amount: Satang, rate: AnnualRate, days: i64) -> DayInterest {
        DayInterest(i128::from(amount.0) * i128::from(rate.bp()) * i128::from(days.max(0)))
    }

    /// The interest to the satang, half away from zero (DESIGN.md §3).
    pub fn rounded(self) -> Satang {
        let magnitude = (self.0.abs() * 2 + DENOMINATOR) / (2 * DENOMINATOR);
        let satang = i64::try_from(magnitude).unwrap_or(i64::MAX);
        Satang(if self.0 < 0 { -satang } else { satang })
    }
}

impl Add for DayInterest {
    type Output = DayInterest;
    fn add(self, other: DayInterest) -> DayInterest {
        DayInterest(self.0 + other.0)
    }
}

impl AddAssign for DayInterest {
    fn add_assign(&mut self, other: DayInterest) {
        self.0 += other.0;
    }
}

impl Sum for DayInterest {
    fn sum<I: Iterator<Item = DayInterest>>(iter: I) -> DayInterest {
        iter.fold(DayInterest::ZERO, Add::add)
    }
}

/// `amount` × `rate` × `days` / 365, rounded half away from zero to the satang.
pub fn interest_for_days(amount: Satang, rate: AnnualRate, days: i64) -> Satang {
    DayInterest::on(amount, rate, days).rounded()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(bp: i64) -> AnnualRate {
        AnnualRate::from_bp(bp).unwrap()
    }

    // Issue 11 §2: 312.50 × 5% × 365 / 365 = 15.625 exactly, which rounds away from zero.
    #[test]
    fn a_half_satang_rounds_up_when_365_is_divided_last() {
        assert_eq!(interest_for_days(Satang(31_250), rate(500), 365), Satang(1_563));
    }

    // 10,000 × 12% × 28 / 365 = 92.0547… → 92.05 (the actual/365 known answer of schedule.rs).
    #[test]
    fn ordinary_figures_round_to_the_nearest_satang() {
        assert_eq!(interest_for_days(Satang(1_000_000), rate(1200), 28), Satang(9_205));
    }

    // 788.49 × 5% × 15/365 = 1.62018… and then 1.62 × 5% × 107/365 = 0.02374…: summed exactly,
    // 1.64392… → 1.64 (statement_tests.rs, installment 1 as of 30 Jun 2025).
    #[test]
    fn stretches_add_up_before_rounding() {
        let total = DayInterest::on(Satang(78_849), rate(500), 15)
            + DayInterest::on(Satang(162), rate(500), 107);
        assert_eq!(total.rounded(), Satang(164));
    }

    #[test]
    fn no_days_or_no_rate_is_no_interest() {
        assert_eq!(interest_for_days(Satang(1_000_000), rate(1200), 0), Satang::ZERO);
        assert_eq!(interest_for_days(Satang(1_000_000), rate(1200), -5), Satang::ZERO);
        assert_eq!(interest_for_days(Satang(1_000_000), rate(0), 30), Satang::ZERO);
    }
}
