//! One household, one contract on a temporary database: prepare, maker-checker approval with a
//! meeting resolution, tranches per fund, household payments split by fund, per-fund statements,
//! reversal to the exact prior state, debt transfer, and `check` after every step.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use plodnee::domain::address::Address;
use plodnee::domain::consolidation::{RatePolicy, TermChoice, Waiver};
use plodnee::domain::loan::{Channel, FundKind, LoanStatus};
use plodnee::domain::person::Grade;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::role::Role;
use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
use plodnee::domain::{NationalId, Satang};
use plodnee::store::consolidations::{self, Approval, Settings};
use plodnee::store::contract_payments::{self, ContractPayment};
use plodnee::store::{
    Actor, Store, check, fund_statement, funds, households, ledger, loans, persons, transfers,
    users,
};
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();

struct World {
    store: Store,
    officer: Actor,
    treasurer: Actor,
    committee: Actor,
    household: i64,
    members: Vec<i64>,
    guarantor: i64,
    funds: Vec<i64>,
    loans: Vec<i64>,
}

/// A household of three members with loans from three funds at 6%, 12% and 3%; the first two
/// were paid late, so there is default interest to waive.
fn world(principals: [i64; 3], late_payments: bool) -> World {
    let store = Store::memory().unwrap();
    let w = store.write(|tx| {
        let sys = Actor::system();
        let officer =
            users::create(tx, &sys, "officer", "เจ้าหน้าที่ ก", Role::Officer, "password-1")?.actor();
        let treasurer =
            users::create(tx, &sys, "treasurer", "เหรัญญิก ข", Role::Treasurer, "password-2")?
                .actor();
        let committee =
            users::create(tx, &sys, "committee", "ประธาน ค", Role::Committee, "password-3")?
                .actor();
        let mut fund_ids = Vec::new();
        for (code, bp, method) in [
            ("กทบ.", 600, Method::Annuity),
            ("อท.", 1200, Method::Flat),
            ("กขคจ.", 300, Method::EqualPrincipal),
        ] {
            fund_ids.push(funds::create(
                tx,
                &sys,
                &funds::NewFund {
                    code: code.into(),
                    name: format!("กองทุน {code}"),
                    kind: FundKind::Other,
                    default_rate: AnnualRate::from_bp(bp).unwrap(),
                    default_method: method,
                    default_frequency: Frequency::Monthly,
                    default_periods: 12,
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                },
            )?);
        }
        let address = |house: &str| Address {
            house_no: house.into(),
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
            &households::NewHousehold { address: address("5"), registration_no: String::new() },
        )?;
        let other = households::create(
            tx,
            &officer,
            &households::NewHousehold { address: address("9"), registration_no: String::new() },
        )?;
        let mut serial = 0u32;
        let mut person = |household: i64, first: &str| {
            serial += 1;
            let id = NationalId::from_first12([
                1,
                7,
                0,
                0,
                1,
                0,
                0,
                0,
                0,
                0,
                (serial / 10) as u8,
                (serial % 10) as u8,
            ])
            .unwrap();
            persons::create(
                tx,
                &officer,
                &persons::NewPerson {
                    household_id: household,
                    title: "นาย".into(),
                    first_name: first.into(),
                    last_name: "ศรีสุข".into(),
                    national_id: Some(id),
                    birth_date: None,
                    phone: String::new(),
                    grade: Grade::A,
                },
            )
        };
        let members = vec![person(hh, "สมชาย")?, person(hh, "สมหญิง")?, person(hh, "สมศักดิ์")?];
        let guarantor = person(other, "ประเสริฐ")?;
        let mut loan_ids = Vec::new();
        for (i, (fund, bp, method)) in [
            (fund_ids[0], 600, Method::Annuity),
            (fund_ids[1], 1200, Method::Flat),
            (fund_ids[2], 300, Method::EqualPrincipal),
        ]
        .into_iter()
        .enumerate()
        {
            loan_ids.push(loans::create(
                tx,
                &officer,
                &loans::NewLoan {
                    contract_no: None,
                    fund_id: fund,
                    borrower_id: members[i],
                    terms: Terms {
                        principal: Satang::from_baht(principals[i]),
                        rate: AnnualRate::from_bp(bp).unwrap(),
                        method,
                        frequency: Frequency::Monthly,
                        periods: 24,
                        start: ymd(2024, 6, 15),
                        day_count: DayCount::Period,
                        round_up_baht: false,
                    },
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                    purpose: "ทำนา".into(),
                    co_borrowers: vec![],
                    guarantors: vec![guarantor],
                    collateral: vec![],
                },
            )?);
        }
        Ok(World {
            store: Store::memory()?,
            officer,
            treasurer,
            committee,
            household: hh,
            members,
            guarantor,
            funds: fund_ids,
            loans: loan_ids,
        })
    });
    // The closure above built everything inside `store`; swap the placeholder back.
    let mut w = w.unwrap();
    w.store = store;
    if late_payments {
        for (k, loan) in w.loans.clone().into_iter().enumerate().take(2) {
            let schedule = w.store.with(|c| loans::schedule(c, loan)).unwrap();
            for inst in &schedule.installments[..6 + k] {
                pay(&w, loan, inst.due_date + chrono::Days::new(20), inst.payment());
            }
        }
    }
    w
}

