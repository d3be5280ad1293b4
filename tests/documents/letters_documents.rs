//! Single documents from the demo institute: guarantor notices (s.686), reprints marked สำเนา,
//! address labels with nothing about debt, receipts (reversed ones too), a consolidated
//! contract's letter and receipt, an invoice without PromptPay, and hard cases of line breaking
//! inside a letter.

use crate::docs_support;

use docs_support::{TODAY, demo, query_id, tools};

use chrono::NaiveDate;
use plodnee::document::PdfBuilder;
use plodnee::document::issue::{self, Filter, Request};
use plodnee::document::kinds::{self, Mark};
use plodnee::domain::Satang;
use plodnee::domain::letter::Kind;
use plodnee::domain::letter::compliance::forbidden_on_envelope;
use plodnee::domain::letter::compose::{self, Addressee, Context, Letterhead, Signer};
use plodnee::domain::letter::defaults::default_template;
use plodnee::domain::letter::facts::{AmountRow, Facts};
use plodnee::domain::loan::{Channel, PartyRole};
use plodnee::domain::thai::words::baht_text;
use plodnee::store::{
    Actor, consolidations, contract_payments, institute, ledger, letters, loans, users,
};

fn pdf_text(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    tools::assert_qpdf_clean(&path);
    tools::assert_sarabun_embedded_and_subset(&path);
    let pages = tools::page_texts(&path);
    (dir, path, pages)
}

#[test]
fn a_guarantor_notice_goes_to_each_guarantor_and_a_late_one_is_flagged() {
    let d = demo(120);
    let loan = query_id(
        &d.store,
        "SELECT l.id FROM loan l WHERE l.status = 'active' AND l.next_unpaid_due < '2025-08-01'
         AND (SELECT COUNT(*) FROM loan_party p WHERE p.loan_id = l.id AND p.role = 'guarantor') >= 1
         ORDER BY l.id LIMIT 1",
    );
    let guarantors: Vec<String> = d
        .store
        .with(|c| loans::parties(c, loan))
        .unwrap()
        .into_iter()
        .filter(|p| p.role == PartyRole::Guarantor)
        .map(|p| p.name)
        .collect();
    let req = Request::new(Kind::Guarantor, TODAY);
    let issued = d.store.write(|tx| Ok(issue::issue(tx, &d.officer, &req, loan)?)).unwrap();
    let names: Vec<&str> = issued.letters.iter().map(|l| l.recipient.as_str()).collect();
    assert_eq!(names, guarantors);
    assert!(issued.warnings.iter().any(|w| w.contains("ม.686")), "{:?}", issued.warnings);
    let (_dir, _path, pages) = pdf_text(&issued.pdf);
    assert_eq!(pages.len(), guarantors.len());
    let borrower = d.store.with(|c| loans::get(c, loan)).unwrap().borrower_name;
    for (page, name) in pages.iter().zip(&guarantors) {
        assert!(page.contains(name.as_str()) && page.contains(&borrower), "{page}");
        assert!(page.contains("มาตรา 686"), "{page}");
    }
}

#[test]
fn a_reprint_is_the_same_letter_marked_as_a_copy_with_the_same_number() {
    let d = demo(60);
    let loan = query_id(
        &d.store,
        "SELECT id FROM loan WHERE status = 'active' AND next_unpaid_due < '2025-11-01' LIMIT 1",
    );
    let req = Request::new(Kind::Reminder, TODAY);
    let issued = d.store.write(|tx| Ok(issue::issue(tx, &d.officer, &req, loan)?)).unwrap();
    let number = issued.letters[0].number.clone();
    let copy = d.store.write(|tx| Ok(issue::reprint(tx, &d.officer, &number)?)).unwrap();
    let (_d1, _p1, original) = pdf_text(&issued.pdf);
    let (_d2, _p2, reprint) = pdf_text(&copy);
    assert!(!original[0].contains("สำเนา"));
    assert!(reprint[0].contains("สำเนา") && reprint[0].contains(&number));
    assert_eq!(original[0].trim(), reprint[0].replacen("สำเนา", "", 1).trim());
    let reg = d.store.with(|c| letters::by_number(c, &number)).unwrap();
    assert_eq!((reg.reprints, reg.pdf_scope.as_str()), (1, "letter"));
    assert_eq!(reg.pdf_sha256, issue::sha256_hex(&issued.pdf));
}

