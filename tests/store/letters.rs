//! Letter templates and the letter register on a temporary database.

use chrono::NaiveDate;
use plodnee::domain::Satang;
use plodnee::domain::letter::Kind;
use plodnee::domain::role::Role;
use plodnee::store::{Actor, Store, institute, letters, users};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn store() -> (Store, Actor, Actor) {
    let store = Store::memory().unwrap();
    let (officer, committee) = store
        .write(|tx| {
            let sys = Actor::system();
            institute::save(
                tx,
                &sys,
                &institute::Institute {
                    name: "สถาบันการจัดการเงินทุนชุมชนตำบลหนองบัว".into(),
                    letter_prefix: "สจช.หบ.".into(),
                    ..Default::default()
                },
            )?;
            Ok((
                users::create(tx, &sys, "officer", "เจ้าหน้าที่", Role::Officer, "password-1")?.actor(),
                users::create(tx, &sys, "committee", "ประธาน", Role::Committee, "password-2")?
                    .actor(),
            ))
        })
        .unwrap();
    (store, officer, committee)
}

#[test]
fn shipped_wording_is_used_until_the_committee_edits_it_lawfully() {
    let (store, officer, committee) = store();
    let mut t = store.with(|c| letters::template(c, Kind::Demand)).unwrap();
    assert_eq!(t.subject, "ขอให้ชำระหนี้");
    t.body[1].push_str(" ขอบคุณที่ให้ความร่วมมือ");
    assert!(
        store.write(|tx| letters::save_template(tx, &officer, &t)).is_err(),
        "officers do not edit templates"
    );
    store.write(|tx| letters::save_template(tx, &committee, &t)).unwrap();
    assert!(
        store.with(|c| letters::template(c, Kind::Demand)).unwrap().body[1]
            .ends_with("ขอบคุณที่ให้ความร่วมมือ")
    );

    let mut threatening = t.clone();
    threatening.body.push("หากไม่ชำระจะแจ้งตำรวจให้จับกุม".into());
    let err = store.write(|tx| letters::save_template(tx, &committee, &threatening)).unwrap_err();
    assert!(err.to_string().contains("ห้ามใช้ถ้อยคำ"), "{err}");
    let mut no_amount = t.clone();
    no_amount.body = vec!["โปรดติดต่อสถาบัน {ชื่อสถาบัน}".into()];
    assert!(
        store
            .write(|tx| letters::save_template(tx, &committee, &no_amount))
            .unwrap_err()
            .to_string()
            .contains("ยอดค้างชำระ")
    );
    store.write(|tx| letters::reset_template(tx, &committee, Kind::Demand)).unwrap();
    assert_eq!(
        store.with(|c| letters::template(c, Kind::Demand)).unwrap(),
        plodnee::domain::letter::defaults::default_template(Kind::Demand)
    );
}

#[test]
fn the_register_numbers_letters_per_buddhist_year_and_keeps_what_they_said() {
    let (store, officer, _) = store();
    let content = vec!["นายสมชาย ใจดี".to_string(), "1,234.50".to_string()];
    let issue = |on: NaiveDate| {
        store
            .write(|tx| {
                let number = letters::next_number(tx, on)?;
                let l = letters::NewLetter {
                    kind: Kind::Reminder,
                    loan_id: None,
                    person_id: None,
                    recipient_name: "นายสมชาย ใจดี",
                    recipient_address: "12/3 หมู่ 3",
                    issued_on: on,
                    amounts: &[],
                    total: Satang(123_450),
                    content: &content,
                };
                let pdf = letters::PdfFile {
                    sha256: "ab12",
                    scope: letters::PdfScope::Letter,
                    pages: "1".into(),
                };
                let id = letters::register(tx, &officer, &number, &l, &pdf)?;
                Ok((id, number.2))
            })
            .unwrap()
    };
    assert_eq!(issue(ymd(2025, 11, 21)).1, "สจช.หบ. 1/2568");
    let (id, number) = issue(ymd(2025, 12, 1));
    assert_eq!(number, "สจช.หบ. 2/2568");
    assert_eq!(issue(ymd(2026, 1, 5)).1, "สจช.หบ. 1/2569");
    let r = store.with(|c| letters::by_number(c, "สจช.หบ. 2/2568")).unwrap();
    assert_eq!((r.id, r.total, r.status.as_str()), (id, Satang(123_450), "issued"));
    let said: Vec<String> = store.with(|c| letters::content(c, id)).unwrap();
    assert_eq!(said, content);
    store.write(|tx| letters::count_reprint(tx, &officer, id)).unwrap();
    assert_eq!(store.with(|c| letters::get(c, id)).unwrap().reprints, 1);
    assert_eq!(
        store.with(|c| letters::between(c, ymd(2025, 1, 1), ymd(2025, 12, 31))).unwrap().len(),
        2
    );
}
