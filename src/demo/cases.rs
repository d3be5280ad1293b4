//! Court cases in the demo (issue 13 §3): four loans far in arrears at different stages: one
//! referred but not yet filed (its filing overdue on the SLA), one filed with a mediation set in
//! twelve days, one judged with costs and a writ whose asset search is overdue, and one settled in
//! court whose new schedule has been paid twice. Same seed and `today`, same rows.

use chrono::{Days, NaiveDate};
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::legal::case::{CostKind, EventKind};
use crate::domain::loan::Channel;
use crate::domain::rate::AnnualRate;
use crate::domain::role::Role;
use crate::domain::schedule::Frequency;
use crate::store::court_cases::{self, Judgment, NewCase};
use crate::store::court_settlements::{self, Terms};
use crate::store::error::Result;
use crate::store::ledger::{self, NewPayment};
use crate::store::plans::Target;
use crate::store::{Actor, loans};

fn back(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

fn ahead(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

const COURTS: &[&str] = &["ศาลจังหวัดลำพูน", "ศาลแขวงเชียงใหม่", "ศาลจังหวัดลำปาง", "ศาลจังหวัดลำพูน"];

/// Returns how many cases were opened.
pub fn add(conn: &Connection, today: NaiveDate) -> Result<usize> {
    let officer = Actor { user_id: Some(1), role: Role::Officer, name: String::new() };
    let treasurer = Actor { user_id: Some(2), role: Role::Treasurer, name: String::new() };
    // Loans long in arrears that the termination demo left alone, from the other end of the
    // book so the scripts that look for one to terminate still find theirs.
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT l.id FROM loan l WHERE l.status = 'active' AND l.tranche_of IS NULL
               AND l.restructured_from IS NULL AND l.next_unpaid_due < ?1 AND l.start_date < ?2
               AND NOT EXISTS (SELECT 1 FROM termination t WHERE t.loan_id = l.id)
               AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.loan_id = l.id AND p.paid_on >= ?1)
             ORDER BY l.id DESC LIMIT 4",
        )?
        .query_map([back(today, 330), back(today, 400)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (stage, id) in ids.iter().enumerate() {
        let new = NewCase {
            court: COURTS[stage].into(),
            black_no: String::new(),
            lawyer: "นายสมศักดิ์ นิติธรรม".into(),
            opened_on: back(today, [75, 60, 330, 150][stage]),
        };
        let case = court_cases::open(conn, &officer, Target::Loan(*id), &new)?;
        let black = format!("ผบ.{}/2568", 101 + stage);
        match stage {
            0 => {}
            1 => {
                court_cases::file(conn, &officer, case.id, back(today, 40), &black)?;
                let on = ahead(today, 12);
                court_cases::record_event(conn, &officer, case.id, EventKind::Mediation, on, "")?;
            }
            2 => {
                let filed = back(today, 300);
                court_cases::file(conn, &officer, case.id, filed, &black)?;
                let fee = Satang::from_baht(1_500);
                court_cases::cost(conn, &officer, case.id, filed, CostKind::Court, fee, "ค่าขึ้นศาล")?;
                let lawyer = Satang::from_baht(4_000);
                court_cases::cost(conn, &officer, case.id, filed, CostKind::Lawyer, lawyer, "")?;
                let witness = back(today, 200);
                court_cases::record_event(
                    conn,
                    &officer,
                    case.id,
                    EventKind::Witness,
                    witness,
                    "",
                )?;
                let claim = court_cases::get(conn, case.id)?.claim.map(|c| c.total());
                let j = Judgment {
                    on: back(today, 120),
                    red_no: format!("ผบ.{}/2568", 901 + stage),
                    amount: claim.unwrap_or(Satang::from_baht(10_000)),
                    rate: AnnualRate::from_bp(500).unwrap_or(AnnualRate::ZERO),
                    costs_awarded: Satang::from_baht(5_000),
                };
                court_cases::judgment(conn, &treasurer, case.id, &j)?;
                let writ = back(today, 60);
                court_cases::record_event(conn, &officer, case.id, EventKind::Writ, writ, "")?;
            }
            _ => {
                court_cases::file(conn, &officer, case.id, back(today, 120), &black)?;
                let terms = Terms {
                    on: back(today, 90),
                    periods: 12,
                    frequency: Frequency::Monthly,
                    rate: AnnualRate::ZERO,
                    waive_default_interest: true,
                    note: "ตามสัญญาประนีประนอมยอมความ".into(),
                };
                let new_loan = court_settlements::settle(conn, &treasurer, case.id, &terms)?;
                let schedule = loans::schedule(conn, new_loan)?;
                for i in schedule.installments.iter().filter(|i| i.due_date <= today).take(2) {
                    let p = NewPayment {
                        loan_id: new_loan,
                        paid_on: i.due_date,
                        amount: i.principal + i.interest,
                        channel: Channel::Cash,
                        payer_name: String::new(),
                        note: "ชำระตามสัญญาประนีประนอมยอมความ".into(),
                    };
                    ledger::record(conn, &officer, &p, today)?;
                }
            }
        }
    }
    Ok(ids.len())
}
