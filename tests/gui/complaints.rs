//! The complaints screens clicked through (issue 16): a disputed amount registered from the
//! member's file, taken step by step to closure from its file, the loan out of today's queue and
//! the letter batch while open and back after; the officer a complaint is about not offered as
//! its handler (and refused if sent anyway) nor able to act on it; an officer without the right
//! sees only the masked name, the committee shows it and the look is logged; overdue complaints
//! on the home screen.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::complaints::{file, form};
use plodnee::app::{Message, Screen};
use plodnee::document::issue::{Filter as LetterFilter, batch_preview};
use plodnee::domain::complaints::{Category, Channel};
use plodnee::domain::letter::Kind;
use plodnee::store::complaints::{self, Complainant, NewComplaint};
use plodnee::store::queue::{self, Filter};
use support::{Driver, Fixture, fixture, today, ymd};

fn queued(f: &Fixture) -> bool {
    let q = f.store.with(|c| queue::build(c, today(), &Filter::default())).unwrap();
    q.items.iter().any(|i| i.loan_id == f.loan_id)
}

fn in_letters(f: &Fixture) -> bool {
    f.store
        .with(|c| Ok(batch_preview(c, Kind::Demand, today(), &LetterFilter::default()).unwrap()))
        .unwrap()
        .rows
        .iter()
        .any(|r| r.loan_id == f.loan_id)
}

fn audit(f: &Fixture, action: &str) -> i64 {
    f.store
        .with(|c| {
            Ok(c.query_row("SELECT COUNT(*) FROM audit_log WHERE action = ?1", [action], |r| {
                r.get(0)
            })?)
        })
        .unwrap()
}

fn step_done(d: &mut Driver) {
    d.click("บันทึกขั้นตอน");
    let Screen::Complaint(c) = &d.app.screen else { panic!("still the complaint file") };
    assert_eq!(c.save_error, None);
}

#[test]
fn a_disputed_amount_goes_from_the_member_file_to_closure_and_collection_pauses_meanwhile() {
    let f = fixture();
    assert!(queued(&f) && in_letters(&f));
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.send(Message::Navigate(Destination::Member(f.borrower_id)));
    d.click("รับเรื่องร้องเรียน");
    assert!(matches!(d.app.screen, Screen::ComplaintForm(_)), "the form opens");
    d.click("โต้แย้งยอดหนี้");
    d.click("โทรศัพท์");
    d.type_into(form::DETAIL_ID, "ยอดในหนังสือทวงถามไม่ตรงกับสมุดผ่อน");
    d.type_into(form::REQUEST_ID, "ขอให้ตรวจยอดใหม่");
    // No loan chosen: refused under the loans, nothing saved.
    d.click("บันทึกเรื่องร้องเรียน");
    let Screen::ComplaintForm(s) = &d.app.screen else { panic!("form stays") };
    assert_eq!(s.errors.loans.as_deref(), Some("เรื่องโต้แย้งยอดหนี้ต้องระบุสัญญาที่โต้แย้ง"));
    assert!(d.shows("เรื่องโต้แย้งยอดหนี้ต้องระบุสัญญาที่โต้แย้ง"));
    assert!(f.store.with(|c| complaints::list(c, false, today())).unwrap().is_empty());
    d.click("กทบ.1/2568");
    d.snapshot("complaints-01-form");
    d.click("บันทึกเรื่องร้องเรียน");
    let Screen::Complaint(c) = &d.app.screen else { panic!("the saved complaint's file opens") };
    let id = c.id;
    assert!(d.shows("เรื่องร้องเรียนเลขที่ 1/2568"));
    assert!(!queued(&f), "out of the queue while open");
    assert!(!in_letters(&f), "out of the letter batch while open");
    d.click("งานติดตามวันนี้");
    let Screen::Queue(q) = &d.app.screen else { panic!("queue") };
    let q = q.queue.as_ref().unwrap();
    assert!(q.on_hold.iter().any(|(_, why)| why.contains("1/2568")), "the queue says why");
    d.send(Message::Navigate(Destination::Complaint(id)));

    d.click("ตอบรับเรื่อง");
    step_done(&mut d);
    d.click("ประเมินเรื่อง");
    d.click("นายเงิน ทองดี");
    d.click("สูง");
    step_done(&mut d);
    d.click("แจ้งผล");
    d.type_into(file::FINDING_ID, "ยอดถูกต้องตามรายการเดินบัญชี");
    d.type_into(file::REMEDY_ID, "ชี้แจงการคำนวณดอกเบี้ยผิดนัด");
    d.click("ยอดหนี้ถูกต้อง");
    step_done(&mut d);
    assert!(!queued(&f), "held until closed");
    d.click("ปิดเรื่อง");
    d.click("พอใจ");
    d.type_into(file::LESSON_ID, "แนบรายการเดินบัญชีไปกับหนังสือทวงถาม");
    d.snapshot("complaints-02-close");
    step_done(&mut d);
    let Screen::Complaint(c) = &d.app.screen else { panic!() };
    let file = &c.data.as_ref().unwrap().file;
    assert!(!file.row.open);
    assert_eq!(file.steps.len(), 5);
    assert!(file.steps.iter().all(|s| s.by == "นายประธาน ใหญ่ยิ่ง"));
    d.snapshot_tall("complaints-03-file", 1300.0);
    assert!(queued(&f), "back in the queue");
    assert!(in_letters(&f), "back in the letter batch");
    d.click("งานติดตามวันนี้");
    let Screen::Queue(q) = &d.app.screen else { panic!("queue") };
    assert!(q.queue.as_ref().unwrap().items.iter().any(|i| i.loan_id == f.loan_id));

    // The report: closed within target, the lesson, a bar for November 2568.
    d.click("รายงานเรื่องร้องเรียน");
    let Screen::ComplaintsReport(r) = &d.app.screen else { panic!("the report opens") };
    let report = r.report.as_ref().expect("built");
    assert_eq!((report.closed, report.closed_within_target), (1, 1));
    assert!(d.shows("1 จาก 1 เรื่อง (ร้อยละ 100.0 เป้าหมายร้อยละ 100)"));
    assert!(d.shows("1/2568 (โต้แย้งยอดหนี้): แนบรายการเดินบัญชีไปกับหนังสือทวงถาม"));
    assert!(d.shows("2568-11"));
    d.snapshot_tall("complaints-07-report", 1100.0);
}

