//! Guarding and rejecting pending proposals (issue 17 §B7): a loan has at most one proposal
//! waiting for approval (a consolidation draft, a debt transfer or a restructuring plan), and the
//! treasurer or committee may reject a pending one with a reason; a rejected proposal stays on
//! record with who rejected it, when and why.

use rusqlite::{Connection, OptionalExtension, params};

use super::approvals::PendingKind;
use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::clock;
use crate::domain::role::Permission;

/// The pending proposal that already covers one of these loans, named for the user
/// ("แผนปรับโครงสร้างหนี้ เลขที่ 5"), if any.
pub fn pending_on(conn: &Connection, loan_ids: &[i64]) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'consolidate', c.id FROM consolidation c, json_each(c.proposal_json, '$.proposal.loans') j
           WHERE c.kind = 'consolidate' AND c.status = 'draft' AND json_extract(j.value, '$.loan_id') = ?1
         UNION ALL
         SELECT 'transfer', c.id FROM consolidation c
           WHERE c.kind = 'transfer' AND c.status = 'draft' AND json_extract(c.proposal_json, '$.loan_id') = ?1
         UNION ALL
         SELECT 'plan', p.id FROM plan p
           WHERE p.status = 'proposed' AND (p.loan_id = ?1
             OR p.consolidation_id = (SELECT tranche_of FROM loan WHERE id = ?1))
         LIMIT 1",
    )?;
    for id in loan_ids {
        let found: Option<(String, i64)> =
            stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        if let Some((kind, n)) = found {
            return Ok(Some(format!("{} เลขที่ {n}", kind_of(&kind))));
        }
    }
    Ok(None)
}

fn kind_of(code: &str) -> PendingKind {
    match code {
        "consolidate" => PendingKind::Consolidation,
        "transfer" => PendingKind::Transfer,
        _ => PendingKind::Plan,
    }
}

/// Refuses a second proposal on a loan that already has one waiting for approval.
pub fn refuse_if_pending(conn: &Connection, loan_ids: &[i64]) -> Result<()> {
    match pending_on(conn, loan_ids)? {
        Some(what) => Err(StoreError::refused(format!(
            "สัญญานี้มีรายการรออนุมัติอยู่แล้ว ({what}) ต้องอนุมัติหรือไม่อนุมัติรายการนั้นก่อนจึงจะเสนอใหม่ได้"
        ))),
        None => Ok(()),
    }
}

/// Who rejected a proposal, when and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub by: Option<i64>,
    pub by_name: String,
    pub at: String,
    pub reason: String,
}

/// Rejects a pending proposal: the treasurer or committee, not its preparer, with a reason.
pub fn reject(
    conn: &Connection,
    actor: &Actor,
    kind: PendingKind,
    id: i64,
    reason: &str,
) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลที่ไม่อนุมัติ"));
    }
    let (table, pending, kind_code) = match kind {
        PendingKind::Consolidation => ("consolidation", "draft", Some("consolidate")),
        PendingKind::Transfer => ("consolidation", "draft", Some("transfer")),
        PendingKind::Plan => ("plan", "proposed", None),
    };
    let kind_filter = kind_code.map(|k| format!(" AND kind = '{k}'")).unwrap_or_default();
    let row: Option<(String, Option<i64>)> = conn
        .query_row(
            &format!("SELECT status, prepared_by FROM {table} WHERE id = ?1{kind_filter}"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((status, prepared_by)) = row else {
        return Err(StoreError::not_found(kind.to_string()));
    };
    if status != pending {
        return Err(StoreError::refused("ไม่อนุมัติได้เฉพาะรายการที่ยังรออนุมัติ"));
    }
    let (Some(rejecter), Some(preparer)) = (actor.user_id, prepared_by) else {
        return Err(StoreError::refused("การไม่อนุมัติต้องทำโดยผู้ใช้ที่ลงชื่อเข้าใช้"));
    };
    actor.require(Permission::Approve)?;
    crate::domain::role::check_approval(preparer, rejecter, actor.role)
        .map_err(|_| StoreError::refused("ผู้จัดทำไม่อนุมัติรายการของตนเองไม่ได้ ต้องให้ผู้อื่นพิจารณา"))?;
    conn.execute(
        &format!(
            "UPDATE {table} SET status = 'rejected', rejected_by = ?2, rejected_at = ?3, rejection_reason = ?4 WHERE id = ?1"
        ),
        params![id, rejecter, clock::now_stamp(), reason],
    )?;
    let action = match kind {
        PendingKind::Consolidation => "reject_consolidation",
        PendingKind::Transfer => "reject_transfer",
        PendingKind::Plan => "reject_plan",
    };
    audit::append(conn, actor, action, table, Some(id), reason)?;
    Ok(())
}

/// The rejection of a proposal, if it was rejected.
pub fn rejection(conn: &Connection, kind: PendingKind, id: i64) -> Result<Option<Rejection>> {
    let table = if kind == PendingKind::Plan { "plan" } else { "consolidation" };
    Ok(conn
        .query_row(
            &format!(
                "SELECT t.rejected_by, COALESCE(u.full_name, ''), t.rejected_at, t.rejection_reason FROM {table} t
                 LEFT JOIN app_user u ON u.id = t.rejected_by WHERE t.id = ?1 AND t.status = 'rejected'
                   AND t.rejected_at IS NOT NULL"
            ),
            [id],
            |r| Ok(Rejection { by: r.get(0)?, by_name: r.get(1)?, at: r.get(2)?, reason: r.get(3)? }),
        )
        .optional()?)
}
