//! The annual report's figures per fund: the fund statement of the period (so the two always
//! agree), the number of new, consolidated and restructured contracts, and the arrears and
//! PAR90 on the period's last day as the ledger reproduces them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::positions;
use crate::domain::Satang;
use crate::domain::report::GroupBy;
use crate::domain::report::annual::AnnualFund;
use crate::store::error::Result;
use crate::store::fund_statement;

const PRINCIPAL_LOANS: &str = "l.fund_id = ?1 AND l.status != 'voided' AND COALESCE(l.tranche_part, 'principal') = 'principal' AND l.start_date BETWEEN ?2 AND ?3";

fn count_and_sum(
    conn: &Connection,
    which: &str,
    fund: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(i64, Satang)> {
    let (n, s): (i64, Option<i64>) = conn.query_row(
        &format!(
            "SELECT COUNT(*), SUM(l.principal) FROM loan l WHERE {PRINCIPAL_LOANS} AND {which}"
        ),
        params![fund, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((n, Satang(s.unwrap_or(0))))
}

pub fn compute(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<AnnualFund>> {
    let mut at_end: HashMap<i64, (Satang, Satang)> = HashMap::new();
    for p in positions::on_day(conn, to, GroupBy::Fund)? {
        let e = at_end.entry(p.group.order).or_default();
        e.0 += p.overdue;
        if p.days_past_due > 90 {
            e.1 += p.outstanding;
        }
    }
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM fund ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        let fs = fund_statement::compute(conn, id, from, to)?;
        let (loans_made, _) = count_and_sum(
            conn,
            "l.tranche_of IS NULL AND l.restructured_from IS NULL",
            id,
            from,
            to,
        )?;
        let (consolidations, consolidated) =
            count_and_sum(conn, "l.tranche_of IS NOT NULL", id, from, to)?;
        let (restructurings, restructured) =
            count_and_sum(conn, "l.restructured_from IS NOT NULL", id, from, to)?;
        let (arrears_at_end, par90_at_end) = at_end.get(&id).copied().unwrap_or_default();
        out.push(AnnualFund {
            fund: format!("{} {}", fs.fund_code, fs.fund_name),
            loans_made,
            lent: fs.lent,
            repaid: fs.received_direct.principal + fs.received_through_tranches.principal,
            interest: fs.received_direct.interest + fs.received_through_tranches.interest,
            default_interest: fs.received_direct.default_interest
                + fs.received_through_tranches.default_interest,
            arrears_at_end,
            par90_at_end,
            closing_principal: fs.closing_principal,
            consolidations,
            consolidated,
            restructurings,
            restructured,
            written_off: fs.written_off + fs.written_off_interest + fs.written_off_carried,
        });
    }
    Ok(out)
}
