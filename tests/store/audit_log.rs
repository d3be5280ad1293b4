//! Reading the audit log on a temporary database: filters by date, user, the system and action,
//! newest first with the total; only the committee may read it; the chain verified, and an entry
//! changed outside the app named as the first broken one.

use chrono::NaiveDate;
use plodnee::domain::role::Role;
use plodnee::store::audit::{self, Chain, Filter, Who};
use plodnee::store::users::{self, User};
use plodnee::store::{Actor, Store, StoreError, settings};

fn db() -> (Store, User, User) {
    let store = Store::memory().unwrap();
    let (chair, officer) = store
        .write(|tx| {
            let sys = Actor::system();
            let chair = users::create(tx, &sys, "chair", "ประธาน", Role::Committee, "chair-2568")?;
            let officer =
                users::create(tx, &sys, "officer", "เจ้าหน้าที่", Role::Officer, "officer-2568")?;
            settings::set(tx, "x", "y")?;
            Ok((chair, officer))
        })
        .unwrap();
    for p in ["officer-2568", "wrong-wrong", "officer-2568"] {
        let _ = store.with(|c| users::sign_in(c, "officer", p));
    }
    (store, chair, officer)
}

fn actions(entries: &[audit::AuditEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.action.as_str()).collect()
}

#[test]
fn the_log_is_filtered_by_user_action_and_date_newest_first() {
    let (store, chair, officer) = db();
    let q = |f: Filter| store.with(|c| audit::query(c, &chair.actor(), &f, 100)).unwrap();
    let (all, total) = q(Filter::default());
    assert_eq!(total, 5);
    assert_eq!(
        actions(&all),
        ["sign_in", "sign_in_failed", "sign_in", "create_user", "create_user"]
    );
    let (mine, _) = q(Filter { who: Some(Who::User(officer.id)), ..Filter::default() });
    assert_eq!(actions(&mine), ["sign_in", "sign_in_failed", "sign_in"]);
    let (system, _) = q(Filter { who: Some(Who::System), ..Filter::default() });
    assert_eq!(actions(&system), ["create_user", "create_user"]);
    let (failed, n) = q(Filter { action: Some("sign_in_failed".into()), ..Filter::default() });
    assert_eq!((actions(&failed), n), (vec!["sign_in_failed"], 1));
    let today = chrono::Local::now().date_naive();
    let (to_day, n) = q(Filter { from: Some(today), to: Some(today), ..Filter::default() });
    assert_eq!((to_day.len(), n), (5, 5), "the end day is included");
    let old = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert_eq!(q(Filter { to: Some(old), ..Filter::default() }).1, 0);
    // The limit cuts the list, not the total.
    let (two, total) =
        store.with(|c| audit::query(c, &chair.actor(), &Filter::default(), 2)).unwrap();
    assert_eq!((two.len(), total), (2, 5));
}

#[test]
fn only_the_committee_reads_or_verifies_the_log() {
    let (store, _, officer) = db();
    let read = store.with(|c| audit::query(c, &officer.actor(), &Filter::default(), 10));
    assert!(matches!(read, Err(StoreError::Forbidden)));
    assert!(matches!(
        store.with(|c| audit::verify(c, &officer.actor())),
        Err(StoreError::Forbidden)
    ));
}

#[test]
fn an_entry_changed_outside_the_app_is_named_as_the_first_broken_one() {
    let (store, chair, _) = db();
    let chain = store.with(|c| audit::verify(c, &chair.actor())).unwrap();
    assert_eq!(chain, Chain::Whole { entries: 5 });
    assert!(chain.message().contains("ครบถ้วน"));
    store
        .with(|c| {
            c.execute_batch(
                "DROP TRIGGER audit_never_updated; UPDATE audit_log SET user_id = NULL WHERE id = 4",
            )?;
            Ok(())
        })
        .unwrap();
    let Chain::Broken(e) = store.with(|c| audit::verify(c, &chair.actor())).unwrap() else {
        panic!("broken");
    };
    assert_eq!(e.id, 4);
    let message = Chain::Broken(e).message();
    assert!(message.contains("เริ่มที่รายการลำดับ 4 "), "{message}");
    assert!(message.contains("เข้าสู่ระบบไม่สำเร็จ"), "{message}");
}

/// Every action code the app writes with a literal has a Thai name on the audit screen: a code
/// without one shows to the committee as `record_contact`, not as บันทึกการติดตาม.
#[test]
fn every_action_the_store_writes_has_a_thai_name() {
    fn walk(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, _) in text.match_indices("audit::append(") {
                    let args: Vec<&str> = text[i + 14..].splitn(4, ',').collect();
                    let third = args.get(2).map(|a| a.trim()).unwrap_or("");
                    if let Some(code) = third.strip_prefix('"').and_then(|c| c.split('"').next()) {
                        found.push((code.to_string(), path.display().to_string()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    assert!(found.len() > 40, "the scan finds the store's audit calls: {}", found.len());
    let unnamed: Vec<_> = found
        .iter()
        .filter(|(code, _)| plodnee::domain::audit_action::label(code) == code)
        .collect();
    assert!(unnamed.is_empty(), "action codes without a Thai name: {unnamed:?}");
}
