//! A complaint whose response corrects a disputed amount (issue 16 §3) starts the product's own
//! paths: a receipt reversal whose reason cites the complaint number (the payment itself is never
//! edited), or a residue write-off proposal that waits in the approvals list for someone other
//! than its maker; the complaint file shows each with its state, and the complaint cannot be
//! closed while the proposal is still waiting.

use crate::support;

use plodnee::domain::Satang;
use plodnee::domain::complaints::{Category, Channel, Satisfaction, Severity, Step};
use plodnee::domain::loan::LoanStatus;
use plodnee::store::approvals::{self, PendingKind};
use plodnee::store::complaints::{self, Complainant, CorrectionKind, NewComplaint, StepInput};
use plodnee::store::{ledger, loans, write_offs};
use support::{Fixture, fixture, residue_loan, today, ymd};

/// Registers a disputed amount by `person` on `loan` and walks it to a response that says the
/// amount must be corrected; the treasurer handles it.
fn corrected(f: &Fixture, person: i64, loan: i64) -> (i64, String) {
    let officer = f.officer.actor();
    let new = NewComplaint {
        received_on: ymd(2025, 11, 3),
        channel: Channel::WalkIn,
        category: Category::DisputedAmount,
        complainant: Complainant::Member(person),
        detail: "ยอดค้างไม่ตรงกับใบเสร็จที่ถือไว้".into(),
        request: "ขอให้แก้ยอด".into(),
        loan_ids: vec![loan],
        about_user_id: None,
    };
    let r = f.store.write(|tx| complaints::register(tx, &officer, &new)).unwrap();
    let go = |step, d, input: StepInput| {
        f.store.write(|tx| complaints::step(tx, &officer, r.id, step, ymd(2025, 11, d), &input))
    };
    go(Step::Acknowledge, 4, StepInput::default()).unwrap();
    let assess = StepInput {
        handler_id: Some(f.treasurer.id),
        severity: Some(Severity::High),
        ..Default::default()
    };
    go(Step::Assess, 5, assess).unwrap();
    let note = StepInput {
        note: "ตรวจใบเสร็จกับสมุดบัญชี".into(), ..Default::default()
    };
    go(Step::Investigate, 6, note).unwrap();
    (r.id, r.number)
}

fn respond_corrected(f: &Fixture, id: i64) {
    let officer = f.officer.actor();
    let input = StepInput {
        finding: "บันทึกรับชำระผิดสัญญา".into(),
        remedy: "ยกเลิกใบเสร็จที่บันทึกผิด".into(),
        amount_confirmed: Some(false),
        ..Default::default()
    };
    f.store
        .write(|tx| complaints::step(tx, &officer, id, Step::Respond, ymd(2025, 11, 7), &input))
        .unwrap();
}

fn close(f: &Fixture, id: i64) -> Result<(), plodnee::store::StoreError> {
    let input = StepInput {
        satisfaction: Some(Satisfaction::Satisfied),
        lesson: "ตรวจเลขสัญญาก่อนออกใบเสร็จ".into(),
        ..Default::default()
    };
    let officer = f.officer.actor();
    f.store.write(|tx| complaints::step(tx, &officer, id, Step::Close, ymd(2025, 11, 10), &input))
}

