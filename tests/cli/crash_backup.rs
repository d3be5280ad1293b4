//! Crash tests of backup and restore (issue 15 §5): `plodnee backup` and `plodnee restore` are
//! killed with SIGKILL at random moments. After every kill of a backup, every copy the list
//! counts as good opens, passes verification and matches its manifest's SHA-256, no half-written
//! `.part` file is ever listed, and the live database still passes `plodnee check`; after every
//! kill of a restore, the live database is either the one before or the backup, whole, and a
//! next restore succeeds.
//!
//! `PLODNEE_CRASH_RUNS` sets how many kills (default 6 of each, so the suite stays quick).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rusqlite::Connection;

fn plodnee(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plodnee"));
    cmd.arg("--data-dir").arg(dir).env_remove("PLODNEE_DATA_DIR");
    cmd
}

fn runs() -> usize {
    std::env::var("PLODNEE_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(6)
}

fn demo(dir: &Path) {
    let out = plodnee(dir)
        .args(["demo", "--households", "60", "--seed", "5", "--today", "2025-11-21"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn payments(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM payment", [], |r| r.get(0))
        .unwrap()
}

fn check_passes(dir: &Path) {
    let out = plodnee(dir).args(["check"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// How long the whole command takes when left alone: the kills land inside that span.
fn time_of(dir: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = plodnee(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    started.elapsed()
}

fn kill_after(dir: &Path, args: &[&str], wait: Duration) {
    let mut child =
        plodnee(dir).args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(wait);
    let _ = child.kill(); // SIGKILL on Unix: nothing is tidied up.
    let _ = child.wait();
}

/// The copies `plodnee backups --verify --json` counts as good, each opened and compared with
/// its manifest here as well.
fn good_copies(dir: &Path) -> Vec<PathBuf> {
    let out = plodnee(dir).args(["backups", "--verify", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut good = Vec::new();
    for b in listed.as_array().unwrap() {
        let path = PathBuf::from(b["path"].as_str().unwrap());
        assert_ne!(path.extension().and_then(|e| e.to_str()), Some("part"), "{path:?} listed");
        if b["good"] == true {
            let v = plodnee::store::backup::verify::verify_with_manifest(&path).unwrap();
            assert!(v.ok(), "{path:?} listed as good: {:?}", v.problems);
            good.push(path);
        }
    }
    good
}

#[test]
fn a_backup_killed_at_any_moment_never_leaves_a_bad_copy_counted_good() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let span = time_of(dir.path(), &["backup"]);
    assert_eq!(good_copies(dir.path()).len(), 1);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
    for _ in 0..runs() {
        let wait = Duration::from_micros(rng.random_range(0..span.as_micros() as u64 + 1));
        kill_after(dir.path(), &["backup"], wait);
        good_copies(dir.path());
        check_passes(dir.path());
    }
    // Leftovers of the killed runs never stand in the way of the next backup (rotation keeps one
    // copy a day, so the new one is looked for by its path).
    let out = plodnee(dir.path()).args(["backup", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let taken: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let path = PathBuf::from(taken["path"].as_str().unwrap());
    assert!(good_copies(dir.path()).contains(&path), "{path:?} is not listed as good");
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_database_or_the_backup_whole() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let db = dir.path().join("plodnee.sqlite3");
    let taken = plodnee(dir.path()).args(["backup", "--json"]).output().unwrap();
    assert!(taken.status.success());
    let taken: serde_json::Value = serde_json::from_slice(&taken.stdout).unwrap();
    let file = taken["path"].as_str().unwrap().to_string();
    let in_backup = payments(&db);
    // The live database moves on after the backup, so the two can be told apart.
    let contract: String = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT contract_no FROM loan WHERE status = 'active' AND tranche_of IS NULL
               AND outstanding_principal > 100000 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let paid = plodnee(dir.path())
        .args(["payment", "add", "--user", "officer", "--loan", &contract, "--amount", "1.00"])
        .env("PLODNEE_PASSWORD", "officer-2568")
        .output()
        .unwrap();
    assert!(paid.status.success(), "{}", String::from_utf8_lossy(&paid.stderr));
    let live = payments(&db);
    assert_eq!(live, in_backup + 1);
    let span = time_of(dir.path(), &["restore", &file]);
    assert_eq!(payments(&db), in_backup);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(16);
    for _ in 0..runs() {
        let wait = Duration::from_micros(rng.random_range(0..span.as_micros() as u64 + 1));
        kill_after(dir.path(), &["restore", &file], wait);
        let now = payments(&db);
        assert!(now == in_backup || now == live, "{now} payments: neither before nor backup");
        check_passes(dir.path());
    }
    time_of(dir.path(), &["restore", &file]);
    assert_eq!(payments(&db), in_backup);
    check_passes(dir.path());
}
