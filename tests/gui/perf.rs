//! Timing harness for the performance figures of issue 3: per keystroke in "find" (the search
//! query plus building and laying out the result screen) and opening a loan file (loading it
//! plus building and laying out the file).
//!
//! The small version always runs on a generated 300-household database and only guards against
//! gross regressions. The real figures come from the 100,000-member database:
//!
//! ```text
//! cargo run --release -- --data-dir /tmp/big demo --households 40000 --today 2025-11-21
//! PLODNEE_BENCH_DIR=/tmp/big cargo test --release --test gui_perf -- --ignored --nocapture
//! ```
//!
//! Window-appear time and memory are measured on the running binary (see the report / README).

use crate::support;

use std::time::{Duration, Instant};

use iced_test::simulator::Simulator;
use plodnee::app::screen::{Session, debtors::find, debtors::loan};
use plodnee::demo::{self, Options};
use plodnee::store::{Store, search};
use support::{settings, today};

/// What a person types to find สมชาย ใจดี, one keystroke at a time, plus an id and a phone.
const TYPED: &[&str] = &["สมชาย ใจดี", "หมู่ 3 สม", "3100", "081"];

struct Figures {
    keystrokes: Vec<(String, Duration, Duration, i64)>,
    loans: Vec<(Duration, Duration)>,
}

fn session(store: &Store) -> Session {
    let user = store
        .with(|c| {
            let id: i64 =
                c.query_row("SELECT id FROM app_user ORDER BY id LIMIT 1", [], |r| r.get(0))?;
            Ok(plodnee::store::users::list(c)?.into_iter().find(|u| u.id == id).expect("a user"))
        })
        .expect("user");
    Session {
        store: store.clone(),
        reader: store.clone(),
        user,
        today: today(),
        dialogs: std::sync::Arc::new(plodnee::app::dialogs::Fake::default()),
    }
}

fn measure(store: &Store, loan_samples: usize) -> Figures {
    let session = session(store);
    let (mut screen, _) = find::Find::new(session.clone(), String::new());
    let mut keystrokes = Vec::new();
    for phrase in TYPED {
        let mut typed = String::new();
        for c in phrase.chars() {
            typed.push(c);
            if c == ' ' {
                continue;
            }
            let started = Instant::now();
            let _ = screen.update(find::Message::QueryChanged(typed.clone()));
            let q = typed.clone();
            let result = store
                .with(|conn| search::search_as_you_type(conn, &q, find::LIMIT))
                .expect("search");
            let query = started.elapsed();
            let total = result.total;
            let _ = screen.update(find::Message::Results(screen.generation, Ok(result)));
            let ui = Simulator::with_size(settings(), (1060.0, 760.0), screen.view());
            drop(ui);
            keystrokes.push((typed.clone(), query, started.elapsed(), total));
        }
    }
    let ids: Vec<i64> = store
        .with(|c| {
            let mut stmt = c.prepare(
                "SELECT id FROM loan WHERE status = 'active' ORDER BY (id * 7919) % 1000 LIMIT ?1",
            )?;
            let rows = stmt.query_map([loan_samples as i64], |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<i64>, _>>()?)
        })
        .expect("loan ids");
    let mut loans = Vec::new();
    for id in ids {
        let started = Instant::now();
        let data = store.with(|conn| loan::load(conn, id, today(), today())).expect("loan");
        let load = started.elapsed();
        let (mut file, _) = loan::LoanFile::new(session.clone(), id);
        let _ = file.update(loan::Message::Loaded(Ok(Box::new(data))));
        let ui = Simulator::with_size(settings(), (1060.0, 760.0), file.view());
        drop(ui);
        loans.push((load, started.elapsed()));
    }
    Figures { keystrokes, loans }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(f: &Figures) -> (Duration, Duration) {
    println!("keystroke                 query ms   query+view ms   matches");
    for (typed, q, total, n) in &f.keystrokes {
        println!("{typed:<24} {:>9.1} {:>15.1} {n:>9}", ms(*q), ms(*total));
    }
    let worst_key = f.keystrokes.iter().map(|k| k.2).max().unwrap_or_default();
    let mut totals: Vec<Duration> = f.keystrokes.iter().map(|k| k.2).collect();
    totals.sort();
    let median_key = totals.get(totals.len() / 2).copied().unwrap_or_default();
    let worst_loan = f.loans.iter().map(|l| l.1).max().unwrap_or_default();
    let mut loan_totals: Vec<Duration> = f.loans.iter().map(|l| l.1).collect();
    loan_totals.sort();
    let median_loan = loan_totals.get(loan_totals.len() / 2).copied().unwrap_or_default();
    let worst_load = f.loans.iter().map(|l| l.0).max().unwrap_or_default();
    println!(
        "keystroke: median {:.1} ms, worst {:.1} ms over {} keystrokes",
        ms(median_key),
        ms(worst_key),
        f.keystrokes.len()
    );
    println!(
        "loan file: median {:.1} ms, worst {:.1} ms (database part worst {:.1} ms) over {} files",
        ms(median_loan),
        ms(worst_loan),
        ms(worst_load),
        f.loans.len()
    );
    (worst_key, worst_loan)
}

#[test]
fn search_keystrokes_and_loan_files_stay_quick_on_a_small_office() {
    let store = Store::memory().unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 300, seed: 7, today: today() }))
        .expect("demo");
    let figures = measure(&store, 20);
    let (worst_key, worst_loan) = report(&figures);
    // Loose bounds: debug builds on a shared 2-core machine. The real targets are checked by the
    // ignored test below on the 100,000-member database in release mode.
    assert!(worst_key < Duration::from_millis(500), "keystroke {worst_key:?}");
    assert!(worst_loan < Duration::from_millis(1000), "loan file {worst_loan:?}");
}

#[test]
#[ignore = "needs the 100,000-member database in PLODNEE_BENCH_DIR and a release build"]
fn search_keystrokes_and_loan_files_meet_the_targets_on_100k_members() {
    let dir =
        std::env::var("PLODNEE_BENCH_DIR").expect("PLODNEE_BENCH_DIR=<data dir of the big demo>");
    let store = Store::open_in(std::path::Path::new(&dir)).expect("open");
    let members = store.with(|c| plodnee::store::persons::count(c)).unwrap();
    println!("members: {members}");
    // Warm the page cache the way the running app's first screens do.
    let _ = store.with(|c| search::search(c, "สม", 10));
    let figures = measure(&store, 50);
    let (worst_key, worst_loan) = report(&figures);
    assert!(worst_key < Duration::from_millis(50), "keystroke {worst_key:?}");
    assert!(worst_loan < Duration::from_millis(100), "loan file {worst_loan:?}");
}
