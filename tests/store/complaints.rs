//! Complaints on a temporary database (issue 16): numbered per B.E. year, each step with who
//! and when, a disputed amount holding the loan out of the queue and the letter batches while the
//! complaint is open (through the one collection hold) and back after closing, the officer a
//! complaint is about never assigned to it, and the complainant's name masked to those without
//! the right, each look at it in the audit log.

use crate::support;

use plodnee::document::issue::{Filter as LetterFilter, batch_preview};
use plodnee::domain::complaints::{Category, Channel, Satisfaction, Severity, Step};
use plodnee::domain::letter::Kind;
use plodnee::domain::letter::threshold::Skip;
use plodnee::store::complaints::{self, Complainant, NewComplaint, StepInput};
use plodnee::store::queue::{self, Filter};
use plodnee::store::{StoreError, holds};
use support::{Fixture, fixture, today, ymd};

fn disputed(f: &Fixture) -> NewComplaint {
    NewComplaint {
        received_on: ymd(2025, 11, 3),
        channel: Channel::WalkIn,
        category: Category::DisputedAmount,
        complainant: Complainant::Member(f.borrower_id),
        detail: "ยอดค้างในหนังสือทวงถามสูงกว่าที่ผ่อนไว้".into(),
        request: "ขอให้ตรวจยอดใหม่".into(),
        loan_ids: vec![f.loan_id],
        about_user_id: None,
    }
}

fn in_queue(f: &Fixture) -> bool {
    let q = f.store.with(|c| queue::build(c, today(), &Filter::default())).unwrap();
    q.items.iter().any(|i| i.loan_id == f.loan_id)
}

fn in_letters(f: &Fixture) -> (bool, usize) {
    let p = f
        .store
        .with(|c| Ok(batch_preview(c, Kind::Demand, today(), &LetterFilter::default()).unwrap()))
        .unwrap();
    let held = p.skips.iter().find(|(s, _)| *s == Skip::OnHold).map(|(_, n)| *n).unwrap_or(0);
    (p.rows.iter().any(|r| r.loan_id == f.loan_id), held)
}

fn audit_count(f: &Fixture, action: &str) -> i64 {
    f.store
        .with(|c| {
            Ok(c.query_row("SELECT COUNT(*) FROM audit_log WHERE action = ?1", [action], |r| {
                r.get(0)
            })?)
        })
        .unwrap()
}

