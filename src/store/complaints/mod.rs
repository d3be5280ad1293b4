//! Complaints (ข้อร้องเรียน) along ISO 10002: registering one with its number of the B.E. year,
//! each step recorded once with who and when, the collection hold a disputed amount puts on its
//! loans while open, and the complainant's identity shown only to the committee and the handler
//! (each look is in the audit log). Every action here runs inside the caller's one transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

mod attachments;
mod corrections;
mod file;
mod privacy;
mod register;
mod report;
mod rows;
mod steps;
mod targets;

pub use attachments::{
    Attachment, Withdrawal, attach, attachment_count, attachments, open_attachment,
    withdraw_attachment,
};
pub use corrections::{
    Correction, CorrectionKind, correct_by_reversal, correct_by_write_off, corrections,
};
pub use file::{File, StepRow, get};
pub use privacy::{Identity, addressee, reveal};
pub use register::{
    Complainant, Field, Invalid, NewComplaint, Registered, register, register_as_of,
};
pub use report::{Lesson, MonthCount, Repeat, Report, StepTime, report};
use rows::{Cal, RAW, raw};
pub use rows::{Row, list, of_person, overdue_count};
pub use steps::{StepInput, step, step_as_of};
pub use targets::{set_target, set_targets, targets};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use super::{holds, holidays, settings};
use crate::clock;
use crate::domain::complaints::privacy::{may_handle, may_see_identity};
use crate::domain::complaints::steps::Due;
use crate::domain::complaints::{
    Category, Channel, Satisfaction, Severity, Step, Targets, Workflow, mask_name,
};
use crate::domain::role::Permission;
use crate::domain::thai::date::be_year;

/// What lists show for a complaint made without a name.
pub const ANONYMOUS: &str = "ไม่ประสงค์ออกนาม";

/// "1/2569": the number of the complaint within its B.E. year.
pub fn number(no: i64, be_year: i32) -> String {
    format!("{no}/{be_year}")
}

fn parse_number(text: &str) -> Option<(i64, i32)> {
    let text = crate::domain::thai::digits::to_ascii_digits(text.trim());
    let (no, year) = text.split_once('/')?;
    Some((no.trim().parse().ok()?, year.trim().parse().ok()?))
}

/// The complaint numbered `text` ("1/2569").
pub fn by_number(conn: &Connection, text: &str) -> Result<i64> {
    let (no, year) = parse_number(text)
        .ok_or_else(|| StoreError::refused("เลขที่เรื่องร้องเรียนต้องเป็นแบบ ลำดับ/ปี พ.ศ. เช่น 1/2569"))?;
    conn.query_row(
        "SELECT id FROM complaint WHERE no = ?1 AND be_year = ?2",
        params![no, year],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found(format!("เรื่องร้องเรียนเลขที่ {no}/{year}")))
}

fn hold_reason(no: &str) -> String {
    format!("เรื่องร้องเรียนเลขที่ {no}: โต้แย้งยอดหนี้")
}

fn record_step(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    step: Step,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO complaint_step (complaint_id, step, on_date, note, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, step.code(), on, note.trim(), actor.user_id, clock::now_stamp()],
    )?;
    conn.execute("UPDATE complaint SET step = ?2 WHERE id = ?1", params![id, step.code()])?;
    Ok(())
}

fn workflow(conn: &Connection, id: i64) -> Result<Workflow> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, on_date FROM complaint_step WHERE complaint_id = ?1 ORDER BY id",
    )?;
    let steps = stmt
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?)))?
        .filter_map(|r| r.ok())
        .filter_map(|(s, d)| Step::from_code(&s).map(|s| (s, d)))
        .collect();
    Ok(Workflow { steps })
}

struct Header {
    no: String,
    category: Category,
    about: Option<i64>,
    handler: Option<i64>,
}

fn header(conn: &Connection, id: i64) -> Result<Header> {
    conn.query_row(
        "SELECT no, be_year, category, about_user_id, handler_id FROM complaint WHERE id = ?1",
        [id],
        |r| {
            Ok(Header {
                no: number(r.get(0)?, r.get(1)?),
                category: Category::from_code(&r.get::<_, String>(2)?).unwrap_or(Category::Other),
                about: r.get(3)?,
                handler: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("เรื่องร้องเรียน"))
}

fn open_holds(conn: &Connection, id: i64) -> Result<Vec<(i64,)>> {
    let mut stmt = conn.prepare(
        "SELECT h.id FROM complaint_loan cl JOIN collection_hold h ON h.id = cl.hold_id
         WHERE cl.complaint_id = ?1 AND h.ended_on IS NULL",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?,)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn loan_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare("SELECT loan_id FROM complaint_loan WHERE complaint_id = ?1 ORDER BY loan_id")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
