//! Users, roles and passwords (argon2), and the `Actor` every write is recorded under.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use crate::clock;
use crate::domain::role::{Permission, Role};

/// Who is doing something: a signed-in user, or the system itself (command line, demo data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub role: Role,
    pub name: String,
}

impl Actor {
    pub fn system() -> Actor {
        Actor { user_id: None, role: Role::Committee, name: "ระบบ".into() }
    }

    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.role.may(permission) { Ok(()) } else { Err(StoreError::Forbidden) }
    }

    /// Maker-checker for an approval with a meeting resolution: a signed-in user with the right
    /// to approve, not the one who prepared it, and a resolution number.
    pub fn approve_checked(&self, prepared_by: Option<i64>, resolution_no: &str) -> Result<()> {
        let (Some(approver), Some(preparer)) = (self.user_id, prepared_by) else {
            return Err(StoreError::refused("การอนุมัติต้องทำโดยผู้ใช้ที่ลงชื่อเข้าใช้"));
        };
        crate::domain::role::check_approval(preparer, approver, self.role)
            .map_err(StoreError::refused)?;
        if resolution_no.trim().is_empty() {
            return Err(StoreError::refused("กรุณากรอกเลขที่มติที่ประชุม"));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub active: bool,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor { user_id: Some(self.id), role: self.role, name: self.full_name.clone() }
    }
}

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::refused(format!("เข้ารหัสรหัสผ่านไม่สำเร็จ: {e}")))
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserInputError {
    #[error("ชื่อผู้ใช้ต้องเป็นตัวอักษรภาษาอังกฤษหรือตัวเลข 3–32 ตัว")]
    BadUsername,
    #[error("กรุณากรอกชื่อ-สกุลของผู้ใช้")]
    NoName,
    #[error("รหัสผ่านต้องยาวอย่างน้อย 8 ตัวอักษร")]
    ShortPassword,
    #[error("รหัสผ่านทั้งสองช่องไม่ตรงกัน")]
    PasswordsDiffer,
}

pub fn validate_username(username: &str) -> Result<(), UserInputError> {
    let ok = (3..=32).contains(&username.len())
        && username.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if ok { Ok(()) } else { Err(UserInputError::BadUsername) }
}

pub fn validate_password(password: &str) -> Result<(), UserInputError> {
    if password.chars().count() >= 8 { Ok(()) } else { Err(UserInputError::ShortPassword) }
}

/// A new password typed twice, as forms ask for it: long enough, and the same both times.
pub fn check_new_password(password: &str, again: &str) -> Result<(), UserInputError> {
    validate_password(password)?;
    if password != again { Err(UserInputError::PasswordsDiffer) } else { Ok(()) }
}

/// Creates a user; `hash` lets the demo reuse one precomputed hash instead of paying argon2 per
/// user. The caller holds the transaction.
pub fn create(
    conn: &Connection,
    actor: &Actor,
    username: &str,
    full_name: &str,
    role: Role,
    password: &str,
) -> Result<User> {
    actor.require(Permission::ManageUsers)?;
    validate_username(username).map_err(StoreError::refused)?;
    validate_password(password).map_err(StoreError::refused)?;
    if full_name.trim().is_empty() {
        return Err(StoreError::refused(UserInputError::NoName));
    }
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM app_user WHERE username = ?1)",
        [username],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::refused(format!("มีผู้ใช้ชื่อ {username} อยู่แล้ว")));
    }
    conn.execute(
        "INSERT INTO app_user (username, full_name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![username, full_name.trim(), role.code(), hash_password(password)?, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "create_user",
        "app_user",
        Some(id),
        &format!("{username} ({role})"),
    )?;
    Ok(User {
        id,
        username: username.into(),
        full_name: full_name.trim().into(),
        role,
        active: true,
    })
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        full_name: r.get(2)?,
        role: Role::from_code(&role).unwrap_or(Role::Officer),
        active: r.get(4)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt =
        conn.prepare("SELECT id, username, full_name, role, active FROM app_user ORDER BY id")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM app_user", [], |r| r.get(0))?)
}

/// Checks a password with lockout and audit (see [`super::sessions`]); the same message for an
/// unknown user and a wrong password.
pub fn sign_in(conn: &Connection, username: &str, password: &str) -> Result<User> {
    super::sessions::sign_in(conn, username, password)
}

pub fn find_by_username(conn: &Connection, username: &str) -> Result<Option<User>> {
    Ok(conn
        .query_row(
            "SELECT id, username, full_name, role, active FROM app_user WHERE username = ?1",
            [username],
            from_row,
        )
        .optional()?)
}

/// The user if the password is theirs and they are active (then their last sign-in is noted);
/// None for an unknown name, a wrong password or a deactivated user alike.
pub fn check_password(conn: &Connection, username: &str, password: &str) -> Result<Option<User>> {
    let row = conn
        .query_row(
            "SELECT id, username, full_name, role, active, password_hash FROM app_user WHERE username = ?1",
            [username.trim()],
            |r| Ok((from_row(r)?, r.get::<_, String>(5)?)),
        )
        .optional()?;
    let Some((user, hash)) = row else {
        return Ok(None);
    };
    let Ok(parsed) = PasswordHash::new(&hash) else { return Ok(None) };
    if !user.active || Argon2::default().verify_password(password.as_bytes(), &parsed).is_err() {
        return Ok(None);
    }
    conn.execute(
        "UPDATE app_user SET last_login_at = ?1 WHERE id = ?2",
        params![clock::now_stamp(), user.id],
    )?;
    Ok(Some(user))
}

fn get(conn: &Connection, id: i64) -> Result<User> {
    conn.query_row(
        "SELECT id, username, full_name, role, active FROM app_user WHERE id = ?1",
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("ผู้ใช้"))
}

/// Gives a user a new password (they forgot it, or it leaked). Committee only; the hash is never
/// written to the audit log, only that it changed.
pub fn reset_password(conn: &Connection, actor: &Actor, id: i64, password: &str) -> Result<()> {
    actor.require(Permission::ManageUsers)?;
    validate_password(password).map_err(StoreError::refused)?;
    let user = get(conn, id)?;
    conn.execute(
        "UPDATE app_user SET password_hash = ?1 WHERE id = ?2",
        params![hash_password(password)?, id],
    )?;
    audit::append(conn, actor, "reset_password", "app_user", Some(id), &user.username)
}

/// Deactivates or reactivates a user. Users are never deleted: the audit log and every record
/// they made point at them. The last active committee user stays, or nobody could manage users.
pub fn set_active(conn: &Connection, actor: &Actor, id: i64, active: bool) -> Result<User> {
    actor.require(Permission::ManageUsers)?;
    let user = get(conn, id)?;
    if user.active == active {
        return Ok(user);
    }
    if !active && user.role == Role::Committee {
        let others: i64 = conn.query_row(
            "SELECT COUNT(*) FROM app_user WHERE role = 'committee' AND active = 1 AND id != ?1",
            [id],
            |r| r.get(0),
        )?;
        if others == 0 {
            return Err(StoreError::refused(
                "ปิดการใช้งานไม่ได้ ต้องมีประธาน/กรรมการที่ใช้งานได้อย่างน้อย 1 คนเพื่อจัดการผู้ใช้",
            ));
        }
    }
    conn.execute("UPDATE app_user SET active = ?1 WHERE id = ?2", params![active, id])?;
    let action = if active { "reactivate_user" } else { "deactivate_user" };
    audit::append(conn, actor, action, "app_user", Some(id), &user.username)?;
    Ok(User { active, ..user })
}
