//! Importing an office's books (issue 14 §3) from workbooks written the way offices keep them:
//! a merged title row, Thai headers, Thai digits, พ.ศ. dates as text and as serials, mid-life loans
//! with arrears, a totals row, blank and bad rows; balances proved against figures worked out by
//! hand; dry run, status workbook, repeat, undo; a TIS-620 CSV.

use crate::support;

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};
use sha2::{Digest, Sha256};

use plodnee::domain::import::Outcome;
use plodnee::domain::loan::{Channel, FundKind};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{Frequency, Method};
use plodnee::domain::statement::Part;
use plodnee::domain::{NationalId, Satang};
use plodnee::import::pipeline;
use plodnee::store::funds::{self, NewFund};
use plodnee::store::import::{self as store_import, Options, Report};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::{Actor, Store, check, loans};
use support::{Fixture, fixture, ymd};

fn id(first12: &str) -> String {
    let digits: Vec<u8> = first12.bytes().map(|b| b - b'0').collect();
    NationalId::from_first12(digits.try_into().unwrap()).unwrap().digits()
}

const HEADERS: &[&str] = &[
    "ลำดับ",
    "เลขที่สัญญา",
    "ชื่อ - สกุล",
    "เลขบัตรประชาชน",
    "บ้านเลขที่",
    "หมู่ที่",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "กองทุน",
    "วันที่กู้",
    "เงินกู้ (บาท)",
    "อัตราดอกเบี้ย",
    "จำนวนงวด",
    "งวดที่ชำระแล้ว",
    "เงินต้นคงเหลือ",
    "ดอกเบี้ยค้าง",
    "ยอดค้างชำระ",
    "ดอกเบี้ยผิดนัด",
    "วันที่ชำระล่าสุด",
    "ผู้ค้ำประกัน",
    "เลขบัตรผู้ค้ำ",
];

enum V<'a> {
    T(&'a str),
    N(f64),
    /// An Excel date cell holding this serial.
    S(f64),
}
use V::{N, S, T};

fn write_book(path: &Path, rows: &[Vec<V>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("ลูกหนี้").unwrap();
    let date = Format::new().set_num_format("d/m/yyyy");
    ws.merge_range(0, 0, 0, 10, "ทะเบียนลูกหนี้เงินกู้ กองทุนหมู่บ้านบ้านหนองบัว", &Format::new()).unwrap();
    ws.write_string(1, 0, "ยอด ณ วันที่ 15 มิถุนายน 2566").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                T("") => {}
                T(s) => {
                    ws.write_string(r, c, *s).unwrap();
                }
                N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                S(n) => {
                    ws.write_number_with_format(r, c, *n, &date).unwrap();
                }
            }
        }
    }
    wb.save(path).unwrap();
}

/// A fund with flat-rate monthly loans (what most village funds run), beside the fixture's กทบ.
fn flat_fund(f: &Fixture) {
    f.store
        .write(|tx| {
            funds::create(
                tx,
                &Actor::system(),
                &NewFund {
                    code: "กขคจ.".into(),
                    name: "กองทุนแก้ไขปัญหาความยากจน".into(),
                    kind: FundKind::Kkkj,
                    default_rate: AnnualRate::from_bp(600).unwrap(),
                    default_method: Method::Flat,
                    default_frequency: Frequency::Monthly,
                    default_periods: 12,
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                },
            )
        })
        .unwrap();
}

