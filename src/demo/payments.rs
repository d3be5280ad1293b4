//! How demo members pay: on time, late (larger payments that catch up) or stopped long ago;
//! late payers settle the default interest at the end, and nobody pays more than the payoff.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::Habit;
use crate::domain::Satang;
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{Schedule, Terms};
use crate::domain::statement::{self, LoanBasis, PaymentIn};

/// Payments of one loan up to today. The total never exceeds what the schedule still asks for,
/// so the statement engine (which also counts default interest) never sees an overpayment.
pub(super) fn simulate_payments(
    rng: &mut ChaCha8Rng,
    schedule: &Schedule,
    start: NaiveDate,
    habit: Habit,
    today: NaiveDate,
) -> Vec<PaymentIn> {
    let mut out = Vec::new();
    let mut remaining = schedule.total_payment();
    // Those who stopped paying did so more than 90 days ago (long arrears, DPD > 90).
    let stop_before = today - Days::new(rng.random_range(100..500));
    for inst in &schedule.installments {
        let (date, amount) = match habit {
            Habit::OnTime => (inst.due_date - Days::new(rng.random_range(0..4)), inst.payment()),
            Habit::Late => {
                if rng.random_bool(0.04) {
                    continue; // a missed installment, caught up by the larger payments after
                }
                let late = inst.due_date + Days::new(rng.random_range(3..45));
                (late, Satang::from_baht((inst.payment().0 * 150 / 100 + 9_999) / 10_000 * 100))
            }
            Habit::Stopped => {
                if inst.due_date > stop_before {
                    break;
                }
                (inst.due_date + Days::new(rng.random_range(0..20)), inst.payment())
            }
        };
        if date > today || date < start {
            break;
        }
        let amount = amount.min(remaining);
        if !amount.is_positive() {
            break;
        }
        remaining -= amount;
        out.push(PaymentIn { date, amount });
    }
    out.sort_by_key(|p| p.date);
    out
}

/// A loan closes at its payoff amount, and the engine refuses more. A late payer's larger
/// payments can reach the payoff before the schedule's end: that payment becomes the payoff and
/// the loan's payments stop there (the member paid it off early).
pub(super) fn fit_to_payoff(terms: &Terms, schedule: &Schedule, payments: &mut Vec<PaymentIn>) {
    let basis = basis_of(terms);
    let Some(last) = payments.last().map(|p| p.date) else { return };
    if statement::compute(schedule, &basis, payments, &[], last).is_ok() {
        return;
    }
    for k in 0..payments.len() {
        let date = payments[k].date;
        let Ok(before) = statement::compute(schedule, &basis, &payments[..k], &[], date) else {
            payments.truncate(k);
            return;
        };
        if payments[k].amount > before.payoff {
            payments[k].amount = before.payoff;
            payments.truncate(if before.payoff.is_positive() { k + 1 } else { k });
            return;
        }
    }
}

pub(super) fn basis_of(terms: &Terms) -> LoanBasis {
    LoanBasis {
        rate: terms.rate,
        method: terms.method,
        start: terms.start,
        default_rate: AnnualRate::from_bp(500).unwrap_or(AnnualRate::ZERO),
    }
}

/// Late payers pay the default interest their lateness cost too: once the schedule has run out,
/// a last payment settles what the statement engine says is still owed.
pub(super) fn settle_residue(
    rng: &mut ChaCha8Rng,
    terms: &Terms,
    schedule: &Schedule,
    payments: &mut Vec<PaymentIn>,
    today: NaiveDate,
) {
    let (Some(last_due), Some(last_paid)) = (schedule.end_date(), payments.last().map(|p| p.date))
    else {
        return;
    };
    let date = last_due.max(last_paid) + Days::new(rng.random_range(5..40));
    if date > today {
        return;
    }
    let basis = basis_of(terms);
    if let Ok(st) = statement::compute(schedule, &basis, payments, &[], date)
        && st.payoff.is_positive()
    {
        payments.push(PaymentIn { date, amount: st.payoff });
    }
}
