//! Issue 5's figures: preview for a household with 10 loans (target < 20 ms), and consolidating
//! 1,000 households of the demo database in one batch (target < 10 s).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use plodnee::demo::{self, Options};
use plodnee::domain::consolidation::{RatePolicy, TermChoice};
use plodnee::domain::role::Role;
use plodnee::domain::schedule::{Frequency, Method};
use plodnee::store::consolidations::{self, Approval, Settings};
use plodnee::store::{Actor, Store, users};

const AS_OF: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

fn settings(borrower_id: i64) -> Settings {
    Settings {
        as_of: AS_OF,
        loan_ids: vec![],
        waivers: BTreeMap::new(),
        capitalise_consent_on: None,
        policy: RatePolicy::Tranches,
        term: TermChoice::Capacity(plodnee::domain::Satang::from_baht(5_000)),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        round_up_baht: false,
        borrower_id,
        guarantors: vec![],
    }
}

/// Households with at least `min_loans` open loans, and their heads.
fn households(store: &Store, min_loans: i64, limit: i64) -> Vec<(i64, i64)> {
    store
        .with(|c| {
            let mut stmt = c.prepare(
                "SELECT p.household_id, h.head_person_id FROM loan l JOIN person p ON p.id = l.borrower_id JOIN household h ON h.id = p.household_id
                 WHERE l.status = 'active' GROUP BY p.household_id HAVING COUNT(*) >= ?1 LIMIT ?2",
            )?;
            let rows = stmt.query_map([min_loans, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

fn demo_store(households: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.with(|c| demo::generate(c, &Options { households, seed: 2568, today: AS_OF })).unwrap();
    (dir, store)
}

fn preview(c: &mut Criterion) {
    let (_dir, store) = demo_store(4_000);
    let (hh, head) = households(&store, 10, 1)
        .first()
        .copied()
        .or_else(|| households(&store, 8, 1).first().copied())
        .expect("a household with many loans");
    let loans = store.with(|c| consolidations::open_loans(c, hh)).unwrap().len();
    c.bench_function(&format!("consolidation preview, household with {loans} loans"), |b| {
        b.iter(|| store.with(|c| consolidations::preview(c, hh, &settings(head))).unwrap())
    });
}

fn batch(c: &mut Criterion) {
    let mut group = c.benchmark_group("consolidation batch");
    group.sample_size(10);
    group.bench_function("prepare and approve 1,000 households in one transaction", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (_dir, store) = demo_store(3_000);
                let (officer, treasurer) = store
                    .write(|tx| {
                        let sys = Actor::system();
                        Ok((
                            users::create(
                                tx,
                                &sys,
                                "bench.officer",
                                "เจ้าหน้าที่",
                                Role::Officer,
                                "password-1",
                            )?
                            .actor(),
                            users::create(
                                tx,
                                &sys,
                                "bench.treasurer",
                                "เหรัญญิก",
                                Role::Treasurer,
                                "password-2",
                            )?
                            .actor(),
                        ))
                    })
                    .unwrap();
                let chosen = households(&store, 2, 1_000);
                assert_eq!(chosen.len(), 1_000);
                let started = Instant::now();
                store
                    .write(|tx| {
                        for (hh, head) in &chosen {
                            let id = consolidations::prepare(tx, &officer, *hh, &settings(*head))?;
                            consolidations::approve(
                                tx,
                                &treasurer,
                                id,
                                &Approval {
                                    resolution_no: "1/2568",
                                    resolution_on: AS_OF,
                                    guarantor_consents: &[],
                                },
                            )?;
                        }
                        Ok(())
                    })
                    .unwrap();
                total += started.elapsed();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, preview, batch);
criterion_main!(benches);