fn office_rows() -> Vec<Vec<V<'static>>> {
    let a = Box::leak(id("110170012345").into_boxed_str());
    let b = Box::leak(id("310050067890").into_boxed_str());
    let g = Box::leak(id("320040011112").into_boxed_str());
    let c = Box::leak(id("150990022223").into_boxed_str());
    let mut bad = id("140020033334");
    let last = bad.pop().unwrap();
    bad.push(if last == '9' { '0' } else { (last as u8 + 1) as char });
    let bad = Box::leak(bad.into_boxed_str());
    vec![
        // 1. 12,000 flat 6% over 12 months from 1 Jan 2023: 1,000 + 60 a month, due the 1st.
        // Three paid; May and June unpaid at the cut-over (15 Jun 2023): owed 9,000, interest
        // owed 2 × 60 = 120, arrears 2 × 1,060 = 2,120; default interest 5% from the due dates:
        // 1,000 × 5% × 45/365 = 6.16 and 1,000 × 5% × 14/365 = 1.92, 8.08 in all.
        vec![
            T("๑"),
            T("กขคจ.12/2566"),
            T("นายสมศักดิ์ มั่นคง"),
            T(a),
            T("๑๒"),
            T("๓"),
            T("หนองบัว"),
            T("เมือง"),
            T("ขอนแก่น"),
            T("กขคจ."),
            T("1/1/2566"),
            T("๑๒,๐๐๐.๐๐"),
            T("6"),
            T("12"),
            T("3"),
            T("9,000.00"),
            T("120"),
            T("2,120.00"),
            T("8.08"),
            T("1/4/2566"),
            T("นางบุญมี ศรีสุข"),
            T(g),
        ],
        // 2. Started years ago: 24,000 flat 6% over 36 months from 15 Mar 2563 (typed as พ.ศ. into a
        // date cell: serial 242231 = DATE(2563,3,15)). 666.67 principal + 120 interest a month
        // (the 36th 666.55); 30 paid: owed 24,000 − 30 × 666.67 = 3,999.90; the last six (15 Oct
        // 2022 … 15 Mar 2023) all overdue: arrears 5 × 666.67 + 666.55 + 6 × 120 = 4,719.90;
        // default interest 5% × days/365 on each: 22.19 + 19.36 + 16.62 + 13.79 + 10.96 + 8.40 =
        // 91.32 (243, 212, 182, 151, 120 and 92 days).
        vec![
            T("2"),
            T("กขคจ.3/2563"),
            T("นางสาวมาลี ศรีงาม"),
            T(b),
            T("45"),
            T("3"),
            T(""),
            T(""),
            T(""),
            T("กขคจ."),
            S(242231.0),
            N(24000.0),
            N(6.0),
            N(36.0),
            N(30.0),
            N(3999.9),
            N(720.0),
            N(4719.9),
            N(91.32),
            T("15/9/2565"),
            T(""),
            T(""),
        ],
        // 3. A member without a loan.
        vec![
            T("3"),
            T(""),
            T("นางสาวสมหญิง รักดี"),
            T(c),
            T("7"),
            T("2"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
        ],
        // 4. A mistyped id.
        vec![
            T("4"),
            T("กขคจ.20/2565"),
            T("นายทองดี มีทรัพย์"),
            T(bad),
            T("9"),
            T("3"),
            T(""),
            T(""),
            T(""),
            T("กขคจ."),
            T("20/5/2565"),
            T("5000"),
            T("6"),
            T("12"),
            T(""),
            T("1000"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
        ],
        // 5. A rate above the legal 15%.
        vec![
            T("5"),
            T("กขคจ.21/2565"),
            T("นายดำ ขำคม"),
            T(""),
            T("10"),
            T("3"),
            T(""),
            T(""),
            T(""),
            T("กขคจ."),
            T("21/5/2565"),
            T("5000"),
            T("18"),
            T("12"),
            T(""),
            T("1000"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
        ],
        // 6. A blank row.
        vec![],
        // 7. Arrears that do not add up (1 paid of 12 from 1 Jan 2023 leaves Mar–Jun unpaid).
        vec![
            T("7"),
            T("กขคจ.13/2566"),
            T("นายแดง ใจงาม"),
            T(""),
            T("11"),
            T("3"),
            T(""),
            T(""),
            T(""),
            T("กขคจ."),
            T("1/1/2566"),
            T("12000"),
            T("6"),
            T("12"),
            T(""),
            T("11000"),
            T(""),
            T("500"),
            T(""),
            T(""),
            T(""),
            T(""),
        ],
        // 8. The fixture's นายสมชาย ใจดี's id under another name.
        vec![
            T("8"),
            T(""),
            T("นายสมชาย ใจร้าย"),
            T("1234567890121"),
            T("12/3"),
            T("3"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
        ],
        // The totals row: 12,000 + 24,000 + 5,000 + 5,000 + 12,000 = 58,000.
        vec![
            T("รวม"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            N(58000.0),
        ],
    ]
}

fn options(file: &Path) -> Options {
    Options {
        file_name: file.display().to_string(),
        sheet: "ลูกหนี้".into(),
        signature: String::new(),
        cut_over: ymd(2023, 6, 15),
        fund: None,
        area: None,
    }
}

fn import(store: &Store, file: &Path, dry_run: bool) -> Report {
    let prepared = pipeline::prepare(store, file, None, None).unwrap();
    let mut opts = options(file);
    opts.signature = prepared.signature.clone();
    store
        .with(|c| {
            store_import::run(c, &Actor::system(), &prepared.sheet, &opts, dry_run, &mut |_, _| {
                true
            })
        })
        .unwrap()
}

/// A digest of every row a batch may create or touch, to prove undo restores them exactly.
fn digest(store: &Store) -> String {
    store
        .with(|c| {
            let mut h = Sha256::new();
            for sql in [
                "SELECT id, house_no, village_no, subdistrict, head_person_id FROM household ORDER BY id",
                "SELECT id, household_id, title, first_name, last_name, national_id FROM person ORDER BY id",
                "SELECT id, contract_no, principal, outstanding_principal, next_unpaid_due, status FROM loan ORDER BY id",
                "SELECT loan_id, no, due_date, principal, interest, principal_paid FROM installment ORDER BY loan_id, no",
                "SELECT loan_id, person_id, role FROM loan_party ORDER BY loan_id, person_id",
                "SELECT rowid, search_text FROM person_search ORDER BY rowid",
            ] {
                let mut stmt = c.prepare(sql)?;
                let n = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        h.update(format!("{v:?}\u{1f}").as_bytes());
                    }
                    h.update(b"\n");
                }
            }
            Ok(hex::encode(h.finalize()))
        })
        .unwrap()
}

fn outcome_of(report: &Report, sheet_row: usize) -> &Outcome {
    &report.rows.iter().find(|(i, _)| *i == sheet_row).unwrap().1
}

#[test]
fn an_office_workbook_imports_with_the_books_balances_to_the_satang() {
    let f = fixture();
    flat_fund(&f);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ทะเบียนลูกหนี้.xlsx");
    write_book(&file, &office_rows());
    let before = digest(&f.store);

    // The dry run: the report, and nothing written.
    let dry = import(&f.store, &file, true);
    assert_eq!(dry.batch_id, None);
    assert_eq!(digest(&f.store), before);
    assert_eq!((dry.imported, dry.refused, dry.skipped), (3, 4, 2), "{:#?}", dry.rows);
    let refusals = dry.refusals().join("\n");
    // Sheet rows are 1-based as the office sees them: the header is row 3, data from row 4.
    assert!(refusals.contains("แถว 7: เลขบัตรประชาชน: เลขประจำตัวประชาชนไม่ถูกต้อง"), "{refusals}");
    assert!(refusals.contains("แถว 8: อัตราดอกเบี้ยเกินร้อยละ 15"), "{refusals}");
    assert!(refusals.contains("แถว 10: ยอดค้างชำระไม่ตรงกัน"), "{refusals}");
    assert!(
        refusals.contains("แถว 11: เลขประจำตัวประชาชน") && refusals.contains("นายสมชาย ใจดี"),
        "{refusals}"
    );
    assert_eq!(outcome_of(&dry, 8), &Outcome::Skipped("แถวว่าง".into()));
    assert_eq!(outcome_of(&dry, 11), &Outcome::Skipped("แถวยอดรวม".into()));
    assert!(dry.column_problems.is_empty(), "{:?}", dry.column_problems);

    // Confirmed: one batch.
    let report = import(&f.store, &file, false);
    let batch = report.batch_id.unwrap();
    assert_eq!((report.imported, report.members_created, report.loans_created), (3, 4, 2));
    let cut = ymd(2023, 6, 15);
    f.store
        .with(|c| {
            let one = loans::by_contract(c, "กขคจ.12/2566")?;
            let st = loans::statement(c, &one, cut)?;
            assert_eq!(st.outstanding_principal, Satang(900_000));
            assert_eq!(st.interest_due, Satang(12_000));
            assert_eq!(st.default_interest, Satang(808));
            assert_eq!(st.days_past_due, 45);
            assert_eq!(loans::parties(c, one.id)?[0].name, "นางบุญมี ศรีสุข");
            let two = loans::by_contract(c, "กขคจ.3/2563")?;
            let st = loans::statement(c, &two, cut)?;
            assert_eq!(st.outstanding_principal, Satang(399_990));
            assert_eq!(st.interest_due, Satang(72_000));
            assert_eq!(st.default_interest, Satang(9_132));
            assert_eq!(st.days_past_due, 243);
            assert_eq!(st.overdue_installments, 6);
            let opening = store_import::opening(c, two.id)?.unwrap();
            assert_eq!(opening.original_principal, Satang(2_400_000));
            assert_eq!(opening.original_start, ymd(2020, 3, 15));
            assert_eq!(opening.installments_paid, 30);
            assert_eq!(opening.last_payment_on, Some(ymd(2022, 9, 15)));
            assert_eq!(opening.office_contract_no, "กขคจ.3/2563");
            let report = check::run(c, |_, _| {})?;
            assert!(report.ok(), "{:?}", report.problems);
            Ok(())
        })
        .unwrap();

    // The same workbook again: nothing new, every imported row already there.
    let again = import(&f.store, &file, false);
    assert_eq!(
        (again.imported, again.already, again.loans_created),
        (0, 3, 0),
        "{:#?}",
        again.rows
    );

    // Undo of the first batch restores the database (the second created nothing).
    let n = f.store.with(|c| store_import::undo(c, &Actor::system(), batch)).unwrap();
    // 2 loans, 4 members and 4 households: the guarantor without an address gets her own in the
    // borrower's หมู่, house number left for the office to fill in.
    assert_eq!(n, 2 + 4 + 4);
    assert_eq!(digest(&f.store), before);
    let again = f.store.with(|c| store_import::undo(c, &Actor::system(), batch)).unwrap_err();
    assert!(again.to_string().contains("ถูกยกเลิกไปแล้ว"));
}

#[test]
fn the_workbook_comes_back_with_a_status_and_reason_on_every_row() {
    let f = fixture();
    flat_fund(&f);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("book.xlsx");
    write_book(&file, &office_rows());
    let prepared = pipeline::prepare(&f.store, &file, None, None).unwrap();
    let report = import(&f.store, &file, true);
    let out = dir.path().join("book-ผลการนำเข้า.xlsx");
    plodnee::import::write_status(
        &out,
        "ลูกหนี้",
        &prepared.book.rows,
        prepared.sheet.header_row,
        &report.rows,
    )
    .unwrap();
    let back = plodnee::import::read(&out, None).unwrap();
    let status_col = HEADERS.len();
    assert_eq!(back.rows[2][status_col].plain(), "สถานะการนำเข้า");
    assert_eq!(back.rows[3][status_col].plain(), "นำเข้าแล้ว");
    assert_eq!(back.rows[6][status_col].plain(), "ไม่รับ");
    assert!(back.rows[6][status_col + 1].plain().contains("หลักตรวจสอบ"));
    for r in 3..back.rows.len() {
        assert!(
            !back.rows[r].get(status_col).map(|c| c.plain()).unwrap_or_default().is_empty(),
            "row {r} has no status"
        );
    }
}

#[test]
fn a_batch_with_a_payment_recorded_on_it_cannot_be_undone() {
    let f = fixture();
    flat_fund(&f);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("book.xlsx");
    write_book(&file, &office_rows());
    let batch = import(&f.store, &file, false).batch_id.unwrap();
    f.store
        .write(|tx| {
            let loan = loans::by_contract(tx, "กขคจ.12/2566")?;
            ledger::record(
                tx,
                &f.treasurer.actor(),
                &NewPayment {
                    loan_id: loan.id,
                    paid_on: ymd(2023, 6, 20),
                    amount: Satang(106_000),
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                },
                ymd(2023, 6, 20),
            )?;
            // Payments after the cut-over follow the normal rules (s.329): the oldest installment's
            // default interest first, accrued from its real due date (1 May 2023), then interest.
            let st = loans::statement(tx, &loan, ymd(2023, 6, 20))?;
            let first = &st.allocations[0].slices;
            assert_eq!((first[0].installment, first[0].part), (Some(1), Part::DefaultInterest));
            // 1,000 × 5% × 50/365 = 6.849… → 6.85
            assert_eq!(first[0].amount, Satang(685));
            assert_eq!(first[1].part, Part::Interest);
            Ok(())
        })
        .unwrap();
    let e = f.store.with(|c| store_import::undo(c, &f.treasurer.actor(), batch)).unwrap_err();
    assert!(e.to_string().contains("ยกเลิกชุดนำเข้าที่"), "{e}");
    let officer = f.store.with(|c| store_import::undo(c, &f.officer.actor(), batch)).unwrap_err();
    assert!(!officer.to_string().is_empty());
}

#[test]
fn a_tis620_csv_of_members_imports_and_the_mapping_is_remembered() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("members.csv");
    let a = id("110170044445");
    let text = format!(
        "ทะเบียนสมาชิก,,,,\nชื่อ-สกุล,เลขบัตรประชาชน,บ้านเลขที่,หมู่,เบอร์โทร\nนายสมปอง ดีใจ,{a},๘,๓,0812223333\nนางสาวจันทร์ เพ็ญ,,9,3,\n"
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(&text);
    std::fs::write(&file, &bytes).unwrap();
    let prepared = pipeline::prepare(&f.store, &file, None, None).unwrap();
    assert_eq!(prepared.source, pipeline::MappingSource::Guessed);
    let report = import(&f.store, &file, false);
    assert_eq!((report.imported, report.members_created), (2, 2), "{:#?}", report.rows);
    f.store
        .with(|c| store_import::remember_mapping(c, &prepared.signature, &prepared.mapping))
        .unwrap();
    let again = pipeline::prepare(&f.store, &file, None, None).unwrap();
    assert_eq!(again.source, pipeline::MappingSource::Remembered);
    assert_eq!(again.mapping, prepared.mapping);
    let found = f.store.with(|c| plodnee::store::search::search(c, "สมปอง", 5)).unwrap();
    assert_eq!(found.hits.len(), 1);
}
