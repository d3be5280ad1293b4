//! GUI state tests: each screen's `update` driven with messages (database calls really run on an
//! in-memory fixture), asserting what the screen holds and what it asks the app to do. Bad input
//! of every kind the issue names is here: a wrong national-id check digit, a 16% rate, the amount
//! `12,34.5`, a payment date in the future, a payment larger than the debt.

use crate::support;

use std::path::PathBuf;
use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::{
    Action, Destination, admin::setup, debtors::find, debtors::household, debtors::household_form,
    debtors::loan, debtors::loan_form, debtors::member, debtors::member_form, debtors::payment,
    home, reports::funds, sign_in,
};
use plodnee::domain::Satang;
use plodnee::domain::schedule::Frequency;
use plodnee::store::{Store, ledger, loans, persons};
use support::{Fixture, fixture, runtime, send, settle, today};

/// Runs `new`'s task and then `update`s until quiet.
macro_rules! open {
    ($rt:expr, $pair:expr) => {{
        let (mut screen, task) = $pair;
        let _ = settle(&$rt, Action::Run(task), &mut |m| screen.update(m));
        screen
    }};
}

// ---------------------------------------------------------------- setup

fn setup_screen(store: Store) -> setup::Setup {
    setup::Setup::new(store, Arc::new(Fake::default()), today())
}

#[test]
fn setup_refuses_to_save_until_every_field_is_valid() {
    let rt = runtime();
    let store = Store::memory().unwrap();
    let mut s = setup_screen(store.clone());
    let _ = s.update(setup::Message::Choose(setup::Step::Institute));
    let _ = s.update(setup::Message::Edit(setup::Input::Phone, "12345".into()));
    let _ = s.update(setup::Message::Edit(setup::Input::PromptPay, "081234".into()));
    let _ = s.update(setup::Message::Edit(setup::Input::Password, "abc".into()));
    let action = send(&rt, &mut s, setup::Setup::update, setup::Message::Save);
    assert!(action.is_none(), "nothing is saved");
    use setup::Input::*;
    for input in [Name, Phone, PromptPay, ChairName, AdminName, Username, Password] {
        assert!(s.form.error(input).is_some(), "{input:?} has a message");
    }
    assert!(s.form.error(Phone).unwrap().contains("เบอร์โทรศัพท์"));
    assert!(s.form.error(PromptPay).unwrap().contains("พร้อมเพย์"));
    assert!(store.with(|c| plodnee::store::institute::get(c)).unwrap().is_none());
}

#[test]
fn setup_saves_the_institute_funds_and_committee_user_and_signs_in() {
    let rt = runtime();
    let store = Store::memory().unwrap();
    let mut s = setup_screen(store.clone());
    use setup::Input::*;
    for (input, value) in [
        (Name, "สถาบันการจัดการเงินทุนชุมชนบ้านโป่ง"),
        (Phone, "032-123-456"),
        (PromptPay, "081-234-5678"),
        (ChairName, "นายประธาน ใหญ่ยิ่ง"),
        (AdminName, "นายประธาน ใหญ่ยิ่ง"),
        (Username, "chair"),
        (Password, "รหัสผ่านยาวพอ"),
        (PasswordAgain, "รหัสผ่านยาวพอ"),
    ] {
        let _ = s.update(setup::Message::Edit(input, value.into()));
    }
    let _ =
        s.update(setup::Message::FundToggled(plodnee::domain::loan::FundKind::SavingsGroup, true));
    assert!(!s.form.has_errors());
    let action = send(&rt, &mut s, setup::Setup::update, setup::Message::Save);
    let Action::SignedIn(user) = action else { panic!("signed in, got {action:?}") };
    assert_eq!(user.username, "chair");
    assert_eq!(user.role, plodnee::domain::role::Role::Committee);
    let (inst, funds, signers) = store
        .with(|c| {
            Ok((
                plodnee::store::institute::get(c)?.unwrap(),
                plodnee::store::funds::list(c)?,
                plodnee::store::institute::signatories(c)?,
            ))
        })
        .unwrap();
    assert_eq!(inst.promptpay_id, "0812345678");
    assert_eq!(inst.phone, "032123456");
    assert_eq!(funds.len(), 2, "village fund (default) and savings group");
    assert_eq!(signers[0].position, "ประธานกรรมการ");
}