fn pay(w: &World, loan_id: i64, date: NaiveDate, amount: Satang) -> ledger::Receipt {
    let p = ledger::NewPayment {
        loan_id,
        paid_on: date,
        amount,
        channel: Channel::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    w.store.write(|tx| ledger::record(tx, &w.officer, &p, TODAY)).unwrap()
}

fn settings(w: &World, policy: RatePolicy, term: TermChoice) -> Settings {
    Settings {
        as_of: ymd(2025, 11, 1),
        loan_ids: vec![],
        waivers: BTreeMap::new(),
        capitalise_consent_on: None,
        policy,
        term,
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        round_up_baht: false,
        borrower_id: w.members[0],
        guarantors: vec![w.guarantor],
    }
}

fn approval(w: &World) -> Vec<(i64, NaiveDate)> {
    vec![(w.guarantor, ymd(2025, 11, 3))]
}

fn assert_check(w: &World) {
    let report = w.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

fn loan_rows(w: &World) -> Vec<String> {
    w.store
        .with(|c| {
            let mut stmt = c.prepare("SELECT * FROM loan WHERE id IN (?1, ?2, ?3) ORDER BY id")?;
            let n = stmt.column_count();
            let rows = stmt.query_map([w.loans[0], w.loans[1], w.loans[2]], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
}

#[test]
fn each_policy_previews_with_every_fund_reconciled() {
    let w = world([30_000, 10_000, 20_000], true);
    for policy in [
        RatePolicy::Unified { rate: AnnualRate::from_bp(600).unwrap() },
        RatePolicy::Weighted,
        RatePolicy::Tranches,
    ] {
        let s = settings(&w, policy, TermChoice::Periods(36));
        let (p, c) = w.store.with(|conn| consolidations::preview(conn, w.household, &s)).unwrap();
        assert_eq!(p.loans.len(), 3);
        assert_eq!(c.tranches.len(), 3);
        assert!(c.reconciliation.iter().all(|r| r.balances()));
        assert!(
            p.loans.iter().any(|l| l.default_interest.is_positive()),
            "late payments left default interest"
        );
    }
    let s = settings(&w, RatePolicy::Tranches, TermChoice::Periods(36));
    let (_, c) = w.store.with(|conn| consolidations::preview(conn, w.household, &s)).unwrap();
    let rates: Vec<i64> = c.tranches.iter().map(|t| t.rate.bp()).collect();
    assert_eq!(rates, vec![600, 1200, 300]);
}

#[test]
fn the_preparer_cannot_approve_and_an_approver_needs_a_resolution_and_consents() {
    let w = world([30_000, 10_000, 20_000], true);
    let s = settings(&w, RatePolicy::Weighted, TermChoice::Periods(36));
    let id =
        w.store.write(|tx| consolidations::prepare(tx, &w.treasurer, w.household, &s)).unwrap();
    let own = w.store.write(|tx| {
        consolidations::approve(
            tx,
            &w.treasurer,
            id,
            &Approval {
                resolution_no: "5/2568",
                resolution_on: TODAY,
                guarantor_consents: &approval(&w),
            },
        )
    });
    assert!(own.unwrap_err().to_string().contains("อนุมัติรายการของตนเองไม่ได้"));
    let officer = w.store.write(|tx| {
        consolidations::approve(
            tx,
            &w.officer,
            id,
            &Approval {
                resolution_no: "5/2568",
                resolution_on: TODAY,
                guarantor_consents: &approval(&w),
            },
        )
    });
    assert!(officer.is_err());
    let no_resolution = w.store.write(|tx| {
        consolidations::approve(
            tx,
            &w.committee,
            id,
            &Approval {
                resolution_no: " ",
                resolution_on: TODAY,
                guarantor_consents: &approval(&w),
            },
        )
    });
    assert!(no_resolution.unwrap_err().to_string().contains("มติ"));
    let no_consent = w.store.write(|tx| {
        consolidations::approve(
            tx,
            &w.committee,
            id,
            &Approval { resolution_no: "5/2568", resolution_on: TODAY, guarantor_consents: &[] },
        )
    });
    assert!(no_consent.unwrap_err().to_string().contains("700"));
    assert_eq!(w.store.with(|c| consolidations::get(c, id)).unwrap().status, "draft");
}

#[test]
fn a_payment_after_the_snapshot_blocks_approval_until_refreshed() {
    let w = world([30_000, 10_000, 20_000], true);
    let s = settings(&w, RatePolicy::Weighted, TermChoice::Periods(36));
    let id = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    pay(&w, w.loans[2], ymd(2025, 11, 5), Satang::from_baht(500));
    let stale = w.store.write(|tx| {
        consolidations::approve(
            tx,
            &w.treasurer,
            id,
            &Approval {
                resolution_no: "5/2568",
                resolution_on: TODAY,
                guarantor_consents: &approval(&w),
            },
        )
    });
    assert!(stale.unwrap_err().to_string().contains("ปรับปรุงข้อมูล"));
    w.store.write(|tx| consolidations::refresh(tx, &w.officer, id)).unwrap();
    let no = w
        .store
        .write(|tx| {
            consolidations::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "5/2568",
                    resolution_on: TODAY,
                    guarantor_consents: &approval(&w),
                },
            )
        })
        .unwrap();
    assert_eq!(no, "รวม.1/2568");
    assert_check(&w);
}

#[test]
fn approval_creates_the_contract_and_household_payments_reach_each_fund() {
    let w = world([30_000, 10_000, 20_000], true);
    let mut s = settings(&w, RatePolicy::Tranches, TermChoice::Capacity(Satang::from_baht(2_500)));
    let snapshot =
        w.store.with(|c| consolidations::snapshot(c, w.household, s.as_of, &[])).unwrap();
    s.waivers = snapshot.iter().map(|l| (l.loan_id, Waiver::penalties_of(l))).collect();
    let id = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    let contract = w
        .store
        .write(|tx| {
            consolidations::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "7/2568",
                    resolution_on: ymd(2025, 11, 1),
                    guarantor_consents: &approval(&w),
                },
            )
        })
        .unwrap();

    for loan in &w.loans {
        let l = w.store.with(|c| loans::get(c, *loan)).unwrap();
        assert_eq!(l.status, LoanStatus::Consolidated);
        assert_eq!(l.consolidated_into, Some(id));
    }
    let tranches = w.store.with(|c| consolidations::tranches(c, id)).unwrap();
    let principal: Vec<&loans::Loan> =
        tranches.iter().filter(|t| t.tranche_part.as_deref() == Some("principal")).collect();
    assert_eq!(principal.len(), 3);
    assert!(principal.iter().all(|t| t.contract_no.starts_with(&contract)));
    let parties = w.store.with(|c| loans::parties(c, principal[0].id)).unwrap();
    assert!(
        parties
            .iter()
            .any(|p| p.person_id == w.guarantor && p.consent_on == Some(ymd(2025, 11, 3)))
    );
    assert_eq!(
        parties.iter().filter(|p| p.role == plodnee::domain::loan::PartyRole::CoBorrower).count(),
        2
    );
    assert_check(&w);

    // The household pays one installment's worth on its due date: each fund gets its share.
    let first_due = ymd(2025, 12, 1);
    let due: Satang = w
        .store
        .with(|c| contract_payments::statement(c, id, first_due))
        .unwrap()
        .iter()
        .map(|(_, st)| st.due_now())
        .sum();
    let receipt = w
        .store
        .write(|tx| {
            contract_payments::record(
                tx,
                &w.officer,
                id,
                &ContractPayment {
                    paid_on: first_due,
                    amount: due,
                    channel: Channel::Cash,
                    payer_name: "สมชาย",
                    note: "",
                },
                ymd(2025, 12, 1),
            )
        })
        .unwrap();
    assert_eq!(receipt.shares.iter().map(|s| s.amount).sum::<Satang>(), due);
    // Every tranche (each fund's principal and its interest-free carried arrears) gets its share.
    assert_eq!(receipt.shares.len(), tranches.len());
    let lines = w.store.with(|c| ledger::by_receipt(c, &receipt.receipt_no)).unwrap();
    assert_eq!(lines.len(), tranches.len());
    for t in &tranches {
        let t = w.store.with(|c| loans::get(c, t.id)).unwrap();
        let st = w.store.with(|c| loans::statement(c, &t, first_due)).unwrap();
        assert_eq!(
            st.installments[0].status,
            plodnee::domain::statement::Status::Paid,
            "{}",
            t.contract_no
        );
    }
    assert_check(&w);

    // Per-fund statements: received through tranches, and principal follows its identity.
    for fund in &w.funds {
        let fs = w
            .store
            .with(|c| fund_statement::compute(c, *fund, ymd(2024, 1, 1), ymd(2025, 12, 31)))
            .unwrap();
        assert!(fs.received_through_tranches.total().is_positive(), "{}", fs.fund_name);
        assert_eq!(
            fs.closing_principal,
            fs.opening_principal + fs.lent + fs.moved_in
                - fs.received_direct.principal
                - fs.received_through_tranches.principal
                - fs.moved_out
        );
        let open: Satang = w
            .store
            .with(|c| loans::of_household(c, w.household))
            .unwrap()
            .iter()
            .filter(|l| {
                l.fund_id == *fund
                    && l.status.is_open()
                    && l.tranche_part.as_deref() != Some("carried")
            })
            .map(|l| l.outstanding)
            .sum();
        assert_eq!(fs.closing_principal, open, "{}", fs.fund_name);
    }

    // Paid on it: the consolidation cannot be reversed.
    let refused = w.store.write(|tx| consolidations::reverse(tx, &w.committee, id, "ผิดพลาด"));
    assert!(refused.unwrap_err().to_string().contains("รับชำระแล้ว"));
}

// Issue 17 §A5: a fund whose carried part is 0.04 over 24 monthly installments made an
// interest-free tranche of 23 × 0.00 + 0.04, whose stored next due date (the first 0.00) was not
// the statement's (the first that asks for something), so `check` failed. Now the 0.04 is repaid
// one satang at a time with the first four installments, and check passes.
#[test]
fn a_carried_part_of_four_satang_makes_no_installment_of_zero() {
    let w = world([30_000, 10_000, 20_000], true);
    let mut s = settings(&w, RatePolicy::Tranches, TermChoice::Periods(24));
    let snapshot =
        w.store.with(|c| consolidations::snapshot(c, w.household, s.as_of, &[])).unwrap();
    let first = snapshot.iter().find(|l| l.loan_id == w.loans[0]).unwrap();
    assert!(first.interest > Satang(4), "the first loan owes interest to waive");
    s.waivers = snapshot
        .iter()
        .map(|l| {
            let mut waiver = Waiver::penalties_of(l);
            waiver.interest =
                if l.loan_id == w.loans[0] { l.interest - Satang(4) } else { l.interest };
            (l.loan_id, waiver)
        })
        .collect();
    let id = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    w.store
        .write(|tx| {
            consolidations::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "8/2568",
                    resolution_on: ymd(2025, 11, 1),
                    guarantor_consents: &approval(&w),
                },
            )
        })
        .unwrap();
    let tranches = w.store.with(|c| consolidations::tranches(c, id)).unwrap();
    let carried: Vec<&loans::Loan> =
        tranches.iter().filter(|t| t.tranche_part.as_deref() == Some("carried")).collect();
    assert_eq!(carried.len(), 1, "only the first fund carries anything");
    assert_eq!(carried[0].fund_id, w.funds[0]);
    assert_eq!(carried[0].principal, Satang(4));
    let schedule = w.store.with(|c| loans::schedule(c, carried[0].id)).unwrap();
    let parts: Vec<i64> = schedule.installments.iter().map(|i| i.payment().0).collect();
    assert_eq!(parts, vec![1, 1, 1, 1]);
    assert_eq!(carried[0].next_unpaid_due, Some(ymd(2025, 12, 1)));
    for t in &tranches {
        let schedule = w.store.with(|c| loans::schedule(c, t.id)).unwrap();
        assert!(
            schedule.installments.iter().all(|i| i.payment().is_positive()),
            "{}",
            t.contract_no
        );
        let st = w.store.with(|c| loans::statement(c, t, ymd(2025, 11, 1))).unwrap();
        assert_eq!(st.next_unpaid_due, t.next_unpaid_due, "{}", t.contract_no);
    }
    assert_check(&w);
}

