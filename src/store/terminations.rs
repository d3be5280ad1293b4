//! Contract terminations (บอกเลิกสัญญา, issue 13 §1): an officer prepares one with its notice;
//! once the notice's time has passed a treasurer or committee member who did not prepare it
//! approves with the meeting's resolution, in one transaction: the termination dated, the loan
//! `terminated`, its ledger rebuilt from the accelerated schedule, the audit entry. The stored
//! schedule is never touched (the engine accelerates it from `loan.terminated_on`), so the
//! committee's undo, with a reason, gives the schedule back exactly.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::users::Actor;
use super::{audit, ledger, loans, settings};
use crate::clock;
use crate::domain::legal::termination::{self as rule, DEFAULT_NOTICE_DAYS};
use crate::domain::loan::LoanStatus;
use crate::domain::role::Permission;
use crate::domain::statement::Statement;

/// The notice's days to pay (ตั้งค่าระบบ), 30 when not set.
pub const NOTICE_DAYS_KEY: &str = "legal.notice_days";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Prepared,
    Approved,
    Undone,
    Cancelled,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Prepared => "prepared",
            Status::Approved => "approved",
            Status::Undone => "undone",
            Status::Cancelled => "cancelled",
        }
    }

    fn from_code(code: &str) -> Status {
        match code {
            "approved" => Status::Approved,
            "undone" => Status::Undone,
            "cancelled" => Status::Cancelled,
            _ => Status::Prepared,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Prepared => "รออนุมัติบอกเลิกสัญญา",
            Status::Approved => "บอกเลิกสัญญาแล้ว",
            Status::Undone => "ยกเลิกการบอกเลิกสัญญาแล้ว",
            Status::Cancelled => "ถอนร่างแล้ว",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Termination {
    pub id: i64,
    pub loan_id: i64,
    pub contract_no: String,
    pub borrower_name: String,
    pub status: Status,
    pub notice_on: NaiveDate,
    pub delivered_on: NaiveDate,
    pub notice_days: u32,
    pub deadline_on: NaiveDate,
    pub letter_id: Option<i64>,
    pub prepared_by: Option<i64>,
    pub prepared_by_name: String,
    pub terminated_on: Option<NaiveDate>,
    pub resolution_no: Option<String>,
    pub approved_by_name: String,
    pub undo_reason: Option<String>,
}

const SELECT: &str = "SELECT t.id, t.loan_id, l.contract_no, p.title || p.first_name || ' ' || p.last_name, t.status,
    t.notice_on, t.delivered_on, t.notice_days, t.deadline_on, t.letter_id, t.prepared_by, COALESCE(u.full_name, ''),
    t.terminated_on, t.resolution_no, COALESCE(a.full_name, ''), t.undo_reason
    FROM termination t JOIN loan l ON l.id = t.loan_id JOIN person p ON p.id = l.borrower_id
    LEFT JOIN app_user u ON u.id = t.prepared_by LEFT JOIN app_user a ON a.id = t.approved_by";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Termination> {
    Ok(Termination {
        id: r.get(0)?,
        loan_id: r.get(1)?,
        contract_no: r.get(2)?,
        borrower_name: r.get(3)?,
        status: Status::from_code(&r.get::<_, String>(4)?),
        notice_on: r.get(5)?,
        delivered_on: r.get(6)?,
        notice_days: r.get(7)?,
        deadline_on: r.get(8)?,
        letter_id: r.get(9)?,
        prepared_by: r.get(10)?,
        prepared_by_name: r.get(11)?,
        terminated_on: r.get(12)?,
        resolution_no: r.get(13)?,
        approved_by_name: r.get(14)?,
        undo_reason: r.get(15)?,
    })
}

pub fn notice_days(conn: &Connection) -> Result<u32> {
    let days = settings::get_i64(conn, NOTICE_DAYS_KEY, i64::from(DEFAULT_NOTICE_DAYS))?;
    Ok(u32::try_from(days)
        .ok()
        .and_then(|d| rule::check_days(d).ok())
        .unwrap_or(DEFAULT_NOTICE_DAYS))
}

pub fn get(conn: &Connection, id: i64) -> Result<Termination> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found("รายการบอกเลิกสัญญา"))
}

/// The prepared or approved termination of a loan, if it has one.
pub fn live_of_loan(conn: &Connection, loan_id: i64) -> Result<Option<Termination>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE t.loan_id = ?1 AND t.status IN ('prepared', 'approved')"
        ))?
        .query_row([loan_id], from_row)
        .optional()?)
}

