//! "ส่งออก Excel" from every list screen (issue 14 §2): search results, the funds' table, a loan's
//! schedule and payments, the letter register and the collections queue. Each test presses the
//! button (the fake dialog answers with a path), reads the workbook back with calamine and checks
//! that every cell equals what the screen shows: Thai headers, amounts as numbers, dates as dates.

use crate::support;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use plodnee::app::dialogs::Fake;
use plodnee::app::export::Status;
use plodnee::app::screen::Action;
use plodnee::domain::Satang;
use plodnee::domain::report::table::Cell;
use support::{fixture, runtime, send, session_with, settle, ymd};

/// A temporary folder and a fake dialog that answers with `name` in it.
fn saving_to(name: &str) -> (tempfile::TempDir, PathBuf, Fake) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path.clone(), Fake::answering(vec![Some(path)]))
}

/// The sheet's rows from the header row on (the title and its lines above are skipped).
fn sheet(path: &Path, first_header: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("an .xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let at = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String(first_header.into())))
        .unwrap_or_else(|| panic!("a header row starting {first_header}: {rows:?}"));
    rows[at..].iter().filter(|r| r.iter().any(|c| *c != Data::Empty)).cloned().collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|c| c.to_string()).collect()
}

/// An Excel date serial back to the day (serial 1 = 1 Jan 1900, with Excel's 29 Feb 1900).
fn day(c: &Data) -> NaiveDate {
    let Data::DateTime(d) = c else { panic!("a date cell, got {c:?}") };
    ymd(1899, 12, 30) + chrono::Days::new(d.as_f64() as u64)
}

fn baht(c: &Data) -> Satang {
    let Data::Float(f) = c else { panic!("a number cell, got {c:?}") };
    Satang((f * 100.0).round() as i64)
}

fn number(c: &Data) -> i64 {
    let Data::Float(f) = c else { panic!("a number cell, got {c:?}") };
    *f as i64
}

fn text(c: &Data) -> &str {
    let Data::String(s) = c else { panic!("a text cell, got {c:?}") };
    s
}

/// A screen cell against the workbook's: the same value, of the same kind.
fn same(shown: &Cell, read: &Data) {
    match shown {
        // An empty string is an empty cell in the workbook (a member with no phone).
        Cell::Text(s) if s.is_empty() => assert_eq!(*read, Data::Empty),
        Cell::Text(s) => assert_eq!(text(read), s),
        Cell::Money(m) => assert_eq!(baht(read), *m),
        Cell::Date(d) => assert_eq!(day(read), *d),
        Cell::Count(n) => assert_eq!(number(read), *n),
        Cell::Empty | Cell::Percent(None) => assert_eq!(*read, Data::Empty),
        Cell::Percent(Some(_)) => panic!("no list shows percents"),
    }
}

fn saved(status: &Option<Status>) -> usize {
    match status {
        Some(Status::Saved { rows, .. }) => *rows,
        other => panic!("saved, got {other:?}"),
    }
}

#[test]
fn search_results_go_to_excel_as_the_list_shows_them() {
    use plodnee::app::screen::debtors::find::{EXPORT, Find, Message};
    let rt = runtime();
    let f = fixture();
    let (_dir, path, fake) = saving_to("ผลการค้นหา.xlsx");
    let (mut s, task) = Find::new(session_with(&f, &f.officer, fake), "ใจดี".into());
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    assert_eq!(s.result.hits.len(), 2, "นายสมชาย and นางสมหญิง ใจดี");
    send(&rt, &mut s, Find::update, Message::Export);
    assert_eq!(saved(&s.exporter.status), 2);
    let rows = sheet(&path, "ชื่อ-สกุล");
    assert_eq!(
        header(&rows),
        ["ชื่อ-สกุล", "เลขประจำตัวประชาชน", "โทรศัพท์", "บ้านเลขที่", "สัญญา", "เงินต้นคงเหลือ"]
    );
    for (hit, read) in s.result.hits.iter().zip(&rows[1..]) {
        for (field, cell) in EXPORT.iter().zip(read) {
            same(&(field.cell)(hit), cell);
        }
    }
    // The borrower: 12,000 less the 1,000 of principal paid on 15/2/2568 (installment 1 of
    // twelve equal parts), as a number; his house as shown, "12/3 ม.3".
    let borrower = rows[1..].iter().find(|r| text(&r[0]) == "นายสมชาย ใจดี").expect("borrower");
    assert_eq!(baht(&borrower[5]), Satang::from_baht(11_000));
    assert_eq!((text(&borrower[3]), number(&borrower[4])), ("12/3 ม.3", 1));
    assert!(!text(&borrower[1]).contains("12345678901"), "the id stays masked");
}

