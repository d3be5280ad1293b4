//! What waits for a treasurer's or committee's approval: consolidation drafts, debt transfers and
//! proposed restructuring plans, with who prepared them (who therefore may not approve them).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingKind {
    Consolidation,
    Transfer,
    Plan,
}

impl std::fmt::Display for PendingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PendingKind::Consolidation => "รวมหนี้ครัวเรือน",
            PendingKind::Transfer => "โอนภาระหนี้",
            PendingKind::Plan => "แผนปรับโครงสร้างหนี้",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub kind: PendingKind,
    pub id: i64,
    pub household_id: Option<i64>,
    /// The member or contract it is about.
    pub subject: String,
    pub as_of: NaiveDate,
    pub prepared_by: Option<i64>,
    pub prepared_by_name: String,
    pub prepared_at: String,
}

pub fn pending(conn: &Connection) -> Result<Vec<Pending>> {
    let mut stmt = conn.prepare(
        "SELECT c.kind, c.id, c.household_id, p.title || p.first_name || ' ' || p.last_name, c.as_of, c.prepared_by, COALESCE(u.full_name, ''), c.prepared_at
         FROM consolidation c JOIN person p ON p.id = c.borrower_id LEFT JOIN app_user u ON u.id = c.prepared_by
         WHERE c.status = 'draft'
         UNION ALL
         SELECT 'plan', pl.id, pe.household_id, COALESCE(l.contract_no, c2.contract_no, ''), pl.as_of, pl.prepared_by, COALESCE(u.full_name, ''), pl.prepared_at
         FROM plan pl LEFT JOIN loan l ON l.id = pl.loan_id LEFT JOIN consolidation c2 ON c2.id = pl.consolidation_id
         LEFT JOIN person pe ON pe.id = COALESCE(l.borrower_id, c2.borrower_id) LEFT JOIN app_user u ON u.id = pl.prepared_by
         WHERE pl.status = 'proposed'
         ORDER BY 8",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        Ok(Pending {
            kind: match kind.as_str() {
                "consolidate" => PendingKind::Consolidation,
                "transfer" => PendingKind::Transfer,
                _ => PendingKind::Plan,
            },
            id: r.get(1)?,
            household_id: r.get(2)?,
            subject: r.get(3)?,
            as_of: r.get(4)?,
            prepared_by: r.get(5)?,
            prepared_by_name: r.get(6)?,
            prepared_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
