//! Today's date and the time, from one place so tests and demos can pin them (`PLODNEE_TODAY`).

use chrono::{Local, NaiveDate};

/// Pins "today" for reproducible demos, screenshots and tests: `PLODNEE_TODAY=2025-11-21`.
pub const TODAY_ENV: &str = "PLODNEE_TODAY";

pub fn today() -> NaiveDate {
    std::env::var(TODAY_ENV)
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| Local::now().date_naive())
}

/// A timestamp for audit entries and records: local time, ISO 8601 to the second.
pub fn now_stamp() -> String {
    Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Now, on the pinned day when `PLODNEE_TODAY` is set (the time of day is the real one).
pub fn now() -> chrono::NaiveDateTime {
    today().and_time(Local::now().time())
}