fn correction_rows(f: &Fixture) -> i64 {
    f.store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM complaint_correction", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_payment_recorded_wrongly_is_reversed_with_the_complaint_number_in_the_reason() {
    let f = fixture();
    let (id, no) = corrected(&f, f.borrower_id, f.loan_id);
    assert_eq!(no, "1/2568");
    let treasurer = f.treasurer.actor();
    let reverse = |actor: &plodnee::store::users::Actor, payment, reason: &str| {
        f.store.write(|tx| complaints::correct_by_reversal(tx, actor, id, payment, reason))
    };
    // Before the response says "corrected" there is nothing to correct.
    let early = reverse(&treasurer, f.payment_id, "รับชำระผิดสัญญา").unwrap_err();
    assert_eq!(early.to_string(), "เริ่มการแก้ไขยอดได้เมื่อแจ้งผลว่ายอดหนี้ต้องแก้ไขแล้วเท่านั้น");
    respond_corrected(&f, id);
    // Bad inputs change nothing: no reason, a payment of another loan, an officer (who may not
    // reverse payments).
    let empty = reverse(&treasurer, f.payment_id, "  ").unwrap_err();
    assert_eq!(empty.to_string(), "กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ");
    let other_loan = residue_loan(&f, 49);
    let other_payment = f.store.with(|c| ledger::payments(c, other_loan)).unwrap()[0].id;
    let wrong = reverse(&treasurer, other_payment, "รับชำระผิดสัญญา").unwrap_err();
    assert!(wrong.to_string().contains("ไม่ใช่ของสัญญาที่ร้องเรียน"), "{wrong}");
    assert!(reverse(&f.officer.actor(), f.payment_id, "รับชำระผิดสัญญา").is_err());
    assert_eq!(correction_rows(&f), 0, "nothing written by the refused attempts");
    let before = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    assert!(before.iter().all(|p| p.reversal.is_none()));

    reverse(&treasurer, f.payment_id, "รับชำระผิดสัญญา").unwrap();
    // The payment is still there, unchanged, with a reversal beside it that cites the complaint.
    let after = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    assert_eq!(after.len(), before.len());
    let p = after.iter().find(|p| p.id == f.payment_id).unwrap();
    let was = before.iter().find(|p| p.id == f.payment_id).unwrap();
    assert_eq!((p.amount, &p.receipt_no), (was.amount, &was.receipt_no));
    let rev = p.reversal.as_ref().expect("reversed");
    assert_eq!(rev.reason, "แก้ไขตามเรื่องร้องเรียนเลขที่ 1/2568: รับชำระผิดสัญญา");
    // The complaint file shows what it started.
    let file = f.store.with(|c| complaints::get(c, &treasurer, id, today())).unwrap();
    assert_eq!(file.corrections.len(), 1);
    let c = &file.corrections[0];
    assert_eq!(
        (c.kind, c.subject.as_str(), c.state.as_str(), c.by.as_str()),
        (CorrectionKind::Reversal, was.receipt_no.as_str(), "ยกเลิกแล้ว", "นายเงิน ทองดี")
    );
    assert!(!c.pending());
    // A reversal takes effect at once: the complaint may close.
    close(&f, id).unwrap();
    let log = f.store.with(|c| plodnee::store::audit::recent(c, 20)).unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "complaint_correct" && e.detail.contains("1/2568 ยกเลิกใบเสร็จ")),
        "audited"
    );
}

#[test]
fn an_amount_to_reduce_waits_for_approval_and_the_complaint_cannot_close_before() {
    let f = fixture();
    // 0.49 left on the spouse's loan (see `support::residue_loan`), disputed by her.
    let loan = residue_loan(&f, 49);
    let (id, no) = corrected(&f, f.spouse_id, loan);
    respond_corrected(&f, id);
    let officer = f.officer.actor();
    let propose =
        |l| f.store.write(|tx| complaints::correct_by_write_off(tx, &officer, id, l, today()));
    let wrong = propose(f.loan_id).unwrap_err();
    assert_eq!(wrong.to_string(), "สัญญานี้ไม่ใช่สัญญาที่ร้องเรียน");
    assert_eq!(correction_rows(&f), 0);
    let link = propose(loan).unwrap();
    assert!(link > 0);
    // The proposal sits in the approvals list like any other write-off.
    let pending = f.store.with(|c| approvals::pending(c)).unwrap();
    let row = pending.iter().find(|p| p.kind == PendingKind::WriteOff).expect("listed");
    assert_eq!((row.member.as_str(), row.amount), ("นางสมหญิง ใจดี", Satang(49)));
    let file = f.store.with(|c| complaints::get(c, &officer, id, today())).unwrap();
    let c = &file.corrections[0];
    assert_eq!((c.kind, c.state.as_str()), (CorrectionKind::WriteOff, "รออนุมัติ"));
    assert!(c.pending());

    // Closing waits for the approval, with a Thai message, and changes nothing.
    let e = close(&f, id).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "ยังปิดเรื่องร้องเรียนเลขที่ {no} ไม่ได้ การแก้ไขยอด (ตัดยอดเศษสตางค์ สัญญา {}) ยังรออนุมัติ",
            c.subject
        )
    );
    let file = f.store.with(|c| complaints::get(c, &officer, id, today())).unwrap();
    assert!(file.row.open);
    assert_eq!(file.satisfaction, None);

    // The officer who proposed may not approve; the treasurer does, and the loan closes.
    let w = c.write_off_id.unwrap();
    assert!(f.store.write(|tx| write_offs::approve(tx, &officer, w, "", today())).is_err());
    let treasurer = f.treasurer.actor();
    f.store.write(|tx| write_offs::approve(tx, &treasurer, w, "", today())).unwrap();
    assert_eq!(f.store.with(|c| loans::get(c, loan)).unwrap().status, LoanStatus::Closed);
    let file = f.store.with(|c| complaints::get(c, &officer, id, today())).unwrap();
    assert_eq!(file.corrections[0].state, "อนุมัติแล้ว");
    close(&f, id).unwrap();
    // Once closed, no further correction starts.
    let late = propose(loan).unwrap_err();
    assert_eq!(late.to_string(), format!("เรื่องร้องเรียนเลขที่ {no} ปิดแล้ว"));
}
