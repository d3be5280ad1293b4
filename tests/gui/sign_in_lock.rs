//! GUI tests of sign-in hardening, driven like a user through the whole app: five wrong
//! passwords lock the name (the Thai message gives the time it unlocks), the idle lock hides a
//! half-filled form and gives it back to the same user, another officer is refused, a committee
//! member takes over as themself; each step is in the audit log. Run with
//! `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use chrono::Duration;
use iced::keyboard::key::Named;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::debtors::household_form::Input as H;
use plodnee::app::screen::sign_in::{PASSWORD_ID, USERNAME_ID};
use plodnee::app::{Message, Screen, lock};
use plodnee::store::Store;
use support::{Driver, OFFICER_PASSWORD, fixture};

fn audit_actions(store: &Store) -> Vec<String> {
    store
        .with(|c| {
            let mut stmt = c.prepare("SELECT action FROM audit_log ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<String>, _>>()?)
        })
        .unwrap()
}

fn idle_for(d: &mut Driver, minutes: i64) {
    d.app.last_input = chrono::Local::now().naive_local() - Duration::minutes(minutes);
    d.send(Message::IdleCheck);
}

#[test]
fn five_wrong_passwords_lock_the_name_and_the_screen_says_until_when() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    for _ in 0..5 {
        d.clear(USERNAME_ID);
        d.type_into(USERNAME_ID, "officer");
        d.type_into(PASSWORD_ID, "ผิดรหัส-1234");
        d.press_in(PASSWORD_ID, Named::Enter);
    }
    let Screen::SignIn(s) = &d.app.screen else { panic!("still signing in") };
    let e = s.error.clone().unwrap();
    assert!(e.contains("ถูกล็อกชั่วคราว") && e.contains(" น. ("), "{e}");
    // The lock ends 15 minutes after the fifth try (a few seconds ago, maybe a minute earlier).
    let until = chrono::Local::now().naive_local() + Duration::minutes(15);
    let shown = |t: chrono::NaiveDateTime| e.contains(&t.format("%H:%M น.").to_string());
    assert!(shown(until) || shown(until - Duration::minutes(1)), "{e}");
    assert!(d.shows(&e));
    d.snapshot("sign-in-locked");
    // The right password now: still refused, the same message.
    d.type_into(PASSWORD_ID, OFFICER_PASSWORD);
    d.press_in(PASSWORD_ID, Named::Enter);
    assert!(d.app.session.is_none());
    let actions = audit_actions(&f.store);
    assert_eq!(actions.iter().filter(|a| *a == "sign_in_failed").count(), 5);
    assert!(actions.contains(&"sign_in_locked".to_string()));
    assert_eq!(actions.last().unwrap(), "sign_in_refused_locked");
}

#[test]
fn the_idle_lock_keeps_the_half_filled_form_for_the_same_user_and_refuses_another() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    d.click("เพิ่มครัวเรือน");
    d.type_into(H::HouseNo.id(), "12/3");
    idle_for(&mut d, 9);
    assert!(d.app.lock.is_none(), "nine minutes: not yet");
    idle_for(&mut d, 10);
    assert!(d.app.lock.is_some());
    assert!(d.shows("หน้าจอถูกล็อก"));
    assert!(!d.shows("ออกหนังสือทั้งชุด"), "the sidebar and the work are hidden");
    d.snapshot("idle-locked");
    // Navigating behind the lock does nothing.
    d.send(Message::Navigate(Destination::Find));
    assert!(matches!(d.app.screen, Screen::HouseholdForm(_)));

    // Another officer's password: refused, and told to sign out instead.
    d.clear(lock::USERNAME_ID);
    d.type_into(lock::USERNAME_ID, "treasurer");
    d.type_into(PASSWORD_ID, "treasurer-2568");
    d.press_in(PASSWORD_ID, Named::Enter);
    let e = d.app.lock.as_ref().unwrap().error.clone().unwrap();
    assert!(e.contains("ปลดล็อกหน้าจอนี้ไม่ได้"), "{e}");
    // A wrong password of the holder: the sign-in message.
    d.clear(lock::USERNAME_ID);
    d.type_into(lock::USERNAME_ID, "officer");
    d.type_into(PASSWORD_ID, "ผิดรหัส-9999");
    d.press_in(PASSWORD_ID, Named::Enter);
    assert!(d.app.lock.is_some());
    // The holder's own password: the form is back with what was typed.
    d.type_into(PASSWORD_ID, OFFICER_PASSWORD);
    d.press_in(PASSWORD_ID, Named::Enter);
    assert!(d.app.lock.is_none());
    let Screen::HouseholdForm(h) = &d.app.screen else { panic!("the form is kept") };
    assert_eq!(h.form.get(H::HouseNo), "12/3");
    assert_eq!(d.app.session.as_ref().unwrap().user.username, "officer");

    let actions = audit_actions(&f.store);
    let tail: Vec<&str> = actions.iter().rev().take(3).rev().map(String::as_str).collect();
    assert_eq!(tail, ["sign_in_failed", "sign_in", "session_unlocked"]);
    assert!(actions.contains(&"session_idle_lock".to_string()));
}

#[test]
fn a_committee_member_unlocks_and_carries_on_as_themself() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    d.click("เพิ่มครัวเรือน");
    d.type_into(H::HouseNo.id(), "99");
    idle_for(&mut d, 30);
    d.clear(lock::USERNAME_ID);
    d.type_into(lock::USERNAME_ID, "committee");
    d.type_into(PASSWORD_ID, "committee-2568");
    d.press_in(PASSWORD_ID, Named::Enter);
    assert!(d.app.lock.is_none());
    assert_eq!(d.app.session.as_ref().unwrap().user.username, "committee");
    // The same place, opened afresh: the officer's half-typed input is not handed on.
    let Screen::HouseholdForm(h) = &d.app.screen else { panic!("same place") };
    assert_eq!(h.form.get(H::HouseNo), "");
    let detail: String = f
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT detail FROM audit_log WHERE action = 'session_unlocked'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(detail, "นายประธาน ใหญ่ยิ่ง แทน officer");
}

#[test]
fn signing_out_from_the_lock_goes_back_to_the_sign_in_screen() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    idle_for(&mut d, 10);
    d.click("ออกจากระบบ");
    assert!(d.app.lock.is_none());
    assert!(d.app.session.is_none());
    assert!(matches!(d.app.screen, Screen::SignIn(_)));
}

#[test]
fn the_committee_sees_a_locked_name_with_its_time_and_lifts_the_lock() {
    use plodnee::app::screen::admin::users::{Message as U, Users};
    use support::{opened, runtime, send};
    let f = fixture();
    for _ in 0..5 {
        let _ = f.store.with(|c| plodnee::store::users::sign_in(c, "officer", "ผิดรหัส-1234"));
    }
    let rt = runtime();
    let mut s = opened(&rt, Users::new(f.session(&f.committee)), Users::update);
    assert_eq!(s.locked.len(), 1);
    assert_eq!(s.locked[0].username, "officer");
    send(&rt, &mut s, Users::update, U::Unlock("officer".into()));
    assert!(s.error.is_none(), "{:?}", s.error);
    assert!(s.notice.as_deref().unwrap().contains("ปลดล็อกชื่อ officer แล้ว"));
    assert!(s.locked.is_empty());
    assert!(
        f.store.with(|c| plodnee::store::users::sign_in(c, "officer", OFFICER_PASSWORD)).is_ok()
    );
}
