//! Backups and restore on temporary databases: a copy is opened and verified before it counts, a
//! damaged or tampered copy is refused, a restore keeps the old database aside with the counts of
//! the backup, rotation removes what the policy does not keep, a missing second folder is reported.

use std::path::Path;

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::domain::backup_rotation::Policy;
use plodnee::domain::role::Role;
use plodnee::store::backup::{self, Counts, Manifest, Reason, State, restore};
use plodnee::store::{Actor, Store, StoreError, check, settings};

fn demo_store(dir: &Path) -> Store {
    let store = Store::open_in(dir).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
    store.with(|c| demo::generate(c, &Options { households: 40, seed: 3, today })).unwrap();
    store
}

fn backups_of(store: &Store) -> std::path::PathBuf {
    backup::folder_of(store.path().unwrap())
}

#[test]
fn a_backup_is_opened_and_verified_with_the_counts_of_the_live_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let live = store.with(|c| Counts::of(c)).unwrap();
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Manual, None)).unwrap();
    let m = &taken.manifest;
    assert!(m.verified, "{:?}", m.problems);
    assert_eq!(m.counts, live);
    assert!(live.members > 50 && live.loans > 40 && live.payments > 100, "{live:?}");
    assert_eq!(m.schema_version, plodnee::store::open::schema_version());
    assert_eq!(m.sha256.len(), 64);
    assert_eq!(m.size, std::fs::metadata(&taken.path).unwrap().len());
    // The copy stands alone: a rollback journal, so it opens read-only with no -wal beside it.
    let copy = rusqlite::Connection::open(&taken.path).unwrap();
    let mode: String = copy.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    assert!(check::run(&copy, |_, _| {}).unwrap().ok());
    let listed = backup::list(&backups_of(&store), true).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].state, State::Good);
    // No second folder is set: the home screen warns.
    let health = store.with(|c| backup::health(c, store.path().unwrap())).unwrap();
    assert!(health.last_good.is_some());
    assert!(!health.second_copy);
    assert!(health.warn(chrono::Local::now().naive_local()));
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Manual, None)).unwrap();
    // Scribble over a page in the middle of the file.
    let mut bytes = std::fs::read(&taken.path).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 4096] {
        *b = 0xA5;
    }
    std::fs::write(&taken.path, &bytes).unwrap();
    let listed = backup::list(&backups_of(&store), true).unwrap();
    assert!(matches!(&listed[0].state, State::Bad(p) if p.iter().any(|p| p.contains("SHA-256"))));
    let before = store.with(|c| Counts::of(c)).unwrap();
    let db = store.path().unwrap().to_path_buf();
    let err = store.with(|c| restore::restore(c, &db, &taken.path, &Actor::system())).unwrap_err();
    assert!(err.to_string().contains("ไม่ผ่านการตรวจ"), "{err}");
    assert_eq!(store.with(|c| Counts::of(c)).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4, "nothing kept aside");
}

#[test]
fn a_backup_whose_audit_log_was_edited_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Manual, None)).unwrap();
    let other = tempfile::tempdir().unwrap();
    let copy = other.path().join("edited.sqlite3");
    std::fs::copy(&taken.path, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    // As someone with sqlite3 would: drop the app's trigger, then edit an entry.
    conn.execute_batch(
        "DROP TRIGGER audit_never_updated;
         UPDATE audit_log SET detail = detail || ' แก้' WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    let v = backup::verify::verify(&copy).unwrap();
    assert!(!v.ok());
    assert!(v.problems.iter().any(|p| p.contains("สายแฮช")), "{:?}", v.problems);
    // Not a database at all.
    let junk = other.path().join("junk.sqlite3");
    std::fs::write(&junk, "ไม่ใช่ฐานข้อมูล").unwrap();
    assert!(!backup::verify::verify(&junk).unwrap().ok());
}

#[test]
fn a_restore_keeps_the_old_database_aside_and_gives_back_the_backups_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Manual, None)).unwrap();
    // A change after the backup.
    store.write(|t| settings::set(t, "marker", "หลังสำรอง")).unwrap();
    let db = store.path().unwrap().to_path_buf();
    let done = store.with(|c| restore::restore(c, &db, &taken.path, &Actor::system())).unwrap();
    assert_eq!(done.counts, taken.manifest.counts);
    assert_eq!(store.with(|c| Counts::of(c)).unwrap(), taken.manifest.counts);
    assert_eq!(store.with(|c| settings::get(c, "marker")).unwrap(), None);
    // The old database, change included, sits aside untouched.
    let old = rusqlite::Connection::open(&done.kept_aside).unwrap();
    let marker: String =
        old.query_row("SELECT value FROM setting WHERE key = 'marker'", [], |r| r.get(0)).unwrap();
    assert_eq!(marker, "หลังสำรอง");
    // The restore is the last entry of the new database's audit log, and the chain holds.
    let (action, detail): (String, String) = store
        .with(|c| {
            Ok(c.query_row(
                "SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(action, "restore_backup");
    assert!(detail.contains(&taken.manifest.sha256));
    assert!(store.with(|c| check::run(c, |_, _| {})).unwrap().ok());
    // A second connection (the GUI's reader) sees the restored data too.
    let reader = store.reader().unwrap();
    assert_eq!(reader.with(|c| settings::get(c, "marker")).unwrap(), None);
}

#[test]
fn only_the_committee_may_restore() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Manual, None)).unwrap();
    let officer = Actor {
        user_id: Some(1), role: Role::Officer, name: "เจ้าหน้าที่".into()
    };
    let db = store.path().unwrap().to_path_buf();
    let err = store.with(|c| restore::restore(c, &db, &taken.path, &officer)).unwrap_err();
    assert!(matches!(err, StoreError::Forbidden));
}

