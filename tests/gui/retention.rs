//! GUI tests of ข้อมูลพ้นระยะเก็บรักษา through the whole app: a member whose only loan was paid
//! off on 15/2/2555 (2012) is listed ten years on (the fixture's own loan is still open, so its
//! people are not); approving without a resolution or with nobody chosen is answered and changes
//! nothing; approving with the resolution anonymises the member and the list empties. An
//! officer is not offered the screen.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::screen::admin::retention::{Message as R, RESOLUTION_ID, Retention};
use plodnee::app::{Message, Screen};
use plodnee::domain::Satang;
use plodnee::domain::loan::Channel;
use plodnee::domain::person::Grade;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
use plodnee::store::households::{self, NewHousehold};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::loans::{self, NewLoan};
use plodnee::store::persons::{self, NewPerson};
use support::{Driver, Fixture, OFFICER_PASSWORD, fixture, ymd};

fn screen(d: &Driver) -> &Retention {
    let Screen::Retention(s) = &d.app.screen else { panic!("on the retention screen") };
    s
}

/// นายเก่า ปิดแล้ว of a house of his own, who borrowed 5,000 baht in 2012 and paid it off.
fn long_closed_member(f: &Fixture) -> i64 {
    let actor = f.committee.actor();
    f.store
        .write(|tx| {
            let address = support::address_fixture("99", 7);
            let household = households::create(
                tx,
                &actor,
                &NewHousehold { address, registration_no: String::new() },
            )?;
            let person = persons::create(
                tx,
                &actor,
                &NewPerson {
                    household_id: household,
                    title: "นาย".into(),
                    first_name: "เก่า".into(),
                    last_name: "ปิดแล้ว".into(),
                    national_id: None,
                    birth_date: None,
                    phone: "0811111111".into(),
                    grade: Grade::A,
                },
            )?;
            let loan = loans::create(
                tx,
                &actor,
                &NewLoan {
                    contract_no: None,
                    fund_id: f.fund_id,
                    borrower_id: person,
                    terms: Terms {
                        principal: Satang::from_baht(5_000),
                        rate: AnnualRate::from_bp(600).expect("6%"),
                        method: Method::EqualPrincipal,
                        frequency: Frequency::Monthly,
                        periods: 5,
                        start: ymd(2012, 1, 15),
                        day_count: DayCount::Period,
                        round_up_baht: false,
                    },
                    penalty_rate: AnnualRate::from_bp(500).expect("5%"),
                    purpose: "ค้าขาย".into(),
                    co_borrowers: vec![],
                    guarantors: vec![],
                    collateral: vec![],
                },
            )?;
            let l = loans::get(tx, loan)?;
            let payoff = loans::statement(tx, &l, ymd(2012, 2, 15))?.payoff;
            let r = ledger::record(
                tx,
                &actor,
                &NewPayment {
                    loan_id: loan,
                    paid_on: ymd(2012, 2, 15),
                    amount: payoff,
                    channel: Channel::Cash,
                    payer_name: "นายเก่า ปิดแล้ว".into(),
                    note: String::new(),
                },
                support::today(),
            )?;
            assert!(r.paid_off);
            Ok(person)
        })
        .unwrap()
}

fn person_row(f: &Fixture, id: i64) -> String {
    let p = f.store.with(|c| persons::get(c, id)).unwrap();
    format!("{} {} {}", p.first_name, p.last_name, p.phone)
}

#[test]
fn the_committee_anonymises_a_member_whose_loans_closed_long_ago() {
    let f = fixture();
    let old = long_closed_member(&f);
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.click("ข้อมูลพ้นระยะเก็บรักษา");
    let list = screen(&d).list.clone().expect("listed");
    let ids: Vec<i64> = list.iter().map(|c| c.person_id).collect();
    assert_eq!(ids, vec![old], "the fixture's open loan keeps its borrower and guarantor");
    assert!(d.shows("นายเก่า ปิดแล้ว"));
    assert!(d.shows("15 ก.พ. 55"), "closed on");
    assert!(d.shows("15 ก.พ. 65"), "may be anonymised from, ten years on");

    // Nobody chosen, then no resolution: a Thai message each time and nothing changes.
    let before = person_row(&f, old);
    d.send(Message::Retention(R::Approve));
    assert_eq!(screen(&d).error.as_deref(), Some("ยังไม่ได้เลือกสมาชิกที่จะลบข้อมูล"));
    d.click("เลือกทั้งหมด");
    assert!(screen(&d).chosen.contains(&old));
    d.click("อนุมัติลบข้อมูลระบุตัวตน");
    let e = screen(&d).resolution_error.clone().expect("asked for the resolution");
    assert!(d.shows(&e));
    assert_eq!(person_row(&f, old), before);
    super::breaches::snapshot_at(&d, "retention-1024", 1024.0, 700.0);

    d.type_into(RESOLUTION_ID, "มติที่ประชุมคณะกรรมการครั้งที่ 3/2568");
    d.click("อนุมัติลบข้อมูลระบุตัวตน");
    let s = screen(&d);
    assert!(s.error.is_none(), "{:?}", s.error);
    assert!(d.shows("ลบข้อมูลระบุตัวตนของสมาชิก 1 คนแล้ว ยอดเงินและสัญญายังอยู่ (บันทึกในบันทึกการใช้งาน)"));
    assert!(s.list.as_ref().unwrap().is_empty());
    assert!(d.shows("ไม่มีสมาชิกที่พ้นระยะเวลาเก็บรักษา ณ วันที่นี้"));
    assert_eq!(person_row(&f, old), format!("ลบข้อมูลแล้ว รหัส {old} "));
    let report = f.store.with(|c| plodnee::store::check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    d.snapshot_tall("retention-done", 900.0);
}

#[test]
fn a_day_after_today_is_refused_beside_the_field() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.send(Message::Navigate(Destination::Retention));
    d.send(Message::Retention(R::AsOfChanged("1/1/2600".into())));
    d.send(Message::Retention(R::Show));
    assert_eq!(screen(&d).as_of_error.as_deref(), Some("วันที่พิจารณาต้องไม่หลังวันนี้"));
    assert!(d.shows("วันที่พิจารณาต้องไม่หลังวันนี้"));
}

#[test]
fn an_officer_is_not_offered_the_retention_screen() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", OFFICER_PASSWORD);
    assert!(!d.shows("ข้อมูลพ้นระยะเก็บรักษา"));
    d.send(Message::Navigate(Destination::Retention));
    assert!(!matches!(d.app.screen, Screen::Retention(_)));
}
