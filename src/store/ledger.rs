//! Receipts, their payment lines and allocations. A receipt is never edited or deleted; a reversal
//! is a new record with a reason. After every change the loan's allocations and cached balances
//! are rebuilt from the statement engine, so the stored ledger always equals what the engine says.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::audit;
use super::error::{Result, StoreError};
use super::loans::{self, Loan};
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::loan::{Channel, LoanStatus, receipt_number};
use crate::domain::role::Permission;
use crate::domain::statement::{Allocation, FeeIn, Part, PaymentIn, Slice, Statement};
use crate::domain::thai::date::{be_year, format_long};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub loan_id: i64,
    pub paid_on: NaiveDate,
    pub amount: Satang,
    pub channel: Channel,
    pub payer_name: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub receipt_id: i64,
    /// The payment line on the loan.
    pub payment_id: i64,
    pub receipt_no: String,
    pub paid_on: NaiveDate,
    pub amount: Satang,
    pub allocation: Allocation,
    pub outstanding_after: Satang,
    pub paid_off: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reversal {
    pub reason: String,
    pub at: String,
    pub by: String,
}

/// One payment line of a loan, with its receipt's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: i64,
    pub receipt_id: i64,
    pub receipt_no: String,
    /// The whole receipt (more than `amount` when it was split across tranches).
    pub receipt_amount: Satang,
    pub loan_id: i64,
    pub paid_on: NaiveDate,
    pub amount: Satang,
    pub channel: Channel,
    pub payer_name: String,
    pub received_by: String,
    pub reversal: Option<Reversal>,
    pub slices: Vec<Slice>,
}

/// Why a payment cannot be taken; shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    #[error("วันที่รับชำระเป็นวันในอนาคตไม่ได้")]
    FutureDate,
    #[error("วันที่รับชำระอยู่ก่อนวันเริ่มสัญญา ({0})")]
    BeforeStart(String),
    #[error("สัญญานี้{0} รับชำระไม่ได้")]
    LoanNotOpen(LoanStatus),
    #[error("จำนวนเงินต้องมากกว่าศูนย์")]
    NotPositive,
}

