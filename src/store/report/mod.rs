//! Reports reproduced from the ledger as of any date (DESIGN.md §8): one module per report. Past
//! days are rebuilt from the payments and their allocations, never read from caches that only
//! hold today (see [`positions`] for how). [`tables`] is the one door the screen and the command
//! line both use, so a report is the same wherever it is asked for.

pub mod aging;
pub mod annual;
pub mod collection;
pub mod debtors;
pub mod letters;
pub mod loan_list;
pub mod positions;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::report::kind::ReportKind;
use crate::domain::report::table::Table;
use crate::domain::report::{self as report, GroupBy};
use crate::store::error::Result;

/// What a report is asked for: its day, the period's first day (reports over a period) and the
/// grouping (reports that group).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub kind: ReportKind,
    pub as_of: NaiveDate,
    pub from: NaiveDate,
    pub by: GroupBy,
}

impl Request {
    /// A period from 1 January of the day's year, grouped by fund.
    pub fn new(kind: ReportKind, as_of: NaiveDate) -> Request {
        Request { kind, as_of, from: report::kind::year_start(as_of), by: GroupBy::Fund }
    }
}

/// The report's tables, in the order they are shown, printed and saved.
pub fn tables(conn: &Connection, r: &Request) -> Result<Vec<Table>> {
    let (as_of, by) = (r.as_of, r.by);
    Ok(match r.kind {
        ReportKind::Aging => {
            let ag = aging::compute(conn, as_of, by)?;
            let tr = aging::trend(conn, as_of, 12)?;
            vec![ag.table(by), report::aging::trend_table(&tr)]
        }
        ReportKind::Trend => vec![report::aging::trend_table(&aging::trend(conn, as_of, 12)?)],
        ReportKind::Portfolio => {
            vec![report::portfolio::table(&positions::on_day(conn, as_of, by)?, as_of, by)]
        }
        ReportKind::DueCollected => {
            vec![report::collection::table(&collection::compute(conn, as_of)?, as_of)]
        }
        ReportKind::Debtors => vec![report::debtors::table(&debtors::compute(conn, as_of)?, as_of)],
        ReportKind::Letters => {
            vec![report::letters::table(&letters::compute(conn, r.from, as_of)?, r.from, as_of)]
        }
        ReportKind::Annual => {
            vec![report::annual::table(&annual::compute(conn, r.from, as_of)?, r.from, as_of)]
        }
    })
}
