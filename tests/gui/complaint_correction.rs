//! The complaint file's correction section clicked through (issue 16 §3): after a response that
//! says the disputed amount must be corrected, the treasurer picks the wrongly recorded receipt,
//! is told in Thai what is missing, then reverses it (the reason carries the complaint number);
//! an officer proposes a residue write-off instead, sees it waiting for approval, and cannot
//! close the complaint until it is approved.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::complaints::correction;
use plodnee::app::{Message, Screen};
use plodnee::domain::complaints::{Category, Channel, Severity, Step};
use plodnee::domain::thai::date::format_short;
use plodnee::store::complaints::{self, Complainant, NewComplaint, StepInput};
use plodnee::store::{ledger, write_offs};
use support::{Driver, Fixture, fixture, residue_loan, today, ymd};

/// A disputed amount by `person` on `loan`, answered "corrected"; the treasurer handles it.
fn corrected(f: &Fixture, person: i64, loan: i64) -> i64 {
    let officer = f.officer.actor();
    let new = NewComplaint {
        received_on: ymd(2025, 11, 3),
        channel: Channel::Phone,
        category: Category::DisputedAmount,
        complainant: Complainant::Member(person),
        detail: "ยอดค้างไม่ตรงกับใบเสร็จ".into(),
        request: "ขอให้แก้ยอด".into(),
        loan_ids: vec![loan],
        about_user_id: None,
    };
    let r = f.store.write(|tx| complaints::register(tx, &officer, &new)).unwrap();
    let steps = [
        (Step::Acknowledge, 4, StepInput::default()),
        (
            Step::Assess,
            5,
            StepInput {
                handler_id: Some(f.treasurer.id),
                severity: Some(Severity::Medium),
                ..Default::default()
            },
        ),
        (
            Step::Investigate,
            6,
            StepInput {
                note: "ตรวจสมุดบัญชี".into(), ..Default::default()
            },
        ),
        (
            Step::Respond,
            7,
            StepInput {
                finding: "บันทึกรับชำระผิด".into(),
                remedy: "แก้ไขยอด".into(),
                amount_confirmed: Some(false),
                ..Default::default()
            },
        ),
    ];
    for (step, d, input) in steps {
        f.store
            .write(|tx| complaints::step(tx, &officer, r.id, step, ymd(2025, 11, d), &input))
            .unwrap();
    }
    r.id
}

fn correction_form(d: &Driver) -> &correction::Form {
    let Screen::Complaint(c) = &d.app.screen else { panic!("the complaint file") };
    &c.correction
}

#[test]
fn the_treasurer_reverses_the_wrong_receipt_from_the_complaint_file() {
    let f = fixture();
    let id = corrected(&f, f.borrower_id, f.loan_id);
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("treasurer", "treasurer-2568");
    d.send(Message::Navigate(Destination::Complaint(id)));
    assert!(d.shows("การแก้ไขยอด"));
    assert!(d.shows("ยังไม่ได้เริ่มการแก้ไขยอด"));
    // Nothing chosen, no reason: both messages beside their fields, nothing written.
    d.click("ยกเลิกใบเสร็จตามเรื่องร้องเรียน");
    assert!(d.shows("กรุณาเลือกใบเสร็จที่จะยกเลิก"));
    assert!(d.shows("กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ"));
    let file = f.store.with(|c| complaints::get(c, &f.treasurer.actor(), id, today())).unwrap();
    assert!(file.corrections.is_empty());

    let paid = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    let p = paid.iter().find(|p| p.id == f.payment_id).unwrap();
    let label = format!("{} {} {} บาท", p.receipt_no, format_short(p.paid_on), p.amount);
    d.click(&label);
    d.type_into(correction::REASON_ID, "รับชำระผิดสัญญา");
    d.click("ยกเลิกใบเสร็จตามเรื่องร้องเรียน");
    assert_eq!(correction_form(&d).error, None);
    assert!(d.shows("ยกเลิกแล้ว"), "the link and its state in the file");
    assert!(d.shows(&format!("ยกเลิกใบเสร็จ {}", p.receipt_no)));
    assert!(d.shows("สัญญาที่ร้องเรียนไม่มีใบเสร็จที่ยกเลิกได้"), "its only receipt is reversed");
    d.snapshot_tall("complaint-correction-reversal", 1500.0);
    let after = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    let rev = after.iter().find(|q| q.id == f.payment_id).unwrap().reversal.clone().unwrap();
    assert_eq!(rev.reason, "แก้ไขตามเรื่องร้องเรียนเลขที่ 1/2568: รับชำระผิดสัญญา");
    assert_eq!(after.len(), paid.len(), "the payment stays; only a reversal was added");
}

#[test]
fn an_officer_proposes_a_write_off_and_cannot_close_before_it_is_approved() {
    let f = fixture();
    let loan = residue_loan(&f, 49);
    let id = corrected(&f, f.spouse_id, loan);
    let contract = f.store.with(|c| plodnee::store::loans::get(c, loan)).unwrap().contract_no;
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Complaint(id)));
    assert!(d.shows("การยกเลิกใบเสร็จต้องทำโดยเหรัญญิกหรือกรรมการ"));
    d.click(&format!("เสนอตัดยอดเศษสตางค์ สัญญา {contract}"));
    assert_eq!(correction_form(&d).error, None);
    assert!(d.shows("รออนุมัติ"));
    assert!(!d.shows(&format!("เสนอตัดยอดเศษสตางค์ สัญญา {contract}")), "no second proposal");
    d.snapshot_tall("complaint-correction-pending", 1500.0);
    // Closing is refused with the reason, and the complaint stays open.
    d.click("ปิดเรื่อง");
    d.click("พอใจ");
    d.click("บันทึกขั้นตอน");
    let Screen::Complaint(c) = &d.app.screen else { panic!("the complaint file") };
    let e = c.save_error.clone().expect("refused");
    assert!(e.contains("ยังปิดเรื่องร้องเรียนเลขที่ 1/2568 ไม่ได้"), "{e}");
    assert!(e.contains("ยังรออนุมัติ"), "{e}");
    assert!(d.shows(&e));
    let file = f.store.with(|c| complaints::get(c, &f.officer.actor(), id, today())).unwrap();
    assert!(file.row.open);
    // Approved by the treasurer, the file says so and closing goes through.
    let w = file.corrections[0].write_off_id.unwrap();
    f.store.write(|tx| write_offs::approve(tx, &f.treasurer.actor(), w, "", today())).unwrap();
    d.send(Message::Navigate(Destination::Complaint(id)));
    assert!(d.shows("อนุมัติแล้ว"));
    d.click("ปิดเรื่อง");
    d.click("พอใจ");
    d.click("บันทึกขั้นตอน");
    let Screen::Complaint(c) = &d.app.screen else { panic!("the complaint file") };
    assert_eq!(c.save_error, None);
    let file = f.store.with(|c| complaints::get(c, &f.officer.actor(), id, today())).unwrap();
    assert!(!file.row.open);
}