/// Every termination of a loan, newest first (undone and cancelled ones stay on record).
pub fn of_loan(conn: &Connection, loan_id: i64) -> Result<Vec<Termination>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE t.loan_id = ?1 ORDER BY t.id DESC"))?;
    Ok(stmt.query_map([loan_id], from_row)?.collect::<Result<_, _>>()?)
}

/// Prepared terminations waiting for approval, oldest deadline first.
pub fn pending(conn: &Connection) -> Result<Vec<Termination>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE t.status = 'prepared' ORDER BY t.deadline_on, t.id"
    ))?;
    Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
}

/// Prepares the termination of a loan with more than three installments overdue on the notice
/// date; the notice reaches the debtor on `delivered_on` (the notice date when not known yet).
pub fn prepare(
    conn: &Connection,
    actor: &Actor,
    loan_id: i64,
    notice_on: NaiveDate,
    delivered_on: Option<NaiveDate>,
) -> Result<Termination> {
    actor.require(Permission::Prepare)?;
    let loan = loans::get(conn, loan_id)?;
    if loan.status != LoanStatus::Active {
        return Err(StoreError::refused(format!("สัญญานี้อยู่ในสถานะ{} จึงบอกเลิกสัญญาไม่ได้", loan.status)));
    }
    if loan.tranche_of.is_some() {
        return Err(StoreError::refused("ส่วนของสัญญารวมหนี้ บอกเลิกแยกส่วนไม่ได้"));
    }
    if live_of_loan(conn, loan_id)?.is_some() {
        return Err(StoreError::refused("สัญญานี้มีรายการบอกเลิกสัญญาอยู่แล้ว"));
    }
    let st = loans::statement(conn, &loan, notice_on.max(loan.start))?;
    rule::may_prepare(&st).map_err(StoreError::refused)?;
    let delivered = delivered_on.unwrap_or(notice_on);
    if delivered < notice_on {
        return Err(StoreError::refused("วันที่ได้รับหนังสือต้องไม่ก่อนวันที่ของหนังสือ"));
    }
    let days = notice_days(conn)?;
    let deadline = rule::notice_deadline(delivered, days).due;
    conn.execute(
        "INSERT INTO termination (loan_id, notice_on, delivered_on, notice_days, deadline_on, prepared_by, prepared_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![loan_id, notice_on, delivered, days, deadline, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "prepare_termination",
        "termination",
        Some(id),
        &format!(
            "สัญญา {} ค้าง {} งวด ยอดค้าง {} บาท ชำระภายใน {}",
            loan.contract_no,
            st.overdue_installments,
            st.overdue_amount,
            crate::domain::thai::date::format_long(deadline)
        ),
    )?;
    get(conn, id)
}

/// Records the day the notice reached the debtor (registered mail's return slip): the deadline
/// runs from it.
pub fn record_delivery(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    delivered_on: NaiveDate,
) -> Result<Termination> {
    actor.require(Permission::Prepare)?;
    let t = get(conn, id)?;
    if t.status != Status::Prepared {
        return Err(StoreError::refused("บันทึกวันที่ได้รับได้เฉพาะรายการที่ยังรออนุมัติ"));
    }
    if delivered_on < t.notice_on {
        return Err(StoreError::refused("วันที่ได้รับหนังสือต้องไม่ก่อนวันที่ของหนังสือ"));
    }
    let deadline = rule::notice_deadline(delivered_on, t.notice_days).due;
    conn.execute(
        "UPDATE termination SET delivered_on = ?2, deadline_on = ?3 WHERE id = ?1",
        params![id, delivered_on, deadline],
    )?;
    audit::append(
        conn,
        actor,
        "termination_delivered",
        "termination",
        Some(id),
        &format!("สัญญา {} ได้รับหนังสือ {}", t.contract_no, delivered_on),
    )?;
    get(conn, id)
}

/// Links the registered notice letter to the termination (the letter register keeps its PDF).
pub fn attach_letter(conn: &Connection, id: i64, letter_id: i64) -> Result<()> {
    conn.execute("UPDATE termination SET letter_id = ?2 WHERE id = ?1", params![id, letter_id])?;
    Ok(())
}

