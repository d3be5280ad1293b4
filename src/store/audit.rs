//! The audit log: every money change and approval, each entry chained to the previous by SHA-256
//! so that an edit made outside the app (the table is append-only inside it) breaks the chain;
//! reading it back filtered by date, user and action, and verifying the chain.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::error::Result;
use super::users::Actor;
use crate::clock;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn entry_hash(
    prev: &str,
    at: &str,
    user: Option<i64>,
    action: &str,
    entity: &str,
    id: Option<i64>,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        at,
        &user.map(|u| u.to_string()).unwrap_or_default(),
        action,
        entity,
        &id.map(|i| i.to_string()).unwrap_or_default(),
        detail,
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

/// Appends an entry inside the caller's transaction.
pub fn append(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &str,
) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let at = clock::now_stamp();
    let hash = entry_hash(&prev, &at, actor.user_id, action, entity, entity_id, detail);
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, actor.user_id, action, entity, entity_id, detail, prev, hash],
    )?;
    Ok(())
}

/// The id of the first entry whose hash does not follow from its content and predecessor.
pub fn first_broken_link(conn: &Connection) -> Result<Option<i64>> {
    let mut stmt = conn.prepare("SELECT id, at, user_id, action, entity, entity_id, detail, prev_hash, hash FROM audit_log ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let stored_prev: String = r.get(7)?;
        let stored: String = r.get(8)?;
        let expected = entry_hash(
            &prev,
            &r.get::<_, String>(1)?,
            r.get(2)?,
            &r.get::<_, String>(3)?,
            &r.get::<_, String>(4)?,
            r.get(5)?,
            &r.get::<_, String>(6)?,
        );
        if stored_prev != prev || stored != expected {
            return Ok(Some(id));
        }
        prev = stored;
    }
    Ok(None)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    /// The user's full name, or ระบบ for the system (command line, demo data).
    pub user: String,
    pub username: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub detail: String,
}

const SELECT: &str = "SELECT a.id, a.at, COALESCE(u.full_name, 'ระบบ'), u.username, a.action,
    a.entity, a.entity_id, a.detail FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id";

fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        user: r.get(2)?,
        username: r.get(3)?,
        action: r.get(4)?,
        entity: r.get(5)?,
        entity_id: r.get(6)?,
        detail: r.get(7)?,
    })
}

pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY a.id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit], entry)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Who did it, as the filter asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    User(i64),
    /// Entries written by the system (no signed-in user).
    System,
}

/// What the audit screen and `plodnee audit` filter by; None is "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub to: Option<NaiveDate>,
    pub who: Option<Who>,
    /// An action code (`record_payment`, `sign_in_failed`, …).
    pub action: Option<String>,
}

/// The entries the filter selects, newest first, at most `limit`, and how many there are in all.
/// Only those who may read the log (the committee) get an answer.
pub fn query(
    conn: &Connection,
    actor: &Actor,
    f: &Filter,
    limit: i64,
) -> Result<(Vec<AuditEntry>, i64)> {
    actor.require(crate::domain::role::Permission::ViewAudit)?;
    let mut cond = Vec::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(from) = f.from {
        cond.push("a.at >= ?");
        args.push(from.format("%Y-%m-%d").to_string().into());
    }
    if let Some(to) = f.to.and_then(|t| t.succ_opt()) {
        // Stamps are YYYY-MM-DDTHH:MM:SS: everything before the next day's midnight.
        cond.push("a.at < ?");
        args.push(to.format("%Y-%m-%d").to_string().into());
    }
    match &f.who {
        Some(Who::User(id)) => {
            cond.push("a.user_id = ?");
            args.push((*id).into());
        }
        Some(Who::System) => cond.push("a.user_id IS NULL"),
        None => {}
    }
    if let Some(action) = &f.action {
        cond.push("a.action = ?");
        args.push(action.clone().into());
    }
    let filter =
        if cond.is_empty() { String::new() } else { format!(" WHERE {}", cond.join(" AND ")) };
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM audit_log a{filter}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    args.push(limit.into());
    let mut stmt = conn.prepare(&format!("{SELECT}{filter} ORDER BY a.id DESC LIMIT ?"))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), entry)?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

/// The chain's state for the screen and the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    Whole {
        entries: i64,
    },
    /// The first entry that does not follow from its predecessor, with what it says.
    Broken(Box<AuditEntry>),
}

impl Chain {
    /// What the audit screen and `plodnee audit verify` say, in Thai.
    pub fn message(&self) -> String {
        use crate::domain::audit_action::{label, when};
        match self {
            Chain::Whole { entries } => {
                format!("ตรวจห่วงโซ่บันทึกแล้ว ครบถ้วน ไม่มีการแก้ไข ({entries} รายการ)")
            }
            Chain::Broken(e) => format!(
                "บันทึกการใช้งานถูกแก้ไขนอกโปรแกรม เริ่มที่รายการลำดับ {} ({} {} โดย {}) รายการนี้และหลังจากนี้เชื่อถือไม่ได้",
                e.id,
                when(&e.at),
                label(&e.action),
                e.user
            ),
        }
    }
}

pub fn verify(conn: &Connection, actor: &Actor) -> Result<Chain> {
    actor.require(crate::domain::role::Permission::ViewAudit)?;
    match first_broken_link(conn)? {
        None => Ok(Chain::Whole {
            entries: conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?,
        }),
        Some(id) => {
            let e = conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], entry)?;
            Ok(Chain::Broken(Box::new(e)))
        }
    }
}
