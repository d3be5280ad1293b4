//! GUI state tests of the administration screens (update, then assert; database calls really
//! run): the per-fund statement and its PDF, user management (committee only), and editing a
//! household or a member from its file. One simulator test walks a committee member through
//! adding an officer who then signs in. Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;
use crate::tools;

use std::sync::Arc;

use iced::keyboard::key::Named;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::{
    Action, Destination, admin::users, debtors::household_form, debtors::member,
    debtors::member_form, reports::fund_statement,
};
use plodnee::app::{Message, Screen};
use plodnee::domain::role::Role;
use plodnee::store::{households, persons, users as user_store};
use support::{Driver, fixture, opened, runtime, send, session_with};

use fund_statement::FundStatementScreen as Statement;

fn statement(rt: &tokio::runtime::Runtime, f: &support::Fixture, dialogs: Fake) -> Statement {
    let session = session_with(f, &f.treasurer, dialogs);
    opened(rt, Statement::new(session, f.fund_id), Statement::update)
}

#[test]
fn the_fund_statement_shows_the_year_so_far_and_refuses_a_bad_period_beside_the_field() {
    let rt = runtime();
    let f = fixture();
    let mut s = statement(&rt, &f, Fake::default());
    let fs = s.statement.clone().expect("computed on opening");
    assert_eq!(fs.fund_name, "กองทุนหมู่บ้าน");
    assert_eq!(
        (s.form.get(fund_statement::Input::From), s.form.get(fund_statement::Input::To)),
        ("1/1/2568", "21/11/2568")
    );
    assert_eq!(fs.lent, plodnee::domain::Satang::from_baht(12_000), "the fixture's loan");
    assert_eq!(fs.received_direct.total(), plodnee::domain::Satang::from_baht(1_060));

    use fund_statement::Input::*;
    let _ = s.update(fund_statement::Message::Edit(From, "31/2/2568".into()));
    assert_eq!(s.form.error(From), Some("ไม่มีวันที่นี้ในปฏิทิน"));
    let _ = s.update(fund_statement::Message::Edit(From, "1/1/2025".into()));
    assert_eq!(s.form.error(From), None, "ค.ศ. is understood too");
    let _ = s.update(fund_statement::Message::Edit(To, "1/12/2567".into()));
    assert_eq!(s.form.error(To), Some("วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"));
    let action = send(&rt, &mut s, Statement::update, fund_statement::Message::Show);
    assert!(action.is_none());
    assert_eq!(s.statement.as_ref().unwrap().to, fs.to, "the shown statement stays");
    let _ = s.update(fund_statement::Message::Edit(To, "30/6/2568".into()));
    let _ = send(&rt, &mut s, Statement::update, fund_statement::Message::Show);
    let half = s.statement.as_ref().unwrap();
    assert_eq!(half.to, support::ymd(2025, 6, 30));
    assert_eq!(half.from, support::ymd(2025, 1, 1));
}

#[test]
fn the_fund_statement_pdf_is_saved_where_the_dialog_says_and_cancel_writes_nothing() {
    let rt = runtime();
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("รายงาน");
    let fake = Fake::answering(vec![None, Some(chosen)]);
    let mut s = statement(&rt, &f, fake.clone());

    let _ = send(&rt, &mut s, Statement::update, fund_statement::Message::SavePdf);
    assert!(s.saved.is_none() && !s.saving && s.error.is_none(), "cancelled");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");

    let _ = send(&rt, &mut s, Statement::update, fund_statement::Message::SavePdf);
    assert_eq!(s.error, None);
    let saved = s.saved.clone().expect("saved");
    assert_eq!(saved, dir.path().join("รายงาน.pdf"), ".pdf added to a bare name");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no part file left");
    let text = tools::page_texts(&saved).join("\n");
    assert!(text.contains("กองทุนหมู่บ้าน"), "{text}");
    assert_eq!(fake.asked.lock().unwrap().as_slice(), ["บันทึกรายงานกองทุนเป็น PDF"; 2]);
}

