//! The collection sheet (ใบรับชำระรายกลุ่ม, issue 12 §8): for the monthly collection day and for
//! group leaders, who are not users. [`sheet`] lists the open loans of a group leader's files or
//! of a หมู่ with what falls due this month and the arrears, in house order; [`enter`] records
//! the returned sheet in the same order, in ONE transaction: each payment with its receipt, each
//! promise with the contact it came from, each note as a contact. Any line refused refuses the
//! whole sheet, naming the line, so a sheet is never half entered.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::contacts::{self, NewContact};
use super::error::{Result, StoreError};
use super::ledger::{self, NewPayment};
use super::users::Actor;
use crate::domain::Satang;
use crate::domain::collections::contact::{Channel, Outcome, Reached};
use crate::domain::collections::target::Month;
use crate::domain::loan::Channel as PaidBy;
use crate::domain::person::full_name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFor {
    /// The files a group leader follows (the person).
    Leader(i64),
    Village(u8),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetLine {
    pub loan_id: i64,
    pub contract_no: String,
    pub person_id: i64,
    pub name: String,
    pub house_no: String,
    pub village_no: u8,
    /// Unpaid principal and interest of the installments falling due in the month.
    pub due: Satang,
    /// Unpaid principal and interest of the installments due before the month.
    pub arrears: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub title: String,
    pub month: Month,
    pub lines: Vec<SheetLine>,
}

/// House numbers in the order a walk down the road meets them: 12/3 after 12, 100 after 99.
fn house_key(house: &str) -> (u32, String) {
    let digits: String = house.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(u32::MAX), house.to_string())
}

pub fn sheet(conn: &Connection, of: SheetFor, month: Month) -> Result<Sheet> {
    let (leader, village): (Option<i64>, Option<u8>) = match of {
        SheetFor::Leader(id) => (Some(id), None),
        SheetFor::Village(no) => (None, Some(no)),
    };
    let title = match of {
        SheetFor::Leader(id) => {
            let name: String = conn
                .query_row(
                    "SELECT title || first_name || ' ' || last_name FROM person WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .map_err(|_| StoreError::refused("ไม่พบหัวหน้ากลุ่ม"))?;
            format!("ใบรับชำระรายกลุ่ม หัวหน้ากลุ่ม {name}")
        }
        SheetFor::Village(no) => format!("ใบรับชำระรายกลุ่ม หมู่ที่ {no}"),
    };
    let mut stmt = conn.prepare(
        "WITH assigned AS (
            SELECT a.household_id, a.leader_person_id FROM assignment a
            WHERE a.id = (SELECT MAX(b.id) FROM assignment b WHERE b.household_id = a.household_id)
         )
         SELECT l.id, l.contract_no, p.id, p.title, p.first_name, p.last_name, h.house_no, h.village_no,
                (SELECT COALESCE(SUM(i.principal + i.interest - i.principal_paid - i.interest_paid), 0)
                   FROM installment i WHERE i.loan_id = l.id AND i.due_date BETWEEN ?3 AND ?4),
                (SELECT COALESCE(SUM(i.principal + i.interest - i.principal_paid - i.interest_paid), 0)
                   FROM installment i WHERE i.loan_id = l.id AND i.due_date < ?3)
         FROM loan l
         JOIN person p ON p.id = l.borrower_id
         JOIN household h ON h.id = p.household_id
         WHERE l.status IN ('active', 'terminated', 'litigation')
           AND COALESCE(l.tranche_part, 'principal') = 'principal'
           AND (?1 IS NULL OR h.id IN (SELECT household_id FROM assigned WHERE leader_person_id = ?1))
           AND (?2 IS NULL OR h.village_no = ?2)",
    )?;
    let rows =
        stmt.query_map(params![leader, village, month.first_day(), month.last_day()], |r| {
            Ok(SheetLine {
                loan_id: r.get(0)?,
                contract_no: r.get(1)?,
                person_id: r.get(2)?,
                name: full_name(
                    &r.get::<_, String>(3)?,
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                ),
                house_no: r.get(6)?,
                village_no: r.get(7)?,
                due: Satang(r.get(8)?),
                arrears: Satang(r.get(9)?),
            })
        })?;
    let mut lines: Vec<SheetLine> = rows.collect::<rusqlite::Result<_>>()?;
    lines.retain(|l| l.due.is_positive() || l.arrears.is_positive());
    lines.sort_by(|a, b| {
        (a.village_no, house_key(&a.house_no), &a.name, &a.contract_no).cmp(&(
            b.village_no,
            house_key(&b.house_no),
            &b.name,
            &b.contract_no,
        ))
    });
    Ok(Sheet { title, month, lines })
}

/// One returned line, as written on the paper: what was paid, a promise, a note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    pub loan_id: i64,
    pub paid: Option<Satang>,
    pub promise: Option<(NaiveDate, Satang)>,
    pub note: String,
}

