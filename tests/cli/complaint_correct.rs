//! `plodnee complaint correct` end to end on a demo database (issue 16 §3): a disputed amount
//! answered "corrected" reverses the wrongly recorded receipt through the ledger's reversal, whose
//! reason carries the complaint number; a missing reason is refused with exit code 2.

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

#[test]
fn a_corrected_amount_reverses_the_receipt_with_the_complaint_number() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(d, "", &["demo", "--households", "20", "--today", "2025-11-21"]));
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let (contract, member, receipt): (String, i64, String) = conn
        .query_row(
            "SELECT l.contract_no, l.borrower_id, r.receipt_no FROM payment p JOIN receipt r ON r.id = p.receipt_id
             JOIN loan l ON l.id = p.loan_id
             WHERE l.tranche_of IS NULL AND l.status IN ('active', 'overdue')
               AND NOT EXISTS (SELECT 1 FROM receipt_reversal v WHERE v.receipt_id = r.id)
               AND (SELECT COUNT(*) FROM payment q WHERE q.receipt_id = r.id) = 1
             ORDER BY p.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let member = member.to_string();
    let out = ok(&plodnee(
        d,
        "officer-2568",
        &[
            "complaint",
            "add",
            "--member",
            &member,
            "--loan",
            &contract,
            "--category",
            "disputed-amount",
            "--received",
            "2025-11-20",
            "--text",
            "รับชำระผิดสัญญา",
            "--user",
            "officer",
        ],
    ));
    let number = out
        .split_whitespace()
        .find(|w| w.ends_with("/2568") && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .expect("a complaint number")
        .to_string();
    let step = |args: &[&str], who: &str, pw: &str| {
        let mut all = vec!["complaint", "step", number.as_str()];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--on", "2025-11-21", "--user", who]);
        plodnee(d, pw, &all)
    };
    ok(&step(&["acknowledge"], "officer", "officer-2568"));
    ok(&step(&["assess", "--handler", "treasurer"], "committee", "committee-2568"));
    ok(&step(
        &["respond", "--finding", "บันทึกผิดสัญญา", "--amount", "corrected"],
        "treasurer",
        "treasurer-2568",
    ));
    let correct = |args: &[&str]| {
        let mut all = vec!["complaint", "correct", number.as_str()];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--user", "treasurer"]);
        plodnee(d, "treasurer-2568", &all)
    };
    let bad = correct(&["--reverse-receipt", &receipt]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("เหตุผล"));
    let said = ok(&correct(&["--reverse-receipt", &receipt, "--reason", "รับชำระผิดสัญญา"]));
    assert!(said.contains(&format!("ยกเลิกใบเสร็จ {receipt} แล้ว")), "{said}");
    let reason: String = conn
        .query_row(
            "SELECT v.reason FROM receipt_reversal v JOIN receipt r ON r.id = v.receipt_id WHERE r.receipt_no = ?1",
            [&receipt],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, format!("แก้ไขตามเรื่องร้องเรียนเลขที่ {number}: รับชำระผิดสัญญา"));
    let linked: i64 = conn
        .query_row("SELECT COUNT(*) FROM complaint_correction WHERE kind = 'reversal'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(linked, 1);
}
