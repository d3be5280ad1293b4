//! The debtors by หมู่ as of a day: the positions the aging report reproduces from the ledger,
//! with each contract's number, fund and borrower (national id kept for masking, grade when the
//! member has been graded).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::positions;
use crate::domain::national_id::NationalId;
use crate::domain::report::GroupBy;
use crate::domain::report::debtors::Debtor;
use crate::store::error::Result;

struct Contract {
    contract_no: String,
    fund: String,
    village: i64,
    name: String,
    national_id: Option<String>,
    grade: Option<String>,
}

pub fn compute(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Debtor>> {
    let on_books = positions::on_day(conn, as_of, GroupBy::Village)?;
    let mut stmt = conn.prepare(
        "SELECT l.id, l.contract_no, f.code, h.village_no, p.title || p.first_name || ' ' || p.last_name,
                p.national_id, CASE WHEN p.grade_on IS NULL THEN NULL ELSE p.grade END
         FROM loan l JOIN fund f ON f.id = l.fund_id JOIN person p ON p.id = l.borrower_id
              JOIN household h ON h.id = p.household_id
         WHERE l.status != 'voided'",
    )?;
    let mut contracts: HashMap<i64, Contract> = HashMap::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Contract {
                contract_no: r.get(1)?,
                fund: r.get(2)?,
                village: r.get(3)?,
                name: r.get(4)?,
                national_id: r.get(5)?,
                grade: r.get(6)?,
            },
        ))
    })? {
        let (id, c) = row?;
        contracts.insert(id, c);
    }
    Ok(on_books
        .iter()
        .filter_map(|p| {
            let c = contracts.get(&p.loan_id)?;
            Some(Debtor {
                village: c.village,
                name: c.name.clone(),
                national_id: c.national_id.as_deref().and_then(|n| NationalId::parse(n).ok()),
                contract_no: c.contract_no.clone(),
                fund: c.fund.clone(),
                outstanding: p.outstanding,
                overdue: p.overdue,
                days_past_due: p.days_past_due,
                grade: c.grade.clone(),
            })
        })
        .collect())
}
