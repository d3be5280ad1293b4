//! Issue 12's figure for targets: the target report (a month's targets for every scope and the
//! twelve months before it, one pass over installments, allocations and payments) in under 1 s
//! on the 100,000-member demo database; and the weekly report of one officer. The household
//! count is `PLODNEE_BENCH_HOUSEHOLDS` (default 4,000; the issue asks for the 100,000-member database).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use plodnee::demo::{self, Options};
use plodnee::domain::collections::target::Month;
use plodnee::store::Store;
use plodnee::store::report::{targets, weekly};

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

fn benches(c: &mut Criterion) {
    let households: usize = std::env::var("PLODNEE_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    store
        .with(|conn| demo::generate(conn, &Options { households, seed: 2568, today: TODAY }))
        .unwrap();
    let mut group = c.benchmark_group("collection targets");
    group.sample_size(10);
    group.bench_function(format!("target report, 12 months, {households} households"), |b| {
        b.iter(|| store.with(|conn| targets::tables(conn, Month::of(TODAY), TODAY)).unwrap())
    });
    group.bench_function(format!("weekly report of one officer, {households} households"), |b| {
        b.iter(|| {
            store.with(|conn| weekly::compute(conn, weekly::Whom::Officer(1), TODAY)).unwrap()
        })
    });
    group.finish();
}

criterion_group!(target_benches, benches);
criterion_main!(target_benches);