#[test]
fn the_funds_table_goes_to_excel_with_its_total_line() {
    use plodnee::app::screen::reports::funds::{Funds, Message};
    let rt = runtime();
    let f = fixture();
    let (_dir, path, fake) = saving_to("กองทุน.xlsx");
    let (mut s, task) = Funds::new(&session_with(&f, &f.treasurer, fake));
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    send(&rt, &mut s, Funds::update, Message::Export);
    assert_eq!(saved(&s.exporter.status), 1);
    let rows = sheet(&path, "กองทุน");
    assert_eq!(
        header(&rows),
        ["กองทุน", "ดอกเบี้ย", "วิธีคิด", "ผ่อนชำระ", "ผิดนัด", "สัญญาเปิด", "เงินต้นคงค้าง", "ค้างยกมา"]
    );
    let fund = &rows[1];
    assert_eq!(text(&fund[0]), "กองทุนหมู่บ้าน (กทบ.)");
    assert_eq!((text(&fund[1]), text(&fund[3]), text(&fund[4])), ("6%", "รายเดือน 12 งวด", "5%"));
    assert_eq!((number(&fund[5]), baht(&fund[6])), (1, Satang::from_baht(11_000)));
    assert_eq!(text(&rows[2][0]), "รวมทุกกองทุน");
    assert_eq!(baht(&rows[2][6]), Satang::from_baht(11_000));
}

#[test]
fn a_loans_schedule_and_payments_go_to_excel_with_amounts_and_dates() {
    use plodnee::app::screen::debtors::loan::{LoanFile, Message};
    let rt = runtime();
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let (schedule, payments) = (dir.path().join("ตาราง.xlsx"), dir.path().join("ชำระ.csv"));
    let fake = Fake::answering(vec![Some(schedule.clone()), Some(payments.clone())]);
    let (mut s, task) = LoanFile::new(session_with(&f, &f.officer, fake), f.loan_id);
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));

    send(&rt, &mut s, LoanFile::update, Message::ExportSchedule);
    assert_eq!(saved(&s.exporter.status), 12);
    let rows = sheet(&schedule, "งวด");
    assert_eq!(
        header(&rows),
        ["งวด", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "รวม", "ชำระแล้ว", "ผิดนัด", "สถานะ"]
    );
    let data = s.data.clone().unwrap();
    for (it, read) in data.statement.installments.iter().zip(&rows[1..]) {
        assert_eq!(number(&read[0]), i64::from(it.no));
        assert_eq!(day(&read[1]), it.due_date);
        assert_eq!(baht(&read[2]), it.principal);
        assert_eq!(baht(&read[3]), it.interest);
        assert_eq!(baht(&read[6]), it.default_interest);
        assert_eq!(text(&read[7]), it.status.to_string());
    }
    // 12,000 in twelve equal parts at 6% a year from 15/1/2568: installment 1 falls on 15/2/2568
    // with 1,000 principal and 12,000 × 6% / 12 = 60 interest, paid in full by the fixture's
    // 1,060; installment 2 has 11,000 × 0.5% = 55 interest.
    assert_eq!(day(&rows[1][1]), ymd(2025, 2, 15));
    assert_eq!((baht(&rows[1][2]), baht(&rows[1][3])), (Satang(100_000), Satang(6_000)));
    assert_eq!((baht(&rows[1][4]), baht(&rows[1][5])), (Satang(106_000), Satang(106_000)));
    assert_eq!(baht(&rows[2][3]), Satang(5_500));
    look_at(s.view(), "export-loan-schedule", 1500.0);

    // The payments, saved as CSV (the name ends .csv): UTF-8 with BOM, amounts as plain numbers;
    // the allocation holds "1,000.00" so it is quoted.
    send(&rt, &mut s, LoanFile::update, Message::ExportPayments);
    assert_eq!(saved(&s.exporter.status), 1);
    let bytes = std::fs::read(&payments).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a byte-order mark for Excel");
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "วันที่,ใบเสร็จเลขที่,ช่องทาง,จำนวนเงิน,การตัดชำระ");
    let p = &data.payments[0];
    let expected = format!(
        "15/2/2568,{},{},1060.00,\"{}\"",
        p.receipt_no,
        p.channel,
        plodnee::app::screen::debtors::loan::allocation_summary(&p.slices)
    );
    assert_eq!(lines[1], expected);
}

#[test]
fn the_payments_go_to_excel_as_xlsx_too() {
    use plodnee::app::screen::debtors::loan::{LoanFile, Message};
    let rt = runtime();
    let f = fixture();
    let (_dir, path, fake) = saving_to("ชำระ.xlsx");
    let (mut s, task) = LoanFile::new(session_with(&f, &f.officer, fake), f.loan_id);
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    send(&rt, &mut s, LoanFile::update, Message::ExportPayments);
    let rows = sheet(&path, "วันที่");
    let p = &s.data.as_ref().unwrap().payments[0];
    assert_eq!(day(&rows[1][0]), ymd(2025, 2, 15));
    assert_eq!(text(&rows[1][1]), p.receipt_no);
    assert_eq!(baht(&rows[1][3]), Satang::from_baht(1_060));
}