#[test]
fn setup_loads_a_logo_through_the_file_dialog_trait() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("logo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nrest-of-file").unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, b"hello").unwrap();
    let fake = Fake::answering(vec![Some(png), Some(text), None]);
    let mut s = setup::Setup::new(Store::memory().unwrap(), Arc::new(fake.clone()), today());
    let _ = send(&rt, &mut s, setup::Setup::update, setup::Message::PickLogo);
    assert_eq!(s.logo.as_ref().map(|l| l.0.as_str()), Some("logo.png"));
    let _ = send(&rt, &mut s, setup::Setup::update, setup::Message::PickLogo);
    assert_eq!(s.error.as_deref(), Some("ไฟล์ที่เลือกไม่ใช่รูปภาพ PNG"));
    assert_eq!(s.logo.as_ref().map(|l| l.0.as_str()), Some("logo.png"), "kept");
    let _ = send(&rt, &mut s, setup::Setup::update, setup::Message::PickLogo);
    assert_eq!(fake.asked.lock().unwrap().len(), 3, "cancelled dialog changes nothing");
}

#[test]
fn setup_loads_demo_data_with_progress_and_signs_in() {
    let rt = runtime();
    let store = Store::memory().unwrap();
    let mut s = setup_screen(store.clone());
    let _ = s.update(setup::Message::Choose(setup::Step::Demo));
    let _ = s.update(setup::Message::Edit(setup::Input::DemoHouseholds, "๐".into()));
    let action = s.update(setup::Message::LoadDemo);
    assert!(action.is_none());
    assert!(s.form.error(setup::Input::DemoHouseholds).is_some(), "zero households refused");
    let _ = s.update(setup::Message::Edit(setup::Input::DemoHouseholds, "๒๐".into()));
    let _ = send(&rt, &mut s, setup::Setup::update, setup::Message::LoadDemo);
    let outcome = s.demo.clone().expect("demo loaded");
    assert_eq!(outcome.households, 20);
    assert!(s.demo_progress.is_some(), "progress was reported");
    let action = s.update(setup::Message::Start);
    assert!(
        matches!(action, Action::SignedIn(u) if u.role == plodnee::domain::role::Role::Committee)
    );
}

// ---------------------------------------------------------------- sign-in

#[test]
fn sign_in_says_why_and_clears_the_password_on_failure() {
    let rt = runtime();
    let f = fixture();
    let (mut s, _) = sign_in::SignIn::new(f.store.clone(), "สถาบัน".into());
    let action = send(&rt, &mut s, sign_in::SignIn::update, sign_in::Message::Submit);
    assert!(action.is_none());
    assert_eq!(s.error.as_deref(), Some("กรุณากรอกชื่อผู้ใช้"));
    let _ = s.update(sign_in::Message::UsernameChanged("officer".into()));
    let _ = s.update(sign_in::Message::PasswordChanged("wrong-password".into()));
    let action = send(&rt, &mut s, sign_in::SignIn::update, sign_in::Message::Submit);
    assert!(action.is_none());
    assert_eq!(s.error.as_deref(), Some("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"));
    assert!(s.password.is_empty());
    let _ = s.update(sign_in::Message::PasswordChanged(support::OFFICER_PASSWORD.into()));
    let action = send(&rt, &mut s, sign_in::SignIn::update, sign_in::Message::Submit);
    assert!(matches!(action, Action::SignedIn(u) if u.username == "officer"));
}

// ---------------------------------------------------------------- home

