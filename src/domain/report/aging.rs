//! Aging by bucket and portfolio at risk (PAR30 / PAR90) over loan positions as of a date.
//!
//! PAR30 is the principal still owed on loans more than 30 days past due over all principal still
//! owed (and PAR90 past 90 days): the whole loan counts, not only what is overdue, as microfinance
//! practice measures it. Restructured and consolidated contracts stay in every figure and are
//! also shown on lines of their own, so moving a debt into a new contract (whose days past due
//! start again) never simply makes the portfolio look better. Overdue amounts below the arrears
//! tolerance are not arrears (DESIGN.md §6), as everywhere else.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::GroupBy;
use super::table::{Bar, Cell, Chart, Kind, Table, percent};
use crate::domain::Satang;
use crate::domain::arrears::{Tolerance, in_arrears};
use crate::domain::statement::Bucket;
use crate::domain::thai::date::{format_long, format_month_short};

/// A contract that replaced others: shown on its own line as well as in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rework {
    /// Written by an approved restructuring plan (ยึด ลด ปลด หมดหนี้).
    Restructured,
    /// A tranche of a household's consolidated contract (1 ครัวเรือน 1 สัญญา).
    Consolidated,
}

/// The group a position falls in: its order on the report and its label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Group {
    pub order: i64,
    pub label: String,
}

/// One loan on the books on the report's date, as the ledger says it stood that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    pub loan_id: i64,
    pub borrower: i64,
    pub household: i64,
    pub group: Group,
    /// Principal still owed at the end of the day.
    pub outstanding: Satang,
    /// Unpaid principal and interest of the installments due before the day.
    pub overdue: Satang,
    pub days_past_due: i64,
    pub rework: Option<Rework>,
}

impl Position {
    pub fn bucket(&self) -> Bucket {
        Bucket::of(self.days_past_due)
    }
}

/// Days past due and the overdue amount on `as_of` from the installments due before it, each
/// with what was still unpaid of its principal and interest at the end of that day. Counted from
/// the oldest of them not fully paid, but only when what is overdue reaches the tolerance.
pub fn days_past_due(
    due_before: impl IntoIterator<Item = (NaiveDate, Satang)>,
    as_of: NaiveDate,
    tolerance: Tolerance,
) -> (i64, Satang) {
    let mut overdue = Satang::ZERO;
    let mut oldest: Option<NaiveDate> = None;
    for (due, unpaid) in due_before {
        if due >= as_of || !unpaid.is_positive() {
            continue;
        }
        overdue += unpaid;
        oldest = Some(oldest.map_or(due, |o| o.min(due)));
    }
    match oldest {
        Some(o) if in_arrears(overdue, tolerance) => ((as_of - o).num_days(), overdue),
        _ => (0, overdue),
    }
}

/// Loans and principal in one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Cellar {
    pub loans: i64,
    pub outstanding: Satang,
}

/// One line of the aging report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub label: String,
    pub loans: i64,
    pub outstanding: Satang,
    pub overdue: Satang,
    /// One per [`Bucket::ALL`], in order.
    pub buckets: [Cellar; 6],
    /// Principal of loans more than 30 (90) days past due.
    pub par30: Satang,
    pub par90: Satang,
}

impl Line {
    fn new(label: impl Into<String>) -> Line {
        Line {
            label: label.into(),
            loans: 0,
            outstanding: Satang::ZERO,
            overdue: Satang::ZERO,
            buckets: [Cellar::default(); 6],
            par30: Satang::ZERO,
            par90: Satang::ZERO,
        }
    }

    fn add(&mut self, p: &Position) {
        self.loans += 1;
        self.outstanding += p.outstanding;
        self.overdue += p.overdue;
        let b = Bucket::ALL.iter().position(|b| *b == p.bucket()).unwrap_or(0);
        self.buckets[b].loans += 1;
        self.buckets[b].outstanding += p.outstanding;
        if p.days_past_due > 30 {
            self.par30 += p.outstanding;
        }
        if p.days_past_due > 90 {
            self.par90 += p.outstanding;
        }
    }

