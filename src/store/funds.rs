//! Source funds (กองทุนต้นทาง) with their default terms and what is lent out of each.

use rusqlite::{Connection, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::domain::Satang;
use crate::domain::loan::FundKind;
use crate::domain::rate::AnnualRate;
use crate::domain::role::Permission;
use crate::domain::schedule::{Frequency, Method};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: FundKind,
    pub default_rate: AnnualRate,
    pub default_method: Method,
    pub default_frequency: Frequency,
    pub default_periods: u32,
    pub penalty_rate: AnnualRate,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFund {
    pub code: String,
    pub name: String,
    pub kind: FundKind,
    pub default_rate: AnnualRate,
    pub default_method: Method,
    pub default_frequency: Frequency,
    pub default_periods: u32,
    pub penalty_rate: AnnualRate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundSummary {
    pub fund: Fund,
    pub open_loans: i64,
    /// Principal still owed to the fund (principal parts only).
    pub outstanding: Satang,
    /// Interest-free arrears carried in consolidated contracts and plans: หนี้ค้างยกมา (ไม่คิดดอกเบี้ย).
    pub carried: Satang,
}

pub fn create(conn: &Connection, actor: &Actor, f: &NewFund) -> Result<i64> {
    actor.require(Permission::EditSettings)?;
    if f.name.trim().is_empty() || f.code.trim().is_empty() {
        return Err(StoreError::refused("กรุณากรอกชื่อและอักษรย่อของกองทุน"));
    }
    conn.execute(
        "INSERT INTO fund (code, name, kind, default_rate_bp, default_method, default_frequency, default_periods, penalty_bp)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![f.code.trim(), f.name.trim(), f.kind.code(), f.default_rate.bp(), f.default_method.code(), f.default_frequency.code(), f.default_periods, f.penalty_rate.bp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(conn, actor, "create_fund", "fund", Some(id), &f.name)?;
    Ok(id)
}

const COLUMNS: &str = "id, code, name, kind, default_rate_bp, default_method, default_frequency, default_periods, penalty_bp, active";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Fund> {
    let text = |i: usize| r.get::<_, String>(i);
    Ok(Fund {
        id: r.get(0)?,
        code: text(1)?,
        name: text(2)?,
        kind: FundKind::from_code(&text(3)?).unwrap_or(FundKind::Other),
        default_rate: AnnualRate::from_bp(r.get(4)?).unwrap_or(AnnualRate::ZERO),
        default_method: Method::from_code(&text(5)?).unwrap_or(Method::Annuity),
        default_frequency: Frequency::from_code(&text(6)?).unwrap_or(Frequency::Monthly),
        default_periods: r.get(7)?,
        penalty_rate: AnnualRate::from_bp(r.get(8)?).unwrap_or(AnnualRate::ZERO),
        active: r.get(9)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Fund>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM fund ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Fund> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM fund WHERE id = ?1"), [id], from_row)
        .map_err(|_| StoreError::not_found("กองทุน"))
}

/// Finds a fund by its code with or without the final dot (`กทบ.` or `กทบ`), its name, or its
/// id, as typed on the command line. An exact code or name wins over one that differs by dots.
pub fn find(conn: &Connection, key: &str) -> Result<Fund> {
    let by_code = conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM fund WHERE code = ?1 OR name = ?1 OR rtrim(code, '.') = rtrim(?1, '.')
             ORDER BY (code = ?1 OR name = ?1) DESC, id LIMIT 1"
        ),
        [key.trim()],
        from_row,
    );
    match by_code {
        Ok(f) => Ok(f),
        Err(_) => key
            .trim()
            .parse::<i64>()
            .map_err(|_| StoreError::not_found(format!("กองทุน \"{key}\"")))
            .and_then(|id| get(conn, id)),
    }
}

pub fn summaries(conn: &Connection) -> Result<Vec<FundSummary>> {
    let mut stmt = conn.prepare(
        // Carried (interest-free) parts are kept apart: they are interest and default interest
        // owed, never principal (issue 17 §A2).
        "SELECT fund_id,
                COUNT(CASE WHEN COALESCE(tranche_part, 'principal') = 'principal' THEN 1 END),
                COALESCE(SUM(CASE WHEN COALESCE(tranche_part, 'principal') = 'principal' THEN outstanding_principal END), 0),
                COALESCE(SUM(CASE WHEN tranche_part = 'carried' THEN outstanding_principal END), 0)
         FROM loan WHERE status IN ('active', 'terminated', 'litigation') GROUP BY fund_id",
    )?;
    let totals: Vec<(i64, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    Ok(list(conn)?
        .into_iter()
        .map(|fund| {
            let (open_loans, outstanding, carried) = totals
                .iter()
                .find(|t| t.0 == fund.id)
                .map(|t| (t.1, Satang(t.2), Satang(t.3)))
                .unwrap_or_default();
            FundSummary { fund, open_loans, outstanding, carried }
        })
        .collect())
}
