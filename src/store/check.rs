//! `plodnee check`: the database's own integrity, the audit chain, and money reconciliation of
//! every loan (principal − principal paid = outstanding; every payment fully allocated; the
//! stored ledger equal to what the statement engine derives from the payments).

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::error::Result;
use super::{audit, fund_statement, funds, ledger, loans};
use crate::domain::Satang;
use crate::domain::statement::Part;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What is wrong, in Thai.
    pub problem: String,
    /// The contract or table concerned.
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Report {
    pub loans_checked: i64,
    pub payments_checked: i64,
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn add(&mut self, subject: impl Into<String>, problem: impl Into<String>) {
        self.problems.push(Problem { subject: subject.into(), problem: problem.into() });
    }
}

/// Runs every check. `progress` is told (done, total) loans now and then.
pub fn run(conn: &Connection, mut progress: impl FnMut(i64, i64)) -> Result<Report> {
    let mut report = integrity_and_audit(conn)?;
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM loan ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let total = ids.len() as i64;
    for (n, id) in ids.into_iter().enumerate() {
        check_loan(conn, id, &mut report)?;
        report.loans_checked += 1;
        if n % 2000 == 0 {
            progress(n as i64, total);
        }
    }
    progress(total, total);
    check_funds(conn, &mut report)?;
    Ok(report)
}

/// The checks that need no particular schema: SQLite's own, foreign keys, the audit chain.
pub fn integrity_and_audit(conn: &Connection) -> Result<Report> {
    let mut report = Report::default();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if integrity != ["ok"] {
        for line in integrity {
            report.add("ฐานข้อมูล", format!("integrity_check: {line}"));
        }
    }
    let fk: Vec<(String, i64)> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (table, rowid) in fk {
        report.add(table, format!("แถว {rowid} อ้างถึงข้อมูลที่ไม่มีอยู่"));
    }
    if let Some(id) = audit::first_broken_link(conn)? {
        report.add("บันทึกการใช้งาน", format!("สายแฮชของบันทึกขาดที่รายการ {id}: มีการแก้ไขนอกโปรแกรม"));
    }
    Ok(report)
}

/// Each fund's ledger against its live loans (issue 17 §A6): the statement from the first loan to
/// today must close at the principal the funds screen shows, and the carried parts apart.
fn check_funds(conn: &Connection, report: &mut Report) -> Result<()> {
    let today = crate::clock::today();
    let first: Option<chrono::NaiveDate> =
        conn.query_row("SELECT MIN(start_date) FROM loan", [], |r| r.get(0))?;
    let Some(first) = first else { return Ok(()) };
    for s in funds::summaries(conn)? {
        let st = fund_statement::compute(conn, s.fund.id, first, today.max(first))?;
        if st.closing_principal != s.outstanding {
            report.add(
                format!("กองทุน {}", s.fund.code),
                format!(
                    "งบกองทุนปิดที่เงินต้น {} แต่สัญญาที่ยังเปิดรวมกันได้ {}",
                    st.closing_principal, s.outstanding
                ),
            );
        }
        if st.closing_carried != s.carried {
            report.add(
                format!("กองทุน {}", s.fund.code),
                format!(
                    "หนี้ค้างยกมาตามงบกองทุน {} ไม่ตรงกับสัญญาที่ยังเปิด {}",
                    st.closing_carried, s.carried
                ),
            );
        }
    }
    Ok(())
}

