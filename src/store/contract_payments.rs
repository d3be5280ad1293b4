//! Payments on a household's consolidated contract: one receipt, split across the tranches by what
//! each has due (and beyond that by what each still owes), so every source fund's ledger receives
//! exactly its part.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::audit;
use super::consolidations;
use super::error::{Result, StoreError};
use super::ledger::{self, NewPayment, PaymentError};
use super::loans::{self, Loan};
use super::users::Actor;
use crate::domain::Satang;
use crate::domain::consolidation::split_household_payment;
use crate::domain::role::Permission;
use crate::domain::statement::{Allocation, Statement};
use crate::domain::thai::date::format_long;

/// One tranche's part of a household payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub loan_id: i64,
    pub contract_no: String,
    pub fund_name: String,
    /// principal or carried (interest-free arrears).
    pub part: String,
    pub amount: Satang,
    pub allocation: Allocation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdReceipt {
    pub receipt_id: i64,
    pub receipt_no: String,
    pub paid_on: NaiveDate,
    pub amount: Satang,
    pub shares: Vec<Share>,
    pub outstanding_after: Satang,
}

/// The contract's statement as of a date: every open tranche's statement.
pub fn statement(
    conn: &Connection,
    consolidation_id: i64,
    as_of: NaiveDate,
) -> Result<Vec<(Loan, Statement)>> {
    consolidations::tranches(conn, consolidation_id)?
        .into_iter()
        .filter(|t| t.status.is_open() || t.status == crate::domain::loan::LoanStatus::Closed)
        .map(|t| {
            let st = loans::statement(conn, &t, as_of)?;
            Ok((t, st))
        })
        .collect()
}

/// How a payment would be shared, without saving anything.
pub fn preview(
    conn: &Connection,
    consolidation_id: i64,
    paid_on: NaiveDate,
    amount: Satang,
    today: NaiveDate,
) -> Result<Vec<Share>> {
    let rec = consolidations::get(conn, consolidation_id)?;
    if rec.status != "approved" {
        return Err(StoreError::refused("รับชำระได้เฉพาะสัญญารวมหนี้ที่อนุมัติแล้ว"));
    }
    if !amount.is_positive() {
        return Err(StoreError::refused(PaymentError::NotPositive));
    }
    if paid_on > today {
        return Err(StoreError::refused(PaymentError::FutureDate));
    }
    if paid_on < rec.as_of {
        return Err(StoreError::refused(PaymentError::BeforeStart(format_long(rec.as_of))));
    }
    let open: Vec<(Loan, Statement)> = statement(conn, consolidation_id, paid_on)?
        .into_iter()
        .filter(|(t, _)| t.status.is_open())
        .collect();
    if open.is_empty() {
        return Err(StoreError::refused("สัญญารวมหนี้นี้ชำระครบแล้ว"));
    }
    let due: Vec<Satang> = open.iter().map(|(_, st)| st.due_now()).collect();
    let whole: Vec<Satang> = open.iter().map(|(_, st)| st.whole_debt()).collect();
    let split = split_household_payment(amount, &due, &whole).map_err(StoreError::refused)?;
    let mut shares = Vec::new();
    for ((tranche, _), part) in open.iter().zip(split) {
        if !part.is_positive() {
            continue;
        }
        let allocation = ledger::preview(conn, tranche.id, paid_on, part, today)?;
        shares.push(Share {
            loan_id: tranche.id,
            contract_no: tranche.contract_no.clone(),
            fund_name: tranche.fund_name.clone(),
            part: tranche.tranche_part.clone().unwrap_or_default(),
            amount: part,
            allocation,
        });
    }
    Ok(shares)
}

pub struct ContractPayment<'a> {
    pub paid_on: NaiveDate,
    pub amount: Satang,
    pub channel: crate::domain::loan::Channel,
    pub payer_name: &'a str,
    pub note: &'a str,
}

/// Records a household payment: one receipt, one payment line per tranche. In the caller's
/// transaction.
pub fn record(
    conn: &Connection,
    actor: &Actor,
    consolidation_id: i64,
    p: &ContractPayment<'_>,
    today: NaiveDate,
) -> Result<HouseholdReceipt> {
    actor.require(Permission::RecordPayment)?;
    let shares = preview(conn, consolidation_id, p.paid_on, p.amount, today)?;
    let first = shares.first().ok_or_else(|| StoreError::refused("ไม่มีงวดให้รับชำระ"))?;
    let head = NewPayment {
        loan_id: first.loan_id,
        paid_on: p.paid_on,
        amount: p.amount,
        channel: p.channel,
        payer_name: p.payer_name.to_string(),
        note: p.note.to_string(),
    };
    let (receipt_id, receipt_no) = ledger::insert_receipt(conn, actor, &head)?;
    for share in &shares {
        ledger::insert_line(conn, receipt_id, share.loan_id, p.paid_on, share.amount)?;
        ledger::rebuild(conn, share.loan_id)?;
    }
    let outstanding_after: Satang = consolidations::tranches(conn, consolidation_id)?
        .iter()
        .filter(|t| t.status.is_open())
        .map(|t| t.outstanding)
        .sum();
    let detail = shares
        .iter()
        .map(|s| format!("{} {}", s.contract_no, s.amount))
        .collect::<Vec<_>>()
        .join(", ");
    audit::append(
        conn,
        actor,
        "record_contract_payment",
        "receipt",
        Some(receipt_id),
        &format!("{receipt_no} {} ({detail})", p.amount),
    )?;
    Ok(HouseholdReceipt {
        receipt_id,
        receipt_no,
        paid_on: p.paid_on,
        amount: p.amount,
        shares,
        outstanding_after,
    })
}