#[test]
fn reversing_restores_the_exact_prior_state() {
    let w = world([30_000, 10_000, 20_000], true);
    let before = loan_rows(&w);
    let s = settings(&w, RatePolicy::Weighted, TermChoice::Periods(24));
    let id = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    w.store
        .write(|tx| {
            consolidations::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "8/2568",
                    resolution_on: TODAY,
                    guarantor_consents: &approval(&w),
                },
            )
        })
        .unwrap();
    assert_ne!(loan_rows(&w), before);
    let treasurer =
        w.store.write(|tx| consolidations::reverse(tx, &w.treasurer, id, "มติคลาดเคลื่อน"));
    assert!(treasurer.is_err(), "only the committee reverses an approval");
    w.store.write(|tx| consolidations::reverse(tx, &w.committee, id, "มติคลาดเคลื่อน")).unwrap();
    assert_eq!(loan_rows(&w), before);
    let tranches = w.store.with(|c| consolidations::tranches(c, id)).unwrap();
    assert!(tranches.iter().all(|t| t.status == LoanStatus::Voided));
    assert_check(&w);
    // The household can be consolidated again afterwards.
    let again =
        w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    assert!(again > id);
}

#[test]
fn a_debt_transfer_moves_a_loan_within_the_household_after_approval() {
    let w = world([30_000, 10_000, 20_000], false);
    let id = w
        .store
        .write(|tx| {
            transfers::prepare(
                tx,
                &w.officer,
                w.loans[1],
                w.members[0],
                "ผู้กู้ย้ายไปทำงานต่างจังหวัด",
                TODAY,
            )
        })
        .unwrap();
    assert!(w.store.write(|tx| transfers::approve(tx, &w.officer, id, "9/2568", TODAY)).is_err());
    w.store.write(|tx| transfers::approve(tx, &w.treasurer, id, "9/2568", TODAY)).unwrap();
    assert_eq!(w.store.with(|c| loans::get(c, w.loans[1])).unwrap().borrower_id, w.members[0]);
    let outsider =
        w.store.write(|tx| transfers::prepare(tx, &w.officer, w.loans[1], w.guarantor, "x", TODAY));
    assert!(outsider.unwrap_err().to_string().contains("ครัวเรือนเดียวกัน"));
    w.store.write(|tx| transfers::reverse(tx, &w.committee, id, "ทำผิดคน")).unwrap();
    assert_eq!(w.store.with(|c| loans::get(c, w.loans[1])).unwrap().borrower_id, w.members[1]);
    assert_check(&w);
}

