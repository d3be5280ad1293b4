//! The documents of 1 ครัวเรือน 1 สัญญา on a demo institute: the consolidated contract of an
//! approved consolidation (parties, merged loans, tranches, schedule, signatures), registered and
//! reprinted; the village-assembly list with national ids masked; a member's certification form;
//! the per-fund statement PDF after a household payment split across tranches.

use crate::docs_support;

use docs_support::{TODAY, approved, assert_all, demo, head_of, pages, query_id, settings, squash};
use plodnee::document::issue::{self, docs, household};
use plodnee::domain::consolidation;
use plodnee::domain::loan::Channel;
use plodnee::domain::thai::date::format_long;
use plodnee::domain::thai::words::baht_text;
use plodnee::domain::{NationalId, Satang};
use plodnee::store::{consolidations, contract_payments, fund_statement, letters, loans, persons};

fn full_ids(id: Option<NationalId>) -> Vec<String> {
    id.map(|n| vec![n.formatted(), n.digits()]).unwrap_or_default()
}

#[test]
fn the_consolidated_contract_names_every_party_loan_fund_and_installment() {
    let d = demo(200);
    let (id, guarantor) = approved(&d);
    let rec = d.store.with(|c| consolidations::get(c, id)).unwrap();
    let built = consolidation::build(&rec.proposal).unwrap();
    let doc = d.store.with(|c| Ok(household::contract(c, id, TODAY)?)).unwrap();
    let issued = d.store.write(|tx| Ok(docs::issue(tx, &d.officer, doc)?)).unwrap();
    let text = pages(&issued.pdf).join("\n");

    let name = |p: i64| d.store.with(|c| persons::get(c, p)).unwrap().full_name();
    let mut want = vec![
        rec.contract_no.clone().unwrap(),
        issued.letter.number.clone(),
        name(rec.borrower_id),
        name(guarantor),
        built.new_principal().to_string(),
        baht_text(built.new_principal()),
        built.first_installment().to_string(),
        format_long(built.installments[0].due_date),
        format_long(built.end_date().unwrap()),
        "12/2568".into(),
        "มาตรา 700".into(),
        "ตารางการผ่อนชำระท้ายสัญญา".into(),
    ];
    for l in &rec.proposal.loans {
        want.extend([l.contract_no.clone(), name(l.borrower_id), l.principal.to_string()]);
    }
    for t in &built.tranches {
        let first = t.schedule.installments[0].payment() + t.carried_parts[0];
        want.extend([t.fund_name.clone(), t.rate.to_string(), first.to_string()]);
    }
    assert_all(&text, &want);
    assert!(text.matches("พยาน").count() >= 2, "two witnesses sign");
    assert!(rec.proposal.loans.len() >= 2 && text.contains("ผู้กู้ร่วม"));

    let reg = d.store.with(|c| letters::by_number(c, &issued.letter.number)).unwrap();
    assert_eq!(reg.kind, "consolidated_contract");
    assert_eq!(reg.pdf_sha256, issue::sha256_hex(&issued.pdf));
    assert_eq!(reg.person_id, Some(rec.borrower_id));
    assert_eq!(reg.total, built.new_principal() + built.carried());
    let copy =
        d.store.write(|tx| Ok(issue::reprint(tx, &d.officer, &issued.letter.number)?)).unwrap();
    let copy = pages(&copy);
    assert!(copy[0].contains("สำเนา") && copy[0].contains(&issued.letter.number));
}

#[test]
fn a_draft_has_no_contract_to_print() {
    let d = demo(60);
    let household = query_id(
        &d.store,
        "SELECT p.household_id FROM loan l JOIN person p ON p.id = l.borrower_id
         WHERE l.status = 'active' ORDER BY p.household_id LIMIT 1",
    );
    let s = settings(head_of(&d, household), vec![]);
    let id = d.store.write(|tx| consolidations::prepare(tx, &d.officer, household, &s)).unwrap();
    let err = d.store.with(|c| Ok(household::contract(c, id, TODAY)?)).unwrap_err();
    assert!(err.to_string().contains("ยังไม่ได้รับอนุมัติ"), "{err}");
}

