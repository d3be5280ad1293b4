//! `plodnee privacy access PERSON --pdf F --json F` end to end on a demo database: the PDF has
//! the member's name, full national id and their loan, copies back as text, embeds Sarabun as a
//! subset and passes qpdf; the JSON holds the same rows; the copy is logged; an officer and a
//! member who does not exist are refused in Thai with no file written.

use std::path::Path;
use std::process::{Command, Output};

use crate::tools;

fn plodnee(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_PASSWORD", password)
        .env("PLODNEE_TODAY", "2025-11-21")
        .output()
        .expect("run plodnee")
}

#[test]
fn a_members_copy_prints_as_a_pdf_and_a_json_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let demo =
        plodnee(d, "x", &["demo", "--households", "5", "--seed", "7", "--today", "2025-11-21"]);
    assert!(demo.status.success());
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let (id, first, nid, contract): (i64, String, String, String) = conn
        .query_row(
            "SELECT p.id, p.first_name, p.national_id, l.contract_no FROM person p JOIN loan l ON l.borrower_id = p.id ORDER BY p.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    drop(conn);
    let pdf = d.join("สำเนา.pdf");
    let json = d.join("สำเนา.json");
    let id_text = id.to_string();
    let pdf_arg = pdf.to_str().unwrap();
    let json_arg = json.to_str().unwrap();

    let officer = plodnee(
        d,
        "officer-2568",
        &["privacy", "access", &id_text, "--pdf", pdf_arg, "--user", "officer"],
    );
    assert!(!officer.status.success());
    assert!(String::from_utf8_lossy(&officer.stderr).contains("สิทธิ์"));
    let nobody = plodnee(
        d,
        "committee-2568",
        &["privacy", "access", "999999", "--pdf", pdf_arg, "--user", "committee"],
    );
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("สมาชิก"));
    assert!(!pdf.exists(), "no file after a refusal");

    let out = plodnee(
        d,
        "committee-2568",
        &[
            "privacy",
            "access",
            &id_text,
            "--pdf",
            pdf_arg,
            "--json",
            json_arg,
            "--user",
            "committee",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tools::assert_qpdf_clean(&pdf);
    tools::assert_sarabun_embedded_and_subset(&pdf);
    let texts = tools::page_texts(&pdf);
    let text = texts.join("\n");
    for want in ["สำเนาข้อมูลส่วนบุคคลที่เก็บรักษาไว้", first.as_str(), nid.as_str(), contract.as_str()]
    {
        assert!(text.contains(want), "{want} in the PDF");
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["person_id"].as_i64(), Some(id));
    assert!(v["tables"]["loan"].as_array().is_some_and(|l| !l.is_empty()));
    // Page 1 as a picture, for looking at.
    let png = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/subject-access");
    let _ = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status();
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let logged: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'subject_access' AND entity_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1, "the copy made is logged once (the refusals are not copies)");
}