#[derive(Debug, Clone)]
enum Step {
    Consolidate(u8, u8),
    PayContract(u8),
    ReverseLastReceipt,
    ReverseConsolidation,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u8..3, 0u8..2).prop_map(|(p, t)| Step::Consolidate(p, t)),
        (1u8..40).prop_map(Step::PayContract),
        Just(Step::ReverseLastReceipt),
        Just(Step::ReverseConsolidation),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn check_passes_after_any_sequence_of_consolidations_payments_and_reversals(
        principals in (5_000i64..80_000, 3_000i64..40_000, 1_000i64..30_000),
        late in any::<bool>(),
        steps in prop::collection::vec(step(), 1..7),
    ) {
        let w = world([principals.0, principals.1, principals.2], late);
        let before = loan_rows(&w);
        let mut current: Option<i64> = None;
        let mut receipts: Vec<i64> = Vec::new();
        let mut day = ymd(2025, 11, 1);
        for s in steps {
            match s {
                Step::Consolidate(policy, term) if current.is_none() => {
                    let policy = [RatePolicy::Unified { rate: AnnualRate::from_bp(500).unwrap() }, RatePolicy::Weighted, RatePolicy::Tranches][policy as usize];
                    let term = if term == 0 { TermChoice::Periods(30) } else { TermChoice::Capacity(Satang::from_baht(4_000)) };
                    let id = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &settings(&w, policy, term))).unwrap();
                    w.store.write(|tx| consolidations::approve(tx, &w.treasurer, id, &Approval { resolution_no: "1/2568", resolution_on: TODAY, guarantor_consents: &approval(&w) })).unwrap();
                    current = Some(id);
                    receipts.clear();
                }
                Step::PayContract(hundreds) => {
                    if let Some(id) = current {
                        day = day.succ_opt().unwrap();
                        let p = ContractPayment { paid_on: day, amount: Satang::from_baht(i64::from(hundreds) * 100), channel: Channel::Cash, payer_name: "", note: "" };
                        if let Ok(r) = w.store.write(|tx| contract_payments::record(tx, &w.officer, id, &p, TODAY)) {
                            receipts.push(r.receipt_id);
                        }
                    }
                }
                Step::ReverseLastReceipt => {
                    if let Some(r) = receipts.pop() {
                        w.store.write(|tx| ledger::reverse_receipt(tx, &w.treasurer, r, "ทดสอบ")).unwrap();
                    }
                }
                Step::ReverseConsolidation => {
                    if let Some(id) = current
                        && receipts.is_empty()
                    {
                        w.store.write(|tx| consolidations::reverse(tx, &w.committee, id, "ทดสอบ")).unwrap();
                        current = None;
                        prop_assert_eq!(loan_rows(&w), before.clone());
                    }
                }
                Step::Consolidate(..) => {}
            }
            let report = w.store.with(|c| check::run(c, |_, _| {})).unwrap();
            prop_assert!(report.ok(), "{:?}", report.problems);
        }
    }
}

