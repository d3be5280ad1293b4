//! The small JSON file beside each backup: when and why it was taken, by which app and schema,
//! what it holds (counts), its SHA-256, and whether it passed verification.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::error::Result;

/// Rows that tell an officer at a glance whether a backup is the one they expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Counts {
    pub members: i64,
    pub loans: i64,
    pub payments: i64,
}

impl Counts {
    pub fn of(conn: &Connection) -> Result<Counts> {
        let n = |table: &str| -> Result<i64> {
            Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Counts { members: n("person")?, loans: n("loan")?, payments: n("payment")? })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The backup's file name (the manifest sits beside it).
    pub file: String,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub taken_at: String,
    /// Why it was taken (`daily`, `closing`, `manual`, `before_approval`, …).
    pub reason: String,
    pub app_version: String,
    pub schema_version: i64,
    pub counts: Counts,
    pub size: u64,
    pub sha256: String,
    /// True only when the copy opened and passed integrity, audit chain and money checks.
    pub verified: bool,
    /// What the verification found wrong, in Thai.
    #[serde(default)]
    pub problems: Vec<String>,
    /// For an encrypted copy in the second folder: the encrypted file as it is on the drive
    /// (`sha256` and `size` above are the database inside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<Stored>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub size: u64,
    pub sha256: String,
}

impl Manifest {
    /// The size the file on disk must have: the encrypted file's for an encrypted copy.
    pub fn stored_size(&self) -> u64 {
        self.encrypted.as_ref().map_or(self.size, |e| e.size)
    }
}

/// `x.sqlite3` (or its encrypted `x.sqlite3.age`) → `x.json`.
pub fn path_for(backup: &Path) -> PathBuf {
    super::encrypt::plain_name(backup).with_extension("json")
}

pub fn read(backup: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(path_for(backup)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Written to a `.part` file and renamed, so a crash never leaves half a manifest.
pub fn write(backup: &Path, m: &Manifest) -> Result<()> {
    let path = path_for(backup);
    let part = path.with_extension("json.part");
    let text = serde_json::to_string_pretty(m).map_err(std::io::Error::other)?;
    std::fs::write(&part, text)?;
    std::fs::File::open(&part)?.sync_all()?;
    std::fs::rename(&part, &path)?;
    Ok(())
}

pub fn sha256_of(path: &Path) -> Result<(String, u64)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hex::encode(hasher.finalize()), size))
}
