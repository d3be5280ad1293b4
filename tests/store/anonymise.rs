//! Anonymising members after the retention period (issue 15 §8) on a temporary database: the
//! fixture's loan is paid off on 15/3/2568 (2025), so its borrower and guarantor may be
//! anonymised from 15/3/2578 (2035, ten years on) and not a day before; the wife, who never
//! borrowed, is judged from the day her file was opened. Approving removes names, ids, phones,
//! the house number, the payer's name and the deed number; the amounts, `check` and the audit
//! chain stay whole. Bad approvals change nothing.

use crate::support;

use plodnee::domain::loan::Channel;
use plodnee::store::privacy::anonymise::{self, ANONYMOUS_FIRST_NAME};
use plodnee::store::privacy::subject_access;
use plodnee::store::{audit, check, ledger, loans, persons, search};
use support::{Fixture, fixture, ymd};

const RESOLUTION: &str = "มติที่ประชุมคณะกรรมการครั้งที่ 3/2578";

/// Pays the fixture's loan off on 15/3/2025 at the payoff its statement gives that day.
fn pay_off(f: &Fixture) {
    let committee = f.committee.actor();
    let day = ymd(2025, 3, 15);
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    let payoff = f.store.with(|c| loans::statement(c, &loan, day)).unwrap().payoff;
    let r = f
        .store
        .write(|tx| {
            ledger::record(
                tx,
                &committee,
                &ledger::NewPayment {
                    loan_id: f.loan_id,
                    paid_on: day,
                    amount: payoff,
                    channel: Channel::Cash,
                    payer_name: "นายสมชาย ใจดี".into(),
                    note: String::new(),
                },
                support::today(),
            )
        })
        .unwrap();
    assert!(r.paid_off);
}

/// Every row count and the audit log's length: what "nothing changed" compares.
fn fingerprint(f: &Fixture) -> String {
    f.store
        .with(|c| {
            let mut out = String::new();
            for t in ["person", "household", "receipt", "collateral", "audit_log"] {
                let n: i64 = c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
                out.push_str(&format!("{t}={n} "));
            }
            let text: String = c.query_row(
                "SELECT group_concat(first_name || last_name || COALESCE(national_id, '') || phone, '|') FROM person",
                [],
                |r| r.get(0),
            )?;
            Ok(out + &text)
        })
        .unwrap()
}

#[test]
fn members_are_listed_from_the_day_the_retention_period_has_run() {
    let f = fixture();
    let on = |y, m, d| {
        let mut ids: Vec<i64> = f
            .store
            .with(|c| anonymise::candidates(c, ymd(y, m, d)))
            .unwrap()
            .iter()
            .map(|c| c.person_id)
            .collect();
        ids.sort();
        ids
    };
    assert!(on(2099, 1, 1).iter().all(|id| *id == f.spouse_id), "an open loan keeps its people");
    pay_off(&f);
    assert_eq!(on(2035, 3, 14), Vec::<i64>::new(), "a day early");
    let mut both = vec![f.borrower_id, f.neighbour_id];
    both.sort();
    assert_eq!(on(2035, 3, 15), both, "borrower and guarantor, ten years after it closed");
    let c = &f.store.with(|c| anonymise::candidates(c, ymd(2035, 3, 15))).unwrap()[0];
    assert_eq!((c.loans, c.last_closed), (1, ymd(2025, 3, 15)));
    assert_eq!(c.masked_id.chars().filter(|ch| ch.is_ascii_digit()).count(), 4, "masked");
    // A shorter retention setting (the committee's choice) brings the day forward.
    f.store.with(|c| plodnee::store::settings::set(c, anonymise::RETENTION_KEY, "5")).unwrap();
    assert_eq!(on(2030, 3, 15), both);
}