#[test]
fn address_labels_carry_names_and_addresses_and_nothing_about_debt() {
    let d = demo(120);
    let req = Request::new(Kind::Demand, TODAY);
    let pdf = d
        .store
        .with(|c| Ok(issue::labels(c, &req, &Filter { min_dpd: 30, village: None, fund: None })?))
        .unwrap();
    let (_dir, _path, pages) = pdf_text(&pdf);
    let all = pages.concat();
    assert!(forbidden_on_envelope(&all).is_empty(), "{:?}", forbidden_on_envelope(&all));
    let borrower = query_id(
        &d.store,
        "SELECT borrower_id FROM loan WHERE status = 'active' AND next_unpaid_due < '2025-10-01'
         ORDER BY id LIMIT 1",
    );
    let p = d.store.with(|c| plodnee::store::persons::get(c, borrower)).unwrap();
    assert!(all.contains(&p.full_name()));
    for line in p.address.lines() {
        assert!(all.contains(&line), "{line}");
    }
    assert!(pages.len() >= 2, "24 labels a sheet: {} pages", pages.len());
}

#[test]
fn a_receipt_shows_its_allocation_and_a_reversed_one_says_cancelled_and_why() {
    let d = demo(60);
    let receipt_no: String = d
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT rc.receipt_no FROM receipt rc JOIN allocation a ON a.payment_id =
                 (SELECT id FROM payment WHERE receipt_id = rc.id) WHERE a.part = 'default_interest'
                 ORDER BY rc.id LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let lines = d.store.with(|c| ledger::by_receipt(c, &receipt_no)).unwrap();
    let pdf = d.store.with(|c| Ok(issue::receipt(c, &receipt_no, false)?)).unwrap();
    let (_dir, _path, pages) = pdf_text(&pdf);
    let text = &pages[0];
    for want in [
        receipt_no.as_str(),
        "ใบเสร็จรับเงิน",
        "ดอกเบี้ยผิดนัด",
        "เงินต้น",
        &lines[0].amount.to_string(),
        &baht_text(lines[0].amount),
        &lines[0].payer_name,
    ] {
        assert!(text.contains(want), "{want:?} missing:\n{text}");
    }
    for s in &lines[0].slices {
        assert!(text.contains(&s.amount.to_string()));
    }
    assert!(!text.contains("ยกเลิก"));

    let committee = d.store.with(|c| users::sign_in(c, "committee", "committee-2568")).unwrap();
    d.store
        .write(|tx| ledger::reverse_receipt(tx, &committee.actor(), lines[0].receipt_id, "รับเงินซ้ำ"))
        .unwrap();
    let pdf = d.store.with(|c| Ok(issue::receipt(c, &receipt_no, false)?)).unwrap();
    let (_dir, _path, pages) = pdf_text(&pdf);
    assert!(pages[0].contains("ยกเลิก") && pages[0].contains("รับเงินซ้ำ"), "{}", pages[0]);
}

#[test]
fn a_receipt_names_who_paid_and_whose_debt_on_which_contract() {
    // Issue 17 §8: the wife pays at the counter for her husband's loan; the receipt says both.
    let d = demo(60);
    let loan_id = query_id(
        &d.store,
        "SELECT id FROM loan WHERE status = 'active' AND tranche_of IS NULL AND next_unpaid_due < '2025-11-01'
         ORDER BY id LIMIT 1",
    );
    let loan = d.store.with(|c| loans::get(c, loan_id)).unwrap();
    let borrower = d.store.with(|c| plodnee::store::persons::get(c, loan.borrower_id)).unwrap();
    let receipt = d
        .store
        .write(|tx| {
            ledger::record(
                tx,
                &d.officer,
                &ledger::NewPayment {
                    loan_id,
                    paid_on: TODAY,
                    amount: Satang(50_000),
                    channel: Channel::Cash,
                    payer_name: "นางสมศรี ทดสอบจ่าย".into(),
                    note: String::new(),
                },
                TODAY,
            )
        })
        .unwrap();
    let pdf = d.store.with(|c| Ok(issue::receipt(c, &receipt.receipt_no, false)?)).unwrap();
    let (_dir, _path, pages) = pdf_text(&pdf);
    // Compared without spaces: the sentence wraps where the line is full.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let text = squeeze(&pages[0]);
    let want = format!(
        "ได้รับเงินจาก นางสมศรี ทดสอบจ่าย เพื่อชำระหนี้ของ {} ตามสัญญาเลขที่ {}",
        borrower.full_name(),
        loan.contract_no
    );
    assert!(text.contains(&squeeze(&want)), "{want:?} missing:\n{}", pages[0]);
}

