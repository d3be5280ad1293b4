//! GUI state tests of สำรองและกู้คืนข้อมูล (update, then assert; the store really runs on a
//! temporary file database): back up now, the list with its state, restore after confirming,
//! and the screen closed to anyone but the committee. Run with `ICED_TEST_BACKEND=tiny-skia`.

mod support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::admin::backups::{Backups, Message};
use plodnee::app::screen::{Destination, Session};
use plodnee::demo::{self, Options};
use plodnee::domain::role::Role;
use plodnee::store::backup::State;
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
