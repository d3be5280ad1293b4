//! The institute (สถาบัน) and its signatories: who the letters come from and who signs them.

use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::clock;
use crate::domain::role::Permission;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Institute {
    pub name: String,
    pub address: String,
    pub registration_no: String,
    pub phone: String,
    pub promptpay_id: String,
    pub bank_account: String,
    pub letter_prefix: String,
    pub logo_png: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub name: String,
    pub position: String,
    /// chair, treasurer, secretary or officer: which letters they sign.
    pub duty: String,
}

pub fn get(conn: &Connection) -> Result<Option<Institute>> {
    Ok(conn
        .query_row(
            "SELECT name, address, registration_no, phone, promptpay_id, bank_account, letter_prefix, logo_png FROM institute WHERE id = 1",
            [],
            |r| {
                Ok(Institute {
                    name: r.get(0)?,
                    address: r.get(1)?,
                    registration_no: r.get(2)?,
                    phone: r.get(3)?,
                    promptpay_id: r.get(4)?,
                    bank_account: r.get(5)?,
                    letter_prefix: r.get(6)?,
                    logo_png: r.get(7)?,
                })
            },
        )
        .optional()?)
}

pub fn save(conn: &Connection, actor: &Actor, inst: &Institute) -> Result<()> {
    actor.require(Permission::EditSettings)?;
    if inst.name.trim().is_empty() {
        return Err(StoreError::refused("กรุณากรอกชื่อสถาบัน"));
    }
    conn.execute(
        "INSERT INTO institute (id, name, address, registration_no, phone, promptpay_id, bank_account, letter_prefix, logo_png, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address,
           registration_no = excluded.registration_no, phone = excluded.phone, promptpay_id = excluded.promptpay_id,
           bank_account = excluded.bank_account, letter_prefix = excluded.letter_prefix, logo_png = excluded.logo_png",
        params![inst.name.trim(), inst.address, inst.registration_no, inst.phone, inst.promptpay_id, inst.bank_account, inst.letter_prefix, inst.logo_png, clock::now_stamp()],
    )?;
    audit::append(conn, actor, "save_institute", "institute", Some(1), &inst.name)?;
    Ok(())
}

pub fn signatories(conn: &Connection) -> Result<Vec<Signatory>> {
    let mut stmt = conn.prepare("SELECT name, position, duty FROM signatory ORDER BY sort, id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Signatory { name: r.get(0)?, position: r.get(1)?, duty: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The signatory for a duty, falling back to the chair.
pub fn signatory_for(conn: &Connection, duty: &str) -> Result<Option<Signatory>> {
    let all = signatories(conn)?;
    Ok(all
        .iter()
        .find(|s| s.duty == duty)
        .or_else(|| all.iter().find(|s| s.duty == "chair"))
        .or(all.first())
        .cloned())
}

pub fn set_signatories(conn: &Connection, actor: &Actor, list: &[Signatory]) -> Result<()> {
    actor.require(Permission::EditSettings)?;
    conn.execute("DELETE FROM signatory", [])?;
    for (i, s) in list.iter().enumerate() {
        if s.name.trim().is_empty() {
            continue;
        }
        conn.execute(
            "INSERT INTO signatory (name, position, duty, sort) VALUES (?1, ?2, ?3, ?4)",
            params![s.name.trim(), s.position.trim(), s.duty, i as i64],
        )?;
    }
    audit::append(
        conn,
        actor,
        "set_signatories",
        "signatory",
        None,
        &format!("{} คน", list.len()),
    )?;
    Ok(())
}
