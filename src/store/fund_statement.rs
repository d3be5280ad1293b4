//! The per-fund statement: for one source fund and a period, what it is owed and what it received,
//! directly and through the tranches of consolidated contracts, with transfers and waivers.
//! Principal follows one identity: closing = opening + lent + moved in − moved out − received −
//! written off (residues written off, ตัดยอดเศษสตางค์).

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::error::Result;
use super::funds::{self, Fund};
use crate::domain::Satang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Received {
    pub principal: Satang,
    pub interest: Satang,
    pub default_interest: Satang,
    pub fees: Satang,
}

impl Received {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest + self.fees
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundStatement {
    #[serde(skip)]
    pub fund: Fund,
    pub fund_code: String,
    pub fund_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Principal owed to the fund at the start of `from`.
    pub opening_principal: Satang,
    /// New loans of the fund started in the period.
    pub lent: Satang,
    /// Principal of the fund's tranches in contracts consolidated in the period (with any
    /// capitalised interest), and of loans written by restructuring plans approved in it.
    pub moved_in: Satang,
    pub capitalised: Satang,
    /// Principal of the fund's loans merged into consolidated contracts, or replaced by a
    /// restructuring plan, in the period.
    pub moved_out: Satang,
    pub received_direct: Received,
    pub received_through_tranches: Received,
    /// Interest-free arrears carried into tranches in the period, and what was repaid of them.
    pub carried_created: Satang,
    pub carried_received: Satang,
    pub waived: Satang,
    /// Principal of residues written off in the period (ตัดยอดเศษสตางค์), part of the identity.
    pub written_off: Satang,
    /// Interest, default interest and fees of those residues (not principal: outside the
    /// identity), and carried parts written off (they leave the carried closing).
    pub written_off_interest: Satang,
    pub written_off_carried: Satang,
    pub closing_principal: Satang,
    pub closing_carried: Satang,
}

impl FundStatement {
    /// The statement's lines as the command line and the PDF print them, in order.
    pub fn lines(&self) -> [(&'static str, Satang); 16] {
        [
            ("เงินต้นคงค้างต้นงวด", self.opening_principal),
            ("ให้กู้ใหม่", self.lent),
            ("โอนเข้าสัญญารวมหนี้หรือสัญญาปรับโครงสร้าง (รวมดอกเบี้ยทบต้น)", self.moved_in),
            ("โอนออกจากสัญญาเดิม", self.moved_out),
            ("รับชำระเงินต้นโดยตรง", self.received_direct.principal),
            ("รับชำระดอกเบี้ยโดยตรง", self.received_direct.interest),
            ("รับดอกเบี้ยผิดนัดโดยตรง", self.received_direct.default_interest),
            ("รับชำระเงินต้นผ่านสัญญารวมหนี้", self.received_through_tranches.principal),
            ("รับชำระดอกเบี้ยผ่านสัญญารวมหนี้", self.received_through_tranches.interest),
            ("รับดอกเบี้ยผิดนัดผ่านสัญญารวมหนี้", self.received_through_tranches.default_interest),
            ("รับชำระหนี้ค้างยกมา (ไม่คิดดอกเบี้ย)", self.carried_received),
            ("ลดหนี้ตามมติ", self.waived),
            ("ตัดยอดเศษสตางค์ (เงินต้น)", self.written_off),
            (
                "ตัดยอดเศษสตางค์ (ดอกเบี้ย ค่าปรับ และหนี้ค้างยกมา)",
                self.written_off_interest + self.written_off_carried,
            ),
            ("เงินต้นคงค้างปลายงวด", self.closing_principal),
            ("หนี้ค้างยกมาคงเหลือ", self.closing_carried),
        ]
    }

    pub fn received_total(&self) -> Satang {
        self.received_direct.total()
            + self.received_through_tranches.total()
            + self.carried_received
    }
}

/// Loans of the fund that count: not voided tranches, and principal (not carried) parts.
const PRINCIPAL_LOANS: &str = "l.fund_id = ?1 AND l.status != 'voided' AND COALESCE(l.tranche_part, 'principal') = 'principal'";
const LIVE: &str =
    "NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)";
const APPROVED: &str = "EXISTS (SELECT 1 FROM consolidation c WHERE c.id = t.consolidation_id AND c.status = 'approved')";
/// A loan written by an approved restructuring plan in place of an older one of the same fund. Its
/// principal is exactly what the old loan still owed on the plan's date (see `plans::replace`), so
/// that principal moves out of the old loan and into the new one on that date (DESIGN.md §5:
/// issue 17 §A1, the old loans were counted as well as their replacements).
const REPLACEMENT: &str = "l.restructured_from IS NOT NULL";

/// Principal moved out of restructured loans into their replacements on days in `[from, until)`.
fn restructured_out(
    conn: &Connection,
    fund: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Satang> {
    sum(
        conn,
        &format!(
            "SELECT SUM(l.principal) FROM loan l WHERE {PRINCIPAL_LOANS} AND {REPLACEMENT} AND l.start_date >= ?2 AND l.start_date < ?3"
        ),
        params![fund, from, until],
    )
}

/// A sum over the approved residue write-offs of the fund's loans written off on days in
/// `[from, until)`: `column` of the write-off, on principal loans or on carried parts.
fn written_off(
    conn: &Connection,
    fund: i64,
    column: &str,
    carried: bool,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Satang> {
    let which = if carried {
        "l.fund_id = ?1 AND l.status != 'voided' AND l.tranche_part = 'carried'"
    } else {
        PRINCIPAL_LOANS
    };
    sum(
        conn,
        &format!(
            "SELECT SUM(w.{column}) FROM residue_write_off w JOIN loan l ON l.id = w.loan_id
             WHERE {which} AND w.status = 'approved' AND w.written_off_on >= ?2 AND w.written_off_on < ?3"
        ),
        params![fund, from, until],
    )
}

fn sum(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Satang> {
    Ok(Satang(conn.query_row(sql, args, |r| r.get::<_, Option<i64>>(0))?.unwrap_or(0)))
}

/// Principal owed to the fund at the start of `day`.
fn principal_at(conn: &Connection, fund: i64, day: NaiveDate) -> Result<Satang> {
    let lent = sum(
        conn,
        &format!(
            "SELECT SUM(l.principal) FROM loan l WHERE {PRINCIPAL_LOANS} AND l.start_date < ?2"
        ),
        params![fund, day],
    )?;
    let repaid = sum(
        conn,
        &format!(
            "SELECT SUM(a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id JOIN loan l ON l.id = a.loan_id
             WHERE {PRINCIPAL_LOANS} AND a.part = 'principal' AND p.paid_on < ?2 AND {LIVE}"
        ),
        params![fund, day],
    )?;
    let moved = sum(
        conn,
        &format!(
            "SELECT SUM(t.principal) FROM fund_transfer t WHERE t.fund_id = ?1 AND t.on_date < ?2 AND {APPROVED}"
        ),
        params![fund, day],
    )?;
    let restructured = restructured_out(conn, fund, NaiveDate::MIN, day)?;
    let written = written_off(conn, fund, "principal", false, NaiveDate::MIN, day)?;
    Ok(lent - repaid - moved - restructured - written)
}

fn carried_at(conn: &Connection, fund: i64, day: NaiveDate) -> Result<Satang> {
    let created = sum(
        conn,
        &format!(
            "SELECT SUM(t.carried) FROM fund_transfer t WHERE t.fund_id = ?1 AND t.on_date < ?2 AND {APPROVED}"
        ),
        params![fund, day],
    )?;
    let repaid = sum(
        conn,
        &format!(
            "SELECT SUM(a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id JOIN loan l ON l.id = a.loan_id
             WHERE l.fund_id = ?1 AND l.tranche_part = 'carried' AND l.status != 'voided' AND p.paid_on < ?2 AND {LIVE}"
        ),
        params![fund, day],
    )?;
    let restructured = sum(
        conn,
        &format!(
            "SELECT SUM(l.principal) FROM loan l WHERE l.fund_id = ?1 AND l.tranche_part = 'carried' AND {REPLACEMENT} AND l.start_date < ?2"
        ),
        params![fund, day],
    )?;
    // A carried part replaced by a plan before `day` holds nothing from then on: what it still
    // owed went into the plan's installments.
    let replaced = sum(
        conn,
        &format!(
            "SELECT SUM(l.principal - COALESCE((SELECT SUM(a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id
                                                 WHERE a.loan_id = l.id AND {LIVE}), 0))
             FROM loan l WHERE l.fund_id = ?1 AND l.tranche_part = 'carried' AND l.status = 'restructured' AND l.closed_on < ?2"
        ),
        params![fund, day],
    )?;
    let written = written_off(conn, fund, "principal", true, NaiveDate::MIN, day)?;
    Ok(created + restructured - repaid - replaced - written)
}

fn received(
    conn: &Connection,
    fund: i64,
    from: NaiveDate,
    to: NaiveDate,
    through_tranches: bool,
) -> Result<Received> {
    let which = if through_tranches { "l.tranche_of IS NOT NULL" } else { "l.tranche_of IS NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT a.part, SUM(a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id JOIN loan l ON l.id = a.loan_id
         WHERE {PRINCIPAL_LOANS} AND {which} AND p.paid_on BETWEEN ?2 AND ?3 AND {LIVE} GROUP BY a.part"
    ))?;
    let mut out = Received::default();
    for row in stmt
        .query_map(params![fund, from, to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
    {
        let (part, amount) = row?;
        let slot = match part.as_str() {
            "principal" => &mut out.principal,
            "interest" => &mut out.interest,
            "default_interest" => &mut out.default_interest,
            _ => &mut out.fees,
        };
        *slot += Satang(amount);
    }
    Ok(out)
}

pub fn compute(
    conn: &Connection,
    fund_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<FundStatement> {
    let fund = funds::get(conn, fund_id)?;
    let after = to.succ_opt().unwrap_or(to);
    let f = fund_id;
    let lent = sum(
        conn,
        &format!(
            "SELECT SUM(l.principal) FROM loan l WHERE {PRINCIPAL_LOANS} AND l.tranche_of IS NULL AND NOT {REPLACEMENT} AND l.start_date BETWEEN ?2 AND ?3"
        ),
        params![f, from, to],
    )?;
    let moved_in = sum(
        conn,
        &format!(
            "SELECT SUM(l.principal) FROM loan l WHERE {PRINCIPAL_LOANS} AND (l.tranche_of IS NOT NULL OR {REPLACEMENT}) AND l.start_date BETWEEN ?2 AND ?3"
        ),
        params![f, from, to],
    )?;
    let transfers = |column: &str| {
        sum(
            conn,
            &format!(
                "SELECT SUM(t.{column}) FROM fund_transfer t WHERE t.fund_id = ?1 AND t.on_date BETWEEN ?2 AND ?3 AND {APPROVED}"
            ),
            params![f, from, to],
        )
    };
    let waived = transfers("waived_interest")?
        + transfers("waived_default_interest")?
        + transfers("waived_fees")?;
    let carried_received = sum(
        conn,
        &format!(
            "SELECT SUM(a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id JOIN loan l ON l.id = a.loan_id
             WHERE l.fund_id = ?1 AND l.tranche_part = 'carried' AND l.status != 'voided' AND p.paid_on BETWEEN ?2 AND ?3 AND {LIVE}"
        ),
        params![f, from, to],
    )?;
    Ok(FundStatement {
        fund_code: fund.code.clone(),
        fund_name: fund.name.clone(),
        fund,
        from,
        to,
        opening_principal: principal_at(conn, f, from)?,
        lent,
        moved_in,
        capitalised: transfers("capitalised")?,
        moved_out: transfers("principal")? + restructured_out(conn, f, from, after)?,
        received_direct: received(conn, f, from, to, false)?,
        received_through_tranches: received(conn, f, from, to, true)?,
        carried_created: transfers("carried")?
            + sum(
                conn,
                &format!(
                    "SELECT SUM(l.principal) FROM loan l WHERE l.fund_id = ?1 AND l.tranche_part = 'carried' AND {REPLACEMENT} AND l.start_date BETWEEN ?2 AND ?3"
                ),
                params![f, from, to],
            )?,
        carried_received,
        waived,
        written_off: written_off(conn, f, "principal", false, from, after)?,
        written_off_interest: written_off(
            conn,
            f,
            "interest + w.default_interest + w.fees",
            false,
            from,
            after,
        )? + written_off(
            conn,
            f,
            "interest + w.default_interest + w.fees",
            true,
            from,
            after,
        )?,
        written_off_carried: written_off(conn, f, "principal", true, from, after)?,
        closing_principal: principal_at(conn, f, after)?,
        closing_carried: carried_at(conn, f, after)?,
    })
}
