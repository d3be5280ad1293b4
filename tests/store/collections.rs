//! Collections work on a temporary database (issue 12): contacts checked against the Debt
//! Collection Act's guards, promises that become kept or broken by themselves a week later, the
//! broken one at the top of the queue, holds that take a loan out of the queue and cannot be
//! edited, assignments, and the file's timeline.

use crate::support;

use chrono::{NaiveDate, NaiveDateTime};
use plodnee::domain::Satang;
use plodnee::domain::collections::contact::{Channel, Outcome, Reached};
use plodnee::domain::collections::ladder::Step;
use plodnee::domain::collections::priority::Proposal;
use plodnee::domain::collections::promise::State;
use plodnee::domain::loan::Channel as PaidBy;
use plodnee::store::assignments::{self, Assignee};
use plodnee::store::contacts::{self, EventKind, NewContact};
use plodnee::store::queue::{self, Filter};
use plodnee::store::{Store, holds, ledger, promises};
use support::{Fixture, fixture, three_fund_loans, today, ymd};

fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    d.and_hms_opt(h, m, 0).unwrap()
}

fn call(f: &Fixture, when: NaiveDateTime, outcome: Outcome) -> NewContact {
    NewContact {
        person_id: f.borrower_id,
        loan_id: Some(f.loan_id),
        at: when,
        channel: Channel::Phone,
        reached: Reached::Borrower,
        reached_person_id: None,
        outcome,
        note: String::new(),
        promise: None,
        next_action: None,
        breach_reason: None,
    }
}

fn record(store: &Store, f: &Fixture, c: &NewContact, now: NaiveDateTime) -> Result<i64, String> {
    store.write(|tx| contacts::record(tx, &f.officer.actor(), c, now)).map_err(|e| e.to_string())
}

fn contacts_on_file(store: &Store) -> i64 {
    store.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM contact", [], |r| r.get(0))?)).unwrap()
}

// 21 Nov 2025 is a Friday; 23 Nov a Sunday; 28 Nov the next Friday.
const FRIDAY: fn() -> NaiveDate = today;

#[test]
fn a_promise_made_today_is_broken_by_itself_a_week_later_and_leads_the_queue() {
    let f = fixture();
    // Other files in arrears to compete with.
    three_fund_loans(&f);
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Promise);
    c.promise = Some((ymd(2025, 11, 24), Satang(150_000)));
    record(&f.store, &f, &c, at(FRIDAY(), 10, 5)).expect("recorded");

    // The file was contacted today: it leaves today's queue.
    let q = f.store.with(|c| queue::build(c, FRIDAY(), &Filter::default())).unwrap();
    assert!(q.items.iter().all(|i| i.loan_id != f.loan_id));
    assert_eq!(q.done_today, 1);

    // Next week, nothing paid: the promise is broken by itself (grace 3 days: after 27 Nov).
    let next_week = ymd(2025, 11, 28);
    let tally = f.store.write(|tx| promises::evaluate_all(tx, next_week)).unwrap();
    assert_eq!((tally.broken, tally.kept, tally.open), (1, 0, 0));
    let rows = f.store.with(|c| promises::of_loan(c, f.loan_id)).unwrap();
    assert_eq!(rows[0].state, State::Broken);

    let q = f.store.with(|c| queue::build(c, next_week, &Filter::default())).unwrap();
    let top = &q.items[0];
    assert_eq!(top.loan_id, f.loan_id, "the broken promise is at the top: {:?}", q.items);
    assert_eq!(top.priority.reasons[0], "ผิดนัดชำระ (นัด 24 พฤศจิกายน 2568)");
    assert!(matches!(top.priority.proposal, Proposal::Letter(_) | Proposal::GuarantorNotice));
}

#[test]
fn a_promise_paid_in_time_is_kept() {
    let f = fixture();
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Promise);
    c.promise = Some((ymd(2025, 11, 24), Satang(50_000)));
    record(&f.store, &f, &c, at(FRIDAY(), 10, 5)).unwrap();
    let payment = ledger::NewPayment {
        loan_id: f.loan_id,
        paid_on: ymd(2025, 11, 24),
        amount: Satang(50_000),
        channel: PaidBy::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    f.store
        .write(|tx| ledger::record(tx, &f.officer.actor(), &payment, ymd(2025, 11, 24)))
        .unwrap();
    let tally = f.store.write(|tx| promises::evaluate_all(tx, ymd(2025, 11, 28))).unwrap();
    assert_eq!((tally.kept, tally.broken), (1, 0));
}

