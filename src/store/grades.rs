//! Member grades from the ledger: how late each installment due in the last twelve months was
//! paid (the day its last part was allocated, or today while unpaid), days past due now, and the
//! watch period after a restructuring or consolidation; recomputed for one member when a payment
//! of theirs is recorded, or for everyone by `plodnee grades`.

use chrono::{Months, NaiveDate};
use rusqlite::{Connection, params};

use super::audit;
use super::error::Result;
use super::users::Actor;
use crate::domain::collections::grade::{self, History, Rules};
use crate::domain::person::Grade;

/// The history of one member as of `today`.
pub fn history(conn: &Connection, person_id: i64, today: NaiveDate) -> Result<History> {
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let mut stmt = conn.prepare_cached(
        "SELECT i.due_date,
                i.principal + i.interest <= i.principal_paid + i.interest_paid,
                (SELECT MAX(p.paid_on) FROM allocation a JOIN payment p ON p.id = a.payment_id
                  WHERE a.loan_id = i.loan_id AND a.installment_no = i.no AND a.part IN ('principal', 'interest')
                    AND NOT EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)),
                l.restructured_from IS NOT NULL OR l.tranche_of IS NOT NULL
         FROM loan l JOIN installment i ON i.loan_id = l.id
         WHERE l.borrower_id = ?1 AND l.status NOT IN ('voided', 'consolidated', 'restructured')
           AND i.due_date > ?2 AND i.due_date <= ?3 AND i.principal + i.interest > 0",
    )?;
    let mut h = History::default();
    let mut watched = false;
    let mut on_time = 0u32;
    let mut rows = stmt.query(params![person_id, since, today])?;
    while let Some(r) = rows.next()? {
        let due: NaiveDate = r.get(0)?;
        let paid: bool = r.get(1)?;
        let last_paid: Option<NaiveDate> = r.get(2)?;
        let new_terms: bool = r.get(3)?;
        let settled = if paid { last_paid.unwrap_or(due) } else { today };
        let late = (settled - due).num_days().max(0);
        h.worst_days_late = h.worst_days_late.max(late);
        h.installments += 1;
        if new_terms {
            watched = true;
            if paid && late == 0 {
                on_time += 1;
            }
        }
    }
    let oldest_unpaid: Option<NaiveDate> = conn.query_row(
        "SELECT MIN(next_unpaid_due) FROM loan WHERE borrower_id = ?1 AND status IN ('active', 'terminated', 'litigation')",
        [person_id],
        |r| r.get(0),
    )?;
    h.days_past_due = oldest_unpaid.map(|d| (today - d).num_days().max(0)).unwrap_or(0);
    h.on_watch = watched.then_some(on_time);
    Ok(h)
}

/// Recomputes one member's grade; returns it and whether it changed.
pub fn recompute(
    conn: &Connection,
    person_id: i64,
    today: NaiveDate,
) -> Result<(Grade, String, bool)> {
    let (g, why) = grade::grade(&history(conn, person_id, today)?, &Rules::default());
    let before: String =
        conn.query_row("SELECT grade FROM person WHERE id = ?1", [person_id], |r| r.get(0))?;
    conn.execute(
        "UPDATE person SET grade = ?2, grade_reason = ?3, grade_on = ?4 WHERE id = ?1",
        params![person_id, g.code(), why, today],
    )?;
    Ok((g, why, before != g.code()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Regraded {
    pub members: usize,
    pub changed: usize,
}

/// Every borrower's grade, in the caller's transaction, audited as one action.
pub fn recompute_all(conn: &Connection, actor: &Actor, today: NaiveDate) -> Result<Regraded> {
    let people: Vec<i64> = conn
        .prepare("SELECT DISTINCT borrower_id FROM loan ORDER BY borrower_id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Regraded::default();
    for id in people {
        out.members += 1;
        if recompute(conn, id, today)?.2 {
            out.changed += 1;
        }
    }
    audit::append(
        conn,
        actor,
        "recompute_grades",
        "person",
        None,
        &format!("{} คน เปลี่ยน {} คน", out.members, out.changed),
    )?;
    Ok(out)
}
