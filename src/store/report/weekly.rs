//! รายงานผลการติดตามประจำสัปดาห์ (issue 12 §12, seed 002: "ผู้รับผิดชอบรายงานผลเป็นประจำทุก
//! สัปดาห์") of one officer or group leader, Monday to Sunday: contacts made, promises made and
//! how the promises due that week ended, money collected on their files against the month's
//! target, files escalated (ladder letters issued), and next week's list (follow-ups and
//! promises coming due).
//!
//! An officer's contacts are the ones they recorded; a group leader is not a user, so theirs are
//! the contacts on the files they follow. Everything else counts over the files currently
//! assigned to the person.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use crate::domain::Satang;
use crate::domain::collections::target::Month;
use crate::domain::letter::Kind as LetterKind;
use crate::domain::report::table::{Cell, Kind, Table, percent};
use crate::domain::thai::date::format_long;
use crate::store::error::Result;
use crate::store::targets::{self, Scope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whom {
    Officer(i64),
    Leader(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalated {
    pub on: NaiveDate,
    pub contract_no: String,
    pub name: String,
    pub letter: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub on: NaiveDate,
    pub contract_no: String,
    pub name: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Weekly {
    pub who: String,
    pub monday: NaiveDate,
    pub contacts_reached: i64,
    pub contact_attempts: i64,
    pub promises_made: i64,
    pub promised: Satang,
    pub due_kept: i64,
    pub due_partly: i64,
    pub due_broken: i64,
    pub due_open: i64,
    pub collected_week: Satang,
    pub collected_month: Satang,
    /// The officer's target of the week's month (a group leader has none of their own).
    pub month_target: Option<Satang>,
    pub escalated: Vec<Escalated>,
    pub next_week: Vec<Upcoming>,
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(day.weekday().num_days_from_monday() as u64)
}

const FILES: &str = "WITH assigned AS (
        SELECT a.household_id, a.officer_id, a.leader_person_id FROM assignment a
        WHERE a.id = (SELECT MAX(b.id) FROM assignment b WHERE b.household_id = a.household_id)
     ),
     files (loan_id) AS (
        SELECT l.id FROM loan l JOIN person p ON p.id = l.borrower_id
        WHERE p.household_id IN (SELECT household_id FROM assigned WHERE officer_id = ?1 OR leader_person_id = ?2)
     )";

pub fn compute(conn: &Connection, whom: Whom, week_of: NaiveDate) -> Result<Weekly> {
    let monday = monday_of(week_of);
    let sunday = monday + Days::new(6);
    let (from, to) = (monday.and_hms_opt(0, 0, 0).unwrap_or_default(), end_of(sunday));
    let (officer, leader): (Option<i64>, Option<i64>) = match whom {
        Whom::Officer(id) => (Some(id), None),
        Whom::Leader(id) => (None, Some(id)),
    };
    let who: String = match whom {
        Whom::Officer(id) => conn
            .query_row("SELECT full_name FROM app_user WHERE id = ?1", [id], |r| r.get(0))
            .unwrap_or_default(),
        Whom::Leader(id) => conn
            .query_row(
                "SELECT title || first_name || ' ' || last_name FROM person WHERE id = ?1",
                [id],
                |r| r.get::<_, String>(0),
            )
            .map(|n| format!("{n} (หัวหน้ากลุ่ม)"))
            .unwrap_or_default(),
    };
    let mut w = Weekly { who, monday, ..Weekly::default() };

    // The contacts that count as theirs: recorded by the officer, or on the leader's files.
    let theirs = "(c.officer_id = ?1 OR (?1 IS NULL AND c.loan_id IN (SELECT loan_id FROM files)))";
    let (reached, attempts): (i64, i64) = conn.query_row(
        &format!(
            "{FILES} SELECT COALESCE(SUM(c.outcome NOT IN ('no_answer', 'wrong_number')), 0),
                            COALESCE(SUM(c.outcome IN ('no_answer', 'wrong_number')), 0)
             FROM contact c WHERE {theirs} AND c.at BETWEEN ?3 AND ?4"
        ),
        params![officer, leader, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    (w.contacts_reached, w.contact_attempts) = (reached, attempts);
    let (made, promised): (i64, i64) = conn.query_row(
        &format!(
            "{FILES} SELECT COUNT(*), COALESCE(SUM(pr.amount), 0) FROM promise pr
             JOIN contact c ON c.id = pr.contact_id
             WHERE {theirs} AND pr.made_on BETWEEN ?3 AND ?4"
        ),
        params![officer, leader, monday, sunday],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    (w.promises_made, w.promised) = (made, Satang(promised));
    let mut stmt = conn.prepare(&format!(
        "{FILES} SELECT pr.state, COUNT(*) FROM promise pr
         WHERE pr.loan_id IN (SELECT loan_id FROM files) AND pr.due_on BETWEEN ?3 AND ?4 GROUP BY pr.state"
    ))?;
    let mut rows = stmt.query(params![officer, leader, monday, sunday])?;
    while let Some(r) = rows.next()? {
        let n: i64 = r.get(1)?;
        match r.get::<_, String>(0)?.as_str() {
            "kept" => w.due_kept = n,
            "partly_kept" => w.due_partly = n,
            "broken" => w.due_broken = n,
            _ => w.due_open += n,
        }
    }
    drop(rows);
    let collected = |a: NaiveDate, b: NaiveDate| -> Result<Satang> {
        Ok(Satang(conn.query_row(
            &format!(
                "{FILES} SELECT COALESCE(SUM(p.amount), 0) FROM payment p
                 WHERE p.loan_id IN (SELECT loan_id FROM files) AND p.paid_on BETWEEN ?3 AND ?4
                   AND NOT EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)"
            ),
            params![officer, leader, a, b],
            |r| r.get(0),
        )?))
    };
    w.collected_week = collected(monday, sunday)?;
    // The month of the week's last day, to that day (the report is read at the week's end).
    let month = Month::of(sunday);
    w.collected_month = collected(month.first_day(), sunday)?;
    if let Whom::Officer(id) = whom {
        w.month_target =
            targets::month(conn, month, sunday)?.line(Scope::Officer(id)).map(|l| l.target);
    }

    let mut stmt = conn.prepare(&format!(
        "{FILES} SELECT lt.issued_on, l.contract_no, p.title || p.first_name || ' ' || p.last_name, lt.kind
         FROM letter lt JOIN loan l ON l.id = lt.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE lt.loan_id IN (SELECT loan_id FROM files) AND lt.issued_on BETWEEN ?3 AND ?4
           AND lt.kind IN ('reminder', 'demand', 'demand2', 'guarantor', 'termination')
         ORDER BY lt.issued_on, l.contract_no"
    ))?;
    let rows = stmt.query_map(params![officer, leader, monday, sunday], |r| {
        let kind: String = r.get(3)?;
        Ok(Escalated {
            on: r.get(0)?,
            contract_no: r.get(1)?,
            name: r.get(2)?,
            letter: LetterKind::from_code(&kind).map(|k| k.to_string()).unwrap_or(kind),
        })
    })?;
    w.escalated = rows.collect::<rusqlite::Result<_>>()?;

    let (next_mon, next_sun) = (monday + Days::new(7), sunday + Days::new(7));
    let mut stmt = conn.prepare(&format!(
        "{FILES} SELECT date(c.next_action_at), l.contract_no, p.title || p.first_name || ' ' || p.last_name,
                CASE WHEN c.next_action = '' THEN 'ติดตามตามที่นัดไว้' ELSE c.next_action END
         FROM contact c JOIN loan l ON l.id = c.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE c.loan_id IN (SELECT loan_id FROM files) AND c.next_action_at BETWEEN ?3 AND ?4
           AND c.id = (SELECT MAX(c2.id) FROM contact c2 WHERE c2.loan_id = c.loan_id)
         UNION ALL
         SELECT pr.due_on, l.contract_no, p.title || p.first_name || ' ' || p.last_name,
                'ครบนัดชำระ ' || printf('%,d.%02d', pr.amount / 100, pr.amount % 100) || ' บาท'
         FROM promise pr JOIN loan l ON l.id = pr.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE pr.loan_id IN (SELECT loan_id FROM files) AND pr.state = 'open'
           AND pr.due_on BETWEEN date(?3) AND date(?4)
         ORDER BY 1, 2"
    ))?;
    let rows = stmt.query_map(
        params![officer, leader, next_mon.and_hms_opt(0, 0, 0), end_of(next_sun)],
        |r| {
            Ok(Upcoming { on: r.get(0)?, contract_no: r.get(1)?, name: r.get(2)?, what: r.get(3)? })
        },
    )?;
    w.next_week = rows.collect::<rusqlite::Result<_>>()?;
    Ok(w)
}

fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(23, 59, 59).unwrap_or_default()
}

/// The summary, the files escalated and next week's list, as tables for screen, PDF and Excel.
pub fn tables(w: &Weekly) -> Vec<Table> {
    let sunday = w.monday + Days::new(6);
    let period = format!("สัปดาห์ {} ถึง {}", format_long(w.monday), format_long(sunday));
    let mut summary = Table::new(
        format!("รายงานผลการติดตามหนี้ประจำสัปดาห์ {}", w.who),
        vec![("รายการ", Kind::Text), ("จำนวน", Kind::Count), ("จำนวนเงิน", Kind::Money)],
    );
    summary.subtitle = vec![period.clone()];
    let line = |what: &str, n: Option<i64>, m: Option<Satang>| {
        vec![
            Cell::Text(what.into()),
            n.map(Cell::Count).unwrap_or(Cell::Empty),
            m.map(Cell::Money).unwrap_or(Cell::Empty),
        ]
    };
    summary.rows = vec![
        line("ติดต่อได้ (ครั้ง)", Some(w.contacts_reached), None),
        line("ติดต่อไม่ได้ (ไม่รับสาย เบอร์ผิด)", Some(w.contact_attempts), None),
        line("นัดชำระที่ได้ในสัปดาห์", Some(w.promises_made), Some(w.promised)),
        line("นัดที่ครบกำหนดในสัปดาห์: ชำระตามนัด", Some(w.due_kept), None),
        line("นัดที่ครบกำหนดในสัปดาห์: ชำระไม่ครบ", Some(w.due_partly), None),
        line("นัดที่ครบกำหนดในสัปดาห์: ผิดนัด", Some(w.due_broken), None),
        line("นัดที่ครบกำหนดในสัปดาห์: รอประเมิน", Some(w.due_open), None),
        line("เงินที่เก็บได้ในสัปดาห์", None, Some(w.collected_week)),
        line("เงินที่เก็บได้ตั้งแต่ต้นเดือน", None, Some(w.collected_month)),
        line("เป้าการเก็บของเดือน", None, w.month_target),
        line("ส่งต่อขั้นถัดไป (ออกหนังสือ)", Some(w.escalated.len() as i64), None),
        line("งานสัปดาห์หน้า", Some(w.next_week.len() as i64), None),
    ];
    if let Some(t) = w.month_target {
        let p = percent(w.collected_month, t)
            .map(|p| format!("เก็บได้ร้อยละ {p:.2} ของเป้าเดือน{}", Month::of(sunday)))
            .unwrap_or_default();
        summary.notes.push(p);
    }
    let mut escalated = Table::new(
        "แฟ้มที่ส่งต่อขั้นถัดไปในสัปดาห์",
        vec![
            ("วันที่", Kind::Date),
            ("สัญญา", Kind::Text),
            ("ลูกหนี้", Kind::Text),
            ("หนังสือ", Kind::Text),
        ],
    );
    escalated.subtitle = vec![period];
    escalated.rows = w
        .escalated
        .iter()
        .map(|e| {
            vec![
                Cell::Date(e.on),
                Cell::Text(e.contract_no.clone()),
                Cell::Text(e.name.clone()),
                Cell::Text(e.letter.clone()),
            ]
        })
        .collect();
    let mut next = Table::new(
        "งานสัปดาห์หน้า",
        vec![
            ("วันที่", Kind::Date),
            ("สัญญา", Kind::Text),
            ("ลูกหนี้", Kind::Text),
            ("สิ่งที่ต้องทำ", Kind::Text),
        ],
    );
    next.subtitle = vec![format!(
        "สัปดาห์ {} ถึง {}",
        format_long(w.monday + Days::new(7)),
        format_long(sunday + Days::new(7))
    )];
    next.rows = w
        .next_week
        .iter()
        .map(|u| {
            vec![
                Cell::Date(u.on),
                Cell::Text(u.contract_no.clone()),
                Cell::Text(u.name.clone()),
                Cell::Text(u.what.clone()),
            ]
        })
        .collect();
    vec![summary, escalated, next]
}
