//! Letters issued over a period, from the letter register (ทะเบียนหนังสือส่ง).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::Satang;
use crate::domain::report::letters::Issued;
use crate::store::error::Result;

pub fn compute(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Issued>> {
    let mut stmt = conn.prepare(
        "SELECT issued_on, kind, total FROM letter WHERE issued_on BETWEEN ?1 AND ?2 ORDER BY issued_on, id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok(Issued { issued_on: r.get(0)?, kind: r.get(1)?, total: Satang(r.get(2)?) })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