#[test]
fn an_officer_is_neither_offered_nor_let_into_users_or_fund_statements() {
    use plodnee::app::Key;
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.send(Message::SignIn(plodnee::app::screen::sign_in::Message::UsernameChanged(
        "officer".into(),
    )));
    d.send(Message::SignIn(plodnee::app::screen::sign_in::Message::PasswordChanged(
        support::OFFICER_PASSWORD.into(),
    )));
    d.send(Message::Key(Key::Enter));
    assert!(matches!(d.app.screen, Screen::Home(_)));
    assert!(!d.shows("ผู้ใช้งาน"), "no menu item");
    d.send(Message::Navigate(Destination::Users));
    assert!(matches!(d.app.screen, Screen::Home(_)), "sent anyway, refused");
    d.send(Message::Navigate(Destination::Funds));
    assert!(!d.shows("ดูรายงาน"));
    d.send(Message::Navigate(Destination::FundStatement { fund_id: f.fund_id }));
    assert!(matches!(d.app.screen, Screen::Funds(_)));
}

fn users_screen(rt: &tokio::runtime::Runtime, f: &support::Fixture) -> users::Users {
    opened(rt, users::Users::new(f.session(&f.committee)), users::Users::update)
}

#[test]
fn adding_a_user_with_passwords_that_differ_is_refused_and_saves_nothing() {
    let rt = runtime();
    let f = fixture();
    let mut s = users_screen(&rt, &f);
    assert_eq!(s.users.as_ref().unwrap().len(), 3);
    use users::Input::*;
    for (input, v) in [
        (Username, "somjai"),
        (FullName, "นางสาวสมใจ ขยัน"),
        (Password, "รหัสผ่านยาวพอ"),
        (PasswordAgain, "รหัสผ่านยาวพอ!"),
    ] {
        let _ = s.update(users::Message::Edit(input, v.into()));
    }
    let action = send(&rt, &mut s, users::Users::update, users::Message::Add);
    assert!(action.is_none());
    assert_eq!(s.form.error(PasswordAgain), Some("รหัสผ่านทั้งสองช่องไม่ตรงกัน"));
    let _ = s.update(users::Message::Edit(Password, "สั้น".into()));
    assert_eq!(s.form.error(Password), Some("รหัสผ่านต้องยาวอย่างน้อย 8 ตัวอักษร"));
    assert_eq!(f.store.with(|c| user_store::count(c)).unwrap(), 3, "nothing saved");
    // Corrected, as a treasurer; a taken name is said beside the name.
    let _ = s.update(users::Message::Edit(Password, "รหัสผ่านยาวพอ!".into()));
    let _ = s.update(users::Message::RoleSelected(Role::Treasurer));
    let _ = send(&rt, &mut s, users::Users::update, users::Message::Add);
    assert_eq!(s.notice.as_deref(), Some("เพิ่มผู้ใช้ somjai (เหรัญญิก) แล้ว"));
    assert_eq!(s.users.as_ref().unwrap().len(), 4);
    assert_eq!(s.form.get(Username), "", "the form is emptied for the next one");
    for (input, v) in [
        (Username, "officer"),
        (FullName, "ซ้ำ"),
        (Password, "12345678"),
        (PasswordAgain, "12345678"),
    ] {
        let _ = s.update(users::Message::Edit(input, v.into()));
    }
    let _ = send(&rt, &mut s, users::Users::update, users::Message::Add);
    assert_eq!(s.form.error(Username), Some("มีผู้ใช้ชื่อ officer อยู่แล้ว"));
}

