//! The contact log (บันทึกการติดตาม): a contact with its promise to pay, checked against the Debt
//! Collection Act's guards in the same transaction that writes it; the timeline of a file
//! (contacts, letters, payments); and the compliance list of contacts recorded outside the guards.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use super::holidays;
use super::settings;
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::collections::contact::{Channel, Outcome, Reached};
use crate::domain::collections::hours::{self, Breach, Today};
use crate::domain::collections::promise;
use crate::domain::role::Permission;

pub const MAX_ATTEMPTS_KEY: &str = "collections.max_attempts";
pub const GRACE_DAYS_KEY: &str = "collections.promise_grace_days";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub person_id: i64,
    pub loan_id: Option<i64>,
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub reached: Reached,
    /// Who was reached, when it is not the debtor (a guarantor, a co-borrower).
    pub reached_person_id: Option<i64>,
    pub outcome: Outcome,
    pub note: String,
    /// A promise to pay: the date and the amount.
    pub promise: Option<(NaiveDate, Satang)>,
    /// What to do next and when (a call or visit is checked against the hours).
    pub next_action: Option<(String, NaiveDateTime)>,
    /// Why a contact that already happened outside the guards is recorded anyway.
    pub breach_reason: Option<String>,
}

/// The contacts already on record with one person on one day.
pub fn day_counts(conn: &Connection, person_id: i64, day: NaiveDate) -> Result<Today> {
    let from = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = day.and_hms_opt(23, 59, 59).unwrap_or_default();
    let (reached, attempts): (u32, u32) = conn.query_row(
        "SELECT COALESCE(SUM(outcome NOT IN ('no_answer', 'wrong_number')), 0),
                COALESCE(SUM(outcome IN ('no_answer', 'wrong_number')), 0)
         FROM contact
         WHERE COALESCE(reached_person_id, person_id) = ?1 AND at BETWEEN ?2 AND ?3
           AND channel NOT IN ('letter', 'office')",
        params![person_id, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Today { reached, attempts })
}

/// The guards a contact at `at` with `person_id` would break, first one first.
pub fn breaches(
    conn: &Connection,
    person_id: i64,
    at: NaiveDateTime,
    channel: Channel,
    outcome: Outcome,
) -> Result<Vec<Breach>> {
    let mut found = Vec::new();
    if !channel.bound_by_hours() {
        return Ok(found);
    }
    let calendar = holidays::calendar(conn, at.date())?;
    if let Err(b) = hours::check_time(at, &calendar) {
        found.push(b);
    }
    let max = settings::get_i64(conn, MAX_ATTEMPTS_KEY, i64::from(hours::DEFAULT_MAX_ATTEMPTS))?;
    let today = day_counts(conn, person_id, at.date())?;
    if let Err(b) = hours::check_daily(today, outcome.reached_someone(), max.max(1) as u32) {
        found.push(b);
    }
    Ok(found)
}

/// Records a contact (and its promise) in the caller's transaction. A contact that breaks a
/// guard is refused with the reason unless it already happened and a reason is given; then it
/// is recorded with the breach, for the compliance list.
pub fn record(conn: &Connection, actor: &Actor, c: &NewContact, now: NaiveDateTime) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    if c.at > now {
        return Err(StoreError::refused("วันเวลาที่ติดต่ออยู่ในอนาคต: บันทึกได้เฉพาะการติดต่อที่เกิดขึ้นแล้ว"));
    }
    if c.reached.is_third_party() && c.outcome == Outcome::Promise {
        return Err(StoreError::refused(
            "บุคคลอื่นนัดชำระแทนลูกหนี้ไม่ได้ ถามบุคคลอื่นได้เฉพาะที่อยู่หรือช่องทางติดต่อลูกหนี้",
        ));
    }
    match (c.outcome.takes_promise(), &c.promise) {
        (true, None) => {
            return Err(StoreError::refused("ผลการติดต่อเป็นนัดชำระ กรุณาระบุวันที่และจำนวนเงินที่นัด"));
        }
        (false, Some(_)) => {
            return Err(StoreError::refused("บันทึกนัดชำระได้เมื่อผลการติดต่อเป็น \"ติดต่อได้และนัดชำระ\""));
        }
        (true, Some((due, amount))) => {
            if *due < c.at.date() {
                return Err(StoreError::refused("วันนัดชำระต้องไม่ก่อนวันที่ติดต่อ"));
            }
            if !amount.is_positive() {
                return Err(StoreError::refused("จำนวนเงินที่นัดต้องมากกว่าศูนย์"));
            }
            if c.loan_id.is_none() {
                return Err(StoreError::refused("นัดชำระต้องระบุสัญญา"));
            }
        }
        (false, None) => {}
    }
    if let Some((what, when)) = &c.next_action {
        if what.trim().is_empty() {
            return Err(StoreError::refused("กรุณาระบุสิ่งที่ต้องทำครั้งต่อไป"));
        }
        if *when <= c.at {
            return Err(StoreError::refused("วันนัดติดตามครั้งต่อไปต้องอยู่หลังการติดต่อครั้งนี้"));
        }
        check_plan(conn, c.reached_person_id.unwrap_or(c.person_id), *when)?;
    }
    let who = c.reached_person_id.unwrap_or(c.person_id);
    let found = breaches(conn, who, c.at, c.channel, c.outcome)?;
    let reason = c.breach_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if let Some(first) = found.first()
        && reason.is_none()
    {
        return Err(StoreError::refused(format!(
            "{} หากการติดต่อเกิดขึ้นแล้ว กรุณาระบุเหตุผลเพื่อบันทึกไว้ในรายการตรวจสอบ",
            first.message()
        )));
    }
    let breach: Vec<String> = found.iter().map(Breach::message).collect();
    conn.execute(
        "INSERT INTO contact (person_id, loan_id, at, channel, reached, reached_person_id, outcome, note,
                              next_action, next_action_at, breach, breach_reason, officer_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            c.person_id,
            c.loan_id,
            c.at,
            c.channel.code(),
            c.reached.code(),
            c.reached_person_id,
            c.outcome.code(),
            c.note.trim(),
            c.next_action.as_ref().map(|(w, _)| w.trim()).unwrap_or(""),
            c.next_action.as_ref().map(|(_, at)| *at),
            breach.join("; "),
            if breach.is_empty() { "" } else { reason.unwrap_or("") },
            actor.user_id,
            clock::now_stamp(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    if let (Some((due, amount)), Some(loan_id)) = (c.promise, c.loan_id) {
        conn.execute(
            "INSERT INTO promise (contact_id, loan_id, made_on, due_on, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, loan_id, c.at.date(), due, amount.0],
        )?;
    }
    audit::append(
        conn,
        actor,
        "record_contact",
        "contact",
        Some(id),
        &format!("{} {} {}", c.channel.label(), c.outcome.label(), breach.join("; ")),
    )?;
    Ok(id)
}

/// Refuses to plan a call or visit at a time the guards forbid.
pub fn check_plan(conn: &Connection, person_id: i64, at: NaiveDateTime) -> Result<()> {
    let calendar = holidays::calendar(conn, at.date())?;
    hours::check_time(at, &calendar)
        .map_err(|b| StoreError::refused(format!("นัดติดตามครั้งต่อไปไม่ได้: {}", b.message())))?;
    let _ = person_id;
    Ok(())
}

/// One line of a file's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: NaiveDateTime,
    pub kind: EventKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Contact,
    Letter,
    Payment,
}

impl EventKind {
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Contact => "ติดตาม",
            EventKind::Letter => "หนังสือ",
            EventKind::Payment => "รับชำระ",
        }
    }
}

