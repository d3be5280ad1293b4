//! Portfolio summary (ภาพรวมสินเชื่อ) as of a day: borrowers, households, loans and principal
//! still owed, per group, from the same positions as the aging report (so the totals agree).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::GroupBy;
use super::aging::{Group, Position};
use super::table::{Bar, Cell, Chart, Kind, Table, percent};
use crate::domain::Satang;
use crate::domain::thai::date::format_long;

#[derive(Default)]
struct Sums {
    borrowers: HashSet<i64>,
    households: HashSet<i64>,
    loans: i64,
    outstanding: Satang,
    overdue: Satang,
}

impl Sums {
    fn add(&mut self, p: &Position) {
        self.borrowers.insert(p.borrower);
        self.households.insert(p.household);
        self.loans += 1;
        self.outstanding += p.outstanding;
        self.overdue += p.overdue;
    }

    fn cells(&self, label: String, whole: Satang) -> Vec<Cell> {
        vec![
            Cell::Text(label),
            Cell::Count(self.households.len() as i64),
            Cell::Count(self.borrowers.len() as i64),
            Cell::Count(self.loans),
            Cell::Money(self.outstanding),
            Cell::Percent(percent(self.outstanding, whole)),
            Cell::Money(self.overdue),
        ]
    }
}

pub fn table(positions: &[Position], as_of: NaiveDate, by: GroupBy) -> Table {
    let mut groups: BTreeMap<&Group, Sums> = BTreeMap::new();
    let mut total = Sums::default();
    for p in positions {
        groups.entry(&p.group).or_default().add(p);
        total.add(p);
    }
    let mut t = Table::new(
        "รายงานภาพรวมสินเชื่อ",
        vec![
            (by.header(), Kind::Text),
            ("ครัวเรือน", Kind::Count),
            ("สมาชิกผู้กู้", Kind::Count),
            ("สัญญา", Kind::Count),
            ("เงินต้นคงค้าง", Kind::Money),
            ("สัดส่วน", Kind::Percent),
            ("ยอดค้างชำระ", Kind::Money),
        ],
    );
    t.subtitle = vec![format!("ณ วันที่ {} {}", format_long(as_of), by)];
    t.rows = groups.iter().map(|(g, s)| s.cells(g.label.clone(), total.outstanding)).collect();
    t.total = Some(total.cells("รวมทั้งสิ้น".into(), total.outstanding));
    t.notes = vec![
        "นับเฉพาะสัญญาที่ยังมีหนี้อยู่ ณ วันที่รายงาน (เงินต้น ไม่รวมหนี้ค้างยกมาที่ไม่คิดดอกเบี้ย)".into(),
        "ครัวเรือนและสมาชิกที่กู้หลายกลุ่มนับในแต่ละกลุ่ม แต่นับครั้งเดียวในยอดรวม".into(),
    ];
    t.chart = Some(Chart {
        title: "เงินต้นคงค้าง (บาท)".into(),
        bars: groups
            .iter()
            .map(|(g, s)| Bar { label: g.label.clone(), value: s.outstanding })
            .collect(),
        percent: false,
        count: false,
        line: false,
    });
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_household_borrowing_in_two_groups_counts_once_in_the_total() {
        let p = |loan, borrower, household, fund: i64, baht| Position {
            loan_id: loan,
            borrower,
            household,
            group: Group { order: fund, label: format!("กองทุน {fund}") },
            outstanding: Satang::from_baht(baht),
            overdue: Satang::ZERO,
            days_past_due: 0,
            rework: None,
        };
        // Household 7 (members 1 and 2) borrows from funds 1 and 2; household 8 from fund 2.
        let ps = [p(1, 1, 7, 1, 3_000), p(2, 2, 7, 2, 1_000), p(3, 3, 8, 2, 4_000)];
        let t = table(&ps, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(), GroupBy::Fund);
        let total = t.total.unwrap();
        assert_eq!(total[1], Cell::Count(2), "households");
        assert_eq!(total[2], Cell::Count(3), "borrowers");
        assert_eq!(total[4], Cell::Money(Satang::from_baht(8_000)));
        assert_eq!(t.rows[1][1], Cell::Count(2), "fund 2 has two households");
        assert_eq!(t.rows[0][5].text(), "37.50%");
    }
}