#[test]
fn a_disputed_amount_holds_collection_from_registration_to_closure() {
    let f = fixture();
    assert!(in_queue(&f));
    assert_eq!(in_letters(&f), (true, 0));
    let officer = f.officer.actor();
    let r = f.store.write(|tx| complaints::register(tx, &officer, &disputed(&f))).unwrap();
    assert_eq!(r.number, "1/2568");
    assert!(!in_queue(&f), "out of the queue while the complaint is open");
    assert_eq!(in_letters(&f), (false, 1), "the batch says one is on hold");
    let q = f.store.with(|c| queue::build(c, today(), &Filter::default())).unwrap();
    assert!(q.on_hold.iter().any(|(_, why)| why.contains("1/2568")), "{:?}", q.on_hold);
    // One hold record, in the collections' table.
    let held = f.store.with(|c| holds::of_loan(c, f.loan_id)).unwrap();
    assert_eq!(held.len(), 1);

    let go = |step, d, input: StepInput| {
        f.store.write(|tx| complaints::step(tx, &officer, r.id, step, ymd(2025, 11, d), &input))
    };
    go(Step::Acknowledge, 4, StepInput::default()).unwrap();
    go(
        Step::Assess,
        5,
        StepInput {
            handler_id: Some(f.treasurer.id),
            severity: Some(Severity::High),
            ..Default::default()
        },
    )
    .unwrap();
    go(
        Step::Investigate,
        6,
        StepInput {
            note: "ตรวจใบเสร็จครบทุกงวด".into(), ..Default::default()
        },
    )
    .unwrap();
    // A disputed amount is answered with whether it was confirmed.
    let e = go(Step::Respond, 7, StepInput { finding: "ยอดถูกต้อง".into(), ..Default::default() })
        .unwrap_err();
    assert_eq!(e.to_string(), "กรุณาระบุว่ายอดหนี้ถูกต้องหรือต้องแก้ไข");
    go(
        Step::Respond,
        7,
        StepInput {
            finding: "ยอดถูกต้องตามรายการเดินบัญชี".into(),
            remedy: "ชี้แจงการคำนวณดอกเบี้ย".into(),
            amount_confirmed: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!in_queue(&f), "still held until closed");
    go(
        Step::Close,
        10,
        StepInput {
            satisfaction: Some(Satisfaction::Satisfied),
            lesson: "แนบรายการเดินบัญชีไปกับหนังสือทวงถาม".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(in_queue(&f), "back in the queue after closing");
    assert_eq!(in_letters(&f), (true, 0), "back in the letter batches");

    let file = f.store.with(|c| complaints::get(c, &officer, r.id, today())).unwrap();
    let done: Vec<(&str, String)> =
        file.steps.iter().map(|s| (s.step.as_str(), s.by.clone())).collect();
    assert_eq!(done.len(), 6);
    assert!(done.iter().all(|(_, by)| by == "นางสาวใจดี มีสุข"), "{done:?}");
    assert_eq!(file.row.state, "ปิดเรื่องแล้ว");
    assert!(!file.row.open);
    for action in
        ["register_complaint", "complaint_acknowledge", "complaint_close", "start_hold", "end_hold"]
    {
        assert_eq!(audit_count(&f, action), 1, "{action}");
    }

    // Reopened: the loan is held again, through a new hold record.
    go(
        Step::Reopen,
        14,
        StepInput {
            note: "ผู้ร้องขอให้ตรวจอีกครั้ง".into(), ..Default::default()
        },
    )
    .unwrap();
    assert!(!in_queue(&f));
    assert_eq!(f.store.with(|c| holds::of_loan(c, f.loan_id)).unwrap().len(), 2);
}

#[test]
fn the_officer_complained_about_is_never_assigned_nor_acts_on_it() {
    let f = fixture();
    let committee = f.committee.actor();
    let c = NewComplaint {
        category: Category::Conduct,
        loan_ids: vec![],
        detail: "เจ้าหน้าที่พูดจาไม่สุภาพ".into(),
        about_user_id: Some(f.officer.id),
        ..disputed(&f)
    };
    let r = f.store.write(|tx| complaints::register(tx, &committee, &c)).unwrap();
    assert!(in_queue(&f), "a conduct complaint does not hold collection");
    f.store
        .write(|tx| {
            complaints::step(
                tx,
                &committee,
                r.id,
                Step::Acknowledge,
                ymd(2025, 11, 4),
                &StepInput::default(),
            )
        })
        .unwrap();
    let assign = |who| StepInput { handler_id: Some(who), ..Default::default() };
    let e = f
        .store
        .write(|tx| {
            complaints::step(
                tx,
                &committee,
                r.id,
                Step::Assess,
                ymd(2025, 11, 5),
                &assign(f.officer.id),
            )
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "มอบหมายเรื่องร้องเรียนให้ผู้ถูกร้องเรียนเป็นผู้รับผิดชอบไม่ได้ กรุณาเลือกผู้อื่น");
    let officer = f.officer.actor();
    let e = f
        .store
        .write(|tx| {
            complaints::step(
                tx,
                &officer,
                r.id,
                Step::Assess,
                ymd(2025, 11, 5),
                &assign(f.treasurer.id),
            )
        })
        .unwrap_err();
    assert!(e.to_string().contains("ร้องเรียนเกี่ยวกับท่านเอง"), "{e}");
    let file = f.store.with(|c| complaints::get(c, &committee, r.id, today())).unwrap();
    assert_eq!(file.row.state, "ตอบรับแล้ว", "nothing changed");
    assert!(file.handler_id.is_none());
    // The schema refuses it too.
    assert!(
        f.store
            .with(|c| Ok(c.execute("UPDATE complaint SET handler_id = about_user_id", [])?))
            .is_err()
    );
}

#[test]
fn only_the_committee_and_the_handler_see_who_complained_and_each_look_is_logged() {
    let f = fixture();
    let officer = f.officer.actor();
    let r = f.store.write(|tx| complaints::register(tx, &officer, &disputed(&f))).unwrap();
    let rows = f.store.with(|c| complaints::list(c, true, today())).unwrap();
    assert_eq!(rows[0].complainant, "ส••• ใจ•••", "lists show the name masked");
    let file = f.store.with(|c| complaints::get(c, &officer, r.id, today())).unwrap();
    assert!(!file.may_see_identity);
    let e = f.store.write(|tx| complaints::reveal(tx, &officer, r.id)).unwrap_err();
    assert!(matches!(e, StoreError::Refused(_)));
    assert_eq!(audit_count(&f, "view_complainant"), 0);

    let committee = f.committee.actor();
    let who = f.store.write(|tx| complaints::reveal(tx, &committee, r.id)).unwrap();
    assert_eq!(who.name, "นายสมชาย ใจดี");
    assert_eq!(audit_count(&f, "view_complainant"), 1);
    // The handler, once assigned, may look too.
    f.store
        .write(|tx| {
            complaints::step(
                tx,
                &officer,
                r.id,
                Step::Acknowledge,
                ymd(2025, 11, 4),
                &StepInput::default(),
            )
        })
        .unwrap();
    f.store
        .write(|tx| {
            complaints::step(
                tx,
                &committee,
                r.id,
                Step::Assess,
                ymd(2025, 11, 5),
                &StepInput { handler_id: Some(f.officer.id), ..Default::default() },
            )
        })
        .unwrap();
    assert!(f.store.write(|tx| complaints::reveal(tx, &officer, r.id)).is_ok());
    assert_eq!(audit_count(&f, "view_complainant"), 2);
    // The audit log never names the complainant.
    let named: i64 = f
        .store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%สมชาย%' AND entity = 'complaint'", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(named, 0);
}

#[test]
fn numbers_run_per_buddhist_year_and_bad_input_changes_nothing() {
    let f = fixture();
    let officer = f.officer.actor();
    let anonymous = |d| NewComplaint {
        received_on: d,
        category: Category::Service,
        complainant: Complainant::Anonymous,
        loan_ids: vec![],
        ..disputed(&f)
    };
    let n =
        |d| f.store.write(|tx| complaints::register(tx, &officer, &anonymous(d))).unwrap().number;
    assert_eq!(n(ymd(2024, 12, 30)), "1/2567");
    assert_eq!(n(ymd(2025, 1, 2)), "1/2568");
    assert_eq!(n(ymd(2025, 1, 3)), "2/2568");
    let id = |text: &str| f.store.with(|c| complaints::by_number(c, text)).unwrap();
    assert_eq!(id("๒/๒๕๖๘"), id("2/2568"), "Thai digits read as the same number");
    assert_ne!(id("2/2568"), id("1/2568"));
    assert!(f.store.with(|c| complaints::by_number(c, "3/2568")).is_err());

    let before = f.store.with(|c| complaints::list(c, false, today())).unwrap().len();
    let bad = [
        (NewComplaint { loan_ids: vec![], ..disputed(&f) }, "เรื่องโต้แย้งยอดหนี้ต้องระบุสัญญาที่โต้แย้ง"),
        (NewComplaint { detail: "  ".into(), ..disputed(&f) }, "กรุณากรอกเรื่องที่ร้องเรียน"),
        (
            NewComplaint {
                complainant: Complainant::Other {
                    name: " ".into(),
                    address: String::new(),
                    phone: String::new(),
                },
                ..disputed(&f)
            },
            "กรุณากรอกชื่อผู้ร้องเรียน หรือเลือกไม่ประสงค์ออกนาม",
        ),
        (
            NewComplaint { received_on: ymd(2099, 1, 1), ..disputed(&f) },
            "วันที่รับเรื่องต้องไม่เป็นวันในอนาคต",
        ),
    ];
    for (c, message) in bad {
        let e = f.store.write(|tx| complaints::register(tx, &officer, &c)).unwrap_err();
        assert_eq!(e.to_string(), message);
    }
    assert_eq!(f.store.with(|c| complaints::list(c, false, today())).unwrap().len(), before);
    assert!(f.store.with(|c| holds::of_loan(c, f.loan_id)).unwrap().is_empty());
    // Steps out of order are refused in Thai.
    let id = f.store.with(|c| complaints::by_number(c, "1/2568")).unwrap();
    let e = f
        .store
        .write(|tx| {
            complaints::step(tx, &officer, id, Step::Close, ymd(2025, 1, 5), &StepInput::default())
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "ขั้นตอนปิดเรื่องทำต่อจากรับเรื่องแล้วไม่ได้ ขั้นต่อไปคือ ตอบรับเรื่อง");
    for sql in [
        "DELETE FROM complaint_step",
        "UPDATE complaint_step SET note = 'x'",
        "DELETE FROM complaint",
    ] {
        assert!(f.store.with(|c| Ok(c.execute(sql, [])?)).is_err(), "{sql}");
    }
}

#[test]
fn an_unanswered_complaint_is_overdue_after_its_working_days() {
    let f = fixture();
    let officer = f.officer.actor();
    // Received Thursday 13 Nov 2568: acknowledgment due Friday 14; still waiting on the 21st.
    let c = NewComplaint { received_on: ymd(2025, 11, 13), ..disputed(&f) };
    f.store.write(|tx| complaints::register(tx, &officer, &c)).unwrap();
    let rows = f.store.with(|c| complaints::list(c, true, today())).unwrap();
    assert_eq!(rows[0].due_on, Some(ymd(2025, 11, 14)));
    assert!(rows[0].overdue);
    assert_eq!(f.store.with(|c| complaints::overdue_count(c, today())).unwrap(), 1);
    assert_eq!(f.store.with(|c| complaints::overdue_count(c, ymd(2025, 11, 14))).unwrap(), 0);
    // A longer target from the settings moves the due date: 5 working days → Thu 20 Nov.
    let committee = f.committee.actor();
    f.store
        .write(|tx| complaints::set_target(tx, &committee, "complaint.days.acknowledge", 5))
        .unwrap();
    let rows = f.store.with(|c| complaints::list(c, true, today())).unwrap();
    assert_eq!(rows[0].due_on, Some(ymd(2025, 11, 20)));
    assert!(
        f.store
            .write(|tx| complaints::set_target(tx, &officer, "complaint.days.acknowledge", 2))
            .is_err()
    );
}

#[test]
fn the_demo_has_a_complaint_at_every_step_one_overdue_and_one_disputed_amount_on_hold() {
    use plodnee::demo::{self, Options};
    let store = plodnee::store::Store::memory().unwrap();
    let opts = Options { households: 40, seed: 7, today: today() };
    store.with(|c| demo::generate(c, &opts)).unwrap();
    let rows = store.with(|c| complaints::list(c, false, today())).unwrap();
    let states: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.state.as_str()).collect();
    for step in Step::ALL {
        assert!(states.contains(step.state()), "{} missing from {states:?}", step.state());
    }
    assert!(rows.iter().any(|r| r.overdue), "one overdue");
    let disputed: Vec<_> =
        rows.iter().filter(|r| r.open && r.category == Category::DisputedAmount).collect();
    assert_eq!(disputed.len(), 1);
    let loan =
        store.with(|c| plodnee::store::loans::by_contract(c, &disputed[0].loans[0])).unwrap();
    let why = store.with(|c| holds::reason_on(c, loan.id, today())).unwrap();
    assert!(why.is_some_and(|w| w.contains(&disputed[0].number)));
    let again = plodnee::store::Store::memory().unwrap();
    again.with(|c| demo::generate(c, &opts)).unwrap();
    let rows2 = again.with(|c| complaints::list(c, false, today())).unwrap();
    assert_eq!(rows, rows2, "same seed, same complaints");
}

#[test]
fn the_committee_sets_the_targets_only_the_changed_ones_are_written_and_an_officer_is_refused() {
    let f = fixture();
    let committee = f.committee.actor();
    let changed =
        f.store.write(|tx| complaints::set_targets(tx, &committee, &[2, 3, 10, 15, 25])).unwrap();
    assert_eq!(changed, 2, "acknowledge 1 → 2 and close 20 → 25");
    let t = f.store.with(|c| complaints::targets(c)).unwrap();
    assert_eq!(t.in_key_order(), [2, 3, 10, 15, 25]);
    assert_eq!(audit_count(&f, "set_setting"), 2);
    let e = f
        .store
        .write(|tx| complaints::set_targets(tx, &committee, &[2, 0, 10, 15, 25]))
        .unwrap_err();
    assert!(e.to_string().contains("ระหว่าง 1 ถึง 90 วันทำการ"), "{e}");
    assert_eq!(
        f.store.with(|c| complaints::targets(c)).unwrap().in_key_order(),
        [2, 3, 10, 15, 25]
    );
    let officer = f.officer.actor();
    assert!(
        f.store.write(|tx| complaints::set_targets(tx, &officer, &[1, 3, 10, 15, 20])).is_err()
    );
    assert_eq!(audit_count(&f, "set_setting"), 2, "nothing more written");
}
