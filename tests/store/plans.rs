//! Restructuring plans on a temporary database: options for a member with long arrears, proposal
//! and maker-checker approval with guarantors' consent, the old schedule kept, payments following
//! the plan, a release step earned, the plan broken, paid off, and eligibility to borrow again.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use plodnee::domain::address::Address;
use plodnee::domain::consolidation::{RatePolicy, TermChoice};
use plodnee::domain::loan::{Channel, FundKind, LoanStatus};
use plodnee::domain::person::Grade;
use plodnee::domain::plan::{Cadence, Grace, GraceKind, PlanOptions, ReleaseTerms, Sizing};
use plodnee::domain::plan_progress::{Health, Stage};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::role::Role;
use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
use plodnee::domain::{NationalId, Satang};
use plodnee::store::consolidations::{self, Settings};
use plodnee::store::plans::{self, Approval, Target};
use plodnee::store::{
    Actor, Store, check, funds, households, ledger, loans, persons, plan_tracking, users,
};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const AS_OF: NaiveDate = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
const FAR: NaiveDate = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();

struct W {
    store: Store,
    officer: Actor,
    treasurer: Actor,
    borrower: i64,
    guarantor: i64,
    fund: i64,
    loans: Vec<i64>,
    household: i64,
}

/// A member who borrowed 30,000 and 10,000 from two funds in 2023, paid three installments of
/// each and then stopped: long arrears with default interest.
fn world() -> W {
    let store = Store::memory().unwrap();
    let (officer, treasurer, borrower, guarantor, fund, loan_ids, household) = store
        .write(|tx| {
            let sys = Actor::system();
            let officer =
                users::create(tx, &sys, "officer", "เจ้าหน้าที่", Role::Officer, "password-1")?.actor();
            let treasurer =
                users::create(tx, &sys, "treasurer", "เหรัญญิก", Role::Treasurer, "password-2")?
                    .actor();
            let mut fund_ids = Vec::new();
            for (code, bp) in [("กทบ.", 600), ("อท.", 1200)] {
                fund_ids.push(funds::create(
                    tx,
                    &sys,
                    &funds::NewFund {
                        code: code.into(),
                        name: format!("กองทุน {code}"),
                        kind: FundKind::Other,
                        default_rate: AnnualRate::from_bp(bp).unwrap(),
                        default_method: Method::Annuity,
                        default_frequency: Frequency::Monthly,
                        default_periods: 24,
                        penalty_rate: AnnualRate::from_bp(500).unwrap(),
                    },
                )?);
            }
            let address = Address {
                house_no: "7".into(),
                village_no: 2,
                village_name: String::new(),
                subdistrict: "หนองบัว".into(),
                district: "บ้านโป่ง".into(),
                province: "ราชบุรี".into(),
                postcode: String::new(),
            };
            let hh = households::create(
                tx,
                &officer,
                &households::NewHousehold {
                    address: address.clone(),
                    registration_no: String::new(),
                },
            )?;
            let other = households::create(
                tx,
                &officer,
                &households::NewHousehold { address, registration_no: String::new() },
            )?;
            let new_person = |household: i64, first: &str, n: u8| persons::NewPerson {
                household_id: household,
                title: "นาย".into(),
                first_name: first.into(),
                last_name: "ทองดี".into(),
                national_id: NationalId::from_first12([3, 7, 0, 0, 1, 0, 0, 0, 0, 0, 0, n]),
                birth_date: None,
                phone: String::new(),
                grade: Grade::D,
            };
            let borrower = persons::create(tx, &officer, &new_person(hh, "บุญมี", 1))?;
            let spouse = persons::create(tx, &officer, &new_person(hh, "บุญเรือน", 3))?;
            let guarantor = persons::create(tx, &officer, &new_person(other, "ประยุทธ", 2))?;
            let mut ids = Vec::new();
            for (fund, baht, who) in
                [(fund_ids[0], 30_000, borrower), (fund_ids[1], 10_000, spouse)]
            {
                ids.push(loans::create(
                    tx,
                    &officer,
                    &loans::NewLoan {
                        contract_no: None,
                        fund_id: fund,
                        borrower_id: who,
                        terms: Terms {
                            principal: Satang::from_baht(baht),
                            rate: AnnualRate::from_bp(if fund == fund_ids[0] { 600 } else { 1200 })
                                .unwrap(),
                            method: Method::Annuity,
                            frequency: Frequency::Monthly,
                            periods: 24,
                            start: ymd(2023, 6, 10),
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
            Ok((officer, treasurer, borrower, guarantor, fund_ids[0], ids, hh))
        })
        .unwrap();
    let w = W { store, officer, treasurer, borrower, guarantor, fund, loans: loan_ids, household };
    for loan in w.loans.clone() {
        let s = w.store.with(|c| loans::schedule(c, loan)).unwrap();
        for inst in &s.installments[..3] {
            pay(&w, loan, inst.due_date, inst.payment());
        }
    }
    w
}

fn pay(w: &W, loan_id: i64, date: NaiveDate, amount: Satang) -> ledger::Receipt {
    let p = ledger::NewPayment {
        loan_id,
        paid_on: date,
        amount,
        channel: Channel::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    w.store.write(|tx| ledger::record(tx, &w.officer, &p, FAR)).unwrap()
}

fn assert_check(w: &W) {
    let report = w.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

fn base_options(sizing: Sizing) -> PlanOptions {
    PlanOptions {
        sizing,
        cadence: Cadence::Regular(Frequency::Monthly),
        grace: None,
        step_up_bp: 0,
        rate: None,
        waive_default_interest: false,
        waive_fees: true,
        release_default_interest: Some(ReleaseTerms {
            every: 6,
            max_days_late: 7,
            break_after_missed: 3,
        }),
    }
}

fn consents(w: &W) -> Vec<(i64, NaiveDate)> {
    vec![(w.guarantor, AS_OF)]
}

#[test]
fn three_options_compare_then_one_is_approved_and_replaces_the_schedule() {
    let w = world();
    let target = Target::Loan(w.loans[0]);
    let a = base_options(Sizing::Capacity(Satang::from_baht(1_500)));
    let mut b = base_options(Sizing::Periods(36));
    b.rate = Some(AnnualRate::from_bp(300).unwrap());
    let mut c = base_options(Sizing::Periods(8));
    c.cadence = Cadence::Harvest(vec![3, 11]);
    c.grace = Some(Grace { periods: 1, kind: GraceKind::InterestOnly });
    c.step_up_bp = 1_000;
    let options: Vec<_> = [&a, &b, &c]
        .iter()
        .map(|o| w.store.with(|conn| plans::preview(conn, target, AS_OF, o)).unwrap())
        .collect();
    let (owed, pa) = &options[0];
    assert!(owed.default_interest.is_positive(), "long arrears carry default interest");
    assert!(pa.max_installment() <= Satang::from_baht(1_500));
    assert_eq!(options[1].1.periods(), 36);
    assert_eq!(options[1].1.rate.bp(), 300);
    assert!(
        options[2]
            .1
            .installments
            .iter()
            .all(|i| [3, 11].contains(&chrono::Datelike::month(&i.due_date)))
    );
    assert_eq!(pa.released_if_kept(), owed.default_interest);

    let id =
        w.store.write(|tx| plans::propose(tx, &w.officer, target, AS_OF, &a, "ทางเลือก ก")).unwrap();
    let own = w.store.write(|tx| {
        plans::approve(
            tx,
            &w.officer,
            id,
            &Approval {
                resolution_no: "3/2568",
                resolution_on: AS_OF,
                guarantor_consents: &consents(&w),
            },
        )
    });
    assert!(own.is_err());
    let no_consent = w.store.write(|tx| {
        plans::approve(
            tx,
            &w.treasurer,
            id,
            &Approval { resolution_no: "3/2568", resolution_on: AS_OF, guarantor_consents: &[] },
        )
    });
    assert!(no_consent.unwrap_err().to_string().contains("700"));
    let new = w
        .store
        .write(|tx| {
            plans::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "3/2568",
                    resolution_on: AS_OF,
                    guarantor_consents: &consents(&w),
                },
            )
        })
        .unwrap();
    assert_eq!(new.len(), 1);
    assert!(w.store.with(|c| plodnee::store::approvals::pending(c)).unwrap().is_empty());

    let old = w.store.with(|c| loans::get(c, w.loans[0])).unwrap();
    assert_eq!(old.status, LoanStatus::Restructured);
    assert_eq!(
        w.store.with(|c| loans::schedule(c, old.id)).unwrap().installments.len(),
        24,
        "the old schedule is kept"
    );
    let fresh = w.store.with(|c| loans::get(c, new[0])).unwrap();
    assert_eq!(fresh.restructured_from, Some(old.id));
    assert_eq!(fresh.contract_no, format!("{}-ป1", old.contract_no));
    let parties = w.store.with(|c| loans::parties(c, fresh.id)).unwrap();
    assert_eq!(
        parties[0].consent_on,
        Some(AS_OF),
        "the guarantor's consent to more time is recorded"
    );
    assert_check(&w);
}

#[test]
fn payments_follow_the_plan_earn_a_release_and_paying_off_frees_the_member() {
    let w = world();
    let target = Target::Loan(w.loans[0]);
    let id = w
        .store
        .write(|tx| {
            plans::propose(tx, &w.officer, target, AS_OF, &base_options(Sizing::Periods(12)), "ก")
        })
        .unwrap();
    let new = w
        .store
        .write(|tx| {
            plans::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "4/2568",
                    resolution_on: AS_OF,
                    guarantor_consents: &consents(&w),
                },
            )
        })
        .unwrap()[0];

    // The member may not borrow while the plan holds the debt.
    let again = loans::NewLoan {
        contract_no: None,
        fund_id: w.fund,
        borrower_id: w.borrower,
        terms: Terms {
            principal: Satang::from_baht(5_000),
            rate: AnnualRate::from_bp(600).unwrap(),
            method: Method::Annuity,
            frequency: Frequency::Monthly,
            periods: 12,
            start: AS_OF,
            day_count: DayCount::Period,
            round_up_baht: false,
        },
        penalty_rate: AnnualRate::from_bp(500).unwrap(),
        purpose: String::new(),
        co_borrowers: vec![],
        guarantors: vec![],
        collateral: vec![],
    };
    let refused = w.store.write(|tx| loans::create(tx, &w.officer, &again));
    assert!(refused.unwrap_err().to_string().contains("ชำระให้หมดก่อน"));

    let progress = w.store.with(|c| plan_tracking::evaluate(c, id, AS_OF)).unwrap();
    assert_eq!((progress.stage, progress.health), (Stage::Hold, Health::OnTrack));
    let s = w.store.with(|c| loans::schedule(c, new)).unwrap();
    for inst in &s.installments[..6] {
        pay(&w, new, inst.due_date, inst.payment());
    }
    let progress =
        w.store.with(|c| plan_tracking::evaluate(c, id, s.installments[5].due_date)).unwrap();
    assert_eq!(progress.stage, Stage::Release);
    let releases = w.store.with(|c| plan_tracking::releases(c, id)).unwrap();
    assert_eq!(releases.len(), 1);
    assert_eq!(releases[0].1, progress.released);
    for inst in &s.installments[6..] {
        pay(&w, new, inst.due_date, inst.payment());
    }
    let end = s.installments[11].due_date;
    let progress = w.store.with(|c| plan_tracking::evaluate(c, id, end)).unwrap();
    assert_eq!(progress.stage, Stage::Free);
    assert_eq!(w.store.with(|c| plans::get(c, id)).unwrap().released, progress.released);
    assert_eq!(w.store.with(|c| loans::get(c, new)).unwrap().status, LoanStatus::Closed);
    w.store.write(|tx| loans::create(tx, &w.officer, &again)).expect("paid off: may borrow again");
    assert_check(&w);
}

#[test]
fn missing_installments_breaks_the_plan_and_the_set_aside_is_owed_again() {
    let w = world();
    let target = Target::Loan(w.loans[0]);
    let id = w
        .store
        .write(|tx| {
            plans::propose(tx, &w.officer, target, AS_OF, &base_options(Sizing::Periods(12)), "ก")
        })
        .unwrap();
    let new = w
        .store
        .write(|tx| {
            plans::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "4/2568",
                    resolution_on: AS_OF,
                    guarantor_consents: &consents(&w),
                },
            )
        })
        .unwrap()[0];
    let s = w.store.with(|c| loans::schedule(c, new)).unwrap();
    pay(&w, new, s.installments[0].due_date, s.installments[0].payment());
    let late = w
        .store
        .with(|c| plan_tracking::evaluate(c, id, s.installments[1].due_date + Days::new(3)))
        .unwrap();
    assert_eq!(late.health, Health::AtRisk);
    assert_eq!(w.store.with(|c| plan_tracking::needing_follow_up(c)).unwrap().len(), 1);
    let broken = w
        .store
        .with(|c| plan_tracking::evaluate(c, id, s.installments[3].due_date + Days::new(1)))
        .unwrap();
    assert_eq!(broken.health, Health::Broken);
    let set_aside = w.store.with(|c| plans::get(c, id)).unwrap().plan.released_if_kept();
    assert_eq!(broken.cancelled, set_aside);
    let loan = w.store.with(|c| loans::get(c, new)).unwrap();
    let st = w
        .store
        .with(|c| loans::statement(c, &loan, s.installments[3].due_date + Days::new(1)))
        .unwrap();
    assert_eq!(st.fees_due, set_aside, "the cancelled release is charged back");
    // Evaluating again does not charge it twice.
    w.store
        .with(|c| plan_tracking::evaluate(c, id, s.installments[3].due_date + Days::new(2)))
        .unwrap();
    let st = w
        .store
        .with(|c| loans::statement(c, &loan, s.installments[3].due_date + Days::new(2)))
        .unwrap();
    assert_eq!(st.fees_due, set_aside);
    assert_check(&w);
}

#[test]
fn a_consolidated_contract_is_restructured_fund_by_fund() {
    let w = world();
    let s = Settings {
        as_of: ymd(2025, 10, 1),
        loan_ids: vec![],
        waivers: BTreeMap::new(),
        capitalise_consent_on: None,
        policy: RatePolicy::Tranches,
        term: TermChoice::Periods(24),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        round_up_baht: false,
        borrower_id: w.borrower,
        guarantors: vec![w.guarantor],
    };
    let cid = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s)).unwrap();
    let no = w
        .store
        .write(|tx| {
            consolidations::approve(
                tx,
                &w.treasurer,
                cid,
                &consolidations::Approval {
                    resolution_no: "1/2568",
                    resolution_on: AS_OF,
                    guarantor_consents: &consents(&w),
                },
            )
        })
        .unwrap();
    let target = w.store.with(|c| plans::target_by_contract(c, &no)).unwrap();
    assert_eq!(target, Target::Contract(cid));
    let mut opts = base_options(Sizing::Capacity(Satang::from_baht(2_000)));
    opts.waive_default_interest = true;
    opts.release_default_interest = None;
    let (_, preview) = w.store.with(|c| plans::preview(c, target, AS_OF, &opts)).unwrap();
    let id = w.store.write(|tx| plans::propose(tx, &w.officer, target, AS_OF, &opts, "ก")).unwrap();
    let new = w
        .store
        .write(|tx| {
            plans::approve(
                tx,
                &w.treasurer,
                id,
                &Approval {
                    resolution_no: "2/2568",
                    resolution_on: AS_OF,
                    guarantor_consents: &consents(&w),
                },
            )
        })
        .unwrap();
    assert_eq!(new.len(), 2, "one new tranche per fund");
    let tranches = w.store.with(|c| consolidations::tranches(c, cid)).unwrap();
    let open: Vec<_> = tranches.iter().filter(|t| t.status.is_open()).collect();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|t| t.periods == preview.periods()));
    let first: Satang = open
        .iter()
        .map(|t| w.store.with(|c| loans::schedule(c, t.id)).unwrap().installments[0].payment())
        .sum();
    assert_eq!(
        first,
        preview.installments[0].total(),
        "fund parts add up to the plan's installment"
    );
    assert_check(&w);
}

