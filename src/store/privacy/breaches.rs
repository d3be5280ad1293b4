//! The breach register (ทะเบียนเหตุละเมิดข้อมูลส่วนบุคคล): each breach recorded once, never deleted,
//! with the moments the PDPC and the members affected were told stamped on it.

use chrono::{NaiveDateTime, Timelike};
use rusqlite::{Connection, params};

use crate::clock;
use crate::domain::privacy::breach::{self, Duty, Risk};
use crate::domain::role::Permission;
use crate::store::audit;
use crate::store::error::{Result, StoreError};
use crate::store::users::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBreach {
    pub learned_at: NaiveDateTime,
    pub happened_at: Option<NaiveDateTime>,
    pub what: String,
    pub risk: Risk,
    pub people_affected: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub id: i64,
    pub learned_at: NaiveDateTime,
    pub happened_at: Option<NaiveDateTime>,
    pub what: String,
    pub risk: Risk,
    pub people_affected: i64,
    pub pdpc_told_at: Option<NaiveDateTime>,
    pub members_told_at: Option<NaiveDateTime>,
}

impl Breach {
    pub fn duty(&self, now: NaiveDateTime) -> Duty {
        breach::duty(
            self.risk,
            self.learned_at,
            self.pdpc_told_at.is_some(),
            self.members_told_at.is_some(),
            now,
        )
    }
}

/// Who is told, for [`tell`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    Pdpc,
    Members,
}

pub fn record(conn: &Connection, actor: &Actor, b: &NewBreach, now: NaiveDateTime) -> Result<i64> {
    actor.require(Permission::ManagePersonalData)?;
    let what = b.what.trim();
    if what.is_empty() {
        return Err(StoreError::refused("กรุณาบรรยายเหตุที่เกิดขึ้น"));
    }
    if b.learned_at > now {
        return Err(StoreError::refused("เวลาที่ทราบเหตุเป็นเวลาในอนาคตไม่ได้"));
    }
    if b.happened_at.is_some_and(|h| h > b.learned_at) {
        return Err(StoreError::refused("เวลาที่เกิดเหตุต้องไม่หลังเวลาที่ทราบเหตุ"));
    }
    if b.people_affected < 0 {
        return Err(StoreError::refused("จำนวนผู้ได้รับผลกระทบต้องไม่ติดลบ"));
    }
    conn.execute(
        "INSERT INTO data_breach (learned_at, happened_at, what, risk, people_affected, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            b.learned_at,
            b.happened_at,
            what,
            b.risk.code(),
            b.people_affected,
            actor.user_id,
            clock::now_stamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(conn, actor, "record_breach", "data_breach", Some(id), b.risk.label())?;
    Ok(id)
}

/// Stamps that the PDPC or the members were told at `at`; each is stamped once.
pub fn tell(conn: &Connection, actor: &Actor, id: i64, who: Told, at: NaiveDateTime) -> Result<()> {
    actor.require(Permission::ManagePersonalData)?;
    let at = at.with_nanosecond(0).unwrap_or(at);
    let b = get(conn, id)?;
    if at < b.learned_at {
        return Err(StoreError::refused("เวลาที่แจ้งต้องไม่ก่อนเวลาที่ทราบเหตุ"));
    }
    if at > clock::now() {
        return Err(StoreError::refused("เวลาที่แจ้งเป็นเวลาในอนาคตไม่ได้"));
    }
    let (column, already, action) = match who {
        Told::Pdpc => ("pdpc_told_at", b.pdpc_told_at.is_some(), "breach_told_pdpc"),
        Told::Members => ("members_told_at", b.members_told_at.is_some(), "breach_told_members"),
    };
    if already {
        return Err(StoreError::refused("บันทึกการแจ้งนี้ไว้แล้ว"));
    }
    conn.execute(&format!("UPDATE data_breach SET {column} = ?1 WHERE id = ?2"), params![at, id])?;
    audit::append(conn, actor, action, "data_breach", Some(id), &at.to_string())?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Breach> {
    query(conn, "WHERE id = ?1", [id])?
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("เหตุละเมิดข้อมูลลำดับที่ {id}")))
}

/// Every breach, newest first.
pub fn all(conn: &Connection) -> Result<Vec<Breach>> {
    query(conn, "ORDER BY learned_at DESC, id DESC", [])
}

/// The breaches with a duty still owed at `now`, the most pressing first (home screen).
pub fn owing(conn: &Connection, now: NaiveDateTime) -> Result<Vec<Breach>> {
    let mut open: Vec<Breach> = query(
        conn,
        "WHERE (risk != 'unlikely' AND pdpc_told_at IS NULL) OR (risk = 'high' AND members_told_at IS NULL)
         ORDER BY learned_at, id",
        [],
    )?;
    open.retain(|b| b.duty(now) != Duty::Done);
    Ok(open)
}

fn query(conn: &Connection, filter: &str, p: impl rusqlite::Params) -> Result<Vec<Breach>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, learned_at, happened_at, what, risk, people_affected, pdpc_told_at, members_told_at
         FROM data_breach {filter}"
    ))?;
    let rows = stmt.query_map(p, |r| {
        Ok(Breach {
            id: r.get(0)?,
            learned_at: r.get(1)?,
            happened_at: r.get(2)?,
            what: r.get(3)?,
            risk: Risk::from_code(&r.get::<_, String>(4)?).unwrap_or(Risk::High),
            people_affected: r.get(5)?,
            pdpc_told_at: r.get(6)?,
            members_told_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
