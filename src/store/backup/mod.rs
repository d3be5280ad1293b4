//! Automatic, verified backups: a consistent copy of the live database (SQLite's online backup),
//! a manifest beside it, the copy opened and checked before it counts as good, a second copy in
//! another folder (a USB drive or a network share), and rotation (7 daily, 5 weekly, 12 monthly).
//! Restoring lives in [`restore`].

pub mod auto;
pub mod encrypt;
pub mod manifest;
pub mod restore;
pub mod second;
pub mod verify;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

pub use manifest::{Counts, Manifest};
pub use verify::Verification;

use super::error::{Result, StoreError};
use super::settings;
use crate::domain::backup_rotation::{self, Policy};

/// The folder beside the database where backups go (the pre-migration copies go there too).
pub const FOLDER: &str = "backups";
pub const KEY_SECOND_DIR: &str = "backup.second_dir";
pub const KEY_DAILY: &str = "backup.keep_daily";
pub const KEY_WEEKLY: &str = "backup.keep_weekly";
pub const KEY_MONTHLY: &str = "backup.keep_monthly";
const STAMP: &str = "%Y%m%d-%H%M%S";
const TAKEN_AT: &str = "%Y-%m-%dT%H:%M:%S";

/// Why a backup was taken; part of its file name and manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Manual,
    Daily,
    Closing,
    BeforeImport,
    BeforeLetters,
    BeforeApproval,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::Daily => "daily",
            Reason::Closing => "closing",
            Reason::BeforeImport => "before_import",
            Reason::BeforeLetters => "before_letters",
            Reason::BeforeApproval => "before_approval",
        }
    }

    /// The Thai label of a manifest's reason code.
    pub fn label(code: &str) -> &'static str {
        match code {
            "manual" => "สำรองเอง",
            "daily" => "ประจำวัน",
            "closing" => "ปิดโปรแกรม",
            "before_import" => "ก่อนนำเข้าข้อมูล",
            "before_letters" => "ก่อนออกหนังสือเป็นชุด",
            "before_approval" => "ก่อนอนุมัติ",
            _ => "อื่น ๆ",
        }
    }
}

/// Where backups go for the database at `db_path`.
pub fn folder_of(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join(FOLDER)
}

/// The rotation policy from the settings (7, 5, 12 unless changed).
pub fn policy(conn: &Connection) -> Result<Policy> {
    let d = Policy::default();
    let n = |key, default: usize| -> Result<usize> {
        Ok(settings::get_i64(conn, key, default as i64)?.max(0) as usize)
    };
    Ok(Policy {
        daily: n(KEY_DAILY, d.daily)?,
        weekly: n(KEY_WEEKLY, d.weekly)?,
        monthly: n(KEY_MONTHLY, d.monthly)?,
    })
}

pub fn second_dir(conn: &Connection) -> Result<Option<PathBuf>> {
    Ok(settings::get(conn, KEY_SECOND_DIR)?.filter(|s| !s.trim().is_empty()).map(PathBuf::from))
}

/// What one backup run produced.
#[derive(Debug, Clone)]
pub struct Taken {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// The copy in the second folder, or why it could not be made (unplugged, read-only).
    pub second: Option<std::result::Result<PathBuf, String>>,
    /// Old backups removed by rotation.
    pub removed: usize,
}