// Issue 17 §B7: a consolidation draft and a debt transfer are rejected with a reason by someone
// other than their preparer, stay on record as rejected, and free the loans for a new proposal.
#[test]
fn a_draft_and_a_transfer_are_rejected_with_a_reason() {
    use plodnee::store::approvals::PendingKind;
    use plodnee::store::rejections;
    let w = world([30_000, 10_000, 20_000], false);
    let s = settings(&w, RatePolicy::Weighted, TermChoice::Periods(36));
    let id = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    let reject = |actor: &Actor, kind, id, reason: &str| {
        w.store.write(|tx| rejections::reject(tx, actor, kind, id, reason))
    };
    assert!(reject(&w.officer, PendingKind::Consolidation, id, "ไม่ครบ").is_err());
    assert!(reject(&w.treasurer, PendingKind::Consolidation, id, "").is_err());
    reject(&w.treasurer, PendingKind::Consolidation, id, "ครัวเรือนยังไม่ยินยอม").unwrap();
    assert_eq!(w.store.with(|c| consolidations::get(c, id)).unwrap().status, "rejected");
    let r = w
        .store
        .with(|c| rejections::rejection(c, PendingKind::Consolidation, id))
        .unwrap()
        .unwrap();
    assert_eq!((r.by, r.reason.as_str()), (w.treasurer.user_id, "ครัวเรือนยังไม่ยินยอม"));

    let t = w
        .store
        .write(|tx| transfers::prepare(tx, &w.officer, w.loans[1], w.members[0], "ย้ายถิ่น", TODAY))
        .unwrap();
    let again = w
        .store
        .write(|tx| transfers::prepare(tx, &w.officer, w.loans[1], w.members[2], "ย้ายถิ่น", TODAY));
    assert!(again.unwrap_err().to_string().contains("โอนภาระหนี้ เลขที่"));
    reject(&w.committee, PendingKind::Transfer, t, "ผู้รับโอนยังไม่ลงนาม").unwrap();
    assert_eq!(w.store.with(|c| transfers::get(c, t)).unwrap().status, "rejected");
    assert_eq!(w.store.with(|c| loans::get(c, w.loans[1])).unwrap().borrower_id, w.members[1]);
    // Nothing pending any more: the household may be consolidated after all.
    w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    assert_check(&w);
}
