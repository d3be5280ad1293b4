//! GUI tests of บันทึกการใช้งาน through the whole app: the committee opens it from the sidebar,
//! filters by action, user and dates (a bad date is answered next to its field and the list
//! stays), verifies the chain, and sees the first broken entry after an edit outside the app; an
//! officer is not offered the screen. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::admin::audit::{ActionChoice, FROM_ID, Message as A, UserChoice};
use plodnee::app::{Message, Screen};
use plodnee::store::audit::Chain;
use support::{Driver, OFFICER_PASSWORD, fixture};

fn screen(d: &Driver) -> &plodnee::app::screen::admin::audit::AuditLog {
    let Screen::AuditLog(s) = &d.app.screen else { panic!("on the audit screen") };
    s
}

#[test]
fn the_committee_reads_filters_and_verifies_the_audit_log() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    let _ = f.store.with(|c| plodnee::store::users::sign_in(c, "officer", "ผิดรหัส-0000"));
    d.sign_in("committee", "committee-2568");
    d.click("บันทึกการใช้งาน");
    let total = screen(&d).total;
    assert!(total > 5, "{total}");
    assert!(d.shows("เข้าสู่ระบบไม่สำเร็จ"));
    d.snapshot_tall("audit-log", 1400.0);

    d.send(Message::AuditLog(A::ActionChosen(ActionChoice::One("sign_in_failed"))));
    let s = screen(&d);
    assert_eq!(s.total, 1);
    assert_eq!(s.entries.as_ref().unwrap()[0].username.as_deref(), Some("officer"));
    let officer = UserChoice::User(f.officer.id, "x".into());
    d.send(Message::AuditLog(A::ActionChosen(ActionChoice::All)));
    d.send(Message::AuditLog(A::UserChosen(officer)));
    assert!(
        screen(&d)
            .entries
            .as_ref()
            .unwrap()
            .iter()
            .all(|e| e.username.as_deref() == Some("officer"))
    );

    // A date that does not exist: a Thai message beside the field, the list as it was.
    let shown = screen(&d).total;
    d.type_into(FROM_ID, "31/02/2567");
    d.press_in(FROM_ID, iced::keyboard::key::Named::Enter);
    assert!(screen(&d).from_error.is_some());
    assert!(d.shows(screen(&d).from_error.clone().unwrap().as_str()));
    assert_eq!(screen(&d).total, shown);

    d.click("ตรวจห่วงโซ่บันทึก");
    assert!(matches!(screen(&d).chain, Some(Chain::Whole { .. })));
    f.store
        .with(|c| {
            c.execute_batch(
                "DROP TRIGGER audit_never_updated; UPDATE audit_log SET detail = 'x' WHERE id = 2",
            )?;
            Ok(())
        })
        .unwrap();
    d.click("ตรวจห่วงโซ่บันทึก");
    let Some(Chain::Broken(e)) = &screen(&d).chain else { panic!("broken") };
    assert_eq!(e.id, 2);
    assert!(d.shows(&Chain::Broken(e.clone()).message()));
}

#[test]
fn an_officer_is_not_offered_the_audit_log() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    assert!(!d.shows("บันทึกการใช้งาน"));
    d.send(Message::Navigate(Destination::AuditLog));
    assert!(!matches!(d.app.screen, Screen::AuditLog(_)));
}
