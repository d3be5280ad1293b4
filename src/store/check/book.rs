//! The whole book read for `plodnee check` in one scan per table, grouped by loan: the check then
//! runs in memory, with the same rows the per-loan queries of the ledger would have returned.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::schedule::{Installment, Schedule};
use crate::domain::statement::{FeeIn, PaymentIn};
use crate::store::error::Result;
use crate::store::loans::{self, Loan};

/// An installment's stored terms and its cached paid amounts.
#[derive(Debug, Clone)]
pub(super) struct InstallmentRow {
    pub no: u32,
    pub due_date: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub paid: (i64, i64, i64),
}

/// A stored allocation slice: (installment, part code, amount), in the order it was written.
pub(super) type Slice = (Option<u32>, String, i64);

pub(super) struct Book {
    pub loans: Vec<Loan>,
    installments: HashMap<i64, Vec<InstallmentRow>>,
    payments: HashMap<i64, Vec<(i64, PaymentIn)>>,
    fees: HashMap<i64, Vec<FeeIn>>,
    allocations: HashMap<i64, Vec<(i64, Slice)>>,
    written_off: HashMap<i64, Satang>,
}

/// One loan's rows.
pub(super) struct LoanRows<'a> {
    pub schedule: Schedule,
    pub installments: &'a [InstallmentRow],
    /// (payment id, payment) of the live payments, in the engine's order (date, then id).
    pub payments: &'a [(i64, PaymentIn)],
    pub fees: &'a [FeeIn],
    /// (payment id, slice) of the live payments' allocations, in the order they were written.
    pub allocations: &'a [(i64, Slice)],
    /// The principal part of an approved residue write-off.
    pub written_off: Option<Satang>,
}

impl Book {
    pub fn load(conn: &Connection) -> Result<Book> {
        let loans = loans::all_without_arrears(conn)?;

        let mut installments: HashMap<i64, Vec<InstallmentRow>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT loan_id, no, due_date, principal, interest, principal_paid, interest_paid,
                    default_interest_paid FROM installment",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            installments.entry(r.get(0)?).or_default().push(InstallmentRow {
                no: r.get(1)?,
                due_date: r.get(2)?,
                principal: Satang(r.get(3)?),
                interest: Satang(r.get(4)?),
                paid: (r.get(5)?, r.get(6)?, r.get(7)?),
            });
        }
        for list in installments.values_mut() {
            list.sort_by_key(|i| i.no);
        }

        // The same liveness rule as `ledger::live_payments`: a payment whose receipt is reversed
        // is not live, and neither are its allocations.
        let mut payments: HashMap<i64, Vec<(i64, PaymentIn)>> = HashMap::new();
        let mut live: HashMap<i64, i64> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT p.loan_id, p.id, p.paid_on, p.amount FROM payment p
             WHERE NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (loan_id, id): (i64, i64) = (r.get(0)?, r.get(1)?);
            live.insert(id, loan_id);
            payments
                .entry(loan_id)
                .or_default()
                .push((id, PaymentIn { date: r.get(2)?, amount: Satang(r.get(3)?) }));
        }
        for list in payments.values_mut() {
            list.sort_by_key(|(id, p)| (p.date, *id));
        }

        let mut fees: HashMap<i64, Vec<(i64, FeeIn)>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT loan_id, id, charged_on, amount FROM fee")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            fees.entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, FeeIn { date: r.get(2)?, amount: Satang(r.get(3)?) }));
        }
        let fees = fees
            .into_iter()
            .map(|(loan, mut list)| {
                list.sort_by_key(|(id, f)| (f.date, *id));
                (loan, list.into_iter().map(|(_, f)| f).collect())
            })
            .collect();

        let mut allocations: HashMap<i64, Vec<(i64, Slice)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT loan_id, payment_id, installment_no, part, amount FROM allocation ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (loan_id, payment_id): (i64, i64) = (r.get(0)?, r.get(1)?);
            if live.get(&payment_id) == Some(&loan_id) {
                allocations
                    .entry(loan_id)
                    .or_default()
                    .push((payment_id, (r.get(2)?, r.get(3)?, r.get(4)?)));
            }
        }

        let written_off = conn
            .prepare("SELECT loan_id, principal FROM residue_write_off WHERE status = 'approved'")?
            .query_map([], |r| Ok((r.get(0)?, Satang(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;

        Ok(Book { loans, installments, payments, fees, allocations, written_off })
    }

    pub fn rows(&self, loan: &Loan) -> LoanRows<'_> {
        let installments = self.installments.get(&loan.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut balance = loan.principal;
        let schedule = Schedule {
            installments: installments
                .iter()
                .map(|i| {
                    balance -= i.principal;
                    Installment {
                        no: i.no,
                        due_date: i.due_date,
                        principal: i.principal,
                        interest: i.interest,
                        balance,
                    }
                })
                .collect(),
        };
        LoanRows {
            schedule,
            installments,
            payments: self.payments.get(&loan.id).map(Vec::as_slice).unwrap_or(&[]),
            fees: self.fees.get(&loan.id).map(Vec::as_slice).unwrap_or(&[]),
            allocations: self.allocations.get(&loan.id).map(Vec::as_slice).unwrap_or(&[]),
            written_off: self.written_off.get(&loan.id).copied(),
        }
    }
}
