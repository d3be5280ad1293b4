//! รายงานเป้าการเก็บเงิน: a month's targets against collections for the institute, each fund,
//! officer, หมู่ and debtor on a plan, with the ones more than 10% behind marked; and the
//! institute's last twelve months with a chart of collections as a percent of target.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::collections::target::Month;
use crate::domain::report::table::{Bar, Cell, Chart, Kind, Table, percent};
use crate::domain::thai::date::format_long;
use crate::store::error::Result;
use crate::store::targets::{self, Line, MonthTargets};

/// The month's table and the twelve months' table, from one pass over the book.
pub fn tables(
    conn: &Connection,
    month: Month,
    today: NaiveDate,
) -> Result<(MonthTargets, Vec<Table>)> {
    let run = targets::months(conn, &month.last_n(12), today)?;
    let current = run.last().cloned().unwrap_or(MonthTargets {
        month,
        share: targets::arrears_share(conn)?,
        lines: Vec::new(),
    });
    let tables = vec![month_table(&current, today), history_table(&run)];
    Ok((current, tables))
}

pub fn status(line: &Line) -> &'static str {
    if line.progress.behind {
        "ต่ำกว่าเป้าเกิน 10%"
    } else if line.progress.expected.is_zero() {
        "ยังไม่เริ่มเดือน"
    } else {
        "ตามเป้า"
    }
}

pub fn month_table(m: &MonthTargets, today: NaiveDate) -> Table {
    let mut t = Table::new(
        format!("เป้าการเก็บเงินเทียบยอดที่เก็บได้ เดือน{}", m.month),
        vec![
            ("กลุ่ม", Kind::Text),
            ("ชื่อ", Kind::Text),
            ("ครบกำหนดในเดือน", Kind::Money),
            ("ค้างชำระต้นเดือน", Kind::Money),
            ("เป้า", Kind::Money),
            ("เก็บได้", Kind::Money),
            ("ร้อยละของเป้า", Kind::Percent),
            ("ควรได้ถึงวันนี้", Kind::Money),
            ("สถานะ", Kind::Text),
        ],
    );
    t.subtitle = vec![format!("ข้อมูล ณ วันที่ {}", format_long(today))];
    for l in &m.lines {
        let target_note = if l.set { " (ตั้งเอง)" } else { "" };
        t.rows.push(vec![
            Cell::Text(l.scope.kind_label().into()),
            Cell::Text(format!("{}{target_note}", l.label)),
            Cell::Money(l.due),
            Cell::Money(l.arrears),
            Cell::Money(l.target),
            Cell::Money(l.collected),
            Cell::Percent(percent(l.collected, l.target)),
            Cell::Money(l.progress.expected),
            Cell::Text(status(l).into()),
        ]);
    }
    let share = m.share.0;
    t.notes = vec![
        format!(
            "เป้าค่าเริ่มต้น = ยอดที่ครบกำหนดในเดือน + ร้อยละ {}.{:02} ของยอดค้างชำระ ณ วันต้นเดือน (ตั้งค่าได้) เหรัญญิกตั้งเป้าเองได้",
            share / 100,
            share % 100
        ),
        "ควรได้ถึงวันนี้ = เป้า × จำนวนวันที่ผ่านไปของเดือน ÷ จำนวนวันในเดือน; แจ้งเตือนเมื่อเก็บได้ต่ำกว่านี้เกินร้อยละ 10"
            .into(),
        "กลุ่มต่าง ๆ ซ้อนกัน (กองทุน เจ้าหน้าที่ หมู่) จึงไม่รวมยอดท้ายตาราง".into(),
    ];
    t
}

pub fn history_table(run: &[MonthTargets]) -> Table {
    let mut t = Table::new(
        "เป้าการเก็บเงินรายเดือน ทั้งสถาบัน",
        vec![
            ("เดือน", Kind::Text),
            ("เป้า", Kind::Money),
            ("เก็บได้", Kind::Money),
            ("ร้อยละของเป้า", Kind::Percent),
            ("สถานะ", Kind::Text),
        ],
    );
    if let (Some(a), Some(b)) = (run.first(), run.last()) {
        t.subtitle = vec![format!("{} ถึง {}", a.month, b.month)];
    }
    let mut bars = Vec::new();
    for m in run {
        let (target, collected, state) = match m.institute() {
            Some(l) => (l.target, l.collected, status(l)),
            None => (Satang::ZERO, Satang::ZERO, "–"),
        };
        let p = percent(collected, target);
        t.rows.push(vec![
            Cell::Text(m.month.to_string()),
            Cell::Money(target),
            Cell::Money(collected),
            Cell::Percent(p),
            Cell::Text(state.into()),
        ]);
        // Percent ×100 as satang: the chart's convention for percent bars.
        let value = p.map(|p| (p * rust_decimal::Decimal::from(100)).trunc()).unwrap_or_default();
        bars.push(Bar {
            label: m.month.short(),
            value: Satang(rust_decimal::prelude::ToPrimitive::to_i64(&value).unwrap_or(0)),
        });
    }
    t.chart = Some(Chart {
        title: "เก็บได้เทียบเป้า (ร้อยละ)".into(),
        bars,
        percent: true,
        count: false,
        line: false,
    });
    t
}
