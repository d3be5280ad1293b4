//! `plodnee report` and `plodnee export` end to end on a demo database, as a user runs them: the
//! aging report's totals are the same in JSON, in the PDF (which passes `qpdf --check`), in the
//! .xlsx as LibreOffice reads it, and in the CSV; Excel dates show in พ.ศ.; bad options are refused
//! in Thai with exit code 2.

use crate::tools;

use std::path::Path;
use std::process::{Command, Output};

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

fn demo(dir: &Path) {
    ok(&plodnee(dir, &["demo", "--households", "60", "--seed", "7", "--today", "2025-11-21"]));
}

/// What LibreOffice shows of the workbook's first sheet, as CSV (formatted values).
fn libreoffice_csv(xlsx: &Path, out_dir: &Path) -> String {
    tools::run(
        "libreoffice",
        "libreoffice-calc",
        &[
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            out_dir.to_str().unwrap(),
            xlsx.to_str().unwrap(),
        ],
    );
    let name = xlsx.file_stem().unwrap().to_str().unwrap();
    std::fs::read_to_string(out_dir.join(format!("{name}.csv"))).expect("converted csv")
}

fn money(v: &Value) -> String {
    // Satang serialise as plain baht with two decimals ("1234.50").
    v.as_str().expect("an amount").to_string()
}

fn grouped(plain: &str) -> String {
    let (whole, cents) = plain.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{cents}")
}

#[test]
fn the_aging_totals_agree_in_json_pdf_xlsx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let args = ["report", "aging", "--as-of", "30/9/2568", "--by", "village"];
    let out = plodnee(dir.path(), &[&args[..], &["--json"]].concat());
    ok(&out);
    let tables: Value = serde_json::from_slice(&out.stdout).unwrap();
    let aging = &tables[0];
    assert_eq!(aging["title"], "รายงานอายุหนี้และหนี้เสี่ยง (PAR30 / PAR90)");
    let total = &aging["total"];
    let outstanding = money(&total[2]);
    let par30 = total[10].as_str().map(str::to_string).unwrap_or_default();
    assert!(outstanding.parse::<f64>().unwrap() > 100_000.0, "{outstanding}");
    assert_eq!(tables[1]["rows"].as_array().unwrap().len(), 12, "twelve months of trend");

    let pdf = dir.path().join("aging.pdf");
    let xlsx = dir.path().join("aging.xlsx");
    let csv = dir.path().join("aging.csv");
    ok(&plodnee(
        dir.path(),
        &[
            &args[..],
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
    tools::run("qpdf", "qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = tools::page_texts(&pdf).join("\n");
    assert!(text.contains("รายงานอายุหนี้และหนี้เสี่ยง"), "{text}");
    assert!(text.contains(&grouped(&outstanding)), "PDF lacks {outstanding}: {text}");
    assert!(text.contains("รวมทั้งสิ้น"));
    assert!(text.contains("30 กันยายน 2568"));

    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "CSV starts with a BOM");
    let csv_text = String::from_utf8(bytes).unwrap();
    let last = csv_text.lines().last().unwrap();
    assert!(last.starts_with("รวมทั้งสิ้น"), "{last}");
    assert!(last.contains(&outstanding), "CSV total {last} lacks {outstanding}");

    let shown = libreoffice_csv(&xlsx, dir.path().join("lo").as_path());
    let total_line = shown.lines().find(|l| l.starts_with("รวมทั้งสิ้น")).expect(&shown);
    assert!(total_line.contains(&grouped(&outstanding)), "{total_line} lacks {outstanding}");
    if !par30.is_empty() {
        assert!(total_line.contains(&par30), "{total_line} lacks PAR30 {par30}");
    }
}

#[test]
fn exported_loans_keep_amounts_as_numbers_and_show_dates_in_buddhist_years() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let xlsx = dir.path().join("loans.xlsx");
    ok(&plodnee(dir.path(), &["export", "loans", "--xlsx", xlsx.to_str().unwrap()]));
    let shown = libreoffice_csv(&xlsx, dir.path().join("lo").as_path());
    let lines: Vec<&str> = shown.lines().collect();
    let header = lines.iter().position(|l| l.starts_with("เลขที่สัญญา")).expect(&shown);
    let first = lines[header + 1];
    let cells: Vec<&str> = first.split(',').collect();
    // วันที่กู้ (column 6) is a date shown d/m/yyyy in พ.ศ.: the demo's loans start 2565–2568.
    let start = lines[header + 1..].iter().find_map(|l| {
        l.split(',').find(|c| c.matches('/').count() == 2 && c.len() >= 8 && c.contains("/25"))
    });
    assert!(
        start.is_some_and(|d| d.ends_with("2565")
            || d.ends_with("2566")
            || d.ends_with("2567")
            || d.ends_with("2568")),
        "{first}"
    );
    assert!(cells.len() >= 12, "{first}");
    // The loan amounts stay numbers: LibreOffice shows them with the #,##0.00 format.
    assert!(cells.iter().any(|c| c.ends_with(".00") || c.contains('.')), "{first}");
}

#[test]
fn a_bad_date_or_grouping_is_refused_in_thai() {
    let dir = tempfile::tempdir().unwrap();
    demo(dir.path());
    let out = plodnee(dir.path(), &["report", "aging", "--as-of", "31/2/68"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as-of"));
    let out = plodnee(dir.path(), &["report", "aging", "--by", "street"]);
    assert_eq!(out.status.code(), Some(2));
    let out = plodnee(dir.path(), &["export", "loans"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xlsx"));
}
