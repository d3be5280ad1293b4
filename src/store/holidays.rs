//! The office's holiday calendar: the fixed-date public holidays come with the app, the office
//! adds the lunar and substitute days of each year (and may take back one it added).

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::domain::collections::hours::{Holidays, fixed_dates};
use crate::domain::role::Permission;

/// The calendar around `day`: the fixed dates of the year before, that year and the next, and
/// every day the office added.
pub fn calendar(conn: &Connection, day: NaiveDate) -> Result<Holidays> {
    let mut days: Vec<(NaiveDate, String)> = (day.year() - 1..=day.year() + 1)
        .flat_map(fixed_dates)
        .map(|(d, n)| (d, n.to_string()))
        .collect();
    let mut stmt = conn.prepare_cached("SELECT day, name FROM holiday")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, String>(1)?)))? {
        days.push(row?);
    }
    Ok(Holidays::new(days))
}

/// The days the office added, in order.
pub fn added(conn: &Connection) -> Result<Vec<(NaiveDate, String)>> {
    let mut stmt = conn.prepare("SELECT day, name FROM holiday ORDER BY day")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add(conn: &Connection, actor: &Actor, day: NaiveDate, name: &str) -> Result<()> {
    actor.require(Permission::EditSettings)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::refused("กรุณาระบุชื่อวันหยุด"));
    }
    conn.execute(
        "INSERT INTO holiday (day, name) VALUES (?1, ?2) ON CONFLICT (day) DO UPDATE SET name = excluded.name",
        params![day, name],
    )?;
    audit::append(conn, actor, "add_holiday", "holiday", None, &format!("{day} {name}"))?;
    Ok(())
}

pub fn remove(conn: &Connection, actor: &Actor, day: NaiveDate) -> Result<()> {
    actor.require(Permission::EditSettings)?;
    if conn.execute("DELETE FROM holiday WHERE day = ?1", [day])? == 0 {
        return Err(StoreError::not_found("วันหยุดที่สำนักงานเพิ่มไว้ในวันนั้น"));
    }
    audit::append(conn, actor, "remove_holiday", "holiday", None, &day.to_string())?;
    Ok(())
}
