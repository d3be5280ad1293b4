//! A sieve campaign (ร่อนตะแกรง) of one หมู่ from letters to the after-deadline split (issue 12): the
//! demand letters go out with a deadline; one member pays what was asked, one promises and
//! keeps it, the rest do nothing; after the deadline the review says so, and the next step's
//! letters go only to the rest, as a campaign that follows the first.

use std::sync::atomic::AtomicBool;

use chrono::{Days, NaiveDate, NaiveDateTime};
use plodnee::demo::{self, Options};
use plodnee::document::issue::campaign;
use plodnee::document::issue::{BatchRequest, Filter, Output, Request};
use plodnee::domain::Satang;
use plodnee::domain::collections::campaign::Verdict;
use plodnee::domain::collections::contact::{Channel, Outcome, Reached};
use plodnee::domain::letter::Kind;
use plodnee::domain::loan::Channel as PaidBy;
use plodnee::store::contacts::{self, NewContact};
use plodnee::store::{Actor, Store, campaigns, ledger, loans, promises};

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

fn day(n: u64) -> NaiveDate {
    TODAY + Days::new(n)
}

fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_hms_opt(h, 0, 0).unwrap()
}

fn pay(store: &Store, actor: &Actor, loan_id: i64, on: NaiveDate, amount: Satang) {
    let p = ledger::NewPayment {
        loan_id,
        paid_on: on,
        amount,
        channel: PaidBy::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    store.write(|tx| ledger::record(tx, actor, &p, on)).unwrap();
}

#[test]
fn a_campaign_of_one_village_runs_from_letters_to_the_split_and_the_next_step() {
    let store = Store::memory().unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 200, seed: 2568, today: TODAY }))
        .unwrap();
    let officer = store
        .with(|c| plodnee::store::users::sign_in(c, "officer", "officer-2568"))
        .unwrap()
        .actor();
    let cancel = AtomicBool::new(false);
    let b = BatchRequest {
        request: Request { kind: Kind::Demand, as_of: TODAY, pay_within_days: 15 },
        filter: Filter { min_dpd: 30, village: Some(2), fund: None },
        output: Output::OneFile,
    };
    let (id, out) = store
        .write(|tx| {
            Ok(campaign::run(tx, &officer, "ร่อนตะแกรง หมู่ 2 ธ.ค. 2568", &b, &mut |_| {}, &cancel)?)
        })
        .unwrap();
    assert!(out.letters.len() >= 3, "{} letters", out.letters.len());
    let first = store.with(|c| campaigns::review(c, id, day(1))).unwrap();
    assert_eq!(first.campaign.deadline, day(15));
    assert_eq!(
        first.count(|v| v == Verdict::Waiting),
        first.lines.len(),
        "before the deadline all wait"
    );

    // One pays what the letter asked; one promises on the phone and keeps it; the rest nothing.
    let (a, b_loan) = (&first.lines[0], &first.lines[1]);
    pay(&store, &officer, a.loan_id, day(4), a.asked);
    let borrower = store.with(|c| loans::get(c, b_loan.loan_id)).unwrap().borrower_id;
    let promise = NewContact {
        person_id: borrower,
        loan_id: Some(b_loan.loan_id),
        at: at(day(3), 10),
        channel: Channel::Phone,
        reached: Reached::Borrower,
        reached_person_id: None,
        outcome: Outcome::Promise,
        note: String::new(),
        promise: Some((day(7), Satang(50_000))),
        next_action: None,
        breach_reason: None,
    };
    store.write(|tx| contacts::record(tx, &officer, &promise, at(day(3), 11))).unwrap();
    pay(&store, &officer, b_loan.loan_id, day(7), Satang(50_000));

    // Too early for the next step.
    let early = store
        .write(|tx| Ok(campaign::escalate(tx, &officer, id, Kind::Demand2, day(10), &cancel)?));
    assert!(early.unwrap_err().to_string().contains("ยังไม่ครบกำหนด"));

    let after = day(17);
    store.write(|tx| promises::evaluate_all(tx, after)).unwrap();
    let review = store.with(|c| campaigns::review(c, id, after)).unwrap();
    let verdict = |loan: i64| review.lines.iter().find(|l| l.loan_id == loan).unwrap().verdict;
    assert_eq!(verdict(a.loan_id), Verdict::Paid);
    assert_eq!(verdict(b_loan.loan_id), Verdict::KeptPromise);
    let rest = review.rest();
    assert_eq!(rest.len(), review.lines.len() - 2, "everyone else did not comply");

    let (next, out) = store
        .write(|tx| Ok(campaign::escalate(tx, &officer, id, Kind::Demand2, after, &cancel)?))
        .unwrap();
    let follow = store.with(|c| campaigns::review(c, next, after)).unwrap();
    assert_eq!(follow.campaign.follows_id, Some(id));
    let sent: Vec<i64> = follow.lines.iter().map(|l| l.loan_id).collect();
    assert!(
        !sent.contains(&a.loan_id) && !sent.contains(&b_loan.loan_id),
        "those who complied get nothing"
    );
    assert!(sent.iter().all(|l| rest.contains(l)), "only the rest");
    assert_eq!(
        sent.len(),
        out.letters.iter().map(|l| &l.contract_no).collect::<std::collections::HashSet<_>>().len()
    );
    assert!(!sent.is_empty());
}

#[test]
fn a_loan_on_hold_gets_no_letter_from_a_batch_and_the_batch_says_why() {
    let store = Store::memory().unwrap();
    store
        .with(|c| demo::generate(c, &Options { households: 120, seed: 2568, today: TODAY }))
        .unwrap();
    let officer = store
        .with(|c| plodnee::store::users::sign_in(c, "officer", "officer-2568"))
        .unwrap()
        .actor();
    let b = BatchRequest {
        request: Request::new(Kind::Demand, TODAY),
        filter: Filter { min_dpd: 30, village: Some(2), fund: None },
        output: Output::OneFile,
    };
    let cancel = AtomicBool::new(false);
    // What the batch would send, without issuing it.
    let before = store
        .write(|tx| {
            let out = plodnee::document::issue::batch(tx, &officer, &b, &mut |_| {}, &cancel)?;
            Err::<(), _>(plodnee::store::StoreError::refused(out.letters[0].contract_no.clone()))
        })
        .unwrap_err()
        .to_string();
    let held = store.with(|c| loans::by_contract(c, &before)).unwrap();
    store
        .write(|tx| plodnee::store::holds::start(tx, &officer, held.id, "โต้แย้งยอดหนี้", TODAY, None))
        .unwrap();
    let out = store
        .write(|tx| Ok(plodnee::document::issue::batch(tx, &officer, &b, &mut |_| {}, &cancel)?))
        .unwrap();
    assert!(out.letters.iter().all(|l| l.contract_no != held.contract_no), "no letter on hold");
    let lines = plodnee::document::issue::skip_lines(&out.skips, &out.thresholds, Kind::Demand);
    assert!(lines.iter().any(|l| l.starts_with("1 สัญญาอยู่ระหว่างพักการติดตาม")), "{lines:?}");
}
