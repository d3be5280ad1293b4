//! Automatic backups: the store reads the last good backup and the last change, asks
//! [`crate::domain::backup_due`] whether one is due, and takes and verifies it. A failed automatic
//! backup never stops the office's work: it comes back as a Thai warning the screen shows, and
//! the action it guarded goes ahead.

use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};

use super::{Reason, Taken, folder_of, last_good, take};
use crate::domain::backup_due::{self, Event, Times};
use crate::store::error::Result;
use crate::store::{Store, tx};

/// What an automatic backup did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Not due (one was taken today, or nothing changed since the last one).
    NotDue,
    /// An in-memory database (tests, previews): nothing on disk to copy.
    NoFile,
    /// Taken and verified.
    Taken(Box<Taken>),
    /// Taken but not good, or not taken at all: the Thai reason to show.
    Failed(String),
}

impl Outcome {
    /// Where the verified copy went, when one was taken.
    pub fn copy(&self) -> Option<&Path> {
        match self {
            Outcome::Taken(t) => Some(&t.path),
            _ => None,
        }
    }

    /// The Thai warning to show the user, if any: the backup failed, or its second copy did.
    pub fn warning(&self, event: Event) -> Option<String> {
        match self {
            Outcome::Failed(why) => Some(format!(
                "สำรองข้อมูลอัตโนมัติ{}ไม่สำเร็จ: {why} กรุณาสำรองข้อมูลเองที่หน้า \"สำรองและกู้คืนข้อมูล\"",
                when(event)
            )),
            Outcome::Taken(t) => match &t.second {
                Some(Err(why)) => Some(format!("สำรองข้อมูลอัตโนมัติ{}แล้ว แต่{why}", when(event))),
                _ => None,
            },
            Outcome::NotDue | Outcome::NoFile => None,
        }
    }
}

fn when(event: Event) -> &'static str {
    match event {
        Event::Running => "ประจำวัน",
        Event::Closing => "ก่อนปิดโปรแกรม",
        Event::BeforeLetters => "ก่อนออกหนังสือเป็นชุด",
        Event::BeforeApproval => "ก่อนอนุมัติ",
        Event::BeforeImport => "ก่อนนำเข้าข้อมูล",
    }
}

pub fn reason(event: Event) -> Reason {
    match event {
        Event::Running => Reason::Daily,
        Event::Closing => Reason::Closing,
        Event::BeforeLetters => Reason::BeforeLetters,
        Event::BeforeApproval => Reason::BeforeApproval,
        Event::BeforeImport => Reason::BeforeImport,
    }
}

/// When the database last changed: its newest audit entry (every write is audited).
pub fn last_change(conn: &Connection) -> Result<Option<NaiveDateTime>> {
    let at: Option<String> = conn
        .query_row("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?;
    Ok(at.and_then(|s| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok()))
}

/// Takes a backup of the database at `db_path` (through `conn`) if `event` makes one due.
pub fn run(conn: &Connection, db_path: Option<&Path>, event: Event) -> Outcome {
    let Some(db_path) = db_path else { return Outcome::NoFile };
    let dir = folder_of(db_path);
    let times = || -> Result<Times> {
        Ok(Times {
            last_good: last_good(&dir)?.and_then(|l| l.taken_at()),
            last_change: last_change(conn)?,
            now: chrono::Local::now().naive_local(),
        })
    };
    let times = match times() {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if !backup_due::due(times, event) {
        return Outcome::NotDue;
    }
    match take(conn, &dir, reason(event), None) {
        Ok(t) if t.manifest.verified => Outcome::Taken(Box::new(t)),
        Ok(t) => Outcome::Failed(format!(
            "สำเนาตรวจไม่ผ่าน ({})",
            t.manifest.problems.first().map(String::as_str).unwrap_or("ไม่ทราบสาเหตุ")
        )),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// One user action guarded by a backup: the backup first (when due), then the action in one
/// transaction. The action runs even when the backup failed; the warning comes back with it.
pub fn write_after<T>(
    store: &Store,
    event: Event,
    f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
) -> Result<(T, Option<String>)> {
    let path = store.path().map(Path::to_path_buf);
    store.with(|conn| {
        let warning = run(conn, path.as_deref(), event).warning(event);
        let out = tx::write(conn, f)?;
        Ok((out, warning))
    })
}

/// An action that opens its own transaction (an import, with its progress and cancel) guarded
/// by a backup first, when due: the copy holds the database just before the action, so a
/// restore undoes it. The outcome comes back with the result, to say where the copy went.
pub fn before<T>(
    store: &Store,
    event: Event,
    f: impl FnOnce(&mut Connection) -> Result<T>,
) -> Result<(T, Outcome)> {
    let path = store.path().map(Path::to_path_buf);
    store.with(|conn| {
        let outcome = run(conn, path.as_deref(), event);
        Ok((f(conn)?, outcome))
    })
}

/// The same off the UI thread, for the GUI.
pub async fn write_after_async<T: Send + 'static>(
    store: Store,
    event: Event,
    f: impl FnOnce(&rusqlite::Transaction) -> Result<T> + Send + 'static,
) -> Result<(T, Option<String>)> {
    match tokio::task::spawn_blocking(move || write_after(&store, event, f)).await {
        Ok(result) => result,
        Err(e) => Err(crate::store::StoreError::refused(format!("งานเบื้องหลังหยุดทำงาน: {e}"))),
    }
}

/// A backup on its own (closing, the daily check): on a separate connection when the database is
/// a file, so a long verification never holds up the app's own connection.
pub fn standalone(store: &Store, event: Event) -> Option<String> {
    let outcome = match store.path() {
        Some(path) => match crate::store::open::open_file(path) {
            Ok(conn) => run(&conn, Some(path), event),
            Err(e) => Outcome::Failed(e.to_string()),
        },
        None => Outcome::NoFile,
    };
    outcome.warning(event)
}