#[test]
fn home_counts_sums_buckets_and_lists_overdue_files() {
    let rt = runtime();
    let f = fixture();
    let mut h = open!(rt, home::Home::new(f.session(&f.officer), &Default::default()));
    let s = h.summary.clone().expect("summary");
    assert_eq!((s.households, s.members, s.open_loans), (2, 3, 1));
    assert_eq!(s.outstanding, Satang::from_baht(11_000));
    assert_eq!(s.overdue_loans, 1);
    assert_eq!(s.over_three_installments, 1, "nine installments overdue");
    // Installments 2–10 (15 Mar – 15 Nov 2025) are unpaid: principal 1,000 each plus interest.
    assert!(s.overdue_amount > Satang::from_baht(9_000));
    let bucket = s.buckets.iter().find(|b| b.loans == 1).expect("one bucket holds the loan");
    assert_eq!(bucket.bucket, plodnee::domain::statement::Bucket::Over180);
    assert_eq!(s.collected_month, Satang::ZERO);
    let list = h.worklist.clone().expect("worklist");
    assert_eq!(list.total, 1);
    assert_eq!(list.files[0].days_past_due, (today() - support::ymd(2025, 3, 15)).num_days());
    let action = h.update(home::Message::Open(Destination::Loan(f.loan_id)));
    assert!(matches!(action, Action::Open(Destination::Loan(id)) if id == f.loan_id));
}

// ---------------------------------------------------------------- find

#[test]
fn find_shows_results_as_you_type_and_drops_late_answers() {
    let rt = runtime();
    let f = fixture();
    let mut s = open!(rt, find::Find::new(f.session(&f.officer), String::new()));
    let _ = send(&rt, &mut s, find::Find::update, find::Message::QueryChanged("สมห".into()));
    assert_eq!(s.result.total, 1);
    assert_eq!(s.result.hits[0].name, "นางสมหญิง ใจดี");
    assert_eq!(s.result.hits[0].national_id_masked, "X-XXXX-XXXX3-45-0");
    // An answer to an older keystroke arriving late is ignored.
    let stale = find::Message::Results(s.generation - 1, Ok(Default::default()));
    let _ = s.update(stale);
    assert_eq!(s.result.total, 1);
    // By house number and หมู่, by phone, by id with dashes.
    let _ = send(&rt, &mut s, find::Find::update, find::Message::QueryChanged("ใจดี หมู่ 3".into()));
    assert_eq!(s.result.total, 2);
    let _ = send(&rt, &mut s, find::Find::update, find::Message::QueryChanged("089-999".into()));
    assert_eq!(s.result.hits[0].person_id, f.neighbour_id);
    let _ = send(&rt, &mut s, find::Find::update, find::Message::QueryChanged("ใจดี".into()));
    let _ = s.update(find::Message::Move(1));
    let _ = s.update(find::Message::Move(5));
    assert_eq!(s.selected, 1, "selection stops at the last hit");
    let action = s.update(find::Message::OpenSelected);
    let Action::Open(Destination::Member(id)) = action else { panic!("{action:?}") };
    assert_eq!(id, s.result.hits[1].person_id);
    let _ = send(&rt, &mut s, find::Find::update, find::Message::QueryChanged("  ".into()));
    assert_eq!(s.result.total, 0);
    assert!(s.searched.is_none());
}

// ---------------------------------------------------------------- household

#[test]
fn household_file_shows_members_loans_and_guarantor_duties() {
    let rt = runtime();
    let f = fixture();
    let h = open!(rt, household::HouseholdFile::new(f.session(&f.officer), f.household_id));
    let data = h.data.as_ref().expect("loaded");
    assert_eq!(data.members.len(), 2);
    assert_eq!(data.household.head_person_id, Some(f.borrower_id));
    assert_eq!(data.loans.len(), 1);
    assert!(data.duties.is_empty());
    let other =
        open!(rt, household::HouseholdFile::new(f.session(&f.officer), f.other_household_id));
    let data = other.data.as_ref().unwrap();
    assert_eq!(data.duties.len(), 1, "มานะ guarantees the loan of household 12/3");
    assert_eq!(data.duties[0].0, "นายมานะ รักดี");
    let missing = open!(rt, household::HouseholdFile::new(f.session(&f.officer), 999));
    assert_eq!(missing.error.as_deref(), Some("ไม่พบครัวเรือน"));
}

