//! The documents of a restructuring plan on a demo institute, following one member from the
//! agreement (ยึด ลด ปลด หมดหนี้, guarantors' consent) through a release step earned and its
//! notice to the clearance certificate, which is refused until the loan is paid off.

use crate::docs_support;

use docs_support::plans::{approved_plan, pay};
use docs_support::{TODAY, assert_all, demo, pages};
use plodnee::document::issue::{self, docs, notices, plan_docs};
use plodnee::domain::Satang;
use plodnee::domain::thai::date::{format_long, format_short};
use plodnee::domain::thai::words::baht_text;
use plodnee::store::plans::{self, Target};
use plodnee::store::{letters, loans, plan_tracking};

#[test]
fn the_agreement_spells_out_the_four_stages_the_new_schedule_and_the_guarantors_consent() {
    let d = demo(200);
    let p = approved_plan(&d);
    let rec = d.store.with(|c| plans::get(c, p.id)).unwrap();
    let doc = d.store.with(|c| Ok(plan_docs::agreement(c, p.id, TODAY)?)).unwrap();
    let issued = d.store.write(|tx| Ok(docs::issue(tx, &d.officer, doc)?)).unwrap();
    let text = pages(&issued.pdf).join("\n");
    let plan = &rec.plan;
    let release = plan.release.unwrap();
    let mut want = vec![
        issued.letter.number.clone(),
        p.old.contract_no.clone(),
        p.new.contract_no.clone(),
        p.old.borrower_name.clone(),
        p.old.rate.to_string(),
        "3%".into(),
        plan.principal.to_string(),
        baht_text(plan.principal),
        plan.regular_installment().to_string(),
        format_long(plan.end_date().unwrap()),
        format_short(plan.installments[0].due_date),
        release.amount.to_string(),
        baht_text(release.amount),
        rec.outstanding.default_interest.to_string(),
        "มาตรา 700".into(),
        "5/2568".into(),
    ];
    want.extend(["ยึด:", "ลด:", "ปลด:", "หมดหนี้:"].map(String::from));
    let guarantors = d.store.with(|c| plans::guarantors(c, Target::Loan(p.old.id))).unwrap();
    assert!(!guarantors.is_empty() && release.amount.is_positive());
    want.extend(guarantors.into_iter().map(|g| g.name));
    assert_all(&text, &want);
    let reg = d.store.with(|c| letters::by_number(c, &issued.letter.number)).unwrap();
    assert_eq!(reg.kind, "restructuring_agreement");
    assert_eq!(reg.loan_id, Some(p.new.id));
    assert_eq!(reg.pdf_sha256, issue::sha256_hex(&issued.pdf));
}