#[test]
fn the_last_committee_user_cannot_be_deactivated_but_an_officer_can_and_comes_back() {
    let rt = runtime();
    let f = fixture();
    let mut s = users_screen(&rt, &f);
    let _ =
        send(&rt, &mut s, users::Users::update, users::Message::SetActive(f.committee.id, false));
    assert!(s.error.as_deref().unwrap().contains("อย่างน้อย 1 คน"));
    let active = |s: &users::Users, id| {
        s.users.as_ref().unwrap().iter().find(|u| u.id == id).unwrap().active
    };
    assert!(active(&s, f.committee.id));
    let _ = send(&rt, &mut s, users::Users::update, users::Message::SetActive(f.officer.id, false));
    assert_eq!(s.error, None);
    assert!(!active(&s, f.officer.id));
    let _ = send(&rt, &mut s, users::Users::update, users::Message::SetActive(f.officer.id, true));
    assert!(active(&s, f.officer.id));
    // A new password, typed twice.
    let _ = s.update(users::Message::StartReset(f.officer.id));
    let _ = s.update(users::Message::ResetEdit(users::Input::Password, "ใหม่-ยาวพอ-1".into()));
    let _ = send(&rt, &mut s, users::Users::update, users::Message::ConfirmReset);
    assert_eq!(s.reset_form.error(users::Input::PasswordAgain), Some("รหัสผ่านทั้งสองช่องไม่ตรงกัน"));
    let _ = s.update(users::Message::ResetEdit(users::Input::PasswordAgain, "ใหม่-ยาวพอ-1".into()));
    let _ = send(&rt, &mut s, users::Users::update, users::Message::ConfirmReset);
    assert_eq!(s.notice.as_deref(), Some("ตั้งรหัสผ่านใหม่ให้ officer แล้ว"));
    assert!(s.resetting.is_none());
    assert!(f.store.with(|c| user_store::sign_in(c, "officer", "ใหม่-ยาวพอ-1")).is_ok());
}

#[test]
fn editing_a_member_with_a_wrong_check_digit_is_refused_and_changes_nothing() {
    let rt = runtime();
    let f = fixture();
    let mut m = opened(
        &rt,
        member_form::MemberForm::edit(f.session(&f.officer), f.borrower_id),
        member_form::MemberForm::update,
    );
    use member_form::Input::*;
    assert_eq!(m.form.get(FirstName), "สมชาย", "prefilled");
    assert_eq!(m.form.get(NationalId), "1-2345-67890-12-1");
    assert_eq!(m.form.get(BirthDate), "2/5/2513");
    assert_eq!(m.title, Some("นาย"));
    let before = f.store.with(|c| persons::get(c, f.borrower_id)).unwrap();
    let _ = m.update(member_form::Message::Edit(FirstName, "สมชาติ".into()));
    let _ = m.update(member_form::Message::Edit(NationalId, "1-2345-67890-12-2".into()));
    let action = send(&rt, &mut m, member_form::MemberForm::update, member_form::Message::Save);
    assert!(action.is_none());
    assert!(m.form.error(NationalId).unwrap().contains("หลักตรวจสอบไม่ตรง"));
    assert_eq!(f.store.with(|c| persons::get(c, f.borrower_id)).unwrap(), before);
    assert!(matches!(m.update(member_form::Message::Cancel), Action::Back));
    assert_eq!(f.store.with(|c| persons::get(c, f.borrower_id)).unwrap(), before, "cancel");
}

#[test]
fn an_edited_member_and_household_are_saved_and_shown_with_the_new_values() {
    let rt = runtime();
    let f = fixture();
    let mut m = opened(
        &rt,
        member_form::MemberForm::edit(f.session(&f.officer), f.borrower_id),
        member_form::MemberForm::update,
    );
    let _ = m.update(member_form::Message::Edit(member_form::Input::Phone, "๐๘๙-๙๙๙-๐๐๐๐".into()));
    let action = send(&rt, &mut m, member_form::MemberForm::update, member_form::Message::Save);
    assert!(matches!(action, Action::Replace(Destination::Member(id)) if id == f.borrower_id));
    let file = opened(
        &rt,
        member::MemberFile::new(f.session(&f.officer), f.borrower_id),
        member::MemberFile::update,
    );
    assert_eq!(file.data.as_ref().unwrap().person.phone, "0899990000");
    let audit = f.store.with(|c| plodnee::store::audit::recent(c, 5)).unwrap();
    assert!(audit.iter().any(|e| e.action == "update_person" && e.detail.contains("โทรศัพท์")));

    let mut h = opened(
        &rt,
        household_form::HouseholdForm::edit(f.session(&f.officer), f.household_id),
        household_form::HouseholdForm::update,
    );
    use household_form::Input::*;
    assert_eq!(h.form.get(HouseNo), "12/3");
    let _ = h.update(household_form::Message::Edit(VillageNo, "๑๐๐".into()));
    let action =
        send(&rt, &mut h, household_form::HouseholdForm::update, household_form::Message::Save);
    assert!(action.is_none(), "same checks as a new household");
    let _ = h.update(household_form::Message::Edit(VillageNo, "4".into()));
    let _ = h.update(household_form::Message::Edit(HouseNo, "12/4".into()));
    let action =
        send(&rt, &mut h, household_form::HouseholdForm::update, household_form::Message::Save);
    assert!(matches!(action, Action::Replace(Destination::Household(id)) if id == f.household_id));
    let saved = f.store.with(|c| households::get(c, f.household_id)).unwrap();
    assert_eq!((saved.address.house_no.as_str(), saved.address.village_no), ("12/4", 4));
}

