//! Benchmarks for issue 2's figures: schedule and statement engines, demo generation, and member
//! search on a demo database. Whole-process figures (demo of 40,000 households, `plodnee search`
//! as a process) are measured with the release binary; see the issue note for the commands.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use plodnee::demo::{self, Options};
use plodnee::domain::Satang;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{self, DayCount, Frequency, Method, Terms};
use plodnee::domain::statement::{self, LoanBasis, PaymentIn};
use plodnee::store::{Store, search};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn terms(periods: u32) -> Terms {
    Terms {
        principal: Satang::from_baht(50_000),
        rate: AnnualRate::from_bp(600).unwrap(),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        periods,
        start: ymd(2024, 1, 31),
        day_count: DayCount::Period,
        round_up_baht: false,
    }
}

fn engines(c: &mut Criterion) {
    c.bench_function("schedule annuity 36 months", |b| {
        b.iter(|| schedule::build(&terms(36)).unwrap())
    });
    let s = schedule::build(&terms(36)).unwrap();
    let payments: Vec<PaymentIn> = s.installments[..20]
        .iter()
        .map(|i| PaymentIn { date: i.due_date + chrono::Days::new(9), amount: i.payment() })
        .collect();
    let basis = LoanBasis {
        rate: terms(36).rate,
        method: Method::Annuity,
        start: ymd(2024, 1, 31),
        default_rate: AnnualRate::from_bp(500).unwrap(),
    };
    c.bench_function("statement 36 installments 20 late payments", |b| {
        b.iter(|| statement::compute(&s, &basis, &payments, &[], ymd(2025, 11, 21)).unwrap())
    });
}

fn database(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let opts = Options { households: 4_000, seed: 2568, today: ymd(2025, 11, 21) };
    store.with(|conn| demo::generate(conn, &opts)).unwrap();
    let mut group = c.benchmark_group("search on 4,000 households (~10,000 members)");
    for q in ["สมชาย", "ศรีสุข", "หมู่ 3 สม", "081"] {
        group.bench_function(q, |b| {
            b.iter(|| store.with(|conn| search::search(conn, q, 50)).unwrap())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("demo");
    group.sample_size(10);
    group.bench_function("generate 1,000 households", |b| {
        b.iter(|| {
            let d = tempfile::tempdir().unwrap();
            let s = Store::open_in(d.path()).unwrap();
            s.with(|conn| {
                demo::generate(
                    conn,
                    &Options { households: 1_000, seed: 1, today: ymd(2025, 11, 21) },
                )
            })
            .unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, engines, database);
criterion_main!(benches);