#[test]
fn a_consolidated_contract_gets_one_letter_and_its_receipt_splits_by_fund() {
    let d = demo(200);
    let household = query_id(
        &d.store,
        "SELECT p.household_id FROM loan l JOIN person p ON p.id = l.borrower_id
         WHERE l.status = 'active' GROUP BY p.household_id HAVING COUNT(DISTINCT l.fund_id) >= 2
         ORDER BY p.household_id LIMIT 1",
    );
    let head =
        query_id(&d.store, &format!("SELECT head_person_id FROM household WHERE id = {household}"));
    let settings = docs_support::settings(head, vec![]);
    let id =
        d.store.write(|tx| consolidations::prepare(tx, &d.officer, household, &settings)).unwrap();
    let contract = d
        .store
        .write(|tx| {
            consolidations::approve(
                tx,
                &d.treasurer,
                id,
                &consolidations::Approval {
                    resolution_no: "12/2568",
                    resolution_on: TODAY,
                    guarantor_consents: &[],
                },
            )
        })
        .unwrap();
    let tranches = d.store.with(|c| consolidations::tranches(c, id)).unwrap();
    assert!(tranches.len() >= 2);

    // Two installments later nothing has been paid: one demand for the household's contract.
    let later = NaiveDate::from_ymd_opt(2026, 2, 4).unwrap();
    let req = Request::new(Kind::Demand, later);
    let issued =
        d.store.write(|tx| Ok(issue::issue(tx, &d.officer, &req, tranches[1].id)?)).unwrap();
    assert_eq!(issued.letters.len(), 1);
    assert_eq!(issued.letters[0].contract_no, contract);
    let owed: Satang = d
        .store
        .with(|c| contract_payments::statement(c, id, later))
        .unwrap()
        .iter()
        .map(|(_, st)| st.overdue_amount + st.fees_due)
        .sum();
    assert_eq!(issued.letters[0].total, owed);
    let (_d1, _p1, pages) = pdf_text(&issued.pdf);
    assert!(pages[0].contains(&contract) && pages[0].contains(&owed.to_string()));
    assert!(pages[0].contains("2569"), "dated in the Buddhist year of the letter");

    let receipt = d
        .store
        .write(|tx| {
            contract_payments::record(
                tx,
                &d.officer,
                id,
                &contract_payments::ContractPayment {
                    paid_on: TODAY,
                    amount: Satang::from_baht(1_000),
                    channel: Channel::Cash,
                    payer_name: "",
                    note: "",
                },
                TODAY,
            )
        })
        .unwrap();
    let pdf = d.store.with(|c| Ok(issue::receipt(c, &receipt.receipt_no, true)?)).unwrap();
    let (_d2, _p2, pages) = pdf_text(&pdf);
    let text = &pages[0];
    assert!(text.contains("สำเนา") && text.contains(&contract), "{text}");
    assert!(text.contains("ส่วนของแต่ละกองทุน") && text.contains("1,000.00"), "{text}");
    for share in receipt.shares.iter().filter(|s| s.amount.is_positive()) {
        assert!(text.contains(&share.fund_name) && text.contains(&share.amount.to_string()));
    }
}

#[test]
fn an_invoice_without_promptpay_prints_no_qr_and_says_how_to_pay() {
    let d = demo(60);
    let mut inst = d.store.with(|c| institute::get(c)).unwrap().unwrap();
    inst.promptpay_id.clear();
    inst.bank_account = "ธ.ก.ส. สาขาบ้านโป่ง 012-3-45678-9".into();
    d.store.write(|tx| institute::save(tx, &Actor::system(), &inst)).unwrap();
    let loan = query_id(
        &d.store,
        "SELECT id FROM loan WHERE status = 'active' AND next_unpaid_due < '2025-11-01' LIMIT 1",
    );
    let req = Request::new(Kind::Invoice, TODAY);
    let issued = d.store.write(|tx| Ok(issue::issue(tx, &d.officer, &req, loan)?)).unwrap();
    assert!(issued.warnings.iter().any(|w| w.contains("ไม่มีคิวอาร์โค้ด")), "{:?}", issued.warnings);
    let (dir, path, pages) = pdf_text(&issued.pdf);
    assert!(tools::qr_codes(&path, 1, dir.path()).is_empty());
    assert!(pages[0].contains("ชำระด้วยเงินสด") && pages[0].contains("012-3-45678-9"));
}