    pub fn par30_percent(&self) -> Option<Decimal> {
        percent(self.par30, self.outstanding)
    }

    pub fn par90_percent(&self) -> Option<Decimal> {
        percent(self.par90, self.outstanding)
    }

    fn cells(&self) -> Vec<Cell> {
        let mut cells = vec![
            Cell::Text(self.label.clone()),
            Cell::Count(self.loans),
            Cell::Money(self.outstanding),
        ];
        cells.extend(self.buckets.iter().map(|b| Cell::Money(b.outstanding)));
        cells.push(Cell::Money(self.overdue));
        cells.push(Cell::Percent(self.par30_percent()));
        cells.push(Cell::Percent(self.par90_percent()));
        cells
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aging {
    pub as_of: NaiveDate,
    pub by: &'static str,
    pub lines: Vec<Line>,
    /// Of the total, the restructured and the consolidated contracts.
    pub restructured: Line,
    pub consolidated: Line,
    pub total: Line,
}

/// Adds the positions up by their group, with the reworked contracts' own lines and the total.
pub fn aggregate(positions: &[Position], as_of: NaiveDate, by: GroupBy) -> Aging {
    let mut groups: BTreeMap<&Group, Line> = BTreeMap::new();
    let mut restructured = Line::new("ในจำนวนนี้: สัญญาปรับโครงสร้างหนี้");
    let mut consolidated = Line::new("ในจำนวนนี้: สัญญารวมหนี้");
    let mut total = Line::new("รวมทั้งสิ้น");
    for p in positions {
        groups.entry(&p.group).or_insert_with(|| Line::new(p.group.label.clone())).add(p);
        match p.rework {
            Some(Rework::Restructured) => restructured.add(p),
            Some(Rework::Consolidated) => consolidated.add(p),
            None => {}
        }
        total.add(p);
    }
    Aging {
        as_of,
        by: by.code(),
        lines: groups.into_values().collect(),
        restructured,
        consolidated,
        total,
    }
}

impl Aging {
    pub fn table(&self, by: GroupBy) -> Table {
        let mut columns =
            vec![(by.header(), Kind::Text), ("สัญญา", Kind::Count), ("เงินต้นคงค้าง", Kind::Money)];
        let bucket_headers = ["ปกติ", "1–30 วัน", "31–60 วัน", "61–90 วัน", "91–180 วัน", "เกิน 180 วัน"];
        columns.extend(bucket_headers.iter().map(|h| (*h, Kind::Money)));
        columns.extend([
            ("ยอดค้างชำระ", Kind::Money),
            ("PAR30", Kind::Percent),
            ("PAR90", Kind::Percent),
        ]);
        let mut t = Table::new("รายงานอายุหนี้และหนี้เสี่ยง (PAR30 / PAR90)", columns);
        t.subtitle = vec![format!("ณ วันที่ {} {}", format_long(self.as_of), by)];
        t.rows = self.lines.iter().map(Line::cells).collect();
        t.rows.push(self.restructured.cells());
        t.rows.push(self.consolidated.cells());
        t.total = Some(self.total.cells());
        t.notes = vec![
            "เงินต้นคงค้างแยกตามจำนวนวันที่ค้างชำระของงวดที่ค้างนานที่สุด".into(),
            "PAR30 / PAR90 = เงินต้นคงค้างของสัญญาที่ค้างชำระเกิน 30 / 90 วัน หารด้วยเงินต้นคงค้างทั้งหมด".into(),
            "สัญญาปรับโครงสร้างหนี้และสัญญารวมหนี้นับรวมอยู่ในแต่ละกลุ่มและในยอดรวมแล้ว แสดงแยกเพื่อให้เห็นว่าไม่ได้ทำให้หนี้ดูดีขึ้น".into(),
        ];
        t.chart = Some(Chart {
            title: "เงินต้นคงค้างตามอายุหนี้ (บาท)".into(),
            bars: Bucket::ALL
                .iter()
                .zip(bucket_headers)
                .zip(&self.total.buckets)
                .map(|((_, h), c)| Bar { label: h.to_string(), value: c.outstanding })
                .collect(),
            percent: false,
            count: false,
            line: false,
        });
        t
    }

    /// The rows of the table that are groups (not the reworked lines or the total).
    pub fn group_rows(&self) -> usize {
        self.lines.len()
    }
}

/// The report's day and the last day of each of the `months - 1` months before it, oldest first.
pub fn trend_dates(as_of: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let first_of_month = as_of.with_day(1).unwrap_or(as_of);
    let mut dates: Vec<NaiveDate> = (1..months)
        .filter_map(|k| first_of_month.checked_sub_months(Months::new(k - 1)))
        .filter_map(|first| first.pred_opt())
        .collect();
    dates.reverse();
    dates.push(as_of);
    dates
}

/// The portfolio's PAR on one day of the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    pub as_of: NaiveDate,
    pub loans: i64,
    pub outstanding: Satang,
    pub par30: Satang,
    pub par90: Satang,
    /// Principal of restructured and consolidated contracts that day.
    pub reworked: Satang,
}

impl TrendPoint {
    pub fn of(as_of: NaiveDate, positions: &[Position]) -> TrendPoint {
        let mut line = Line::new("");
        let mut reworked = Satang::ZERO;
        for p in positions {
            line.add(p);
            if p.rework.is_some() {
                reworked += p.outstanding;
            }
        }
        TrendPoint {
            as_of,
            loans: line.loans,
            outstanding: line.outstanding,
            par30: line.par30,
            par90: line.par90,
            reworked,
        }
    }
}

/// A percent as a chart bar's value (hundredths of a percent, as satang are of a baht).
pub fn percent_bar(p: Option<Decimal>) -> Satang {
    p.map(|d| Satang((d * Decimal::from(100)).trunc().try_into().unwrap_or(0)))
        .unwrap_or(Satang::ZERO)
}

pub fn trend_table(points: &[TrendPoint]) -> Table {
    let mut t = Table::new(
        "แนวโน้มหนี้เสี่ยง 12 เดือน (PAR30 / PAR90)",
        vec![
            ("ณ วันที่", Kind::Date),
            ("สัญญา", Kind::Count),
            ("เงินต้นคงค้าง", Kind::Money),
            ("ค้างเกิน 30 วัน", Kind::Money),
            ("PAR30", Kind::Percent),
            ("ค้างเกิน 90 วัน", Kind::Money),
            ("PAR90", Kind::Percent),
            ("สัญญาปรับโครงสร้าง/รวมหนี้", Kind::Money),
        ],
    );
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        t.subtitle =
            vec![format!("ตั้งแต่ {} ถึง {}", format_long(first.as_of), format_long(last.as_of))];
    }
    t.rows = points
        .iter()
        .map(|p| {
            vec![
                Cell::Date(p.as_of),
                Cell::Count(p.loans),
                Cell::Money(p.outstanding),
                Cell::Money(p.par30),
                Cell::Percent(percent(p.par30, p.outstanding)),
                Cell::Money(p.par90),
                Cell::Percent(percent(p.par90, p.outstanding)),
                Cell::Money(p.reworked),
            ]
        })
        .collect();
    t.chart = Some(Chart {
        title: "PAR30 รายเดือน (%)".into(),
        bars: points
            .iter()
            .map(|p| Bar {
                label: format_month_short(p.as_of),
                value: percent_bar(percent(p.par30, p.outstanding)),
            })
            .collect(),
        percent: true,
        count: false,
        line: true,
    });
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pos(group: i64, outstanding: i64, dpd: i64, rework: Option<Rework>) -> Position {
        Position {
            loan_id: 0,
            borrower: 0,
            household: 0,
            group: Group { order: group, label: format!("หมู่ {group}") },
            outstanding: Satang::from_baht(outstanding),
            overdue: Satang::ZERO,
            days_past_due: dpd,
            rework,
        }
    }