/// Approves a prepared termination on `on` (the termination date, after the notice's deadline):
/// someone other than the preparer, with the right to approve and the meeting's resolution.
/// Returns the accelerated statement of that day.
pub fn approve(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    resolution_no: &str,
    on: NaiveDate,
) -> Result<Statement> {
    let t = get(conn, id)?;
    if t.status != Status::Prepared {
        return Err(StoreError::refused("อนุมัติได้เฉพาะรายการที่ยังรออนุมัติ"));
    }
    actor.approve_checked(t.prepared_by, resolution_no)?;
    rule::may_terminate(t.notice_on, t.deadline_on, on).map_err(StoreError::refused)?;
    let loan = loans::get(conn, t.loan_id)?;
    if loan.status != LoanStatus::Active {
        return Err(StoreError::refused(format!("สัญญานี้อยู่ในสถานะ{} จึงบอกเลิกสัญญาไม่ได้", loan.status)));
    }
    conn.execute(
        "UPDATE termination SET status = 'approved', terminated_on = ?2, resolution_no = ?3, approved_by = ?4,
           approved_at = ?5, previous_status = ?6 WHERE id = ?1",
        params![id, on, resolution_no.trim(), actor.user_id, clock::now_stamp(), loan.status.code()],
    )?;
    conn.execute(
        "UPDATE loan SET status = ?2 WHERE id = ?1",
        params![loan.id, LoanStatus::Terminated.code()],
    )?;
    ledger::rebuild(conn, loan.id)?;
    let loan = loans::get(conn, loan.id)?;
    let st = loans::statement(conn, &loan, on)?;
    audit::append(
        conn,
        actor,
        "approve_termination",
        "termination",
        Some(id),
        &format!(
            "สัญญา {} บอกเลิกสัญญา {} มติ {} เงินต้นถึงกำหนดทั้งหมด {} บาท ยอดปิดบัญชี {} บาท",
            loan.contract_no,
            on,
            resolution_no.trim(),
            st.outstanding_principal,
            st.payoff
        ),
    )?;
    Ok(st)
}

/// The committee undoes an approved termination (the debtor paid up), with a reason: the loan
/// takes back its status and its schedule as agreed.
pub fn undo(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    reason: &str,
    resolution_no: &str,
) -> Result<()> {
    actor.require(Permission::ReverseApproval)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลที่ยกเลิกการบอกเลิกสัญญา"));
    }
    let t = get(conn, id)?;
    if t.status != Status::Approved {
        return Err(StoreError::refused("ยกเลิกได้เฉพาะการบอกเลิกสัญญาที่อนุมัติแล้ว"));
    }
    let loan = loans::get(conn, t.loan_id)?;
    if loan.status != LoanStatus::Terminated {
        return Err(StoreError::refused(format!(
            "สัญญานี้อยู่ในสถานะ{} แล้ว ยกเลิกการบอกเลิกสัญญาไม่ได้",
            loan.status
        )));
    }
    let previous: Option<String> =
        conn.query_row("SELECT previous_status FROM termination WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let previous =
        previous.as_deref().and_then(LoanStatus::from_code).unwrap_or(LoanStatus::Active);
    conn.execute(
        "UPDATE termination SET status = 'undone', undone_by = ?2, undone_at = ?3, undo_reason = ?4,
           undo_resolution = ?5 WHERE id = ?1",
        params![id, actor.user_id, clock::now_stamp(), reason.trim(), resolution_no.trim()],
    )?;
    conn.execute("UPDATE loan SET status = ?2 WHERE id = ?1", params![loan.id, previous.code()])?;
    ledger::rebuild(conn, loan.id)?;
    audit::append(
        conn,
        actor,
        "undo_termination",
        "termination",
        Some(id),
        &format!("สัญญา {}: {}", loan.contract_no, reason.trim()),
    )?;
    Ok(())
}

/// Withdraws a prepared termination (not yet approved), with a reason.
pub fn cancel(conn: &Connection, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(Permission::Prepare)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลที่ถอนร่าง"));
    }
    let t = get(conn, id)?;
    if t.status != Status::Prepared {
        return Err(StoreError::refused("ถอนร่างได้เฉพาะรายการที่ยังรออนุมัติ"));
    }
    conn.execute(
        "UPDATE termination SET status = 'cancelled', undone_by = ?2, undone_at = ?3, undo_reason = ?4 WHERE id = ?1",
        params![id, actor.user_id, clock::now_stamp(), reason.trim()],
    )?;
    audit::append(
        conn,
        actor,
        "cancel_termination",
        "termination",
        Some(id),
        &format!("สัญญา {}: {}", t.contract_no, reason.trim()),
    )?;
    Ok(())
}
