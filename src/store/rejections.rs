//! Guarding and rejecting pending proposals (issue 17 §B7): a loan has at most one proposal
//! waiting for approval (a consolidation draft, a debt transfer, a restructuring plan or a
//! residue write-off), and the treasurer or committee may reject a pending one with a reason; a
//! rejected proposal stays on record with who rejected it, when and why.

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
         UNION ALL
         SELECT 'write_off', w.id FROM residue_write_off w WHERE w.status = 'proposed' AND w.loan_id = ?1
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
        "write_off" => PendingKind::WriteOff,
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
        PendingKind::WriteOff => ("residue_write_off", "proposed", None),
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
        PendingKind::WriteOff => "reject_write_off",
    };
    audit::append(conn, actor, action, table, Some(id), reason)?;
    Ok(())
}

/// The rejection of a proposal, if it was rejected.
pub fn rejection(conn: &Connection, kind: PendingKind, id: i64) -> Result<Option<Rejection>> {
    let table = match kind {
        PendingKind::Plan => "plan",
        PendingKind::WriteOff => "residue_write_off",
        PendingKind::Consolidation | PendingKind::Transfer => "consolidation",
    };
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

/// A proposal that was rejected, as the approvals screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub kind: PendingKind,
    pub id: i64,
    /// The contract (or household draft) it was about.
    pub subject: String,
    pub member: String,
    pub prepared_by_name: String,
    pub rejection: Rejection,
}

impl Rejected {
    /// "แผนที่ 5", "ร่างรวมหนี้ที่ 3", as the pending list numbers them.
    pub fn number(&self) -> String {
        match self.kind {
            PendingKind::Consolidation => format!("ร่างรวมหนี้ที่ {}", self.id),
            PendingKind::Transfer => format!("โอนภาระหนี้ที่ {}", self.id),
            PendingKind::Plan => format!("แผนที่ {}", self.id),
            PendingKind::WriteOff => format!("ตัดยอดเศษสตางค์ที่ {}", self.id),
        }
    }
}

/// The most recently rejected proposals of every kind, newest first: they stay on record.
pub fn recent(conn: &Connection, limit: usize) -> Result<Vec<Rejected>> {
    const NAME: &str = "pe.title || pe.first_name || ' ' || pe.last_name";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.kind, c.id, COALESCE(c.contract_no, ''), {NAME}, COALESCE(u.full_name, ''),
                c.rejected_by, COALESCE(r.full_name, ''), c.rejected_at, c.rejection_reason
         FROM consolidation c JOIN person pe ON pe.id = c.borrower_id
         LEFT JOIN app_user u ON u.id = c.prepared_by LEFT JOIN app_user r ON r.id = c.rejected_by
         WHERE c.status = 'rejected'
         UNION ALL
         SELECT 'plan', pl.id, COALESCE(l.contract_no, c2.contract_no, ''), COALESCE({NAME}, ''), COALESCE(u.full_name, ''),
                pl.rejected_by, COALESCE(r.full_name, ''), pl.rejected_at, pl.rejection_reason
         FROM plan pl LEFT JOIN loan l ON l.id = pl.loan_id LEFT JOIN consolidation c2 ON c2.id = pl.consolidation_id
         LEFT JOIN person pe ON pe.id = COALESCE(l.borrower_id, c2.borrower_id)
         LEFT JOIN app_user u ON u.id = pl.prepared_by LEFT JOIN app_user r ON r.id = pl.rejected_by
         WHERE pl.status = 'rejected'
         UNION ALL
         SELECT 'write_off', w.id, l.contract_no, {NAME}, COALESCE(u.full_name, ''),
                w.rejected_by, COALESCE(r.full_name, ''), w.rejected_at, w.rejection_reason
         FROM residue_write_off w JOIN loan l ON l.id = w.loan_id JOIN person pe ON pe.id = l.borrower_id
         LEFT JOIN app_user u ON u.id = w.prepared_by LEFT JOIN app_user r ON r.id = w.rejected_by
         WHERE w.status = 'rejected'
         ORDER BY 8 DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(Rejected {
            kind: kind_of(&r.get::<_, String>(0)?),
            id: r.get(1)?,
            subject: r.get(2)?,
            member: r.get(3)?,
            prepared_by_name: r.get(4)?,
            rejection: Rejection {
                by: r.get(5)?,
                by_name: r.get(6)?,
                at: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                reason: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
