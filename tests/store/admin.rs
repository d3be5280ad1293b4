//! Storage tests of the administration writes on a temporary database file: resetting a password,
//! deactivating and reactivating users (never the last active committee user), and correcting a
//! household or a member, each audited and all-or-nothing.

use chrono::NaiveDate;
use plodnee::domain::NationalId;
use plodnee::domain::address::Address;
use plodnee::domain::person::Grade;
use plodnee::domain::role::Role;
use plodnee::store::households::{self, NewHousehold};
use plodnee::store::persons::{self, NewPerson};
use plodnee::store::users::{self, User};
use plodnee::store::{Actor, Store, StoreError, audit, search};

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
    chair: User,
    officer: User,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let (chair, officer) = store
        .write(|tx| {
            let sys = Actor::system();
            Ok((
                users::create(tx, &sys, "chair", "นายประธาน ใหญ่ยิ่ง", Role::Committee, "chair-2568")?,
                users::create(tx, &sys, "officer", "นางสาวใจดี มีสุข", Role::Officer, "officer-2568")?,
            ))
        })
        .unwrap();
    Db { _dir: dir, store, chair, officer }
}

fn last_action(store: &Store) -> (String, Option<i64>, String) {
    let e = store.with(|c| audit::recent(c, 1)).unwrap().remove(0);
    (e.action, e.entity_id, e.detail)
}

#[test]
fn a_reset_password_replaces_the_old_one_and_is_audited_without_the_password() {
    let d = db();
    let chair = d.chair.actor();
    d.store.write(|tx| users::reset_password(tx, &chair, d.officer.id, "ใหม่-2568-ยาว")).unwrap();
    let (action, id, detail) = last_action(&d.store);
    assert_eq!((action.as_str(), id), ("reset_password", Some(d.officer.id)));
    assert!(!detail.contains("ใหม่"), "the password is never logged: {detail}");
    assert!(matches!(
        d.store.with(|c| users::sign_in(c, "officer", "officer-2568")),
        Err(StoreError::BadLogin)
    ));
    assert_eq!(
        d.store.with(|c| users::sign_in(c, "officer", "ใหม่-2568-ยาว")).unwrap().id,
        d.officer.id
    );
    // Both sign-ins are audited too (the old password failed, the new one worked).
    assert_eq!(last_action(&d.store).0, "sign_in");
    let short = d.store.write(|tx| users::reset_password(tx, &chair, d.officer.id, "short"));
    assert!(short.unwrap_err().to_string().contains("อย่างน้อย 8"));
}

#[test]
fn only_the_committee_adds_resets_and_deactivates_users() {
    let d = db();
    let officer = d.officer.actor();
    let forbidden = |r: Result<(), StoreError>| assert!(matches!(r, Err(StoreError::Forbidden)));
    forbidden(
        d.store
            .write(|tx| users::create(tx, &officer, "x123", "ผู้ใช้", Role::Committee, "password-1"))
            .map(|_| ()),
    );
    forbidden(d.store.write(|tx| users::reset_password(tx, &officer, d.chair.id, "password-1")));
    forbidden(d.store.write(|tx| users::set_active(tx, &officer, d.chair.id, false)).map(|_| ()));
    assert_eq!(d.store.with(|c| users::count(c)).unwrap(), 2, "nothing added");
}

#[test]
fn deactivated_users_cannot_sign_in_until_reactivated_and_both_are_audited() {
    let d = db();
    let chair = d.chair.actor();
    let off = d.store.write(|tx| users::set_active(tx, &chair, d.officer.id, false)).unwrap();
    assert!(!off.active);
    assert_eq!(last_action(&d.store).0, "deactivate_user");
    assert!(matches!(
        d.store.with(|c| users::sign_in(c, "officer", "officer-2568")),
        Err(StoreError::BadLogin)
    ));
    d.store.write(|tx| users::set_active(tx, &chair, d.officer.id, true)).unwrap();
    assert_eq!(last_action(&d.store).0, "reactivate_user");
    assert!(d.store.with(|c| users::sign_in(c, "officer", "officer-2568")).is_ok());
    assert_eq!(d.store.with(|c| users::count(c)).unwrap(), 2, "never deleted");
}

