//! `plodnee payment add|reverse` end to end on a demo database: a payment recorded as a named
//! user and printed with its receipt, reversed by the treasurer with a reason; bad input refused
//! in Thai with nothing written (receipt and audit counts unchanged).

use std::path::Path;
use std::process::{Command, Output};

use rusqlite::Connection;

fn plodnee(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_PASSWORD", password)
        .output()
        .unwrap()
}

fn counts(dir: &Path) -> (i64, i64, i64) {
    let c = Connection::open(dir.join("plodnee.sqlite3")).unwrap();
    let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        n("SELECT COUNT(*) FROM receipt"),
        n(
            "SELECT COUNT(*) FROM audit_log WHERE action != 'sign_in' AND action NOT LIKE 'sign_in%'",
        ),
        n("SELECT COUNT(*) FROM receipt_reversal"),
    )
}

#[test]
fn a_payment_is_recorded_reversed_and_bad_input_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = plodnee(
        dir.path(),
        "",
        &["demo", "--households", "20", "--seed", "11", "--today", "2025-11-21"],
    );
    assert!(out.status.success());
    let contract: String = Connection::open(dir.path().join("plodnee.sqlite3"))
        .unwrap()
        .query_row(
            "SELECT contract_no FROM loan WHERE status = 'active' AND tranche_of IS NULL
               AND outstanding_principal > 1000000 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let before = counts(dir.path());
    for (amount, says) in
        [("-5", "--amount"), ("1.234", "--amount"), ("abc", "--amount"), ("0", "--amount")]
    {
        let out = plodnee(
            dir.path(),
            "officer-2568",
            &["payment", "add", "--user", "officer", "--loan", &contract, "--amount", amount],
        );
        assert_eq!(out.status.code(), Some(2), "{amount}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{amount}");
    }
    let unknown = plodnee(
        dir.path(),
        "officer-2568",
        &["payment", "add", "--user", "officer", "--loan", "ไม่มี.1/2568", "--amount", "100"],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("ไม่พบ"));
    assert_eq!(counts(dir.path()), before, "nothing written");

    let paid = plodnee(
        dir.path(),
        "officer-2568",
        &["payment", "add", "--user", "officer", "--loan", &contract, "--amount", "1,000.50"],
    );
    assert!(paid.status.success(), "{}", String::from_utf8_lossy(&paid.stderr));
    let line = String::from_utf8(paid.stdout).unwrap();
    assert!(line.contains("รับชำระแล้ว ใบเสร็จ") && line.contains("1,000.50 บาท"), "{line}");
    let receipt = line.split_whitespace().nth(2).unwrap().to_string();
    assert_eq!(counts(dir.path()).0, before.0 + 1);

    // An officer may not reverse; the treasurer may, with a reason.
    let refused = plodnee(
        dir.path(),
        "officer-2568",
        &["payment", "reverse", "--user", "officer", "--receipt", &receipt, "--reason", "ผิด"],
    );
    assert_eq!(refused.status.code(), Some(1));
    let done = plodnee(
        dir.path(),
        "treasurer-2568",
        &["payment", "reverse", "--user", "treasurer", "--receipt", &receipt, "--reason", "บันทึกซ้ำ"],
    );
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(counts(dir.path()).2, before.2 + 1);
    let check = plodnee(dir.path(), "", &["check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}
