//! Every invoice of a demo batch is one page (issue 11 §6), issued through the CLI and checked
//! with the tools a user has: `pdfinfo` counts the pages, `pdftotext` reads each one, `zbarimg`
//! reads its PromptPay QR. On the demo of 300 households, seed 7, on 7 Dec 2569, 27 of 190
//! invoices ran onto a second page that held only the QR and the signature before the oldest
//! installments were grouped into one row.

use crate::tools;

use std::path::Path;
use std::process::{Command, Output};

use plodnee::domain::Satang;
use plodnee::domain::promptpay;
use plodnee::domain::thai::words::baht_text;
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

/// "สจช.หบ. 4/2569" → "4/2569": pdftotext may lay the prefix and the number apart.
fn tail_of(number: &str) -> &str {
    number.rsplit(' ').next().unwrap_or(number)
}

/// The page holds a grouped row: "13–19" in the งวดที่ column.
fn has_group_row(page: &str) -> bool {
    page.lines().any(|line| {
        let line = line.trim();
        line.split_once('–').is_some_and(|(a, b)| {
            !a.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && !b.is_empty()
                && b.chars().all(|c| c.is_ascii_digit())
        })
    })
}

#[test]
fn every_invoice_of_the_demo_batch_is_one_page_with_its_qr() {
    let dir = tempfile::tempdir().unwrap();
    let demo = plodnee(
        dir.path(),
        &["demo", "--households", "300", "--seed", "7", "--today", "2026-12-07"],
    );
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let pdf = dir.path().join("invoices.pdf");
    let out = plodnee(
        dir.path(),
        &["invoice", "--date", "2026-12-07", "--out", pdf.to_str().unwrap(), "--json"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let letters = v["letters"].as_array().unwrap();
    assert!(letters.len() > 150, "{} invoices", letters.len());

    let info = tools::run("pdfinfo", "poppler-utils", &[pdf.to_str().unwrap()]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count");
    assert_eq!(pages, letters.len(), "one page per invoice");
    tools::assert_qpdf_clean(&pdf);

    let texts = tools::page_texts(&pdf);
    assert_eq!(texts.len(), letters.len());
    let png_dir = tempfile::tempdir().unwrap();
    let qr = tools::qr_codes_per_page(&pdf, png_dir.path());
    assert_eq!(qr.len(), letters.len());
    let mut grouped = 0;
    for (i, l) in letters.iter().enumerate() {
        assert_eq!(l["pages"].as_str(), Some((i + 1).to_string().as_str()), "{l}");
        let total = Satang::from_plain(l["total"].as_str().unwrap()).unwrap();
        let page = &texts[i];
        let number = tail_of(l["number"].as_str().unwrap());
        let recipient = l["recipient"].as_str().unwrap();
        for want in [number, recipient, &total.to_string(), &baht_text(total), "วิธีชำระเงิน"]
        {
            assert!(page.contains(want), "page {} lacks {want:?}:\n{page}", i + 1);
        }
        grouped += usize::from(has_group_row(page));
        let codes = &qr[i];
        assert_eq!(codes.len(), 1, "one QR on page {}", i + 1);
        let decoded = promptpay::decode(&codes[0]).expect("a PromptPay payload with a valid CRC");
        assert_eq!(decoded.amount, Some(total), "page {}", i + 1);
    }
    assert!(grouped >= 20, "the long arrears lists are grouped: {grouped} invoices");
}
