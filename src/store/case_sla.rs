//! The SLA of each legal step (issue 13 §4, seed 003): target days from the settings (defaults in
//! `domain::legal::sla`), and the steps of open cases due in the window or already past their
//! target, for the early-warning screen and the collections queue.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::error::Result;
use super::legal_deadlines::LegalDeadline;
use super::settings;
use crate::domain::legal::case::EventKind;
use crate::domain::legal::sla::{self, Step};
use crate::domain::legal::{Deadline, DeadlineKind};

/// Days a step may take before it is flagged; the setting when it is a sensible number.
pub fn target_days(conn: &Connection, step: Step) -> Result<u32> {
    let days = settings::get_i64(conn, &step.setting_key(), i64::from(step.default_days()))?;
    Ok(u32::try_from(days).ok().filter(|d| (1..=3650).contains(d)).unwrap_or(step.default_days()))
}

/// Every target, for the settings screen and the CLI.
pub fn targets(conn: &Connection) -> Result<Vec<(Step, u32)>> {
    Step::ALL.iter().map(|s| Ok((*s, target_days(conn, *s)?))).collect()
}

/// Sets a step's target days (committee: a setting).
pub fn set_target(conn: &Connection, step: Step, days: u32) -> Result<()> {
    if !(1..=3650).contains(&days) {
        return Err(super::StoreError::refused("จำนวนวันเป้าหมายต้องอยู่ระหว่าง 1 ถึง 3,650 วัน"));
    }
    settings::set(conn, &step.setting_key(), &days.to_string())
}

/// The pending step of every open case whose last day falls by `until`, overdue ones included
/// (they stay listed, flagged, until the step is done), a week's warning ahead.
pub fn steps_due(conn: &Connection, until: NaiveDate) -> Result<Vec<LegalDeadline>> {
    let targets: Vec<(Step, u32)> = targets(conn)?;
    let days = |s: Step| targets.iter().find(|(t, _)| *t == s).map(|t| t.1).unwrap_or(0);
    let mut cases = conn.prepare_cached(
        "SELECT c.id, c.loan_id, l.contract_no, p.title || p.first_name || ' ' || p.last_name,
                substr(c.opened_at, 1, 10), c.status, c.black_no
         FROM legal_case c JOIN loan l ON l.id = c.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE c.status NOT IN ('settled', 'closed')",
    )?;
    type Row = (i64, i64, String, String, String, String, String);
    let rows: Vec<Row> = cases
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut events =
        conn.prepare_cached("SELECT kind, on_date FROM legal_event WHERE case_id = ?1")?;
    let mut out = Vec::new();
    for (case_id, loan_id, contract_no, name, opened, _, black) in rows {
        let Ok(opened) = NaiveDate::parse_from_str(&opened, "%Y-%m-%d") else { continue };
        let ev: Vec<(EventKind, NaiveDate)> = events
            .query_map(params![case_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?
            .filter_map(|row| match row {
                Ok((k, d)) => EventKind::from_code(&k).map(|k| Ok((k, d))),
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        let Some(p) = sla::pending(opened, false, &ev, days) else { continue };
        if p.due > until {
            continue;
        }
        let d = Deadline {
            kind: DeadlineKind::CaseStep,
            due: p.due,
            warn_from: p.due.checked_sub_days(chrono::Days::new(7)).unwrap_or(p.due),
        };
        let case = if black.is_empty() {
            format!("แฟ้มคดีที่ {case_id}")
        } else {
            format!("คดีหมายเลขดำที่ {black}")
        };
        out.push(LegalDeadline {
            kind: d.kind,
            due: d.due,
            warn_from: d.warn_from,
            loan_id: Some(loan_id),
            contract_no,
            person: name,
            detail: format!("{}: {} (เป้าหมาย {} วัน)", case, p.step, days(p.step)),
            section: d.kind.section(),
            action: d.kind.action(),
        });
    }
    Ok(out)
}

/// The step one case is waiting on, with the office's targets.
pub fn pending_of(
    conn: &Connection,
    case: &super::court_cases::Case,
) -> Result<Option<sla::Pending>> {
    let targets: Vec<(Step, u32)> = targets(conn)?;
    let days = |s: Step| targets.iter().find(|(t, _)| *t == s).map(|t| t.1).unwrap_or(0);
    let done = matches!(
        case.status,
        crate::domain::legal::case::CaseStatus::Settled
            | crate::domain::legal::case::CaseStatus::Closed
    );
    let ev: Vec<(EventKind, NaiveDate)> = super::court_cases::events(conn, case.id)?
        .into_iter()
        .map(|e| (e.kind, e.on_date))
        .collect();
    Ok(sla::pending(case.opened_on, done, &ev, days))
}