// ---------------------------------------------------------------- member

#[test]
fn member_file_masks_the_id_and_logs_when_it_is_revealed() {
    let rt = runtime();
    let f = fixture();
    let mut m = open!(rt, member::MemberFile::new(f.session(&f.officer), f.borrower_id));
    let data = m.data.as_ref().expect("loaded");
    assert_eq!(data.person.masked_id(), "X-XXXX-XXXX0-12-1");
    assert_eq!(data.loans.len(), 1);
    assert_eq!(data.payments.len(), 1);
    assert!(m.revealed.is_none());
    let views = |store: &Store| {
        store
            .with(|c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'view_national_id'",
                    [],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .unwrap()
    };
    assert_eq!(views(&f.store), 0);
    let _ = send(&rt, &mut m, member::MemberFile::update, member::Message::RevealId);
    assert_eq!(m.revealed.map(|id| id.formatted()).as_deref(), Some("1-2345-67890-12-1"));
    assert_eq!(views(&f.store), 1, "the look is in the audit log");
    let _ = m.update(member::Message::HideId);
    assert!(m.revealed.is_none());
    let guarantor = open!(rt, member::MemberFile::new(f.session(&f.officer), f.neighbour_id));
    assert_eq!(guarantor.data.as_ref().unwrap().guarantees.len(), 1);
}

// ---------------------------------------------------------------- loan

#[test]
fn loan_file_states_the_debt_as_of_any_date() {
    let rt = runtime();
    let f = fixture();
    let mut l = open!(rt, loan::LoanFile::new(f.session(&f.officer), f.loan_id));
    let data = l.data.as_ref().expect("loaded");
    assert_eq!(data.parties.len(), 1);
    assert_eq!(data.collateral.len(), 1);
    assert_eq!(data.payments.len(), 1);
    let st = &data.statement;
    assert_eq!(st.outstanding_principal, Satang::from_baht(11_000));
    assert_eq!(st.overdue_installments, 9);
    assert!(st.payoff > st.outstanding_principal);
    let payoff_today = st.payoff;
    let _ =
        send(&rt, &mut l, loan::LoanFile::update, loan::Message::AsOfChanged("31/02/2568".into()));
    assert_eq!(l.as_of_error.as_deref(), Some("ไม่มีวันที่นี้ในปฏิทิน"));
    let _ = send(
        &rt,
        &mut l,
        loan::LoanFile::update,
        loan::Message::AsOfChanged("1 มีนาคม 2568".into()),
    );
    assert!(l.as_of_error.is_none());
    let st = &l.data.as_ref().unwrap().statement;
    assert_eq!(st.as_of, support::ymd(2025, 3, 1));
    assert_eq!(st.overdue_installments, 0);
    assert!(st.payoff < payoff_today);
    let _ = send(&rt, &mut l, loan::LoanFile::update, loan::Message::AsOfToday);
    assert_eq!(l.data.as_ref().unwrap().statement.payoff, payoff_today);
}

#[test]
fn only_a_treasurer_reverses_and_a_reversal_needs_a_reason() {
    let rt = runtime();
    let f = fixture();
    let mut l = open!(rt, loan::LoanFile::new(f.session(&f.officer), f.loan_id));
    let _ = l.update(loan::Message::StartReversal(f.payment_id));
    assert!(l.reversal.is_none(), "an officer is not offered a reversal");

    let mut l = open!(rt, loan::LoanFile::new(f.session(&f.treasurer), f.loan_id));
    let _ = l.update(loan::Message::StartReversal(f.payment_id));
    let _ = send(&rt, &mut l, loan::LoanFile::update, loan::Message::ConfirmReversal);
    assert_eq!(l.reversal.as_ref().unwrap().error.as_deref(), Some("กรุณาระบุเหตุผลของการยกเลิก"));
    let _ = l.update(loan::Message::ReasonChanged("บันทึกผิดสัญญา".into()));
    let _ = send(&rt, &mut l, loan::LoanFile::update, loan::Message::ConfirmReversal);
    assert!(l.reversal.is_none());
    let data = l.data.as_ref().unwrap();
    assert_eq!(data.payments.len(), 1, "the original stays on record");
    let reversal = data.payments[0].reversal.as_ref().expect("shown as reversed");
    assert_eq!(reversal.reason, "บันทึกผิดสัญญา");
    assert_eq!(data.statement.outstanding_principal, Satang::from_baht(12_000));
    assert!(matches!(l.cancel(), Action::Back));
}

// ---------------------------------------------------------------- payment

fn payment_screen(rt: &tokio::runtime::Runtime, f: &Fixture) -> payment::RecordPayment {
    open!(*rt, payment::RecordPayment::new(f.session(&f.officer), f.loan_id))
}

fn edit(
    rt: &tokio::runtime::Runtime,
    p: &mut payment::RecordPayment,
    input: payment::Input,
    v: &str,
) {
    let _ = send(rt, p, payment::RecordPayment::update, payment::Message::Edit(input, v.into()));
}

#[test]
fn payment_amounts_typed_wrongly_are_refused_beside_the_field() {
    let rt = runtime();
    let f = fixture();
    let mut p = payment_screen(&rt, &f);
    edit(&rt, &mut p, payment::Input::Amount, "12,34.5");
    assert_eq!(
        p.form.error(payment::Input::Amount),
        Some("ใส่เครื่องหมายจุลภาคไม่ถูกต้อง ตัวอย่างที่ถูก: 1,234.50")
    );
    assert!(p.preview.is_none());
    edit(&rt, &mut p, payment::Input::Amount, "0");
    assert_eq!(p.form.error(payment::Input::Amount), Some("จำนวนเงินต้องมากกว่าศูนย์"));
    edit(&rt, &mut p, payment::Input::Amount, "สองพัน");
    assert!(p.form.error(payment::Input::Amount).is_some());
    let action = send(&rt, &mut p, payment::RecordPayment::update, payment::Message::Save);
    assert!(action.is_none());
    assert!(p.receipt.is_none(), "nothing saved");
}

#[test]
fn a_payment_dated_in_the_future_or_before_the_contract_is_refused() {
    let rt = runtime();
    let f = fixture();
    let mut p = payment_screen(&rt, &f);
    edit(&rt, &mut p, payment::Input::Amount, "1,000");
    edit(&rt, &mut p, payment::Input::Date, "22/11/2568");
    assert_eq!(p.form.error(payment::Input::Date), Some("วันที่รับชำระเป็นวันในอนาคตไม่ได้"));
    edit(&rt, &mut p, payment::Input::Date, "1/1/2568");
    assert!(p.form.error(payment::Input::Date).unwrap().contains("ก่อนวันเริ่มสัญญา"));
    edit(&rt, &mut p, payment::Input::Date, "21/11/68");
    assert!(p.form.error(payment::Input::Date).unwrap().contains("ปี 4 หลัก"));
    let _ = send(&rt, &mut p, payment::RecordPayment::update, payment::Message::Save);
    assert!(p.receipt.is_none());
}

#[test]
fn a_payment_larger_than_the_debt_is_refused_by_the_preview() {
    let rt = runtime();
    let f = fixture();
    let mut p = payment_screen(&rt, &f);
    edit(&rt, &mut p, payment::Input::Amount, "50,000");
    let message = p.form.error(payment::Input::Amount).expect("overpayment shown");
    assert!(message.contains("มากกว่าหนี้ทั้งหมด"), "{message}");
    assert!(p.preview.is_none());
}

#[test]
fn a_payment_typed_in_thai_digits_shows_its_allocation_and_gets_a_receipt() {
    let rt = runtime();
    let f = fixture();
    let mut p = payment_screen(&rt, &f);
    let _ = p.update(payment::Message::ChannelSelected(plodnee::domain::loan::Channel::PromptPay));
    edit(&rt, &mut p, payment::Input::Amount, "๒,๐๐๐.๕๐");
    let preview = p.preview.clone().expect("allocation before saving");
    assert_eq!(preview.amount, Satang(200_050));
    // s.329: default interest, then interest, then principal, oldest installment first.
    assert_eq!(preview.slices[0].installment, Some(2));
    assert_eq!(preview.slices[0].part, plodnee::domain::statement::Part::DefaultInterest);
    let _ = send(&rt, &mut p, payment::RecordPayment::update, payment::Message::Save);
    let receipt = p.receipt.clone().expect("saved");
    assert_eq!(receipt.receipt_no, "2568/000002");
    assert!(receipt.outstanding_after < Satang::from_baht(11_000));
    let stored = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[1].channel, plodnee::domain::loan::Channel::PromptPay);
    assert!(matches!(p.submit(), Action::Replace(Destination::Loan(id)) if id == f.loan_id));
}

