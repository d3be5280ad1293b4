//! `plodnee terminate …` and `plodnee legal …` end to end on a demo data folder (issue 13): an
//! officer prepares the termination of a loan more than three installments overdue and gets the
//! registered notice (its text checked with pdftotext, its structure with qpdf); the approval is
//! refused to the officer and before the notice has run out; once the clock has moved on the
//! treasurer approves and the accelerated debt is stated; the early warning lists deadlines as
//! JSON; the committee undoes the termination with a reason; `check` passes throughout.

use crate::tools;

use std::path::Path;
use std::process::{Command, Output};

fn plodnee_at(dir: &Path, today: &str, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", today)
        .env("PLODNEE_PASSWORD", password)
        .output()
        .expect("run plodnee")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(out: &Output, expected: &str) {
    assert!(!out.status.success(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(expected), "expected {expected:?} in: {err}");
}

const TODAY: &str = "2025-11-21";

#[test]
fn a_termination_is_prepared_printed_approved_after_the_notice_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    stdout(&plodnee_at(d, TODAY, "", &["demo", "--households", "60", "--today", TODAY]));
    let contract: String = {
        let store = plodnee::store::Store::open_in(d).unwrap();
        store
            .with(|c| {
                Ok(c.query_row(
                    "SELECT l.contract_no FROM loan l WHERE l.status = 'active' AND l.tranche_of IS NULL
                       AND NOT EXISTS (SELECT 1 FROM termination t WHERE t.loan_id = l.id)
                       AND (SELECT COUNT(*) FROM installment i WHERE i.loan_id = l.id AND i.due_date < ?1
                            AND (i.principal_paid < i.principal OR i.interest_paid < i.interest)) > 3
                     ORDER BY l.id LIMIT 1",
                    [TODAY],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    };
    let pdf = d.join("termination.pdf");
    let pdf_s = pdf.to_str().unwrap();
    let prepared = stdout(&plodnee_at(
        d,
        TODAY,
        "officer-2568",
        &["terminate", "prepare", &contract, "--user", "officer", "--out", pdf_s],
    ));
    assert!(prepared.contains("ชำระภายใน 21 ธันวาคม 2568"), "{prepared}");
    let text = tools::page_texts(&pdf).join("\n");
    assert!(text.contains("บอกเลิกสัญญา"), "{text}");
    assert!(text.contains(&contract), "{text}");
    tools::assert_qpdf_clean(&pdf);
    tools::assert_sarabun_embedded_and_subset(&pdf);
    let register = stdout(&plodnee_at(d, TODAY, "", &["register", "--json"]));
    assert!(register.contains("termination"), "{register}");

    let approve = |today: &str, password: &str, user: &str| {
        plodnee_at(
            d,
            today,
            password,
            &["terminate", "approve", &contract, "--resolution", "7/2568", "--user", user],
        )
    };
    refused(&approve("2025-12-22", "officer-2568", "officer"), "อนุมัติ");
    refused(&approve("2025-12-21", "treasurer-2568", "treasurer"), "ยังไม่พ้นกำหนด");
    let approved = stdout(&approve("2025-12-22", "treasurer-2568", "treasurer"));
    assert!(approved.contains("เงินต้นถึงกำหนดทั้งหมด") && approved.contains("ยอดปิดบัญชี"), "{approved}");
    stdout(&plodnee_at(d, "2025-12-22", "", &["check"]));

    let json = stdout(&plodnee_at(
        d,
        "2025-12-22",
        "",
        &["legal", "deadlines", "--within", "365", "--json"],
    ));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().expect("a list");
    let dates: Vec<&str> = rows.iter().map(|r| r["due"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "ordered by date: {dates:?}");
    assert!(rows.iter().all(|r| !r["action"].as_str().unwrap().is_empty()));
    refused(&plodnee_at(d, TODAY, "", &["legal", "deadlines", "--within", "0"]), "--within");

    let undo = |password: &str, user: &str, reason: &str| {
        plodnee_at(
            d,
            "2025-12-23",
            password,
            &["terminate", "undo", &contract, "--reason", reason, "--user", user],
        )
    };
    refused(&undo("treasurer-2568", "treasurer", "ชำระแล้ว"), "สิทธิ์");
    refused(&undo("committee-2568", "committee", " "), "เหตุผล");
    let undone = stdout(&undo("committee-2568", "committee", "ลูกหนี้ชำระยอดค้างครบ"));
    assert!(undone.contains("ตารางผ่อนกลับเป็นตามสัญญา"), "{undone}");
    stdout(&plodnee_at(d, "2025-12-23", "", &["check"]));

    // Look at it: the first page as a PNG beside the test's target folder.
    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("termination-notice");
    tools::run(
        "pdftoppm",
        "poppler-utils",
        &["-png", "-r", "60", "-f", "1", "-l", "1", pdf_s, png.to_str().unwrap()],
    );
}