/// Takes a backup of `conn` into `dir`, verifies it, copies it to the second folder (when one is
/// set, or `extra` is given) and rotates both folders. A copy that fails verification is kept
/// with `verified: false` in its manifest (so the failure is visible) and never counts as good.
pub fn take(conn: &Connection, dir: &Path, reason: Reason, extra: Option<&Path>) -> Result<Taken> {
    std::fs::create_dir_all(dir)?;
    let now = chrono::Local::now().naive_local();
    let name = unused_name(dir, now, reason);
    let path = dir.join(&name);
    let part = dir.join(format!("{name}.part"));
    copy_database(conn, &part)?;
    let check = verify::verify(&part)?;
    let (sha256, size) = manifest::sha256_of(&part)?;
    std::fs::rename(&part, &path)?;
    let manifest = Manifest {
        file: name,
        taken_at: now.format(TAKEN_AT).to_string(),
        reason: reason.code().to_string(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: check.schema_version,
        counts: check.counts,
        size,
        sha256,
        verified: check.ok(),
        problems: check.problems,
        encrypted: None,
    };
    manifest::write(&path, &manifest)?;
    let policy = policy(conn)?;
    let mut removed = rotate(dir, policy)?;
    let second_folder = match extra {
        Some(d) => Some(d.to_path_buf()),
        None => second_dir(conn)?,
    };
    let sealing = encrypt::sealing(conn)?;
    let second = second_folder.map(|d| {
        let copied =
            copy_to(&path, &manifest, &d, sealing.as_ref()).map_err(|e| second_failure(&d, &e));
        if copied.is_ok() {
            removed += rotate(&d, policy).unwrap_or(0);
        }
        copied
    });
    Ok(Taken { path, manifest, second, removed })
}

fn second_failure(dir: &Path, e: &StoreError) -> String {
    format!("สำเนาที่สองไปที่ {} ไม่ได้ (ไดรฟ์ถูกถอด หรือเขียนไม่ได้?): {e}", dir.display())
}

fn unused_name(dir: &Path, now: NaiveDateTime, reason: Reason) -> String {
    let base = format!("plodnee-{}-{}", now.format(STAMP), reason.code());
    let mut name = format!("{base}.sqlite3");
    let mut n = 2;
    while dir.join(&name).exists() {
        name = format!("{base}-{n}.sqlite3");
        n += 1;
    }
    name
}

/// SQLite's online backup in one step (a consistent snapshot even while the app writes: WAL
/// readers see one committed state), then a rollback journal so the copy opens read-only alone.
fn copy_database(conn: &Connection, target: &Path) -> Result<()> {
    let mut dst = Connection::open(target)?;
    {
        let backup = Backup::new(conn, &mut dst)?;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                _ => std::thread::sleep(std::time::Duration::from_millis(50)),
            }
        }
    }
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    dst.close().map_err(|(_, e)| e)?;
    std::fs::File::open(target)?.sync_all()?;
    Ok(())
}

/// Copies a backup and its manifest into `dir` and checks the copy's SHA-256; encrypted when a
/// sealing is given.
fn copy_to(
    path: &Path,
    m: &Manifest,
    dir: &Path,
    sealing: Option<&encrypt::Sealing>,
) -> Result<PathBuf> {
    if !dir.is_dir() {
        return Err(StoreError::not_found(format!("โฟลเดอร์ {}", dir.display())));
    }
    if let Some(s) = sealing {
        let target = dir.join(format!("{}.{}", m.file, encrypt::EXTENSION));
        let (sha256, size) = encrypt::write_encrypted(path, &target, s)?;
        let stored = Manifest { encrypted: Some(manifest::Stored { size, sha256 }), ..m.clone() };
        manifest::write(&target, &stored)?;
        return Ok(target);
    }
    let target = dir.join(&m.file);
    let part = dir.join(format!("{}.part", m.file));
    std::fs::copy(path, &part)?;
    std::fs::File::open(&part)?.sync_all()?;
    let (sha, _) = manifest::sha256_of(&part)?;
    if sha != m.sha256 {
        let _ = std::fs::remove_file(&part);
        return Err(StoreError::refused("สำเนาที่คัดลอกไม่ตรงกับต้นฉบับ (SHA-256)"));
    }
    std::fs::rename(&part, &target)?;
    manifest::write(&target, m)?;
    Ok(target)
}

/// The state of a listed backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Verified when taken (and, when re-checked, still the same file).
    Good,
    /// Failed verification; the reasons.
    Bad(Vec<String>),
    /// No manifest (a pre-migration copy, or one whose manifest was lost).
    Unverified,
}

