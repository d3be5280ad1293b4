//! The subject-access copy on paper (PDPA s.30): everything the fund holds about one person, as
//! `store::privacy::subject_access` found it, one titled block per table and one label/value
//! table per row, so a member can read what is kept without a computer. National ids are printed
//! in full: the copy is for the person they belong to.

use chrono::NaiveDate;
use serde_json::Value;

use crate::document::{Column, DocError, PageNumbers, PageSetup, Para, PdfBuilder, Table};
use crate::domain::thai::date::format_long;
use crate::store::privacy::subject_access::Copy;

/// The tables a member knows by name; any other (a table added later) prints under its own.
fn heading(table: &str) -> String {
    let thai = match table {
        "person" => "ข้อมูลสมาชิก",
        "household" => "ครัวเรือน",
        "loan" => "สัญญาเงินกู้",
        "loan_party" => "ผู้กู้ร่วมและผู้ค้ำประกัน",
        "installment" => "งวดชำระ",
        "payment" => "การรับชำระ",
        "collateral" => "หลักประกัน",
        "letter" => "หนังสือที่ส่งถึง",
        "contact" => "บันทึกการติดตาม",
        "complaint" => "เรื่องร้องเรียน",
        "consent_record" => "ความยินยอม",
        "privacy_notice_delivery" => "การมอบประกาศความเป็นส่วนตัว",
        _ => "",
    };
    if thai.is_empty() { table.to_string() } else { format!("{thai} ({table})") }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) if s.is_empty() => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn write(institute: &str, copy: &Copy, made_on: NaiveDate) -> Result<Vec<u8>, DocError> {
    let mut pdf = PdfBuilder::new(crate::document::issue::fonts(), "สำเนาข้อมูลส่วนบุคคล");
    let setup = PageSetup::a4_form().font_size(12.0).page_numbers(PageNumbers::OfTotal);
    let mut page = pdf.document(setup);
    page.paragraph(Para::new().bold(institute.to_string()).center())
        .paragraph(Para::new().bold("สำเนาข้อมูลส่วนบุคคลที่เก็บรักษาไว้").size(16.0).center())
        .paragraph(Para::text(format!("ของ {} (รหัสสมาชิก {})", copy.name, copy.person_id)).center())
        .paragraph(Para::text(format!("จัดทำเมื่อ {}", format_long(made_on))).right().size(11.0))
        .paragraph(Para::text(format!(
            "ตามคำขอของเจ้าของข้อมูล (พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 มาตรา 30) รวม {} รายการจาก {} ตาราง",
            copy.row_count(),
            copy.tables.len()
        )));
    // The member's own record first, then their loans and what hangs off them, then the rest.
    const FIRST: &[&str] =
        &["person", "household", "consent_record", "privacy_notice_delivery", "loan"];
    let ordered = FIRST
        .iter()
        .filter_map(|t| copy.tables.get_key_value(*t))
        .chain(copy.tables.iter().filter(|(t, _)| !FIRST.contains(&t.as_str())));
    for (table, rows) in ordered {
        page.spacer(2.0).paragraph(Para::new().bold(format!(
            "{} {} รายการ",
            heading(table),
            rows.len()
        )));
        for row in rows {
            let mut t = Table::new(vec![Column::mm(50.0), Column::share(1.0)]);
            t.size = Some(10.0);
            for (k, v) in row {
                t = t.row([k.clone(), value_text(v)]);
            }
            page.table(&t);
            page.spacer(1.0);
        }
    }
    pdf.finish()
}
