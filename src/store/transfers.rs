//! Transfer of debt burden (โอนภาระหนี้): one loan moves from one member to another of the same
//! household (death, moving away), prepared by one user and approved by another, like a
//! consolidation.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::audit;
use super::consolidations::fingerprint;
use super::error::{Result, StoreError};
use super::loans;
use super::users::Actor;
use crate::clock;
use crate::domain::role::Permission;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub loan_id: i64,
    pub from_person: i64,
    pub to_person: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub status: String,
    pub transfer: Transfer,
    pub prepared_by: Option<i64>,
    pub fingerprint: String,
    pub approved_at: Option<String>,
}

pub fn prepare(
    conn: &Connection,
    actor: &Actor,
    loan_id: i64,
    to_person: i64,
    reason: &str,
    today: NaiveDate,
) -> Result<i64> {
    actor.require(Permission::Prepare)?;
    let loan = loans::get(conn, loan_id)?;
    if !loan.status.is_open() {
        return Err(StoreError::refused(format!(
            "สัญญา {} {} โอนภาระหนี้ไม่ได้",
            loan.contract_no, loan.status
        )));
    }
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลของการโอนภาระหนี้"));
    }
    super::rejections::refuse_if_pending(conn, &[loan_id])?;
    if to_person == loan.borrower_id {
        return Err(StoreError::refused("ผู้รับโอนต้องไม่ใช่ผู้กู้คนเดิม"));
    }
    let ok: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM person WHERE id = ?1 AND household_id = ?2 AND deceased = 0)",
        params![to_person, loan.household_id],
        |r| r.get(0),
    )?;
    if !ok {
        return Err(StoreError::refused("ผู้รับโอนต้องเป็นสมาชิกที่ยังมีชีวิตในครัวเรือนเดียวกัน"));
    }
    let t = Transfer {
        loan_id,
        from_person: loan.borrower_id,
        to_person,
        reason: reason.trim().to_string(),
    };
    let json = serde_json::to_string(&t).map_err(|e| StoreError::refused(e.to_string()))?;
    conn.execute(
        "INSERT INTO consolidation (kind, household_id, status, as_of, borrower_id, proposal_json, fingerprint, note, prepared_by, prepared_at)
         VALUES ('transfer', ?1, 'draft', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![loan.household_id, today, to_person, json, fingerprint(conn, &[loan_id])?, t.reason, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "prepare_transfer",
        "consolidation",
        Some(id),
        &format!("{} → {}", loan.contract_no, to_person),
    )?;
    Ok(id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Record> {
    conn.query_row(
        "SELECT id, status, proposal_json, prepared_by, fingerprint, approved_at FROM consolidation WHERE id = ?1 AND kind = 'transfer'",
        [id],
        |r| {
            let json: String = r.get(2)?;
            let transfer = serde_json::from_str(&json).map_err(|e| rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e)))?;
            Ok(Record { id: r.get(0)?, status: r.get(1)?, transfer, prepared_by: r.get(3)?, fingerprint: r.get(4)?, approved_at: r.get(5)? })
        },
    )
    .map_err(|_| StoreError::not_found("รายการโอนภาระหนี้"))
}

pub fn approve(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    resolution_no: &str,
    resolution_on: NaiveDate,
) -> Result<()> {
    let rec = get(conn, id)?;
    if rec.status != "draft" {
        return Err(StoreError::refused("อนุมัติได้เฉพาะรายการที่ยังไม่อนุมัติ"));
    }
    actor.approve_checked(rec.prepared_by, resolution_no)?;
    if fingerprint(conn, &[rec.transfer.loan_id])? != rec.fingerprint {
        return Err(StoreError::refused("สัญญามีความเคลื่อนไหวหลังจัดทำรายการ กรุณาจัดทำใหม่"));
    }
    conn.execute(
        "UPDATE loan SET borrower_id = ?2 WHERE id = ?1",
        params![rec.transfer.loan_id, rec.transfer.to_person],
    )?;
    conn.execute(
        "UPDATE consolidation SET status = 'approved', approved_by = ?2, approved_at = ?3, resolution_no = ?4, resolution_on = ?5 WHERE id = ?1",
        params![id, actor.user_id, clock::now_stamp(), resolution_no.trim(), resolution_on],
    )?;
    audit::append(
        conn,
        actor,
        "approve_transfer",
        "loan",
        Some(rec.transfer.loan_id),
        &format!(
            "{} → {} มติ {}",
            rec.transfer.from_person,
            rec.transfer.to_person,
            resolution_no.trim()
        ),
    )?;
    Ok(())
}

/// Undoes an approved transfer (committee, with a reason): the loan returns to its first borrower.
pub fn reverse(conn: &Connection, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(Permission::ReverseApproval)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผล"));
    }
    let rec = get(conn, id)?;
    if rec.status != "approved" {
        return Err(StoreError::refused("ยกเลิกได้เฉพาะรายการที่อนุมัติแล้ว"));
    }
    conn.execute(
        "UPDATE loan SET borrower_id = ?2 WHERE id = ?1",
        params![rec.transfer.loan_id, rec.transfer.from_person],
    )?;
    conn.execute(
        "UPDATE consolidation SET status = 'reversed', reversed_by = ?2, reversed_at = ?3, reversal_reason = ?4 WHERE id = ?1",
        params![id, actor.user_id, clock::now_stamp(), reason.trim()],
    )?;
    audit::append(
        conn,
        actor,
        "reverse_transfer",
        "loan",
        Some(rec.transfer.loan_id),
        reason.trim(),
    )?;
    Ok(())
}
