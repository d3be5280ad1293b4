//! Due against collected by month (ยอดครบกำหนดเทียบยอดรับชำระ): for each of the twelve months up to
//! the report's day and each fund, the principal and interest of the installments that fell due
//! in the month and the money the fund's loans received in it. A month's collections can pay
//! older arrears or prepay, so the share can pass 100%; that is the point of showing both.

use chrono::{Datelike, Months, NaiveDate};

use super::aging::Group;
use super::table::{Bar, Cell, Chart, Kind, Table, percent};
use crate::domain::Satang;
use crate::domain::thai::date::{format_long, format_month_short, format_month_year};

/// One month of the report: its first day and the last day counted (the month's end, or the
/// report's day in its own month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// The `months` calendar months ending with the one holding `as_of`, oldest first.
pub fn months(as_of: NaiveDate, months: u32) -> Vec<Month> {
    let first_of = as_of.with_day(1).unwrap_or(as_of);
    (0..months)
        .rev()
        .filter_map(|k| {
            let first = first_of.checked_sub_months(Months::new(k))?;
            let next = first.checked_add_months(Months::new(1))?;
            let last = next.pred_opt()?.min(as_of);
            Some(Month { first, last })
        })
        .collect()
}

/// What fell due and what was received for one fund in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFund {
    pub month: Month,
    pub fund: Group,
    pub due: Satang,
    pub collected: Satang,
}

pub fn table(lines: &[MonthFund], as_of: NaiveDate) -> Table {
    let mut t = Table::new(
        "ยอดครบกำหนดเทียบยอดรับชำระรายเดือน",
        vec![
            ("เดือน", Kind::Text),
            ("กองทุน", Kind::Text),
            ("ครบกำหนดชำระ", Kind::Money),
            ("รับชำระ", Kind::Money),
            ("รับชำระต่อครบกำหนด", Kind::Percent),
        ],
    );
    // The twelve months are named whole, also those in which nothing fell due or came in.
    let all = months(as_of, 12);
    let first = all.first().map_or(as_of, |m| m.first);
    t.subtitle = vec![format!("ตั้งแต่ {} ถึง {}", format_long(first), format_long(as_of))];
    t.rows = lines
        .iter()
        .map(|l| {
            vec![
                Cell::Text(format_month_year(l.month.first)),
                Cell::Text(l.fund.label.clone()),
                Cell::Money(l.due),
                Cell::Money(l.collected),
                Cell::Percent(percent(l.collected, l.due)),
            ]
        })
        .collect();
    let due: Satang = lines.iter().map(|l| l.due).sum();
    let collected: Satang = lines.iter().map(|l| l.collected).sum();
    t.total = Some(vec![
        Cell::Text("รวมทั้งสิ้น".into()),
        Cell::Empty,
        Cell::Money(due),
        Cell::Money(collected),
        Cell::Percent(percent(collected, due)),
    ]);
    t.notes = vec![
        "ครบกำหนดชำระ = เงินต้นและดอกเบี้ยของงวดที่ถึงกำหนดในเดือนนั้น (ไม่รวมงวดหลังวันที่ปิดสัญญา)".into(),
        "รับชำระ = เงินที่รับในเดือนนั้นทั้งหมด (เงินต้น ดอกเบี้ย ดอกเบี้ยผิดนัด ค่าธรรมเนียม) ไม่นับใบเสร็จที่ยกเลิก จึงอาจเกินร้อยละ 100 เมื่อมีการชำระหนี้ค้างเก่า".into(),
    ];
    // One bar per month over all funds: the month's collections against what fell due.
    let bars: Vec<(Month, Satang, Satang)> = all
        .iter()
        .map(|m| {
            let of = lines.iter().filter(|l| l.month == *m);
            (*m, of.clone().map(|l| l.due).sum(), of.map(|l| l.collected).sum())
        })
        .collect();
    t.chart = Some(Chart {
        title: "รับชำระต่อครบกำหนดรายเดือน (%)".into(),
        bars: bars
            .iter()
            .map(|(m, due, got)| Bar {
                label: format_month_short(m.first),
                value: super::aging::percent_bar(percent(*got, *due)),
            })
            .collect(),
        percent: true,
        count: false,
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
    fn the_months_end_with_the_report_day_in_its_own_month() {
        let ms = months(d(2025, 3, 15), 3);
        assert_eq!(
            ms,
            vec![
                Month { first: d(2025, 1, 1), last: d(2025, 1, 31) },
                Month { first: d(2025, 2, 1), last: d(2025, 2, 28) },
                Month { first: d(2025, 3, 1), last: d(2025, 3, 15) },
            ]
        );
        assert_eq!(months(d(2025, 12, 31), 12).first().unwrap().first, d(2025, 1, 1));
    }

    #[test]
    fn the_share_is_collected_over_due_and_the_total_adds_the_rows() {
        let fund = |n: i64| Group { order: n, label: format!("กองทุน {n}") };
        let jan = Month { first: d(2025, 1, 1), last: d(2025, 1, 31) };
        // 800 of 1,000 due = 80.00%; fund 2 had nothing due but received 50: no share.
        let lines = [
            MonthFund {
                month: jan,
                fund: fund(1),
                due: Satang(100_000),
                collected: Satang(80_000),
            },
            MonthFund { month: jan, fund: fund(2), due: Satang::ZERO, collected: Satang(5_000) },
        ];
        let t = table(&lines, d(2025, 1, 31));
        assert_eq!(t.rows[0][4].text(), "80.00%");
        assert_eq!(t.rows[1][4].text(), "–");
        let total = t.total.unwrap();
        assert_eq!(total[3], Cell::Money(Satang(85_000)));
        // 850 of 1,000 = 85.00% on the January bar, the last of twelve.
        let bars = t.chart.unwrap().bars;
        assert_eq!(bars.len(), 12);
        assert_eq!(bars[11].value, Satang(8_500));
        assert_eq!(t.subtitle[0], "ตั้งแต่ 1 กุมภาพันธ์ 2567 ถึง 31 มกราคม 2568");
    }
}
