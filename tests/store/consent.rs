//! A member's PDPA records (migration 0019) on a temporary database: the privacy notice's
//! deliveries and consents given and withdrawn, append-only, the latest per purpose holding;
//! bad records (a day ahead, withdrawing what was never given, giving twice, an anonymised
//! member) are refused in Thai with nothing written; each record is one audit entry.

use crate::support;

use plodnee::domain::privacy::consent::{NoticeWay, Purpose};
use plodnee::store::privacy::consent;
use support::{fixture, today, ymd};

fn rows(f: &support::Fixture) -> (i64, i64, i64) {
    f.store
        .with(|c| {
            Ok((
                c.query_row("SELECT COUNT(*) FROM consent_record", [], |r| r.get(0))?,
                c.query_row("SELECT COUNT(*) FROM privacy_notice_delivery", [], |r| r.get(0))?,
                c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?,
            ))
        })
        .unwrap()
}

#[test]
fn consents_are_a_history_and_the_latest_holds() {
    let f = fixture();
    let officer = f.officer.actor();
    let id = f.borrower_id;
    let write = |purpose, given, on| {
        f.store.write(|tx| consent::record_consent(tx, &officer, id, purpose, given, on, today()))
    };
    f.store
        .write(|tx| {
            consent::record_notice(tx, &officer, id, NoticeWay::Hand, ymd(2025, 1, 15), today())
        })
        .unwrap();
    write(Purpose::LineSms, true, ymd(2025, 1, 15)).unwrap();
    write(Purpose::LineSms, false, ymd(2025, 6, 1)).unwrap();
    write(Purpose::Photo, true, ymd(2025, 2, 1)).unwrap();
    let r = f.store.with(|c| consent::of_person(c, id)).unwrap();
    assert_eq!(r.notices.len(), 1);
    assert_eq!(r.notices[0].how, NoticeWay::Hand);
    let line = r.current(Purpose::LineSms).unwrap();
    assert_eq!((line.given, line.on), (false, ymd(2025, 6, 1)));
    assert!(r.current(Purpose::Photo).unwrap().given);
    assert_eq!(r.consents.len(), 3, "the withdrawal did not erase the consent before it");
    let actions: Vec<String> = f
        .store
        .with(|c| {
            let mut s = c.prepare("SELECT action FROM audit_log WHERE entity_id = ?1 AND action IN ('give_consent', 'withdraw_consent', 'deliver_privacy_notice') ORDER BY id")?;
            Ok(s.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(
        actions,
        ["deliver_privacy_notice", "give_consent", "withdraw_consent", "give_consent"]
    );
}

#[test]
fn bad_records_are_refused_and_change_nothing() {
    let f = fixture();
    let officer = f.officer.actor();
    let id = f.spouse_id;
    let before = rows(&f);
    let tries = [
        (Purpose::Photo, false, today(), "ยังไม่เคยให้ความยินยอม"),
        (Purpose::Photo, true, ymd(2025, 11, 22), "อนาคต"),
    ];
    for (purpose, given, on, says) in tries {
        let e = f
            .store
            .write(|tx| consent::record_consent(tx, &officer, id, purpose, given, on, today()))
            .unwrap_err();
        assert!(e.to_string().contains(says), "{e}");
        assert_eq!(rows(&f), before);
    }
    let e = f
        .store
        .write(|tx| consent::record_notice(tx, &officer, 9_999, NoticeWay::Post, today(), today()))
        .unwrap_err();
    assert!(e.to_string().contains("สมาชิก"), "{e}");
    f.store
        .write(|tx| {
            consent::record_consent(tx, &officer, id, Purpose::Photo, true, today(), today())
        })
        .unwrap();
    let after = rows(&f);
    let twice = f.store.write(|tx| {
        consent::record_consent(tx, &officer, id, Purpose::Photo, true, today(), today())
    });
    assert!(twice.unwrap_err().to_string().contains("ไว้แล้ว"));
    assert_eq!(rows(&f), after);
    // Records are never edited or deleted, even with SQL.
    let edit = f.store.with(|c| Ok(c.execute("UPDATE consent_record SET given = 0", [])?));
    assert!(edit.is_err());
    let delete = f.store.with(|c| Ok(c.execute("DELETE FROM consent_record", [])?));
    assert!(delete.is_err());
}