#[test]
fn approving_removes_who_they_were_and_keeps_the_money_and_the_chain() {
    let f = fixture();
    pay_off(&f);
    let committee = f.committee.actor();
    let before_money = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    let payments_before = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap().len();
    let as_of = ymd(2035, 3, 15);
    let ids = [f.borrower_id, f.neighbour_id];
    let n = f.store.write(|tx| anonymise::anonymise(tx, &committee, as_of, RESOLUTION, &ids));
    assert_eq!(n.unwrap(), 2);

    let p = f.store.with(|c| persons::get(c, f.borrower_id)).unwrap();
    assert_eq!(p.first_name, ANONYMOUS_FIRST_NAME);
    assert_eq!(p.last_name, format!("รหัส {}", f.borrower_id));
    assert!(p.national_id.is_none() && p.birth_date.is_none() && p.phone.is_empty());
    // The wife still lives at the house: its number stays; the neighbour lived alone.
    assert_eq!(p.address.house_no, "12/3");
    let n = f.store.with(|c| persons::get(c, f.neighbour_id)).unwrap();
    assert_eq!(n.address.house_no, "");
    assert_eq!(n.address.village_no, 5, "the village stays for the figures by area");
    let spouse = f.store.with(|c| persons::get(c, f.spouse_id)).unwrap();
    assert_eq!(spouse.first_name, "สมหญิง", "only the approved are touched");

    // Found by nothing that identified them.
    for q in ["สมชาย", "1234567890121", "0812345678", "มานะ"] {
        let hits = f.store.with(|c| search::search(c, q, 20)).unwrap();
        assert_eq!(hits.total, 0, "{q} still finds someone");
    }
    // A subject-access copy of the anonymised member holds none of it, nor the deed number or
    // the name on the receipt.
    let copy = f.store.write(|tx| subject_access::copy(tx, &committee, f.borrower_id)).unwrap();
    let text = serde_json::to_string(&copy).unwrap();
    for gone in ["สมชาย", "1234567890121", "0812345678", "โฉนด 1234", "ที่นา 2 ไร่"]
    {
        assert!(!text.contains(gone), "{gone} is still held");
    }

    // The amounts stay; the books and the audit chain check out.
    let after_money = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(
        (after_money.principal, after_money.status, after_money.closed_on),
        (before_money.principal, before_money.status, before_money.closed_on)
    );
    assert_eq!(f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap().len(), payments_before);
    let report = f.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    let chain = f.store.with(|c| audit::verify(c, &committee)).unwrap();
    assert!(matches!(chain, audit::Chain::Whole { .. }), "{chain:?}");
    let logged: Vec<String> = f
        .store
        .with(|c| {
            let mut s = c.prepare(
                "SELECT detail FROM audit_log WHERE action = 'anonymise_person' ORDER BY id",
            )?;
            Ok(s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(logged, vec![format!("มติ {RESOLUTION}"); 2], "the resolution, never the name");
    let left = f.store.with(|c| anonymise::candidates(c, as_of)).unwrap();
    assert!(left.iter().all(|c| !ids.contains(&c.person_id)), "listed once only");
}

#[test]
fn a_bad_approval_changes_nothing() {
    let f = fixture();
    pay_off(&f);
    let as_of = ymd(2035, 3, 15);
    let before = fingerprint(&f);
    let committee = f.committee.actor();
    let officer = f.officer.actor();
    let tries: Vec<(plodnee::store::Actor, &str, Vec<i64>, &str)> = vec![
        (committee.clone(), "   ", vec![f.borrower_id], "มติที่ประชุม"),
        (committee.clone(), RESOLUTION, vec![], "ยังไม่ได้เลือก"),
        // The wife's file is younger than ten years: the whole approval is refused.
        (committee.clone(), RESOLUTION, vec![f.borrower_id, f.spouse_id], "ยังลบข้อมูลไม่ได้"),
        (officer, RESOLUTION, vec![f.borrower_id], "สิทธิ์"),
    ];
    for (actor, resolution, ids, says) in tries {
        let e = f
            .store
            .write(|tx| anonymise::anonymise(tx, &actor, as_of, resolution, &ids))
            .unwrap_err();
        assert!(e.to_string().contains(says), "{e} should say {says}");
        assert_eq!(fingerprint(&f), before, "nothing changes after: {e}");
    }
    // Once done, a second approval of the same member is refused as well.
    f.store
        .write(|tx| anonymise::anonymise(tx, &committee, as_of, RESOLUTION, &[f.borrower_id]))
        .unwrap();
    let after = fingerprint(&f);
    let again = f
        .store
        .write(|tx| anonymise::anonymise(tx, &committee, as_of, RESOLUTION, &[f.borrower_id]));
    assert!(again.is_err());
    assert_eq!(fingerprint(&f), after);
}
