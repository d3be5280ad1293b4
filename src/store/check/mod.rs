//! `plodnee check`: the database's own integrity, the audit chain, and money reconciliation of
//! every loan (principal − principal paid = outstanding; every payment fully allocated; the
//! stored ledger equal to what the statement engine derives from the payments).

mod book;
mod loan;

use rusqlite::Connection;
use serde::Serialize;

use super::error::Result;
use super::{audit, fund_statement, funds};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What is wrong, in Thai.
    pub problem: String,
    /// The contract or table concerned.
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Report {
    pub loans_checked: i64,
    pub payments_checked: i64,
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn add(&mut self, subject: impl Into<String>, problem: impl Into<String>) {
        self.problems.push(Problem { subject: subject.into(), problem: problem.into() });
    }
}

/// How deep SQLite's own check goes. `quick_check` reads every page and record but does not
/// compare indexes with their tables: on a 100,000-member book it takes a fraction of the 15 s
/// `integrity_check` needs, so the everyday `plodnee check` uses it; a backup counts as good only
/// after the full one. The full check also runs `foreign_key_check` (2.8 s of lookups on that
/// book): every write the app makes has foreign keys enforced, so only a file edited outside the
/// app can break them, and that is what the full check and backup verification are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Quick,
    Full,
}

impl Depth {
    fn pragma(self) -> &'static str {
        match self {
            Depth::Quick => "PRAGMA quick_check",
            Depth::Full => "PRAGMA integrity_check",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Depth::Quick => "quick_check",
            Depth::Full => "integrity_check",
        }
    }
}

/// Runs every check with SQLite's full integrity check. `progress` is told (done, total) loans
/// now and then.
pub fn run(conn: &Connection, progress: impl FnMut(i64, i64)) -> Result<Report> {
    run_at(conn, Depth::Full, progress)
}

/// Runs every check, SQLite's own at the given depth.
pub fn run_at(
    conn: &Connection,
    depth: Depth,
    mut progress: impl FnMut(i64, i64),
) -> Result<Report> {
    // SQLite's 2 MB page cache made the checks re-read the file page by page (a quarter of the
    // time in the kernel on a 612 MB book); a large cache for the check's duration reads each
    // page once. The connection's own size is put back whatever the outcome.
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -262_144)?;
    let result = run_checks(conn, depth, &mut progress);
    conn.pragma_update(None, "cache_size", cache)?;
    result
}

fn run_checks(
    conn: &Connection,
    depth: Depth,
    progress: &mut impl FnMut(i64, i64),
) -> Result<Report> {
    let mut report = integrity_and_audit_at(conn, depth)?;
    // The whole book is read in a few table scans and then checked loan by loan in memory: a
    // query per loan and table cost 0.17 ms a loan, 31 s over a 175,000-loan database.
    let book = book::Book::load(conn)?;
    let total = book.loans.len() as i64;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
    let mut done = 0;
    for block in book.loans.chunks(4000) {
        progress(done, total);
        // Each thread checks a contiguous part of the block into its own report; appending the
        // reports in order keeps the problems in loan order, whatever the thread count.
        let part = block.len().div_ceil(threads);
        let reports: Vec<Report> = std::thread::scope(|s| {
            let handles: Vec<_> = block
                .chunks(part)
                .map(|loans| {
                    let book = &book;
                    s.spawn(move || {
                        let mut r = Report::default();
                        for loan in loans {
                            loan::check(loan, &book.rows(loan), &mut r);
                            r.loans_checked += 1;
                        }
                        r
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a check thread panicked")).collect()
        });
        for r in reports {
            report.loans_checked += r.loans_checked;
            report.payments_checked += r.payments_checked;
            report.problems.extend(r.problems);
        }
        done += block.len() as i64;
    }
    progress(total, total);
    check_funds(conn, &mut report)?;
    Ok(report)
}

/// The checks that need no particular schema: SQLite's full integrity check, foreign keys, the
/// audit chain.
pub fn integrity_and_audit(conn: &Connection) -> Result<Report> {
    integrity_and_audit_at(conn, Depth::Full)
}

fn integrity_and_audit_at(conn: &Connection, depth: Depth) -> Result<Report> {
    let mut report = Report::default();
    let integrity: Vec<String> =
        conn.prepare(depth.pragma())?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    if integrity != ["ok"] {
        for line in integrity {
            report.add("ฐานข้อมูล", format!("{}: {line}", depth.name()));
        }
    }
    let fk: Vec<(String, i64)> = if depth == Depth::Full {
        conn.prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    for (table, rowid) in fk {
        report.add(table, format!("แถว {rowid} อ้างถึงข้อมูลที่ไม่มีอยู่"));
    }
    if let Some(id) = audit::first_broken_link(conn)? {
        report.add("บันทึกการใช้งาน", format!("สายแฮชของบันทึกขาดที่รายการ {id}: มีการแก้ไขนอกโปรแกรม"));
    }
    Ok(report)
}

/// Each fund's ledger against its live loans (issue 17 §A6): the statement from the first loan to
/// today must close at the principal the funds screen shows, and the carried parts apart.
fn check_funds(conn: &Connection, report: &mut Report) -> Result<()> {
    let today = crate::clock::today();
    let first: Option<chrono::NaiveDate> =
        conn.query_row("SELECT MIN(start_date) FROM loan", [], |r| r.get(0))?;
    let Some(first) = first else { return Ok(()) };
    for s in funds::summaries(conn)? {
        let st = fund_statement::compute(conn, s.fund.id, first, today.max(first))?;
        if st.closing_principal != s.outstanding {
            report.add(
                format!("กองทุน {}", s.fund.code),
                format!(
                    "งบกองทุนปิดที่เงินต้น {} แต่สัญญาที่ยังเปิดรวมกันได้ {}",
                    st.closing_principal, s.outstanding
                ),
            );
        }
        if st.closing_carried != s.carried {
            report.add(
                format!("กองทุน {}", s.fund.code),
                format!(
                    "หนี้ค้างยกมาตามงบกองทุน {} ไม่ตรงกับสัญญาที่ยังเปิด {}",
                    st.closing_carried, s.carried
                ),
            );
        }
    }
    Ok(())
}
