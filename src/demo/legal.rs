//! The legal track in the demo (issue 13): a few loans far in arrears terminated (prepared by the
//! officer, approved by the treasurer after the notice's 30 days), one termination still within
//! its notice, a loan with a guarantor whose s.686 notice falls due in ten days, and a forgotten
//! loan whose first installment prescribes in about five months. Same seed and `today`, same rows.

use chrono::{Days, Months, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::rate::AnnualRate;
use crate::domain::role::Role;
use crate::domain::schedule::{DayCount, Frequency, Method, Terms};
use crate::store::error::Result;
use crate::store::loans::{self, NewLoan};
use crate::store::{Actor, terminations};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Made {
    pub terminated: usize,
    pub notices: usize,
}

fn back(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

pub fn add(conn: &Connection, seed: u64, today: NaiveDate) -> Result<Made> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6c65_6761);
    let officer = Actor { user_id: Some(1), role: Role::Officer, name: String::new() };
    let treasurer = Actor { user_id: Some(2), role: Role::Treasurer, name: String::new() };
    let mut made = Made::default();

    // Loans more than half a year in arrears, ordinary ones (no tranche, no plan).
    let far: Vec<i64> = conn
        .prepare(
            "SELECT l.id FROM loan l WHERE l.status = 'active' AND l.tranche_of IS NULL
               AND l.restructured_from IS NULL AND l.next_unpaid_due < ?1 ORDER BY l.id LIMIT 200",
        )?
        .query_map([back(today, 200)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in far {
        if made.terminated >= 3 && made.notices >= 1 {
            break;
        }
        if !rng.random_bool(0.5) {
            continue;
        }
        let terminate = made.terminated < 3;
        // Terminated: notice 60 days ago, approved 25 days ago; pending: notice 18 days ago.
        let notice_on = back(today, if terminate { 60 } else { 18 });
        let Ok(t) = terminations::prepare(conn, &officer, id, notice_on, None) else { continue };
        if terminate {
            let n = made.terminated + 1;
            terminations::approve(conn, &treasurer, t.id, &format!("{n}/2568"), back(today, 25))?;
            made.terminated += 1;
        } else {
            made.notices += 1;
        }
    }

    // Members without loans of their own borrow the two loans below.
    let free: Vec<i64> = conn
        .prepare(
            "SELECT p.id FROM person p WHERE p.deceased = 0
               AND NOT EXISTS (SELECT 1 FROM loan l WHERE l.borrower_id = p.id) ORDER BY p.id LIMIT 40",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let fund_id: Option<i64> = conn.query_row("SELECT MIN(id) FROM fund", [], |r| r.get(0))?;
    let (Some(fund_id), [borrower, guarantor, old_borrower, ..]) = (fund_id, free.as_slice())
    else {
        return Ok(made);
    };
    let loan = |borrower: i64, guarantors: Vec<i64>, first_due: NaiveDate, purpose: &str| {
        let start = first_due.checked_sub_months(Months::new(1)).unwrap_or(first_due);
        NewLoan {
            contract_no: None,
            fund_id,
            borrower_id: borrower,
            terms: Terms {
                principal: Satang::from_baht(20_000),
                rate: AnnualRate::from_bp(600).unwrap_or(AnnualRate::ZERO),
                method: Method::EqualPrincipal,
                frequency: Frequency::Monthly,
                periods: 24,
                start,
                day_count: DayCount::Period,
                round_up_baht: false,
            },
            penalty_rate: AnnualRate::from_bp(500).unwrap_or(AnnualRate::ZERO),
            purpose: purpose.into(),
            co_borrowers: vec![],
            guarantors,
            collateral: vec![],
        }
    };
    let system = Actor::system();
    // First installment unpaid 51 days ago: default 50 days ago, the guarantor's notice is due
    // in 10 days (s.686).
    loans::create(conn, &system, &loan(*borrower, vec![*guarantor], back(today, 51), "ค้าขาย"))?;
    // Lent five years ago and never paid: the first installment prescribes in about 150 days.
    let prescribes = today.checked_add_days(Days::new(150)).unwrap_or(today);
    let first_due = prescribes.checked_sub_months(Months::new(60)).unwrap_or(today);
    loans::create(conn, &system, &loan(*old_borrower, vec![], first_due, "ซ่อมบ้าน"))?;
    Ok(made)
}