/// Through the simulator, as a committee member would: open ผู้ใช้งาน, add an officer, sign out,
/// and the new officer signs in with the password just given.
#[test]
fn a_committee_member_adds_an_officer_who_then_signs_in() {
    use plodnee::app::screen::sign_in;
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.type_into(sign_in::USERNAME_ID, "committee");
    d.type_into(sign_in::PASSWORD_ID, "committee-2568");
    d.press_in(sign_in::PASSWORD_ID, Named::Enter); // the title says เข้าสู่ระบบ too
    assert!(matches!(d.app.screen, Screen::Home(_)));
    d.click("ผู้ใช้งาน");
    assert!(matches!(d.app.screen, Screen::Users(_)));
    assert!(d.shows("นางสาวใจดี มีสุข"), "the users are listed");
    use users::Input as U;
    d.type_into(U::Username.id(), "somjai");
    d.type_into(U::FullName.id(), "นางสาวสมใจ ขยันยิ่ง");
    d.type_into(U::Password.id(), "รหัสลับ2568");
    d.type_into(U::PasswordAgain.id(), "รหัสลับ2568");
    d.snapshot("admin-01-users-add");
    d.click("เพิ่มผู้ใช้ (Enter)");
    let Screen::Users(u) = &d.app.screen else { panic!("still on users") };
    assert_eq!(u.notice.as_deref(), Some("เพิ่มผู้ใช้ somjai (เจ้าหน้าที่) แล้ว"), "{:?}", u.error);
    assert!(d.shows("นางสาวสมใจ ขยันยิ่ง"), "the new user is in the list");
    d.snapshot("admin-02-users-added");
    d.click("ออกจากระบบ");
    assert!(matches!(d.app.screen, Screen::SignIn(_)));
    d.type_into(sign_in::USERNAME_ID, "somjai");
    d.type_into(sign_in::PASSWORD_ID, "รหัสลับ2568");
    d.press_in(sign_in::PASSWORD_ID, Named::Enter); // the title says เข้าสู่ระบบ too
    let session = d.app.session.as_ref().expect("signed in");
    assert_eq!((session.user.username.as_str(), session.user.role), ("somjai", Role::Officer));
    assert!(!d.shows("ผู้ใช้งาน"), "an officer is not offered users");

    // Screens to look at: the statement, and a member being edited.
    d.send(Message::SignOut);
    d.type_into(sign_in::USERNAME_ID, "treasurer");
    d.type_into(sign_in::PASSWORD_ID, "treasurer-2568");
    d.press_in(sign_in::PASSWORD_ID, Named::Enter); // the title says เข้าสู่ระบบ too
    d.send(Message::Navigate(Destination::Funds));
    d.snapshot("admin-03-funds");
    d.click("ดูรายงาน");
    assert!(matches!(d.app.screen, Screen::FundStatement(_)));
    d.snapshot("admin-04-fund-statement");
    d.send(Message::Navigate(Destination::Member(f.borrower_id)));
    d.click("แก้ไข");
    assert!(matches!(d.app.screen, Screen::MemberForm(_)));
    d.snapshot("admin-05-member-edit");
}
