//! The legal track on a temporary database (issue 13): a termination prepared by an officer, its
//! approval refused to the officer, to the preparer, before the notice ran out and without a
//! resolution, then approved by the treasurer in one transaction (acceleration, contract interest
//! stopped, default interest on the accelerated principal, status, audit), and undone by the
//! committee with a reason giving the statement back exactly. Loans with three installments or
//! fewer overdue cannot be terminated.

mod support;

use plodnee::domain::Satang;
use plodnee::domain::loan::LoanStatus;
use plodnee::store::{audit, check, loans, terminations};
use support::{fixture, overdue_by, today, ymd};

#[test]
fn termination_is_prepared_approved_by_another_and_undone_exactly() {
    let f = fixture();
    let id = f.loan_id;
    let (officer, treasurer, committee) =
        (f.officer.actor(), f.treasurer.actor(), f.committee.actor());
    let statement = |on| f.store.with(|c| loans::statement(c, &loans::get(c, id)?, on)).unwrap();
    let before = statement(today());
    let schedule_before = f.store.with(|c| loans::schedule(c, id)).unwrap();

    // Notice dated 1 Oct 2025, received 5 Oct: 30 days to pay, by 4 Nov 2025.
    let t = f
        .store
        .write(|tx| {
            terminations::prepare(tx, &officer, id, ymd(2025, 10, 1), Some(ymd(2025, 10, 5)))
        })
        .unwrap();
    assert_eq!(t.deadline_on, ymd(2025, 11, 4));
    assert_eq!(t.status, terminations::Status::Prepared);
    let again = f
        .store
        .write(|tx| terminations::prepare(tx, &officer, id, ymd(2025, 10, 2), None))
        .unwrap_err();
    assert!(again.to_string().contains("มีรายการบอกเลิกสัญญาอยู่แล้ว"), "{again}");

    let approve = |actor: &plodnee::store::Actor, resolution: &str, on| {
        f.store.write(|tx| terminations::approve(tx, actor, t.id, resolution, on))
    };
    assert!(approve(&officer, "5/2568", ymd(2025, 11, 5)).is_err(), "officers do not approve");
    let early = approve(&treasurer, "5/2568", ymd(2025, 11, 4)).unwrap_err();
    assert!(early.to_string().contains("ยังไม่พ้นกำหนด"), "{early}");
    let no_resolution = approve(&treasurer, "  ", ymd(2025, 11, 5)).unwrap_err();
    assert!(no_resolution.to_string().contains("มติที่ประชุม"), "{no_resolution}");
    assert_eq!(f.store.with(|c| loans::get(c, id)).unwrap().status, LoanStatus::Active);

    // Approved on 5 Nov 2025. Installment 1 was paid; 2–9 (due 15 Mar – 15 Oct) earn their
    // interest 55 + 50 + 45 + 40 + 35 + 30 + 25 + 20 = 300; the running period 15 Oct → 5 Nov
    // earns 3,000 × 6% × 21 / 365 = 10.36 on the principal not yet due; later interest is gone.
    let st = approve(&treasurer, "5/2568", ymd(2025, 11, 5)).unwrap();
    assert_eq!(st.outstanding_principal, Satang::from_baht(11_000));
    assert_eq!(st.interest_due, Satang(31_036));
    let loan = f.store.with(|c| loans::get(c, id)).unwrap();
    assert_eq!(loan.status, LoanStatus::Terminated);
    assert_eq!(loan.terminated_on, Some(ymd(2025, 11, 5)));
    let after = statement(today());
    assert_eq!(after.interest_due, Satang(31_036), "contract interest stopped on 5 Nov");
    assert!(after.installments.iter().all(|i| i.due_date <= ymd(2025, 11, 5)));
    // Default interest on the 3,000 accelerated from 5 Nov: 16 days at 5%, 1,000 × 5% × 16 / 365
    // = 2.19 per installment, on top of what the overdue ones already bore.
    let accelerated: Satang =
        after.installments.iter().skip(9).map(|i| i.default_interest).sum();
    assert_eq!(accelerated, Satang(3 * 219));
    assert_eq!(
        after.payoff,
        after.outstanding_principal + after.interest_due + after.default_interest
    );
    assert!(f.store.with(|c| check::run(c, |_, _| {})).unwrap().problems.is_empty());
    let log = f.store.with(|c| audit::recent(c, 3)).unwrap();
    assert!(log.iter().any(|e| e.action == "approve_termination" && e.detail.contains("5/2568")));

    // Undo: the committee only, with a reason.
    let undo = |actor: &plodnee::store::Actor, reason: &str| {
        f.store.write(|tx| terminations::undo(tx, actor, t.id, reason, "6/2568"))
    };
    assert!(undo(&treasurer, "ชำระครบแล้ว").is_err());
    assert!(undo(&committee, " ").unwrap_err().to_string().contains("เหตุผล"));
    undo(&committee, "ลูกหนี้ชำระยอดค้างครบแล้ว").unwrap();
    let loan = f.store.with(|c| loans::get(c, id)).unwrap();
    assert_eq!((loan.status, loan.terminated_on), (LoanStatus::Active, None));
    assert_eq!(statement(today()), before, "the statement is the contract's again");
    assert_eq!(f.store.with(|c| loans::schedule(c, id)).unwrap(), schedule_before);
    let history = f.store.with(|c| terminations::of_loan(c, id)).unwrap();
    assert_eq!(history[0].status, terminations::Status::Undone);
    assert_eq!(history[0].undo_reason.as_deref(), Some("ลูกหนี้ชำระยอดค้างครบแล้ว"));
}

#[test]
fn a_loan_with_three_installments_or_fewer_overdue_is_not_terminated() {
    let f = fixture();
    let loan = overdue_by(&f, 52);
    let officer = f.officer.actor();
    let err =
        f.store.write(|tx| terminations::prepare(tx, &officer, loan, today(), None)).unwrap_err();
    assert!(err.to_string().contains("ค้างชำระเกิน 3 งวด (ขณะนี้ค้าง 1 งวด)"), "{err}");
    let n: i64 = f
        .store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM termination", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 0);
}
