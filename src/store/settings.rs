//! Institute settings as key/value pairs with typed accessors and defaults.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::Result;

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn get_i64(conn: &Connection, key: &str, default: i64) -> Result<i64> {
    Ok(get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// Minimum amount overdue for a demand, second demand, guarantor letter or invoice (satang).
pub const MIN_OVERDUE_KEY: &str = "letter.min_overdue_satang";
/// Minimum amount overdue for a reminder (satang).
pub const MIN_REMINDER_KEY: &str = "letter.min_reminder_satang";
/// An overdue amount below this is not arrears (satang).
pub const TOLERANCE_KEY: &str = "arrears.tolerance_satang";

/// The arrears tolerance, or its default (one baht) when not set.
pub fn tolerance(conn: &Connection) -> Result<crate::domain::arrears::Tolerance> {
    let default = crate::domain::arrears::DEFAULT_TOLERANCE.0;
    Ok(crate::domain::arrears::Tolerance(crate::domain::Satang(get_i64(
        conn,
        TOLERANCE_KEY,
        default,
    )?)))
}

/// The letter thresholds (minimums and tolerance), with their defaults where not set.
pub fn letter_thresholds(
    conn: &Connection,
) -> Result<crate::domain::letter::threshold::Thresholds> {
    use crate::domain::Satang;
    use crate::domain::letter::threshold as t;
    Ok(t::Thresholds {
        min_overdue: Satang(get_i64(conn, MIN_OVERDUE_KEY, t::DEFAULT_MIN_OVERDUE.0)?),
        min_reminder: Satang(get_i64(conn, MIN_REMINDER_KEY, t::DEFAULT_MIN_REMINDER.0)?),
        tolerance: tolerance(conn)?,
    })
}
