//! Printing from the files (issues 5 and 6): the consolidated contract from its loan file, the
//! member certification form from the member file, the assembly list from the household file and
//! the clearance certificate once a loan is paid off. Each asks where to save first (a cancelled
//! dialog numbers nothing), then registers the document, writes the PDF and opens it.

use crate::docs_support;
use crate::support;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;

use docs_support::plans::{approved_plan, pay};
use docs_support::{TODAY, assert_all, demo, query_id, squash, tools};
use plodnee::app::dialogs::Fake;
use plodnee::app::print::Status;
use plodnee::app::screen::Destination;
use plodnee::app::{App, Message, Screen};
use plodnee::domain::loan::{Channel, LoanStatus};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::{Store, consolidations, loans, plans};
use support::Driver;

fn registered(store: &Store) -> i64 {
    query_id(store, "SELECT COUNT(*) FROM letter")
}

/// Signs the officer in with dialogs that answer `answers` in turn.
fn officer(store: &Store, answers: Vec<Option<PathBuf>>) -> (Driver, Fake) {
    officer_on(store, answers, TODAY)
}

/// The same, with the office's calendar showing `today` (a plan followed for months).
fn officer_on(store: &Store, answers: Vec<Option<PathBuf>>, today: NaiveDate) -> (Driver, Fake) {
    let fake = Fake::answering(answers);
    let dialogs: Arc<dyn plodnee::app::dialogs::FileDialogs> = Arc::new(fake.clone());
    let (app, task) =
        App::new(store.clone(), PathBuf::from("/nonexistent"), dialogs, today, Instant::now());
    let mut d = Driver { app, rt: support::runtime(), size: iced::Size::new(1280.0, 2400.0) };
    d.run(task);
    d.sign_in("officer", "officer-2568");
    (d, fake)
}

fn printed(d: &Driver) -> (String, PathBuf) {
    match d.app.print_status().cloned() {
        Some(Status::Printed { number, path, .. }) => (number, path),
        other => panic!("not printed: {other:?}"),
    }
}

/// The approved consolidation of the support fixture and its household.
fn consolidated(demo: &docs_support::Demo) -> (i64, i64) {
    let (id, _) = docs_support::approved(demo);
    (id, demo.store.with(|c| consolidations::get(c, id)).unwrap().household_id)
}

