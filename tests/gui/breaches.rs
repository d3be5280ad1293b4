//! GUI tests of ทะเบียนเหตุละเมิดข้อมูลส่วนบุคคล through the whole app: the committee opens it
//! from the sidebar, a bad form is answered beside its fields and records nothing, a high-risk
//! breach is recorded with its 72-hour countdown, the home screen links to it while it is owed,
//! and the PDPC and the members are stamped as told; an officer is not offered the register.

use crate::support;

use std::path::PathBuf;
use std::sync::Arc;

use iced_test::simulator::Simulator;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::admin::breaches::{Breaches, Message as B, input_id};
use plodnee::app::{Message, Screen};
use plodnee::domain::privacy::breach::Risk;
use plodnee::domain::privacy::breach_form::Field;
use support::{Driver, OFFICER_PASSWORD, fixture};

fn screen(d: &Driver) -> &Breaches {
    let Screen::Breaches(s) = &d.app.screen else { panic!("on the breach register") };
    s
}

/// A picture at the smallest window the office uses, for looking at.
pub fn snapshot_at(d: &Driver, name: &str, width: f32, height: f32) {
    let mut ui =
        Simulator::with_size(support::settings(), iced::Size::new(width, height), d.app.view());
    let shot = ui.snapshot(&d.app.theme()).expect("snapshot");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    let _ = shot.matches_image(dir.join(format!("{name}.png")));
}

fn counts(f: &support::Fixture) -> (i64, i64) {
    f.store
        .with(|c| {
            Ok((
                c.query_row("SELECT COUNT(*) FROM data_breach", [], |r| r.get(0))?,
                c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?,
            ))
        })
        .unwrap()
}

#[test]
fn the_committee_records_a_breach_and_stamps_each_telling() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.click("ทะเบียนเหตุละเมิด");
    assert!(d.shows("ยังไม่มีเหตุละเมิดที่บันทึกไว้"));

    // Bad input: each field answered beside itself, no row and no audit entry written.
    let before = counts(&f);
    d.clear(input_id(Field::LearnedDate));
    d.type_into(input_id(Field::LearnedDate), "31/02/2567");
    d.type_into(input_id(Field::People), "-3");
    d.click("บันทึกเหตุละเมิด");
    let s = screen(&d);
    for field in [Field::LearnedDate, Field::What, Field::People] {
        let e = s.form.error(field).unwrap_or_else(|| panic!("{field:?} answered"));
        assert!(d.shows(e), "{e} on screen");
    }
    assert!(d.shows("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
    assert_eq!(counts(&f), before, "nothing changes");

    // A good one: learned of today at the time the form offers, high risk.
    d.clear(input_id(Field::LearnedDate));
    d.type_into(
        input_id(Field::LearnedDate),
        &plodnee::domain::thai::date::format_numeric(plodnee::clock::today()),
    );
    d.clear(input_id(Field::People));
    d.type_into(input_id(Field::People), "12");
    d.type_into(input_id(Field::What), "แฟ้มรายชื่อสมาชิกหมู่ 3 หาย");
    d.click(Risk::High.label());
    assert_eq!(screen(&d).risk, Risk::High);
    d.click("บันทึกเหตุละเมิด");
    let s = screen(&d);
    assert!(s.error.is_none(), "{:?}", s.error);
    let list = s.list.as_ref().expect("listed");
    assert_eq!(list.len(), 1);
    let b = list[0].clone();
    assert_eq!((b.risk, b.people_affected), (Risk::High, 12));
    assert_eq!(b.what, "แฟ้มรายชื่อสมาชิกหมู่ 3 หาย");
    assert!(d.shows("บันทึกเหตุละเมิดลำดับที่ 1 แล้ว"));
    let duty = b.duty(plodnee::clock::now()).thai();
    assert!(duty.starts_with("ต้องแจ้ง สคส. ภายใน "), "{duty}");
    // The countdown is worked out again at each view: the minute may have turned.
    assert!(
        d.shows(&duty) || d.shows(&b.duty(plodnee::clock::now()).thai()),
        "the countdown is on screen"
    );
    assert_eq!(counts(&f).0, 1);
    snapshot_at(&d, "breach-register-1024", 1024.0, 700.0);
    d.snapshot_tall("breach-register", 1400.0);

    // The home screen counts it down and leads back here.
    d.click("หน้าหลัก");
    assert!(d.shows("เหตุละเมิดข้อมูลส่วนบุคคล"));
    d.click("เปิดทะเบียนเหตุละเมิด");
    assert!(matches!(d.app.screen, Screen::Breaches(_)));

    d.click("บันทึกว่าแจ้ง สคส. แล้ว");
    let b = &screen(&d).list.as_ref().unwrap()[0];
    assert!(b.pdpc_told_at.is_some() && b.members_told_at.is_none());
    assert!(d.shows("ต้องแจ้งเจ้าของข้อมูลโดยไม่ชักช้า"));
    assert!(!d.shows("บันทึกว่าแจ้ง สคส. แล้ว"), "stamped once");
    d.click("บันทึกว่าแจ้งเจ้าของข้อมูลแล้ว");
    let b = &screen(&d).list.as_ref().unwrap()[0];
    assert!(b.members_told_at.is_some());
    assert!(d.shows("ดำเนินการครบแล้ว"));
    // A second stamp sent anyway (a stale button) is refused by the store with a Thai message.
    d.send(Message::Breaches(B::Tell(b.id, plodnee::store::privacy::breaches::Told::Pdpc)));
    assert_eq!(screen(&d).error.as_deref(), Some("บันทึกการแจ้งนี้ไว้แล้ว"));
    snapshot_at(&d, "breach-register-done-1024", 1024.0, 700.0);

    d.click("หน้าหลัก");
    assert!(!d.shows("เปิดทะเบียนเหตุละเมิด"), "nothing owed: no line on the home screen");
}

#[test]
fn an_officer_is_not_offered_the_breach_register() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    assert!(!d.shows("ทะเบียนเหตุละเมิด"));
    d.send(Message::Navigate(Destination::Breaches));
    assert!(!matches!(d.app.screen, Screen::Breaches(_)));
}