/// A letter for a recipient with a very long name and address, a large amount and numbers
/// beside Thai words: every field comes back on one line, and the letter keeps to one page.
#[test]
fn long_names_addresses_and_amounts_stay_whole_in_a_letter() {
    let name = "นางสาวประภาพรรณวดี ศรีสุวรรณวงศ์ ณ อยุธยา";
    let lines = vec![
        "999/1234 หมู่ 12 บ้านหนองน้ำใสพัฒนาสามัคคี".to_string(),
        "ตำบลเฉลิมพระเกียรติ อำเภอเฉลิมพระเกียรติ".to_string(),
        "จังหวัดนครศรีธรรมราช 80190".to_string(),
    ];
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let ctx = Context {
        head: Letterhead {
            name: "สถาบันการจัดการเงินทุนชุมชนตำบลเฉลิมพระเกียรติ".into(),
            address: "ที่ทำการสถาบัน หมู่ 1 ตำบลเฉลิมพระเกียรติ อำเภอเฉลิมพระเกียรติ จังหวัดนครศรีธรรมราช 80190"
                .into(),
            phone: "075-123-456".into(),
        },
        number: "สจช.ฉพ. 12345/2568".into(),
        date: TODAY,
        recipient: Addressee { name: name.into(), lines: lines.clone() },
        borrower: name.into(),
        contract_no: "กองทุนหมู่บ้าน.9999/2567".into(),
        contract_date: d(2024, 2, 29),
        fund: "กองทุนหมู่บ้านและชุมชนเมืองแห่งชาติบ้านหนองน้ำใสพัฒนา".into(),
        principal: Satang(1_234_567_890),
        signer: Signer {
            name: "นายประเสริฐ ศรีสุข".into(), position: "ประธานกรรมการ".into()
        },
        promptpay: None,
        bank_account: String::new(),
    };
    let total = Satang(1_234_567_891);
    let facts = Facts {
        as_of: TODAY,
        pay_by: d(2025, 12, 6),
        rows: vec![
            AmountRow {
                label: "เงินต้นที่ถึงกำหนดชำระ".into(), amount: Satang(1_200_000_000)
            },
            AmountRow {
                label: "ดอกเบี้ยที่ถึงกำหนดชำระ".into(), amount: Satang(34_567_891)
            },
        ],
        total,
        due_rows: vec![],
        overdue_installments: 12,
        days_past_due: 365,
        oldest_due: Some(d(2024, 11, 21)),
        default_on: Some(d(2024, 11, 22)),
        payoff: total,
    };
    let fonts = issue::fonts();
    let mut pdf = PdfBuilder::new(fonts, "ทดสอบ");
    let mut composed = Vec::new();
    for kind in [Kind::Demand, Kind::Demand2, Kind::Reminder, Kind::Guarantor] {
        let letter = compose::compose(kind, &default_template(kind), &ctx, &facts).unwrap();
        kinds::letter::write(&mut pdf, &letter, None, &Mark::Original).unwrap();
        composed.push(letter);
    }
    let (_dir, _path, pages) = pdf_text(&pdf.finish().unwrap());
    assert_eq!(pages.len(), 4, "each letter on one page");
    for (page, letter) in pages.iter().zip(&composed) {
        let page_lines: Vec<&str> = page.lines().collect();
        let on_one_line = |s: &str| page_lines.iter().any(|l| l.contains(s));
        // Every value filled into the wording, the address lines and the amounts.
        let fields = letter.body.iter().flatten().filter(|r| r.field).map(|r| r.text.clone());
        for want in fields.chain(lines.iter().cloned()).chain([
            name.to_string(),
            "12,345,678.91".into(),
            "12,000,000.00".into(),
            baht_text(total),
        ]) {
            assert!(on_one_line(&want), "{want:?} split across lines:\n{page}");
        }
    }
}
