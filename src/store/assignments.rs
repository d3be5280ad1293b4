//! Who follows each household: an officer (a user) or a group leader (หัวหน้ากลุ่ม, a member who
//! follows up their group and reports through an officer). Assigning again keeps the history.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::clock;
use crate::domain::role::Permission;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    Officer(i64),
    Leader(i64),
}

/// Assigns households in one transaction (the caller's); returns how many.
pub fn assign(
    conn: &Connection,
    actor: &Actor,
    households: &[i64],
    to: Assignee,
    from_on: NaiveDate,
) -> Result<usize> {
    actor.require(Permission::Prepare)?;
    let (officer, leader) = match to {
        Assignee::Officer(id) => {
            let active: Option<bool> = conn
                .query_row("SELECT active FROM app_user WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if active != Some(true) {
                return Err(StoreError::refused("ไม่พบเจ้าหน้าที่ที่ใช้งานอยู่"));
            }
            (Some(id), None)
        }
        Assignee::Leader(id) => {
            let alive: Option<bool> = conn
                .query_row("SELECT NOT deceased FROM person WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if alive != Some(true) {
                return Err(StoreError::refused("หัวหน้ากลุ่มต้องเป็นสมาชิกที่ยังมีชีวิต"));
            }
            (None, Some(id))
        }
    };
    let mut insert = conn.prepare_cached(
        "INSERT INTO assignment (household_id, officer_id, leader_person_id, from_on, assigned_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let stamp = clock::now_stamp();
    for h in households {
        insert.execute(params![h, officer, leader, from_on, actor.user_id, stamp])?;
    }
    audit::append(
        conn,
        actor,
        "assign",
        "household",
        None,
        &format!("{} ครัวเรือน {:?}", households.len(), to),
    )?;
    Ok(households.len())
}

/// The households of a หมู่, for assigning in bulk.
pub fn households_of_village(conn: &Connection, village_no: u8) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM household WHERE village_no = ?1 ORDER BY id")?;
    let rows = stmt.query_map([village_no], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The current assignee of a household.
pub fn current(conn: &Connection, household_id: i64) -> Result<Option<Assignee>> {
    let row: Option<(Option<i64>, Option<i64>)> = conn
        .query_row(
            "SELECT officer_id, leader_person_id FROM assignment WHERE household_id = ?1 ORDER BY id DESC LIMIT 1",
            [household_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(o, l)| o.map(Assignee::Officer).or(l.map(Assignee::Leader))))
}

/// A household's assignments, newest first: (assignee, from).
pub fn history(conn: &Connection, household_id: i64) -> Result<Vec<(Assignee, NaiveDate)>> {
    let mut stmt = conn.prepare(
        "SELECT officer_id, leader_person_id, from_on FROM assignment WHERE household_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([household_id], |r| {
        let (o, l): (Option<i64>, Option<i64>) = (r.get(0)?, r.get(1)?);
        let who =
            o.map(Assignee::Officer).or(l.map(Assignee::Leader)).unwrap_or(Assignee::Officer(0));
        Ok((who, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The group leaders (หัวหน้ากลุ่ม) who follow any household, as `(person id, full name)` in name
/// order: the people a weekly report or a collection sheet can be made for.
pub fn leaders(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT p.id, p.title || p.first_name || ' ' || p.last_name, p.first_name
         FROM assignment a JOIN person p ON p.id = a.leader_person_id ORDER BY p.first_name, p.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
