//! The settings screen's store call on a temporary database (issue 17 §D17): a change is saved
//! with one audit entry per field naming the old and new value; bad input and a user without
//! the right change nothing; letters then carry the new signer.

use plodnee::domain::Satang;
use plodnee::domain::institute_settings::{self as domain, Field};
use plodnee::domain::role::Role;
use plodnee::store::institute::{self, Institute, Signatory};
use plodnee::store::institute_settings as settings;
use plodnee::store::users::{self, User};
use plodnee::store::{Actor, Store, audit};

fn db() -> (Store, User, User) {
    let store = Store::memory().unwrap();
    let users = store
        .write(|tx| {
            let sys = Actor::system();
            institute::save(
                tx,
                &sys,
                &Institute {
                    name: "สถาบันบ้านโป่ง".into(), ..Institute::default()
                },
            )?;
            institute::set_signatories(
                tx,
                &sys,
                &[Signatory {
                    name: "นายสมชาย ใจดี".into(),
                    position: "ประธานกรรมการ".into(),
                    duty: "chair".into(),
                }],
            )?;
            let chair = users::create(tx, &sys, "chair", "ประธาน", Role::Committee, "chair-2568")?;
            let officer =
                users::create(tx, &sys, "officer", "เจ้าหน้าที่", Role::Officer, "officer-2568")?;
            Ok((chair, officer))
        })
        .unwrap();
    (store, users.0, users.1)
}

fn audit_count(store: &Store) -> usize {
    store.with(|c| audit::recent(c, 1000)).unwrap().len()
}

#[test]
fn a_saved_change_is_stored_and_audited_with_old_and_new_value() {
    let (store, chair, _) = db();
    let mut form = store.with(|c| settings::load(c)).unwrap().form();
    form.insert(Field::SignerName, "นางสมศรี มีสุข".into());
    form.insert(Field::Tolerance, "5".into());
    let valid = domain::validate(&form).unwrap();
    let changed = store.write(|tx| settings::save(tx, &chair.actor(), &valid)).unwrap();
    assert_eq!(changed, 2);
    let now = store.with(|c| settings::load(c)).unwrap();
    assert_eq!(now.signer_name, "นางสมศรี มีสุข");
    assert_eq!(now.tolerance, Satang(500));
    let signer = store.with(|c| institute::signatory_for(c, "chair")).unwrap().unwrap();
    assert_eq!(signer.name, "นางสมศรี มีสุข", "letters read the same row");
    let entries = store.with(|c| audit::recent(c, 10)).unwrap();
    let details: Vec<&str> = entries
        .iter()
        .filter(|e| e.action == "change_setting")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(details.len(), 2);
    assert!(details.contains(&"ผู้ลงนามในหนังสือ: เดิม \"นายสมชาย ใจดี\" เป็น \"นางสมศรี มีสุข\""));
    assert!(details.contains(&"ยอดค้างที่ไม่นับเป็นหนี้ค้าง (บาท): เดิม \"1.00\" เป็น \"5.00\""));
    // Saving the same values again changes and audits nothing.
    let again = store.write(|tx| settings::save(tx, &chair.actor(), &valid)).unwrap();
    assert_eq!(again, 0);
    assert_eq!(details.len(), 2);
}

#[test]
fn bad_input_or_a_user_without_the_right_changes_nothing() {
    let (store, chair, officer) = db();
    let before = store.with(|c| settings::load(c)).unwrap();
    let audited = audit_count(&store);
    // Bad input is refused by the validator with a message per field: there is nothing to save.
    let mut form = before.form();
    form.insert(Field::PromptPay, "12345".into());
    assert!(domain::validate(&form).unwrap_err().contains_key(&Field::PromptPay));
    // A store call that bypasses the validator is refused too, and the transaction rolls back.
    let empty = domain::Settings { name: " ".into(), ..before.clone() };
    let err = store.write(|tx| settings::save(tx, &chair.actor(), &empty)).unwrap_err();
    assert_eq!(err.to_string(), "กรุณากรอกชื่อสถาบัน");
    let mut changed = before.clone();
    changed.signer_name = "คนอื่น".into();
    assert!(store.write(|tx| settings::save(tx, &officer.actor(), &changed)).is_err());
    assert_eq!(store.with(|c| settings::load(c)).unwrap(), before);
    assert_eq!(audit_count(&store), audited);
}

