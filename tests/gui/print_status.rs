//! What the system says when printing fails (issue 17 §B9, §C12): a file that cannot be written,
//! a missing PDF viewer and a desktop with no file dialog are each told in Thai on the line under
//! the print button that caused them, on the screen that has that button (there is no banner at
//! the top any more). The fake dialogs stand in for the portal. Pictures go to
//! `target/gui-snapshots/print-status-*.png`.

use crate::support;

use std::path::PathBuf;
use std::sync::Arc;

use iced::{Rectangle, Size};
use iced_test::Simulator;
use plodnee::app::dialogs::Fake;
use plodnee::app::print::Status;
use plodnee::app::screen::letters::issue as letter;
use plodnee::app::screen::{Action, Destination, Session};
use plodnee::app::{Message, Screen};
use plodnee::store::Store;
use support::{Driver, Fixture, OFFICER_PASSWORD, fixture, runtime, settings, settle};

const SMALL: Size = Size::new(1024.0, 700.0);
const NO_VIEWER: &str = "ไม่พบโปรแกรมสำหรับเปิดไฟล์ PDF";

fn registered(store: &Store) -> i64 {
    store.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM letter", [], |r| r.get(0))?)).unwrap()
}

fn officer(f: &Fixture, fake: &Fake) -> Driver {
    let mut d = Driver::new(f.store.clone(), Arc::new(fake.clone()));
    d.sign_in("officer", OFFICER_PASSWORD);
    d
}

fn bounds_in(view: iced::Element<'_, impl Clone>, size: Size, label: &str) -> Rectangle {
    let mut ui = Simulator::with_size(settings(), size, view);
    ui.find(label).unwrap_or_else(|e| panic!("{label:?} not shown: {e:?}")).bounds()
}

/// The message sits just under the button (within two lines), not somewhere else on the page.
fn assert_under(button: Rectangle, message: Rectangle, what: &str) {
    let gap = message.y - (button.y + button.height);
    assert!(
        (0.0..=80.0).contains(&gap),
        "{what}: message at {message:?} is not under its button at {button:?} (gap {gap})"
    );
}

fn failed(d: &Driver) -> String {
    match d.app.print_status() {
        Some(Status::Failed(e)) => e.clone(),
        other => panic!("not failed: {other:?}"),
    }
}

fn snapshot(d: &Driver, name: &str) {
    let mut ui = Simulator::with_size(settings(), SMALL, d.app.view());
    let snapshot = ui.snapshot(&d.app.theme()).expect("snapshot");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    let _ = snapshot.matches_image(dir.join(format!("{name}.png")));
}

#[test]
fn a_file_that_cannot_be_written_is_told_under_the_print_button_and_numbers_nothing() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("ไม่มีโฟลเดอร์นี้").join("แบบรับรอง.pdf");
    let fake = Fake::answering(vec![Some(nowhere.clone())]);
    let mut d = officer(&f, &fake);
    d.send(Message::Navigate(Destination::Member(f.borrower_id)));
    let before = registered(&f.store);
    let label = "พิมพ์แบบรับรองข้อมูลสมาชิก";
    d.click(label);
    let message = failed(&d);
    assert!(
        message.starts_with(&format!("บันทึกไฟล์ {} ไม่ได้", nowhere.display())),
        "names the file: {message}"
    );
    assert_eq!(registered(&f.store), before, "a file not written registers nothing");
    assert!(!nowhere.exists());
    let button = bounds_in(d.app.view(), d.size, label);
    let shown = bounds_in(d.app.view(), d.size, &message);
    assert_under(button, shown, "member file");
}

#[test]
fn a_missing_viewer_is_told_under_the_print_button_at_1024_by_700() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("แบบรับรอง.pdf");
    let fake = Fake::answering(vec![Some(out.clone())]).viewer_failing(NO_VIEWER);
    let mut d = officer(&f, &fake);
    d.size = SMALL;
    d.send(Message::Navigate(Destination::Member(f.borrower_id)));
    let label = "พิมพ์แบบรับรองข้อมูลสมาชิก";
    let personal_before = bounds_in(d.app.view(), SMALL, "ข้อมูลส่วนบุคคล");
    d.click(label);
    let message = failed(&d);
    assert!(out.is_file(), "the document was written before the viewer failed: {message}");
    assert!(message.starts_with("ออกเอกสารเลขที่ "), "{message}");
    assert!(message.contains(&out.display().to_string()), "says where: {message}");
    assert!(message.ends_with(&format!("แต่{NO_VIEWER}")), "{message}");
    let button = bounds_in(d.app.view(), SMALL, label);
    let shown = bounds_in(d.app.view(), SMALL, &message);
    assert_under(button, shown, "member file");
    assert!(shown.x + shown.width <= SMALL.width + 0.5, "the message fits the window: {shown:?}");
    assert_eq!(
        bounds_in(d.app.view(), SMALL, "ข้อมูลส่วนบุคคล"),
        personal_before,
        "what is below did not move: the line was kept for the message"
    );
    snapshot(&d, "print-status-member-no-viewer-1024x700");
}

