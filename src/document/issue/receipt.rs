//! Printing a recorded receipt from the ledger: its payment lines (one per loan, one per fund
//! tranche of a consolidated contract) and their allocations. Receipts have their own numbers
//! (running per B.E. year in the receipt book), so they are not entered in the letter register.

use rusqlite::Connection;

use super::{Result, fonts, gather};
use crate::document::PdfBuilder;
use crate::document::kinds;
use crate::domain::letter::compose::Addressee;
use crate::domain::letter::receipt::{self, Header, PaidLine};
use crate::store::{consolidations, ledger, loans};

/// The receipt `receipt_no` as a PDF; `copy` marks a reprint สำเนา. A reversed receipt prints
/// ยกเลิก with the reason.
pub fn receipt(conn: &Connection, receipt_no: &str, copy: bool) -> Result<Vec<u8>> {
    let records = ledger::by_receipt(conn, receipt_no)?;
    let office = gather::office(conn)?;
    let mut lines = Vec::with_capacity(records.len());
    let mut contract = String::new();
    let mut payer: Option<Addressee> = None;
    let mut debtor = String::new();
    for rec in &records {
        let loan = loans::get(conn, rec.loan_id)?;
        if payer.is_none() {
            let a = gather::addressee(conn, loan.borrower_id)?;
            // The name written on the receipt is the payer's; the address is the borrower's
            // household, where the payer pays for.
            let name = if rec.payer_name.trim().is_empty() {
                a.name.clone()
            } else {
                rec.payer_name.clone()
            };
            debtor = a.name;
            payer = Some(Addressee { name, lines: a.lines });
        }
        let shown = match loan.tranche_of {
            Some(c) => {
                consolidations::get(conn, c)?.contract_no.unwrap_or(loan.contract_no.clone())
            }
            None => loan.contract_no.clone(),
        };
        if !contract.split(", ").any(|c| c == shown) {
            if !contract.is_empty() {
                contract.push_str(", ");
            }
            contract.push_str(&shown);
        }
        lines.push(PaidLine {
            contract_no: loan.contract_no.clone(),
            fund: loan.fund_name.clone(),
            amount: rec.amount,
            slices: rec.slices.clone(),
        });
    }
    let Some(first) = records.first() else {
        return Err(super::IssueError::Refused(format!("ไม่พบใบเสร็จเลขที่ {receipt_no}")));
    };
    let doc = receipt::compose(
        Header {
            head: office.head.clone(),
            receipt_no: first.receipt_no.clone(),
            paid_on: first.paid_on,
            payer: payer.unwrap_or_default(),
            debtor,
            channel: first.channel.to_string(),
            contract,
            received_by: first.received_by.clone(),
            cancelled: first.reversal.as_ref().map(|r| r.reason.clone()),
        },
        &lines,
    );
    let mut pdf = PdfBuilder::new(fonts(), &format!("ใบเสร็จรับเงิน {}", doc.receipt_no));
    kinds::receipt::write(&mut pdf, &doc, office.logo.as_deref(), copy)?;
    Ok(pdf.finish()?)
}
