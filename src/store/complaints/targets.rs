//! The step targets in working days (`complaint.days.*` settings, seed 004's standard): read
//! with their defaults, and changed by the committee, each change audited with old and new.

use super::*;
use crate::domain::complaints::MAX_TARGET_DAYS;

/// The step targets, from the settings or their defaults.
pub fn targets(conn: &Connection) -> Result<Targets> {
    let mut stmt =
        conn.prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'complaint.days.%'")?;
    let set: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(Targets::from_settings(|k| {
        set.iter().find(|(key, _)| key == k).and_then(|(_, v)| v.parse().ok())
    }))
}

/// Changes one step target (committee), audited with the old and new number of days.
pub fn set_target(conn: &Connection, actor: &Actor, key: &str, days: u32) -> Result<()> {
    actor.require(Permission::EditSettings)?;
    if !Targets::KEYS.iter().any(|(k, _)| *k == key) {
        return Err(StoreError::not_found(format!("ค่าตั้ง {key}")));
    }
    if days == 0 || days > MAX_TARGET_DAYS {
        return Err(StoreError::refused(format!(
            "กำหนดเวลาต้องอยู่ระหว่าง 1 ถึง {MAX_TARGET_DAYS} วันทำการ"
        )));
    }
    let old = settings::get(conn, key)?.unwrap_or_default();
    settings::set(conn, key, &days.to_string())?;
    audit::append(conn, actor, "set_setting", "setting", None, &format!("{key}: {old} → {days}"))?;
    Ok(())
}

/// The settings screen's save: every target in [`Targets::KEYS`] order; only those that differ
/// from what is in force are written (and audited). How many changed.
pub fn set_targets(conn: &Connection, actor: &Actor, days: &[u32]) -> Result<usize> {
    actor.require(Permission::EditSettings)?;
    if days.len() != Targets::KEYS.len() {
        return Err(StoreError::refused("กรุณากรอกกำหนดเวลาให้ครบทุกขั้นตอน"));
    }
    let now = targets(conn)?.in_key_order();
    let mut changed = 0;
    for (i, (key, _)) in Targets::KEYS.iter().enumerate() {
        if now[i] != days[i] {
            set_target(conn, actor, key, days[i])?;
            changed += 1;
        }
    }
    Ok(changed)
}
