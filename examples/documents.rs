//! One of every document plodnee prints, from a demo institute, for looking at:
//! `cargo run --release --example documents` writes them into `out/documents/`; render them
//! with `pdftoppm -png -r 80 out/documents/X.pdf out/documents/X`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::document::issue::{
    self, BatchRequest, Filter, Output, Request, docs, household, notices, plan_docs,
};
use plodnee::domain::Satang;
use plodnee::domain::consolidation::{RatePolicy, TermChoice};
use plodnee::domain::letter::Kind;
use plodnee::domain::loan::Channel;
use plodnee::domain::schedule::{Frequency, Method};
use plodnee::store::{Store, consolidations, contract_payments, ledger, users};

type Error = Box<dyn std::error::Error>;

fn id(store: &Store, sql: &str) -> Result<i64, Error> {
    Ok(store.with(|c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?))?)
}

fn main() -> Result<(), Error> {
    let out = Path::new("out/documents");
    std::fs::create_dir_all(out)?;
    let save = |name: &str, bytes: &[u8]| -> Result<(), Error> {
        std::fs::write(out.join(format!("{name}.pdf")), bytes)?;
        println!("{}", out.join(format!("{name}.pdf")).display());
        Ok(())
    };
    let today = NaiveDate::from_ymd_opt(2025, 11, 21).ok_or("date")?;
    let store = Store::memory()?;
    store.with(|c| demo::generate(c, &Options { households: 200, seed: 2568, today }))?;
    let actor = |u: &str, p: &str| store.with(|c| users::sign_in(c, u, p)).map(|u| u.actor());
    let (officer, treasurer, committee) = (
        actor("officer", "officer-2568")?,
        actor("treasurer", "treasurer-2568")?,
        actor("committee", "committee-2568")?,
    );

    let late = id(
        &store,
        "SELECT l.id FROM loan l WHERE l.status = 'active' AND l.next_unpaid_due < '2025-06-01'
         AND EXISTS (SELECT 1 FROM loan_party p WHERE p.loan_id = l.id AND p.role = 'guarantor')
         ORDER BY l.id LIMIT 1",
    )?;
    for kind in [Kind::Reminder, Kind::Demand, Kind::Demand2, Kind::Guarantor, Kind::Invoice] {
        let issued =
            store.write(|tx| Ok(issue::issue(tx, &officer, &Request::new(kind, today), late)?))?;
        save(kind.code(), &issued.pdf)?;
        if kind == Kind::Demand {
            let copy =
                store.write(|tx| Ok(issue::reprint(tx, &officer, &issued.letters[0].number)?))?;
            save("demand_copy", &copy)?;
        }
    }
    let preview =
        store.with(|c| Ok(issue::preview(c, &Request::new(Kind::Reminder, today), late)?))?;
    save("reminder_preview", &preview)?;
    let labels = store.with(|c| {
        Ok(issue::labels(
            c,
            &Request::new(Kind::Demand, today),
            &Filter { min_dpd: 30, village: None, fund: None },
        )?)
    })?;
    save("labels", &labels)?;
    let b = BatchRequest {
        request: Request::new(Kind::Invoice, today),
        filter: Filter { min_dpd: 90, village: Some(1), fund: None },
        output: Output::OneFile,
    };
    let batch = store
        .write(|tx| Ok(issue::batch(tx, &officer, &b, &mut |_| {}, &AtomicBool::new(false))?))?;
    if let Some(f) = batch.files.first() {
        save("invoices_village_1", &f.pdf)?;
    }

    let receipt_no: String = store.with(|c| {
        Ok(c.query_row("SELECT receipt_no FROM receipt ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })?)
    })?;
    save("receipt", &store.with(|c| Ok(issue::receipt(c, &receipt_no, false)?))?)?;
    let lines = store.with(|c| ledger::by_receipt(c, &receipt_no))?;
    store
        .write(|tx| ledger::reverse_receipt(tx, &committee, lines[0].receipt_id, "บันทึกยอดเงินผิด"))?;
    save("receipt_cancelled", &store.with(|c| Ok(issue::receipt(c, &receipt_no, false)?))?)?;

    // A household's loans from several funds merged into one contract, then paid.
    let household = id(
        &store,
        "SELECT p.household_id FROM loan l JOIN person p ON p.id = l.borrower_id
         WHERE l.status = 'active' GROUP BY p.household_id HAVING COUNT(DISTINCT l.fund_id) >= 2
         ORDER BY p.household_id LIMIT 1",
    )?;
    let head = id(&store, &format!("SELECT head_person_id FROM household WHERE id = {household}"))?;
    let settings = consolidations::Settings {
        as_of: today,
        loan_ids: vec![],
        waivers: BTreeMap::new(),
        capitalise_consent_on: None,
        policy: RatePolicy::Tranches,
        term: TermChoice::Periods(36),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        round_up_baht: false,
        borrower_id: head,
        guarantors: vec![],
    };
    let cid = store.write(|tx| consolidations::prepare(tx, &officer, household, &settings))?;
    let approval = consolidations::Approval {
        resolution_no: "12/2568",
        resolution_on: today,
        guarantor_consents: &[],
    };
    store.write(|tx| consolidations::approve(tx, &treasurer, cid, &approval))?;
    let payment = contract_payments::ContractPayment {
        paid_on: today,
        amount: Satang::from_baht(1_500),
        channel: Channel::Cash,
        payer_name: "",
        note: "",
    };
    let r = store.write(|tx| contract_payments::record(tx, &officer, cid, &payment, today))?;
    save("receipt_consolidated", &store.with(|c| Ok(issue::receipt(c, &r.receipt_no, true)?))?)?;
    let tranche = store.with(|c| consolidations::tranches(c, cid))?[0].id;
    let later = NaiveDate::from_ymd_opt(2026, 3, 4).ok_or("date")?;
    // A demand only when something is overdue by then (a large first payment may cover it).
    match store
        .write(|tx| Ok(issue::issue(tx, &officer, &Request::new(Kind::Demand, later), tranche)?))
    {
        Ok(demand) => save("demand_consolidated", &demand.pdf)?,
        Err(e) => println!("demand_consolidated: {e}"),
    }

    // The documents of 1 ครัวเรือน 1 สัญญา and of restructuring plans.
    let contract = store.with(|c| Ok(household::contract(c, cid, today)?))?;
    save(
        "consolidated_contract",
        &store.write(|tx| Ok(docs::issue(tx, &officer, contract)?))?.pdf,
    )?;
    let village = id(&store, &format!("SELECT village_no FROM household WHERE id = {household}"))?;
    let list = store.with(|c| Ok(household::assembly(c, Some(village as u8), today)?))?;
    save("assembly_list", &store.write(|tx| Ok(docs::issue(tx, &officer, list)?))?.pdf)?;
    let form = store.with(|c| Ok(household::certification(c, head, today)?))?;
    save("member_certification", &store.write(|tx| Ok(docs::issue(tx, &officer, form)?))?.pdf)?;
    let fund = id(&store, "SELECT id FROM fund ORDER BY id LIMIT 1")?;
    let from = NaiveDate::from_ymd_opt(2025, 1, 1).ok_or("date")?;
    let report = store.with(|c| Ok(household::fund_statement(c, fund, from, today, today)?))?;
    save("fund_statement", &report)?;
    let plan = id(&store, "SELECT plan_id FROM plan_release ORDER BY plan_id LIMIT 1")?;
    let agreement = store.with(|c| Ok(plan_docs::agreement(c, plan, today)?))?;
    save(
        "restructuring_agreement",
        &store.write(|tx| Ok(docs::issue(tx, &officer, agreement)?))?.pdf,
    )?;
    let notice = store.with(|c| Ok(notices::release_notice(c, plan, today, None)?))?;
    save("release_notice", &store.write(|tx| Ok(docs::issue(tx, &officer, notice)?))?.pdf)?;
    let closed: String = store.with(|c| {
        Ok(c.query_row(
            "SELECT contract_no FROM loan WHERE status = 'closed' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )?)
    })?;
    let cert = store.with(|c| Ok(notices::clearance(c, &closed, today)?))?;
    save("clearance_certificate", &store.write(|tx| Ok(docs::issue(tx, &officer, cert)?))?.pdf)?;
    Ok(())
}
