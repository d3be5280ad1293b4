//! The court case file clicked through (issue 13 §3): an officer opens the case from the loan
//! file (refused without a court, beside the field), files it (a bad date refused beside the
//! field, then the claim computed on the filing date is on screen), records a mediation hearing
//! that lands on the timeline and on the early warning.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::legal::case::{BLACK_ID, COURT_ID, EVENT_DATE_ID, FILED_ID, LAWYER_ID};
use plodnee::app::{Message, Screen};
use plodnee::domain::legal::DeadlineKind;
use plodnee::domain::legal::case::{CaseStatus, EventKind};
use plodnee::domain::loan::LoanStatus;
use plodnee::store::{court_cases, legal_deadlines, loans};
use support::{Driver, fixture, today, ymd};

#[test]
fn an_officer_opens_a_case_from_the_loan_file_files_it_and_records_a_hearing() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("แฟ้มคดี");
    assert!(matches!(d.app.screen, Screen::Case(_)), "the case file opens");
    assert!(d.shows("สัญญานี้ยังไม่มีแฟ้มคดี"));

    d.click("เปิดแฟ้มคดี");
    assert!(d.shows("กรุณาระบุศาลที่ฟ้อง"), "refused beside the field");
    assert!(f.store.with(|c| court_cases::live_of_loan(c, f.loan_id)).unwrap().is_none());
    d.type_into(COURT_ID, "ศาลจังหวัดลำพูน");
    d.type_into(LAWYER_ID, "นายทนาย ความดี");
    d.click("เปิดแฟ้มคดี");
    let case = f.store.with(|c| court_cases::live_of_loan(c, f.loan_id)).unwrap().expect("opened");
    assert_eq!(case.status, CaseStatus::Preparing);

    d.type_into(FILED_ID, "31/02/2568");
    d.type_into(BLACK_ID, "ผบ.123/2568");
    d.click("บันทึกการยื่นฟ้อง");
    let Screen::Case(s) = &d.app.screen else { panic!() };
    assert!(s.field_error.as_ref().is_some_and(|(id, _)| *id == FILED_ID), "a bad date, beside it");
    assert!(f.store.with(|c| court_cases::get(c, case.id)).unwrap().filed_on.is_none());
    d.clear(FILED_ID);
    d.type_into(FILED_ID, "20/11/2568");
    d.click("บันทึกการยื่นฟ้อง");
    let case = f.store.with(|c| court_cases::get(c, case.id)).unwrap();
    assert_eq!(case.filed_on, Some(ymd(2025, 11, 20)));
    let total = case.claim.expect("claim").total();
    assert!(d.shows(&format!("ทุนทรัพย์ที่ฟ้อง ณ วันที่ 20 พฤศจิกายน 2568: {total} บาท")));
    let status = f.store.with(|c| loans::get(c, f.loan_id)).unwrap().status;
    assert_eq!(status, LoanStatus::Litigation);

    d.click("นัดไกล่เกลี่ย");
    d.type_into(EVENT_DATE_ID, "10/12/2568");
    d.click("บันทึกรายการ");
    let events = f.store.with(|c| court_cases::events(c, case.id)).unwrap();
    assert_eq!(
        events.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EventKind::Filing, EventKind::Mediation]
    );
    assert!(d.shows("บันทึกนัดไกล่เกลี่ย 10 ธันวาคม 2568 แล้ว"));
    d.snapshot("court-case-01-hearing");
    d.snapshot_tall("court-case-01-hearing-tall", 1400.0);
    let rows = f.store.with(|c| legal_deadlines::scan(c, today(), 30)).unwrap();
    assert!(rows.iter().any(|r| r.kind == DeadlineKind::Hearing && r.due == ymd(2025, 12, 10)));
}
