//! PDPA duties (issue 15 §8) on a temporary database: the breach register counts 72 hours from
//! when the fund learned of a breach and keeps what is still owed; bad input and roles without
//! the right change nothing; a subject-access copy holds the member's rows found through the
//! schema's foreign keys and is itself logged.

use chrono::{Duration, NaiveDateTime};

use crate::support;

use plodnee::domain::privacy::breach::{Duty, Risk};
use plodnee::store::audit;
use plodnee::store::privacy::breaches::{self, NewBreach, Told};
use plodnee::store::privacy::subject_access;
use support::{fixture, today};

fn at(hours_before_now: i64) -> NaiveDateTime {
    plodnee::clock::now() - Duration::hours(hours_before_now)
}

fn count(f: &support::Fixture, table: &str) -> i64 {
    f.store
        .with(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_breach_counts_down_72_hours_and_leaves_the_list_when_every_duty_is_done() {
    let f = fixture();
    let committee = f.committee.actor();
    let high = NewBreach {
        learned_at: at(10),
        happened_at: Some(at(30)),
        what: "แฟ้มรายชื่อสมาชิกพร้อมเลขประจำตัวประชาชนถูกส่งไปกลุ่มไลน์ผิดกลุ่ม".into(),
        risk: Risk::High,
        people_affected: 85,
    };
    let id =
        f.store.write(|tx| breaches::record(tx, &committee, &high, plodnee::clock::now())).unwrap();
    let unlikely = NewBreach {
        risk: Risk::Unlikely, what: "ลืมล็อกหน้าจอ".into(), ..high.clone()
    };
    f.store.write(|tx| breaches::record(tx, &committee, &unlikely, plodnee::clock::now())).unwrap();

    let owing = f.store.with(|c| breaches::owing(c, plodnee::clock::now())).unwrap();
    assert_eq!(owing.len(), 1, "a breach unlikely to harm anyone owes nothing");
    match owing[0].duty(plodnee::clock::now()) {
        Duty::TellPdpc { left } => {
            assert!((61..=62).contains(&left.num_hours()), "{left:?}: 72 − 10 hours")
        }
        other => panic!("{other:?}"),
    }
    // Late by a day, judged a day and a half from now.
    assert!(
        matches!(owing[0].duty(at(-86)), Duty::PdpcOverdue { late_by } if late_by.num_hours() == 24)
    );

    f.store.write(|tx| breaches::tell(tx, &committee, id, Told::Pdpc, at(1))).unwrap();
    let again = f.store.write(|tx| breaches::tell(tx, &committee, id, Told::Pdpc, at(0)));
    assert!(again.unwrap_err().to_string().contains("บันทึกการแจ้งนี้ไว้แล้ว"));
    let owing = f.store.with(|c| breaches::owing(c, plodnee::clock::now())).unwrap();
    assert_eq!(owing[0].duty(plodnee::clock::now()), Duty::TellMembers, "high risk: members too");
    f.store.write(|tx| breaches::tell(tx, &committee, id, Told::Members, at(0))).unwrap();
    assert!(f.store.with(|c| breaches::owing(c, plodnee::clock::now())).unwrap().is_empty());

    let log = f.store.with(|c| audit::recent(c, 3)).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"breach_told_members") && actions.contains(&"breach_told_pdpc"),
        "{actions:?}"
    );
    // Never deleted, even with SQL.
    let delete = f.store.with(|c| Ok(c.execute("DELETE FROM data_breach", [])));
    assert!(delete.unwrap().is_err());
}

#[test]
fn bad_input_and_roles_without_the_right_change_nothing() {
    let f = fixture();
    let committee = f.committee.actor();
    let good = NewBreach {
        learned_at: at(2),
        happened_at: None,
        what: "อีเมลแนบไฟล์รายชื่อส่งผิดคน".into(),
        risk: Risk::Risk,
        people_affected: 3,
    };
    let audit_before = count(&f, "audit_log");
    let cases = [
        (NewBreach { what: "   ".into(), ..good.clone() }, "กรุณาบรรยายเหตุที่เกิดขึ้น"),
        (NewBreach { learned_at: at(-2), ..good.clone() }, "เวลาในอนาคต"),
        (NewBreach { happened_at: Some(at(1)), ..good.clone() }, "ต้องไม่หลังเวลาที่ทราบเหตุ"),
        (NewBreach { people_affected: -1, ..good.clone() }, "ต้องไม่ติดลบ"),
    ];
    for (b, message) in cases {
        let err = f.store.write(|tx| breaches::record(tx, &committee, &b, plodnee::clock::now()));
        assert!(err.unwrap_err().to_string().contains(message), "{message}");
    }
    let officer = f.officer.actor();
    assert!(
        f.store.write(|tx| breaches::record(tx, &officer, &good, plodnee::clock::now())).is_err()
    );
    assert!(f.store.write(|tx| subject_access::copy(tx, &officer, f.borrower_id)).is_err());
    assert_eq!(count(&f, "data_breach"), 0);
    assert_eq!(count(&f, "audit_log"), audit_before, "nothing was written");
    let _ = today();
}

#[test]
fn a_subject_access_copy_holds_the_members_loans_payments_and_guarantees_and_is_logged() {
    let f = fixture();
    let committee = f.committee.actor();
    let copy = f.store.write(|tx| subject_access::copy(tx, &committee, f.borrower_id)).unwrap();
    assert_eq!(copy.name, "นายสมชาย ใจดี");
    let person = &copy.tables["person"][0];
    assert_eq!(person["first_name"], "สมชาย");
    assert_eq!(copy.tables["loan"].len(), 1);
    assert_eq!(copy.tables["loan"][0]["id"], f.loan_id);
    assert_eq!(copy.tables["payment"].len(), 1, "the fixture's one payment");
    assert!(copy.tables["installment"].len() >= 12);
    assert!(copy.tables["allocation"].iter().all(|a| a["loan_id"] == f.loan_id));
    assert!(!copy.tables.contains_key("audit_log") && !copy.tables.contains_key("app_user"));
    // The guarantor's copy shows the guarantee, not the borrower's payments.
    let neighbour =
        f.store.write(|tx| subject_access::copy(tx, &committee, f.neighbour_id)).unwrap();
    assert!(neighbour.tables["loan_party"].iter().any(|p| p["loan_id"] == f.loan_id));
    assert!(!neighbour.tables.contains_key("payment"));
    let log = f.store.with(|c| audit::recent(c, 2)).unwrap();
    assert!(log.iter().all(|e| e.action == "subject_access"), "{log:?}");
}
