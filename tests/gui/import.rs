//! GUI state tests of นำเข้าข้อมูลจาก Excel: pick a file (fake dialog), the guessed mapping, the
//! one question for a date column that could be read either way, the dry run (nothing written),
//! confirm off the UI thread, save the status workbook, undo; closed to officers.
//! Run with `ICED_TEST_BACKEND=tiny-skia`.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::admin::import::{Import, Message};
use plodnee::app::screen::{Destination, Session};
use plodnee::demo::{self, Options};
use plodnee::domain::import::Field;
use plodnee::domain::import::dates::Order;
use plodnee::domain::role::Role;
use plodnee::store::{Store, persons, users};
use support::{opened, runtime, send, today};

fn session(dir: &std::path::Path, role: Role, dialogs: Fake) -> Session {
    let store = Store::open_in(dir).unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 10, seed: 5, today: today() }))
        .unwrap();
    let user =
        store.with(|c| users::list(c)).unwrap().into_iter().find(|u| u.role == role).unwrap();
    Session {
        reader: store.reader().unwrap(),
        store,
        user,
        today: today(),
        dialogs: Arc::new(dialogs),
    }
}

#[test]
fn pick_check_answer_the_date_question_confirm_save_and_undo() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("สมาชิก.csv");
    // Birth-less members with a last-payment column whose days are all ≤ 12: asked once.
    std::fs::write(
        &csv,
        "ชื่อ-สกุล,บ้านเลขที่,หมู่,ตำบล,อำเภอ,จังหวัด,วันที่ชำระล่าสุด\nนายสมปอง ดีใจ,88,4,หนองบัว,เมือง,ขอนแก่น,5/3/2568\nนางจันทร์ เพ็ญ,89,4,หนองบัว,เมือง,ขอนแก่น,1/2/2568\nนายผิด พลาด,90,0,หนองบัว,เมือง,ขอนแก่น,\n",
    )
    .unwrap();
    let status = dir.path().join("ผล.xlsx");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let session = session(
        &data,
        Role::Treasurer,
        Fake::answering(vec![Some(csv.clone()), Some(status.clone())]),
    );
    let store = session.store.clone();
    let members = store.with(|c| persons::count(c)).unwrap();
    let mut s = opened(&rt, Import::new(session), Import::update);

    send(&rt, &mut s, Import::update, Message::PickFile);
    assert!(s.error.is_none(), "{:?}", s.error);
    let p = s.prepared.as_ref().unwrap();
    assert_eq!(p.mapping.columns[&Field::FullName], "ชื่อ-สกุล");
    assert_eq!(p.sheet.column_problems.len(), 1, "the date column is asked about once");
    send(&rt, &mut s, Import::update, Message::DateOrder(Field::LastPayment, Order::DayFirst));
    assert!(s.prepared.as_ref().unwrap().sheet.column_problems.is_empty());

    send(&rt, &mut s, Import::update, Message::Check);
    assert!(s.error.is_none(), "{:?}", s.error);
    let r = s.report.as_ref().unwrap();
    assert_eq!((r.imported, r.refused, r.batch_id), (2, 1, None));
    assert!(s.notice.as_deref().unwrap().contains("ยังไม่ได้บันทึก"));
    // The refused row is listed with its reason, and the confirm button is there.
    {
        let mut ui = look_at(&s, "import-dry-run");
        assert!(ui.find("หมู่ที่ต้องเป็นตัวเลข 1–99").is_ok());
        assert!(ui.find("ยืนยันนำเข้า").is_ok());
    }
    assert_eq!(store.with(|c| persons::count(c)).unwrap(), members, "the dry run wrote nothing");

    assert!(s.backup.is_none(), "a dry run takes no backup");
    send(&rt, &mut s, Import::update, Message::Confirm);
    let batch = s.report.as_ref().unwrap().batch_id.expect("a batch");
    assert!(s.running.is_none());
    assert_eq!(store.with(|c| persons::count(c)).unwrap(), members + 2);
    // A verified backup was taken just before the import wrote (issue 15 §2), and it holds the
    // database as it was: the two members are not in it.
    let backup = s.backup.clone().expect("a backup before the import");
    let v = plodnee::store::backup::verify::verify_with_manifest(&backup).unwrap();
    assert!(v.ok(), "{:?}", v.problems);
    assert_eq!(v.counts.members, members);
    assert!(s.notice.as_deref().unwrap().contains("สำรองข้อมูลก่อนนำเข้าแล้ว"), "{:?}", s.notice);

    send(&rt, &mut s, Import::update, Message::SaveStatus);
    assert!(status.exists(), "{:?}", s.error);

    send(&rt, &mut s, Import::update, Message::Undo(batch));
    assert!(s.notice.as_deref().unwrap().contains("ยกเลิกชุดนำเข้าแล้ว"), "{:?}", s.error);
    assert_eq!(store.with(|c| persons::count(c)).unwrap(), members);
}

