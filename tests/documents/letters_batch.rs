//! Batches of collection letters and invoices from the demo institute, checked the way a user
//! would: the text of every page against what the database holds, the fonts, the file's
//! structure, the PromptPay QR codes, and the register.

use crate::tools;

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Days, NaiveDate};
use plodnee::demo::{self, Options};
use plodnee::document::issue::{self, BatchRequest, Filter, IssueError, Output, Request};
use plodnee::domain::Satang;
use plodnee::domain::letter::Kind;
use plodnee::domain::letter::compliance::forbidden_in_letter;
use plodnee::domain::promptpay;
use plodnee::domain::thai::date::format_long;
use plodnee::domain::thai::words::baht_text;
use plodnee::store::{Actor, Store, consolidations, contract_payments, letters, loans, persons};

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

fn demo_store(households: usize) -> (Store, Actor) {
    let store = Store::memory().unwrap();
    let opts = Options { households, seed: 2568, today: TODAY };
    store.with(|c| demo::generate(c, &opts)).unwrap();
    let officer = store
        .with(|c| plodnee::store::users::sign_in(c, "officer", "officer-2568"))
        .unwrap()
        .actor();
    (store, officer)
}

fn run_batch(store: &Store, actor: &Actor, b: &BatchRequest) -> issue::BatchOutput {
    let cancel = AtomicBool::new(false);
    store.write(|tx| Ok(issue::batch(tx, actor, b, &mut |_| {}, &cancel)?)).unwrap()
}

fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn every_page_of_a_demand_batch_gives_back_what_the_database_holds() {
    let (store, officer) = demo_store(300);
    let b = BatchRequest {
        request: Request::new(Kind::Demand, TODAY),
        filter: Filter { min_dpd: 30, village: None, fund: None },
        output: Output::OneFile,
    };
    let out = run_batch(&store, &officer, &b);
    assert!(out.letters.len() > 50, "{} letters", out.letters.len());
    let (_dir, path) = write_temp(&out.files[0].pdf);
    tools::assert_sarabun_embedded_and_subset(&path);
    tools::assert_qpdf_clean(&path);
    let pages = tools::page_texts(&path);
    assert_eq!(pages.len(), out.letters.len(), "a normal collection letter fits one page");

    let register = store.with(|c| letters::between(c, TODAY, TODAY)).unwrap();
    assert_eq!(register.len(), out.letters.len());
    let pay_by = format_long(TODAY + Days::new(15));
    for (i, reg) in register.iter().enumerate() {
        assert_eq!(reg.pdf_scope, "batch");
        assert_eq!(reg.pdf_pages, (i + 1).to_string());
        assert_eq!(reg.pdf_sha256, issue::sha256_hex(&out.files[0].pdf));
        let page = &pages[i];
        // What the database says, read independently of the letter's own composition. A
        // consolidated contract's letter is about all its tranches at once.
        let (person, loan, parts, contract) = store
            .with(|c| {
                let person = persons::get(c, reg.person_id.unwrap())?;
                let loan = loans::get(c, reg.loan_id.unwrap())?;
                let (parts, contract) = match loan.tranche_of {
                    Some(id) => (
                        contract_payments::statement(c, id, TODAY)?
                            .into_iter()
                            .map(|(_, st)| st)
                            .collect(),
                        consolidations::get(c, id)?.contract_no.unwrap(),
                    ),
                    None => (vec![loans::statement(c, &loan, TODAY)?], loan.contract_no.clone()),
                };
                Ok((person, loan, parts, contract))
            })
            .unwrap();
        assert!(parts.iter().map(|st| st.days_past_due).max().unwrap() >= 30);
        let total: Satang = parts.iter().map(|st| st.overdue_amount + st.fees_due).sum();
        assert_eq!(reg.total, total, "{}", loan.contract_no);
        let mut expected = vec![
            reg.number.clone(),
            person.full_name(),
            contract.clone(),
            format_long(TODAY),
            pay_by.clone(),
            total.to_string(),
            baht_text(total),
            "สถาบันการจัดการเงินทุนชุมชนตำบลหนองบัว".into(),
        ];
        if loan.tranche_of.is_none() {
            expected.push(format_long(loan.start));
        }
        for want in expected.iter().chain(&person.address.lines()) {
            assert!(page.contains(want.as_str()), "page {} lacks {want:?}:\n{page}", i + 1);
        }
        let overdue_principal: Satang = parts
            .iter()
            .flat_map(|st| &st.installments)
            .filter(|i| i.status == plodnee::domain::statement::Status::Overdue)
            .map(|i| i.principal - i.principal_paid)
            .sum();
        let default_interest: Satang = parts.iter().map(|st| st.default_interest).sum();
        if loan.tranche_of.is_none() {
            assert!(
                page.contains(&format!("\n{overdue_principal}\n")),
                "principal on page {}",
                i + 1
            );
            if default_interest.is_positive() {
                assert!(page.contains(&default_interest.to_string()));
            }
        }
        assert!(forbidden_in_letter(page).is_empty(), "{page}");
    }
}

