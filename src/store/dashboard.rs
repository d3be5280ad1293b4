//! The home screen's figures: counts and sums at a glance, arrears by bucket, collections this
//! month, and the list of files due today or overdue. Built for 100,000 members and 200,000
//! loans: it reads the cached `loan.outstanding_principal` and `loan.next_unpaid_due` and touches
//! installments only of the loans that are overdue (through the `loan_open_due` index).

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::error::Result;
use super::{ledger, settings};
use crate::domain::Satang;
use crate::domain::arrears;
use crate::domain::person::full_name;
use crate::domain::statement::Bucket;

/// The statuses that still take payments (see `LoanStatus::is_open`).
const OPEN: &str = "('active', 'terminated', 'litigation')";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketTotal {
    pub bucket: Bucket,
    pub loans: i64,
    /// Unpaid principal and interest of the installments already past due.
    pub amount: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dashboard {
    pub households: i64,
    pub members: i64,
    pub open_loans: i64,
    /// Principal still owed (principal parts only).
    pub outstanding: Satang,
    /// หนี้ค้างยกมา (ไม่คิดดอกเบี้ย): interest-free arrears carried in consolidated contracts and plans.
    pub carried: Satang,
    pub overdue_loans: i64,
    pub overdue_amount: Satang,
    /// One entry per arrears bucket after "current", in order, zeros included.
    pub buckets: Vec<BucketTotal>,
    /// Loans with more than three installments overdue (เกิน 3 งวด): candidates for termination.
    pub over_three_installments: i64,
    pub due_today: i64,
    pub collected_month: Satang,
    pub collected_today: Satang,
}

/// One line of today's work list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueFile {
    pub loan_id: i64,
    pub contract_no: String,
    pub fund_name: String,
    pub borrower_id: i64,
    pub borrower_name: String,
    pub household_id: i64,
    pub house_no: String,
    pub village_no: u8,
    pub due: NaiveDate,
    pub days_past_due: i64,
    pub outstanding: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Worklist {
    pub files: Vec<DueFile>,
    /// How many files are due or overdue in all (the list holds the first `limit`).
    pub total: i64,
}

pub fn summary(conn: &Connection, today: NaiveDate) -> Result<Dashboard> {
    let households: i64 = conn.query_row("SELECT COUNT(*) FROM household", [], |r| r.get(0))?;
    let members: i64 = conn.query_row("SELECT COUNT(*) FROM person", [], |r| r.get(0))?;
    // Principal parts only; carried (interest-free) arrears are their own figure (issue 17 §A2),
    // so this total is the sum of the funds screen's and of every fund statement's closing.
    let (open_loans, outstanding, carried): (i64, i64, i64) = conn.query_row(
        &format!(
            "SELECT COUNT(CASE WHEN COALESCE(tranche_part, 'principal') = 'principal' THEN 1 END),
                    COALESCE(SUM(CASE WHEN COALESCE(tranche_part, 'principal') = 'principal' THEN outstanding_principal END), 0),
                    COALESCE(SUM(CASE WHEN tranche_part = 'carried' THEN outstanding_principal END), 0)
             FROM loan WHERE status IN {OPEN}"
        ),
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let due_today: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM loan WHERE status IN {OPEN} AND next_unpaid_due = ?1"),
        [today],
        |r| r.get(0),
    )?;

    let tolerance = settings::tolerance(conn)?;
    // Only overdue loans reach the installment table; each contributes its unpaid past-due parts.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.next_unpaid_due, COUNT(*),
                SUM(i.principal - i.principal_paid + i.interest - i.interest_paid)
         FROM loan l JOIN installment i ON i.loan_id = l.id AND i.due_date < ?1
              AND (i.principal_paid < i.principal OR i.interest_paid < i.interest)
         WHERE l.status IN {OPEN} AND l.next_unpaid_due < ?1
         GROUP BY l.id"
    ))?;
    let mut buckets: Vec<BucketTotal> = Bucket::ALL[1..]
        .iter()
        .map(|b| BucketTotal { bucket: *b, loans: 0, amount: Satang::ZERO })
        .collect();
    let mut over_three = 0;
    let rows = stmt.query_map([today], |r| {
        Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
    })?;
    for row in rows {
        let (due, installments, amount) = row?;
        // Satang residues are not arrears (issue 11 §3): the same rule as the loan file's.
        if !arrears::in_arrears(Satang(amount), tolerance) {
            continue;
        }
        let bucket = Bucket::of((today - due).num_days());
        if let Some(total) = buckets.iter_mut().find(|t| t.bucket == bucket) {
            total.loans += 1;
            total.amount += Satang(amount);
        }
        if installments > 3 {
            over_three += 1;
        }
    }
    let month_start = today.with_day(1).unwrap_or(today);
    Ok(Dashboard {
        households,
        members,
        open_loans,
        outstanding: Satang(outstanding),
        carried: Satang(carried),
        overdue_loans: buckets.iter().map(|b| b.loans).sum(),
        overdue_amount: buckets.iter().map(|b| b.amount).sum(),
        buckets,
        over_three_installments: over_three,
        due_today,
        collected_month: ledger::collected_between(conn, month_start, today)?,
        collected_today: ledger::collected_between(conn, today, today)?,
    })
}

