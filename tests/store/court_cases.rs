//! The court case file on a temporary database (issue 13 §3): opened on the fixture loan, filed
//! with the claim the statement engine gives on the filing date, which stops prescription in the
//! early-warning scan; a hearing on the timeline and in the scan; a settlement in court that
//! becomes a schedule the next payment follows; a judgment whose awarded costs cap what reaches
//! the debt, and money from the Legal Execution Department recorded through the ledger. Bad input
//! changes nothing.

use crate::support;

use plodnee::domain::Satang;
use plodnee::domain::legal::DeadlineKind;
use plodnee::domain::legal::case::{CaseStatus, CostKind, EventKind};
use plodnee::domain::loan::{Channel, LoanStatus};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::Frequency;
use plodnee::store::court_cases::{self, Judgment, NewCase};
use plodnee::store::court_settlements::{self, Terms};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::plans::{self, Target};
use plodnee::store::{check, legal_deadlines, loans, queue};
use support::{fixture, today, ymd};

fn new_case(on: chrono::NaiveDate) -> NewCase {
    NewCase {
        court: "ศาลจังหวัดทดสอบ".into(),
        black_no: String::new(),
        lawyer: "นายทนาย ความดี".into(),
        opened_on: on,
    }
}

fn count(f: &support::Fixture, table: &str) -> i64 {
    f.store
        .with(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_case_is_filed_heard_and_settled_into_a_schedule_that_payments_follow() {
    let f = fixture();
    let officer = f.officer.actor();
    let treasurer = f.treasurer.actor();
    let case = f
        .store
        .write(|tx| {
            court_cases::open(tx, &officer, Target::Loan(f.loan_id), &new_case(ymd(2025, 9, 1)))
        })
        .unwrap();
    assert_eq!(case.status, CaseStatus::Preparing);

    // Installment 2 fell due on 15 Mar 2025 unpaid: without a suit it prescribes on 15 Mar 2030
    // (s.193/33, warned from 15 Sep 2029).
    let scan_on = ymd(2029, 10, 1);
    let prescribes = |f: &support::Fixture| {
        f.store
            .with(|c| legal_deadlines::scan(c, scan_on, 30))
            .unwrap()
            .into_iter()
            .any(|d| d.kind == DeadlineKind::Prescription && d.loan_id == Some(f.loan_id))
    };
    assert!(prescribes(&f), "before the filing the scan warns of prescription");

    // Filed on 20 Nov 2025: the claim is exactly what the statement engine owes that day.
    let filed_on = ymd(2025, 11, 20);
    let expected =
        f.store.with(|c| plans::outstanding(c, Target::Loan(f.loan_id), filed_on)).unwrap();
    let case = f
        .store
        .write(|tx| court_cases::file(tx, &officer, case.id, filed_on, "ผบ.123/2568"))
        .unwrap();
    let claim = case.claim.expect("claim kept");
    assert_eq!(claim.principal, Satang::from_baht(11_000));
    assert_eq!(
        (claim.interest, claim.default_interest, claim.fees),
        (expected.interest, expected.default_interest, expected.fees)
    );
    assert!(claim.default_interest.is_positive(), "installments 2–10 are in default");
    assert_eq!(case.status, CaseStatus::Filed);
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(loan.status, LoanStatus::Litigation);
    assert!(!prescribes(&f), "the filing stops prescription (s.193/14 (2))");

    // A hearing ahead: on the timeline and in the early warning.
    let hearing_on = ymd(2025, 12, 10);
    f.store
        .write(|tx| {
            court_cases::record_event(
                tx,
                &officer,
                case.id,
                EventKind::Mediation,
                hearing_on,
                "ห้องไกล่เกลี่ย",
            )
        })
        .unwrap();
    let rows = f.store.with(|c| legal_deadlines::scan(c, today(), 30)).unwrap();
    let h = rows.iter().find(|d| d.kind == DeadlineKind::Hearing).expect("hearing listed");
    assert_eq!(h.due, hearing_on);
    assert!(h.detail.contains("นัดไกล่เกลี่ย") && h.detail.contains("ผบ.123/2568"), "{}", h.detail);

    // The collections queue shows it in the loan's row.
    let q = f.store.with(|c| queue::build(c, today(), &queue::Filter::default())).unwrap();
    let row = q.items.iter().find(|i| i.loan_id == f.loan_id).expect("in the queue");
    assert_eq!(row.legal.as_deref(), Some("นัดศาล 10 ธ.ค. 68"));

    // Bad input changes nothing.
    let before = count(&f, "legal_event");
    let early = f
        .store
        .write(|tx| {
            court_cases::record_event(
                tx,
                &officer,
                case.id,
                EventKind::Hearing,
                ymd(2025, 11, 1),
                "",
            )
        })
        .unwrap_err();
    assert!(early.to_string().contains("ไม่ก่อนวันยื่นฟ้อง"), "{early}");
    let writ = f
        .store
        .write(|tx| {
            court_cases::record_event(tx, &officer, case.id, EventKind::Writ, ymd(2025, 11, 21), "")
        })
        .unwrap_err();
    assert!(writ.to_string().contains("หลังศาลพิพากษา"), "{writ}");
    assert_eq!(count(&f, "legal_event"), before);

    // The settlement on 10 Dec 2025: 12 monthly installments, no interest, default interest
    // waived. Officers do not record it.
    let terms = Terms {
        on: hearing_on,
        periods: 12,
        frequency: Frequency::Monthly,
        rate: AnnualRate::ZERO,
        waive_default_interest: true,
        note: "ตามสัญญาประนีประนอมยอมความ".into(),
    };
    assert!(f.store.write(|tx| court_settlements::settle(tx, &officer, case.id, &terms)).is_err());
    let (owed, plan) = f.store.with(|c| court_settlements::preview(c, case.id, &terms)).unwrap();
    let new_loan =
        f.store.write(|tx| court_settlements::settle(tx, &treasurer, case.id, &terms)).unwrap();
    let case = f.store.with(|c| court_cases::get(c, case.id)).unwrap();
    assert_eq!((case.status, case.settlement_loan_id), (CaseStatus::Settled, Some(new_loan)));
    let old = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(old.status, LoanStatus::Restructured);
    let schedule = f.store.with(|c| loans::schedule(c, new_loan)).unwrap();
    assert_eq!(schedule.installments.len(), 12);
    assert_eq!(schedule.installments[0].due_date, ymd(2026, 1, 10));
    // Principal 11,000 plus the contract interest (interest-free now) over 12 installments.
    let total: Satang = schedule.installments.iter().map(|i| i.principal + i.interest).sum();
    assert_eq!(total, owed.principal + owed.interest);
    assert_eq!(plan.principal, Satang::from_baht(11_000));

    // The first installment paid on its day: the new loan's statement follows the schedule.
    let first = schedule.installments[0].principal + schedule.installments[0].interest;
    f.store
        .write(|tx| {
            ledger::record(
                tx,
                &officer,
                &NewPayment {
                    loan_id: new_loan,
                    paid_on: ymd(2026, 1, 10),
                    amount: first,
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                },
                ymd(2026, 1, 10),
            )
        })
        .unwrap();
    let loan = f.store.with(|c| loans::get(c, new_loan)).unwrap();
    let st = f.store.with(|c| loans::statement(c, &loan, ymd(2026, 1, 20))).unwrap();
    assert_eq!(st.overdue_installments, 0);
    assert_eq!(loan.next_unpaid_due, Some(ymd(2026, 2, 10)));
    assert_eq!(
        st.outstanding_principal,
        Satang::from_baht(11_000) - schedule.installments[0].principal
    );
    let events = f.store.with(|c| court_cases::events(c, case.id)).unwrap();
    let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Filing, EventKind::Mediation, EventKind::Settlement]);
    assert!(f.store.with(|c| check::run(c, |_, _| {})).unwrap().problems.is_empty());
}

