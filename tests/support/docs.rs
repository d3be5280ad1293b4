//! What the document tests share: a demo institute on a temporary database signed in as an
//! officer and a treasurer, and a PDF checked like a user would (qpdf, pdffonts, pdftotext).

#![allow(dead_code)]

#[path = "plans.rs"]
pub mod plans;
#[path = "tools.rs"]
pub mod tools;

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::domain::consolidation::{RatePolicy, TermChoice};
use plodnee::domain::schedule::{Frequency, Method};
use plodnee::store::{Actor, Store, consolidations, users};

pub const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

pub struct Demo {
    pub store: Store,
    pub officer: Actor,
    pub treasurer: Actor,
}

pub fn demo(households: usize) -> Demo {
    let store = Store::memory().unwrap();
    let opts = Options { households, seed: 2568, today: TODAY };
    store.with(|c| demo::generate(c, &opts)).unwrap();
    let actor = |u: &str, p: &str| store.with(|c| users::sign_in(c, u, p)).unwrap().actor();
    Demo {
        officer: actor("officer", "officer-2568"),
        treasurer: actor("treasurer", "treasurer-2568"),
        store,
    }
}

pub fn query_id(store: &Store, sql: &str) -> i64 {
    store.with(|c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?)).unwrap()
}

/// The text of each page of a valid PDF with Sarabun embedded and subset.
pub fn pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    tools::assert_qpdf_clean(&path);
    tools::assert_sarabun_embedded_and_subset(&path);
    tools::page_texts(&path)
}

/// Text without whitespace: a sentence or an amount in words may wrap anywhere between words,
/// and Thai puts no spaces between them.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts each value appears in `text` (compared without whitespace).
pub fn assert_all(text: &str, values: &[String]) {
    let all = squash(text);
    for v in values {
        assert!(all.contains(&squash(v)), "missing {v:?} in:\n{text}");
    }
}

/// A household's loans merged under the tranche policy over 36 monthly installments.
pub fn settings(head: i64, guarantors: Vec<i64>) -> consolidations::Settings {
    consolidations::Settings {
        as_of: TODAY,
        loan_ids: vec![],
        waivers: std::collections::BTreeMap::new(),
        capitalise_consent_on: None,
        policy: RatePolicy::Tranches,
        term: TermChoice::Periods(36),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        round_up_baht: false,
        borrower_id: head,
        guarantors,
    }
}

pub fn head_of(d: &Demo, household: i64) -> i64 {
    query_id(&d.store, &format!("SELECT head_person_id FROM household WHERE id = {household}"))
}

/// A household with loans from at least two funds, consolidated with a guarantor from another
/// household and approved by the treasurer: (consolidation id, guarantor).
pub fn approved(d: &Demo) -> (i64, i64) {
    let household = query_id(
        &d.store,
        "SELECT p.household_id FROM loan l JOIN person p ON p.id = l.borrower_id
         WHERE l.status = 'active' GROUP BY p.household_id HAVING COUNT(DISTINCT l.fund_id) >= 2
         ORDER BY p.household_id LIMIT 1",
    );
    let guarantor = query_id(
        &d.store,
        &format!(
            "SELECT id FROM person WHERE household_id != {household} AND deceased = 0 LIMIT 1"
        ),
    );
    let s = settings(head_of(d, household), vec![guarantor]);
    let id = d.store.write(|tx| consolidations::prepare(tx, &d.officer, household, &s)).unwrap();
    let approval = consolidations::Approval {
        resolution_no: "12/2568",
        resolution_on: TODAY,
        guarantor_consents: &[(guarantor, TODAY)],
    };
    d.store.write(|tx| consolidations::approve(tx, &d.treasurer, id, &approval)).unwrap();
    (id, guarantor)
}
