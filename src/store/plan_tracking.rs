//! Tracking approved plans: each plan's stage (ยึด ลด ปลด หมดหนี้) and health from its loans'
//! payments, release shares earned, and what breaking the plan costs (the set-aside not yet
//! released becomes owed again, as a charge on the plan's loans).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::{Result, StoreError};
use super::plans::{self, Record};
use super::{Actor, audit, ledger, loans};
use crate::clock;
use crate::domain::Satang;
use crate::domain::consolidation::split_pro_rata;
use crate::domain::plan_progress::{self, Health, Progress};
use crate::domain::statement::InstallmentState;

/// The loans an approved plan created.
pub fn plan_loans(conn: &Connection, plan_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT loan_id FROM plan_loan WHERE plan_id = ?1 ORDER BY loan_id",
    )?;
    let rows = stmt.query_map([plan_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The household's installments: installment k is paid when every loan's k-th is. A fund's small
/// part may have fewer installments than the others (none of 0.00): the longest sets the dates.
fn merged(states: &[Vec<InstallmentState>]) -> Vec<InstallmentState> {
    let Some(longest) = (0..states.len()).max_by_key(|i| (states[*i].len(), std::cmp::Reverse(*i)))
    else {
        return Vec::new();
    };
    states[longest]
        .iter()
        .enumerate()
        .map(|(k, base)| {
            let mut m = base.clone();
            for other in states.iter().enumerate().filter(|(i, _)| *i != longest).map(|(_, s)| s) {
                if let Some(o) = other.get(k) {
                    m.principal += o.principal;
                    m.interest += o.interest;
                    m.principal_paid += o.principal_paid;
                    m.interest_paid += o.interest_paid;
                    m.paid_on = match (m.paid_on, o.paid_on) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        _ => None,
                    };
                }
            }
            m
        })
        .collect()
}

/// One approved plan's progress as of a date, without recording it (what the files show).
pub fn progress(conn: &Connection, plan_id: i64, as_of: NaiveDate) -> Result<Progress> {
    let rec = plans::get(conn, plan_id)?;
    progress_of(conn, &rec, &plan_loans(conn, plan_id)?, as_of)
}

fn progress_of(conn: &Connection, rec: &Record, ids: &[i64], as_of: NaiveDate) -> Result<Progress> {
    if rec.status != "approved" {
        return Err(StoreError::refused("ติดตามได้เฉพาะแผนที่อนุมัติแล้ว"));
    }
    let mut states = Vec::with_capacity(ids.len());
    for id in ids {
        let loan = loans::get(conn, *id)?;
        states.push(loans::statement(conn, &loan, as_of.max(loan.start))?.installments);
    }
    let tolerance = super::settings::tolerance(conn)?;
    Ok(plan_progress::evaluate(rec.plan.release, &merged(&states), as_of, tolerance))
}

/// Evaluates one approved plan as of a date and records the result.
pub fn evaluate(conn: &Connection, plan_id: i64, as_of: NaiveDate) -> Result<Progress> {
    let rec = plans::get(conn, plan_id)?;
    let ids = plan_loans(conn, plan_id)?;
    let progress = progress_of(conn, &rec, &ids, as_of)?;
    for (k, m) in progress.milestones.iter().enumerate() {
        if let Some(on) = m.earned_on {
            conn.execute(
                "INSERT OR IGNORE INTO plan_release (plan_id, milestone, amount, earned_on) VALUES (?1, ?2, ?3, ?4)",
                params![plan_id, k as i64 + 1, m.share.0, on],
            )?;
        }
    }
    if let Some(broken_on) = progress.broken_on
        && rec.broken_on.is_none()
        && progress.cancelled.is_positive()
    {
        reinstate(conn, &rec, &ids, progress.cancelled, broken_on)?;
    }
    conn.execute(
        "UPDATE plan SET stage = ?2, health = ?3, released = ?4, cancelled = ?5, broken_on = ?6, evaluated_on = ?7 WHERE id = ?1",
        params![
            plan_id,
            progress.stage.code(),
            match progress.health {
                Health::OnTrack => "on_track",
                Health::AtRisk => "at_risk",
                Health::Broken => "broken",
            },
            progress.released.0,
            progress.cancelled.0,
            progress.broken_on,
            as_of
        ],
    )?;
    Ok(progress)
}

/// Breaking the plan cancels what was not yet released: it is owed again, charged on the plan's
/// loans in proportion to their principal, and the file goes to follow-up.
fn reinstate(
    conn: &Connection,
    rec: &Record,
    ids: &[i64],
    amount: Satang,
    on: NaiveDate,
) -> Result<()> {
    let weights: Vec<Satang> =
        ids.iter().map(|id| loans::get(conn, *id).map(|l| l.principal)).collect::<Result<_>>()?;
    for (id, part) in ids.iter().zip(split_pro_rata(amount, &weights)) {
        if part.is_positive() {
            conn.execute(
                "INSERT INTO fee (loan_id, charged_on, amount, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, on, part.0, format!("ยอดพักไว้ตามแผน {} ถูกเรียกคืนเพราะผิดแผน", rec.label), clock::now_stamp()],
            )?;
            ledger::rebuild(conn, *id)?;
        }
    }
    audit::append(
        conn,
        &Actor::system(),
        "plan_broken",
        "plan",
        Some(rec.id),
        &format!("เรียกคืนยอดพักไว้ {amount}"),
    )?;
    Ok(())
}

/// Approved plans by where they stand; every plan is in exactly one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub plans: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub broken: usize,
    pub free: usize,
}

/// Re-evaluates every approved plan (after payments come in, or each morning).
pub fn evaluate_all(conn: &Connection, as_of: NaiveDate) -> Result<Tally> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM plan WHERE status = 'approved' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut t = Tally::default();
    for id in ids {
        let p = evaluate(conn, id, as_of)?;
        t.plans += 1;
        // Exclusive groups, so they add up to the plans counted (issue 17 §A4): a plan paid off
        // is หมดหนี้ whatever its last health was.
        match (p.stage == plan_progress::Stage::Free, p.health) {
            (true, _) => t.free += 1,
            (false, Health::OnTrack) => t.on_track += 1,
            (false, Health::AtRisk) => t.at_risk += 1,
            (false, Health::Broken) => t.broken += 1,
        }
    }
    Ok(t)
}

/// Approved plans needing follow-up: at risk (an installment late) or broken.
pub fn needing_follow_up(conn: &Connection) -> Result<Vec<Record>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM plan WHERE status = 'approved' AND health IN ('at_risk', 'broken') AND stage != 'free' ORDER BY health DESC, id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| plans::get(conn, id)).collect()
}

/// Release steps earned and not yet printed are listed for notices.
pub fn releases(conn: &Connection, plan_id: i64) -> Result<Vec<(u32, Satang, NaiveDate)>> {
    let mut stmt = conn.prepare("SELECT milestone, amount, earned_on FROM plan_release WHERE plan_id = ?1 ORDER BY milestone")?;
    let rows = stmt.query_map([plan_id], |r| Ok((r.get(0)?, Satang(r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
