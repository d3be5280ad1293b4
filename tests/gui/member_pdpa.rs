//! GUI tests of the member file's PDPA section: an officer records that the privacy notice was
//! handed over and a LINE/SMS consent given then withdrawn, each shown at once with its date;
//! a record the store refuses (an anonymised member) is answered in Thai and changes nothing.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::debtors::member::{MemberFile, Message as Mm};
use plodnee::app::{Message, Screen};
use plodnee::domain::privacy::consent::{NoticeWay, Purpose};
use plodnee::domain::thai::date::format_long;
use support::{Driver, OFFICER_PASSWORD, fixture, today};

fn file(d: &Driver) -> &MemberFile {
    let Screen::Member(s) = &d.app.screen else { panic!("on the member file") };
    s
}

#[test]
fn an_officer_records_the_notice_and_a_consent_given_then_withdrawn() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Member(f.borrower_id)));
    assert!(d.shows("ยังไม่ได้บันทึกการมอบประกาศ"));
    assert!(d.shows("ยังไม่ได้ขอความยินยอม"));
    let day = format_long(today());

    d.click("บันทึกว่ามอบประกาศแล้ว");
    assert!(d.shows(&format!("มอบให้ด้วยตนเอง เมื่อ {day}")));
    d.click("ยินยอมให้ติดต่อทาง LINE/SMS");
    assert!(d.shows(&format!("ให้ความยินยอมเมื่อ {day}")));
    let pdpa = &file(&d).data.as_ref().unwrap().pdpa;
    assert!(pdpa.current(Purpose::LineSms).unwrap().given);
    d.snapshot_tall("member-pdpa", 1400.0);
    d.click("ถอนความยินยอม LINE/SMS");
    assert!(d.shows(&format!("ถอนความยินยอมเมื่อ {day}")));
    let pdpa = &file(&d).data.as_ref().unwrap().pdpa;
    assert_eq!(pdpa.consents.len(), 2);
    assert_eq!(pdpa.notices.len(), 1);
    super::breaches::snapshot_at(&d, "member-pdpa-1024", 1024.0, 700.0);
}

#[test]
fn a_refused_record_is_answered_and_changes_nothing() {
    let f = fixture();
    f.store
        .with(|c| {
            Ok(c.execute(
                "UPDATE person SET anonymised_on = '2025-11-01' WHERE id = ?1",
                [f.spouse_id],
            )?)
        })
        .unwrap();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Member(f.spouse_id)));
    d.send(Message::Member(Mm::RecordNotice(NoticeWay::Post)));
    assert_eq!(file(&d).error.as_deref(), Some("ข้อมูลของสมาชิกนี้ถูกลบแล้ว"));
    assert!(d.shows("ข้อมูลของสมาชิกนี้ถูกลบแล้ว"));
    let n: i64 = f
        .store
        .with(
            |c| Ok(c.query_row("SELECT COUNT(*) FROM privacy_notice_delivery", [], |r| r.get(0))?),
        )
        .unwrap();
    assert_eq!(n, 0);
}
