//! What waits for a treasurer's or committee's approval: consolidation drafts, debt transfers and
//! proposed restructuring plans and residue write-offs, with who prepared them (who therefore may not approve them).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::error::Result;
use super::{consolidations, loans, plans, transfers, write_offs};
use crate::domain::Satang;
use crate::domain::consolidation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingKind {
    Consolidation,
    Transfer,
    Plan,
    /// A residue below the arrears tolerance proposed for write-off (ตัดยอดเศษสตางค์).
    WriteOff,
}

impl std::fmt::Display for PendingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PendingKind::Consolidation => "รวมหนี้ครัวเรือน",
            PendingKind::Transfer => "โอนภาระหนี้",
            PendingKind::Plan => "แผนปรับโครงสร้างหนี้",
            PendingKind::WriteOff => "ตัดยอดเศษสตางค์",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub kind: PendingKind,
    pub id: i64,
    /// What tells two rows apart: "ร่างรวมหนี้ที่ 3", "แผนที่ 5", "โอนภาระหนี้ที่ 2".
    pub number: String,
    pub household_id: Option<i64>,
    /// The member or contract it is about.
    pub subject: String,
    /// The member concerned: the new contract's borrower, the plan's or the transfer's borrower.
    pub member: String,
    /// What the proposal is about in money: the new principal (plus carried arrears), the
    /// plan's principal and carried parts, or the transferred loan's outstanding principal.
    pub amount: Satang,
    /// The regular installment and the number of installments (none for a transfer).
    pub installment: Satang,
    pub periods: u32,
    pub as_of: NaiveDate,
    pub prepared_by: Option<i64>,
    pub prepared_by_name: String,
    pub prepared_at: String,
}

pub fn pending(conn: &Connection) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare(
        "SELECT c.kind, c.id, c.household_id, p.title || p.first_name || ' ' || p.last_name, c.as_of, c.prepared_by, COALESCE(u.full_name, ''), c.prepared_at,
           p.title || p.first_name || ' ' || p.last_name
         FROM consolidation c JOIN person p ON p.id = c.borrower_id LEFT JOIN app_user u ON u.id = c.prepared_by
         WHERE c.status = 'draft'
         UNION ALL
         SELECT 'plan', pl.id, pe.household_id, COALESCE(l.contract_no, c2.contract_no, ''), pl.as_of, pl.prepared_by, COALESCE(u.full_name, ''), pl.prepared_at,
           COALESCE(pe.title || pe.first_name || ' ' || pe.last_name, '')
         FROM plan pl LEFT JOIN loan l ON l.id = pl.loan_id LEFT JOIN consolidation c2 ON c2.id = pl.consolidation_id
         LEFT JOIN person pe ON pe.id = COALESCE(l.borrower_id, c2.borrower_id) LEFT JOIN app_user u ON u.id = pl.prepared_by
         WHERE pl.status = 'proposed'
         UNION ALL
         SELECT 'write_off', w.id, pw.household_id, l2.contract_no, w.as_of, w.prepared_by, COALESCE(u.full_name, ''), w.prepared_at,
           pw.title || pw.first_name || ' ' || pw.last_name
         FROM residue_write_off w JOIN loan l2 ON l2.id = w.loan_id JOIN person pw ON pw.id = l2.borrower_id
         LEFT JOIN app_user u ON u.id = w.prepared_by
         WHERE w.status = 'proposed'
         ORDER BY 8",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        let kind = match kind.as_str() {
            "consolidate" => PendingKind::Consolidation,
            "transfer" => PendingKind::Transfer,
            "write_off" => PendingKind::WriteOff,
            _ => PendingKind::Plan,
        };
        let id: i64 = r.get(1)?;
        Ok(Pending {
            kind,
            id,
            number: String::new(),
            household_id: r.get(2)?,
            subject: r.get(3)?,
            member: r.get(8)?,
            amount: Satang::ZERO,
            installment: Satang::ZERO,
            periods: 0,
            as_of: r.get(4)?,
            prepared_by: r.get(5)?,
            prepared_by_name: r.get(6)?,
            prepared_at: r.get(7)?,
        })
    })?;
    let mut out: Vec<Pending> = rows.collect::<Result<_, _>>()?;
    for p in &mut out {
        summarise(conn, p)?;
    }
    Ok(out)
}

/// Fills in the number and the amounts of a pending row from its own record.
fn summarise(conn: &Connection, p: &mut Pending) -> Result<()> {
    match p.kind {
        PendingKind::Consolidation => {
            p.number = format!("ร่างรวมหนี้ที่ {}", p.id);
            let rec = consolidations::get(conn, p.id)?;
            if let Ok(c) = consolidation::build(&rec.proposal) {
                p.amount = c.new_principal() + c.carried();
                p.installment = c.first_installment();
                p.periods = c.periods;
            }
        }
        PendingKind::Transfer => {
            p.number = format!("โอนภาระหนี้ที่ {}", p.id);
            let rec = transfers::get(conn, p.id)?;
            let loan = loans::get(conn, rec.transfer.loan_id)?;
            p.amount = loan.outstanding;
            p.subject = format!("สัญญา {} โอนให้ {}", loan.contract_no, p.subject);
            p.member = loan.borrower_name;
        }
        PendingKind::Plan => {
            p.number = format!("แผนที่ {}", p.id);
            let rec = plans::get(conn, p.id)?;
            p.amount = rec.plan.principal + rec.plan.carried;
            p.installment = rec.plan.regular_installment();
            p.periods = rec.plan.periods();
        }
        PendingKind::WriteOff => {
            p.number = format!("ตัดยอดเศษสตางค์ที่ {}", p.id);
            p.amount = write_offs::get(conn, p.id)?.amount;
        }
    }
    Ok(())
}