#[test]
fn the_second_folder_gets_a_checked_copy_and_an_unplugged_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    store
        .write(|t| settings::set(t, backup::KEY_SECOND_DIR, &usb.path().to_string_lossy()))
        .unwrap();
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Daily, None)).unwrap();
    let copy = taken.second.clone().unwrap().unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&taken.path).unwrap());
    assert_eq!(backup::list(usb.path(), true).unwrap()[0].state, State::Good);
    let health = store.with(|c| backup::health(c, store.path().unwrap())).unwrap();
    assert!(health.second_copy);
    assert!(!health.warn(chrono::Local::now().naive_local()));

    let gone = usb.path().join("ถอดแล้ว");
    store.write(|t| settings::set(t, backup::KEY_SECOND_DIR, &gone.to_string_lossy())).unwrap();
    let taken = store.with(|c| backup::take(c, &backups_of(&store), Reason::Daily, None)).unwrap();
    assert!(taken.manifest.verified, "the first copy still counts");
    let err = taken.second.unwrap().unwrap_err();
    assert!(err.contains("สำเนาที่สอง"), "{err}");
    let health = store.with(|c| backup::health(c, store.path().unwrap())).unwrap();
    assert!(!health.second_copy);
}

fn fake_backup(dir: &Path, taken_at: &str, verified: bool) {
    let file = format!("plodnee-{}-daily.sqlite3", taken_at.replace([':', '-'], ""));
    std::fs::write(dir.join(&file), b"x").unwrap();
    let m = Manifest {
        file: file.clone(),
        taken_at: taken_at.into(),
        reason: "daily".into(),
        app_version: "0.1.0".into(),
        schema_version: 5,
        counts: Counts::default(),
        size: 1,
        sha256: String::new(),
        verified,
        problems: if verified { vec![] } else { vec!["เสีย".into()] },
        encrypted: None,
    };
    backup::manifest::write(&dir.join(file), &m).unwrap();
}

#[test]
fn rotation_removes_what_the_policy_does_not_keep_and_leaves_migration_copies() {
    let dir = tempfile::tempdir().unwrap();
    // Ten days of backups, 1–10 Mar 2025 at 18:00, plus a bad one on 5 Mar and a pre-migration
    // copy. Policy 3 daily, 2 weekly, 1 monthly: daily keeps 8, 9, 10 Mar; weekly the newest of
    // W10 (3–9 Mar) → 9 Mar and of W11 (10–16 Mar) → 10 Mar; monthly → 10 Mar. Kept: 8, 9, 10.
    for d in 1..=10 {
        fake_backup(dir.path(), &format!("2025-03-{d:02}T18:00:00"), true);
    }
    fake_backup(dir.path(), "2025-03-05T09:00:00", false);
    std::fs::write(dir.path().join("before-migration-v4-20250301-080000.sqlite3"), b"y").unwrap();
    let removed = backup::rotate(dir.path(), Policy { daily: 3, weekly: 2, monthly: 1 }).unwrap();
    assert_eq!(removed, 8, "7 good and the bad one");
    let left: Vec<String> = backup::list(dir.path(), false)
        .unwrap()
        .iter()
        .map(|l| l.manifest.as_ref().map(|m| m.taken_at.clone()).unwrap_or("migration".into()))
        .collect();
    assert_eq!(
        left,
        ["2025-03-10T18:00:00", "2025-03-09T18:00:00", "2025-03-08T18:00:00", "migration"]
    );
    let jsons = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "json")
        .count();
    assert_eq!(jsons, 3, "the manifests of removed backups go with them");
}
