//! The collections screens clicked through as an officer (issue 12): today's queue opens from the
//! sidebar with the officer's files, one click logs a call with a promise, a call on Sunday
//! evening is refused next to the button and recorded only with a reason, and the file's
//! timeline shows what happened.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::collections::contact::{
    self, DATE_ID, PROMISE_AMOUNT_ID, PROMISE_DATE_ID, REASON_ID, TIME_ID,
};
use plodnee::app::{Message, Screen};
use plodnee::store::assignments::{self, Assignee};
use plodnee::store::promises;
use support::{Driver, fixture, three_fund_loans, today, ymd};

fn contacts(store: &plodnee::store::Store) -> i64 {
    store.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM contact", [], |r| r.get(0))?)).unwrap()
}

fn set(d: &mut Driver, id: &'static str, text: &str) {
    d.clear(id);
    d.type_into(id, text);
}

#[test]
fn an_officer_opens_the_queue_logs_a_promise_and_is_stopped_on_sunday_evening() {
    let f = fixture();
    three_fund_loans(&f);
    let treasurer = f.treasurer.actor();
    f.store
        .write(|tx| {
            assignments::assign(
                tx,
                &treasurer,
                &[f.household_id],
                Assignee::Officer(f.officer.id),
                today(),
            )
        })
        .unwrap();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);

    d.click("งานติดตามวันนี้");
    let Screen::Queue(q) = &d.app.screen else { panic!("the queue opens") };
    let queue = q.queue.as_ref().expect("built");
    assert!(!queue.items.is_empty(), "the officer's files");
    assert!(q.mine, "an officer sees their own files first");
    assert!(d.shows("กทบ.1/2568"));
    d.snapshot("collections-01-queue");

    // Open the contact log of the fixture's loan from its file.
    d.send(Message::Navigate(plodnee::app::screen::Destination::Loan(f.loan_id)));
    d.click("บันทึกการติดตาม");
    assert!(matches!(d.app.screen, Screen::Contact(_)), "the contact form opens");
    // Yesterday (Thursday 20 Nov) at 10:00: in the past whatever the test machine's clock says.
    set(&mut d, DATE_ID, "20/11/2568");
    set(&mut d, TIME_ID, "10:00");
    d.click("ติดต่อได้และนัดชำระ");
    d.click("บันทึกการติดตาม");
    let Screen::Contact(c) = &d.app.screen else { panic!() };
    assert!(c.errors.promise_date.is_some() && c.errors.promise_amount.is_some());
    assert_eq!(contacts(&f.store), 0, "nothing saved with the promise missing");
    set(&mut d, PROMISE_DATE_ID, "24/11/2568");
    set(&mut d, PROMISE_AMOUNT_ID, "1,500");
    d.click("บันทึกการติดตาม");
    assert_eq!(contacts(&f.store), 1, "saved");
    assert!(d.shows("บันทึกการติดตามแล้ว: ติดต่อได้และนัดชำระ"));
    let Screen::Contact(c) = &d.app.screen else { panic!() };
    let timeline = &c.data.as_ref().expect("reloaded").timeline;
    assert!(timeline[0].text.contains("1,500.00 บาท ภายใน 24 พฤศจิกายน 2568"), "{:?}", timeline[0]);
    assert!(d.shows(&timeline[0].text), "the timeline is on screen");
    d.snapshot("collections-02-contact");

    // Sunday 16 Nov at 19:00: refused next to the button; recorded only with a reason.
    set(&mut d, DATE_ID, "16/11/2568");
    set(&mut d, TIME_ID, "19:00");
    d.click("ปฏิเสธ");
    d.click("บันทึกการติดตาม");
    let Screen::Contact(c) = &d.app.screen else { panic!() };
    let refused = c.errors.save.clone().expect("refused");
    assert!(refused.contains("08:00–18:00 น. ในวันหยุดราชการ"), "{refused}");
    assert!(c.asks_reason, "the reason field is offered");
    assert_eq!(contacts(&f.store), 1);
    d.snapshot("collections-03-refused");
    d.type_into(REASON_ID, "ลูกหนี้โทรมาเอง");
    d.click("บันทึกการติดตาม");
    assert_eq!(contacts(&f.store), 2, "recorded with its reason");

    // A week on, the promise is broken by itself and the queue puts the file first.
    f.store.write(|tx| promises::evaluate_all(tx, ymd(2025, 11, 28))).unwrap();
    let q = f
        .store
        .with(|c| {
            plodnee::store::queue::build(
                c,
                ymd(2025, 11, 28),
                &plodnee::store::queue::Filter {
                    officer_id: Some(f.officer.id),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(q.items[0].loan_id, f.loan_id);
    assert_eq!(q.items[0].priority.reasons[0], "ผิดนัดชำระ (นัด 24 พฤศจิกายน 2568)");
}

#[test]
fn times_are_read_as_officers_type_them() {
    use chrono::NaiveTime;
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    assert_eq!(contact::parse_time("10:30"), t(10, 30));
    assert_eq!(contact::parse_time("10.30 น."), t(10, 30));
    assert_eq!(contact::parse_time("๑๐.๓๐"), t(10, 30));
    assert_eq!(contact::parse_time("25:00"), None);
    assert_eq!(contact::parse_time("สิบโมง"), None);
}

#[test]
fn a_hold_is_started_and_ended_from_the_contact_screen_and_the_queue_says_why() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(plodnee::app::screen::Destination::Contact { loan_id: f.loan_id }));
    let Screen::Contact(c) = &d.app.screen else { panic!() };
    let ladder = c.data.as_ref().and_then(|d| d.ladder).expect("a file in arrears has a rung");
    assert_eq!(ladder.implied, Some(plodnee::domain::collections::ladder::Step::Termination));
    d.click("พักการติดตาม");
    let Screen::Contact(c) = &d.app.screen else { panic!() };
    assert!(
        c.hold_message.as_deref().unwrap_or("").contains("กรุณาระบุเหตุผล"),
        "{:?}",
        c.hold_message
    );
    d.type_into(contact::HOLD_REASON_ID, "โต้แย้งยอดหนี้");
    d.click("พักการติดตาม");
    assert!(d.shows("พักการติดตามอยู่: โต้แย้งยอดหนี้"));
    let q =
        f.store.with(|c| plodnee::store::queue::build(c, today(), &Default::default())).unwrap();
    assert!(q.items.iter().all(|i| i.loan_id != f.loan_id), "out of the queue");
    assert_eq!(q.on_hold, vec![("กทบ.1/2568".to_string(), "โต้แย้งยอดหนี้".to_string())]);
    d.type_into(contact::HOLD_REASON_ID, "ตรวจยอดแล้ว");
    d.click("สิ้นสุดการพักการติดตาม");
    let q =
        f.store.with(|c| plodnee::store::queue::build(c, today(), &Default::default())).unwrap();
    assert!(q.items.iter().any(|i| i.loan_id == f.loan_id), "back in the queue");
}
