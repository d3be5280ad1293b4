//! Corrections a complaint starts (issue 16 §3): when the response finds a disputed amount wrong,
//! the correction goes through the product's own paths, never an edit. A payment recorded wrongly
//! is undone by the receipt reversal (its reason cites the complaint number); an amount to be
//! reduced becomes a residue write-off proposal that waits in the approvals list for someone
//! other than its maker. Each is linked to the complaint in `complaint_correction`; the complaint
//! cannot be closed while a linked proposal is still waiting for approval.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::header;
use crate::clock;
use crate::store::audit;
use crate::store::error::{Result, StoreError};
use crate::store::users::Actor;
use crate::store::{ledger, write_offs};

/// What a correction is: a reversed receipt or a write-off proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    Reversal,
    WriteOff,
}

impl CorrectionKind {
    pub fn thai(self) -> &'static str {
        match self {
            CorrectionKind::Reversal => "ยกเลิกใบเสร็จ",
            CorrectionKind::WriteOff => "ตัดยอดเศษสตางค์",
        }
    }
}

/// One correction a complaint started, with the state of what it started.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Correction {
    pub id: i64,
    pub kind: CorrectionKind,
    /// The receipt number reversed, or the contract of the write-off proposal.
    pub subject: String,
    pub write_off_id: Option<i64>,
    /// `done` (a reversal takes effect at once), or the write-off's `proposed`, `approved`, `rejected`.
    pub status: String,
    /// The state in Thai, for the complaint file.
    pub state: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

impl Correction {
    /// Whether it still waits for an approver.
    pub fn pending(&self) -> bool {
        self.status == "proposed"
    }
}

/// The complaint must be one whose response corrected the amount, and not closed.
fn correctable(conn: &Connection, id: i64) -> Result<String> {
    let (step, outcome): (String, Option<String>) = conn
        .query_row("SELECT step, amount_outcome FROM complaint WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|_| StoreError::not_found("เรื่องร้องเรียน"))?;
    let h = header(conn, id)?;
    if step == "close" {
        return Err(StoreError::refused(format!("เรื่องร้องเรียนเลขที่ {} ปิดแล้ว", h.no)));
    }
    if outcome.as_deref() != Some("corrected") {
        return Err(StoreError::refused("เริ่มการแก้ไขยอดได้เมื่อแจ้งผลว่ายอดหนี้ต้องแก้ไขแล้วเท่านั้น"));
    }
    Ok(h.no)
}

fn complaint_has_loan(conn: &Connection, id: i64, loan_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM complaint_loan WHERE complaint_id = ?1 AND loan_id = ?2)",
        params![id, loan_id],
        |r| r.get(0),
    )?)
}

/// What a correction started: the receipt reversed or the write-off proposed.
enum Started {
    Reversal(i64),
    WriteOff(i64),
}

fn link(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    started: Started,
    reason: &str,
    detail: &str,
) -> Result<i64> {
    let (code, receipt_id, write_off_id) = match started {
        Started::Reversal(r) => ("reversal", Some(r), None),
        Started::WriteOff(w) => ("write_off", None, Some(w)),
    };
    conn.execute(
        "INSERT INTO complaint_correction (complaint_id, kind, receipt_id, write_off_id, reason, by_user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, code, receipt_id, write_off_id, reason, actor.user_id, clock::now_stamp()],
    )?;
    let cid = conn.last_insert_rowid();
    audit::append(conn, actor, "complaint_correct", "complaint", Some(id), detail)?;
    Ok(cid)
}