#[test]
fn the_officer_complained_about_is_not_offered_and_cannot_act_and_sees_no_name() {
    let f = fixture();
    let committee = f.committee.actor();
    let about_officer = NewComplaint {
        received_on: ymd(2025, 11, 13),
        channel: Channel::WalkIn,
        category: Category::Conduct,
        complainant: Complainant::Member(f.borrower_id),
        detail: "เจ้าหน้าที่พูดจาไม่สุภาพ".into(),
        request: String::new(),
        loan_ids: vec![],
        about_user_id: Some(f.officer.id),
    };
    let r = f.store.write(|tx| complaints::register(tx, &committee, &about_officer)).unwrap();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    // Received 13 Nov and never acknowledged: overdue on the home screen.
    assert!(d.shows("เรื่องร้องเรียนเกินกำหนด 1 เรื่อง"));
    d.snapshot("complaints-04-home");
    d.click("รายการเรื่องร้องเรียน");
    assert!(d.shows("ส••• ใจ•••"), "masked in the list");
    assert!(d.shows("เกินกำหนด"));
    assert!(!d.shows("นายสมชาย ใจดี"));
    d.snapshot("complaints-05-list");
    d.click(&r.number);
    d.click("ตอบรับเรื่อง");
    step_done(&mut d);
    d.click("ประเมินเรื่อง");
    let Screen::Complaint(c) = &d.app.screen else { panic!() };
    assert!(c.handlers().iter().all(|h| h.0 != f.officer.id), "not offered");
    assert!(c.handlers().iter().any(|h| h.0 == f.treasurer.id));
    // Sent anyway (a stale screen): refused in Thai beside the button, nothing changed.
    d.send(Message::Complaint(file::Message::Handler(file::Handler(f.officer.id, "x".into()))));
    d.click("บันทึกขั้นตอน");
    assert!(d.shows("มอบหมายเรื่องร้องเรียนให้ผู้ถูกร้องเรียนเป็นผู้รับผิดชอบไม่ได้ กรุณาเลือกผู้อื่น"));
    let handler =
        f.store.with(|c| complaints::get(c, &committee, r.id, today())).unwrap().handler_id;
    assert_eq!(handler, None);
    // The committee may show the name; the look is logged.
    d.click("แสดงชื่อผู้ร้องเรียน");
    assert!(d.shows("นายสมชาย ใจดี"));
    assert_eq!(audit(&f, "view_complainant"), 1);

    // The officer it is about: no buttons, no name.
    d.sign_out();
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Complaint(r.id)));
    assert!(d.shows("เรื่องนี้ร้องเรียนเกี่ยวกับท่าน ท่านดำเนินการในเรื่องนี้ไม่ได้"));
    assert!(!d.shows("ประเมินเรื่อง"));
    assert!(!d.shows("แสดงชื่อผู้ร้องเรียน"));
    assert!(d.shows("ส••• ใจ•••"));
    assert!(!d.shows("นายสมชาย ใจดี"));
}

#[test]
fn an_officer_without_the_right_sees_a_masked_name() {
    let f = fixture();
    let committee = f.committee.actor();
    let c = NewComplaint {
        received_on: ymd(2025, 11, 20),
        channel: Channel::Letter,
        category: Category::Data,
        complainant: Complainant::Member(f.neighbour_id),
        detail: "ข้อมูลที่อยู่ผิด".into(),
        request: String::new(),
        loan_ids: vec![],
        about_user_id: None,
    };
    let r = f.store.write(|tx| complaints::register(tx, &committee, &c)).unwrap();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.click("รายการเรื่องร้องเรียน");
    assert!(d.shows("ม••• รั•••"));
    d.click(&r.number);
    assert!(d.shows("ม••• รั•••"));
    assert!(!d.shows("นายมานะ รักดี"));
    assert!(!d.shows("แสดงชื่อผู้ร้องเรียน"), "no right, no button");
    assert!(d.shows("ตอบรับเรื่อง"), "but the officer may work on it");
    d.snapshot("complaints-06-masked");
    assert_eq!(audit(&f, "view_complainant"), 0);
}
