//! `plodnee breach` and `plodnee subject-access` end to end on a demo database, as the committee
//! scripts them: the 72-hour deadline printed and listed, bad options refused in Thai with
//! nothing written, an officer refused, and a member's copy written as JSON.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn plodnee(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_PASSWORD", password)
        // The day after: the moments the test records (7/12 in the morning) are past at any hour CI runs.
        .env("PLODNEE_TODAY", "2026-12-08")
        .output()
        .expect("run plodnee")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const C: &str = "committee-2568";

#[test]
fn a_breach_is_recorded_with_its_deadline_told_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(d, C, &["demo", "--households", "20", "--seed", "7", "--today", "2026-12-07"]));
    let out = ok(&plodnee(
        d,
        C,
        &[
            "breach",
            "add",
            "--learned",
            "7/12/2569 08:15",
            "--what",
            "แฟ้มรายชื่อหาย",
            "--risk",
            "high",
            "--people",
            "40",
            "--user",
            "committee",
        ],
    ));
    assert!(out.contains("ต้องแจ้ง สคส. ภายใน 10 ธ.ค. 69 เวลา 08:15"), "{out}");

    let bad = plodnee(
        d,
        C,
        &[
            "breach",
            "add",
            "--learned",
            "31/02/2569",
            "--what",
            "x",
            "--risk",
            "high",
            "--user",
            "committee",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let bad = plodnee(
        d,
        C,
        &[
            "breach",
            "add",
            "--learned",
            "2026-12-07 25:99",
            "--what",
            "x",
            "--risk",
            "high",
            "--user",
            "committee",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("เวลาต้องเป็น ชั่วโมง:นาที"));
    let bad = plodnee(
        d,
        C,
        &[
            "breach",
            "add",
            "--learned",
            "2026-12-07",
            "--what",
            "x",
            "--risk",
            "maybe",
            "--user",
            "committee",
        ],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--risk"));
    let officer = plodnee(
        d,
        "officer-2568",
        &[
            "breach",
            "add",
            "--learned",
            "2026-12-07",
            "--what",
            "x",
            "--risk",
            "risk",
            "--user",
            "officer",
        ],
    );
    assert!(!officer.status.success());

    let list: Value =
        serde_json::from_str(&ok(&plodnee(d, C, &["breach", "list", "--json"]))).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "only the good one was written");
    assert_eq!(list[0]["pdpc_deadline"], "2026-12-10 08:15:00");
    assert!(list[0]["duty"].as_str().unwrap().starts_with("ต้องแจ้ง สคส. ภายใน"));
    ok(&plodnee(
        d,
        C,
        &["breach", "tell", "1", "--pdpc", "--at", "2026-12-07 09:00", "--user", "committee"],
    ));
    let list: Value =
        serde_json::from_str(&ok(&plodnee(d, C, &["breach", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["pdpc_told_at"], "2026-12-07 09:00:00");
    assert_eq!(list[0]["duty"], "ต้องแจ้งเจ้าของข้อมูลโดยไม่ชักช้า");
}

#[test]
fn a_members_copy_of_their_data_is_written_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(d, C, &["demo", "--households", "20", "--seed", "7", "--today", "2026-12-07"]));
    let file = d.join("copy.json");
    let out = ok(&plodnee(
        d,
        C,
        &[
            "subject-access",
            "--member",
            "1",
            "--json",
            file.to_str().unwrap(),
            "--user",
            "committee",
        ],
    ));
    assert!(out.contains("บันทึกข้อมูลทั้งหมดของ"), "{out}");
    let copy: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(copy["person_id"], 1);
    assert_eq!(copy["tables"]["person"][0]["id"], 1);
    assert!(copy["tables"]["household"].as_array().is_some());
    let audit: Value = serde_json::from_str(&ok(&plodnee(
        d,
        C,
        &["audit", "--action", "subject_access", "--json"],
    )))
    .unwrap();
    assert_eq!(audit["total"], 1);
}
