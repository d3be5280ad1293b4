//! `plodnee letters` and `plodnee invoice` hold back letters for trivial amounts (issue 11 §3)
//! and say how many and why, on the demo (300 households, seed 7, 7 Dec 2569).

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

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn totals(v: &Value) -> Vec<(String, f64)> {
    v["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let no = l["contract_no"].as_str().unwrap().to_string();
            (no, l["total"].as_str().unwrap().parse::<f64>().unwrap())
        })
        .collect()
}

// Before the thresholds this batch issued a demand for 0.60 baht on กขคจ.63/2568 (a principal
// residue under one baht, the same case as issue 11's 0.52-baht letter in an older demo) and 34
// more for less than 100 baht.
#[test]
fn a_demo_batch_issues_no_letter_for_a_residue_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let demo = plodnee(
        dir.path(),
        &["demo", "--households", "300", "--seed", "7", "--today", "2026-12-07"],
    );
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let pdf = dir.path().join("demand.pdf");
    let out = plodnee(
        dir.path(),
        &["letters", "demand", "--date", "2026-12-07", "--out", pdf.to_str().unwrap(), "--json"],
    );
    let v = json(&out);
    let letters = totals(&v);
    assert!(letters.len() > 100, "{} letters", letters.len());
    assert!(letters.iter().all(|(_, t)| *t >= 100.0), "{letters:?}");
    assert!(!letters.iter().any(|(no, _)| no == "กขคจ.63/2568"));
    let held: Vec<&str> =
        v["held"].as_array().unwrap().iter().map(|h| h.as_str().unwrap()).collect();
    assert!(
        held.iter().any(|h| h.starts_with("1 สัญญายอดค้างต่ำกว่า 1.00 บาท ไม่ถือเป็นหนี้ค้างชำระ")),
        "{held:?}"
    );
    assert!(held.iter().any(|h| h.contains("ต่ำกว่า 100.00 บาท ซึ่งเป็นยอดขั้นต่ำ")), "{held:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ไม่ออกหนังสือ: 1 สัญญายอดค้างต่ำกว่า 1.00 บาท"), "{stderr}");

    let dir_out = dir.path().join("invoices");
    std::fs::create_dir(&dir_out).unwrap();
    let inv = plodnee(
        dir.path(),
        &["invoice", "--date", "2026-12-07", "--out-dir", dir_out.to_str().unwrap(), "--json"],
    );
    let v = json(&inv);
    assert!(totals(&v).iter().all(|(_, t)| *t >= 100.0));
    let stderr = String::from_utf8_lossy(&inv.stderr);
    assert!(stderr.contains("ยอดขั้นต่ำสำหรับใบแจ้งหนี้"), "{stderr}");
}
