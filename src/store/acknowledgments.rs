//! Debt acknowledgments (หนังสือรับสภาพหนี้) signed by debtors: each starts prescription anew
//! (ป.พ.พ. มาตรา 193/14 (1)). Recorded once signed, never edited or deleted.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::{Result, StoreError};
use super::users::Actor;
use super::{audit, loans};
use crate::clock;
use crate::domain::Satang;
use crate::domain::role::Permission;

/// Records the day the debtor signed an acknowledgment of `amount` (the debt it states).
pub fn record(
    conn: &Connection,
    actor: &Actor,
    loan_id: i64,
    signed_on: NaiveDate,
    amount: Satang,
    letter_id: Option<i64>,
    today: NaiveDate,
) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    let loan = loans::get(conn, loan_id)?;
    if signed_on > today {
        return Err(StoreError::refused("วันที่ลงนามต้องไม่เกินวันนี้"));
    }
    if signed_on < loan.start {
        return Err(StoreError::refused("วันที่ลงนามต้องไม่ก่อนวันเริ่มสัญญา"));
    }
    conn.execute(
        "INSERT INTO debt_acknowledgment (loan_id, signed_on, amount, letter_id, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![loan_id, signed_on, amount.0, letter_id, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "record_acknowledgment",
        "debt_acknowledgment",
        Some(id),
        &format!("สัญญา {} ลงนาม {} ยอด {} บาท", loan.contract_no, signed_on, amount),
    )?;
    Ok(id)
}

/// The days a loan's debtor signed acknowledgments, oldest first.
pub fn dates(conn: &Connection, loan_id: i64) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT signed_on FROM debt_acknowledgment WHERE loan_id = ?1 ORDER BY signed_on",
    )?;
    Ok(stmt.query_map([loan_id], |r| r.get(0))?.collect::<Result<_, _>>()?)
}
