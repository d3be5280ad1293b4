//! Every loan as one table for Excel (ส่งออกสัญญาเงินกู้ทั้งหมด): the columns the loan list shows,
//! with Thai headers, amounts as numbers and dates as dates. National ids are not in it.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::loan::LoanStatus;
use crate::domain::report::table::{Cell, Kind, Table};
use crate::domain::thai::date::format_long;
use crate::store::error::Result;

pub fn table(conn: &Connection, printed_on: NaiveDate) -> Result<Table> {
    let mut t = Table::new(
        "สัญญาเงินกู้ทั้งหมด",
        vec![
            ("เลขที่สัญญา", Kind::Text),
            ("กองทุน", Kind::Text),
            ("ผู้กู้", Kind::Text),
            ("บ้านเลขที่", Kind::Text),
            ("หมู่ที่", Kind::Count),
            ("วันที่กู้", Kind::Date),
            ("เงินกู้", Kind::Money),
            ("อัตราดอกเบี้ย (%)", Kind::Text),
            ("จำนวนงวด", Kind::Count),
            ("เงินต้นคงค้าง", Kind::Money),
            ("งวดค้างชำระแรก", Kind::Date),
            ("สถานะ", Kind::Text),
        ],
    );
    t.subtitle = vec![format!("ข้อมูล ณ วันที่ {}", format_long(printed_on))];
    let mut stmt = conn.prepare(
        "SELECT l.contract_no, f.code, p.title || p.first_name || ' ' || p.last_name, h.house_no, h.village_no,
                l.start_date, l.principal, l.rate_bp, l.periods, l.outstanding_principal, l.next_unpaid_due, l.status
         FROM loan l JOIN fund f ON f.id = l.fund_id JOIN person p ON p.id = l.borrower_id
              JOIN household h ON h.id = p.household_id
         WHERE l.status != 'voided' ORDER BY l.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let rate: i64 = r.get(7)?;
        let status: String = r.get(11)?;
        let open = matches!(status.as_str(), "active" | "terminated" | "litigation");
        let next: Option<NaiveDate> = r.get(10)?;
        Ok(vec![
            Cell::Text(r.get(0)?),
            Cell::Text(r.get(1)?),
            Cell::Text(r.get(2)?),
            Cell::Text(r.get(3)?),
            Cell::Count(r.get(4)?),
            Cell::Date(r.get(5)?),
            Cell::Money(Satang(r.get(6)?)),
            Cell::Text(format!("{}.{:02}", rate / 100, rate % 100)),
            Cell::Count(r.get(8)?),
            Cell::Money(if open { Satang(r.get(9)?) } else { Satang::ZERO }),
            next.filter(|_| open).map_or(Cell::Empty, Cell::Date),
            Cell::Text(LoanStatus::from_code(&status).map(|s| s.to_string()).unwrap_or(status)),
        ])
    })?;
    t.rows = rows.collect::<Result<_, _>>()?;
    Ok(t)
}
