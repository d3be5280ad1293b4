//! The legal track on a temporary database (issue 13): a termination prepared by an officer, its
//! approval refused to the officer, to the preparer, before the notice ran out and without a
//! resolution, then approved by the treasurer in one transaction (acceleration, contract interest
//! stopped, default interest on the accelerated principal, status, audit), and undone by the
//! committee with a reason giving the statement back exactly. Loans with three installments or
//! fewer overdue cannot be terminated.

use crate::support;

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
    let accelerated: Satang = after.installments.iter().skip(9).map(|i| i.default_interest).sum();
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

#[test]
fn the_early_warning_lists_a_guarantor_notice_and_a_prescription_by_date() {
    use plodnee::domain::legal::DeadlineKind;
    use plodnee::store::{acknowledgments, legal_deadlines};
    let f = fixture();
    // The fixture loan (guarantor นายมานะ) paid installment 1; installment 2 fell due on
    // 15 Mar 2025 unpaid: default 16 Mar 2025, notice by 15 May 2025 (s.686).
    let on = ymd(2025, 5, 5);
    let rows = f.store.with(|c| legal_deadlines::scan(c, on, 30)).unwrap();
    let g = rows.iter().find(|d| d.kind == DeadlineKind::GuarantorNotice).expect("listed");
    assert_eq!((g.due, g.loan_id), (ymd(2025, 5, 15), Some(f.loan_id)));
    assert_eq!(g.action, "ส่งหนังสือบอกกล่าวผู้ค้ำประกัน");
    // Ten days later than the deadline it is gone (passed), and within 5 days it is not listed.
    assert!(f.store.with(|c| legal_deadlines::scan(c, ymd(2025, 5, 16), 30)).unwrap().is_empty());
    assert!(f.store.with(|c| legal_deadlines::scan(c, ymd(2025, 4, 1), 5)).unwrap().is_empty());

    // Prescription: installment 2 (due 15 Mar 2025) prescribes after 15 Mar 2030 (the last
    // payment, 15 Feb 2025, came before it fell due). Warned from 15 Sep 2029, even with a
    // 30-day window.
    let late = ymd(2029, 10, 15);
    let rows = f.store.with(|c| legal_deadlines::scan(c, late, 30)).unwrap();
    let p = rows.iter().find(|d| d.kind == DeadlineKind::Prescription).expect("warned");
    assert_eq!(p.due, ymd(2030, 3, 15));
    assert!(p.detail.contains("งวดที่ 2"), "{}", p.detail);
    // The debtor signs an acknowledgment on 1 Oct 2029: five years from then (s.193/14).
    let officer = f.officer.actor();
    f.store
        .write(|tx| {
            acknowledgments::record(
                tx,
                &officer,
                f.loan_id,
                ymd(2029, 10, 1),
                Satang(1),
                None,
                late,
            )
        })
        .unwrap();
    let rows = f.store.with(|c| legal_deadlines::scan(c, late, 30)).unwrap();
    assert!(rows.iter().all(|d| d.kind != DeadlineKind::Prescription));
    let rows = f.store.with(|c| legal_deadlines::scan(c, ymd(2034, 5, 1), 30)).unwrap();
    let p = rows.iter().find(|d| d.kind == DeadlineKind::Prescription).expect("warned again");
    assert_eq!(p.due, ymd(2034, 10, 1));
    // Ordered by date.
    assert!(rows.windows(2).all(|w| w[0].due <= w[1].due));
}

#[test]
fn an_installment_not_yet_due_is_no_default_for_the_guarantor_notice() {
    use plodnee::domain::legal::DeadlineKind;
    use plodnee::store::legal_deadlines;
    let f = fixture();
    // On 1 Mar 2025 installment 2 (due 15 Mar) is not yet due: nothing to notice, even with a
    // window reaching past its would-be deadline.
    let rows = f.store.with(|c| legal_deadlines::scan(c, ymd(2025, 3, 1), 90)).unwrap();
    assert!(rows.iter().all(|d| d.kind != DeadlineKind::GuarantorNotice), "{rows:?}");
}

#[test]
fn a_guarantor_never_noticed_owes_only_what_arose_by_day_60() {
    use plodnee::store::legal_deadlines;
    let f = fixture();
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    // Installment 2 (1,000 + 55) unpaid since 15 Mar 2025: default 16 Mar, day 60 = 15 May.
    // By then installments 2 and 3 (due 15 Apr) and 4 (due 15 May) had fallen due: interest
    // 55 + 50 + 45 = 150; default interest at 5% to 15 May on 1,000 each: 61 days 8.36,
    // 30 days 4.11, 0 days 0: 12.47. Principal 11,000 in full.
    let l = f.store.with(|c| legal_deadlines::guarantor_liability(c, &loan, today())).unwrap();
    assert_eq!(l.limited_to, Some(ymd(2025, 5, 15)));
    assert_eq!(l.principal, Satang::from_baht(11_000));
    assert_eq!(l.interest, Satang(15_000));
    assert_eq!(l.default_interest, Satang(1_247));
    assert_eq!(l.total(), Satang(1_116_247));
}
