//! Issue 17 §B7 and issue 11 §3 through the simulator: a restructuring proposal cannot be made
//! twice (Esc, come back: the buttons stay off and say why), the approvals list tells rows apart
//! by number, member and amount, a proposal is rejected only with a reason (a Thai error beside
//! the field when it is empty, nothing changed) and stays on record as rejected; a residue under
//! one baht is offered for write-off from the loan file with its amount, approved by the
//! treasurer, and the loan closes; the loan file judges arrears by the tolerance.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::approvals::pending as approvals;
use plodnee::app::{Key, Message, Screen};
use plodnee::domain::loan::LoanStatus;
use plodnee::store::{loans, plans, write_offs};
use support::{Driver, fixture, overdue_by, residue_loan};

fn proposed_plans(store: &plodnee::store::Store) -> Vec<(i64, String)> {
    store
        .with(|c| {
            let mut stmt = c.prepare("SELECT id, status FROM plan ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

#[test]
fn a_second_proposal_is_refused_after_esc_and_the_first_is_rejected_with_a_reason() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("ปรับโครงสร้างหนี้");
    d.click("เสนอแผนนี้");
    let plans_now = proposed_plans(&f.store);
    assert_eq!(plans_now.len(), 1);
    let plan_id = plans_now[0].0;

    // Esc back to the loan file: its button is off, with the reason under it (issue 17 §B7).
    d.send(Message::Key(Key::Escape));
    assert!(matches!(d.app.screen, Screen::Loan(_)), "Esc went back to the loan file");
    let Screen::Loan(file) = &d.app.screen else { panic!("loan file") };
    let facts_line = file.guard_line();
    assert!(
        facts_line.contains(&format!("มีแผนปรับโครงสร้างหนี้ เลขที่ {plan_id} รออนุมัติอยู่")),
        "{facts_line}"
    );
    assert!(d.shows(&facts_line));
    // Reached anyway (a stale window, a bookmark): the builder itself refuses a second one.
    d.send(Message::Navigate(Destination::Plan { loan_id: f.loan_id }));
    let why = format!(
        "สัญญานี้มีรายการรออนุมัติอยู่แล้ว (แผนปรับโครงสร้างหนี้ เลขที่ {plan_id}) ต้องอนุมัติหรือไม่อนุมัติรายการนั้นก่อนจึงจะเสนอใหม่ได้"
    );
    assert!(d.shows(&why), "the builder says why its buttons are off");
    assert!(
        d.shows(&format!(
            "แผนปรับโครงสร้างหนี้ เลขที่ {plan_id} รอการพิจารณาอยู่ จึงเสนอแผนใหม่ไม่ได้จนกว่าจะพิจารณารายการนั้น"
        )),
        "and says so at the top"
    );
    d.click("เสนอแผนนี้");
    assert_eq!(proposed_plans(&f.store).len(), 1, "the second click made no plan");
    d.snapshot("approvals-01-second-refused");
    d.sign_out();

    // The treasurer finds the row by its number, member and amount.
    d.sign_in("treasurer", "treasurer-2568");
    d.click("รายการรออนุมัติ");
    assert!(d.shows(&plan_id.to_string()), "the row has the plan's number");
    assert!(d.shows("นายสมชาย ใจดี"));
    let amount = {
        let Screen::Approvals(s) = &d.app.screen else { panic!("approvals") };
        s.data.as_ref().unwrap().pending[0].amount
    };
    assert!(amount.is_positive() && d.shows(&amount.to_string()), "the row shows {amount}");
    d.click("แผนปรับโครงสร้างหนี้");
    d.click("ไม่อนุมัติ");
    // No reason: the Thai error beside the field, and the plan still waits.
    d.click("ยืนยันไม่อนุมัติ");
    assert!(d.shows("กรุณาระบุเหตุผลที่ไม่อนุมัติ"));
    assert_eq!(proposed_plans(&f.store)[0].1, "proposed");
    d.snapshot_tall("approvals-02-reason-required", 1500.0);
    d.type_into(approvals::REJECT_REASON_ID, "ค่างวดสูงเกินความสามารถของครัวเรือน");
    d.click("ยืนยันไม่อนุมัติ");
    assert_eq!(proposed_plans(&f.store)[0].1, "rejected");
    let rec = f.store.with(|c| plans::get(c, plan_id)).unwrap();
    assert_eq!(rec.status, "rejected");
    // Still on record, shown as rejected with its reason and who rejected it.
    assert!(d.shows("ไม่อนุมัติ (เก็บไว้ในประวัติ)"));
    assert!(d.shows(&format!("แผนที่ {plan_id}")));
    assert!(d.shows("ค่างวดสูงเกินความสามารถของครัวเรือน"));
    assert!(d.shows("นายเงิน ทองดี"));
    assert!(d.shows("ไม่มีรายการรออนุมัติ"), "no longer pending");
    d.snapshot_tall("approvals-03-rejected", 1000.0);
    d.sign_out();

    // Once rejected, the officer may propose again.
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("ปรับโครงสร้างหนี้");
    assert!(!d.shows(&why));
    d.click("เสนอแผนนี้");
    assert_eq!(proposed_plans(&f.store).len(), 2);
}

#[test]
fn a_residue_is_written_off_from_the_loan_file_and_the_treasurer_approves_it() {
    let f = fixture();
    let residue = residue_loan(&f, 49);
    let overdue = overdue_by(&f, 101);
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    // 1.01 overdue with installments to come: arrears, no write-off offered.
    d.send(Message::Navigate(Destination::Loan(overdue)));
    assert!(d.shows("11 วัน"), "in arrears for 11 days");
    assert!(d.shows("ปรับโครงสร้างหนี้"));
    let Screen::Loan(file) = &d.app.screen else { panic!("loan file") };
    assert_eq!(file.data.as_ref().unwrap().write_off.offer(), None);

    d.send(Message::Navigate(Destination::Loan(residue)));
    assert!(d.shows("ค้าง 0.49 บาท ต่ำกว่าเกณฑ์ ไม่ถือเป็นหนี้ค้างชำระ"), "not arrears");
    let Screen::Loan(file) = &d.app.screen else { panic!("loan file") };
    assert!(
        file.guard_line().contains("ปรับโครงสร้างหนี้ไม่ได้: ไม่มียอดค้างชำระ"),
        "nothing to restructure: {}",
        file.guard_line()
    );
    d.snapshot("write-off-01-offered");
    d.click("เสนอตัดยอดเศษสตางค์ 0.49 บาท");
    let wo = pending_write_off(&f.store, residue);
    assert!(d.shows(&format!("เสนอตัดยอดเศษสตางค์ที่ {wo} แล้ว รอเหรัญญิกหรือกรรมการอนุมัติ")));
    assert!(!d.shows("เสนอตัดยอดเศษสตางค์ 0.49 บาท"), "offered once");
    assert!(d.shows("รออนุมัติ"), "the file's history shows it waiting");
    d.sign_out();

    d.sign_in("treasurer", "treasurer-2568");
    d.click("รายการรออนุมัติ");
    assert!(d.shows(&wo.to_string()) && d.shows("0.49"), "number and amount on the row");
    d.click("ตัดยอดเศษสตางค์");
    assert!(d.shows("0.49 บาท (เงินต้น 0.49 ดอกเบี้ย 0.00 ดอกเบี้ยผิดนัด 0.00 ค่าธรรมเนียม 0.00)"));
    d.snapshot("write-off-02-approve");
    d.click("อนุมัติ");
    let loan = f.store.with(|c| loans::get(c, residue)).unwrap();
    assert_eq!(loan.status, LoanStatus::Closed);
    assert!(d.shows("อนุมัติตัดยอดเศษสตางค์ 0.49 บาทแล้ว สัญญาปิดบัญชี"));
    d.click("เปิดแฟ้มสัญญา");
    assert!(d.shows("อนุมัติแล้ว"));
    assert!(d.shows("ปิดบัญชีแล้ว"));
    assert!(d.shows("ปิดบัญชีด้วยการตัดยอดเศษสตางค์ 0.49 บาท เมื่อ 21 พ.ย. 68"));
    assert!(d.shows("0.00 บาท"), "nothing left to pay today");
    d.snapshot("write-off-03-closed");
}

/// The number of the write-off waiting on a loan.
fn pending_write_off(store: &plodnee::store::Store, loan: i64) -> i64 {
    store.with(|c| write_offs::pending_of_loan(c, loan)).unwrap().expect("a proposal waits")
}

// The same for a household's consolidation draft: saved once, Esc, back from the household
// file: the save button stays off and says why.
#[test]
fn a_second_consolidation_draft_is_refused_after_esc() {
    let f = fixture();
    support::three_fund_loans(&f);
    let drafts = || {
        f.store
            .with(|c| {
                Ok(c.query_row("SELECT COUNT(*) FROM consolidation", [], |r| r.get::<_, i64>(0))?)
            })
            .unwrap()
    };
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Household(f.household_id)));
    d.click("รวมหนี้ครัวเรือน");
    d.click("บันทึกร่าง");
    assert_eq!(drafts(), 1);
    d.send(Message::Key(Key::Escape));
    assert!(matches!(d.app.screen, Screen::Household(_)), "Esc went back to the household");
    d.click("รวมหนี้ครัวเรือน");
    assert!(matches!(d.app.screen, Screen::Consolidate(_)));
    let Screen::Consolidate(s) = &d.app.screen else { unreachable!() };
    let what = s.snapshot.as_ref().and_then(|x| x.pending.clone()).expect("the draft is known");
    assert!(d.shows(&format!("สัญญาของครัวเรือนนี้มีรายการรออนุมัติอยู่แล้ว ({what}) ต้องพิจารณารายการนั้นก่อน")));
    d.click("บันทึกร่าง");
    assert_eq!(drafts(), 1, "the second click made no draft");
}