#[test]
fn the_guards_refuse_a_sunday_evening_and_a_second_contact_the_same_day() {
    let f = fixture();
    let sunday_evening = at(ymd(2025, 11, 23), 19, 0);
    let err = record(
        &f.store,
        &f,
        &call(&f, sunday_evening, Outcome::Refused),
        at(ymd(2025, 11, 24), 9, 0),
    )
    .unwrap_err();
    assert!(err.contains("08:00–18:00 น. ในวันหยุดราชการ"), "{err}");
    assert_eq!(contacts_on_file(&f.store), 0, "nothing written");

    // Planning a call for Sunday 19:00 is refused too.
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Refused);
    c.next_action = Some(("โทรกลับ".into(), sunday_evening));
    let err = record(&f.store, &f, &c, at(FRIDAY(), 10, 5)).unwrap_err();
    assert!(err.starts_with("นัดติดตามครั้งต่อไปไม่ได้"), "{err}");
    assert_eq!(contacts_on_file(&f.store), 0);

    // Two unanswered calls, then one that reaches him; a fourth the same day is refused.
    for h in [9, 11] {
        record(&f.store, &f, &call(&f, at(FRIDAY(), h, 0), Outcome::NoAnswer), at(FRIDAY(), 16, 0))
            .expect("an attempt does not block a retry");
    }
    record(&f.store, &f, &call(&f, at(FRIDAY(), 14, 0), Outcome::Refused), at(FRIDAY(), 16, 0))
        .unwrap();
    let err =
        record(&f.store, &f, &call(&f, at(FRIDAY(), 15, 0), Outcome::Refused), at(FRIDAY(), 16, 0))
            .unwrap_err();
    assert!(err.contains("ไม่เกินวันละ 1 ครั้งต่อคน"), "{err}");
    assert_eq!(contacts_on_file(&f.store), 3);

    // A contact that already happened outside the guards is recorded with a reason and listed.
    let mut late = call(&f, sunday_evening, Outcome::Paid);
    late.breach_reason = Some("ลูกหนี้โทรมาเองตอนค่ำ".into());
    record(&f.store, &f, &late, at(ymd(2025, 11, 24), 9, 0)).expect("recorded with its reason");
    let listed =
        f.store.with(|c| contacts::compliance(c, ymd(2025, 11, 1), ymd(2025, 11, 30))).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, "ลูกหนี้โทรมาเองตอนค่ำ");
}

#[test]
fn bad_contacts_change_nothing() {
    let f = fixture();
    let now = at(FRIDAY(), 16, 0);
    let mut cases = Vec::new();
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Promise);
    cases.push((c.clone(), "กรุณาระบุวันที่และจำนวนเงินที่นัด"));
    c.promise = Some((ymd(2025, 11, 20), Satang(100)));
    cases.push((c.clone(), "วันนัดชำระต้องไม่ก่อนวันที่ติดต่อ"));
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Refused);
    c.promise = Some((ymd(2025, 11, 25), Satang(100)));
    cases.push((c, "บันทึกนัดชำระได้เมื่อผลการติดต่อเป็น"));
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Promise);
    c.reached = Reached::Relative;
    c.promise = Some((ymd(2025, 11, 25), Satang(100)));
    cases.push((c, "บุคคลอื่นนัดชำระแทนลูกหนี้ไม่ได้"));
    cases.push((call(&f, at(ymd(2025, 11, 22), 10, 0), Outcome::Refused), "อยู่ในอนาคต"));
    for (c, want) in cases {
        let err = record(&f.store, &f, &c, now).unwrap_err();
        assert!(err.contains(want), "{want:?} in {err:?}");
    }
    assert_eq!(contacts_on_file(&f.store), 0);
}

#[test]
fn a_hold_takes_the_loan_out_of_the_queue_and_can_only_be_ended() {
    let f = fixture();
    let before = f.store.with(|c| queue::build(c, FRIDAY(), &Filter::default())).unwrap();
    assert!(before.items.iter().any(|i| i.loan_id == f.loan_id));
    let actor = f.officer.actor();
    let id = f
        .store
        .write(|tx| holds::start(tx, &actor, f.loan_id, "โต้แย้งยอดหนี้", ymd(2025, 11, 1), None))
        .unwrap();
    let q = f.store.with(|c| queue::build(c, FRIDAY(), &Filter::default())).unwrap();
    assert!(q.items.iter().all(|i| i.loan_id != f.loan_id));
    assert!(q.on_hold.iter().any(|(_, why)| why == "โต้แย้งยอดหนี้"), "the queue says why");
    for sql in ["UPDATE collection_hold SET reason = 'x'", "DELETE FROM collection_hold"] {
        assert!(f.store.with(|c| Ok(c.execute(sql, [])?)).is_err(), "{sql} is refused");
    }
    f.store.write(|tx| holds::end(tx, &actor, id, FRIDAY(), "ตรวจยอดแล้วถูกต้อง")).unwrap();
    assert!(f.store.write(|tx| holds::end(tx, &actor, id, FRIDAY(), "อีกครั้ง")).is_err(), "once");
    let q = f.store.with(|c| queue::build(c, FRIDAY(), &Filter::default())).unwrap();
    assert!(q.items.iter().any(|i| i.loan_id == f.loan_id), "back in the queue");
}

