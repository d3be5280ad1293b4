//! Storage on a temporary database: loans, payments with receipt numbers, refusals that change
//! nothing, reversals that keep the original, schema guards, and the reconciliation check.

use chrono::NaiveDate;
use plodnee::domain::address::Address;
use plodnee::domain::loan::{Channel, FundKind, LoanStatus};
use plodnee::domain::person::Grade;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::role::Role;
use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
use plodnee::domain::statement::Part;
use plodnee::domain::{NationalId, Satang};
use plodnee::store::{
    self, Actor, Store, StoreError, check, funds, households, ledger, loans, persons, users,
};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct Fixture {
    store: Store,
    _dir: tempfile::TempDir,
    officer: Actor,
    treasurer: Actor,
    loan_id: i64,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    let (officer, treasurer, loan_id) = store
        .write(|tx| {
            let sys = Actor::system();
            let officer =
                users::create(tx, &sys, "officer", "นางสาวสุดา ทองดี", Role::Officer, "secret-123")?
                    .actor();
            let treasurer =
                users::create(tx, &sys, "treasurer", "นางมาลี บุญมา", Role::Treasurer, "secret-456")?
                    .actor();
            let fund = funds::create(
                tx,
                &sys,
                &funds::NewFund {
                    code: "กทบ.".into(),
                    name: "กองทุนหมู่บ้าน".into(),
                    kind: FundKind::VillageFund,
                    default_rate: AnnualRate::from_bp(1200).unwrap(),
                    default_method: Method::Annuity,
                    default_frequency: Frequency::Monthly,
                    default_periods: 12,
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                },
            )?;
            let address = Address {
                house_no: "12/3".into(),
                village_no: 3,
                village_name: "หนองบัว".into(),
                subdistrict: "หนองบัว".into(),
                district: "บ้านโป่ง".into(),
                province: "ราชบุรี".into(),
                postcode: "70110".into(),
            };
            let hh = households::create(
                tx,
                &officer,
                &households::NewHousehold { address, registration_no: String::new() },
            )?;
            let person = |first: &str, id: &str| persons::NewPerson {
                household_id: hh,
                title: "นาย".into(),
                first_name: first.into(),
                last_name: "ใจดี".into(),
                national_id: Some(NationalId::parse(id).unwrap()),
                birth_date: Some(ymd(1970, 5, 1)),
                phone: "0812345678".into(),
                grade: Grade::A,
            };
            let borrower = persons::create(tx, &officer, &person("สมชาย", "1234567890121"))?;
            let guarantor = persons::create(tx, &officer, &person("สมศักดิ์", "3100600123450"))?;
            let loan = loans::create(
                tx,
                &officer,
                &loans::NewLoan {
                    contract_no: None,
                    fund_id: fund,
                    borrower_id: borrower,
                    terms: Terms {
                        principal: Satang::from_baht(10_000),
                        rate: AnnualRate::from_bp(1200).unwrap(),
                        method: Method::Annuity,
                        frequency: Frequency::Monthly,
                        periods: 12,
                        start: ymd(2025, 1, 31),
                        day_count: DayCount::Period,
                        round_up_baht: false,
                    },
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                    purpose: "ทำนา".into(),
                    co_borrowers: vec![],
                    guarantors: vec![guarantor],
                    collateral: vec![],
                },
            )?;
            Ok((officer, treasurer, loan))
        })
        .unwrap();
    Fixture { store, _dir: dir, officer, treasurer, loan_id }
}