/// (payment id, payment) of the loan's live (not reversed) payments, in the engine's order.
pub(crate) fn live_payments(conn: &Connection, loan_id: i64) -> Result<Vec<(i64, PaymentIn)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.paid_on, p.amount FROM payment p
         WHERE p.loan_id = ?1 AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)
         ORDER BY p.paid_on, p.id",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok((r.get(0)?, PaymentIn { date: r.get(1)?, amount: Satang(r.get(2)?) }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn fees(conn: &Connection, loan_id: i64) -> Result<Vec<FeeIn>> {
    let mut stmt = conn.prepare_cached(
        "SELECT charged_on, amount FROM fee WHERE loan_id = ?1 ORDER BY charged_on, id",
    )?;
    let rows =
        stmt.query_map([loan_id], |r| Ok(FeeIn { date: r.get(0)?, amount: Satang(r.get(1)?) }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn validate(
    loan: &Loan,
    paid_on: NaiveDate,
    amount: Satang,
    today: NaiveDate,
) -> Result<(), PaymentError> {
    if !amount.is_positive() {
        return Err(PaymentError::NotPositive);
    }
    if paid_on > today {
        return Err(PaymentError::FutureDate);
    }
    if paid_on < loan.start {
        return Err(PaymentError::BeforeStart(format_long(loan.start)));
    }
    if !loan.status.is_open() {
        return Err(PaymentError::LoanNotOpen(loan.status));
    }
    Ok(())
}

/// What a payment would pay, without saving anything: shown to the officer before saving.
pub fn preview(
    conn: &Connection,
    loan_id: i64,
    paid_on: NaiveDate,
    amount: Satang,
    today: NaiveDate,
) -> Result<Allocation> {
    let loan = loans::get(conn, loan_id)?;
    validate(&loan, paid_on, amount, today).map_err(StoreError::refused)?;
    let mut payments: Vec<PaymentIn> =
        live_payments(conn, loan_id)?.into_iter().map(|p| p.1).collect();
    // The new payment goes after the ones of the same day, as it will once saved.
    let at = payments.iter().position(|p| p.date > paid_on).unwrap_or(payments.len());
    payments.insert(at, PaymentIn { date: paid_on, amount });
    let as_of = payments.iter().map(|p| p.date).max().unwrap_or(paid_on);
    let st =
        loan.compute(&loans::schedule(conn, loan_id)?, &payments, &fees(conn, loan_id)?, as_of)?;
    Ok(st.allocations[at].clone())
}

/// Records a payment with the next receipt number of its Buddhist year. Call inside a transaction.
pub fn record(
    conn: &Connection,
    actor: &Actor,
    p: &NewPayment,
    today: NaiveDate,
) -> Result<Receipt> {
    actor.require(Permission::RecordPayment)?;
    let allocation = preview(conn, p.loan_id, p.paid_on, p.amount, today)?;
    let (receipt_id, receipt_no) = insert_receipt(conn, actor, p)?;
    let payment_id = insert_line(conn, receipt_id, p.loan_id, p.paid_on, p.amount)?;
    let st = rebuild(conn, p.loan_id)?;
    // The member's grade follows their payments (issue 12 §10), in the same transaction.
    let borrower: i64 =
        conn.query_row("SELECT borrower_id FROM loan WHERE id = ?1", [p.loan_id], |r| r.get(0))?;
    super::grades::recompute(conn, borrower, today.max(p.paid_on))?;
    audit::append(
        conn,
        actor,
        "record_payment",
        "receipt",
        Some(receipt_id),
        &format!("{receipt_no} {}", p.amount),
    )?;
    Ok(Receipt {
        receipt_id,
        payment_id,
        receipt_no,
        paid_on: p.paid_on,
        amount: p.amount,
        allocation,
        outstanding_after: st.outstanding_principal,
        paid_off: st.is_paid_off(),
    })
}

/// Writes the receipt with the next number of its Buddhist year.
pub(crate) fn insert_receipt(
    conn: &Connection,
    actor: &Actor,
    p: &NewPayment,
) -> Result<(i64, String)> {
    let (year, seq, receipt_no) = next_receipt_no(conn, p.paid_on)?;
    conn.prepare_cached(
        "INSERT INTO receipt (receipt_no, be_year, seq, paid_on, amount, channel, payer_name, note, received_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![receipt_no, year, seq, p.paid_on, p.amount.0, p.channel.code(), p.payer_name, p.note, actor.user_id, clock::now_stamp()])?;
    Ok((conn.last_insert_rowid(), receipt_no))
}

/// Applies part (or all) of a receipt to one loan.
pub(crate) fn insert_line(
    conn: &Connection,
    receipt_id: i64,
    loan_id: i64,
    paid_on: NaiveDate,
    amount: Satang,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO payment (receipt_id, loan_id, paid_on, amount) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![receipt_id, loan_id, paid_on, amount.0])?;
    Ok(conn.last_insert_rowid())
}

/// The next receipt number of the payment date's Buddhist year.
pub fn next_receipt_no(conn: &Connection, paid_on: NaiveDate) -> Result<(i32, u32, String)> {
    let year = be_year(paid_on);
    let seq: u32 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM receipt WHERE be_year = ?1",
        [year],
        |r| r.get(0),
    )?;
    Ok((year, seq, receipt_number(year, seq)))
}

/// Reverses the receipt a payment line belongs to (treasurer or committee), with a reason; the
/// original stays on record. Returns the statement of the payment's loan.
pub fn reverse(
    conn: &Connection,
    actor: &Actor,
    payment_id: i64,
    reason: &str,
) -> Result<Statement> {
    let (receipt_id, loan_id): (i64, i64) = conn
        .query_row("SELECT receipt_id, loan_id FROM payment WHERE id = ?1", [payment_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|_| StoreError::not_found("รายการรับชำระ"))?;
    reverse_receipt(conn, actor, receipt_id, reason)?;
    loans::statement(
        conn,
        &loans::get(conn, loan_id)?,
        clock::today().max(last_payment_day(conn, loan_id)?),
    )
}

fn last_payment_day(conn: &Connection, loan_id: i64) -> Result<NaiveDate> {
    let day: Option<NaiveDate> =
        conn.query_row("SELECT MAX(paid_on) FROM payment WHERE loan_id = ?1", [loan_id], |r| {
            r.get(0)
        })?;
    Ok(day.unwrap_or(NaiveDate::MIN))
}

/// Reverses a whole receipt: every loan it paid is re-derived without it.
pub fn reverse_receipt(
    conn: &Connection,
    actor: &Actor,
    receipt_id: i64,
    reason: &str,
) -> Result<()> {
    actor.require(Permission::ReversePayment)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ"));
    }
    let receipt_no: String = conn
        .query_row("SELECT receipt_no FROM receipt WHERE id = ?1", [receipt_id], |r| r.get(0))
        .map_err(|_| StoreError::not_found("ใบเสร็จ"))?;
    let already: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM receipt_reversal WHERE receipt_id = ?1)",
        [receipt_id],
        |r| r.get(0),
    )?;
    if already {
        return Err(StoreError::refused(format!("ใบเสร็จ {receipt_no} ถูกยกเลิกไปแล้ว")));
    }
    // A loan closed by a residue write-off was approved on what these payments left; undoing one
    // would leave more than a residue on a closed loan.
    let written_off: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM payment p JOIN residue_write_off w ON w.loan_id = p.loan_id
           WHERE p.receipt_id = ?1 AND w.status = 'approved')",
        [receipt_id],
        |r| r.get(0),
    )?;
    if written_off {
        return Err(StoreError::refused(format!(
            "ใบเสร็จ {receipt_no} ชำระสัญญาที่ปิดบัญชีด้วยการตัดยอดเศษสตางค์แล้ว จึงยกเลิกไม่ได้"
        )));
    }
    conn.execute(
        "INSERT INTO receipt_reversal (receipt_id, reason, reversed_by, reversed_at) VALUES (?1, ?2, ?3, ?4)",
        params![receipt_id, reason.trim(), actor.user_id, clock::now_stamp()],
    )?;
    let loans: Vec<i64> = conn
        .prepare("SELECT loan_id FROM payment WHERE receipt_id = ?1")?
        .query_map([receipt_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for loan_id in loans {
        rebuild(conn, loan_id)?;
    }
    audit::append(
        conn,
        actor,
        "reverse_receipt",
        "receipt",
        Some(receipt_id),
        &format!("{receipt_no}: {}", reason.trim()),
    )?;
    Ok(())
}

/// Re-derives the loan's allocations and cached balances from its live payments.
pub fn rebuild(conn: &Connection, loan_id: i64) -> Result<Statement> {
    let loan = loans::get(conn, loan_id)?;
    let live = live_payments(conn, loan_id)?;
    let payments: Vec<PaymentIn> = live.iter().map(|p| p.1).collect();
    let as_of = payments.iter().map(|p| p.date).max().unwrap_or(loan.start);
    let st =
        loan.compute(&loans::schedule(conn, loan_id)?, &payments, &fees(conn, loan_id)?, as_of)?;
    conn.prepare_cached(
        "DELETE FROM allocation WHERE loan_id = ?1 AND payment_id IN (SELECT p.id FROM payment p WHERE p.loan_id = ?1
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id))",
    )?
    .execute([loan_id])?;
    write_ledger(conn, &loan, &live, &st)?;
    Ok(st)
}