fn check_loan(conn: &Connection, id: i64, report: &mut Report) -> Result<()> {
    let loan = loans::get(conn, id)?;
    let subject = format!("สัญญา {}", loan.contract_no);
    let schedule = loans::schedule(conn, id)?;
    if schedule.total_principal() != loan.principal {
        report.add(
            &subject,
            format!(
                "ตารางผ่อนรวมเงินต้น {} ไม่เท่ากับเงินกู้ {}",
                schedule.total_principal(),
                loan.principal
            ),
        );
    }
    let live = ledger::live_payments(conn, id)?;
    report.payments_checked += live.len() as i64;
    let payments: Vec<_> = live.iter().map(|p| p.1).collect();
    let as_of = payments.iter().map(|p| p.date).max().unwrap_or(loan.start);
    let st = match loan.compute(&schedule, &payments, &ledger::fees(conn, id)?, as_of) {
        Ok(st) => st,
        Err(e) => {
            report.add(&subject, format!("คำนวณรายการเดินบัญชีไม่ได้: {e}"));
            return Ok(());
        }
    };

    // Stored allocations, per payment and part.
    let mut stored: HashMap<i64, Vec<(Option<u32>, String, i64)>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.payment_id, a.installment_no, a.part, a.amount FROM allocation a
         WHERE a.loan_id = ?1 AND a.payment_id IN (SELECT p.id FROM payment p WHERE p.loan_id = ?1
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)) ORDER BY a.rowid",
    )?;
    for row in
        stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
    {
        let (payment, no, part, amount) = row?;
        stored.entry(payment).or_default().push((no, part, amount));
    }
    let mut principal_paid = Satang::ZERO;
    for ((payment_id, p), allocation) in live.iter().zip(&st.allocations) {
        let rows = stored.remove(payment_id).unwrap_or_default();
        let sum: i64 = rows.iter().map(|r| r.2).sum();
        if sum != p.amount.0 {
            report.add(
                &subject,
                format!(
                    "รายการรับชำระ {payment_id} จำนวน {} ปันส่วนไว้ {} ไม่ครบ",
                    p.amount,
                    Satang(sum)
                ),
            );
        }
        let expected: Vec<(Option<u32>, String, i64)> = allocation
            .slices
            .iter()
            .map(|s| (s.installment, s.part.code().to_string(), s.amount.0))
            .collect();
        if rows != expected {
            report.add(&subject, format!("การปันส่วนของรายการรับชำระ {payment_id} ไม่ตรงกับที่คำนวณได้"));
        }
        principal_paid +=
            rows.iter().filter(|r| r.1 == Part::Principal.code()).map(|r| Satang(r.2)).sum();
    }
    if !stored.is_empty() {
        report.add(&subject, "มีการปันส่วนของรายการรับชำระที่ไม่มีอยู่");
    }
    // A residue written off cleared its principal part and the loan's next due date.
    let written_off = super::write_offs::approved(conn, id)?;
    let written_off_principal = written_off.map(|w| w.principal).unwrap_or_default();
    if loan.principal - principal_paid - written_off_principal != loan.outstanding {
        report.add(
            &subject,
            format!(
                "เงินต้น {} − ชำระเงินต้นแล้ว {} − ตัดยอดเศษสตางค์ {} ไม่เท่ากับยอดคงเหลือ {}",
                loan.principal, principal_paid, written_off_principal, loan.outstanding
            ),
        );
    }
    let next_due = if written_off.is_some() { None } else { st.next_unpaid_due };
    if st.outstanding_principal - written_off_principal != loan.outstanding
        || next_due != loan.next_unpaid_due
    {
        report.add(&subject, "ยอดคงเหลือที่เก็บไว้ไม่ตรงกับการคำนวณจากรายการรับชำระ");
    }
    if written_off.is_some() && loan.status != crate::domain::loan::LoanStatus::Closed {
        report.add(&subject, "สัญญาที่ตัดยอดเศษสตางค์แล้วต้องมีสถานะปิดบัญชี");
    }
    let mut stmt = conn.prepare_cached("SELECT no, principal_paid, interest_paid, default_interest_paid FROM installment WHERE loan_id = ?1 ORDER BY no")?;
    let cached: Vec<(u32, i64, i64, i64)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let derived: Vec<(u32, i64, i64, i64)> = st
        .installments
        .iter()
        .map(|i| (i.no, i.principal_paid.0, i.interest_paid.0, i.default_interest_paid.0))
        .collect();
    if cached != derived {
        report.add(&subject, "ยอดชำระรายงวดที่เก็บไว้ไม่ตรงกับการคำนวณ");
    }
    Ok(())
}
