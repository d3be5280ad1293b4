//! The audit log: every money change and approval, each entry chained to the previous by SHA-256
//! so that an edit made outside the app (the table is append-only inside it) breaks the chain.

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

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub detail: String,
}

pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.at, COALESCE(u.full_name, 'ระบบ'), a.action, a.entity, a.entity_id, a.detail
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.user_id ORDER BY a.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