#[test]
fn officers_are_not_offered_the_import() {
    assert!(!Destination::Import.allowed(Role::Officer));
    assert!(Destination::Import.allowed(Role::Treasurer));
    assert!(Destination::Import.allowed(Role::Committee));
}

/// Saves the screen under `target/gui-snapshots/NAME.png` to look at.
fn look_at<'a>(
    s: &'a Import,
    name: &str,
) -> iced_test::simulator::Simulator<'a, Message, iced::Theme> {
    let size = iced::Size::new(1100.0, 900.0);
    let mut ui = iced_test::simulator::Simulator::with_size(support::settings(), size, s.view());
    let snapshot = ui.snapshot(&plodnee::app::theme::theme()).expect("snapshot");
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
    let _ = snapshot.matches_image(dir.join(format!("{name}.png")));
    ui
}

#[test]
fn an_imported_loans_file_shows_the_books_original_contract() {
    use plodnee::app::screen::debtors::loan::LoanFile;
    use plodnee::store::import::{self as store_import, Options};
    let rt = runtime();
    let f = support::fixture();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("book.csv");
    // 12,000 (the fixture fund: annuity 6% monthly) over 12 months from 15 Jan 2568, nothing paid
    // yet at the cut-over of 10 Feb 2568: the first installment is not yet due.
    std::fs::write(
        &csv,
        "เลขที่สัญญา,ชื่อ-สกุล,บ้านเลขที่,หมู่,วันที่กู้,เงินกู้,เงินต้นคงเหลือ,วันที่ชำระล่าสุด\nเดิม-77/2568,นายสมปอง ดีใจ,88,4,15/1/2568,12000,12000,\n",
    )
    .unwrap();
    let prepared = plodnee::import::pipeline::prepare(&f.store, &csv, None, None).unwrap();
    let opts = Options {
        file_name: "book.csv".into(),
        sheet: String::new(),
        signature: prepared.signature.clone(),
        cut_over: support::ymd(2025, 2, 10),
        fund: None,
        area: None,
    };
    let report = f
        .store
        .with(|c| {
            store_import::run(
                c,
                &f.treasurer.actor(),
                &prepared.sheet,
                &opts,
                false,
                &mut |_, _| true,
            )
        })
        .unwrap();
    assert_eq!(report.loans_created, 1, "{:?}", report.rows);
    let id = f.store.with(|c| plodnee::store::loans::by_contract(c, "เดิม-77/2568")).unwrap().id;
    let l = opened(&rt, LoanFile::new(f.session(&f.officer), id), LoanFile::update);
    let mut ui = iced_test::simulator::Simulator::with_size(
        support::settings(),
        iced::Size::new(1366.0, 1400.0),
        l.view(),
    );
    assert!(ui.find("ยกมาจากสมุดเดิม").is_ok());
    assert!(ui.find("ณ 10 กุมภาพันธ์ 2568 เลขที่สัญญาเดิม เดิม-77/2568").is_ok());
}

#[test]
fn the_search_box_finds_a_loan_by_the_offices_own_contract_number() {
    use plodnee::app::screen::debtors::find::{Find, Message as FindMessage};
    use plodnee::store::import::{self as store_import, Options};
    let rt = runtime();
    let f = support::fixture();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("book.csv");
    std::fs::write(
        &csv,
        "เลขที่สัญญา,ชื่อ-สกุล,บ้านเลขที่,หมู่,วันที่กู้,เงินกู้,เงินต้นคงเหลือ,วันที่ชำระล่าสุด\nเดิม-77/2568,นายสมปอง ดีใจ,88,4,15/1/2568,12000,12000,\n",
    )
    .unwrap();
    let prepared = plodnee::import::pipeline::prepare(&f.store, &csv, None, None).unwrap();
    let opts = Options {
        file_name: "book.csv".into(),
        sheet: String::new(),
        signature: prepared.signature.clone(),
        cut_over: support::ymd(2025, 2, 10),
        fund: None,
        area: None,
    };
    f.store
        .with(|c| {
            store_import::run(
                c,
                &f.treasurer.actor(),
                &prepared.sheet,
                &opts,
                false,
                &mut |_, _| true,
            )
        })
        .unwrap();
    let mut s = opened(&rt, Find::new(f.session(&f.officer), String::new()), Find::update);
    send(&rt, &mut s, Find::update, FindMessage::QueryChanged("เดิม-77/2568".into()));
    assert_eq!(s.result.hits.len(), 1, "{:?}", s.error);
    assert_eq!(s.result.hits[0].name, "นายสมปอง ดีใจ");
    let mut ui = iced_test::simulator::Simulator::with_size(
        support::settings(),
        iced::Size::new(1100.0, 700.0),
        s.view(),
    );
    assert!(ui.find("นายสมปอง ดีใจ").is_ok());
    assert!(ui.find("พบ 1 คน").is_ok());
}

