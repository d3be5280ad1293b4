//! Arrears tolerance (DESIGN.md §6): an overdue amount below the institute's tolerance is not
//! arrears, so satang residues never drive days past due, buckets, letters or the home figures.
//!
//! What is measured is the unpaid principal and interest of the installments already overdue:
//! the same installments the statement counts for days past due (default interest alone never
//! makes an installment overdue there either), and a figure that does not depend on the day, so
//! the loan's cached "arrears from" date and the statement always agree.

use chrono::NaiveDate;

use crate::domain::Satang;
use crate::domain::statement::{Bucket, InstallmentState, Statement, Status};

/// The default tolerance: one baht (issue 11 §3).
pub const DEFAULT_TOLERANCE: Satang = Satang(100);

/// An overdue amount below this is not arrears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance(pub Satang);

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance(DEFAULT_TOLERANCE)
    }
}

/// Is an overdue amount arrears under the tolerance? Nothing overdue never is; a tolerance of
/// zero (or below) makes every positive amount arrears.
pub fn in_arrears(overdue: Satang, tolerance: Tolerance) -> bool {
    overdue.is_positive() && overdue >= tolerance.0
}

/// A statement's arrears as collection work sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrears {
    /// Unpaid principal and interest of the installments overdue (whatever the tolerance).
    pub overdue_installments_amount: Satang,
    pub in_arrears: bool,
    pub days_past_due: i64,
    pub bucket: Bucket,
    pub overdue_installments: u32,
}

/// The statement's days past due, bucket and count of overdue installments, or none of them
/// when what is overdue is below the tolerance.
pub fn assess(st: &Statement, tolerance: Tolerance) -> Arrears {
    let amount: Satang = st
        .installments
        .iter()
        .filter(|i| i.status == Status::Overdue)
        .map(InstallmentState::unpaid)
        .sum();
    if in_arrears(amount, tolerance) {
        Arrears {
            overdue_installments_amount: amount,
            in_arrears: true,
            days_past_due: st.days_past_due,
            bucket: st.bucket,
            overdue_installments: st.overdue_installments,
        }
    } else {
        Arrears {
            overdue_installments_amount: amount,
            in_arrears: false,
            days_past_due: 0,
            bucket: Bucket::Current,
            overdue_installments: 0,
        }
    }
}

/// The first due date on which the installments not yet settled, taken oldest first, add up to
/// the tolerance: from the day after it the loan is in arrears (if nothing is paid meanwhile).
/// `None` when everything unpaid together stays below it. Independent of the day, so a loan
/// can cache it beside its next unpaid due date.
pub fn arrears_from(installments: &[InstallmentState], tolerance: Tolerance) -> Option<NaiveDate> {
    arrears_from_unpaid(
        installments.iter().filter(|i| !i.is_settled()).map(|i| (i.due_date, i.unpaid())),
        tolerance,
    )
}

/// [`arrears_from`] over (due date, unpaid principal and interest) of the installments not yet
/// settled, oldest first: what the store reads from its installment caches.
pub fn arrears_from_unpaid(
    unpaid: impl IntoIterator<Item = (NaiveDate, Satang)>,
    tolerance: Tolerance,
) -> Option<NaiveDate> {
    let mut sum = Satang::ZERO;
    for (due, amount) in unpaid {
        sum += amount;
        if in_arrears(sum, tolerance) {
            return Some(due);
        }
    }
    None
}

/// Days past due on `today` from a loan's cached dates: counted from the oldest unpaid due
/// date, but only once the unpaid installments due before today reach the tolerance.
pub fn days_past_due(
    next_unpaid_due: Option<NaiveDate>,
    arrears_from: Option<NaiveDate>,
    today: NaiveDate,
) -> i64 {
    match (next_unpaid_due, arrears_from) {
        (Some(oldest), Some(from)) if from < today => (today - oldest).num_days().max(0),
        _ => 0,
    }
}

/// A residue under the tolerance on an otherwise paid loan (ตัดยอดเศษสตางค์): what a write-off
/// would clear so the loan can close. `None` when nothing is left or more than a residue is.
pub fn residue_for_write_off(st: &Statement, tolerance: Tolerance) -> Option<Satang> {
    write_off::residue(st, tolerance).map(|r| r.total())
}

pub mod write_off;

#[cfg(test)]
mod tests;
