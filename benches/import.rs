//! Issue 14's import figure: 10,000 members and 15,000 loans (each with a guarantor, a third in
//! arrears at the cut-over) from one .xlsx, read, validated and written in one transaction.
//! The workbook is generated here. Run with `cargo bench --bench import` (release), or
//! `cargo bench --profile dev --bench import` for the debug figure.

use std::time::Instant;

use chrono::NaiveDate;
use plodnee::domain::NationalId;
use plodnee::domain::loan::FundKind;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{Frequency, Method};
use plodnee::import::pipeline;
use plodnee::store::funds::{self, NewFund};
use plodnee::store::import::{self as store_import, Options};
use plodnee::store::{Actor, Store};
use rust_xlsxwriter::Workbook;

const MEMBERS: usize = 10_000;
const LOANS: usize = 15_000;

fn id(n: usize) -> String {
    let text = format!("{:012}", 110_000_000_000u64 + n as u64);
    let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
    NationalId::from_first12(digits.try_into().unwrap()).unwrap().digits()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.xlsx");
    let made = Instant::now();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "ทะเบียนลูกหนี้ (ทดสอบความเร็ว)").unwrap();
    let headers = [
        "เลขที่สัญญา",
        "ชื่อ-สกุล",
        "เลขบัตรประชาชน",
        "บ้านเลขที่",
        "หมู่",
        "ตำบล",
        "อำเภอ",
        "จังหวัด",
        "วันที่กู้",
        "เงินกู้",
        "จำนวนงวด",
        "เงินต้นคงเหลือ",
        "ผู้ค้ำประกัน",
        "เลขบัตรผู้ค้ำ",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for n in 0..LOANS {
        let m = n % MEMBERS;
        let g = (m + 1) % MEMBERS;
        let r = n as u32 + 2;
        // 12,000 flat 6% over 12 months from 1 Jan 2566; 3 or 4 installments paid at the cut-over
        // (15 Jun 2566): a third of the loans are two installments behind.
        let paid = if n % 3 == 0 { 3 } else { 5 };
        let cells = [
            format!("สญ.{n}/2566"),
            format!("นายสมาชิก{m} นามสกุล{m}"),
            id(m),
            format!("{}", m / 2 + 1),
            format!("{}", m % 20 + 1),
            "หนองบัว".into(),
            "เมือง".into(),
            "ขอนแก่น".into(),
            "1/1/2566".into(),
            "12,000".into(),
            "12".into(),
            format!("{}", 12_000 - paid * 1_000),
            format!("นายสมาชิก{g} นามสกุล{g}"),
            id(g),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r, c as u16, v).unwrap();
        }
    }
    wb.save(&file).unwrap();
    println!("workbook written in {:.2?}", made.elapsed());

    let store = Store::memory().unwrap();
    store
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
    let start = Instant::now();
    let prepared = pipeline::prepare(&store, &file, None, None).unwrap();
    let read = start.elapsed();
    let opts = Options {
        file_name: "big.xlsx".into(),
        sheet: prepared.book.sheet.clone(),
        signature: prepared.signature.clone(),
        cut_over: NaiveDate::from_ymd_opt(2023, 6, 15).unwrap(),
        fund: None,
        area: None,
    };
    let report = store
        .with(|c| {
            store_import::run(c, &Actor::system(), &prepared.sheet, &opts, false, &mut |_, _| true)
        })
        .unwrap();
    let total = start.elapsed();
    assert_eq!(report.refused, 0, "{:?}", report.refusals().first());
    assert_eq!((report.members_created, report.loans_created), (MEMBERS, LOANS));
    println!(
        "import of {MEMBERS} members and {LOANS} loans: read and validated {read:.2?}, total {total:.2?}"
    );
}
