//! `plodnee report due-collected | debtors | letters | annual` end to end on a demo database:
//! each writes a PDF that passes `qpdf --check` with its heading found by `pdftotext`, an .xlsx
//! read back with calamine holding the same total as the JSON, and a CSV with a BOM; the PNG of
//! page 1 goes to `target/report-pages/` to be looked at.

use crate::tools;

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

fn plodnee(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .output()
        .expect("run plodnee")
}

fn ok(out: &Output) {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}

/// The workbook's first sheet, row by row.
fn sheet(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("an .xlsx");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// Runs one report with every output and checks each: returns the JSON tables.
fn check(dir: &Path, args: &[&str], heading: &str, total_col: usize) -> Value {
    let out = plodnee(dir, &[args, &["--json"]].concat());
    ok(&out);
    let tables: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tables[0]["title"], heading);
    let stem = args[1];
    let (pdf, xlsx, csv) = (
        dir.join(format!("{stem}.pdf")),
        dir.join(format!("{stem}.xlsx")),
        dir.join(format!("{stem}.csv")),
    );
    ok(&plodnee(
        dir,
        &[
            args,
            &[
                "--pdf",
                pdf.to_str().unwrap(),
                "--xlsx",
                xlsx.to_str().unwrap(),
                "--csv",
                csv.to_str().unwrap(),
            ],
        ]
        .concat(),
    ));
    tools::assert_qpdf_clean(&pdf);
    let text = tools::page_texts(&pdf).join("\n");
    assert!(text.contains(heading), "PDF lacks {heading}: {text}");
    // Page 1 as a PNG, for a person to look at (not compared).
    let look = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-pages");
    std::fs::create_dir_all(&look).unwrap();
    tools::run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
            look.join(stem).to_str().unwrap(),
        ],
    );

    // The total line of the workbook has the JSON's total, as a number (the annual report's
    // total is its last column: its second line, ให้กู้ใหม่, is compared there).
    let rows = sheet(&xlsx);
    assert_eq!(rows[0][0], Data::String(heading.into()), "title in A1");
    if tables[0]["total"].is_null() {
        let lent = tables[0]["rows"][1].as_array().unwrap().last().unwrap().as_str().unwrap();
        let line = rows
            .iter()
            .find(|r| r.first().is_some_and(|c| c.to_string().starts_with("ให้กู้ใหม่")))
            .expect("ให้กู้ใหม่");
        let Some(Data::Float(x)) = line.get(tables[0]["columns"].as_array().unwrap().len() - 1)
        else {
            panic!("a number: {line:?}")
        };
        assert_eq!(format!("{x:.2}"), lent, "xlsx total against JSON");
        return tables;
    }
    let total = &tables[0]["total"];
    let last = rows
        .iter()
        .rev()
        .find(|r| r.first().is_some_and(|c| c.to_string().starts_with("รวม")))
        .expect("a total line");
    if let Some(amount) = total[total_col].as_str() {
        let Data::Float(x) = last[total_col] else { panic!("a number: {:?}", last[total_col]) };
        assert_eq!(format!("{x:.2}"), amount, "xlsx total against JSON");
    } else {
        let n = total[total_col].as_i64().expect("a count");
        assert_eq!(last[total_col], Data::Float(n as f64));
    }
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "CSV starts with a BOM");
    tables
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(&plodnee(
        dir.path(),
        &["demo", "--households", "60", "--seed", "7", "--today", "2025-11-21"],
    ));
    dir
}

#[test]
fn due_against_collected_has_twelve_months_and_its_total_everywhere() {
    let dir = demo();
    let t = check(
        dir.path(),
        &["report", "due-collected", "--as-of", "31/10/2568"],
        "ยอดครบกำหนดเทียบยอดรับชำระรายเดือน",
        3,
    );
    let bars = t[0]["chart"]["bars"].as_array().unwrap();
    assert_eq!(bars.len(), 12, "twelve months: {bars:?}");
}

#[test]
fn the_debtors_list_masks_every_national_id() {
    let dir = demo();
    let t =
        check(dir.path(), &["report", "debtors", "--as-of", "30/9/2568"], "บัญชีรายชื่อลูกหนี้รายหมู่", 5);
    let rows = t[0]["rows"].as_array().unwrap();
    assert!(rows.len() > 20, "{}", rows.len());
    for r in rows {
        let id = r[2].as_str().unwrap();
        assert!(id == "-" || id.starts_with("X-XXXX-XXXX"), "{id}");
    }
    let pdf = dir.path().join("debtors.pdf");
    let text = tools::page_texts(&pdf).join("\n");
    assert!(text.contains("X-XXXX-XXXX"), "masked ids on paper");
}

#[test]
fn letters_issued_and_the_annual_report_run_over_their_period() {
    let dir = demo();
    check(
        dir.path(),
        &["report", "letters", "--from", "1/1/2568", "--as-of", "21/11/2568"],
        "รายงานหนังสือที่ออก",
        2,
    );
    let t =
        check(dir.path(), &["report", "annual", "--year", "2568"], "รายงานผลการดำเนินงานประจำปี", 2);
    assert!(t[0]["subtitle"][0].as_str().unwrap().contains("31 ธันวาคม 2568"));
    // A period that ends before it starts is refused in Thai with exit code 2.
    let out =
        plodnee(dir.path(), &["report", "letters", "--from", "1/12/2568", "--as-of", "1/1/2568"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from"));
    let out = plodnee(dir.path(), &["report", "annual", "--year", "68"]);
    assert_eq!(out.status.code(), Some(2));
}
