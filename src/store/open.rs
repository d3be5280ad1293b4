//! Finding, opening and migrating the database file: WAL, foreign keys, refuse newer schemas,
//! back the file up before a migration runs.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::error::{Result, StoreError};

pub const DB_FILE: &str = "plodnee.sqlite3";
pub const DATA_DIR_ENV: &str = "PLODNEE_DATA_DIR";

/// The numbered files of `migrations/`, applied in order. Append only.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_initial.sql"),
    include_str!("../../migrations/0002_consolidation.sql"),
    include_str!("../../migrations/0003_plans.sql"),
    include_str!("../../migrations/0004_letters.sql"),
    include_str!("../../migrations/0005_letter_files.sql"),
    include_str!("../../migrations/0006_rejections.sql"),
    include_str!("../../migrations/0007_restructured_carried.sql"),
    include_str!("../../migrations/0008_collections.sql"),
    include_str!("../../migrations/0009_residue_write_off.sql"),
    include_str!("../../migrations/0010_sign_in_lockout.sql"),
    include_str!("../../migrations/0011_legal.sql"),
    include_str!("../../migrations/0012_complaints.sql"),
    include_str!("../../migrations/0013_import.sql"),
    include_str!("../../migrations/0014_privacy.sql"),
    include_str!("../../migrations/0015_complaint_corrections.sql"),
    include_str!("../../migrations/0016_complaint_attachments.sql"),
    include_str!("../../migrations/0017_court_cases.sql"),
    include_str!("../../migrations/0018_collection_targets.sql"),
    include_str!("../../migrations/0019_privacy_notice_consent.sql"),
];

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// `--data-dir` wins, then `PLODNEE_DATA_DIR`, then the per-user data folder of the platform
/// (`~/.local/share/plodnee` on Linux, `%APPDATA%\plodnee\data` on Windows).
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("th", "plodnee", "plodnee")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            StoreError::not_found("โฟลเดอร์ข้อมูลของผู้ใช้ (ตั้งค่า PLODNEE_DATA_DIR หรือใช้ --data-dir)")
        })
}

/// Opens (creating if needed) the database in `dir` and brings its schema up to date.
pub fn open_in(dir: &Path) -> Result<Connection> {
    std::fs::create_dir_all(dir)?;
    open_file(&dir.join(DB_FILE))
}

pub fn open_file(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&mut conn, Some(path))?;
    Ok(conn)
}

/// An in-memory database with the full schema, for tests and previews.
pub fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn, None)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL lets the GUI read while a batch writes. FULL sync: WAL is fsynced at every commit, so a
    // payment whose receipt was printed survives a power cut (NORMAL could lose the last
    // transactions; the cost on 1,000 payments is measured in benches/durability.rs).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Brings an already open database up to date (a restored backup of an older version).
pub fn upgrade(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate(conn, Some(path))
}

fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    migrate_with(conn, path, MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, path: Option<&Path>, all: &[&'static str]) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = all.len() as i64;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    if found == known {
        return Ok(());
    }
    if found > 0
        && let Some(path) = path
    {
        backup_before_migration(conn, path, found)?;
    }
    // A migration that rebuilds a table (SQLite cannot change a CHECK in place) drops it while
    // other tables refer to it: foreign keys are off while migrations run (they cannot be
    // switched inside the migration's transaction), and checked before they are on again.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrations = Migrations::new(all.iter().map(|sql| M::up(sql)).collect());
    let migrated = migrations.to_latest(conn).map_err(|e| match e {
        // The whole SQL file is no use to an officer: SQLite's reason is.
        rusqlite_migration::Error::RusqliteError { err, .. } => {
            StoreError::Migration(err.to_string())
        }
        other => StoreError::Migration(other.to_string()),
    });
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated?;
    let broken: i64 =
        conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if broken > 0 {
        return Err(StoreError::Migration(format!(
            "{broken} แถวอ้างถึงข้อมูลที่ไม่มีอยู่หลังปรับโครงสร้างฐานข้อมูล"
        )));
    }
    Ok(())
}

/// A consistent copy next to the database, taken with SQLite's own `VACUUM INTO`.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new(".")).join("backups");
    std::fs::create_dir_all(&dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let target = dir.join(format!("before-migration-v{version}-{stamp}.sqlite3"));
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str = "CREATE TABLE t (x INTEGER);";
    const SECOND: &str = "ALTER TABLE t ADD COLUMN y INTEGER;";

    #[test]
    fn the_file_is_backed_up_before_a_migration_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, Some(&path), &[FIRST]).unwrap();
        conn.execute("INSERT INTO t (x) VALUES (42)", []).unwrap();
        migrate_with(&mut conn, Some(&path), &[FIRST, SECOND]).unwrap();
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(backups.len(), 1);
        assert!(backups[0].to_string_lossy().contains("before-migration-v1"));
        let old = Connection::open(&backups[0]).unwrap();
        let x: i64 = old.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
        assert!(old.prepare("SELECT y FROM t").is_err(), "the backup holds the old schema");
    }

    #[test]
    fn a_database_made_by_the_oldest_schema_upgrades_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let mut conn = Connection::open(&path).unwrap();
        configure(&conn).unwrap();
        migrate_with(&mut conn, Some(&path), &MIGRATIONS[..1]).unwrap();
        conn.execute(
            "INSERT INTO fund (code, name, kind, default_rate_bp, default_method, default_frequency, default_periods)
             VALUES ('กทบ.', 'กองทุนหมู่บ้าน', 'village_fund', 600, 'annuity', 'monthly', 12)",
            [],
        )
        .unwrap();
        drop(conn);
        let conn = open_in(dir.path()).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, schema_version());
        let name: String = conn.query_row("SELECT name FROM fund", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "กองทุนหมู่บ้าน");
        assert!(conn.prepare("SELECT tranche_of FROM loan").is_ok());
        assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1);
    }

    #[test]
    fn a_new_database_needs_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        open_in(dir.path()).unwrap();
        assert!(!dir.path().join("backups").exists());
    }

    #[test]
    fn the_full_schema_applies_to_an_empty_database() {
        let conn = open_memory().unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, schema_version());
        let fk: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert!(fk);
    }

    #[test]
    fn a_file_database_syncs_every_commit_to_disk() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_in(dir.path()).unwrap();
        // 2 = FULL: a committed payment is on disk before its receipt prints.
        let sync: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!(sync, 2);
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }
}