#[test]
fn a_release_step_earned_is_notified_and_the_certificate_waits_for_the_last_payment() {
    let d = demo(200);
    let p = approved_plan(&d);
    let early = d.store.with(|c| Ok(notices::release_notice(c, p.id, TODAY, None)?));
    assert!(early.unwrap_err().to_string().contains("ยังไม่มีการปลดหนี้"));

    let schedule = d.store.with(|c| loans::schedule(c, p.new.id)).unwrap();
    for inst in &schedule.installments[..3] {
        pay(&d, p.new.id, inst.due_date, inst.payment());
    }
    let third = schedule.installments[2].due_date;
    d.store.write(|tx| plan_tracking::evaluate(tx, p.id, third)).unwrap();
    let earned = d.store.with(|c| plan_tracking::releases(c, p.id)).unwrap();
    assert_eq!(earned.len(), 1, "three installments kept earn the first share");
    let set_aside = d.store.with(|c| plans::get(c, p.id)).unwrap().plan.release.unwrap().amount;
    let (share, remaining) = (earned[0].1, set_aside - earned[0].1);
    let notice = d.store.with(|c| Ok(notices::release_notice(c, p.id, third, None)?)).unwrap();
    let issued = d.store.write(|tx| Ok(docs::issue(tx, &d.officer, notice)?)).unwrap();
    let text = pages(&issued.pdf).join("\n");
    assert_all(
        &text,
        &[
            "ครั้งที่ 1".into(),
            p.new.contract_no.clone(),
            p.old.borrower_name.clone(),
            share.to_string(),
            baht_text(share),
            set_aside.to_string(),
            remaining.to_string(),
            baht_text(remaining),
            format_long(third),
        ],
    );
    let reg = d.store.with(|c| letters::by_number(c, &issued.letter.number)).unwrap();
    assert_eq!((reg.kind.as_str(), reg.total), ("release_notice", share));

    // Not paid off yet: refused, and the old contract points to the plan's contract.
    let unpaid = d.store.with(|c| Ok(notices::clearance(c, &p.new.contract_no, third)?));
    assert!(unpaid.unwrap_err().to_string().contains("ยังชำระไม่เสร็จสิ้น"));
    let old = d.store.with(|c| Ok(notices::clearance(c, &p.old.contract_no, third)?));
    assert!(old.unwrap_err().to_string().contains(&p.new.contract_no));

    for inst in &schedule.installments[3..] {
        pay(&d, p.new.id, inst.due_date, inst.payment());
    }
    let last = schedule.installments.last().unwrap().due_date;
    let paid: Satang = schedule.installments.iter().map(|i| i.payment()).sum();
    let cert = d.store.with(|c| Ok(notices::clearance(c, &p.new.contract_no, last)?)).unwrap();
    let issued = d.store.write(|tx| Ok(docs::issue(tx, &d.officer, cert)?)).unwrap();
    let text = pages(&issued.pdf).join("\n");
    assert_all(
        &text,
        &[
            "รับรองการชำระหนี้เสร็จสิ้น".into(),
            p.new.contract_no.clone(),
            p.old.borrower_name.clone(),
            p.new.principal.to_string(),
            paid.to_string(),
            baht_text(paid),
            format_long(last),
        ],
    );
    let reg = d.store.with(|c| letters::by_number(c, &issued.letter.number)).unwrap();
    assert_eq!((reg.kind.as_str(), reg.total), ("clearance_certificate", paid));
    let copy =
        d.store.write(|tx| Ok(issue::reprint(tx, &d.officer, &issued.letter.number)?)).unwrap();
    assert!(pages(&copy)[0].contains("สำเนา"));
}

/// The command line as an officer uses it: documents written and numbered, refusals in Thai
/// on stderr with a non-zero exit code and no file written.
#[test]
fn the_document_commands_print_registered_pdfs_and_refuse_in_thai() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_plodnee"))
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env_remove("PLODNEE_DATA_DIR")
            .output()
            .unwrap()
    };
    assert!(run(&["demo", "--households", "80", "--today", "2025-11-21"]).status.success());
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();

    let form = out("form.pdf");
    let ok =
        run(&["certification", "--member", "1", "--as-of", "2025-11-21", "--out", &form, "--json"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(listed[0]["kind"], "member_certification");
    assert!(
        pages(&std::fs::read(&form).unwrap())[0].contains(listed[0]["number"].as_str().unwrap())
    );

    let report = out("fund.pdf");
    let fs = run(&[
        "fund-statement",
        "กทบ.",
        "--from",
        "1/1/2568",
        "--to",
        "21/11/2568",
        "--pdf",
        &report,
    ]);
    assert!(
        fs.status.success()
            && pages(&std::fs::read(&report).unwrap())[0].contains("รายงานรายกองทุน")
    );

    // The demo's consolidated households are listed for the assembly; before the first
    // consolidation there is nothing to list, and the command says so.
    let list = out("list.pdf");
    let listed = run(&["assembly-list", "--as-of", "2025-11-21", "--out", &list]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert!(pages(&std::fs::read(&list).unwrap())[0].contains("บัญชีรายชื่อ"));
    let none = run(&["assembly-list", "--as-of", "2020-01-01", "--out", &out("none.pdf")]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("ไม่มีครัวเรือนที่จัดทำการรวมหนี้"));
    let bad = run(&["certificate", "--loan", "ไม่มีสัญญานี้", "--out", &out("c.pdf")]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ไม่พบสัญญา"));
    assert!(!dir.path().join("c.pdf").exists() && !dir.path().join("none.pdf").exists());
}
