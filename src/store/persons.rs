//! Members (สมาชิก): personal data, flags, and the text the search index holds for each.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use super::households::{ADDRESS_COLUMNS, address_from_row};
use super::users::Actor;
use crate::clock;
use crate::domain::NationalId;
use crate::domain::address::Address;
use crate::domain::person::{Grade, full_name};
use crate::domain::role::Permission;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub household_id: i64,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub national_id: Option<NationalId>,
    pub birth_date: Option<NaiveDate>,
    pub phone: String,
    pub grade: Grade,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub household_id: i64,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub national_id: Option<NationalId>,
    pub birth_date: Option<NaiveDate>,
    pub phone: String,
    pub grade: Grade,
    pub deceased: bool,
    pub moved_away: bool,
    pub contactable: bool,
    pub welfare_card: bool,
    pub pdpa_consent_on: Option<NaiveDate>,
    /// Why the grade is what it is (computed from the payment history), empty until computed.
    pub grade_reason: String,
    pub address: Address,
}

impl Person {
    pub fn full_name(&self) -> String {
        full_name(&self.title, &self.first_name, &self.last_name)
    }

    /// What lists show: the last four digits only (PDPA).
    pub fn masked_id(&self) -> String {
        self.national_id.map(|id| id.masked()).unwrap_or_else(|| "-".into())
    }
}

/// What the trigram index searches: name, national id, phone, house number.
pub fn search_text(
    title: &str,
    first: &str,
    last: &str,
    id: Option<&NationalId>,
    phone: &str,
    house_no: &str,
) -> String {
    format!(
        "{title}{first} {last} {} {phone} {house_no}",
        id.map(|i| i.digits()).unwrap_or_default()
    )
}

/// Refuses a national id that already belongs to another person (`except` is the one being
/// edited, who keeps their own id).
fn check_id_free(conn: &Connection, p: &NewPerson, except: Option<i64>) -> Result<()> {
    if p.first_name.trim().is_empty() {
        return Err(StoreError::refused("กรุณากรอกชื่อ"));
    }
    let Some(id) = &p.national_id else { return Ok(()) };
    let taken: Option<String> = conn
        .query_row(
            "SELECT title || first_name || ' ' || last_name FROM person WHERE national_id = ?1 AND id IS NOT ?2",
            params![id.digits(), except],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(name) => Err(StoreError::refused(format!("เลขประจำตัวประชาชนนี้เป็นของ {name} อยู่แล้ว"))),
        None => Ok(()),
    }
}

pub fn create(conn: &Connection, actor: &Actor, p: &NewPerson) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    check_id_free(conn, p, None)?;
    let house_no: String = conn
        .query_row("SELECT house_no FROM household WHERE id = ?1", [p.household_id], |r| r.get(0))
        .map_err(|_| StoreError::not_found("ครัวเรือน"))?;
    let text = search_text(
        &p.title,
        p.first_name.trim(),
        p.last_name.trim(),
        p.national_id.as_ref(),
        &p.phone,
        &house_no,
    );
    conn.execute(
        "INSERT INTO person (household_id, title, first_name, last_name, national_id, birth_date, phone, grade, search_text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![p.household_id, p.title, p.first_name.trim(), p.last_name.trim(), p.national_id.map(|i| i.digits()), p.birth_date, p.phone, p.grade.code(), text, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE household SET head_person_id = ?1 WHERE id = ?2 AND head_person_id IS NULL",
        [id, p.household_id],
    )?;
    audit::append(
        conn,
        actor,
        "create_person",
        "person",
        Some(id),
        &full_name(&p.title, &p.first_name, &p.last_name),
    )?;
    Ok(id)
}

