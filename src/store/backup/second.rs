//! The second backup folder (a USB drive or a network share): chosen by the committee, checked
//! before it is kept (it exists, it is a folder, the app can write there, and it is not the
//! backups folder itself), and audited.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{KEY_SECOND_DIR, folder_of};
use crate::domain::role::Permission;
use crate::store::error::{Result, StoreError};
use crate::store::{Actor, audit, settings};

/// Why a folder cannot be the second folder (Thai, shown next to the field).
pub fn check(dir: &Path, db_path: Option<&Path>) -> std::result::Result<(), String> {
    if !dir.is_absolute() {
        return Err("กรุณาใส่ที่อยู่โฟลเดอร์แบบเต็ม เช่น /media/usb/สำรอง หรือ E:\\สำรอง".into());
    }
    if !dir.is_dir() {
        return Err(format!("ไม่พบโฟลเดอร์ {} (ไดรฟ์เสียบอยู่หรือไม่?)", dir.display()));
    }
    if let Some(db) = db_path {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        let data = db.parent().unwrap_or(Path::new("."));
        if same(dir, &folder_of(db)) || same(dir, data) {
            return Err("โฟลเดอร์ที่สองต้องอยู่คนละที่กับฐานข้อมูล (เช่น แฟลชไดรฟ์) ไม่ใช่โฟลเดอร์สำรองหลัก".into());
        }
    }
    let probe = dir.join(".plodnee-write-test");
    match std::fs::write(&probe, b"ok") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(format!("เขียนไฟล์ลงโฟลเดอร์ {} ไม่ได้: {e}", dir.display())),
    }
}

/// Sets (or, with an empty text, clears) the second folder. Committee only; bad input changes
/// nothing.
pub fn set(
    conn: &Connection,
    actor: &Actor,
    db_path: Option<&Path>,
    text: &str,
) -> Result<Option<PathBuf>> {
    actor.require(Permission::Backup)?;
    let text = text.trim();
    let dir = (!text.is_empty()).then(|| PathBuf::from(text));
    if let Some(d) = &dir {
        check(d, db_path).map_err(StoreError::refused)?;
    }
    settings::set(conn, KEY_SECOND_DIR, text)?;
    let detail = dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| "เลิกใช้".into());
    audit::append(conn, actor, "set_backup_second_dir", "setting", None, &detail)?;
    Ok(dir)
}
