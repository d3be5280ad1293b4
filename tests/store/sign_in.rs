//! Sign-in hardening on a temporary database: five wrong passwords lock the name for fifteen
//! minutes (kept in the database, the right password refused meanwhile), unknown names are
//! counted alike, the settings change the rule, the committee lifts a lock, and every sign-in,
//! failure, lock and idle lock is in the audit log with the chain intact.

use chrono::{Duration, NaiveDateTime};
use plodnee::domain::role::Role;
use plodnee::store::sessions::{self, KEY_MAX_FAILURES, LockedName};
use plodnee::store::users::{self, User};
use plodnee::store::{Actor, Store, StoreError, audit, settings};

struct Db {
    store: Store,
    chair: User,
    officer: User,
}

fn db() -> Db {
    let store = Store::memory().unwrap();
    let (chair, officer) = store
        .write(|tx| {
            let sys = Actor::system();
            let chair = users::create(tx, &sys, "chair", "ประธาน", Role::Committee, "chair-2568")?;
            let officer =
                users::create(tx, &sys, "officer", "เจ้าหน้าที่", Role::Officer, "officer-2568")?;
            Ok((chair, officer))
        })
        .unwrap();
    Db { store, chair, officer }
}

fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn at(store: &Store, name: &str, password: &str, when: NaiveDateTime) -> Result<User, StoreError> {
    store.with(|c| sessions::sign_in_at(c, name, password, when))
}

fn actions(store: &Store) -> Vec<(String, Option<i64>, String)> {
    store
        .with(|c| {
            let mut stmt =
                c.prepare("SELECT action, user_id, detail FROM audit_log ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
        .into_iter()
        .filter(|(a, _, _): &(String, _, _)| a.contains("sign_in") || a.starts_with("session"))
        .collect()
}

#[test]
fn five_wrong_passwords_lock_the_name_for_fifteen_minutes_even_for_the_right_password() {
    let d = db();
    let t0 = now();
    // Tries 1–3 say only "wrong"; 4 and 5 warn how many are left; the fifth locks.
    assert!(matches!(at(&d.store, "officer", "wrong-1", t0), Err(StoreError::BadLogin)));
    assert!(matches!(at(&d.store, "officer", "wrong-2", t0), Err(StoreError::BadLogin)));
    assert!(matches!(at(&d.store, "officer", "wrong-3", t0), Err(StoreError::BadLoginLeft(2))));
    assert!(matches!(at(&d.store, "officer", "wrong-4", t0), Err(StoreError::BadLoginLeft(1))));
    let locked = at(&d.store, "officer", "wrong-5", t0).unwrap_err();
    let until = t0 + Duration::minutes(15);
    let message = locked.to_string();
    assert!(message.contains("ถูกล็อกชั่วคราว"), "{message}");
    assert!(message.contains(&format!("{} น.", until.format("%H:%M"))), "{message}");
    // Ten minutes later the right password is refused without being checked.
    let later = at(&d.store, "officer", "officer-2568", t0 + Duration::minutes(10));
    assert!(matches!(later, Err(StoreError::Locked(_))));
    let listed = d.store.with(|c| sessions::locked_names(c, t0)).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].username, "officer");
    // After fifteen minutes it works, and the count starts again from nothing.
    let user = at(&d.store, "officer", "officer-2568", until).unwrap();
    assert_eq!(user.id, d.officer.id);
    assert_eq!(
        d.store.with(|c| sessions::locked_names(c, until)).unwrap(),
        Vec::<LockedName>::new()
    );

    let log = actions(&d.store);
    let kinds: Vec<&str> = log.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_locked",
            "sign_in_refused_locked",
            "sign_in"
        ]
    );
    // Each entry names the user, never the password typed.
    assert!(log.iter().all(|(_, user, _)| *user == Some(d.officer.id)));
    assert!(log.iter().all(|(_, _, detail)| !detail.contains("wrong") && !detail.contains("2568")));
    assert_eq!(d.store.with(|c| audit::first_broken_link(c)).unwrap(), None);
}

#[test]
fn names_that_belong_to_nobody_are_answered_and_counted_the_same_way() {
    let d = db();
    let t0 = now();
    let ghost: Vec<String> = (0..5)
        .map(|i| at(&d.store, "nobody", &format!("guess-{i}"), t0).unwrap_err().to_string())
        .collect();
    let real: Vec<String> = (0..5)
        .map(|i| at(&d.store, "officer", &format!("guess-{i}"), t0).unwrap_err().to_string())
        .collect();
    assert_eq!(ghost, real, "the answers never tell which names exist");
    // A 10,000-character name is refused and cut short in the log.
    let long = "ก".repeat(10_000);
    assert!(at(&d.store, &long, "x", t0).is_err());
    assert!(actions(&d.store).iter().all(|(_, _, detail)| detail.chars().count() < 100));
    // The name is compared as typed, without case or spaces: " OFFICER " is the same name.
    assert!(matches!(
        at(&d.store, " OFFICER ", "officer-2568", t0 + Duration::minutes(1)),
        Err(StoreError::Locked(_))
    ));
}

#[test]
fn the_committee_sets_the_rule_and_lifts_a_lock_and_an_officer_may_not() {
    let d = db();
    let t0 = now();
    d.store.write(|t| settings::set(t, KEY_MAX_FAILURES, "3")).unwrap();
    for _ in 0..2 {
        assert!(at(&d.store, "officer", "nope-nope", t0).is_err());
    }
    assert!(matches!(at(&d.store, "officer", "nope-nope", t0), Err(StoreError::Locked(_))));
    let officer = d.officer.actor();
    let refused = d.store.write(|t| sessions::unlock_name(t, &officer, "officer"));
    assert!(matches!(refused, Err(StoreError::Forbidden)));
    let chair = d.chair.actor();
    d.store.write(|t| sessions::unlock_name(t, &chair, "officer")).unwrap();
    assert!(at(&d.store, "officer", "officer-2568", t0).is_ok());
    let unlocked = d
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT user_id, detail FROM audit_log WHERE action = 'unlock_user_name'",
                [],
                |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, String>(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(unlocked, (Some(d.chair.id), "officer".to_string()));
    // Nothing to unlock: a Thai message, nothing written.
    let none = d.store.write(|t| sessions::unlock_name(t, &chair, "officer"));
    assert!(none.unwrap_err().to_string().contains("ไม่พบ"));
}

#[test]
fn a_lock_survives_reopening_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = now();
    {
        let store = Store::open_in(dir.path()).unwrap();
        store
            .write(|t| {
                users::create(t, &Actor::system(), "officer", "จนท.", Role::Officer, "officer-2568")
            })
            .unwrap();
        for i in 0..5 {
            let _ = at(&store, "officer", &format!("w{i}-xxxx"), t0);
        }
    }
    let store = Store::open_in(dir.path()).unwrap();
    assert!(matches!(at(&store, "officer", "officer-2568", t0), Err(StoreError::Locked(_))));
}

#[test]
fn idle_locks_and_unlocks_are_audited_with_who_took_over() {
    let d = db();
    let officer = d.officer.actor();
    d.store.write(|t| sessions::record_idle_lock(t, &officer, 10)).unwrap();
    d.store.write(|t| sessions::record_unlock(t, &d.chair.actor(), &d.officer)).unwrap();
    let log = actions(&d.store);
    assert_eq!(
        log[0],
        ("session_idle_lock".into(), Some(d.officer.id), "ไม่มีการใช้งาน 10 นาที".into())
    );
    assert_eq!(log[1], ("session_unlocked".into(), Some(d.chair.id), "ประธาน แทน officer".into()));
}
