//! `plodnee privacy anonymise` end to end on a demo database made on 21/11/2568 (2025): judged
//! on 1/1/2583 (2040), the demo's closed loans and the members who never borrowed are past the
//! ten-year retention period. --dry-run lists them and changes nothing; bad options are refused
//! in Thai with nothing written; the real run anonymises exactly those listed, and `plodnee
//! check` and `plodnee audit verify` pass after.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn plodnee(dir: &Path, password: &str, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_PASSWORD", password)
        .env("PLODNEE_TODAY", today)
        .output()
        .expect("run plodnee")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const C: &str = "committee-2568";
const LATER: &str = "2040-01-01";

/// Every member's identifying columns and the audit log's length (sign-ins aside): "nothing changed" compares it.
fn people(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("plodnee.sqlite3")).unwrap();
    let names: String = conn
        .query_row(
            "SELECT group_concat(first_name || last_name || COALESCE(national_id, '') || phone, '|') FROM person",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Signing in is logged each run; anything else would be a change.
    let audit: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'sign_in%'", [], |r| {
            r.get(0)
        })
        .unwrap();
    format!("{audit} {names}")
}

#[test]
fn members_past_retention_are_listed_then_anonymised_and_the_books_still_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(
        d,
        C,
        "2025-11-21",
        &["demo", "--households", "20", "--seed", "7", "--today", "2025-11-21"],
    ));
    let before = people(d);

    let dry = ok(&plodnee(
        d,
        C,
        LATER,
        &[
            "privacy",
            "anonymise",
            "--as-of",
            "1/1/2583",
            "--dry-run",
            "--json",
            "--user",
            "committee",
        ],
    ));
    let v: Value = serde_json::from_str(&dry).unwrap();
    let listed: Vec<i64> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["person_id"].as_i64().unwrap())
        .collect();
    assert!(!listed.is_empty(), "{dry}");
    assert_eq!((v["anonymised"].as_i64(), v["retention_years"].as_i64()), (Some(0), Some(10)));
    assert_eq!(people(d), before, "a dry run changes nothing");
    // The same day judged ten years earlier: the demo's loans closed in 2024–2025, so nobody yet.
    let early = ok(&plodnee(
        d,
        C,
        LATER,
        &["privacy", "anonymise", "--as-of", "2030-01-01", "--dry-run", "--user", "committee"],
    ));
    assert!(early.contains("ไม่มีสมาชิกที่พ้นระยะเวลาเก็บรักษา 10 ปี"), "{early}");

    // Bad options: answered in Thai, exit 2, nothing written.
    let bad_date = plodnee(
        d,
        C,
        LATER,
        &[
            "privacy",
            "anonymise",
            "--as-of",
            "31/02/2567",
            "--resolution",
            "มติ 1/2583",
            "--user",
            "committee",
        ],
    );
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--as-of"));
    let future = plodnee(
        d,
        C,
        "2026-12-08",
        &[
            "privacy",
            "anonymise",
            "--as-of",
            LATER,
            "--resolution",
            "มติ 1/2583",
            "--user",
            "committee",
        ],
    );
    assert_eq!(future.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&future.stderr).contains("วันที่ในอนาคตใช้ได้เฉพาะกับ --dry-run"));
    let blank = plodnee(
        d,
        C,
        LATER,
        &["privacy", "anonymise", "--as-of", LATER, "--resolution", "  ", "--user", "committee"],
    );
    assert_eq!(blank.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&blank.stderr).contains("มติที่ประชุม"));
    let no_resolution =
        plodnee(d, C, LATER, &["privacy", "anonymise", "--as-of", LATER, "--user", "committee"]);
    assert_eq!(no_resolution.status.code(), Some(2));
    let officer = plodnee(
        d,
        "officer-2568",
        LATER,
        &[
            "privacy",
            "anonymise",
            "--as-of",
            LATER,
            "--resolution",
            "มติ 1/2583",
            "--user",
            "officer",
        ],
    );
    assert!(!officer.status.success());
    assert_eq!(people(d), before, "nothing changed after the refusals");

    let out = ok(&plodnee(
        d,
        C,
        LATER,
        &[
            "privacy",
            "anonymise",
            "--as-of",
            LATER,
            "--resolution",
            "มติที่ประชุมครั้งที่ 1/2583",
            "--json",
            "--user",
            "committee",
        ],
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["anonymised"].as_i64(), Some(listed.len() as i64));

    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let done: Vec<i64> = conn
        .prepare("SELECT id FROM person WHERE anonymised_on IS NOT NULL AND national_id IS NULL AND phone = '' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut listed = listed;
    listed.sort();
    assert_eq!(done, listed, "exactly those listed");
    let entries: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'anonymise_person'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(entries, listed.len() as i64);
    drop(conn);

    ok(&plodnee(d, C, LATER, &["check"]));
    ok(&plodnee(d, C, LATER, &["audit", "verify"]));
    let again = ok(&plodnee(
        d,
        C,
        LATER,
        &["privacy", "anonymise", "--as-of", LATER, "--dry-run", "--json", "--user", "committee"],
    ));
    let v: Value = serde_json::from_str(&again).unwrap();
    assert!(v["candidates"].as_array().unwrap().is_empty(), "nobody is anonymised twice");
}
