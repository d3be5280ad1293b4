//! Issue 6's figures: building and comparing three plan options for a member in long arrears
//! (target < 10 ms), and re-evaluating every approved plan's stage (target < 1 s for the demo).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use plodnee::demo::{self, Options};
use plodnee::domain::Satang;
use plodnee::domain::plan::{Cadence, Grace, GraceKind, PlanOptions, ReleaseTerms, Sizing};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::Frequency;
use plodnee::store::{Store, plan_tracking, plans};

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

fn three() -> [PlanOptions; 3] {
    let base = PlanOptions {
        sizing: Sizing::Capacity(Satang::from_baht(1_500)),
        cadence: Cadence::Regular(Frequency::Monthly),
        grace: None,
        step_up_bp: 0,
        rate: None,
        waive_default_interest: false,
        waive_fees: true,
        release_default_interest: Some(ReleaseTerms {
            every: 12,
            max_days_late: 7,
            break_after_missed: 3,
        }),
    };
    let mut b = base.clone();
    b.sizing = Sizing::Periods(36);
    b.rate = Some(AnnualRate::from_bp(300).unwrap());
    let mut c = base.clone();
    c.cadence = Cadence::Harvest(vec![3, 11]);
    c.sizing = Sizing::Capacity(Satang::from_baht(8_000));
    c.grace = Some(Grace { periods: 1, kind: GraceKind::Holiday });
    c.step_up_bp = 1_000;
    [base, b, c]
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store
        .with(|conn| demo::generate(conn, &Options { households: 4_000, seed: 2568, today: TODAY }))
        .unwrap();
    let loan: i64 = store
        .with(|conn| Ok(conn.query_row("SELECT id FROM loan WHERE status = 'active' AND next_unpaid_due < '2025-05-01' AND principal >= 2000000 LIMIT 1", [], |r| r.get(0))?))
        .unwrap();
    let options = three();
    c.bench_function("build and compare three plan options", |b| {
        b.iter(|| {
            store
                .with(|conn| {
                    options
                        .iter()
                        .map(|o| plans::preview(conn, plans::Target::Loan(loan), TODAY, o))
                        .collect::<Result<Vec<_>, _>>()
                })
                .unwrap()
        })
    });
    let count: i64 = store
        .with(|conn| {
            Ok(conn.query_row("SELECT COUNT(*) FROM plan WHERE status = 'approved'", [], |r| {
                r.get(0)
            })?)
        })
        .unwrap();
    let mut group = c.benchmark_group("plan tracking");
    group.sample_size(10);
    group.bench_function(format!("re-evaluate all {count} approved plans"), |b| {
        b.iter(|| store.write(|tx| plan_tracking::evaluate_all(tx, TODAY)).unwrap())
    });
    group.finish();
}

criterion_group!(plan_benches, benches);
criterion_main!(plan_benches);
