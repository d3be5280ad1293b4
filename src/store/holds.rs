//! Collection holds (พักการติดตาม): one append-only record for every reason to stop chasing a
//! loan for a while. A hold may be backdated, is never edited or deleted, only ended once; while
//! it runs the queue, the ladder and the letter batches skip the loan and say why, and the law's
//! clocks keep running.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::clock;
use crate::domain::role::Permission;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    pub id: i64,
    pub loan_id: i64,
    pub reason: String,
    pub from_on: NaiveDate,
    pub until_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
}

impl Hold {
    /// Whether the hold stops collection on `day`.
    pub fn runs_on(&self, day: NaiveDate) -> bool {
        self.from_on <= day
            && self.until_on.is_none_or(|u| day <= u)
            && self.ended_on.is_none_or(|e| day < e)
    }
}

pub fn start(
    conn: &Connection,
    actor: &Actor,
    loan_id: i64,
    reason: &str,
    from_on: NaiveDate,
    until_on: Option<NaiveDate>,
) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลที่พักการติดตาม"));
    }
    if until_on.is_some_and(|u| u < from_on) {
        return Err(StoreError::refused("วันสิ้นสุดต้องไม่ก่อนวันเริ่มพักการติดตาม"));
    }
    conn.execute(
        "INSERT INTO collection_hold (loan_id, reason, from_on, until_on, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![loan_id, reason, from_on, until_on, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(conn, actor, "start_hold", "loan", Some(loan_id), reason)?;
    Ok(id)
}

pub fn end(conn: &Connection, actor: &Actor, id: i64, on: NaiveDate, reason: &str) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลที่สิ้นสุดการพักการติดตาม"));
    }
    let loan_id: Option<i64> = conn
        .query_row(
            "SELECT loan_id FROM collection_hold WHERE id = ?1 AND ended_on IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let loan_id = loan_id.ok_or_else(|| StoreError::refused("การพักการติดตามนี้สิ้นสุดไปแล้วหรือไม่มีอยู่"))?;
    conn.execute(
        "UPDATE collection_hold SET ended_on = ?2, ended_by = ?3, end_reason = ?4 WHERE id = ?1",
        params![id, on, actor.user_id, reason],
    )?;
    audit::append(conn, actor, "end_hold", "loan", Some(loan_id), reason)?;
    Ok(())
}

pub fn of_loan(conn: &Connection, loan_id: i64) -> Result<Vec<Hold>> {
    let mut stmt = conn.prepare(
        "SELECT id, loan_id, reason, from_on, until_on, ended_on FROM collection_hold WHERE loan_id = ?1 ORDER BY from_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok(Hold {
            id: r.get(0)?,
            loan_id: r.get(1)?,
            reason: r.get(2)?,
            from_on: r.get(3)?,
            until_on: r.get(4)?,
            ended_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The reason a loan is on hold on `day`, if it is.
pub fn reason_on(conn: &Connection, loan_id: i64, day: NaiveDate) -> Result<Option<String>> {
    Ok(of_loan(conn, loan_id)?.into_iter().find(|h| h.runs_on(day)).map(|h| h.reason))
}
