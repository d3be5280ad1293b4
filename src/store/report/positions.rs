//! Every loan on the books on one or more days, as the ledger says it stood at the end of each.
//!
//! How a past day is reproduced without replaying 200,000 statements: the installment caches
//! (`principal_paid`, `interest_paid`) and `loan.outstanding_principal` equal the sum of the live
//! allocations (the statement engine writes both in one transaction; `plodnee check` verifies
//! them), and each allocation belongs to a dated payment. So what stood at the end of day D is
//! today's cache plus every principal and interest allocation of a live payment after D, taken
//! back. Only the installments that could be unpaid on D are read: those unpaid today of loans
//! already overdue before D, and those paid after D. A loan is on the books on D from its start
//! until the day it closed (paid off, consolidated into a new contract, replaced by a plan or
//! written off); voided tranches and the interest-free carried parts (not principal) never are.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::Satang;
use crate::domain::arrears::Tolerance;
use crate::domain::report::GroupBy;
use crate::domain::report::aging::{Group, Position, Rework, days_past_due};
use crate::domain::thai::date::format_numeric;
use crate::store::error::Result;
use crate::store::settings;

/// Statuses that still take payments (`LoanStatus::is_open`): their caches run to today.
const OPEN: &str = "('active', 'terminated', 'litigation')";
const PRINCIPAL_PART: &str =
    "l.status != 'voided' AND COALESCE(l.tranche_part, 'principal') = 'principal'";

struct LoanRow {
    id: i64,
    fund: i64,
    borrower: i64,
    household: i64,
    village: i64,
    start: NaiveDate,
    /// The day it left the books; `None` while open.
    closed_on: Option<NaiveDate>,
    open_now: bool,
    /// Principal owed today by the caches.
    outstanding_now: Satang,
    rework: Option<Rework>,
}

/// One installment that may have been unpaid on a report's day.
struct Due {
    no: i64,
    due: NaiveDate,
    /// Unpaid principal and interest today.
    unpaid_now: Satang,
}

/// A principal or interest allocation of a live payment after the earliest report day.
struct Later {
    no: i64,
    paid_on: NaiveDate,
    principal: bool,
    amount: Satang,
}

#[derive(Default)]
struct Ledger {
    dues: HashMap<i64, Vec<Due>>,
    later: HashMap<i64, Vec<Later>>,
}

/// Labels of the groups a loan can fall in, read once.
struct Labels {
    funds: HashMap<i64, String>,
    /// Per household, its assignments (from day, label, order) in the order they were made.
    assigned: HashMap<i64, Vec<(NaiveDate, String, i64)>>,
}

impl Labels {
    fn read(conn: &Connection, by: GroupBy) -> Result<Labels> {
        let mut funds = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, code, name FROM fund")?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })? {
            let (id, code, name) = row?;
            funds.insert(id, format!("{code} {name}"));
        }
        let mut assigned: HashMap<i64, Vec<(NaiveDate, String, i64)>> = HashMap::new();
        if by == GroupBy::Officer {
            let mut stmt = conn.prepare(
                "SELECT a.household_id, a.from_on, a.officer_id, u.full_name, a.leader_person_id,
                        p.title || p.first_name || ' ' || p.last_name
                 FROM assignment a LEFT JOIN app_user u ON u.id = a.officer_id
                      LEFT JOIN person p ON p.id = a.leader_person_id
                 ORDER BY a.id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, NaiveDate>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?;
            for row in rows {
                let (household, from, officer, officer_name, leader, leader_name) = row?;
                let (label, order) = match (officer, leader) {
                    (Some(id), _) => (officer_name.unwrap_or_default(), id),
                    (None, Some(id)) => (
                        format!("หัวหน้ากลุ่ม {}", leader_name.unwrap_or_default()),
                        1_000_000_000 + id,
                    ),
                    _ => continue,
                };
                assigned.entry(household).or_default().push((from, label, order));
            }
        }
        Ok(Labels { funds, assigned })
    }

