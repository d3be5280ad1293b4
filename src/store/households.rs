//! Households (ครัวเรือน): address, head, members.

use rusqlite::{Connection, params};

use super::audit;
use super::error::{Result, StoreError};
use super::persons;
use super::users::Actor;
use crate::clock;
use crate::domain::address::Address;
use crate::domain::role::Permission;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Household {
    pub id: i64,
    pub address: Address,
    pub registration_no: String,
    pub head_person_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHousehold {
    pub address: Address,
    pub registration_no: String,
}

pub fn create(conn: &Connection, actor: &Actor, h: &NewHousehold) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    let a = &h.address;
    conn.execute(
        "INSERT INTO household (house_no, village_no, village_name, subdistrict, district, province, postcode, registration_no, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![a.house_no, a.village_no, a.village_name, a.subdistrict, a.district, a.province, a.postcode, h.registration_no, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(conn, actor, "create_household", "household", Some(id), &a.one_line())?;
    Ok(id)
}

pub fn update_address(conn: &Connection, actor: &Actor, id: i64, a: &Address) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    conn.execute(
        "UPDATE household SET house_no = ?1, village_no = ?2, village_name = ?3, subdistrict = ?4, district = ?5, province = ?6, postcode = ?7 WHERE id = ?8",
        params![a.house_no, a.village_no, a.village_name, a.subdistrict, a.district, a.province, a.postcode, id],
    )?;
    // The house number is part of every member's search text.
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM person WHERE household_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for person in ids {
        persons::refresh_search_text(conn, person)?;
    }
    audit::append(conn, actor, "update_household", "household", Some(id), &a.one_line())?;
    Ok(())
}

/// Corrects a household's address and house-registration number (one audit entry, from
/// [`update_address`]; the caller's transaction holds both).
pub fn update(conn: &Connection, actor: &Actor, id: i64, h: &NewHousehold) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    get(conn, id)?;
    conn.execute(
        "UPDATE household SET registration_no = ?1 WHERE id = ?2",
        params![h.registration_no, id],
    )?;
    update_address(conn, actor, id, &h.address)
}

pub fn set_head(conn: &Connection, actor: &Actor, id: i64, person_id: i64) -> Result<()> {
    let member: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM person WHERE id = ?1 AND household_id = ?2)",
        [person_id, id],
        |r| r.get(0),
    )?;
    if !member {
        return Err(StoreError::refused("หัวหน้าครัวเรือนต้องเป็นสมาชิกของครัวเรือนนี้"));
    }
    conn.execute("UPDATE household SET head_person_id = ?1 WHERE id = ?2", [person_id, id])?;
    audit::append(conn, actor, "set_head", "household", Some(id), &person_id.to_string())?;
    Ok(())
}

pub(crate) fn address_from_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Address> {
    Ok(Address {
        house_no: r.get(at)?,
        village_no: r.get(at + 1)?,
        village_name: r.get(at + 2)?,
        subdistrict: r.get(at + 3)?,
        district: r.get(at + 4)?,
        province: r.get(at + 5)?,
        postcode: r.get(at + 6)?,
    })
}

pub const ADDRESS_COLUMNS: &str =
    "house_no, village_no, village_name, subdistrict, district, province, postcode";

pub fn get(conn: &Connection, id: i64) -> Result<Household> {
    conn.query_row(
        &format!("SELECT id, registration_no, head_person_id, {ADDRESS_COLUMNS} FROM household WHERE id = ?1"),
        [id],
        |r| Ok(Household { id: r.get(0)?, registration_no: r.get(1)?, head_person_id: r.get(2)?, address: address_from_row(r, 3)? }),
    )
    .map_err(|_| StoreError::not_found("ครัวเรือน"))
}

/// The address of the most recently added household: a new household form starts from its
/// ตำบล, อำเภอ and จังหวัด, which are nearly always the same in one office.
pub fn last_address(conn: &Connection) -> Result<Option<Address>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM household ORDER BY id DESC LIMIT 1"
    ))?;
    let mut rows = stmt.query_map([], |r| address_from_row(r, 0))?;
    Ok(rows.next().transpose()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM household", [], |r| r.get(0))?)
}

/// The villages (หมู่) that have households, for pick lists.
pub fn villages(conn: &Connection) -> Result<Vec<u8>> {
    let mut stmt = conn.prepare("SELECT DISTINCT village_no FROM household ORDER BY village_no")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
