//! What a complaint's attachment may be (issue 16 §2, investigation): a named file of at most
//! 10 MB (a phone photo of a receipt is 2–5 MB; a scanned page 1 MB), and its size as people read
//! it. Pure checks; the store keeps the bytes.

/// The largest attachment: 10 MB (10 × 1024 × 1024 bytes), the migration's CHECK too.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// The longest file name kept.
pub const MAX_NAME_CHARS: usize = 200;

/// "820 ไบต์", "12.5 KB", "3.2 MB": one decimal, rounded down, in whole-number arithmetic.
pub fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let tenths = |unit: u64| {
        let t = bytes * 10 / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    if bytes < KB {
        format!("{bytes} ไบต์")
    } else if bytes < MB {
        format!("{} KB", tenths(KB))
    } else {
        format!("{} MB", tenths(MB))
    }
}

/// Refuses an empty file or one above [`MAX_BYTES`], saying how big it is.
pub fn check_size(bytes: u64) -> Result<(), String> {
    if bytes == 0 {
        return Err("ไฟล์นี้ว่างเปล่า แนบไม่ได้".into());
    }
    if bytes > MAX_BYTES {
        return Err(format!(
            "ไฟล์ใหญ่เกิน 10 MB (ไฟล์นี้ {}) กรุณาย่อขนาดรูปหรือสแกนใหม่ให้เล็กลง",
            size_text(bytes)
        ));
    }
    Ok(())
}

/// The name kept for a file: its last path part, trimmed, not empty, not too long.
pub fn file_name(name: &str) -> Result<String, String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if last.is_empty() {
        return Err("กรุณาระบุชื่อไฟล์".into());
    }
    if last.chars().count() > MAX_NAME_CHARS {
        return Err(format!("ชื่อไฟล์ยาวเกิน {MAX_NAME_CHARS} ตัวอักษร กรุณาเปลี่ยนชื่อไฟล์ก่อนแนบ"));
    }
    Ok(last.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_bytes_kilobytes_and_megabytes_rounded_down() {
        assert_eq!(size_text(820), "820 ไบต์");
        // 12,800 / 1,024 = 12.5 exactly.
        assert_eq!(size_text(12_800), "12.5 KB");
        // 3,400,000 / 1,048,576 = 3.24… → 3.2.
        assert_eq!(size_text(3_400_000), "3.2 MB");
        assert_eq!(size_text(MAX_BYTES), "10.0 MB");
    }

    #[test]
    fn an_empty_file_and_one_above_ten_megabytes_are_refused() {
        assert_eq!(check_size(1), Ok(()));
        assert_eq!(check_size(MAX_BYTES), Ok(()));
        assert_eq!(check_size(0), Err("ไฟล์นี้ว่างเปล่า แนบไม่ได้".into()));
        // 10 MB + 1 byte still shows as 10.0 MB (rounded down), but is refused.
        let e = check_size(MAX_BYTES + 1).unwrap_err();
        assert!(e.starts_with("ไฟล์ใหญ่เกิน 10 MB (ไฟล์นี้ 10.0 MB)"), "{e}");
    }

    #[test]
    fn the_name_kept_is_the_last_part_of_the_path() {
        assert_eq!(file_name("/home/a/ใบเสร็จ 12.jpg"), Ok("ใบเสร็จ 12.jpg".into()));
        assert_eq!(file_name("C:\\scan\\statement.pdf"), Ok("statement.pdf".into()));
        assert_eq!(file_name("  "), Err("กรุณาระบุชื่อไฟล์".into()));
        assert!(file_name(&"ก".repeat(201)).is_err());
    }
}
