//! Restructuring plans in the demo: some members in long arrears were put on a plan a few months
//! ago through the real propose/approve path; since then most keep it, some are late and a few
//! have broken it, so the tracking screens and letters have work to show.

use chrono::{Days, Months, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::loan::Channel;
use crate::domain::plan::{Cadence, PlanOptions, ReleaseTerms, Sizing};
use crate::domain::role::Role;
use crate::domain::schedule::Frequency;
use crate::store::error::Result;
use crate::store::{Actor, ledger, loans, plan_tracking, plans};

/// Puts about one in eight loans past 180 days on a plan; returns how many plans were made.
pub fn add(conn: &Connection, seed: u64, today: NaiveDate) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x706c_616e);
    let officer = Actor { user_id: Some(1), role: Role::Officer, name: String::new() };
    let treasurer = Actor { user_id: Some(2), role: Role::Treasurer, name: String::new() };
    let cutoff = today - Days::new(270);
    let candidates: Vec<i64> = conn
        .prepare("SELECT id FROM loan WHERE status = 'active' AND next_unpaid_due < ?1 AND principal >= 1000000 ORDER BY id")?
        .query_map([cutoff], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut made = 0;
    for loan_id in candidates {
        if !rng.random_bool(0.12) {
            continue;
        }
        let months_ago = rng.random_range(3..=10);
        let as_of = today.checked_sub_months(Months::new(months_ago)).unwrap_or(today);
        let loan = loans::get(conn, loan_id)?;
        // A plan replaces the loan as it stood on its date: a loan paid on after that date
        // could not have been restructured then (the approval would have been refused as stale),
        // and its later payments would sit on a loan that no longer exists in any fund's ledger.
        let last_paid: Option<NaiveDate> = conn.query_row(
            "SELECT MAX(paid_on) FROM payment WHERE loan_id = ?1",
            [loan_id],
            |r| r.get(0),
        )?;
        if loan.start >= as_of || last_paid.is_some_and(|d| d >= as_of) {
            continue;
        }
        let owed = loan.outstanding.0;
        let opts = PlanOptions {
            sizing: Sizing::Capacity(Satang(
                (owed / rng.random_range(10..30)).max(50_000) / 100 * 100,
            )),
            cadence: Cadence::Regular(Frequency::Monthly),
            grace: None,
            step_up_bp: 0,
            rate: None,
            waive_default_interest: false,
            waive_fees: true,
            release_default_interest: Some(ReleaseTerms {
                every: 6,
                max_days_late: 7,
                break_after_missed: 3,
            }),
        };
        let Ok(id) =
            plans::propose(conn, &officer, plans::Target::Loan(loan_id), as_of, &opts, "ทางเลือก ก")
        else {
            continue;
        };
        let consents: Vec<(i64, NaiveDate)> =
            plans::guarantors(conn, plans::Target::Loan(loan_id))?
                .iter()
                .map(|g| (g.person_id, as_of))
                .collect();
        let approval = plans::Approval {
            resolution_no: "12/2568",
            resolution_on: as_of,
            guarantor_consents: &consents,
        };
        let new = plans::approve(conn, &treasurer, id, &approval)?;
        follow(conn, &officer, &mut rng, new[0], today)?;
        made += 1;
    }
    plan_tracking::evaluate_all(conn, today)?;
    Ok(made)
}

/// Payments since the plan: most on time, some the last one late, a few stopped after two.
fn follow(
    conn: &Connection,
    officer: &Actor,
    rng: &mut ChaCha8Rng,
    loan_id: i64,
    today: NaiveDate,
) -> Result<()> {
    let schedule = loans::schedule(conn, loan_id)?;
    let habit = rng.random_range(0..100);
    for (k, inst) in schedule.installments.iter().enumerate() {
        let date = match habit {
            0..=59 => inst.due_date - Days::new(rng.random_range(0..3)),
            60..=84
                if k + 2
                    >= schedule.installments.iter().filter(|i| i.due_date <= today).count() =>
            {
                break;
            }
            60..=84 => inst.due_date + Days::new(rng.random_range(0..5)),
            _ if k >= 2 => break,
            _ => inst.due_date,
        };
        if date > today {
            break;
        }
        // The last installment paid a few days early is paid off at its payoff (interest to
        // that day), not at the scheduled amount.
        let loan = loans::get(conn, loan_id)?;
        let amount = inst.payment().min(loans::statement(conn, &loan, date)?.payoff);
        if !amount.is_positive() {
            break;
        }
        let payment = ledger::NewPayment {
            loan_id,
            paid_on: date,
            amount,
            channel: Channel::Cash,
            payer_name: String::new(),
            note: String::new(),
        };
        ledger::record(conn, officer, &payment, today)?;
    }
    Ok(())
}