    fn group(&self, by: GroupBy, loan: &LoanRow, day: NaiveDate) -> Group {
        match by {
            GroupBy::Fund => Group {
                order: loan.fund,
                label: self.funds.get(&loan.fund).cloned().unwrap_or_default(),
            },
            GroupBy::Village => {
                Group { order: loan.village, label: format!("หมู่ {}", loan.village) }
            }
            GroupBy::Officer => {
                // The latest assignment made that was in force on the day.
                let current = self
                    .assigned
                    .get(&loan.household)
                    .and_then(|list| list.iter().rev().find(|(from, _, _)| *from <= day));
                match current {
                    Some((_, label, order)) => Group { order: *order, label: label.clone() },
                    None => Group {
                        order: i64::MAX, label: "ยังไม่มอบหมายผู้รับผิดชอบ".into()
                    },
                }
            }
        }
    }
}

fn read_loans(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Vec<LoanRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT l.id, l.fund_id, p.household_id, h.village_no, l.start_date, l.closed_on,
                l.status IN {OPEN}, l.outstanding_principal, l.restructured_from IS NOT NULL, l.tranche_of IS NOT NULL, l.borrower_id
         FROM loan l JOIN person p ON p.id = l.borrower_id JOIN household h ON h.id = p.household_id
         WHERE {PRINCIPAL_PART} AND l.start_date <= ?2
           AND (l.status IN {OPEN} OR l.closed_on > ?1)"
    ))?;
    let rows = stmt.query_map(params![first, last], |r| {
        let restructured: bool = r.get(8)?;
        let tranche: bool = r.get(9)?;
        let open_now: bool = r.get(6)?;
        Ok(LoanRow {
            id: r.get(0)?,
            fund: r.get(1)?,
            borrower: r.get(10)?,
            household: r.get(2)?,
            village: r.get(3)?,
            start: r.get(4)?,
            closed_on: if open_now { None } else { r.get(5)? },
            open_now,
            outstanding_now: Satang(r.get(7)?),
            rework: if restructured {
                Some(Rework::Restructured)
            } else if tranche {
                Some(Rework::Consolidated)
            } else {
                None
            },
        })
    })?;
    let mut loans: Vec<LoanRow> = rows.collect::<Result<_, _>>()?;
    // A closed loan's cached outstanding is not what its allocations left (a write-off zeroes
    // it, a consolidation leaves it): take principal less what was paid.
    let mut paid = conn.prepare(&format!(
        "SELECT l.id, l.principal - COALESCE(SUM(i.principal_paid), 0)
         FROM loan l JOIN installment i ON i.loan_id = l.id
         WHERE {PRINCIPAL_PART} AND l.status NOT IN {OPEN} AND l.closed_on > ?1 AND l.start_date <= ?2
         GROUP BY l.id"
    ))?;
    let mut left: HashMap<i64, Satang> = HashMap::new();
    for row in
        paid.query_map(params![first, last], |r| Ok((r.get::<_, i64>(0)?, Satang(r.get(1)?))))?
    {
        let (id, amount) = row?;
        left.insert(id, amount);
    }
    for l in &mut loans {
        if !l.open_now {
            l.outstanding_now = left.get(&l.id).copied().unwrap_or(Satang::ZERO);
        }
    }
    Ok(loans)
}

