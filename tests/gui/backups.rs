//! GUI state tests of สำรองและกู้คืนข้อมูล (update, then assert; the store really runs on a
//! temporary file database): back up now, the list with its state, restore after confirming,
//! and the screen closed to anyone but the committee. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::admin::backups::{Backups, Message};
use plodnee::app::screen::{Destination, Session};
use plodnee::demo::{self, Options};
use plodnee::domain::role::Role;
use plodnee::store::backup::{self, State, encrypt};
use plodnee::store::{Store, settings, users};
use support::{opened, runtime, send, today};

fn session(dir: &std::path::Path) -> Session {
    let store = Store::open_in(dir).unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 20, seed: 5, today: today() }))
        .unwrap();
    let committee = store
        .with(|c| users::list(c))
        .unwrap()
        .into_iter()
        .find(|u| u.role == Role::Committee)
        .unwrap();
    Session {
        reader: store.reader().unwrap(),
        store,
        user: committee,
        today: today(),
        dialogs: Arc::new(Fake::default()),
    }
}

#[test]
fn backing_up_now_lists_a_verified_backup_and_a_confirmed_restore_brings_it_back() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path());
    let store = session.store.clone();
    let mut s = opened(&rt, Backups::new(session), Backups::update);
    assert!(s.list.as_ref().unwrap().is_empty());

    send(&rt, &mut s, Backups::update, Message::BackUpNow);
    assert!(s.error.is_none(), "{:?}", s.error);
    assert!(s.notice.as_deref().unwrap().contains("ตรวจแล้วใช้ได้"), "{:?}", s.notice);
    let list = s.list.clone().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].state, State::Good);

    store.write(|t| settings::set(t, "marker", "หลังสำรอง")).unwrap();
    // Asking is not doing: nothing changes until the user confirms; cancel forgets the choice.
    send(&rt, &mut s, Backups::update, Message::AskRestore(list[0].path.clone()));
    assert_eq!(s.confirming.as_deref(), Some(list[0].path.as_path()));
    send(&rt, &mut s, Backups::update, Message::CancelRestore);
    assert!(s.confirming.is_none());
    assert!(store.with(|c| settings::get(c, "marker")).unwrap().is_some());

    send(&rt, &mut s, Backups::update, Message::AskRestore(list[0].path.clone()));
    send(&rt, &mut s, Backups::update, Message::ConfirmRestore);
    assert!(s.error.is_none(), "{:?}", s.error);
    assert!(s.notice.as_deref().unwrap().contains("กู้คืนแล้ว"), "{:?}", s.notice);
    assert!(s.confirming.is_none());
    assert_eq!(store.with(|c| settings::get(c, "marker")).unwrap(), None);
    let last: String = store
        .with(|c| {
            Ok(c.query_row("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
                r.get(0)
            })?)
        })
        .unwrap();
    assert_eq!(last, "restore_backup");
}

#[test]
fn a_damaged_backup_is_shown_as_such_and_its_restore_refused_with_a_thai_message() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let mut s = opened(&rt, Backups::new(session(dir.path())), Backups::update);
    send(&rt, &mut s, Backups::update, Message::BackUpNow);
    let path = s.list.as_ref().unwrap()[0].path.clone();
    std::fs::write(&path, "ไม่ใช่ฐานข้อมูล").unwrap();
    let _ = s.update(Message::Loaded(plodnee::store::backup::list(path.parent().unwrap(), false)));
    assert!(matches!(s.list.as_ref().unwrap()[0].state, State::Bad(_)), "size differs");
    // Sent anyway (a stale button): the store verifies first and refuses.
    send(&rt, &mut s, Backups::update, Message::AskRestore(path));
    send(&rt, &mut s, Backups::update, Message::ConfirmRestore);
    assert!(s.error.as_deref().unwrap().contains("ไม่ผ่านการตรวจ"), "{:?}", s.error);
}

#[test]
fn only_the_committee_may_open_backups() {
    assert!(Destination::Backups.allowed(Role::Committee));
    assert!(!Destination::Backups.allowed(Role::Treasurer));
    assert!(!Destination::Backups.allowed(Role::Officer));
}

#[test]
fn the_second_folder_is_picked_with_the_folder_dialog_or_typed_and_checked_before_it_is_kept() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let base = session(dir.path());
    let store = base.store.clone();
    let dialogs = Fake::answering(vec![Some(usb.path().to_path_buf())]);
    let session = Session { dialogs: Arc::new(dialogs.clone()), ..base };
    let mut s = opened(&rt, Backups::new(session), Backups::update);
    assert_eq!(s.second_saved, None);
    let audit_rows = |store: &Store| -> i64 {
        store
            .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
            .unwrap()
    };
    let before = audit_rows(&store);

    // Typed wrong: each gets a Thai message next to the field and nothing is kept.
    for (typed, says) in [
        ("usb", "ที่อยู่โฟลเดอร์แบบเต็ม"),
        ("/no/such/drive", "ไม่พบโฟลเดอร์"),
        (dir.path().join("backups").to_str().unwrap(), "คนละที่กับฐานข้อมูล"),
    ] {
        if typed.ends_with("backups") {
            std::fs::create_dir_all(typed).unwrap();
        }
        send(&rt, &mut s, Backups::update, Message::SecondChanged(typed.into()));
        send(&rt, &mut s, Backups::update, Message::SaveSecond);
        let e = s.second_error.clone().unwrap_or_default();
        assert!(e.contains(says), "{typed}: {e}");
        assert_eq!(s.second_saved, None);
    }
    assert_eq!(store.with(|c| settings::get(c, backup::KEY_SECOND_DIR)).unwrap(), None);
    assert_eq!(audit_rows(&store), before, "nothing changed");

    // Picked with the dialog: the field shows it, saving keeps it, the next backup goes there.
    send(&rt, &mut s, Backups::update, Message::PickSecond);
    assert_eq!(dialogs.asked.lock().unwrap().len(), 1);
    assert_eq!(s.second, usb.path().display().to_string());
    assert_eq!(s.second_error, None);
    send(&rt, &mut s, Backups::update, Message::SaveSecond);
    assert_eq!(s.second_saved.as_deref(), Some(usb.path()));
    assert_eq!(audit_rows(&store), before + 1);
    send(&rt, &mut s, Backups::update, Message::BackUpNow);
    assert!(s.notice.as_deref().unwrap().contains("คัดลอกไปโฟลเดอร์ที่สองแล้ว"), "{:?}", s.notice);
    let health = store.with(|c| backup::health(c, store.path().unwrap())).unwrap();
    assert!(health.second_copy);
    look_at(&s, "backups-second-folder");

    send(&rt, &mut s, Backups::update, Message::ClearSecond);
    assert_eq!(s.second_saved, None);
    assert_eq!(store.with(|c| backup::second_dir(c)).unwrap(), None);
}