#[test]
fn invoice_qr_codes_decode_to_the_exact_amount_of_each_invoice() {
    let (store, officer) = demo_store(120);
    let b = BatchRequest {
        request: Request::new(Kind::Invoice, TODAY),
        filter: Filter { min_dpd: 0, village: Some(2), fund: None },
        output: Output::OneFile,
    };
    let out = run_batch(&store, &officer, &b);
    assert!(!out.letters.is_empty());
    let (dir, path) = write_temp(&out.files[0].pdf);
    tools::assert_qpdf_clean(&path);
    let pages = tools::page_texts(&path);
    for (i, l) in out.letters.iter().enumerate() {
        // A long arrears list runs onto more pages; the QR is under the table, on the last.
        let first: usize = l.pages.split('-').next().unwrap().parse().unwrap();
        let page: usize = l.pages.rsplit('-').next().unwrap().parse().unwrap();
        let codes = tools::qr_codes(&path, page, dir.path());
        assert_eq!(codes.len(), 1, "one QR on page {page}");
        let decoded = promptpay::decode(&codes[0]).expect("a PromptPay payload with a valid CRC");
        assert_eq!(decoded.amount, Some(l.total), "{}", l.contract_no);
        assert_eq!(decoded.account, "0066812345678");
        let st = store
            .with(|c| {
                let loan = loans::by_contract(c, &l.contract_no)?;
                loans::statement(c, &loan, TODAY)
            })
            .unwrap();
        assert_eq!(l.total, st.due_now(), "an invoice asks for everything due");
        let text = &pages[first - 1..page].concat();
        assert!(text.contains(&l.total.to_string()) && text.contains(&baht_text(l.total)));
        assert!(text.contains("ใบแจ้งหนี้") && text.contains(&l.number), "{i}: {text}");
        // A page after the first carries the document's number and its page number at the top.
        for (k, later) in pages[first..page].iter().enumerate() {
            let head: String = later.lines().take(3).collect::<Vec<_>>().join(" ");
            let want = format!("หน้า {}/{}", k + 2, page - first + 1);
            assert!(head.contains(&l.number) && head.contains(&want), "{head:?}");
        }
    }
}

#[test]
fn a_cancelled_batch_registers_nothing_and_a_preview_takes_no_number() {
    let (store, officer) = demo_store(60);
    let b = BatchRequest {
        request: Request::new(Kind::Reminder, TODAY),
        filter: Filter::default(),
        output: Output::OneFile,
    };
    let cancel = AtomicBool::new(false);
    let mut seen = 0;
    let result = store.write(|tx| {
        Ok(issue::batch(
            tx,
            &officer,
            &b,
            &mut |p| {
                seen = p.done;
                if p.done == 3 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )?)
    });
    assert!(result.unwrap_err().to_string().contains("ยกเลิกการพิมพ์"));
    assert_eq!(seen, 3);
    assert!(store.with(|c| letters::between(c, TODAY, TODAY)).unwrap().is_empty());

    let loan = store
        .with(|c| {
            Ok(c.query_row(
                "SELECT id FROM loan WHERE status = 'active' AND next_unpaid_due < '2025-11-01' LIMIT 1",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    let pdf = store.with(|c| Ok(issue::preview(c, &b.request, loan)?)).unwrap();
    let (_dir, path) = write_temp(&pdf);
    assert!(tools::page_texts(&path)[0].contains("ตัวอย่าง"));
    assert!(store.with(|c| letters::between(c, TODAY, TODAY)).unwrap().is_empty());
    let outside = store.with(|c| Ok(issue::issue(c, &officer, &b.request, loan)));
    assert!(matches!(outside.unwrap(), Err(IssueError::NotInTransaction)));
}

#[test]
fn one_file_per_letter_hashes_each_letter_alone() {
    let (store, officer) = demo_store(60);
    let b = BatchRequest {
        request: Request::new(Kind::Demand2, TODAY),
        filter: Filter { min_dpd: 60, village: None, fund: None },
        output: Output::PerLetter,
    };
    let out = run_batch(&store, &officer, &b);
    assert_eq!(out.files.len(), out.letters.len());
    for (f, l) in out.files.iter().zip(&out.letters) {
        assert_eq!(l.sha256, issue::sha256_hex(&f.pdf));
        assert_eq!(l.scope, "letter");
        assert!(f.name.ends_with(".pdf") && !f.name.contains('/'), "{}", f.name);
        let reg = store.with(|c| letters::by_number(c, &l.number)).unwrap();
        assert_eq!(reg.pdf_sha256, l.sha256);
    }
}
