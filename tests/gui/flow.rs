//! The "done when", driven through `iced_test`'s simulator as a new user would: set up the
//! institute, add a household with two members, give one a loan with a guarantor, record a
//! payment, see the receipt number and the new outstanding, find the member again by part of the
//! name. Clicks go to Thai labels, text is typed in Thai letter by letter. Run with
//! `ICED_TEST_BACKEND=tiny-skia` (CI does); pictures of each step are saved under
//! `target/gui-snapshots/` for looking at, and two of them are compared by hash with
//! `tests/snapshots/*.sha256` (delete a hash file to accept a deliberate change of look).

use crate::support;

use std::sync::Arc;

use iced::keyboard::key::Named;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::{
    admin::setup, debtors::find, debtors::household_form, debtors::loan_form, debtors::member_form,
    debtors::payment,
};
use plodnee::app::{Key, Message, Screen};
use plodnee::domain::Satang;
use plodnee::store::{Store, loans, persons};
use support::Driver;

#[test]
fn a_new_user_sets_up_lends_collects_and_finds_with_mouse_and_keyboard() {
    let store = Store::memory().unwrap();
    let mut d = Driver::new(store.clone(), Arc::new(Fake::default()));

    // First start: the institute.
    assert!(matches!(d.app.screen, Screen::Setup(_)));
    let first = d.snapshot("flow-01-first-start");
    assert!(
        first.matches_hash("tests/snapshots/first-start").unwrap(),
        "first-start screen changed"
    );
    d.click("ตั้งค่าสถาบัน");
    use setup::Input as S;
    d.type_into(S::Name.id(), "สถาบันการจัดการเงินทุนชุมชนบ้านโป่ง");
    d.type_into(S::Address.id(), "หมู่ 1 ตำบลบ้านโป่ง อำเภอบ้านโป่ง จังหวัดราชบุรี");
    d.type_into(S::Phone.id(), "๐๓๒-๑๒๓-๔๕๖");
    d.type_into(S::PromptPay.id(), "0812345678");
    d.type_into(S::ChairName.id(), "นายสมศักดิ์ ใจกว้าง");
    d.type_into(S::AdminName.id(), "นายสมศักดิ์ ใจกว้าง");
    d.type_into(S::Username.id(), "somsak");
    d.type_into(S::Password.id(), "รหัสลับ2568");
    d.type_into(S::PasswordAgain.id(), "รหัสลับ2568");
    d.snapshot("flow-02-institute-form");
    d.click("บันทึกและเริ่มใช้งาน");
    assert!(matches!(d.app.screen, Screen::Home(_)), "setup opens on the home screen");
    assert_eq!(d.app.session.as_ref().unwrap().user.username, "somsak");
    d.snapshot("flow-03-home-empty");

    // A household…
    d.click("เพิ่มครัวเรือน");
    assert!(matches!(d.app.screen, Screen::HouseholdForm(_)));
    use household_form::Input as H;
    d.type_into(H::HouseNo.id(), "12/3");
    d.type_into(H::VillageNo.id(), "3");
    d.type_into(H::Subdistrict.id(), "บ้านโป่ง");
    d.type_into(H::District.id(), "บ้านโป่ง");
    d.type_into(H::Province.id(), "ราชบุรี");
    d.press_in(H::Province.id(), Named::Enter); // Enter saves
    let Screen::Household(h) = &d.app.screen else { panic!("household file opens") };
    let household_id = h.id;

    // …with two members: the borrower and his wife (the guarantor).
    for (title, first, last, id) in
        [("นาย", "สมชาย", "ใจดี", "1-2345-67890-12-1"), ("นาง", "สมหญิง", "ใจดี", "3100600123450")]
    {
        d.click("เพิ่มสมาชิก");
        assert!(matches!(d.app.screen, Screen::MemberForm(_)));
        d.click(title);
        use member_form::Input as M;
        d.type_into(M::FirstName.id(), first);
        d.type_into(M::LastName.id(), last);
        d.type_into(M::NationalId.id(), id);
        if first == "สมชาย" {
            d.snapshot("flow-04a-member-form");
        }
        d.click("บันทึก (Enter)");
        assert!(matches!(d.app.screen, Screen::Household(_)), "back to the household");
    }
    assert!(d.shows("นายสมชาย ใจดี") && d.shows("นางสมหญิง ใจดี"));
    d.snapshot("flow-04-household");

    // A loan for สมชาย, guaranteed by สมหญิง.
    d.click("นายสมชาย ใจดี");
    assert!(matches!(d.app.screen, Screen::Member(_)));
    d.click("ทำสัญญาเงินกู้ใหม่");
    assert!(matches!(d.app.screen, Screen::LoanForm(_)));
    use loan_form::Input as L;
    d.type_into(L::Principal.id(), "๒๐,๐๐๐");
    d.clear(L::Periods.id()); // the fund's default is there: erase it with Backspace
    d.type_into(L::Periods.id(), "12");
    d.type_into(L::GuarantorQuery.id(), "สมหญิง");
    d.click("เพิ่มเป็นผู้ค้ำ");
    d.snapshot("flow-05-loan-form");
    d.click("บันทึกสัญญา (Enter)");
    let Screen::Loan(l) = &d.app.screen else { panic!("the new loan file opens") };
    let loan_id = l.id;
    assert!(d.shows("นางสมหญิง ใจดี"), "the guarantor is on the loan file");
    d.snapshot("flow-06-loan-file");

    // A payment, typed in Thai digits.
    d.click("รับชำระ");
    assert!(matches!(d.app.screen, Screen::Payment(_)));
    d.type_into(payment::Input::Amount.id(), "๑,๐๐๐");
    assert!(d.shows("การตัดชำระ (ก่อนบันทึก)"));
    if let Screen::Payment(p) = &d.app.screen {
        assert!(p.preview.is_some(), "the allocation shows before saving");
    }
    d.snapshot("flow-07-payment-preview");
    d.click("บันทึกรับชำระ (Enter)");
    let Screen::Payment(p) = &d.app.screen else { panic!("receipt stays on screen") };
    let receipt = p.receipt.clone().expect("saved");
    assert_eq!(receipt.receipt_no, "2568/000001");
    assert!(d.shows("2568/000001"), "the receipt number is shown");
    assert!(d.shows(&receipt.outstanding_after.to_string()), "and the new outstanding");
    let receipt_shot = d.snapshot("flow-08-receipt");
    assert!(
        receipt_shot.matches_hash("tests/snapshots/receipt").unwrap(),
        "receipt screen changed"
    );
    let stored = store.with(|c| loans::get(c, loan_id)).unwrap();
    assert_eq!(stored.outstanding, receipt.outstanding_after);
    assert!(stored.outstanding < Satang::from_baht(20_000));

    // Find the member again by part of the name (Ctrl+F, then type).
    d.send(Message::Key(Key::Find));
    assert!(matches!(d.app.screen, Screen::Find(_)));
    d.type_into(find::SEARCH_ID, "ชาย ใจ");
    assert!(d.shows("นายสมชาย ใจดี"));
    assert!(!d.shows("นางสมหญิง ใจดี"), "only สมชาย matches both words");
    d.snapshot("flow-09-find");
    d.click("นายสมชาย ใจดี");
    let Screen::Member(m) = &d.app.screen else { panic!("member file") };
    let borrower = store.with(|c| persons::of_household(c, household_id)).unwrap()[0].id;
    assert_eq!(m.id, borrower);
}

/// Keyboard only: Tab moves from the user name to the password in the same batch of key
/// presses (no focus task in between), Enter signs in, Esc goes back from a file.
#[test]
fn tab_enter_and_esc_work_without_the_mouse() {
    use iced_test::simulator::Simulator;
    use plodnee::app::screen::sign_in;
    let f = support::fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(support::settings(), d.size, d.app.view());
        ui.click(iced::widget::Id::new(sign_in::USERNAME_ID)).unwrap();
        ui.typewrite("officer");
        ui.tap_key(Named::Tab);
        ui.typewrite(support::OFFICER_PASSWORD);
        ui.tap_key(Named::Enter);
        ui.into_messages().collect()
    };
    for m in messages {
        d.send(m);
    }
    assert!(matches!(d.app.screen, Screen::Home(_)), "signed in with the keyboard only");
    d.send(Message::Navigate(plodnee::app::screen::Destination::Household(f.household_id)));
    d.send(Message::Key(Key::Escape));
    assert!(matches!(d.app.screen, Screen::Home(_)), "Esc goes back");
}
