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

/// The collections ladder's days past due (issue 17 §D17): reminder, demand 1, demand 2.
pub const LADDER_REMINDER_KEY: &str = "ladder.reminder_dpd";
pub const LADDER_DEMAND_KEY: &str = "ladder.demand_dpd";
pub const LADDER_DEMAND2_KEY: &str = "ladder.demand2_dpd";

/// The ladder with the committee's days where set and DESIGN §6's defaults elsewhere.
pub fn ladder(conn: &Connection) -> Result<crate::domain::collections::ladder::Ladder> {
    let d = crate::domain::collections::ladder::Ladder::default();
    Ok(crate::domain::collections::ladder::Ladder {
        reminder_dpd: get_i64(conn, LADDER_REMINDER_KEY, d.reminder_dpd)?,
        demand_dpd: get_i64(conn, LADDER_DEMAND_KEY, d.demand_dpd)?,
        demand2_dpd: get_i64(conn, LADDER_DEMAND2_KEY, d.demand2_dpd)?,
        ..d
    })
}

/// New loans and consolidations round installments up to the baht by default ("1") or not.
pub const ROUND_UP_KEY: &str = "schedule.round_up_baht";

/// The institute's rounding default for new schedules (off unless the committee set it).
pub fn round_up_baht(conn: &Connection) -> Result<bool> {
    Ok(get_i64(conn, ROUND_UP_KEY, 0)? == 1)
}