/// The fixture's loan: 12,000 baht over 12 months from 15 Jan 2568, installment 1 (due 15 Feb)
/// paid, installment 2 due 15 Mar 2568 unpaid. On 20 Apr 2568 it is 16 + 20 = 36 days past due
/// with two installments overdue (15 Mar, 15 Apr): demand 1 by the defaults (30 days), only a
/// reminder once the committee moves demand 1 to 40 days, and demand 2 when it moves demand 2
/// down to 35.
#[test]
fn a_changed_ladder_changes_the_step_a_loan_gets() {
    use crate::support::{fixture, ymd};
    use plodnee::domain::collections::ladder::Step;
    use plodnee::store::queue;

    let f = fixture();
    let on = ymd(2025, 4, 20);
    let step = |store: &Store| {
        store.with(|c| queue::standing_of(c, f.loan_id, on)).unwrap().and_then(|a| a.implied)
    };
    let days = store_days(&f.store, f.loan_id, on);
    assert_eq!(days, 36);
    assert_eq!(step(&f.store), Some(Step::Demand), "defaults: 7 / 30 / 60 days");

    let save = |r: &str, d: &str, d2: &str| {
        let mut form = f.store.with(|c| settings::load(c)).unwrap().form();
        form.insert(Field::ReminderDays, r.into());
        form.insert(Field::DemandDays, d.into());
        form.insert(Field::Demand2Days, d2.into());
        // The fixture has no signatory yet; the form needs one to save.
        form.insert(Field::SignerName, "นายสมชาย ใจดี".into());
        form.insert(Field::SignerPosition, "ประธานกรรมการ".into());
        let valid = domain::validate(&form).unwrap();
        f.store.write(|tx| settings::save(tx, &f.committee.actor(), &valid)).unwrap()
    };
    assert_eq!(save("7", "40", "60"), 3, "the signer, its position and demand 1");
    assert_eq!(step(&f.store), Some(Step::Reminder));
    let entries = f.store.with(|c| audit::recent(c, 5)).unwrap();
    assert!(entries.iter().any(|e| e.action == "change_setting"
        && e.detail == "ส่งหนังสือทวงถาม ครั้งที่ 1 เมื่อค้างชำระ (วัน): เดิม \"30\" เป็น \"40\""));

    assert_eq!(save("7", "20", "35"), 2);
    assert_eq!(step(&f.store), Some(Step::Demand2));
    // The queue itself reads the same ladder.
    let q = f.store.with(|c| queue::build(c, on, &queue::Filter::default())).unwrap();
    assert_eq!(q.ladder.get(&f.loan_id).and_then(|a| a.implied), Some(Step::Demand2));
}

fn store_days(store: &Store, loan_id: i64, on: chrono::NaiveDate) -> i64 {
    store.with(|c| plodnee::store::loans::get(c, loan_id)).unwrap().days_past_due(on)
}

#[test]
fn a_ladder_that_does_not_climb_is_refused_by_the_store_too() {
    let (store, chair, _) = db();
    let mut valid = store.with(|c| settings::load(c)).unwrap();
    assert_eq!((valid.reminder_days, valid.demand_days, valid.demand2_days), (7, 30, 60));
    valid.demand2_days = 30;
    let audited = audit_count(&store);
    assert!(store.write(|tx| settings::save(tx, &chair.actor(), &valid)).is_err());
    assert_eq!(audit_count(&store), audited, "nothing audited");
    assert_eq!(store.with(|c| settings::load(c)).unwrap().demand2_days, 60, "nothing saved");
}

/// Rounding is an institute setting: off by default, saved and audited by its Thai name, read
/// as the default for new schedules; the fixture's existing loan keeps its own schedule (it was
/// made without rounding: 12,000 baht over 12 months, installment 1 paid as 1,060.00).
#[test]
fn the_rounding_default_is_saved_audited_and_leaves_existing_loans_alone() {
    use crate::support::fixture;
    use plodnee::domain::institute_settings::{NO_ROUNDING_TEXT, ROUND_UP_TEXT};
    use plodnee::store::loans;

    let f = fixture();
    assert!(!f.store.with(|c| plodnee::store::settings::round_up_baht(c)).unwrap());
    let before = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    let mut form = f.store.with(|c| settings::load(c)).unwrap().form();
    assert_eq!(form[&Field::RoundUpBaht], NO_ROUNDING_TEXT);
    form.insert(Field::SignerName, "นายสมชาย ใจดี".into());
    form.insert(Field::SignerPosition, "ประธานกรรมการ".into());
    form.insert(Field::RoundUpBaht, ROUND_UP_TEXT.into());
    let valid = domain::validate(&form).unwrap();
    f.store.write(|tx| settings::save(tx, &f.committee.actor(), &valid)).unwrap();
    assert!(f.store.with(|c| plodnee::store::settings::round_up_baht(c)).unwrap());
    let entries = f.store.with(|c| audit::recent(c, 5)).unwrap();
    assert!(entries.iter().any(|e| e.action == "change_setting"
        && e.detail
            == format!(
                "การปัดเศษค่างวดของสัญญาใหม่: เดิม \"{NO_ROUNDING_TEXT}\" เป็น \"{ROUND_UP_TEXT}\""
            )));
    let after = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert!(!after.round_up_baht, "the existing loan keeps its schedule");
    assert_eq!(format!("{before:?}"), format!("{after:?}"), "nothing on the loan changed");
}
