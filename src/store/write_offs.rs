//! Residue write-offs (ตัดยอดเศษสตางค์, issue 11 §3): a loan otherwise paid whose whole remaining
//! debt is below the arrears tolerance is proposed for write-off by an officer or treasurer and
//! approved (or rejected with a reason, see `rejections`) by a treasurer or committee member who
//! did not propose it. Approval, in one transaction: the write-off record with the parts it
//! cleared, the loan closed, the audit entry. No payment is written or edited: the fund statement
//! counts the principal written off in its own column.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::approvals::PendingKind;
use super::error::{Result, StoreError};
use super::loans::{self, Loan};
use super::rejections::{self, Rejection};
use super::users::Actor;
use super::{audit, settings};
use crate::clock;
use crate::domain::Satang;
use crate::domain::arrears::write_off::{self, Residue};
use crate::domain::loan::LoanStatus;
use crate::domain::role::Permission;

/// One write-off proposal and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOff {
    pub id: i64,
    pub loan_id: i64,
    pub contract_no: String,
    pub borrower_name: String,
    /// `proposed`, `approved` or `rejected`.
    pub status: String,
    pub as_of: NaiveDate,
    /// The residue the proposer saw.
    pub amount: Satang,
    /// What the approval cleared (zero until approved) and on which day.
    pub cleared: Residue,
    pub written_off_on: Option<NaiveDate>,
    pub resolution_no: Option<String>,
    pub prepared_by: Option<i64>,
    pub prepared_by_name: String,
    pub prepared_at: String,
    pub approved_by_name: String,
    pub rejection: Option<Rejection>,
}

impl WriteOff {
    pub fn status_label(&self) -> &'static str {
        match self.status.as_str() {
            "approved" => "อนุมัติแล้ว",
            "rejected" => "ไม่อนุมัติ",
            _ => "รออนุมัติ",
        }
    }
}

const SELECT: &str = "SELECT w.id, w.loan_id, l.contract_no, p.title || p.first_name || ' ' || p.last_name, w.status,
    w.as_of, w.amount, w.principal, w.interest, w.default_interest, w.fees, w.written_off_on, w.resolution_no,
    w.prepared_by, COALESCE(u.full_name, ''), w.prepared_at, COALESCE(a.full_name, '')
    FROM residue_write_off w JOIN loan l ON l.id = w.loan_id JOIN person p ON p.id = l.borrower_id
    LEFT JOIN app_user u ON u.id = w.prepared_by LEFT JOIN app_user a ON a.id = w.approved_by";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WriteOff> {
    Ok(WriteOff {
        id: r.get(0)?,
        loan_id: r.get(1)?,
        contract_no: r.get(2)?,
        borrower_name: r.get(3)?,
        status: r.get(4)?,
        as_of: r.get(5)?,
        amount: Satang(r.get(6)?),
        cleared: Residue {
            principal: Satang(r.get(7)?),
            interest: Satang(r.get(8)?),
            default_interest: Satang(r.get(9)?),
            fees: Satang(r.get(10)?),
        },
        written_off_on: r.get(11)?,
        resolution_no: r.get(12)?,
        prepared_by: r.get(13)?,
        prepared_by_name: r.get(14)?,
        prepared_at: r.get(15)?,
        approved_by_name: r.get(16)?,
        rejection: None,
    })
}

fn with_rejection(conn: &Connection, mut w: WriteOff) -> Result<WriteOff> {
    if w.status == "rejected" {
        w.rejection = rejections::rejection(conn, PendingKind::WriteOff, w.id)?;
    }
    Ok(w)
}

pub fn get(conn: &Connection, id: i64) -> Result<WriteOff> {
    let w = conn
        .query_row(&format!("{SELECT} WHERE w.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found("รายการตัดยอดเศษสตางค์"))?;
    with_rejection(conn, w)
}

/// Every write-off proposal of a loan, newest first (rejected ones stay on record).
pub fn of_loan(conn: &Connection, loan_id: i64) -> Result<Vec<WriteOff>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE w.loan_id = ?1 ORDER BY w.id DESC"))?;
    let rows: Vec<WriteOff> = stmt.query_map([loan_id], from_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|w| with_rejection(conn, w)).collect()
}

/// Proposals waiting for approval, oldest first.
pub fn pending(conn: &Connection) -> Result<Vec<WriteOff>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE w.status = 'proposed' ORDER BY w.prepared_at, w.id"
    ))?;
    Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
}

/// What the approved write-off of a loan cleared, if it has one.
pub fn approved(conn: &Connection, loan_id: i64) -> Result<Option<Residue>> {
    Ok(conn
        .prepare_cached(
            "SELECT principal, interest, default_interest, fees FROM residue_write_off
             WHERE loan_id = ?1 AND status = 'approved'",
        )?
        .query_row([loan_id], |r| {
            Ok(Residue {
                principal: Satang(r.get(0)?),
                interest: Satang(r.get(1)?),
                default_interest: Satang(r.get(2)?),
                fees: Satang(r.get(3)?),
            })
        })
        .optional()?)
}

