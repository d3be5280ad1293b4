//! The collections commands end to end on a demo database (issue 12): today's queue for one
//! officer, a contact planned on Sunday evening refused, a promise logged, a second contact the
//! same day refused, and a week later the promise broken by itself and its file near the top.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn plodnee(dir: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", today)
        .env("PLODNEE_PASSWORD", "officer-2568")
        .output()
        .expect("run plodnee")
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn contacts(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join("plodnee.sqlite3")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM contact", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_officer_works_the_queue_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The demo is made on Friday 21 Nov 2025; the officer works on Saturday the 22nd (so that
    // Friday 10:00 is always in the past, whatever the clock of the test machine says).
    let made = plodnee(d, "2025-11-21", &["demo", "--households", "150", "--today", "2025-11-21"]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let q = json(&plodnee(
        d,
        "2025-11-22",
        &["queue", "--for", "officer", "--as-of", "2025-11-21", "--json", "--limit", "500"],
    ));
    let items = q["items"].as_array().unwrap();
    assert!(items.len() > 10, "{} files in the officer's queue", items.len());
    let scores: Vec<i64> = items.iter().map(|i| i["score"].as_i64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "highest priority first");
    for i in items {
        assert!(
            !i["reasons"].as_array().unwrap().is_empty()
                && !i["action"].as_str().unwrap().is_empty()
        );
    }
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    // A file with no promise on record yet, so the one made below is the only one it has.
    let loan_id = items
        .iter()
        .map(|i| i["loan_id"].as_i64().unwrap())
        .find(|id| {
            conn.query_row("SELECT COUNT(*) FROM promise WHERE loan_id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
                == 0
        })
        .expect("a file without promises");
    let contract: String = conn
        .query_row("SELECT contract_no FROM loan WHERE id = ?1", [loan_id], |r| r.get(0))
        .unwrap();
    let officer_only: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM loan l JOIN person p ON p.id = l.borrower_id
             JOIN assignment a ON a.household_id = p.household_id
             WHERE l.id = ?1 AND a.officer_id = 1",
            [loan_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(officer_only, 1, "the file is the officer's");
    drop(conn);

    let before = contacts(d);
    let sunday = plodnee(
        d,
        "2025-11-24",
        &[
            "contact",
            "add",
            "--loan",
            &contract,
            "--at",
            "2025-11-23 19:00",
            "--outcome",
            "refused",
            "--user",
            "officer",
        ],
    );
    assert_eq!(sunday.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&sunday.stderr).contains("08:00–18:00 น. ในวันหยุดราชการ"));
    assert_eq!(contacts(d), before, "nothing written");

    let promise = plodnee(
        d,
        "2025-11-22",
        &[
            "contact",
            "add",
            "--loan",
            &contract,
            "--at",
            "2025-11-21 10:00",
            "--outcome",
            "promise",
            "--promise-date",
            "2025-11-24",
            "--promise-amount",
            "500",
            "--user",
            "officer",
        ],
    );
    assert!(promise.status.success(), "{}", String::from_utf8_lossy(&promise.stderr));
    let again = plodnee(
        d,
        "2025-11-22",
        &[
            "contact",
            "add",
            "--loan",
            &contract,
            "--at",
            "2025-11-21 11:00",
            "--outcome",
            "refused",
            "--user",
            "officer",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("ไม่เกินวันละ 1 ครั้งต่อคน"));
    assert_eq!(contacts(d), before + 1);

    // A week later, nothing paid: broken by itself.
    let evaluated = plodnee(d, "2025-11-28", &["promises", "evaluate", "--as-of", "2025-11-28"]);
    assert!(evaluated.status.success());
    assert!(String::from_utf8_lossy(&evaluated.stdout).contains("ผิดนัด"));
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let state: String = conn
        .query_row("SELECT state FROM promise WHERE loan_id = ?1", [loan_id], |r| r.get(0))
        .unwrap();
    assert_eq!(state, "broken");
    let q = json(&plodnee(
        d,
        "2025-11-28",
        &["queue", "--for", "officer", "--as-of", "2025-11-28", "--json", "--limit", "500"],
    ));
    let items = q["items"].as_array().unwrap();
    let at =
        items.iter().position(|i| i["loan_id"].as_i64() == Some(loan_id)).expect("in the queue");
    assert_eq!(items[at]["reasons"][0], "ผิดนัดชำระ (นัด 24 พฤศจิกายน 2568)");
    for above in &items[..at] {
        assert!(
            above["reasons"][0].as_str().unwrap().starts_with("ผิดนัดชำระ"),
            "only other broken promises rank above it: {above}"
        );
    }
}

#[test]
fn bad_options_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = plodnee(dir.path(), "2025-11-22", &["queue", "--village", "120"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--village"));
    let out = plodnee(
        dir.path(),
        "2025-11-22",
        &["contact", "add", "--loan", "x", "--outcome", "shouted", "--user", "officer"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--outcome"));
}

#[test]
fn a_sieve_campaign_runs_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let t = "2025-11-21";
    assert!(plodnee(d, t, &["demo", "--households", "200", "--today", t]).status.success());
    let first = d.join("c1.pdf");
    let run = plodnee(
        d,
        t,
        &[
            "campaign",
            "run",
            "demand",
            "--name",
            "ร่อนตะแกรง หมู่ 2",
            "--village",
            "2",
            "--min-dpd",
            "30",
            "--pay-within",
            "15",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(said.contains("ให้ปฏิบัติภายใน 6 ธันวาคม 2568"), "{said}");
    let v = json(&plodnee(d, t, &["campaign", "review", "1", "--as-of", "2025-11-25", "--json"]));
    let lines = v.as_array().unwrap();
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| l["verdict"] == "ยังไม่ถึงกำหนด"), "before the deadline: {v}");
    let early = plodnee(
        d,
        t,
        &["campaign", "escalate", "1", "demand2", "--date", "2025-12-01", "--out", "x.pdf"],
    );
    assert_eq!(early.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&early.stderr).contains("ยังไม่ครบกำหนด"));
    let next = d.join("c2.pdf");
    let esc = plodnee(
        d,
        t,
        &[
            "campaign",
            "escalate",
            "1",
            "demand2",
            "--date",
            "2025-12-08",
            "--out",
            next.to_str().unwrap(),
        ],
    );
    assert!(esc.status.success(), "{}", String::from_utf8_lossy(&esc.stderr));
    let v = json(&plodnee(d, t, &["campaign", "review", "2", "--as-of", "2025-12-08", "--json"]));
    assert_eq!(v.as_array().unwrap().len(), lines.len(), "nobody complied, so all move on");
    let pdf = std::fs::read(&next).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}
