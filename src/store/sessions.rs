//! Signing in and sessions: the password check with lockout per typed user name (kept in
//! `sign_in_lockout`, rules in [`crate::domain::sign_in`]), every sign-in, failure and lock in the
//! audit log, the committee's view of locked names and its unlock, and the idle lock's entries.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::users::{self, Actor, User};
use super::{audit, settings};
use crate::domain::role::Permission;
use crate::domain::sign_in::{Failed, Lockout, Policy};
use crate::domain::thai::date::format_short;

pub const KEY_MAX_FAILURES: &str = "signin.max_failures";
pub const KEY_LOCK_MINUTES: &str = "signin.lock_minutes";
pub const KEY_IDLE_MINUTES: &str = "session.idle_minutes";
const STAMP: &str = "%Y-%m-%dT%H:%M:%S";
/// A typed name longer than this is cut in the audit log (10,000 characters stay out of it).
const LOGGED_NAME: usize = 64;

/// The sign-in settings, with the defaults (5 failures, 15 minutes, idle 10 minutes).
pub fn policy(conn: &Connection) -> Result<Policy> {
    let d = Policy::default();
    Ok(Policy {
        max_failures: settings::get_i64(conn, KEY_MAX_FAILURES, d.max_failures as i64)?
            .clamp(0, 1000) as u32,
        lock_minutes: settings::get_i64(conn, KEY_LOCK_MINUTES, d.lock_minutes)?.clamp(1, 24 * 60),
        idle_minutes: settings::get_i64(conn, KEY_IDLE_MINUTES, d.idle_minutes)?.clamp(0, 24 * 60),
    })
}

/// The lock's end as shown to the user: `09:19 น. (21 พ.ย. 68)`.
pub fn until_label(until: NaiveDateTime) -> String {
    format!("{} น. ({})", until.format("%H:%M"), format_short(until.date()))
}

fn key(username: &str) -> String {
    username.trim().to_lowercase()
}

fn logged(username: &str) -> String {
    username.trim().chars().take(LOGGED_NAME).collect()
}

fn lockout(conn: &Connection, name: &str) -> Result<Lockout> {
    let row: Option<(u32, Option<String>)> = conn
        .query_row(
            "SELECT failures, locked_until FROM sign_in_lockout WHERE username = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((failures, until)) => Lockout {
            failures,
            locked_until: until.and_then(|u| NaiveDateTime::parse_from_str(&u, STAMP).ok()),
        },
        None => Lockout::default(),
    })
}

fn save(conn: &Connection, name: &str, l: &Lockout) -> Result<()> {
    if *l == Lockout::default() {
        conn.execute("DELETE FROM sign_in_lockout WHERE username = ?1", [name])?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO sign_in_lockout (username, failures, locked_until) VALUES (?1, ?2, ?3)
         ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,
             locked_until = excluded.locked_until",
        params![name, l.failures, l.locked_until.map(|t| t.format(STAMP).to_string())],
    )?;
    Ok(())
}

/// Checks a password at `now`, counting a wrong one against the typed name and refusing a locked
/// name without looking at the password. The attempt and its outcome are written (one
/// transaction) whatever the answer.
pub fn sign_in_at(
    conn: &Connection,
    username: &str,
    password: &str,
    now: NaiveDateTime,
) -> Result<User> {
    // The caller may hold a transaction already (the CLI, tests); otherwise take one here so the
    // count, the lock and their audit entries are written together.
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    let outcome = attempt(conn, username, password, now);
    if let Some(tx) = tx {
        // A failed attempt is still recorded: commit whatever the outcome.
        tx.commit()?;
    }
    outcome
}

pub fn sign_in(conn: &Connection, username: &str, password: &str) -> Result<User> {
    sign_in_at(conn, username, password, chrono::Local::now().naive_local())
}

fn attempt(conn: &Connection, username: &str, password: &str, now: NaiveDateTime) -> Result<User> {
    let policy = policy(conn)?;
    let name = key(username);
    let lock = lockout(conn, &name)?;
    let known = users::find_by_username(conn, username.trim())?;
    let actor = match &known {
        Some(u) => u.actor(),
        None => Actor::system(),
    };
    let id = known.as_ref().map(|u| u.id);
    if let Some(until) = lock.locked_at(now) {
        let detail = format!("{} (ล็อกถึง {})", logged(username), until.format(STAMP));
        audit::append(conn, &actor, "sign_in_refused_locked", "app_user", id, &detail)?;
        return Err(StoreError::Locked(until_label(until)));
    }
    match users::check_password(conn, username, password)? {
        Some(user) => {
            save(conn, &name, &Lockout::default())?;
            audit::append(
                conn,
                &user.actor(),
                "sign_in",
                "app_user",
                Some(user.id),
                &user.username,
            )?;
            Ok(user)
        }
        None => {
            let (next, failed) = lock.after_failure(now, policy);
            save(conn, &name, &next)?;
            audit::append(conn, &actor, "sign_in_failed", "app_user", id, &logged(username))?;
            match failed {
                Failed::LockedNow(until) => {
                    let detail = format!("{} ล็อกถึง {}", logged(username), until.format(STAMP));
                    audit::append(conn, &actor, "sign_in_locked", "app_user", id, &detail)?;
                    Err(StoreError::Locked(until_label(until)))
                }
                // The last two tries are announced; earlier ones are not worth the worry.
                Failed::TriesLeft(Some(left)) if left <= 2 => Err(StoreError::BadLoginLeft(left)),
                Failed::TriesLeft(_) => Err(StoreError::BadLogin),
            }
        }
    }
}

/// A name locked now, as the committee sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedName {
    pub username: String,
    pub until: NaiveDateTime,
}

pub fn locked_names(conn: &Connection, now: NaiveDateTime) -> Result<Vec<LockedName>> {
    let mut stmt = conn.prepare(
        "SELECT username, locked_until FROM sign_in_lockout WHERE locked_until IS NOT NULL
         ORDER BY username",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (username, until) = row?;
        if let Ok(until) = NaiveDateTime::parse_from_str(&until, STAMP)
            && until > now
        {
            out.push(LockedName { username, until });
        }
    }
    Ok(out)
}

/// The committee lifts a lock before it runs out (the officer was identified in person).
pub fn unlock_name(conn: &Connection, actor: &Actor, username: &str) -> Result<()> {
    actor.require(Permission::ManageUsers)?;
    let name = key(username);
    let n = conn.execute("DELETE FROM sign_in_lockout WHERE username = ?1", [&name])?;
    if n == 0 {
        return Err(StoreError::not_found(format!("การล็อกของชื่อ {}", logged(username))));
    }
    audit::append(conn, actor, "unlock_user_name", "app_user", None, &logged(username))
}

/// The session of `actor` locked itself after the idle minutes.
pub fn record_idle_lock(conn: &Connection, actor: &Actor, minutes: i64) -> Result<()> {
    let detail = format!("ไม่มีการใช้งาน {minutes} นาที");
    audit::append(conn, actor, "session_idle_lock", "app_user", actor.user_id, &detail)
}

/// A locked session was opened again by `who` (its holder, or a committee member taking over).
pub fn record_unlock(conn: &Connection, who: &Actor, holder: &User) -> Result<()> {
    let detail = if who.user_id == Some(holder.id) {
        holder.username.clone()
    } else {
        format!("{} แทน {}", who.name, holder.username)
    };
    audit::append(conn, who, "session_unlocked", "app_user", Some(holder.id), &detail)
}
