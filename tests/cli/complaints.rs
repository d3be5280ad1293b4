//! The complaint commands end to end on a demo database (issue 16): a disputed amount registered
//! against a loan in arrears takes it out of `plodnee queue` and comes back after `complaint step
//! … close`; the list masks the complainant; bad options are refused with exit code 2; the
//! report counts what was closed within target.

use crate::tools;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn plodnee(dir: &Path, user_password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", "2025-11-21")
        .env("PLODNEE_PASSWORD", user_password)
        .output()
        .expect("run plodnee")
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).expect("valid JSON")
}

fn queued(dir: &Path, loan_id: i64) -> bool {
    let q =
        json(&plodnee(dir, "", &["queue", "--as-of", "2025-11-21", "--json", "--limit", "5000"]));
    q["items"].as_array().unwrap().iter().any(|i| i["loan_id"].as_i64() == Some(loan_id))
}

#[test]
fn a_disputed_amount_from_the_command_line_pauses_the_queue_until_closed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&plodnee(d, "", &["demo", "--households", "40", "--today", "2025-11-21"]));
    let q = json(&plodnee(d, "", &["queue", "--as-of", "2025-11-21", "--json", "--limit", "5000"]));
    let item = &q["items"][0];
    let loan_id = item["loan_id"].as_i64().unwrap();
    let conn = rusqlite::Connection::open(d.join("plodnee.sqlite3")).unwrap();
    let (contract, member): (String, i64) = conn
        .query_row("SELECT contract_no, borrower_id FROM loan WHERE id = ?1", [loan_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let member = member.to_string();
    let officer = "officer-2568";

    let bad = plodnee(
        d,
        officer,
        &[
            "complaint",
            "add",
            "--member",
            &member,
            "--category",
            "amount",
            "--received",
            "2025-11-20",
            "--text",
            "x",
            "--user",
            "officer",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--category"));

    let out = ok(&plodnee(
        d,
        officer,
        &[
            "complaint",
            "add",
            "--member",
            &member,
            "--loan",
            &contract,
            "--category",
            "disputed-amount",
            "--received",
            "2025-11-20",
            "--text",
            "ยอดไม่ตรงกับสมุด",
            "--channel",
            "phone",
            "--user",
            "officer",
        ],
    ));
    // The demo has complaints of its own: ours takes the next number of 2568.
    let number = out
        .split_whitespace()
        .find(|w| w.ends_with("/2568") && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .expect("a complaint number")
        .to_string();
    let number = number.as_str();
    assert!(!queued(d, loan_id), "held while open");

    let list = json(&plodnee(d, "", &["complaints", "--open", "--json"]));
    let row = list.as_array().unwrap().iter().find(|r| r["number"] == number).expect("listed");
    assert!(row["complainant"].as_str().unwrap().contains("•••"), "{row}");
    assert_eq!(row["category"], "disputed-amount");

    let step = |args: &[&str], who: &str, pw: &str| {
        let mut all = vec!["complaint", "step", number];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--on", "2025-11-21", "--user", who]);
        plodnee(d, pw, &all)
    };
    ok(&step(&["acknowledge"], "officer", officer));
    ok(&step(
        &["assess", "--handler", "treasurer", "--severity", "high"],
        "committee",
        "committee-2568",
    ));
    let e = step(&["respond", "--finding", "ยอดถูกต้อง"], "treasurer", "treasurer-2568");
    assert!(!e.status.success());
    assert!(String::from_utf8_lossy(&e.stderr).contains("ยอดหนี้ถูกต้องหรือต้องแก้ไข"));
    ok(&step(
        &["respond", "--finding", "ยอดถูกต้อง", "--amount", "confirmed"],
        "treasurer",
        "treasurer-2568",
    ));
    // The letters: in the register, the response with the statement's workings.
    let out_dir = tempfile::tempdir().unwrap();
    for which in ["acknowledgment", "response"] {
        let pdf = out_dir.path().join(format!("{which}.pdf"));
        let printed = ok(&plodnee(
            d,
            "",
            &[
                "complaint",
                "letter",
                number,
                which,
                "--out",
                pdf.to_str().unwrap(),
                "--date",
                "2025-11-21",
            ],
        ));
        assert!(!printed.is_empty());
        tools::assert_sarabun_embedded_and_subset(&pdf);
        let text = tools::page_texts(&pdf).join("\n");
        assert!(text.contains(number), "{text}");
        if which == "response" {
            assert!(text.contains("ยอดถูกต้อง"), "{text}");
            assert!(text.contains(&contract), "the workings name the contract: {text}");
            assert!(text.contains("ดอกเบี้ยผิดนัด"), "{text}");
        } else {
            assert!(text.contains("พักการติดตาม"), "{text}");
        }
    }
    let closure = out_dir.path().join("closure.pdf");
    let refused = plodnee(
        d,
        "",
        &["complaint", "letter", number, "closure", "--out", closure.to_str().unwrap()],
    );
    assert!(!refused.status.success(), "not closed yet");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("ยังไม่ได้ปิด"));
    ok(&step(
        &["close", "--satisfaction", "satisfied", "--lesson", "อธิบายดอกเบี้ยผิดนัดให้ชัด"],
        "treasurer",
        "treasurer-2568",
    ));
    assert!(queued(d, loan_id), "back after closing");
    ok(&plodnee(
        d,
        "",
        &[
            "complaint",
            "letter",
            number,
            "closure",
            "--out",
            closure.to_str().unwrap(),
            "--date",
            "2025-11-21",
        ],
    ));
    let kinds: i64 = conn
        .query_row("SELECT COUNT(*) FROM letter WHERE kind LIKE 'complaint_%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kinds, 3, "three letters in the register");
    let _ = std::fs::copy(&closure, std::env::temp_dir().join("complaint-closure.pdf"));
    let _ = std::fs::copy(
        out_dir.path().join("response.pdf"),
        std::env::temp_dir().join("complaint-response.pdf"),
    );
    let _ = std::fs::copy(
        out_dir.path().join("acknowledgment.pdf"),
        std::env::temp_dir().join("complaint-ack.pdf"),
    );
    let open = json(&plodnee(d, "", &["complaints", "--open", "--json"]));
    assert!(open.as_array().unwrap().iter().all(|r| r["number"] != number), "no longer open");
    assert_eq!(open.as_array().unwrap().len(), 6, "the demo's open ones: every step but closed");

    let r = json(&plodnee(
        d,
        "",
        &["complaints", "report", "--from", "2025-01-01", "--to", "2025-11-21", "--json"],
    ));
    let all = json(&plodnee(d, "", &["complaints", "--json"]));
    assert_eq!(r["total"].as_u64().unwrap() as usize, all.as_array().unwrap().len());
    let closed = r["closed"].as_u64().unwrap();
    assert!(closed >= 2, "ours and the demo's");
    assert!(r["closed_within_target"].as_u64().unwrap() <= closed);
    assert!(r["overdue"].as_u64().unwrap() >= 1, "the demo's unacknowledged one");
    assert!(r["lessons"].as_array().unwrap().iter().any(|l| l["lesson"] == "อธิบายดอกเบี้ยผิดนัดให้ชัด"));
    assert!(r["by_month"].as_array().unwrap().iter().any(|m| m["month"] == "2568-11"));
    assert!(!r["repeat"].as_array().unwrap().is_empty(), "the demo's repeat complainant");

    // The same report on paper and in Excel: the totals agree with the JSON.
    let out = tempfile::tempdir().unwrap();
    let (pdf, xlsx, csv) =
        (out.path().join("r.pdf"), out.path().join("r.xlsx"), out.path().join("r.csv"));
    ok(&plodnee(
        d,
        "",
        &[
            "complaints",
            "report",
            "--from",
            "2025-01-01",
            "--to",
            "2025-11-21",
            "--pdf",
            pdf.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
    ));
    tools::assert_qpdf_clean(&pdf);
    tools::assert_sarabun_embedded_and_subset(&pdf);
    let text = tools::page_texts(&pdf).join("\n");
    for heading in ["เรื่องร้องเรียนตามประเภทและเดือน", "ระยะเวลาถึงแต่ละขั้นตอน", "บทเรียนที่บันทึกเมื่อปิดเรื่อง"]
    {
        assert!(text.contains(heading), "{heading} in the PDF");
    }
    assert!(text.contains("อธิบายดอกเบี้ยผิดนัดให้ชัด"));
    assert!(text.contains("พ.ย. 2568"));
    use calamine::{Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let sheets = book.sheet_names().to_vec();
    assert_eq!(sheets.len(), 4, "{sheets:?}");
    let first = book.worksheet_range(&sheets[0]).unwrap();
    let total_row = first.rows().find(|row| row.first().is_some_and(|c| *c == "รวม")).unwrap();
    let total: f64 = total_row[2].to_string().parse().unwrap();
    assert_eq!(total as u64, r["total"].as_u64().unwrap());
    let by_month: u64 =
        r["by_month"].as_array().unwrap().iter().map(|m| m["count"].as_u64().unwrap()).sum();
    assert_eq!(by_month, r["total"].as_u64().unwrap(), "the months add up to the total");
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert!(csv_text.contains("เดือน") && csv_text.contains("รวม"), "{csv_text}");
}
