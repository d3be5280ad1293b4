//! The complaints report saved from its screen (issue 16 §5): PDF, .xlsx and CSV through the
//! CLI's writers. Each file is read back (pdftotext, calamine, the CSV text) and carries the
//! same totals as the screen; a cancelled dialog writes nothing, and a folder that cannot be
//! written is answered beside the buttons.

use crate::support;
use crate::tools;

use std::sync::Arc;

use calamine::{Data, Reader, Xlsx, open_workbook};
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::complaints::report::{Exported, export_label};
use plodnee::app::{Message, Screen};
use plodnee::document::export::files::Format;
use plodnee::domain::complaints::{Category, Channel};
use plodnee::store::complaints::{self, Complainant, NewComplaint};
use support::{Driver, Fixture, fixture, ymd};

/// Two complaints of November 2568: a disputed amount and one about service.
fn two_complaints(f: &Fixture) {
    let officer = f.officer.actor();
    for (category, loans) in
        [(Category::DisputedAmount, vec![f.loan_id]), (Category::Service, vec![])]
    {
        let c = NewComplaint {
            received_on: ymd(2025, 11, 13),
            channel: Channel::WalkIn,
            category,
            complainant: Complainant::Member(f.borrower_id),
            detail: "ขอให้ตรวจสอบ".into(),
            request: String::new(),
            loan_ids: loans,
            about_user_id: None,
        };
        f.store.write(|tx| complaints::register(tx, &officer, &c)).unwrap();
    }
}

fn report_screen(d: &Driver) -> &plodnee::app::screen::complaints::report::ComplaintsReport {
    let Screen::ComplaintsReport(r) = &d.app.screen else { panic!("on the complaints report") };
    r
}

#[test]
fn the_report_saved_as_pdf_xlsx_and_csv_reads_back_with_the_screen_s_totals() {
    let f = fixture();
    two_complaints(&f);
    let dir = tempfile::tempdir().unwrap();
    let (pdf, xlsx, csv) =
        (dir.path().join("r.pdf"), dir.path().join("r.xlsx"), dir.path().join("r.csv"));
    let fake = Fake::answering(vec![Some(pdf.clone()), Some(xlsx.clone()), Some(csv.clone())]);
    let mut d = Driver::new(f.store.clone(), Arc::new(fake));
    d.sign_in("committee", "committee-2568");
    d.click("รายงานเรื่องร้องเรียน");
    let total = report_screen(&d).report.as_ref().expect("built").total;
    assert_eq!(total, 2);

    d.click(export_label(Format::Pdf));
    assert_eq!(report_screen(&d).export, Some(Exported::Saved(pdf.clone())));
    assert!(d.shows(&format!("บันทึกแล้วที่ {}", pdf.display())));
    d.snapshot("complaints-report-exported");
    let text = tools::page_texts(&pdf).join("\n");
    assert!(text.contains("เรื่องร้องเรียนตามประเภทและเดือน"), "{text}");
    assert!(text.contains("ทั้งหมด 2 เรื่อง ยังไม่ปิด 2"), "{text}");
    assert!(text.contains("สถาบันการจัดการเงินทุนชุมชนบ้านทดสอบ"), "the institute heads it: {text}");
    tools::assert_qpdf_clean(&pdf);

    d.click(export_label(Format::Xlsx));
    assert_eq!(report_screen(&d).export, Some(Exported::Saved(xlsx.clone())));
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("an .xlsx");
    let first = book.sheet_names()[0].clone();
    let rows: Vec<Vec<Data>> =
        book.worksheet_range(&first).unwrap().rows().map(<[Data]>::to_vec).collect();
    let total_row = rows
        .iter()
        .find(|r| r.first() == Some(&Data::String("รวม".into())))
        .unwrap_or_else(|| panic!("a total row: {rows:?}"));
    assert_eq!(total_row.last(), Some(&Data::Float(2.0)), "{total_row:?}");
    let categories: Vec<String> =
        rows.iter().filter_map(|r| r.get(1)).map(|c| c.to_string()).collect();
    assert!(categories.contains(&"โต้แย้งยอดหนี้".to_string()), "{categories:?}");
    assert!(book.sheet_names().len() >= 2, "a sheet per table: {:?}", book.sheet_names());

    d.click(export_label(Format::Csv));
    assert_eq!(report_screen(&d).export, Some(Exported::Saved(csv.clone())));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(text.lines().any(|l| l == "รวม,,2"), "{text}");
}

#[test]
fn a_cancelled_dialog_writes_nothing_and_an_unwritable_folder_is_answered_beside_the_buttons() {
    let f = fixture();
    two_complaints(&f);
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("no-such-folder").join("r.xlsx");
    let fake = Fake::answering(vec![None, Some(nowhere.clone())]);
    let mut d = Driver::new(f.store.clone(), Arc::new(fake));
    d.sign_in("committee", "committee-2568");
    d.click("รายงานเรื่องร้องเรียน");
    d.click(export_label(Format::Xlsx));
    assert_eq!(report_screen(&d).export, Some(Exported::NotSaved));
    assert!(d.shows("ยกเลิกแล้ว ไม่ได้บันทึกไฟล์"));
    d.send(Message::ComplaintsReport(plodnee::app::screen::complaints::report::Message::Export(
        Format::Xlsx,
    )));
    let Some(Exported::Failed(e)) = &report_screen(&d).export else {
        panic!("failed: {:?}", report_screen(&d).export)
    };
    assert!(e.starts_with("บันทึกไฟล์"), "{e}");
    assert!(d.shows(e));
    assert!(!nowhere.exists());
}