#[test]
fn the_letter_register_goes_to_excel() {
    use plodnee::app::screen::letters::issue::{LetterScreen, Message as LetterMessage};
    use plodnee::app::screen::letters::register::{EXPORT, LetterRegister, Message};
    let rt = runtime();
    let f = fixture();
    let (mut letter, task) = LetterScreen::new(f.session(&f.officer), f.loan_id);
    let _ = settle(&rt, Action::Run(task), &mut |m| letter.update(m));
    send(&rt, &mut letter, LetterScreen::update, LetterMessage::Issue);

    let (_dir, path, fake) = saving_to("ทะเบียน.xlsx");
    let (mut s, task) = LetterRegister::new(session_with(&f, &f.officer, fake));
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    let shown = s.rows.clone().expect("loaded");
    assert_eq!(shown.len(), 1, "the letter just issued");
    send(&rt, &mut s, LetterRegister::update, Message::Export);
    assert_eq!(saved(&s.exporter.status), 1);
    let rows = sheet(&path, "เลขที่");
    assert_eq!(
        header(&rows),
        ["เลขที่", "ลงวันที่", "ประเภท (ขั้น)", "สัญญาเลขที่", "ผู้รับ", "จำนวนเงิน", "พิมพ์ซ้ำ"]
    );
    for (field, cell) in EXPORT.iter().zip(&rows[1]) {
        same(&(field.cell)(&shown[0]), cell);
    }
    assert_eq!(text(&rows[1][4]), "นายสมชาย ใจดี");
    assert_eq!(day(&rows[1][1]), support::today(), "issued today, 21/11/2568");
    assert_eq!(baht(&rows[1][5]), shown[0].total);
}

#[test]
fn the_collections_queue_goes_to_excel() {
    use plodnee::app::screen::collections::queue::{EXPORT, Message, WorkQueue};
    let rt = runtime();
    let f = fixture();
    let (_dir, path, fake) = saving_to("งานติดตาม.xlsx");
    let (mut s, task) = WorkQueue::new(session_with(&f, &f.committee, fake));
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    let items = s.queue.as_ref().expect("loaded").items.clone();
    assert!(!items.is_empty(), "the fixture's loan is months in arrears");
    send(&rt, &mut s, WorkQueue::update, Message::Export);
    assert_eq!(saved(&s.exporter.status), items.len());
    look_at(s.view(), "export-queue", 800.0);
    let rows = sheet(&path, "สัญญา");
    assert_eq!(header(&rows), ["สัญญา", "ลูกหนี้", "ค้างชำระ", "วัน", "เหตุผล", "สิ่งที่ต้องทำ"]);
    for (item, read) in items.iter().zip(&rows[1..]) {
        for (field, cell) in EXPORT.iter().zip(read) {
            same(&(field.cell)(item), cell);
        }
    }
    let first = &rows[1];
    assert_eq!(text(&first[1]), "นายสมชาย ใจดี ม.3");
    // Past due since installment 2 fell due on 15/3/2568: 251 days to 21/11/2568.
    assert_eq!(number(&first[3]), 251);
    // Installments 2 to 10 (15/3 to 15/11/2568) unpaid: 9 × 1,000 principal and 55 + 50 + … + 15
    // = 315 interest, 9,315.00 overdue.
    assert_eq!(baht(&first[2]), Satang(931_500));
}

#[test]
fn a_cancelled_save_dialog_writes_nothing_and_says_so() {
    use plodnee::app::screen::letters::register::{LetterRegister, Message};
    let rt = runtime();
    let f = fixture();
    let (mut s, task) =
        LetterRegister::new(session_with(&f, &f.officer, Fake::answering(vec![None])));
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    send(&rt, &mut s, LetterRegister::update, Message::Export);
    assert_eq!(s.exporter.status, Some(Status::NotSaved));
}

#[test]
fn a_folder_that_cannot_be_written_gives_a_thai_message() {
    use plodnee::app::screen::debtors::find::{Find, Message};
    let rt = runtime();
    let f = fixture();
    let fake = Fake::answering(vec![Some(PathBuf::from("/nonexistent-folder/ผล.xlsx"))]);
    let (mut s, task) = Find::new(session_with(&f, &f.officer, fake), "ใจดี".into());
    let _ = settle(&rt, Action::Run(task), &mut |m| s.update(m));
    send(&rt, &mut s, Find::update, Message::Export);
    let Some(Status::Failed(e)) = &s.exporter.status else {
        panic!("failed, got {:?}", s.exporter.status)
    };
    assert!(e.starts_with("บันทึกไฟล์"), "{e}");
}

/// Saves the screen under `target/gui-snapshots/NAME.png` to look at.
fn look_at<M>(view: iced::Element<'_, M>, name: &str, height: f32) {
    let size = iced::Size::new(1280.0, height);
    let mut ui = iced_test::simulator::Simulator::with_size(support::settings(), size, view);
    let snapshot = ui.snapshot(&plodnee::app::theme::theme()).expect("snapshot");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    let _ = snapshot.matches_image(dir.join(format!("{name}.png")));
}