/// The files due today and overdue: today's first, then by how long they have been overdue,
/// most recent first (a fresh arrear is the easiest to cure). A file whose only overdue amount
/// is below the arrears tolerance is listed only when something falls due today, and then as
/// due today, not as overdue (issue 11 §3).
pub fn worklist(conn: &Connection, today: NaiveDate, limit: usize) -> Result<Worklist> {
    let tolerance = settings::tolerance(conn)?;
    // Every open loan with something unpaid due by today: its overdue amount (principal and
    // interest due before today) and whether an installment falls due today.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.next_unpaid_due,
                COALESCE(SUM(CASE WHEN i.due_date < ?1 THEN i.principal - i.principal_paid + i.interest - i.interest_paid END), 0),
                COUNT(CASE WHEN i.due_date = ?1 THEN 1 END)
         FROM loan l JOIN installment i ON i.loan_id = l.id AND i.due_date <= ?1
              AND (i.principal_paid < i.principal OR i.interest_paid < i.interest)
         WHERE l.status IN {OPEN} AND l.next_unpaid_due <= ?1
         GROUP BY l.id"
    ))?;
    let rows = stmt.query_map([today], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, NaiveDate>(1)?, Satang(r.get(2)?), r.get::<_, i64>(3)?))
    })?;
    // (loan, the date it counts from): the oldest unpaid due date when in arrears, else today.
    let mut listed: Vec<(i64, NaiveDate)> = Vec::new();
    for row in rows {
        let (id, oldest, overdue, due_today) = row?;
        if arrears::in_arrears(overdue, tolerance) {
            listed.push((id, oldest));
        } else if due_today > 0 {
            listed.push((id, today));
        }
    }
    listed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total = listed.len() as i64;
    let mut detail = conn.prepare_cached(
        "SELECT l.id, l.contract_no, f.name, p.id, p.title, p.first_name, p.last_name, h.id, h.house_no,
                h.village_no, l.outstanding_principal
         FROM loan l JOIN fund f ON f.id = l.fund_id JOIN person p ON p.id = l.borrower_id
              JOIN household h ON h.id = p.household_id
         WHERE l.id = ?1",
    )?;
    let mut files = Vec::with_capacity(limit.min(listed.len()));
    for (id, due) in listed.into_iter().take(limit) {
        files.push(detail.query_row([id], |r| {
            Ok(DueFile {
                loan_id: r.get(0)?,
                contract_no: r.get(1)?,
                fund_name: r.get(2)?,
                borrower_id: r.get(3)?,
                borrower_name: full_name(
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                    &r.get::<_, String>(6)?,
                ),
                household_id: r.get(7)?,
                house_no: r.get(8)?,
                village_no: r.get(9)?,
                due,
                days_past_due: (today - due).num_days().max(0),
                outstanding: Satang(r.get(10)?),
            })
        })?);
    }
    Ok(Worklist { files, total })
}