// ---------------------------------------------------------------- forms

#[test]
fn household_form_checks_every_field_and_saves_then_opens_the_household() {
    let rt = runtime();
    let f = fixture();
    let mut h = open!(rt, household_form::HouseholdForm::new(f.session(&f.officer)));
    use household_form::Input::*;
    assert_eq!(h.form.get(Province), "ราชบุรี", "area from the last household");
    let _ = h.update(household_form::Message::Edit(Province, String::new()));
    let _ = h.update(household_form::Message::Edit(VillageNo, "0".into()));
    let _ = h.update(household_form::Message::Edit(Postcode, "7011".into()));
    let action =
        send(&rt, &mut h, household_form::HouseholdForm::update, household_form::Message::Save);
    assert!(action.is_none());
    assert_eq!(h.form.error(HouseNo), Some("กรุณากรอกบ้านเลขที่"));
    assert_eq!(h.form.error(VillageNo), Some("หมู่ที่ต้องเป็นตัวเลข 1–99"));
    assert_eq!(h.form.error(Province), Some("กรุณากรอกจังหวัด"));
    assert_eq!(h.form.error(Postcode), Some("รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก"));
    for (input, v) in
        [(HouseNo, "๙๙/๑"), (VillageNo, "๗"), (Province, "จังหวัดราชบุรี"), (Postcode, "70110")]
    {
        let _ = h.update(household_form::Message::Edit(input, v.into()));
    }
    let action =
        send(&rt, &mut h, household_form::HouseholdForm::update, household_form::Message::Save);
    let Action::Replace(Destination::Household(id)) = action else { panic!("{action:?}") };
    let saved = f.store.with(|c| plodnee::store::households::get(c, id)).unwrap();
    assert_eq!(saved.address.house_no, "99/1");
    assert_eq!(saved.address.village_no, 7);
    assert_eq!(saved.address.province, "ราชบุรี", "the typed prefix is not stored twice");
    assert!(matches!(h.update(household_form::Message::Cancel), Action::Back));
}