    #[test]
    fn days_past_due_count_from_the_oldest_installment_not_fully_paid() {
        let tol = Tolerance(Satang(100));
        // Due 31 Jan (paid), 28 Feb (50 left), 31 Mar (900 left); as of 15 Apr: 46 days from 28 Feb.
        let due = [
            (d(2025, 1, 31), Satang::ZERO),
            (d(2025, 2, 28), Satang(5000)),
            (d(2025, 3, 31), Satang(90000)),
        ];
        assert_eq!(days_past_due(due, d(2025, 4, 15), tol), (46, Satang(95000)));
        // An installment due on the day itself is not yet overdue.
        assert_eq!(
            days_past_due([(d(2025, 4, 15), Satang(90000))], d(2025, 4, 15), tol),
            (0, Satang::ZERO)
        );
        // 99 satang overdue is under the one-baht tolerance: not arrears, but the amount is told.
        assert_eq!(
            days_past_due([(d(2025, 1, 31), Satang(99))], d(2025, 4, 15), tol),
            (0, Satang(99))
        );
    }

    #[test]
    fn par_counts_the_whole_principal_of_loans_past_30_and_90_days() {
        // Worked by hand: หมู่ 1 holds 10,000 current and 20,000 at 45 days; หมู่ 2 holds 30,000 at
        // 120 days (a restructured contract) and 40,000 at 31 days (a consolidated tranche).
        // Total 100,000; past 30 days: 20,000 + 30,000 + 40,000 = 90,000 (90.00%); past 90 days
        // 30,000 (30.00%). หมู่ 1: PAR30 20,000/30,000 = 66.67%, PAR90 0.
        let ps = [
            pos(1, 10_000, 0, None),
            pos(1, 20_000, 45, None),
            pos(2, 30_000, 120, Some(Rework::Restructured)),
            pos(2, 40_000, 31, Some(Rework::Consolidated)),
        ];
        let a = aggregate(&ps, d(2025, 6, 30), GroupBy::Village);
        assert_eq!(a.total.outstanding, Satang::from_baht(100_000));
        assert_eq!(a.total.par30_percent(), Some(dec!(90.00)));
        assert_eq!(a.total.par90_percent(), Some(dec!(30.00)));
        assert_eq!(a.lines[0].par30_percent(), Some(dec!(66.67)));
        assert_eq!(a.lines[0].par90_percent(), Some(dec!(0.00)));
        assert_eq!(a.restructured.outstanding, Satang::from_baht(30_000));
        assert_eq!(a.restructured.buckets[4].loans, 1, "120 days is in 91–180");
        assert_eq!(
            a.consolidated.buckets[2].outstanding,
            Satang::from_baht(40_000),
            "31 days is in 31–60"
        );
        // 30 days exactly is not past 30.
        let edge = aggregate(&[pos(1, 1_000, 30, None)], d(2025, 6, 30), GroupBy::Village);
        assert_eq!(edge.total.par30, Satang::ZERO);
        assert_eq!(edge.total.buckets[1].loans, 1);
    }

    #[test]
    fn the_table_keeps_the_reworked_lines_inside_the_total() {
        let ps = [pos(1, 10_000, 0, None), pos(2, 30_000, 120, Some(Rework::Restructured))];
        let t = aggregate(&ps, d(2025, 6, 30), GroupBy::Village).table(GroupBy::Village);
        // Two groups, the restructured and consolidated lines, and the total.
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.total.as_ref().unwrap()[2], Cell::Money(Satang::from_baht(40_000)));
        assert_eq!(t.column_sum(2) - t.rows[2][2].money().unwrap(), Satang::from_baht(40_000));
    }

    #[test]
    fn the_trend_runs_over_month_ends_up_to_the_day() {
        let dates = trend_dates(d(2025, 3, 15), 4);
        assert_eq!(dates, vec![d(2024, 12, 31), d(2025, 1, 31), d(2025, 2, 28), d(2025, 3, 15)]);
        assert_eq!(trend_dates(d(2025, 3, 15), 12).len(), 12);
    }
}