impl Entry {
    pub fn is_blank(&self) -> bool {
        self.paid.is_none() && self.promise.is_none() && self.note.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entered {
    pub receipts: Vec<String>,
    pub collected: Satang,
    pub promises: usize,
    pub contacts: usize,
}

/// Records the returned sheet in the caller's transaction. `at` is the collection day's time
/// (the meeting); payments are dated that day and received by `actor`, cash. A line refused
/// (an overpayment, a promise before the day) refuses the sheet with the line's number.
pub fn enter(
    conn: &Connection,
    actor: &Actor,
    entries: &[Entry],
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Entered> {
    let mut done = Entered::default();
    for (i, e) in entries.iter().enumerate() {
        if e.is_blank() {
            continue;
        }
        let line = |err: StoreError| StoreError::refused(format!("แถวที่ {}: {err}", i + 1));
        let person_id: i64 = conn
            .query_row("SELECT borrower_id FROM loan WHERE id = ?1", [e.loan_id], |r| r.get(0))
            .map_err(|_| line(StoreError::refused("ไม่พบสัญญา")))?;
        if let Some(amount) = e.paid {
            if !amount.is_positive() {
                return Err(line(StoreError::refused("จำนวนเงินที่ชำระต้องมากกว่าศูนย์")));
            }
            let p = NewPayment {
                loan_id: e.loan_id,
                paid_on: at.date(),
                amount,
                channel: PaidBy::Cash,
                payer_name: String::new(),
                note: "ใบรับชำระรายกลุ่ม".into(),
            };
            let r = ledger::record(conn, actor, &p, now.date()).map_err(line)?;
            done.receipts.push(r.receipt_no);
            done.collected += amount;
        }
        let outcome = match (e.promise, e.paid) {
            (Some(_), _) => Outcome::Promise,
            (None, Some(_)) => Outcome::Paid,
            // A note alone has no outcome the contact log knows; the officer records it from
            // the member's file with the right one rather than the sheet guessing.
            (None, None) => {
                return Err(line(StoreError::refused(
                    "มีหมายเหตุแต่ไม่มียอดชำระหรือนัดชำระ กรุณาบันทึกการติดตามรายนี้จากแฟ้มลูกหนี้",
                )));
            }
        };
        let c = NewContact {
            person_id,
            loan_id: Some(e.loan_id),
            at,
            channel: Channel::Meeting,
            reached: Reached::Borrower,
            reached_person_id: None,
            outcome,
            note: e.note.trim().to_string(),
            promise: e.promise,
            next_action: None,
            breach_reason: None,
        };
        contacts::record(conn, actor, &c, now).map_err(line)?;
        done.contacts += 1;
        if e.promise.is_some() {
            done.promises += 1;
        }
    }
    Ok(done)
}

/// The sheet as a report table for paper (A4 landscape) and Excel: the blank columns are for
/// the group leader's pen; the notes carry the signature lines.
pub fn table(sheet: &Sheet) -> crate::domain::report::table::Table {
    use crate::domain::report::table::{Cell, Kind, Table};
    let mut t = Table::new(
        sheet.title.clone(),
        vec![
            ("ที่", Kind::Count),
            ("ชื่อ-สกุล", Kind::Text),
            ("บ้านเลขที่", Kind::Text),
            ("สัญญา", Kind::Text),
            ("ครบกำหนดเดือนนี้", Kind::Money),
            ("ค้างชำระ", Kind::Money),
            ("รวมที่ต้องชำระ", Kind::Money),
            ("ชำระ (บาท)", Kind::Text),
            ("นัดชำระ (วันที่/บาท)", Kind::Text),
            ("หมายเหตุ", Kind::Text),
        ],
    );
    t.subtitle = vec![format!("ประจำเดือน{}", sheet.month)];
    for (i, l) in sheet.lines.iter().enumerate() {
        t.rows.push(vec![
            Cell::Count(i as i64 + 1),
            Cell::Text(l.name.clone()),
            Cell::Text(format!("{} ม.{}", l.house_no, l.village_no)),
            Cell::Text(l.contract_no.clone()),
            Cell::Money(l.due),
            Cell::Money(l.arrears),
            Cell::Money(l.due + l.arrears),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
        ]);
    }
    let (due, arrears) = (t.column_sum(4), t.column_sum(5));
    t.total = Some(vec![
        Cell::Empty,
        Cell::Text(format!("รวม {} ราย", sheet.lines.len())),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Money(due),
        Cell::Money(arrears),
        Cell::Money(due + arrears),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
        Cell::Text(String::new()),
    ]);
    t.notes = vec![
        "ยอดค้างชำระไม่รวมดอกเบี้ยผิดนัด ซึ่งคิดถึงวันที่ชำระจริงเมื่อบันทึกรับชำระ".into(),
        "ผู้เก็บเงิน ลงชื่อ ..................................... วันที่ ..........................".into(),
        "เจ้าหน้าที่ผู้รับใบรับชำระ ลงชื่อ ..................................... วันที่ ..........................".into(),
    ];
    t
}
