//! The list of debtors by หมู่ for the committee meeting (บัญชีลูกหนี้รายหมู่): every member with a
//! loan on the books on the day, one line per contract, with what is owed, what is overdue and
//! for how long. The committee reads it aloud, so national ids are masked (PDPA) to their last
//! four digits, as on the village-assembly list.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::table::{Bar, Cell, Chart, Kind, Table};
use crate::domain::Satang;
use crate::domain::national_id::NationalId;
use crate::domain::thai::date::format_long;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debtor {
    pub village: i64,
    pub name: String,
    /// As stored; masked when the table is made.
    pub national_id: Option<NationalId>,
    pub contract_no: String,
    pub fund: String,
    pub outstanding: Satang,
    pub overdue: Satang,
    pub days_past_due: i64,
    /// ชั้นสมาชิก A–D as graded now (grades are not kept per day).
    pub grade: Option<String>,
}

pub fn table(debtors: &[Debtor], as_of: NaiveDate) -> Table {
    let mut list: Vec<&Debtor> = debtors.iter().collect();
    list.sort_by(|a, b| {
        (a.village, &a.name, &a.contract_no).cmp(&(b.village, &b.name, &b.contract_no))
    });
    let mut t = Table::new(
        "บัญชีรายชื่อลูกหนี้รายหมู่",
        vec![
            ("หมู่ที่", Kind::Count),
            ("ชื่อ-สกุล", Kind::Text),
            ("เลขประจำตัวประชาชน", Kind::Text),
            ("เลขที่สัญญา", Kind::Text),
            ("กองทุน", Kind::Text),
            ("เงินต้นคงค้าง", Kind::Money),
            ("ยอดค้างชำระ", Kind::Money),
            ("ค้างชำระ (วัน)", Kind::Count),
            ("ชั้นสมาชิก", Kind::Text),
        ],
    );
    t.subtitle = vec![format!("ณ วันที่ {} สำหรับการประชุมคณะกรรมการ", format_long(as_of))];
    t.rows = list
        .iter()
        .map(|d| {
            vec![
                Cell::Count(d.village),
                Cell::Text(d.name.clone()),
                Cell::Text(d.national_id.map(|n| n.masked()).unwrap_or_else(|| "-".into())),
                Cell::Text(d.contract_no.clone()),
                Cell::Text(d.fund.clone()),
                Cell::Money(d.outstanding),
                Cell::Money(d.overdue),
                Cell::Count(d.days_past_due),
                Cell::Text(d.grade.clone().unwrap_or_else(|| "-".into())),
            ]
        })
        .collect();
    let members: std::collections::HashSet<(&str, i64)> =
        list.iter().map(|d| (d.name.as_str(), d.village)).collect();
    t.total = Some(vec![
        Cell::Text("รวม".into()),
        Cell::Text(format!("{} คน", members.len())),
        Cell::Empty,
        Cell::Text(format!("{} สัญญา", list.len())),
        Cell::Empty,
        Cell::Money(list.iter().map(|d| d.outstanding).sum()),
        Cell::Money(list.iter().map(|d| d.overdue).sum()),
        Cell::Empty,
        Cell::Empty,
    ]);
    t.notes = vec![
        "เลขประจำตัวประชาชนแสดงเฉพาะ 4 หลักท้าย (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล)".into(),
        "ยอดค้างชำระและวันค้างชำระคิดจากงวดที่ถึงกำหนดก่อนวันที่รายงาน ชั้นสมาชิกเป็นชั้นปัจจุบัน".into(),
    ];
    let mut by_village: BTreeMap<i64, Satang> = BTreeMap::new();
    for d in &list {
        *by_village.entry(d.village).or_default() += d.overdue;
    }
    t.chart = Some(Chart::baht(
        "ยอดค้างชำระตามหมู่ (บาท)",
        by_village
            .into_iter()
            .map(|(v, overdue)| Bar { label: format!("หมู่ {v}"), value: overdue })
            .collect(),
    ));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_runs_by_village_and_name_with_ids_masked() {
        let id = NationalId::parse("1101700203450").ok();
        let debtor = |village, name: &str, overdue| Debtor {
            village,
            name: name.into(),
            national_id: id,
            contract_no: format!("กทบ.{village}/2568"),
            fund: "กทบ.".into(),
            outstanding: Satang::from_baht(10_000),
            overdue: Satang::from_baht(overdue),
            days_past_due: 0,
            grade: None,
        };
        let t = table(
            &[debtor(3, "นายข", 500), debtor(1, "นางก", 0), debtor(3, "นายก", 250)],
            NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        );
        let names: Vec<String> = t.rows.iter().map(|r| r[1].text()).collect();
        assert_eq!(names, ["นางก", "นายก", "นายข"]);
        assert_eq!(t.rows[0][2].text(), "X-XXXX-XXXX3-45-0");
        assert!(!t.text_rows().concat().iter().any(|c| c.contains("110170020")));
        let total = t.total.unwrap();
        assert_eq!(total[6], Cell::Money(Satang::from_baht(750)));
        let bars = t.chart.unwrap().bars;
        assert_eq!(bars[1], Bar { label: "หมู่ 3".into(), value: Satang::from_baht(750) });
    }
}
