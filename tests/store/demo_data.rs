//! The demo institute looks like a real one: several funds and methods (a yearly one too), 8–15
//! หมู่, members borrowing from several funds, guarantors, and about a fifth of loans past 90 days.

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::store::{Store, check};

fn q(store: &Store, sql: &str) -> i64 {
    store.with(|c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?)).unwrap()
}

#[test]
fn the_demo_institute_is_realistic_and_reconciles() {
    let store = Store::memory().unwrap();
    let opts = Options {
        households: 1_500,
        seed: 2568,
        today: NaiveDate::from_ymd_opt(2025, 11, 21).unwrap(),
    };
    let summary = store.with(|c| demo::generate(c, &opts)).unwrap();
    assert_eq!(summary.households, 1_500);
    assert!((3_000..4_500).contains(&summary.members), "{} members", summary.members);
    assert_eq!(summary.users.len(), 3);

    let funds = q(&store, "SELECT COUNT(*) FROM fund");
    assert!((4..=6).contains(&funds));
    assert_eq!(q(&store, "SELECT COUNT(DISTINCT default_method) FROM fund"), 3);
    assert_eq!(q(&store, "SELECT COUNT(*) FROM fund WHERE default_frequency = 'yearly'"), 1);
    let villages = q(&store, "SELECT COUNT(DISTINCT village_no) FROM household");
    assert!((8..=15).contains(&villages), "{villages} villages");
    assert_eq!(q(&store, "SELECT COUNT(DISTINCT subdistrict) FROM household"), 1);
    let multi_fund = q(
        &store,
        "SELECT COUNT(*) FROM (SELECT borrower_id FROM loan GROUP BY borrower_id HAVING COUNT(DISTINCT fund_id) > 1)",
    );
    assert!(multi_fund > 500, "{multi_fund} members borrow from several funds");
    assert!(q(&store, "SELECT COUNT(*) FROM loan_party WHERE role = 'guarantor'") > 1_000);
    assert!(q(&store, "SELECT COUNT(*) FROM person WHERE national_id IS NULL") == 0);

    let active = q(&store, "SELECT COUNT(*) FROM loan WHERE status = 'active'") as f64;
    let past_90 = q(
        &store,
        "SELECT COUNT(*) FROM loan WHERE status = 'active' AND julianday('2025-11-21') - julianday(next_unpaid_due) > 90",
    ) as f64;
    let share = past_90 / active;
    assert!((0.12..0.30).contains(&share), "{:.1}% of active loans past 90 days", share * 100.0);
    let current = q(
        &store,
        "SELECT COUNT(*) FROM loan WHERE status = 'active' AND next_unpaid_due >= '2025-11-21'",
    ) as f64;
    assert!(current / active > 0.5, "most loans are current");
    assert!(
        q(&store, "SELECT COUNT(*) FROM loan WHERE status = 'closed'") > 0,
        "some loans are paid off"
    );

    let report = store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", &report.problems[..report.problems.len().min(5)]);
}

/// A tiny demo (an office trying the app with a handful of households) finishes and reconciles:
/// with 5 households the complaint stage once looked forever for borrowers that did not exist.
#[test]
fn a_tiny_demo_finishes_and_reconciles() {
    for households in 1..=6 {
        let store = Store::memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
        let summary =
            store.with(|c| demo::generate(c, &Options { households, seed: 2568, today })).unwrap();
        assert_eq!(summary.households, households);
        let report = store.with(|c| check::run(c, |_, _| {})).unwrap();
        assert!(report.ok(), "{households} households: {:?}", report.problems);
    }
}