impl State {
    pub fn label(&self) -> String {
        match self {
            State::Good => "ตรวจแล้ว ใช้ได้".into(),
            State::Bad(p) => format!("ใช้ไม่ได้: {}", p.first().map(String::as_str).unwrap_or("")),
            State::Unverified => "ยังไม่ได้ตรวจ".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Listed {
    pub path: PathBuf,
    pub size: u64,
    pub manifest: Option<Manifest>,
    pub state: State,
}

impl Listed {
    pub fn taken_at(&self) -> Option<NaiveDateTime> {
        let m = self.manifest.as_ref()?;
        NaiveDateTime::parse_from_str(&m.taken_at, TAKEN_AT).ok()
    }
}

/// The backups in `dir`, newest first, each with its recorded state (a manifest whose size does
/// not match the file is Bad). `recheck` re-verifies every file (slow on a big database).
pub fn list(dir: &Path, recheck: bool) -> Result<Vec<Listed>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if encrypt::plain_name(&path).extension().and_then(|e| e.to_str()) != Some("sqlite3") {
            continue;
        }
        let size = std::fs::metadata(&path)?.len();
        let manifest = manifest::read(&path);
        let state = match (&manifest, recheck) {
            (_, true) => {
                let v = verify::verify_with_manifest(&path)?;
                if v.ok() { State::Good } else { State::Bad(v.problems) }
            }
            (None, false) => State::Unverified,
            (Some(m), false) if m.stored_size() != size => {
                State::Bad(vec!["ขนาดไฟล์ไม่ตรงกับบันทึกกำกับ".into()])
            }
            (Some(m), false) if m.verified => State::Good,
            (Some(m), false) => State::Bad(m.problems.clone()),
        };
        out.push(Listed { path, size, manifest, state });
    }
    // Two backups in the same second (an approval right after a manual one) are told apart by
    // when their files were written: the name's "-2" sorts before the first one's ".sqlite3".
    let written = |l: &Listed| std::fs::metadata(&l.path).and_then(|m| m.modified()).ok();
    out.sort_by(|a, b| {
        b.taken_at()
            .cmp(&a.taken_at())
            .then_with(|| written(b).cmp(&written(a)))
            .then_with(|| b.path.file_name().cmp(&a.path.file_name()))
    });
    Ok(out)
}

/// The newest good backup in `dir`.
pub fn last_good(dir: &Path) -> Result<Option<Listed>> {
    Ok(list(dir, false)?.into_iter().find(|l| l.state == State::Good))
}

/// Removes the backups the policy does not keep. Only backups with a manifest are rotated (a
/// pre-migration copy stays until someone removes it); a bad backup older than the newest good
/// one is removed, since it can never be restored.
pub fn rotate(dir: &Path, policy: Policy) -> Result<usize> {
    let all = list(dir, false)?;
    let good: Vec<&Listed> = all.iter().filter(|l| l.state == State::Good).collect();
    let times: Vec<NaiveDateTime> = good.iter().filter_map(|l| l.taken_at()).collect();
    if times.len() != good.len() {
        return Ok(0);
    }
    let keep = backup_rotation::keep(&times, policy);
    let newest_good = times.iter().max().copied();
    let mut doomed: Vec<&Listed> =
        good.iter().zip(&keep).filter(|(_, k)| !**k).map(|(l, _)| *l).collect();
    doomed.extend(all.iter().filter(|l| {
        matches!(l.state, State::Bad(_))
            && l.manifest.is_some()
            && matches!((l.taken_at(), newest_good), (Some(t), Some(n)) if t < n)
    }));
    for l in &doomed {
        std::fs::remove_file(&l.path)?;
        let _ = std::fs::remove_file(manifest::path_for(&l.path));
    }
    Ok(doomed.len())
}

/// What the home screen says about backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    pub last_good: Option<NaiveDateTime>,
    /// True when a second folder is set and holds a copy of the last good backup.
    pub second_copy: bool,
    pub second_dir: Option<PathBuf>,
}

impl Health {
    /// Red on the home screen: no good backup for more than 7 days, or no second copy.
    pub fn warn(&self, now: NaiveDateTime) -> bool {
        let stale = match self.last_good {
            Some(t) => now - t > chrono::Duration::days(7),
            None => true,
        };
        stale || !self.second_copy
    }
}

pub fn health(conn: &Connection, db_path: &Path) -> Result<Health> {
    let last = last_good(&folder_of(db_path))?;
    let second_dir = second_dir(conn)?;
    let second_copy = match (&last, &second_dir) {
        (Some(l), Some(d)) => l.manifest.as_ref().is_some_and(|m| {
            d.join(&m.file).is_file()
                || d.join(format!("{}.{}", m.file, encrypt::EXTENSION)).is_file()
        }),
        _ => false,
    };
    Ok(Health { last_good: last.and_then(|l| l.taken_at()), second_copy, second_dir })
}

/// 1,234.5 MB style, with thousands separators.
pub fn size_label(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    let whole = (tenths / 10).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{} MB", tenths % 10)
}
