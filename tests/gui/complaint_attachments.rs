//! The complaint file's เอกสารแนบ clicked through (issue 16 §2): the committee attaches a photo
//! picked in the (fake) dialog, saves it back out with "บันทึกเป็นไฟล์…" byte for byte, is refused
//! a file above 10 MB under the buttons, and withdraws a mistaken one with a reason typed (none
//! refused beside the field). An officer who is not the handler is told how many there are and
//! offered nothing.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::complaints::attachments::{
    ATTACH, REASON_ID, SAVE_OUT, Status, WITHDRAW,
};
use plodnee::app::{Message, Screen};
use plodnee::domain::complaints::attachment::MAX_BYTES;
use plodnee::domain::complaints::{Category, Channel};
use plodnee::store::complaints::{self, Complainant, NewComplaint};
use support::{Driver, Fixture, OFFICER_PASSWORD, fixture, ymd};

fn register(f: &Fixture) -> i64 {
    let c = NewComplaint {
        received_on: ymd(2025, 11, 17),
        channel: Channel::WalkIn,
        category: Category::Service,
        complainant: Complainant::Member(f.borrower_id),
        detail: "ใบเสร็จไม่ตรงกับยอดที่จ่าย".into(),
        request: String::new(),
        loan_ids: vec![],
        about_user_id: None,
    };
    f.store.write(|tx| complaints::register(tx, &f.committee.actor(), &c)).unwrap().id
}

fn file(d: &Driver) -> &plodnee::app::screen::complaints::file::ComplaintFile {
    let Screen::Complaint(c) = &d.app.screen else { panic!("on the complaint file") };
    c
}

#[test]
fn the_committee_attaches_a_photo_saves_it_back_out_and_withdraws_a_mistaken_one() {
    let f = fixture();
    let id = register(&f);
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("ใบเสร็จ 0012.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 a jpeg").unwrap();
    let huge = dir.path().join("scan.pdf");
    std::fs::write(&huge, vec![0u8; MAX_BYTES as usize + 1]).unwrap();
    let out = dir.path().join("saved.jpg");
    let fake = Fake::answering(vec![Some(photo.clone()), Some(huge.clone()), Some(out.clone())]);
    let mut d = Driver::new(f.store.clone(), Arc::new(fake));
    d.sign_in("committee", "committee-2568");
    d.send(Message::Navigate(Destination::Complaint(id)));
    assert!(d.shows("ยังไม่มีเอกสารแนบ"));

    d.click(ATTACH);
    assert_eq!(file(&d).attachments.status, Some(Status::Attached("ใบเสร็จ 0012.jpg".into())));
    assert!(d.shows("ใบเสร็จ 0012.jpg"), "listed in the file");
    assert!(d.shows("11 ไบต์"), "with its size (4 + 7 bytes)");

    d.click(ATTACH);
    let Some(Status::Failed(e)) = &file(&d).attachments.status else {
        panic!("refused: {:?}", file(&d).attachments.status)
    };
    assert!(e.starts_with("ไฟล์ใหญ่เกิน 10 MB"), "{e}");
    assert!(d.shows(e), "said under the buttons");
    assert_eq!(f.store.with(|c| complaints::attachment_count(c, id)).unwrap(), 1);

    d.click(SAVE_OUT);
    assert_eq!(file(&d).attachments.status, Some(Status::Saved(out.clone())));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&photo).unwrap(), "byte for byte");
    d.snapshot_tall("complaints-08-attachments", 1400.0);

    d.click(WITHDRAW);
    d.click("ยืนยันการถอน");
    assert_eq!(file(&d).attachments.reason_error.as_deref(), Some("กรุณาระบุเหตุผลที่ถอนเอกสารแนบ"));
    assert!(d.shows("กรุณาระบุเหตุผลที่ถอนเอกสารแนบ"));
    d.type_into(REASON_ID, "แนบผิดเรื่อง");
    d.click("ยืนยันการถอน");
    assert_eq!(file(&d).attachments.status, Some(Status::Withdrawn));
    assert!(d.shows(&format!("ถอนแล้ว: แนบผิดเรื่อง ({})", f.committee.full_name)));
    let listed = f.store.with(|c| complaints::attachments(c, &f.committee.actor(), id)).unwrap();
    assert!(listed[0].withdrawn.is_some());
}

#[test]
fn an_officer_who_is_not_the_handler_is_told_how_many_and_offered_nothing() {
    let f = fixture();
    let id = register(&f);
    f.store
        .write(|tx| complaints::attach(tx, &f.committee.actor(), id, "a.pdf", b"%PDF-1.4", ""))
        .unwrap();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Complaint(id)));
    assert!(d.shows("มีเอกสารแนบ 1 รายการ เปิดดูได้เฉพาะประธาน/กรรมการ และผู้รับผิดชอบเรื่องนี้"));
    assert!(!d.shows("a.pdf"));
    assert!(!d.shows(ATTACH));
    assert!(!d.shows(SAVE_OUT));
}