#[test]
fn member_form_checks_the_national_id_check_digit_and_dates() {
    let rt = runtime();
    let f = fixture();
    let mut m = open!(rt, member_form::MemberForm::new(f.session(&f.officer), f.household_id));
    use member_form::Input::*;
    let _ = m.update(member_form::Message::Edit(NationalId, "1-2345-67890-12-2".into()));
    assert_eq!(
        m.form.error(NationalId),
        Some("เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง) กรุณาตรวจทานอีกครั้ง")
    );
    let _ = m.update(member_form::Message::Edit(BirthDate, "1/1/2570".into()));
    assert_eq!(m.form.error(BirthDate), Some("วันเกิดอยู่ในอนาคต กรุณาตรวจปี พ.ศ. อีกครั้ง"));
    let _ = m.update(member_form::Message::Edit(Phone, "1234".into()));
    let action = send(&rt, &mut m, member_form::MemberForm::update, member_form::Message::Save);
    assert!(action.is_none());
    assert!(m.form.error(Title).is_some() && m.form.error(FirstName).is_some());
    // A valid id that belongs to someone else is refused by the database, beside the id.
    let _ = m.update(member_form::Message::TitleSelected("นางสาว"));
    let _ = m.update(member_form::Message::Edit(FirstName, "สมใจ".into()));
    let _ = m.update(member_form::Message::Edit(LastName, "ใจดี".into()));
    let _ = m.update(member_form::Message::Edit(NationalId, "1234567890121".into()));
    let _ = m.update(member_form::Message::Edit(BirthDate, "2/5/2548".into()));
    let _ = m.update(member_form::Message::Edit(Phone, "๐๘๑-๑๑๑-๒๒๒๒".into()));
    let action = send(&rt, &mut m, member_form::MemberForm::update, member_form::Message::Save);
    assert!(action.is_none());
    assert!(m.form.error(NationalId).unwrap().contains("เป็นของ นายสมชาย ใจดี"));
    let _ = m.update(member_form::Message::Edit(NationalId, "".into()));
    let action = send(&rt, &mut m, member_form::MemberForm::update, member_form::Message::Save);
    assert!(matches!(action, Action::Replace(Destination::Household(id)) if id == f.household_id));
    let members = f.store.with(|c| persons::of_household(c, f.household_id)).unwrap();
    assert_eq!(members.len(), 3);
    assert_eq!(members[2].phone, "0811112222");
}

