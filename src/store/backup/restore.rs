//! Restoring a backup into the live database (committee only): the backup is verified first, the
//! current database is kept aside as a file (never overwritten or deleted), the backup's pages are
//! copied in with SQLite's online backup (one step, so a crash leaves either the old or the new
//! database), the schema is upgraded if the backup is older, and the restore is written to the new
//! database's audit log.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::manifest::{self, Counts};
use super::{encrypt, verify};
use crate::domain::role::Permission;
use crate::store::error::{Result, StoreError};
use crate::store::users::Actor;
use crate::store::{audit, open, tx};

#[derive(Debug, Clone)]
pub struct Restored {
    /// Where the database as it was before the restore now sits.
    pub kept_aside: PathBuf,
    pub counts: Counts,
}

/// Restores `file` into `conn`, the open database at `db_path`.
pub fn restore(
    conn: &mut Connection,
    db_path: &Path,
    file: &Path,
    actor: &Actor,
) -> Result<Restored> {
    restore_with(conn, db_path, file, None, actor)
}

/// Restores `file`, decrypting it first with `passphrase` when it is an encrypted copy (the
/// decrypted database is written beside the live one, checked against the manifest's SHA-256 and
/// verified like any backup, and removed afterwards).
pub fn restore_with(
    conn: &mut Connection,
    db_path: &Path,
    file: &Path,
    passphrase: Option<&str>,
    actor: &Actor,
) -> Result<Restored> {
    actor.require(Permission::Backup)?;
    if !encrypt::is_encrypted(file) {
        return restore_plain(conn, db_path, file, actor);
    }
    let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
        return Err(StoreError::refused("ไฟล์สำรองนี้เข้ารหัส: กรุณาใส่รหัสผ่าน"));
    };
    let m =
        manifest::read(file).ok_or_else(|| StoreError::refused("ไม่มีบันทึกกำกับของไฟล์สำรองที่เข้ารหัส"))?;
    let plain = db_path.with_file_name(format!("{}.decrypted", m.file));
    encrypt::decrypt_to(file, passphrase, &plain)?;
    let result = (|| {
        let (sha, _) = manifest::sha256_of(&plain)?;
        if sha != m.sha256 {
            return Err(StoreError::refused("ไฟล์ที่ถอดรหัสได้ไม่ตรงกับบันทึกกำกับ (SHA-256) จึงไม่กู้คืน"));
        }
        restore_plain(conn, db_path, &plain, actor)
    })();
    let _ = std::fs::remove_file(&plain);
    result
}

fn restore_plain(
    conn: &mut Connection,
    db_path: &Path,
    file: &Path,
    actor: &Actor,
) -> Result<Restored> {
    let check = verify::verify_with_manifest(file)?;
    if !check.ok() {
        return Err(StoreError::refused(format!(
            "ไฟล์สำรองนี้ไม่ผ่านการตรวจ จึงไม่กู้คืน: {}",
            check.problems.join("; ")
        )));
    }
    let kept_aside = keep_aside(conn, db_path)?;
    let src = Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    {
        let copy = Backup::new(&src, conn)?;
        loop {
            match copy.step(-1)? {
                StepResult::Done => break,
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }
    drop(src);
    conn.pragma_update(None, "journal_mode", "WAL")?;
    open::upgrade(conn, db_path)?;
    let counts = Counts::of(conn)?;
    if counts != check.counts {
        return Err(StoreError::refused("จำนวนข้อมูลหลังกู้คืนไม่ตรงกับไฟล์สำรอง"));
    }
    let (sha, _) = manifest::sha256_of(file)?;
    let detail = format!(
        "{} sha256 {sha}; ฐานข้อมูลเดิมเก็บไว้ที่ {}",
        file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        kept_aside.display()
    );
    tx::write(conn, |t| audit::append(t, actor, "restore_backup", "backup", None, &detail))?;
    Ok(Restored { kept_aside, counts })
}

/// Puts a byte-for-byte copy of the current database file beside it, its WAL folded in first so
/// the one file holds every committed transaction. A damaged database whose WAL cannot be folded
/// is kept with its WAL file too.
fn keep_aside(conn: &Connection, db_path: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let dir = db_path.parent().unwrap_or(Path::new("."));
    let mut aside = dir.join(format!("plodnee-before-restore-{stamp}.sqlite3"));
    let mut n = 2;
    while aside.exists() {
        aside = dir.join(format!("plodnee-before-restore-{stamp}-{n}.sqlite3"));
        n += 1;
    }
    let folded = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
    std::fs::copy(db_path, &aside)?;
    let wal = db_path.with_extension("sqlite3-wal");
    if !matches!(folded, Ok(0)) && wal.is_file() {
        std::fs::copy(&wal, aside.with_extension("sqlite3-wal"))?;
    }
    std::fs::File::open(&aside)?.sync_all()?;
    Ok(aside)
}
