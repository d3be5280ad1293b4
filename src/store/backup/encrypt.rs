//! Encrypted copies in the second folder (issue 15 §2): a drive that leaves the office with the
//! members' national ids on it must be unreadable to whoever finds it. Copies are encrypted with
//! age to a post-quantum key pair made when the committee switches encryption on. Only the public
//! half stays readable in the database, so the automatic backups (at closing, once a day, before
//! approvals) need no passphrase; the private half is sealed with the passphrase (age's scrypt)
//! and written beside the copies as `plodnee-backup-key.age`, so a new PC can restore from the
//! drive alone, given the passphrase.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use rusqlite::Connection;

use crate::domain::backup_passphrase;
use crate::domain::role::Permission;
use crate::store::error::{Result, StoreError};
use crate::store::{Actor, audit, settings};

pub const KEY_RECIPIENT: &str = "backup.second_recipient";
pub const KEY_SEALED: &str = "backup.second_sealed_key";
/// The sealed private key, beside the encrypted copies.
pub const KEY_FILE: &str = "plodnee-backup-key.age";
/// What an encrypted copy's name ends with.
pub const EXTENSION: &str = "age";

/// What encrypting a copy needs: the public key, and the sealed private key to put beside it.
#[derive(Clone)]
pub struct Sealing {
    recipient: age::pq::Recipient,
    sealed_key: Vec<u8>,
}

/// Whether `path` is an encrypted copy (`….sqlite3.age`).
pub fn is_encrypted(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some(EXTENSION)
}

/// The sealing in force, or `None` when copies in the second folder are not encrypted.
pub fn sealing(conn: &Connection) -> Result<Option<Sealing>> {
    let (Some(r), Some(k)) =
        (settings::get(conn, KEY_RECIPIENT)?, settings::get(conn, KEY_SEALED)?)
    else {
        return Ok(None);
    };
    if r.is_empty() {
        return Ok(None);
    }
    let recipient = age::pq::Recipient::from_str(&r)
        .map_err(|e| StoreError::refused(format!("กุญแจเข้ารหัสที่ตั้งไว้เสีย: {e}")))?;
    let sealed_key = hex::decode(k).map_err(|_| StoreError::refused("กุญแจเข้ารหัสที่ตั้งไว้เสีย"))?;
    Ok(Some(Sealing { recipient, sealed_key }))
}

/// Switches encryption on with a new key pair sealed by `passphrase` (committee only; a bad
/// passphrase changes nothing). Copies taken before stay as they are.
pub fn enable(conn: &Connection, actor: &Actor, passphrase: &str, again: &str) -> Result<()> {
    actor.require(Permission::Backup)?;
    if let Some(why) = backup_passphrase::problem(passphrase, again) {
        return Err(StoreError::refused(why));
    }
    let identity = age::pq::Identity::generate();
    let seal = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    let sealed = age::encrypt(&seal, identity.to_string().expose_secret().as_bytes())
        .map_err(|e| StoreError::refused(format!("สร้างกุญแจเข้ารหัสไม่สำเร็จ: {e}")))?;
    settings::set(conn, KEY_RECIPIENT, &identity.to_public().to_string())?;
    settings::set(conn, KEY_SEALED, &hex::encode(sealed))?;
    audit::append(conn, actor, "set_backup_encryption", "setting", None, "เข้ารหัสสำเนาที่สอง")
}

/// Switches encryption off: later copies in the second folder are plain again.
pub fn disable(conn: &Connection, actor: &Actor) -> Result<()> {
    actor.require(Permission::Backup)?;
    settings::set(conn, KEY_RECIPIENT, "")?;
    settings::set(conn, KEY_SEALED, "")?;
    audit::append(conn, actor, "set_backup_encryption", "setting", None, "เลิกเข้ารหัสสำเนาที่สอง")
}

/// Encrypts `plain` into `target` (through a `.part` file, synced, renamed) and writes the sealed
/// key beside it. Returns the SHA-256 and size of what is on the drive, read back from it.
pub fn write_encrypted(plain: &Path, target: &Path, s: &Sealing) -> Result<(String, u64)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let part = target.with_extension("age.part");
    {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&s.recipient as _))
            .map_err(|e| StoreError::refused(format!("เข้ารหัสไม่สำเร็จ: {e}")))?;
        let out = std::io::BufWriter::new(std::fs::File::create(&part)?);
        let mut writer = encryptor.wrap_output(out)?;
        std::io::copy(&mut std::fs::File::open(plain)?, &mut writer)?;
        let mut out = writer.finish()?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    let written = super::manifest::sha256_of(&part)?;
    write_key_file(dir, &s.sealed_key)?;
    std::fs::rename(&part, target)?;
    Ok(written)
}

fn write_key_file(dir: &Path, sealed: &[u8]) -> Result<()> {
    let path = dir.join(KEY_FILE);
    if std::fs::read(&path).is_ok_and(|k| k == sealed) {
        return Ok(());
    }
    let part = dir.join(format!("{KEY_FILE}.part"));
    std::fs::write(&part, sealed)?;
    std::fs::File::open(&part)?.sync_all()?;
    std::fs::rename(&part, &path)?;
    Ok(())
}

/// Decrypts the encrypted copy `file` into `target` with the sealed key found beside it. A wrong
/// passphrase, a missing key file or a damaged copy is refused in Thai and leaves no `target`.
pub fn decrypt_to(file: &Path, passphrase: &str, target: &Path) -> Result<()> {
    let key_path = file.parent().unwrap_or(Path::new(".")).join(KEY_FILE);
    let sealed = std::fs::read(&key_path).map_err(|_| {
        StoreError::refused(format!("ไม่พบไฟล์กุญแจ {KEY_FILE} ในโฟลเดอร์เดียวกับไฟล์สำรอง จึงถอดรหัสไม่ได้"))
    })?;
    let unseal = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let key = age::decrypt(&unseal, &sealed)
        .map_err(|_| StoreError::refused("รหัสผ่านไม่ถูกต้อง (หรือไฟล์กุญแจไม่ใช่ของไฟล์สำรองนี้)"))?;
    let identity = std::str::from_utf8(&key)
        .ok()
        .and_then(|k| age::pq::Identity::from_str(k.trim()).ok())
        .ok_or_else(|| StoreError::refused("ไฟล์กุญแจเสีย"))?;
    let result = (|| -> Result<()> {
        let damaged = |e: &dyn std::fmt::Display| {
            StoreError::refused(format!("ถอดรหัสไฟล์สำรองไม่ได้ (ไฟล์เสียหรือใช้กุญแจอื่น): {e}"))
        };
        let decryptor = age::Decryptor::new(std::io::BufReader::new(std::fs::File::open(file)?))
            .map_err(|e| damaged(&e))?;
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| damaged(&e))?;
        let mut out = std::fs::File::create(target)?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = reader.read(&mut buf).map_err(|e| damaged(&e))?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n])?;
        }
        out.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(target);
    }
    result
}

/// `x.sqlite3.age` → `x.sqlite3`; a plain name is returned as it is.
pub fn plain_name(path: &Path) -> PathBuf {
    if is_encrypted(path) { path.with_extension("") } else { path.to_path_buf() }
}