#[test]
fn the_assembly_list_masks_national_ids_and_repeats_its_header_on_every_page() {
    let d = demo(300);
    let village = query_id(
        &d.store,
        "SELECT h.village_no FROM household h JOIN person p ON p.household_id = h.id
         JOIN loan l ON l.borrower_id = p.id WHERE l.status = 'active'
         GROUP BY h.village_no ORDER BY COUNT(DISTINCT h.id) DESC LIMIT 1",
    );
    let households: Vec<i64> = d
        .store
        .with(|c| {
            let mut stmt = c.prepare(
                "SELECT DISTINCT h.id, h.village_no = ?1 FROM household h JOIN person p ON p.household_id = h.id
                 JOIN loan l ON l.borrower_id = p.id WHERE l.status = 'active' AND l.tranche_of IS NULL
                 ORDER BY 2 DESC, h.id",
            )?;
            let rows = stmt.query_map([village], |r| r.get::<_, i64>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap();
    let mut drafted = Vec::new();
    for h in households {
        let s = settings(head_of(&d, h), vec![]);
        if let Ok(id) = d.store.write(|tx| consolidations::prepare(tx, &d.officer, h, &s)) {
            drafted.push(id);
        }
        if drafted.len() == 16 {
            break;
        }
    }
    let doc = d.store.with(|c| Ok(household::assembly(c, Some(village as u8), TODAY)?)).unwrap();
    let issued = d.store.write(|tx| Ok(docs::issue(tx, &d.officer, doc.clone())?)).unwrap();
    let pages = pages(&issued.pdf);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (k, page) in pages.iter().enumerate() {
        // Every page the table runs onto repeats its header (the last may hold only the
        // signatures).
        let last = k + 1 == pages.len();
        assert!(last || page.contains("เลขประจำตัว"), "header on page {}", k + 1);
        assert!(page.contains(&format!("หน้า {}/{}", k + 1, pages.len())));
    }
    let text = pages.join("\n");
    let all = squash(&text);
    for id in drafted {
        let rec = d.store.with(|c| consolidations::get(c, id)).unwrap();
        let h = d.store.with(|c| plodnee::store::households::get(c, rec.household_id)).unwrap();
        let listed = h.address.village_no as i64 == village;
        for l in &rec.proposal.loans {
            let p = d.store.with(|c| persons::get(c, l.borrower_id)).unwrap();
            assert_eq!(all.contains(&squash(&l.contract_no)), listed, "{}", l.contract_no);
            for full in full_ids(p.national_id) {
                assert!(!all.contains(&squash(&full)), "full national id {full} printed");
            }
            if listed {
                assert_all(&text, &[p.masked_id(), l.total().to_string(), p.full_name()]);
            }
        }
    }
    assert_all(&text, &[doc.old_total().to_string(), format!("หมู่ที่ {village}")]);
    let reg = d.store.with(|c| letters::by_number(c, &issued.letter.number)).unwrap();
    assert_eq!(
        (reg.kind.as_str(), reg.pdf_pages.as_str()),
        ("assembly_list", &*format!("1-{}", pages.len()))
    );
}

#[test]
fn a_member_certifies_their_own_loans_and_guarantees() {
    let d = demo(200);
    let member = query_id(
        &d.store,
        "SELECT lp.person_id FROM loan_party lp JOIN loan l ON l.id = lp.loan_id
         WHERE lp.role = 'guarantor' AND l.status = 'active'
           AND EXISTS (SELECT 1 FROM loan m WHERE m.borrower_id = lp.person_id AND m.status = 'active')
         ORDER BY lp.person_id LIMIT 1",
    );
    let doc = d.store.with(|c| Ok(household::certification(c, member, TODAY)?)).unwrap();
    let issued = d.store.write(|tx| Ok(docs::issue(tx, &d.officer, doc)?)).unwrap();
    let text = pages(&issued.pdf).join("\n");
    let p = d.store.with(|c| persons::get(c, member)).unwrap();
    let mut want = vec![
        p.full_name(),
        p.masked_id(),
        format_long(TODAY),
        "ข้าพเจ้าขอรับรองว่าข้อมูลข้างต้นถูกต้อง".to_string(),
    ];
    for l in d.store.with(|c| loans::of_borrower(c, member)).unwrap() {
        if l.status.is_open() {
            let st = d.store.with(|c| loans::statement(c, &l, TODAY)).unwrap();
            let owed = st.outstanding_principal
                + st.interest_due
                + st.accrued_interest
                + st.default_interest
                + st.fees_due;
            want.extend([l.contract_no.clone(), owed.to_string()]);
        }
    }
    for l in d.store.with(|c| loans::guaranteed_by(c, member)).unwrap() {
        if l.status.is_open() {
            want.extend([l.contract_no.clone(), l.borrower_name.clone()]);
        }
    }
    assert_all(&text, &want);
    for full in full_ids(p.national_id) {
        assert!(!squash(&text).contains(&squash(&full)));
    }
    let reg = d.store.with(|c| letters::by_number(c, &issued.letter.number)).unwrap();
    assert_eq!((reg.kind.as_str(), reg.person_id), ("member_certification", Some(member)));
}

#[test]
fn the_fund_statement_pdf_states_what_the_fund_received_directly_and_through_tranches() {
    let d = demo(200);
    let (id, _) = approved(&d);
    let payment = contract_payments::ContractPayment {
        paid_on: TODAY,
        amount: Satang::from_baht(1_000),
        channel: Channel::Cash,
        payer_name: "",
        note: "",
    };
    d.store.write(|tx| contract_payments::record(tx, &d.officer, id, &payment, TODAY)).unwrap();
    let fund = d.store.with(|c| consolidations::tranches(c, id)).unwrap()[0].fund_id;
    let from = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let fs = d.store.with(|c| fund_statement::compute(c, fund, from, TODAY)).unwrap();
    assert!(fs.received_through_tranches.total().is_positive());
    let pdf =
        d.store.with(|c| Ok(household::fund_statement(c, fund, from, TODAY, TODAY)?)).unwrap();
    let text = pages(&pdf).join("\n");
    assert_all(
        &text,
        &[
            fs.fund_name.clone(),
            format_long(from),
            format_long(TODAY),
            fs.opening_principal.to_string(),
            fs.closing_principal.to_string(),
            fs.received_direct.total().to_string(),
            fs.received_through_tranches.total().to_string(),
            fs.received_total().to_string(),
            baht_text(fs.received_total()),
        ],
    );
}
