//! Opening a backup file on its own and checking it as `plodnee check` checks the live database:
//! SQLite's integrity check, the audit chain and money reconciliation. A copy counts as good only
//! when all of them pass.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::manifest::{self, Counts};
use crate::store::check;
use crate::store::error::Result;
use crate::store::open::schema_version;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub schema_version: i64,
    pub counts: Counts,
    /// Empty when the copy is good.
    pub problems: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn failed(problem: String) -> Verification {
        Verification { schema_version: 0, counts: Counts::default(), problems: vec![problem] }
    }
}

/// Verifies the file; a file that is not a database at all is a problem, not an error.
pub fn verify(path: &Path) -> Result<Verification> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(c) => c,
        Err(e) => return Ok(Verification::failed(format!("เปิดไฟล์ไม่ได้: {e}"))),
    };
    let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
        Ok(v) => v,
        Err(e) => return Ok(Verification::failed(format!("ไม่ใช่ฐานข้อมูลของปลดหนี้: {e}"))),
    };
    if version == 0 {
        return Ok(Verification::failed("ไม่ใช่ฐานข้อมูลของปลดหนี้".into()));
    }
    if version > schema_version() {
        return Ok(Verification::failed(format!(
            "สำรองจากโปรแกรมรุ่นที่ใหม่กว่า (โครงสร้างรุ่น {version})"
        )));
    }
    let counts = match Counts::of(&conn) {
        Ok(c) => c,
        Err(e) => return Ok(Verification::failed(format!("อ่านข้อมูลไม่ได้: {e}"))),
    };
    // An older schema lacks columns the money check reads: its integrity and audit chain are
    // checked here, the money after the restore has upgraded it.
    let problems = if version == schema_version() {
        match check::run(&conn, |_, _| {}) {
            Ok(report) => report
                .problems
                .into_iter()
                .map(|p| format!("{}: {}", p.subject, p.problem))
                .collect(),
            Err(e) => vec![format!("ตรวจไม่สำเร็จ: {e}")],
        }
    } else {
        check::integrity_and_audit(&conn)
            .map(|r| {
                r.problems.into_iter().map(|p| format!("{}: {}", p.subject, p.problem)).collect()
            })
            .unwrap_or_else(|e| vec![format!("ตรวจไม่สำเร็จ: {e}")])
    };
    Ok(Verification { schema_version: version, counts, problems })
}

/// Verifies a listed backup against its manifest too: a file changed since it was taken (its
/// SHA-256 differs) is refused even if SQLite still opens it.
pub fn verify_with_manifest(path: &Path) -> Result<Verification> {
    if super::encrypt::is_encrypted(path) {
        return verify_encrypted(path);
    }
    let mut v = verify(path)?;
    if let Some(m) = manifest::read(path) {
        let (sha, _) = manifest::sha256_of(path)?;
        if sha != m.sha256 {
            v.problems.push("ไฟล์ถูกเปลี่ยนหลังสำรอง (SHA-256 ไม่ตรงกับบันทึกกำกับ)".into());
        }
    }
    Ok(v)
}

/// An encrypted copy cannot be opened without its passphrase: it was verified as a database
/// before it was encrypted, and here its bytes on the drive are compared with what was written.
fn verify_encrypted(path: &Path) -> Result<Verification> {
    let Some(m) = manifest::read(path) else {
        return Ok(Verification::failed("ไม่มีบันทึกกำกับของไฟล์สำรองที่เข้ารหัส".into()));
    };
    let Some(stored) = &m.encrypted else {
        return Ok(Verification::failed("บันทึกกำกับไม่ได้ระบุว่าไฟล์นี้เข้ารหัส".into()));
    };
    let mut v = Verification {
        schema_version: m.schema_version,
        counts: m.counts,
        problems: m.problems.clone(),
    };
    if !m.verified && v.problems.is_empty() {
        v.problems.push("ไฟล์สำรองไม่ผ่านการตรวจตอนสำรอง".into());
    }
    let (sha, _) = manifest::sha256_of(path)?;
    if sha != stored.sha256 {
        v.problems.push("ไฟล์ถูกเปลี่ยนหลังสำรอง (SHA-256 ไม่ตรงกับบันทึกกำกับ)".into());
    }
    Ok(v)
}
