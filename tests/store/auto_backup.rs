//! Automatic backups on a temporary demo database: approving a plan leaves a verified backup of
//! the state just before it, the daily backup is taken once a day, closing copies only when
//! something changed, and a backup that cannot be written lets the approval through with a Thai
//! warning.

use std::path::Path;

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::domain::backup_due::Event;
use plodnee::domain::plan::{Cadence, PlanOptions, Sizing};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::Frequency;
use plodnee::store::backup::{self, State, auto};
use plodnee::store::plans::{self, Approval, Target};
use plodnee::store::{Actor, Store, users};

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

fn demo_store(dir: &Path) -> Store {
    let store = Store::open_in(dir).unwrap();
    store.with(|c| demo::generate(c, &Options { households: 40, seed: 3, today: TODAY })).unwrap();
    store
}

fn actor(store: &Store, user: &str, password: &str) -> Actor {
    store.with(|c| users::sign_in(c, user, password)).unwrap().actor()
}

/// A plan proposed by the officer on a loan in arrears, ready for the treasurer.
fn proposed_plan(store: &Store) -> (i64, Vec<(i64, NaiveDate)>) {
    let loan: i64 = store
        .with(|c| {
            Ok(c.query_row(
                "SELECT l.id FROM loan l WHERE l.status = 'active' AND l.tranche_of IS NULL
                   AND l.restructured_from IS NULL AND l.next_unpaid_due < '2025-09-01'
                   AND NOT EXISTS (SELECT 1 FROM plan WHERE plan.loan_id = l.id)
                 ORDER BY l.id LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let opts = PlanOptions {
        sizing: Sizing::Periods(12),
        cadence: Cadence::Regular(Frequency::Monthly),
        grace: None,
        step_up_bp: 0,
        rate: Some(AnnualRate::from_bp(300).unwrap()),
        waive_default_interest: false,
        waive_fees: true,
        release_default_interest: None,
    };
    let officer = actor(store, "officer", "officer-2568");
    let target = Target::Loan(loan);
    let id =
        store.write(|tx| plans::propose(tx, &officer, target, TODAY, &opts, "ทางเลือก ก")).unwrap();
    let consents = store
        .with(|c| plans::guarantors(c, target))
        .unwrap()
        .iter()
        .map(|g| (g.person_id, TODAY))
        .collect();
    (id, consents)
}

fn plan_status(conn: &rusqlite::Connection, id: i64) -> String {
    conn.query_row("SELECT status FROM plan WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

#[test]
fn approving_a_plan_leaves_a_verified_backup_of_the_state_just_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let (id, consents) = proposed_plan(&store);
    let treasurer = actor(&store, "treasurer", "treasurer-2568");
    let approval =
        Approval { resolution_no: "5/2568", resolution_on: TODAY, guarantor_consents: &consents };
    let (loans, warning) = auto::write_after(&store, Event::BeforeApproval, |tx| {
        plans::approve(tx, &treasurer, id, &approval)
    })
    .unwrap();
    assert!(!loans.is_empty());
    // No second folder is set, and that is not a failure of the backup itself.
    assert_eq!(warning, None);
    assert_eq!(store.with(|c| Ok(plan_status(c, id))).unwrap(), "approved");

    let listed = backup::list(&backup::folder_of(store.path().unwrap()), true).unwrap();
    let before: Vec<_> = listed
        .iter()
        .filter(|l| l.manifest.as_ref().is_some_and(|m| m.reason == "before_approval"))
        .collect();
    assert_eq!(before.len(), 1, "one backup before the approval");
    assert_eq!(before[0].state, State::Good, "re-verified from the file");
    // The copy holds the plan still waiting: restoring it undoes the approval.
    let copy = rusqlite::Connection::open(&before[0].path).unwrap();
    assert_eq!(plan_status(&copy, id), "proposed");
}

#[test]
fn a_backup_that_cannot_be_written_lets_the_approval_through_with_a_thai_warning() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let (id, consents) = proposed_plan(&store);
    // A file where the backups folder should be: the copy cannot be made.
    std::fs::write(backup::folder_of(store.path().unwrap()), b"not a folder").unwrap();
    let treasurer = actor(&store, "treasurer", "treasurer-2568");
    let approval =
        Approval { resolution_no: "5/2568", resolution_on: TODAY, guarantor_consents: &consents };
    let (_, warning) = auto::write_after(&store, Event::BeforeApproval, |tx| {
        plans::approve(tx, &treasurer, id, &approval)
    })
    .unwrap();
    let warning = warning.expect("the user is told");
    assert!(warning.contains("สำรองข้อมูลอัตโนมัติก่อนอนุมัติไม่สำเร็จ"), "{warning}");
    assert_eq!(store.with(|c| Ok(plan_status(c, id))).unwrap(), "approved");
}

#[test]
fn the_daily_backup_is_taken_once_and_closing_copies_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let folder = backup::folder_of(store.path().unwrap());
    let path = store.path().unwrap().to_path_buf();
    let run = |event| store.with(|c| Ok(auto::run(c, Some(&path), event))).unwrap();

    // Audit entries and backups are stamped to the second, and a change in the backup's second
    // counts as not in it: wait one so the demo's entries are older than the daily backup.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(matches!(run(Event::Running), auto::Outcome::Taken(_)));
    assert!(matches!(run(Event::Running), auto::Outcome::NotDue), "once a day");
    // Nothing written since the daily backup: closing has nothing new to copy.
    assert!(matches!(run(Event::Closing), auto::Outcome::NotDue));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (id, _) = proposed_plan(&store);
    assert!(id > 0);
    match run(Event::Closing) {
        auto::Outcome::Taken(t) => {
            assert!(t.manifest.verified);
            assert_eq!(t.manifest.reason, "closing");
        }
        other => panic!("closing after a change backs up: {other:?}"),
    }
    let reasons: Vec<String> = backup::list(&folder, false)
        .unwrap()
        .into_iter()
        .filter_map(|l| l.manifest.map(|m| m.reason))
        .collect();
    // Rotation keeps the newest backup of each day: the closing one replaces this morning's.
    assert_eq!(reasons, vec!["closing".to_string()]);
    // The standalone run (its own connection, as the GUI's timer uses) finds nothing due either.
    assert_eq!(auto::standalone(&store, Event::Running), None);
}

#[test]
fn an_in_memory_database_has_nothing_to_back_up_and_warns_of_nothing() {
    let store = Store::memory().unwrap();
    let out = store.with(|c| Ok(auto::run(c, None, Event::BeforeApproval))).unwrap();
    assert!(matches!(out, auto::Outcome::NoFile));
    assert_eq!(out.warning(Event::BeforeApproval), None);
}
