//! `plodnee case …` end to end on a demo data folder (issue 13 §3): an officer opens and files a
//! case on a loan in arrears (the claim is stated), records a hearing ahead, which the early
//! warning lists; a hearing before the filing is refused with a Thai message; the officer may not
//! record the settlement, the treasurer does and the payments then follow the new contract's
//! schedule; `case show --json` and `case list` give the timeline; `check` passes.

use crate::tools;

use std::path::Path;
use std::process::{Command, Output};

fn plodnee_at(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", TODAY)
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
fn a_case_is_opened_filed_heard_and_settled_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    stdout(&plodnee_at(d, "", &["demo", "--households", "60", "--today", TODAY]));
    let contract: String = {
        let store = plodnee::store::Store::open_in(d).unwrap();
        store
            .with(|c| {
                Ok(c.query_row(
                    "SELECT l.contract_no FROM loan l WHERE l.status = 'active' AND l.tranche_of IS NULL
                       AND NOT EXISTS (SELECT 1 FROM legal_case k WHERE k.loan_id = l.id)
                       AND l.next_unpaid_due < '2025-09-01' ORDER BY l.id LIMIT 1",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    };
    let officer = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--user", "officer"]);
        plodnee_at(d, "officer-2568", &all)
    };
    let opened = stdout(&officer(&[
        "case",
        "open",
        &contract,
        "--court",
        "ศาลจังหวัดลำพูน",
        "--opened",
        "1/11/2568",
        "--filed",
        "20/11/2568",
        "--black-no",
        "ผบ.55/2568",
    ]));
    assert!(opened.contains("ทุนทรัพย์ที่ฟ้อง ณ 20 พฤศจิกายน 2568"), "{opened}");
    refused(
        &officer(&["case", "event", &contract, "--kind", "hearing", "--date", "1/11/2568"]),
        "วันที่ต้องไม่ก่อนวันยื่นฟ้อง",
    );
    stdout(&officer(&["case", "event", &contract, "--kind", "mediation", "--date", "10/12/2568"]));
    let warn = stdout(&plodnee_at(d, "", &["legal", "deadlines", "--within", "30", "--json"]));
    assert!(
        warn.contains("\"kind\":\"hearing\"") || warn.contains("\"kind\": \"hearing\""),
        "{warn}"
    );
    assert!(warn.contains(&contract), "{warn}");

    // The case summary for the lawyer: registered, its text and structure checked.
    let pdf = d.join("case-summary.pdf");
    let pdf_s = pdf.to_str().unwrap();
    stdout(&plodnee_at(d, "", &["case", "summary", &contract, "--out", pdf_s]));
    let text = tools::page_texts(&pdf).join("\n");
    for expected in
        ["ส่งข้อมูลคดีเพื่อดำเนินคดี", "คู่ความ", "ผบ.55/2568", "ทุนทรัพย์ที่ฟ้อง", "มาตรา 224/1", &contract]
    {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    tools::assert_qpdf_clean(&pdf);
    tools::assert_sarabun_embedded_and_subset(&pdf);
    let register = stdout(&plodnee_at(d, "", &["register", "--json"]));
    assert!(register.contains("case_summary"), "{register}");
    // For looking at: PLODNEE_SHOTS=/tmp/x renders page 1 to /tmp/x-1.png.
    if let Ok(shots) = std::env::var("PLODNEE_SHOTS") {
        let args = ["-png", "-r", "60", "-f", "1", "-l", "1", pdf_s, &shots];
        let _ = Command::new("pdftoppm").args(args).status();
    }

    let settle = [
        "case",
        "event",
        &contract,
        "--kind",
        "settlement",
        "--date",
        "21/11/2568",
        "--periods",
        "10",
    ];
    refused(&officer(&settle), "ไม่มีสิทธิ์");
    let mut by_treasurer = settle.to_vec();
    by_treasurer.extend(["--user", "treasurer"]);
    let settled = stdout(&plodnee_at(d, "treasurer-2568", &by_treasurer));
    assert!(settled.contains("ตารางผ่อนชำระใหม่เป็นสัญญา"), "{settled}");
    let new_contract = format!("{contract}-ศ1");
    assert!(settled.contains(&new_contract), "{settled}");

    let shown = stdout(&plodnee_at(d, "", &["case", "show", &new_contract, "--json"]));
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["status"], "settled");
    let kinds: Vec<&str> =
        v["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    // By date: the settlement came before the mediation that had been set.
    assert_eq!(kinds, ["filing", "settlement", "mediation"]);
    let listed = stdout(&plodnee_at(d, "", &["case", "list"]));
    assert!(listed.contains("ผบ.55/2568") && listed.contains("ประนีประนอมยอมความในศาล"), "{listed}");
    // The new contract's first installment paid today: the schedule moves on to the second.
    let store = plodnee::store::Store::open_in(d).unwrap();
    let new_id =
        store.with(|c| Ok(plodnee::store::loans::by_contract(c, &new_contract)?.id)).unwrap();
    let schedule = store.with(|c| plodnee::store::loans::schedule(c, new_id)).unwrap();
    assert_eq!(schedule.installments.len(), 10);
    let first = schedule.installments[0].principal + schedule.installments[0].interest;
    drop(store);
    stdout(&officer(&["payment", "add", "--loan", &new_contract, "--amount", &first.to_plain()]));
    let store = plodnee::store::Store::open_in(d).unwrap();
    let loan = store.with(|c| plodnee::store::loans::get(c, new_id)).unwrap();
    assert_eq!(loan.next_unpaid_due, Some(schedule.installments[1].due_date));
    drop(store);
    stdout(&plodnee_at(d, "", &["check"]));
}
