//! `plodnee audit` end to end on a temporary demo database, as a user runs it: filtered by user,
//! action and dates (Thai table and JSON), bad options refused in Thai with exit code 2, and
//! `audit verify` passing, then naming the first broken entry once the file is edited outside
//! the app (as someone with `sqlite3` would).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn plodnee(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env_remove("PLODNEE_PASSWORD")
        .output()
        .expect("run plodnee")
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn demo(dir: &Path) {
    let out = plodnee(dir, &["demo", "--households", "30", "--seed", "7", "--today", "2025-11-21"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_audit_log_is_read_back_filtered_by_user_action_and_date() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let all = json(&plodnee(dir.path(), &["audit", "--json", "--limit", "100000"]));
    let total = all["total"].as_i64().unwrap();
    assert!(total > 10, "{total}");
    assert_eq!(all["entries"].as_array().unwrap().len() as i64, total);
    // Payments recorded by the demo's officer: every row is one, by that user.
    let paid = json(&plodnee(
        dir.path(),
        &["audit", "--user", "officer", "--action", "record_payment", "--json", "--limit", "5"],
    ));
    let rows = paid["entries"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert_eq!(rows.len(), 5.min(paid["total"].as_i64().unwrap() as usize));
    for r in rows {
        assert_eq!(r["action"], "record_payment");
        assert_eq!(r["action_th"], "รับชำระ");
        assert_eq!(r["username"], "officer");
    }
    // Newest first.
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");
    // Every entry is stamped today (the demo ran now): a range that ends yesterday has none.
    let today = chrono::Local::now().date_naive();
    let yesterday = (today - chrono::Days::new(1)).format("%Y-%m-%d").to_string();
    let none = json(&plodnee(dir.path(), &["audit", "--to", &yesterday, "--json"]));
    assert_eq!(none["total"], 0);
    let be_today =
        format!("{}", today.format("%d/%m/")) + &(chrono::Datelike::year(&today) + 543).to_string();
    let some =
        json(&plodnee(dir.path(), &["audit", "--from", &be_today, "--to", &be_today, "--json"]));
    assert_eq!(some["total"].as_i64().unwrap(), total, "พ.ศ. dates are understood");
    // The table a person reads: Thai headings and names, dates in พ.ศ.
    let out = plodnee(dir.path(), &["audit", "--action", "record_payment", "--limit", "3"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("การกระทำ") && text.contains("รับชำระ"), "{text}");
    assert!(text.contains(&(chrono::Datelike::year(&today) + 543).to_string()), "{text}");
}

#[test]
fn bad_options_are_refused_in_thai_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let before = json(&plodnee(dir.path(), &["audit", "--json", "--limit", "1"]))["total"].clone();
    for (args, says) in [
        (&["audit", "--from", "31/02/2567"][..], "--from"),
        (&["audit", "--from", "1/12/2568", "--to", "1/11/2568"][..], "ไม่ก่อนวันที่เริ่ม"),
        (&["audit", "--user", "ใครก็ไม่รู้"][..], "ไม่พบผู้ใช้"),
        (&["audit", "--action", "drop table"][..], "ไม่รู้จักการกระทำ"),
        (&["audit", "--limit", "0"][..], "--limit"),
    ] {
        let out = plodnee(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let after = json(&plodnee(dir.path(), &["audit", "--json", "--limit", "1"]))["total"].clone();
    assert_eq!(before, after);
}

#[test]
fn audit_verify_passes_then_names_the_first_entry_edited_outside_the_app() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let ok = plodnee(dir.path(), &["audit", "verify"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("ครบถ้วน"));

    // Someone opens the file with sqlite3, drops the append-only trigger and changes an amount.
    let db = dir.path().join("plodnee.sqlite3");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let target: i64 = conn
        .query_row(
            "SELECT id FROM audit_log WHERE action = 'record_payment' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch("DROP TRIGGER IF EXISTS audit_never_updated").unwrap();
    conn.execute("UPDATE audit_log SET detail = detail || ' (แก้)' WHERE id = ?1", [target])
        .unwrap();
    drop(conn);

    let broken = plodnee(dir.path(), &["audit", "verify"]);
    assert_eq!(broken.status.code(), Some(1));
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(err.contains(&format!("เริ่มที่รายการลำดับ {target} ")), "{err}");
    assert!(err.contains("รับชำระ"), "{err}");
    let j: Value =
        serde_json::from_slice(&plodnee(dir.path(), &["audit", "verify", "--json"]).stdout)
            .unwrap();
    assert_eq!(j["whole"], false);
    assert_eq!(j["first_broken"], target);
}
