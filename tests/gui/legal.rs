//! The legal track clicked through (issue 13): an officer prepares the termination of a loan
//! more than three installments overdue from its file and finds its deadline on the early
//! warning (แจ้งเตือนด้านกฎหมาย) opened from the sidebar, with the count on the home screen; the
//! treasurer approves a termination whose notice has run out (refused without a resolution,
//! beside the field), the file shows the accelerated debt, and the committee undoes it with a
//! reason.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::debtors::loan::termination::{RESOLUTION_ID, UNDO_REASON_ID};
use plodnee::app::{Message, Screen};
use plodnee::domain::Satang;
use plodnee::domain::legal::DeadlineKind;
use plodnee::domain::loan::LoanStatus;
use plodnee::store::{loans, terminations};
use support::{Driver, fixture, ymd};

#[test]
fn an_officer_prepares_a_termination_and_sees_its_deadline_on_the_early_warning() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    assert!(d.shows("บอกเลิกสัญญา"), "the file offers the termination");
    d.click("จัดทำบอกเลิกสัญญา");
    let t = f.store.with(|c| terminations::live_of_loan(c, f.loan_id)).unwrap().expect("made");
    assert_eq!(t.deadline_on, ymd(2025, 12, 21), "30 days from the notice (delivered today)");
    assert!(d.shows(
        "หนังสือลงวันที่ 21 พฤศจิกายน 2568 ลูกหนี้ได้รับ 21 พฤศจิกายน 2568 ต้องชำระภายใน 21 ธันวาคม 2568 (30 วัน)"
    ));
    assert!(d.shows("ผู้จัดทำอนุมัติเองไม่ได้ ต้องให้เหรัญญิกหรือกรรมการคนอื่นอนุมัติ"));

    d.send(Message::Navigate(Destination::Home));
    assert!(d.shows("แจ้งเตือนด้านกฎหมาย 1 รายการ"), "the home screen counts it");
    d.click("แจ้งเตือนด้านกฎหมาย");
    let Screen::LegalDeadlines(s) = &d.app.screen else { panic!("the early warning opens") };
    let rows = s.rows.as_ref().expect("scanned");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].kind, rows[0].due), (DeadlineKind::TerminationNotice, ymd(2025, 12, 21)));
    assert!(d.shows(&plodnee::app::wrap::breakable("เสนออนุมัติบอกเลิกสัญญา")));
    assert!(d.shows("30 วัน"));
    d.snapshot("legal-01-deadlines");
    // A 7-day window would not reach 21 Dec; 30 does (the window buttons rescan).
    d.click("ภายใน 30 วัน");
    let Screen::LegalDeadlines(s) = &d.app.screen else { panic!() };
    assert_eq!(s.within, 30);
    assert_eq!(s.rows.as_ref().unwrap().len(), 1);
    d.click("กทบ.1/2568");
    assert!(matches!(d.app.screen, Screen::Loan(_)), "a line opens the loan file");
}

#[test]
fn the_treasurer_approves_with_a_resolution_and_the_committee_undoes_it() {
    let f = fixture();
    let officer = f.officer.actor();
    // The notice went out on 1 Oct 2025: its 30 days ended on 31 Oct.
    f.store
        .write(|tx| terminations::prepare(tx, &officer, f.loan_id, ymd(2025, 10, 1), None))
        .unwrap();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("treasurer", "treasurer-2568");
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("อนุมัติบอกเลิกสัญญา");
    let Screen::Loan(file) = &d.app.screen else { panic!() };
    assert!(file.termination.error.as_deref().is_some_and(|e| e.contains("มติที่ประชุม")));
    assert!(d.shows("กรุณากรอกเลขที่มติที่ประชุม"), "the message is beside the field");
    let status = |f: &support::Fixture| f.store.with(|c| loans::get(c, f.loan_id)).unwrap().status;
    assert_eq!(status(&f), LoanStatus::Active, "nothing changed");

    d.type_into(RESOLUTION_ID, "5/2568");
    d.click("อนุมัติบอกเลิกสัญญา");
    assert_eq!(status(&f), LoanStatus::Terminated);
    let Screen::Loan(file) = &d.app.screen else { panic!() };
    let data = file.data.as_ref().expect("reloaded");
    assert_eq!(data.statement.outstanding_principal, Satang::from_baht(11_000));
    assert!(data.statement.installments.iter().all(|i| i.due_date <= ymd(2025, 11, 21)));
    let done = file.termination.done.clone().expect("told");
    assert!(done.starts_with("บอกเลิกสัญญาแล้ว เงินต้นถึงกำหนดทั้งหมด 11,000.00 บาท"), "{done}");
    assert!(d.shows(&done), "on screen");
    d.snapshot("legal-02-terminated");
    // The treasurer may not undo it.
    assert!(!d.shows("ยกเลิกการบอกเลิกสัญญา"));
    d.sign_out();

    d.sign_in("committee", "committee-2568");
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("ยกเลิกการบอกเลิกสัญญา");
    assert!(d.shows("กรุณาระบุเหตุผลที่ยกเลิกการบอกเลิกสัญญา"));
    assert_eq!(status(&f), LoanStatus::Terminated);
    d.type_into(UNDO_REASON_ID, "ลูกหนี้ชำระยอดค้างครบแล้ว");
    d.click("ยกเลิกการบอกเลิกสัญญา");
    assert_eq!(status(&f), LoanStatus::Active);
    assert!(d.shows("ยกเลิกการบอกเลิกสัญญาแล้ว ตารางผ่อนกลับเป็นตามสัญญา"));
}