#[test]
fn the_last_active_committee_user_cannot_be_deactivated() {
    let d = db();
    let chair = d.chair.actor();
    let err = d.store.write(|tx| users::set_active(tx, &chair, d.chair.id, false)).unwrap_err();
    assert!(err.to_string().contains("อย่างน้อย 1 คน"), "{err}");
    // With a second committee member the first may go; then the second is the last one.
    let second = d
        .store
        .write(|tx| {
            users::create(tx, &chair, "vice", "นางรอง ประธาน", Role::Committee, "vice-2568!")
        })
        .unwrap();
    d.store.write(|tx| users::set_active(tx, &chair, d.chair.id, false)).unwrap();
    let vice = second.actor();
    assert!(d.store.write(|tx| users::set_active(tx, &vice, second.id, false)).is_err());
    let list = d.store.with(|c| users::list(c)).unwrap();
    assert!(list.iter().find(|u| u.id == second.id).unwrap().active);
}

fn area(house_no: &str) -> Address {
    Address {
        house_no: house_no.into(),
        village_no: 3,
        village_name: "หนองบัว".into(),
        subdistrict: "บ้านโป่ง".into(),
        district: "บ้านโป่ง".into(),
        province: "ราชบุรี".into(),
        postcode: "70110".into(),
    }
}

fn member(household_id: i64, first: &str, id: &str) -> NewPerson {
    NewPerson {
        household_id,
        title: "นาย".into(),
        first_name: first.into(),
        last_name: "ใจดี".into(),
        national_id: Some(NationalId::parse(id).unwrap()),
        birth_date: NaiveDate::from_ymd_opt(1970, 5, 2),
        phone: String::new(),
        grade: Grade::A,
    }
}

#[test]
fn editing_a_member_keeps_their_own_id_refuses_anothers_and_is_audited_without_digits() {
    let d = db();
    let officer = d.officer.actor();
    let (h, a, b) = d
        .store
        .write(|tx| {
            let h = households::create(
                tx,
                &officer,
                &NewHousehold { address: area("12/3"), registration_no: String::new() },
            )?;
            let a = persons::create(tx, &officer, &member(h, "สมชาย", "1234567890121"))?;
            let b = persons::create(tx, &officer, &member(h, "สมศักดิ์", "3100600123450"))?;
            Ok((h, a, b))
        })
        .unwrap();
    let mut fixed = member(h, "สมชาติ", "1234567890121");
    fixed.phone = "0812345678".into();
    d.store.write(|tx| persons::update(tx, &officer, a, &fixed)).unwrap();
    let p = d.store.with(|c| persons::get(c, a)).unwrap();
    assert_eq!((p.first_name.as_str(), p.phone.as_str()), ("สมชาติ", "0812345678"));
    let (action, id, detail) = last_action(&d.store);
    assert_eq!((action.as_str(), id), ("update_person", Some(a)));
    assert!(detail.contains("ชื่อ") && detail.contains("โทรศัพท์"), "{detail}");
    let found = d.store.with(|c| search::search(c, "สมชาติ", 10)).unwrap();
    assert_eq!(found.hits.len(), 1, "the search index follows the new name");

    let taken =
        d.store.write(|tx| persons::update(tx, &officer, b, &member(h, "สมศักดิ์", "1234567890121")));
    assert!(taken.unwrap_err().to_string().contains("เป็นของ นายสมชาติ ใจดี"));
    let before = d.store.with(|c| persons::get(c, b)).unwrap();
    assert_eq!(before.national_id.unwrap().digits(), "3100600123450", "nothing changed");
    let entries = d.store.with(|c| audit::recent(c, 50)).unwrap();
    assert!(entries.iter().all(|e| !e.detail.contains("1234567890121")), "no id digits logged");
}

#[test]
fn editing_a_household_changes_address_and_registration_in_one_audited_step() {
    let d = db();
    let officer = d.officer.actor();
    let h = d
        .store
        .write(|tx| {
            let h = households::create(
                tx,
                &officer,
                &NewHousehold { address: area("12/3"), registration_no: String::new() },
            )?;
            persons::create(tx, &officer, &member(h, "สมชาย", "1234567890121"))?;
            Ok(h)
        })
        .unwrap();
    let new = NewHousehold { address: area("99/1"), registration_no: "70010012345".into() };
    d.store.write(|tx| households::update(tx, &officer, h, &new)).unwrap();
    let saved = d.store.with(|c| households::get(c, h)).unwrap();
    assert_eq!(saved.address.house_no, "99/1");
    assert_eq!(saved.registration_no, "70010012345");
    assert_eq!(last_action(&d.store).0, "update_household");
    let found = d.store.with(|c| search::search(c, "99/1", 10)).unwrap();
    assert_eq!(found.hits.len(), 1, "members are found by the new house number");
    assert!(d.store.write(|tx| households::update(tx, &officer, 9999, &new)).is_err());
}
