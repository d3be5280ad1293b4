//! `plodnee writeoff propose|approve|reject LOAN --user NAME` end to end (issue 11 §3): on a demo
//! data folder with two loans paid 0.49 short on their last installment, the officer proposes
//! both; the officer cannot approve, the treasurer approves one (the loan closes, `fund-statement`
//! shows the written-off line, `check` passes) and the committee rejects the other with a reason.

use std::path::Path;
use std::process::{Command, Output};

use plodnee::domain::Satang;
use plodnee::domain::loan::Channel;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
use plodnee::store::{Actor, Store, ledger, loans};

const TODAY: &str = "2025-11-21";

fn plodnee_as(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", TODAY)
        .env("PLODNEE_PASSWORD", password)
        .output()
        .expect("run plodnee")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(out: &Output, expected: &str) {
    assert!(!out.status.success(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(expected), "expected {expected:?} in: {err}");
}

/// A 1,200-baht loan at 0% of the first member in the first fund, twelve installments of 100.00
/// from 15 Nov 2024 (the last due 15 Nov 2025), each paid on its due date, the last 0.49 short.
fn residue_loan(store: &Store) -> String {
    store
        .write(|tx| {
            let actor = Actor::system();
            let (fund_id, person): (i64, i64) = tx.query_row(
                "SELECT (SELECT MIN(id) FROM fund), (SELECT MIN(id) FROM person)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let terms = Terms {
                principal: Satang::from_baht(1_200),
                rate: AnnualRate::ZERO,
                method: Method::Flat,
                frequency: Frequency::Monthly,
                periods: 12,
                start: chrono::NaiveDate::from_ymd_opt(2024, 11, 15).unwrap(),
                day_count: DayCount::Period,
                round_up_baht: false,
            };
            let id = loans::create(
                tx,
                &actor,
                &loans::NewLoan {
                    contract_no: None,
                    fund_id,
                    borrower_id: person,
                    terms,
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                    purpose: String::new(),
                    co_borrowers: vec![],
                    guarantors: vec![],
                    collateral: vec![],
                },
            )?;
            for i in loans::schedule(tx, id)?.installments {
                let short = if i.no == 12 { Satang(49) } else { Satang::ZERO };
                let p = ledger::NewPayment {
                    loan_id: id,
                    paid_on: i.due_date,
                    amount: i.payment() - short,
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                };
                ledger::record(tx, &actor, &p, i.due_date)?;
            }
            Ok(loans::get(tx, id)?.contract_no)
        })
        .unwrap()
}

#[test]
fn a_residue_is_proposed_approved_and_another_rejected_by_named_users() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let demo = plodnee_as(d, "", &["demo", "--households", "40", "--today", TODAY]);
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let (first, second) = {
        let store = Store::open_in(d).unwrap();
        (residue_loan(&store), residue_loan(&store))
    };
    let run = |password: &str, user: &str, action: &[&str]| {
        plodnee_as(d, password, &[&["writeoff"], action, &["--user", user]].concat())
    };

    let proposed = stdout(&run("officer-2568", "officer", &["propose", &first]));
    assert!(proposed.contains(&format!("สัญญา {first} จำนวน 0.49 บาท")), "{proposed}");
    assert!(proposed.contains("รออนุมัติ"), "{proposed}");
    refused(&run("officer-2568", "officer", &["propose", &first]), "รออนุมัติอยู่แล้ว");
    refused(&run("wrong", "officer", &["propose", &second]), "รหัสผ่าน");
    stdout(&run("officer-2568", "officer", &["propose", &second]));

    // Maker-checker: the officer may not approve; the treasurer does.
    refused(&run("officer-2568", "officer", &["approve", &first]), "อนุมัติ");
    let approved = stdout(&run("treasurer-2568", "treasurer", &["approve", &first]));
    assert!(approved.contains("ตัดยอดเศษสตางค์สัญญา") && approved.contains("0.49"), "{approved}");
    assert!(approved.contains("ปิดบัญชีแล้ว"), "{approved}");
    // The approval took a verified backup of the state just before it (issue 15 §2).
    let before: Vec<_> = plodnee::store::backup::list(&d.join("backups"), false)
        .unwrap()
        .into_iter()
        .filter_map(|l| l.manifest)
        .filter(|m| m.reason == "before_approval" && m.verified)
        .collect();
    assert!(!before.is_empty(), "a verified backup before the write-off's approval");
    refused(
        &run("treasurer-2568", "treasurer", &["approve", &first]),
        "ไม่มีรายการตัดยอดเศษสตางค์ที่รออนุมัติ",
    );

    // The other is rejected with a reason, which is required.
    refused(&run("committee-2568", "committee", &["reject", &second, "--reason", " "]), "เหตุผล");
    let rejected = stdout(&run(
        "committee-2568",
        "committee",
        &["reject", &second, "--reason", "ให้เรียกเก็บก่อน"],
    ));
    assert!(rejected.contains("ให้เรียกเก็บก่อน"), "{rejected}");

    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let status = |no: &str| -> (String, i64, String) {
        conn.query_row(
            "SELECT l.status, l.outstanding_principal, w.status FROM loan l JOIN residue_write_off w ON w.loan_id = l.id
             WHERE l.contract_no = ?1 ORDER BY w.id DESC LIMIT 1",
            [no],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    assert_eq!(status(&first), ("closed".into(), 0, "approved".into()));
    assert_eq!(status(&second), ("active".into(), 49, "rejected".into()));

    // The fund statement prints the line; `check` reconciles the closed loan and its fund.
    let fund: String =
        conn.query_row("SELECT code FROM fund ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    let fs = stdout(&plodnee_as(
        d,
        "",
        &["fund-statement", &fund, "--from", "2025-11-01", "--to", TODAY, "--json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&fs).unwrap();
    assert_eq!(v["written_off"], "0.49", "{fs}");
    let check = plodnee_as(d, "", &["check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}
