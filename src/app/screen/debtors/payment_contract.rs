//! A payment on a tranche of a consolidated contract is the household's payment on the whole
//! contract (1 ครัวเรือน 1 สัญญา): one receipt split across the tranches by what each has due, so
//! every source fund receives its part. This shapes the contract's figures, its split preview and
//! its receipt for the payment screen, which shows them like a single loan's.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use iced::Element;
use iced::widget::Column;
use rusqlite::Connection;

use crate::app::widget::{cell, col, money, num, table_header, table_row};
use crate::domain::Satang;
use crate::domain::statement::{Allocation, Part, Slice};
use crate::store::contract_payments::{self, ContractPayment, Share};
use crate::store::ledger::Receipt;
use crate::store::{Actor, Result, consolidations};

/// The contract a tranche belongs to, with its figures summed over the open tranches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub id: i64,
    pub contract_no: String,
    pub outstanding_principal: Satang,
    pub overdue_amount: Satang,
    pub default_interest: Satang,
    pub payoff: Satang,
}

pub fn load(conn: &Connection, consolidation_id: i64, today: NaiveDate) -> Result<Contract> {
    let rec = consolidations::get(conn, consolidation_id)?;
    let mut c = Contract {
        id: consolidation_id,
        contract_no: rec.contract_no.unwrap_or_default(),
        outstanding_principal: Satang::ZERO,
        overdue_amount: Satang::ZERO,
        default_interest: Satang::ZERO,
        payoff: Satang::ZERO,
    };
    for (tranche, st) in contract_payments::statement(conn, consolidation_id, today)? {
        if tranche.status.is_open() {
            c.outstanding_principal += st.outstanding_principal;
            c.overdue_amount += st.overdue_amount;
            c.default_interest += st.default_interest;
            c.payoff += st.payoff;
        }
    }
    Ok(c)
}

/// Each fund's part of the payment, in the tranches' order (a fund's principal and
/// carried-arrears tranches together).
pub type Split = Vec<(String, Satang)>;

/// The tranches' allocations as one: the tranches share the household's installment dates, so
/// their slices add up per installment and part.
fn merge(shares: &[Share], date: NaiveDate, amount: Satang) -> (Allocation, Split) {
    let mut slices: BTreeMap<(Option<u32>, u8), Satang> = BTreeMap::new();
    let mut split: Split = Vec::new();
    for share in shares {
        for s in &share.allocation.slices {
            *slices.entry((s.installment, part_order(s.part))).or_default() += s.amount;
        }
        match split.iter_mut().find(|(fund, _)| *fund == share.fund_name) {
            Some((_, a)) => *a += share.amount,
            None => split.push((share.fund_name.clone(), share.amount)),
        }
    }
    let slices = slices
        .into_iter()
        .map(|((installment, order), amount)| Slice {
            installment,
            part: ORDER[order as usize],
            amount,
        })
        .collect();
    (Allocation { date, amount, slices }, split)
}

/// The order parts are paid in (fees, default interest, interest, principal: s.329).
const ORDER: [Part; 4] = [Part::Fee, Part::DefaultInterest, Part::Interest, Part::Principal];

fn part_order(part: Part) -> u8 {
    ORDER.iter().position(|p| *p == part).unwrap_or(0) as u8
}

pub fn preview(
    conn: &Connection,
    consolidation_id: i64,
    paid_on: NaiveDate,
    amount: Satang,
    today: NaiveDate,
) -> Result<(Allocation, Split)> {
    let shares = contract_payments::preview(conn, consolidation_id, paid_on, amount, today)?;
    Ok(merge(&shares, paid_on, amount))
}

pub fn record(
    conn: &Connection,
    actor: &Actor,
    consolidation_id: i64,
    p: &ContractPayment<'_>,
    today: NaiveDate,
) -> Result<(Receipt, Split)> {
    let r = contract_payments::record(conn, actor, consolidation_id, p, today)?;
    let (allocation, split) = merge(&r.shares, r.paid_on, r.amount);
    let receipt = Receipt {
        receipt_id: r.receipt_id,
        // A household receipt has one line per tranche, not one line on this loan.
        payment_id: 0,
        receipt_no: r.receipt_no,
        paid_on: r.paid_on,
        amount: r.amount,
        allocation,
        outstanding_after: r.outstanding_after,
        paid_off: r.outstanding_after.is_zero(),
    };
    Ok((receipt, split))
}

/// Each fund's part of a household payment.
pub fn split_table<'a, M: 'a>(split: &[(String, Satang)]) -> Element<'a, M> {
    let cols = [col("กองทุน", 6), num("ส่วนของกองทุน", 3)];
    let mut table = Column::new().push(table_header(&cols));
    for (fund, amount) in split {
        table =
            table.push(table_row(&cols, vec![cell(fund.clone()).into(), money(*amount).into()]));
    }
    table.into()
}