/// Saves the screen under `target/gui-snapshots/NAME.png` to look at.
fn look_at(s: &Backups, name: &str) {
    let size = iced::Size::new(1100.0, 900.0);
    let mut ui = iced_test::simulator::Simulator::with_size(support::settings(), size, s.view());
    let snapshot = ui.snapshot(&plodnee::app::theme::theme()).expect("snapshot");
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    let _ = snapshot.matches_image(dir.join(format!("{name}.png")));
}

#[test]
fn the_committee_encrypts_the_second_copy_and_restores_it_with_the_passphrase() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let base = session(dir.path());
    let store = base.store.clone();
    store
        .write(|t| settings::set(t, backup::KEY_SECOND_DIR, &usb.path().to_string_lossy()))
        .unwrap();
    let pass = "กองทุนหมู่บ้าน ปี 2569";

    let mut s = opened(&rt, Backups::new(base), Backups::update);
    assert!(!s.encrypted);
    let audit_before: i64 = store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
        .unwrap();

    // Bad passphrases: the reason under the field, nothing saved.
    for (p, again, says) in [("สั้น", "สั้น", "อย่างน้อย"), (pass, "กองทุนหมู่บ้าน ปี 2568", "ไม่ตรงกัน")]
    {
        send(&rt, &mut s, Backups::update, Message::PassphraseChanged(p.into()));
        send(&rt, &mut s, Backups::update, Message::PassphraseAgainChanged(again.into()));
        send(&rt, &mut s, Backups::update, Message::EnableEncryption);
        assert!(s.passphrase_error.as_deref().unwrap_or_default().contains(says), "{p}");
        assert!(!s.encrypted);
    }
    assert!(store.with(|c| encrypt::sealing(c)).unwrap().is_none());
    let audit_now: i64 = store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(audit_now, audit_before);

    send(&rt, &mut s, Backups::update, Message::PassphraseChanged(pass.into()));
    send(&rt, &mut s, Backups::update, Message::PassphraseAgainChanged(pass.into()));
    send(&rt, &mut s, Backups::update, Message::EnableEncryption);
    assert!(s.encrypted, "{:?}", s.passphrase_error);
    assert!(s.passphrase.is_empty(), "the passphrase is not kept on screen");
    send(&rt, &mut s, Backups::update, Message::BackUpNow);
    assert!(s.notice.as_deref().unwrap().contains("คัดลอกไปโฟลเดอร์ที่สองแล้ว"), "{:?}", s.notice);
    let copy = backup::list(usb.path(), false).unwrap()[0].path.clone();
    assert!(encrypt::is_encrypted(&copy), "{copy:?}");
    look_at(&s, "backups-encrypted");

    store.write(|t| settings::set(t, "marker", "หลังสำรอง")).unwrap();
    send(&rt, &mut s, Backups::update, Message::RestoreFilePicked(Some(copy.clone())));
    assert_eq!(s.confirming.as_deref(), Some(copy.as_path()));
    send(&rt, &mut s, Backups::update, Message::ConfirmRestore);
    assert!(s.restore_error.as_deref().unwrap().contains("กรุณาใส่รหัสผ่าน"));
    send(&rt, &mut s, Backups::update, Message::RestorePassphraseChanged("ผิดแน่นอน 12345".into()));
    send(&rt, &mut s, Backups::update, Message::ConfirmRestore);
    assert!(s.restore_error.as_deref().unwrap().contains("รหัสผ่านไม่ถูกต้อง"), "{:?}", s.restore_error);
    assert!(s.error.is_none(), "the error sits under the passphrase, not in the banner");
    look_at(&s, "backups-restore-passphrase");
    assert!(store.with(|c| settings::get(c, "marker")).unwrap().is_some(), "nothing restored");
    send(&rt, &mut s, Backups::update, Message::RestorePassphraseChanged(pass.into()));
    send(&rt, &mut s, Backups::update, Message::ConfirmRestore);
    assert!(
        s.notice.as_deref().unwrap_or_default().contains("กู้คืนแล้ว"),
        "{:?} {:?}",
        s.notice,
        s.restore_error
    );
    assert_eq!(store.with(|c| settings::get(c, "marker")).unwrap(), None);
}
