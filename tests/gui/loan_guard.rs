//! The loan file's โอนภาระหนี้ and ปรับโครงสร้างหนี้ are disabled in advance, with the reason under
//! them, when the store would refuse them (issue 17 §B7 spirit): a proposal already waiting, a
//! collection hold, a terminated contract. A click on a disabled button leaves the officer on
//! the file. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::{Message, Screen};
use plodnee::store::{holds, transfers};
use support::{Driver, fixture, today};

fn open_file(f: &support::Fixture) -> Driver {
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    assert!(matches!(d.app.screen, Screen::Loan(_)));
    d
}

fn both_stay_on_the_file(d: &mut Driver) {
    d.click("โอนภาระหนี้");
    assert!(matches!(d.app.screen, Screen::Loan(_)), "the disabled transfer did nothing");
    d.click("ปรับโครงสร้างหนี้");
    assert!(matches!(d.app.screen, Screen::Loan(_)), "the disabled restructuring did nothing");
}

#[test]
fn a_loan_with_nothing_in_the_way_offers_both_and_says_nothing() {
    // The fixture's loan is in arrears (installments from 15 Mar 2568 unpaid on 21 Nov 2568).
    let f = fixture();
    let mut d = open_file(&f);
    assert!(!d.shows("โอนภาระหนี้ไม่ได้"));
    assert!(!d.shows("ปรับโครงสร้างหนี้ไม่ได้"));
    d.click("ปรับโครงสร้างหนี้");
    assert!(matches!(d.app.screen, Screen::Plan(_)), "enabled, it opens the plan builder");
}

#[test]
fn a_waiting_transfer_disables_both_with_its_number() {
    let f = fixture();
    let id = f
        .store
        .write(|tx| {
            transfers::prepare(tx, &f.officer.actor(), f.loan_id, f.spouse_id, "ย้ายถิ่น", today())
        })
        .unwrap();
    let mut d = open_file(&f);
    let why = format!("มีโอนภาระหนี้ เลขที่ {id} รออนุมัติอยู่ (เสนอได้ครั้งละหนึ่งเรื่อง)");
    assert!(d.shows(&why), "the reason is under the buttons: {why}");
    both_stay_on_the_file(&mut d);
}

#[test]
fn a_hold_disables_both_with_its_reason() {
    let f = fixture();
    f.store
        .write(|tx| holds::start(tx, &f.officer.actor(), f.loan_id, "โต้แย้งยอดหนี้", today(), None))
        .unwrap();
    let mut d = open_file(&f);
    assert!(d.shows("สัญญาพักการติดตามอยู่: โต้แย้งยอดหนี้"));
    both_stay_on_the_file(&mut d);
}

#[test]
fn a_terminated_loan_offers_neither() {
    let f = fixture();
    // The status a termination's approval leaves (store::terminations); set directly here
    // because only the loan file's reading of it is under test.
    f.store
        .write(|tx| {
            tx.execute("UPDATE loan SET status = 'terminated' WHERE id = ?1", [f.loan_id])?;
            Ok(())
        })
        .unwrap();
    let mut d = open_file(&f);
    assert!(d.shows("สัญญาถูกบอกเลิกแล้ว จึงโอนภาระหนี้หรือปรับโครงสร้างหนี้ไม่ได้"));
    both_stay_on_the_file(&mut d);
}