#[test]
fn a_judgment_allows_costs_up_to_its_award_and_proceeds_are_a_payment() {
    let f = fixture();
    let officer = f.officer.actor();
    let treasurer = f.treasurer.actor();
    let id = f
        .store
        .write(|tx| {
            let c = court_cases::open(
                tx,
                &officer,
                Target::Loan(f.loan_id),
                &new_case(ymd(2025, 6, 1)),
            )?;
            court_cases::file(tx, &officer, c.id, ymd(2025, 6, 20), "ผบ.7/2568")?;
            court_cases::cost(
                tx,
                &officer,
                c.id,
                ymd(2025, 6, 20),
                CostKind::Court,
                Satang::from_baht(2_000),
                "ค่าขึ้นศาล",
            )?;
            court_cases::cost(
                tx,
                &officer,
                c.id,
                ymd(2025, 6, 20),
                CostKind::Lawyer,
                Satang::from_baht(5_000),
                "",
            )?;
            Ok(c.id)
        })
        .unwrap();
    let fees = |f: &support::Fixture| -> i64 {
        f.store
            .with(|c| {
                Ok(c.query_row(
                    "SELECT COALESCE(SUM(amount), 0) FROM fee WHERE loan_id = ?1",
                    [f.loan_id],
                    |r| r.get(0),
                )?)
            })
            .unwrap()
    };
    assert_eq!(fees(&f), 0, "no cost reaches the debt before a judgment");
    let j = Judgment {
        on: ymd(2025, 9, 1),
        red_no: "ผบ.99/2568".into(),
        amount: Satang::from_baht(11_500),
        rate: AnnualRate::from_bp(500).unwrap(),
        costs_awarded: Satang::from_baht(6_000),
    };
    assert!(
        f.store.write(|tx| court_cases::judgment(tx, &officer, id, &j)).is_err(),
        "officers do not"
    );
    let case = f.store.write(|tx| court_cases::judgment(tx, &treasurer, id, &j)).unwrap();
    assert_eq!(case.status, CaseStatus::Judged);
    assert_eq!(fees(&f), 600_000, "7,000 spent, 6,000 awarded");
    // The enforcement period (CPC s.274) ends 1 Sep 2035: warned from a year before.
    let rows = f.store.with(|c| legal_deadlines::scan(c, ymd(2034, 10, 1), 30)).unwrap();
    let e = rows.iter().find(|d| d.kind == DeadlineKind::Enforcement).expect("enforcement listed");
    assert_eq!(e.due, ymd(2035, 9, 1));
    // The writ is due 45 days after the judgment (SLA): on 16 Oct 2025 it is overdue, flagged.
    let rows = f.store.with(|c| legal_deadlines::scan(c, ymd(2025, 11, 1), 30)).unwrap();
    let s = rows.iter().find(|d| d.kind == DeadlineKind::CaseStep).expect("SLA listed");
    assert_eq!(s.due, ymd(2025, 10, 16));
    assert!(s.detail.contains("หมายบังคับคดี"), "{}", s.detail);
    // An enforcement fee later: within the award nothing more is added.
    f.store
        .write(|tx| {
            court_cases::cost(
                tx,
                &officer,
                id,
                ymd(2025, 10, 1),
                CostKind::Enforcement,
                Satang::from_baht(1_500),
                "",
            )
        })
        .unwrap();
    assert_eq!(fees(&f), 600_000);
    // Zero is refused, nothing written.
    let before = count(&f, "receipt");
    let zero = f
        .store
        .write(|tx| court_cases::proceeds(tx, &officer, id, ymd(2025, 11, 1), Satang::ZERO, ""))
        .unwrap_err();
    assert!(zero.to_string().contains("มากกว่าศูนย์"), "{zero}");
    assert_eq!(count(&f, "receipt"), before);
    let receipt_no = f
        .store
        .write(|tx| {
            court_cases::proceeds(
                tx,
                &officer,
                id,
                ymd(2025, 11, 1),
                Satang::from_baht(5_000),
                "ขายทอดตลาดที่นา",
            )
        })
        .unwrap();
    let paid = f.store.with(|c| ledger::by_receipt(c, &receipt_no)).unwrap();
    assert_eq!(paid.iter().map(|p| p.amount).sum::<Satang>(), Satang::from_baht(5_000));
    let events = f.store.with(|c| court_cases::events(c, id)).unwrap();
    let last = events.last().unwrap();
    assert_eq!(
        (last.kind, last.receipt_no.as_deref()),
        (EventKind::Proceeds, Some(receipt_no.as_str()))
    );
    assert!(f.store.with(|c| check::run(c, |_, _| {})).unwrap().problems.is_empty());
}

