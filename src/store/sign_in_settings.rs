//! Saving the sign-in settings (committee, on ตั้งค่าระบบ): one audit entry per value changed,
//! with the old and the new value, in the caller's transaction. Reading them is
//! [`super::sessions::policy`].

use rusqlite::Connection;

use super::error::Result;
use super::sessions::{KEY_IDLE_MINUTES, KEY_LOCK_MINUTES, KEY_MAX_FAILURES, policy};
use super::users::Actor;
use super::{audit, settings};
use crate::domain::role::Permission;
use crate::domain::sign_in::Policy;
use crate::domain::sign_in_settings::{Field, validate};

/// Stores `p` (checked again here: a caller that skipped the form is refused the same way) and
/// returns how many values changed.
pub fn save(conn: &Connection, actor: &Actor, p: &Policy) -> Result<usize> {
    actor.require(Permission::EditSettings)?;
    let values = crate::domain::sign_in_settings::form(p).into_iter().collect();
    if let Err(errors) = validate(&values) {
        let (field, why) = errors.into_iter().next().expect("an error");
        return Err(super::StoreError::refused(format!("{}: {why}", field.label())));
    }
    let old = policy(conn)?;
    let mut changed = 0;
    for (field, key, before, after) in [
        (
            Field::MaxFailures,
            KEY_MAX_FAILURES,
            i64::from(old.max_failures),
            i64::from(p.max_failures),
        ),
        (Field::LockMinutes, KEY_LOCK_MINUTES, old.lock_minutes, p.lock_minutes),
        (Field::IdleMinutes, KEY_IDLE_MINUTES, old.idle_minutes, p.idle_minutes),
    ] {
        if before == after {
            continue;
        }
        settings::set(conn, key, &after.to_string())?;
        let detail = format!("{}: {before} → {after}", field.label());
        audit::append(conn, actor, "set_sign_in_setting", "setting", None, &detail)?;
        changed += 1;
    }
    Ok(changed)
}