#[test]
fn the_queue_of_one_officer_holds_only_the_households_assigned_to_them() {
    let f = fixture();
    three_fund_loans(&f);
    let actor = f.treasurer.actor();
    f.store
        .write(|tx| {
            assignments::assign(
                tx,
                &actor,
                &[f.household_id],
                Assignee::Officer(f.officer.id),
                FRIDAY(),
            )
        })
        .unwrap();
    let mine = Filter { officer_id: Some(f.officer.id), ..Filter::default() };
    let q = f.store.with(|c| queue::build(c, FRIDAY(), &mine)).unwrap();
    assert!(!q.items.is_empty());
    let households: Vec<i64> = q
        .items
        .iter()
        .map(|i| {
            f.store
                .with(|c| {
                    Ok(c.query_row(
                        "SELECT household_id FROM person WHERE id = ?1",
                        [i.person_id],
                        |r| r.get(0),
                    )?)
                })
                .unwrap()
        })
        .collect();
    assert!(households.iter().all(|h| *h == f.household_id), "{households:?}");
    let theirs = Filter { officer_id: Some(f.treasurer.id), ..Filter::default() };
    assert!(f.store.with(|c| queue::build(c, FRIDAY(), &theirs)).unwrap().items.is_empty());
    // Assigning again keeps the history.
    f.store
        .write(|tx| {
            assignments::assign(
                tx,
                &actor,
                &[f.household_id],
                Assignee::Leader(f.neighbour_id),
                FRIDAY(),
            )
        })
        .unwrap();
    let history = f.store.with(|c| assignments::history(c, f.household_id)).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].0, Assignee::Leader(f.neighbour_id));
}

#[test]
fn the_timeline_shows_contacts_letters_and_payments_newest_first() {
    let f = fixture();
    let mut c = call(&f, at(FRIDAY(), 10, 0), Outcome::Hardship);
    c.note = "ขอเลื่อนไปหลังเกี่ยวข้าว".into();
    c.next_action = Some(("เยี่ยมบ้าน".into(), at(ymd(2025, 12, 15), 10, 0)));
    record(&f.store, &f, &c, at(FRIDAY(), 11, 0)).unwrap();
    let events = f.store.with(|c| contacts::timeline(c, f.loan_id)).unwrap();
    assert_eq!(events[0].kind, EventKind::Contact);
    assert!(events[0].text.contains("ขอผ่อนผัน/ขอปรับโครงสร้าง"), "{}", events[0].text);
    assert!(events[0].text.contains("เยี่ยมบ้าน 15 ธันวาคม 2568"), "{}", events[0].text);
    assert!(events.iter().any(|e| e.kind == EventKind::Payment), "the fixture's payment");
    // The ladder's rung is on every queue row.
    let q = f.store.with(|c| queue::build(c, ymd(2025, 12, 16), &Filter::default())).unwrap();
    let row = q.items.iter().find(|i| i.loan_id == f.loan_id).expect("back when the visit is due");
    assert!(row.step >= Some(Step::Reminder));
    assert!(
        row.priority.reasons.iter().any(|r| r.starts_with("ถึงกำหนดเยี่ยมบ้าน")),
        "{:?}",
        row.priority.reasons
    );
}

#[test]
fn a_payment_regrades_the_member_from_the_history_with_the_reason() {
    let f = fixture();
    let payment = ledger::NewPayment {
        loan_id: f.loan_id,
        paid_on: FRIDAY(),
        amount: Satang(10_000),
        channel: PaidBy::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    f.store.write(|tx| ledger::record(tx, &f.officer.actor(), &payment, FRIDAY())).unwrap();
    let p = f.store.with(|c| plodnee::store::persons::get(c, f.borrower_id)).unwrap();
    assert_eq!(p.grade, plodnee::domain::person::Grade::D, "{}", p.grade_reason);
    assert!(p.grade_reason.starts_with("ค้างชำระอยู่ "), "{}", p.grade_reason);
    let all = f
        .store
        .write(|tx| plodnee::store::grades::recompute_all(tx, &f.treasurer.actor(), FRIDAY()))
        .unwrap();
    assert!(all.members >= 1);
    let spouse = f.store.with(|c| plodnee::store::persons::get(c, f.spouse_id)).unwrap();
    assert!(!spouse.grade_reason.is_empty() || all.members == 1);
}