#[test]
fn a_case_needs_a_court_and_a_loan_has_one_live_case() {
    let f = fixture();
    let officer = f.officer.actor();
    let mut bad = new_case(ymd(2025, 9, 1));
    bad.court = "  ".into();
    let err = f
        .store
        .write(|tx| court_cases::open(tx, &officer, Target::Loan(f.loan_id), &bad))
        .unwrap_err();
    assert!(err.to_string().contains("กรุณาระบุศาล"), "{err}");
    assert_eq!(count(&f, "legal_case"), 0);
    f.store
        .write(|tx| {
            court_cases::open(tx, &officer, Target::Loan(f.loan_id), &new_case(ymd(2025, 9, 1)))
        })
        .unwrap();
    let again = f
        .store
        .write(|tx| {
            court_cases::open(tx, &officer, Target::Loan(f.loan_id), &new_case(ymd(2025, 9, 2)))
        })
        .unwrap_err();
    assert!(again.to_string().contains("มีแฟ้มคดีที่ยังไม่ปิดอยู่แล้ว"), "{again}");
    assert_eq!(count(&f, "legal_case"), 1);
}

#[test]
fn the_demo_has_cases_at_several_stages_and_one_settled_with_payments() {
    let store = plodnee::store::Store::memory().unwrap();
    let opts = plodnee::demo::Options { households: 300, seed: 2568, today: today() };
    let summary = store.with(|c| plodnee::demo::generate(c, &opts)).unwrap();
    assert_eq!(summary.cases, 4);
    let cases = store.with(|c| court_cases::list(c)).unwrap();
    let mut stages: Vec<CaseStatus> = cases.iter().map(|c| c.status).collect();
    stages.sort_by_key(|s| s.code());
    assert_eq!(
        stages,
        [CaseStatus::Enforcing, CaseStatus::Filed, CaseStatus::Preparing, CaseStatus::Settled]
    );
    let settled = cases.iter().find(|c| c.status == CaseStatus::Settled).unwrap();
    let paid: Satang = store
        .with(|c| ledger::payments(c, settled.settlement_loan_id.unwrap()))
        .unwrap()
        .iter()
        .map(|p| p.amount)
        .sum();
    assert!(paid.is_positive(), "the settlement's schedule has been paid");
    let rows = store.with(|c| legal_deadlines::scan(c, today(), 30)).unwrap();
    assert!(rows.iter().any(|d| d.kind == DeadlineKind::Hearing), "the mediation in 12 days");
    let steps = rows.iter().filter(|d| d.kind == DeadlineKind::CaseStep).count();
    assert_eq!(steps, 2, "the unfiled case and the overdue asset search");
    assert!(store.with(|c| check::run(c, |_, _| {})).unwrap().problems.is_empty());
}
