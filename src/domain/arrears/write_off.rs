//! Residue write-off (ตัดยอดเศษสตางค์, issue 11 §3): a loan that is otherwise paid and whose whole
//! remaining debt is below the arrears tolerance may have that residue written off, with
//! approval, so it can close. The residue is split into the parts it clears, so the fund
//! statement can count the principal written off and keep its identity.

use serde::Serialize;

use super::{Tolerance, in_arrears};
use crate::domain::Satang;
use crate::domain::statement::Statement;

/// What a residue write-off clears, by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Residue {
    pub principal: Satang,
    pub interest: Satang,
    pub default_interest: Satang,
    pub fees: Satang,
}

impl Residue {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest + self.fees
    }
}

/// The residue a write-off would clear on the statement's date, or `None` when the loan does not
/// qualify: nothing is left, or what is left together is not below the tolerance (the same rule
/// as arrears: an amount that would count as arrears is collected, not written off).
pub fn residue(st: &Statement, tolerance: Tolerance) -> Option<Residue> {
    let left = st.whole_debt();
    if !left.is_positive() || in_arrears(left, tolerance) {
        return None;
    }
    let principal = st.outstanding_principal.min(left);
    let default_interest = st.default_interest.min(left - principal);
    let fees = st.fees_due.min(left - principal - default_interest);
    // Whatever else the whole debt holds is interest (scheduled or accrued).
    let interest = left - principal - default_interest - fees;
    Some(Residue { principal, interest, default_interest, fees })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::AnnualRate;
    use crate::domain::schedule::{self, DayCount, Frequency, Method, Terms};
    use crate::domain::statement::{self, DEFAULT_PENALTY_BP, LoanBasis, PaymentIn};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Issue 2's 10,000-baht loan (12%, annuity, 12 monthly from 31 Jan 2025), every installment
    /// paid in full on its due date except the last, paid `short` satang short on its due date
    /// (31 Jan 2026), looked at on that day: no default interest has accrued on the shortfall,
    /// and the payment pays the interest first, so the residue is `short` satang of principal.
    fn last_paid_short(short: i64) -> Statement {
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
        let sched = schedule::build(&terms).unwrap();
        let n = sched.installments.len();
        let pays: Vec<PaymentIn> = sched
            .installments
            .iter()
            .enumerate()
            .map(|(k, i)| PaymentIn {
                date: i.due_date,
                amount: i.payment() - if k + 1 == n { Satang(short) } else { Satang::ZERO },
            })
            .collect();
        statement::compute(&sched, &basis, &pays, &[], ymd(2026, 1, 31)).unwrap()
    }

    #[test]
    fn a_residue_below_the_tolerance_qualifies_with_its_parts() {
        let r = residue(&last_paid_short(49), Tolerance::default()).expect("0.49 qualifies");
        assert_eq!(r, Residue { principal: Satang(49), ..Residue::default() });
        assert_eq!(r.total(), Satang(49));
        // 0.99 is the largest residue under one baht.
        assert_eq!(
            residue(&last_paid_short(99), Tolerance::default()).map(|r| r.total()),
            Some(Satang(99))
        );
    }

    #[test]
    fn a_residue_at_or_above_the_tolerance_is_collected_not_written_off() {
        // 1.00 is the tolerance itself: arrears (see `in_arrears`), so it does not qualify.
        assert_eq!(residue(&last_paid_short(100), Tolerance::default()), None);
        assert_eq!(residue(&last_paid_short(101), Tolerance::default()), None);
        // A higher tolerance lets 1.01 through.
        assert_eq!(
            residue(&last_paid_short(101), Tolerance(Satang(200))).map(|r| r.total()),
            Some(Satang(101))
        );
    }

    #[test]
    fn a_paid_off_loan_or_a_zero_tolerance_has_nothing_to_write_off() {
        assert_eq!(residue(&last_paid_short(0), Tolerance::default()), None);
        assert_eq!(residue(&last_paid_short(49), Tolerance(Satang::ZERO)), None);
    }
}
