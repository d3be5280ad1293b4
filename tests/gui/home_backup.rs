//! GUI state tests of the home screen's backup line on a temporary file database: red with no good
//! backup, red without a second copy, calm once both are there, red again when the second copy is
//! gone or the last good backup is older than 7 days; and a snapshot to look at. Run with
//! `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Session;
use plodnee::app::screen::home::{Cache, Home, Message, backup_status};
use plodnee::demo::{self, Options};
use plodnee::domain::role::Role;
use plodnee::store::backup::{self, Reason, manifest};
use plodnee::store::{Store, settings, users};
use support::{opened, runtime, send, today};

fn session(dir: &std::path::Path) -> Session {
    let store = Store::open_in(dir).unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 10, seed: 5, today: today() }))
        .unwrap();
    let committee =
        store.with(|c| users::list(c)).unwrap().into_iter().find(|u| u.role == Role::Committee);
    Session {
        reader: store.reader().unwrap(),
        store,
        user: committee.unwrap(),
        today: today(),
        dialogs: Arc::new(Fake::default()),
    }
}

fn status(home: &Home) -> (String, bool) {
    backup_status(home.backup.as_ref().expect("loaded"), chrono::Local::now().naive_local())
}

#[test]
fn the_home_screen_says_when_the_last_good_backup_was_taken_and_warns_in_red() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let session = session(dir.path());
    let store = session.store.clone();
    let mut home = opened(&rt, Home::new(session, &Cache::default()), Home::update);
    let (text, warn) = status(&home);
    assert!(warn);
    assert!(text.contains("ยังไม่มีสำเนาสำรอง"), "{text}");

    // A good backup, but no second folder: still red, and it says why.
    let folder = backup::folder_of(store.path().unwrap());
    store.with(|c| backup::take(c, &folder, Reason::Manual, None)).unwrap();
    send(&rt, &mut home, Home::update, Message::Refresh);
    let (text, warn) = status(&home);
    assert!(warn, "{text}");
    assert!(text.contains("สำรองข้อมูลล่าสุดที่ใช้ได้เมื่อ"), "{text}");
    assert!(text.contains("ยังไม่ได้ตั้งโฟลเดอร์สำเนาที่สอง"), "{text}");

    // With the second folder set and a copy in it: calm.
    let dir2 = second.path().to_str().unwrap().to_string();
    store.write(|t| settings::set(t, backup::KEY_SECOND_DIR, &dir2)).unwrap();
    let taken = store.with(|c| backup::take(c, &folder, Reason::Manual, None)).unwrap();
    send(&rt, &mut home, Home::update, Message::Refresh);
    let (text, warn) = status(&home);
    assert!(!warn, "{text}");
    assert!(text.contains("สำเนาที่สองอยู่ที่"), "{text}");
    // "พ.ศ." dates: this year in the Buddhist era is on the line.
    let be = chrono::Datelike::year(&chrono::Local::now().date_naive()) + 543;
    assert!(text.contains(&be.to_string()), "{text}");

    // The drive was emptied (or another one plugged in): the second copy is missing.
    let copy = second.path().join(taken.path.file_name().unwrap());
    std::fs::remove_file(&copy).unwrap();
    send(&rt, &mut home, Home::update, Message::Refresh);
    let (text, warn) = status(&home);
    assert!(warn);
    assert!(text.contains("ไม่พบสำเนาที่สองใน"), "{text}");
    let _ = std::fs::copy(&taken.path, &copy);

    // The last good backup dates from 10 days ago: red, with its age.
    let mut m = manifest::read(&taken.path).unwrap();
    let old = chrono::Local::now().naive_local() - chrono::Duration::days(10);
    m.taken_at = old.format("%Y-%m-%dT%H:%M:%S").to_string();
    manifest::write(&taken.path, &m).unwrap();
    for l in backup::list(&folder, false).unwrap() {
        if l.path != taken.path {
            std::fs::remove_file(&l.path).unwrap();
            std::fs::remove_file(manifest::path_for(&l.path)).unwrap();
        }
    }
    send(&rt, &mut home, Home::update, Message::Refresh);
    let (text, warn) = status(&home);
    assert!(warn);
    assert!(text.contains("นานกว่า 7 วันแล้ว (10 วัน)"), "{text}");
    look_at(&home, "home-backup-stale");
}

/// Saves the screen under `target/gui-snapshots/NAME.png` to look at.
fn look_at(home: &Home, name: &str) {
    let size = iced::Size::new(1100.0, 760.0);
    let mut ui = iced_test::simulator::Simulator::with_size(support::settings(), size, home.view());
    let snapshot = ui.snapshot(&plodnee::app::theme::theme()).expect("snapshot");
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    let _ = snapshot.matches_image(dir.join(format!("{name}.png")));
}