#[test]
fn the_user_picks_a_column_the_guess_missed_and_the_layout_remembers_it() {
    use plodnee::app::screen::admin::mapping::Choice;
    use plodnee::import::pipeline::{self, MappingSource};
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("สมาชิก.csv");
    // "มือถือ" is no header the guess knows; "หมายเหตุ" holds nothing plodnee reads.
    std::fs::write(
        &csv,
        "ชื่อ-สกุล,มือถือ,บ้านเลขที่,หมู่,ตำบล,อำเภอ,จังหวัด,หมายเหตุ\nนายสมปอง ดีใจ,0812345678,88,4,หนองบัว,เมือง,ขอนแก่น,-\n",
    )
    .unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let session = session(&data, Role::Treasurer, Fake::answering(vec![Some(csv.clone())]));
    let store = session.store.clone();
    let mut s = opened(&rt, Import::new(session), Import::update);
    send(&rt, &mut s, Import::update, Message::PickFile);
    let p = s.prepared.as_ref().expect("prepared");
    assert!(!p.mapping.columns.contains_key(&Field::Phone), "the guess missed มือถือ");
    assert_eq!(p.source, MappingSource::Guessed);
    // The pick list offers the file's own headers and "not used".
    let offered = plodnee::app::screen::admin::mapping::choices(p);
    assert_eq!(offered[0], Choice(None));
    assert!(offered.contains(&Choice(Some("มือถือ".into()))));
    assert_eq!(offered.len(), 9, "none and the eight headers");

    send(
        &rt,
        &mut s,
        Import::update,
        Message::MapColumn(Field::Phone, Choice(Some("มือถือ".into()))),
    );
    assert_eq!(s.prepared.as_ref().unwrap().mapping.columns[&Field::Phone], "มือถือ");
    {
        // The pick list draws its choice (looked at in the snapshot); the field's label is text.
        let mut ui = look_at(&s, "import-mapping");
        assert!(ui.find("โทรศัพท์").is_ok());
    }
    // A header picked for a second field moves to it: one column feeds one field.
    send(
        &rt,
        &mut s,
        Import::update,
        Message::MapColumn(Field::Title, Choice(Some("มือถือ".into()))),
    );
    let columns = &s.prepared.as_ref().unwrap().mapping.columns;
    assert_eq!(columns[&Field::Title], "มือถือ");
    assert!(!columns.contains_key(&Field::Phone));
    send(&rt, &mut s, Import::update, Message::MapColumn(Field::Title, Choice(None)));
    send(
        &rt,
        &mut s,
        Import::update,
        Message::MapColumn(Field::Phone, Choice(Some("มือถือ".into()))),
    );
    let columns = &s.prepared.as_ref().unwrap().mapping.columns;
    assert!(!columns.contains_key(&Field::Title));

    // Bad choice: without a name column no row can be read. Refused with the reason in the
    // mapping step, and the mapping stays as it was.
    send(&rt, &mut s, Import::update, Message::MapColumn(Field::FullName, Choice(None)));
    assert_eq!(s.mapping_error.as_deref(), Some("ต้องมีคอลัมน์ชื่อ (ชื่อ-สกุล หรือ ชื่อ)"));
    assert_eq!(s.prepared.as_ref().unwrap().mapping.columns[&Field::FullName], "ชื่อ-สกุล");
    {
        let mut ui = look_at(&s, "import-mapping-refused");
        assert!(ui.find("ต้องมีคอลัมน์ชื่อ (ชื่อ-สกุล หรือ ชื่อ)").is_ok());
    }

    send(&rt, &mut s, Import::update, Message::Check);
    send(&rt, &mut s, Import::update, Message::Confirm);
    assert!(s.error.is_none(), "{:?}", s.error);
    assert_eq!(s.report.as_ref().unwrap().members_created, 1);
    let hit = store
        .with(|c| plodnee::store::search::search(c, "สมปอง ดีใจ", 5))
        .unwrap()
        .hits
        .into_iter()
        .find(|h| h.name == "นายสมปอง ดีใจ")
        .expect("imported");
    assert_eq!(hit.phone, "0812345678", "the phone came from the column the user picked");

    // The same layout next time: the mapping the import was confirmed with.
    let again = pipeline::prepare(&store, &csv, None, None).unwrap();
    assert_eq!(again.source, MappingSource::Remembered);
    assert_eq!(again.mapping.columns[&Field::Phone], "มือถือ");
}