/// A loan's contacts, letters and payments, newest first. Letters are contacts by themselves:
/// they come from the letter register, not from a second record.
pub fn timeline(conn: &Connection, loan_id: i64) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT c.at, c.channel, c.reached, c.outcome, c.note, c.next_action, c.next_action_at,
                p.due_on, p.amount, p.state
         FROM contact c LEFT JOIN promise p ON p.contact_id = c.id
         WHERE c.loan_id = ?1",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok((
            r.get::<_, NaiveDateTime>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<NaiveDateTime>>(6)?,
            r.get::<_, Option<NaiveDate>>(7)?,
            r.get::<_, Option<i64>>(8)?,
            r.get::<_, Option<String>>(9)?,
        ))
    })?;
    for row in rows {
        let (at, channel, reached, outcome, note, next, next_at, due, amount, state) = row?;
        let label =
            |code: &str, f: fn(&str) -> Option<&'static str>| f(code).unwrap_or("").to_string();
        let mut text = format!(
            "{} ถึง{}: {}",
            label(&channel, |c| Channel::from_code(c).map(Channel::label)),
            label(&reached, |c| Reached::from_code(c).map(Reached::label)),
            label(&outcome, |c| Outcome::from_code(c).map(Outcome::label)),
        );
        if let (Some(due), Some(amount)) = (due, amount) {
            let state =
                state.as_deref().and_then(promise::State::from_code).map(promise::State::label);
            text.push_str(&format!(
                " {} บาท ภายใน {} ({})",
                Satang(amount),
                crate::domain::thai::date::format_long(due),
                state.unwrap_or("")
            ));
        }
        if !note.is_empty() {
            text.push_str(&format!(" — {note}"));
        }
        if let Some(next_at) = next_at {
            text.push_str(&format!(
                " · ครั้งต่อไป: {next} {}",
                crate::domain::thai::date::format_long(next_at.date())
            ));
        }
        out.push(Event { at, kind: EventKind::Contact, text });
    }
    let mut stmt =
        conn.prepare("SELECT issued_on, kind, number, total FROM letter WHERE loan_id = ?1")?;
    for row in stmt.query_map([loan_id], |r| {
        Ok((
            r.get::<_, NaiveDate>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })? {
        let (on, kind, number, total) = row?;
        let name =
            crate::domain::letter::Kind::from_code(&kind).map(|k| k.to_string()).unwrap_or(kind);
        out.push(Event {
            at: on.and_hms_opt(0, 0, 0).unwrap_or_default(),
            kind: EventKind::Letter,
            text: format!("{name} เลขที่ {number} ยอด {} บาท", Satang(total)),
        });
    }
    let mut stmt = conn.prepare(
        "SELECT p.paid_on, p.amount, r.receipt_no, EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)
         FROM payment p JOIN receipt r ON r.id = p.receipt_id WHERE p.loan_id = ?1",
    )?;
    for row in stmt.query_map([loan_id], |r| {
        Ok((
            r.get::<_, NaiveDate>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })? {
        let (on, amount, number, reversed) = row?;
        out.push(Event {
            at: on.and_hms_opt(0, 0, 0).unwrap_or_default(),
            kind: EventKind::Payment,
            text: format!(
                "ใบเสร็จ {number} {} บาท{}",
                Satang(amount),
                if reversed { " (ยกเลิกแล้ว)" } else { "" }
            ),
        });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(out)
}

/// A contact recorded outside the guards, for the compliance list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breached {
    pub id: i64,
    pub at: NaiveDateTime,
    pub person_id: i64,
    pub breach: String,
    pub reason: String,
    pub officer_id: Option<i64>,
}

pub fn compliance(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Breached>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, person_id, breach, breach_reason, officer_id FROM contact
         WHERE breach <> '' AND at BETWEEN ?1 AND ?2 ORDER BY at",
    )?;
    let to = to.and_hms_opt(23, 59, 59).unwrap_or_default();
    let rows = stmt.query_map(params![from.and_hms_opt(0, 0, 0).unwrap_or_default(), to], |r| {
        Ok(Breached {
            id: r.get(0)?,
            at: r.get(1)?,
            person_id: r.get(2)?,
            breach: r.get(3)?,
            reason: r.get(4)?,
            officer_id: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The last contact with a file's debtor about a loan, if any.
pub fn last_on(conn: &Connection, loan_id: i64) -> Result<Option<NaiveDateTime>> {
    Ok(conn
        .query_row("SELECT MAX(at) FROM contact WHERE loan_id = ?1", [loan_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The promise grace (days after the promised date a payment still keeps it).
pub fn grace_days(conn: &Connection) -> Result<u32> {
    Ok(settings::get_i64(conn, GRACE_DAYS_KEY, i64::from(promise::DEFAULT_GRACE_DAYS))?.max(0)
        as u32)
}