fn loan_form(rt: &tokio::runtime::Runtime, f: &Fixture) -> loan_form::LoanForm {
    open!(*rt, loan_form::LoanForm::new(f.session(&f.officer), f.spouse_id))
}

#[test]
fn loan_form_refuses_a_rate_above_fifteen_percent() {
    let rt = runtime();
    let f = fixture();
    let mut l = loan_form(&rt, &f);
    assert!(l.fund.is_some(), "the only fund is chosen, its terms filled in");
    assert_eq!(l.form.get(loan_form::Input::Rate), "6");
    let _ = l.update(loan_form::Message::Edit(loan_form::Input::Principal, "20,000".into()));
    assert!(matches!(l.preview, Some(Ok(_))));
    let _ = l.update(loan_form::Message::Edit(loan_form::Input::Rate, "16".into()));
    assert_eq!(
        l.form.error(loan_form::Input::Rate),
        Some("อัตราดอกเบี้ยเกินร้อยละ 15 ต่อปี ซึ่งกฎหมายห้าม (ป.พ.พ. มาตรา 654)")
    );
    assert!(l.preview.is_none(), "no schedule for unlawful terms");
    let action = send(&rt, &mut l, loan_form::LoanForm::update, loan_form::Message::Save);
    assert!(action.is_none());
    let count = f.store.with(|c| loans::count(c)).unwrap();
    assert_eq!(count, 1, "nothing saved");
    let _ = l.update(loan_form::Message::Edit(loan_form::Input::Periods, "0".into()));
    assert!(l.form.error(loan_form::Input::Periods).is_some());
}

