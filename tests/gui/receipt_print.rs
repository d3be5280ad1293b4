//! The payment-saved screen's พิมพ์ใบเสร็จ button (issue 17 §B8, §B9): the receipt PDF is written
//! where the user chose and opened, and it names the debtor and the contract; on a desktop with
//! no file dialog it goes into the documents folder and the line under the button says where,
//! with a missing PDF viewer reported there too. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;
use crate::tools;

use std::sync::Arc;

use plodnee::app::Screen;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::debtors::payment::{self, Printed};
use plodnee::store::loans;
use support::{Driver, OFFICER_PASSWORD, fixture};

fn pay(d: &mut Driver, loan_id: i64) {
    d.sign_in("officer", OFFICER_PASSWORD);
    d.send(plodnee::app::Message::Navigate(Destination::RecordPayment(loan_id)));
    d.type_into(payment::Input::Amount.id(), "๑,๐๐๐");
    d.click("บันทึกรับชำระ (Enter)");
}

fn printed(d: &Driver) -> Option<Printed> {
    let Screen::Payment(p) = &d.app.screen else { panic!("on the payment screen") };
    assert!(p.receipt.is_some(), "the payment was saved");
    p.printed.clone()
}

#[test]
fn the_printed_receipt_names_the_debtor_and_the_contract() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("ใบเสร็จ.pdf");
    let fake = Fake::answering(vec![Some(chosen.clone())]);
    let mut d = Driver::new(f.store.clone(), Arc::new(fake.clone()));
    pay(&mut d, f.loan_id);
    d.click("พิมพ์ใบเสร็จ");
    let Some(Printed::Saved(path, note)) = printed(&d) else { panic!("{:?}", printed(&d)) };
    assert_eq!(path, chosen);
    assert!(d.shows(&note), "where it went is said under the button");
    assert_eq!(fake.opened(), vec![chosen.clone()], "and it is opened");
    let text = tools::page_texts(&chosen).join("\n");
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert!(text.contains("ใบเสร็จรับเงิน"), "{text}");
    assert!(text.contains("นายสมชาย ใจดี"), "{text}");
    assert!(text.contains(&loan.contract_no), "{text}");
}

#[test]
fn with_no_dialog_the_receipt_goes_to_the_documents_folder_and_a_viewer_error_shows_beside_the_button()
 {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("เอกสาร");
    let fake = Fake::without_dialog(documents.clone()).viewer_failing("ไม่พบโปรแกรมสำหรับเปิดไฟล์ PDF");
    let mut d = Driver::new(f.store.clone(), Arc::new(fake.clone()));
    pay(&mut d, f.loan_id);
    d.click("พิมพ์ใบเสร็จ");
    let Some(Printed::Failed(message)) = printed(&d) else { panic!("{:?}", printed(&d)) };
    let Screen::Payment(p) = &d.app.screen else { panic!("payment screen") };
    let stem = format!("ใบเสร็จ {}", p.receipt.as_ref().unwrap().receipt_no.replace('/', "-"));
    let saved = documents.join(format!("{stem}.pdf"));
    assert!(saved.is_file(), "{message}");
    assert_eq!(
        message,
        format!(
            "เครื่องนี้เปิดหน้าต่างเลือกที่บันทึกไฟล์ไม่ได้ (ไม่มี xdg-desktop-portal หรือ zenity) จึงบันทึกไว้ที่ {} แต่ไม่พบโปรแกรมสำหรับเปิดไฟล์ PDF",
            saved.display()
        )
    );
    assert!(d.shows(&message), "the error is beside the button");
    d.snapshot("receipt-print-no-dialog");
    assert!(fake.asked.lock().unwrap().is_empty(), "no dialog was tried");
    assert!(tools::page_texts(&saved).join("\n").contains("นายสมชาย ใจดี"));
    // A second print does not overwrite the first.
    d.click("พิมพ์ใบเสร็จ");
    assert!(documents.join(format!("{stem} (2).pdf")).is_file());
}
