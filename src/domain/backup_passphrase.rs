//! The passphrase that protects the copies in the second backup folder. It is asked only when
//! encryption is switched on and when an encrypted copy is restored, so it must be one the
//! committee can write down and keep apart from the drive: long enough to resist guessing, typed
//! twice so a slip of the finger does not lock the fund out of its own backups.

pub const MIN_CHARS: usize = 10;

/// Why a passphrase cannot be used (Thai, shown next to the field), or `None`.
pub fn problem(passphrase: &str, again: &str) -> Option<String> {
    if passphrase.trim().is_empty() {
        return Some("กรุณาตั้งรหัสผ่านสำหรับเข้ารหัสไฟล์สำรอง".into());
    }
    if passphrase.chars().count() < MIN_CHARS {
        return Some(format!("รหัสผ่านต้องยาวอย่างน้อย {MIN_CHARS} ตัวอักษร"));
    }
    if passphrase != again {
        return Some("รหัสผ่านทั้งสองช่องไม่ตรงกัน".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_empty_or_mistyped_passphrases_are_refused_in_thai() {
        assert!(problem("", "").unwrap().contains("กรุณาตั้ง"));
        assert!(problem("   ", "   ").unwrap().contains("กรุณาตั้ง"));
        // Thai letters count as characters, not bytes: nine of them are too few.
        assert!(problem("กองทุนหมู", "กองทุนหมู").unwrap().contains("อย่างน้อย 10"));
        assert!(problem("กองทุนหมู่บ้าน", "กองทุนหมู่บ้าม").unwrap().contains("ไม่ตรงกัน"));
        assert_eq!(problem("กองทุนหมู่บ้าน", "กองทุนหมู่บ้าน"), None);
    }
}
