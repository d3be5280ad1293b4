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
