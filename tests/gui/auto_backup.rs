//! GUI state tests of the automatic backups on a temporary file database: signing in takes the
//! day's backup, closing the window takes a closing backup before it closes, a closing backup
//! that fails stops the closing with the reason in Thai and a choice, and an approval whose
//! backup failed goes ahead with a red warning. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use plodnee::app::Message;
use plodnee::app::auto_backup::{Closing, Message as Auto};
use plodnee::app::dialogs::Fake;
use plodnee::demo::{self, Options};
use plodnee::domain::role::Role;
use plodnee::store::backup;
use plodnee::store::{Actor, Store, users};
use support::{Driver, today};

fn demo_store(dir: &std::path::Path) -> Store {
    let store = Store::open_in(dir).unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 20, seed: 5, today: today() }))
        .unwrap();
    store
}

fn reasons(store: &Store) -> Vec<String> {
    backup::list(&backup::folder_of(store.path().unwrap()), false)
        .unwrap()
        .into_iter()
        .filter_map(|l| l.manifest.filter(|m| m.verified).map(|m| m.reason))
        .collect()
}

fn close_requested() -> Message {
    Message::AutoBackup(Auto::CloseRequested(iced::window::Id::unique()))
}

#[test]
fn signing_in_takes_the_days_backup_and_closing_takes_another_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    // Stamps are to the second: let the demo's last entry be older than the day's backup.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut d = Driver::new(store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    assert_eq!(reasons(&store), vec!["daily".to_string()]);
    assert_eq!(d.app.auto_backup.warning, None);

    std::thread::sleep(std::time::Duration::from_millis(1100));
    store
        .write(|t| {
            users::create(t, &Actor::system(), "clerk2", "เสมียน", Role::Officer, "clerk-2568x")
        })
        .unwrap();
    d.send(close_requested());
    assert_eq!(d.app.auto_backup.warning, None);
    // Rotation keeps one backup per day: the closing one, with the new user in it.
    assert_eq!(reasons(&store), vec!["closing".to_string()]);
    let l = backup::last_good(&backup::folder_of(store.path().unwrap())).unwrap().unwrap();
    let copy = rusqlite::Connection::open(&l.path).unwrap();
    let n: i64 = copy
        .query_row("SELECT COUNT(*) FROM app_user WHERE username = 'clerk2'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_closing_backup_that_fails_stops_the_closing_and_says_why_in_thai() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let mut d = Driver::new(store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    // The backups folder is replaced by a file: no copy can be made.
    let folder = backup::folder_of(store.path().unwrap());
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    store
        .write(|t| {
            users::create(t, &Actor::system(), "clerk2", "เสมียน", Role::Officer, "clerk-2568x")
        })
        .unwrap();
    d.send(close_requested());
    let Some(Closing::Failed(why)) = d.app.auto_backup.closing.clone() else {
        panic!("closing stopped: {:?}", d.app.auto_backup.closing);
    };
    assert!(why.contains("สำรองข้อมูลอัตโนมัติก่อนปิดโปรแกรมไม่สำเร็จ"), "{why}");
    assert!(d.shows("สำรองข้อมูลก่อนปิดโปรแกรมไม่สำเร็จ"));
    assert!(d.shows("ปิดโปรแกรมโดยไม่สำรอง"));
    d.click("กลับไปทำงานต่อ");
    assert_eq!(d.app.auto_backup.closing, None);
    assert!(d.shows("ออกจากระบบ"), "back at work, still signed in");
}

#[test]
fn a_failed_daily_backup_shows_a_red_banner_until_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let folder = backup::folder_of(store.path().unwrap());
    std::fs::write(&folder, b"not a folder").unwrap();
    let mut d = Driver::new(store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    let warning = d.app.auto_backup.warning.clone().expect("the failure is shown");
    assert!(warning.contains("สำรองข้อมูลอัตโนมัติประจำวันไม่สำเร็จ"), "{warning}");
    assert!(d.shows(&warning));
    d.click("รับทราบ");
    assert_eq!(d.app.auto_backup.warning, None);
}
