//! `plodnee complaint attach` end to end on a demo database (issue 16 §2): a photo attached by
//! the committee is in the database with its SHA-256 and size; a file above 10 MB is refused
//! with exit code 2 and nothing kept; an officer who is not the handler is refused; a mistaken
//! one is withdrawn only with a reason.

use std::path::Path;
use std::process::{Command, Output};

fn plodnee(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", "2025-11-21")
        .env("PLODNEE_PASSWORD", password)
        .output()
        .expect("run plodnee")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// SHA-256 of the five bytes `hello` (`printf hello | sha256sum`).
const HELLO_SHA256: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

#[test]
fn a_photo_is_attached_with_its_checksum_and_a_big_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(d, "", &["demo", "--households", "20", "--today", "2025-11-21"]));
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let member: i64 = conn.query_row("SELECT MIN(id) FROM person", [], |r| r.get(0)).unwrap();
    let out = ok(&plodnee(
        d,
        "committee-2568",
        &[
            "complaint",
            "add",
            "--member",
            &member.to_string(),
            "--category",
            "service",
            "--received",
            "2025-11-20",
            "--text",
            "ใบเสร็จไม่ตรงกับยอด",
            "--user",
            "committee",
        ],
    ));
    let number = out
        .split_whitespace()
        .find(|w| w.ends_with("/2568") && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .expect("a complaint number")
        .to_string();
    let photo = d.join("ใบเสร็จ.jpg");
    std::fs::write(&photo, b"hello").unwrap();
    let photo_arg = photo.to_str().unwrap();
    let said = ok(&plodnee(
        d,
        "committee-2568",
        &["complaint", "attach", &number, photo_arg, "--note", "รูปถ่าย", "--user", "committee"],
    ));
    assert!(
        said.contains(&format!("เรื่องร้องเรียนเลขที่ {number}: แนบ ใบเสร็จ.jpg (5 ไบต์) แล้ว")),
        "{said}"
    );
    let (id, name, size, sha, bytes): (i64, String, i64, String, Vec<u8>) = conn
        .query_row("SELECT id, name, size, sha256, bytes FROM complaint_attachment", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), size, sha.as_str()), ("ใบเสร็จ.jpg", 5, HELLO_SHA256));
    assert_eq!(bytes, b"hello");

    let big = d.join("scan.pdf");
    std::fs::write(&big, vec![0u8; 10 * 1024 * 1024 + 1]).unwrap();
    let refused = plodnee(
        d,
        "committee-2568",
        &["complaint", "attach", &number, big.to_str().unwrap(), "--user", "committee"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("ไฟล์ใหญ่เกิน 10 MB"));

    // The officer is not the handler (none assigned yet): refused.
    let officer = plodnee(
        d,
        "officer-2568",
        &["complaint", "attach", &number, photo_arg, "--user", "officer"],
    );
    assert!(!officer.status.success());
    assert!(
        String::from_utf8_lossy(&officer.stderr).contains("เฉพาะประธาน/กรรมการ และผู้รับผิดชอบเรื่องนี้")
    );
    let n: i64 =
        conn.query_row("SELECT COUNT(*) FROM complaint_attachment", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1, "nothing else kept");

    let id = id.to_string();
    let no_reason = plodnee(
        d,
        "committee-2568",
        &["complaint", "attach", &number, "--withdraw", &id, "--user", "committee"],
    );
    assert_eq!(no_reason.status.code(), Some(2));
    ok(&plodnee(
        d,
        "committee-2568",
        &[
            "complaint",
            "attach",
            &number,
            "--withdraw",
            &id,
            "--reason",
            "แนบผิดเรื่อง",
            "--user",
            "committee",
        ],
    ));
    let reason: String = conn
        .query_row("SELECT reason FROM complaint_attachment_withdrawal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(reason, "แนบผิดเรื่อง");
}