/// Reverses the receipt of a payment recorded wrongly on a loan the complaint disputes (the
/// ledger's reversal: a new linked record, the payment itself untouched). The reason given is
/// kept with the complaint number in front, so the receipt register says why.
pub fn correct_by_reversal(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    payment_id: i64,
    reason: &str,
) -> Result<i64> {
    let no = correctable(conn, id)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ"));
    }
    let (receipt_id, loan_id, receipt_no): (i64, i64, String) = conn
        .query_row(
            "SELECT p.receipt_id, p.loan_id, r.receipt_no FROM payment p JOIN receipt r ON r.id = p.receipt_id
             WHERE p.id = ?1",
            [payment_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|_| StoreError::not_found("รายการรับชำระ"))?;
    if !complaint_has_loan(conn, id, loan_id)? {
        return Err(StoreError::refused(
            "รายการรับชำระนี้ไม่ใช่ของสัญญาที่ร้องเรียน เลือกรายการของสัญญาที่ร้องเรียน",
        ));
    }
    let full = format!("แก้ไขตามเรื่องร้องเรียนเลขที่ {no}: {}", reason.trim());
    ledger::reverse_receipt(conn, actor, receipt_id, &full)?;
    link(
        conn,
        actor,
        id,
        Started::Reversal(receipt_id),
        &full,
        &format!("{no} ยกเลิกใบเสร็จ {receipt_no}"),
    )
}

/// Proposes the write-off of what remains on a loan the complaint disputes (the approvals
/// list's residue write-off, approved by someone other than the maker).
pub fn correct_by_write_off(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    loan_id: i64,
    on: NaiveDate,
) -> Result<i64> {
    let no = correctable(conn, id)?;
    if !complaint_has_loan(conn, id, loan_id)? {
        return Err(StoreError::refused("สัญญานี้ไม่ใช่สัญญาที่ร้องเรียน"));
    }
    let w = write_offs::propose(conn, actor, loan_id, on)?;
    let contract = write_offs::get(conn, w)?.contract_no;
    link(
        conn,
        actor,
        id,
        Started::WriteOff(w),
        &format!("แก้ไขตามเรื่องร้องเรียนเลขที่ {no}"),
        &format!("{no} เสนอตัดยอดเศษสตางค์สัญญา {contract}"),
    )
}

/// What a complaint started, oldest first, with the state of each.
pub fn corrections(conn: &Connection, id: i64) -> Result<Vec<Correction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.kind, COALESCE(r.receipt_no, ''), c.write_off_id, c.reason,
                COALESCE(u.full_name, 'ระบบ'), c.at
         FROM complaint_correction c LEFT JOIN receipt r ON r.id = c.receipt_id
         LEFT JOIN app_user u ON u.id = c.by_user WHERE c.complaint_id = ?1 ORDER BY c.id",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            let kind: String = r.get(1)?;
            Ok((
                r.get::<_, i64>(0)?,
                kind,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (cid, kind, receipt_no, write_off_id, reason, by, at) in rows {
        let c = match write_off_id {
            Some(w) if kind == "write_off" => {
                let w = write_offs::get(conn, w)?;
                Correction {
                    id: cid,
                    kind: CorrectionKind::WriteOff,
                    subject: w.contract_no.clone(),
                    write_off_id: Some(w.id),
                    state: w.status_label().to_string(),
                    status: w.status,
                    reason,
                    by,
                    at,
                }
            }
            _ => Correction {
                id: cid,
                kind: CorrectionKind::Reversal,
                subject: receipt_no,
                write_off_id: None,
                status: "done".into(),
                state: "ยกเลิกแล้ว".into(),
                reason,
                by,
                at,
            },
        };
        out.push(c);
    }
    Ok(out)
}

/// Refuses closing a complaint while a correction it started still waits for approval.
pub(super) fn refuse_close_if_pending(conn: &Connection, id: i64, no: &str) -> Result<()> {
    if let Some(c) = corrections(conn, id)?.into_iter().find(Correction::pending) {
        return Err(StoreError::refused(format!(
            "ยังปิดเรื่องร้องเรียนเลขที่ {no} ไม่ได้ การแก้ไขยอด ({} สัญญา {}) ยังรออนุมัติ",
            c.kind.thai(),
            c.subject
        )));
    }
    Ok(())
}
