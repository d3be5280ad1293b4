//! รายงานและกราฟ (issue 14 §1): choosing a report and its day shows it with its chart; a bad day
//! is answered beside its field and nothing changes; a cancelled computation shows nothing; the
//! report is saved as PDF, .xlsx and CSV with the same total as on screen; and the screen holds
//! at 1024×700 (saved under `target/gui-snapshots/` for looking at).

use crate::support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx, open_workbook};
use iced::Size;
use iced_test::Simulator;
use plodnee::app::Message as AppMessage;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::reports::report::{Format, Input, Message, ReportScreen};
use plodnee::domain::report::kind::ReportKind;
use plodnee::domain::report::table::Cell;
use support::{Driver, fixture, opened, runtime, send, session_with, settings};

fn answering(paths: &[&Path]) -> Fake {
    Fake::answering(paths.iter().map(|p| Some(p.to_path_buf())).collect())
}

#[test]
fn choosing_a_report_shows_it_and_saves_it_in_three_formats_with_the_same_total() {
    let rt = runtime();
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let (pdf, xlsx, csv) =
        (dir.path().join("a.pdf"), dir.path().join("a.xlsx"), dir.path().join("a.csv"));
    let session = session_with(&f, &f.treasurer, answering(&[&pdf, &xlsx, &csv]));
    let mut s = opened(&rt, ReportScreen::new(session), ReportScreen::update);
    // It opens on aging as of today, with its 12-month trend.
    let (request, tables) = s.shown.clone().expect("aging shown");
    assert_eq!(request.kind, ReportKind::Aging);
    assert_eq!(tables.len(), 2);
    assert!(tables[0].chart.is_some() && tables[1].chart.as_ref().unwrap().line);

    send(&rt, &mut s, ReportScreen::update, Message::KindChosen(ReportKind::Debtors));
    let (request, tables) = s.shown.clone().expect("debtors shown");
    assert_eq!(request.kind, ReportKind::Debtors);
    let total = tables[0].total.clone().unwrap();
    // On 21 Nov 2025 the fixture's loan owes 11,000 (12,000 less installment 1's principal).
    assert_eq!(total[5], Cell::Money(plodnee::domain::Satang::from_baht(11_000)));

    for format in Format::ALL {
        send(&rt, &mut s, ReportScreen::update, Message::Save(format));
        assert!(s.error.is_none(), "{format:?}: {:?}", s.error);
        assert!(s.saving.is_none());
    }
    assert_eq!(s.saved.as_deref(), Some(csv.as_path()));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let name = book.sheet_names()[0].clone();
    let rows: Vec<Vec<Data>> =
        book.worksheet_range(&name).unwrap().rows().map(<[Data]>::to_vec).collect();
    let last = rows.iter().rev().find(|r| r.first() == Some(&Data::String("รวม".into()))).unwrap();
    assert_eq!(last[5], Data::Float(11_000.0));
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(text.lines().last().unwrap().contains("11000.00"), "{text}");
}

#[test]
fn a_bad_day_is_answered_beside_its_field_and_the_report_stays() {
    let rt = runtime();
    let f = fixture();
    let mut s = opened(
        &rt,
        ReportScreen::new(session_with(&f, &f.officer, Fake::default())),
        ReportScreen::update,
    );
    let before = s.shown.clone().unwrap().0;
    send(&rt, &mut s, ReportScreen::update, Message::Edit(Input::AsOf, "31/2/2568".into()));
    assert!(s.form.error(Input::AsOf).is_some());
    send(&rt, &mut s, ReportScreen::update, Message::Show);
    assert_eq!(s.shown.clone().unwrap().0, before, "nothing changed");
    assert!(s.running.is_none());
    // A day after today is refused too, and a period that ends before it starts.
    send(&rt, &mut s, ReportScreen::update, Message::Edit(Input::AsOf, "1/1/2580".into()));
    assert_eq!(s.form.error(Input::AsOf), Some("วันที่รายงานต้องไม่หลังวันนี้"));
    send(&rt, &mut s, ReportScreen::update, Message::Edit(Input::AsOf, "1/3/2568".into()));
    s.kind = ReportKind::Letters;
    send(&rt, &mut s, ReportScreen::update, Message::Edit(Input::From, "1/4/2568".into()));
    assert_eq!(s.form.error(Input::From), Some("วันเริ่มต้นต้องไม่หลังวันที่รายงาน"));
}

#[test]
fn a_cancelled_computation_shows_nothing_when_it_ends() {
    let f = fixture();
    let (mut s, _first) = ReportScreen::new(session_with(&f, &f.officer, Fake::default()));
    let request = s.running.as_ref().expect("computing at once").request;
    let _ = s.update(Message::Cancel);
    assert!(s.running.is_none());
    assert_eq!(s.notice.as_deref(), Some("ยกเลิกการคำนวณแล้ว"));
    // Its result, arriving late, is not shown.
    let _ = s.update(Message::Computed(request, Ok(Arc::new(Vec::new()))));
    assert!(s.shown.is_none());
}

#[test]
fn the_reports_screen_is_reached_from_the_sidebar_and_holds_at_1024_by_700() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ครบกำหนด.xlsx");
    let mut d = Driver::new(f.store.clone(), Arc::new(answering(&[&path])));
    d.sign_in("treasurer", "treasurer-2568");
    d.click("รายงานและกราฟ");
    d.click(&ReportKind::DueCollected.to_string());
    let size = Size::new(1024.0, 700.0);
    {
        let mut ui = Simulator::with_size(settings(), size, d.app.view());
        for label in ["บันทึกเป็น PDF", "บันทึกเป็น Excel", "บันทึกเป็น CSV", "แสดงรายงาน (Enter)"]
        {
            let b = ui.find(label).unwrap_or_else(|e| panic!("{label}: {e:?}")).bounds();
            assert!(b.x >= 0.0 && b.x + b.width <= size.width + 0.5, "{label} off screen: {b:?}");
        }
        let snapshot = ui.snapshot(&d.app.theme()).expect("snapshot");
        let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
        let _ = std::fs::create_dir_all(&out);
        let _ = snapshot.matches_image(out.join("size-1024x700-reports.png"));
    }
    d.snapshot_tall("reports-due-collected", 1800.0);
    d.click("บันทึกเป็น Excel");
    assert!(path.exists(), "saved where the dialog said");
    // The aging report's chart and trend, for looking at.
    d.send(AppMessage::Reports(Message::KindChosen(ReportKind::Aging)));
    d.snapshot_tall("reports-aging", 2200.0);
}
