//! GUI tests of ตั้งค่าระบบ (issue 17 §D17): the committee opens it from the sidebar, changes
//! the signer and saves; the store has it and the next letter is signed by them. A bad amount
//! is answered next to its field and nothing is saved; an officer is not offered the screen.
//! Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;
use crate::tools;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::admin::settings::{Message as S, SettingsScreen, input_id};
use plodnee::app::{Message, Screen};
use plodnee::document::issue::{self, Request};
use plodnee::domain::institute_settings::Field;
use plodnee::domain::letter::Kind;
use plodnee::store::audit;
use plodnee::store::institute_settings as settings;
use support::{Driver, OFFICER_PASSWORD, fixture};

fn screen(d: &Driver) -> &SettingsScreen {
    let Screen::Settings(s) = &d.app.screen else { panic!("on the settings screen") };
    s
}

#[test]
fn the_committee_changes_the_signer_and_the_next_letter_is_signed_by_them() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.click("ตั้งค่าระบบ");
    assert_eq!(screen(&d).form.get(Field::Name), "สถาบันการจัดการเงินทุนชุมชนบ้านทดสอบ");
    d.clear(input_id(Field::SignerName));
    d.type_into(input_id(Field::SignerName), "นางสาวกำไล คำดี");
    d.clear(input_id(Field::SignerPosition));
    d.type_into(input_id(Field::SignerPosition), "ประธานกรรมการสถาบัน");
    d.snapshot_tall("settings", 1300.0);
    d.click("บันทึกการตั้งค่า");
    assert!(d.shows("บันทึกแล้ว 2 รายการ (บันทึกไว้ในบันทึกการใช้งาน)"), "{:?}", screen(&d).error);
    let stored = f.store.with(|c| settings::load(c)).unwrap();
    assert_eq!(stored.signer_name, "นางสาวกำไล คำดี");
    assert_eq!(stored.signer_position, "ประธานกรรมการสถาบัน");
    let entries = f.store.with(|c| audit::recent(c, 20)).unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.action == "change_setting" && e.detail.ends_with("เป็น \"นางสาวกำไล คำดี\"")),
        "audited with the new value"
    );
    // The next letter is signed by the new signer.
    let pdf = f
        .store
        .with(|c| Ok(issue::preview(c, &Request::new(Kind::Demand, support::today()), f.loan_id)?))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demand.pdf");
    std::fs::write(&path, pdf).unwrap();
    let text = tools::page_texts(&path).join("\n");
    assert!(text.contains("นางสาวกำไล คำดี"), "{text}");
    assert!(text.contains("ประธานกรรมการสถาบัน"), "{text}");
}

#[test]
fn a_bad_amount_is_answered_beside_its_field_and_nothing_is_saved() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.send(Message::Navigate(Destination::Settings));
    let before = f.store.with(|c| settings::load(c)).unwrap();
    let audited = f.store.with(|c| audit::recent(c, 1000)).unwrap().len();
    d.send(Message::Settings(S::Edit(Field::SignerName, "คนใหม่".into())));
    d.send(Message::Settings(S::Edit(Field::Tolerance, "-5".into())));
    assert_eq!(screen(&d).form.error(Field::Tolerance), Some("จำนวนเงินต้องไม่ติดลบ"));
    d.send(Message::Settings(S::Save));
    assert!(d.shows("จำนวนเงินต้องไม่ติดลบ"));
    assert!(d.shows("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
    assert!(!screen(&d).saving);
    assert_eq!(f.store.with(|c| settings::load(c)).unwrap(), before);
    assert_eq!(f.store.with(|c| audit::recent(c, 1000)).unwrap().len(), audited);
    // The fixture has no signatory yet: the position is required with the name.
    assert_eq!(screen(&d).form.error(Field::SignerPosition), Some("กรุณากรอกตำแหน่ง"));
    d.send(Message::Settings(S::Edit(Field::Name, "สถาบันบ้านโป่งใหม่".into())));
    // Corrected, it saves.
    d.send(Message::Settings(S::Edit(Field::SignerPosition, "ประธานกรรมการ".into())));
    d.send(Message::Settings(S::Edit(Field::Tolerance, "๒".into())));
    assert_eq!(screen(&d).form.error(Field::Tolerance), None);
    d.send(Message::Settings(S::Save));
    let s = screen(&d);
    assert_eq!(
        s.saved.as_deref(),
        Some("บันทึกแล้ว 4 รายการ (บันทึกไว้ในบันทึกการใช้งาน)"),
        "{:?}",
        (&s.error, s.form.has_errors())
    );
    assert_eq!(f.store.with(|c| settings::load(c)).unwrap().tolerance.0, 200);
    let shown = d.app.institute.clone().unwrap_or_default().replace('\u{200b}', "");
    assert_eq!(shown, "สถาบันบ้านโป่งใหม่", "the sidebar shows the new name at once");
}

#[test]
fn an_officer_is_not_offered_the_settings() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    assert!(!d.shows("ตั้งค่าระบบ"));
    d.send(Message::Navigate(Destination::Settings));
    assert!(!matches!(d.app.screen, Screen::Settings(_)));
    d.sign_out();
    d.sign_in("treasurer", "treasurer-2568");
    assert!(!d.shows("ตั้งค่าระบบ"));
}