#[test]
fn a_refusal_is_told_under_the_household_print_button() {
    let f = fixture();
    let fake = Fake::answering(vec![Some(tempfile::tempdir().unwrap().path().join("x.pdf"))]);
    let mut d = officer(&f, &fake);
    d.send(Message::Navigate(Destination::Household(f.household_id)));
    let label = "พิมพ์บัญชีรายชื่อเวทีประชาคม";
    let before = registered(&f.store);
    d.click(label);
    // No household of the fixture has a consolidation: the store refuses, in Thai.
    let message = failed(&d);
    assert_eq!(message, "ไม่มีครัวเรือนที่จัดทำการรวมหนี้ตามเงื่อนไขที่เลือก");
    assert_eq!(registered(&f.store), before);
    let button = bounds_in(d.app.view(), d.size, label);
    assert_under(button, bounds_in(d.app.view(), d.size, &message), "household file");
}

#[test]
fn without_a_dialog_the_document_goes_to_the_documents_folder_and_the_line_says_where_and_why() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("เอกสาร");
    let fake = Fake::without_dialog(documents.clone());
    let mut d = officer(&f, &fake);
    d.send(Message::Navigate(Destination::Member(f.borrower_id)));
    let label = "พิมพ์แบบรับรองข้อมูลสมาชิก";
    d.click(label);
    let Some(Status::Printed { number, path, note }) = d.app.print_status().cloned() else {
        panic!("not printed: {:?}", d.app.print_status())
    };
    assert_eq!(path.parent(), Some(documents.as_path()), "saved into the documents folder");
    assert!(path.is_file());
    assert!(fake.asked.lock().unwrap().is_empty(), "no dialog was tried");
    assert!(note.starts_with(&format!("ออกเอกสารเลขที่ {number} แล้ว")), "{note}");
    assert!(note.contains("เปิดหน้าต่างเลือกที่บันทึกไฟล์ไม่ได้"), "says why: {note}");
    assert!(note.contains(&format!("จึงบันทึกไว้ที่ {}", path.display())), "says where: {note}");
    let button = bounds_in(d.app.view(), d.size, label);
    let shown = bounds_in(d.app.view(), d.size, &note);
    assert_under(button, shown, "member file");
    assert!(matches!(d.app.screen, Screen::Member(_)));
    // Leaving the screen forgets what the print did there.
    d.send(Message::Navigate(Destination::Household(f.household_id)));
    assert_eq!(d.app.print_status(), None);
}

// ------------------------------------------------------------- the one-letter screen

fn letter_screen(f: &Fixture, fake: &Fake) -> (tokio::runtime::Runtime, letter::LetterScreen) {
    let rt = runtime();
    let session = Session { dialogs: Arc::new(fake.clone()), ..f.session(&f.officer) };
    let (mut screen, task) = letter::LetterScreen::new(session, f.loan_id);
    let _ = settle(&rt, Action::Run(task), &mut |m| screen.update(m));
    let a = screen.update(letter::Message::Issue);
    let _ = settle(&rt, a, &mut |m| screen.update(m));
    (rt, screen)
}

#[test]
fn the_letter_screen_tells_a_failed_save_under_its_save_button_and_a_missing_viewer_under_open() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("ไม่มี").join("หนังสือ.pdf");
    let out = dir.path().join("หนังสือ.pdf");
    let fake =
        Fake::answering(vec![Some(nowhere.clone()), Some(out.clone())]).viewer_failing(NO_VIEWER);
    let (rt, mut screen) = letter_screen(&f, &fake);
    assert!(screen.issued.is_some(), "numbered first, then saved");
    let e = screen.save_error.clone().expect("the write failed");
    assert!(e.starts_with(&format!("บันทึกไฟล์ {} ไม่ได้", nowhere.display())), "{e}");
    assert!(screen.error.is_none(), "nothing in the banner at the top");
    let size = Size::new(1280.0, 2400.0);
    let button = bounds_in(screen.view(), size, "บันทึกไฟล์ PDF");
    assert_under(button, bounds_in(screen.view(), size, &e), "save");

    let a = screen.update(letter::Message::Save);
    let _ = settle(&rt, a, &mut |m| screen.update(m));
    assert_eq!(screen.saved.as_deref(), Some(out.as_path()));
    assert!(screen.save_error.is_none(), "a save that worked clears the old message");
    let _ = screen.update(letter::Message::OpenFile);
    assert_eq!(screen.open_error.as_deref(), Some(NO_VIEWER));
    assert!(screen.error.is_none(), "nothing in the banner at the top");
    let open = bounds_in(screen.view(), size, "เปิดไฟล์");
    assert_under(open, bounds_in(screen.view(), size, NO_VIEWER), "open");
}

#[test]
fn without_a_dialog_the_letter_screen_says_where_and_why() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let documents = dir.path().join("เอกสาร");
    let fake = Fake::without_dialog(documents.clone());
    let (_rt, screen) = letter_screen(&f, &fake);
    let path = screen.saved.clone().expect("saved without asking");
    assert_eq!(path.parent(), Some(documents.as_path()));
    let note = format!(
        "เครื่องนี้เปิดหน้าต่างเลือกที่บันทึกไฟล์ไม่ได้ (ไม่มี xdg-desktop-portal หรือ zenity) จึงบันทึกไว้ที่ {}",
        path.display()
    );
    let size = Size::new(1280.0, 2400.0);
    bounds_in(screen.view(), size, &note);
}