fn pay(f: &Fixture, date: NaiveDate, satang: i64) -> store::Result<ledger::Receipt> {
    let payment = ledger::NewPayment {
        loan_id: f.loan_id,
        paid_on: date,
        amount: Satang(satang),
        channel: Channel::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    f.store.write(|tx| ledger::record(tx, &f.officer, &payment, ymd(2025, 11, 21)))
}

fn assert_reconciles(f: &Fixture) {
    let report = f.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

#[test]
fn a_new_loan_gets_a_numbered_contract_and_its_schedule() {
    let f = fixture();
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(loan.contract_no, "กทบ.1/2568");
    assert_eq!(loan.outstanding, Satang::from_baht(10_000));
    assert_eq!(loan.next_unpaid_due, Some(ymd(2025, 2, 28)));
    let schedule = f.store.with(|c| loans::schedule(c, f.loan_id)).unwrap();
    assert_eq!(schedule.installments.len(), 12);
    assert_eq!(schedule.total_principal(), Satang::from_baht(10_000));
    let parties = f.store.with(|c| loans::parties(c, f.loan_id)).unwrap();
    assert_eq!(parties[0].name, "นายสมศักดิ์ ใจดี");
    assert_reconciles(&f);
}

#[test]
fn a_payment_gets_the_next_receipt_number_and_is_allocated() {
    let f = fixture();
    let r1 = pay(&f, ymd(2025, 3, 15), 88_849).unwrap();
    assert_eq!(r1.receipt_no, "2568/000001");
    assert_eq!(r1.allocation.total_of(Part::DefaultInterest), Satang(162));
    assert_eq!(r1.allocation.total_of(Part::Principal), Satang(78_687));
    assert_eq!(r1.outstanding_after, Satang(1_000_000 - 78_687));
    let r2 = pay(&f, ymd(2025, 3, 31), 88_849).unwrap();
    assert_eq!(r2.receipt_no, "2568/000002");
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(loan.outstanding, r2.outstanding_after);
    assert_reconciles(&f);
}

#[test]
fn receipts_restart_each_buddhist_year() {
    let f = fixture();
    pay(&f, ymd(2025, 2, 28), 88_849).unwrap();
    let next_year = f.store.with(|c| ledger::next_receipt_no(c, ymd(2026, 1, 2))).unwrap();
    assert_eq!(next_year.2, "2569/000001");
}

#[test]
fn refused_payments_change_nothing() {
    let f = fixture();
    let future = pay(&f, ymd(2025, 12, 1), 10_000).unwrap_err();
    assert!(future.to_string().contains("อนาคต"), "{future}");
    let too_much = pay(&f, ymd(2025, 3, 1), 2_000_000).unwrap_err();
    assert!(too_much.to_string().contains("มากกว่าหนี้ทั้งหมด"), "{too_much}");
    let before = pay(&f, ymd(2025, 1, 1), 10_000).unwrap_err();
    assert!(before.to_string().contains("ก่อนวันเริ่มสัญญา"), "{before}");
    let payments = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    assert!(payments.is_empty());
    let next = f.store.with(|c| ledger::next_receipt_no(c, ymd(2025, 3, 1))).unwrap();
    assert_eq!(next.2, "2568/000001");
}

#[test]
fn a_reversal_keeps_the_original_and_reallocates_later_payments() {
    let f = fixture();
    let first = pay(&f, ymd(2025, 2, 28), 88_849).unwrap();
    let second = pay(&f, ymd(2025, 3, 31), 88_849).unwrap();
    // Officers may not reverse; a reason is required.
    let denied = f.store.write(|tx| ledger::reverse(tx, &f.officer, first.payment_id, "พิมพ์ผิด"));
    assert!(matches!(denied, Err(StoreError::Forbidden)));
    let no_reason = f.store.write(|tx| ledger::reverse(tx, &f.treasurer, first.payment_id, "  "));
    assert!(no_reason.is_err());

    f.store
        .write(|tx| ledger::reverse(tx, &f.treasurer, first.payment_id, "บันทึกซ้ำกับใบเสร็จเล่มเดิม"))
        .unwrap();
    let payments = f.store.with(|c| ledger::payments(c, f.loan_id)).unwrap();
    assert_eq!(payments.len(), 2, "the reversed payment stays on record");
    assert_eq!(payments[0].reversal.as_ref().unwrap().reason, "บันทึกซ้ำกับใบเสร็จเล่มเดิม");
    // The second payment now pays installment 1 (31 days late) before installment 2.
    assert_eq!(payments[1].id, second.payment_id);
    assert_eq!(payments[1].slices[0].installment, Some(1));
    assert_eq!(payments[1].slices[0].part, Part::DefaultInterest);
    let again = f.store.write(|tx| ledger::reverse(tx, &f.treasurer, first.payment_id, "ซ้ำ"));
    assert!(again.unwrap_err().to_string().contains("ถูกยกเลิกไปแล้ว"));
    assert_reconciles(&f);
}

#[test]
fn paying_everything_closes_the_loan_and_a_reversal_reopens_it() {
    let f = fixture();
    let schedule = f.store.with(|c| loans::schedule(c, f.loan_id)).unwrap();
    // Installments 1–9 fall due on or before "today" (21 Nov 2025) and are paid on time; the
    // member then pays off the last three early at the payoff the file shows (interest to today
    // only); the scheduled amounts of those three would be more than is owed, and are refused.
    for i in &schedule.installments[..9] {
        pay(&f, i.due_date, i.payment().0).unwrap();
    }
    let rest: Satang = schedule.installments[9..].iter().map(|i| i.payment()).sum();
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    let payoff = f.store.with(|c| loans::statement(c, &loan, ymd(2025, 11, 21))).unwrap().payoff;
    assert!(payoff < rest, "interest not yet earned is not owed");
    assert!(pay(&f, ymd(2025, 11, 21), rest.0).is_err(), "more than the payoff is refused");
    let last = pay(&f, ymd(2025, 11, 21), payoff.0).unwrap();
    assert!(last.paid_off);
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(loan.status, LoanStatus::Closed);
    assert_eq!(loan.closed_on, Some(ymd(2025, 11, 21)));
    f.store.write(|tx| ledger::reverse(tx, &f.treasurer, last.payment_id, "เช็คคืน")).unwrap();
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(loan.status, LoanStatus::Active);
    assert_reconciles(&f);
}

#[test]
fn payments_cannot_be_edited_or_deleted_even_with_sql() {
    let f = fixture();
    let r = pay(&f, ymd(2025, 2, 28), 88_849).unwrap();
    let update = f
        .store
        .with(|c| Ok(c.execute("UPDATE payment SET amount = 1 WHERE id = ?1", [r.payment_id])));
    assert!(update.unwrap().is_err());
    let delete =
        f.store.with(|c| Ok(c.execute("DELETE FROM payment WHERE id = ?1", [r.payment_id])));
    assert!(delete.unwrap().is_err());
}

/// Each kind of tampering `plodnee check` must name, one at a time on a fresh fixture: the whole
/// book is checked in memory from one scan per table, so each table's rows must reach their loan.
#[test]
fn a_tampered_allocation_installment_cache_or_schedule_is_reported() {
    let cases: [(&str, &str); 4] = [
        (
            "UPDATE allocation SET amount = amount + 1 WHERE rowid = (SELECT MIN(rowid) FROM allocation)",
            "ปันส่วนไว้",
        ),
        (
            "UPDATE installment SET principal_paid = principal_paid + 1 WHERE no = 1",
            "ยอดชำระรายงวด",
        ),
        ("UPDATE installment SET principal = principal + 1 WHERE no = 12", "ตารางผ่อนรวมเงินต้น"),
        (
            "INSERT INTO allocation (payment_id, loan_id, installment_no, part, amount) SELECT id, loan_id, 3, 'interest', 5 FROM payment",
            "ไม่ตรงกับที่คำนวณได้",
        ),
    ];
    for (sql, expected) in cases {
        let f = fixture();
        pay(&f, ymd(2025, 2, 28), 88_849).unwrap();
        pay(&f, ymd(2025, 3, 31), 50_000).unwrap();
        assert_reconciles(&f);
        f.store
            .with(|c| {
                c.execute_batch("DROP TRIGGER IF EXISTS allocation_never_updated; DROP TRIGGER IF EXISTS installment_never_updated;")?;
                Ok(c.execute(sql, [])?)
            })
            .unwrap();
        let report = f.store.with(|c| check::run(c, |_, _| {})).unwrap();
        assert!(
            report.problems.iter().any(|p| p.problem.contains(expected)),
            "{sql}: {:?}",
            report.problems
        );
    }
}

#[test]
fn a_tampered_cache_or_audit_log_is_reported() {
    let f = fixture();
    pay(&f, ymd(2025, 2, 28), 88_849).unwrap();
    f.store
        .with(|c| {
            Ok(c.execute("UPDATE loan SET outstanding_principal = outstanding_principal + 1", [])?)
        })
        .unwrap();
    let report = f.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(
        report.problems.iter().any(|p| p.problem.contains("ยอดคงเหลือ")),
        "{:?}",
        report.problems
    );

    f.store
        .with(|c| {
            c.execute_batch("DROP TRIGGER audit_never_updated; UPDATE audit_log SET detail = 'แก้' WHERE id = 2;")?;
            Ok(())
        })
        .unwrap();
    let report = f.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.problems.iter().any(|p| p.problem.contains("สายแฮช")), "{:?}", report.problems);
}

#[test]
fn a_foreign_key_broken_outside_the_app_is_found_by_the_full_check_and_the_cache_is_put_back() {
    let f = fixture();
    pay(&f, ymd(2025, 2, 28), 88_849).unwrap();
    let before: i64 =
        f.store.with(|c| Ok(c.pragma_query_value(None, "cache_size", |r| r.get(0))?)).unwrap();
    // As sqlite3 would do it: foreign keys off, a payment pointing at a loan that does not exist.
    f.store
        .with(|c| {
            c.execute_batch("PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS payment_never_updated; UPDATE payment SET loan_id = 999999;")?;
            Ok(())
        })
        .unwrap();
    let full = f.store.with(|c| check::run_at(c, check::Depth::Full, |_, _| {})).unwrap();
    assert!(
        full.problems.iter().any(|p| p.problem.contains("อ้างถึงข้อมูลที่ไม่มีอยู่")),
        "{:?}",
        full.problems
    );
    // The everyday check leaves foreign keys to the full one (the app enforces them on every
    // write) and gives the connection its own page cache back.
    let quick = f.store.with(|c| check::run_at(c, check::Depth::Quick, |_, _| {})).unwrap();
    assert!(!quick.problems.iter().any(|p| p.problem.contains("อ้างถึงข้อมูลที่ไม่มีอยู่")));
    let after: i64 =
        f.store.with(|c| Ok(c.pragma_query_value(None, "cache_size", |r| r.get(0))?)).unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_duplicate_national_id_is_refused() {
    let f = fixture();
    let hh = f
        .store
        .with(|c| Ok(c.query_row("SELECT id FROM household", [], |r| r.get::<_, i64>(0))?))
        .unwrap();
    let dup = persons::NewPerson {
        household_id: hh,
        title: "นาง".into(),
        first_name: "สมหญิง".into(),
        last_name: "ใจดี".into(),
        national_id: Some(NationalId::parse("1234567890121").unwrap()),
        birth_date: None,
        phone: String::new(),
        grade: Grade::A,
    };
    let err = f.store.write(|tx| persons::create(tx, &f.officer, &dup)).unwrap_err();
    assert!(err.to_string().contains("นายสมชาย ใจดี"), "{err}");
}

#[test]
fn searching_finds_members_by_part_of_name_phone_house_and_village() {
    let f = fixture();
    let by = |q: &str| f.store.with(|c| store::search::search(c, q, 10)).unwrap();
    assert_eq!(by("มชา").hits[0].name, "นายสมชาย ใจดี");
    assert_eq!(by("สมชาย").total, 1);
    assert_eq!(by("ใจดี").total, 2);
    assert_eq!(by("081-234-5678").total, 2);
    assert_eq!(by("12/3").total, 2);
    assert_eq!(by("หมู่ 3 สมศักดิ์").total, 1);
    assert_eq!(by("หมู่ 4").total, 0);
    assert_eq!(by("1234567890121").hits[0].national_id_masked, "X-XXXX-XXXX0-12-1");
    assert_eq!(by("ไม่มีใคร").total, 0);
}

#[test]
fn signing_in_checks_the_argon2_hash() {
    let f = fixture();
    let user = f.store.with(|c| users::sign_in(c, "officer", "secret-123")).unwrap();
    assert_eq!(user.role, Role::Officer);
    assert!(matches!(
        f.store.with(|c| users::sign_in(c, "officer", "wrong-pass")),
        Err(StoreError::BadLogin)
    ));
    assert!(matches!(
        f.store.with(|c| users::sign_in(c, "nobody", "secret-123")),
        Err(StoreError::BadLogin)
    ));
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open_in(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(store::open::DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::open_in(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 999, .. }));
    assert!(err.to_string().contains("รุ่นที่ใหม่กว่า"));
}
