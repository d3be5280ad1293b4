//! Collection targets, the weekly report and the collection sheet end to end on a demo database
//! (issue 12 §8, §9, §12): `plodnee targets --json` agrees with itself (every target is the
//! default unless set), the treasurer's own figure holds and an officer's is refused, and the
//! target report, the weekly report and a หมู่'s sheet come out as PDFs that pass `qpdf --check`
//! with their Thai text searchable.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::tools;

fn plodnee(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", "2025-11-21")
        .env("PLODNEE_PASSWORD", password)
        .output()
        .expect("run plodnee")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text(pdf: &Path) -> String {
    tools::assert_qpdf_clean(pdf);
    tools::assert_sarabun_embedded_and_subset(pdf);
    tools::page_texts(pdf).join("\n")
}

#[test]
fn targets_weekly_report_and_collection_sheet_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(d, "", &["demo", "--households", "120", "--today", "2025-11-21"]));

    let v: Value =
        serde_json::from_str(&ok(&plodnee(d, "", &["targets", "--month", "2568-11", "--json"])))
            .unwrap();
    assert_eq!(v["month"], "2025-11");
    let lines = v["lines"].as_array().unwrap();
    let institute = lines.iter().find(|l| l["scope"] == "institute").expect("the institute's line");
    assert!(institute["due"].as_str().unwrap().parse::<f64>().unwrap() > 0.0);
    for l in lines.iter().filter(|l| l["set"] == false) {
        assert_eq!(l["target"], l["default"], "{l}");
    }
    // The demo's treasurer set the first หมู่'s target in round thousands.
    let own = lines.iter().find(|l| l["set"] == true).expect("a target the demo set");
    assert!(own["target"].as_str().unwrap().ends_with("000.00"), "{own}");

    // Bad input: a month that is not one, an officer setting a target.
    let bad = plodnee(d, "", &["targets", "--month", "2568-13"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--month"));
    let refused = plodnee(
        d,
        "officer-2568",
        &["targets", "--month", "2568-11", "--set", "5000", "--village", "2", "--user", "officer"],
    );
    assert!(!refused.status.success());
    ok(&plodnee(
        d,
        "treasurer-2568",
        &[
            "targets",
            "--month",
            "2568-11",
            "--set",
            "5,000",
            "--village",
            "2",
            "--user",
            "treasurer",
        ],
    ));
    let v: Value =
        serde_json::from_str(&ok(&plodnee(d, "", &["targets", "--month", "2025-11", "--json"])))
            .unwrap();
    let v2 = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["scope"] == "village" && l["scope_id"] == 2);
    assert_eq!(v2.expect("หมู่ 2")["target"], "5000.00");

    let pdf = d.join("targets.pdf");
    let xlsx = d.join("targets.xlsx");
    ok(&plodnee(
        d,
        "",
        &[
            "report",
            "targets",
            "--month",
            "2568-11",
            "--pdf",
            pdf.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
    ));
    let t = text(&pdf);
    assert!(t.contains("เป้าการเก็บเงินเทียบยอดที่เก็บได้ เดือนพฤศจิกายน 2568"), "{t}");
    assert!(t.contains("เก็บได้เทียบเป้า (ร้อยละ)"));
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);

    let weekly = d.join("weekly.pdf");
    ok(&plodnee(
        d,
        "",
        &[
            "report",
            "weekly",
            "--for",
            "officer",
            "--week",
            "2025-11-19",
            "--pdf",
            weekly.to_str().unwrap(),
        ],
    ));
    let t = text(&weekly);
    assert!(t.contains("รายงานผลการติดตามหนี้ประจำสัปดาห์"), "{t}");
    assert!(t.contains("งานสัปดาห์หน้า"));
    let nobody = plodnee(d, "", &["report", "weekly", "--for", "nobody", "--week", "2025-11-19"]);
    assert_eq!(nobody.status.code(), Some(2));

    let sheet = d.join("sheet.pdf");
    ok(&plodnee(
        d,
        "",
        &["sheet", "--village", "1", "--month", "2568-11", "--pdf", sheet.to_str().unwrap()],
    ));
    let t = text(&sheet);
    assert!(t.contains("ใบรับชำระรายกลุ่ม หมู่ที่ 1"), "{t}");
    assert!(t.contains("ผู้เก็บเงิน"));
    let none = plodnee(d, "", &["sheet", "--month", "2568-11"]);
    assert_eq!(none.status.code(), Some(2));
}