#[test]
fn the_consolidated_contract_prints_from_its_loan_file_and_a_cancel_numbers_nothing() {
    let demo = demo(40);
    let (id, _) = consolidated(&demo);
    let contract_no = demo
        .store
        .with(|c| consolidations::get(c, id))
        .unwrap()
        .contract_no
        .expect("an approved consolidation has its contract number");
    let tranche = query_id(
        &demo.store,
        &format!("SELECT id FROM loan WHERE tranche_of = {id} ORDER BY id LIMIT 1"),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("contract.pdf");
    let (mut d, fake) = officer(&demo.store, vec![None, Some(out.clone())]);
    d.send(Message::Navigate(Destination::Loan(tranche)));
    assert!(matches!(d.app.screen, Screen::Loan(_)));

    let before = registered(&demo.store);
    d.click("พิมพ์สัญญารวมหนี้");
    assert_eq!(d.app.print_status(), Some(&Status::NotSaved));
    assert_eq!(registered(&demo.store), before, "a cancelled dialog numbers nothing");
    assert!(d.shows("ยกเลิกการบันทึก ยังไม่ได้ออกเลขเอกสาร"));

    d.click("พิมพ์สัญญารวมหนี้");
    let (number, path) = printed(&d);
    assert_eq!(path, out);
    assert_eq!(registered(&demo.store), before + 1, "one document in the register");
    assert_eq!(
        fake.opened.lock().unwrap().as_slice(),
        std::slice::from_ref(&out),
        "opened in the viewer"
    );
    tools::assert_qpdf_clean(&out);
    tools::assert_sarabun_embedded_and_subset(&out);
    let text = tools::page_texts(&out).join("\n");
    assert_all(&text, &["สัญญารวมหนี้".to_string(), contract_no, number.clone()]);
    assert!(d.shows(&format!("ออกเอกสารเลขที่ {number} แล้ว บันทึกไฟล์ที่ {}", out.display())));
    d.snapshot("print-01-contract-printed");
}

#[test]
fn the_member_file_prints_the_certification_form_and_the_household_file_the_assembly_list() {
    let demo = demo(40);
    let (_, household) = consolidated(&demo);
    let member = query_id(
        &demo.store,
        &format!("SELECT id FROM person WHERE household_id = {household} ORDER BY id LIMIT 1"),
    );
    let (name, village): (String, i64) = demo
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT p.first_name || ' ' || p.last_name, h.village_no
                 FROM person p JOIN household h ON h.id = p.household_id WHERE p.id = ?1",
                [member],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (form, list) = (dir.path().join("form.pdf"), dir.path().join("list.pdf"));
    let (mut d, _) = officer(&demo.store, vec![Some(form.clone()), Some(list.clone())]);
    d.send(Message::Navigate(Destination::Member(member)));
    d.click("พิมพ์แบบรับรองข้อมูลสมาชิก");
    let (number, _) = printed(&d);
    let text = tools::page_texts(&form).join("\n");
    assert_all(&text, &["แบบรับรองข้อมูลสมาชิก".to_string(), number]);
    assert!(
        squash(&text).contains(&squash(&name)) || text.contains(name.split(' ').next().unwrap()),
        "the member's name is on the form: {name}"
    );

    let household =
        query_id(&demo.store, &format!("SELECT household_id FROM person WHERE id = {member}"));
    d.send(Message::Navigate(Destination::Household(household)));
    d.click("พิมพ์บัญชีรายชื่อเวทีประชาคม");
    printed(&d);
    let text = tools::page_texts(&list).join("\n");
    assert_all(&text, &[format!("หมู่ที่ {village}")]);
}

#[test]
fn the_clearance_certificate_is_offered_once_the_loan_is_paid_off() {
    let demo = demo(20);
    let loan_id = query_id(
        &demo.store,
        "SELECT id FROM loan WHERE status = 'active' AND tranche_of IS NULL ORDER BY id LIMIT 1",
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clearance.pdf");
    let (mut d, _) = officer(&demo.store, vec![Some(out.clone())]);
    d.send(Message::Navigate(Destination::Loan(loan_id)));
    assert!(!d.shows("พิมพ์หนังสือรับรองการชำระหนี้เสร็จสิ้น"), "not while money is owed");

    let loan = demo.store.with(|c| loans::get(c, loan_id)).unwrap();
    // The member pays the payoff the file shows: that closes the loan (interest to today only).
    let payoff = demo.store.with(|c| loans::statement(c, &loan, TODAY)).unwrap().payoff;
    demo.store
        .write(|tx| {
            ledger::record(
                tx,
                &demo.officer,
                &NewPayment {
                    loan_id,
                    paid_on: TODAY,
                    amount: payoff,
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                },
                TODAY,
            )
        })
        .unwrap();
    let loan = demo.store.with(|c| loans::get(c, loan_id)).unwrap();
    assert_eq!(loan.status, LoanStatus::Closed, "paid off closes the loan");
    d.send(Message::Navigate(Destination::Loan(loan_id)));
    d.click("พิมพ์หนังสือรับรองการชำระหนี้เสร็จสิ้น");
    let (number, _) = printed(&d);
    let text = tools::page_texts(&out).join("\n");
    assert_all(&text, &[loan.contract_no.clone(), number]);
}

#[test]
fn a_plan_kept_prints_its_release_notice_then_its_certificate_and_the_member_may_borrow_again() {
    let demo = demo(200);
    let p = approved_plan(&demo);
    let schedule = demo.store.with(|c| loans::schedule(c, p.new.id)).unwrap();
    for inst in &schedule.installments[..3] {
        pay(&demo, p.new.id, inst.due_date, inst.payment());
    }
    let third = schedule.installments[2].due_date;
    let dir = tempfile::tempdir().unwrap();
    let (notice, certificate) = (dir.path().join("notice.pdf"), dir.path().join("cert.pdf"));
    let (mut d, _) = officer_on(&demo.store, vec![Some(notice.clone())], third);
    d.send(Message::Navigate(Destination::Loan(p.new.id)));
    assert!(!d.shows("พิมพ์หนังสือรับรองการชำระหนี้เสร็จสิ้น"), "not paid off yet");
    d.click("พิมพ์หนังสือแจ้งการปลดหนี้");
    let (number, _) = printed(&d);
    let text = tools::page_texts(&notice).join("\n");
    assert_all(&text, &["ครั้งที่ 1".to_string(), p.new.contract_no.clone(), number]);
    let borrower = p.new.borrower_id;
    let blocked = demo.store.with(|c| plans::check_eligibility(c, borrower));
    assert!(blocked.is_err(), "no new loan while the plan is being repaid");

    for inst in &schedule.installments[3..] {
        pay(&demo, p.new.id, inst.due_date, inst.payment());
    }
    let last = schedule.installments.last().unwrap().due_date;
    let (mut d, _) = officer_on(&demo.store, vec![Some(certificate.clone())], last);
    d.send(Message::Navigate(Destination::Loan(p.new.id)));
    assert!(d.shows("● หมดหนี้"), "the file shows the last stage");
    d.click("พิมพ์หนังสือรับรองการชำระหนี้เสร็จสิ้น");
    let (number, _) = printed(&d);
    let text = tools::page_texts(&certificate).join("\n");
    assert_all(&text, &["รับรองการชำระหนี้เสร็จสิ้น".to_string(), p.new.contract_no.clone(), number]);
    d.snapshot("print-02-plan-paid-off");
    demo.store.with(|c| plans::check_eligibility(c, borrower)).expect("free of debt: may borrow");
    d.send(Message::Navigate(Destination::Member(borrower)));
    d.click("ทำสัญญาเงินกู้ใหม่");
    assert!(matches!(d.app.screen, Screen::LoanForm(_)), "the loan form opens");
}
