//! Letters issued (หนังสือที่ออก) over a period, from the letter register: how many of each kind
//! went out in each month and the amounts they stated, so the committee sees how much of the
//! collections work was done on paper.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::table::{Bar, Cell, Chart, Kind, Table};
use crate::domain::Satang;
use crate::domain::letter::Kind as LetterKind;
use crate::domain::thai::date::{format_long, format_month_short, format_month_year};

/// One registered letter: its day, its kind's code and the amount it stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub issued_on: NaiveDate,
    pub kind: String,
    pub total: Satang,
}

fn kind_label(code: &str) -> String {
    LetterKind::from_code(code).map(|k| k.to_string()).unwrap_or_else(|| code.to_string())
}

fn kind_order(code: &str) -> usize {
    LetterKind::ALL.iter().position(|k| k.code() == code).unwrap_or(usize::MAX)
}

pub fn table(letters: &[Issued], from: NaiveDate, to: NaiveDate) -> Table {
    // (month's first day, kind order, kind code) → (count, amount).
    let mut cells: BTreeMap<(NaiveDate, usize, &str), (i64, Satang)> = BTreeMap::new();
    let mut per_month: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for l in letters.iter().filter(|l| l.issued_on >= from && l.issued_on <= to) {
        let month = l.issued_on.with_day(1).unwrap_or(l.issued_on);
        let e = cells.entry((month, kind_order(&l.kind), &l.kind)).or_default();
        e.0 += 1;
        e.1 += l.total;
        *per_month.entry(month).or_default() += 1;
    }
    let mut t = Table::new(
        "รายงานหนังสือที่ออก",
        vec![
            ("เดือน", Kind::Text),
            ("ประเภทหนังสือ", Kind::Text),
            ("จำนวน (ฉบับ)", Kind::Count),
            ("ยอดเงินที่แจ้งในหนังสือ", Kind::Money),
        ],
    );
    t.subtitle = vec![format!("ตั้งแต่ {} ถึง {}", format_long(from), format_long(to))];
    t.rows = cells
        .iter()
        .map(|((month, _, code), (n, amount))| {
            vec![
                Cell::Text(format_month_year(*month)),
                Cell::Text(kind_label(code)),
                Cell::Count(*n),
                Cell::Money(*amount),
            ]
        })
        .collect();
    t.total = Some(vec![
        Cell::Text("รวมทั้งสิ้น".into()),
        Cell::Empty,
        Cell::Count(cells.values().map(|c| c.0).sum()),
        Cell::Money(cells.values().map(|c| c.1).sum()),
    ]);
    t.notes = vec!["นับจากทะเบียนหนังสือส่งตามวันที่ออกหนังสือ (การพิมพ์สำเนาซ้ำไม่นับเพิ่ม)".into()];
    t.chart = Some(Chart {
        title: "จำนวนหนังสือที่ออกรายเดือน (ฉบับ)".into(),
        bars: per_month
            .iter()
            .map(|(m, n)| Bar { label: format_month_short(*m), value: Satang(*n) })
            .collect(),
        percent: false,
        count: true,
        line: false,
    });
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn letters_count_by_month_and_kind_inside_the_period_only() {
        let l = |on, kind: &str, baht| Issued {
            issued_on: on,
            kind: kind.into(),
            total: Satang::from_baht(baht),
        };
        let letters = [
            l(d(2025, 1, 5), "demand", 1_000),
            l(d(2025, 1, 20), "reminder", 300),
            l(d(2025, 1, 25), "demand", 2_000),
            l(d(2025, 2, 1), "reminder", 400),
            l(d(2025, 3, 1), "reminder", 999), // after the period
        ];
        let t = table(&letters, d(2025, 1, 1), d(2025, 2, 28));
        // January: the reminder first (register order of kinds), then two demands of 3,000.
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1][2], Cell::Count(2));
        assert_eq!(t.rows[1][3], Cell::Money(Satang::from_baht(3_000)));
        assert_eq!(t.total.as_ref().unwrap()[2], Cell::Count(4));
        let chart = t.chart.unwrap();
        assert_eq!(chart.bars.iter().map(|b| b.value.0).collect::<Vec<_>>(), [3, 1]);
        assert_eq!(chart.label(Satang(1234)), "1,234");
    }
}