fn read_ledger(conn: &Connection, first: NaiveDate, last: NaiveDate) -> Result<Ledger> {
    let mut ledger = Ledger::default();
    // Installments unpaid today and due before the last day, of loans overdue before it (open
    // loans: `next_unpaid_due` is the oldest unpaid due date) or closed after the first day.
    let mut stmt = conn.prepare(&format!(
        "SELECT i.loan_id, i.no, i.due_date, i.principal - i.principal_paid + i.interest - i.interest_paid
         FROM loan l JOIN installment i ON i.loan_id = l.id
         WHERE {PRINCIPAL_PART} AND l.start_date <= ?2
           AND ((l.status IN {OPEN} AND l.next_unpaid_due < ?2) OR (l.status NOT IN {OPEN} AND l.closed_on > ?1))
           AND i.due_date < ?2 AND (i.principal_paid < i.principal OR i.interest_paid < i.interest)"
    ))?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, NaiveDate>(2)?, Satang(r.get(3)?)))
    })?;
    for row in rows {
        let (loan, no, due, unpaid_now) = row?;
        ledger.dues.entry(loan).or_default().push(Due { no, due, unpaid_now });
    }
    // What live payments after the first day paid of principal and interest, taken back for each
    // earlier day; installments they touched could have been unpaid then.
    let mut stmt = conn.prepare(
        "SELECT a.loan_id, a.installment_no, p.paid_on, a.part = 'principal', a.amount, i.due_date,
                i.principal - i.principal_paid + i.interest - i.interest_paid
         FROM receipt rc JOIN payment p ON p.receipt_id = rc.id JOIN allocation a ON a.payment_id = p.id
              JOIN installment i ON i.loan_id = a.loan_id AND i.no = a.installment_no
         WHERE rc.paid_on > ?1 AND a.part IN ('principal', 'interest')
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = rc.id)",
    )?;
    let rows = stmt.query_map(params![first], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, bool>(3)?,
            Satang(r.get(4)?),
            r.get::<_, NaiveDate>(5)?,
            Satang(r.get(6)?),
        ))
    })?;
    for row in rows {
        let (loan, no, paid_on, principal, amount, due, unpaid_now) = row?;
        ledger.later.entry(loan).or_default().push(Later { no, paid_on, principal, amount });
        let dues = ledger.dues.entry(loan).or_default();
        if due < last && !dues.iter().any(|d| d.no == no) {
            dues.push(Due { no, due, unpaid_now });
        }
    }
    Ok(ledger)
}

/// The loan's position at the end of `day`, or `None` when it was not on the books.
fn position(
    loan: &LoanRow,
    ledger: &Ledger,
    day: NaiveDate,
    tolerance: Tolerance,
    group: impl FnOnce() -> Group,
) -> Option<Position> {
    if loan.start > day || loan.closed_on.is_some_and(|c| c <= day) {
        return None;
    }
    let later: &[Later] = ledger.later.get(&loan.id).map(Vec::as_slice).unwrap_or(&[]);
    let back_principal: Satang =
        later.iter().filter(|l| l.principal && l.paid_on > day).map(|l| l.amount).sum();
    let dues: &[Due] = ledger.dues.get(&loan.id).map(Vec::as_slice).unwrap_or(&[]);
    let (dpd, overdue) = days_past_due(
        dues.iter().filter(|d| d.due < day).map(|d| {
            let back: Satang =
                later.iter().filter(|l| l.no == d.no && l.paid_on > day).map(|l| l.amount).sum();
            (d.due, d.unpaid_now + back)
        }),
        day,
        tolerance,
    );
    Some(Position {
        loan_id: loan.id,
        borrower: loan.borrower,
        household: loan.household,
        group: group(),
        outstanding: loan.outstanding_now + back_principal,
        overdue,
        days_past_due: dpd,
        rework: loan.rework,
    })
}

/// The positions of every loan on the books at the end of each day, grouped `by`.
pub fn on_days(conn: &Connection, days: &[NaiveDate], by: GroupBy) -> Result<Vec<Vec<Position>>> {
    let (Some(first), Some(last)) = (days.iter().min().copied(), days.iter().max().copied()) else {
        return Ok(Vec::new());
    };
    let tolerance = settings::tolerance(conn)?;
    let labels = Labels::read(conn, by)?;
    let loans = read_loans(conn, first, last)?;
    let ledger = read_ledger(conn, first, last)?;
    Ok(days
        .iter()
        .map(|day| {
            loans
                .iter()
                .filter_map(|l| position(l, &ledger, *day, tolerance, || labels.group(by, l, *day)))
                .collect()
        })
        .collect())
}

/// The positions at the end of one day.
pub fn on_day(conn: &Connection, day: NaiveDate, by: GroupBy) -> Result<Vec<Position>> {
    Ok(on_days(conn, &[day], by)?.pop().unwrap_or_default())
}

/// `31/1/2568`: how a day is named in a report's file name.
pub fn day_label(day: NaiveDate) -> String {
    format_numeric(day)
}