#[test]
fn loan_form_previews_a_yearly_schedule_and_saves_guarantors_and_collateral() {
    let rt = runtime();
    let f = fixture();
    let mut l = loan_form(&rt, &f);
    use loan_form::Input::*;
    let _ = l.update(loan_form::Message::Edit(Principal, "๑๐,๐๐๐".into()));
    let _ = l.update(loan_form::Message::FrequencySelected(Frequency::Yearly));
    let _ = l.update(loan_form::Message::Edit(Periods, "3".into()));
    let Some(Ok(schedule)) = &l.preview else { panic!("preview") };
    assert_eq!(schedule.installments.len(), 3);
    assert_eq!(schedule.installments[0].due_date, support::ymd(2026, 11, 21));
    assert_eq!(schedule.total_principal(), Satang::from_baht(10_000));
    // The borrower cannot guarantee herself; a neighbour found by name can.
    let _ = send(
        &rt,
        &mut l,
        loan_form::LoanForm::update,
        loan_form::Message::Edit(GuarantorQuery, "สมหญิง".into()),
    );
    let herself = l.guarantor_hits[0].clone();
    let _ = l.update(loan_form::Message::AddGuarantor(herself));
    assert_eq!(l.guarantor_error.as_deref(), Some("ผู้กู้ค้ำประกันตนเองไม่ได้"));
    let _ = send(
        &rt,
        &mut l,
        loan_form::LoanForm::update,
        loan_form::Message::Edit(GuarantorQuery, "มานะ".into()),
    );
    let neighbour = l.guarantor_hits[0].clone();
    let _ = l.update(loan_form::Message::AddGuarantor(neighbour.clone()));
    let _ = l.update(loan_form::Message::AddGuarantor(neighbour));
    assert_eq!(l.guarantors.len(), 1, "added once");
    assert!(l.guarantor_error.as_deref().unwrap().contains("อยู่แล้ว"));
    let _ = l.update(loan_form::Message::Edit(CollateralValue, "12,34.5".into()));
    let _ = l.update(loan_form::Message::AddCollateral);
    assert!(l.collateral.is_empty(), "bad value refused");
    let _ = l.update(loan_form::Message::CollateralKindSelected(
        plodnee::domain::loan::CollateralKind::Vehicle,
    ));
    let _ = l.update(loan_form::Message::Edit(CollateralDocument, "กข 1234 ราชบุรี".into()));
    let _ = l.update(loan_form::Message::Edit(CollateralValue, "50,000".into()));
    let _ = l.update(loan_form::Message::AddCollateral);
    assert_eq!(l.collateral.len(), 1);
    let action = send(&rt, &mut l, loan_form::LoanForm::update, loan_form::Message::Save);
    let Action::Replace(Destination::Loan(id)) = action else { panic!("{action:?}") };
    let (loan, parties, collateral) = f
        .store
        .with(|c| Ok((loans::get(c, id)?, loans::parties(c, id)?, loans::collateral(c, id)?)))
        .unwrap();
    assert_eq!(loan.frequency, Some(Frequency::Yearly));
    assert_eq!(loan.principal, Satang::from_baht(10_000));
    assert_eq!(parties[0].person_id, f.neighbour_id);
    assert_eq!(collateral[0].value, Satang::from_baht(50_000));
    assert_eq!(loan.contract_no, "กทบ.2/2568");
}

// ---------------------------------------------------------------- funds

#[test]
fn funds_screen_lists_default_terms_and_outstanding_per_fund() {
    let rt = runtime();
    let f = fixture();
    let s = open!(rt, funds::Funds::new(&f.session(&f.officer)));
    let list = s.funds.as_ref().expect("loaded");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].open_loans, 1);
    assert_eq!(list[0].outstanding, Satang::from_baht(11_000));
    assert_eq!(list[0].fund.default_rate.to_string(), "6%");
}

// ---------------------------------------------------------------- the app shell

#[test]
fn the_app_keeps_a_history_for_esc_and_hides_what_a_role_may_not_do() {
    use plodnee::app::{Key, Message, Screen};
    let f = fixture();
    let mut d = support::Driver::new(f.store.clone(), Arc::new(Fake::default()));
    assert!(matches!(d.app.screen, Screen::SignIn(_)));
    d.send(Message::SignIn(sign_in::Message::UsernameChanged("officer".into())));
    d.send(Message::SignIn(sign_in::Message::PasswordChanged(support::OFFICER_PASSWORD.into())));
    d.send(Message::Key(Key::Enter));
    assert!(matches!(d.app.screen, Screen::Home(_)));
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    assert!(d.shows("รับชำระ"), "an officer records payments");
    assert!(!d.shows("ยกเลิก"), "but is not offered a reversal");
    d.send(Message::Key(Key::Find));
    assert!(matches!(d.app.screen, Screen::Find(_)));
    d.send(Message::Key(Key::Escape));
    assert!(matches!(d.app.screen, Screen::Loan(_)), "Esc goes back");
    d.send(Message::Key(Key::Escape));
    assert!(matches!(d.app.screen, Screen::Home(_)));
    d.send(Message::SignOut);
    assert!(matches!(d.app.screen, Screen::SignIn(_)));
    assert!(d.app.session.is_none());
    let _ = PathBuf::new();
}