/// Writes allocations, installment caches and the loan's cached balance from a statement whose
/// allocations correspond one to one with `live`. Shared with the demo generator's bulk path.
pub(crate) fn write_ledger(
    conn: &Connection,
    loan: &Loan,
    live: &[(i64, PaymentIn)],
    st: &Statement,
) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO allocation (payment_id, loan_id, installment_no, part, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for ((payment_id, _), allocation) in live.iter().zip(&st.allocations) {
        for s in &allocation.slices {
            insert.execute(params![
                payment_id,
                loan.id,
                s.installment,
                s.part.code(),
                s.amount.0
            ])?;
        }
    }
    let mut update = conn.prepare_cached(
        "UPDATE installment SET principal_paid = ?3, interest_paid = ?4, default_interest_paid = ?5 WHERE loan_id = ?1 AND no = ?2",
    )?;
    for i in &st.installments {
        update.execute(params![
            loan.id,
            i.no,
            i.principal_paid.0,
            i.interest_paid.0,
            i.default_interest_paid.0
        ])?;
    }
    // A residue written off (ตัดยอดเศษสตางค์) closed the loan: what the payments leave minus what
    // the write-off cleared is nothing, and the loan stays closed on the write-off's day.
    if let Some(w) = super::write_offs::approved(conn, loan.id)? {
        let outstanding = st.outstanding_principal - w.principal;
        conn.prepare_cached(
            "UPDATE loan SET outstanding_principal = ?2, next_unpaid_due = NULL WHERE id = ?1",
        )?
        .execute(params![loan.id, outstanding.0])?;
        return Ok(());
    }
    // A loan paid in full closes on the day of its last payment; one reopened by a reversal opens.
    let (status, closed_on) = match (loan.status, st.is_paid_off()) {
        (LoanStatus::Active | LoanStatus::Terminated, true) => {
            (LoanStatus::Closed, live.last().map(|p| p.1.date))
        }
        // A terminated loan reopened by a reversal is terminated again, not active.
        (LoanStatus::Closed, false) if loan.terminated_on.is_some() => {
            (LoanStatus::Terminated, None)
        }
        (LoanStatus::Closed, false) => (LoanStatus::Active, None),
        (status, _) => (status, loan.closed_on),
    };
    conn.prepare_cached("UPDATE loan SET outstanding_principal = ?2, next_unpaid_due = ?3, status = ?4, closed_on = ?5 WHERE id = ?1")?
        .execute(params![loan.id, st.outstanding_principal.0, st.next_unpaid_due, status.code(), closed_on])?;
    Ok(())
}

