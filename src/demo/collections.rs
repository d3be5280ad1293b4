//! Collections work in the demo: every household is followed by the officer or, in a few หมู่,
//! by a group leader; over the last six weeks the officer called or visited many of the files in
//! arrears through the real contact path (within the Act's hours), and some members promised to
//! pay: most of those due kept their word (the payment is in the ledger), the rest broke it.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::collections::contact::{Channel, Outcome, Reached};
use crate::domain::loan::Channel as PaidBy;
use crate::domain::role::Role;
use crate::store::assignments::{self, Assignee};
use crate::store::contacts::{self, NewContact};
use crate::store::error::Result;
use crate::store::{Actor, ledger, promises};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Made {
    pub contacts: usize,
    pub promises: usize,
}

pub fn add(conn: &Connection, seed: u64, today: NaiveDate) -> Result<Made> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x636f_6c6c);
    let officer = Actor { user_id: Some(1), role: Role::Officer, name: String::new() };
    let treasurer = Actor { user_id: Some(2), role: Role::Treasurer, name: String::new() };
    assign(conn, &treasurer, today)?;

    let overdue: Vec<(i64, i64, i64)> = conn
        .prepare(
            "SELECT l.id, l.borrower_id,
                    (SELECT COALESCE(SUM(i.principal + i.interest - i.principal_paid - i.interest_paid), 0)
                       FROM installment i WHERE i.loan_id = l.id AND i.due_date < ?1)
             FROM loan l WHERE l.status = 'active' AND l.next_unpaid_due < ?1
               AND COALESCE(l.tranche_part, 'principal') = 'principal' ORDER BY l.id",
        )?
        .query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut made = Made::default();
    let mut contacted: std::collections::HashSet<(i64, NaiveDate)> = Default::default();
    for (loan_id, person_id, owed) in overdue {
        if !rng.random_bool(0.45) {
            continue;
        }
        let day = working_day(today - Days::new(rng.random_range(1..=42)));
        if !contacted.insert((person_id, day)) {
            continue;
        }
        let at = day
            .and_hms_opt(rng.random_range(9..16), 10 * rng.random_range(0..6), 0)
            .unwrap_or_default();
        let roll = rng.random_range(0..100);
        let outcome = match roll {
            0..=44 => Outcome::Promise,
            45..=64 => Outcome::NoAnswer,
            65..=74 => Outcome::Hardship,
            75..=84 => Outcome::Refused,
            85..=89 => Outcome::Moved,
            _ => Outcome::Disputed,
        };
        let amount = Satang((owed / 3).max(20_000) / 100 * 100);
        let due = day + Days::new(rng.random_range(3..=14));
        let promise = outcome.takes_promise().then_some((due, amount));
        let next_action =
            (outcome == Outcome::NoAnswer || outcome == Outcome::Hardship).then(|| {
                let when = working_day(day + Days::new(rng.random_range(5..=20)));
                let what = if outcome == Outcome::Hardship {
                    "เยี่ยมบ้าน"
                } else {
                    "โทรกลับ"
                };
                (what.to_string(), when.and_hms_opt(10, 0, 0).unwrap_or_default())
            });
        let c = NewContact {
            person_id,
            loan_id: Some(loan_id),
            at,
            channel: if rng.random_bool(0.7) { Channel::Phone } else { Channel::Visit },
            reached: Reached::Borrower,
            reached_person_id: None,
            outcome,
            note: match outcome {
                Outcome::Hardship => "รายได้ลดลงช่วงนี้ ขอผ่อนหลังเก็บเกี่ยว".into(),
                Outcome::Disputed => "แจ้งว่าชำระไปแล้วบางส่วน ขอให้ตรวจยอด".into(),
                _ => String::new(),
            },
            promise,
            next_action,
            breach_reason: None,
        };
        let now = today.and_hms_opt(23, 59, 0).unwrap_or_default();
        if contacts::record(conn, &officer, &c, now).is_err() {
            continue;
        }
        made.contacts += 1;
        if let Some((due, amount)) = promise {
            made.promises += 1;
            // Six in ten promises already due were kept, on the day or a little before.
            if due <= today && rng.random_bool(0.6) {
                let paid_on = due - Days::new(rng.random_range(0..=2));
                let payment = ledger::NewPayment {
                    loan_id,
                    paid_on: paid_on.max(day),
                    amount,
                    channel: PaidBy::Cash,
                    payer_name: String::new(),
                    note: "ชำระตามนัด".into(),
                };
                let _ = ledger::record(conn, &officer, &payment, today);
            }
        }
    }
    promises::evaluate_all(conn, today)?;
    Ok(made)
}

/// The officer follows most หมู่; in every fourth one a group leader (the first household's
/// head) follows the members and reports through the officer.
fn assign(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<()> {
    let villages: Vec<u8> = conn
        .prepare("SELECT DISTINCT village_no FROM household ORDER BY village_no")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let since = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    for v in villages {
        let households = assignments::households_of_village(conn, v)?;
        let leader: Option<i64> = if v % 4 == 0 {
            conn.query_row(
                "SELECT head_person_id FROM household WHERE village_no = ?1 AND head_person_id IS NOT NULL ORDER BY id LIMIT 1",
                [v],
                |r| r.get(0),
            )
            .ok()
        } else {
            None
        };
        let to = leader.map(Assignee::Leader).unwrap_or(Assignee::Officer(1));
        assignments::assign(conn, actor, &households, to, since)?;
    }
    Ok(())
}

/// The day itself on a weekday, else the Friday before.
fn working_day(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - Days::new(1),
        Weekday::Sun => day - Days::new(2),
        _ => day,
    }
}
