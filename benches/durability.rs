//! Issue 15's figure: the cost of `synchronous=FULL` on 1,000 payments, each its own transaction
//! (one user action each, as at the counter), against NORMAL; and a verified backup of a demo
//! database. Run with `cargo bench --bench durability`.
//!
//! Measured on 7 Dec 2026 (2 shared cores, ext4 on a virtual disk, release build, 10 samples):
//! NORMAL 1.80 s [1.65, 1.93], FULL 4.48 s [4.34, 4.64] for 1,000 payments: FULL costs about
//! 2.7 ms more a payment (one fsync of the WAL per commit), 2.5 times NORMAL; a counter records a
//! payment a minute at most, so the cost is invisible to the officer.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use plodnee::demo::{self, Options};
use plodnee::domain::Satang;
use plodnee::domain::loan::Channel;
use plodnee::store::backup::{self, Reason};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::{Actor, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 21).unwrap()
}

fn demo_store(households: usize) -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store.with(|c| demo::generate(c, &Options { households, seed: 15, today: today() })).unwrap();
    let open: Vec<i64> = store
        .with(|c| {
            let mut s = c.prepare("SELECT id FROM loan WHERE status = 'active' AND outstanding_principal > 100000 ORDER BY id")?;
            Ok(s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
        })
        .unwrap();
    (dir, store, open)
}

fn thousand_payments(store: &Store, loans: &[i64]) {
    for n in 0..1000 {
        let p = NewPayment {
            loan_id: loans[n % loans.len()],
            paid_on: today(),
            amount: Satang(100),
            channel: Channel::Cash,
            payer_name: String::new(),
            note: String::new(),
        };
        store.write(|t| ledger::record(t, &Actor::system(), &p, today())).unwrap();
    }
}

fn durability(c: &mut Criterion) {
    let mut group = c.benchmark_group("1,000 payments, one transaction each");
    group.sample_size(10);
    for sync in ["NORMAL", "FULL"] {
        let (_dir, store, loans) = demo_store(400);
        store.with(|c| Ok(c.pragma_update(None, "synchronous", sync)?)).unwrap();
        group.bench_function(format!("synchronous={sync}"), |b| {
            b.iter(|| thousand_payments(&store, &loans))
        });
    }
    group.finish();
}

fn backup_verified(c: &mut Criterion) {
    let (dir, store, _) = demo_store(4000);
    let folder = dir.path().join("backups");
    let mut group = c.benchmark_group("backup with verification");
    group.sample_size(10);
    group.bench_function("4,000 households", |b| {
        b.iter(|| store.with(|c| backup::take(c, &folder, Reason::Manual, None)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, durability, backup_verified);
criterion_main!(benches);