// Issue 17 §B7: at most one pending proposal per loan; the approvals list tells rows apart by
// number, member and amounts; the treasurer or committee (not the preparer) rejects with a
// reason, and the rejected plan stays on record, audited.
#[test]
fn one_pending_proposal_per_loan_and_a_rejection_stays_on_record() {
    use plodnee::store::approvals::{self, PendingKind};
    use plodnee::store::rejections;
    let w = world();
    let committee = w
        .store
        .write(|tx| {
            Ok(users::create(
                tx,
                &Actor::system(),
                "chair",
                "ประธาน ค",
                Role::Committee,
                "password-3",
            )?
            .actor())
        })
        .unwrap();
    let target = Target::Loan(w.loans[0]);
    let id = w
        .store
        .write(|tx| {
            plans::propose(tx, &w.treasurer, target, AS_OF, &base_options(Sizing::Periods(24)), "ก")
        })
        .unwrap();
    let again = w.store.write(|tx| {
        plans::propose(tx, &w.officer, target, AS_OF, &base_options(Sizing::Periods(36)), "ข")
    });
    let message = again.unwrap_err().to_string();
    assert!(message.contains("มีรายการรออนุมัติอยู่แล้ว"), "{message}");
    assert!(message.contains(&format!("แผนปรับโครงสร้างหนี้ เลขที่ {id}")), "{message}");
    let s = Settings {
        as_of: AS_OF,
        loan_ids: vec![],
        waivers: BTreeMap::new(),
        capitalise_consent_on: None,
        policy: RatePolicy::Tranches,
        term: TermChoice::Periods(24),
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        round_up_baht: false,
        borrower_id: w.borrower,
        guarantors: vec![w.guarantor],
    };
    let draft = w.store.write(|tx| consolidations::prepare(tx, &w.officer, w.household, &s));
    assert!(draft.unwrap_err().to_string().contains("มีรายการรออนุมัติอยู่แล้ว"));

    let pending = w.store.with(|c| approvals::pending(c)).unwrap();
    assert_eq!(pending.len(), 1);
    let row = &pending[0];
    assert_eq!(row.number, format!("แผนที่ {id}"));
    assert_eq!(row.member, "นายบุญมี ทองดี");
    let plan = w.store.with(|c| plans::get(c, id)).unwrap().plan;
    assert_eq!(row.amount, plan.principal + plan.carried);
    assert_eq!((row.installment, row.periods), (plan.regular_installment(), 24));

    let reject = |actor: &Actor, reason: &str| {
        w.store.write(|tx| rejections::reject(tx, actor, PendingKind::Plan, id, reason))
    };
    assert!(reject(&w.treasurer, "ค่างวดสูงเกินไป").unwrap_err().to_string().contains("ของตนเอง"));
    assert!(reject(&w.officer, "ค่างวดสูงเกินไป").is_err(), "an officer may not reject");
    assert!(reject(&committee, "  ").unwrap_err().to_string().contains("เหตุผล"));
    reject(&committee, "ค่างวดสูงเกินความสามารถของครัวเรือน").unwrap();

    let rec = w.store.with(|c| plans::get(c, id)).unwrap();
    assert_eq!(rec.status, "rejected");
    let r = w.store.with(|c| rejections::rejection(c, PendingKind::Plan, id)).unwrap().unwrap();
    assert_eq!((r.by, r.by_name.as_str()), (committee.user_id, "ประธาน ค"));
    assert_eq!(r.reason, "ค่างวดสูงเกินความสามารถของครัวเรือน");
    assert!(!r.at.is_empty());
    let audited: i64 = w
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'reject_plan' AND entity_id = ?1 AND detail = ?2",
                rusqlite::params![id, r.reason],
                |x| x.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(audited, 1);
    assert!(reject(&committee, "อีกครั้ง").is_err(), "only a pending proposal can be rejected");
    assert!(w.store.with(|c| approvals::pending(c)).unwrap().is_empty());
    // Once rejected, the loan may have a new proposal.
    w.store
        .write(|tx| {
            plans::propose(tx, &w.officer, target, AS_OF, &base_options(Sizing::Periods(36)), "ข")
        })
        .unwrap();
    assert_check(&w);
}