/// Corrects a member's personal data (a misspelt name, a new phone). The household stays: moving
/// a member is a debt-burden question, not an edit. The audit entry names what was changed.
pub fn update(conn: &Connection, actor: &Actor, id: i64, p: &NewPerson) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    let before = get(conn, id)?;
    check_id_free(conn, p, Some(id))?;
    conn.execute(
        "UPDATE person SET title = ?1, first_name = ?2, last_name = ?3, national_id = ?4, birth_date = ?5, phone = ?6, grade = ?7 WHERE id = ?8",
        params![p.title, p.first_name.trim(), p.last_name.trim(), p.national_id.map(|i| i.digits()), p.birth_date, p.phone, p.grade.code(), id],
    )?;
    refresh_search_text(conn, id)?;
    let mut changed = Vec::new();
    if before.full_name() != full_name(&p.title, p.first_name.trim(), p.last_name.trim()) {
        changed.push("ชื่อ");
    }
    // Only that the id changed, never its digits (PDPA: the log is read by more people).
    if before.national_id != p.national_id {
        changed.push("เลขประจำตัวประชาชน");
    }
    if before.birth_date != p.birth_date {
        changed.push("วันเกิด");
    }
    if before.phone != p.phone {
        changed.push("โทรศัพท์");
    }
    if before.grade != p.grade {
        changed.push("ชั้นสมาชิก");
    }
    let detail = format!(
        "{}: {}",
        full_name(&p.title, p.first_name.trim(), p.last_name.trim()),
        if changed.is_empty() {
            "ไม่มีการเปลี่ยนแปลง".to_string()
        } else {
            changed.join(", ")
        }
    );
    audit::append(conn, actor, "update_person", "person", Some(id), &detail)
}

pub(crate) fn refresh_search_text(conn: &Connection, id: i64) -> Result<()> {
    let p = get(conn, id)?;
    let text = search_text(
        &p.title,
        &p.first_name,
        &p.last_name,
        p.national_id.as_ref(),
        &p.phone,
        &p.address.house_no,
    );
    conn.execute("UPDATE person SET search_text = ?1 WHERE id = ?2", params![text, id])?;
    Ok(())
}

const COLUMNS: &str = "p.id, p.household_id, p.title, p.first_name, p.last_name, p.national_id, p.birth_date, p.phone, p.grade,
    p.deceased, p.moved_away, p.contactable, p.welfare_card, p.pdpa_consent_on, p.grade_reason";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    let nid: Option<String> = r.get(5)?;
    let grade: String = r.get(8)?;
    Ok(Person {
        id: r.get(0)?,
        household_id: r.get(1)?,
        title: r.get(2)?,
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        national_id: nid.and_then(|s| NationalId::parse(&s).ok()),
        birth_date: r.get(6)?,
        phone: r.get(7)?,
        grade: Grade::from_code(&grade).unwrap_or(Grade::A),
        deceased: r.get(9)?,
        moved_away: r.get(10)?,
        contactable: r.get(11)?,
        welfare_card: r.get(12)?,
        pdpa_consent_on: r.get(13)?,
        grade_reason: r.get(14)?,
        address: address_from_row(r, 15)?,
    })
}

fn select(filter: &str) -> String {
    let address =
        ADDRESS_COLUMNS.split(", ").map(|c| format!("h.{c}")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT {COLUMNS}, {address} FROM person p JOIN household h ON h.id = p.household_id {filter}"
    )
}

pub fn get(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(&select("WHERE p.id = ?1"), [id], from_row)
        .map_err(|_| StoreError::not_found("สมาชิก"))
}

pub fn of_household(conn: &Connection, household_id: i64) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&select("WHERE p.household_id = ?1 ORDER BY p.id"))?;
    let rows = stmt.query_map([household_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Shows the full national id to a user and records that they looked (PDPA).
pub fn reveal_national_id(conn: &Connection, actor: &Actor, id: i64) -> Result<Option<NationalId>> {
    let p = get(conn, id)?;
    audit::append(conn, actor, "view_national_id", "person", Some(id), &p.full_name())?;
    Ok(p.national_id)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM person", [], |r| r.get(0))?)
}
