//! GUI tests of the sign-in section of ตั้งค่าระบบ: bad values are answered beside their fields
//! and nothing is saved; good ones are saved with one audit entry each, take effect in the
//! running app (the idle lock), and three wrong passwords then lock a name; an officer cannot
//! save them even with the message sent anyway.

use crate::support;

use std::sync::Arc;

use iced::keyboard::key::Named;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::admin::settings::sign_in::{Message as S, input_id};
use plodnee::app::screen::admin::settings::{Message as M, SettingsScreen};
use plodnee::app::screen::sign_in::{PASSWORD_ID, USERNAME_ID};
use plodnee::app::{Message, Screen};
use plodnee::domain::sign_in::Policy;
use plodnee::domain::sign_in_settings::Field;
use plodnee::store::sessions;
use support::{Driver, fixture};

fn screen(d: &Driver) -> &SettingsScreen {
    let Screen::Settings(s) = &d.app.screen else { panic!("on the settings screen") };
    s
}

fn stored(d: &Driver) -> (Policy, i64) {
    let store = &d.app.session.as_ref().map(|s| s.store.clone()).expect("signed in");
    store
        .with(|c| {
            Ok((
                sessions::policy(c)?,
                c.query_row(
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'set_sign_in_setting'",
                    [],
                    |r| r.get(0),
                )?,
            ))
        })
        .unwrap()
}

#[test]
fn the_committee_sets_lockout_and_idle_lock_and_they_take_effect() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.click("ตั้งค่าระบบ");
    assert_eq!(screen(&d).sign_in.stored, Some(Policy::default()));

    // Bad values: each answered beside its field, nothing stored, nothing logged.
    let before = stored(&d);
    for (field, bad) in
        [(Field::MaxFailures, "0"), (Field::LockMinutes, "7.5"), (Field::IdleMinutes, "๙๙๙")]
    {
        d.clear(input_id(field));
        d.type_into(input_id(field), bad);
    }
    d.click("บันทึกการตั้งค่าการเข้าสู่ระบบ");
    let form = &screen(&d).sign_in.form;
    for (field, says) in [
        (Field::MaxFailures, "ต้องอยู่ระหว่าง 3 ถึง 10"),
        (Field::LockMinutes, "กรุณากรอกจำนวนเต็ม 1–1440"),
        (Field::IdleMinutes, "ต้องอยู่ระหว่าง 0 ถึง 240"),
    ] {
        assert_eq!(form.error(field), Some(says));
        assert!(d.shows(says), "{says} on screen");
    }
    assert_eq!(stored(&d), before, "nothing saved");
    super::breaches::snapshot_at(&d, "settings-sign-in-errors", 1024.0, 700.0);
    d.snapshot_tall("settings-sign-in", 2000.0);

    for (field, good) in
        [(Field::MaxFailures, "3"), (Field::LockMinutes, "30"), (Field::IdleMinutes, "5")]
    {
        d.clear(input_id(field));
        d.type_into(input_id(field), good);
    }
    d.press_in(input_id(Field::IdleMinutes), Named::Enter);
    let want = Policy { max_failures: 3, lock_minutes: 30, idle_minutes: 5 };
    assert_eq!(stored(&d), (want, before.1 + 3), "three values, three audit entries");
    assert!(d.shows("บันทึกการตั้งค่าการเข้าสู่ระบบแล้ว 3 รายการ"));
    assert_eq!(d.app.policy, want, "the running app uses the new values");
    let detail: String = f
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT detail FROM audit_log WHERE action = 'set_sign_in_setting' ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(detail, "ใส่รหัสผ่านผิดติดกันได้: 5 → 3");

    // Three wrong passwords now lock the name.
    d.sign_out();
    for _ in 0..3 {
        d.clear(USERNAME_ID);
        d.type_into(USERNAME_ID, "officer");
        d.type_into(PASSWORD_ID, "ผิดรหัส-1234");
        d.press_in(PASSWORD_ID, Named::Enter);
    }
    let Screen::SignIn(s) = &d.app.screen else { panic!("still signing in") };
    assert!(s.error.as_deref().unwrap_or("").contains("ถูกล็อกชั่วคราว"), "{:?}", s.error);
}

#[test]
fn an_officer_cannot_save_sign_in_settings() {
    let f = fixture();
    let officer = f.officer.actor();
    let p = Policy { max_failures: 10, lock_minutes: 1, idle_minutes: 0 };
    let e =
        f.store.write(|tx| plodnee::store::sign_in_settings::save(tx, &officer, &p)).unwrap_err();
    assert!(e.to_string().contains("สิทธิ์"), "{e}");
    // The store checks the bounds itself too: a caller that skipped the form is refused.
    let committee = f.committee.actor();
    let bad = Policy { max_failures: 0, lock_minutes: 15, idle_minutes: 10 };
    let e = f
        .store
        .write(|tx| plodnee::store::sign_in_settings::save(tx, &committee, &bad))
        .unwrap_err();
    assert!(e.to_string().contains("ต้องอยู่ระหว่าง 3 ถึง 10"), "{e}");
    assert_eq!(f.store.with(|c| sessions::policy(c)).unwrap(), Policy::default());
    // And the settings screen's message, sent by an officer's session, does nothing.
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Settings(M::SignIn(S::Save)));
    assert_eq!(f.store.with(|c| sessions::policy(c)).unwrap(), Policy::default());
}
