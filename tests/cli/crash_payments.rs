//! The crash test (issue 15 §5, payments): a writer process (`plodnee payment add --repeat N`)
//! records payments one transaction each and prints each receipt only after its commit; it is
//! killed with SIGKILL at a random moment, again and again. After every kill: each receipt the
//! writer reported is in the database, at most one more was committed than reported (killed
//! between the commit and the print), no receipt is half-written (each has its payment line and
//! its audit entry), the audit chain is whole and `plodnee check` finds nothing. A checker that
//! did not catch a half-written receipt would prove nothing: the last test shows it does.
//!
//! `PLODNEE_CRASH_RUNS` sets how many kills (default 12, so the suite stays quick; the issue asks
//! for 200 in a long run).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rusqlite::Connection;

const PASSWORD: &str = "officer-2568";

fn plodnee(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plodnee"));
    cmd.arg("--data-dir").arg(dir).env_remove("PLODNEE_DATA_DIR");
    cmd
}

fn demo(dir: &Path) -> String {
    let out = plodnee(dir)
        .args(["demo", "--households", "20", "--seed", "11", "--today", "2025-11-21"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conn = Connection::open(dir.join("plodnee.sqlite3")).unwrap();
    // A loan with plenty left to pay, so 1-baht payments never reach its payoff.
    conn.query_row(
        "SELECT contract_no FROM loan WHERE status = 'active' AND tranche_of IS NULL
           AND outstanding_principal > 1000000 ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// The receipts in the database, and what a crash could have left half-written among those
/// after receipt `since` (the demo's own receipts are written in bulk, without audit entries).
fn consistency(db: &Path, since: i64) -> (BTreeSet<String>, Vec<String>) {
    let conn = Connection::open(db).unwrap();
    let receipts: BTreeSet<String> = conn
        .prepare("SELECT receipt_no FROM receipt")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut problems = Vec::new();
    let half: Vec<String> = conn
        .prepare(
            "SELECT rc.receipt_no FROM receipt rc WHERE rc.id > ?1
               AND (NOT EXISTS (SELECT 1 FROM payment p WHERE p.receipt_id = rc.id)
                OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'record_payment'
                               AND a.detail LIKE rc.receipt_no || ' %'))",
        )
        .unwrap()
        .query_map([since], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for r in half {
        problems.push(format!("ใบเสร็จ {r} ไม่ครบ (ไม่มีรายการรับชำระหรือบันทึกการใช้งาน)"));
    }
    let check = Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(db.parent().unwrap())
        .args(["check", "--json"])
        .output()
        .unwrap();
    if !check.status.success() {
        problems.push(format!("plodnee check: {}", String::from_utf8_lossy(&check.stdout)));
    }
    (receipts, problems)
}

fn last_receipt(db: &Path) -> i64 {
    let conn = Connection::open(db).unwrap();
    conn.query_row("SELECT COALESCE(MAX(id), 0) FROM receipt", [], |r| r.get(0)).unwrap()
}

#[test]
fn payments_killed_mid_batch_are_either_whole_or_absent_and_every_reported_one_is_kept() {
    let runs: u32 =
        std::env::var("PLODNEE_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let contract = demo(dir.path());
    let db = dir.path().join("plodnee.sqlite3");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
    let since = last_receipt(&db);
    let (mut before, problems) = consistency(&db, since);
    assert!(problems.is_empty(), "{problems:?}");
    let mut killed_mid_batch = 0;
    let mut reported_total = 0;
    for run in 0..runs {
        let mut child = plodnee(dir.path())
            .args(["payment", "add", "--user", "officer", "--loan", &contract])
            .args(["--amount", "1.00", "--repeat", "400"])
            .env("PLODNEE_PASSWORD", PASSWORD)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
                .collect::<Vec<String>>()
        });
        // Start-up and sign-in take a moment; the kill lands somewhere in the batch.
        std::thread::sleep(Duration::from_millis(rng.random_range(150..900)));
        let _ = child.kill(); // SIGKILL on Unix: no destructor, no rollback runs.
        let status = child.wait().unwrap();
        let reported = reader.join().unwrap();
        // Killed while it was writing: some payments done, not all 400.
        if !status.success() && !reported.is_empty() && reported.len() < 400 {
            killed_mid_batch += 1;
        }
        reported_total += reported.len();

        let (after, problems) = consistency(&db, since);
        assert!(problems.is_empty(), "run {run}: {problems:?}");
        let new: BTreeSet<String> = after.difference(&before).cloned().collect();
        for r in &reported {
            assert!(new.contains(r), "run {run}: reported {r} is not in the database");
        }
        assert!(
            new.len() <= reported.len() + 1,
            "run {run}: {} committed, {} reported",
            new.len(),
            reported.len()
        );
        before = after;
    }
    eprintln!("{runs} kills, {killed_mid_batch} mid-batch, {reported_total} payments reported");
    assert!(killed_mid_batch >= runs / 2, "most runs were killed mid-batch: {killed_mid_batch}");
}

#[test]
fn the_checker_catches_a_receipt_written_without_its_payment() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let db = dir.path().join("plodnee.sqlite3");
    let since = last_receipt(&db);
    assert!(consistency(&db, since).1.is_empty());
    // A writer that committed the receipt in one step and was killed before the second.
    let conn = Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO receipt (receipt_no, be_year, seq, paid_on, amount, channel, payer_name,
             note, received_by, created_at)
         SELECT '2568/999999', be_year, 999999, paid_on, amount, channel, payer_name, note,
             received_by, created_at FROM receipt LIMIT 1",
        [],
    )
    .unwrap();
    drop(conn);
    let (_, problems) = consistency(&db, since);
    assert!(problems.iter().any(|p| p.contains("2568/999999")), "{problems:?}");
}