/// The ladder's days on the settings screen: demand 2 at 25 days below demand 1 at 30 is
/// refused beside demand 2, zero beside the reminder; nothing saved or audited; corrected to
/// 10 / 30 / 45 it saves and the store's ladder has it.
#[test]
fn a_ladder_that_does_not_climb_is_answered_beside_its_field_and_nothing_is_saved() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.send(Message::Navigate(Destination::Settings));
    assert_eq!(screen(&d).form.get(Field::DemandDays), "30", "the default is shown");
    let before = f.store.with(|c| settings::load(c)).unwrap();
    let audited = f.store.with(|c| audit::recent(c, 1000)).unwrap().len();
    d.send(Message::Settings(S::Edit(Field::SignerName, "นายสมชาย ใจดี".into())));
    d.send(Message::Settings(S::Edit(Field::SignerPosition, "ประธานกรรมการ".into())));
    d.send(Message::Settings(S::Edit(Field::Demand2Days, "25".into())));
    d.send(Message::Settings(S::Edit(Field::ReminderDays, "0".into())));
    d.send(Message::Settings(S::Save));
    let s = screen(&d);
    assert_eq!(s.form.error(Field::Demand2Days), Some("ต้องมากกว่าวันส่งหนังสือทวงถาม ครั้งที่ 1 (30 วัน)"));
    assert_eq!(s.form.error(Field::ReminderDays), Some("จำนวนวันต้องมากกว่า 0"));
    assert_eq!(s.form.error(Field::DemandDays), None);
    assert!(d.shows("ต้องมากกว่าวันส่งหนังสือทวงถาม ครั้งที่ 1 (30 วัน)"));
    assert!(d.shows("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
    assert_eq!(f.store.with(|c| settings::load(c)).unwrap(), before);
    assert_eq!(f.store.with(|c| audit::recent(c, 1000)).unwrap().len(), audited);

    d.send(Message::Settings(S::Edit(Field::ReminderDays, "๑๐".into())));
    d.send(Message::Settings(S::Edit(Field::Demand2Days, "45".into())));
    assert_eq!(screen(&d).form.error(Field::Demand2Days), None);
    d.send(Message::Settings(S::Save));
    let ladder = f.store.with(|c| plodnee::store::settings::ladder(c)).unwrap();
    assert_eq!((ladder.reminder_dpd, ladder.demand_dpd, ladder.demand2_dpd), (10, 30, 45));
}

/// The complaint steps' targets on the settings screen (issue 16 §2): 0 and "2.5" are refused
/// beside their fields and nothing is saved or audited; 5 working days to acknowledge saves,
/// is audited, and the store's targets have it.
#[test]
fn a_complaint_target_that_is_not_a_positive_whole_number_is_refused_beside_its_field() {
    use plodnee::app::screen::admin::settings::complaint_targets::{
        Message as T, SAVE, input_id as target_id,
    };
    use plodnee::store::complaints;
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.click("ตั้งค่าระบบ");
    assert_eq!(screen(&d).targets.form.get(0), "1", "the default acknowledgment target");
    assert_eq!(screen(&d).targets.form.get(3), "15", "the default response target");
    let audited = f.store.with(|c| audit::recent(c, 1000)).unwrap().len();
    d.clear(target_id(0));
    d.type_into(target_id(0), "0");
    d.send(Message::Settings(S::Targets(T::Edit(3, "2.5".into()))));
    d.click(SAVE);
    let s = screen(&d);
    assert_eq!(s.targets.form.error(0), Some("จำนวนวันทำการต้องมากกว่า 0"));
    assert_eq!(s.targets.form.error(3), Some("กรุณากรอกจำนวนวันทำการเป็นตัวเลขจำนวนเต็ม"));
    assert_eq!(s.targets.form.error(1), None);
    assert!(d.shows("จำนวนวันทำการต้องมากกว่า 0"));
    assert!(d.shows("ยังบันทึกกำหนดเวลาไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
    d.snapshot_tall("settings-complaint-targets-refused", 1900.0);
    let stored = f.store.with(|c| complaints::targets(c)).unwrap();
    assert_eq!(stored, plodnee::domain::complaints::Targets::default(), "nothing saved");
    assert_eq!(f.store.with(|c| audit::recent(c, 1000)).unwrap().len(), audited);

    d.clear(target_id(0));
    d.type_into(target_id(0), "๕");
    d.send(Message::Settings(S::Targets(T::Edit(3, "15".into()))));
    assert_eq!(screen(&d).targets.form.error(0), None);
    d.click(SAVE);
    assert!(
        d.shows("บันทึกกำหนดเวลาแล้ว 1 ขั้นตอน (บันทึกไว้ในบันทึกการใช้งาน)"),
        "{:?}",
        screen(&d).targets.error
    );
    let stored = f.store.with(|c| complaints::targets(c)).unwrap();
    assert_eq!((stored.acknowledge, stored.respond), (5, 15));
    let entries = f.store.with(|c| audit::recent(c, 5)).unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.action == "set_setting" && e.detail == "complaint.days.acknowledge:  → 5"),
        "audited: {:?}",
        entries.iter().map(|e| &e.detail).collect::<Vec<_>>()
    );
}