/// The residue an open loan would have written off on `on` (after its last payment), or `None`
/// when it does not qualify.
pub fn qualifies(conn: &Connection, loan: &Loan, on: NaiveDate) -> Result<Option<Residue>> {
    if !loan.status.is_open() || loan.tranche_of.is_some() {
        return Ok(None);
    }
    let st = loans::statement(conn, loan, on.max(loan.start))?;
    Ok(write_off::residue(&st, settings::tolerance(conn)?))
}

/// Why a loan cannot be proposed for write-off, in Thai, for the button's caller.
fn not_qualifying(conn: &Connection, loan: &Loan, on: NaiveDate) -> Result<StoreError> {
    if !loan.status.is_open() {
        return Ok(StoreError::refused(format!("สัญญานี้{} ตัดยอดเศษสตางค์ไม่ได้", loan.status)));
    }
    if loan.tranche_of.is_some() {
        return Ok(StoreError::refused("ส่วนของสัญญารวมหนี้ ตัดยอดเศษสตางค์แยกส่วนไม่ได้"));
    }
    let st = loans::statement(conn, loan, on.max(loan.start))?;
    let tolerance = settings::tolerance(conn)?;
    Ok(StoreError::refused(if st.whole_debt().is_positive() {
        format!(
            "สัญญานี้มียอดคงเหลือ {} บาท ไม่ต่ำกว่าเกณฑ์ยอดค้างขั้นต่ำ {} บาท จึงตัดยอดเศษสตางค์ไม่ได้",
            st.whole_debt(),
            tolerance.0
        )
    } else {
        "สัญญานี้ไม่มียอดคงเหลือ".to_string()
    }))
}

/// Proposes the residue of a loan for write-off (an officer or treasurer). Refused when the
/// loan does not qualify on `on` or already has a proposal waiting.
pub fn propose(conn: &Connection, actor: &Actor, loan_id: i64, on: NaiveDate) -> Result<i64> {
    actor.require(Permission::Prepare)?;
    let loan = loans::get(conn, loan_id)?;
    let Some(residue) = qualifies(conn, &loan, on)? else {
        return Err(not_qualifying(conn, &loan, on)?);
    };
    rejections::refuse_if_pending(conn, &[loan_id])?;
    conn.execute(
        "INSERT INTO residue_write_off (loan_id, as_of, amount, prepared_by, prepared_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![loan_id, on, residue.total().0, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "propose_write_off",
        "residue_write_off",
        Some(id),
        &format!("สัญญา {} ยอด {} บาท", loan.contract_no, residue.total()),
    )?;
    Ok(id)
}

/// Approves a proposal on `on`: someone other than the proposer, with the right to approve. The
/// residue is taken again on that day (a payment since the proposal may have cleared it, or
/// default interest added a satang); the loan closes that day. The resolution number is
/// optional: a residue below the tolerance is an office matter, the maker-checker is not.
pub fn approve(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    resolution_no: &str,
    on: NaiveDate,
) -> Result<Residue> {
    let w = get(conn, id)?;
    if w.status != "proposed" {
        return Err(StoreError::refused("อนุมัติได้เฉพาะรายการที่ยังรออนุมัติ"));
    }
    let (Some(approver), Some(preparer)) = (actor.user_id, w.prepared_by) else {
        return Err(StoreError::refused("การอนุมัติต้องทำโดยผู้ใช้ที่ลงชื่อเข้าใช้"));
    };
    crate::domain::role::check_approval(preparer, approver, actor.role)
        .map_err(StoreError::refused)?;
    let loan = loans::get(conn, w.loan_id)?;
    let Some(r) = qualifies(conn, &loan, on)? else {
        return Err(not_qualifying(conn, &loan, on)?);
    };
    let resolution = Some(resolution_no.trim()).filter(|s| !s.is_empty());
    conn.execute(
        "UPDATE residue_write_off SET status = 'approved', written_off_on = ?2, principal = ?3, interest = ?4,
           default_interest = ?5, fees = ?6, resolution_no = ?7, approved_by = ?8, approved_at = ?9 WHERE id = ?1",
        params![
            id,
            on,
            r.principal.0,
            r.interest.0,
            r.default_interest.0,
            r.fees.0,
            resolution,
            approver,
            clock::now_stamp()
        ],
    )?;
    // The caches say what the ledger and the write-off together leave: nothing (see
    // `ledger::write_ledger`, which keeps this when the loan is rebuilt).
    conn.execute(
        "UPDATE loan SET status = ?2, outstanding_principal = 0, next_unpaid_due = NULL, closed_on = ?3 WHERE id = ?1",
        params![loan.id, LoanStatus::Closed.code(), on],
    )?;
    audit::append(
        conn,
        actor,
        "approve_write_off",
        "residue_write_off",
        Some(id),
        &format!(
            "สัญญา {} ตัดยอดเศษสตางค์ {} บาท (เงินต้น {} ดอกเบี้ย {} ดอกเบี้ยผิดนัด {} ค่าธรรมเนียม {}) ปิดบัญชี",
            loan.contract_no,
            r.total(),
            r.principal,
            r.interest,
            r.default_interest,
            r.fees
        ),
    )?;
    Ok(r)
}

/// The proposal waiting on a loan, if any (the CLI names loans, not proposal numbers).
pub fn pending_of_loan(conn: &Connection, loan_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM residue_write_off WHERE loan_id = ?1 AND status = 'proposed'",
        )?
        .query_row([loan_id], |r| r.get(0))
        .optional()?)
}
