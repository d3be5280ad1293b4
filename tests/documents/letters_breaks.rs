//! Where lines break in printed letters, checked on what a reader sees (`pdftotext`) over a
//! whole demo batch of every letter kind: a number never ends a line whose next line starts
//! with the word that counts it (3 | งวด), a title never ends a line before its name, a date's
//! day, month and year stay on one line, and no line ends with an opening bracket.

use crate::tools;

use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::document::issue::{self, BatchRequest, Filter, Output, Request};
use plodnee::domain::letter::Kind;
use plodnee::store::{Actor, Store};

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

/// Words that count or measure the number before them.
const UNITS: &[&str] =
    &["งวด", "บาท", "สตางค์", "วัน", "เดือน", "ปี", "ราย", "ครั้ง", "ฉบับ", "คน", "ครัวเรือน", "สัญญา"];
const TITLES: &[&str] = &["นาย", "นาง", "นางสาว", "ด.ช.", "ด.ญ.", "เด็กชาย", "เด็กหญิง"];
const MONTHS: &[&str] = &[
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

fn demo_store(households: usize) -> (Store, Actor) {
    let store = Store::memory().unwrap();
    let opts = Options { households, seed: 2568, today: TODAY };
    store.with(|c| demo::generate(c, &opts)).unwrap();
    let officer = store
        .with(|c| plodnee::store::users::sign_in(c, "officer", "officer-2568"))
        .unwrap()
        .actor();
    (store, officer)
}

fn ends_with_number(line: &str) -> bool {
    line.trim_end().chars().last().is_some_and(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
}

fn starts_with_number(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
}

/// Every bad break between `line` and the `next` one, described for the failure message.
fn bad_breaks(line: &str, next: &str) -> Vec<String> {
    let (a, b) = (line.trim_end(), next.trim_start());
    let mut bad = Vec::new();
    if a.ends_with(['(', '[', '{', '“']) {
        bad.push(format!("ends with an opening bracket: {a:?}"));
    }
    // "วันที่" and "งวดที่" are ordinals that start a new phrase, not counts of the number.
    let counts = |u: &&str| b.starts_with(*u) && !b[u.len()..].starts_with("ที่");
    if ends_with_number(a) && UNITS.iter().any(counts) {
        bad.push(format!("number | unit: {a:?} / {b:?}"));
    }
    let last_word = a.rsplit(' ').next().unwrap_or("");
    if TITLES.contains(&last_word) && !b.is_empty() {
        bad.push(format!("title | name: {a:?} / {b:?}"));
    }
    if ends_with_number(a) && MONTHS.iter().any(|m| b.starts_with(m)) {
        bad.push(format!("day | month: {a:?} / {b:?}"));
    }
    if MONTHS.iter().any(|m| a.ends_with(m)) && starts_with_number(b) {
        bad.push(format!("month | year: {a:?} / {b:?}"));
    }
    bad
}

fn check_pdf(kind: Kind, pdf: &[u8]) -> (usize, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.pdf");
    std::fs::write(&path, pdf).unwrap();
    // Raw order: each line as drawn, not regrouped into columns by position.
    let text = tools::run(
        "pdftotext",
        "poppler-utils",
        &["-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    );
    let lines: Vec<&str> = text.lines().collect();
    let mut bad = Vec::new();
    for (i, pair) in lines.windows(2).enumerate() {
        for why in bad_breaks(pair[0], pair[1]) {
            bad.push(format!("{kind} line {}: {why}", i + 1));
        }
    }
    (lines.len(), bad)
}

#[test]
fn no_letter_of_a_demo_batch_breaks_a_line_where_a_thai_reader_would_not() {
    let (store, officer) = demo_store(300);
    let mut all_bad = Vec::new();
    for &kind in Kind::COLLECTION.iter().chain(&[Kind::Termination]) {
        let b = BatchRequest {
            request: Request::new(kind, TODAY),
            filter: Filter { min_dpd: 0, village: None, fund: None },
            output: Output::OneFile,
        };
        let cancel = AtomicBool::new(false);
        let out =
            store.write(|tx| Ok(issue::batch(tx, &officer, &b, &mut |_| {}, &cancel)?)).unwrap();
        assert!(!out.letters.is_empty(), "{kind}: no letters");
        let (lines, bad) = check_pdf(kind, &out.files[0].pdf);
        assert!(lines > out.letters.len() * 10, "{kind}: {lines} lines");
        all_bad.extend(bad);
    }
    assert!(all_bad.is_empty(), "{} bad breaks:\n{}", all_bad.len(), all_bad.join("\n"));
}

#[test]
fn the_checker_sees_each_kind_of_bad_break() {
    assert_eq!(bad_breaks("ค้างชำระ 3", "งวด นับแต่").len(), 1);
    assert_eq!(bad_breaks("จำนวน 1,234.50", "บาท").len(), 1);
    assert_eq!(bad_breaks("ได้กู้เงินจาก นาย", "สมชาย ใจดี").len(), 1);
    assert_eq!(bad_breaks("ณ วันที่ 21", "พฤศจิกายน 2568").len(), 1);
    assert_eq!(bad_breaks("ณ วันที่ 21 พฤศจิกายน", "2568 ท่าน").len(), 1);
    assert_eq!(bad_breaks("จำนวน 1,234.50 บาท (", "หนึ่งพันบาทถ้วน)").len(), 1);
    assert!(bad_breaks("ค้างชำระ 3 งวด", "นับแต่วันที่ 21 พฤศจิกายน 2568").is_empty());
    assert!(bad_breaks("ทนาย", "ความ").is_empty());
}