const RECORD_SELECT: &str = "SELECT p.id, p.receipt_id, rc.receipt_no, rc.amount, p.loan_id, p.paid_on, p.amount, rc.channel,
    rc.payer_name, COALESCE(u.full_name, ''), r.reason, r.reversed_at, COALESCE(ru.full_name, '')
    FROM payment p JOIN receipt rc ON rc.id = p.receipt_id LEFT JOIN app_user u ON u.id = rc.received_by
    LEFT JOIN receipt_reversal r ON r.receipt_id = p.receipt_id LEFT JOIN app_user ru ON ru.id = r.reversed_by";

fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PaymentRecord> {
    let reason: Option<String> = r.get(10)?;
    Ok(PaymentRecord {
        id: r.get(0)?,
        receipt_id: r.get(1)?,
        receipt_no: r.get(2)?,
        receipt_amount: Satang(r.get(3)?),
        loan_id: r.get(4)?,
        paid_on: r.get(5)?,
        amount: Satang(r.get(6)?),
        channel: Channel::from_code(&r.get::<_, String>(7)?).unwrap_or(Channel::Cash),
        payer_name: r.get(8)?,
        received_by: r.get(9)?,
        reversal: match reason {
            Some(reason) => Some(Reversal { reason, at: r.get(11)?, by: r.get(12)? }),
            None => None,
        },
        slices: Vec::new(),
    })
}

fn slices_of(conn: &Connection, payment_id: i64) -> Result<Vec<Slice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT installment_no, part, amount FROM allocation WHERE payment_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([payment_id], |r| {
        Ok(Slice {
            installment: r.get(0)?,
            part: Part::from_code(&r.get::<_, String>(1)?).unwrap_or(Part::Principal),
            amount: Satang(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every payment of a loan, reversed ones too (shown as such), with their allocation.
pub fn payments(conn: &Connection, loan_id: i64) -> Result<Vec<PaymentRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{RECORD_SELECT} WHERE p.loan_id = ?1 ORDER BY p.paid_on, p.id"
    ))?;
    let mut records: Vec<PaymentRecord> =
        stmt.query_map([loan_id], record_from_row)?.collect::<Result<_, _>>()?;
    for rec in &mut records {
        rec.slices = slices_of(conn, rec.id)?;
    }
    Ok(records)
}

/// Every payment line of a receipt (one, or one per tranche of a consolidated contract).
pub fn by_receipt(conn: &Connection, receipt_no: &str) -> Result<Vec<PaymentRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("{RECORD_SELECT} WHERE rc.receipt_no = ?1 ORDER BY p.id"))?;
    let mut lines: Vec<PaymentRecord> =
        stmt.query_map([receipt_no.trim()], record_from_row)?.collect::<Result<_, _>>()?;
    if lines.is_empty() {
        return Err(StoreError::not_found(format!("ใบเสร็จเลขที่ {}", receipt_no.trim())));
    }
    for line in &mut lines {
        line.slices = slices_of(conn, line.id)?;
    }
    Ok(lines)
}

/// The latest payments on every loan a person borrowed, reversed ones too (the member file's
/// payment history). Without their allocation slices: the loan file shows those.
pub fn payments_of_borrower(
    conn: &Connection,
    person_id: i64,
    limit: usize,
) -> Result<Vec<PaymentRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{RECORD_SELECT} JOIN loan l ON l.id = p.loan_id WHERE l.borrower_id = ?1
         ORDER BY p.paid_on DESC, p.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![person_id, limit as i64], record_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Live payments received between two dates inclusive (collections of a month).
pub fn collected_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Satang> {
    let total: i64 = conn.query_row(
        "SELECT COALESCE(SUM(rc.amount), 0) FROM receipt rc WHERE rc.paid_on BETWEEN ?1 AND ?2
         AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = rc.id)",
        params![from, to],
        |r| r.get(0),
    )?;
    Ok(Satang(total))
}
